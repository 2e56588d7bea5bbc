//! The capability-flow figure's own placement, beside the layered engine:
//! capability pills in a column on the left, one model card per row in the
//! view's order, each card right of all its parents, feeds from the pills
//! into the cards and lineage edges from card to card.
//!
//! Like the layered engine, this stage gets sizes and structure (its own
//! input type, [`FlowGraph`]) and returns positions ([`FlowLayout`]). It
//! must not measure text or draw.

use super::{Point, Rect, Size};

/// Space between the pill column and the first cards.
const GUTTER: f64 = 64.0;
/// Further room before the first card column.
const LEAD: f64 = 34.0;
const ROW_GAP: f64 = 30.0;
const PILL_GAP: f64 = 6.0;
/// The shortest horizontal run of an edge between two cards.
const BUS_MIN: f64 = 34.0;
/// Where on a card's top the first incoming edge enters, and the step
/// between the entries of several parents.
pub const INSET: f64 = 18.0;
pub const STEP: f64 = 14.0;
/// Room kept between a card and an edge running past it.
const CLEAR: f64 = 14.0;
/// The radius of an edge's corner.
const CORNER: f64 = 8.0;
/// The length of an arrow head, where routes stop.
pub const ARROW: f64 = 7.0;

/// What the flow figure places: sizes, and who connects to whom by row.
#[derive(Debug, Clone, Default)]
pub struct FlowGraph {
    /// One card per row, in the view's order (parents before children).
    pub cards: Vec<Size>,
    /// One pill per capability.
    pub pills: Vec<Size>,
    /// (pill, card row): the capability feeds the model.
    pub feeds: Vec<(usize, usize)>,
    /// (parent row, child row): a lineage edge.
    pub edges: Vec<(usize, usize)>,
    /// Where the rows start, below the title.
    pub top: f64,
    /// The margin left of the pills and right of the cards.
    pub margin: f64,
}

/// Where everything went.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowLayout {
    pub cards: Vec<Rect>,
    pub pills: Vec<Rect>,
    /// Per feed: the point it enters its card.
    pub feed_in: Vec<Point>,
    /// Per edge: the exit on the parent and the entry on the child.
    pub edge_ends: Vec<(Point, Point)>,
    /// Where the feeds' S-curves end and their straight runs begin.
    pub gutter_end: f64,
    pub width: f64,
    /// The bottom of the last row.
    pub bottom: f64,
}

