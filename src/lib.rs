//! lineage: lineage and capability-inheritance data, written by hand in RON,
//! drawn as Graphviz DOT, Mermaid and SVG.
//!
//! The crate is a pipeline, one module per stage, data flowing one way:
//!
//! ```text
//! RON text ─ data ─▶ LineageFile ─ load ─▶ model::Lineage (+ inheritance) ─ view ─▶ View
//!          ─ figure ─▶ what each figure says ─ layout ─▶ Layout
//!          ─ write ─▶ dot | mermaid | markdown | svg | png
//! ```
//!
//! Only the command line (`src/cli/`) reads or writes files. Every word
//! lineage itself writes for a reader is in [`words`]; `src/write/mod.rs`
//! says how to add a format or a view kind.

pub mod cli;
pub mod data;
pub mod date;
pub mod diagnostics;
pub mod explain;
pub mod figure;
pub mod generate;
pub mod inherit;
pub mod inject;
pub mod layout;
pub mod lineage;
pub mod load;
pub mod model;
pub mod palette;
pub mod rng;
pub mod text;
pub mod view;
pub mod words;
pub mod write;
