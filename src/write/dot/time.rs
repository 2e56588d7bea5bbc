//! Time: the ranks that make a timeline view's columns (or rows) follow
//! dates. This file decides ranks only; Graphviz still places and routes
//! everything.
//!
//! Ranks follow dates through an invisible *time spine*: one node per
//! rank, chained left to right, and one `rank=same` group per rank holding
//! its spine node and the models dated there (`newrank=true` lets a group
//! reach into the branch clusters). The ranks are computed here (see
//! `Dot::ranks`), so that no edge is ever flat: a same-rank edge from a
//! node outside the clusters into interleaved clusters is what Graphviz's
//! spline router cannot route ("Pshortestpath failed", "lost … edge", exit
//! 1), which an earlier construct (`minlen=0` edges from the spine to every
//! model) ran into.
//!
//! What costs dot time is not the spine but the length of the edges in
//! ranks: each rank an edge crosses is a dummy node that dot orders and
//! straightens, and a lineage of 1,000 models a month apart, one rank per
//! date, gives dot tens of thousands (minutes of layout). So each date has
//! a rank of its own only while that stays cheap (see `kept_boundaries`);
//! past that, busy stretches of time share ranks, still never out of order.

use super::Dot;
use crate::data::LayersDecl;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

/// The ranks of a timeline's models, as [`Dot::ranks`] computes them.
pub(super) struct Time {
    /// The rank of each model in view order (`None`: left to Graphviz).
    ranks: Vec<Option<usize>>,
    /// The last rank.
    last: usize,
    /// Whether some consecutive dates share a rank (the view is too big
    /// for a rank per date).
    pub(super) shared: bool,
}

