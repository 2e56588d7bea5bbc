//! The capability matrix: one row per capability, one column per model.
//!
//! Rows are grouped by the method that brings the capability in (see
//! [`super::capability::bringing_method`]); columns follow the view's date order,
//! grouped by branch. A cell shows the state as a shape that reads in
//! greyscale (ring, dot, double ring, half dot, cross), in the capability's
//! colour. The cell where a capability is gained or unlocked is outlined in
//! the method's colour with the method's mark; a cell where it is weakened
//! or lost is shaded as a cost; an uncertain cell has a dashed outline and
//! a "?". So one row answers "where did this come from?" and one column
//! "what did this model gain and give up?".
//!
//! This module says what the matrix shows; `write::capability::matrix`
//! writes it (Markdown, SVG). No syntax, measuring or placing here.

use super::capability::{grouped_capabilities, is_cost, is_origin, model_names, uncertain, Shown};
use super::clean;
use crate::data::ChangeKind;
use crate::lineage::{BranchId, CapabilityId, MethodId};
use crate::model::Lang;
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::NodeIndex;
use std::fmt::Write as _;

/// One column: a model.
#[derive(Debug, Clone)]
pub struct Column {
    pub model: NodeIndex,
    pub branch: Option<BranchId>,
    /// Changes at this model that bring or raise a capability (gained,
    /// unlocked, strengthened, recovered), among the rows shown.
    pub up: usize,
    /// Changes at this model that lower one (weakened, lost).
    pub down: usize,
}

/// Consecutive columns of one branch.
#[derive(Debug, Clone)]
pub struct ColumnGroup {
    pub branch: Option<BranchId>,
    pub start: usize,
    pub len: usize,
}

/// Rows brought in by one method.
#[derive(Debug, Clone)]
pub struct RowGroup {
    pub method: Option<MethodId>,
    pub caps: Vec<CapabilityId>,
}

/// What one cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub shown: Shown,
    /// The change made to this capability at this model, if any.
    pub change: Option<ChangeKind>,
    pub certain: bool,
    /// The method of the change, when the cell is where it was gained or unlocked.
    pub method: Option<MethodId>,
}

/// The matrix of one view.
pub struct Matrix<'a> {
    pub view: &'a View<'a>,
    pub columns: Vec<Column>,
    pub column_groups: Vec<ColumnGroup>,
    pub rows: Vec<RowGroup>,
}

impl<'a> Matrix<'a> {
    pub fn of(view: &'a View<'a>) -> Matrix<'a> {
        let lineage = view.lineage;
        let rows: Vec<RowGroup> = grouped_capabilities(view)
            .into_iter()
            .map(|(method, caps)| RowGroup { method, caps })
            .collect();
        // Date order, parents first; a branch is a run of consecutive columns.
        let order = view.models.clone();
        let mut matrix = Matrix {
            view,
            columns: Vec::new(),
            column_groups: Vec::new(),
            rows,
        };
        for n in order {
            let (mut up, mut down) = (0, 0);
            for c in matrix.capabilities() {
                match lineage.inheritance.trace(n, c).changed_here {
                    Some(ChangeKind::Weakened | ChangeKind::Lost) => down += 1,
                    Some(ChangeKind::Latent) | None => {}
                    Some(_) => up += 1,
                }
            }
            let branch = lineage.model(n).branch;
            matrix.columns.push(Column {
                model: n,
                branch,
                up,
                down,
            });
        }
        for (i, col) in matrix.columns.iter().enumerate() {
            match matrix.column_groups.last_mut() {
                Some(g) if g.branch.is_some() && g.branch == col.branch => g.len += 1,
                _ => matrix.column_groups.push(ColumnGroup {
                    branch: col.branch,
                    start: i,
                    len: 1,
                }),
            }
        }
        matrix
    }

    /// Every capability shown, row order.
    pub fn capabilities(&self) -> impl Iterator<Item = CapabilityId> + '_ {
        self.rows.iter().flat_map(|g| g.caps.iter().copied())
    }

    pub fn cell(&self, cap: CapabilityId, model: NodeIndex) -> Cell {
        let t = self.view.lineage.inheritance.trace(model, cap);
        let shown = Shown::of(t.state);
        Cell {
            shown,
            change: t.changed_here,
            certain: !uncertain(&t),
            method: if is_origin(t.changed_here) {
                t.origin.and_then(|o| o.method)
            } else {
                None
            },
        }
    }
}

/// What a legend entry of the matrix explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A state's shape.
    State(Shown),
    /// The outline of the cell where a capability is gained or unlocked.
    Origin,
    /// The shade of a cell where it is weakened or lost.
    Cost,
    /// The outline of a cell where it is strengthened or recovered.
    Change,
    /// A dashed cell: the source guesses.
    Uncertain,
    /// A method's mark.
    Method(MethodId),
}