fn p(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// Place pills, cards and the ends of every feed and edge.
pub fn place(g: &FlowGraph) -> FlowLayout {
    let n = g.cards.len();
    let pill_col = g.pills.iter().map(|p| p.w).fold(0.0, f64::max);
    let pill_x = g.margin;
    let gutter_end = pill_x + pill_col + GUTTER;
    // The row of each pill: its first feed's model.
    let pill_row: Vec<usize> = (0..g.pills.len())
        .map(|i| g.feeds.iter().find(|f| f.0 == i).map_or(0, |f| f.1))
        .collect();
    let mut pills_of_row = vec![Vec::new(); n];
    for (k, &row) in pill_row.iter().enumerate() {
        if row < n {
            pills_of_row[row].push(k);
        }
    }
    let parents = parents_by_row(g);
    // Rows: tall enough for the card and the pills beside it.
    let stack = |row: usize| -> f64 {
        pills_of_row[row]
            .iter()
            .map(|&k| g.pills[k].h + PILL_GAP)
            .sum::<f64>()
            - PILL_GAP
    };
    let mut row_top = Vec::with_capacity(n);
    let mut row_h = Vec::with_capacity(n);
    let mut y = g.top;
    for (i, card) in g.cards.iter().enumerate() {
        let h = card.h.max(stack(i));
        row_top.push(y);
        row_h.push(h);
        y += h + ROW_GAP;
    }
    let bottom = y - ROW_GAP;
    let x = columns(g, &parents, gutter_end + LEAD);
    let cards: Vec<Rect> = (0..n)
        .map(|i| Rect {
            x: x[i].round(),
            y: row_top[i] + (row_h[i] - g.cards[i].h) / 2.0,
            w: g.cards[i].w,
            h: g.cards[i].h,
        })
        .collect();
    // Pills, stacked and centred on their row, right-aligned in their column.
    let mut pills = vec![Rect::default(); g.pills.len()];
    for (i, mine) in pills_of_row.iter().enumerate() {
        let mut py = row_top[i] + (row_h[i] - stack(i)) / 2.0;
        for &k in mine {
            let s = g.pills[k];
            pills[k] = Rect {
                x: pill_x + pill_col - s.w,
                y: py,
                w: s.w,
                h: s.h,
            };
            py += s.h + PILL_GAP;
        }
    }
    let feed_in = feed_entries(g, &cards, &pills);
    let edge_ends = edge_ends(g, &cards, &parents);
    let right = cards.iter().map(|b| b.x + b.w).fold(gutter_end, f64::max);
    FlowLayout {
        cards,
        pills,
        feed_in,
        edge_ends,
        gutter_end,
        width: right + g.margin,
        bottom,
    }
}

/// The parent rows of each row, nearest row first.
fn parents_by_row(g: &FlowGraph) -> Vec<Vec<usize>> {
    let mut parents = vec![Vec::new(); g.cards.len()];
    for &(from, to) in &g.edges {
        if to < parents.len() {
            parents[to].push(from);
        }
    }
    for list in &mut parents {
        list.sort_by(|a, b| b.cmp(a));
        list.dedup();
    }
    parents
}

/// Each card's x: right of every parent, and no card in the way of an
/// edge's vertical run down into it.
fn columns(g: &FlowGraph, parents: &[Vec<usize>], first: f64) -> Vec<f64> {
    let w = |i: usize| g.cards[i].w;
    let mut x = vec![first; g.cards.len()];
    for i in 0..x.len() {
        loop {
            let mut want = x[i];
            for (k, &pi) in parents[i].iter().enumerate() {
                want = want.max(x[pi] + w(pi) + BUS_MIN);
                let xv = x[i] + INSET + k as f64 * STEP;
                // The cards between the parent's row and this one.
                for (j, &xj) in x.iter().enumerate().take(i).skip(pi + 1) {
                    let (l, r) = (xj - CLEAR, xj + w(j) + CLEAR);
                    if xv >= l && xv <= r {
                        want = want.max(r + 1.0 - INSET - k as f64 * STEP);
                    }
                }
            }
            if want <= x[i] {
                break;
            }
            x[i] = want;
        }
    }
    x
}

/// Feeds enter the left side of their card, spread, in their pills' order.
fn feed_entries(g: &FlowGraph, cards: &[Rect], pills: &[Rect]) -> Vec<Point> {
    let mut by_card = vec![Vec::new(); cards.len()];
    for (k, &(_, card)) in g.feeds.iter().enumerate() {
        if card < cards.len() {
            by_card[card].push(k);
        }
    }
    let mut feed_in = vec![Point::default(); g.feeds.len()];
    for (b, mut mine) in cards.iter().zip(by_card) {
        mine.sort_by(|&a, &c| pills[g.feeds[a].0].y.total_cmp(&pills[g.feeds[c].0].y));
        let count = mine.len() as f64;
        for (k, f) in mine.into_iter().enumerate() {
            feed_in[f] = p(b.x, b.y + b.h * (k as f64 + 1.0) / (count + 1.0));
        }
    }
    feed_in
}

/// Edges leave the parent's right side (farthest child highest) and enter
/// the child's top (nearest parent innermost).
fn edge_ends(g: &FlowGraph, cards: &[Rect], parents: &[Vec<usize>]) -> Vec<(Point, Point)> {
    let mut ends = vec![(Point::default(), Point::default()); g.edges.len()];
    for (e, &(from, to)) in g.edges.iter().enumerate() {
        let k = parents[to].iter().position(|&pi| pi == from).unwrap_or(0);
        let b = cards[to];
        ends[e].1 = p(b.x + INSET + k as f64 * STEP, b.y);
    }
    let mut out_of = vec![Vec::new(); cards.len()];
    for (e, &(from, _)) in g.edges.iter().enumerate() {
        out_of[from].push(e);
    }
    for (b, mut out) in cards.iter().zip(out_of) {
        out.sort_by(|&a, &c| ends[c].1.x.total_cmp(&ends[a].1.x));
        let count = out.len() as f64;
        for (k, e) in out.into_iter().enumerate() {
            ends[e].0 = p(b.x + b.w, b.y + b.h * (k as f64 + 1.0) / (count + 1.0));
        }
    }
    ends
}

/// An edge's route: a horizontal run, a rounded corner, a vertical run
/// down to `to` (stopping where its arrow head begins).
pub fn elbow(from: Point, to: Point) -> Vec<Point> {
    let k = 0.552 * CORNER;
    let corner_in = p(to.x - CORNER, from.y);
    let corner_out = p(to.x, from.y + CORNER);
    let tip_base = p(to.x, to.y - ARROW);
    vec![
        from,
        from,
        corner_in,
        corner_in,
        p(corner_in.x + k, from.y),
        p(to.x, corner_out.y - k),
        corner_out,
        corner_out,
        tip_base,
        tip_base,
    ]
}

/// A feed's route: an S-curve across the gutter, then straight into the card.
pub fn feed_route(from: Point, gutter_end: f64, to: Point) -> Vec<Point> {
    let mid = (gutter_end - from.x) / 2.0;
    let gate = p(gutter_end, to.y);
    let tip_base = p(to.x - ARROW, to.y);
    vec![
        from,
        p(from.x + mid, from.y),
        p(gutter_end - mid, to.y),
        gate,
        gate,
        tip_base,
        tip_base,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(w: f64, h: f64) -> Size {
        Size { w, h }
    }

    /// Two parents merging into a third, one capability feeding each parent.
    fn merge() -> FlowGraph {
        FlowGraph {
            cards: vec![size(120.0, 60.0), size(120.0, 60.0), size(232.0, 90.0)],
            pills: vec![size(80.0, 24.0), size(100.0, 24.0)],
            feeds: vec![(0, 0), (1, 1)],
            edges: vec![(0, 2), (1, 2)],
            top: 50.0,
            margin: 28.0,
        }
    }

    #[test]
    fn a_child_stands_right_of_its_parents_and_rows_do_not_overlap() {
        let l = place(&merge());
        for &(from, to) in &merge().edges {
            let (a, b) = (l.cards[from], l.cards[to]);
            assert!(b.x >= a.x + a.w + BUS_MIN - 0.5, "{a:?} {b:?}");
        }
        for w in l.cards.windows(2) {
            assert!(w[0].y + w[0].h <= w[1].y, "{w:?}");
        }
        assert!(l.pills.iter().all(|p| p.x + p.w <= l.gutter_end));
    }

    #[test]
    fn edges_enter_the_top_nearest_parent_innermost_and_feeds_the_left() {
        let l = place(&merge());
        let child = l.cards[2];
        let (near, far) = (l.edge_ends[1].1, l.edge_ends[0].1);
        assert_eq!(near, p(child.x + INSET, child.y));
        assert_eq!(far, p(child.x + INSET + STEP, child.y));
        assert_eq!(l.feed_in[0].x, l.cards[0].x);
        assert!(l.width >= child.x + child.w + 28.0);
    }

    #[test]
    fn an_empty_figure_places_nothing() {
        let l = place(&FlowGraph::default());
        assert!(l.cards.is_empty() && l.edge_ends.is_empty());
    }
}
