//! Layer assignment: which layer along the flow each node goes to.
//!
//! Timeline mode orders layers by node time (nodes of the same month share a
//! layer unless one descends from the other; unknown times sit between
//! their parents and children); compact mode uses the longest path from the
//! roots, then shortens edges by vertex promotion. Either way a child is
//! always in a later layer than its parents. This stage must not order nodes
//! inside a layer or compute coordinates.

use super::canon::Canon;
use super::simplex;
use super::LayerMode;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The result of layer assignment.
pub(crate) struct Ranking {
    /// Layer of every canonical node.
    pub layer: Vec<usize>,
    pub count: usize,
    /// Time of every layer (timeline mode with at least one known time), else empty.
    pub time: Vec<f64>,
    /// Per canonical edge: it points against the flow. Only happens when the
    /// input has a cycle, which validated lineages never have.
    pub reversed: Vec<bool>,
}

/// Edges oriented along a topological order, as adjacency lists.
struct Dag {
    topo: Vec<usize>,
    parents: Vec<Vec<usize>>,
    children: Vec<Vec<usize>>,
    reversed: Vec<bool>,
}

pub(crate) fn assign(c: &Canon, mode: LayerMode) -> Ranking {
    let dag = orient(c);
    let known = c.time.iter().any(Option::is_some);
    let (layer, time) = if mode == LayerMode::Timeline && known {
        timeline(c, &dag)
    } else {
        (compact(c.len(), &dag), Vec::new())
    };
    let count = layer.iter().max().map_or(0, |&m| m + 1);
    Ranking {
        layer,
        count,
        time,
        reversed: dag.reversed,
    }
}

/// Kahn's algorithm, smallest canonical index first so the order is stable.
/// If a cycle blocks progress, the smallest remaining node is taken anyway
/// and its remaining in-edges become reversed edges.
fn orient(c: &Canon) -> Dag {
    let n = c.len();
    let mut indeg = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &c.edges {
        indeg[e.to] += 1;
        out[e.from].push(e.to);
    }
    let mut heap: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&v| indeg[v] == 0).map(Reverse).collect();
    let (mut pos, mut topo, mut done) = (vec![0; n], Vec::with_capacity(n), vec![false; n]);
    let mut scan = 0;
    while topo.len() < n {
        let v = match heap.pop() {
            Some(Reverse(v)) if !done[v] => v,
            Some(_) => continue,
            None => {
                while done[scan] {
                    scan += 1;
                }
                scan
            }
        };
        done[v] = true;
        pos[v] = topo.len();
        topo.push(v);
        for &w in &out[v] {
            indeg[w] = indeg[w].saturating_sub(1);
            if indeg[w] == 0 && !done[w] {
                heap.push(Reverse(w));
            }
        }
    }
    build_dag(c, topo, &pos)
}

fn build_dag(c: &Canon, topo: Vec<usize>, pos: &[usize]) -> Dag {
    let n = c.len();
    let (mut parents, mut children) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    let mut reversed = Vec::with_capacity(c.edges.len());
    for e in &c.edges {
        let rev = pos[e.from] > pos[e.to];
        let (a, b) = if rev { (e.to, e.from) } else { (e.from, e.to) };
        parents[b].push(a);
        children[a].push(b);
        reversed.push(rev);
    }
    Dag {
        topo,
        parents,
        children,
        reversed,
    }
}

/// Longest path from the roots, then shortened: by network simplex (least
/// total edge length, as dot) up to `SIMPLEX_MAX` nodes, else by vertex
/// promotion alone, which is cheaper but not optimal.
fn compact(n: usize, dag: &Dag) -> Vec<usize> {
    let mut layer = vec![0usize; n];
    for &v in &dag.topo {
        layer[v] = dag.parents[v]
            .iter()
            .map(|&p| layer[p] + 1)
            .max()
            .unwrap_or(0);
    }
    if n <= SIMPLEX_MAX {
        simplex_layers(&mut layer, dag);
    }
    shorten(&mut layer, dag);
    layer
}

/// Largest graph that network simplex ranks: growing its first tree costs
/// about (sources × edges), too much beyond this.
const SIMPLEX_MAX: usize = 20_000;

fn simplex_layers(layer: &mut [usize], dag: &Dag) {
    let (mut tail, mut head) = (Vec::new(), Vec::new());
    for (v, children) in dag.children.iter().enumerate() {
        for &c in children {
            tail.push(v as u32);
            head.push(c as u32);
        }
    }
    let mut rank: Vec<i64> = layer.iter().map(|&l| l as i64).collect();
    let budget = 200 * (layer.len() + tail.len()) + 100_000;
    simplex::improve(layer.len(), &tail, &head, &mut rank, budget);
    for (l, r) in layer.iter_mut().zip(rank) {
        *l = r.max(0) as usize;
    }
}

