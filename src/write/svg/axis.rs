//! Drawing the time axis and each model's date mark (a dot, a bar for a
//! range, a dashed ring for "about", nothing for unknown).

use super::*;

/// The time axis: a line along the flow, year ticks, and each model's date
/// drawn as honestly as it is known (a point, a range bar, a soft "about"),
/// each piece written into `doc` as soon as it is drawn.
pub(super) fn draw_axis(
    doc: &mut document::Stream,
    fig: &Figure,
    page: &Page,
    pen: &Pen,
    theme: &Theme,
) {
    doc.open(&Group::new().set("class", "axis"));
    if fig.layout.axis.is_empty() {
        doc.close();
        return;
    }
    let f = fig.faces;
    let lr = fig.layout.direction == Direction::LeftToRight;
    let o = page.origin;
    // The line runs under every tick, break and card, so no card stands
    // beyond the end of the time it is placed by.
    let cards = fig.layout.nodes.iter().flat_map(|r| {
        if lr {
            [r.x, r.x + r.w]
        } else {
            [r.y, r.y + r.h]
        }
    });
    let breaks = fig.layout.breaks.iter().flat_map(|b| [b.start, b.end]);
    let spots: Vec<f64> = fig
        .layout
        .axis
        .iter()
        .map(|t| t.at)
        .chain(breaks)
        .chain(cards)
        .collect();
    let lo = spots.iter().copied().fold(f64::MAX, f64::min);
    let hi = spots.iter().copied().fold(f64::MIN, f64::max);
    let along = |at: f64| on_axis(fig, page, at);
    let across_end = |at: f64| {
        if lr {
            Point {
                x: o.x + at,
                y: o.y,
            }
        } else {
            Point {
                x: o.x + fig.layout.width,
                y: o.y + at,
            }
        }
    };
    for (i, tick) in fig.layout.axis.iter().enumerate() {
        if tick.major {
            let grid = Stroke {
                color: theme.grid,
                width: 1.0,
                dashed: false,
            };
            doc.put(&pen_nodes(
                pen.line(
                    &format!("grid-{i}"),
                    along(tick.at),
                    across_end(tick.at),
                    grid,
                ),
                "grid",
            ));
        }
        let p = along(tick.at);
        let len = if tick.major { 6.0 } else { 3.0 };
        let end = if lr {
            Point {
                x: p.x,
                y: p.y + len,
            }
        } else {
            Point {
                x: p.x - len,
                y: p.y,
            }
        };
        doc.put(&pen_nodes(
            pen.line(&format!("tick-{i}"), p, end, Stroke::solid(theme.axis, 1.0)),
            "tick",
        ));
        if tick.major {
            let label = card::clean(&tick.label);
            let w = text::width(&label, f.body, AXIS_SIZE);
            let (x, y) = if lr {
                (p.x - w / 2.0, p.y + 8.0 + text::ascent(f.body, AXIS_SIZE))
            } else {
                (p.x - 8.0 - w, p.y + AXIS_SIZE * 0.35)
            };
            doc.put(&pen::text(&label, x, y, f.body, AXIS_SIZE, theme.muted));
        }
    }
    doc.put(&pen_nodes(
        pen.line("axis", along(lo), along(hi), Stroke::solid(theme.axis, 1.2)),
        "axis-line",
    ));
    for (i, b) in fig.layout.breaks.iter().enumerate() {
        let key = format!("break-{i}");
        doc.put(&match b.kind {
            BreakKind::LeftOut => break_mark(&key, along(b.at), lr, pen, theme),
            BreakKind::Stretched => stretch_mark(&key, along(b.start), along(b.end), pen, theme),
        });
    }
    date_marks(doc, fig, page, pen, theme);
    doc.close();
}

