//! Capability inheritance, computed while loading: walks the checked graph
//! parents-first and builds the [`Inheritance`] a [`crate::model::Lineage`]
//! is born with, or says which changes make no sense. The rules (what a
//! merge inherits, when a capability is certain) are documented with the
//! result, in `crate::model::inheritance`.
//!
//! This module returns data ([`Problem`]s carry their message and hint);
//! placing them in the file is the loader's job.

use super::checks::ParentsFirst;
use crate::data::{Certainty, ChangeKind};
use crate::model::{
    parents, CapabilityId, Change, Declaration, Graph, Inheritance, MethodId, Origin, State, Trace,
};
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

/// A change that makes no sense where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub model: NodeIndex,
    /// Index into the model's `changes`.
    pub change: usize,
    pub message: String,
    pub hint: String,
}

/// What inheritance is computed from: the checked graph and capabilities.
struct Lineage<'a> {
    graph: &'a Graph,
    capabilities: &'a [Declaration],
}

impl Lineage<'_> {
    fn parents(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        parents(self.graph, n)
    }

    /// [`Self::parents`] into a buffer kept from model to model: one
    /// allocation for the walk, not one per model.
    fn parents_into(&self, n: NodeIndex, out: &mut Vec<(EdgeIndex, NodeIndex)>) {
        out.clear();
        out.extend(
            self.graph
                .edges_directed(n, petgraph::Direction::Incoming)
                .map(|e| (e.id(), e.source())),
        );
        out.sort_unstable();
    }

    fn capability(&self, c: CapabilityId) -> &Declaration {
        &self.capabilities[c.0]
    }
}

/// Compute every trace, walking the models parents first (the cycle
/// check's order: the graph is acyclic). Each model's row is made in one
/// buffer, kept from model to model, and stored once.
pub(super) fn compute(
    graph: &Graph,
    order: &ParentsFirst,
    capabilities: &[Declaration],
) -> Result<Inheritance, Vec<Problem>> {
    let lineage = &Lineage {
        graph,
        capabilities,
    };
    let mut inheritance = Inheritance::with_capacity(graph.node_count(), capabilities.len());
    let mut row = vec![Trace::default(); capabilities.len()];
    let mut parents = Vec::new();
    let mut problems = Vec::new();
    for &n in order.models() {
        row.fill(Trace::default());
        lineage.parents_into(n, &mut parents);
        inherit_row(lineage, &inheritance, &parents, &mut row);
        apply_changes(lineage, n, &mut row, &mut problems);
        inheritance.push_row(n, &row);
    }
    if problems.is_empty() {
        Ok(inheritance)
    } else {
        problems.sort_by_key(|p| (p.model, p.change));
        Err(problems)
    }
}

/// Fill `row` (all absent) with what `parents` (edges in the order the
/// model lists them, their rows already in `computed`) hand down, before
/// the model's own changes: through every edge whose method carries
/// capabilities (`carries: false` hands down nothing, so a model whose
/// only parents are such edges starts empty).
fn inherit_row(
    lineage: &Lineage,
    computed: &Inheritance,
    parents: &[(EdgeIndex, NodeIndex)],
    row: &mut [Trace],
) {
    for &(edge, parent) in parents {
        let derivation = &lineage.graph[edge];
        // A method that carries nothing ("inspired by") hands nothing down.
        if !derivation.carries {
            continue;
        }
        let edge_certain = derivation.certainty == Certainty::Certain;
        for (best, from) in row.iter_mut().zip(computed.row(parent)) {
            if from.state == State::Absent {
                continue;
            }
            // Ties go to the parent listed first: only a better state
            // replaces what an earlier parent handed down (any handed-down
            // state beats absent).
            if best.state == State::Absent || from.state.rank() > best.state.rank() {
                *best = Trace {
                    through: Some(parent),
                    certain: from.certain && edge_certain,
                    changed_here: None,
                    ..from
                };
            }
        }
    }
}

