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
