//! The legend: one plain node in a cluster of its own, on the first date's
//! rank, saying what the edge colours, dashes, double borders and change
//! glyphs mean. It shows only what the view uses.

use super::{color, html, quoted_label, Dot};
use crate::figure::lineage::{legend, Entry};
use crate::palette;
use crate::words::Word;
use crate::write::svg::card::glyph;

impl Dot<'_> {
    /// One plain node in a cluster of its own, on the first date's rank:
    /// the methods with their colours, what a dashed edge and a double
    /// border mean, and the change glyphs. (Each change row names its
    /// capability, so the capability colours need no key.)
    pub(super) fn legend(&mut self) {
        let lang = self.lang;
        let t = self.theme;
        let rows: Vec<String> = legend(self.view, lang)
            .iter()
            .map(|entry| {
                let sample = match entry.entry {
                    Entry::Method(m) => {
                        format!(
                            "<FONT COLOR=\"{}\">━━━▶</FONT>",
                            palette::method(self.view.method_slot(m)).hex()
                        )
                    }
                    Entry::UncertainDerivation => {
                        format!("<FONT COLOR=\"{}\">╍╍╍▶</FONT>", t.muted.hex())
                    }
                    Entry::Merge => "▣".into(),
                    Entry::Change(k) => glyph(k).into(),
                    Entry::UncertainChange => "?".into(),
                };
                legend_row(&sample, &html(&entry.spelled))
            })
            .collect();
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
