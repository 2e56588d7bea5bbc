//! A lineage figure's cards: what each model's box says, in one language.
//! DOT, Mermaid and SVG all draw these lines; each chooses only which of
//! them its medium has room for (Mermaid leaves out the size line, only
//! figures with a source list print the citation keys).

use crate::data::{Certainty, ChangeKind};
use crate::figure::lines;
use crate::model::{CapabilityId, Change, Lang, Lineage};
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

/// What one model's card says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The name, its own line breaks kept; empty when the model has none.
    pub name: String,
    /// The API name, when it is not the name again.
    pub api: Option<String>,
    /// The model's date, as a reader of the language writes it.
    pub date: String,
    /// When its life ended, when the data says.
    pub end: Option<String>,
    /// The date line: the date, or "2020-07 – 2023-01" with an end.
    pub lifespan: String,
    /// "formerly Corel Linux": the names before the current one (`name` is
    /// the current one).
    pub formerly: Option<String>,
    /// "175B · 2048 tokens".
    pub size: Option<String>,
    /// "merge of 2 branches", for a model with several parents.
    pub merge: Option<String>,
    /// `[A][9]`: keys into the figure's source list.
    pub citations: String,
    pub changes: Vec<ChangeLine>,
    /// What the card's tooltip adds, data text as written: "name (id) ·
    /// date", the note, then `[key] title` per source.
    pub about: String,
    pub note: Option<String>,
    pub cited: Vec<String>,
}

/// One capability change on a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub kind: ChangeKind,
    pub capability: CapabilityId,
    pub label: String,
    pub certain: bool,
    /// What its tooltip says, data text as written: "gained: label · method
    /// · uncertain · note · [keys]".
    pub tooltip: String,
}

impl Card {
    pub fn of(view: &View, n: NodeIndex, lang: Lang) -> Card {
        let lineage = view.lineage;
        let m = lineage.model(n);
        let (name, api) = crate::figure::model_names(m, lang, lines);
        let former: Vec<String> = m
            .former_names()
            .into_iter()
            .map(|t| lines(t.get(lang)))
            .collect();
        let former: Vec<&str> = former.iter().map(String::as_str).collect();
        let formerly = (!former.is_empty()).then(|| words::formerly(&former, lang));
        let size: Vec<String> = [&m.params, &m.context]
            .into_iter()
            .flatten()
            .map(|s| lines(s))
            .collect();
        // A merge as this view draws it: the parents it shows.
        let parents = view.parents(n);
        let merge = (parents.len() >= 2).then(|| {
            let branches: BTreeSet<_> = parents
                .iter()
                .filter_map(|&(_, p)| lineage.model(p).branch)
                .collect();
            words::merge_of(parents.len(), branches.len() >= 2, lang)
        });
        let citations = m
            .sources
            .iter()
            .map(|&s| format!("[{}]", lines(&lineage.source(s).key)))
            .collect();
        let changes = if view.spec.capabilities {
            m.changes
                .iter()
                .map(|c| ChangeLine {
                    kind: c.kind,
                    capability: c.capability,
                    label: lines(lineage.capability(c.capability).label.get(lang)),
                    certain: c.certainty == Certainty::Certain,
                    tooltip: change_tooltip(lineage, c, lang),
                })
                .collect()
        } else {
            Vec::new()
        };
        Card {
            name,
            api,
            date: words::date(&m.date, lang),
            end: m.end.is_known().then(|| words::date(&m.end, lang)),
            lifespan: words::lifespan(&m.date, &m.end, lang),
            formerly,
            size: (!size.is_empty()).then(|| size.join(" · ")),
            merge,
            citations,
            changes,
            about: format!(
                "{} ({}) · {}",
                m.current_name().get(lang),
                m.id,
                words::date(&m.date, lang)
            ),
            note: m.note.as_ref().map(|t| t.get(lang).to_string()),
            cited: m
                .sources
                .iter()
                .map(|&s| {
                    let src = lineage.source(s);
                    format!("[{}] {}", src.key, src.title.get(lang))
                })
                .collect(),
        }
    }