/// Vertex promotion (Nikolov & Tarassov), both ways: try moving a node one
/// layer later (pushing the children it would touch) or earlier (pulling
/// the parents); keep the move if the total edge length drops, else undo.
/// Shorter edges mean fewer dummies and fewer crossings. Work is capped so
/// huge graphs stay near-linear.
fn shorten(layer: &mut [usize], dag: &Dag) {
    let mut budget = 40 * layer.len() + 10_000;
    let (mut moved, mut stack) = (Vec::new(), Vec::new());
    for pass in 0..8 {
        let mut improved = false;
        let later = pass % 2 == 0;
        for &v in dag.topo.iter().rev() {
            let (ahead, _) = dag.sides(v, later);
            if ahead.is_empty() || budget == 0 || (!later && layer[v] == 0) {
                continue;
            }
            moved.clear();
            let gain = dag.shift(layer, v, later, &mut moved, &mut stack);
            budget = budget.saturating_sub(moved.len());
            if gain < 0 {
                improved = true;
            } else {
                let undo = |l: &mut usize| if later { *l -= 1 } else { *l += 1 };
                moved.iter().for_each(|&u| undo(&mut layer[u]));
            }
        }
        if (!improved && pass > 0) || budget == 0 {
            break;
        }
    }
}

impl Dag {
    /// Neighbours in the direction of a move, and behind it.
    fn sides(&self, v: usize, later: bool) -> (&[usize], &[usize]) {
        if later {
            (&self.children[v], &self.parents[v])
        } else {
            (&self.parents[v], &self.children[v])
        }
    }

    /// Moves `v` one layer (later or earlier) and, recursively, every
    /// neighbour it would collide with. Returns the change in total edge
    /// length, or a large value if a node would go before layer 0.
    fn shift(
        &self,
        layer: &mut [usize],
        v: usize,
        later: bool,
        moved: &mut Vec<usize>,
        stack: &mut Vec<usize>,
    ) -> i64 {
        let mut diff = 0i64;
        stack.clear();
        stack.push(v);
        while let Some(u) = stack.pop() {
            let (ahead, behind) = self.sides(u, later);
            for &c in ahead {
                if layer[c].abs_diff(layer[u]) == 1 {
                    stack.push(c);
                }
            }
            if !later && layer[u] == 0 {
                diff = i64::MAX / 2;
                continue;
            }
            layer[u] = if later { layer[u] + 1 } else { layer[u] - 1 };
            moved.push(u);
            diff += behind.len() as i64 - ahead.len() as i64;
        }
        diff
    }
}

/// Layers keyed by (effective time, depth among same-time ancestors).
fn timeline(c: &Canon, dag: &Dag) -> (Vec<usize>, Vec<f64>) {
    let t = effective_times(c, dag);
    let mut sub = vec![0usize; c.len()];
    for &v in &dag.topo {
        let same = dag.parents[v].iter().filter(|&&p| t[p] == t[v]);
        sub[v] = same.map(|&p| sub[p] + 1).max().unwrap_or(0);
    }
    let mut keys: Vec<(f64, usize)> = t.iter().copied().zip(sub.iter().copied()).collect();
    keys.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keys.dedup();
    let layer = t
        .iter()
        .zip(&sub)
        .map(|(&tv, &sv)| {
            keys.binary_search_by(|k| k.0.total_cmp(&tv).then(k.1.cmp(&sv)))
                .unwrap_or(0)
        })
        .collect();
    (layer, keys.iter().map(|k| k.0).collect())
}

/// Known times, clamped so no child is earlier than a parent; unknown times
/// halfway between the latest parent and the earliest dated descendant.
fn effective_times(c: &Canon, dag: &Dag) -> Vec<f64> {
    let fallback = c
        .time
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let mut hi: Vec<Option<f64>> = vec![None; c.len()];
    for &v in dag.topo.iter().rev() {
        hi[v] = dag.children[v]
            .iter()
            .filter_map(|&ch| c.time[ch].or(hi[ch]))
            .reduce(f64::min);
    }
    let mut t = vec![0.0; c.len()];
    for &v in &dag.topo {
        let lo = dag.parents[v].iter().map(|&p| t[p]).reduce(f64::max);
        let own = c.time[v].unwrap_or(match (lo, hi[v]) {
            (Some(l), Some(h)) if h > l => (l + h) / 2.0,
            (Some(l), _) => l,
            (None, Some(h)) => h,
            (None, None) => fallback,
        });
        t[v] = lo.map_or(own, |l| own.max(l));
    }
    t
}
