//! Resolving: the parsed file's string ids turned into indices, each model
//! built with its date read, each declaration list checked for duplicate
//! and malformed ids. Collects every error; the checks on the resolved
//! graph are in `checks`, capability inheritance in `inherit`. One concern,
//! one file: every id of the file resolved the same way, with its errors.

use super::inherit;
use super::spans::Spans;
use super::Loaded;
use crate::data::{self, Declared, LineageFile};
use crate::date::{self, Date};
use crate::diagnostics::{
    did_you_mean, shorten, some_of, Diagnostic, Location, Source, Span, MAX_PER_FILE,
};
use crate::model::{
    BranchId, CapabilityId, Change, Declaration, Derivation, Graph, Lineage, MethodId, Model,
    Rename, SourceId, SourceRef, Text,
};
use petgraph::graph::NodeIndex;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

/// Resolves a parsed file into a [`Lineage`], collecting every error.
///
/// At most [`MAX_PER_FILE`] errors and as many warnings are reported in
/// full; past that they are only counted (no span lookup, no suggestion),
/// so a file with a million mistakes costs no more than a correct one.
pub(super) struct Builder<'a> {
    pub(super) source: &'a Source<'a>,
    pub(super) file: &'a LineageFile,
    /// Scanned on the first message that needs a place: a file without
    /// errors or warnings never pays for it.
    spans: OnceCell<Spans>,
    pub(super) errors: Vec<Diagnostic>,
    pub(super) warnings: Vec<Diagnostic>,
    pub(super) more_errors: usize,
    pub(super) more_warnings: usize,
}

/// Ids of one declaration list, looked up by name.
pub(super) struct Table<'a> {
    kind: &'static str,
    ids: BTreeMap<&'a str, usize>,
}

impl<'a> Table<'a> {
    fn lookup(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }
}

/// Longest id, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// The characters an id may use besides letters and digits.
pub const ID_PUNCTUATION: &str = "-_.:/+@";

/// What is wrong with `id` as an id, if anything. Ids become SVG and DOT
/// identifiers, file names and terminal text: they are kept to letters and
/// digits (any script) and `- _ . : / + @`, 1 to [`MAX_ID_CHARS`] long.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("is empty".into());
    }
    let chars = id.chars().count();
    if chars > MAX_ID_CHARS {
        return Some(format!(
            "is {chars} characters long (at most {MAX_ID_CHARS})"
        ));
    }
    id.chars()
        .find(|&c| !(c.is_alphanumeric() || ID_PUNCTUATION.contains(c)))
        .map(|c| match c {
            ' ' => "contains a space".to_string(),
            c => format!("contains {:?} (U+{:04X})", c, c as u32),
        })
}

