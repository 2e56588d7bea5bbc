//! Checks on the resolved graph: no cycle, children no older than their
//! parents, every declaration used, view names that make file names. Each
//! check reports through the [`Builder`]; none changes what was resolved.
//!
//! Iterative throughout: no recursion whose depth the input sets.

use super::inherit;
use super::resolve::{key_names, Builder};
use crate::diagnostics::{shorten, Diagnostic};
use crate::model::{Declaration, Graph};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};

/// Longest view name: it becomes part of a file name (with the graph's
/// name and an extension), which most file systems cap at 255 bytes.
pub const MAX_VIEW_NAME_CHARS: usize = 64;

/// View names become file names: 1 to [`MAX_VIEW_NAME_CHARS`] ASCII letters,
/// digits, `-` and `_`.
pub fn valid_view_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_VIEW_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Builder<'_> {
    /// One error per set of models that reach each other. Iterative
    /// throughout (Kosaraju's search in petgraph keeps its own stack), so a
    /// chain or cycle of any length is checked without deep recursion.
    pub(super) fn check_cycles(&mut self, graph: &Graph) {
        if !has_cycle(graph) {
            return;
        }
        let mut sccs: Vec<Vec<NodeIndex>> = petgraph::algo::kosaraju_scc(graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .collect();
        for scc in &mut sccs {
            scc.sort();
        }
        sccs.sort();
        for scc in sccs {
            let cycle = walk_cycle(graph, &scc);
            let names: Vec<String> = cycle
                .iter()
                .map(|&n| shorten(&graph[n].id, 64).into_owned())
                .collect();
            let (first, second) = (&names[0], &names[1 % names.len()]);
            // Point at the edge that closes the loop: `second` lists `first` as parent.
            let anchor = self.model_span(cycle[1 % cycle.len()].index());
            let first_id = &graph[cycle[0]].id;
            let span = self
                .spans()
                .after(anchor, Some("parent"), first_id)
                .or(anchor);
            let mut path = if names.len() > 24 {
                let mut shown = names[..12].join(" → ");
                shown.push_str(&format!(
                    " → … ({} more) → {}",
                    names.len() - 13,
                    names[names.len() - 1]
                ));
                shown
            } else {
                names.join(" → ")
            };
            path.push_str(&format!(" → {first}"));
            if self.full() {
                self.more_errors += 1;
                continue;
            }
            self.errors.push(
                Diagnostic::error(self.source.name, format!("the lineage has a cycle: {path}"))
                    .at(self.at(span))
                    .note(format!("cycle: {path}"))
                    .hint(format!(
                        "a model cannot descend from itself; remove one of these `parent` \
                         links (\"{second}\" lists \"{first}\" here)"
                    )),
            );
        }
    }

    pub(super) fn check_dates(&mut self, graph: &Graph) {
        for e in graph.edge_indices() {
            let Some((p, c)) = graph.edge_endpoints(e) else {
                continue;
            };
            let (parent, child) = (&graph[p], &graph[c]);
            let (Some(parent_lo), _) = parent.date.bounds() else {
                continue;
            };
            let (_, Some(child_hi)) = child.date.bounds() else {
                continue;
            };
            if child_hi < parent_lo {
                let anchor = self.model_span(c.index());
                let raw = self.file.models[c.index()].date.clone().unwrap_or_default();
                let span = self.spans().after(anchor, Some("date"), &raw).or(anchor);
                self.error(
                    format!(
                        "model \"{}\" ({}) is dated before its parent \"{}\" ({})",
                        child.id, child.date, parent.id, parent.date
                    ),
                    span,
                    Some(
                        "check both dates; if the source is unsure, write a range \
                         (\"2021 to 2022\") or \"about 2021\""
                            .into(),
                    ),
                );
            }
        }
    }

    pub(super) fn warn_unused(&mut self, graph: &Graph) {
        let mut used_methods = vec![false; self.file.methods.0.len()];
        let mut used_caps = vec![false; self.file.capabilities.0.len()];
        let mut used_branches = vec![false; self.file.branches.0.len()];
        let mut used_sources = vec![false; self.file.sources.0.len()];
        for e in graph.edge_weights() {
            used_methods[e.method.0] = true;
            e.sources.iter().for_each(|s| used_sources[s.0] = true);
        }
        for m in graph.node_weights() {
            if let Some(b) = m.branch {
                used_branches[b.0] = true;
            }
            m.sources.iter().for_each(|s| used_sources[s.0] = true);
            for c in &m.changes {
                used_caps[c.capability.0] = true;
                if let Some(method) = c.method {
                    used_methods[method.0] = true;
                }
                c.sources.iter().for_each(|s| used_sources[s.0] = true);
            }
        }
        let lists = [
            ("method", &used_methods, key_names(&self.file.methods)),
            ("capability", &used_caps, key_names(&self.file.capabilities)),
            ("branch", &used_branches, key_names(&self.file.branches)),
            ("source", &used_sources, key_names(&self.file.sources)),
        ];
        for (kind, used, names) in lists {
            for (name, _) in names.iter().zip(used.iter()).filter(|(_, u)| !**u) {
                let span = self.spans().key(name, 0);
                let name = shorten(name, 64);
                self.warn(
                    format!("{kind} \"{name}\" is declared but never used"),
                    span,
                    format!("use it, or remove the declaration of \"{name}\""),
                );
            }
        }
    }

    /// A change that makes no sense where it is written, at its `cap:`.
    pub(super) fn change_error(
        &mut self,
        graph: &Graph,
        capabilities: &[Declaration],
        p: inherit::Problem,
    ) {
        let model = &graph[p.model];
        let change = &model.changes[p.change];
        let cap = &capabilities[change.capability.0].id;
        let anchor = self.model_span(p.model.index());
        // The nth change to this capability at this model.
        let nth = model.changes[..p.change]
            .iter()
            .filter(|c| c.capability == change.capability)
            .count();
        let span = self.nth_after(anchor, "cap", cap, nth).or(anchor);
        self.error(p.message, span, Some(p.hint));
    }
}

/// Whether the graph has a cycle: Kahn's algorithm, iterative.
fn has_cycle(graph: &Graph) -> bool {
    let mut waiting: Vec<usize> = graph
        .node_indices()
        .map(|n| {
            graph
                .neighbors_directed(n, petgraph::Direction::Incoming)
                .count()
        })
        .collect();
    let mut ready: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|n| waiting[n.index()] == 0)
        .collect();
    let mut done = 0;
    while let Some(n) = ready.pop() {
        done += 1;
        for child in graph.neighbors_directed(n, petgraph::Direction::Outgoing) {
            waiting[child.index()] -= 1;
            if waiting[child.index()] == 0 {
                ready.push(child);
            }
        }
    }
    done < graph.node_count()
}

/// One concrete cycle through a strongly connected component, in edge order.
/// Linear in the component's size: positions on the path are kept in a map.
fn walk_cycle(graph: &Graph, scc: &[NodeIndex]) -> Vec<NodeIndex> {
    let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
    let start = *members.iter().next().unwrap_or(&scc[0]);
    let mut path = vec![start];
    let mut on_path: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
    let mut current = start;
    loop {
        let next = graph
            .neighbors_directed(current, petgraph::Direction::Outgoing)
            .filter(|n| members.contains(n))
            .min();
        match next {
            Some(n) => {
                if let Some(&at) = on_path.get(&n) {
                    return path.split_off(at);
                }
                on_path.insert(n, path.len());
                path.push(n);
                current = n;
            }
            None => return path,
        }
    }
}
