//! `explain`: what a model can do and why, for people and for programs.
//!
//! Reads the inheritance the lineage stage computed; builds a [`Report`]
//! (serialised as JSON for programs) and tells it as text for people. It
//! computes nothing new about capabilities.

use crate::data::ChangeKind;
use crate::inherit::{State, Trace};
use crate::lineage::{CapabilityId, Lang, Lineage};
use crate::words::{self, Word};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub model: String,
    /// The current name (the last rename's, else the model's name).
    pub name: String,
    pub date: String,
    /// When its life ended; left out when the data does not say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Later names in date order; left out when never renamed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<RenameJson>,
    /// Its parents, in the order it lists them.
    pub from: Vec<ParentJson>,
    pub capabilities: Vec<Held>,
    pub lost: Vec<LostOnTheWay>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RenameJson {
    pub date: String,
    pub name: String,
}

/// One derivation into the model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ParentJson {
    pub model: String,
    pub method: String,
    /// The derivation's own date (a re-basing, a pre-release import).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `false` when its method hands down no capabilities.
    pub carries: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OriginJson {
    pub model: String,
    pub method: Option<String>,
    pub change: String,
}

/// A capability the model has (present or latent).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Held {
    pub id: String,
    pub label: String,
    pub state: String,
    pub strength: i32,
    pub origin: Option<OriginJson>,
    pub path: Vec<String>,
    pub certain: bool,
}

/// A capability an ancestor had and this model does not.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LostOnTheWay {
    pub id: String,
    pub label: String,
    pub lost_at: Option<String>,
    pub origin: Option<OriginJson>,
    pub path: Vec<String>,
    pub certain: bool,
}

/// Everything `explain --json` prints for one model.
pub fn report(lineage: &Lineage, model: NodeIndex, lang: Lang) -> Report {
    let mut capabilities = Vec::new();
    let mut lost = Vec::new();
    for cap in lineage.capability_ids() {
        let trace = lineage.inheritance.trace(model, cap);
        let path = ids(lineage, &lineage.inheritance.path(model, cap));
        let label = lineage.capability(cap).label.get(lang).to_string();
        let id = lineage.capability(cap).id.clone();
        let origin = origin_json(lineage, &trace);
        match trace.state {
            State::Absent => {}
            State::Lost { .. } => lost.push(LostOnTheWay {
                id,
                label,
                lost_at: trace.lost_at.map(|n| lineage.model(n).id.clone()),
                origin,
                path,
                certain: trace.certain,
            }),
            State::Latent | State::Present { .. } => capabilities.push(Held {
                id,
                label,
                state: trace.state.word().to_string(),
                strength: match trace.state {
                    State::Present { strength } => strength,
                    _ => 0,
                },
                origin,
                path,
                certain: trace.certain,
            }),
        }
    }
    let m = lineage.model(model);
    Report {
        model: m.id.clone(),
        name: m.current_name().get(lang).to_string(),
        date: words::date(&m.date, lang),
        end: m.end.is_known().then(|| words::date(&m.end, lang)),
        renamed: m
            .renamed
            .iter()
            .map(|r| RenameJson {
                date: words::date(&r.date, lang),
                name: r.name.get(lang).to_string(),
            })
            .collect(),
        from: lineage
            .parents(model)
            .into_iter()
            .map(|(e, p)| {
                let d = &lineage.graph[e];
                ParentJson {
                    model: lineage.model(p).id.clone(),
                    method: lineage.method(d.method).id.clone(),
                    date: d.date.is_known().then(|| words::date(&d.date, lang)),
                    carries: d.carries,
                }
            })
            .collect(),
        capabilities,
        lost,
    }
}

fn origin_json(lineage: &Lineage, trace: &Trace) -> Option<OriginJson> {
    trace.origin.map(|o| OriginJson {
        model: lineage.model(o.model).id.clone(),
        method: o.method.map(|m| lineage.method(m).id.clone()),
        change: format!("{:?}", o.kind).to_lowercase(),
    })
}

fn ids(lineage: &Lineage, path: &[NodeIndex]) -> Vec<String> {
    path.iter().map(|&n| lineage.model(n).id.clone()).collect()
}

/// The words of the text output, in one language (see [`crate::words`]).
struct Words {
    lang: Lang,
}

impl Words {
    fn get(&self, word: Word) -> &'static str {
        word.get(self.lang)
    }

    fn state(&self, state: State) -> &'static str {
        words::state(state, self.lang)
    }

    fn change(&self, kind: ChangeKind) -> &'static str {
        words::change(kind, self.lang)
    }
}

fn model_label(lineage: &Lineage, n: NodeIndex, lang: Lang) -> String {
    let m = lineage.model(n);
    let name = m.current_name().get(lang);
    if name == m.id {
        name.to_string()
    } else {
        format!("{name} ({})", m.id)
    }
}

/// The origin as a phrase: "code-davinci-001 by Code training, 2021-07".
fn origin_phrase(lineage: &Lineage, trace: &Trace, w: &Words) -> String {
    let Some(o) = trace.origin else {
        return String::new();
    };
    let m = lineage.model(o.model);
    let when = words::date(&m.date, w.lang);
    let how = o
        .method
        .map(|me| {
            format!(
                " {} {}",
                w.get(Word::By),
                lineage.method(me).label.get(w.lang)
            )
        })
        .unwrap_or_default();
    format!("{} {}{how}, {when}", w.change(o.kind), m.id)
}

