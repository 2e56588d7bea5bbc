//! Edge routing, in flow space: cubic Bézier splines through the dummy
//! nodes, and the edge label boxes.
//!
//! A route is straight inside every column (boxes live only in columns, and
//! a dummy is separated from every box of its column by the layer gap) and an
//! S-shaped cubic in the empty channel between two columns. Because all
//! curves in one channel share the same ends along the flow, two routes cross
//! there only if their order swaps, so geometric crossings equal the
//! combinatorial ones. Each route starts on the right border of its source
//! box and ends on the left border of its target (in flow space); several
//! edges at one side get distinct ports ordered like their neighbours. This
//! stage must not move nodes.

use super::order::{Chain, Proper};
use super::position::Placement;
use super::{Point, Rect};

/// Largest distance between two ports on one side of a box.
const PORT_GAP: f64 = 8.0;

/// One edge's route and label box, in flow space (x along, y across).
pub(crate) struct FlowRoute {
    pub points: Vec<Point>,
    pub label: Option<Rect>,
}

/// Routes for every chain, in chain order; `reversed[i]` flips chain `i`
/// so the route runs from the edge's own source.
pub(crate) fn routes(p: &Proper, at: &Placement, reversed: &[bool]) -> Vec<FlowRoute> {
    let (out_port, in_port) = ports(p, at);
    p.chains
        .iter()
        .enumerate()
        .map(|(i, ch)| {
            let mut points = spline(p, at, ch, out_port[i], in_port[i]);
            lean(&mut points);
            if reversed[ch.edge] {
                points.reverse();
            }
            FlowRoute {
                points,
                label: ch.label.map(|d| label_box(p, at, d)),
            }
        })
        .collect()
}

fn label_box(p: &Proper, at: &Placement, d: u32) -> Rect {
    let s = p.size[d as usize];
    Rect {
        x: at.center[p.layer[d as usize] as usize] - s.along / 2.0,
        y: at.across[d as usize] - s.across / 2.0,
        w: s.along,
        h: s.across,
    }
}

/// Across offsets of every chain's start and end from its box centres.
fn ports(p: &Proper, at: &Placement) -> (Vec<f64>, Vec<f64>) {
    let n = p.chains.len();
    let (mut outs, mut ins) = (vec![Vec::new(); p.real], vec![Vec::new(); p.real]);
    for (i, ch) in p.chains.iter().enumerate() {
        let k = ch.nodes.len();
        outs[ch.nodes[0] as usize].push((at.across[ch.nodes[1] as usize], i));
        ins[ch.nodes[k - 1] as usize].push((at.across[ch.nodes[k - 2] as usize], i));
    }
    let (mut out_port, mut in_port) = (vec![0.0; n], vec![0.0; n]);
    for v in 0..p.real {
        spread(&mut outs[v], p.size[v].across, &mut out_port);
        spread(&mut ins[v], p.size[v].across, &mut in_port);
    }
    (out_port, in_port)
}

fn spread(side: &mut [(f64, usize)], across: f64, port: &mut [f64]) {
    if side.len() < 2 {
        return;
    }
    side.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let k = side.len() as f64;
    let step = (across * 0.6 / (k - 1.0)).min(PORT_GAP);
    for (j, &(_, i)) in side.iter().enumerate() {
        port[i] = (j as f64 - (k - 1.0) / 2.0) * step;
    }
}

/// Start point, then (control, control, end) triples.
fn spline(p: &Proper, at: &Placement, ch: &Chain, out: f64, inp: f64) -> Vec<Point> {
    let (top, bot) = (ch.nodes[0] as usize, ch.nodes[ch.nodes.len() - 1] as usize);
    let col = |v: usize| p.layer[v] as usize;
    let y0 = at.across[top] + out;
    let mut pts = vec![Point {
        x: at.center[col(top)] + p.size[top].along / 2.0,
        y: y0,
    }];
    line_to(&mut pts, right(at, col(top)), y0);
    for &d in &ch.nodes[1..ch.nodes.len() - 1] {
        let (l, y) = (col(d as usize), at.across[d as usize]);
        curve_to(&mut pts, left(at, l), y);
        line_to(&mut pts, right(at, l), y);
    }
    let y1 = at.across[bot] + inp;
    curve_to(&mut pts, left(at, col(bot)), y1);
    line_to(&mut pts, at.center[col(bot)] - p.size[bot].along / 2.0, y1);
    pts
}

fn left(at: &Placement, l: usize) -> f64 {
    at.center[l] - at.width[l] / 2.0
}

fn right(at: &Placement, l: usize) -> f64 {
    at.center[l] + at.width[l] / 2.0
}

