//! Derivation edges: parent -> child, coloured and labelled with the
//! method (an external label in a big timeline, where a label would cost
//! dot ranks), dashed when the source is unsure, with a tooltip that says everything the label leaves
//! out.

use super::{color, quoted_label, quoted_tooltip, Dot};
use crate::figure::lineage::EdgeLabel;
use crate::palette;
use crate::write::svg::card::clean;

impl Dot<'_> {
    pub(super) fn edges(&mut self) {
        let lineage = self.lineage;
        if !self.view.edges.is_empty() {
            self.line(0, "");
            self.line(
                1,
                "// Derivations, parent -> child, labelled with the method; dashed when the source is unsure.",
            );
        }
        for label in EdgeLabel::all(self.view, self.lang) {
            let Some((a, b)) = lineage.graph.edge_endpoints(label.edge) else {
                continue;
            };
            let hue = palette::method(self.view.method_slot(label.method));
            let tooltip: Vec<String> = label.tooltip.iter().map(|t| clean(t)).collect();
            // In a big timeline an `xlabel`, placed once the layout is done:
            // a `label` makes dot give every edge a node of its own and
            // double the ranks (ten times the layout time at 1,000 models).
            // Elsewhere a `label`, which dot keeps clear of the boxes.
            let key = if self.big { "xlabel" } else { "label" };
            let mut attrs = vec![
                format!("{key}={}", quoted_label(&label.text())),
                format!("tooltip={}", quoted_tooltip(&tooltip.join("\n"))),
                format!("color={}", color(hue)),
                format!("fontcolor={}", color(self.theme.ink(hue))),
            ];
            if !label.certain {
                attrs.push("style=dashed".into());
            }
            let line = format!("{} -> {} [{}];", self.id(a), self.id(b), attrs.join(", "));
            self.line(1, &line);
        }
    }
}