/// Where the axis skips an empty stretch: the line interrupted by two
/// slanted strokes, so nobody reads the compressed years as linear.
pub(super) fn break_mark(key: &str, p: Point, lr: bool, pen: &Pen, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "axis-break");
    let gap = Rect {
        x: p.x - if lr { 5.0 } else { 7.0 },
        y: p.y - if lr { 7.0 } else { 5.0 },
        w: if lr { 10.0 } else { 14.0 },
        h: if lr { 14.0 } else { 10.0 },
    };
    g.append(pen_nodes(
        pen.rect(key, gap, 0.0, Some(theme.background), None),
        "break-gap",
    ));
    for (k, d) in [-4.0, 4.0].into_iter().enumerate() {
        let (a, b) = if lr {
            (
                Point {
                    x: p.x + d - 3.0,
                    y: p.y + 6.0,
                },
                Point {
                    x: p.x + d + 3.0,
                    y: p.y - 6.0,
                },
            )
        } else {
            (
                Point {
                    x: p.x - 6.0,
                    y: p.y + d - 3.0,
                },
                Point {
                    x: p.x + 6.0,
                    y: p.y + d + 3.0,
                },
            )
        };
        g.append(pen_nodes(
            pen.line(&format!("{key}-{k}"), a, b, Stroke::solid(theme.axis, 1.4)),
            "break-stroke",
        ));
    }
    g
}

/// Where the axis draws time wider than its scale (dates too close for
/// their cards): the line there dotted, so nobody reads the distance as
/// time.
pub(super) fn stretch_mark(key: &str, a: Point, b: Point, pen: &Pen, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "axis-stretch");
    let gap = Rect {
        x: a.x.min(b.x) - 1.0,
        y: a.y.min(b.y) - 2.0,
        w: (b.x - a.x).abs() + 2.0,
        h: (b.y - a.y).abs() + 4.0,
    };
    g.append(pen_nodes(
        pen.rect(key, gap, 0.0, Some(theme.background), None),
        "stretch-gap",
    ));
    let dotted = Stroke {
        color: theme.axis,
        width: 1.2,
        dashed: true,
    };
    g.append(pen_nodes(
        pen.line(&format!("{key}-line"), a, b, dotted),
        "stretch-line",
    ));
    g
}

/// The point of the time axis at `at` along the flow.
pub(super) fn on_axis(fig: &Figure, page: &Page, at: f64) -> Point {
    match fig.layout.direction {
        Direction::LeftToRight => Point {
            x: page.origin.x + at,
            y: page.axis_at,
        },
        Direction::TopToBottom => Point {
            x: page.axis_at,
            y: page.origin.y + at,
        },
    }
}

