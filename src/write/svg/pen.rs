//! Drawing primitives: rounded boxes, curves, arrowheads, text. The clean
//! style draws them exactly; the sketch style (`sketch.rs`) draws the same
//! shapes by hand. Figures call the pen and never choose a style themselves.

use super::sketch::Sketch;
use crate::layout::{Point, Rect};
use crate::palette::{Mark, Rgb};
use crate::text::{self, Face};
use svg::node::element::{Path, Rectangle, Text};
use svg::node::Blob;
use svg::Node;

/// Round to 0.1 so the SVG bytes do not depend on floating-point noise.
pub fn r(x: f64) -> f64 {
    let v = (x * 10.0).round() / 10.0;
    if v == 0.0 {
        0.0
    } else {
        v
    }
}

/// `v` rounded to 0.1 as attribute text, the same as `r(v)` displays:
/// an attribute set from an `f64` is formatted as a float, which was most
/// of the cost of a large figure's boxes and date marks.
pub fn num(v: f64) -> String {
    let mut out = String::with_capacity(8);
    push_num(&mut out, v);
    out
}

/// `x,y` rounded.
pub fn pt(p: Point) -> String {
    let mut out = String::with_capacity(16);
    push_pt(&mut out, p);
    out
}

/// Appends `x,y` rounded: the same text as `pt`, without allocating.
pub fn push_pt(out: &mut String, p: Point) {
    push_num(out, p.x);
    out.push(',');
    push_num(out, p.y);
}