/// A straight piece as a cubic; skipped when it would have no length.
/// Pieces that go on along the same line are merged afterwards ([`lean`]).
fn line_to(pts: &mut Vec<Point>, x: f64, y: f64) {
    let a = pts[pts.len() - 1];
    if (x - a.x).abs() < 1e-9 && (y - a.y).abs() < 1e-9 {
        return;
    }
    line_from(pts, a, x, y);
}

/// Merges every straight piece that goes on along the same line as the
/// piece before into it, so a long edge through many layers or rows is one
/// piece, not one per layer: same drawing, a fraction of the points (route
/// data was most of a large figure's bytes). `points` is a route as in
/// [`super::Route`]; curved pieces stay as they are. Both layouts call it in
/// flow space, before rounding, so SVG and layout JSON get the same routes.
pub(crate) fn lean(points: &mut Vec<Point>) {
    #[cfg(test)]
    if KEEP_PIECES.with(std::cell::Cell::get) {
        return;
    }
    if points.len() < 7 {
        return;
    }
    let mut out = Vec::with_capacity(points.len());
    out.push(points[0]);
    for piece in points[1..].chunks(3) {
        let [c1, c2, e] = piece else {
            // Not a whole cubic: keep it as it is.
            out.extend_from_slice(piece);
            continue;
        };
        let s = out[out.len() - 1];
        if straight(s, *c1, *c2, *e) {
            if let Some(start) = straight_piece_before(&out, e.x, e.y) {
                out.truncate(out.len() - 3);
                line_from(&mut out, start, e.x, e.y);
                continue;
            }
        }
        out.extend_from_slice(piece);
    }
    *points = out;
}

/// Appends corner `p` to a polyline, or moves the last corner to it when
/// it goes on along the same line: an edge across thousands of rows of a
/// packed timeline keeps a handful of corners, not one per row (which took
/// gigabytes at 100,000 models before [`lean`] could merge them).
pub(crate) fn corner(pts: &mut Vec<Point>, p: Point) {
    #[cfg(test)]
    if KEEP_PIECES.with(std::cell::Cell::get) {
        return pts.push(p);
    }
    if let [.., a, b] = pts.as_slice() {
        let (ux, uy, vx, vy) = (b.x - a.x, b.y - a.y, p.x - b.x, p.y - b.y);
        if (ux * vy - uy * vx).abs() < 1e-6 && ux * vx + uy * vy > 0.0 {
            let last = pts.len() - 1;
            pts[last] = p;
            return;
        }
    }
    pts.push(p);
}

#[cfg(test)]
thread_local! {
    /// Tests set it to lay out with every piece kept, to compare with the
    /// merged routes.
    pub(super) static KEEP_PIECES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the cubic `s, c1, c2, e` is a straight piece as [`line_from`]
/// writes it: its controls a third and two thirds along.
fn straight(s: Point, c1: Point, c2: Point, e: Point) -> bool {
    let near = |p: Point, q: Point| (p.x - q.x).abs() < 1e-6 && (p.y - q.y).abs() < 1e-6;
    let third = |k: f64| Point {
        x: s.x + k * (e.x - s.x) / 3.0,
        y: s.y + k * (e.y - s.y) / 3.0,
    };
    near(c1, third(1.0)) && near(c2, third(2.0))
}

/// The start of the last piece, when that piece is straight and `(x, y)`
/// continues it in the same direction.
fn straight_piece_before(pts: &[Point], x: f64, y: f64) -> Option<Point> {
    let [s, c1, c2, e] = pts.get(pts.len().checked_sub(4)?..)? else {
        return None;
    };
    let (ux, uy, vx, vy) = (e.x - s.x, e.y - s.y, x - e.x, y - e.y);
    let collinear = (ux * vy - uy * vx).abs() < 1e-6 && ux * vx + uy * vy > 0.0;
    (straight(*s, *c1, *c2, *e) && collinear).then_some(*s)
}

/// A straight cubic from `a` (the last point) to `(x, y)`.
fn line_from(pts: &mut Vec<Point>, a: Point, x: f64, y: f64) {
    let dx = x - a.x;
    pts.push(Point {
        x: a.x + dx / 3.0,
        y: a.y + (y - a.y) / 3.0,
    });
    pts.push(Point {
        x: a.x + 2.0 * dx / 3.0,
        y: a.y + 2.0 * (y - a.y) / 3.0,
    });
    pts.push(Point { x, y });
}

/// An S-curve with tangents along the flow at both ends: it stays inside
/// the channel and between the two across coordinates.
fn curve_to(pts: &mut Vec<Point>, x: f64, y: f64) {
    let a = pts[pts.len() - 1];
    if (y - a.y).abs() < 1e-9 {
        return line_to(pts, x, y);
    }
    let mid = (a.x + x) / 2.0;
    pts.push(Point { x: mid, y: a.y });
    pts.push(Point { x: mid, y });
    pts.push(Point { x, y });
}
