//! The comparison table as SVG, on the capability canvas inside the shared
//! document shell.

use super::*;

const HEAD_NAME: f64 = 13.0;
const HEAD_META: f64 = 10.5;
const CELL_SIZE: f64 = 12.0;
const ROW_HEAD: f64 = 12.0;
const PAD: f64 = 10.0;
const DOT: f64 = 4.0;
const INDENT: f64 = 14.0;
const MIN_COL: f64 = 186.0;
const MAX_COL: f64 = 240.0;
/// Space between two items of a list.
const ITEM_GAP: f64 = 3.0;

/// One laid-out cell: its lines, each with the capability it starts (for the dot).
struct CellLines {
    lines: Vec<(Option<CapabilityId>, String, bool)>,
}

impl CellLines {
    /// Whether line `i` starts an item after the first (it gets a gap above).
    fn gap_before(&self, i: usize) -> bool {
        i > 0 && self.lines[i].0.is_some()
    }

    fn height(&self, lh: f64) -> f64 {
        (0..self.lines.len())
            .map(|i| lh + if self.gap_before(i) { ITEM_GAP } else { 0.0 })
            .sum()
    }
}

fn cell_lines(t: &Table, col: &Column, row: usize, f: &Font, inner: f64, lang: Lang) -> CellLines {
    let lineage = t.view.lineage;
    let mut lines = Vec::new();
    match row {
        0 => {
            for l in f.wrap(&made_text(lineage, &col.made, lang), inner) {
                lines.push((None, l, false));
            }
        }
        _ => {
            let items = if row == 1 { &col.good } else { &col.weak };
            if items.is_empty() {
                lines.push((None, "—".to_string(), false));
            }
            for item in items {
                let text = item_text(lineage, item, row == 1, lang);
                for (i, l) in f.wrap(&text, inner - INDENT).into_iter().enumerate() {
                    lines.push(((i == 0).then_some(item.capability), l, true));
                }
            }
        }
    }
    CellLines { lines }
}