/// Appends `v` rounded to 0.1, written as `r(v)` displays (`12`, `-0.5`,
/// `3.1`), but from integer tenths: path data is most of a large figure's
/// bytes, and float formatting was most of its time.
pub fn push_num(out: &mut String, v: f64) {
    let t = v * 10.0;
    if !t.is_finite() || t.abs() >= 1e15 {
        out.push_str(&r(v).to_string());
        return;
    }
    // `t.round()` (half away from zero) from a truncating cast and the
    // exact fraction left: `round` is a library call on the baseline
    // x86-64 target, once for every number of a figure.
    let a = t.abs();
    let whole = a as i64;
    let up = i64::from(a - whole as f64 >= 0.5);
    let tenths = if t < 0.0 { -(whole + up) } else { whole + up };
    if tenths < 0 {
        out.push('-');
    }
    let (whole, digit) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut w = whole;
    loop {
        i -= 1;
        buf[i] = b'0' + (w % 10) as u8;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
    if digit != 0 {
        out.push('.');
        out.push((b'0' + digit as u8) as char);
    }
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f64,
    pub dashed: bool,
}

impl Stroke {
    pub fn solid(color: Rgb, width: f64) -> Stroke {
        Stroke {
            color,
            width,
            dashed: false,
        }
    }

    fn apply<N: Node>(&self, node: &mut N) {
        node.assign("stroke", self.color.hex());
        node.assign("stroke-width", num(self.width));
        if self.dashed {
            node.assign("stroke-dasharray", dash_for(self.width));
        }
    }
}

fn dash_for(width: f64) -> String {
    format!("{} {}", r(width * 3.5 + 1.0), r(width * 2.5 + 1.0))
}

/// The pen: clean, or sketchy with a seed.
pub struct Pen {
    pub sketch: Option<Sketch>,
}

impl Pen {
    /// A rounded box; `key` identifies the shape so a sketch draws it the
    /// same way every time.
    pub fn rect(
        &self,
        key: &str,
        b: Rect,
        radius: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) -> Vec<Box<dyn Node>> {
        if let Some(s) = &self.sketch {
            return s.rect(key, b, radius, fill, stroke);
        }
        let mut rect = Rectangle::new()
            .set("x", num(b.x))
            .set("y", num(b.y))
            .set("width", num(b.w))
            .set("height", num(b.h));
        if radius > 0.0 {
            rect.assign("rx", num(radius));
        }
        rect.assign("fill", fill.map_or("none".to_string(), Rgb::hex));
        // No stroke is the default (no group of ours sets one to inherit):
        // saying so on every box of a large figure cost bytes and time.
        if let Some(st) = stroke {
            st.apply(&mut rect);
        }
        vec![Box::new(rect)]
    }

    /// A cubic Bézier spline: `points[0]`, then (control, control, end) triples.
    pub fn curve(&self, key: &str, points: &[Point], stroke: Stroke) -> Vec<Box<dyn Node>> {
        if let Some(s) = &self.sketch {
            return s.curve(key, points, stroke);
        }
        let mut path = Path::new().set("d", spline_d(points)).set("fill", "none");
        stroke.apply(&mut path);
        path.assign("stroke-linecap", "round");
        vec![Box::new(path)]
    }

    /// An edge's route as one `<path class="route">`: like [`Pen::curve`],
    /// but what every route shares (no fill, round caps) comes from
    /// [`SHARED_STYLE`], which the document using it must carry. A sketch
    /// draws the route by hand, in a `g.route`.
    pub fn route(&self, key: &str, points: &[Point], stroke: Stroke) -> Box<dyn Node> {
        if let Some(s) = &self.sketch {
            let mut g = svg::node::element::Group::new().set("class", "route");
            for n in s.curve(key, points, stroke) {
                g.append(n);
            }
            return Box::new(g);
        }
        let mut path = Path::new().set("class", "route").set("d", spline_d(points));
        stroke.apply(&mut path);
        Box::new(path)
    }

    /// An edge's arrowhead as [`Pen::arrowhead`] draws it, its line width
    /// and joins from [`SHARED_STYLE`] (`class="arrow"`).
    pub fn arrow(&self, from: Point, tip: Point, size: f64, color: Rgb) -> Box<dyn Node> {
        let hex = color.hex();
        Box::new(
            Path::new()
                .set("class", "arrow")
                .set("d", arrow_d(from, tip, size))
                .set("fill", hex.clone())
                .set("stroke", hex),
        )
    }

    /// A straight line.
    pub fn line(&self, key: &str, a: Point, b: Point, stroke: Stroke) -> Vec<Box<dyn Node>> {
        self.curve(key, &[a, a, b, b], stroke)
    }

    /// A filled arrowhead whose tip touches `tip`, pointing along `from → tip`.
    /// Never roughened: a legible arrow matters more than the look.
    pub fn arrowhead(&self, from: Point, tip: Point, size: f64, color: Rgb) -> Box<dyn Node> {
        Box::new(
            Path::new()
                .set("d", arrow_d(from, tip, size))
                .set("fill", color.hex())
                .set("stroke", color.hex())
                .set("stroke-width", 1)
                .set("stroke-linejoin", "round"),
        )
    }
}

impl Pen {
    /// A method's mark on its line (see [`Mark`]), filled with
    /// its colour and ringed with `outline` so it reads where lines cross.
    /// Never roughened, like the arrowheads: its shape is what it says.
    pub fn mark(&self, mark: Mark, c: Point, r: f64, color: Rgb, outline: Rgb) -> Box<dyn Node> {
        Box::new(
            Path::new()
                .set("class", "method-mark")
                .set("d", mark_d(mark, c, r))
                .set("fill", color.hex())
                .set("stroke", outline.hex())
                .set("stroke-width", 1),
        )
    }
}

/// The path data of a mark of about radius `r` around `c`.
fn mark_d(mark: Mark, c: Point, r: f64) -> String {
    let at = |dx: f64, dy: f64| Point {
        x: c.x + dx * r,
        y: c.y + dy * r,
    };
    let corners: Vec<Point> = match mark {
        Mark::Circle => {
            let mut d = String::from("M");
            push_pt(&mut d, at(-1.0, 0.0));
            for end in [at(1.0, 0.0), at(-1.0, 0.0)] {
                d.push('A');
                push_num(&mut d, r);
                d.push(' ');
                push_num(&mut d, r);
                d.push_str(" 0 1 0 ");
                push_pt(&mut d, end);
            }
            d.push('Z');
            return d;
        }
        Mark::Square => vec![
            at(-0.85, -0.85),
            at(0.85, -0.85),
            at(0.85, 0.85),
            at(-0.85, 0.85),
        ],
        Mark::Diamond => {
            vec![at(0.0, -1.15), at(1.15, 0.0), at(0.0, 1.15), at(-1.15, 0.0)]
        }
        Mark::Triangle => vec![at(0.0, -1.2), at(1.05, 0.65), at(-1.05, 0.65)],
    };
    polygon_d(&corners)
}

/// The path data of a closed polygon through `corners`.
fn polygon_d(corners: &[Point]) -> String {
    let mut d = String::with_capacity(16 * corners.len());
    for (i, &p) in corners.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        push_pt(&mut d, p);
    }
    d.push('Z');
    d
}

/// The path data of an arrowhead whose tip touches `tip`, pointing along
/// `from → tip`.
fn arrow_d(from: Point, tip: Point, size: f64) -> String {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let base = Point {
        x: tip.x - ux * size,
        y: tip.y - uy * size,
    };
    let half = size * 0.42;
    let left = Point {
        x: base.x - uy * half,
        y: base.y + ux * half,
    };
    let right = Point {
        x: base.x + uy * half,
        y: base.y - ux * half,
    };
    polygon_d(&[tip, left, right])
}

impl Pen {
    /// A small circle (date markers, legend samples).
    pub fn dot(
        &self,
        key: &str,
        c: Point,
        radius: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) -> Vec<Box<dyn Node>> {
        let b = Rect {
            x: c.x - radius,
            y: c.y - radius,
            w: 2.0 * radius,
            h: 2.0 * radius,
        };
        self.rect(key, b, radius, fill, stroke)
    }
}

