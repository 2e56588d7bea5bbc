//! A small SVG canvas for the capability figures: the page, its accessible
//! title and description, text set with the shipped metrics, and shapes
//! drawn with the project's [`Pen`] (so the sketch style applies here too).
//!
//! Text and attribute values are escaped with the pen's `escape` and
//! `text_markup`; every number is rounded to 0.1. The canvas only draws:
//! the figures decide where things go.

use crate::layout::{Point, Rect};
use crate::lineage::Lang;
use crate::palette::{Rgb, Theme};
use crate::text::{self, Face};
use crate::write::svg::card::Faces;
use crate::write::svg::document;
use crate::write::svg::pen::{escape, r, text_markup, Pen, Stroke};
use crate::write::svg::sketch::Sketch;
use crate::write::{FigureSize, Options, Style};
use std::fmt::Write as _;
use svg::node::Blob;

const ZWSP: char = '\u{200B}';

/// Margin around every capability figure.
pub const MARGIN: f64 = 28.0;
pub const TITLE_SIZE: f64 = 20.0;

/// User text as it is drawn (SVG shows one space for many, so text is
/// measured the way it is drawn): the figures' one [`crate::figure::clean`].
pub use crate::figure::clean;

/// Where a line of text hangs from its `x`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A text style: face, size and colour.
#[derive(Debug, Clone, Copy)]
pub struct Font {
    pub face: Face,
    pub size: f64,
    pub color: Rgb,
}

impl Font {
    pub fn width(&self, s: &str) -> f64 {
        text::width(s, self.face, self.size)
    }

    pub fn line_height(&self) -> f64 {
        text::line_height(self.face, self.size)
    }

    pub fn ascent(&self) -> f64 {
        text::ascent(self.face, self.size)
    }

    /// `s` cleaned and wrapped to `max` px. A word too long for a line
    /// breaks after a hyphen, slash or underscore before it breaks anywhere
    /// (model ids like `davinci-instruct-beta` are long single words), but
    /// never at a hyphen between digits: a date ("about 2025-01") stays whole.
    pub fn wrap(&self, s: &str, max: f64) -> Vec<String> {
        let mut breakable = String::new();
        let cleaned = clean(s);
        let mut chars = cleaned.chars().peekable();
        let mut prev = ' ';
        while let Some(c) = chars.next() {
            breakable.push(c);
            let next = chars.peek().copied().unwrap_or(' ');
            let in_number = c == '-' && prev.is_ascii_digit() && next.is_ascii_digit();
            if matches!(c, '-' | '/' | '_') && !next.is_whitespace() && !in_number {
                breakable.push(ZWSP);
            }
            prev = c;
        }
        let lines: Vec<String> = text::wrap(&breakable, self.face, self.size, max.max(1.0))
            .into_iter()
            .map(|l| l.replace(ZWSP, ""))
            .collect();
        if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        }
    }

    pub fn with(self, color: Rgb) -> Font {
        Font { color, ..self }
    }
}

/// The page being drawn.
pub struct Canvas {
    pub theme: Theme,
    pub faces: Faces,
    pub lang: Lang,
    size: FigureSize,
    pen: Pen,
    body: String,
    depth: usize,
}

impl Canvas {
    pub fn new(options: &Options) -> Canvas {
        let theme = Theme::get(options.theme);
        let sketch = options.style == Style::Sketch;
        Canvas {
            theme,
            faces: if sketch { Faces::HAND } else { Faces::CLEAN },
            lang: options.lang,
            size: options.size,
            pen: Pen {
                sketch: sketch.then_some(Sketch::new(options.seed, theme.background)),
            },
            body: String::new(),
            depth: 1,
        }
    }

    pub fn body_font(&self, size: f64, color: Rgb) -> Font {
        Font {
            face: self.faces.body,
            size,
            color,
        }
    }

    pub fn bold_font(&self, size: f64, color: Rgb) -> Font {
        Font {
            face: self.faces.bold,
            size,
            color,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.body.push_str("  ");
        }
    }

    fn raw(&mut self, line: &str) {
        self.indent();
        self.body.push_str(line);
        self.body.push('\n');
    }