/// The table as an SVG document.
pub fn svg(view: &View, options: &Options) -> String {
    let t = Table::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let mut c = Canvas::new(options);
    let theme = c.theme;
    let name_f = c.bold_font(HEAD_NAME, theme.text);
    let meta_f = c.body_font(HEAD_META, theme.muted);
    let cell_f = c.body_font(CELL_SIZE, theme.text);
    let row_f = c.bold_font(ROW_HEAD, theme.text);
    let names = row_names(lang);

    // Column widths: room for the widest word, within bounds.
    let widest = |f: &Font, s: &str| s.split_whitespace().map(|w| f.width(w)).fold(0.0, f64::max);
    let head_w = names
        .iter()
        .map(|n| row_f.width(n))
        .fold(0.0, f64::max)
        .ceil()
        + 2.0 * PAD;
    let col_w = t
        .columns
        .iter()
        .map(|col| {
            let (name, api) = model_names(lineage, col.model, lang);
            let text = made_text(lineage, &col.made, lang);
            widest(&name_f, &name)
                .max(api.map_or(0.0, |a| widest(&meta_f, &a)))
                .max(widest(&cell_f, &text))
                + 2.0 * PAD
        })
        .fold(MIN_COL, f64::max)
        .min(MAX_COL)
        .ceil();
    let inner_col = col_w - 2.0 * PAD;
    let table_w = head_w + col_w * t.columns.len() as f64;
    let width = (table_w + 2.0 * MARGIN).max(560.0).ceil();
    let inner = width - 2.0 * MARGIN;

    // Heights.
    let title = canvas::clean(view.title().get(lang));
    let sub = note(lang);
    let top = MARGIN;
    let table_top = top + canvas::title_height(c.faces, &title, Some(sub), inner) + 18.0;
    let heads: Vec<(Vec<String>, Vec<String>)> = t
        .columns
        .iter()
        .map(|col| {
            let (name, api) = model_names(lineage, col.model, lang);
            let mut meta = Vec::new();
            if let Some(api) = api {
                meta.extend(meta_f.wrap(&api, inner_col));
            }
            meta.extend(meta_f.wrap(&model_date(lineage, col.model, lang), inner_col));
            (name_f.wrap(&name, inner_col), meta)
        })
        .collect();
    let head_h = heads
        .iter()
        .map(|(n, m)| n.len() as f64 * name_f.line_height() + m.len() as f64 * meta_f.line_height())
        .fold(0.0, f64::max)
        + 2.0 * PAD
        + 4.0;
    let cells: Vec<Vec<CellLines>> = (0..3)
        .map(|row| {
            t.columns
                .iter()
                .map(|col| cell_lines(&t, col, row, &cell_f, inner_col, lang))
                .collect()
        })
        .collect();
    let lh = cell_f.line_height();
    let row_h: Vec<f64> = cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|cl| cl.height(lh))
                .fold(row_f.line_height(), f64::max)
                + 2.0 * PAD
        })
        .collect();
    let table_bottom = table_top + head_h + row_h.iter().sum::<f64>();
    let height = (table_bottom + MARGIN).ceil();
    let left = MARGIN + ((inner - table_w) / 2.0).max(0.0).floor();

    c.open("header", &[]);
    canvas::title_block(&mut c, &title, Some(sub), MARGIN, top, inner);
    c.close();

    // Header row.
    c.open("columns", &[]);
    c.rect(
        "head-bg",
        rect(left, table_top, table_w, head_h),
        0.0,
        Some(theme.grid),
        None,
    );
    for (i, col) in t.columns.iter().enumerate() {
        let x = left + head_w + col_w * i as f64;
        c.open("column", &[("model", &lineage.model(col.model).id)]);
        if let Some(b) = lineage.model(col.model).branch {
            let color = palette::branch(view.branch_slot(b));
            c.rect(
                &format!("branch-{i}"),
                rect(x + 1.0, table_top, col_w - 2.0, 4.0),
                0.0,
                Some(theme.ink(color)),
                None,
            );
            c.tooltip(lineage.branch(b).label.get(lang));
        }
        let (name, meta) = &heads[i];
        let y = c.lines(name, x + PAD, table_top + PAD + 4.0, name_f, Anchor::Start);
        c.lines(meta, x + PAD, y, meta_f, Anchor::Start);
        c.close();
    }
    c.close();

    // Body rows.
    c.open("rows", &[]);
    let mut y = table_top + head_h;
    for (row, cells_row) in cells.iter().enumerate() {
        let h = row_h[row];
        c.open("row", &[("row", ["lineage", "good", "weak"][row])]);
        c.line(
            &format!("rule-{row}"),
            p(left, y + 0.5),
            p(left + table_w, y + 0.5),
            stroke(
                if row == 0 {
                    theme.card_stroke
                } else {
                    theme.grid
                },
                1.0,
                false,
            ),
        );
        c.text(
            names[row],
            left + PAD,
            y + PAD + row_f.ascent(),
            row_f,
            Anchor::Start,
        );
        for (i, cl) in cells_row.iter().enumerate() {
            let x = left + head_w + col_w * i as f64;
            let mut ly = y + PAD;
            for (li, (cap, line, indented)) in cl.lines.iter().enumerate() {
                if cl.gap_before(li) {
                    ly += ITEM_GAP;
                }
                let tx = if *indented { x + PAD + INDENT } else { x + PAD };
                if let Some(cap) = cap {
                    let color = theme.ink(palette::categorical(view.capability_slot(*cap)));
                    c.circle(
                        p(x + PAD + DOT + 1.0, ly + lh / 2.0),
                        DOT,
                        Some(color),
                        None,
                    );
                }
                c.text(line, tx, ly + cell_f.ascent(), cell_f, Anchor::Start);
                ly += lh;
            }
        }
        c.close();
        y += h;
    }
    c.line(
        "rule-bottom",
        p(left, table_bottom + 0.5),
        p(left + table_w, table_bottom + 0.5),
        stroke(theme.card_stroke, 1.0, false),
    );
    c.close();

    let desc = describe(&t, lang);
    c.finish(width, height, &title, &desc, "comparison-table")
}

fn describe(t: &Table, lang: Lang) -> String {
    let lineage = t.view.lineage;
    let list = |items: &[Item], is_good: bool| {
        if items.is_empty() {
            "—".to_string()
        } else {
            items
                .iter()
                .map(|i| item_text(lineage, i, is_good, lang))
                .collect::<Vec<_>>()
                .join(Word::ListSeparator.get(lang))
        }
    };
    t.columns
        .iter()
        .map(|col| {
            let (name, _) = model_names(lineage, col.model, lang);
            words::table_column(
                &name,
                &made_text(lineage, &col.made, lang),
                &list(&col.good, true),
                &list(&col.weak, false),
                lang,
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}
