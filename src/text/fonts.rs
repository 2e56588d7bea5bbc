//! The font files lineage ships (compiled in, see `assets/fonts/README.md`)
//! and the ones the user adds with `--font FILE`: which font draws which
//! character of a face, and the advance of characters the compiled width
//! tables do not cover (CJK, mostly).
//!
//! Every face has a chain: its Latin font, the CJK font of its look, then
//! the user's fonts in the order given. The first font in the chain that
//! maps a character draws it, in every format (embedded SVG, PNG, text as
//! paths), and the same font gives its width. A character no font maps is
//! *missing*: the caller warns (see `write::svg::document::missing`).
//!
//! This module never reads files: the CLI reads `--font` files and hands
//! the bytes to [`add_user_fonts`] once, before anything is drawn.

use super::Face;
use std::sync::OnceLock;
use ttf_parser::Face as Parsed;

/// One font lineage can draw with.
pub struct Font {
    /// The CSS family name the SVG's font stacks use for it.
    pub family: String,
    /// CSS `font-weight` it is declared with.
    pub bold: bool,
    /// The font file (TrueType or OpenType/CFF).
    pub data: &'static [u8],
    parsed: Parsed<'static>,
}

impl Font {
    fn new(family: &str, bold: bool, data: &'static [u8]) -> Option<Font> {
        let parsed = Parsed::parse(data, 0).ok()?;
        Some(Font {
            family: family.to_string(),
            bold,
            data,
            parsed,
        })
    }

    /// The font's glyph for `c`, if it has one (glyph 0 is "missing").
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Advance of `c` in 1/1000 em, rounded half up, if the font has it.
    pub fn units(&self, c: char) -> Option<u32> {
        let g = self.parsed.glyph_index(c).filter(|g| g.0 != 0)?;
        let advance = u64::from(self.parsed.glyph_hor_advance(g)?);
        let per_em = u64::from(self.parsed.units_per_em()).max(1);
        Some(((advance * 1000 * 2 + per_em) / (2 * per_em)) as u32)
    }

    /// The outline of glyph `g` as SVG path data in 1/1000 em, y down as SVG
    /// has it (the baseline at 0, ascenders negative), integer coordinates,
    /// relative after the first move (shorter numbers); `None` for a glyph
    /// with no outline (a space).
    pub fn outline(&self, g: u16) -> Option<String> {
        /// Path data built with relative commands from rounded points, so
        /// rounding never accumulates.
        struct Path {
            d: String,
            scale: f32,
            at: (i32, i32),
            start: (i32, i32),
        }
        impl Path {
            fn round(&self, x: f32, y: f32) -> (i32, i32) {
                (
                    (x * self.scale).round() as i32,
                    (-y * self.scale).round() as i32,
                )
            }
            /// Appends `(x, y)` relative to the current point.
            fn rel(&mut self, p: (i32, i32), sep: bool) {
                use std::fmt::Write;
                let (dx, dy) = (p.0 - self.at.0, p.1 - self.at.1);
                if sep && dx >= 0 {
                    self.d.push(' ');
                }
                let _ = write!(self.d, "{dx}");
                if dy >= 0 {
                    self.d.push(' ');
                }
                let _ = write!(self.d, "{dy}");
            }
            fn segment(&mut self, cmd: char, points: &[(f32, f32)]) {
                self.d.push(cmd);
                let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| self.round(x, y)).collect();
                for (k, &p) in pts.iter().enumerate() {
                    self.rel(p, k > 0);
                }
                if let Some(&last) = pts.last() {
                    self.at = last;
                }
            }
        }
        impl ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                self.segment('m', &[(x, y)]);
                self.start = self.at;
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.segment('l', &[(x, y)]);
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                // Both points relative to the segment's start.
                let from = self.at;
                self.d.push('q');
                let (c, e) = (self.round(x1, y1), self.round(x, y));
                self.rel(c, false);
                self.at = from;
                self.rel(e, true);
                self.at = e;
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                let from = self.at;
                self.d.push('c');
                let (c1, c2, e) = (self.round(x1, y1), self.round(x2, y2), self.round(x, y));
                self.rel(c1, false);
                self.at = from;
                self.rel(c2, true);
                self.at = from;
                self.rel(e, true);
                self.at = e;
            }
            fn close(&mut self) {
                self.d.push('z');
                self.at = self.start;
            }
        }
        let mut path = Path {
            d: String::new(),
            scale: 1000.0 / f32::from(self.parsed.units_per_em().max(1)),
            at: (0, 0),
            start: (0, 0),
        };
        self.parsed
            .outline_glyph(ttf_parser::GlyphId(g), &mut path)?;
        Some(path.d).filter(|d| !d.is_empty())
    }

    /// Whether the font is OpenType with CFF outlines (else TrueType).
    pub fn is_cff(&self) -> bool {
        self.data.starts_with(b"OTTO")
    }
}

/// Which bundled font.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bundled {
    Sans,
    SansBold,
    Hand,
    /// LXGW WenKai, subset (see `tools/gen-cjk-fonts.py`): the hand look's CJK.
    HandCjk,
    /// Noto Sans CJK SC, subset: the clean look's CJK.
    SansCjk,
}

