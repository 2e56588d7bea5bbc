//! Loading: RON text to a validated [`Lineage`], the only way to one.
//!
//! ```text
//! bytes ─ decode ─▶ text ─ decode::parse (ron) ─▶ data::LineageFile
//!       ─ resolve ─▶ graph + declarations ─ checks ─▶ ─ inherit ─▶ Lineage
//! ```
//!
//! - `decode`: UTF-8, byte-order mark, the escape guard, RON errors in the
//!   file's terms;
//! - `spans`: where a value is written, for messages (RON gives no positions);
//! - `ids`: malformed and duplicate ids, ids to indices, references resolved;
//! - `resolve`: models, dates and changes built into the graph;
//! - `views`: view names checked, their model references resolved;
//! - `checks`: cycles (and, without one, the parents-first order that
//!   `inherit` walks), dates, unused declarations, view names;
//! - `inherit`: capability inheritance, computed before the `Lineage` is
//!   built, so a `Lineage` is never seen half-made.
//!
//! Every stage returns [`Diagnostic`]s (at most
//! [`crate::diagnostics::MAX_PER_FILE`] in full) and never prints or reads
//! files. Nothing here recurses to a depth the input sets, and every lookup
//! per error is indexed, so a hostile file costs about as much as an honest
//! one of its size.

mod checks;
mod decode;
mod ids;
mod inherit;
mod resolve;
mod spans;
mod views;

#[cfg(test)]
pub(crate) mod fixtures;

pub use checks::{valid_view_name, MAX_VIEW_NAME_CHARS};
pub use decode::{ESCAPE_RESCAN_PER_BYTE, MAX_ESCAPE_RESCAN};
pub use ids::{id_problem, ID_PUNCTUATION, MAX_ID_CHARS};
pub use inherit::Problem;
pub use resolve::MAX_TRACES;
pub use spans::{escape_cost, SlowString, Spans};

use crate::diagnostics::{Diagnostic, Source};
use crate::model::Lineage;

/// What loading a file gives: the lineage and its warnings, or every error found.
pub type Loaded = Result<(Lineage, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Read, parse and validate one lineage file. `name` is how messages refer to it.
pub fn load(name: &str, bytes: &[u8]) -> Loaded {
    let text = decode::text(name, bytes)?;
    let source = Source::new(name, text);
    decode::check_escapes(&source)?;
    let file = decode::parse(&source)?;
    resolve::Builder::new(&source, &file).build()
}
