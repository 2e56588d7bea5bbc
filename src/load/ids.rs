//! Ids: each declaration list's ids checked (malformed, declared twice,
//! two sources cited by one key) and indexed, and references resolved
//! through that index, with a "did you mean" when one is unknown. The
//! rest of resolving (models, dates, changes, the graph) is `resolve`.

use super::resolve::{At, Builder};
use crate::data::Declared;
use crate::diagnostics::{did_you_mean, shorten, some_of, Span};
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

/// Ids of one declaration list, looked up by name.
///
/// Hashed: a file of 100,000 models resolves twice as many references,
/// and a tree's dozen string comparisons per lookup cost more than one
/// hash. The map is never iterated: messages list ids from `sorted`, so
/// no message depends on the hash order.
pub(super) struct Table<'a> {
    kind: &'static str,
    ids: HashMap<&'a str, usize>,
    /// The ids in order, made for the first unknown reference's hint.
    sorted: OnceCell<Vec<&'a str>>,
}

impl<'a> Table<'a> {
    fn new(kind: &'static str, ids: HashMap<&'a str, usize>) -> Self {
        Table {
            kind,
            ids,
            sorted: OnceCell::new(),
        }
    }

    fn lookup(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    fn sorted(&self) -> &[&'a str] {
        self.sorted.get_or_init(|| {
            let mut ids: Vec<&str> = self.ids.keys().copied().collect();
            ids.sort_unstable();
            ids
        })
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
    fn check_id(&mut self, kind: &str, id: &str, span: Option<Span>) {
        if let Some(problem) = id_problem(id) {
            self.error(
                format!("{kind} id \"{}\" {problem}", shorten(id, 64)),
                span,
                Some(id_hint()),
            );
        }
    }

    pub(super) fn table<T>(&mut self, kind: &'static str, declared: &'a Declared<T>) -> Table<'a> {
        let mut ids = HashMap::with_capacity(declared.0.len());
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
        Table::new(kind, ids)
    }

    pub(super) fn model_table(&mut self) -> Table<'a> {
        let mut ids = HashMap::with_capacity(self.file.models.len());
        for (i, m) in self.file.models.iter().enumerate() {
            if id_problem(&m.id).is_some() {
                let span = self.model_span(i);
                self.check_id("model", &m.id, span);
            }
            if ids.insert(&*m.id, i).is_some() {
                let span = self.model_span(i);
                self.error(
                    format!("model id \"{}\" is used twice", shorten(&m.id, 64)),
                    span,
                    Some("every model needs its own id; rename one of them".into()),
                );
            }
        }
        Table::new("model", ids)
    }

    /// Two sources cited by the same key would print as one `[A]`.
    pub(super) fn check_source_keys(&mut self) {
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
        let near = did_you_mean(id, table.sorted().iter().copied());
        let hint = near.unwrap_or_else(|| {
            if table.ids.is_empty() {
                format!("declare it first: no {kind} is declared yet")
            } else {
                format!(
                    "declare it, or use one of: {}",
                    some_of(table.sorted().iter(), 12)
                )
            }
        });
        self.error(message, span, Some(hint));
        None
    }

    pub(super) fn resolve_all<T>(
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
}

/// The key a source is cited by: as declared, else its 1-based number.
pub(super) fn source_key(i: usize, declared: &Option<String>) -> String {
    declared.clone().unwrap_or_else(|| (i + 1).to_string())
}

pub(super) fn key_names<T>(d: &Declared<T>) -> Vec<String> {
    d.0.iter().map(|(k, _)| k.clone()).collect()
}
