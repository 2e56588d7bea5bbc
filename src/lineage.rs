//! The validated lineage, by its long-standing path: the model types
//! ([`crate::model`]) and [`load`] ([`crate::load`]), the only way to a
//! [`Lineage`]. This module only re-exports; it owns no code.

pub use crate::load::{load, Loaded};
pub use crate::model::*;

#[cfg(test)]
pub(crate) use crate::load::fixtures;
