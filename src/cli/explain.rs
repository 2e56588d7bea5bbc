//! `lineage explain`: what a model can do and why, as text or JSON.

use super::{input, print, Failure, Outcome};
use crate::diagnostics::{did_you_mean, some_of};
use crate::explain;
use crate::lineage::Lang;
use std::path::Path;

/// How many ids a hint lists when there is no close match.
const LISTED: usize = 12;

pub fn run(file: &Path, model: &str, capability: Option<&str>, json: bool, lang: Lang) -> Outcome {
    let path = input::resolve_file(file);
    let (lineage, warnings) = input::load(&path)?;
    let name = path.display().to_string();
    let Some(n) = lineage.find_model(model) else {
        let ids: Vec<&str> = lineage
            .graph
            .node_weights()
            .map(|m| m.id.as_str())
            .collect();
        return Err(Failure::message(
            &name,
            format!("no model \"{model}\" in this lineage"),
            Some(hint_for(model, "models", &ids)),
        ));
    };
    let mut report = explain::report(&lineage, n, lang);
    if let Some(cap_id) = capability {
        let Some(cap) = lineage.find_capability(cap_id) else {
            let ids: Vec<&str> = lineage.capabilities.iter().map(|c| c.id.as_str()).collect();
            return Err(Failure::message(
                &name,
                format!("no capability \"{cap_id}\" in this lineage"),
                Some(hint_for(cap_id, "capabilities", &ids)),
            ));
        };
        if !json {
            print::product(explain::story(&lineage, n, cap, lang))?;
            return Ok(warnings);
        }
        report.capabilities.retain(|c| c.id == cap_id);
        report.lost.retain(|c| c.id == cap_id);
    }
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::message(&name, format!("cannot write JSON: {e}"), None))?;
        print::product(format!("{text}\n"))?;
    } else {
        print::product(explain::text(&lineage, n, lang))?;
    }
    Ok(warnings)
}

/// "did you mean …", or the first few ids and how many more there are.
fn hint_for(wanted: &str, kind: &str, ids: &[&str]) -> String {
    did_you_mean(wanted, ids.iter().copied())
        .unwrap_or_else(|| format!("{kind}: {}", some_of(ids, LISTED)))
}