impl Bundled {
    pub const ALL: [Bundled; 5] = [
        Bundled::Sans,
        Bundled::SansBold,
        Bundled::Hand,
        Bundled::HandCjk,
        Bundled::SansCjk,
    ];

    fn data(self) -> &'static [u8] {
        match self {
            Bundled::Sans => include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
            Bundled::SansBold => include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
            Bundled::Hand => include_bytes!("../../assets/fonts/ComicNeue-Regular.otf"),
            Bundled::HandCjk => include_bytes!("../../assets/fonts/LXGWWenKai-lineage.ttf"),
            Bundled::SansCjk => include_bytes!("../../assets/fonts/NotoSansSC-lineage.otf"),
        }
    }

    /// The family name an embedded SVG declares it under, first in the
    /// font stacks of `text::font_stack` and `text::cjk_stack`. Our own
    /// names, not the fonts': a cut-down font must not take a Reserved Font
    /// Name (OFL clause 3; "Liberation", "LXGW"), and a viewer's installed
    /// font of the same name is not shadowed.
    pub fn family(self) -> &'static str {
        match self {
            Bundled::Sans | Bundled::SansBold => "lineage-sans",
            Bundled::Hand => "lineage-hand",
            Bundled::HandCjk => "lineage-hand-cjk",
            Bundled::SansCjk => "lineage-sans-cjk",
        }
    }

    pub fn font(self) -> &'static Font {
        static FONTS: OnceLock<Vec<Font>> = OnceLock::new();
        let fonts = FONTS.get_or_init(|| {
            Bundled::ALL
                .iter()
                .map(|&b| {
                    // The files are ours, compiled in, and a test parses
                    // each: failing here is a build broken by hand.
                    Font::new(b.family(), b == Bundled::SansBold, b.data())
                        .expect("a bundled font parses")
                })
                .collect()
        });
        &fonts[self as usize]
    }
}

/// The user's fonts (`--font`), in the order given; empty until set.
static USER: OnceLock<Vec<Font>> = OnceLock::new();

/// Adds the user's fonts, once per run, before anything is measured or
/// drawn. Each gets the family name `lineage-user-N` (N from 1) in the font
/// stacks. Returns the index of a file that is not a font, if any.
pub fn add_user_fonts(files: Vec<Vec<u8>>) -> Result<(), usize> {
    if USER.get().is_some() {
        // Added already (`--watch` renders again): keep the first ones.
        return Ok(());
    }
    let mut fonts = Vec::new();
    for (i, bytes) in files.into_iter().enumerate() {
        // Leaked once per run: the fonts live as long as the program.
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let family = format!("lineage-user-{}", i + 1);
        fonts.push(Font::new(&family, false, data).ok_or(i)?);
    }
    let _ = USER.set(fonts);
    Ok(())
}

/// The user's fonts, in the order given.
pub fn user_fonts() -> &'static [Font] {
    USER.get().map_or(&[], Vec::as_slice)
}

/// The bundled fonts of `face`: its Latin font, then its CJK font.
pub fn bundled_chain(face: Face) -> [Bundled; 2] {
    match face {
        Face::Sans => [Bundled::Sans, Bundled::SansCjk],
        Face::SansBold => [Bundled::SansBold, Bundled::SansCjk],
        Face::Hand => [Bundled::Hand, Bundled::HandCjk],
    }
}

/// The font that draws `c` in `face`: the first of the face's chain that
/// has it, else `None` (missing).
pub fn font_for(c: char, face: Face) -> Option<&'static Font> {
    bundled_chain(face)
        .iter()
        .map(|b| b.font())
        .chain(user_fonts())
        .find(|f| f.has(c))
}

/// Advance in 1/1000 em of `c` in `face` from the font files, for a
/// character outside the compiled tables: the face's CJK font, then the
/// user's fonts. (The Latin fonts' widths are in the tables.)
pub fn units(c: char, face: Face) -> Option<u32> {
    let cjk = bundled_chain(face)[1].font();
    std::iter::once(cjk)
        .chain(user_fonts())
        .find_map(|f| f.units(c))
}

/// Whether some font of `face`'s chain draws `c`; spaces, controls and
/// zero-width format characters need no glyph.
pub fn drawable(c: char, face: Face) -> bool {
    c.is_whitespace() || c.is_control() || super::zero_width(c) || font_for(c, face).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_parses_and_has_its_script() {
        for b in Bundled::ALL {
            let f = b.font();
            let sample = match b {
                Bundled::HandCjk | Bundled::SansCjk => '模',
                _ => 'g',
            };
            assert!(f.has(sample), "{b:?}");
        }
        assert!(!Bundled::Sans.font().has('模'));
        assert!(Bundled::Hand.font().is_cff());
        assert!(!Bundled::Sans.font().is_cff());
    }

    #[test]
    fn chains_cover_chinese_and_not_emoji() {
        for face in [Face::Sans, Face::SansBold, Face::Hand] {
            for c in "GPT-3 上下文学习（ICL）。".chars() {
                assert!(drawable(c, face), "{face:?} {c}");
            }
            assert!(!drawable('🚀', face));
        }
        assert_eq!(
            font_for('模', Face::Hand).map(|f| f.family.as_str()),
            Some("lineage-hand-cjk")
        );
        assert_eq!(font_for('a', Face::SansBold).map(|f| f.bold), Some(true));
    }
}
