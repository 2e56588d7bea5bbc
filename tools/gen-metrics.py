#!/usr/bin/env python3
"""Generate src/text/metrics.rs: glyph advance widths for lineage's text layout.

lineage must produce byte-identical SVG on every machine, so it never looks at
the fonts installed where it runs.  Instead this script reads a few open fonts
from Debian packages once, at development time, and writes their advance
widths (numbers only, no outlines) as Rust source.  The generated file is
committed; re-run this script only to change faces or coverage.

Requirements (Debian 12):
    apt-get install fonts-liberation fonts-liberation2 fonts-comic-neue \
        fonts-lxgw-wenkai python3-fonttools
    # or: pip install fonttools

Usage:
    tools/gen-metrics.py            # rewrite src/text/metrics.rs
    tools/gen-metrics.py --check    # exit 1 if src/text/metrics.rs is stale
    tools/gen-metrics.py --out FILE

Every face has a chain of source fonts.  The first font is the one named first
in the face's CSS font stack and supplies the vertical metrics; a code point it
lacks takes its width from the next font that has it (the one a browser would
fall back to), and if none has it, from the rules below.

Width rules, in order, for each code point of the tables:
  * combining marks, format characters (Mn, Me, Cf, Zl, Zp) and emoji skin-tone
    modifiers: 0;
  * East Asian Wide/Fullwidth, CJK blocks, Hangul syllables: 1000 (1 em);
  * the first source font that maps the code point: its advance;
  * Unicode spaces U+2000..U+205F by their definition (en space = 1/2 em, ...);
  * half-width forms and regional indicators: 500;
  * otherwise the face's average width ("missing").
The same zero-width / wide / half-width classes are emitted as range tables for
code points outside the tables; src/text/mod.rs applies them at run time.

All widths are integers in 1/1000 em, rounded half up from font units.  The
output depends only on the font files (their versions are recorded in the
header) and on the Unicode version of Python's unicodedata (also recorded).
"""

import argparse
import os
import sys
import unicodedata

try:
    from fontTools.ttLib import TTFont
except ImportError:  # pragma: no cover
    sys.exit(
        "gen-metrics.py needs fontTools: `apt-get install python3-fonttools` "
        "or `pip install fonttools`"
    )

LIB1 = "/usr/share/fonts/truetype/liberation"
LIB2 = "/usr/share/fonts/truetype/liberation2"
COMIC = "/usr/share/fonts/opentype/comic-neue"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai"

# (Rust static name, Face variant, [(Debian package, font file, licence)]).
# Liberation Sans 1.07.4 comes first because it matches Arial/Helvetica
# exactly (2.x changed e.g. U+00B7 MIDDLE DOT); 2.1.5 fills its gaps
# (Latin Extended-B, Greek, Cyrillic, ...).
FACES = [
    (
        "SANS",
        "Sans",
        [
            ("fonts-liberation", f"{LIB1}/LiberationSans-Regular.ttf",
             "GPL-2 with font exception (Liberation Fonts licence)"),
            ("fonts-liberation2", f"{LIB2}/LiberationSans-Regular.ttf",
             "OFL-1.1"),
        ],
    ),
    (
        "SANS_BOLD",
        "SansBold",
        [
            ("fonts-liberation", f"{LIB1}/LiberationSans-Bold.ttf",
             "GPL-2 with font exception (Liberation Fonts licence)"),
            ("fonts-liberation2", f"{LIB2}/LiberationSans-Bold.ttf",
             "OFL-1.1"),
        ],
    ),
    (
        "HAND",
        "Hand",
        [
            ("fonts-comic-neue", f"{COMIC}/ComicNeue-Regular.otf", "OFL-1.1"),
            ("fonts-lxgw-wenkai", f"{WENKAI}/LXGWWenKai-Regular.ttf",
             "OFL-1.1"),
        ],
    ),
]

# Code point blocks with per-face width tables, [start, end] inclusive.
# U+0000..U+001F are left out (controls, width 0 at run time).
SEGMENTS = [
    (0x0020, 0x02FF),  # Basic Latin .. Latin Extended-B, IPA, modifier letters
    (0x0370, 0x04FF),  # Greek and Coptic, Cyrillic
    (0x2000, 0x20CF),  # General Punctuation, super/subscripts, currency
    (0x2100, 0x22FF),  # Letterlike, Number Forms, Arrows, Math Operators
    (0x25A0, 0x25FF),  # Geometric Shapes (bullets: ● ■ ▲ ◆ ○ □)
]

