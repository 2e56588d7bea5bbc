//! What a lineage figure's legend lists: the methods its edges use, then
//! the marks it shows (a dashed derivation, a merge, each change kind, an
//! uncertain change), each only when the figure shows it.

use crate::data::{Certainty, ChangeKind};
use crate::figure::lines;
use crate::model::{Lang, MethodId};
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::EdgeIndex;
use std::collections::BTreeSet;

/// What a legend entry explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A method's colour, for the edges of that method.
    Method(MethodId),
    /// A dashed edge: a derivation the source is unsure of.
    UncertainDerivation,
    /// A merge's card (a model with several parents in the view).
    Merge,
    /// A change kind's mark.
    Change(ChangeKind),
    /// A "?" on a change: the source guesses.
    UncertainChange,
}

/// One legend row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegendEntry {
    pub entry: Entry,
    /// The words beside a sample that shows the mark.
    pub label: String,
    /// The words where the sample is text that cannot show the style
    /// (DOT's legend): "uncertain (dashed)", "merge (double border)".
    pub spelled: String,
}

impl LegendEntry {
    fn new(entry: Entry, label: String, spelled: Option<Word>, lang: Lang) -> LegendEntry {
        let spelled = spelled.map_or_else(|| label.clone(), |w| w.get(lang).to_string());
        LegendEntry {
            entry,
            label,
            spelled,
        }
    }
}

/// The legend of `view`: methods in declaration order, then the marks.
pub fn legend(view: &View, lang: Lang) -> Vec<LegendEntry> {
    let lineage = view.lineage;
    let mut out = Vec::new();
    let methods: BTreeSet<MethodId> = view
        .edges
        .iter()
        .map(|&e| lineage.graph[e].method)
        .collect();
    for m in methods {
        let label = lines(lineage.method(m).label.get(lang));
        out.push(LegendEntry::new(Entry::Method(m), label, None, lang));
    }
    let uncertain = |e: &EdgeIndex| lineage.graph[*e].certainty == Certainty::Uncertain;
    if view.edges.iter().any(uncertain) {
        let label = Word::UncertainDerivation.get(lang).to_string();
        let spelled = Some(Word::UncertainDashed);
        out.push(LegendEntry::new(
            Entry::UncertainDerivation,
            label,
            spelled,
            lang,
        ));
    }
    if view.models.iter().any(|&n| view.parents(n).len() >= 2) {
        let label = Word::Merge.get(lang).to_string();
        let spelled = Some(Word::MergeDoubleBorder);
        out.push(LegendEntry::new(Entry::Merge, label, spelled, lang));
    }
    if view.spec.capabilities {
        let shown: Vec<_> = view
            .models
            .iter()
            .flat_map(|&n| lineage.model(n).changes.iter())
            .collect();
        let kinds: BTreeSet<ChangeKind> = shown.iter().map(|c| c.kind).collect();
        for k in kinds {
            let label = words::change(k, lang).to_string();
            out.push(LegendEntry::new(Entry::Change(k), label, None, lang));
        }
        if shown.iter().any(|c| c.certainty == Certainty::Uncertain) {
            let label = Word::UncertainGuess.get(lang).to_string();
            out.push(LegendEntry::new(Entry::UncertainChange, label, None, lang));
        }
    }
    out
}
