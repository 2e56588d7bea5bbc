//! What every capability figure (matrix, flow, table) reads the same way:
//! the six states a figure tells apart ([`Shown`]), which changes bring a
//! capability in or give it up, the method that brings it, the capabilities
//! a view shows grouped by method, the methods' short marks, and a model's
//! name and date as a figure says them.
//!
//! Nothing here computes a capability's state (the inheritance did), and
//! nothing here is syntax: no escaping, no measuring, no placing.

use crate::data::ChangeKind;
use crate::inherit::{State, Trace};
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::view::View;
use crate::words::Word;
use petgraph::graph::NodeIndex;

/// The six states a figure tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shown {
    Absent,
    Lost,
    Latent,
    Weakened,
    Present,
    Strong,
}

impl Shown {
    pub const ALL: [Shown; 6] = [
        Shown::Latent,
        Shown::Present,
        Shown::Strong,
        Shown::Weakened,
        Shown::Lost,
        Shown::Absent,
    ];

    pub fn of(state: State) -> Shown {
        match state {
            State::Absent => Shown::Absent,
            State::Latent => Shown::Latent,
            State::Present { strength } if strength > 0 => Shown::Strong,
            State::Present { strength } if strength < 0 => Shown::Weakened,
            State::Present { .. } => Shown::Present,
            State::Lost { .. } => Shown::Lost,
        }
    }

    /// The word `explain --json` uses.
    pub fn word(self) -> &'static str {
        match self {
            Shown::Absent => "absent",
            Shown::Latent => "latent",
            Shown::Present => "present",
            Shown::Strong => "strong",
            Shown::Weakened => "weakened",
            Shown::Lost => "lost",
        }
    }

    /// The word a reader sees.
    pub fn label(self, lang: Lang) -> &'static str {
        let word = match self {
            Shown::Absent => Word::Absent,
            Shown::Latent => Word::Latent,
            Shown::Present => Word::Present,
            Shown::Strong => Word::Strong,
            Shown::Weakened => Word::Weakened,
            Shown::Lost => Word::Lost,
        };
        word.get(lang)
    }

    /// The glyph Markdown shows (SVG draws the same shapes).
    pub fn glyph(self) -> &'static str {
        match self {
            Shown::Absent => "",
            Shown::Latent => "○",
            Shown::Present => "●",
            Shown::Strong => "◉",
            Shown::Weakened => "◐",
            Shown::Lost => "✕",
        }
    }

    /// Order for comparing models: more usable is higher.
    pub fn score(self) -> u8 {
        match self {
            Shown::Absent | Shown::Lost => 0,
            Shown::Latent => 1,
            Shown::Weakened => 2,
            Shown::Present => 3,
            Shown::Strong => 4,
        }
    }
}

pub use crate::words::change as change_word;

/// A change that brings a capability in: gained or unlocked.
pub fn is_origin(kind: Option<ChangeKind>) -> bool {
    matches!(kind, Some(ChangeKind::Gained | ChangeKind::Unlocked))
}

/// A change that gives a capability (partly) up: weakened or lost.
pub fn is_cost(kind: Option<ChangeKind>) -> bool {
    matches!(kind, Some(ChangeKind::Weakened | ChangeKind::Lost))
}

/// Whether a figure should mark the trace uncertain: only a capability
/// that is there (or was lost) can be uncertain.
pub fn uncertain(trace: &Trace) -> bool {
    trace.state != State::Absent && !trace.certain
}

/// The method that brings `cap` into the view: the method of its origin at
/// the first model (in the view's date order) where it is gained or
/// unlocked; failing that, at the first model where it appears at all (a
/// latent capability never unlocked). `None` when no method is recorded.
pub fn bringing_method(view: &View, cap: CapabilityId) -> Option<MethodId> {
    let inh = &view.lineage.inheritance;
    let origins = view
        .models
        .iter()
        .filter_map(|&n| inh.trace(n, cap).origin)
        .collect::<Vec<_>>();
    origins
        .iter()
        .find(|o| is_origin(Some(o.kind)))
        .or(origins.first())
        .and_then(|o| o.method)
}

/// Capabilities the view shows, grouped by the method that brings them
/// (methods in declaration order, capabilities without a method last),
/// in declaration order within a group. Capabilities absent from every
/// model of the view are left out.
pub fn grouped_capabilities(view: &View) -> Vec<(Option<MethodId>, Vec<CapabilityId>)> {
    let lineage = view.lineage;
    let mut groups: Vec<(Option<MethodId>, Vec<CapabilityId>)> = Vec::new();
    let mut keyed: Vec<(usize, CapabilityId, Option<MethodId>)> = lineage
        .capability_ids()
        .filter(|&c| {
            view.models
                .iter()
                .any(|&n| lineage.inheritance.trace(n, c).state != State::Absent)
        })
        .map(|c| {
            let m = bringing_method(view, c);
            (m.map_or(usize::MAX, |m| m.0), c, m)
        })
        .collect();
    keyed.sort_by_key(|&(k, c, _)| (k, c));
    for (_, c, m) in keyed {
        match groups.last_mut() {
            Some((gm, caps)) if *gm == m => caps.push(c),
            _ => groups.push((m, vec![c])),
        }
    }
    groups
}

/// A short mark for a method: the first letter of its English label (upper
/// case; the same in every language, like "RLHF"), or its number when two
/// methods would share a letter.
pub fn method_marks(lineage: &Lineage) -> Vec<String> {
    let initial = |i: usize| {
        lineage.methods[i]
            .label
            .en
            .chars()
            .find(|c| c.is_alphanumeric())
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default()
    };
    let letters: Vec<String> = (0..lineage.methods.len()).map(initial).collect();
    let unique = letters
        .iter()
        .all(|l| !l.is_empty() && letters.iter().filter(|m| *m == l).count() == 1);
    if unique {
        letters
    } else {
        (1..=lineage.methods.len()).map(|i| i.to_string()).collect()
    }
}

/// A model's name, and its API name when that differs, on one line each.
pub fn model_names(lineage: &Lineage, n: NodeIndex, lang: Lang) -> (String, Option<String>) {
    super::model_names(lineage.model(n), lang, super::clean)
}

/// A model's date in the figure's language.
pub fn model_date(lineage: &Lineage, n: NodeIndex, lang: Lang) -> String {
    crate::words::date(&lineage.model(n).date, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_in_order() {
        assert!(Shown::Strong.score() > Shown::Present.score());
        assert!(Shown::Present.score() > Shown::Weakened.score());
        assert!(Shown::Weakened.score() > Shown::Latent.score());
        assert!(Shown::Latent.score() > Shown::Lost.score());
    }
}
