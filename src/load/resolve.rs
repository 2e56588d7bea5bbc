//! Resolving: the parsed file built into a graph of models, each with its
//! date read and its references resolved (through `ids`, which checks and
//! indexes every declaration list's ids), and the declarations and sources
//! of the `Lineage`. Collects every error; the checks on the resolved graph
//! are in `checks`, capability inheritance in `inherit`.

use super::ids::{source_key, Table};
use super::inherit;
use super::spans::Spans;
use super::Loaded;
use crate::data::{self, Declared, LineageFile};
use crate::date::{self, Date};
use crate::diagnostics::{shorten, Diagnostic, Location, Source, Span, MAX_PER_FILE};
use crate::model::{
    BranchId, CapabilityId, Change, Declaration, Derivation, Graph, Lineage, MethodId, Model,
    Rename, SourceId, SourceRef, Text,
};
use petgraph::graph::NodeIndex;
use std::cell::OnceCell;
use std::collections::BTreeSet;

/// Resolves a parsed file into a [`Lineage`], collecting every error.
///
/// At most [`MAX_PER_FILE`] errors and as many warnings are reported in
/// full; past that they are only counted (no span lookup, no suggestion),
/// so a file with a million mistakes costs no more than a correct one.
pub(super) struct Builder<'a> {
    pub(super) source: &'a Source<'a>,
    pub(super) file: &'a LineageFile<'a>,
    /// Scanned on the first message that needs a place: a file without
    /// errors or warnings never pays for it.
    spans: OnceCell<Spans>,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) more_errors: usize,
    pub(super) more_warnings: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(source: &'a Source<'a>, file: &'a LineageFile) -> Self {
        Builder {
            source,
            file,
            spans: OnceCell::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            more_errors: 0,
            more_warnings: 0,
        }
    }

    pub(super) fn spans(&self) -> &Spans {
        self.spans.get_or_init(|| Spans::scan(self.source.text))
    }

    pub(super) fn at(&self, span: Option<Span>) -> Option<Location> {
        span.map(|s| self.source.locate(s))
    }

    /// No more errors will be shown in full: skip the work of locating one.
    pub(super) fn full(&self) -> bool {
        self.errors.len() >= MAX_PER_FILE
    }

    /// Whether the inheritance table (a trace per model and capability)
    /// stays within [`MAX_TRACES`]; if not, says so at the last declared
    /// capability, before the table is made.
    fn traces_fit(&mut self, graph: &Graph) -> bool {
        let declared = &self.file.capabilities.0;
        let traces = graph.node_count().saturating_mul(declared.len());
        if traces <= MAX_TRACES {
            return true;
        }
        let span = declared.last().and_then(|(id, _)| self.spans().key(id, 0));
        self.error(
            format!(
                "{} models and {} capabilities make {traces} capability traces; \
                 lineage holds at most {MAX_TRACES}",
                graph.node_count(),
                declared.len()
            ),
            span,
            Some(
                "every model has a trace of every capability: split the lineage into \
                 several files, or declare fewer capabilities"
                    .into(),
            ),
        );
        false
    }

    pub(super) fn error(&mut self, message: String, span: Option<Span>, hint: Option<String>) {
        if self.full() {
            self.more_errors += 1;
            return;
        }
        let mut d = Diagnostic::error(self.source.name, bounded(message)).at(self.at(span));
        d.hint = hint.map(bounded);
        self.errors.push(d);
    }

    pub(super) fn warn(&mut self, message: String, span: Option<Span>, hint: String) {
        if self.warnings.len() >= MAX_PER_FILE {
            self.more_warnings += 1;
            return;
        }
        let d = Diagnostic::warning(self.source.name, bounded(message))
            .at(self.at(span))
            .hint(bounded(hint));
        self.warnings.push(d);
    }

    /// The errors, with a last line counting those not shown.
    pub(super) fn failed(mut self) -> Loaded {
        if self.more_errors > 0 {
            self.errors.push(Diagnostic::error(
                self.source.name,
                format!("… and {} more errors", self.more_errors),
            ));
        }
        Err(self.errors)
    }

    pub(super) fn build(mut self) -> Loaded {
        let f = self.file;
        let sources = self.table("source", &f.sources);
        let methods = self.table("method", &f.methods);
        let capabilities = self.table("capability", &f.capabilities);
        let branches = self.table("branch", &f.branches);
        let models = self.model_table();
        self.check_source_keys();
        let tables = Tables {
            sources,
            methods,
            capabilities,
            branches,
            models,
        };
        let graph = self.graph(&tables);
        let parents_first = self.check_cycles(&graph);
        let Some(parents_first) = parents_first.filter(|_| self.errors.is_empty()) else {
            return self.failed();
        };
        self.check_dates(&graph);
        let views = self.views(&graph, &tables.models, &tables.branches);
        self.warn_unused(&graph);
        if !self.errors.is_empty() {
            return self.failed();
        }
        if !self.traces_fit(&graph) {
            return self.failed();
        }
        let capabilities =
            declarations(&f.capabilities, |d| (&d.label, &d.zh, &d.note, &d.note_zh));
        let inheritance = match inherit::compute(&graph, &parents_first, &capabilities) {
            Ok(inheritance) => inheritance,
            Err(problems) => {
                for p in problems {
                    self.change_error(&graph, &capabilities, p);
                }
                return self.failed();
            }
        };
        let lineage = Lineage {
            title: Text::new(&f.title, &f.title_zh),
            subtitle: Text::optional(&f.subtitle, &f.subtitle_zh),
            sources: f
                .sources
                .0
                .iter()
                .enumerate()
                .map(|(i, (id, s))| SourceRef {
                    id: id.clone(),
                    title: Text::new(&s.title, &s.zh),
                    url: s.url.clone(),
                    key: source_key(i, &s.key),
                })
                .collect(),
            methods: declarations(&f.methods, |d| (&d.label, &d.zh, &d.note, &d.note_zh))
                .into_iter()
                .zip(&f.methods.0)
                .map(|(d, (_, m))| Declaration {
                    carries: m.carries,
                    ..d
                })
                .collect(),
            capabilities,
            branches: declarations(&f.branches, |d| (&d.label, &d.zh, &d.note, &d.note_zh)),
            graph,
            views,
            inheritance,
        };
        if self.more_warnings > 0 {
            let more = self.more_warnings;
            self.warnings.push(Diagnostic::warning(
                self.source.name,
                format!("… and {more} more warnings"),
            ));
        }
        Ok((lineage, self.warnings))
    }

    /// Where the `i`th model's `id: "…"` is written. Models are the only
    /// declarations with an `id` field, so the `i`th such literal is it,
    /// however its value is escaped.
    pub(super) fn model_span(&self, i: usize) -> Option<Span> {
        self.spans()
            .nth_field("id", i)
            .or_else(|| self.spans().model(&self.file.models[i].id))
    }

    fn graph(&mut self, t: &Tables) -> Graph {
        let models = &self.file.models;
        let derivations = models.iter().map(|m| m.from.len()).sum();
        let mut graph = Graph::with_capacity(models.len(), derivations);
        for (i, decl) in self.file.models.iter().enumerate() {
            let model = self.model(t, i, decl);
            graph.add_node(model);
        }
        for (child, decl) in self.file.models.iter().enumerate() {
            let at = At::Model(child);
            let mut parents = BTreeSet::new();
            for d in &decl.from {
                let parent = self.resolve(&t.models, &d.parent, at, "parent");
                let method = self.resolve(&t.methods, &d.via, at, "via");
                let sources = self.resolve_all(&t.sources, &d.sources, at, "sources", SourceId);
                let date = match &d.date {
                    Some(raw) => self.date(
                        Some(raw),
                        &decl.id,
                        "date",
                        "derivation date",
                        Some(&d.parent),
                        at,
                    ),
                    None => Date::Unknown,
                };
                if let (Some(parent), Some(method)) = (parent, method) {
                    if parent == child {
                        let anchor = self.anchor(at);
                        let span = self.spans().after(anchor, Some("parent"), &d.parent);
                        self.error(
                            format!("model \"{}\" is its own parent", decl.id),
                            span.or(anchor),
                            Some("a model derives from another model".into()),
                        );
                        continue;
                    }
                    if !parents.insert(parent) {
                        let anchor = self.anchor(at);
                        let span = self.nth_after(anchor, "parent", &d.parent, 1);
                        self.error(
                            format!("model \"{}\" lists parent \"{}\" twice", decl.id, d.parent),
                            span.or(anchor),
                            Some(
                                "list each parent once; a model derived from one parent \
                                 by two methods is one derivation: keep the main method and \
                                 say the other in its `note`"
                                    .into(),
                            ),
                        );
                        continue;
                    }
                    graph.add_edge(
                        NodeIndex::new(parent),
                        NodeIndex::new(child),
                        Derivation {
                            method: MethodId(method),
                            date,
                            carries: self.file.methods.0[method].1.carries,
                            certainty: d.certainty,
                            note: Text::optional(&d.note, &d.note_zh),
                            sources,
                        },
                    );
                }
            }
        }
        graph
    }

    /// The `nth` (0-based) `field: "value"` at or after `anchor`.
    pub(super) fn nth_after(
        &self,
        anchor: Option<Span>,
        field: &str,
        value: &str,
        nth: usize,
    ) -> Option<Span> {
        let mut span = self.spans().after(anchor, Some(field), value);
        for _ in 0..nth {
            span = span.and_then(|s| {
                self.spans().after(
                    Some(Span {
                        start: s.end,
                        end: s.end,
                    }),
                    Some(field),
                    value,
                )
            });
        }
        span
    }

    fn model(&mut self, t: &Tables, i: usize, decl: &data::ModelDecl) -> Model {
        let at = At::Model(i);
        let date = self.date(decl.date.as_deref(), &decl.id, "date", "date", None, at);
        let end = self.date(decl.end.as_deref(), &decl.id, "end", "end date", None, at);
        let renamed = decl
            .renamed
            .iter()
            .map(|r| Rename {
                date: self.date(Some(&r.date), &decl.id, "date", "rename date", None, at),
                name: Text::new(&r.name, &r.name_zh),
            })
            .collect();
        let branch = decl
            .branch
            .as_ref()
            .and_then(|b| self.resolve(&t.branches, b, at, "branch").map(BranchId));
        let sources = self.resolve_all(&t.sources, &decl.sources, at, "sources", SourceId);
        let changes = decl
            .changes
            .iter()
            .filter_map(|c| self.change(t, c, at))
            .collect();
        Model {
            id: decl.id.to_string(),
            name: Text::new(&decl.name, &decl.name_zh),
            api: decl.api.clone(),
            date,
            end,
            renamed,
            params: decl.params.clone(),
            context: decl.context.clone(),
            branch,
            note: Text::optional(&decl.note, &decl.note_zh),
            sources,
            changes,
        }
    }

    /// A date as written in `field` of model `model`, or the error saying
    /// what is wrong with it (at the literal, looked for after the model's
    /// `parent: "after_parent"` when given, else after the model's id) and
    /// [`Date::Unknown`]. Where the literal is written is looked up only for
    /// the error: a valid file never builds the position index.
    fn date(
        &mut self,
        raw: Option<&str>,
        model: &str,
        field: &str,
        what: &str,
        after_parent: Option<&str>,
        at: At,
    ) -> Date {
        let Some(raw) = raw else {
            return Date::Unknown;
        };
        match date::parse(raw) {
            Ok(d) => d,
            Err(e) => {
                let anchor = self.anchor(at);
                let after =
                    after_parent.and_then(|p| self.spans().after(anchor, Some("parent"), p));
                let span = self
                    .spans()
                    .after(after.or(anchor), Some(field), raw)
                    .or(anchor);
                self.error(
                    format!(
                        "bad {what} \"{}\" for model \"{}\": {}",
                        shorten(raw, 64),
                        shorten(model, 64),
                        e.0
                    ),
                    span,
                    Some(
                        "write \"2020\", \"2020-07\", \"2020-07-11\", \"2022-04 to 2022-07\", \
                         \"about 2018\", \"after 2021-07\" or \"unknown\""
                            .into(),
                    ),
                );
                Date::Unknown
            }
        }
    }

    fn change(&mut self, t: &Tables, c: &data::ChangeDecl, at: At) -> Option<Change> {
        let body = c.body();
        let capability = self.resolve(&t.capabilities, &body.cap, at, "cap");
        let method = match &body.via {
            Some(via) => Some(self.resolve(&t.methods, via, at, "via").map(MethodId)?),
            None => None,
        };
        let sources = self.resolve_all(&t.sources, &body.sources, at, "sources", SourceId);
        Some(Change {
            kind: c.kind(),
            capability: CapabilityId(capability?),
            method,
            certainty: body.certainty,
            note: Text::optional(&body.note, &body.note_zh),
            sources,
        })
    }
}

