//! Views: the part of a lineage one figure shows.
//!
//! A [`ViewSpec`] is a named figure as the data declares it, with model ids
//! already resolved (the load stage resolves them; see `crate::model`). [`View::of`] selects
//! the models and edges it shows, in a stable order. Views decide *what* is
//! drawn, never *where* or *how*.

pub use crate::model::ViewSpec;

use crate::model::{Lineage, Text};
use crate::palette;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::BTreeSet;

/// The models and edges a figure shows.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub lineage: &'a Lineage,
    pub spec: ViewSpec,
    /// Parents before children; otherwise by date (unknown last), then by
    /// declaration order.
    pub models: Vec<NodeIndex>,
    /// Edges between shown models, in declaration order.
    pub edges: Vec<EdgeIndex>,
    /// Whether each model (by node index) is shown.
    shown: Vec<bool>,
    /// The methods of the shown edges, in declaration order: a method's
    /// place here is its colour slot ([`View::method_slot`]).
    methods: Vec<usize>,
    /// The branches of the shown models, in declaration order (see
    /// [`View::branch_slot`]).
    branches: Vec<usize>,
    /// The capabilities the shown models have or change, in declaration
    /// order; only listed when the file declares more than there are
    /// colours (see [`View::capability_slot`]).
    capabilities: Vec<usize>,
}

impl<'a> View<'a> {
    pub fn of(lineage: &'a Lineage, spec: &ViewSpec) -> View<'a> {
        let g = &lineage.graph;
        let keep = spec.select(g);
        let models = date_order(lineage, &keep);
        let edges: Vec<EdgeIndex> = g
            .edge_references()
            .filter(|e| keep.contains(&e.source()) && keep.contains(&e.target()))
            .map(|e| e.id())
            .collect();
        let methods: Vec<usize> = edges
            .iter()
            .map(|&e: &EdgeIndex| g[e].method.0)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let branches: Vec<usize> = keep
            .iter()
            .filter_map(|&n| g[n].branch.map(|b| b.0))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let capabilities = if lineage.capabilities.len() > palette::COLOURS {
            shown_capabilities(lineage, &keep)
        } else {
            Vec::new()
        };
        let mut shown = vec![false; g.node_count()];
        for n in &keep {
            shown[n.index()] = true;
        }
        View {
            lineage,
            spec: spec.clone(),
            models,
            edges,
            shown,
            methods,
            branches,
            capabilities,
        }
    }

    /// The colour slot of method `m` in this view: its place among the
    /// methods the view shows, so a view's methods take the first (best
    /// separated) colours whatever else the file declares.
    pub fn method_slot(&self, m: crate::lineage::MethodId) -> usize {
        self.methods.binary_search(&m.0).unwrap_or(m.0)
    }

    /// The branches of the shown models, in declaration order.
    pub fn branches(&self) -> impl Iterator<Item = crate::model::BranchId> + '_ {
        self.branches.iter().map(|&b| crate::model::BranchId(b))
    }

    /// The colour slot of branch `b` in this view. A file with no more
    /// branches than there are colours keeps each branch's colour in every
    /// figure (its place in the file); beyond that a view's own branches
    /// take the colours in declaration order, so a view of up to
    /// [`palette::COLOURS`] branches never repeats one.
    pub fn branch_slot(&self, b: crate::model::BranchId) -> usize {
        if self.lineage.branches.len() <= palette::COLOURS {
            return b.0;
        }
        self.branches.binary_search(&b.0).unwrap_or(b.0)
    }

    /// The colour slot of capability `c` in this view, by the rule of
    /// [`View::branch_slot`]: the capabilities the view's models have or
    /// change take the colours in declaration order when the file declares
    /// more than there are colours.
    pub fn capability_slot(&self, c: crate::model::CapabilityId) -> usize {
        if self.lineage.capabilities.len() <= palette::COLOURS {
            return c.0;
        }
        self.capabilities.binary_search(&c.0).unwrap_or(c.0)
    }

