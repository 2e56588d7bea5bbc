//! The capability matrix as SVG, on the capability canvas inside the shared
//! document shell. One concern, one format of one figure: the words (legend,
//! tooltips, summary) are the model's ([`crate::figure::matrix`]); what is
//! left is sizing the grid to its text (`geometry.rs`) and drawing its many
//! small parts (heads, groups, cells, marks, legend), here.

use super::*;

mod geometry;

use geometry::{geometry, GroupBox, RowBox};

const HEAD_NAME: f64 = 11.5;
const HEAD_META: f64 = 10.0;
const BAND_SIZE: f64 = 11.0;
const ROW_SIZE: f64 = 12.0;
const GROUP_SIZE: f64 = 11.5;
const MARK_SIZE: f64 = 9.0;
const LEGEND_SIZE: f64 = 11.0;
const CELL_H: f64 = 28.0;
const GROUP_H: f64 = 26.0;
const GROUP_GAP: f64 = 8.0;
const MIN_COL: f64 = 72.0;
const MAX_COL: f64 = 116.0;
const MAX_LABEL: f64 = 250.0;
const SWATCH: f64 = 10.0;
const MIN_WIDTH: f64 = 640.0;

/// The red of a cost (weakened or lost here), apart from the categorical hues.
pub const COST: Rgb = Rgb(0xc6, 0x28, 0x28);

struct Fonts {
    name: Font,
    meta: Font,
    band: Font,
    row: Font,
    group: Font,
    legend: Font,
    mark: Font,
}

fn fonts(c: &Canvas) -> Fonts {
    let t = c.theme;
    Fonts {
        name: c.bold_font(HEAD_NAME, t.text),
        meta: c.body_font(HEAD_META, t.muted),
        band: c.bold_font(BAND_SIZE, t.text),
        row: c.body_font(ROW_SIZE, t.text),
        group: c.bold_font(GROUP_SIZE, t.text),
        legend: c.body_font(LEGEND_SIZE, t.text),
        mark: c.bold_font(MARK_SIZE, t.text),
    }
}

/// "+5 −1" under a column header: what the model raised and gave up.
fn draw_summary(c: &mut Canvas, col: &Column, f: &Fonts, cx: f64, top: f64) {
    let up = (col.up > 0).then(|| format!("+{}", col.up));
    let down = (col.down > 0).then(|| format!("−{}", col.down));
    let cost = f.meta.with(c.theme.ink(COST));
    let y = top + f.meta.ascent();
    match (up, down) {
        (Some(u), Some(d)) => {
            c.text(&u, cx - 3.0, y, f.meta, Anchor::End);
            c.text(&d, cx + 3.0, y, cost, Anchor::Start);
        }
        (Some(u), None) => c.text(&u, cx, y, f.meta, Anchor::Middle),
        (None, Some(d)) => c.text(&d, cx, y, cost, Anchor::Middle),
        (None, None) => {}
    }
}

fn title(view: &View, lang: Lang) -> String {
    canvas::clean(view.title().get(lang))
}

fn subtitle(view: &View, lang: Lang) -> String {
    let _ = view;
    Word::MatrixKey.get(lang).to_string()
}

/// Colours a cell is drawn in.
fn cap_color(theme: &Theme, view: &View, cap: CapabilityId) -> Rgb {
    theme.ink(palette::categorical(view.capability_slot(cap)))
}

fn method_color(theme: &Theme, m: Option<MethodId>) -> Rgb {
    m.map_or(theme.muted, |m| theme.ink(palette::method(m.0)))
}