/// Longest message or hint, in characters: ids in messages are shortened
/// where they are written, and this is the backstop for the rest (a model
/// with a malformed million-character id can still be its own parent).
const MAX_MESSAGE_CHARS: usize = 1_000;

/// Most capability traces (models × declared capabilities) a lineage may
/// hold. Inheritance keeps one per pair (28 bytes) and computes each, so
/// this bounds its memory (about 560 MB) and time for a file whose size
/// alone would not: 64 MiB can declare a million of each.
pub const MAX_TRACES: usize = 20_000_000;

fn bounded(text: String) -> String {
    match shorten(&text, MAX_MESSAGE_CHARS) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(short) => short,
    }
}

/// The declaration a reference is written in: the `i`th model or view.
#[derive(Debug, Clone, Copy)]
pub(super) enum At {
    Model(usize),
    View(usize),
}

struct Tables<'a> {
    sources: Table<'a>,
    methods: Table<'a>,
    capabilities: Table<'a>,
    branches: Table<'a>,
    models: Table<'a>,
}

type LabelParts<'a> = (
    &'a String,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
);

fn declarations<T>(d: &Declared<T>, parts: impl Fn(&T) -> LabelParts) -> Vec<Declaration> {
    d.0.iter()
        .map(|(id, decl)| {
            let (label, zh, note, note_zh) = parts(decl);
            Declaration {
                id: id.clone(),
                label: Text::new(label, zh),
                note: Text::optional(note, note_zh),
                carries: true,
            }
        })
        .collect()
}
