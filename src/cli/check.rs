//! `lineage check`: validate files, one line each, every error reported.

use super::{input, print, Failure, Outcome};
use std::path::PathBuf;

pub fn run(files: &[PathBuf]) -> Outcome {
    let files = if files.is_empty() {
        input::graph_files()?
    } else {
        files.iter().map(|f| input::resolve_file(f)).collect()
    };
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        match input::load(file) {
            Ok((lineage, w)) => {
                warnings.extend(w);
                print::line(format_args!(
                    "{}: ok, {} models, {} derivations, {} capabilities, {} views",
                    file.display(),
                    lineage.graph.node_count(),
                    lineage.graph.edge_count(),
                    lineage.capabilities.len(),
                    lineage.views.len().max(1)
                ))?;
            }
            Err(f) => errors.extend(f.diagnostics),
        }
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        errors.extend(warnings);
        Err(Failure::input(errors))
    }
}
