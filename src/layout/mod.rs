//! Layout: where every node, edge route, edge label, lane band and axis tick goes.
//!
//! This stage takes a [`Graph`] (boxes with sizes, edges, lanes, optional times)
//! and returns a [`Layout`] (positions and routes). It knows nothing of RON,
//! models or capabilities, and nothing of how the result is drawn: writers read
//! the `Layout`, they never lay out themselves.
//!
//! The algorithm is a layered (Sugiyama-style) layout:
//! rank (timeline or compact) → order (crossing reduction) → position → route.
//! Special placements live beside it, each with its own input and output
//! types: [`flow`] (the capability-flow figure's rows and columns); and
//! [`pack()`], the packed timeline for views too large for one column per
//! date (interval packing into rows, same `Graph` in, same `Layout` out).

use serde::Serialize;

mod canon;
mod check;
pub mod flow;
mod order;
mod pack;
mod position;
mod rank;
mod route;
mod row_cards;
mod simplex;
#[cfg(test)]
mod tests;
mod time_map;

pub use check::{crossings, crossings_between_unrelated, overlaps};
pub use pack::MAX_ASPECT;
pub use position::{BAND_PAD, EDGE_GAP, LABEL_CHANNEL, LANE_GAP, NODE_GAP, RANK_GAP};

use canon::Canon;
use order::Proper;
use position::Placement;
use route::FlowRoute;

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
    /// Keep `lanes` in this order; else the layout orders them for the
    /// fewest crossings, this order breaking ties.
    pub lanes_pinned: bool,
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

/// A stretch of the time axis that is not to scale (timelines only): the
/// months from `from` to `to` take the room from `start` to `end` instead
/// of their length at the figure's scale. The axis marks it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Break {
    /// Coordinate along the flow of the break's mark.
    pub at: f64,
    /// Months since year 0, as in [`Time`].
    pub from: f64,
    pub to: f64,
    /// Coordinates along the flow of `from` and `to`.
    pub start: f64,
    pub end: f64,
    pub kind: BreakKind,
}

/// Why a stretch of the axis is not to scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BreakKind {
    /// An empty stretch, compressed.
    LeftOut,
    /// Dates too close for their cards at the figure's scale, drawn wider
    /// (layered timelines).
    Stretched,
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
    /// Stretches of the time axis that are not to scale, in order; empty
    /// when time is linear throughout.
    pub breaks: Vec<Break>,
    /// Per node (same order as `nodes`), its lifespan bar after its card
    /// (packed timelines only; empty otherwise): from the card's end to the
    /// model's `end`, or to the next card on its row, whichever is first.
    pub bars: Vec<Option<Rect>>,
}

/// Blank space around the drawing on every side.
pub const MARGIN: f64 = 20.0;
/// In timeline mode, extra space reserved across the flow before the drawing
/// (above it left-to-right, left of it top-to-bottom) for the time axis.
pub const AXIS_SPACE: f64 = 28.0;
/// Largest graph (nodes + edges) that [`check_size`] accepts.
pub const MAX_ITEMS: usize = 1_000_000;

/// Rejects graphs too large to lay out in reasonable time and memory.
/// Call it before [`layout`]; `layout` itself never refuses.
pub fn check_size(graph: &Graph) -> Result<(), String> {
    let items = graph.nodes.len() + graph.edges.len();
    if items > MAX_ITEMS {
        return Err(format!(
            "graph too large to lay out: {} nodes + {} edges = {items} items, the limit is {MAX_ITEMS}",
            graph.nodes.len(),
            graph.edges.len()
        ));
    }
    Ok(())
}

/// Lays the graph out: rank → order → position → route, in flow space, then
/// turned to the page direction, shifted inside the margins and rounded.
/// Edges with an endpoint out of range or equal endpoints get an empty route.
pub fn layout(graph: &Graph) -> Layout {
    let canon = Canon::new(graph);
    let ranking = rank::assign(&canon, graph.mode);
    let mut proper = Proper::build(&canon, &ranking);
    order::reduce_crossings(&mut proper, !ranking.time.is_empty());
    let place = position::place(&proper, &ranking, graph.mode);
    let flow = route::routes(&proper, &place, &ranking.reversed);
    assemble(graph, &canon, &proper, &place, flow)
}

/// Lays a timeline out packed: models in rows by interval packing (see
/// `pack.rs`), for views too large for one column per date. `until[i]` is
/// node `i`'s lifespan end in months since year 0, if it has one. The
/// lanes come in the order the layered layout gives them (fewest
/// crossings) unless `lanes_pinned`. Falls back to [`layout`] when no node
/// has a time or the mode is compact.
pub fn pack(graph: &Graph, until: &[Option<f64>]) -> Layout {
    pack_aimed(graph, until, None)
}

