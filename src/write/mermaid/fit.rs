//! Whether a Mermaid figure fits an 880 px docs column, estimated before
//! drawing from a rough model of Mermaid's own layout ([`Sketch`]).

use super::{direction, node_lines};
use crate::figure::lines;
use crate::lineage::Lang;
use crate::view::View;
use crate::write::FitWarning;

/// The widest a Mermaid drawing may be for a docs column: Mermaid draws
/// labels at 16 px, GitHub scales the drawing into an 880 px column, and
/// text there must stay at 11 px or more.
pub const COLUMN_WIDTH: f64 = 880.0 * 16.0 / 11.0;

/// A flowchart as Mermaid's layout (dagre) will roughly place it: each
/// node's rank (longest path from a source) and width, each edge label's
/// rank (that of the edge's tail) and width. Enough to tell before drawing
/// whether a figure fits a docs column; `tests/mermaid_fit.rs` checks the
/// estimate against the real Mermaid both ways.
#[derive(Debug, Default)]
pub struct Sketch {
    pub nodes: Vec<(usize, f64)>,
    pub labels: Vec<(usize, f64)>,
}

/// Mermaid's gap between nodes and between ranks.
const GAP: f64 = 50.0;

impl Sketch {
    /// The width of a box holding `lines`: Mermaid wraps a label at 200 px
    /// and pads it by 15 px a side. Latin text is about 8 px a character
    /// at 16 px, CJK 16 px.
    pub fn box_width<S: AsRef<str>>(lines: &[S]) -> f64 {
        let widest = lines
            .iter()
            .map(|l| {
                l.as_ref()
                    .chars()
                    .map(|c| if (c as u32) < 0x2e80 { 8.0 } else { 16.0 })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        widest.min(200.0) + 30.0
    }

    /// The estimated width of the drawing, top to bottom (`lr` false: the
    /// widest rank) or left to right (every rank's widest box side by side).
    pub fn width(&self, lr: bool) -> f64 {
        let ranks = self
            .nodes
            .iter()
            .chain(&self.labels)
            .map(|&(r, _)| r + 1)
            .max()
            .unwrap_or(0);
        let mut node_sum = vec![0.0; ranks];
        let mut node_max = vec![0.0f64; ranks];
        let mut label_sum = vec![0.0; ranks];
        let mut label_max = vec![0.0f64; ranks];
        for &(r, w) in &self.nodes {
            node_sum[r] += w + GAP;
            node_max[r] = node_max[r].max(w + GAP);
        }
        for &(r, w) in &self.labels {
            label_sum[r] += w + GAP;
            label_max[r] = label_max[r].max(w + GAP);
        }
        if lr {
            node_max.iter().sum::<f64>() + label_max.iter().sum::<f64>()
        } else {
            node_sum
                .iter()
                .chain(&label_sum)
                .fold(0.0, |a: f64, &b| a.max(b))
        }
    }
}

/// A lineage view as [`Sketch`] sees it.
fn lineage_sketch(view: &View, lang: Lang) -> Sketch {
    let lineage = view.lineage;
    let mut rank = vec![0usize; lineage.graph.node_count()];
    let mut sketch = Sketch::default();
    // Models come in date order, parents first.
    for &n in &view.models {
        let r = view
            .parents(n)
            .iter()
            .map(|&(_, p)| rank[p.index()] + 1)
            .max()
            .unwrap_or(0);
        rank[n.index()] = r;
        sketch
            .nodes
            .push((r, Sketch::box_width(&node_lines(view, n, lang))));
    }
    for &e in &view.edges {
        if let Some((a, _)) = lineage.graph.edge_endpoints(e) {
            let text = lines(lineage.method(lineage.graph[e].method).label.get(lang));
            sketch
                .labels
                .push((rank[a.index()], Sketch::box_width(&[text]) - 20.0));
        }
    }
    sketch
}

/// Whether the view's Mermaid figure, at the estimated width of `sketch`,
/// keeps its text at 11 px in an 880 px docs column; if not, the warning.
pub fn column_fit(view: &View, sketch: &Sketch) -> Option<FitWarning> {
    let lr = direction(view) == "LR";
    let width = sketch.width(lr);
    if width <= COLUMN_WIDTH {
        return None;
    }
    let text = 16.0 * 880.0 / width;
    let mut hint = String::from("split the view: give it `from`/`to` so it draws fewer models");
    if lr {
        hint.push_str(
            ", or leave out `direction: Right` (Mermaid figures run top to bottom unless told)",
        );
    }
    Some(FitWarning {
        message: format!(
            "view \"{}\": its Mermaid figure is about {:.0} px wide, so in an 880 px docs column its text is about {:.1} px tall (under 11 px); it is drawn anyway",
            view.spec.name,
            width,
            text
        ),
        hint,
    })
}

/// [`column_fit`] for a lineage view.
pub fn fit(view: &View, lang: Lang) -> Option<FitWarning> {
    column_fit(view, &lineage_sketch(view, lang))
}
