//! The SVG document shell every figure kind shares, written with the `svg`
//! crate: the root element with its size (natural, a 16:9 slide or a doc
//! column), what assistive technology reads (role, title, description,
//! language), and the body group that carries the theme class and the font
//! stack; then one last pass that keeps every character XML-safe.
//!
//! A figure kind hands in its page size, its words and its body; it never
//! writes the root element itself.

use super::pen::r;
use crate::layout::Rect;
use crate::model::Lang;
use crate::palette::ThemeName;
use crate::text;
use crate::write::FigureSize;
use svg::node::element::{Description, Group, Title};
use svg::Document;

/// The width of a typical documentation column, in px.
const DOC_WIDTH: f64 = 760.0;

/// What part of the page the SVG shows, and at what size.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub view: Rect,
    pub width: f64,
    pub height: f64,
}

/// The page as drawn, padded to 16:9 for a slide, or scaled to a doc column.
pub fn frame(width: f64, height: f64, size: FigureSize) -> Frame {
    let natural = Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: height,
    };
    match size {
        FigureSize::Natural => Frame {
            view: natural,
            width,
            height,
        },
        FigureSize::Doc => Frame {
            view: natural,
            width: DOC_WIDTH,
            height: (height * DOC_WIDTH / width).round(),
        },
        FigureSize::Slide => {
            let aspect = 16.0 / 9.0;
            let view = if width / height > aspect {
                let h = width / aspect;
                Rect {
                    y: -(h - height) / 2.0,
                    h,
                    ..natural
                }
            } else {
                let w = height * aspect;
                Rect {
                    x: -(w - width) / 2.0,
                    w,
                    ..natural
                }
            };
            Frame {
                view,
                width: 1920.0,
                height: 1080.0,
            }
        }
    }
}

/// What every figure's document says about itself.
pub struct Shell<'a> {
    pub frame: Frame,
    pub title: &'a str,
    pub desc: String,
    pub lang: Lang,
    pub theme: ThemeName,
    /// The figure kind's class on the body group: `lineage`, `capability-flow`.
    pub kind: &'a str,
    pub font_family: &'a str,
}

/// The body group a figure draws into: its kind and theme as classes, its
/// font stack.
pub fn body(shell: &Shell) -> Group {
    let theme = match shell.theme {
        ThemeName::Light => "light",
        ThemeName::Dark => "dark",
    };
    Group::new()
        .set("font-family", shell.font_family)
        .set("class", format!("{} theme-{theme}", shell.kind))
}

/// The whole document: the root element around `body`, as text.
pub fn finish(shell: &Shell, body: Group) -> String {
    let f = shell.frame;
    let doc = Document::new()
        .set(
            "viewBox",
            format!(
                "{} {} {} {}",
                r(f.view.x),
                r(f.view.y),
                r(f.view.w),
                r(f.view.h)
            ),
        )
        .set("width", r(f.width))
        .set("height", r(f.height))
        .set("role", "img")
        .set("aria-labelledby", "figure-title figure-desc")
        .set("lang", shell.lang.code())
        .add(Title::new(shell.title).set("id", "figure-title"))
        .add(
            Description::new()
                .set("id", "figure-desc")
                .add(svg::node::Text::new(shell.desc.as_str())),
        )
        .add(body);
    let mut out = doc.to_string();
    out.push('\n');
    // Text is cleaned where it is made; ids in `data-*` attributes, and
    // anything else, are made XML-safe here, once for every figure kind.
    match text::xml_safe(&out) {
        std::borrow::Cow::Borrowed(_) => out,
        std::borrow::Cow::Owned(safe) => safe,
    }
}
