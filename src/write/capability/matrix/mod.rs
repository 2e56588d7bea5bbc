//! The capability matrix drawn: the model is
//! [`crate::figure::matrix::Matrix`] (re-exported here for the format
//! files); one file per format writes it (`markdown`, `svg`).

use super::canvas::{self, p, rect, stroke, Anchor, Canvas, Font, MARGIN};
use super::{is_cost, is_origin, md, md_model_head, method_marks, model_date, model_names, Shown};
use crate::data::ChangeKind;
use crate::lineage::{CapabilityId, Lang, MethodId};
use crate::palette::{self, Rgb, Theme};
use crate::view::View;
use crate::words::{self, Word};
use crate::write::Options;
use petgraph::graph::NodeIndex;
use std::fmt::Write as _;

pub use crate::figure::matrix::*;

fn method_label(view: &View, m: Option<MethodId>, lang: Lang, escaped: bool) -> String {
    let s = match m {
        Some(m) => view.lineage.method(m).label.get(lang).to_string(),
        None => Word::NoMethodRecorded.get(lang).to_string(),
    };
    if escaped {
        md(&s)
    } else {
        canvas::clean(&s)
    }
}

mod markdown;
mod svg;

pub use markdown::markdown;
pub use svg::svg;