# Always 1 em, whatever the East Asian Width data says (brief / CSS practice).
WIDE_EXTRA = [
    (0x2E80, 0x9FFF),  # CJK radicals .. CJK Unified Ideographs
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xAC00, 0xD7AF),  # Hangul Syllables
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFF00, 0xFF60),  # Fullwidth forms (the half-width ones are H below)
    (0xFFE0, 0xFFE6),  # Fullwidth signs
    (0x20000, 0x2FFFD),  # CJK Extension B.. (plane 2)
    (0x30000, 0x3FFFD),  # plane 3
]

# Emoji skin-tone modifiers merge with the emoji before them.
ZERO_EXTRA = [(0x1F3FB, 0x1F3FF)]

# Half an em: regional indicators (a flag is two of them, 1 em in all).
HALF_EXTRA = [(0x1F1E6, 0x1F1FF)]

# Prepended concatenation marks are Cf but visible: not zero width.
VISIBLE_CF = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD,
              0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}

# Spaces by definition, in 1/1000 em, when no source font has them.
# None = measured from another character (figure / punctuation space).
SPACE_DEFS = {
    0x2000: 500, 0x2001: 1000, 0x2002: 500, 0x2003: 1000, 0x2004: 333,
    0x2005: 250, 0x2006: 167, 0x2007: "0", 0x2008: ".", 0x2009: 200,
    0x200A: 100, 0x202F: 200, 0x205F: 222,
}


def in_ranges(cp, ranges):
    return any(a <= cp <= b for a, b in ranges)


def category(cp):
    return unicodedata.category(chr(cp))


def is_zero(cp):
    if in_ranges(cp, ZERO_EXTRA):
        return True
    return category(cp) in ("Mn", "Me", "Cf", "Zl", "Zp") and cp not in VISIBLE_CF


def is_wide(cp):
    if is_zero(cp):
        return False
    if in_ranges(cp, WIDE_EXTRA):
        return True
    return category(cp) != "Cn" and unicodedata.east_asian_width(chr(cp)) in "WF"


def is_half(cp):
    if is_zero(cp) or is_wide(cp):
        return False
    if in_ranges(cp, HALF_EXTRA):
        return True
    return category(cp) != "Cn" and unicodedata.east_asian_width(chr(cp)) == "H"


def collect_ranges(pred):
    """Inclusive ranges of code points satisfying pred.  A gap made only of
    unassigned code points is bridged, which keeps the table short."""
    out = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if not pred(cp):
            continue
        if out and (
            out[-1][1] == cp - 1
            or all(category(g) == "Cn" for g in range(out[-1][1] + 1, cp))
        ):
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def to_milli(units, upm):
    """Font units to 1/1000 em, rounded half up, in exact integer arithmetic."""
    return (2 * units * 1000 + upm) // (2 * upm)


class Source:
    def __init__(self, package, path, licence):
        if not os.path.exists(path):
            sys.exit(f"missing {path}: apt-get install {package}")
        self.package = package
        self.path = path
        self.licence = licence
        font = TTFont(path, lazy=True)
        self.upm = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.hmtx = font["hmtx"]
        name = font["name"]
        self.family = name.getDebugName(1)
        self.full = name.getDebugName(4)
        self.version = name.getDebugName(5).split(";")[0]
        os2 = font["OS/2"]
        hhea = font["hhea"]
        if os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
            asc, desc, gap = os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap
        else:
            asc, desc, gap = hhea.ascent, -hhea.descent, hhea.lineGap
        self.ascent = to_milli(asc, self.upm)
        self.descent = to_milli(desc, self.upm)
        self.line_gap = to_milli(gap, self.upm)

    def width(self, cp):
        glyph = self.cmap.get(cp)
        if glyph is None:
            return None
        return to_milli(self.hmtx[glyph][0], self.upm)


def face_widths(sources):
    primary = sources[0]
    ascii_widths = [primary.width(cp) for cp in range(0x20, 0x7F)]
    if None in ascii_widths:
        sys.exit(f"{primary.path} lacks printable ASCII")
    # Average of printable ASCII: the same definition for every face
    # (OS/2 xAvgCharWidth means different things in different font versions).
    missing = (2 * sum(ascii_widths) + len(ascii_widths)) // (2 * len(ascii_widths))

    def lookup(cp):
        if is_zero(cp) or category(cp) == "Cc":
            return 0
        if is_wide(cp):
            return 1000
        for src in sources:
            w = src.width(cp)
            if w is not None:
                return w
        if cp in SPACE_DEFS:
            d = SPACE_DEFS[cp]
            return d if isinstance(d, int) else lookup(ord(d))
        if is_half(cp):
            return 500
        return missing

    tables = []
    for a, b in SEGMENTS:
        tables.append([lookup(cp) for cp in range(a, b + 1)])
    return missing, tables


