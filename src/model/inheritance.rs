//! Capability inheritance: what every model can do, and why.
//!
//! Computed by walking the validated graph parents-first: a model starts
//! from what its parents hand down, then applies its own changes. For every
//! model and capability, [`Inheritance`] records the state, where the capability came from (the
//! model and method that gained or unlocked it), the parent it was inherited
//! through (so the whole path can be rebuilt), and whether all of that is
//! certain.
//!
//! **What a merge inherits.** A model with several parents inherits each
//! capability from the parent that holds it in the best state: present beats
//! latent, latent beats lost, lost beats absent; among present states the
//! greater strength wins; ties go to the parent listed first. So a merge
//! holds the union of its parents' abilities, each traced back along one
//! path.
//!
//! **Certainty.** A capability is certain at a model when the change that
//! gained or unlocked it is certain, every edge on the path from there is
//! certain, and every later change to it on that path is certain.
//!
//! This module holds the result; `load::inherit` computes it while loading.
//! It never formats text.

use super::CapabilityId;
use super::MethodId;
use crate::data::ChangeKind;
use petgraph::graph::NodeIndex;

/// The state of one capability at one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum State {
    #[default]
    Absent,
    /// There, but not usable yet.
    Latent,
    /// Usable; `strength` 0 is as gained, above is strengthened, below weakened.
    Present { strength: i32 },
    /// Was present up the line, lost at or before this model.
    Lost { strength: i32 },
}

impl State {
    /// Order used to pick what a merge inherits.
    pub(crate) fn rank(self) -> (u8, i32) {
        match self {
            State::Absent => (0, 0),
            State::Lost { .. } => (1, 0),
            State::Latent => (2, 0),
            State::Present { strength } => (3, strength),
        }
    }

    pub fn is_present(self) -> bool {
        matches!(self, State::Present { .. })
    }

    /// A short word: absent, latent, present, strong, weakened, lost.
    pub fn word(self) -> &'static str {
        match self {
            State::Absent => "absent",
            State::Latent => "latent",
            State::Present { strength } if strength > 0 => "strong",
            State::Present { strength } if strength < 0 => "weakened",
            State::Present { .. } => "present",
            State::Lost { .. } => "lost",
        }
    }
}

/// Where a capability came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub model: NodeIndex,
    pub method: Option<MethodId>,
    pub kind: ChangeKind,
}

/// One capability at one model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Trace {
    pub state: State,
    pub origin: Option<Origin>,
    /// The parent it was handed down through; `None` at the origin.
    pub through: Option<NodeIndex>,
    pub certain: bool,
    /// Where it was lost, when `state` is lost.
    pub lost_at: Option<NodeIndex>,
    /// The change made at this model, if any.
    pub changed_here: Option<ChangeKind>,
}

/// Traces for every model (by node index) and capability (by id).
#[derive(Debug, Clone, Default)]
pub struct Inheritance {
    traces: Vec<Vec<Trace>>,
}

impl Inheritance {
    /// Traces by node index, then capability index; built by the loader.
    pub(crate) fn new(traces: Vec<Vec<Trace>>) -> Inheritance {
        Inheritance { traces }
    }

    pub fn trace(&self, model: NodeIndex, cap: CapabilityId) -> &Trace {
        &self.traces[model.index()][cap.0]
    }

    /// The models the capability travelled through, origin first, ending at `model`.
    /// Empty when it never reached `model`.
    pub fn path(&self, model: NodeIndex, cap: CapabilityId) -> Vec<NodeIndex> {
        let mut path = Vec::new();
        let mut at = Some(model);
        while let Some(n) = at {
            let trace = self.trace(n, cap);
            if trace.origin.is_none() {
                return Vec::new();
            }
            path.push(n);
            at = trace.through;
        }
        path.reverse();
        path
    }
}