/// How well a packed layout of `graph` fills its figure, for choosing
/// between two directions: the share of the figure its cards cover, times
/// one plus the share of same-lane derivations drawn straight (a chain on
/// one row); negative, the more so the more elongated, past
/// [`MAX_ASPECT`]. The packing's own choice of scale weighs the same.
pub fn packed_fit(graph: &Graph, laid: &Layout) -> f64 {
    pack::fit(graph, laid)
}

/// [`pack`], for a frame of a known shape: `aim` is its width over its
/// height (a slide's 16:9). Among the time scales the packing would
/// accept, a larger one is taken while the figure stays no wider than
/// that: on a frame that the figure's height already fills, time spread
/// wider costs no text size and lets more models share a row.
pub fn pack_aimed(graph: &Graph, until: &[Option<f64>], aim: Option<f64>) -> Layout {
    let timed = graph.nodes.iter().any(|n| n.time.is_some());
    if graph.mode != LayerMode::Timeline || !timed {
        return layout(graph);
    }
    // The packed layout keeps the lanes as given: put them in the order
    // the layered layout would choose first (unless the view pins them).
    let lane_of = if graph.lanes_pinned {
        Vec::new()
    } else {
        order::lane_order(&Canon::new(graph))
    };
    if lane_of
        .iter()
        .enumerate()
        .all(|(place, &lane)| place == lane)
    {
        return pack::pack(graph, until, aim);
    }
    let place = order::places(&lane_of);
    let placed = Graph {
        nodes: graph
            .nodes
            .iter()
            .map(|n| Node {
                lane: n.lane.map(|l| place.get(l).copied().unwrap_or(l)),
                ..n.clone()
            })
            .collect(),
        edges: graph.edges.clone(),
        lanes: lane_of
            .iter()
            .map(|&l| graph.lanes[l].clone())
            .chain(graph.lanes.iter().skip(lane_of.len()).cloned())
            .collect(),
        lanes_pinned: true,
        direction: graph.direction,
        mode: graph.mode,
    };
    let mut laid = pack::pack(&placed, until, aim);
    for band in &mut laid.lanes {
        band.lane = lane_of.get(band.lane).copied().unwrap_or(band.lane);
    }
    laid
}

/// Everything in flow space (x along the flow, y across it), before the
/// final shift, transposition and rounding.
struct Flow {
    nodes: Vec<Rect>,
    edges: Vec<Route>,
    lanes: Vec<LaneBand>,
    axis: Vec<Tick>,
    breaks: Vec<Break>,
}

fn assemble(g: &Graph, c: &Canon, p: &Proper, at: &Placement, routes: Vec<FlowRoute>) -> Layout {
    let mut f = flow_items(g, c, p, at, routes);
    let (min, max) = bounds(&f);
    let axis_space = if f.axis.is_empty() { 0.0 } else { AXIS_SPACE };
    let shift = Point {
        x: MARGIN - min.x,
        y: MARGIN + axis_space - min.y,
    };
    let size = Point {
        x: max.x + shift.x + MARGIN,
        y: max.y + shift.y + MARGIN,
    };
    let turn = |pt: Point| {
        orient(
            g.direction,
            Point {
                x: pt.x + shift.x,
                y: pt.y + shift.y,
            },
        )
    };
    let turn_rect = |r: Rect| rect_of(g.direction, r, shift);
    f.nodes.iter_mut().for_each(|r| *r = turn_rect(*r));
    for e in &mut f.edges {
        e.points.iter_mut().for_each(|pt| *pt = turn(*pt));
        e.label = e.label.map(turn_rect);
        snap_ends(e, &f.nodes, g.direction);
    }
    f.lanes.iter_mut().for_each(|b| b.rect = turn_rect(b.rect));
    f.axis.iter_mut().for_each(|t| t.at = round(t.at + shift.x));
    for b in &mut f.breaks {
        for x in [&mut b.at, &mut b.start, &mut b.end] {
            *x = round(*x + shift.x);
        }
    }
    let size = orient(g.direction, size);
    Layout {
        width: round(size.x),
        height: round(size.y),
        direction: g.direction,
        nodes: f.nodes,
        edges: f.edges,
        lanes: f.lanes,
        axis: f.axis,
        breaks: f.breaks,
        bars: Vec::new(),
    }
}

