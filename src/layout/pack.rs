//! The packed timeline: models in rows the way timeline charts draw them,
//! for views too large for one column per date (see [`super::pack`]).
//!
//! Along the flow, time is linear (one scale for the whole figure) except
//! across long empty stretches, which are compressed to a fixed width and
//! reported as [`super::Break`]s so the axis can mark them. A card's near
//! edge sits exactly at its date. Across the flow, each lane's models are
//! packed into rows by interval packing in date order: a row is free again
//! once its last model's span has ended (its card, or its lifespan when it
//! has an `end`; when no row is, one whose card has ended, the lifespan bar
//! stopping short), except that a model's own successor in the lane may
//! take its parent's row as soon as the parent's card ends, so a release
//! chain is one straight line. The scale is chosen among `SCALES` by the
//! figure's aspect, its card area and how many chains stay straight; for a
//! frame of known shape (a slide), the largest of those that keeps the
//! figure within the frame's aspect. Edges
//! run in the gutters between rows and cross rows only between cards, so no
//! route enters a card; they carry no label (their method is their colour).
//! [`fit`] scores a finished layout the same way, for the writer's choice
//! between the two directions. Top to bottom, cards on a row are closer
//! (brief cards are one line there). This stage must not reorder lanes.
//! One phase, one file: the rows, the scale and the gutter routes are
//! chosen from each other's geometry.
//! Costs: packing is O(n · log rows) per scale after one sort, routing
//! O((corners + 1) · log² rows) per edge (see [`super::row_cards`]).

use super::row_cards::RowCards;
use super::time_map::{TimeMap, BREAK_MIN};
use super::{
    orient, rect_of, round, Break, BreakKind, Graph, LaneBand, Layout, Point, Rect, Route, Tick,
};
use super::{AXIS_SPACE, MARGIN};
use std::collections::{BTreeSet, BinaryHeap};

/// Space between two cards on one row, along the flow: left to right...
const CARD_GAP: f64 = 14.0;
/// ...and top to bottom, where cards one line tall stack like the lines
/// of a list (still room for an edge to cross the row between them).
const CARD_GAP_DOWN: f64 = 2.0 * CLEAR;
/// Padding of a lane band around its rows, and space between two bands
/// (tighter than the layered layout's: rows already have gutters).
const BAND_PAD: f64 = 6.0;
const LANE_GAP: f64 = 8.0;
/// Gutter between two rows, where edges run.
const GUTTER: f64 = 6.0;
/// Distance kept between an edge crossing a row and the cards of that row.
const CLEAR: f64 = 4.0;
/// Where an edge meets a card's top or bottom, from the card's near end.
const PORT: f64 = 6.0;
/// An empty stretch wider than [`BREAK_MIN`] (px at the chosen scale) is
/// compressed to this width.
const BREAK_W: f64 = 48.0;
/// Scales tried, in px per month; the figure keeps the one that fits best.
const SCALES: [f64; 10] = [1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0];
/// The estimate leaves out routes and labels beyond the cards: aim a
/// little under the limit.
const ESTIMATE: f64 = 0.95;
/// The time axis may be a little shorter than the other side (a poster
/// in portrait) when that packs the cards much tighter.
const MIN_ASPECT: f64 = 0.75;
/// Share of the best density a larger scale may give up.
const KEEP: f64 = 0.9;
/// Aspect ratio (long side over short side) the choice of scale aims under.
pub const MAX_ASPECT: f64 = 4.0;

/// Sizes and times in flow space, resolved once for every scale tried.
struct Input<'a> {
    g: &'a Graph,
    /// Size along and across the flow.
    along: Vec<f64>,
    across: Vec<f64>,
    /// Months since year 0 (unknown dates take their parents' or children's).
    time: Vec<f64>,
    /// Lifespan end in months, if known and after the date.
    until: Vec<Option<f64>>,
    /// Per node: the parents in the same lane, in edge order.
    same_lane_parents: Vec<Vec<usize>>,
    /// Nodes in packing order: by lane (none first), then date, key and
    /// index. A scale maps every date to a place in the same order, so one
    /// sort serves every scale tried.
    order: Vec<usize>,
    /// Sum of the cards' areas.
    card_area: f64,
    /// Space between two cards on one row.
    gap: f64,
}

