//! Views: the part of a lineage one figure shows.
//!
//! A [`ViewSpec`] is a named figure as the data declares it, with model ids
//! already resolved (the lineage stage resolves them). [`View::of`] selects
//! the models and edges it shows, in a stable order. Views decide *what* is
//! drawn, never *where* or *how*.

use crate::data::{DirectionDecl, LayersDecl, ViewDecl, ViewKind};
use crate::lineage::{Derivation, Lineage, Model, Text};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef, Reversed};
use std::collections::BTreeSet;

/// A declared view with its model references resolved.
#[derive(Debug, Clone)]
pub struct ViewSpec {
    pub name: String,
    pub title: Option<Text>,
    pub kind: ViewKind,
    pub from: Vec<NodeIndex>,
    pub to: Vec<NodeIndex>,
    pub only: Vec<NodeIndex>,
    pub exclude: Vec<NodeIndex>,
    pub direction: DirectionDecl,
    pub layers: LayersDecl,
    pub capabilities: bool,
}

impl ViewSpec {
    pub fn new(
        decl: &ViewDecl,
        from: Vec<NodeIndex>,
        to: Vec<NodeIndex>,
        only: Vec<NodeIndex>,
        exclude: Vec<NodeIndex>,
    ) -> ViewSpec {
        ViewSpec {
            name: decl.name.clone(),
            title: decl.title.as_ref().map(|en| Text {
                en: en.clone(),
                zh: decl.title_zh.clone(),
            }),
            kind: decl.kind,
            from,
            to,
            only,
            exclude,
            direction: decl.direction,
            layers: decl.layers,
            capabilities: decl.capabilities,
        }
    }

    /// The view a file without views gets: the whole lineage.
    pub fn whole() -> ViewSpec {
        ViewSpec {
            name: "lineage".into(),
            title: None,
            kind: ViewKind::Lineage,
            from: Vec::new(),
            to: Vec::new(),
            only: Vec::new(),
            exclude: Vec::new(),
            direction: DirectionDecl::Right,
            layers: LayersDecl::Timeline,
            capabilities: true,
        }
    }
}

/// Longest view name: it becomes part of a file name (with the graph's
/// name and an extension), which most file systems cap at 255 bytes.
pub const MAX_NAME_CHARS: usize = 64;

/// View names become file names: keep them plain and short.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

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
}

impl<'a> View<'a> {
    pub fn of(lineage: &'a Lineage, spec: &ViewSpec) -> View<'a> {
        let g = &lineage.graph;
        let keep = select(g, spec);
        let models = date_order(lineage, &keep);
        let edges = g
            .edge_references()
            .filter(|e| keep.contains(&e.source()) && keep.contains(&e.target()))
            .map(|e| e.id())
            .collect();
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
        }
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

/// The models a view keeps: `from` and their descendants, `to` and their
/// ancestors (both when both are given), or exactly `only`; minus `exclude`.
/// Iterative: no recursion however deep the lineage.
pub fn select(g: &DiGraph<Model, Derivation>, spec: &ViewSpec) -> BTreeSet<NodeIndex> {
    let mut keep: BTreeSet<NodeIndex> = g.node_indices().collect();
    if !spec.from.is_empty() {
        keep = reach(g, &spec.from, false);
    }
    if !spec.to.is_empty() {
        let up = reach(g, &spec.to, true);
        keep = keep.intersection(&up).copied().collect();
    }
    if !spec.only.is_empty() {
        keep = spec.only.iter().copied().collect();
    }
    for n in &spec.exclude {
        keep.remove(n);
    }
    keep
}

/// `starts` and everything below them (or above, when `up`).
fn reach(g: &DiGraph<Model, Derivation>, starts: &[NodeIndex], up: bool) -> BTreeSet<NodeIndex> {
    let mut seen = BTreeSet::new();
    for &s in starts {
        if up {
            let reversed = Reversed(g);
            let mut dfs = Dfs::new(reversed, s);
            while let Some(n) = dfs.next(reversed) {
                seen.insert(n);
            }
        } else {
            let mut dfs = Dfs::new(g, s);
            while let Some(n) = dfs.next(g) {
                seen.insert(n);
            }
        }
    }
    seen
}