fn id_hint() -> String {
    format!(
        "an id is 1 to {MAX_ID_CHARS} letters, digits and `{}`; \
         put any other text in the name or label",
        ID_PUNCTUATION
            .chars()
            .map(String::from)
            .collect::<Vec<_>>()
            .join(" ")
    )
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

    fn check_id(&mut self, kind: &str, id: &str, span: Option<Span>) {
        if let Some(problem) = id_problem(id) {
            self.error(
                format!("{kind} id \"{}\" {problem}", shorten(id, 64)),
                span,
                Some(id_hint()),
            );
        }
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
        self.check_cycles(&graph);
        if !self.errors.is_empty() {
            return self.failed();
        }
        self.check_dates(&graph);
        let views = self.views(&graph, &tables.models);
        self.warn_unused(&graph);
        if !self.errors.is_empty() {
            return self.failed();
        }
        let capabilities =
            declarations(&f.capabilities, |d| (&d.label, &d.zh, &d.note, &d.note_zh));
        let inheritance = match inherit::compute(&graph, &capabilities) {
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

    fn table<T>(&mut self, kind: &'static str, declared: &'a Declared<T>) -> Table<'a> {
        let mut ids = BTreeMap::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (id, _)) in declared.0.iter().enumerate() {
            let count = seen.entry(id.as_str()).or_insert(0);
            *count += 1;
            let nth = *count - 1;
            if id_problem(id).is_some() {
                let span = self.spans().key(id, nth);
                self.check_id(kind, id, span);
            }
            if ids.insert(id.as_str(), i).is_some() {
                let span = self.spans().key(id, nth);
                self.error(
                    format!("{kind} \"{}\" is declared twice", shorten(id, 64)),
                    span,
                    Some(format!(
                        "give each {kind} its own id, or remove one declaration"
                    )),
                );
            }
        }
        Table { kind, ids }
    }

    fn model_table(&mut self) -> Table<'a> {
        let mut ids = BTreeMap::new();
        for (i, m) in self.file.models.iter().enumerate() {
            if id_problem(&m.id).is_some() {
                let span = self.model_span(i);
                self.check_id("model", &m.id, span);
            }
            if ids.insert(m.id.as_str(), i).is_some() {
                let span = self.model_span(i);
                self.error(
                    format!("model id \"{}\" is used twice", shorten(&m.id, 64)),
                    span,
                    Some("every model needs its own id; rename one of them".into()),
                );
            }
        }
        Table { kind: "model", ids }
    }

    /// Where the `i`th model's `id: "…"` is written. Models are the only
    /// declarations with an `id` field, so the `i`th such literal is it,
    /// however its value is escaped.
    pub(super) fn model_span(&self, i: usize) -> Option<Span> {
        self.spans()
            .nth_field("id", i)
            .or_else(|| self.spans().model(&self.file.models[i].id))
    }

    /// Two sources cited by the same key would print as one `[A]`.
    fn check_source_keys(&mut self) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (i, (id, s)) in self.file.sources.0.iter().enumerate() {
            let key = source_key(i, &s.key);
            if let Some(first) = seen.get(&key) {
                let first = first.to_string();
                let span = match &s.key {
                    Some(k) => self
                        .spans()
                        .after(self.spans().key(id, 0), Some("key"), k)
                        .or_else(|| self.spans().key(id, 0)),
                    None => self.spans().key(id, 0),
                };
                self.error(
                    format!(
                        "sources \"{}\" and \"{}\" are both cited as [{}]",
                        shorten(&first, 64),
                        shorten(id, 64),
                        shorten(&key, 64)
                    ),
                    span,
                    Some(
                        "give each source its own `key` (a source without one is cited by \
                         its number in the list)"
                            .into(),
                    ),
                );
            } else {
                seen.insert(key, id);
            }
        }
    }

    /// Where the declaration a reference sits in is written; looked up only
    /// when a message needs it.
    pub(super) fn anchor(&self, at: At) -> Option<Span> {
        match at {
            At::Model(i) => self.model_span(i),
            At::View(i) => self.spans().view(&self.file.views[i].name),
        }
    }

    /// Resolve `id` written as `field: "id"` somewhere after `at`.
    pub(super) fn resolve(
        &mut self,
        table: &Table,
        id: &str,
        at: At,
        field: &str,
    ) -> Option<usize> {
        if let Some(i) = table.lookup(id) {
            return Some(i);
        }
        let kind = table.kind;
        let message = format!("unknown {kind} \"{}\"", shorten(id, 64));
        if self.full() {
            self.error(message, None, None);
            return None;
        }
        let anchor = self.anchor(at);
        let span = self.spans().after(anchor, Some(field), id).or(anchor);
        let near = did_you_mean(id, table.ids.keys().copied());
        let hint = near.unwrap_or_else(|| {
            if table.ids.is_empty() {
                format!("declare it first: no {kind} is declared yet")
            } else {
                format!(
                    "declare it, or use one of: {}",
                    some_of(table.ids.keys(), 12)
                )
            }
        });
        self.error(message, span, Some(hint));
        None
    }

    fn resolve_all<T>(
        &mut self,
        table: &Table,
        ids: &[String],
        at: At,
        field: &str,
        wrap: fn(usize) -> T,
    ) -> Vec<T> {
        ids.iter()
            .filter_map(|id| self.resolve(table, id, at, field).map(wrap))
            .collect()
    }

    fn graph(&mut self, t: &Tables) -> Graph {
        let mut graph = Graph::new();
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
                    Some(raw) => {
                        let anchor = self.anchor(at);
                        let edge = self.spans().after(anchor, Some("parent"), &d.parent);
                        self.date(Some(raw), &decl.id, "date", "derivation date", edge, at)
                    }
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
            id: decl.id.clone(),
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
    /// what is wrong with it (at the literal, looked for after `after` when
    /// given, else after the model's id) and [`Date::Unknown`].
    fn date(
        &mut self,
        raw: Option<&str>,
        model: &str,
        field: &str,
        what: &str,
        after: Option<Span>,
        at: At,
    ) -> Date {
        let Some(raw) = raw else {
            return Date::Unknown;
        };
        match date::parse(raw) {
            Ok(d) => d,
            Err(e) => {
                let anchor = self.anchor(at);
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

fn bounded(text: String) -> String {
    match shorten(&text, MAX_MESSAGE_CHARS) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(short) => short,
    }
}

/// The key a source is cited by: as declared, else its 1-based number.
fn source_key(i: usize, declared: &Option<String>) -> String {
    declared.clone().unwrap_or_else(|| (i + 1).to_string())
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

pub(super) fn key_names<T>(d: &Declared<T>) -> Vec<String> {
    d.0.iter().map(|(k, _)| k.clone()).collect()
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
