//! Colours: one per capability, method and branch, the same in every figure
//! and every format, and the light and dark themes they sit on.
//!
//! A colour is chosen by declaration index, never by hashing a name, so a
//! lineage's figures agree with each other and across runs. This module
//! picks colours; it draws nothing.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        // Written digit by digit: a large figure asks for hundreds of
        // thousands of these, and `format!` was a visible share of its time.
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(7);
        out.push('#');
        for b in [self.0, self.1, self.2] {
            out.push(DIGITS[usize::from(b >> 4)] as char);
            out.push(DIGITS[usize::from(b & 15)] as char);
        }
        out
    }

    /// `self` moved towards `other` by `t` (0 = self, 1 = other).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let lerp = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(
            lerp(self.0, other.0),
            lerp(self.1, other.1),
            lerp(self.2, other.2),
        )
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        // Each channel's share from a table made once: `Theme::ink` asks
        // for a luminance up to forty times per colour, for every card,
        // edge and date mark of a figure, and `powf` was a visible cost.
        static LINEAR: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
        let linear = LINEAR.get_or_init(|| {
            std::array::from_fn(|i| {
                let c = i as f64 / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            })
        });
        let channel = |c: u8| linear[usize::from(c)];
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

/// Categorical hues that stay apart for common colour-vision deficiencies
/// (Okabe–Ito first, then further distinct hues for long lists, each at
/// least 25 apart in CIELAB from every other: `hues_stay_apart`).
const HUES: [Rgb; 12] = [
    Rgb(0x00, 0x72, 0xb2), // blue
    Rgb(0xd5, 0x5e, 0x00), // vermilion
    Rgb(0x00, 0x9e, 0x73), // bluish green
    Rgb(0xcc, 0x79, 0xa7), // reddish purple
    Rgb(0xe6, 0x9f, 0x00), // orange
    Rgb(0x56, 0xb4, 0xe9), // sky blue
    Rgb(0x8c, 0x56, 0x4b), // brown
    Rgb(0x6a, 0x3d, 0x9a), // purple
    Rgb(0x33, 0xa0, 0x2c), // green
    Rgb(0x88, 0x22, 0x55), // wine
    Rgb(0x99, 0x99, 0x33), // olive
    Rgb(0x7f, 0x7f, 0x7f), // grey
];

/// How many items of one kind (branches, capabilities) have a colour of
/// their own.
pub const COLOURS: usize = HUES.len();

/// The colour of the `index`-th declared item of a kind.
pub fn categorical(index: usize) -> Rgb {
    HUES[index % HUES.len()]
}

/// Branch lanes start at a different hue than capabilities so a lane and a
/// chip on it rarely share a colour.
pub fn branch(index: usize) -> Rgb {
    HUES[(index + 5) % HUES.len()]
}

/// Methods get the darker end of the list: eight, so a lineage's 7th
/// method no longer repeats the 1st colour (beyond eight they repeat).
pub fn method(index: usize) -> Rgb {
    const METHOD_HUES: [Rgb; 8] = [
        Rgb(0x4d, 0x4d, 0x4d),
        Rgb(0x00, 0x72, 0xb2),
        Rgb(0x00, 0x9e, 0x73),
        Rgb(0xd5, 0x5e, 0x00),
        Rgb(0x6a, 0x3d, 0x9a),
        Rgb(0xcc, 0x79, 0xa7),
        Rgb(0x8c, 0x56, 0x4b),
        Rgb(0x99, 0x88, 0x22),
    ];
    METHOD_HUES[index % METHOD_HUES.len()]
}

/// How many methods have a style of their own: eight colours, each again
/// with a heavier stroke, and those sixteen again with each of four marks
/// on the line. Beyond that the styles repeat.
pub const METHOD_STYLES: usize = 16 * MARKS.len();

/// A shape drawn on a method's line, so more methods than colours and
/// widths can tell apart stay apart, in greyscale too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Circle,
    Square,
    Diamond,
    Triangle,
}

/// Marks in the order methods get them (none for the first sixteen).
const MARKS: [Option<Mark>; 5] = [
    None,
    Some(Mark::Circle),
    Some(Mark::Square),
    Some(Mark::Diamond),
    Some(Mark::Triangle),
];

/// A method's line: its colour, how heavy it is drawn and its mark.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MethodStyle {
    pub color: Rgb,
    /// Stroke width, px: beyond the eighth method the colours come back
    /// with a heavier line, so the styles stay apart in greyscale too.
    pub width: f64,
    /// Beyond the sixteenth method, a mark on the line.
    pub mark: Option<Mark>,
}

