//! The capability flow: capabilities as nodes feeding the models that
//! gained or unlocked them, and the lineage carrying them on to the merge.
//!
//! [`Flow`] is what every format draws: the capability nodes, the feeds
//! (capability → model), and the lineage edges of the view; an edge into a
//! merge also lists what that parent *brought*: the capabilities the merge
//! inherits through it that another parent lacks or holds weaker. So the
//! figure shows each branch bringing its own abilities into the merge.
//!
//! This module says what the figure shows, and the words of its labels;
//! `write::capability::flow` writes it (DOT, Mermaid, SVG) and
//! `layout::flow` places it. No syntax, measuring or placing here.

use super::capability::{bringing_method, is_origin, uncertain, Shown};
use super::clean;
use crate::data::{Certainty, ChangeKind};
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::view::View;
use crate::words::Word;
use petgraph::graph::{EdgeIndex, NodeIndex};

/// A capability node.
#[derive(Debug, Clone)]
pub struct CapNode {
    pub cap: CapabilityId,
    /// The method that brings it (groups and orders nothing here; for tooltips).
    pub method: Option<MethodId>,
    /// Every feed of it is certain.
    pub certain: bool,
}

/// Capability → the model that gained or unlocked it.
#[derive(Debug, Clone)]
pub struct Feed {
    /// Index into [`Flow::caps`].
    pub node: usize,
    pub model: NodeIndex,
    pub kind: ChangeKind,
    pub method: Option<MethodId>,
    pub certain: bool,
}

/// A capability carried into a merge through one parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    pub cap: CapabilityId,
    pub certain: bool,
}

/// A lineage edge of the view.
#[derive(Debug, Clone)]
pub struct Edge {
    pub edge: EdgeIndex,
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub method: MethodId,
    pub certain: bool,
    /// Into a merge: what this parent brought. Empty elsewhere.
    pub carried: Vec<Carried>,
}

/// The flow of one view.
pub struct Flow<'a> {
    pub view: &'a View<'a>,
    /// Models in date order, parents always before children.
    pub models: Vec<NodeIndex>,
    pub caps: Vec<CapNode>,
    pub feeds: Vec<Feed>,
    pub edges: Vec<Edge>,
}

impl<'a> Flow<'a> {
    pub fn of(view: &'a View<'a>) -> Flow<'a> {
        let lineage = view.lineage;
        let inh = &lineage.inheritance;
        let models = view.models.clone();
        let mut caps: Vec<CapNode> = Vec::new();
        let mut feeds = Vec::new();
        for &n in &models {
            for cap in lineage.capability_ids() {
                let t = inh.trace(n, cap);
                if !is_origin(t.changed_here) {
                    continue;
                }
                let node = match caps.iter().position(|c| c.cap == cap) {
                    Some(i) => i,
                    None => {
                        caps.push(CapNode {
                            cap,
                            method: bringing_method(view, cap),
                            certain: true,
                        });
                        caps.len() - 1
                    }
                };
                caps[node].certain &= t.certain;
                feeds.push(Feed {
                    node,
                    model: n,
                    kind: t.changed_here.unwrap_or(ChangeKind::Gained),
                    method: t.origin.and_then(|o| o.method),
                    certain: t.certain,
                });
            }
        }
        let edges = view
            .edges
            .iter()
            .filter_map(|&e| {
                let (from, to) = lineage.graph.edge_endpoints(e)?;
                let d = &lineage.graph[e];
                Some(Edge {
                    edge: e,
                    from,
                    to,
                    method: d.method,
                    certain: d.certainty == Certainty::Certain,
                    carried: carried(view, from, to),
                })
            })
            .collect();
        Flow {
            view,
            models,
            caps,
            feeds,
            edges,
        }
    }

    pub fn is_merge(&self, n: NodeIndex) -> bool {
        self.view.parents(n).len() >= 2
    }

    pub fn position(&self, n: NodeIndex) -> usize {
        self.models.iter().position(|&m| m == n).unwrap_or(0)
    }
}

/// What `to` (a merge of the view) inherits through `from` that another
/// shown parent lacks or holds weaker. Empty when `to` is not a merge.
fn carried(view: &View, from: NodeIndex, to: NodeIndex) -> Vec<Carried> {
    let parents = view.parents(to);
    if parents.len() < 2 {
        return Vec::new();
    }
    let inh = &view.lineage.inheritance;
    view.lineage
        .capability_ids()
        .filter_map(|cap| {
            let t = inh.trace(to, cap);
            if t.through != Some(from) || Shown::of(t.state).score() == 0 {
                return None;
            }
            let mine = Shown::of(inh.trace(from, cap).state).score();
            let others_lack = parents
                .iter()
                .filter(|(_, p)| *p != from)
                .any(|&(_, p)| Shown::of(inh.trace(p, cap).state).score() < mine);
            others_lack.then_some(Carried {
                cap,
                certain: !uncertain(&t),
            })
        })
        .collect()
}

/// A capability's label, " ?" when it is uncertain.
pub fn cap_label(lineage: &Lineage, cap: CapabilityId, certain: bool, lang: Lang) -> String {
    let mut s = clean(lineage.capability(cap).label.get(lang));
    if !certain {
        s.push_str(" ?");
    }
    s
}

/// What a parent brought into a merge, as one list.
pub fn carried_text(lineage: &Lineage, carried: &[Carried], lang: Lang) -> String {
    carried
        .iter()
        .map(|c| cap_label(lineage, c.cap, c.certain, lang))
        .collect::<Vec<_>>()
        .join(Word::ListSeparator.get(lang))
}
