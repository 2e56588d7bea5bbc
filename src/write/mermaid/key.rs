//! The key of a Mermaid figure: what its marks (`+ ○ ◆ ?`, dashed
//! arrows, thick borders) mean, as a node in the flowchart or a line of
//! Markdown under it. Words come from `crate::words`.

use super::label;
use crate::data::{Certainty, ChangeKind};
use crate::figure::lineage::{Card, Role};
use crate::lineage::Lang;
use crate::palette::Theme;
use crate::view::View;
use crate::words::{self, Word};
use crate::write::svg::card::glyph;
use std::collections::BTreeSet;

/// What the marks of a figure mean: one entry per mark the figure uses.
pub fn key(
    kinds: &BTreeSet<ChangeKind>,
    uncertain: bool,
    dashed: bool,
    merge: bool,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = kinds
        .iter()
        .map(|&k| format!("{} {}", glyph(k), words::change(k, lang)))
        .collect();
    if uncertain {
        out.push(format!("? {}", Word::UncertainGuess.get(lang)));
    }
    if dashed {
        out.push(Word::KeyDashedArrow.get(lang).to_string());
    }
    if merge {
        out.push(Word::KeyThickBorder.get(lang).to_string());
    }
    out
}

/// The key of a lineage view: the change marks its cards show, `?` when a
/// change is uncertain, and the dashed arrow and thick border when it has
/// an uncertain derivation or a merge.
pub(super) fn lineage_key(view: &View, lang: Lang) -> Vec<String> {
    let mut kinds = BTreeSet::new();
    let mut uncertain = false;
    for &n in &view.models {
        for change in Card::of(view, n, lang).changes {
            kinds.insert(change.kind);
            uncertain |= !change.certain;
        }
    }
    let lineage = view.lineage;
    let dashed = view
        .edges
        .iter()
        .any(|&e| lineage.graph[e].certainty == Certainty::Uncertain);
    uncertain |= dashed;
    let merge = view
        .models
        .iter()
        .any(|&n| Role::of(view, n) == Role::Merge);
    key(&kinds, uncertain, dashed, merge, lang)
}

/// The key as one line of Markdown: "Key: + gained · ○ latent · …".
pub fn key_line(entries: &[String], lang: Lang) -> String {
    let text = format!("{}{}", Word::Key.get(lang), entries.join(" · "));
    crate::write::markdown::text(&text)
}

/// The key as a Mermaid node `k0` (class `lnKey`), tied below `last`
/// by an invisible link, which must come after every visible link (link
/// styles count links in order). Entries share a line up to
/// [`KEY_LINE`] characters, so the key is no wider than a card.
pub fn key_node(entries: &[String], last: Option<&str>, lang: Lang, theme: &Theme) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut lines = vec![Word::Legend.get(lang).to_string()];
    let mut line = String::new();
    for entry in entries {
        if !line.is_empty() && line.chars().count() + 3 + entry.chars().count() > KEY_LINE {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(entry);
    }
    lines.push(line);
    let mut out = format!("  k0[\"{}\"]\n", label(&lines.join("\n")));
    if let Some(last) = last {
        out.push_str(&format!("  {last} ~~~ k0\n"));
    }
    out.push_str(&format!(
        "  classDef lnKey fill:{},stroke:{},stroke-dasharray:4 3,color:{}\n  class k0 lnKey\n",
        theme.background.hex(),
        theme.card_stroke.hex(),
        theme.text.hex()
    ));
    out
}

/// Characters on one line of a key node.
const KEY_LINE: usize = 26;