/// Each dated model's date on the axis: a bar for a range, a faint wide
/// mark for "about", a dot for a known date. Unknown dates get no mark.
/// Each mark is written into `doc` as soon as it is drawn.
pub(super) fn date_marks(
    doc: &mut document::Stream,
    fig: &Figure,
    page: &Page,
    pen: &Pen,
    theme: &Theme,
) {
    doc.open(&Group::new().set("class", "dates"));
    let lr = fig.layout.direction == Direction::LeftToRight;
    let lineage = fig.view.lineage;
    for &n in &fig.view.models {
        let model = lineage.model(n);
        let Some((start, end)) = model.date.span() else {
            continue;
        };
        let (Some(a), Some(b)) = (time_at(&fig.layout, start), time_at(&fig.layout, end)) else {
            continue;
        };
        let color = model.branch.map_or(theme.axis, |br| {
            theme.ink(palette::branch(fig.view.branch_slot(br)))
        });
        let key = format!("date-{}", model.id);
        let at = |t: f64| on_axis(fig, page, t);
        let mut mark = Group::new()
            .set("class", "date")
            .set("data-id", model.id.clone());
        mark.append(Title::new(card::clean(&model.date.to_string())));
        let bar_of = |first: i64, last: i64| {
            let s = time_at(&fig.layout, first as f64)?;
            let e = time_at(&fig.layout, last as f64 + 1.0)?;
            Some((s, e))
        };
        // A year is drawn as a bar over it, a month too where time is
        // linear (packed timelines, whose layout has lifespan bars), wide
        // enough to see; a day as a dot.
        let linear = !fig.layout.bars.is_empty();
        let coarse = match model.date {
            crate::date::Date::On(d) if d.day.is_none() && (d.month.is_none() || linear) => {
                bar_of(d.first_month(), d.last_month()).filter(|(s, e)| e - s >= 4.0)
            }
            _ => None,
        };
        if let Some((s, e)) = coarse {
            let (p, q) = (at(s), at(e));
            let bar = if lr {
                Rect {
                    x: p.x,
                    y: p.y - 2.0,
                    w: q.x - p.x,
                    h: 4.0,
                }
            } else {
                Rect {
                    x: p.x - 2.0,
                    y: p.y,
                    w: 4.0,
                    h: q.y - p.y,
                }
            };
            mark.append(pen_nodes(
                pen.rect(&key, bar, 2.0, Some(theme.tint(color, 0.6)), None),
                "period",
            ));
            doc.put(&mark);
            continue;
        }
        match model.date {
            crate::date::Date::After(_) | crate::date::Date::Before(_) => {
                // A ring at the known bound and a line open towards the
                // unknown side, with no end.
                let forward = matches!(model.date, crate::date::Date::After(_));
                let (p, len) = (at(a), if forward { 14.0 } else { -14.0 });
                let q = if lr {
                    Point {
                        x: p.x + len,
                        y: p.y,
                    }
                } else {
                    Point {
                        x: p.x,
                        y: p.y + len,
                    }
                };
                let stroke = Stroke {
                    color,
                    width: 1.4,
                    dashed: true,
                };
                mark.append(pen_nodes(
                    pen.line(&format!("{key}-open"), p, q, stroke),
                    "open",
                ));
                mark.append(pen_nodes(
                    pen.dot(
                        &key,
                        p,
                        3.0,
                        Some(theme.background),
                        Some(Stroke::solid(color, 1.4)),
                    ),
                    "bound",
                ));
            }
            crate::date::Date::Range(..) => {
                let (p, q) = (at(a), at(b));
                let bar = if lr {
                    Rect {
                        x: p.x,
                        y: p.y - 2.5,
                        w: (q.x - p.x).max(2.0),
                        h: 5.0,
                    }
                } else {
                    Rect {
                        x: p.x - 2.5,
                        y: p.y,
                        w: 5.0,
                        h: (q.y - p.y).max(2.0),
                    }
                };
                mark.append(pen_nodes(
                    pen.rect(&key, bar, 2.5, Some(color), None),
                    "range",
                ));
            }
            crate::date::Date::About(_) => {
                let stroke = Stroke {
                    color,
                    width: 1.2,
                    dashed: true,
                };
                mark.append(pen_nodes(
                    pen.dot(&key, at(a), 5.5, None, Some(stroke)),
                    "about",
                ));
            }
            _ => mark.append(pen_nodes(
                pen.dot(&key, at(a), 3.0, Some(color), None),
                "point",
            )),
        }
        doc.put(&mark);
    }
    doc.close();
}

/// Position along the flow of a time, from the axis ticks (linear between them).
pub(super) fn time_at(layout: &Layout, time: f64) -> Option<f64> {
    let ticks = &layout.axis;
    let first = ticks.first()?;
    if ticks.len() == 1 {
        return Some(first.at);
    }
    // Ticks are in time order: the first pair whose later tick is not
    // before `time`, else the last pair (a binary search, not a scan: a
    // lineage of 100,000 models has as many date marks and ticks).
    let i = ticks[1..]
        .partition_point(|t| t.time < time)
        .min(ticks.len() - 2);
    let (mut a, mut b) = (
        (ticks[i].time, ticks[i].at),
        (ticks[i + 1].time, ticks[i + 1].at),
    );
    // Time is linear between ticks except across a compressed stretch:
    // its ends are anchors too.
    for br in &layout.breaks {
        for anchor in [(br.from, br.start), (br.to, br.end)] {
            if anchor.0 > a.0 && anchor.0 <= time {
                a = anchor;
            }
            if anchor.0 < b.0 && anchor.0 >= time {
                b = anchor;
            }
        }
    }
    if (b.0 - a.0).abs() < 1e-9 {
        return Some(a.1);
    }
    Some(a.1 + (time - a.0) / (b.0 - a.0) * (b.1 - a.1))
}
