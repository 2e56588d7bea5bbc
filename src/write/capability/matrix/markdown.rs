//! The capability matrix as a GitHub Markdown table, with its key.

use super::*;

/// The matrix as a GitHub table: glyphs in the cells, the change written
/// in bold where it happens, `?` where the source is unsure.
pub fn markdown(view: &View, options: &Options) -> String {
    let lang = options.lang;
    let m = Matrix::of(view);
    let lineage = view.lineage;
    let mut out = String::new();
    let _ = writeln!(out, "**{}**\n", md(view.title().get(lang)));
    let mut head = format!(
        "| {} | {} |",
        Word::BroughtBy.get(lang),
        Word::Capability.get(lang)
    );
    let mut rule = String::from("|---|---|");
    for col in &m.columns {
        let _ = write!(head, " {} |", md_model_head(lineage, col.model, lang));
        rule.push_str(":-:|");
    }
    let _ = writeln!(out, "{head}\n{rule}");
    if m.columns.iter().any(|c| c.branch.is_some()) {
        let mut row = format!("| | *{}* |", Word::Branch.get(lang));
        for col in &m.columns {
            let b = col
                .branch
                .map(|b| format!("*{}*", md(lineage.branch(b).label.get(lang))))
                .unwrap_or_default();
            let _ = write!(row, " {b} |");
        }
        let _ = writeln!(out, "{row}");
    }
    for group in &m.rows {
        for (i, &cap) in group.caps.iter().enumerate() {
            let method = if i == 0 {
                format!("**{}**", method_label(view, group.method, lang, true))
            } else {
                String::new()
            };
            let mut row = format!(
                "| {method} | {} |",
                md(lineage.capability(cap).label.get(lang))
            );
            for col in &m.columns {
                let _ = write!(
                    row,
                    " {} |",
                    markdown_cell(&m, group.method, cap, col.model, lang)
                );
            }
            let _ = writeln!(out, "{row}");
        }
    }
    out.push('\n');
    out.push_str(&markdown_key(lang));
    out
}

fn markdown_cell(
    m: &Matrix,
    group: Option<MethodId>,
    cap: CapabilityId,
    n: NodeIndex,
    lang: Lang,
) -> String {
    let cell = m.cell(cap, n);
    let mut s = cell.shown.glyph().to_string();
    if let Some(kind) = cell.change {
        let _ = write!(s, " **{}**", words::change(kind, lang));
        if cell.method.is_some() && cell.method != group {
            let _ = write!(s, " ({})", method_label(m.view, cell.method, lang, true));
        }
    }
    if !cell.certain {
        s.push_str(" ?");
    }
    s.trim().to_string()
}

fn markdown_key(lang: Lang) -> String {
    let states: Vec<String> = Shown::ALL
        .iter()
        .filter(|s| **s != Shown::Absent)
        .map(|s| format!("{} {}", s.glyph(), s.label(lang)))
        .collect();
    words::matrix_markdown_key(&states.join(" · "), lang)
}
