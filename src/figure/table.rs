//! The comparison table: for each model of the view, its lineage (how it
//! was made, as a chain of methods), what it is good at and what it is weak
//! at, compared with the other models of the table.
//!
//! Everything is derived from the inheritance, nothing is written by hand:
//! * **lineage**: the nearest model it is named after, then the methods on
//!   the way. That model is its parent when the parent is in the table (or
//!   the base every column shares); through a merge, the methods of every
//!   branch, from the base.
//! * **good at**: capabilities it has (usable) that another column lacks or
//!   has weaker, and no column has stronger;
//! * **weak at**: capabilities another column has stronger: absent, latent
//!   only, weakened, lost, or not strengthened here.
//!
//! A one-column table has nothing to compare with, so it lists what
//! changed at the model instead.
//!
//! This module says what the table shows, and the words of its cells;
//! `write::capability::table` writes it (Markdown, SVG). No syntax,
//! measuring or placing here.

use super::capability::{grouped_capabilities, model_names, uncertain, Shown};
use super::clean;
use crate::data::ChangeKind;
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::NodeIndex;
use petgraph::visit::{Dfs, Reversed};
use std::collections::BTreeSet;

/// One capability in a "good at" or "weak at" cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub capability: CapabilityId,
    /// The state at this column's model.
    pub shown: Shown,
    pub certain: bool,
}

/// How a model was made: named after `from`, then `methods` in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub from: Option<NodeIndex>,
    pub methods: Vec<MethodId>,
}

/// One column of the table.
#[derive(Debug, Clone)]
pub struct Column {
    pub model: NodeIndex,
    pub made: Made,
    pub good: Vec<Item>,
    pub weak: Vec<Item>,
}

/// The comparison table of one view.
pub struct Table<'a> {
    pub view: &'a View<'a>,
    pub columns: Vec<Column>,
}

impl<'a> Table<'a> {
    pub fn of(view: &'a View<'a>) -> Table<'a> {
        let lineage = view.lineage;
        let models = column_order(view);
        let base = base(lineage, &models);
        let caps: Vec<CapabilityId> = grouped_capabilities(view)
            .into_iter()
            .flat_map(|(_, caps)| caps)
            .collect();
        let shown =
            |n: NodeIndex, c: CapabilityId| Shown::of(lineage.inheritance.trace(n, c).state);
        let item = |n: NodeIndex, c: CapabilityId| Item {
            capability: c,
            shown: shown(n, c),
            certain: !uncertain(&lineage.inheritance.trace(n, c)),
        };
        let columns = models
            .iter()
            .map(|&n| {
                let others: Vec<NodeIndex> = models.iter().copied().filter(|&o| o != n).collect();
                let (good, weak) = if others.is_empty() {
                    let changed = |up: bool| {
                        caps.iter()
                            .copied()
                            .filter(|&c| {
                                let k = lineage.inheritance.trace(n, c).changed_here;
                                match k {
                                    Some(ChangeKind::Weakened | ChangeKind::Lost) => !up,
                                    Some(ChangeKind::Latent) | None => false,
                                    Some(_) => up,
                                }
                            })
                            .map(|c| item(n, c))
                            .collect::<Vec<_>>()
                    };
                    (changed(true), changed(false))
                } else {
                    let good = caps
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let s = shown(n, c).score();
                            s >= Shown::Weakened.score()
                                && others.iter().any(|&o| shown(o, c).score() < s)
                                && others.iter().all(|&o| shown(o, c).score() <= s)
                        })
                        .map(|c| item(n, c))
                        .collect();
                    let weak = caps
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let s = shown(n, c).score();
                            others.iter().any(|&o| shown(o, c).score() > s)
                        })
                        .map(|c| item(n, c))
                        .collect();
                    (good, weak)
                };
                Column {
                    model: n,
                    made: made(lineage, n, &models, base),
                    good,
                    weak,
                }
            })
            .collect();
        Table { view, columns }
    }
}

/// The models in the order the view lists them (`only`), else date order.
fn column_order(view: &View) -> Vec<NodeIndex> {
    let listed: Vec<NodeIndex> = view
        .spec
        .only
        .iter()
        .copied()
        .filter(|&n| view.contains(n))
        .collect();
    let mut out = listed.clone();
    out.extend(view.models.iter().copied().filter(|n| !listed.contains(n)));
    out
}

fn ancestors(lineage: &Lineage, n: NodeIndex) -> BTreeSet<NodeIndex> {
    let g = Reversed(&lineage.graph);
    let mut dfs = Dfs::new(g, n);
    let mut out = BTreeSet::new();
    while let Some(a) = dfs.next(g) {
        out.insert(a);
    }
    out
}

fn descendants(lineage: &Lineage, n: NodeIndex) -> BTreeSet<NodeIndex> {
    let mut dfs = Dfs::new(&lineage.graph, n);
    let mut out = BTreeSet::new();
    while let Some(a) = dfs.next(&lineage.graph) {
        out.insert(a);
    }
    out
}

/// Date order, then declaration order.
type OrderKey = ((bool, i64), NodeIndex);

fn order_key(lineage: &Lineage, n: NodeIndex) -> OrderKey {
    (lineage.model(n).date.sort_key(), n)
}