/// The packed timeline's time: linear at `scale`, except that a gap
/// between two consecutive dates wider than [`BREAK_MIN`] is compressed to
/// a break of [`BREAK_W`].
fn broken_time(times: &[f64], scale: f64) -> TimeMap {
    let mut ts: Vec<f64> = times.to_vec();
    ts.sort_by(f64::total_cmp);
    ts.dedup();
    let (mut anchors, mut breaks) = (Vec::new(), Vec::new());
    let mut at = 0.0;
    for (i, &t) in ts.iter().enumerate() {
        if i > 0 {
            let gap = t - ts[i - 1];
            if gap * scale > BREAK_MIN {
                // Keep a little linear time either side of the break.
                let keep = (BREAK_MIN / 4.0) / scale;
                let a = ts[i - 1] + keep;
                at += keep * scale;
                anchors.push((a, at));
                let b = t - keep;
                breaks.push(Break {
                    at: at + BREAK_W / 2.0,
                    from: a,
                    to: b,
                    start: at,
                    end: at + BREAK_W,
                    kind: BreakKind::LeftOut,
                });
                at += BREAK_W;
                anchors.push((b, at));
                at += keep * scale;
            } else {
                at += gap * scale;
            }
        }
        anchors.push((t, at));
    }
    TimeMap {
        anchors,
        scale,
        breaks,
    }
}

/// Rows of one scale: where every card goes, in flow space.
struct Packed {
    map: TimeMap,
    /// Near edge along the flow of every node.
    x: Vec<f64>,
    /// Global row of every node.
    row: Vec<usize>,
    /// Top (across) of every row, and its height.
    row_top: Vec<f64>,
    row_h: Vec<f64>,
    /// Per row, its nodes in order along the flow.
    members: Vec<Vec<usize>>,
    /// (lane, first row, end row) of every lane with nodes.
    lanes: Vec<(Option<usize>, usize, usize)>,
}

/// Lays `g` out as a packed timeline; `until[i]` is node `i`'s lifespan
/// end (months since year 0), if it has one.
pub(super) fn pack(g: &Graph, until: &[Option<f64>], aim: Option<f64>) -> Layout {
    let input = Input::new(g, until);
    let mut tried: Vec<(f64, Packed)> = Vec::with_capacity(SCALES.len());
    let mut aspects: Vec<f64> = Vec::with_capacity(SCALES.len());
    for &scale in &SCALES {
        let p = rows(&input, scale);
        let (along, across) = extent(&input, &p);
        let aspect = along / across.max(1.0);
        // Among the scales that keep the time axis the long side, at most
        // `MAX_ASPECT` times the other, the one whose cards cover most of
        // the figure; otherwise the least elongated.
        let score = if (MIN_ASPECT..=MAX_ASPECT * ESTIMATE).contains(&aspect) {
            weigh(input.card_area, along * across, straight(&input, &p))
        } else {
            -aspect.max(1.0 / aspect.max(1e-9))
        };
        tried.push((score, p));
        aspects.push(aspect);
    }
    // The largest scale within `KEEP` of the best score: finer time and
    // straighter chains for nearly the same density.
    let top = tried.iter().map(|t| t.0).fold(f64::NEG_INFINITY, f64::max);
    let enough = |s: f64| if top > 0.0 { s >= KEEP * top } else { s >= top };
    let mut chosen = tried.iter().rposition(|t| enough(t.0));
    if let (Some(aim), Some(c)) = (aim, chosen) {
        // A frame of known shape: widen time while the figure (across
        // the flow, left to right) stays within it.
        let wide = |i: &usize| {
            let a = match g.direction {
                super::Direction::LeftToRight => aspects[*i],
                super::Direction::TopToBottom => 1.0 / aspects[*i].max(1e-9),
            };
            a <= aim * ESTIMATE
        };
        chosen = (c..tried.len()).rev().find(wide).or(chosen);
    }
    let Some((_, p)) = chosen.and_then(|c| tried.into_iter().nth(c)) else {
        return finish(
            g,
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Parts::default(),
        );
    };
    let nodes: Vec<Rect> = (0..g.nodes.len())
        .map(|v| Rect {
            x: p.x[v],
            y: p.row_top[p.row[v]],
            w: input.along[v],
            h: input.across[v],
        })
        .collect();
    let edges = routes(g, &input, &p, &nodes);
    let bars = lifespan_bars(&input, &p, &nodes);
    let bands = bands(&p, &nodes, &bars);
    let lo = nodes.iter().map(|r| r.x).fold(f64::INFINITY, f64::min);
    // The axis runs as far as the lifespan bars, so their ends can be read.
    let hi = nodes
        .iter()
        .chain(bars.iter().flatten())
        .map(|r| r.x + r.w)
        .fold(f64::NEG_INFINITY, f64::max);
    let axis = p.map.ticks(lo, hi);
    let breaks = p.map.breaks.clone();
    finish(g, nodes, edges, bands, axis, Parts { breaks, bars })
}

