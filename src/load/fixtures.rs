//! Test lineages for the unit tests of every stage.

use super::load;
use crate::model::Lineage;

/// `text` loaded, or a panic showing its diagnostics as a user sees them.
pub fn lineage(text: &str) -> Lineage {
    match load("test.ron", text.as_bytes()) {
        Ok((l, _)) => l,
        Err(e) => panic!("{}", e.iter().map(|d| d.render(false)).collect::<String>()),
    }
}

/// `tests/hostile.ron`: every string a writer has to escape.
pub fn hostile() -> Lineage {
    lineage(include_str!("../../tests/hostile.ron"))
}