/// The matrix as an SVG document.
pub fn svg(view: &View, options: &Options) -> String {
    let m = Matrix::of(view);
    let mut c = Canvas::new(options);
    let f = fonts(&c);
    let g = geometry(&m, &c, &f);
    let lang = options.lang;
    let theme = c.theme;
    let lineage = view.lineage;
    let inner = g.width - 2.0 * MARGIN;

    c.open("header", &[]);
    canvas::title_block(
        &mut c,
        &title(view, lang),
        Some(&subtitle(view, lang)),
        MARGIN,
        g.title_top,
        inner,
    );
    c.close();

    // Branch bands and the faint column backgrounds under each group.
    c.open("branches", &[]);
    for (i, group) in m.column_groups.iter().enumerate() {
        let Some(b) = group.branch else { continue };
        let x0 = g.col_x[group.start];
        let w = g.col_w * group.len as f64;
        let color = palette::branch(view.branch_slot(b));
        c.open("branch", &[("branch", &lineage.branch(b).id)]);
        c.rect(
            &format!("col-bg-{i}"),
            rect(x0, g.head_top, w, g.grid_bottom - g.head_top),
            0.0,
            Some(theme.tint(color, 0.06)),
            None,
        );
        c.rect(
            &format!("band-{i}"),
            rect(x0 + 1.0, g.band_top, w - 2.0, g.band_h),
            4.0,
            Some(theme.tint(color, 0.16)),
            Some(stroke(theme.ink(color), 1.0, false)),
        );
        let lines = f.band.wrap(lineage.branch(b).label.get(lang), w - 8.0);
        let text_h = lines.len() as f64 * f.band.line_height();
        c.lines(
            &lines,
            x0 + w / 2.0,
            g.band_top + (g.band_h - text_h) / 2.0,
            f.band,
            Anchor::Middle,
        );
        c.close();
    }
    c.close();

    // Column headers.
    c.open("columns", &[]);
    for (i, col) in m.columns.iter().enumerate() {
        let (name_lines, meta) = &g.heads[i];
        let cx = g.col_x[i] + g.col_w / 2.0;
        c.open("column", &[("model", &lineage.model(col.model).id)]);
        let mut y = g.head_top + 4.0;
        y = c.lines(name_lines, cx, y, f.name, Anchor::Middle);
        y = c.lines(meta, cx, y, f.meta, Anchor::Middle);
        draw_summary(&mut c, col, &f, cx, y + 4.0);
        c.close();
    }
    c.close();

    // Rows.
    let grid_left = g.label_x;
    let grid_right = g.col_x.last().map_or(grid_left, |x| x + g.col_w);
    let marks = method_marks(lineage);
    c.open("rows", &[]);
    for (
        gi,
        GroupBox {
            top: group_top,
            rows: caps,
        },
    ) in g.rows.iter().enumerate()
    {
        let group = &m.rows[gi];
        let mcolor = method_color(&theme, group.method);
        c.open(
            "method",
            &[(
                "method",
                group.method.map_or("", |me| lineage.method(me).id.as_str()),
            )],
        );
        c.line(
            &format!("group-rule-{gi}"),
            p(grid_left, group_top + 0.5),
            p(grid_right, group_top + 0.5),
            stroke(theme.card_stroke, 1.0, false),
        );
        c.rect(
            &format!("group-bar-{gi}"),
            rect(grid_left, group_top + 7.0, 4.0, GROUP_H - 12.0),
            1.5,
            Some(mcolor),
            None,
        );
        let label = method_label(view, group.method, lang, false);
        let gf = f.group.with(mcolor);
        let mark = group
            .method
            .map(|me| format!("{}  ", marks[me.0]))
            .unwrap_or_default();
        c.text(
            &format!("{mark}{label}"),
            grid_left + SWATCH + 2.0,
            group_top + GROUP_H / 2.0 + gf.ascent() / 2.0 - 1.0,
            gf,
            Anchor::Start,
        );
        for RowBox { cap, top, h, lines } in caps {
            let (cap, top, h) = (*cap, *top, *h);
            let color = cap_color(&theme, view, cap);
            c.open("capability", &[("capability", &lineage.capability(cap).id)]);
            c.line(
                &format!("row-rule-{}", cap.0),
                p(grid_left, top + 0.5),
                p(grid_right, top + 0.5),
                stroke(theme.grid, 1.0, false),
            );
            c.rect(
                &format!("swatch-{}", cap.0),
                rect(
                    grid_left + 2.0,
                    top + h / 2.0 - SWATCH / 2.0,
                    SWATCH,
                    SWATCH,
                ),
                2.0,
                Some(color),
                None,
            );
            let text_h = lines.len() as f64 * f.row.line_height();
            c.lines(
                lines,
                grid_left + SWATCH + 8.0,
                top + (h - text_h) / 2.0,
                f.row,
                Anchor::Start,
            );
            for (i, col) in m.columns.iter().enumerate() {
                let cell = m.cell(cap, col.model);
                let b = rect(g.col_x[i] + 3.0, top + 2.5, g.col_w - 6.0, h - 5.0);
                draw_cell(&mut c, &m, &f, cap, col.model, cell, b, &marks);
            }
            c.close();
        }
        c.close();
    }
    c.line(
        "grid-bottom",
        p(grid_left, g.grid_bottom + 0.5),
        p(grid_right, g.grid_bottom + 0.5),
        stroke(theme.card_stroke, 1.0, false),
    );
    c.close();

    // Legend.
    c.open("legend", &[]);
    let line_h = f.legend.line_height().max(22.0);
    for (i, (x, y, sample, label)) in g.legend.iter().enumerate() {
        let b = rect(*x, *y, 26.0, line_h);
        legend_sample(&mut c, &f, *sample, b, i, &marks);
        c.text(
            label,
            x + 30.0,
            y + line_h / 2.0 + f.legend.ascent() / 2.0 - 1.0,
            f.legend,
            Anchor::Start,
        );
    }
    c.close();

    let desc = m.describe(lang);
    c.finish(
        g.width,
        g.height,
        &title(view, lang),
        &desc,
        "capability-matrix",
    )
}