fn apply_changes(lineage: &Lineage, n: NodeIndex, row: &mut [Trace], problems: &mut Vec<Problem>) {
    let model = &lineage.graph[n];
    if model.changes.is_empty() {
        return;
    }
    let mut changed = vec![false; row.len()];
    for (i, change) in model.changes.iter().enumerate() {
        let cap = change.capability.0;
        let label = &lineage.capability(change.capability).id;
        let result = if changed[cap] {
            Err((
                format!(
                    "capability \"{label}\" is changed twice at model \"{}\"",
                    model.id
                ),
                "write one change per capability at a model".to_string(),
            ))
        } else {
            apply(lineage, n, change, &mut row[cap])
        };
        changed[cap] = true;
        if let Err((message, hint)) = result {
            problems.push(Problem {
                model: n,
                change: i,
                message,
                hint,
            });
        }
    }
}

/// Apply one change to one trace, or say why it makes no sense.
fn apply(
    lineage: &Lineage,
    n: NodeIndex,
    change: &Change,
    t: &mut Trace,
) -> Result<(), (String, String)> {
    let certain = change.certainty == Certainty::Certain;
    let model = &lineage.graph[n].id;
    let cap = &lineage.capability(change.capability).id;
    let kind = change.kind;
    let origin = Origin {
        model: n,
        method: change.method.or_else(|| only_method(lineage, n)),
        kind,
    };
    let refuse = |why: &str, hint: &str| {
        Err((
            format!("{kind:?}(cap: \"{cap}\") at model \"{model}\" makes no sense: {why}"),
            hint.to_string(),
        ))
    };
    let next = match (kind, t.state) {
        (ChangeKind::Gained, State::Absent | State::Lost { .. }) => State::Present { strength: 0 },
        (ChangeKind::Gained, State::Latent) => {
            return refuse(
                "it is latent here",
                "use Unlocked to make a latent capability usable",
            )
        }
        (ChangeKind::Gained, State::Present { .. }) => {
            return refuse(
                "the model already has it from its parents",
                "use Strengthened, or remove the change",
            )
        }
        (ChangeKind::Latent, State::Absent) => State::Latent,
        (ChangeKind::Latent, _) => {
            return refuse("it is already latent or present here", "remove the change")
        }
        (ChangeKind::Unlocked, State::Latent) => State::Present { strength: 0 },
        (ChangeKind::Unlocked, _) => {
            return refuse(
                "only a latent capability can be unlocked",
                "mark it Latent at an ancestor, or use Gained",
            )
        }
        (ChangeKind::Strengthened, State::Present { strength }) => State::Present {
            strength: strength + 1,
        },
        (ChangeKind::Weakened, State::Present { strength }) => State::Present {
            strength: strength - 1,
        },
        (ChangeKind::Strengthened | ChangeKind::Weakened, _) => {
            return refuse(
                "the model does not have it",
                "a capability must be gained or unlocked at this model or an ancestor first",
            )
        }
        (ChangeKind::Recovered, State::Present { strength }) if strength < 0 => State::Present {
            strength: strength + 1,
        },
        (ChangeKind::Recovered, State::Lost { strength }) => State::Present { strength },
        (ChangeKind::Recovered, _) => {
            return refuse(
                "it was neither weakened nor lost before",
                "Recovered follows Weakened or Lost up the lineage",
            )
        }
        (ChangeKind::Lost, State::Present { strength }) => State::Lost { strength },
        (ChangeKind::Lost, State::Latent) => State::Lost { strength: 0 },
        (ChangeKind::Lost, _) => {
            return refuse(
                "the model does not have it",
                "remove the change, or gain it first",
            )
        }
    };
    let starts_here = matches!(
        kind,
        ChangeKind::Gained | ChangeKind::Latent | ChangeKind::Unlocked
    );
    if starts_here {
        t.origin = Some(origin);
        t.through = None;
        t.certain = certain;
        t.lost_at = None;
    } else {
        t.certain &= certain;
    }
    if kind == ChangeKind::Lost {
        t.lost_at = Some(n);
    }
    if kind == ChangeKind::Recovered {
        t.lost_at = None;
    }
    t.state = next;
    t.changed_here = Some(kind);
    Ok(())
}

