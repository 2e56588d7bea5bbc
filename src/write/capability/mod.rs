//! Capability figures drawn: the matrix, the flow and the comparison table.
//!
//! The lineage figures show models; these show capabilities, read from the
//! inheritance the lineage stage computed (`Lineage::inheritance`). What
//! each figure shows is its model in [`crate::figure`]
//! ([`crate::figure::matrix::Matrix`], [`crate::figure::flow::Flow`],
//! [`crate::figure::table::Table`]); the files here only write a model in
//! one syntax each, so the SVG, Markdown, DOT and Mermaid of one view always
//! say the same thing. [`canvas`] is the SVG body these kinds share.
//!
//! * `matrix`: capabilities × models, one cell per state (SVG, Markdown);
//! * `flow`: capabilities feeding the models that gained them, the lineage
//!   carrying them to the merge (SVG, DOT, Mermaid, Markdown);
//! * `table`: the comparison table: lineage, good at, weak at (SVG, Markdown).

pub mod canvas;
pub mod flow;
pub mod matrix;
pub mod table;

use super::{Format, Options, WriteError};
use crate::data::ViewKind;
use crate::view::View;

/// Draw a capability view (matrix, flow or table) in `format`.
pub fn write(view: &View, format: Format, options: &Options) -> Result<String, WriteError> {
    match (view.spec.kind, format) {
        (ViewKind::Matrix, Format::Svg) => Ok(matrix::svg(view, options)),
        (ViewKind::Matrix, Format::Markdown) => Ok(matrix::markdown(view, options)),
        (ViewKind::Flow, Format::Svg) => Ok(flow::svg(view, options)),
        (ViewKind::Flow, Format::Dot) => Ok(flow::dot(view, options)),
        (ViewKind::Flow, Format::Mermaid) => flow::mermaid(view, options),
        (ViewKind::Flow, Format::Markdown) => flow::markdown(view, options),
        (ViewKind::Table, Format::Svg) => Ok(table::svg(view, options)),
        (ViewKind::Table, Format::Markdown) => Ok(table::markdown(view, options)),
        (kind, format) => Err(WriteError::Unsupported {
            view: view.spec.name.clone(),
            kind: super::kind_name(kind),
            format: format.name(),
        }),
    }
}

/// The shared reading of capabilities, for the writers below (`super::*`).
pub use crate::figure::capability::*;

/// Text for a Markdown table cell (the one Markdown escaping, see
/// [`crate::write::markdown::text`]).
pub use crate::write::markdown::text as md;

/// A model's column head in a Markdown table: its name, and its API name
/// on a second line when that differs.
pub fn md_model_head(
    lineage: &crate::lineage::Lineage,
    n: petgraph::graph::NodeIndex,
    lang: crate::lineage::Lang,
) -> String {
    let (name, api) = model_names(lineage, n, lang);
    match api {
        Some(api) => format!("{}<br>{}", md(&name), md(&api)),
        None => md(&name),
    }
}
