//! Writers: a [`View`] (and, for SVG, its layout) turned into the bytes of
//! one figure format.
//!
//! Writers share the view and the palette, not code paths: DOT, Mermaid and
//! SVG each read the same models, edges and capability changes. A writer
//! returns bytes or a [`WriteError`]; it never touches files.

pub mod capability;
pub mod dot;
pub mod mermaid;
#[cfg(feature = "png")]
pub mod png;
pub mod svg;

use crate::data::ViewKind;
use crate::lineage::Lang;
use crate::palette::ThemeName;
use crate::view::View;

/// A figure format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Dot,
    Mermaid,
    /// Markdown: a fenced Mermaid block, or a table for table-like views.
    Markdown,
    Svg,
    /// The computed layout as JSON, for tests and inspection.
    LayoutJson,
    /// The SVG figure as a PNG image (the `png` feature).
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::Markdown => "md",
            Format::Svg => "svg",
            Format::LayoutJson => "layout.json",
            Format::Png => "png",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "DOT",
            Format::Mermaid => "Mermaid",
            Format::Markdown => "Markdown",
            Format::Svg => "SVG",
            Format::LayoutJson => "layout JSON",
            Format::Png => "PNG",
        }
    }

    /// Whether a view of this kind can be drawn in this format at all.
    pub fn supports(self, kind: ViewKind) -> bool {
        use Format::*;
        match kind {
            ViewKind::Lineage => true,
            ViewKind::Flow => matches!(self, Dot | Mermaid | Markdown | Svg | Png),
            ViewKind::Matrix | ViewKind::Table => matches!(self, Markdown | Svg | Png),
        }
    }
}

/// Clean lines, or the hand-drawn look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Clean,
    Sketch,
}

/// The size an SVG figure declares (its drawing is the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FigureSize {
    /// 1 px per layout unit.
    #[default]
    Natural,
    /// Padded to 16:9 and sized 1920×1080, to fill a slide.
    Slide,
    /// Scaled to a 760 px documentation column.
    Doc,
}

/// How a figure is drawn, beyond what the view says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub lang: Lang,
    pub theme: ThemeName,
    pub style: Style,
    /// Seed for the hand-drawn look (all randomness derives from it).
    pub seed: u64,
    /// PNG pixels per SVG px.
    pub scale: f32,
    /// SVG with text as outlines (the `png` feature).
    pub text_as_paths: bool,
    pub size: FigureSize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            theme: ThemeName::Light,
            style: Style::Clean,
            seed: 1,
            scale: 2.0,
            text_as_paths: false,
            size: FigureSize::Natural,
        }
    }
}

/// A figure that cannot be drawn in a format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("view \"{view}\" is a {kind} view, which has no {format} form")]
    Unsupported {
        view: String,
        kind: &'static str,
        format: &'static str,
    },
    #[error("view \"{view}\" cannot be drawn as {format}: {limit}")]
    Limit {
        view: String,
        format: &'static str,
        limit: String,
        hint: String,
    },
}

impl WriteError {
    pub fn hint(&self) -> &str {
        match self {
            WriteError::Limit { hint, .. } => hint,
            WriteError::Unsupported { .. } => "choose another --format, or leave --format out",
        }
    }
}

/// Draw `view` in `format`.
pub fn write(view: &View, format: Format, options: &Options) -> Result<Vec<u8>, WriteError> {
    let drawn_by_layout = matches!(format, Format::Svg | Format::LayoutJson | Format::Png);
    if drawn_by_layout && view.models.len() + view.edges.len() > crate::layout::MAX_ITEMS {
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: format.name(),
            limit: format!(
                "{} models and {} derivations are more than the layout takes ({} in all)",
                view.models.len(),
                view.edges.len(),
                crate::layout::MAX_ITEMS
            ),
            hint: "draw part of the lineage: give the view `from`, `to` or `only`".into(),
        });
    }
    if format == Format::Png {
        let plain = Options {
            text_as_paths: false,
            ..*options
        };
        let svg = write(view, Format::Svg, &plain)?;
        return png(view, &String::from_utf8_lossy(&svg), options);
    }
    if format == Format::Svg && options.text_as_paths {
        let plain = Options {
            text_as_paths: false,
            ..*options
        };
        let svg = write(view, Format::Svg, &plain)?;
        return outlined(view, &String::from_utf8_lossy(&svg));
    }
    let text = match (view.spec.kind, format) {
        (ViewKind::Lineage, Format::Dot) => dot::write(view, options),
        (ViewKind::Lineage, Format::Mermaid) => mermaid::write(view, options)?,
        (ViewKind::Lineage, Format::Markdown) => mermaid::markdown(view, options)?,
        (ViewKind::Lineage, Format::Svg) => svg::write(view, options),
        (ViewKind::Lineage, Format::LayoutJson) => svg::layout_json(view, options),
        (kind, format) if format.supports(kind) => capability::write(view, format, options)?,
        (kind, format) => {
            return Err(WriteError::Unsupported {
                view: view.spec.name.clone(),
                kind: kind_name(kind),
                format: format.name(),
            })
        }
    };
    Ok(text.into_bytes())
}

fn kind_name(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::Lineage => "lineage",
        ViewKind::Matrix => "capability-matrix",
        ViewKind::Flow => "capability-flow",
        ViewKind::Table => "comparison-table",
    }
}

#[cfg(feature = "png")]
fn png(view: &View, svg: &str, options: &Options) -> Result<Vec<u8>, WriteError> {
    png::rasterise(svg, options.scale).map_err(|limit| WriteError::Limit {
        view: view.spec.name.clone(),
        format: "PNG",
        limit,
        hint: "try a smaller --scale".into(),
    })
}

#[cfg(feature = "png")]
fn outlined(view: &View, svg: &str) -> Result<Vec<u8>, WriteError> {
    png::text_as_paths(svg)
        .map(String::into_bytes)
        .map_err(|limit| WriteError::Limit {
            view: view.spec.name.clone(),
            format: "SVG with text as paths",
            limit,
            hint: "leave out --text-as-paths".into(),
        })
}

#[cfg(not(feature = "png"))]
fn outlined(view: &View, _svg: &str) -> Result<Vec<u8>, WriteError> {
    Err(WriteError::Limit {
        view: view.spec.name.clone(),
        format: "SVG with text as paths",
        limit: "this build has no font rasteriser".into(),
        hint: "build with the `png` feature (on by default)".into(),
    })
}

#[cfg(not(feature = "png"))]
fn png(view: &View, _svg: &str, _options: &Options) -> Result<Vec<u8>, WriteError> {
    Err(WriteError::Limit {
        view: view.spec.name.clone(),
        format: "PNG",
        limit: "this build has no PNG support".into(),
        hint: "build with the `png` feature (on by default)".into(),
    })
}

/// The view as a Markdown block for `lineage inject`: a fenced Mermaid
/// flowchart for lineage and flow views, a table for matrix and table views.
pub fn markdown_block(view: &View, options: &Options) -> Result<String, WriteError> {
    match view.spec.kind {
        ViewKind::Lineage => mermaid::fenced(view, options),
        ViewKind::Flow => {
            let text = capability::write(view, Format::Mermaid, options)?;
            Ok(format!("```mermaid\n{text}```\n"))
        }
        ViewKind::Matrix | ViewKind::Table => capability::write(view, Format::Markdown, options),
    }
}
