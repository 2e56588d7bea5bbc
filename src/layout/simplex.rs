//! Network simplex layering (Gansner, Koutsofios, North, Vo, "A Technique
//! for Drawing Directed Graphs", 1993): layers that minimise the total edge
//! length, every edge at least one layer long.
//!
//! Shorter edges mean fewer dummy nodes, and fewer dummies mean fewer
//! crossings: this is what lets compact mode match Graphviz dot. The ranking
//! stays feasible after every pivot, so a work budget can stop the search
//! early on huge graphs and still return a valid layering. This module must
//! not look at sizes, times or lanes.

/// Sentinel for "no edge" / "no node".
const NONE: u32 = u32::MAX;
/// Negative cut values gathered before the most negative one is chosen (as dot).
const SEARCH_SIZE: usize = 30;

/// A layering problem and its spanning forest of tight edges.
struct Simplex<'a> {
    tail: &'a [u32],
    head: &'a [u32],
    outs: Vec<Vec<u32>>,
    ins: Vec<Vec<u32>>,
    rank: &'a mut [i64],
    in_tree: Vec<bool>,
    /// Nodes already in the growing forest.
    member: Vec<bool>,
    cut: Vec<i64>,
    /// Tree edges at every node.
    tree: Vec<Vec<u32>>,
    /// Tree edge to the parent (`NONE` at a root).
    par: Vec<u32>,
    low: Vec<u32>,
    lim: Vec<u32>,
    /// Node with each postorder number.
    by_lim: Vec<u32>,
    /// Where the cyclic search for a leaving edge resumes.
    search: usize,
    /// Edges looked at by searches, for the work budget.
    scanned: usize,
}

/// Improves `rank` (a feasible layering: `rank[head] > rank[tail]` for every
/// edge) towards the least total edge length, within about `budget` steps.
/// Every connected component ends with its smallest rank at 0.
pub(crate) fn improve(n: usize, tail: &[u32], head: &[u32], rank: &mut [i64], budget: usize) {
    let mut s = Simplex::new(n, tail, head, rank);
    s.feasible_forest();
    s.number_all();
    s.cut_values();
    let mut work = 0;
    while work + s.scanned < budget {
        let Some(leave) = s.leave_edge() else { break };
        let Some(enter) = s.enter_edge(leave) else {
            break;
        };
        work += s.pivot(leave, enter);
    }
    s.normalize();
}

impl<'a> Simplex<'a> {
    fn new(n: usize, tail: &'a [u32], head: &'a [u32], rank: &'a mut [i64]) -> Simplex<'a> {
        let (mut outs, mut ins) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for (e, (&t, &h)) in tail.iter().zip(head).enumerate() {
            outs[t as usize].push(e as u32);
            ins[h as usize].push(e as u32);
        }
        Simplex {
            tail,
            head,
            outs,
            ins,
            rank,
            in_tree: vec![false; tail.len()],
            member: vec![false; n],
            cut: vec![0; tail.len()],
            tree: vec![Vec::new(); n],
            par: vec![NONE; n],
            low: vec![0; n],
            lim: vec![0; n],
            by_lim: vec![0; n],
            search: 0,
            scanned: 0,
        }
    }

    fn slack(&self, e: u32) -> i64 {
        let e = e as usize;
        self.rank[self.head[e] as usize] - self.rank[self.tail[e] as usize] - 1
    }

    fn other(&self, e: u32, v: u32) -> u32 {
        let e = e as usize;
        if self.tail[e] == v {
            self.head[e]
        } else {
            self.tail[e]
        }
    }

    fn edges_of(&self, v: u32) -> impl Iterator<Item = u32> + '_ {
        let v = v as usize;
        self.outs[v].iter().chain(&self.ins[v]).copied()
    }

    // ------------------------------------------------------- initial forest

