//! Derivation edges: parent -> child, coloured and labelled with the
//! method (an external label in a big timeline, where a label would cost
//! dot ranks), dashed when the source is unsure, with a tooltip that says everything the label leaves
//! out.

use super::{color, quoted_label, quoted_tooltip, Dot};
use crate::data::Certainty;
use crate::figure::lines;
use crate::palette;
use crate::words::Word;
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
        for &e in &self.view.edges.clone() {
            let Some((a, b)) = lineage.graph.edge_endpoints(e) else {
                continue;
            };
            let d = &lineage.graph[e];
            let method = lineage.method(d.method);
            let hue = palette::method(d.method.0);
            let uncertain = d.certainty == Certainty::Uncertain;
            let mut label = lines(method.label.get(self.lang));
            if uncertain {
                label.push_str(" ?");
            }
            for &s in &d.sources {
                label.push_str(&format!(" [{}]", lines(&lineage.source(s).key)));
            }
            let mut tooltip = vec![format!(
                "{} → {}: {}",
                lineage.model(a).current_name().get(self.lang),
                lineage.model(b).current_name().get(self.lang),
                method.label.get(self.lang)
            )];
            if uncertain {
                tooltip.push(Word::Uncertain.get(self.lang).to_string());
            }
            if let Some(note) = &d.note {
                tooltip.push(note.get(self.lang).to_string());
            }
            tooltip.extend(self.sources(&d.sources));
            let tooltip: Vec<String> = tooltip.iter().map(|t| clean(t)).collect();
            // In a big timeline an `xlabel`, placed once the layout is done:
            // a `label` makes dot give every edge a node of its own and
            // double the ranks (ten times the layout time at 1,000 models).
            // Elsewhere a `label`, which dot keeps clear of the boxes.
            let key = if self.big { "xlabel" } else { "label" };
            let mut attrs = vec![
                format!("{key}={}", quoted_label(&label)),
                format!("tooltip={}", quoted_tooltip(&tooltip.join("\n"))),
                format!("color={}", color(hue)),
                format!("fontcolor={}", color(self.theme.ink(hue))),
            ];
            if uncertain {
                attrs.push("style=dashed".into());
            }
            let line = format!("{} -> {} [{}];", self.id(a), self.id(b), attrs.join(", "));
            self.line(1, &line);
        }
    }
}
