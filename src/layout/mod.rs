//! Layout: where every node, edge route, edge label, lane band and axis tick goes.
//!
//! This stage takes a [`Graph`] (boxes with sizes, edges, lanes, optional times)
//! and returns a [`Layout`] (positions and routes). It knows nothing of RON,
//! models or capabilities, and nothing of how the result is drawn: writers read
//! the `Layout`, they never lay out themselves.
//!
//! The algorithm is a layered (Sugiyama-style) layout:
//! rank (timeline or compact) → order (crossing reduction) → position → route.

use serde::Serialize;

/// Which way the lineage flows on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Direction {
    #[default]
    LeftToRight,
    TopToBottom,
}

/// How nodes are assigned to layers along the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum LayerMode {
    /// Position along the flow follows the node's time; a time axis is produced.
    #[default]
    Timeline,
    /// Layers by longest path from the roots; no axis.
    Compact,
}

/// A point in time for the timeline, in months since year 0 (`year * 12 + month - 1`).
/// `start == end` for a point; a range spans `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Time {
    pub start: f64,
    pub end: f64,
}

/// A width and a height, in SVG user units (px).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Size {
    pub w: f64,
    pub h: f64,
}

/// One box to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable key (the model id): ties are broken by it, never by input order.
    pub key: String,
    pub size: Size,
    /// `None`: unknown date, placed by its neighbours.
    pub time: Option<Time>,
    /// Index into [`Graph::lanes`].
    pub lane: Option<usize>,
}

/// A directed edge between two nodes (indices into [`Graph::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Size of the edge label (the method), if it has one.
    pub label: Option<Size>,
}

/// The input of the layout. Must be acyclic (the validated lineage guarantees it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Lane keys (branch ids), in the order they should appear across the flow.
    pub lanes: Vec<String>,
    pub direction: Direction,
    pub mode: LayerMode,
}

/// An axis-aligned rectangle; `x`, `y` is the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// An edge drawn as a cubic Bézier spline: `points[0]` is the start, then
/// groups of three (control, control, end). The start lies on the source
/// box border, the last point on the target box border (where the arrow tip goes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    pub from: usize,
    pub to: usize,
    pub points: Vec<Point>,
    pub label: Option<Rect>,
}

/// The band behind one lane's nodes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneBand {
    pub lane: usize,
    pub rect: Rect,
}

/// One tick of the time axis (timeline mode only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    /// Coordinate along the flow (x for left-to-right, y for top-to-bottom).
    pub at: f64,
    /// Months since year 0, as in [`Time`].
    pub time: f64,
    /// "2020", or "2022-04" for a month tick.
    pub label: String,
    /// Year ticks are major, month ticks minor.
    pub major: bool,
}

/// The result: every coordinate rounded to 0.1 so output bytes are stable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub direction: Direction,
    /// Same order as [`Graph::nodes`].
    pub nodes: Vec<Rect>,
    /// Same order as [`Graph::edges`].
    pub edges: Vec<Route>,
    pub lanes: Vec<LaneBand>,
    pub axis: Vec<Tick>,
}

/// Placeholder until the layered layout lands: one column per node in input order.
pub fn layout(graph: &Graph) -> Layout {
    let mut x = 20.0;
    let nodes: Vec<Rect> = graph
        .nodes
        .iter()
        .map(|n| {
            let r = Rect {
                x,
                y: 20.0,
                w: n.size.w,
                h: n.size.h,
            };
            x += n.size.w + 60.0;
            r
        })
        .collect();
    let edges = graph
        .edges
        .iter()
        .map(|e| {
            let (a, b) = (nodes[e.from], nodes[e.to]);
            let p = Point {
                x: a.x + a.w,
                y: a.y + a.h / 2.0,
            };
            let q = Point {
                x: b.x,
                y: b.y + b.h / 2.0,
            };
            Route {
                from: e.from,
                to: e.to,
                points: vec![p, p, q, q],
                label: None,
            }
        })
        .collect();
    let height = nodes.iter().map(|r| r.y + r.h).fold(0.0, f64::max) + 20.0;
    Layout {
        width: x,
        height,
        direction: graph.direction,
        nodes,
        edges,
        lanes: Vec::new(),
        axis: Vec::new(),
    }
}

/// Placeholder until the layered layout lands.
pub fn crossings(_graph: &Graph, _layout: &Layout) -> usize {
    0
}
