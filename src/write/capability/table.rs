//! The comparison table: for each model of the view, its lineage (how it
//! was made, as a chain of methods), what it is good at and what it is weak
//! at, compared with the other models of the table.
//!
//! Everything is derived from the inheritance, nothing is written by hand:
//! * **lineage**: the nearest model it is named after, then the methods on
//!   the way. That model is its parent when the parent is in the table (or
//!   the base every column shares); through a merge, the methods of every
//!   branch, from the base.
//! * **good at**: capabilities it has (usable) that another column lacks or
//!   has weaker, and no column has stronger;
//! * **weak at**: capabilities another column has stronger: absent, latent
//!   only, weakened, lost, or not strengthened here.
//!
//! A one-column table has nothing to compare with, so it lists what
//! changed at the model instead.

use super::canvas::{self, p, rect, stroke, Anchor, Canvas, Font, MARGIN};
use super::{grouped_capabilities, md, model_date, model_names, Shown};
use crate::data::ChangeKind;
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::palette;
use crate::view::View;
use crate::words::{self, Word};
use crate::write::Options;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Dfs, Reversed};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One capability in a "good at" or "weak at" cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub capability: CapabilityId,
    /// The state at this column's model.
    pub shown: Shown,
    pub certain: bool,
}

/// How a model was made: named after `from`, then `methods` in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub from: Option<NodeIndex>,
    pub methods: Vec<MethodId>,
}

/// One column of the table.
#[derive(Debug, Clone)]
pub struct Column {
    pub model: NodeIndex,
    pub made: Made,
    pub good: Vec<Item>,
    pub weak: Vec<Item>,
}

/// The comparison table of one view.
pub struct Table<'a> {
    pub view: &'a View<'a>,
    pub columns: Vec<Column>,
}

impl<'a> Table<'a> {
    pub fn of(view: &'a View<'a>) -> Table<'a> {
        let lineage = view.lineage;
        let models = column_order(view);
        let base = base(lineage, &models);
        let caps: Vec<CapabilityId> = grouped_capabilities(view)
            .into_iter()
            .flat_map(|(_, caps)| caps)
            .collect();
        let shown =
            |n: NodeIndex, c: CapabilityId| Shown::of(lineage.inheritance.trace(n, c).state);
        let item = |n: NodeIndex, c: CapabilityId| Item {
            capability: c,
            shown: shown(n, c),
            certain: !super::uncertain(lineage.inheritance.trace(n, c)),
        };
        let columns = models
            .iter()
            .map(|&n| {
                let others: Vec<NodeIndex> = models.iter().copied().filter(|&o| o != n).collect();
                let (good, weak) = if others.is_empty() {
                    let changed = |up: bool| {
                        caps.iter()
                            .copied()
                            .filter(|&c| {
                                let k = lineage.inheritance.trace(n, c).changed_here;
                                match k {
                                    Some(ChangeKind::Weakened | ChangeKind::Lost) => !up,
                                    Some(ChangeKind::Latent) | None => false,
                                    Some(_) => up,
                                }
                            })
                            .map(|c| item(n, c))
                            .collect::<Vec<_>>()
                    };
                    (changed(true), changed(false))
                } else {
                    let good = caps
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let s = shown(n, c).score();
                            s >= Shown::Weakened.score()
                                && others.iter().any(|&o| shown(o, c).score() < s)
                                && others.iter().all(|&o| shown(o, c).score() <= s)
                        })
                        .map(|c| item(n, c))
                        .collect();
                    let weak = caps
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let s = shown(n, c).score();
                            others.iter().any(|&o| shown(o, c).score() > s)
                        })
                        .map(|c| item(n, c))
                        .collect();
                    (good, weak)
                };
                Column {
                    model: n,
                    made: made(lineage, n, &models, base),
                    good,
                    weak,
                }
            })
            .collect();
        Table { view, columns }
    }
}

/// The models in the order the view lists them (`only`), else date order.
fn column_order(view: &View) -> Vec<NodeIndex> {
    let listed: Vec<NodeIndex> = view
        .spec
        .only
        .iter()
        .copied()
        .filter(|&n| view.contains(n))
        .collect();
    let mut out = listed.clone();
    out.extend(view.models.iter().copied().filter(|n| !listed.contains(n)));
    out
}