/// The method of the model's only incoming edge that carries
/// capabilities: an "inspired by" edge brings no change.
fn only_method(lineage: &Lineage, n: NodeIndex) -> Option<MethodId> {
    let carrying: Vec<_> = lineage
        .parents(n)
        .into_iter()
        .filter(|&(edge, _)| lineage.graph[edge].carries)
        .collect();
    match carrying.as_slice() {
        [(edge, _)] => Some(lineage.graph[*edge].method),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;
    use crate::model::Lineage;

    /// A lineage from a list of models, with two methods and four capabilities declared.
    fn lineage(models: &str) -> Lineage {
        let text = format!(
            r#"Lineage(title: "t",
              methods: {{ "a": (label: "A"), "b": (label: "B") }},
              capabilities: {{ "x": (label: "X"), "y": (label: "Y"), "z": (label: "Z"), "w": (label: "W") }},
              models: [{models}])"#
        );
        crate::load::fixtures::lineage(&text)
    }

    fn trace(l: &Lineage, model: &str, cap: &str) -> Trace {
        let n = l.find_model(model).unwrap();
        l.inheritance.trace(n, l.find_capability(cap).unwrap())
    }

    fn path(l: &Lineage, model: &str, cap: &str) -> Vec<String> {
        let n = l.find_model(model).unwrap();
        let p = l.inheritance.path(n, l.find_capability(cap).unwrap());
        p.iter().map(|&m| l.model(m).id.clone()).collect()
    }

    #[test]
    fn a_merge_inherits_the_union_at_the_best_state() {
        let l = lineage(
            r#"(id: "root", name: "R", changes: [Gained(cap: "w")]),
               (id: "left", name: "L", from: [(parent: "root", via: "a")], changes: [Gained(cap: "x"), Weakened(cap: "w")]),
               (id: "right", name: "R2", from: [(parent: "root", via: "b")], changes: [Gained(cap: "y"), Strengthened(cap: "w")]),
               (id: "third", name: "T", from: [(parent: "root", via: "b")], changes: [Gained(cap: "z")]),
               (id: "merge", name: "M", from: [(parent: "left", via: "a"), (parent: "right", via: "b"), (parent: "third", via: "b")])"#,
        );
        assert!(trace(&l, "merge", "x").state.is_present());
        assert!(trace(&l, "merge", "y").state.is_present());
        assert!(trace(&l, "merge", "z").state.is_present());
        assert_eq!(
            trace(&l, "merge", "w").state,
            State::Present { strength: 1 }
        );
        assert_eq!(path(&l, "merge", "w"), ["root", "right", "merge"]);
        assert_eq!(path(&l, "merge", "x"), ["left", "merge"]);
        let origin = trace(&l, "merge", "y").origin.unwrap();
        assert_eq!(l.model(origin.model).id, "right");
        assert_eq!(l.method(origin.method.unwrap()).id, "b");
    }

    #[test]
    fn ties_go_to_the_first_listed_parent() {
        let l = lineage(
            r#"(id: "p", name: "P", changes: [Gained(cap: "x")]),
               (id: "l", name: "L", from: [(parent: "p", via: "a")]),
               (id: "r", name: "R", from: [(parent: "p", via: "b")]),
               (id: "m", name: "M", from: [(parent: "r", via: "a"), (parent: "l", via: "b")])"#,
        );
        assert_eq!(path(&l, "m", "x"), ["p", "r", "m"]);
    }

    #[test]
    fn loss_then_recovery() {
        let l = lineage(
            r#"(id: "a", name: "A", changes: [Gained(cap: "x")]),
               (id: "b", name: "B", from: [(parent: "a", via: "a")], changes: [Weakened(cap: "x")]),
               (id: "c", name: "C", from: [(parent: "b", via: "a")], changes: [Lost(cap: "x")]),
               (id: "d", name: "D", from: [(parent: "c", via: "a")]),
               (id: "e", name: "E", from: [(parent: "d", via: "a")], changes: [Recovered(cap: "x")])"#,
        );
        assert_eq!(trace(&l, "b", "x").state, State::Present { strength: -1 });
        assert_eq!(trace(&l, "d", "x").state, State::Lost { strength: -1 });
        let lost_at = trace(&l, "d", "x").lost_at.unwrap();
        assert_eq!(l.model(lost_at).id, "c");
        assert_eq!(trace(&l, "e", "x").state, State::Present { strength: -1 });
        assert_eq!(trace(&l, "e", "x").lost_at, None);
        assert_eq!(path(&l, "e", "x"), ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn uncertainty_spreads_along_the_path_and_resets_at_a_new_origin() {
        let l = lineage(
            r#"(id: "a", name: "A", changes: [Gained(cap: "x"), Latent(cap: "y", certainty: Uncertain)]),
               (id: "b", name: "B", from: [(parent: "a", via: "a", certainty: Uncertain)]),
               (id: "c", name: "C", from: [(parent: "b", via: "a")], changes: [Unlocked(cap: "y")]),
               (id: "d", name: "D", from: [(parent: "c", via: "b")], changes: [Strengthened(cap: "y", certainty: Uncertain)])"#,
        );
        assert!(trace(&l, "a", "x").certain);
        assert!(
            !trace(&l, "b", "x").certain,
            "an uncertain edge on the path"
        );
        assert!(!trace(&l, "c", "x").certain, "stays uncertain further down");
        assert!(!trace(&l, "b", "y").certain, "an uncertain latent claim");
        assert!(
            trace(&l, "c", "y").certain,
            "the unlock itself is stated plainly"
        );
        assert!(
            !trace(&l, "d", "y").certain,
            "an uncertain change on the path"
        );
    }

    #[test]
    fn an_edge_that_carries_nothing_hands_nothing_down() {
        let text = r#"Lineage(title: "t",
              methods: { "a": (label: "A"), "idea": (label: "Inspired by", carries: false) },
              capabilities: { "x": (label: "X"), "y": (label: "Y") },
              models: [
                (id: "p", name: "P", changes: [Gained(cap: "x")]),
                (id: "q", name: "Q", changes: [Gained(cap: "y")]),
                (id: "inspired", name: "I", from: [(parent: "p", via: "idea")]),
                (id: "both", name: "B", from: [(parent: "p", via: "idea"), (parent: "q", via: "a")]),
                (id: "own", name: "O", from: [(parent: "p", via: "idea")], changes: [Gained(cap: "x")]),
                (id: "grandchild", name: "G", from: [(parent: "inspired", via: "a")]),
              ])"#;
        let l = crate::load::fixtures::lineage(text);
        assert_eq!(trace(&l, "inspired", "x").state, State::Absent);
        assert_eq!(trace(&l, "grandchild", "x").state, State::Absent);
        assert_eq!(trace(&l, "both", "x").state, State::Absent);
        assert!(trace(&l, "both", "y").state.is_present());
        assert_eq!(path(&l, "both", "y"), ["q", "both"]);
        // Gaining what the parent has is no error: nothing came through.
        assert!(trace(&l, "own", "x").state.is_present());
        assert_eq!(path(&l, "own", "x"), ["own"]);
        let origin = trace(&l, "own", "x").origin.unwrap();
        assert_eq!(origin.method, None, "an inspiration brings no change");
        let origin = trace(&l, "both", "y").origin.unwrap();
        assert_eq!(l.model(origin.model).id, "q");
        assert!(
            !l.method(l.graph[l.parents(l.find_model("own").unwrap())[0].0].method)
                .carries
        );
    }

    #[test]
    fn nonsense_changes_are_refused() {
        for changes in [
            r#"Weakened(cap: "x")"#,
            r#"Unlocked(cap: "x")"#,
            r#"Recovered(cap: "x")"#,
            r#"Lost(cap: "x")"#,
            r#"Gained(cap: "y"), Lost(cap: "y")"#,
        ] {
            let text = format!(
                r#"Lineage(title: "t", capabilities: {{ "x": (label: "X"), "y": (label: "Y") }},
                   models: [(id: "a", name: "A", changes: [{changes}])])"#
            );
            assert!(
                load("t.ron", text.as_bytes()).is_err(),
                "{changes} should be refused"
            );
        }
    }
}
