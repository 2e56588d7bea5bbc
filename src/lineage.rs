//! The validated lineage: every id resolved, dates read, no cycle, children
//! no older than their parents, capabilities inherited.
//!
//! [`load`] is the only way to get a [`Lineage`], so every later stage can
//! trust it: no view, layout or writer checks an id or looks for a cycle.
//! This module never reads files or prints; it gets text and returns values.

use crate::data::{self, Certainty, ChangeKind, Declared, LineageFile};
use crate::date::{self, Date};
use crate::diagnostics::{
    did_you_mean, shorten, some_of, Diagnostic, Location, Source, Span, MAX_PER_FILE,
};
use crate::inherit::{self, Inheritance};
use crate::spans::Spans;
use crate::view::{self, ViewSpec};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// Which language a figure is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// What a change does, as a reader sees it: "gained", "获得".
pub fn change_word(kind: ChangeKind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        ChangeKind::Gained => ("gained", "获得"),
        ChangeKind::Latent => ("latent", "潜在"),
        ChangeKind::Unlocked => ("unlocked", "解锁"),
        ChangeKind::Strengthened => ("strengthened", "增强"),
        ChangeKind::Weakened => ("weakened", "削弱"),
        ChangeKind::Recovered => ("recovered", "恢复"),
        ChangeKind::Lost => ("lost", "丢失"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A human-visible string, with its Chinese form where the data gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: Option<String>,
}

impl Text {
    fn new(en: &str, zh: &Option<String>) -> Text {
        Text {
            en: en.to_string(),
            zh: zh.clone(),
        }
    }

    fn optional(en: &Option<String>, zh: &Option<String>) -> Option<Text> {
        match (en, zh) {
            (Some(en), zh) => Some(Text::new(en, zh)),
            (None, Some(zh)) => Some(Text::new(zh, &Some(zh.clone()))),
            (None, None) => None,
        }
    }

    /// The text in `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => self.zh.as_deref().unwrap_or(&self.en),
            Lang::En => &self.en,
        }
    }
}

/// Typed indices into the declaration lists of a [`Lineage`].
macro_rules! index_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);
    };
}
index_type!(MethodId);
index_type!(CapabilityId);
index_type!(BranchId);
index_type!(SourceId);

/// A method, a branch or a capability: declared once, referred to by id.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub id: String,
    pub label: Text,
    pub note: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct SourceRef {
    pub id: String,
    pub title: Text,
    pub url: Option<String>,
    /// The key figures cite it by (`[9]`): as declared, else its 1-based number.
    pub key: String,
}

/// A change to one capability at one model.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    pub capability: CapabilityId,
    pub method: Option<MethodId>,
    pub certainty: Certainty,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub id: String,
    pub name: Text,
    pub api: Option<String>,
    pub date: Date,
    pub params: Option<String>,
    pub context: Option<String>,
    pub branch: Option<BranchId>,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
    pub changes: Vec<Change>,
}

/// An edge: the child was derived from the parent by `method`.
#[derive(Debug, Clone)]
pub struct Derivation {
    pub method: MethodId,
    pub certainty: Certainty,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
}

/// A validated lineage. Node indices follow the order models are declared.
#[derive(Debug, Clone)]
pub struct Lineage {
    pub title: Text,
    pub subtitle: Option<Text>,
    pub sources: Vec<SourceRef>,
    pub methods: Vec<Declaration>,
    pub capabilities: Vec<Declaration>,
    pub branches: Vec<Declaration>,
    pub graph: DiGraph<Model, Derivation>,
    pub views: Vec<ViewSpec>,
    pub inheritance: Inheritance,
}

impl Lineage {
    pub fn model(&self, n: NodeIndex) -> &Model {
        &self.graph[n]
    }

