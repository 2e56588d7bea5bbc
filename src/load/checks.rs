//! Checks on the resolved graph: no cycle, children no older than their
//! parents, every declaration used, view names that make file names. Each
//! check reports through the [`Builder`]; none changes what was resolved.
//!
//! Iterative throughout: no recursion whose depth the input sets.

use super::ids::key_names;
use super::inherit;
use super::resolve::Builder;
use crate::diagnostics::{shorten, Diagnostic, Span};
use crate::model::{Declaration, Graph};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};

/// Every model, each after all its parents: what the cycle check found
/// when there is no cycle, so only an acyclic graph has one. Capability
/// inheritance walks it.
pub(super) struct ParentsFirst(Vec<NodeIndex>);

impl ParentsFirst {
    pub(super) fn models(&self) -> &[NodeIndex] {
        &self.0
    }
}

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
    /// One error per set of models that reach each other, or, without a
    /// cycle, the models parents first. Iterative throughout (Kosaraju's
    /// search in petgraph keeps its own stack), so a chain or cycle of any
    /// length is checked without deep recursion.
    pub(super) fn check_cycles(&mut self, graph: &Graph) -> Option<ParentsFirst> {
        let order = parents_first(graph);
        if order.is_some() {
            return order;
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
        None
    }

    /// Dates that contradict each other, compared at the precision written
    /// (fuzzy dates by their widest bounds): a child before its parent, a
    /// derivation at a date that cannot be, an end before the start, renames
    /// out of order.
    pub(super) fn check_dates(&mut self, graph: &Graph) {
        for e in graph.edge_indices() {
            let Some((p, c)) = graph.edge_endpoints(e) else {
                continue;
            };
            if graph[e].date.is_known() {
                self.check_dated_derivation(graph, e, p, c);
                continue;
            }
            let (parent, child) = (&graph[p], &graph[c]);
            if child.date.surely_before(&parent.date) {
                let anchor = self.model_span(c.index());
                let raw = self.file.models[c.index()]
                    .date
                    .as_deref()
                    .unwrap_or_default()
                    .to_string();
                let span = self.spans().after(anchor, Some("date"), &raw).or(anchor);
                self.error(
                    format!(
                        "model \"{}\" ({}) is dated before its parent \"{}\" ({})",
                        child.id, child.date, parent.id, parent.date
                    ),
                    span,
                    Some(
                        "check both dates; if the source is unsure, write a range \
                         (\"2021 to 2022\") or \"about 2021\"; if the child took the parent \
                         before its release, date the derivation: \
                         `(parent: …, via: …, date: \"…\")`"
                            .into(),
                    ),
                );
            }
        }
        for n in graph.node_indices() {
            self.check_lifespan(graph, n);
        }
    }

    /// A derivation with its own date. Dated after its child's own date, it
    /// is a later re-basing: the parent must exist by then. Dated at or
    /// before it, it is where the child began, possibly from the parent's
    /// pre-release: the parent may be dated later. Either way it cannot be
    /// dated after the child's end.
    fn check_dated_derivation(
        &mut self,
        graph: &Graph,
        e: petgraph::graph::EdgeIndex,
        p: NodeIndex,
        c: NodeIndex,
    ) {
        let (parent, child, date) = (&graph[p], &graph[c], graph[e].date);
        let rebase = child.date.surely_before(&date);
        let problem = if rebase && date.surely_before(&parent.date) {
            Some((
                format!(
                    "the derivation of \"{}\" from \"{}\" is dated {date}, after \"{}\" \
                     itself ({}) and before its parent ({})",
                    child.id, parent.id, child.id, child.date, parent.date
                ),
                "a derivation dated after its child is a re-basing, and a model cannot be \
                 re-based on a parent that does not exist yet: check the dates (a derivation \
                 dated no later than its child may take the parent before its release)",
            ))
        } else if child.end.surely_before(&date) {
            Some((
                format!(
                    "the derivation of \"{}\" from \"{}\" is dated {date}, after \"{}\" \
                     ended ({})",
                    child.id, parent.id, child.id, child.end
                ),
                "a model is not derived from anything after its end: check the derivation's \
                 `date` and the model's `end`",
            ))
        } else {
            None
        };
        let Some((message, hint)) = problem else {
            return;
        };
        if self.full() {
            self.more_errors += 1;
            return;
        }
        let anchor = self.model_span(c.index());
        let edge = self.spans().after(anchor, Some("parent"), &parent.id);
        let raw = self.file.models[c.index()]
            .from
            .iter()
            .find(|d| *d.parent == *parent.id)
            .and_then(|d| d.date.clone())
            .unwrap_or_default();
        let span = self
            .spans()
            .after(edge.or(anchor), Some("date"), &raw)
            .or(edge)
            .or(anchor);
        self.error(message, span, Some(hint.into()));
    }

    /// A model's `end` and `renamed` against its date and each other.
    fn check_lifespan(&mut self, graph: &Graph, n: NodeIndex) {
        let m = &graph[n];
        let decl = &self.file.models[n.index()];
        if m.end.surely_before(&m.date) {
            let anchor = self.model_span(n.index());
            let raw = decl.end.clone().unwrap_or_default();
            let span = self.spans().after(anchor, Some("end"), &raw).or(anchor);
            self.error(
                format!(
                    "model \"{}\" ends ({}) before it begins ({})",
                    m.id, m.end, m.date
                ),
                span,
                Some(
                    "`end` is when its life ended (end-of-life, retired, deprecated): \
                     check both dates, or write a range or \"about\" if the source is unsure"
                        .into(),
                ),
            );
        }
        for (i, r) in m.renamed.iter().enumerate() {
            let name = shorten(&r.name.en, 64);
            let problem = if !r.date.is_known() {
                Some((
                    format!("the rename of \"{}\" to \"{name}\" has no date", m.id),
                    "a rename says from when the new name holds: give it a date \
                     (a year will do, or \"about 2001\")"
                        .to_string(),
                ))
            } else if r.date.surely_before(&m.date) {
                Some((
                    format!(
                        "model \"{}\" is renamed \"{name}\" ({}) before its own date ({})",
                        m.id, r.date, m.date
                    ),
                    "a rename comes after the model appears; to give the first name, \
                     use `name`"
                        .to_string(),
                ))
            } else if let Some(prev) = i.checked_sub(1).map(|j| &m.renamed[j]) {
                r.date.surely_before(&prev.date).then(|| {
                    (
                        format!(
                            "model \"{}\" is renamed \"{name}\" ({}) before its earlier \
                             rename \"{}\" ({})",
                            m.id,
                            r.date,
                            shorten(&prev.name.en, 64),
                            prev.date
                        ),
                        "list renames in date order: the last one is the current name".to_string(),
                    )
                })
            } else {
                None
            };
            let problem = problem.or_else(|| {
                m.end.surely_before(&r.date).then(|| {
                    (
                        format!(
                            "model \"{}\" is renamed \"{name}\" ({}) after it ended ({})",
                            m.id, r.date, m.end
                        ),
                        "check the rename's date and the model's `end`".to_string(),
                    )
                })
            });
            if let Some((message, hint)) = problem {
                if self.full() {
                    self.more_errors += 1;
                    continue;
                }
                let span = self.rename_span(n.index(), i);
                self.error(message, span, Some(hint));
            }
        }
    }

    /// Where the `i`th rename of the `model`th model has its date written:
    /// the `date:` literal with its text nearest to the rename's `name:`.
    fn rename_span(&self, model: usize, i: usize) -> Option<Span> {
        let decl = &self.file.models[model];
        let rename = &decl.renamed[i];
        let anchor = self.model_span(model);
        // The model's own name, and earlier renames, may be the same text.
        let same_name = usize::from(*decl.name == *rename.name)
            + decl.renamed[..i]
                .iter()
                .filter(|r| r.name == rename.name)
                .count();
        let name = self.nth_after(anchor, "name", &rename.name, same_name);
        let Some(name) = name else {
            return anchor;
        };
        (0..8)
            .map_while(|k| self.nth_after(anchor, "date", &rename.date, k))
            .min_by_key(|d| (d.start as i64 - name.start as i64).abs())
            .or(Some(name))
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

/// The models parents first, or `None` when the graph has a cycle: Kahn's
/// algorithm, iterative.
fn parents_first(graph: &Graph) -> Option<ParentsFirst> {
    // Parents not yet placed, per model: counted in one pass over the
    // edges, in memory order.
    let mut waiting = vec![0usize; graph.node_count()];
    for edge in graph.raw_edges() {
        waiting[edge.target().index()] += 1;
    }
    let mut ready: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|n| waiting[n.index()] == 0)
        .collect();
    let mut order = Vec::with_capacity(graph.node_count());
    while let Some(n) = ready.pop() {
        order.push(n);
        for child in graph.neighbors_directed(n, petgraph::Direction::Outgoing) {
            waiting[child.index()] -= 1;
            if waiting[child.index()] == 0 {
                ready.push(child);
            }
        }
    }
    (order.len() == graph.node_count()).then_some(ParentsFirst(order))
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