/// What a packed timeline has beyond the layered one.
#[derive(Default)]
struct Parts {
    breaks: Vec<Break>,
    bars: Vec<Option<Rect>>,
}

/// Thickness of a lifespan bar.
const BAR: f64 = 3.0;

/// Each model's lifespan bar: from its card's end to its `end`, cut short
/// before the next card on its row.
fn lifespan_bars(input: &Input, p: &Packed, nodes: &[Rect]) -> Vec<Option<Rect>> {
    let mut bars = vec![None; nodes.len()];
    for m in &p.members {
        for (i, &v) in m.iter().enumerate() {
            let Some(until) = input.until[v] else {
                continue;
            };
            let start = nodes[v].x + nodes[v].w;
            let mut end = p.map.at(until);
            if let Some(&w) = m.get(i + 1) {
                end = end.min(nodes[w].x - input.gap / 2.0);
            }
            if end - start >= 1.0 {
                // On the line the edge to the next card on the row takes
                // (the middle of the narrower card), so the two are one.
                let next = m.get(i + 1).map_or(nodes[v].h, |&w| nodes[w].h);
                bars[v] = Some(Rect {
                    x: start,
                    y: nodes[v].y + nodes[v].h.min(next) / 2.0 - BAR / 2.0,
                    w: end - start,
                    h: BAR,
                });
            }
        }
    }
    bars
}

impl<'a> Input<'a> {
    fn new(g: &'a Graph, until: &[Option<f64>]) -> Input<'a> {
        let n = g.nodes.len();
        let lr = g.direction == super::Direction::LeftToRight;
        let along = g
            .nodes
            .iter()
            .map(|v| if lr { v.size.w } else { v.size.h })
            .collect();
        let across = g
            .nodes
            .iter()
            .map(|v| if lr { v.size.h } else { v.size.w })
            .collect();
        let time = resolve_times(g);
        let until = (0..n)
            .map(|v| until.get(v).copied().flatten().filter(|&u| u > time[v]))
            .collect();
        let mut same_lane_parents = vec![Vec::new(); n];
        for e in &g.edges {
            let inside = e.from < n && e.to < n && e.from != e.to;
            if inside && g.nodes[e.from].lane == g.nodes[e.to].lane {
                same_lane_parents[e.to].push(e.from);
            }
        }
        let card_area = g.nodes.iter().map(|v| v.size.w * v.size.h).sum();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| {
            lane_key(g, a)
                .cmp(&lane_key(g, b))
                .then(time[a].total_cmp(&time[b]))
                .then(g.nodes[a].key.cmp(&g.nodes[b].key))
                .then(a.cmp(&b))
        });
        Input {
            card_area,
            gap: if lr { CARD_GAP } else { CARD_GAP_DOWN },
            order,
            g,
            along,
            across,
            time,
            until,
            same_lane_parents,
        }
    }
}

