//! Capability figures: the matrix, the flow and the comparison table.
use super::{Format, Options, WriteError};
use crate::view::View;

pub fn write(view: &View, format: Format, _options: &Options) -> Result<String, WriteError> {
    Ok(format!(
        "<!-- {} as {} -->\n",
        view.spec.name,
        format.name()
    ))
}