/// SVG path data for a spline.
pub fn spline_d(points: &[Point]) -> String {
    let mut d = String::with_capacity(points.len() * 12);
    let Some(&first) = points.first() else {
        return d;
    };
    d.push('M');
    push_pt(&mut d, first);
    let mut last = first;
    for seg in points[1.min(points.len())..].chunks(3) {
        match seg {
            // A straight piece (controls a third and two thirds along, as
            // the layout writes them) is the same line drawn as `L`.
            [c1, c2, end] if straight(last, *c1, *c2, *end) => {
                d.push('L');
                push_pt(&mut d, *end);
                last = *end;
            }
            [c1, c2, end] => {
                d.push('C');
                push_pt(&mut d, *c1);
                d.push(' ');
                push_pt(&mut d, *c2);
                d.push(' ');
                push_pt(&mut d, *end);
                last = *end;
            }
            [.., end] => {
                d.push('L');
                push_pt(&mut d, *end);
                last = *end;
            }
            [] => {}
        }
    }
    d
}

/// Whether the cubic `s, c1, c2, e` is a straight piece: its controls a
/// third and two thirds along (within the 0.1 px the layout rounds to, so
/// the line drawn instead is at most that far off).
fn straight(s: Point, c1: Point, c2: Point, e: Point) -> bool {
    let third = |k: f64| Point {
        x: s.x + k * (e.x - s.x) / 3.0,
        y: s.y + k * (e.y - s.y) / 3.0,
    };
    let near =
        |p: Point, q: Point| (p.x - q.x).abs() <= 0.1 + 1e-9 && (p.y - q.y).abs() <= 0.1 + 1e-9;
    near(c1, third(1.0)) && near(c2, third(2.0))
}

/// The style sheet a document drawn with [`Pen::route`] and [`Pen::arrow`]
/// carries once: what was the same attributes on every edge of a large
/// figure. Only what no element sets itself (a class rule would win over
/// its attribute); colours stay attributes, for `--theme auto`.
pub const SHARED_STYLE: &str =
    ".route{fill:none;stroke-linecap:round}.arrow{stroke-width:1px;stroke-linejoin:round}";

/// Text content as SVG markup, for text starting at `x`: escaped, and when
/// it has Chinese, Japanese or Korean in it, every run of one script in its
/// own `tspan` placed at its measured `x`, the CJK runs with a CJK font
/// stack. A `tspan` with its own `x` is shaped on its own: without that, a
/// renderer missing a glyph may set the whole line in a CJK fallback font
/// (resvg does), whose Latin letters are wider than measured.
pub fn text_markup(content: &str, face: Face, size: f64, x: f64) -> String {
    let runs = text::script_runs(content);
    if !runs.iter().any(|&(cjk, _)| cjk) {
        return escape(content);
    }
    let mut out = String::with_capacity(content.len() * 2);
    let mut at = 0;
    for (cjk, run) in runs {
        let words = run.trim();
        let lead = run.len() - run.trim_start().len();
        let start = at + lead;
        at += run.len();
        if words.is_empty() {
            continue;
        }
        let left = x + text::width(&content[..start], face, size);
        out.push_str(&format!("<tspan x=\"{}\"", r(left)));
        if cjk {
            out.push_str(" font-family=\"");
            out.push_str(text::cjk_stack(face));
            out.push('"');
        }
        out.push('>');
        out.push_str(&escape(words));
        out.push_str("</tspan>");
    }
    out
}

/// Escape text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text::strip_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One line of text with its baseline at `y`.
pub fn text(content: &str, x: f64, y: f64, face: Face, size: f64, color: Rgb) -> Text {
    let mut t = if content.chars().any(text::is_cjk) {
        Text::new("").add(Blob::new(text_markup(content, face, size, x)))
    } else {
        Text::new(content)
    };
    t = t
        .set("x", num(x))
        .set("y", num(y))
        .set("font-size", num(size))
        .set("fill", color.hex());
    if text::font_weight(face) != "normal" {
        t.assign("font-weight", text::font_weight(face));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `push_num` writes exactly what `r(v)` displays.
    #[test]
    fn push_num_matches_display_of_rounded() {
        let mut rng = crate::rng::Rng::new(7);
        let mut values = vec![
            0.0,
            -0.0,
            0.04,
            -0.04,
            0.05,
            -0.05,
            12.0,
            12.34,
            -3.25,
            1e14,
            -1e14,
            1e20,
            f64::NAN,
            f64::INFINITY,
            0.25,
            -0.25,
            0.15,
            -0.15,
            1.45,
            0.049_999_999_999_999_996,
            99_999_999_999_999.9,
            -99_999_999_999_999.9,
            4.5e-17,
        ];
        for _ in 0..10_000 {
            let v = (rng.below(2_000_001) as f64 - 1_000_000.0) / 997.0;
            values.push(v);
            // Halves of a tenth, where rounding ties.
            let half = (rng.below(2_000_001) as f64 - 1_000_000.0) / 20.0;
            values.push(half);
            values.push(half / 10.0);
        }
        for v in values {
            let mut out = String::new();
            push_num(&mut out, v);
            assert_eq!(out, r(v).to_string(), "{v}");
        }
    }
}