/// A known date is its start; an unknown one is just after its latest
/// dated parent, else just before its earliest dated child, else at the
/// earliest date of the figure.
fn resolve_times(g: &Graph) -> Vec<f64> {
    let n = g.nodes.len();
    let known: Vec<Option<f64>> = g.nodes.iter().map(|v| v.time.map(|t| t.start)).collect();
    let first = known
        .iter()
        .flatten()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let first = if first.is_finite() { first } else { 0.0 };
    let (mut after, mut before) = (vec![None::<f64>; n], vec![None::<f64>; n]);
    for e in g.edges.iter().filter(|e| e.from < n && e.to < n) {
        if let Some(t) = known[e.from] {
            after[e.to] = Some(after[e.to].map_or(t, |a: f64| a.max(t)));
        }
        if let Some(t) = known[e.to] {
            before[e.from] = Some(before[e.from].map_or(t, |b: f64| b.min(t)));
        }
    }
    (0..n)
        .map(|v| {
            known[v]
                .or(after[v].map(|t| t + 1.0))
                .or(before[v].map(|t| t - 1.0))
                .unwrap_or(first)
        })
        .collect()
}

/// Share of same-lane derivations whose child sits on its parent's row.
fn straight(input: &Input, p: &Packed) -> f64 {
    let (mut all, mut same) = (0usize, 0usize);
    for (v, parents) in input.same_lane_parents.iter().enumerate() {
        for &u in parents {
            all += 1;
            same += usize::from(p.row[u] == p.row[v]);
        }
    }
    if all == 0 {
        1.0
    } else {
        same as f64 / all as f64
    }
}

/// [`super::packed_fit`]: the packing's score, read off a finished layout.
pub(super) fn fit(g: &Graph, laid: &Layout) -> f64 {
    let (w, h) = (laid.width.max(1.0), laid.height.max(1.0));
    let aspect = w.max(h) / w.min(h);
    if aspect > MAX_ASPECT {
        return -aspect;
    }
    let lr = laid.direction == super::Direction::LeftToRight;
    let across = |r: &Rect| if lr { r.y } else { r.x };
    let (mut all, mut same) = (0usize, 0usize);
    for e in &g.edges {
        let (Some(a), Some(b)) = (laid.nodes.get(e.from), laid.nodes.get(e.to)) else {
            continue;
        };
        if e.from != e.to && g.nodes[e.from].lane == g.nodes[e.to].lane {
            all += 1;
            same += usize::from(across(a) == across(b));
        }
    }
    let straight = if all == 0 {
        1.0
    } else {
        same as f64 / all as f64
    };
    let card_area: f64 = g.nodes.iter().map(|v| v.size.w * v.size.h).sum();
    weigh(card_area, w * h, straight)
}

/// The score of a packing within the aspect limit: the share of the
/// figure's `area` its cards cover, chains kept straight (`straight`, a
/// share) counting as much.
fn weigh(card_area: f64, area: f64, straight: f64) -> f64 {
    card_area / area.max(1.0) * (1.0 + straight)
}

/// The state of interval packing.
struct Packing {
    x: Vec<f64>,
    card_end: Vec<f64>,
    /// Global row of every node placed so far.
    placed: Vec<Option<usize>>,
    members: Vec<Vec<usize>>,
    /// Per row, where it is free again.
    busy: Vec<f64>,
}

