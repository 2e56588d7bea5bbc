//! The matrix sized to its text: one column width for all models, row
//! heights from the wrapped labels, the groups, the legend rows, and the
//! page around them. Measures and places; never draws.

use super::*;

/// Where every part of the matrix goes.
pub(super) struct Geometry {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) title_top: f64,
    pub(super) band_top: f64,
    pub(super) band_h: f64,
    pub(super) head_top: f64,
    pub(super) label_x: f64,
    pub(super) col_x: Vec<f64>,
    pub(super) col_w: f64,
    /// Per column: name lines and meta lines.
    pub(super) heads: Vec<(Vec<String>, Vec<String>)>,
    /// Row tops, per group: (group header top, [(cap, top, height, label lines)]).
    pub(super) rows: Vec<GroupBox>,
    pub(super) grid_bottom: f64,
    pub(super) legend: Vec<(f64, f64, Key, String)>,
}

/// A method's rows: where its header row goes, then each capability row.
pub(super) struct GroupBox {
    pub(super) top: f64,
    pub(super) rows: Vec<RowBox>,
}

pub(super) struct RowBox {
    pub(super) cap: CapabilityId,
    pub(super) top: f64,
    pub(super) h: f64,
    pub(super) lines: Vec<String>,
}

pub(super) fn geometry(m: &Matrix, c: &Canvas, f: &Fonts) -> Geometry {
    let lineage = m.view.lineage;
    let lang = c.lang;
    // Columns: one width for all, enough for the longest word of a header.
    let widest_word = |font: &Font, s: &str| {
        s.split_whitespace()
            .map(|w| font.width(w))
            .fold(0.0, f64::max)
    };
    let mut need: f64 = MIN_COL;
    for col in &m.columns {
        let (name, api) = model_names(lineage, col.model, lang);
        need = need.max(widest_word(&f.name, &name) + 12.0);
        if let Some(api) = &api {
            need = need.max(widest_word(&f.meta, api) + 12.0);
        }
    }
    let col_w = need.min(MAX_COL).ceil();
    let heads: Vec<(Vec<String>, Vec<String>)> = m
        .columns
        .iter()
        .map(|col| {
            let (name, api) = model_names(lineage, col.model, lang);
            let name_lines = f.name.wrap(&name, col_w - 8.0);
            let mut meta = Vec::new();
            if let Some(api) = api {
                meta.extend(f.meta.wrap(&api, col_w - 8.0));
            }
            meta.extend(
                f.meta
                    .wrap(&model_date(lineage, col.model, lang), col_w - 8.0),
            );
            (name_lines, meta)
        })
        .collect();
    let head_h = heads
        .iter()
        .map(|(n, me)| {
            n.len() as f64 * f.name.line_height()
                + me.len() as f64 * f.meta.line_height()
                + 4.0
                + f.meta.line_height()
        })
        .fold(0.0, f64::max)
        + 8.0;
    // Row labels.
    let label_need =
        m.capabilities()
            .map(|cap| {
                f.row
                    .width(&canvas::clean(lineage.capability(cap).label.get(lang)))
            })
            .chain(m.rows.iter().map(|g| {
                f.group.width(&method_label(m.view, g.method, lang, false)) - SWATCH - 8.0
            }))
            .fold(120.0, f64::max);
    let label_w = (label_need + SWATCH + 8.0).min(MAX_LABEL).ceil();
    let label_x = MARGIN;
    let grid_x = label_x + label_w + 14.0;
    let mut col_x = Vec::new();
    let mut x = grid_x;
    for (i, col) in m.columns.iter().enumerate() {
        if i > 0 && m.columns[i - 1].branch != col.branch {
            x += GROUP_GAP;
        }
        col_x.push(x);
        x += col_w;
    }
    let grid_right = x;
    let legend_items = m.legend(lang);
    let width_need = grid_right + MARGIN;
    let width = width_need.max(MIN_WIDTH).ceil();
    let inner = width - 2.0 * MARGIN;
    // Vertical.
    let title_top = MARGIN;
    let subtitle = subtitle(m.view, lang);
    let mut y = title_top
        + canvas::title_height(c.faces, &title(m.view, lang), Some(&subtitle), inner)
        + 16.0;
    let has_bands = m.column_groups.iter().any(|g| g.branch.is_some());
    let band_top = y;
    let band_h = if has_bands {
        let lines = m
            .column_groups
            .iter()
            .filter_map(|g| {
                g.branch.map(|b| {
                    let span = g.len as f64 * col_w - 8.0;
                    f.band.wrap(lineage.branch(b).label.get(lang), span).len()
                })
            })
            .max()
            .unwrap_or(1);
        lines as f64 * f.band.line_height() + 8.0
    } else {
        0.0
    };
    y += band_h + if has_bands { 2.0 } else { 0.0 };
    let head_top = y;
    y += head_h;
    let mut rows = Vec::new();
    for g in &m.rows {
        let group_top = y;
        y += GROUP_H;
        let mut caps = Vec::new();
        for &cap in &g.caps {
            let lines = f.row.wrap(
                lineage.capability(cap).label.get(lang),
                label_w - SWATCH - 8.0,
            );
            let h = (lines.len() as f64 * f.row.line_height() + 10.0).max(CELL_H);
            caps.push(RowBox {
                cap,
                top: y,
                h,
                lines,
            });
            y += h;
        }
        rows.push(GroupBox {
            top: group_top,
            rows: caps,
        });
    }
    let grid_bottom = y;
    y += 22.0;
    // Legend: items flow left to right and wrap.
    let line_h = f.legend.line_height().max(22.0);
    let (legend, height) = canvas::legend_rows(legend_items, &f.legend, 30.0, y, inner, line_h);
    Geometry {
        width,
        height,
        title_top,
        band_top,
        band_h,
        head_top,
        label_x,
        col_x,
        col_w,
        heads,
        rows,
        grid_bottom,
        legend,
    }
}