    /// The small lines under the name: "api · lifespan [· keys]", the
    /// former names, the size, the merge.
    pub fn meta(&self, with_citations: bool) -> Vec<String> {
        let mut first: Vec<&str> = self.api.iter().map(String::as_str).collect();
        first.push(&self.lifespan);
        if with_citations && !self.citations.is_empty() {
            first.push(&self.citations);
        }
        let mut meta = vec![first.join(" · ")];
        meta.extend(self.formerly.iter().cloned());
        meta.extend(self.size.iter().cloned());
        meta.extend(self.merge.iter().cloned());
        meta
    }
}

/// "gained: In-context learning · RLHF · uncertain · note · [9]".
fn change_tooltip(lineage: &Lineage, c: &Change, lang: Lang) -> String {
    let mut parts = vec![format!(
        "{}: {}",
        words::change(c.kind, lang),
        lineage.capability(c.capability).label.get(lang)
    )];
    parts.extend(
        c.method
            .map(|m| lineage.method(m).label.get(lang).to_string()),
    );
    if c.certainty == Certainty::Uncertain {
        parts.push(Word::Uncertain.get(lang).to_string());
    }
    parts.extend(c.note.as_ref().map(|t| t.get(lang).to_string()));
    let keys: String = c
        .sources
        .iter()
        .map(|&s| format!("[{}]", lineage.source(s).key))
        .collect();
    if !keys.is_empty() {
        parts.push(keys);
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixtures;

    fn card(text: &str, id: &str) -> Card {
        let l = fixtures::lineage(text);
        let view = View::all(&l).remove(0);
        Card::of(&view, l.find_model(id).unwrap(), Lang::En)
    }

    const MERGE: &str = r#"Lineage(title: "t", methods: {"m": (label: "M")},
      branches: {"x": (label: "X"), "y": (label: "Y")},
      sources: {"s": (title: "S", key: "A")},
      models: [
        (id: "a", name: "A", date: "2000", branch: "x"),
        (id: "b", name: "B", date: "2000", branch: "BRANCH_B"),
        (id: "c", name: "C", api: "c-1", date: "2001", params: "7B", sources: ["s"],
         from: [(parent: "a", via: "m"), (parent: "b", via: "m")]),
      ])"#;

    #[test]
    fn a_merge_across_branches_says_branches_and_within_one_says_parents() {
        let across = card(&MERGE.replace("BRANCH_B", "y"), "c");
        assert_eq!(across.merge.as_deref(), Some("merge of 2 branches"));
        assert_eq!(
            across.meta(true),
            ["c-1 · 2001 · [A]", "7B", "merge of 2 branches"]
        );
        assert_eq!(across.meta(false)[0], "c-1 · 2001");
        let within = card(&MERGE.replace("BRANCH_B", "x"), "c");
        assert_eq!(within.merge.as_deref(), Some("merge of 2 parents"));
    }

    #[test]
    fn a_card_shows_the_lifespan_and_the_current_name() {
        let text = r#"Lineage(title: "t", models: [
            (id: "c", name: "Corel Linux", date: "1999-11", end: "2006",
             renamed: [(date: "2001-08-29", name: "Xandros", name_zh: "Xandros 中文")]),
            (id: "d", name: "D", date: "2020-07")])"#;
        let c = card(text, "c");
        assert_eq!(c.name, "Xandros");
        assert_eq!(c.formerly.as_deref(), Some("formerly Corel Linux"));
        assert_eq!(c.end.as_deref(), Some("2006"));
        assert_eq!(c.meta(true), ["1999-11 – 2006", "formerly Corel Linux"]);
        let l = fixtures::lineage(text);
        let view = View::all(&l).remove(0);
        let zh = Card::of(&view, l.find_model("c").unwrap(), Lang::Zh);
        assert_eq!(zh.name, "Xandros 中文");
        assert_eq!(zh.meta(true), ["1999-11 至 2006", "曾用名 Corel Linux"]);
        let plain = card(text, "d");
        assert_eq!((&plain.end, &plain.formerly), (&None, &None));
        assert_eq!(plain.meta(true), ["2020-07"]);
    }

    #[test]
    fn an_api_name_equal_to_the_name_is_not_repeated() {
        let c = card(&MERGE.replace("BRANCH_B", "y").replace("c-1", "C"), "c");
        assert_eq!(c.api, None);
    }
}
