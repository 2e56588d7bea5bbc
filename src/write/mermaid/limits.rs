//! Mermaid's own limits (edges, length in UTF-16 units), checked before
//! a figure is written: a figure over them is an error, never a broken
//! diagram.

use crate::data::ViewKind;
use crate::view::View;
use crate::write::WriteError;

/// Mermaid refuses a flowchart with more edges than this ("Edge limit exceeded").
pub const MAX_EDGES: usize = 500;
/// Mermaid draws an error picture for a diagram longer than this, counted
/// as JavaScript counts (UTF-16 code units).
pub const MAX_CHARS: usize = 50_000;

const SPLIT: &str =
    "split the view: give it `from`/`to` (or `only`/`exclude`) so it draws fewer models";

pub(super) fn check_edges(view: &View) -> Result<(), WriteError> {
    check_edge_count(view, view.edges.len())
}

/// Mermaid's edge limit ([`MAX_EDGES`]) for a figure of `edges` edges:
/// every Mermaid writer checks it here, before writing.
pub fn check_edge_count(view: &View, edges: usize) -> Result<(), WriteError> {
    if edges > MAX_EDGES {
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!("it has {edges} edges, over Mermaid's limit of {MAX_EDGES}"),
            hint: format!("{SPLIT}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}

/// Mermaid's length limit ([`MAX_CHARS`], in UTF-16 code units as Mermaid
/// counts): every Mermaid writer checks its finished text here.
pub fn check_length(view: &View, text: &str) -> Result<(), WriteError> {
    let length = text.encode_utf16().count();
    if length > MAX_CHARS {
        let also = if view.spec.capabilities && view.spec.kind == ViewKind::Lineage {
            ", or set `capabilities: false` on the view"
        } else {
            ""
        };
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!(
                "the diagram is {length} characters long, over Mermaid's limit of {MAX_CHARS}"
            ),
            hint: format!("{SPLIT}{also}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}
