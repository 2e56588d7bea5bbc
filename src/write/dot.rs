//! Graphviz DOT.
use super::Options;
use crate::view::View;

pub fn write(view: &View, _options: &Options) -> String {
    format!("digraph \"{}\" {{\n}}\n", view.spec.name)
}
