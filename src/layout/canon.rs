//! Canonical form of the input graph: nodes sorted by key, edges sorted by
//! their endpoints, sizes turned into flow space (along / across the flow).
//!
//! Every later stage works on this form only, so the layout cannot depend on
//! the order in which the caller listed nodes or edges. This stage must not
//! decide anything about placement.

use super::{Direction, Graph, Size};
use std::cmp::Ordering;

/// A size split into its extent along the flow and across it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Extent {
    pub along: f64,
    pub across: f64,
}

impl Extent {
    pub fn of(size: Size, dir: Direction) -> Extent {
        let (along, across) = match dir {
            Direction::LeftToRight => (size.w, size.h),
            Direction::TopToBottom => (size.h, size.w),
        };
        Extent {
            along: clean(along),
            across: clean(across),
        }
    }
}

/// Negative or non-finite sizes would break separation arithmetic.
fn clean(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// One valid edge between canonical node indices.
#[derive(Debug, Clone)]
pub(crate) struct CEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<Extent>,
    /// Index into `Graph::edges`.
    pub orig: usize,
}

/// The graph in canonical order.
pub(crate) struct Canon {
    /// Canonical index -> index into `Graph::nodes`.
    pub orig: Vec<usize>,
    pub size: Vec<Extent>,
    /// Start of the node's time, if known and finite.
    pub time: Vec<Option<f64>>,
    /// 0 for nodes outside every lane (their region comes first, where the
    /// common ancestors usually are), else lane index + 1.
    pub group: Vec<usize>,
    /// The lanes keep the order they were given in.
    pub lanes_pinned: bool,
    pub edges: Vec<CEdge>,
}

impl Canon {
    pub fn new(g: &Graph) -> Canon {
        let orig = node_order(g);
        let mut canon_of = vec![0; g.nodes.len()];
        for (c, &o) in orig.iter().enumerate() {
            canon_of[o] = c;
        }
        let lanes = g.lanes.len();
        let nodes = orig.iter().map(|&o| &g.nodes[o]);
        let size = nodes
            .clone()
            .map(|n| Extent::of(n.size, g.direction))
            .collect();
        let time = nodes
            .clone()
            .map(|n| n.time.map(|t| t.start).filter(|t| t.is_finite()))
            .collect();
        let group = nodes
            .map(|n| n.lane.filter(|&l| l < lanes).map_or(0, |l| l + 1))
            .collect();
        let edges = edge_list(g, &canon_of);
        Canon {
            orig,
            size,
            time,
            group,
            lanes_pinned: g.lanes_pinned,
            edges,
        }
    }

    pub fn len(&self) -> usize {
        self.orig.len()
    }
}

/// Sort by key; the remaining fields only matter for duplicate keys.
fn node_order(g: &Graph) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..g.nodes.len()).collect();
    idx.sort_by(|&a, &b| {
        let (x, y) = (&g.nodes[a], &g.nodes[b]);
        x.key
            .cmp(&y.key)
            .then(cmp_opt(x.time.map(|t| t.start), y.time.map(|t| t.start)))
            .then(x.lane.cmp(&y.lane))
            .then(x.size.w.total_cmp(&y.size.w))
            .then(x.size.h.total_cmp(&y.size.h))
            .then(a.cmp(&b))
    });
    idx
}

fn cmp_opt(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Valid edges (endpoints in range, no self loops), in canonical order.
fn edge_list(g: &Graph, canon_of: &[usize]) -> Vec<CEdge> {
    let n = g.nodes.len();
    let mut edges: Vec<CEdge> = g
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.from < n && e.to < n && e.from != e.to)
        .map(|(i, e)| CEdge {
            from: canon_of[e.from],
            to: canon_of[e.to],
            label: e.label.map(|s| Extent::of(s, g.direction)),
            orig: i,
        })
        .collect();
    edges.sort_by(|a, b| {
        (a.from, a.to)
            .cmp(&(b.from, b.to))
            .then(cmp_label(a.label, b.label))
            .then(a.orig.cmp(&b.orig))
    });
    edges
}

fn cmp_label(a: Option<Extent>, b: Option<Extent>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x
            .along
            .total_cmp(&y.along)
            .then(x.across.total_cmp(&y.across)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}