fn ancestors(lineage: &Lineage, n: NodeIndex) -> BTreeSet<NodeIndex> {
    let g = Reversed(&lineage.graph);
    let mut dfs = Dfs::new(g, n);
    let mut out = BTreeSet::new();
    while let Some(a) = dfs.next(g) {
        out.insert(a);
    }
    out
}

fn descendants(lineage: &Lineage, n: NodeIndex) -> BTreeSet<NodeIndex> {
    let mut dfs = Dfs::new(&lineage.graph, n);
    let mut out = BTreeSet::new();
    while let Some(a) = dfs.next(&lineage.graph) {
        out.insert(a);
    }
    out
}

/// Date order, then declaration order.
type OrderKey = ((bool, i64), NodeIndex);

fn order_key(lineage: &Lineage, n: NodeIndex) -> OrderKey {
    (lineage.model(n).date.sort_key(), n)
}

/// The latest model every column descends from (or is), if any.
fn base(lineage: &Lineage, models: &[NodeIndex]) -> Option<NodeIndex> {
    let mut common: Option<BTreeSet<NodeIndex>> = None;
    for &n in models {
        let a = ancestors(lineage, n);
        common = Some(match common {
            None => a,
            Some(c) => c.intersection(&a).copied().collect(),
        });
    }
    common?.into_iter().max_by_key(|&n| order_key(lineage, n))
}

/// How `n` was made, named after the nearest model a reader of the table
/// knows: a parent in the table, the shared base, or the root.
fn made(lineage: &Lineage, n: NodeIndex, columns: &[NodeIndex], base: Option<NodeIndex>) -> Made {
    let up = ancestors(lineage, n);
    let mut cur = n;
    let from = loop {
        let parents = lineage.parents(cur);
        match parents.as_slice() {
            [] => break (cur != n).then_some(cur),
            [(_, parent)] => {
                if Some(*parent) == base || columns.contains(parent) {
                    break Some(*parent);
                }
                cur = *parent;
            }
            _ => {
                break base.filter(|&b| b != n && up.contains(&b)).or_else(|| {
                    up.iter()
                        .copied()
                        .filter(|&a| lineage.parents(a).is_empty())
                        .min_by_key(|&a| order_key(lineage, a))
                })
            }
        }
    };
    let Some(from) = from else {
        return Made {
            from: None,
            methods: Vec::new(),
        };
    };
    let down = descendants(lineage, from);
    let mut edges: Vec<(OrderKey, usize, MethodId)> = lineage
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (u, v) = lineage.graph.edge_endpoints(e)?;
            (down.contains(&u) && up.contains(&v) && v != from)
                .then(|| (order_key(lineage, v), e.index(), lineage.graph[e].method))
        })
        .collect();
    edges.sort();
    let mut methods = Vec::new();
    for (_, _, m) in edges {
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    Made {
        from: Some(from),
        methods,
    }
}

/// "GPT-3 + Code training + Supervised instruction tuning".
pub fn made_text(lineage: &Lineage, made: &Made, lang: Lang) -> String {
    let Some(from) = made.from else {
        return Word::AnOriginalModel.get(lang).to_string();
    };
    let mut parts = vec![model_names(lineage, from, lang).0];
    parts.extend(
        made.methods
            .iter()
            .map(|&m| canvas::clean(lineage.method(m).label.get(lang))),
    );
    parts.join(" + ")
}

/// "In-context learning (weakened) ?".
pub fn item_text(lineage: &Lineage, item: &Item, good: bool, lang: Lang) -> String {
    let label = canvas::clean(lineage.capability(item.capability).label.get(lang));
    let qualifier = match (good, item.shown) {
        (_, Shown::Absent) => None,
        (true, Shown::Present) => None,
        (true, Shown::Strong) => Some(Word::Strong.get(lang)),
        (false, Shown::Present | Shown::Strong) => Some(Word::NotAsStrong.get(lang)),
        (_, Shown::Latent) => Some(Word::LatentOnly.get(lang)),
        (_, s) => Some(s.label(lang)),
    };
    let mut s = match qualifier {
        Some(q) => words::qualified(&label, q, lang),
        None => label,
    };
    if !item.certain {
        s.push_str(" ?");
    }
    s
}

