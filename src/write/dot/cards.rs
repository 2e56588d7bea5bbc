//! Branch clusters and model boxes: each model's HTML-like card (name,
//! meta lines, coloured change rows), its tooltip (everything the card
//! leaves out), and the double border of a merge. Where a box goes is left
//! to Graphviz and to `super::time`.

use super::{color, html, quoted_label, quoted_tooltip, Dot, NAME_SIZE, SMALL_SIZE};
use crate::figure::lineage::{lanes, Card, Role};
use crate::figure::lines;
use crate::palette;
use crate::write::svg::card::{clean, glyph};
use petgraph::graph::NodeIndex;

impl Dot<'_> {
    /// Branch clusters in declaration order (the figure's lanes), then
    /// the models on no branch.
    pub(super) fn clusters(&mut self) {
        let lineage = self.lineage;
        let models = self.view.models.clone();
        let mut any_branch = false;
        for lane in lanes(self.view, self.lang) {
            let b = lane.branch.0;
            let hue = palette::branch(self.view.branch_slot(lane.branch));
            self.line(0, "");
            if !any_branch {
                self.line(1, "// Branches: one cluster each, in declaration order.");
                any_branch = true;
            }
            self.line(1, &format!("subgraph cluster_{b} {{"));
            let mut tooltip = lane.label.clone();
            if let Some(note) = &lane.note {
                tooltip.push('\n');
                tooltip.push_str(note);
            }
            let attrs = format!(
                "graph [label={}, tooltip={}, style=\"rounded,filled\", fillcolor={}, \
                 color={}, fontcolor={}, fontsize=12, labeljust=l, margin=12];",
                quoted_label(&lane.label),
                quoted_tooltip(&lines(&tooltip)),
                color(self.theme.tint(hue, 0.12)),
                color(self.theme.tint(hue, 0.55)),
                color(self.theme.ink(hue)),
            );
            self.line(2, &attrs);
            for n in lane.members {
                self.node(2, n);
            }
            self.line(1, "}");
        }
        let unbranched: Vec<NodeIndex> = models
            .into_iter()
            .filter(|&n| lineage.model(n).branch.is_none())
            .collect();
        if !unbranched.is_empty() {
            self.line(0, "");
            self.line(1, "// Models on no branch.");
        }
        for n in unbranched {
            self.node(1, n);
        }
    }

    pub(super) fn node(&mut self, indent: usize, n: NodeIndex) {
        let merge = Role::of(self.view, n) == Role::Merge;
        let card = Card::of(self.view, n, self.lang);
        let mut attrs = vec![
            format!("label=<{}>", self.card(&card)),
            format!("tooltip={}", quoted_tooltip(&self.node_tooltip(&card))),
        ];
        if merge {
            attrs.push("peripheries=2".into());
            attrs.push("penwidth=1.6".into());
            attrs.push(format!("color={}", color(self.theme.merge_stroke)));
        }
        let line = format!("{} [{}];", self.id(n), attrs.join(", "));
        self.line(indent, &line);
    }

    /// The HTML-like label of a model: name, small grey lines, change rows.
    fn card(&self, card: &Card) -> String {
        let muted = self.theme.muted.hex();
        let mut rows = Vec::new();
        // Graphviz refuses an empty <B></B>: a model without a name gets no name row.
        if !card.name.is_empty() {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{NAME_SIZE}\"><B>{}</B></FONT></TD></TR>",
                html(&card.name)
            ));
        }
        for line in card.meta(false) {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{muted}\">{}</FONT></TD></TR>",
                html(&line)
            ));
        }
        if !card.changes.is_empty() {
            // A little air between the name block and the changes.
            rows.push("<TR><TD HEIGHT=\"3\"></TD></TR>".into());
            for change in &card.changes {
                let mark = if change.certain { "" } else { " ?" };
                let ink = self
                    .theme
                    .ink(palette::categorical(
                        self.view.capability_slot(change.capability),
                    ))
                    .hex();
                rows.push(format!(
                    "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{ink}\">{} {}{mark}</FONT></TD></TR>",
                    glyph(change.kind),
                    html(&change.label)
                ));
            }
        }
        format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">{}</TABLE>",
            rows.concat()
        )
    }

    /// Everything the card leaves out: the note, each change's note, the sources.
    fn node_tooltip(&self, card: &Card) -> String {
        let mut parts = vec![card.about.clone()];
        parts.extend(card.note.clone());
        for change in &card.changes {
            parts.push(format!("{} {}", glyph(change.kind), change.tooltip));
        }
        parts.extend(card.cited.iter().cloned());
        parts
            .iter()
            .map(|p| clean(p))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
