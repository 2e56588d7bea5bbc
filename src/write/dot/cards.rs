//! Branch clusters and model boxes: each model's HTML-like card (name,
//! meta lines, coloured change rows), its tooltip (everything the card
//! leaves out), and the double border of a merge. Where a box goes is left
//! to Graphviz and to `super::time`.

use super::{color, html, quoted_label, quoted_tooltip, Dot, NAME_SIZE, SMALL_SIZE};
use crate::data::Certainty;
use crate::figure::lineage::{Card, Role};
use crate::figure::lines;
use crate::lineage::{BranchId, SourceId};
use crate::palette;
use crate::words::{self, Word};
use crate::write::svg::card::{clean, glyph};
use petgraph::graph::NodeIndex;

impl Dot<'_> {
    /// Branch clusters in declaration order, then the models on no branch.
    pub(super) fn clusters(&mut self) {
        let lineage = self.lineage;
        let models = self.view.models.clone();
        let mut any_branch = false;
        for b in 0..lineage.branches.len() {
            let members: Vec<NodeIndex> = models
                .iter()
                .copied()
                .filter(|&n| lineage.model(n).branch == Some(BranchId(b)))
                .collect();
            if members.is_empty() {
                continue;
            }
            let branch = lineage.branch(BranchId(b));
            let hue = palette::branch(b);
            self.line(0, "");
            if !any_branch {
                self.line(1, "// Branches: one cluster each, in declaration order.");
                any_branch = true;
            }
            self.line(1, &format!("subgraph cluster_{b} {{"));
            let mut tooltip = branch.label.get(self.lang).to_string();
            if let Some(note) = &branch.note {
                tooltip.push('\n');
                tooltip.push_str(note.get(self.lang));
            }
            let attrs = format!(
                "graph [label={}, tooltip={}, style=\"rounded,filled\", fillcolor={}, \
                 color={}, fontcolor={}, fontsize=12, labeljust=l, margin=12];",
                quoted_label(&lines(branch.label.get(self.lang))),
                quoted_tooltip(&lines(&tooltip)),
                color(self.theme.tint(hue, 0.12)),
                color(self.theme.tint(hue, 0.55)),
                color(self.theme.ink(hue)),
            );
            self.line(2, &attrs);
            for n in members {
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
        let mut attrs = vec![
            format!("label=<{}>", self.card(n)),
            format!("tooltip={}", quoted_tooltip(&self.node_tooltip(n))),
        ];
        if merge {
            attrs.push("peripheries=2".into());
            attrs.push("penwidth=1.6".into());
            attrs.push(format!("color={}", color(self.theme.merge_stroke)));
        }
        let line = format!("{} [{}];", self.id(n), attrs.join(", "));
        self.line(indent, &line);
    }

    pub(super) fn date(&self, n: NodeIndex) -> String {
        words::date(&self.lineage.model(n).date, self.lang)
    }

    /// The HTML-like label of a model: name, small grey lines, change rows.
    pub(super) fn card(&self, n: NodeIndex) -> String {
        let card = Card::of(self.view, n, self.lang);
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
                    .ink(palette::categorical(change.capability.0))
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

    pub(super) fn sources(&self, ids: &[SourceId]) -> Vec<String> {
        ids.iter()
            .map(|&s| {
                let src = self.lineage.source(s);
                format!("[{}] {}", lines(&src.key), lines(src.title.get(self.lang)))
            })
            .collect()
    }

    /// Everything the card leaves out: the note, each change's note, the sources.
    pub(super) fn node_tooltip(&self, n: NodeIndex) -> String {
        let m = self.lineage.model(n);
        let lang = self.lang;
        let mut parts = vec![format!(
            "{} ({}) · {}",
            m.current_name().get(lang),
            m.id,
            self.date(n)
        )];
        if let Some(note) = &m.note {
            parts.push(note.get(lang).to_string());
        }
        for change in &m.changes {
            let cap = self.lineage.capability(change.capability);
            let mut line = format!(
                "{} {}: {}",
                glyph(change.kind),
                words::change(change.kind, lang),
                cap.label.get(lang)
            );
            if change.certainty == Certainty::Uncertain {
                line.push_str(&format!(" ({})", Word::Uncertain.get(lang)));
            }
            if let Some(note) = &change.note {
                line.push_str(&format!(" — {}", note.get(lang)));
            }
            for &s in &change.sources {
                line.push_str(&format!(" [{}]", self.lineage.source(s).key));
            }
            parts.push(line);
        }
        parts.extend(self.sources(&m.sources));
        parts
            .iter()
            .map(|p| clean(p))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
