//! Figure models: what a figure says, decided once, before any syntax.
//!
//! A writer turns a model into its format's syntax and sizes; it never
//! decides what a card, a legend or a label says. Words come from
//! [`crate::words`]; data text comes cleaned of control characters, with
//! its own line breaks kept. This module must not escape, measure or place.

pub mod capability;
pub mod flow;
pub mod lineage;
pub mod matrix;
pub mod table;

/// A model's name, and its API name when that differs from the name, each
/// tidied by `tidy` ([`clean`] for one line, [`lines`] to keep line breaks):
/// the one rule every figure names a model by.
pub fn model_names(
    m: &crate::model::Model,
    lang: crate::lineage::Lang,
    tidy: fn(&str) -> String,
) -> (String, Option<String>) {
    let name = tidy(m.current_name().get(lang));
    let api = m.api.as_deref().map(tidy).filter(|a| *a != name);
    (name, api)
}

/// User text on one line, as every figure shows a label: no control
/// characters, all white space (line breaks too) collapsed to one space.
pub fn clean(text: &str) -> String {
    // Most text is clean already (single spaces between words, no
    // controls): copied as it is, it costs one allocation, not three.
    let mut after_space = true;
    let already = text.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !after_space
        } else {
            !c.is_control() && c != '\u{FFFE}' && c != '\u{FFFF}'
        };
        after_space = c.is_whitespace();
        ok
    });
    if already && !after_space {
        return text.to_string();
    }
    crate::text::strip_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` without control characters, each line's white space collapsed,
/// empty lines dropped; lines joined by `\n`.
pub fn lines(text: &str) -> String {
    crate::text::strip_controls(text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    /// The shortcut for clean text gives what the full cleaning gives.
    #[test]
    fn clean_text_is_kept_as_the_full_cleaning_keeps_it() {
        let full = |t: &str| {
            crate::text::strip_controls(t)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let pieces = [
            "a", "GPT-4", " ", "  ", "\n", "\t", "\r", "\u{a0}", "\u{3000}", "\u{85}", "\u{1b}",
            "\u{fffe}", "\u{ffff}", "模型", "é", "&", "",
        ];
        let mut rng = crate::rng::Rng::new(3);
        for _ in 0..20_000 {
            let n = rng.below(6);
            let text: String = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
            assert_eq!(super::clean(&text), full(&text), "{text:?}");
        }
    }
}