fn uncertain_mark(trace: &Trace, w: &Words) -> String {
    if trace.certain {
        String::new()
    } else {
        format!("  ({})", w.get(Word::Uncertain))
    }
}

/// Every capability the model holds or lost, one block each.
pub fn text(lineage: &Lineage, model: NodeIndex, lang: Lang) -> String {
    let w = Words { lang };
    let mut out = String::new();
    let m = lineage.model(model);
    let date = words::lifespan(&m.date, &m.end, lang);
    let _ = writeln!(out, "{}, {date}", model_label(lineage, model, lang));
    let former: Vec<&str> = m.former_names().iter().map(|t| t.get(lang)).collect();
    if !former.is_empty() {
        let _ = writeln!(out, "  {}", words::formerly(&former, lang));
        for r in &m.renamed {
            let _ = writeln!(out, "  {}", words::renamed(r.name.get(lang), &r.date, lang));
        }
    }
    // Derivations that say more than their method: a date, or nothing carried.
    for (e, p) in lineage.parents(model) {
        let d = &lineage.graph[e];
        if d.date.is_known() || !d.carries {
            let line = words::derived_from(
                &lineage.model(p).id,
                lineage.method(d.method).label.get(lang),
                Some(&d.date),
                d.carries,
                lang,
            );
            let _ = writeln!(out, "  {line}");
        }
    }
    let width = lineage
        .capability_ids()
        .map(|c| lineage.capability(c).label.get(lang).chars().count())
        .max()
        .unwrap_or(0);
    for cap in lineage.capability_ids() {
        let t = lineage.inheritance.trace(model, cap);
        if t.state == State::Absent {
            continue;
        }
        let label = lineage.capability(cap).label.get(lang);
        let pad = " ".repeat(width.saturating_sub(label.chars().count()));
        let _ = writeln!(
            out,
            "  {:<8} {label}{pad}  ← {}{}",
            w.state(t.state),
            origin_phrase(lineage, &t, &w),
            uncertain_mark(&t, &w)
        );
        let path = ids(lineage, &lineage.inheritance.path(model, cap));
        let _ = writeln!(
            out,
            "  {:<8} {}: {}",
            "",
            w.get(Word::Path),
            path.join(" → ")
        );
        if let Some(at) = t.lost_at {
            let _ = writeln!(
                out,
                "  {:<8} {} {}",
                "",
                w.get(Word::LostAt),
                lineage.model(at).id
            );
        }
    }
    out
}

/// One capability's story at one model: where it came from, how sure that
/// is, the road it took, and what it was traded against on the way.
pub fn story(lineage: &Lineage, model: NodeIndex, cap: CapabilityId, lang: Lang) -> String {
    let w = Words { lang };
    let t = lineage.inheritance.trace(model, cap);
    let label = lineage.capability(cap).label.get(lang);
    let who = model_label(lineage, model, lang);
    let mut out = String::new();
    if t.origin.is_none() {
        let _ = writeln!(out, "{who}: {label}: {}.", w.state(State::Absent));
        return out;
    }
    let _ = writeln!(out, "{who}: {label}: {}.", w.state(t.state));
    let _ = writeln!(
        out,
        "  {}: {}.",
        w.get(Word::Origin),
        origin_phrase(lineage, &t, &w)
    );
    let certainty = if t.certain {
        w.get(Word::CertainStory)
    } else {
        w.get(Word::UncertainStory)
    };
    let _ = writeln!(out, "  {certainty}.");
    let path = lineage.inheritance.path(model, cap);
    let _ = writeln!(
        out,
        "  {}: {}.",
        w.get(Word::Path),
        ids(lineage, &path).join(" → ")
    );
    for &n in &path {
        for change in lineage
            .model(n)
            .changes
            .iter()
            .filter(|c| c.capability == cap)
        {
            let note = change
                .note
                .as_ref()
                .map(|t| format!(" ({})", t.get(lang)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} {}{note}.",
                lineage.model(n).id,
                w.change(change.kind)
            );
            let traded = trades(lineage, n, cap, change.kind, lang);
            if !traded.is_empty() {
                let _ = writeln!(
                    out,
                    "    {}: {}.",
                    w.get(Word::TradedAgainst),
                    traded.join(", ")
                );
            }
        }
    }
    out
}

/// At a model where `cap` went down, what went up (and the other way round).
fn trades(
    lineage: &Lineage,
    n: NodeIndex,
    cap: CapabilityId,
    kind: ChangeKind,
    lang: Lang,
) -> Vec<String> {
    let down = |k: ChangeKind| matches!(k, ChangeKind::Weakened | ChangeKind::Lost);
    let up = |k: ChangeKind| {
        matches!(
            k,
            ChangeKind::Gained
                | ChangeKind::Unlocked
                | ChangeKind::Strengthened
                | ChangeKind::Recovered
        )
    };
    let wanted: &dyn Fn(ChangeKind) -> bool = if down(kind) {
        &up
    } else if up(kind) {
        &down
    } else {
        return Vec::new();
    };
    let w = Words { lang };
    lineage
        .model(n)
        .changes
        .iter()
        .filter(|c| c.capability != cap && wanted(c.kind))
        .map(|c| {
            format!(
                "{} {}",
                lineage.capability(c.capability).label.get(lang),
                w.change(c.kind)
            )
        })
        .collect()
}