    /// A spanning tree of tight edges in every component: grow the tight
    /// tree, and while it misses nodes of its component, shift the whole
    /// tree so the least slack edge leaving it becomes tight.
    fn feasible_forest(&mut self) {
        let n = self.rank.len();
        let mut seen = vec![false; n];
        let (mut members, mut stack) = (Vec::new(), Vec::new());
        for root in 0..n as u32 {
            if seen[root as usize] {
                continue;
            }
            let size = self.component_size(root, &mut seen, &mut stack);
            members.clear();
            members.push(root);
            self.member[root as usize] = true;
            self.grow(&mut members, 0);
            while members.len() < size {
                let Some(e) = self.least_slack_exit(&members) else {
                    break;
                };
                let delta = self.slack(e);
                let (t, h) = (self.tail[e as usize], self.head[e as usize]);
                let (shift, outside) = if self.member[t as usize] {
                    (delta, h)
                } else {
                    (-delta, t)
                };
                members.iter().for_each(|&v| self.rank[v as usize] += shift);
                self.attach(e, outside, &mut members);
                // After a shift, every old member may have new tight edges.
                self.grow(&mut members, 0);
            }
        }
    }

    /// Nodes of `root`'s component (undirected), marking them seen.
    fn component_size(&self, root: u32, seen: &mut [bool], stack: &mut Vec<u32>) -> usize {
        stack.clear();
        stack.push(root);
        seen[root as usize] = true;
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for e in self.edges_of(v) {
                let w = self.other(e, v);
                if !std::mem::replace(&mut seen[w as usize], true) {
                    stack.push(w);
                }
            }
        }
        size
    }

    fn attach(&mut self, e: u32, outside: u32, members: &mut Vec<u32>) {
        self.in_tree[e as usize] = true;
        self.tree[self.tail[e as usize] as usize].push(e);
        self.tree[self.head[e as usize] as usize].push(e);
        self.member[outside as usize] = true;
        members.push(outside);
    }

    /// Adds every node reachable by tight edges from `members[from..]`.
    fn grow(&mut self, members: &mut Vec<u32>, from: usize) {
        let mut i = from;
        while i < members.len() {
            let v = members[i];
            i += 1;
            let es: Vec<u32> = self.edges_of(v).collect();
            for e in es {
                let w = self.other(e, v);
                if !self.member[w as usize] && self.slack(e) == 0 {
                    self.attach(e, w, members);
                }
            }
        }
    }

    /// The non-tree edge with one end in the tree and the least slack.
    fn least_slack_exit(&self, members: &[u32]) -> Option<u32> {
        let mut best: Option<(i64, u32)> = None;
        for &v in members {
            for e in self.edges_of(v) {
                if self.member[self.other(e, v) as usize] {
                    continue;
                }
                let s = self.slack(e);
                if best.is_none_or(|(b, _)| s < b) {
                    best = Some((s, e));
                }
            }
        }
        best.map(|(_, e)| e)
    }

    // ------------------------------------------------------- tree numbering

    /// Postorder numbers of every tree of the forest, one range per tree.
    fn number_all(&mut self) {
        let n = self.rank.len();
        let mut next = 0u32;
        let mut numbered = vec![false; n];
        for v in 0..n as u32 {
            if !numbered[v as usize] {
                next = self.number(v, NONE, next);
                for k in self.low[v as usize]..next {
                    numbered[self.by_lim[k as usize] as usize] = true;
                }
            }
        }
    }

    /// Numbers the subtree of `v` (reached by tree edge `par`) in postorder
    /// from `first`; returns the next free number.
    fn number(&mut self, v: u32, par: u32, first: u32) -> u32 {
        let mut next = first;
        let mut stack: Vec<(u32, u32, usize)> = vec![(v, par, 0)];
        self.par[v as usize] = par;
        self.low[v as usize] = first;
        while let Some(&mut (u, pe, ref mut i)) = stack.last_mut() {
            if let Some(&e) = self.tree[u as usize].get(*i) {
                *i += 1;
                if e != pe {
                    let w = self.other(e, u);
                    self.par[w as usize] = e;
                    self.low[w as usize] = next;
                    stack.push((w, e, 0));
                }
                continue;
            }
            self.lim[u as usize] = next;
            self.by_lim[next as usize] = u;
            next += 1;
            stack.pop();
        }
        next
    }

    fn in_subtree(&self, root: u32, v: u32) -> bool {
        let (lo, hi, x) = (
            self.low[root as usize],
            self.lim[root as usize],
            self.lim[v as usize],
        );
        lo <= x && x <= hi
    }

    // ------------------------------------------------------- cut values

    fn cut_values(&mut self) {
        for k in 0..self.by_lim.len() {
            let v = self.by_lim[k];
            if self.par[v as usize] != NONE {
                self.cut[self.par[v as usize] as usize] = self.cut_of(v);
            }
        }
    }

    /// Cut value of the tree edge above `v`, from `v`'s edges and the cut
    /// values of the tree edges below it (dot's `x_cutval`).
    fn cut_of(&self, v: u32) -> i64 {
        let f = self.par[v as usize] as usize;
        let down = self.tail[f] == v;
        self.edges_of(v).map(|e| self.cut_part(e, v, down)).sum()
    }

    fn cut_part(&self, e: u32, v: u32, down: bool) -> i64 {
        let w = self.other(e, v);
        let crossing = !self.in_subtree(v, w);
        let value = if crossing {
            1
        } else if self.in_tree[e as usize] {
            self.cut[e as usize] - 1
        } else {
            -1
        };
        let v_is_head = self.head[e as usize] == v;
        let same = if down { v_is_head } else { !v_is_head };
        if same != crossing {
            value
        } else {
            -value
        }
    }

    // ------------------------------------------------------- pivots

    /// A tree edge with a negative cut value: the most negative of the
    /// first few found, searching on from where the last search stopped.
    fn leave_edge(&mut self) -> Option<u32> {
        let m = self.tail.len();
        let (mut best, mut found) = (None::<(i64, u32)>, 0);
        for k in 0..m {
            let e = (self.search + k) % m;
            self.scanned += 1;
            if !self.in_tree[e] || self.cut[e] >= 0 {
                continue;
            }
            if best.is_none_or(|(c, _)| self.cut[e] < c) {
                best = Some((self.cut[e], e as u32));
            }
            found += 1;
            if found >= SEARCH_SIZE {
                self.search = e;
                break;
            }
        }
        best.map(|(_, e)| e)
    }

    /// The non-tree edge of least slack that reconnects the two halves of
    /// the tree without `leave`, pointing the other way across the cut.
    fn enter_edge(&self, leave: u32) -> Option<u32> {
        let (t, h) = (self.tail[leave as usize], self.head[leave as usize]);
        let (sub, outward) = if self.lim[t as usize] < self.lim[h as usize] {
            (t, false)
        } else {
            (h, true)
        };
        let (lo, hi) = (self.low[sub as usize], self.lim[sub as usize]);
        let mut best: Option<(i64, u32)> = None;
        for k in lo..=hi {
            let v = self.by_lim[k as usize] as usize;
            let list = if outward { &self.outs[v] } else { &self.ins[v] };
            for &e in list {
                if self.in_tree[e as usize] || self.in_subtree(sub, self.other(e, v as u32)) {
                    continue;
                }
                let s = self.slack(e);
                if best.is_none_or(|(b, _)| s < b) {
                    best = Some((s, e));
                }
            }
        }
        best.map(|(_, e)| e)
    }

    /// Swaps `leave` for `enter`; returns the work done.
    fn pivot(&mut self, leave: u32, enter: u32) -> usize {
        let delta = self.slack(enter);
        let (t, h) = (self.tail[leave as usize], self.head[leave as usize]);
        let (sub, sign) = if self.lim[t as usize] < self.lim[h as usize] {
            (t, -1)
        } else {
            (h, 1)
        };
        let (lo, hi) = (self.low[sub as usize], self.lim[sub as usize]);
        if delta > 0 {
            for k in lo..=hi {
                self.rank[self.by_lim[k as usize] as usize] += sign * delta;
            }
        }
        let cv = self.cut[leave as usize];
        let (et, eh) = (self.tail[enter as usize], self.head[enter as usize]);
        let lca = self.tree_update(et, eh, cv, true);
        self.tree_update(eh, et, cv, false);
        self.cut[enter as usize] = -cv;
        self.cut[leave as usize] = 0;
        self.exchange(leave, enter);
        let par = self.par[lca as usize];
        let first = self.low[lca as usize];
        self.number(lca, par, first);
        (hi - lo) as usize + (self.lim[lca as usize] - first) as usize + 1
    }

    /// Adds `cv` to (or takes it from) the cut values on the tree path from
    /// `v` up to the first node whose subtree holds `w`; returns that node.
    fn tree_update(&mut self, mut v: u32, w: u32, cv: i64, dir: bool) -> u32 {
        while !self.in_subtree(v, w) {
            let e = self.par[v as usize] as usize;
            let d = if self.tail[e] == v { dir } else { !dir };
            self.cut[e] += if d { cv } else { -cv };
            let (t, h) = (self.tail[e], self.head[e]);
            v = if self.lim[t as usize] > self.lim[h as usize] {
                t
            } else {
                h
            };
        }
        v
    }

    fn exchange(&mut self, leave: u32, enter: u32) {
        self.in_tree[leave as usize] = false;
        self.in_tree[enter as usize] = true;
        for v in [self.tail[leave as usize], self.head[leave as usize]] {
            self.tree[v as usize].retain(|&e| e != leave);
        }
        for v in [self.tail[enter as usize], self.head[enter as usize]] {
            self.tree[v as usize].push(enter);
        }
    }

    /// Every tree (component) starts at rank 0.
    fn normalize(&mut self) {
        let n = self.rank.len();
        let mut k = 0;
        while k < n {
            // Trees occupy consecutive postorder ranges; the root comes last.
            let mut end = k;
            while self.par[self.by_lim[end] as usize] != NONE {
                end += 1;
            }
            let min = (k..=end)
                .map(|i| self.rank[self.by_lim[i] as usize])
                .min()
                .unwrap_or(0);
            for i in k..=end {
                self.rank[self.by_lim[i] as usize] -= min;
            }
            k = end + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::improve;
    use crate::rng::Rng;

    /// Least total edge length over every ranking in `0..n`, by brute force.
    fn brute(n: usize, edges: &[(u32, u32)]) -> i64 {
        let mut rank = vec![0i64; n];
        let mut best = i64::MAX;
        loop {
            if edges
                .iter()
                .all(|&(t, h)| rank[h as usize] > rank[t as usize])
            {
                let len = edges
                    .iter()
                    .map(|&(t, h)| rank[h as usize] - rank[t as usize])
                    .sum();
                best = best.min(len);
            }
            let Some(i) = (0..n).find(|&i| rank[i] + 1 < n as i64) else {
                return best;
            };
            rank[i] += 1;
            rank[..i].iter_mut().for_each(|r| *r = 0);
        }
    }

    #[test]
    fn matches_brute_force_on_small_dags() {
        for seed in 0..60 {
            let mut rng = Rng::new(seed);
            let n = 2 + rng.below(5);
            let mut edges = Vec::new();
            for h in 1..n as u32 {
                for t in 0..h {
                    if rng.chance(0.45) {
                        edges.push((t, h));
                    }
                }
            }
            let (tail, head): (Vec<u32>, Vec<u32>) = edges.iter().copied().unzip();
            // Longest path from the sources: a feasible start.
            let mut rank = vec![0i64; n];
            for &(t, h) in &edges {
                rank[h as usize] = rank[h as usize].max(rank[t as usize] + 1);
            }
            improve(n, &tail, &head, &mut rank, usize::MAX);
            assert!(edges
                .iter()
                .all(|&(t, h)| rank[h as usize] > rank[t as usize]));
            let len: i64 = edges
                .iter()
                .map(|&(t, h)| rank[h as usize] - rank[t as usize])
                .sum();
            assert_eq!(len, brute(n, &edges), "seed {seed}: {edges:?}");
        }
    }
}
