//! Quality measures on a finished `Layout`, shared by tests and benchmarks:
//! geometric edge crossings and overlaps. They look only at the output
//! geometry (routes flattened to polylines, boxes), so they can judge any
//! layout, ours or one converted from another tool. This module must not
//! change a layout.
//!
//! Pairs are found through a uniform grid (sorted cell entries, no hashing),
//! so the cost stays near-linear for ordinary drawings.

use super::{Graph, Layout, Point, Rect, Route};

/// Overlaps smaller than this (px) are rounding, not overlaps.
const EPS: f64 = 0.01;
/// A route may touch a box border; it must not enter the box deeper than this.
const INSET: f64 = 0.5;

/// A polyline piece of route `route`.
#[derive(Clone, Copy)]
struct Seg {
    route: usize,
    a: Point,
    b: Point,
}

/// Number of points where two different edges cross. Touching inside a box
/// that both edges attach to (a shared port) is not a crossing.
pub fn crossings(graph: &Graph, layout: &Layout) -> usize {
    count_crossings(graph, layout, false)
}

/// Number of points where two edges with no endpoint in common cross: the
/// count that compares drawings fairly whatever their ports (dot draws a
/// fan-out from one point, where its edges may cross as they leave).
pub fn crossings_between_unrelated(graph: &Graph, layout: &Layout) -> usize {
    count_crossings(graph, layout, true)
}

fn count_crossings(graph: &Graph, layout: &Layout, unrelated_only: bool) -> usize {
    let ends: Vec<(usize, usize)> = layout
        .edges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            graph
                .edges
                .get(i)
                .map_or((r.from, r.to), |e| (e.from, e.to))
        })
        .collect();
    let segs = flatten_all(&layout.edges);
    let boxes: Vec<(f64, f64, f64, f64)> = segs.iter().map(|s| seg_box(s.a, s.b)).collect();
    let cell = cell_size(boxes.iter().map(|b| (b.2 - b.0).max(b.3 - b.1)));
    let mut count = 0;
    for_each_cell_pair(&boxes, cell, |i, j, cx, cy| {
        let (s, t) = (&segs[i], &segs[j]);
        if s.route == t.route {
            return;
        }
        let (e, f) = (ends[s.route], ends[t.route]);
        if unrelated_only && (e.0 == f.0 || e.0 == f.1 || e.1 == f.0 || e.1 == f.1) {
            return;
        }
        let Some(x) = intersection(s, t) else { return };
        if cell_of(x.x, cell) != cx || cell_of(x.y, cell) != cy {
            return;
        }
        if !at_shared_node(layout, ends[s.route], ends[t.route], x) {
            count += 1;
        }
    });
    count
}

/// Every overlap, described; empty means the layout is clean.
pub fn overlaps(layout: &Layout) -> Vec<String> {
    let mut out = box_overlaps(layout);
    out.extend(routes_through_boxes(layout));
    out.sort();
    out.dedup();
    out
}

/// What a rectangle in the overlap check stands for.
#[derive(Clone, Copy, PartialEq)]
enum Item {
    Node(usize),
    Label(usize),
}

impl Item {
    fn name(self) -> String {
        match self {
            Item::Node(i) => format!("node {i}"),
            Item::Label(i) => format!("label of edge {i}"),
        }
    }
}

fn box_overlaps(layout: &Layout) -> Vec<String> {
    let mut items: Vec<(Item, Rect)> = layout
        .nodes
        .iter()
        .enumerate()
        .map(|(i, r)| (Item::Node(i), *r))
        .collect();
    for (i, e) in layout.edges.iter().enumerate() {
        if let Some(r) = e.label {
            items.push((Item::Label(i), r));
        }
    }
    let boxes: Vec<(f64, f64, f64, f64)> = items
        .iter()
        .map(|(_, r)| (r.x, r.y, r.x + r.w, r.y + r.h))
        .collect();
    let cell = cell_size(items.iter().map(|(_, r)| r.w.max(r.h)));
    let mut out = Vec::new();
    for_each_cell_pair(&boxes, cell, |i, j, cx, cy| {
        let (a, b) = (&boxes[i], &boxes[j]);
        let (x0, y0) = (a.0.max(b.0), a.1.max(b.1));
        let (x1, y1) = (a.2.min(b.2), a.3.min(b.3));
        let first_cell = cell_of(x0, cell) == cx && cell_of(y0, cell) == cy;
        if x1 - x0 > EPS && y1 - y0 > EPS && first_cell {
            out.push(format!(
                "{} overlaps {}",
                items[i].0.name(),
                items[j].0.name()
            ));
        }
    });
    out
}

fn routes_through_boxes(layout: &Layout) -> Vec<String> {
    let segs = flatten_all(&layout.edges);
    let mut boxes: Vec<(f64, f64, f64, f64)> = segs.iter().map(|s| seg_box(s.a, s.b)).collect();
    let split = boxes.len();
    boxes.extend(
        layout
            .nodes
            .iter()
            .map(|r| (r.x, r.y, r.x + r.w, r.y + r.h)),
    );
    let cell = cell_size(layout.nodes.iter().map(|r| r.w.max(r.h)));
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for_each_cell_pair(&boxes, cell, |i, j, _, _| {
        let (s, n) = match (i < split, j < split) {
            (true, false) => (i, j - split),
            (false, true) => (j, i - split),
            _ => return,
        };
        let route = &layout.edges[segs[s].route];
        if n != route.from && n != route.to && seg_hits_rect(&segs[s], &layout.nodes[n]) {
            hits.push((segs[s].route, n));
        }
    });
    hits.sort_unstable();
    hits.dedup();
    hits.into_iter()
        .map(|(e, n)| format!("edge {e} passes through node {n}"))
        .collect()
}

