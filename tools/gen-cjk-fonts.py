#!/usr/bin/python3
"""Make the bundled Chinese faces: assets/fonts/LXGWWenKai-lineage.ttf (the
hand-drawn look) and assets/fonts/NotoSansSC-lineage.otf (the clean look).

A whole CJK font is 15-20 MB; lineage compiles its fonts into the binary, so
it ships a subset of the characters Chinese figures use:
  * GB2312 level 1 (the 3,755 most common hanzi) and GB2312's punctuation,
    full-width forms and kana rows (rows 1-9);
  * every CJK character in src/words.rs, graphs/ and tests/*.ron, so each
    figure the project draws is covered.
Layout tables (GSUB, GPOS, ...) are dropped: lineage measures advances one by
one and never shapes, so the figure keeps the widths it was laid out with.
The name table keeps the copyright and the OFL licence text, but the family
is renamed (lineage-hand-cjk, lineage-sans-cjk): a cut-down font is a
Modified Version under the OFL, and LXGW WenKai reserves the names "LXGW"
and "霞鹜" (clause 3); Noto reserves none, and is renamed the same way.

Requirements (Debian 12):
    apt-get install python3-fonttools fonts-noto-cjk
    apt-get download fonts-lxgw-wenkai && dpkg -x fonts-lxgw-wenkai_*.deb DIR

Usage:
    tools/gen-cjk-fonts.py [--wenkai DIR/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf]

The output depends only on the input fonts and the repository's text; run it
again after adding Chinese words, and commit the two fonts.
"""

import argparse
import glob
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTO_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"


def is_cjk(cp):
    """The ranges of `text::is_cjk` in src/text/mod.rs."""
    for first, last in [
        (0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
        (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
        (0x20000, 0x3FFFD),
    ]:
        if first <= cp <= last:
            return True
    return False


def gb2312(rows):
    out = set()
    for row in rows:
        for col in range(0xA1, 0xFF):
            try:
                out.update(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def repo_chars():
    paths = [os.path.join(ROOT, "src", "words.rs")]
    paths += sorted(glob.glob(os.path.join(ROOT, "graphs", "*")))
    paths += sorted(glob.glob(os.path.join(ROOT, "tests", "*.ron")))
    out = set()
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.update(c for c in f.read() if is_cjk(ord(c)))
    return out


def wanted():
    level1 = gb2312(range(0xB0, 0xD8))  # rows 16-55
    symbols = gb2312(range(0xA1, 0xAA))  # rows 1-9
    chars = level1 | symbols | repo_chars()
    # Also the CJK punctuation and full-width forms the line breaker knows.
    chars |= {chr(c) for c in range(0x3000, 0x3040)}
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}
    return sorted(ord(c) for c in chars)


def noto_sc():
    coll = TTCollection(NOTO_TTC)
    for font in coll.fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return font
    sys.exit(f"no Noto Sans CJK SC in {NOTO_TTC}")


def rename(font, family, source):
    """Family `family` in every name record that names the font."""
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=rec.nameID)
    for nid, text in [(1, family), (2, "Regular"), (3, family), (4, family), (6, family)]:
        name.setName(text, nid, 3, 1, 0x409)
    name.setName(
        f"{family}: the characters lineage draws, cut from {source} "
        "(tools/gen-cjk-fonts.py)", 10, 3, 1, 0x409)


def make(font, unicodes, out, family, source):
    opts = subset.Options()
    opts.layout_features = []
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    opts.name_IDs = ["*"]
    opts.name_languages = [0x409]
    opts.notdef_outline = True
    opts.hinting = False
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename(font, family, source)
    # No clock in the output: the same inputs give the same bytes.
    font["head"].modified = font["head"].created
    font.recalcTimestamp = False
    font.save(out, reorderTables=True)
    have = set(font.getBestCmap())
    print(f"{out}: {os.path.getsize(out):,} bytes, {len(have)} characters")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wenkai", default=WENKAI)
    args = ap.parse_args()
    unicodes = wanted()
    fonts = os.path.join(ROOT, "assets", "fonts")
    make(TTFont(args.wenkai), unicodes, os.path.join(fonts, "LXGWWenKai-lineage.ttf"),
         "lineage-hand-cjk", "LXGW WenKai Regular 1.250 (Debian fonts-lxgw-wenkai)")
    make(noto_sc(), unicodes, os.path.join(fonts, "NotoSansSC-lineage.otf"),
         "lineage-sans-cjk", "Noto Sans CJK SC Regular 2.004 (Debian fonts-noto-cjk)")


if __name__ == "__main__":
    main()