fn flow_items(g: &Graph, c: &Canon, p: &Proper, at: &Placement, routes: Vec<FlowRoute>) -> Flow {
    let mut nodes = vec![Rect::default(); g.nodes.len()];
    for v in 0..c.len() {
        let s = c.size[v];
        nodes[c.orig[v]] = Rect {
            x: at.center[p.layer[v] as usize] - s.along / 2.0,
            y: at.across[v] - s.across / 2.0,
            w: s.along,
            h: s.across,
        };
    }
    let mut edges: Vec<Route> = g
        .edges
        .iter()
        .map(|e| Route {
            from: e.from,
            to: e.to,
            points: Vec::new(),
            label: None,
        })
        .collect();
    for (chain, r) in p.chains.iter().zip(routes) {
        let e = &mut edges[c.edges[chain.edge].orig];
        (e.points, e.label) = (r.points, r.label);
    }
    Flow {
        nodes,
        edges,
        lanes: bands(at, &p.lane_of),
        axis: at.axis.clone(),
        breaks: at.breaks.clone(),
    }
}

/// Lane bands run the whole length of the drawing.
/// `lane_of` turns a band's place in the lane order into its lane.
fn bands(at: &Placement, lane_of: &[usize]) -> Vec<LaneBand> {
    let (lo, hi) = at.span();
    let band = |&(place, a, b): &(usize, f64, f64)| LaneBand {
        lane: lane_of.get(place).copied().unwrap_or(place),
        rect: Rect {
            x: lo - BAND_PAD,
            y: a,
            w: hi - lo + 2.0 * BAND_PAD,
            h: b - a,
        },
    };
    at.bands.iter().map(band).collect()
}

/// Smallest and largest coordinate of everything drawn.
fn bounds(f: &Flow) -> (Point, Point) {
    let mut min = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    let mut add = |p: Point| {
        (min.x, min.y) = (min.x.min(p.x), min.y.min(p.y));
        (max.x, max.y) = (max.x.max(p.x), max.y.max(p.y));
    };
    let rects = f
        .nodes
        .iter()
        .chain(f.edges.iter().filter_map(|e| e.label.as_ref()));
    for r in rects.chain(f.lanes.iter().map(|b| &b.rect)) {
        add(Point { x: r.x, y: r.y });
        add(Point {
            x: r.x + r.w,
            y: r.y + r.h,
        });
    }
    f.edges.iter().flat_map(|e| &e.points).for_each(|&p| add(p));
    if min.x > max.x {
        return (Point::default(), Point::default());
    }
    (min, max)
}

/// Flow space to page space.
fn orient(dir: Direction, p: Point) -> Point {
    match dir {
        Direction::LeftToRight => Point {
            x: round(p.x),
            y: round(p.y),
        },
        Direction::TopToBottom => Point {
            x: round(p.y),
            y: round(p.x),
        },
    }
}

fn rect_of(dir: Direction, r: Rect, shift: Point) -> Rect {
    let (x, y) = (r.x + shift.x, r.y + shift.y);
    match dir {
        Direction::LeftToRight => Rect {
            x: round(x),
            y: round(y),
            w: round(r.w),
            h: round(r.h),
        },
        Direction::TopToBottom => Rect {
            x: round(y),
            y: round(x),
            w: round(r.h),
            h: round(r.w),
        },
    }
}

/// Rounding may leave an end 0.1 off its box: put it back on the border.
fn snap_ends(e: &mut Route, nodes: &[Rect], dir: Direction) {
    let n = e.points.len();
    if n == 0 {
        return;
    }
    if let Some(r) = nodes.get(e.from) {
        snap(&mut e.points[0], r, dir);
    }
    if let Some(r) = nodes.get(e.to) {
        snap(&mut e.points[n - 1], r, dir);
    }
}

fn snap(p: &mut Point, r: &Rect, dir: Direction) {
    let side = |v: f64, lo: f64, len: f64| {
        let hi = round(lo + len);
        if (v - lo).abs() <= (v - hi).abs() {
            lo
        } else {
            hi
        }
    };
    match dir {
        Direction::LeftToRight => {
            p.x = side(p.x, r.x, r.w);
            p.y = p.y.clamp(r.y, round(r.y + r.h));
        }
        Direction::TopToBottom => {
            p.y = side(p.y, r.y, r.h);
            p.x = p.x.clamp(r.x, round(r.x + r.w));
        }
    }
}

/// To 0.1, without negative zero, so output bytes are stable.
fn round(v: f64) -> f64 {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