def rust_ranges(name, doc, ranges):
    lines = [f"/// {doc}", f"pub(crate) static {name}: &[(u32, u32)] = &["]
    row = []
    for a, b in ranges:
        row.append(f"(0x{a:04X}, 0x{b:04X})")
        if len(row) == 5:
            lines.append("    " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("    " + ", ".join(row) + ",")
    lines.append("];")
    return lines


def generate():
    out = [
        "// @generated by tools/gen-metrics.py -- do not edit by hand.",
        "//",
        "// Advance widths in 1/1000 em, read once from these font files",
        "// (numbers only; no font data is shipped):",
    ]
    faces = []
    for static, variant, chain in FACES:
        sources = [Source(*s) for s in chain]
        for s in sources:
            out.append(
                f"//   {variant}: {s.full} {s.version}, {os.path.basename(s.path)} "
                f"(Debian {s.package}, {s.licence}, {s.upm} units/em)"
            )
        faces.append((static, variant, sources, *face_widths(sources)))
    out += [
        f"// Character classes from Unicode {unicodedata.unidata_version} "
        "(Python unicodedata).",
        "",
        "/// Widths in the tables are in units of 1/1000 em.",
        "pub(crate) const UNITS_PER_EM: u32 = 1000;",
        "",
        "/// Code point blocks `(first, last)` covered by every face's `widths`,",
        "/// laid end to end in this order.",
        "pub(crate) static SEGMENTS: &[(u32, u32)] = &[",
    ]
    for a, b in SEGMENTS:
        out.append(f"    (0x{a:04X}, 0x{b:04X}),")
    total = sum(b - a + 1 for a, b in SEGMENTS)
    out += [
        "];",
        "",
        "/// Measurements of one face.",
        "pub(crate) struct FaceMetrics {",
        "    /// Ascent above the baseline, 1/1000 em.",
        "    pub ascent: u16,",
        "    /// Descent below the baseline (positive), 1/1000 em.",
        "    pub descent: u16,",
        "    /// Extra gap between lines, 1/1000 em.",
        "    pub line_gap: u16,",
        "    /// Width for a code point no table or class covers: the average",
        "    /// width of printable ASCII, 1/1000 em.",
        "    pub missing: u16,",
        "    /// Advance widths for the code points of `SEGMENTS`, 1/1000 em.",
        f"    pub widths: &'static [u16; {total}],",
        "}",
        "",
    ]
    for static, variant, sources, missing, tables in faces:
        p = sources[0]
        out += [
            f"/// `Face::{variant}`: {p.full} {p.version}.",
            f"pub(crate) static {static}: FaceMetrics = FaceMetrics {{",
            f"    ascent: {p.ascent},",
            f"    descent: {p.descent},",
            f"    line_gap: {p.line_gap},",
            f"    missing: {missing},",
            f"    widths: &{static}_WIDTHS,",
            "};",
            "",
            f"static {static}_WIDTHS: [u16; {total}] = [",
        ]
        for (a, _b), table in zip(SEGMENTS, tables):
            for i in range(0, len(table), 16):
                row = table[i:i + 16]
                out.append(
                    "    " + ",".join(str(w) for w in row) + f", // {a + i:04X}"
                )
        out += ["];", ""]
    out += rust_ranges(
        "ZERO_WIDTH",
        "Zero-width code points: combining marks, format characters, "
        "skin-tone modifiers.",
        collect_ranges(is_zero),
    )
    out.append("")
    out += rust_ranges(
        "WIDE",
        "Full-width (1 em) code points: East Asian Wide/Fullwidth, CJK, "
        "Hangul, emoji.",
        collect_ranges(is_wide),
    )
    out.append("")
    out += rust_ranges(
        "HALF",
        "Half-width (1/2 em) code points: half-width forms, regional "
        "indicators.",
        collect_ranges(is_half),
    )
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(here, "..", "src", "text", "metrics.rs")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=default_out)
    ap.add_argument("--check", action="store_true",
                    help="compare with --out instead of writing it")
    args = ap.parse_args()
    text = generate()
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.exit(f"{args.out} is stale: run tools/gen-metrics.py")
        print(f"{args.out} is up to date")
        return
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {args.out} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