    /// Open a group with a class and `data-*` attributes (names without the prefix).
    pub fn open(&mut self, class: &str, data: &[(&str, &str)]) {
        let mut tag = format!("<g class=\"{}\"", escape(class));
        for (k, v) in data {
            let _ = write!(tag, " data-{}=\"{}\"", k, escape(v));
        }
        tag.push('>');
        self.raw(&tag);
        self.depth += 1;
    }

    pub fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.raw("</g>");
    }

    /// A tooltip for the enclosing group.
    pub fn tooltip(&mut self, text: &str) {
        let line = format!("<title>{}</title>", escape(&clean(text)));
        self.raw(&line);
    }

    fn nodes(&mut self, nodes: Vec<Box<dyn svg::Node>>) {
        for n in nodes {
            let s = n.to_string();
            for line in s.lines() {
                self.raw(line);
            }
        }
    }

    /// A box; `key` identifies the shape for the sketch style.
    pub fn rect(
        &mut self,
        key: &str,
        b: Rect,
        radius: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) {
        let nodes = self.pen.rect(key, b, radius, fill, stroke);
        self.nodes(nodes);
    }

    /// A circle, drawn exactly in every style: circles here are small
    /// glyphs (states, bullets), and a hand-drawn ring would read as a box.
    pub fn circle(&mut self, c: Point, radius: f64, fill: Option<Rgb>, stroke: Option<Stroke>) {
        let mut tag = format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"",
            r(c.x),
            r(c.y),
            r(radius),
            fill.map_or("none".to_string(), Rgb::hex)
        );
        if let Some(st) = stroke {
            let _ = write!(
                tag,
                " stroke=\"{}\" stroke-width=\"{}\"",
                st.color.hex(),
                r(st.width)
            );
            if st.dashed {
                let _ = write!(
                    tag,
                    " stroke-dasharray=\"{} {}\"",
                    r(st.width * 1.2),
                    r(st.width * 1.6)
                );
            }
        }
        tag.push_str("/>");
        self.raw(&tag);
    }

    pub fn line(&mut self, key: &str, a: Point, b: Point, stroke: Stroke) {
        let nodes = self.pen.line(key, a, b, stroke);
        self.nodes(nodes);
    }

    /// A spline: `points[0]`, then (control, control, end) triples.
    pub fn curve(&mut self, key: &str, points: &[Point], stroke: Stroke) {
        let nodes = self.pen.curve(key, points, stroke);
        self.nodes(nodes);
    }

    pub fn arrowhead(&mut self, from: Point, tip: Point, size: f64, color: Rgb) {
        let node = self.pen.arrowhead(from, tip, size, color);
        self.nodes(vec![node]);
    }

    /// A filled path, drawn exactly in every style (small glyph parts).
    pub fn path(&mut self, d: &str, fill: Rgb) {
        let line = format!("<path d=\"{}\" fill=\"{}\"/>", escape(d), fill.hex());
        self.raw(&line);
    }

    /// One line of text with its baseline at `y`.
    pub fn text(&mut self, s: &str, x: f64, y: f64, font: Font, anchor: Anchor) {
        let s = clean(s);
        if s.is_empty() {
            return;
        }
        // Text mixing scripts is placed run by run from its measured start.
        let mixed = s.chars().any(text::is_cjk);
        let width = || text::width(&s, font.face, font.size);
        let (x, anchor) = match anchor {
            Anchor::Middle if mixed => (x - width() / 2.0, Anchor::Start),
            Anchor::End if mixed => (x - width(), Anchor::Start),
            _ => (x, anchor),
        };
        let mut tag = format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\"",
            r(x),
            r(y),
            r(font.size),
            font.color.hex()
        );
        if text::font_weight(font.face) != "normal" {
            let _ = write!(tag, " font-weight=\"{}\"", text::font_weight(font.face));
        }
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => tag.push_str(" text-anchor=\"middle\""),
            Anchor::End => tag.push_str(" text-anchor=\"end\""),
        }
        let _ = write!(tag, ">{}</text>", text_markup(&s, font.face, font.size, x));
        self.raw(&tag);
    }

    /// Lines of text, the first line's top at `top`; returns the bottom.
    pub fn lines(&mut self, lines: &[String], x: f64, top: f64, font: Font, anchor: Anchor) -> f64 {
        let mut y = top;
        for line in lines {
            self.text(line, x, y + font.ascent(), font, anchor);
            y += font.line_height();
        }
        y
    }

    /// The finished document.
    /// The whole document, through the shell every figure kind shares.
    pub fn finish(self, width: f64, height: f64, title: &str, desc: &str, kind: &str) -> String {
        let title = clean(title);
        let shell = document::Shell {
            frame: document::frame(width, height, self.size),
            title: &title,
            desc: clean(desc),
            lang: self.lang,
            theme: self.theme.name,
            kind,
            font_family: text::font_stack(self.faces.body),
        };
        let view = shell.frame.view;
        let background = format!(
            "<rect class=\"background\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
            r(view.x),
            r(view.y),
            r(view.w),
            r(view.h),
            self.theme.background.hex()
        );
        // The shapes were written as escaped SVG text (see `escape`).
        let body = document::body(&shell).add(Blob::new(background + &self.body));
        document::finish(&shell, body)
    }
}