    pub fn find_model(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&n| self.graph[n].id == id)
    }

    pub fn find_capability(&self, id: &str) -> Option<CapabilityId> {
        self.capabilities
            .iter()
            .position(|c| c.id == id)
            .map(CapabilityId)
    }

    pub fn method(&self, m: MethodId) -> &Declaration {
        &self.methods[m.0]
    }

    pub fn capability(&self, c: CapabilityId) -> &Declaration {
        &self.capabilities[c.0]
    }

    pub fn branch(&self, b: BranchId) -> &Declaration {
        &self.branches[b.0]
    }

    pub fn source(&self, s: SourceId) -> &SourceRef {
        &self.sources[s.0]
    }

    /// Incoming edges in the order the child lists its parents.
    pub fn parents(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(n, petgraph::Direction::Incoming)
            .map(|e| {
                (
                    petgraph::visit::EdgeRef::id(&e),
                    petgraph::visit::EdgeRef::source(&e),
                )
            })
            .collect();
        edges.sort();
        edges
    }

    /// Outgoing edges in declaration order.
    pub fn children(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| {
                (
                    petgraph::visit::EdgeRef::id(&e),
                    petgraph::visit::EdgeRef::target(&e),
                )
            })
            .collect();
        edges.sort();
        edges
    }

    /// A model with two or more parents.
    pub fn is_merge(&self, n: NodeIndex) -> bool {
        self.parents(n).len() >= 2
    }

    /// Capabilities that some change refers to, in declaration order.
    pub fn capability_ids(&self) -> impl Iterator<Item = CapabilityId> {
        (0..self.capabilities.len()).map(CapabilityId)
    }
}

/// What loading a file gives: the lineage and its warnings, or every error found.
pub type Loaded = Result<(Lineage, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Read, parse and validate one lineage file. `name` is how messages refer to it.
pub fn load(name: &str, bytes: &[u8]) -> Loaded {
    let text = decode(name, bytes)?;
    let source = Source::new(name, text);
    check_escapes(&source)?;
    let file = parse(&source)?;
    Builder::new(&source, &file).build()
}

/// Errors come as a one-element list, like every other load error.
fn decode<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Diagnostic::error(
            name,
            format!("the file is not UTF-8 (invalid byte at line {line}, column {column})"),
        )
        .at(Some(Location::new(
            line,
            column,
            &String::from_utf8_lossy(&valid[line_start..]),
            1,
        )))
        .hint("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    });
    let text = text.map_err(|d| vec![d])?;
    // A byte-order mark is invisible to the user: drop it, so that columns
    // on the first line are counted as the editor shows them.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(name, "the file is empty")
            .at(Some(
                Source::new(name, text).locate(Span { start: 0, end: 0 }),
            ))
            .hint(
                "a lineage file starts with `Lineage(title: \"…\", models: [ … ])`; see the README",
            )]);
    }
    Ok(text)
}

/// How many bytes the RON reader may scan again after string escapes.
///
/// `ron` 0.10 looks for the closing quote again after every escape, so a
/// string of `n` escapes costs `n` times its length: a 1 MB string of `\n`
/// takes half a minute. A file whose strings would cost more than this is
/// refused before it is parsed, naming the string; no honest file comes
/// near it (a 20,000-character string made only of escapes does not).
pub const MAX_ESCAPE_RESCAN: u64 = 1 << 30;

fn check_escapes(source: &Source) -> Result<(), Vec<Diagnostic>> {
    let Some(worst) = crate::spans::escape_cost(source.text, MAX_ESCAPE_RESCAN) else {
        return Ok(());
    };
    let location = source.locate(Span {
        start: worst.start,
        end: worst.start + 1,
    });
    Err(vec![Diagnostic::error(
        source.name,
        format!(
            "this string has {} escapes in {} bytes: too many for the RON reader to read in reasonable time",
            worst.escapes,
            worst.end - worst.start
        ),
    )
    .at(Some(location))
    .hint(
        "write the characters themselves instead of escapes (a string may span lines), \
         or split the text into several strings",
    )])
}

fn parse(source: &Source) -> Result<LineageFile, Vec<Diagnostic>> {
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    options.from_str(source.text).map_err(|e| {
        let pos = e.position;
        let (message, hint) = describe_ron_error(&e.code);
        let mut location = source.locate_line_col(pos.line, pos.col);
        if let ron::Error::NoSuchStructField { found: field, .. } = &e.code {
            widen_to_word(&mut location, field);
        }
        let mut d = Diagnostic::error(source.name, message).at(Some(location));
        d.hint = hint;
        vec![d]
    })
}

/// RON points just after an unknown field; underline the field itself.
fn widen_to_word(location: &mut Location, word: &str) {
    let before: String = location
        .line_text
        .chars()
        .take(location.column - 1)
        .collect();
    if let Some(at) = before.rfind(word) {
        location.column = before[..at].chars().count() + 1;
        location.width = word.chars().count();
    }
}