/// Calls `f(i, j, cx, cy)` for every pair of boxes sharing grid cell (cx, cy);
/// a pair sharing several cells is reported once per cell.
fn for_each_cell_pair(
    boxes: &[(f64, f64, f64, f64)],
    cell: f64,
    mut f: impl FnMut(usize, usize, i64, i64),
) {
    let mut entries: Vec<(i64, i64, usize)> = Vec::new();
    for (i, b) in boxes.iter().enumerate() {
        let (cx0, cx1) = (cell_of(b.0, cell), cell_of(b.2, cell));
        let (cy0, cy1) = (cell_of(b.1, cell), cell_of(b.3, cell));
        for cx in cx0..=cx1 {
            entries.extend((cy0..=cy1).map(|cy| (cx, cy, i)));
        }
    }
    entries.sort_unstable();
    for group in entries.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        for (k, a) in group.iter().enumerate() {
            for b in &group[k + 1..] {
                f(a.2, b.2, a.0, a.1);
            }
        }
    }
}

fn cell_of(v: f64, cell: f64) -> i64 {
    (v / cell).floor() as i64
}

/// About twice the mean item size, so most items touch few cells.
fn cell_size(sizes: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut n) = (0.0, 0usize);
    for s in sizes.filter(|s| s.is_finite()) {
        sum += s;
        n += 1;
    }
    if n == 0 {
        1.0
    } else {
        (2.0 * sum / n as f64).max(1.0)
    }
}

fn seg_box(a: Point, b: Point) -> (f64, f64, f64, f64) {
    (a.x.min(b.x), a.y.min(b.y), a.x.max(b.x), a.y.max(b.y))
}

fn flatten_all(routes: &[Route]) -> Vec<Seg> {
    let mut segs = Vec::new();
    for (i, r) in routes.iter().enumerate() {
        let pts = &r.points;
        let mut k = 0;
        while k + 3 < pts.len() {
            flatten(i, [pts[k], pts[k + 1], pts[k + 2], pts[k + 3]], &mut segs);
            k += 3;
        }
    }
    segs
}

/// A cubic as one segment if it is straight, else as eight.
fn flatten(route: usize, c: [Point; 4], out: &mut Vec<Seg>) {
    if off_chord(c[1], c[0], c[3]) < 0.05 && off_chord(c[2], c[0], c[3]) < 0.05 {
        out.push(Seg {
            route,
            a: c[0],
            b: c[3],
        });
        return;
    }
    let mut prev = c[0];
    for k in 1..=8 {
        let t = k as f64 / 8.0;
        let p = bezier(&c, t);
        out.push(Seg {
            route,
            a: prev,
            b: p,
        });
        prev = p;
    }
}

fn bezier(c: &[Point; 4], t: f64) -> Point {
    let u = 1.0 - t;
    let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point {
        x: w0 * c[0].x + w1 * c[1].x + w2 * c[2].x + w3 * c[3].x,
        y: w0 * c[0].y + w1 * c[1].y + w2 * c[2].y + w3 * c[3].y,
    }
}

/// Distance of `p` from the segment `a`–`b`.
pub(super) fn off_chord(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
    (qx * qx + qy * qy).sqrt()
}

/// Proper crossing point of two segments, half-open so a crossing at a
/// polyline vertex counts once; parallel segments never cross.
fn intersection(s: &Seg, t: &Seg) -> Option<Point> {
    let (rx, ry) = (s.b.x - s.a.x, s.b.y - s.a.y);
    let (qx, qy) = (t.b.x - t.a.x, t.b.y - t.a.y);
    let d = rx * qy - ry * qx;
    if d.abs() < 1e-12 {
        return None;
    }
    let (wx, wy) = (t.a.x - s.a.x, t.a.y - s.a.y);
    let u = (wx * qy - wy * qx) / d;
    let v = (wx * ry - wy * rx) / d;
    let inside = |x: f64| (0.0..1.0).contains(&x);
    if !inside(u) || !inside(v) {
        return None;
    }
    let b = seg_box(s.a, s.b);
    let c = seg_box(t.a, t.b);
    Some(Point {
        x: (s.a.x + u * rx).clamp(b.0.max(c.0), b.2.min(c.2).max(b.0.max(c.0))),
        y: (s.a.y + u * ry).clamp(b.1.max(c.1), b.3.min(c.3).max(b.1.max(c.1))),
    })
}

fn at_shared_node(layout: &Layout, e: (usize, usize), f: (usize, usize), x: Point) -> bool {
    [e.0, e.1]
        .into_iter()
        .filter(|n| *n == f.0 || *n == f.1)
        .filter_map(|n| layout.nodes.get(n))
        .any(|r| {
            x.x >= r.x - 1.0 && x.x <= r.x + r.w + 1.0 && x.y >= r.y - 1.0 && x.y <= r.y + r.h + 1.0
        })
}

/// Does the segment enter the interior of the box (shrunk by `INSET`)?
fn seg_hits_rect(s: &Seg, r: &Rect) -> bool {
    let (x0, y0, x1, y1) = (
        r.x + INSET,
        r.y + INSET,
        r.x + r.w - INSET,
        r.y + r.h - INSET,
    );
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    let (dx, dy) = (s.b.x - s.a.x, s.b.y - s.a.y);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, s.a.x - x0),
        (dx, x1 - s.a.x),
        (-dy, s.a.y - y0),
        (dy, y1 - s.a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 < t1
}