/// What the matrix says in words: its legend, its tooltips, its summary.
impl Matrix<'_> {
    /// The legend: every state's shape, then the marks the matrix shows,
    /// then the methods whose marks it shows.
    pub fn legend(&self, lang: Lang) -> Vec<(Key, String)> {
        let m = self;
        let mut items: Vec<(Key, String)> = Shown::ALL
            .iter()
            .filter(|s| **s != Shown::Absent)
            .map(|&s| (Key::State(s), s.label(lang).to_string()))
            .collect();
        let cells: Vec<Cell> = m
            .capabilities()
            .flat_map(|cap| m.columns.iter().map(move |col| (cap, col.model)))
            .map(|(cap, n)| m.cell(cap, n))
            .collect();
        if cells.iter().any(|c| is_origin(c.change)) {
            items.push((Key::Origin, Word::GainedOrUnlockedHere.get(lang).into()));
        }
        if cells.iter().any(|c| is_cost(c.change)) {
            items.push((Key::Cost, Word::GivenUpHere.get(lang).into()));
        }
        if cells.iter().any(|c| {
            matches!(
                c.change,
                Some(ChangeKind::Strengthened | ChangeKind::Recovered)
            )
        }) {
            items.push((
                Key::Change,
                Word::StrengthenedOrRecoveredHere.get(lang).into(),
            ));
        }
        if cells.iter().any(|c| !c.certain) {
            items.push((Key::Uncertain, Word::UncertainGuess.get(lang).into()));
        }
        let mut used: Vec<MethodId> = cells.iter().filter_map(|c| c.method).collect();
        used.sort();
        used.dedup();
        for method in used {
            items.push((
                Key::Method(method),
                clean(m.view.lineage.method(method).label.get(lang)),
            ));
        }
        items
    }

    /// What a cell's tooltip says: the model, the capability, its state, the
    /// change here, where it came from, where it was lost, the doubt.
    pub fn tooltip(&self, cap: CapabilityId, n: NodeIndex, lang: Lang) -> String {
        let m = self;
        let cell = m.cell(cap, n);
        let lineage = m.view.lineage;
        let t = lineage.inheritance.trace(n, cap);
        let (name, _) = model_names(lineage, n, lang);
        let mut s = format!(
            "{name} · {}: {}",
            clean(lineage.capability(cap).label.get(lang)),
            cell.shown.label(lang)
        );
        if let Some(kind) = cell.change {
            let _ = write!(
                s,
                "; {} {}",
                words::change(kind, lang),
                Word::Here.get(lang)
            );
        }
        if let Some(o) = t.origin.filter(|_| cell.shown != Shown::Absent) {
            let how = o
                .method
                .map(|me| format!(" ({})", clean(lineage.method(me).label.get(lang))))
                .unwrap_or_default();
            let _ = write!(
                s,
                "; {}: {} {}{how}",
                Word::Origin.get(lang),
                words::change(o.kind, lang),
                lineage.model(o.model).id
            );
        }
        if let Some(at) = t.lost_at {
            let _ = write!(s, "; {} {}", Word::LostAt.get(lang), lineage.model(at).id);
        }
        if !cell.certain {
            let _ = write!(s, "; {}", Word::Uncertain.get(lang));
        }
        s
    }

    /// Accessible summary: the shape of the matrix and what changes where.
    pub fn describe(&self, lang: Lang) -> String {
        let m = self;
        let lineage = m.view.lineage;
        let caps = m.capabilities().count();
        let mut s = words::matrix_summary(caps, m.columns.len(), lang);
        for col in &m.columns {
            let changes: Vec<String> = m
                .capabilities()
                .filter_map(|cap| {
                    let cell = m.cell(cap, col.model);
                    cell.change.map(|k| {
                        format!(
                            "{} {}",
                            words::change(k, lang),
                            clean(lineage.capability(cap).label.get(lang))
                        )
                    })
                })
                .collect();
            if !changes.is_empty() {
                let (name, _) = model_names(lineage, col.model, lang);
                s.push_str(&words::changes_at(&name, &changes, lang));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_parents_first_and_branches_as_runs() {
        let text = r#"Lineage(title: "t",
          methods: { "a": (label: "A") },
          capabilities: { "x": (label: "X") },
          branches: { "p": (label: "P"), "q": (label: "Q") },
          models: [
            (id: "child", name: "Child", date: "about 2021", branch: "p", from: [(parent: "parent", via: "a")]),
            (id: "root", name: "Root", date: "2019", branch: "p", changes: [Gained(cap: "x")]),
            (id: "parent", name: "Parent", date: "2020-06", branch: "p", from: [(parent: "root", via: "a")]),
            (id: "other", name: "Other", date: "2020-01", branch: "q", from: [(parent: "root", via: "a")]),
          ])"#;
        let l = crate::lineage::fixtures::lineage(text);
        let view = View::all(&l).remove(0);
        let m = Matrix::of(&view);
        let ids: Vec<&str> = m
            .columns
            .iter()
            .map(|c| l.model(c.model).id.as_str())
            .collect();
        assert_eq!(ids, ["root", "other", "parent", "child"]);
        let runs: Vec<(usize, usize)> = m.column_groups.iter().map(|g| (g.start, g.len)).collect();
        assert_eq!(runs, [(0, 1), (1, 1), (2, 2)]);
        let x = l.find_capability("x").unwrap();
        let cell = m.cell(x, l.find_model("root").unwrap());
        assert_eq!(cell.change, Some(ChangeKind::Gained));
        assert_eq!(cell.method, None, "a root has no method");
    }
}
