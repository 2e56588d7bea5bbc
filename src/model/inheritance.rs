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

/// Traces for every model and capability: one row of traces per model, a
/// trace per declared capability, the rows in one flat list, each trace
/// packed (a lineage of 100,000 models and 40 capabilities holds four
/// million traces: one allocation of 112 MB, not one per model of 224 MB).
#[derive(Debug, Clone, Default)]
pub struct Inheritance {
    /// Traces per row: how many capabilities are declared.
    capabilities: usize,
    /// Where each model's row starts in `traces`, by node index. Rows are
    /// stored in the order they were computed (parents first), which need
    /// not be the order of the models.
    row_start: Vec<usize>,
    traces: Vec<Packed>,
}

impl Inheritance {
    /// An empty table for `models` models and `capabilities` capabilities,
    /// filled by the loader with [`Inheritance::push_row`].
    pub(crate) fn with_capacity(models: usize, capabilities: usize) -> Inheritance {
        Inheritance {
            capabilities,
            row_start: vec![0; models],
            traces: Vec::with_capacity(models * capabilities),
        }
    }

    /// The traces of `model`, one per capability; each model's once, after
    /// its parents' (the loader walks parents first).
    pub(crate) fn push_row(&mut self, model: NodeIndex, row: &[Trace]) {
        assert_eq!(row.len(), self.capabilities, "one trace per capability");
        self.row_start[model.index()] = self.traces.len();
        self.traces.extend(row.iter().map(Packed::from));
    }

    /// Every trace of `model`, by capability index.
    pub fn row(&self, model: NodeIndex) -> impl Iterator<Item = Trace> + '_ {
        let start = self.row_start[model.index()];
        self.traces[start..start + self.capabilities]
            .iter()
            .map(|t| t.unpack())
    }

    pub fn trace(&self, model: NodeIndex, cap: CapabilityId) -> Trace {
        assert!(cap.0 < self.capabilities, "capability index out of range");
        self.traces[self.row_start[model.index()] + cap.0].unpack()
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

/// A node or method index a trace may lack, in four bytes: `u32::MAX` for
/// none. petgraph never hands out that node index, and a file small
/// enough to load declares far fewer methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MaybeIndex(u32);

impl MaybeIndex {
    const NONE: MaybeIndex = MaybeIndex(u32::MAX);

    fn of(index: Option<usize>) -> MaybeIndex {
        index
            .and_then(|i| u32::try_from(i).ok())
            .map_or(MaybeIndex::NONE, MaybeIndex)
    }

    fn get(self) -> Option<usize> {
        (self != MaybeIndex::NONE).then_some(self.0 as usize)
    }
}

/// A [`Trace`] as [`Inheritance`] stores it: the same facts in 28 bytes
/// instead of 56, indices in four bytes each. Made only from a `Trace`
/// and read back only as one, so it never holds what a `Trace` cannot say.
#[derive(Debug, Clone, Copy)]
struct Packed {
    state: State,
    /// `Some` exactly when the trace has an origin.
    origin_kind: Option<ChangeKind>,
    origin_model: MaybeIndex,
    origin_method: MaybeIndex,
    through: MaybeIndex,
    lost_at: MaybeIndex,
    certain: bool,
    changed_here: Option<ChangeKind>,
}

impl From<&Trace> for Packed {
    fn from(t: &Trace) -> Packed {
        let node = |n: Option<NodeIndex>| MaybeIndex::of(n.map(NodeIndex::index));
        Packed {
            state: t.state,
            origin_kind: t.origin.map(|o| o.kind),
            origin_model: node(t.origin.map(|o| o.model)),
            origin_method: MaybeIndex::of(t.origin.and_then(|o| o.method).map(|m| m.0)),
            through: node(t.through),
            lost_at: node(t.lost_at),
            certain: t.certain,
            changed_here: t.changed_here,
        }
    }
}

impl Packed {
    fn unpack(self) -> Trace {
        let node = |i: MaybeIndex| i.get().map(NodeIndex::new);
        Trace {
            state: self.state,
            origin: self.origin_kind.and_then(|kind| {
                Some(Origin {
                    model: node(self.origin_model)?,
                    method: self.origin_method.get().map(MethodId),
                    kind,
                })
            }),
            through: node(self.through),
            certain: self.certain,
            lost_at: node(self.lost_at),
            changed_here: self.changed_here,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_trace_reads_back_the_same() {
        let origin = Origin {
            model: NodeIndex::new(7),
            method: Some(MethodId(3)),
            kind: ChangeKind::Unlocked,
        };
        for t in [
            Trace::default(),
            Trace {
                state: State::Present { strength: -2 },
                origin: Some(origin),
                through: Some(NodeIndex::new(9)),
                certain: true,
                lost_at: None,
                changed_here: Some(ChangeKind::Weakened),
            },
            Trace {
                state: State::Lost { strength: 1 },
                origin: Some(Origin {
                    method: None,
                    ..origin
                }),
                through: None,
                certain: false,
                lost_at: Some(NodeIndex::new(0)),
                changed_here: None,
            },
        ] {
            assert_eq!(Packed::from(&t).unpack(), t);
        }
        assert_eq!(std::mem::size_of::<Packed>(), 28);
    }
}
