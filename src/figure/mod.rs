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
