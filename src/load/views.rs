//! Views: each declared view's name checked and its model references
//! resolved into a [`ViewSpec`]; a view that would show nothing is a
//! warning naming it.

use super::checks::{valid_view_name, MAX_VIEW_NAME_CHARS};
use super::ids::Table;
use super::resolve::{At, Builder};
use crate::data::{ViewDecl, ViewKind};
use crate::diagnostics::shorten;
use crate::model::{BranchId, Graph, Text, ViewSpec};
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

impl Builder<'_> {
    pub(super) fn views(
        &mut self,
        graph: &Graph,
        models: &Table,
        branches: &Table,
    ) -> Vec<ViewSpec> {
        let mut seen = BTreeSet::new();
        let mut specs = Vec::new();
        for (v, decl) in self.file.views.iter().enumerate() {
            let at = At::View(v);
            let name = shorten(&decl.name, 64);
            if !valid_view_name(&decl.name) {
                self.error(
                    format!("view name \"{name}\" cannot be used in a file name"),
                    self.anchor(at),
                    Some(format!(
                        "use 1 to {} letters, digits, `-` and `_`",
                        MAX_VIEW_NAME_CHARS
                    )),
                );
                continue;
            }
            if !seen.insert(decl.name.as_str()) {
                self.error(
                    format!("view \"{name}\" is declared twice"),
                    self.anchor(at),
                    Some("give each view its own name".into()),
                );
                continue;
            }
            let mut ids = |field: &str, list: &[String]| -> Vec<NodeIndex> {
                list.iter()
                    .filter_map(|id| self.resolve(models, id, at, field).map(NodeIndex::new))
                    .collect()
            };
            let from = ids("from", &decl.from);
            let to = ids("to", &decl.to);
            let only = ids("only", &decl.only);
            let exclude = ids("exclude", &decl.exclude);
            let lanes = self.pinned_lanes(decl, branches, at);
            if decl.density.is_some() && decl.kind != ViewKind::Lineage {
                self.warn(
                    format!("view \"{name}\" sets `density`, which only lineage views use"),
                    self.anchor(at),
                    "remove `density`, or make the view `kind: Lineage`".into(),
                );
            }
            let mut spec = view_spec(decl, from, to, only, exclude);
            spec.lanes = lanes;
            if spec.select(graph).is_empty() {
                self.warn(
                    format!("view \"{name}\" shows no models"),
                    self.anchor(at),
                    "its `from`, `to`, `only` and `exclude` leave nothing in common: \
                     `from` keeps descendants, `to` ancestors, and a model must pass both"
                        .into(),
                );
            }
            specs.push(spec);
        }
        specs
    }
}

impl Builder<'_> {
    /// A view's `lanes`, resolved: each a known branch, listed once.
    fn pinned_lanes(&mut self, decl: &ViewDecl, branches: &Table, at: At) -> Vec<BranchId> {
        let mut lanes: Vec<BranchId> = Vec::new();
        for id in &decl.lanes {
            let Some(b) = self.resolve(branches, id, at, "lanes").map(BranchId) else {
                continue;
            };
            if lanes.contains(&b) {
                let anchor = self.anchor(at);
                let span = self.spans().after(anchor, Some("lanes"), id).or(anchor);
                self.error(
                    format!("branch \"{}\" is listed twice in `lanes`", shorten(id, 64)),
                    span,
                    Some("list each branch once, in the order the lanes should have".into()),
                );
                continue;
            }
            lanes.push(b);
        }
        lanes
    }
}

/// A view as declared, with its model references resolved.
fn view_spec(
    decl: &ViewDecl,
    from: Vec<NodeIndex>,
    to: Vec<NodeIndex>,
    only: Vec<NodeIndex>,
    exclude: Vec<NodeIndex>,
) -> ViewSpec {
    ViewSpec {
        name: decl.name.clone(),
        title: decl.title.as_ref().map(|en| Text {
            en: en.clone(),
            zh: decl.title_zh.clone(),
        }),
        subtitle: Text::optional(&decl.subtitle, &decl.subtitle_zh),
        kind: decl.kind,
        from,
        to,
        only,
        exclude,
        direction: decl.direction.unwrap_or_default(),
        direction_declared: decl.direction.is_some(),
        layers: decl.layers,
        density: decl.density,
        lanes: Vec::new(),
        capabilities: decl.capabilities,
    }
}