fn describe_ron_error(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            let hint = did_you_mean(found, expected.iter().copied()).map_or_else(
                || format!("expected one of: {}", expected.join(", ")),
                |m| format!("{m} (expected one of: {})", expected.join(", ")),
            );
            (format!("unknown field `{found}`{within}"), Some(hint))
        }
        E::MissingStructField { field, outer } => {
            let within = outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            (
                format!("missing field `{field}`{within}"),
                Some(format!("add `{field}: …`")),
            )
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => (
            format!("unknown variant `{found}`"),
            Some(format!("expected one of: {}", expected.join(", "))),
        ),
        E::ExpectedDifferentStructName { found, .. } => (
            format!("the file starts with `{found}(`"),
            Some("a lineage file starts with `Lineage(`".into()),
        ),
        E::DuplicateStructField { field, .. } => (
            format!("field `{field}` is written twice"),
            Some("keep one of them".into()),
        ),
        other => (
            format!("syntax error: {other}"),
            Some("check the brackets, commas and quotes just before this point".into()),
        ),
    }
}

/// Resolves a parsed file into a [`Lineage`], collecting every error.
///
/// At most [`MAX_PER_FILE`] errors and as many warnings are reported in
/// full; past that they are only counted (no span lookup, no suggestion),
/// so a file with a million mistakes costs no more than a correct one.
struct Builder<'a> {
    source: &'a Source<'a>,
    file: &'a LineageFile,
    spans: Spans,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    more_errors: usize,
    more_warnings: usize,
}

