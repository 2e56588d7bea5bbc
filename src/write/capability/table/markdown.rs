//! The comparison table as GitHub Markdown.

use super::*;

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
        let _ = write!(head, " {} |", md_model_head(lineage, col.model, lang));
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
