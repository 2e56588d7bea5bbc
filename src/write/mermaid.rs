//! Mermaid flowcharts.
use super::{Options, WriteError};
use crate::view::View;

pub fn write(view: &View, _options: &Options) -> Result<String, WriteError> {
    Ok(format!("flowchart LR\n  n0[\"{}\"]\n", view.spec.name))
}

pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    Ok(format!("```mermaid\n{}```\n", write(view, options)?))
}
