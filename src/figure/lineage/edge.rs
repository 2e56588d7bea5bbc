//! What a derivation's edge says: its label (the method, the derivation's
//! own date, the uncertainty mark, the keys of its sources) and its tooltip.

use crate::data::Certainty;
use crate::figure::lines;
use crate::model::{Lang, MethodId};
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::EdgeIndex;

/// What one derivation of the view says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeLabel {
    pub edge: EdgeIndex,
    pub method: MethodId,
    pub certain: bool,
    /// The method's label, its own line breaks kept.
    pub method_label: String,
    /// The derivation's own date, when it has one (a re-basing years after
    /// the child was first released), as a reader of the language writes it.
    pub date: Option<String>,
    /// `[9]`: the keys of its sources, in the order the data lists them.
    pub keys: Vec<String>,
    /// What the tooltip says, one part each: "A → B: method", the date,
    /// "uncertain", the note, "\[key\] title" per source (data text as
    /// written; each medium cleans and joins them).
    pub tooltip: Vec<String>,
}

impl EdgeLabel {
    /// The label of edge `e`; `None` for an edge the lineage does not have.
    pub fn of(view: &View, e: EdgeIndex, lang: Lang) -> Option<EdgeLabel> {
        let lineage = view.lineage;
        let (a, b) = lineage.graph.edge_endpoints(e)?;
        let d = lineage.graph.edge_weight(e)?;
        let method = lineage.method(d.method).label.get(lang);
        let certain = d.certainty == Certainty::Certain;
        let date = d.date.is_known().then(|| words::date(&d.date, lang));
        let mut tooltip = vec![format!(
            "{} → {}: {method}",
            lineage.model(a).current_name().get(lang),
            lineage.model(b).current_name().get(lang),
        )];
        tooltip.extend(date.clone());
        if !certain {
            tooltip.push(Word::Uncertain.get(lang).to_string());
        }
        if let Some(note) = &d.note {
            tooltip.push(note.get(lang).to_string());
        }
        for &s in &d.sources {
            let src = lineage.source(s);
            tooltip.push(format!("[{}] {}", src.key, src.title.get(lang)));
        }
        Some(EdgeLabel {
            edge: e,
            method: d.method,
            certain,
            method_label: lines(method),
            date,
            keys: d
                .sources
                .iter()
                .map(|&s| format!("[{}]", lines(&lineage.source(s).key)))
                .collect(),
            tooltip,
        })
    }

    /// Every edge of the view, in the view's order.
    pub fn all(view: &View, lang: Lang) -> Vec<EdgeLabel> {
        view.edges
            .iter()
            .filter_map(|&e| EdgeLabel::of(view, e, lang))
            .collect()
    }

    /// The words on the edge: "Re-basing · 2008-06 ? \[9\]".
    pub fn text(&self) -> String {
        let mut text = self.method_label.clone();
        if let Some(date) = &self.date {
            text.push_str(" · ");
            text.push_str(date);
        }
        if !self.certain {
            text.push_str(" ?");
        }
        for key in &self.keys {
            text.push(' ');
            text.push_str(key);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixtures;

    #[test]
    fn an_edge_says_its_method_date_doubt_and_sources() {
        let l = fixtures::lineage(
            r#"Lineage(title: "t", methods: {"r": (label: "Re-basing")},
              sources: {"s": (title: "Notes", key: "9")},
              models: [
                (id: "a", name: "A", date: "2004"),
                (id: "b", name: "B", date: "2003",
                 from: [(parent: "a", via: "r", date: "2008-06", certainty: Uncertain,
                         note: "moved", sources: ["s"])]),
              ])"#,
        );
        let view = View::all(&l).remove(0);
        let [e] = EdgeLabel::all(&view, Lang::En).try_into().unwrap();
        assert_eq!(e.text(), "Re-basing · 2008-06 ? [9]");
        assert_eq!(
            e.tooltip,
            [
                "A → B: Re-basing",
                "2008-06",
                "uncertain",
                "moved",
                "[9] Notes"
            ]
        );
    }
}