impl Dot<'_> {
    /// The ranks of a timeline view's models (a compact view leaves ranks
    /// to Graphviz; `None` also when no model has a known date).
    pub(super) fn time(&self) -> Option<Time> {
        if self.view.spec.layers == LayersDecl::Compact {
            return None;
        }
        let (ranks, shared) = self.ranks();
        let last = ranks.iter().flatten().max().copied()?;
        Some(Time {
            ranks,
            last,
            shared,
        })
    }

    /// The invisible time spine that pins `time`'s ranks: one node per
    /// rank, chained, and each rank's dated models in a `rank=same` group
    /// with its spine node. No edge joins a spine node to a model, and no
    /// edge is ever flat (see [`Dot::ranks`]).
    pub(super) fn time_spine(&mut self, time: Time) {
        let Time { ranks, last, .. } = time;
        self.line(0, "");
        self.line(
            1,
            "// Time: one invisible node per rank, in order; each dated model is on its date's rank.",
        );
        let spine: Vec<String> = (0..=last)
            .map(|i| self.fresh(&format!("time {i}")))
            .collect();
        self.line(
            1,
            "node [shape=point, style=invis, width=0, height=0, label=\"\"];",
        );
        if spine.len() == 1 {
            self.line(1, &format!("{};", spine[0]));
        } else {
            self.line(1, &format!("{} [style=invis];", spine.join(" -> ")));
        }
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); spine.len()];
        for (i, rank) in ranks.iter().enumerate() {
            if let Some(r) = *rank {
                groups[r].push(i);
            }
        }
        for (r, group) in groups.iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let mut line = format!("{{ rank=same; {};", spine[r]);
            for &i in group {
                line.push(' ');
                line.push_str(&self.ids[i]);
                line.push(';');
            }
            line.push_str(" }");
            self.line(1, &line);
        }
        self.spine = spine;
    }

    /// The time slot of each model (in view order): the index of its date
    /// among the view's distinct dates. `None` for an unknown date.
    pub(super) fn slots(&self) -> Vec<Option<usize>> {
        let lineage = self.lineage;
        // Timeline positions are whole or half months: double them to compare exactly.
        let position = |n: NodeIndex| {
            lineage
                .model(n)
                .date
                .span()
                .map(|(start, _)| (start * 2.0).round() as i64)
        };
        let positions: BTreeSet<i64> = self
            .view
            .models
            .iter()
            .filter_map(|&n| position(n))
            .collect();
        let positions: Vec<i64> = positions.into_iter().collect();
        self.view
            .models
            .iter()
            .map(|&n| position(n).and_then(|p| positions.binary_search(&p).ok()))
            .collect()
    }

    /// The rank of each dated model (in view order; `None` for an unknown
    /// date), computed here so that Graphviz only has to keep it:
    ///
    /// - models of one date share a rank, and a later date never has an
    ///   earlier rank (each date has a rank of its own, but in a big
    ///   view, where some consecutive dates share one: the second value,
    ///   see [`kept_boundaries`]);
    /// - a child is always at least one rank after its parent, and after
    ///   each unknown-dated model between them: no edge is flat (a
    ///   same-rank edge into a cluster is what breaks Graphviz's spline
    ///   router, "Pshortestpath failed", "lost … edge"), so when fuzzy
    ///   dates put a child on its parent's date, that date takes two ranks.
    ///
    /// The longest path through "date `s` starts at rank `R[s]`", "a model
    /// of date `s` is at `R[s]` or later and before `R[s + 1]`", "a child is
    /// after its parent" and "a date starts after every parent its models
    /// have on earlier dates", in one pass in topological order (no
    /// recursion, linear in models and edges).
    pub(super) fn ranks(&self) -> (Vec<Option<usize>>, bool) {
        let models = &self.view.models;
        let mut slots = self.slots();
        // A child is never drawn left of a dated ancestor, whatever the dates'
        // fuzz: carry the latest ancestor slot down, through unknown dates too.
        let mut carried: Vec<Option<usize>> = vec![None; models.len()];
        let parents: Vec<Vec<usize>> = models
            .iter()
            .map(|&n| {
                self.view
                    .parents(n)
                    .into_iter()
                    .filter_map(|(_, p)| self.position[p.index()])
                    .collect()
            })
            .collect();
        for i in 0..models.len() {
            let above = parents[i].iter().filter_map(|&j| carried[j]).max();
            if let Some(s) = slots[i].as_mut() {
                *s = (*s).max(above.unwrap_or(0));
            }
            carried[i] = slots[i].or(above);
        }
        let count = slots.iter().flatten().max().map_or(0, |&s| s + 1);
        if count == 0 {
            return (slots, false);
        }
        // The constraint graph: the models, then one node per slot (where
        // the slot's rank starts). Edges carry their least length.
        // A boundary between two dates that is not kept costs no rank:
        // the later date may share the earlier one's.
        let (step, shared) = kept_boundaries(&slots, &carried, &parents, count);
        let n = models.len();
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n + count];
        for s in 0..count {
            if s + 1 < count {
                out[n + s].push((n + s + 1, step[s]));
            }
        }
        for i in 0..n {
            if let Some(s) = slots[i] {
                out[n + s].push((i, 0));
                if s + 1 < count {
                    out[i].push((n + s + 1, step[s]));
                }
            }
            for &j in &parents[i] {
                // A parent whose ancestry is all on earlier dates holds back
                // the child's whole date; one of the same date (or after one
                // of it) only the child.
                match slots[i] {
                    Some(s) if carried[j] != Some(s) => out[j].push((n + s, 1)),
                    _ => out[j].push((i, 1)),
                }
            }
        }
        // Longest paths from the first slot, in topological order (Kahn).
        // Unknown-dated models no slot reaches stay unranked: Graphviz
        // places them freely before their children.
        let mut indegree = vec![0usize; n + count];
        for edges in &out {
            for &(v, _) in edges {
                indegree[v] += 1;
            }
        }
        let mut rank: Vec<Option<usize>> = vec![None; n + count];
        rank[n] = Some(0);
        let mut ready: Vec<usize> = (0..n + count).filter(|&v| indegree[v] == 0).collect();
        while let Some(u) = ready.pop() {
            for &(v, len) in &out[u] {
                if let Some(r) = rank[u] {
                    rank[v] = Some(rank[v].map_or(r + len, |old| old.max(r + len)));
                }
                indegree[v] -= 1;
                if indegree[v] == 0 {
                    ready.push(v);
                }
            }
        }
        let ranks = (0..n).map(|i| slots[i].and(rank[i])).collect();
        (ranks, shared)
    }
}

/// How long the edges may be in all, in ranks, before dates start
/// sharing ranks: a few hundred dummy nodes, which dot lays out in a blink
/// (each rank an edge crosses is one).
const BUDGET: usize = 400;

