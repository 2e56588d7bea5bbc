//! The comparison table drawn: the model is
//! [`crate::figure::table::Table`] (re-exported here for the format
//! files); one file per format writes it (`markdown`, `svg`).

use super::canvas::{self, p, rect, stroke, Anchor, Canvas, Font, MARGIN};
use super::{md, md_model_head, model_date, model_names};
use crate::lineage::{CapabilityId, Lang};
use crate::palette;
use crate::view::View;
use crate::words::{self, Word};
use crate::write::Options;
use std::fmt::Write as _;

pub use crate::figure::table::*;

mod markdown;
mod svg;

pub use markdown::markdown;
pub use svg::svg;
