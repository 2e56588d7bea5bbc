//! The lineage figure: everything it says, decided once for DOT, Mermaid
//! and SVG: each model's card ([`Card`]) and role ([`Role`]).
//!
//! Each writer chooses only how much of it its medium has room for and
//! how to write it; none decides what a card, a label or a legend says.

mod card;

pub use card::{Card, ChangeLine};

use crate::view::View;
use petgraph::graph::NodeIndex;

/// What part a model plays in the view, which every format marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// No parent in the view.
    Root,
    /// Two or more parents in the view.
    Merge,
    /// One parent and no child in the view.
    Leaf,
    Normal,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Root, Role::Merge, Role::Leaf, Role::Normal];

    pub fn of(view: &View, n: NodeIndex) -> Role {
        let parents = view.parents(n).len();
        let has_children = view
            .lineage
            .children(n)
            .iter()
            .any(|(e, _)| view.edges.binary_search(e).is_ok());
        match parents {
            0 => Role::Root,
            1 if !has_children => Role::Leaf,
            1 => Role::Normal,
            _ => Role::Merge,
        }
    }
}
