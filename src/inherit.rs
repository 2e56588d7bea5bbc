//! Capability inheritance, by its long-standing path: the result types live
//! in [`crate::model`] (`model::inheritance` documents the rules), the
//! computation in `crate::load` (a `Lineage` is born with its inheritance).
//! This module only re-exports; it owns no code.

pub use crate::model::{Inheritance, Origin, State, Trace};
