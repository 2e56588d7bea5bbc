//! The capability matrix: one row per capability, one column per model.
//!
//! Rows are grouped by the method that brings the capability in (see
//! [`super::bringing_method`]); columns follow the view's date order,
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

use super::capability::{grouped_capabilities, is_origin, uncertain, Shown};
use crate::data::ChangeKind;
use crate::lineage::{BranchId, CapabilityId, MethodId};
use crate::view::View;
use petgraph::graph::NodeIndex;

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
            certain: !uncertain(t),
            method: if is_origin(t.changed_here) {
                t.origin.and_then(|o| o.method)
            } else {
                None
            },
        }
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
