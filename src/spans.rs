//! Where things are written in a RON file.
//!
//! RON's serde deserializer gives values without positions, so after a file
//! parses, this module scans its string literals once and answers "where is
//! `parent: "x"` inside model "y"?" for error messages. It reads only; it
//! never decides whether something is wrong.

use crate::diagnostics::Span;
use std::collections::BTreeMap;

/// One string literal in the file.
#[derive(Debug, Clone)]
struct Literal {
    span: Span,
    value: String,
    /// The field name before it (`parent` in `parent: "x"`), if any.
    field: Option<String>,
    /// Written as a map key (`"x": (...)`).
    is_key: bool,
}

/// All string literals of a file, in order, indexed by field and value so
/// that looking one up stays cheap in a file of a hundred thousand models.
pub struct Spans {
    literals: Vec<Literal>,
    by_field: BTreeMap<(String, String), Vec<Span>>,
}

impl Spans {
    pub fn scan(text: &str) -> Spans {
        let literals = scan_literals(text);
        let mut by_field: BTreeMap<(String, String), Vec<Span>> = BTreeMap::new();
        for l in &literals {
            if let Some(f) = &l.field {
                by_field
                    .entry((f.clone(), l.value.clone()))
                    .or_default()
                    .push(l.span);
            }
        }
        Spans { literals, by_field }
    }

    /// The literal `value` written as `field: "value"`, the `nth` (0-based) such.
    pub fn field(&self, field: &str, value: &str, nth: usize) -> Option<Span> {
        self.by_field
            .get(&(field.to_string(), value.to_string()))
            .and_then(|spans| spans.get(nth))
            .copied()
    }

    /// The map key `"value":`, the `nth` such.
    pub fn key(&self, value: &str, nth: usize) -> Option<Span> {
        self.literals
            .iter()
            .filter(|l| l.is_key && l.value == value)
            .nth(nth)
            .map(|l| l.span)
    }

    /// The first literal `value` (under `field` if given) at or after `after`.
    pub fn after(&self, after: Option<Span>, field: Option<&str>, value: &str) -> Option<Span> {
        let from = after.map_or(0, |s| s.start);
        self.literals
            .iter()
            .filter(|l| l.span.start >= from && l.value == value)
            .find(|l| field.is_none() || l.field.as_deref() == field)
            .map(|l| l.span)
    }

    /// Where model `id` is declared (`id: "…"`).
    pub fn model(&self, id: &str) -> Option<Span> {
        self.field("id", id, 0)
    }

    /// Where view `name` is declared: the last `name: "…"`, since views
    /// follow the models (whose display names share the field name).
    pub fn view(&self, name: &str) -> Option<Span> {
        self.literals
            .iter()
            .rev()
            .find(|l| l.field.as_deref() == Some("name") && l.value == name)
            .map(|l| l.span)
    }
}

fn scan_literals(text: &str) -> Vec<Literal> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // The field a literal follows: `ident :` just before it.
    let mut pending: Option<String> = None;
    let mut ident: Option<(usize, usize)> = None;
    // For each open bracket, the field it belongs to when it is a `[` list.
    let mut lists: Vec<Option<String>> = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'"' => {
                let (end, value) = read_string(text, i);
                let field = pending.take().or_else(|| lists.last().cloned().flatten());
                let is_key = text[end..].trim_start().starts_with(':');
                out.push(Literal {
                    span: Span { start: i, end },
                    value,
                    field,
                    is_key,
                });
                ident = None;
                i = end;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                ident = Some((start, i));
                pending = None;
            }
            b':' => {
                pending = ident.take().map(|(s, e)| text[s..e].to_string());
                i += 1;
            }
            b'[' => {
                lists.push(pending.take());
                i += 1;
            }
            b'(' | b'{' => {
                lists.push(None);
                // `Gained(cap: …)`: the variant name is not a field.
                pending = None;
                ident = None;
                i += 1;
            }
            b']' | b')' | b'}' => {
                lists.pop();
                i += 1;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                ident = None;
                i += 1;
            }
        }
    }
    out
}

/// Reads a `"…"` literal starting at `start`; returns the end offset and its value.
fn read_string(text: &str, start: usize) -> (usize, String) {
    let mut value = String::new();
    let mut chars = text[start + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (start + 1 + i + 1, value),
            '\\' => {
                if let Some((_, e)) = chars.next() {
                    value.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        other => other,
                    });
                }
            }
            c => value.push(c),
        }
    }
    (text.len(), value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"(
  methods: { "code": (label: "Code"), },
  // "parent": not a literal, a comment
  models: [
    (id: "a", name: "A"),
    (id: "b", name: "B", from: [(parent: "a", via: "code")], sources: ["s1", "s2"]),
  ],
)"#;

    #[test]
    fn finds_fields_keys_and_list_items() {
        let spans = Spans::scan(TEXT);
        let b = spans.model("b").unwrap();
        let parent = spans.after(Some(b), Some("parent"), "a").unwrap();
        assert_eq!(&TEXT[parent.start..parent.end], "\"a\"");
        assert!(spans.key("code", 0).is_some());
        assert!(spans.field("sources", "s2", 0).is_some());
        assert!(spans.field("parent", "a", 1).is_none());
    }
}
