//! Generated lineages, like real ones: dated models in branches, long
//! chains, forks, merges of two to four parents, and capabilities gained,
//! strengthened, weakened, lost and recovered along the way.
//!
//! Used by `lineage generate`, the benchmarks and the property tests. The
//! output is RON text that goes through the same parser and validation as a
//! hand-written file; this module never builds a `Lineage` itself.

use std::fmt::Write as _;

use crate::rng::Rng;

/// What a capability is at a model while generating (mirrors `inherit::State`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Held {
    /// Lost, remembering the strength it had.
    Lost(i8),
    Present(i8),
}

impl Held {
    fn rank(self) -> (u8, i8) {
        match self {
            Held::Lost(_) => (1, 0),
            Held::Present(s) => (3, s),
        }
    }
}

/// Generate a lineage of `models` models as RON text.
pub fn lineage(models: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let branches = (models as f64).sqrt().ceil().clamp(1.0, 64.0) as usize / 2 + 1;
    let caps = (models / 4).clamp(4, 40);
    let methods = ["pretraining", "code", "sft", "rlhf"];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Lineage(\n  title: \"Generated lineage of {models} models (seed {seed})\","
    );
    let _ = writeln!(out, "  methods: {{");
    for m in methods {
        let _ = writeln!(out, "    \"{m}\": (label: \"{m}\"),");
    }
    let _ = writeln!(out, "  }},\n  capabilities: {{");
    for c in 0..caps {
        let _ = writeln!(out, "    \"c{c}\": (label: \"Capability {c}\"),");
    }
    let _ = writeln!(out, "  }},\n  branches: {{");
    for b in 0..branches {
        let _ = writeln!(out, "    \"b{b}\": (label: \"Branch {b}\"),");
    }
    let _ = writeln!(out, "  }},\n  models: [");
    let mut held: Vec<Vec<Option<Held>>> = Vec::with_capacity(models);
    let mut branch_of = Vec::with_capacity(models);
    let mut next_cap = 0;
    for i in 0..models {
        let branch = if i == 0 { 0 } else { rng.below(branches) };
        branch_of.push(branch);
        let parents = pick_parents(&mut rng, i, branch, &branch_of);
        let mut state = inherit_states(&held, &parents, caps);
        let month = 2000 * 12 + (i * 3 / 2).min(7000 * 12);
        let _ = write!(
            out,
            "    (id: \"m{i}\", name: \"Model {i}\", date: \"{}-{:02}\", branch: \"b{branch}\"",
            month / 12,
            month % 12 + 1
        );
        if !parents.is_empty() {
            out.push_str(", from: [");
            for p in &parents {
                let via = methods[rng.below(methods.len())];
                let certainty = if rng.chance(0.1) {
                    ", certainty: Uncertain"
                } else {
                    ""
                };
                let _ = write!(out, "(parent: \"m{p}\", via: \"{via}\"{certainty}), ");
            }
            out.push(']');
        }
        let changes = pick_changes(&mut rng, &mut state, &mut next_cap, caps, i == 0);
        if !changes.is_empty() {
            let _ = write!(out, ", changes: [{}]", changes.join(", "));
        }
        out.push_str("),\n");
        held.push(state);
    }
    out.push_str("  ],\n)\n");
    out
}

/// Mostly one recent parent in the same branch; sometimes a merge of 2–4.
fn pick_parents(rng: &mut Rng, i: usize, branch: usize, branch_of: &[usize]) -> Vec<usize> {
    if i == 0 {
        return Vec::new();
    }
    let window = i.min(40);
    let same: Vec<usize> = (i - window..i)
        .filter(|&j| branch_of[j] == branch)
        .collect();
    let first = if same.is_empty() || rng.chance(0.15) {
        i - 1 - rng.below(window)
    } else {
        same[rng.below(same.len())]
    };
    let mut parents = vec![first];
    if i > 4 && rng.chance(0.08) {
        let extra = 1 + rng.below(3);
        for _ in 0..extra {
            let p = i - 1 - rng.below(window);
            if !parents.contains(&p) {
                parents.push(p);
            }
        }
    }
    parents.sort_unstable();
    parents
}

/// The merge rule of `inherit`: the best state any parent holds, the first
/// listed parent winning ties.
fn inherit_states(held: &[Vec<Option<Held>>], parents: &[usize], caps: usize) -> Vec<Option<Held>> {
    (0..caps)
        .map(|c| {
            parents.iter().filter_map(|&p| held[p][c]).fold(
                None,
                |best: Option<Held>, h| match best {
                    Some(b) if h.rank() <= b.rank() => Some(b),
                    _ => Some(h),
                },
            )
        })
        .collect()
}

/// Changes that are valid for the current states: new capabilities are
/// gained once each; held ones are strengthened, weakened, lost, recovered.
fn pick_changes(
    rng: &mut Rng,
    state: &mut [Option<Held>],
    next_cap: &mut usize,
    caps: usize,
    root: bool,
) -> Vec<String> {
    let mut changes = Vec::new();
    let gains = if root {
        2
    } else {
        usize::from(rng.chance(0.3))
    };
    for _ in 0..gains {
        if *next_cap < caps {
            let c = *next_cap;
            *next_cap += 1;
            state[c] = Some(Held::Present(0));
            let certainty = if rng.chance(0.2) {
                ", certainty: Uncertain"
            } else {
                ""
            };
            changes.push(format!("Gained(cap: \"c{c}\"{certainty})"));
        }
    }
    if rng.chance(0.25) {
        let c = rng.below(caps);
        let changed = changes.iter().any(|s| s.contains(&format!("\"c{c}\"")));
        if let (Some(h), false) = (state[c], changed) {
            let (kind, next) = match h {
                Held::Lost(s) => ("Recovered", Held::Present(s)),
                Held::Present(s) if s < 0 && rng.chance(0.5) => ("Recovered", Held::Present(s + 1)),
                Held::Present(s) => match rng.below(3) {
                    0 => ("Strengthened", Held::Present(s.saturating_add(1))),
                    1 => ("Weakened", Held::Present(s.saturating_sub(1))),
                    _ => ("Lost", Held::Lost(s)),
                },
            };
            state[c] = Some(next);
            changes.push(format!("{kind}(cap: \"c{c}\")"));
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text() {
        assert_eq!(lineage(50, 7), lineage(50, 7));
        assert_ne!(lineage(50, 7), lineage(50, 8));
    }

    #[test]
    fn generated_lineages_validate() {
        for seed in 0..20 {
            let text = lineage(120, seed);
            let loaded = crate::lineage::load("generated.ron", text.as_bytes());
            assert!(loaded.is_ok(), "seed {seed}: {:?}", loaded.err());
        }
    }
}
