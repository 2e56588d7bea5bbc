//! The legend: one plain node in a cluster of its own, on the first date's
//! rank, saying what the edge colours, dashes, double borders and change
//! glyphs mean. It shows only what the view uses.

use super::{color, html, quoted_label, Dot};
use crate::data::Certainty;
use crate::figure::lineage::Role;
use crate::figure::lines;
use crate::palette;
use crate::words::{self, Word};
use crate::write::svg::card::glyph;
use std::collections::BTreeSet;

impl Dot<'_> {
    /// One plain node in a cluster of its own, on the first date's rank:
    /// the methods with their colours, what a dashed edge and a double
    /// border mean, and the change glyphs. (Each change row names its
    /// capability, so the capability colours need no key.)
    pub(super) fn legend(&mut self) {
        let lineage = self.lineage;
        let lang = self.lang;
        let t = self.theme;
        let mut rows = Vec::new();
        let mut methods = BTreeSet::new();
        let mut uncertain = false;
        for &e in &self.view.edges {
            methods.insert(lineage.graph[e].method);
            uncertain |= lineage.graph[e].certainty == Certainty::Uncertain;
        }
        for m in &methods {
            let hue = palette::method(m.0);
            rows.push(legend_row(
                &format!("<FONT COLOR=\"{}\">━━━▶</FONT>", hue.hex()),
                &html(&lines(lineage.method(*m).label.get(lang))),
            ));
        }
        if uncertain {
            rows.push(legend_row(
                &format!("<FONT COLOR=\"{}\">╍╍╍▶</FONT>", t.muted.hex()),
                &html(Word::UncertainDashed.get(lang)),
            ));
        }
        if self
            .view
            .models
            .iter()
            .any(|&n| Role::of(self.view, n) == Role::Merge)
        {
            rows.push(legend_row("▣", &html(Word::MergeDoubleBorder.get(lang))));
        }
        if self.view.spec.capabilities {
            let shown: Vec<_> = self
                .view
                .models
                .iter()
                .flat_map(|&n| lineage.model(n).changes.iter())
                .collect();
            let kinds: BTreeSet<_> = shown.iter().map(|c| c.kind).collect();
            for k in kinds {
                rows.push(legend_row(glyph(k), &html(words::change(k, lang))));
            }
            if shown.iter().any(|c| c.certainty == Certainty::Uncertain) {
                rows.push(legend_row("?", &html(Word::UncertainGuess.get(lang))));
            }
        }
        if rows.is_empty() {
            return;
        }
        let table = format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">{}</TABLE>",
            rows.concat()
        );
        let id = self.fresh("legend");
        self.line(0, "");
        self.line(1, "// Legend.");
        self.line(1, "subgraph cluster_legend {");
        let attrs = format!(
            "graph [label={}, style=\"rounded\", color={}, fontcolor={}, fontsize=12, labeljust=l, margin=8];",
            quoted_label(Word::Legend.get(lang)),
            color(t.card_stroke),
            color(t.muted),
        );
        self.line(2, &attrs);
        self.line(
            2,
            &format!(
                "{id} [shape=plaintext, style=solid, width=0, height=0, margin=0, fontcolor={}, label=<{table}>];",
                color(t.text)
            ),
        );
        self.line(1, "}");
        // On the first date's rank: under the title, beside the oldest
        // models, where it adds no rank of its own. Not in a big timeline:
        // there Graphviz 2.43 fails on the pin ("trouble in init_rank", at
        // 10,000 generated models), and puts the lone legend there anyway.
        if let (Some(first), false) = (self.spine.first(), self.big) {
            let pin = format!("{{ rank=same; {first}; {id}; }}");
            self.line(1, &pin);
        }
    }
}

fn legend_row(sample: &str, label: &str) -> String {
    format!("<TR><TD ALIGN=\"LEFT\">{sample}</TD><TD ALIGN=\"LEFT\">{label}</TD></TR>")
}
