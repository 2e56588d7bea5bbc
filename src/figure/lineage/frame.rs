//! What frames a lineage figure's diagram: the lanes (one per branch that
//! has a model in the view) and the list of the sources it cites.

use crate::figure::lines;
use crate::model::{BranchId, Lang, SourceId};
use crate::view::View;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

/// A branch's lane (a DOT cluster, a Mermaid subgraph, an SVG band).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub branch: BranchId,
    /// The branch's label, its own line breaks kept.
    pub label: String,
    /// The branch's note, its own line breaks kept.
    pub note: Option<String>,
    /// The models of the view on this branch, in the view's order.
    pub members: Vec<NodeIndex>,
}

/// The lanes of `view`: the branches with a model in it, those the view
/// pins (`lanes`) first in its order, the others in declaration order.
pub fn lanes(view: &View, lang: Lang) -> Vec<Lane> {
    let lineage = view.lineage;
    let mut lanes: Vec<Lane> = Vec::new();
    let mut shown: Vec<BranchId> = view.branches().collect();
    let pinned = &view.spec.lanes;
    shown.sort_by_key(|b| pinned.iter().position(|p| p == b).unwrap_or(pinned.len()));
    for b in shown {
        let branch = lineage.branch(b);
        lanes.push(Lane {
            branch: b,
            label: lines(branch.label.get(lang)),
            note: branch.note.as_ref().map(|n| lines(n.get(lang))),
            members: view
                .models
                .iter()
                .copied()
                .filter(|&n| lineage.model(n).branch == Some(b))
                .collect(),
        });
    }
    lanes
}

/// One entry of the source list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub source: SourceId,
    /// "\[9\] Title https://…": the key, the title, the address.
    pub text: String,
}

/// The sources cited by the models, edges and (when the view shows them)
/// changes of `view`, in declaration order.
pub fn sources(view: &View, lang: Lang) -> Vec<SourceLine> {
    let lineage = view.lineage;
    let mut ids = BTreeSet::new();
    for &n in &view.models {
        let m = lineage.model(n);
        ids.extend(m.sources.iter().copied());
        if view.spec.capabilities {
            for c in &m.changes {
                ids.extend(c.sources.iter().copied());
            }
        }
    }
    for &e in &view.edges {
        ids.extend(lineage.graph[e].sources.iter().copied());
    }
    ids.into_iter()
        .map(|s| {
            let src = lineage.source(s);
            let mut text = format!("[{}] {}", src.key, src.title.get(lang));
            if let Some(url) = &src.url {
                text.push(' ');
                text.push_str(url);
            }
            SourceLine { source: s, text }
        })
        .collect()
}
