//! Drawing the derivations: routes, arrow heads, method labels, tooltips.

use super::*;

/// The edges, each written into `doc` as soon as it is drawn.
pub(super) fn draw_edges(
    doc: &mut document::Stream,
    fig: &Figure,
    page: &Page,
    pen: &Pen,
    theme: &Theme,
) {
    doc.open(&Group::new().set("class", "edges"));
    let lineage = fig.view.lineage;
    let f = fig.faces;
    for ((route, said), label) in fig
        .layout
        .edges
        .iter()
        .zip(&fig.edges)
        .zip(&fig.edge_labels)
    {
        let (from, to) = (
            &lineage.model(fig.view.models[route.from]).id,
            &lineage.model(fig.view.models[route.to]).id,
        );
        let style = palette::method_style(fig.view.method_slot(said.method));
        let color = theme.ink(style.color);
        let uncertain = !said.certain;
        let points: Vec<Point> = route
            .points
            .iter()
            .map(|p| Point {
                x: p.x + page.origin.x,
                y: p.y + page.origin.y,
            })
            .collect();
        let mut edge = Group::new()
            .set("class", if uncertain { "edge uncertain" } else { "edge" })
            .set("data-from", from.clone())
            .set("data-to", to.clone());
        edge.append(Title::new(clean(&said.tooltip.join(" · "))));
        let key = format!("edge-{from}-{to}");
        let stroke = Stroke {
            color,
            width: style.width,
            dashed: uncertain,
        };
        edge.append(pen.route(&key, &points, stroke));
        if let (Some(&tip), Some(before)) = (points.last(), tangent_from(&points)) {
            edge.append(pen.arrow(before, tip, 9.0, color));
        }
        if let (Some(mark), Some(at)) = (style.mark, mark_point(&points)) {
            edge.append(pen.mark(mark, at, MARK_R, color, theme.background));
        }
        if let Some(lb) = route.label {
            let b = shift(lb, page.origin);
            edge.append(pen_nodes(
                pen.rect(
                    &format!("{key}-label"),
                    b,
                    4.0,
                    Some(theme.background),
                    None,
                ),
                "label-bg",
            ));
            let lh = text::line_height(f.body, EDGE_LABEL_SIZE);
            for (i, line) in label.iter().enumerate() {
                let w = text::width(line, f.body, EDGE_LABEL_SIZE);
                let y = b.y + 2.0 + i as f64 * lh + text::ascent(f.body, EDGE_LABEL_SIZE);
                edge.append(pen::text(
                    line,
                    b.x + (b.w - w) / 2.0,
                    y,
                    f.body,
                    EDGE_LABEL_SIZE,
                    color,
                ));
            }
        }
        doc.put(&edge);
    }
    doc.close();
}

/// Radius of a method's mark on its line, px.
pub(super) const MARK_R: f64 = 4.5;

/// Where a method's mark sits on a route (a chain of cubic pieces): on the
/// curve about a fifth of the way along, clear of the cards at its ends
/// and of the label in its middle. `None` for a route without a piece.
pub(super) fn mark_point(points: &[Point]) -> Option<Point> {
    let pieces = (points.len().checked_sub(1)?) / 3;
    let chord = |k: usize| {
        let (a, b) = (points[3 * k], points[3 * k + 3]);
        (b.x - a.x).hypot(b.y - a.y)
    };
    let total: f64 = (0..pieces).map(chord).sum();
    let mut left = total * 0.22;
    for k in 0..pieces {
        let len = chord(k);
        if left <= len || k + 1 == pieces {
            let t = if len > 0.0 {
                (left / len).clamp(0.0, 1.0)
            } else {
                0.5
            };
            return Some(cubic(&points[3 * k..3 * k + 4], t));
        }
        left -= len;
    }
    None
}

/// The point at `t` of the cubic Bézier piece `p` (four points).
fn cubic(p: &[Point], t: f64) -> Point {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Point {
        x: a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
        y: a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y,
    }
}

/// A point before the tip along the route, for the arrowhead's direction.
pub(super) fn tangent_from(points: &[Point]) -> Option<Point> {
    let tip = *points.last()?;
    points
        .iter()
        .rev()
        .skip(1)
        .find(|p| (p.x - tip.x).abs() + (p.y - tip.y).abs() > 0.5)
        .copied()
}
