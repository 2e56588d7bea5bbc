//! The lineage figure: everything it says, decided once for DOT, Mermaid
//! and SVG: each model's card ([`Card`]) and role ([`Role`]), each edge's
//! label and tooltip ([`EdgeLabel`]), the lanes ([`lanes`]), the legend
//! ([`legend`]) and the source list ([`sources`]).
//!
//! Each writer chooses only how much of it its medium has room for and
//! how to write it (one line or several, which separator, which escaping);
//! none decides what a card, a label, a lane or a legend says. Data text
//! comes with its own line breaks kept (see [`crate::figure::lines`]).

mod card;
mod edge;
mod frame;
mod legend;

pub use card::{Card, ChangeLine};
pub use edge::EdgeLabel;
pub use frame::{lanes, sources, Lane, SourceLine};
pub use legend::{legend, Entry, LegendEntry};

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