#[allow(clippy::too_many_arguments)]
fn draw_cell(
    c: &mut Canvas,
    m: &Matrix,
    f: &Fonts,
    cap: CapabilityId,
    n: NodeIndex,
    cell: Cell,
    b: crate::layout::Rect,
    marks: &[String],
) {
    let lineage = m.view.lineage;
    let theme = c.theme;
    let lang = c.lang;
    let key = format!("cell-{}-{}", cap.0, n.index());
    c.open(
        "cell",
        &[
            ("model", &lineage.model(n).id),
            ("capability", &lineage.capability(cap).id),
            ("state", cell.shown.word()),
            ("certain", if cell.certain { "true" } else { "false" }),
            (
                "change",
                &cell
                    .change
                    .map(|k| format!("{k:?}").to_lowercase())
                    .unwrap_or_default(),
            ),
        ],
    );
    c.tooltip(&m.tooltip(cap, n, lang));
    let dashed = !cell.certain;
    if is_origin(cell.change) {
        let mc = method_color(&theme, cell.method);
        c.rect(
            &key,
            b,
            5.0,
            Some(theme.tint(palette::categorical(m.view.capability_slot(cap)), 0.10)),
            Some(stroke(mc, 1.8, dashed)),
        );
    } else if is_cost(cell.change) {
        c.rect(
            &key,
            b,
            5.0,
            Some(theme.tint(COST, 0.14)),
            Some(stroke(theme.ink(COST), 1.4, dashed)),
        );
    } else if cell.change.is_some() && cell.change != Some(ChangeKind::Latent) {
        c.rect(&key, b, 5.0, None, Some(stroke(theme.axis, 1.2, dashed)));
    } else if dashed {
        c.rect(&key, b, 5.0, None, Some(stroke(theme.axis, 1.0, true)));
    }
    let center = p(b.x + b.w / 2.0, b.y + b.h / 2.0);
    glyph(c, &key, cell.shown, center, cap_color(&theme, m.view, cap));
    if let (true, Some(me)) = (is_origin(cell.change), cell.method) {
        let mf = f.mark.with(method_color(&theme, Some(me)));
        c.text(
            &marks[me.0],
            center.x + 11.0,
            center.y + mf.ascent() / 2.0 - 0.5,
            mf,
            Anchor::Start,
        );
    }
    if dashed {
        let qf = f.mark.with(theme.muted);
        c.text(
            "?",
            center.x - 11.0,
            center.y + qf.ascent() / 2.0 - 0.5,
            qf,
            Anchor::End,
        );
    }
    c.close();
}

/// The shape of a state, centred on `at`, in colour `color`.
fn glyph(c: &mut Canvas, key: &str, shown: Shown, at: crate::layout::Point, color: Rgb) {
    let rad = 6.0;
    match shown {
        Shown::Absent => {}
        Shown::Latent => c.circle(at, rad, None, Some(stroke(color, 1.4, true))),
        Shown::Present => c.circle(at, rad, Some(color), None),
        Shown::Strong => {
            c.circle(at, 4.5, Some(color), None);
            c.circle(at, 8.0, None, Some(stroke(color, 1.4, false)));
        }
        Shown::Weakened => {
            c.circle(at, rad, None, Some(stroke(color, 1.4, false)));
            let d = format!(
                "M{x},{top}A{rad},{rad} 0 0 0 {x},{bottom}Z",
                x = crate::write::svg::pen::r(at.x),
                top = crate::write::svg::pen::r(at.y - rad),
                bottom = crate::write::svg::pen::r(at.y + rad),
            );
            c.path(&d, color);
        }
        Shown::Lost => {
            let s = 4.5;
            let st = stroke(color, 2.0, false);
            c.line(
                &format!("{key}-x1"),
                p(at.x - s, at.y - s),
                p(at.x + s, at.y + s),
                st,
            );
            c.line(
                &format!("{key}-x2"),
                p(at.x - s, at.y + s),
                p(at.x + s, at.y - s),
                st,
            );
        }
    }
}

fn legend_sample(
    c: &mut Canvas,
    f: &Fonts,
    sample: Key,
    b: crate::layout::Rect,
    i: usize,
    marks: &[String],
) {
    let theme = c.theme;
    let center = p(b.x + b.w / 2.0, b.y + b.h / 2.0);
    let key = format!("legend-{i}");
    let ink = theme.text;
    let cell = rect(b.x, b.y + 2.0, b.w, b.h - 4.0);
    match sample {
        Key::State(s) => glyph(c, &key, s, center, ink),
        Key::Origin => {
            c.rect(&key, cell, 5.0, None, Some(stroke(ink, 1.8, false)));
        }
        Key::Cost => c.rect(
            &key,
            cell,
            5.0,
            Some(theme.tint(COST, 0.14)),
            Some(stroke(theme.ink(COST), 1.4, false)),
        ),
        Key::Change => c.rect(&key, cell, 5.0, None, Some(stroke(theme.axis, 1.2, false))),
        Key::Uncertain => {
            c.rect(&key, cell, 5.0, None, Some(stroke(theme.axis, 1.0, true)));
            let qf = f.mark.with(theme.muted);
            c.text(
                "?",
                center.x,
                center.y + qf.ascent() / 2.0 - 0.5,
                qf,
                Anchor::Middle,
            );
        }
        Key::Method(me) => {
            let mf = f.mark.with(method_color(&theme, Some(me)));
            let mf = Font { size: 12.0, ..mf };
            c.text(
                &marks[me.0],
                center.x,
                center.y + mf.ascent() / 2.0 - 0.5,
                mf,
                Anchor::Middle,
            );
        }
    }
}