/// The style of the method in colour slot `slot` (see `View::method_slot`).
pub fn method_style(slot: usize) -> MethodStyle {
    MethodStyle {
        color: method(slot),
        width: if (slot / 8).is_multiple_of(2) {
            1.8
        } else {
            3.4
        },
        mark: MARKS[(slot / 16) % MARKS.len()],
    }
}

#[cfg(test)]
mod method_tests {
    use super::*;

    #[test]
    fn every_method_style_is_distinct_and_then_they_repeat() {
        let styles: Vec<MethodStyle> = (0..METHOD_STYLES).map(method_style).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(method_style(METHOD_STYLES), method_style(0));
        assert_eq!(method_style(16).mark, Some(Mark::Circle));
        // In greyscale, the colours of the first eight are told apart by
        // luminance of at least this much.
        let mut lum: Vec<f64> = (0..8).map(|i| method(i).luminance()).collect();
        lum.sort_by(f64::total_cmp);
        let closest = lum.windows(2).map(|w| w[1] - w[0]).fold(1.0, f64::min);
        assert!(closest > 0.0, "{lum:?}");
    }

    #[test]
    fn the_first_eight_methods_have_distinct_colours() {
        let hues: Vec<Rgb> = (0..8).map(method).collect();
        for (i, a) in hues.iter().enumerate() {
            for b in &hues[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

/// Every colour a figure uses apart from the categorical ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub card: Rgb,
    pub card_stroke: Rgb,
    pub merge_stroke: Rgb,
    pub axis: Rgb,
    pub grid: Rgb,
}

impl Theme {
    pub fn get(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme {
                name,
                background: Rgb(0xff, 0xff, 0xff),
                text: Rgb(0x1f, 0x23, 0x28),
                muted: Rgb(0x57, 0x60, 0x6a),
                card: Rgb(0xff, 0xff, 0xff),
                card_stroke: Rgb(0x8c, 0x95, 0x9f),
                merge_stroke: Rgb(0x1f, 0x23, 0x28),
                axis: Rgb(0x6e, 0x77, 0x81),
                grid: Rgb(0xea, 0xee, 0xf2),
            },
            ThemeName::Dark => Theme {
                name,
                background: Rgb(0x0d, 0x11, 0x17),
                text: Rgb(0xe6, 0xed, 0xf3),
                muted: Rgb(0xa0, 0xa9, 0xb4),
                card: Rgb(0x16, 0x1b, 0x22),
                card_stroke: Rgb(0x6e, 0x76, 0x81),
                merge_stroke: Rgb(0xe6, 0xed, 0xf3),
                axis: Rgb(0x8b, 0x94, 0x9e),
                grid: Rgb(0x21, 0x26, 0x2d),
            },
        }
    }

    /// A categorical colour made readable as text or a stroke on this theme.
    pub fn ink(&self, c: Rgb) -> Rgb {
        let mut out = c;
        let target = match self.name {
            ThemeName::Light => Rgb(0, 0, 0),
            ThemeName::Dark => Rgb(0xff, 0xff, 0xff),
        };
        let mut t = 0.0;
        while out.contrast(self.card) < 4.5 && t < 1.0 {
            t += 0.05;
            out = c.mix(target, t);
        }
        out
    }

    /// A soft tint of a categorical colour for a band or chip fill.
    pub fn tint(&self, c: Rgb, strength: f64) -> Rgb {
        self.background.mix(c, strength)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CIELAB (D65) of a colour, for telling how far apart two look.
    fn lab(c: Rgb) -> [f64; 3] {
        let lin = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    #[test]
    fn hues_stay_apart() {
        // The list once had a second blue 4 apart from the first.
        for (i, &a) in HUES.iter().enumerate() {
            for &b in &HUES[i + 1..] {
                let (p, q) = (lab(a), lab(b));
                let d = (0..3).map(|k| (p[k] - q[k]).powi(2)).sum::<f64>().sqrt();
                assert!(d >= 25.0, "{a:?} and {b:?} are {d:.0} apart");
            }
        }
    }

    #[test]
    fn theme_text_is_readable() {
        for name in [ThemeName::Light, ThemeName::Dark] {
            let t = Theme::get(name);
            assert!(t.text.contrast(t.card) >= 4.5);
            assert!(t.text.contrast(t.background) >= 4.5);
            assert!(t.muted.contrast(t.card) >= 4.5, "{name:?} muted");
            for i in 0..24 {
                assert!(t.ink(categorical(i)).contrast(t.card) >= 4.5);
            }
        }
    }

    #[test]
    fn colours_are_stable_by_index() {
        assert_eq!(categorical(0).hex(), "#0072b2");
        assert_eq!(categorical(12), categorical(0));
    }
}
