//! Drawing what frames the diagram: the header, the legend, the lane bands
//! and their labels, and the source list.

use super::*;

pub(super) fn draw_header(page: &Page, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "header");
    for (i, (line, face, x, y)) in page.header.iter().enumerate() {
        let (size, color) = if *face == Face::SansBold || i == 0 {
            (TITLE_SIZE, theme.text)
        } else {
            (SUBTITLE_SIZE, theme.muted)
        };
        let size = if color == theme.muted {
            SUBTITLE_SIZE
        } else {
            size
        };
        g.append(pen::text(line, *x, *y, *face, size, color));
    }
    g
}

pub(super) fn draw_legend(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme) -> Group {
    let f = fig.faces;
    let mut g = Group::new().set("class", "legend");
    let line_h = text::line_height(f.body, LEGEND_SIZE).max(16.0);
    for (i, item) in page.legend.iter().enumerate() {
        let mid = item.at.y + line_h / 2.0;
        let key = format!("legend-{i}");
        match item.sample {
            Sample::Method(style, dashed) => {
                let a = Point {
                    x: item.at.x,
                    y: mid,
                };
                let b = Point {
                    x: item.at.x + SAMPLE_W - 6.0,
                    y: mid,
                };
                let ink = theme.ink(style.color);
                g.append(pen_nodes(
                    pen.line(
                        &key,
                        a,
                        b,
                        Stroke {
                            color: ink,
                            width: style.width.max(2.0),
                            dashed,
                        },
                    ),
                    "sample",
                ));
                if let Some(mark) = style.mark {
                    let c = Point {
                        x: item.at.x + SAMPLE_W / 2.0 - 3.0,
                        y: mid,
                    };
                    g.append(pen.mark(mark, c, edges::MARK_R, ink, theme.background));
                }
                g.append(pen.arrowhead(
                    a,
                    Point {
                        x: item.at.x + SAMPLE_W,
                        y: mid,
                    },
                    7.0,
                    ink,
                ));
            }
            Sample::Merge => {
                let b = Rect {
                    x: item.at.x,
                    y: item.at.y + 1.0,
                    w: SAMPLE_W,
                    h: line_h - 2.0,
                };
                g.append(pen_nodes(
                    pen.rect(
                        &key,
                        b,
                        3.0,
                        Some(theme.card),
                        Some(Stroke::solid(theme.merge_stroke, 2.5)),
                    ),
                    "sample",
                ));
            }
            Sample::Chip(kind, certain) => {
                let b = Rect {
                    x: item.at.x,
                    y: item.at.y + 1.0,
                    w: SAMPLE_W,
                    h: line_h - 2.0,
                };
                let stroke = Stroke {
                    color: theme.muted,
                    width: 1.0,
                    dashed: !certain,
                };
                g.append(pen_nodes(
                    pen.rect(&key, b, 4.0, Some(theme.grid), Some(stroke)),
                    "sample",
                ));
                let baseline = mid + LEGEND_SIZE * 0.35;
                if certain {
                    let advance = text::width(card::MARK_SLOT, f.body, LEGEND_SIZE);
                    g.append(icon::change_icon(
                        kind,
                        b.x + (b.w - advance) / 2.0,
                        baseline,
                        advance,
                        LEGEND_SIZE,
                        theme.text,
                    ));
                } else {
                    let gw = text::width("?", f.body, LEGEND_SIZE);
                    g.append(pen::text(
                        "?",
                        b.x + (b.w - gw) / 2.0,
                        baseline,
                        f.body,
                        LEGEND_SIZE,
                        theme.text,
                    ));
                }
            }
            Sample::AxisBreak => {
                // A piece of axis with the break mark on it, as on the axis.
                let (a, b) = (
                    Point {
                        x: item.at.x,
                        y: mid,
                    },
                    Point {
                        x: item.at.x + SAMPLE_W,
                        y: mid,
                    },
                );
                g.append(pen_nodes(
                    pen.line(&key, a, b, Stroke::solid(theme.axis, 1.2)),
                    "sample",
                ));
                let centre = Point {
                    x: item.at.x + SAMPLE_W / 2.0,
                    y: mid,
                };
                g.append(axis::break_mark(
                    &format!("{key}-break"),
                    centre,
                    true,
                    pen,
                    theme,
                ));
            }
            Sample::AxisStretch => {
                // Solid axis at both ends, dotted between, as on the axis.
                let at = |x: f64| Point {
                    x: item.at.x + x,
                    y: mid,
                };
                g.append(pen_nodes(
                    pen.line(&key, at(0.0), at(SAMPLE_W), Stroke::solid(theme.axis, 1.2)),
                    "sample",
                ));
                g.append(axis::stretch_mark(
                    &format!("{key}-stretch"),
                    at(SAMPLE_W * 0.25),
                    at(SAMPLE_W * 0.75),
                    pen,
                    theme,
                ));
            }
            Sample::Lifespan => {
                let bar = Rect {
                    x: item.at.x,
                    y: mid - 2.5,
                    w: SAMPLE_W,
                    h: 5.0,
                };
                g.append(pen_nodes(
                    pen.rect(&key, bar, 1.5, Some(theme.tint(theme.muted, 0.5)), None),
                    "sample",
                ));
            }
        }
        g.append(pen::text(
            &item.label,
            item.at.x + SAMPLE_W + 6.0,
            mid + LEGEND_SIZE * 0.35,
            f.body,
            LEGEND_SIZE,
            theme.text,
        ));
    }
    g
}

pub(super) fn shift(b: Rect, o: Point) -> Rect {
    Rect {
        x: b.x + o.x,
        y: b.y + o.y,
        ..b
    }
}

pub(super) fn draw_lanes(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "lanes");
    let lr = fig.layout.direction == Direction::LeftToRight;
    let f = fig.faces;
    let line_h = text::line_height(f.bold, LANE_LABEL_SIZE);
    for band in &fig.layout.lanes {
        let branch = fig.lanes[band.lane];
        let color = palette::branch(fig.view.branch_slot(branch));
        let mut b = shift(band.rect, page.origin);
        if lr {
            b.x -= page.lane_gutter;
            b.w += page.lane_gutter;
        } else {
            b.y -= page.lane_gutter;
            b.h += page.lane_gutter;
        }
        let id = fig.view.lineage.branch(branch).id.clone();
        let mut lane = Group::new()
            .set("class", "lane")
            .set("data-branch", id.clone());
        let tint = theme.tint(color, 0.12);
        lane.append(pen_nodes(
            pen.rect(&format!("lane-{id}"), b, 10.0, Some(tint), None),
            "band",
        ));
        let lines = lane_label(fig, band.lane);
        let ink = theme.ink(color);
        let block = lines.len() as f64 * line_h;
        for (i, line) in lines.iter().enumerate() {
            let (x, y) = if lr {
                (
                    b.x + 10.0,
                    b.y + (b.h - block) / 2.0
                        + i as f64 * line_h
                        + text::ascent(f.bold, LANE_LABEL_SIZE),
                )
            } else {
                (
                    b.x + 10.0,
                    b.y + 8.0 + i as f64 * line_h + text::ascent(f.bold, LANE_LABEL_SIZE),
                )
            };
            lane.append(pen::text(line, x, y, f.bold, LANE_LABEL_SIZE, ink));
        }
        g.append(lane);
    }
    g
}

pub(super) fn draw_sources(fig: &Figure, page: &Page, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "sources");
    for (y, line) in &page.sources {
        g.append(pen::text(
            line,
            MARGIN,
            *y,
            fig.faces.body,
            SOURCE_SIZE,
            theme.muted,
        ));
    }
    g
}
