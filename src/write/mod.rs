//! Writers: a [`View`] (and, for SVG, its layout) turned into the bytes of
//! one figure format.
//!
//! Writers share the view and the palette, not code paths: DOT, Mermaid and
//! SVG each read the same models, edges and capability changes. A writer
//! returns bytes or a [`WriteError`]; it never touches files.

pub mod dot;
pub mod mermaid;

use crate::lineage::Lang;
use crate::palette::ThemeName;
use crate::view::View;

/// A figure format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Dot,
    Mermaid,
    /// Markdown with a fenced Mermaid block.
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::Markdown => "md",
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

/// How a figure is drawn, beyond what the view says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    pub theme: ThemeName,
    pub style: Style,
    /// Seed for the hand-drawn look (all randomness derives from it).
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            theme: ThemeName::Light,
            style: Style::Clean,
            seed: 1,
        }
    }
}

/// A figure that cannot be drawn in a format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
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
        }
    }
}

/// Draw `view` in `format`.
pub fn write(view: &View, format: Format, options: &Options) -> Result<Vec<u8>, WriteError> {
    let text = match format {
        Format::Dot => dot::write(view, options),
        Format::Mermaid => mermaid::write(view, options)?,
        Format::Markdown => mermaid::markdown(view, options)?,
    };
    Ok(text.into_bytes())
}