/// Legend items flowing left to right from `(MARGIN, top)` and wrapping at
/// `inner`: each item placed at its top-left, and the height of the page
/// with the last row and the bottom margin. `sample` is the width of an
/// item's sample before its words.
pub fn legend_rows<T>(
    items: Vec<(T, String)>,
    font: &Font,
    sample: f64,
    top: f64,
    inner: f64,
    line_h: f64,
) -> (Vec<(f64, f64, T, String)>, f64) {
    let (mut x, mut y) = (MARGIN, top);
    let mut placed = Vec::with_capacity(items.len());
    for (item, label) in items {
        let w = sample + font.width(&label) + 18.0;
        if x > MARGIN && x + w > MARGIN + inner {
            x = MARGIN;
            y += line_h + 4.0;
        }
        placed.push((x, y, item, label));
        x += w;
    }
    (placed, (y + line_h + MARGIN).ceil())
}

/// A point.
pub fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// A rectangle.
pub fn rect(x: f64, y: f64, w: f64, h: f64) -> Rect {
    Rect { x, y, w, h }
}

/// A solid stroke, optionally dashed.
pub fn stroke(color: Rgb, width: f64, dashed: bool) -> Stroke {
    Stroke {
        color,
        width,
        dashed,
    }
}

/// The title block: the view title wrapped to `inner` px; returns the lines
/// placed (baseline y) and the bottom.
pub fn title_block(
    canvas: &mut Canvas,
    title: &str,
    subtitle: Option<&str>,
    x: f64,
    top: f64,
    inner: f64,
) -> f64 {
    let tf = canvas.bold_font(TITLE_SIZE, canvas.theme.text);
    let lines = tf.wrap(title, inner);
    let mut y = canvas.lines(&lines, x, top, tf, Anchor::Start);
    if let Some(sub) = subtitle {
        let sf = canvas.body_font(12.5, canvas.theme.muted);
        y += 4.0;
        let lines = sf.wrap(sub, inner);
        y = canvas.lines(&lines, x, y, sf, Anchor::Start);
    }
    y
}

/// Height of [`title_block`] without drawing it.
pub fn title_height(faces: Faces, title: &str, subtitle: Option<&str>, inner: f64) -> f64 {
    let tf = Font {
        face: faces.bold,
        size: TITLE_SIZE,
        color: Rgb(0, 0, 0),
    };
    let mut h = tf.wrap(title, inner).len() as f64 * tf.line_height();
    if let Some(sub) = subtitle {
        let sf = Font {
            face: faces.body,
            size: 12.5,
            color: Rgb(0, 0, 0),
        };
        h += 4.0 + sf.wrap(sub, inner).len() as f64 * sf.line_height();
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_controls() {
        assert_eq!(escape("a<b>&\"c'\u{7}"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(clean("  a \n\t b  "), "a b");
    }

    /// A matrix column header narrower than "about 2025-01" breaks between
    /// the words, never inside the date; a model id still breaks at its hyphens.
    #[test]
    fn dates_are_never_wrapped_mid_token() {
        let f = Font {
            face: Face::Sans,
            size: 10.0,
            color: Rgb(0, 0, 0),
        };
        let date = "2025-01";
        let lines = f.wrap("about 2025-01", f.width(date) + 2.0);
        assert!(lines.iter().any(|l| l.contains(date)), "{lines:?}");
        let id = f.wrap("davinci-instruct-beta", f.width("davinci-instruct") + 2.0);
        assert!(id.len() >= 2, "{id:?}");
    }
}