/// The latest model every column descends from (or is), if any.
fn base(lineage: &Lineage, models: &[NodeIndex]) -> Option<NodeIndex> {
    let mut common: Option<BTreeSet<NodeIndex>> = None;
    for &n in models {
        let a = ancestors(lineage, n);
        common = Some(match common {
            None => a,
            Some(c) => c.intersection(&a).copied().collect(),
        });
    }
    common?.into_iter().max_by_key(|&n| order_key(lineage, n))
}

/// How `n` was made, named after the nearest model a reader of the table
/// knows: a parent in the table, the shared base, or the root.
fn made(lineage: &Lineage, n: NodeIndex, columns: &[NodeIndex], base: Option<NodeIndex>) -> Made {
    let up = ancestors(lineage, n);
    let mut cur = n;
    let from = loop {
        let parents = lineage.parents(cur);
        match parents.as_slice() {
            [] => break (cur != n).then_some(cur),
            [(_, parent)] => {
                if Some(*parent) == base || columns.contains(parent) {
                    break Some(*parent);
                }
                cur = *parent;
            }
            _ => {
                break base.filter(|&b| b != n && up.contains(&b)).or_else(|| {
                    up.iter()
                        .copied()
                        .filter(|&a| lineage.parents(a).is_empty())
                        .min_by_key(|&a| order_key(lineage, a))
                })
            }
        }
    };
    let Some(from) = from else {
        return Made {
            from: None,
            methods: Vec::new(),
        };
    };
    let down = descendants(lineage, from);
    let mut edges: Vec<(OrderKey, usize, MethodId)> = lineage
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (u, v) = lineage.graph.edge_endpoints(e)?;
            (down.contains(&u) && up.contains(&v) && v != from)
                .then(|| (order_key(lineage, v), e.index(), lineage.graph[e].method))
        })
        .collect();
    edges.sort();
    let mut methods = Vec::new();
    for (_, _, m) in edges {
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    Made {
        from: Some(from),
        methods,
    }
}

/// "GPT-3 + Code training + Supervised instruction tuning".
pub fn made_text(lineage: &Lineage, made: &Made, lang: Lang) -> String {
    let Some(from) = made.from else {
        return Word::AnOriginalModel.get(lang).to_string();
    };
    let mut parts = vec![model_names(lineage, from, lang).0];
    parts.extend(
        made.methods
            .iter()
            .map(|&m| clean(lineage.method(m).label.get(lang))),
    );
    parts.join(" + ")
}

/// "In-context learning (weakened) ?".
pub fn item_text(lineage: &Lineage, item: &Item, good: bool, lang: Lang) -> String {
    let label = clean(lineage.capability(item.capability).label.get(lang));
    let qualifier = match (good, item.shown) {
        (_, Shown::Absent) => None,
        (true, Shown::Present) => None,
        (true, Shown::Strong) => Some(Word::Strong.get(lang)),
        (false, Shown::Present | Shown::Strong) => Some(Word::NotAsStrong.get(lang)),
        (_, Shown::Latent) => Some(Word::LatentOnly.get(lang)),
        (_, s) => Some(s.label(lang)),
    };
    let mut s = match qualifier {
        Some(q) => words::qualified(&label, q, lang),
        None => label,
    };
    if !item.certain {
        s.push_str(" ?");
    }
    s
}

/// The three rows' names.
pub fn row_names(lang: Lang) -> [&'static str; 3] {
    [
        Word::LineageColumn.get(lang),
        Word::GoodAt.get(lang),
        Word::WeakAt.get(lang),
    ]
}

/// The key under the table.
pub fn note(lang: Lang) -> &'static str {
    Word::TableKey.get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::ViewSpec;

    fn lineage() -> Lineage {
        let text = r#"Lineage(title: "t",
          methods: { "a": (label: "A"), "b": (label: "B"), "m": (label: "M") },
          capabilities: { "x": (label: "X"), "y": (label: "Y") },
          models: [
            (id: "root", name: "Root", date: "2020"),
            (id: "base", name: "Base", date: "2021", from: [(parent: "root", via: "a")]),
            (id: "l", name: "L", date: "2022", from: [(parent: "base", via: "a")], changes: [Gained(cap: "x")]),
            (id: "r", name: "R", date: "2022", from: [(parent: "base", via: "b")], changes: [Gained(cap: "y")]),
            (id: "merge", name: "Merge", date: "2023", from: [(parent: "l", via: "m"), (parent: "r", via: "m")]),
            (id: "after", name: "After", date: "2024", from: [(parent: "merge", via: "b")]),
          ],
          views: [(name: "t", kind: Table, only: ["merge", "after", "l", "r"])])"#;
        crate::lineage::fixtures::lineage(text)
    }

    #[test]
    fn lineage_is_a_chain_of_methods_from_a_model_the_reader_knows() {
        let l = lineage();
        let spec: &ViewSpec = &l.views[0];
        let view = View::of(&l, spec);
        let t = Table::of(&view);
        let made: Vec<String> = t
            .columns
            .iter()
            .map(|c| made_text(&l, &c.made, Lang::En))
            .collect();
        assert_eq!(
            made,
            ["Base + A + B + M", "Merge + B", "Base + A", "Base + B"]
        );
        // L has x, R lacks it; the merge has both: nothing to be weak at.
        let merge = &t.columns[0];
        assert!(merge.weak.is_empty());
        let l_col = &t.columns[2];
        assert_eq!(l_col.good.len(), 1);
        assert_eq!(l_col.weak.len(), 1);
        for c in &t.columns {
            assert!(c.good.iter().all(|g| !c.weak.contains(g)));
        }
    }
}