/// Which boundaries between consecutive dates get a rank step (1) and which
/// not (0), one per boundary, and whether any does not: the boundaries
/// that the fewest edges cross first, while the edges' total length in
/// ranks stays within [`BUDGET`]. A small lineage keeps every boundary
/// (each date its own rank); a large one keeps the quiet ones and lets
/// busy stretches of time share ranks. Linear in models and edges, but
/// for sorting the boundaries.
fn kept_boundaries(
    slots: &[Option<usize>],
    carried: &[Option<usize>],
    parents: &[Vec<usize>],
    count: usize,
) -> (Vec<usize>, bool) {
    let boundaries = count.saturating_sub(1);
    // Edges crossing each boundary, through a difference array.
    let mut diff = vec![0isize; count + 1];
    for (i, ps) in parents.iter().enumerate() {
        let Some(c) = slots[i].or(carried[i]) else {
            continue;
        };
        for &j in ps {
            if let Some(p) = slots[j].or(carried[j]) {
                if p < c {
                    diff[p] += 1;
                    diff[c] -= 1;
                }
            }
        }
    }
    let mut crossing = Vec::with_capacity(boundaries);
    let mut running = 0isize;
    for d in diff.iter().take(boundaries) {
        running += d;
        crossing.push(running.max(0) as usize);
    }
    let mut order: Vec<usize> = (0..boundaries).collect();
    order.sort_by_key(|&b| (crossing[b], b));
    let mut step = vec![0; boundaries];
    let mut spent = 0;
    let mut kept = 0;
    for b in order {
        spent += crossing[b];
        if spent > BUDGET {
            break;
        }
        step[b] = 1;
        kept += 1;
    }
    (step, kept < boundaries)
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::lineage::fixtures::lineage;

    #[test]
    fn ranks_follow_dates_through_the_spine() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") }, branches: { "b": (label: "B") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2022", branch: "b", from: [(parent: "a", via: "m")]),
                 (id: "c", name: "C", date: "2021", from: [(parent: "a", via: "m")]),
                 (id: "d", name: "D", date: "unknown", from: [(parent: "c", via: "m")]),
               ])"#,
        );
        let view = &View::all(&l)[0];
        let dot = write(view, &Options::default());
        assert!(dot.contains(r#""time 0" -> "time 1" -> "time 2" [style=invis];"#));
        assert!(dot.contains(r#"{ rank=same; "time 0"; "a"; }"#));
        assert!(dot.contains(r#"{ rank=same; "time 1"; "c"; }"#));
        assert!(dot.contains(r#"{ rank=same; "time 2"; "b"; }"#));
        assert!(!dot.contains(r#""d"; }"#), "an unknown date is not pinned");
        assert!(!dot.contains("minlen"), "no edge is flat");
        assert!(dot.contains("newrank=true"));
        assert!(dot.contains("rankdir=LR"));
        assert!(
            !dot.contains("nslimit"),
            "a small view gets dot's full effort"
        );
    }

    #[test]
    fn a_big_timeline_lets_busy_dates_share_ranks_in_order() {
        let text = crate::generate::lineage(300, 1);
        let (l, _) = crate::lineage::load("generated.ron", text.as_bytes()).unwrap();
        let view = &View::all(&l)[0];
        let dot = write(view, &Options::default());
        assert!(dot.contains("nslimit=0.2"));
        let ranks: std::collections::BTreeMap<String, usize> = pinned(&dot).into_iter().collect();
        let mut dated: Vec<(f64, usize)> = view
            .models
            .iter()
            .map(|&n| (l.model(n).date.span().unwrap().0, ranks[&l.model(n).id]))
            .collect();
        dated.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert!(dated.windows(2).all(|w| w[0].1 <= w[1].1), "time order");
        let last = dated.last().unwrap().1;
        assert!(
            last < dated.len() / 2,
            "{last} ranks for {} dates",
            dated.len()
        );
        for &e in &view.edges {
            let (a, b) = l.graph.edge_endpoints(e).unwrap();
            assert!(
                ranks[&l.model(a).id] < ranks[&l.model(b).id],
                "no flat edge"
            );
        }
    }

    /// Ranks of the models, by id, as the DOT pins them.
    fn pinned(dot: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for line in dot.lines() {
            let Some(group) = line.trim().strip_prefix("{ rank=same; \"time ") else {
                continue;
            };
            let (rank, rest) = group.split_once("\";").unwrap();
            for id in rest.trim_end_matches('}').split(';') {
                let id = id.trim().trim_matches('"');
                if !id.is_empty() && id != "legend" {
                    out.push((id.to_string(), rank.parse().unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_child_on_its_parents_date_gets_the_next_rank_and_later_dates_move_on() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2020", from: [(parent: "a", via: "m")]),
                 (id: "e", name: "E", date: "2020"),
                 (id: "u", name: "U", date: "unknown", from: [(parent: "b", via: "m")]),
                 (id: "c", name: "C", date: "2021", from: [(parent: "u", via: "m")]),
                 (id: "f", name: "F", date: "2021"),
                 (id: "g", name: "G", date: "2022", from: [(parent: "f", via: "m")]),
               ])"#,
        );
        let dot = write(&View::all(&l)[0], &Options::default());
        let ranks: Vec<(String, usize)> =
            [("a", 0), ("b", 1), ("c", 3), ("e", 0), ("f", 3), ("g", 4)]
                .iter()
                .map(|&(id, r)| (id.to_string(), r))
                .collect();
        assert_eq!(pinned(&dot), ranks, "{dot}");
    }

    #[test]
    fn compact_views_have_no_spine() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2022", from: [(parent: "a", via: "m")]),
               ],
               views: [(name: "v", layers: Compact)])"#,
        );
        let dot = write(&View::all(&l)[0], &Options::default());
        assert!(!dot.contains("time 0"));
        assert!(!dot.contains("rank=same"));
    }
}