/// Interval packing at one scale.
fn rows(input: &Input, scale: f64) -> Packed {
    let g = input.g;
    let n = g.nodes.len();
    let map = broken_time(&input.time, scale);
    let x: Vec<f64> = input.time.iter().map(|&t| map.at(t)).collect();
    let card_end: Vec<f64> = (0..n).map(|v| x[v] + input.along[v] + input.gap).collect();
    let span_end: Vec<f64> = (0..n)
        .map(|v| {
            let life = input.until[v].map_or(0.0, |u| map.at(u) + input.gap);
            card_end[v].max(life)
        })
        .collect();
    let mut at = Packing {
        x,
        card_end,
        placed: vec![None; n],
        members: Vec::new(),
        busy: Vec::new(),
    };
    let mut lanes = Vec::new();
    for chunk in input
        .order
        .chunk_by(|&a, &b| lane_key(g, a) == lane_key(g, b))
    {
        let first = at.members.len();
        let mut free = FreeRows::default();
        for &v in chunk {
            free.advance(&at, at.x[v]);
            let r = match choose_row(input, v, &at, &free, first) {
                Some(r) => r,
                None => {
                    at.members.push(Vec::new());
                    at.busy.push(f64::NEG_INFINITY);
                    at.members.len() - 1
                }
            };
            at.placed[v] = Some(r);
            at.members[r].push(v);
            at.busy[r] = span_end[v];
            free.take(r, at.busy[r], at.card_end[v]);
        }
        lanes.push((g.nodes[chunk[0]].lane, first, at.members.len()));
    }
    let Packing {
        x, placed, members, ..
    } = at;
    let row: Vec<usize> = placed.into_iter().map(|r| r.unwrap_or(0)).collect();
    let (row_top, row_h) = stack_rows(input, &members, &lanes);
    Packed {
        map,
        x,
        row,
        row_top,
        row_h,
        members,
        lanes,
    }
}

/// The key lanes are packed in: nodes without a lane first, then lanes in
/// order.
fn lane_key(g: &Graph, v: usize) -> usize {
    g.nodes[v].lane.map_or(0, |l| l + 1)
}

/// A row and the place along the flow from which it is free, ordered by
/// that place (then row) for a min-heap.
#[derive(Clone, Copy, PartialEq)]
struct FreeFrom(f64, usize);

impl Eq for FreeFrom {}

impl Ord for FreeFrom {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then(other.1.cmp(&self.1))
    }
}

impl PartialOrd for FreeFrom {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The rows of the lane being packed that are free at the current place,
/// kept as the place moves along the flow (it only moves forward), so a
/// node finds the free row nearest its parent's in O(log rows) rather than
/// by a scan of the lane's rows.
#[derive(Default)]
struct FreeRows {
    /// Rows whose last span (card or lifespan) has ended...
    span: BTreeSet<usize>,
    /// ...and rows whose last card has (a lifespan may still run).
    card: BTreeSet<usize>,
    /// Rows not yet in those sets, by where they will be.
    span_ends: BinaryHeap<FreeFrom>,
    card_ends: BinaryHeap<FreeFrom>,
}

impl FreeRows {
    /// Moves to place `x`: rows free by then join the sets. An entry made
    /// stale by a later card on its row is dropped.
    fn advance(&mut self, at: &Packing, x: f64) {
        while let Some(&FreeFrom(end, r)) = self.span_ends.peek() {
            if end > x {
                break;
            }
            self.span_ends.pop();
            if at.busy[r].total_cmp(&end).is_eq() {
                self.span.insert(r);
            }
        }
        while let Some(&FreeFrom(end, r)) = self.card_ends.peek() {
            if end > x {
                break;
            }
            self.card_ends.pop();
            let last = at.members[r].last().map(|&p| at.card_end[p]);
            if last.is_some_and(|e| e.total_cmp(&end).is_eq()) {
                self.card.insert(r);
            }
        }
    }