    /// Every view the lineage declares, or the whole lineage when it declares none.
    pub fn all(lineage: &'a Lineage) -> Vec<View<'a>> {
        if lineage.views.is_empty() {
            return vec![View::of(lineage, &ViewSpec::whole())];
        }
        lineage.views.iter().map(|s| View::of(lineage, s)).collect()
    }

    pub fn title(&self) -> &Text {
        self.spec.title.as_ref().unwrap_or(&self.lineage.title)
    }

    /// The subtitle a figure of this view shows: the view's own `subtitle`;
    /// else, for the one view of a file that declares none (the whole
    /// lineage), the file's subtitle; else none. A declared view without a
    /// subtitle does not repeat the file's, which describes the whole.
    pub fn subtitle(&self) -> Option<&Text> {
        self.spec
            .subtitle
            .as_ref()
            .or(if self.lineage.views.is_empty() {
                self.lineage.subtitle.as_ref()
            } else {
                None
            })
    }

    /// Whether the view shows model `n`.
    pub fn contains(&self, n: NodeIndex) -> bool {
        self.shown.get(n.index()).copied().unwrap_or(false)
    }

    /// The shown models in the order the view's `only` lists them, then
    /// the others in [`View::models`] order: for figures whose rows or
    /// columns follow the author's list (the table).
    pub fn listed_order(&self) -> Vec<NodeIndex> {
        let mut placed = vec![false; self.shown.len()];
        let mut out = Vec::with_capacity(self.models.len());
        for &n in self.spec.only.iter().chain(&self.models) {
            if self.contains(n) && !placed[n.index()] {
                placed[n.index()] = true;
                out.push(n);
            }
        }
        out
    }

    /// Shown edges into `n`, in the order the model lists its parents.
    pub fn parents(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        self.lineage
            .parents(n)
            .into_iter()
            .filter(|(e, _)| self.edges.binary_search(e).is_ok())
            .collect()
    }
}

/// The capabilities that the `keep` models hold in any state or change, by
/// index.
fn shown_capabilities(lineage: &Lineage, keep: &BTreeSet<NodeIndex>) -> Vec<usize> {
    let mut seen = vec![false; lineage.capabilities.len()];
    for &n in keep {
        for (c, trace) in lineage.inheritance.row(n).enumerate() {
            seen[c] |= trace.state != crate::model::State::Absent;
        }
        for change in &lineage.model(n).changes {
            if let Some(s) = seen.get_mut(change.capability.0) {
                *s = true;
            }
        }
    }
    (0..seen.len()).filter(|&c| seen[c]).collect()
}

/// The kept models by date, parents always before their children (fuzzy
/// dates can otherwise put a child first): a topological order that takes
/// the earliest-dated ready model each time, declaration order breaking ties.
fn date_order(lineage: &Lineage, keep: &BTreeSet<NodeIndex>) -> Vec<NodeIndex> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let g = &lineage.graph;
    let key = |n: NodeIndex| Reverse((g[n].date.sort_key(), n));
    let waiting = |n: NodeIndex| {
        lineage
            .parents(n)
            .iter()
            .filter(|(_, p)| keep.contains(p))
            .count()
    };
    let mut pending: std::collections::BTreeMap<NodeIndex, usize> =
        keep.iter().map(|&n| (n, waiting(n))).collect();
    let mut ready: BinaryHeap<_> = pending
        .iter()
        .filter(|(_, &w)| w == 0)
        .map(|(&n, _)| key(n))
        .collect();
    let mut order = Vec::with_capacity(keep.len());
    while let Some(Reverse((_, n))) = ready.pop() {
        order.push(n);
        for (_, child) in lineage.children(n) {
            if let Some(w) = pending.get_mut(&child) {
                *w -= 1;
                if *w == 0 {
                    ready.push(key(child));
                }
            }
        }
    }
    order
}
