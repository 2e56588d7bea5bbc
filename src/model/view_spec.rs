//! A view as the data declares it, its model references resolved, and the
//! models it keeps. What a figure draws of them is `view`'s job.

use super::{BranchId, Graph, Text};
use crate::data::{DensityDecl, DirectionDecl, LayersDecl, ViewKind};
use petgraph::graph::NodeIndex;
use petgraph::visit::{Dfs, Reversed};
use std::collections::BTreeSet;

/// A declared view with its model references resolved.
#[derive(Debug, Clone)]
pub struct ViewSpec {
    pub name: String,
    pub title: Option<Text>,
    /// The view's own subtitle, as declared. Figures ask
    /// `crate::view::View::subtitle`, which also knows when the file's
    /// subtitle applies.
    pub subtitle: Option<Text>,
    pub kind: ViewKind,
    pub from: Vec<NodeIndex>,
    pub to: Vec<NodeIndex>,
    pub only: Vec<NodeIndex>,
    pub exclude: Vec<NodeIndex>,
    pub direction: DirectionDecl,
    /// Whether the file says `direction` (else `direction` is the default,
    /// and a format may choose its own).
    pub direction_declared: bool,
    pub layers: LayersDecl,
    /// As declared; `None`: chosen from the view's size (`DensityDecl::auto`).
    pub density: Option<DensityDecl>,
    /// Branches pinned first across the figure, in this order; empty when
    /// the layout chooses the lane order.
    pub lanes: Vec<BranchId>,
    pub capabilities: bool,
}

impl ViewSpec {
    /// The models this view keeps: `from` and their descendants, `to` and
    /// their ancestors (both when both are given), or exactly `only`; minus
    /// `exclude`. Iterative: no recursion however deep the lineage.
    pub fn select(&self, g: &Graph) -> BTreeSet<NodeIndex> {
        select(g, self)
    }

    /// The view a file without views gets: the whole lineage.
    pub fn whole() -> ViewSpec {
        ViewSpec {
            name: "lineage".into(),
            title: None,
            subtitle: None,
            kind: ViewKind::Lineage,
            from: Vec::new(),
            to: Vec::new(),
            only: Vec::new(),
            exclude: Vec::new(),
            direction: DirectionDecl::Right,
            direction_declared: false,
            layers: LayersDecl::Timeline,
            density: None,
            lanes: Vec::new(),
            capabilities: true,
        }
    }
}

/// The models a view keeps: `from` and their descendants, `to` and their
/// ancestors (both when both are given), or exactly `only`; minus `exclude`.
/// Iterative: no recursion however deep the lineage.
fn select(g: &Graph, spec: &ViewSpec) -> BTreeSet<NodeIndex> {
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
fn reach(g: &Graph, starts: &[NodeIndex], up: bool) -> BTreeSet<NodeIndex> {
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