    /// Row `r` takes a card whose span ends at `span_end`, its card at
    /// `card_end`.
    fn take(&mut self, r: usize, span_end: f64, card_end: f64) {
        self.span.remove(&r);
        self.card.remove(&r);
        self.span_ends.push(FreeFrom(span_end, r));
        self.card_ends.push(FreeFrom(card_end, r));
    }
}

/// The row of `set` nearest `want`, the lower one on a tie.
fn nearest(set: &BTreeSet<usize>, want: usize) -> Option<usize> {
    let below = set.range(..=want).next_back().copied();
    let above = set.range(want..).next().copied();
    match (below, above) {
        (Some(b), Some(a)) if a - want < want - b => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

/// The row node `v` takes (its lane's rows start at `first`): its
/// same-lane parent's row if the parent is still that row's last card and
/// its card has ended (the chain goes on straight), else the free row
/// nearest its parent's, else none (a new row).
fn choose_row(
    input: &Input,
    v: usize,
    at: &Packing,
    free: &FreeRows,
    first: usize,
) -> Option<usize> {
    let mut wanted = None;
    for &p in &input.same_lane_parents[v] {
        let Some(r) = at.placed[p] else { continue };
        if at.members[r].last() == Some(&p) && at.card_end[p] <= at.x[v] {
            return Some(r);
        }
        wanted.get_or_insert(r);
    }
    let want = wanted.unwrap_or(first);
    // A row whose last lifespan is over; else one whose last card is (the
    // lifespan bar stops short of the new card) rather than a new row.
    nearest(&free.span, want).or_else(|| nearest(&free.card, want))
}

/// Rows stacked across the flow: each lane's rows as tall as its tallest
/// card, gutters between rows, lanes padded and apart.
fn stack_rows(
    input: &Input,
    members: &[Vec<usize>],
    lanes: &[(Option<usize>, usize, usize)],
) -> (Vec<f64>, Vec<f64>) {
    let mut top = vec![0.0; members.len()];
    let mut height = vec![0.0; members.len()];
    let mut at = GUTTER;
    for (k, &(lane, a, b)) in lanes.iter().enumerate() {
        if k > 0 {
            at += LANE_GAP;
        }
        let pad = if lane.is_some() { BAND_PAD } else { 0.0 };
        at += pad;
        let h = members[a..b]
            .iter()
            .flatten()
            .map(|&v| input.across[v])
            .fold(0.0, f64::max);
        for r in a..b {
            if r > a {
                at += GUTTER;
            }
            top[r] = at;
            height[r] = h;
            at += h;
        }
        at += pad;
    }
    (top, height)
}

/// Length along and across the flow of the drawing at this packing (for
/// choosing a scale).
fn extent(input: &Input, p: &Packed) -> (f64, f64) {
    let n = input.g.nodes.len();
    let lo = (0..n).map(|v| p.x[v]).fold(f64::INFINITY, f64::min);
    // Lifespan bars reach to the models' ends (at most: a bar stops
    // before the next card on its row).
    let hi = (0..n)
        .map(|v| {
            let card = p.x[v] + input.along[v];
            input.until[v].map_or(card, |u| card.max(p.map.at(u)))
        })
        .fold(f64::NEG_INFINITY, f64::max);
    let last = p.row_top.len().saturating_sub(1);
    let across = p.row_top.get(last).map_or(0.0, |t| t + p.row_h[last]) + GUTTER + BAND_PAD;
    let along = (hi - lo).max(0.0);
    let margins = 2.0 * MARGIN;
    (along + margins, across + margins + AXIS_SPACE)
}

// ---------------------------------------------------------------- routes

/// Every edge as an orthogonal path through the gutters, drawn as cubic
/// pieces with their control points on the straight segments.
fn routes(g: &Graph, input: &Input, p: &Packed, nodes: &[Rect]) -> Vec<Route> {
    // Per row, the cards' extents along the flow (sorted), for finding where
    // an edge may cross the row.
    let spans: Vec<Vec<(f64, f64)>> = p
        .members
        .iter()
        .map(|m| {
            m.iter()
                .map(|&v| (p.x[v], p.x[v] + input.along[v]))
                .collect()
        })
        .collect();
    // Per node, the node after it on its row, found once here rather than
    // by a scan of the row for every edge (quadratic in a long row).
    let mut next_on_row = vec![None; nodes.len()];
    for m in &p.members {
        for w in m.windows(2) {
            next_on_row[w[0]] = Some(w[1]);
        }
    }
    let index = RowCards::new(&spans, CLEAR);
    let n = nodes.len();
    g.edges
        .iter()
        .map(|e| {
            let points = if e.from < n && e.to < n && e.from != e.to {
                let beside = next_on_row[e.from] == Some(e.to);
                path(p, nodes, &index, (e.from, e.to), beside)
            } else {
                Vec::new()
            };
            Route {
                from: e.from,
                to: e.to,
                points: cubic(&points),
                label: None,
            }
        })
        .collect()
}

/// The corner points of the path from `a` to `b`; `beside`: `b` is the
/// next card after `a` on its row.
fn path(
    p: &Packed,
    nodes: &[Rect],
    rows: &RowCards,
    (a, b): (usize, usize),
    beside: bool,
) -> Vec<Point> {
    let (ra, rb) = (p.row[a], p.row[b]);
    let (na, nb) = (nodes[a], nodes[b]);
    let pt = |x: f64, y: f64| Point { x, y };
    if ra == rb && beside && na.x + na.w <= nb.x {
        let y = na.y + na.h.min(nb.h) / 2.0;
        return vec![pt(na.x + na.w, y), pt(nb.x, y)];
    }
    // Below or on the same row: leave by the bottom; above: by the top.
    let down = rb >= ra;
    let gutter_after = |r: usize| p.row_top[r] + p.row_h[r] + GUTTER / 2.0;
    let gutter_before = |r: usize| p.row_top[r] - GUTTER / 2.0;
    let (ga, gb) = if down {
        (
            gutter_after(ra),
            if rb == ra {
                gutter_after(rb)
            } else {
                gutter_before(rb)
            },
        )
    } else {
        (gutter_before(ra), gutter_after(rb))
    };
    let ex = (nb.x + PORT).clamp(
        na.x + PORT.min(na.w / 2.0),
        na.x + na.w - PORT.min(na.w / 2.0),
    );
    let en = nb.x + PORT.min(nb.w / 2.0);
    let (ya, yb) = if down {
        (na.y + na.h, if rb == ra { nb.y + nb.h } else { nb.y })
    } else {
        (na.y, nb.y + nb.h)
    };
    if ra.abs_diff(rb) == 1 && (ex - en).abs() < 1e-9 {
        return vec![pt(ex, ya), pt(en, yb)];
    }
    // Through each row in between at the free place nearest the target,
    // moving along the gutters between them. Past a card in the way the
    // route goes back to the target's place at the next row that leaves it
    // free; where cards block that place row after row (cards of one date
    // line up), it stays on its own line until a card is in the way. So the
    // route has a corner for each card it passes, and the index finds the
    // rows where that happens without a walk through every row.
    let mut pts = vec![pt(ex, ya), pt(ex, ga)];
    let (mut x, mut y) = (ex, ga);
    // Rows still to cross: `lo..hi`, from the near end.
    let (mut lo, mut hi) = if down { (ra + 1, rb) } else { (rb + 1, ra) };
    let past = |r: usize| {
        if down {
            gutter_after(r)
        } else {
            gutter_before(r)
        }
    };
    while lo < hi {
        let (r, rest) = if down {
            (lo, (lo + 1, hi))
        } else {
            (hi - 1, (lo, hi - 1))
        };
        let free = rows.clear_near(r, en);
        if (free - x).abs() > 1e-9 {
            pts.push(pt(free, y));
            x = free;
        }
        // The next row, if the route goes back to the target's place there.
        let back = match rest {
            _ if (en - x).abs() <= 1e-9 => None,
            (a, b) if a < b => Some(if down { a } else { b - 1 }),
            _ => None,
        }
        .filter(|&next| (rows.clear_near(next, en) - en).abs() <= 1e-9);
        // The rows after `r` this line crosses before a card is in its way.
        let blocked = if back.is_some() {
            back
        } else if down {
            rows.first(x, rest.0, rest.1)
        } else {
            rows.last(x, rest.0, rest.1)
        };
        let last_free = match blocked {
            Some(b) if down => b - 1,
            Some(b) => b + 1,
            None if down => hi - 1,
            None => lo,
        };
        y = past(last_free);
        super::route::corner(&mut pts, pt(x, y));
        match blocked {
            Some(b) if down => lo = b,
            Some(b) => hi = b + 1,
            None => break,
        }
    }
    if (gb - y).abs() > 1e-9 {
        pts.push(pt(x, gb));
    }
    if (en - x).abs() > 1e-9 {
        pts.push(pt(en, gb));
    }
    pts.push(pt(en, yb));
    pts
}

/// A polyline as cubic pieces: each straight segment with its control
/// points a third and two thirds along it, segments that go on along the
/// same line merged.
fn cubic(points: &[Point]) -> Vec<Point> {
    let mut out = Vec::with_capacity(points.len() * 3);
    for (i, w) in points.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if i == 0 {
            out.push(a);
        }
        let lerp = |f: f64| Point {
            x: a.x + (b.x - a.x) * f,
            y: a.y + (b.y - a.y) * f,
        };
        out.extend([lerp(1.0 / 3.0), lerp(2.0 / 3.0), b]);
    }
    super::route::lean(&mut out);
    out
}

// ---------------------------------------------------------------- bands, axis

/// Lane bands run the whole length of the drawing, lifespan bars included.
fn bands(p: &Packed, nodes: &[Rect], bars: &[Option<Rect>]) -> Vec<LaneBand> {
    let all = || nodes.iter().chain(bars.iter().flatten());
    let lo = all().map(|r| r.x).fold(f64::INFINITY, f64::min);
    let hi = all().map(|r| r.x + r.w).fold(f64::NEG_INFINITY, f64::max);
    p.lanes
        .iter()
        .filter_map(|&(lane, a, b)| {
            let lane = lane?;
            let top = p.row_top[a] - BAND_PAD;
            let bottom = p.row_top[b - 1] + p.row_h[b - 1] + BAND_PAD;
            Some(LaneBand {
                lane,
                rect: Rect {
                    x: lo - BAND_PAD,
                    y: top,
                    w: hi - lo + 2.0 * BAND_PAD,
                    h: bottom - top,
                },
            })
        })
        .collect()
}

/// Shifted inside the margins, turned to the page direction, rounded.
fn finish(
    g: &Graph,
    mut nodes: Vec<Rect>,
    mut edges: Vec<Route>,
    mut lanes: Vec<LaneBand>,
    mut axis: Vec<Tick>,
    parts: Parts,
) -> Layout {
    let Parts {
        mut breaks,
        mut bars,
    } = parts;
    let rects = nodes
        .iter()
        .chain(lanes.iter().map(|b| &b.rect))
        .chain(bars.iter().flatten());
    let (mut min, mut max) = (
        Point {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        Point {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
    );
    for r in rects {
        (min.x, min.y) = (min.x.min(r.x), min.y.min(r.y));
        (max.x, max.y) = (max.x.max(r.x + r.w), max.y.max(r.y + r.h));
    }
    for pt in edges.iter().flat_map(|e| &e.points) {
        (min.x, min.y) = (min.x.min(pt.x), min.y.min(pt.y));
        (max.x, max.y) = (max.x.max(pt.x), max.y.max(pt.y));
    }
    if min.x > max.x {
        (min, max) = (Point::default(), Point::default());
    }
    let axis_space = if axis.is_empty() { 0.0 } else { AXIS_SPACE };
    let shift = Point {
        x: MARGIN - min.x,
        y: MARGIN + axis_space - min.y,
    };
    let size = orient(
        g.direction,
        Point {
            x: max.x + shift.x + MARGIN,
            y: max.y + shift.y + MARGIN,
        },
    );
    nodes
        .iter_mut()
        .for_each(|r| *r = rect_of(g.direction, *r, shift));
    for e in &mut edges {
        e.points.iter_mut().for_each(|pt| {
            *pt = orient(
                g.direction,
                Point {
                    x: pt.x + shift.x,
                    y: pt.y + shift.y,
                },
            )
        });
    }
    lanes
        .iter_mut()
        .for_each(|b| b.rect = rect_of(g.direction, b.rect, shift));
    axis.iter_mut().for_each(|t| t.at = round(t.at + shift.x));
    for b in &mut breaks {
        (b.at, b.start, b.end) = (
            round(b.at + shift.x),
            round(b.start + shift.x),
            round(b.end + shift.x),
        );
    }
    bars.iter_mut()
        .flatten()
        .for_each(|r| *r = rect_of(g.direction, *r, shift));
    Layout {
        width: round(size.x),
        height: round(size.y),
        direction: g.direction,
        nodes,
        edges,
        lanes,
        axis,
        breaks,
        bars,
    }
}