fn row_names(lang: Lang) -> [&'static str; 3] {
    [
        Word::LineageColumn.get(lang),
        Word::GoodAt.get(lang),
        Word::WeakAt.get(lang),
    ]
}

fn note(lang: Lang) -> &'static str {
    Word::TableKey.get(lang)
}

// ---------------------------------------------------------------- Markdown

/// The table as GitHub Markdown: one column per model, three rows.
pub fn markdown(view: &View, options: &Options) -> String {
    let lang = options.lang;
    let t = Table::of(view);
    let lineage = view.lineage;
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", md(view.title().get(lang)));
    let mut head = String::from("| |");
    let mut rule = String::from("|---|");
    for col in &t.columns {
        let (name, api) = model_names(lineage, col.model, lang);
        let mut h = md(&name);
        if let Some(api) = api {
            let _ = write!(h, "<br>{}", md(&api));
        }
        let _ = write!(head, " {h} |");
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{head}\n{rule}");
    let [lin, good, weak] = row_names(lang);
    let mut row = format!("| **{lin}** |");
    for col in &t.columns {
        let _ = write!(row, " {} |", md(&made_text(lineage, &col.made, lang)));
    }
    let _ = writeln!(out, "{row}");
    for (name, is_good) in [(good, true), (weak, false)] {
        let mut row = format!("| **{name}** |");
        for col in &t.columns {
            let items = if is_good { &col.good } else { &col.weak };
            let cell = if items.is_empty() {
                "—".to_string()
            } else {
                items
                    .iter()
                    .map(|i| md(&item_text(lineage, i, is_good, lang)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let _ = write!(row, " {cell} |");
        }
        let _ = writeln!(out, "{row}");
    }
    let _ = writeln!(out, "\n{}", md(note(lang)));
    out
}

// ---------------------------------------------------------------- SVG

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
            let color = palette::branch(b.0);
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
                    let color = theme.ink(palette::categorical(cap.0));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::ViewSpec;

    fn lineage() -> Lineage {
        let text = r#"Lineage(title: "t",
          methods: { "a": (label: "A"), "b": (label: "B"), "m": (label: "M") },
          capabilities: { "x": (label: "X"), "y": (label: "Y") },
          models: [
            (id: "root", name: "Root", date: "2020"),
            (id: "base", name: "Base", date: "2021", from: [(parent: "root", via: "a")]),
            (id: "l", name: "L", date: "2022", from: [(parent: "base", via: "a")], changes: [Gained(cap: "x")]),
            (id: "r", name: "R", date: "2022", from: [(parent: "base", via: "b")], changes: [Gained(cap: "y")]),
            (id: "merge", name: "Merge", date: "2023", from: [(parent: "l", via: "m"), (parent: "r", via: "m")]),
            (id: "after", name: "After", date: "2024", from: [(parent: "merge", via: "b")]),
          ],
          views: [(name: "t", kind: Table, only: ["merge", "after", "l", "r"])])"#;
        crate::lineage::fixtures::lineage(text)
    }

    #[test]
    fn lineage_is_a_chain_of_methods_from_a_model_the_reader_knows() {
        let l = lineage();
        let spec: &ViewSpec = &l.views[0];
        let view = View::of(&l, spec);
        let t = Table::of(&view);
        let made: Vec<String> = t
            .columns
            .iter()
            .map(|c| made_text(&l, &c.made, Lang::En))
            .collect();
        assert_eq!(
            made,
            ["Base + A + B + M", "Merge + B", "Base + A", "Base + B"]
        );
        // L has x, R lacks it; the merge has both: nothing to be weak at.
        let merge = &t.columns[0];
        assert!(merge.weak.is_empty());
        let l_col = &t.columns[2];
        assert_eq!(l_col.good.len(), 1);
        assert_eq!(l_col.weak.len(), 1);
        for c in &t.columns {
            assert!(c.good.iter().all(|g| !c.weak.contains(g)));
        }
    }
}
