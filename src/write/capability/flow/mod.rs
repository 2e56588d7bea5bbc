//! The capability flow drawn: the model is [`crate::figure::flow::Flow`]
//! (re-exported here for the format files); this module holds the label
//! wrapping the DOT and Mermaid forms share, and one file per format draws
//! the model (`dot`, `mermaid`, `svg`). The SVG's placement (capabilities
//! in a column on the left, one row per model in date order, each model
//! right of its parents, every edge an "L") is `layout::flow`.

use super::canvas::{self, p, rect, stroke, Anchor, Canvas, Font, MARGIN};
use super::{change_word, model_date, model_names};
use crate::data::ChangeKind;
pub use crate::figure::flow::*;
use crate::layout::flow::{elbow, feed_route, place, FlowGraph, ARROW};
use crate::layout::{Point, Size};
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::palette::{self, Rgb, Theme};
use crate::view::View;
use crate::words::{self, Word};
use crate::write::svg::pen::r;
use crate::write::{Options, WriteError};
use petgraph::graph::NodeIndex;
use std::fmt::Write as _;

fn title(view: &View, lang: Lang) -> String {
    canvas::clean(view.title().get(lang))
}

// ---------------------------------------------------------------- Labels
// What the DOT and Mermaid forms say on a node or an edge.

/// Wrap a long label for DOT/Mermaid at about `chars` characters.
fn wrap_chars(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in canvas::clean(text).split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

struct Ids {
    caps: Vec<String>,
    models: Vec<String>,
}

fn ids(flow: &Flow) -> Ids {
    let caps = (0..flow.caps.len()).map(|i| format!("n{i}")).collect();
    let models = (0..flow.models.len())
        .map(|i| format!("n{}", flow.caps.len() + i))
        .collect();
    Ids { caps, models }
}

fn model_lines(lineage: &Lineage, n: NodeIndex, lang: Lang) -> Vec<String> {
    let (name, api) = model_names(lineage, n, lang);
    let mut meta = model_date(lineage, n, lang);
    if let Some(api) = api {
        meta = format!("{api} · {meta}");
    }
    vec![name, meta]
}

fn edge_label(flow: &Flow, e: &Edge, lang: Lang) -> Vec<String> {
    let lineage = flow.view.lineage;
    let mut lines = wrap_chars(lineage.method(e.method).label.get(lang), 28);
    if !e.carried.is_empty() {
        let brought = format!(
            "{}{}",
            Word::Brings.get(lang),
            carried_text(lineage, &e.carried, lang)
        );
        lines.extend(wrap_chars(&brought, 32));
    }
    lines
}

mod dot;
mod mermaid;
mod svg;

pub use dot::dot;
pub use mermaid::{fit as mermaid_fit, markdown, mermaid};
pub use svg::svg;