/// Ids of one declaration list, looked up by name.
struct Table<'a> {
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
    fn new(source: &'a Source<'a>, file: &'a LineageFile) -> Self {
        Builder {
            source,
            file,
            spans: Spans::scan(source.text),
            errors: Vec::new(),
            warnings: Vec::new(),
            more_errors: 0,
            more_warnings: 0,
        }
    }

    fn at(&self, span: Option<Span>) -> Option<Location> {
        span.map(|s| self.source.locate(s))
    }

    /// No more errors will be shown in full: skip the work of locating one.
    fn full(&self) -> bool {
        self.errors.len() >= MAX_PER_FILE
    }

    fn error(&mut self, message: String, span: Option<Span>, hint: Option<String>) {
        if self.full() {
            self.more_errors += 1;
            return;
        }
        let mut d = Diagnostic::error(self.source.name, message).at(self.at(span));
        d.hint = hint;
        self.errors.push(d);
    }

    fn warn(&mut self, message: String, span: Option<Span>, hint: String) {
        if self.warnings.len() >= MAX_PER_FILE {
            self.more_warnings += 1;
            return;
        }
        let d = Diagnostic::warning(self.source.name, message)
            .at(self.at(span))
            .hint(hint);
        self.warnings.push(d);
    }

    /// The errors, with a last line counting those not shown.
    fn failed(mut self) -> Loaded {
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

    fn build(mut self) -> Loaded {
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
        let mut lineage = Lineage {
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
            methods: declarations(&f.methods, |d| (&d.label, &d.zh, &d.note, &d.note_zh)),
            capabilities: declarations(&f.capabilities, |d| (&d.label, &d.zh, &d.note, &d.note_zh)),
            branches: declarations(&f.branches, |d| (&d.label, &d.zh, &d.note, &d.note_zh)),
            graph,
            views,
            inheritance: Inheritance::default(),
        };
        match inherit::compute(&lineage) {
            Ok(inheritance) => lineage.inheritance = inheritance,
            Err(problems) => {
                for p in problems {
                    self.change_error(&lineage, p);
                }
                return self.failed();
            }
        }
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
                let span = self.spans.key(id, nth);
                self.check_id(kind, id, span);
            }
            if ids.insert(id.as_str(), i).is_some() {
                let span = self.spans.key(id, nth);
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
    fn model_span(&self, i: usize) -> Option<Span> {
        self.spans
            .nth_field("id", i)
            .or_else(|| self.spans.model(&self.file.models[i].id))
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
                        .spans
                        .after(self.spans.key(id, 0), Some("key"), k)
                        .or_else(|| self.spans.key(id, 0)),
                    None => self.spans.key(id, 0),
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

    /// Resolve `id` written as `field: "id"` somewhere after `anchor`.
    fn resolve(
        &mut self,
        table: &Table,
        id: &str,
        anchor: Option<Span>,
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
        let span = self.spans.after(anchor, Some(field), id).or(anchor);
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
        anchor: Option<Span>,
        field: &str,
        wrap: fn(usize) -> T,
    ) -> Vec<T> {
        ids.iter()
            .filter_map(|id| self.resolve(table, id, anchor, field).map(wrap))
            .collect()
    }

    fn graph(&mut self, t: &Tables) -> DiGraph<Model, Derivation> {
        let mut graph = DiGraph::new();
        for (i, decl) in self.file.models.iter().enumerate() {
            let model = self.model(t, i, decl);
            graph.add_node(model);
        }
        for (child, decl) in self.file.models.iter().enumerate() {
            let anchor = self.model_span(child);
            let mut parents = BTreeSet::new();
            for d in &decl.from {
                let parent = self.resolve(&t.models, &d.parent, anchor, "parent");
                let method = self.resolve(&t.methods, &d.via, anchor, "via");
                let sources = self.resolve_all(&t.sources, &d.sources, anchor, "sources", SourceId);
                if let (Some(parent), Some(method)) = (parent, method) {
                    if parent == child {
                        let span = self.spans.after(anchor, Some("parent"), &d.parent);
                        self.error(
                            format!("model \"{}\" is its own parent", decl.id),
                            span.or(anchor),
                            Some("a model derives from another model".into()),
                        );
                        continue;
                    }
                    if !parents.insert(parent) {
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
    fn nth_after(
        &self,
        anchor: Option<Span>,
        field: &str,
        value: &str,
        nth: usize,
    ) -> Option<Span> {
        let mut span = self.spans.after(anchor, Some(field), value);
        for _ in 0..nth {
            span = span.and_then(|s| {
                self.spans.after(
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
        let anchor = self.model_span(i);
        let date = match decl.date.as_deref().map(date::parse).transpose() {
            Ok(d) => d.unwrap_or(Date::Unknown),
            Err(e) => {
                let raw = decl.date.clone().unwrap_or_default();
                let span = self.spans.after(anchor, Some("date"), &raw).or(anchor);
                self.error(
                    format!(
                        "bad date \"{}\" for model \"{}\": {}",
                        shorten(&raw, 64),
                        decl.id,
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
        };
        let branch = decl
            .branch
            .as_ref()
            .and_then(|b| self.resolve(&t.branches, b, anchor, "branch").map(BranchId));
        let sources = self.resolve_all(&t.sources, &decl.sources, anchor, "sources", SourceId);
        let changes = decl
            .changes
            .iter()
            .filter_map(|c| self.change(t, c, anchor))
            .collect();
        Model {
            id: decl.id.clone(),
            name: Text::new(&decl.name, &decl.name_zh),
            api: decl.api.clone(),
            date,
            params: decl.params.clone(),
            context: decl.context.clone(),
            branch,
            note: Text::optional(&decl.note, &decl.note_zh),
            sources,
            changes,
        }
    }

    fn change(&mut self, t: &Tables, c: &data::ChangeDecl, anchor: Option<Span>) -> Option<Change> {
        let body = c.body();
        let capability = self.resolve(&t.capabilities, &body.cap, anchor, "cap");
        let method = match &body.via {
            Some(via) => Some(self.resolve(&t.methods, via, anchor, "via").map(MethodId)?),
            None => None,
        };
        let sources = self.resolve_all(&t.sources, &body.sources, anchor, "sources", SourceId);
        Some(Change {
            kind: c.kind(),
            capability: CapabilityId(capability?),
            method,
            certainty: body.certainty,
            note: Text::optional(&body.note, &body.note_zh),
            sources,
        })
    }

    /// One error per set of models that reach each other. Iterative
    /// throughout (Kosaraju's search in petgraph keeps its own stack), so a
    /// chain or cycle of any length is checked without deep recursion.
    fn check_cycles(&mut self, graph: &DiGraph<Model, Derivation>) {
        if !has_cycle(graph) {
            return;
        }
        let mut sccs: Vec<Vec<NodeIndex>> = petgraph::algo::kosaraju_scc(graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .collect();
        for scc in &mut sccs {
            scc.sort();
        }
        sccs.sort();
        for scc in sccs {
            let cycle = walk_cycle(graph, &scc);
            let names: Vec<_> = cycle.iter().map(|&n| graph[n].id.as_str()).collect();
            let first = names[0];
            let second = names[1 % names.len()];
            // Point at the edge that closes the loop: `second` lists `first` as parent.
            let anchor = self.model_span(cycle[1 % cycle.len()].index());
            let span = self.spans.after(anchor, Some("parent"), first).or(anchor);
            let mut path = if names.len() > 24 {
                let mut shown = names[..12].join(" → ");
                shown.push_str(&format!(
                    " → … ({} more) → {}",
                    names.len() - 13,
                    names[names.len() - 1]
                ));
                shown
            } else {
                names.join(" → ")
            };
            path.push_str(&format!(" → {first}"));
            if self.full() {
                self.more_errors += 1;
                continue;
            }
            self.errors.push(
                Diagnostic::error(self.source.name, format!("the lineage has a cycle: {path}"))
                    .at(self.at(span))
                    .note(format!("cycle: {path}"))
                    .hint(format!(
                        "a model cannot descend from itself; remove one of these `parent` \
                         links (\"{second}\" lists \"{first}\" here)"
                    )),
            );
        }
    }

    fn check_dates(&mut self, graph: &DiGraph<Model, Derivation>) {
        for e in graph.edge_indices() {
            let Some((p, c)) = graph.edge_endpoints(e) else {
                continue;
            };
            let (parent, child) = (&graph[p], &graph[c]);
            let (Some(parent_lo), _) = parent.date.bounds() else {
                continue;
            };
            let (_, Some(child_hi)) = child.date.bounds() else {
                continue;
            };
            if child_hi < parent_lo {
                let anchor = self.model_span(c.index());
                let raw = self.file.models[c.index()].date.clone().unwrap_or_default();
                let span = self.spans.after(anchor, Some("date"), &raw).or(anchor);
                self.error(
                    format!(
                        "model \"{}\" ({}) is dated before its parent \"{}\" ({})",
                        child.id, child.date, parent.id, parent.date
                    ),
                    span,
                    Some(
                        "check both dates; if the source is unsure, write a range \
                         (\"2021 to 2022\") or \"about 2021\""
                            .into(),
                    ),
                );
            }
        }
    }

    fn views(&mut self, graph: &DiGraph<Model, Derivation>, models: &Table) -> Vec<ViewSpec> {
        let mut seen = BTreeSet::new();
        let mut specs = Vec::new();
        for decl in &self.file.views {
            let anchor = self.spans.view(&decl.name);
            let name = shorten(&decl.name, 64);
            if !view::valid_name(&decl.name) {
                self.error(
                    format!("view name \"{name}\" cannot be used in a file name"),
                    anchor,
                    Some(format!(
                        "use 1 to {} letters, digits, `-` and `_`",
                        view::MAX_NAME_CHARS
                    )),
                );
                continue;
            }
            if !seen.insert(decl.name.as_str()) {
                self.error(
                    format!("view \"{name}\" is declared twice"),
                    anchor,
                    Some("give each view its own name".into()),
                );
                continue;
            }
            let mut ids = |field: &str, list: &[String]| -> Vec<NodeIndex> {
                list.iter()
                    .filter_map(|id| self.resolve(models, id, anchor, field).map(NodeIndex::new))
                    .collect()
            };
            let from = ids("from", &decl.from);
            let to = ids("to", &decl.to);
            let only = ids("only", &decl.only);
            let exclude = ids("exclude", &decl.exclude);
            let spec = ViewSpec::new(decl, from, to, only, exclude);
            if view::select(graph, &spec).is_empty() {
                self.warn(
                    format!("view \"{name}\" shows no models"),
                    anchor,
                    "its `from`, `to`, `only` and `exclude` leave nothing in common: \
                     `from` keeps descendants, `to` ancestors, and a model must pass both"
                        .into(),
                );
            }
            specs.push(spec);
        }
        specs
    }

    fn warn_unused(&mut self, graph: &DiGraph<Model, Derivation>) {
        let mut used_methods = vec![false; self.file.methods.0.len()];
        let mut used_caps = vec![false; self.file.capabilities.0.len()];
        let mut used_branches = vec![false; self.file.branches.0.len()];
        let mut used_sources = vec![false; self.file.sources.0.len()];
        for e in graph.edge_weights() {
            used_methods[e.method.0] = true;
            e.sources.iter().for_each(|s| used_sources[s.0] = true);
        }
        for m in graph.node_weights() {
            if let Some(b) = m.branch {
                used_branches[b.0] = true;
            }
            m.sources.iter().for_each(|s| used_sources[s.0] = true);
            for c in &m.changes {
                used_caps[c.capability.0] = true;
                if let Some(method) = c.method {
                    used_methods[method.0] = true;
                }
                c.sources.iter().for_each(|s| used_sources[s.0] = true);
            }
        }
        let lists = [
            ("method", &used_methods, key_names(&self.file.methods)),
            ("capability", &used_caps, key_names(&self.file.capabilities)),
            ("branch", &used_branches, key_names(&self.file.branches)),
            ("source", &used_sources, key_names(&self.file.sources)),
        ];
        for (kind, used, names) in lists {
            for (name, _) in names.iter().zip(used.iter()).filter(|(_, u)| !**u) {
                let span = self.spans.key(name, 0);
                let name = shorten(name, 64);
                self.warn(
                    format!("{kind} \"{name}\" is declared but never used"),
                    span,
                    format!("use it, or remove the declaration of \"{name}\""),
                );
            }
        }
    }

    fn change_error(&mut self, lineage: &Lineage, p: inherit::Problem) {
        let model = &lineage.graph[p.model];
        let change = &model.changes[p.change];
        let cap = &lineage.capability(change.capability).id;
        let anchor = self.model_span(p.model.index());
        // The nth change to this capability at this model.
        let nth = model.changes[..p.change]
            .iter()
            .filter(|c| c.capability == change.capability)
            .count();
        let span = self.nth_after(anchor, "cap", cap, nth).or(anchor);
        self.error(p.message, span, Some(p.hint));
    }
}

/// The key a source is cited by: as declared, else its 1-based number.
fn source_key(i: usize, declared: &Option<String>) -> String {
    declared.clone().unwrap_or_else(|| (i + 1).to_string())
}

/// Whether the graph has a cycle: Kahn's algorithm, iterative.
fn has_cycle(graph: &DiGraph<Model, Derivation>) -> bool {
    let mut waiting: Vec<usize> = graph
        .node_indices()
        .map(|n| {
            graph
                .neighbors_directed(n, petgraph::Direction::Incoming)
                .count()
        })
        .collect();
    let mut ready: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|n| waiting[n.index()] == 0)
        .collect();
    let mut done = 0;
    while let Some(n) = ready.pop() {
        done += 1;
        for child in graph.neighbors_directed(n, petgraph::Direction::Outgoing) {
            waiting[child.index()] -= 1;
            if waiting[child.index()] == 0 {
                ready.push(child);
            }
        }
    }
    done < graph.node_count()
}

struct Tables<'a> {
    sources: Table<'a>,
    methods: Table<'a>,
    capabilities: Table<'a>,
    branches: Table<'a>,
    models: Table<'a>,
}

fn key_names<T>(d: &Declared<T>) -> Vec<String> {
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
            }
        })
        .collect()
}

/// One concrete cycle through a strongly connected component, in edge order.
/// Linear in the component's size: positions on the path are kept in a map.
fn walk_cycle(graph: &DiGraph<Model, Derivation>, scc: &[NodeIndex]) -> Vec<NodeIndex> {
    let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
    let start = *members.iter().next().unwrap_or(&scc[0]);
    let mut path = vec![start];
    let mut on_path: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
    let mut current = start;
    loop {
        let next = graph
            .neighbors_directed(current, petgraph::Direction::Outgoing)
            .filter(|n| members.contains(n))
            .min();
        match next {
            Some(n) => {
                if let Some(&at) = on_path.get(&n) {
                    return path.split_off(at);
                }
                on_path.insert(n, path.len());
                path.push(n);
                current = n;
            }
            None => return path,
        }
    }
}

/// Test lineages for the unit tests of every stage.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{load, Lineage};

    /// `text` loaded, or a panic showing its diagnostics as a user sees them.
    pub fn lineage(text: &str) -> Lineage {
        match load("test.ron", text.as_bytes()) {
            Ok((l, _)) => l,
            Err(e) => panic!("{}", e.iter().map(|d| d.render(false)).collect::<String>()),
        }
    }

    /// `tests/hostile.ron`: every string a writer has to escape.
    pub fn hostile() -> Lineage {
        lineage(include_str!("../tests/hostile.ron"))
    }
}
