//! The lineage figure's layout as JSON (`--format layout-json`), for tests
//! and inspection: borrowed records serialized in reading order.

use super::*;

/// `layout-json`: the layout as data, with model ids. Serialized straight
/// from borrowed records (no JSON tree in memory: a 100,000-model layout
/// has millions of route points).
pub fn layout_json(view: &View, options: &Options) -> String {
    let fig = figure(view, options);
    let ids: Vec<&str> = view
        .models
        .iter()
        .map(|&n| view.lineage.model(n).id.as_str())
        .collect();
    let layout = &fig.layout;
    let doc = LayoutDoc {
        view: &view.spec.name,
        width: layout.width,
        height: layout.height,
        direction: layout.direction,
        nodes: layout
            .nodes
            .iter()
            .zip(&ids)
            .map(|(rect, id)| NodeDoc { id, rect })
            .collect(),
        edges: layout
            .edges
            .iter()
            .map(|route| EdgeDoc {
                from: ids[route.from],
                to: ids[route.to],
                points: &route.points,
                label: route.label.as_ref(),
            })
            .collect(),
        lanes: layout
            .lanes
            .iter()
            .map(|band| LaneDoc {
                branch: &fig.graph.lanes[band.lane],
                rect: &band.rect,
            })
            .collect(),
        axis: &layout.axis,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Serialize)]
pub(super) struct LayoutDoc<'a> {
    view: &'a str,
    width: f64,
    height: f64,
    direction: Direction,
    nodes: Vec<NodeDoc<'a>>,
    edges: Vec<EdgeDoc<'a>>,
    lanes: Vec<LaneDoc<'a>>,
    axis: &'a [Tick],
}

#[derive(Serialize)]
pub(super) struct NodeDoc<'a> {
    id: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}

#[derive(Serialize)]
pub(super) struct EdgeDoc<'a> {
    from: &'a str,
    to: &'a str,
    points: &'a [Point],
    label: Option<&'a Rect>,
}

#[derive(Serialize)]
pub(super) struct LaneDoc<'a> {
    branch: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}
