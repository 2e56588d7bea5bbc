//! Where things are written in a RON file.
//!
//! RON's serde deserializer gives values without positions, so after a file
//! parses, this module scans its string literals once and answers "where is
//! `parent: "x"` inside model "y"?" for error messages. It reads only; it
//! never decides whether something is wrong.
//!
//! Escapes are decoded as RON decodes them (`\u{…}`, `\x..`, `\n`, …), so a
//! value written with escapes is found like any other. Every lookup is an
//! index lookup plus a binary search: a file with many errors is not
//! rescanned once per error.

use crate::diagnostics::Span;
use std::collections::HashMap;

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

/// All string literals of a file, indexed by field and value so that looking
/// one up stays cheap in a file of a hundred thousand models.
pub struct Spans {
    /// (field, value) → spans in file order.
    by_field: HashMap<(String, String), Vec<Span>>,
    /// value → spans in file order.
    by_value: HashMap<String, Vec<(Span, Option<String>)>>,
    /// map key → spans in file order.
    keys: HashMap<String, Vec<Span>>,
    /// field → spans of every literal under it, in file order.
    by_name: HashMap<String, Vec<Span>>,
}

#[cfg(test)]
thread_local! {
    /// How many times this thread built the index: the loader's tests check
    /// that a valid file never does.
    pub(super) static SCANS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Spans {
    pub fn scan(text: &str) -> Spans {
        #[cfg(test)]
        SCANS.with(|n| n.set(n.get() + 1));
        let mut spans = Spans {
            by_field: HashMap::new(),
            by_value: HashMap::new(),
            keys: HashMap::new(),
            by_name: HashMap::new(),
        };
        for l in scan_literals(text) {
            if l.is_key {
                spans.keys.entry(l.value.clone()).or_default().push(l.span);
            }
            if let Some(f) = &l.field {
                spans.by_name.entry(f.clone()).or_default().push(l.span);
                spans
                    .by_field
                    .entry((f.clone(), l.value.clone()))
                    .or_default()
                    .push(l.span);
            }
            spans
                .by_value
                .entry(l.value)
                .or_default()
                .push((l.span, l.field));
        }
        spans
    }

    /// The literal `value` written as `field: "value"`, the `nth` (0-based) such.
    pub fn field(&self, field: &str, value: &str, nth: usize) -> Option<Span> {
        self.by_field
            .get(&(field.to_string(), value.to_string()))
            .and_then(|spans| spans.get(nth))
            .copied()
    }

    /// The `nth` (0-based) literal written under `field`, whatever its value.
    pub fn nth_field(&self, field: &str, nth: usize) -> Option<Span> {
        self.by_name.get(field).and_then(|s| s.get(nth)).copied()
    }

    /// The map key `"value":`, the `nth` such.
    pub fn key(&self, value: &str, nth: usize) -> Option<Span> {
        self.keys.get(value).and_then(|s| s.get(nth)).copied()
    }

    /// The first literal `value` (under `field` if given) at or after `after`.
    pub fn after(&self, after: Option<Span>, field: Option<&str>, value: &str) -> Option<Span> {
        let from = after.map_or(0, |s| s.start);
        match field {
            Some(f) => {
                let spans = self.by_field.get(&(f.to_string(), value.to_string()))?;
                let i = spans.partition_point(|s| s.start < from);
                spans.get(i).copied()
            }
            None => {
                let spans = self.by_value.get(value)?;
                let i = spans.partition_point(|(s, _)| s.start < from);
                spans.get(i).map(|(s, _)| *s)
            }
        }
    }

    /// Where model `id` is declared (`id: "…"`).
    pub fn model(&self, id: &str) -> Option<Span> {
        self.field("id", id, 0)
    }

    /// Where view `name` is declared: the last `name: "…"`, since views
    /// follow the models (whose display names share the field name).
    pub fn view(&self, name: &str) -> Option<Span> {
        self.by_field
            .get(&("name".to_string(), name.to_string()))
            .and_then(|s| s.last())
            .copied()
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
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = comment_end(text, i);
            }
            b'"' | b'r' if bytes[i] == b'"' || raw_hashes(bytes, i).is_some() => {
                // A string, or a raw string `r"…"` / `r#"…"#` (no escapes).
                let (end, value) = match raw_hashes(bytes, i) {
                    Some(hashes) if bytes[i] == b'r' => read_raw(text, i, hashes),
                    _ => read_string(text, i),
                };
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
            b'\'' => {
                // A char literal, `'"'` or `'\''`: skip it.
                i = char_end(text, i);
                ident = None;
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

/// A string literal that is slow for the RON reader (see [`escape_cost`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlowString {
    /// Byte offsets of the literal, quotes included.
    pub start: usize,
    pub end: usize,
    pub escapes: usize,
}

/// The costliest string literal, when reading every string of `text` would
/// make the RON reader rescan more than `budget` bytes.
///
/// `ron` 0.10 searches for the next `"` again after each escape, so an
/// escape costs the distance from it to the next `"` byte. This sums that
/// cost in one pass over the text (comments, char literals and raw strings
/// are skipped as RON skips them) without parsing anything else.
pub fn escape_cost(text: &str, budget: u64) -> Option<SlowString> {
    let bytes = text.as_bytes();
    // An escape costs at most the text's length, so a text with few
    // backslashes cannot exceed the budget: one fast count instead of the
    // scan (most files have none).
    let backslashes = bytes.iter().filter(|&&b| b == b'\\').count() as u64;
    if backslashes.saturating_mul(bytes.len() as u64) <= budget {
        return None;
    }
    let mut total: u64 = 0;
    let mut worst: Option<(u64, SlowString)> = None;
    // The first `"` at or after some offset, moved forward as needed.
    let mut next_quote = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                i = comment_end(text, i);
            }
            b'\'' => {
                i = char_end(text, i);
            }
            b'r' if raw_hashes(bytes, i).is_some() => {
                let hashes = raw_hashes(bytes, i).unwrap_or(0);
                i = read_raw(text, i, hashes).0;
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            }
            b'"' => {
                let start = i;
                let (mut cost, mut escapes) = (0u64, 0usize);
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        escapes += 1;
                        let after = (i + 2).min(bytes.len());
                        if next_quote < after {
                            next_quote = text
                                .get(after..)
                                .and_then(|t| t.find('"'))
                                .map_or(bytes.len(), |n| after + n);
                        }
                        cost += (next_quote - after) as u64;
                        i = after;
                    } else {
                        i += 1;
                    }
                }
                i = (i + 1).min(bytes.len());
                total += cost;
                if worst.as_ref().is_none_or(|(c, _)| cost > *c) {
                    let slow = SlowString {
                        start,
                        end: i,
                        escapes,
                    };
                    worst = Some((cost, slow));
                }
            }
            _ => i += 1,
        }
    }
    worst.filter(|_| total > budget).map(|(_, s)| s)
}

/// `Some(number of #)` when a raw string `r#…"` starts at `i`.
fn raw_hashes(bytes: &[u8], i: usize) -> Option<usize> {
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    (bytes.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// Reads `r#"…"#` starting at `start`; returns the end offset and its value.
fn read_raw(text: &str, start: usize, hashes: usize) -> (usize, String) {
    let body = start + 1 + hashes + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    match text[body..].find(&closing) {
        Some(n) => (body + n + closing.len(), text[body..body + n].to_string()),
        None => (text.len(), text[body..].to_string()),
    }
}

/// Reads a `"…"` literal starting at `start`; returns the end offset and its
/// value, escapes decoded as RON decodes them.
fn read_string(text: &str, start: usize) -> (usize, String) {
    let mut value = String::new();
    let body = &text[start + 1..];
    let mut chars = body.char_indices().peekable();
    // Bytes of a UTF-8 character written as `\x..` escapes.
    let mut pending: Vec<u8> = Vec::new();
    while let Some((i, c)) = chars.next() {
        if c != '\\' && !pending.is_empty() {
            value.push_str(&String::from_utf8_lossy(&pending));
            pending.clear();
        }
        match c {
            '"' => return (start + 1 + i + 1, value),
            '\\' => {
                let Some((j, e)) = chars.next() else { break };
                if e != 'x' && !pending.is_empty() {
                    value.push_str(&String::from_utf8_lossy(&pending));
                    pending.clear();
                }
                match e {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '0' => value.push('\0'),
                    'x' => {
                        let hex = body.get(j + 1..j + 3).unwrap_or("");
                        if let Ok(b) = u8::from_str_radix(hex, 16) {
                            chars.next();
                            chars.next();
                            pending.push(b);
                            if let Ok(s) = std::str::from_utf8(&pending) {
                                value.push_str(s);
                                pending.clear();
                            }
                        } else {
                            value.push('x');
                        }
                    }
                    'u' if body[j + 1..].starts_with('{') => {
                        let digits = &body[j + 2..];
                        let close = digits.find('}').filter(|&n| n <= 6);
                        let decoded = close
                            .and_then(|n| u32::from_str_radix(&digits[..n], 16).ok())
                            .and_then(char::from_u32);
                        match (close, decoded) {
                            (Some(n), Some(ch)) => {
                                value.push(ch);
                                // Skip `{`, the digits and `}`.
                                for _ in 0..n + 2 {
                                    chars.next();
                                }
                            }
                            _ => value.push('u'),
                        }
                    }
                    other => value.push(other),
                }
            }
            c => value.push(c),
        }
    }
    if !pending.is_empty() {
        value.push_str(&String::from_utf8_lossy(&pending));
    }
    (text.len(), value)
}
/// Where the char literal starting at `i` (`'"'`, `'\''`) ends, at most the
/// end of the text.
fn char_end(text: &str, i: usize) -> usize {
    let end = if text.as_bytes().get(i + 1) == Some(&b'\\') {
        text[i + 2..]
            .find('\'')
            .map_or(text.len(), |n| i + 2 + n + 1)
    } else {
        text[i + 1..]
            .chars()
            .next()
            .map_or(text.len(), |c| i + 1 + c.len_utf8() + 1)
    };
    end.min(text.len())
}

/// Where the comment starting at `i` (`//` or `/*`) ends: after its line's
/// text, or after its `*/` (the end of the text when it never closes).
fn comment_end(text: &str, i: usize) -> usize {
    if text[i..].starts_with("//") {
        text[i..].find('\n').map_or(text.len(), |n| i + n)
    } else {
        text[i + 2..]
            .find("*/")
            .map_or(text.len(), |n| i + 2 + n + 2)
    }
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
    fn escapes_are_decoded_as_ron_decodes_them() {
        let text = r##"(id: "a\u{1b}b", date: "\x32\x30\u{32}0", n: r#"x\n"#, c: '"', s: "\xe4\xb8\x8a")"##;
        let spans = Spans::scan(text);
        assert!(spans.model("a\u{1b}b").is_some());
        assert!(spans.field("date", "2020", 0).is_some());
        assert!(spans.field("n", "x\\n", 0).is_some());
        assert!(spans.field("s", "上", 0).is_some());
    }

    #[test]
    fn escape_cost_is_the_rescanning_ron_does() {
        let text = format!("(a: \"{}\", b: \"plain\")", "\\n".repeat(1000));
        let slow = escape_cost(&text, 1_000).unwrap();
        assert_eq!((slow.start, slow.escapes), (4, 1000));
        assert!(escape_cost(&text, 10_000_000).is_none());
        assert!(escape_cost(r#"(a: "x\"y\"z")"#, 100).is_none());
    }

    /// The index is built only when a message needs a place: not for a
    /// valid file (dated derivations included), once for a bad date.
    #[test]
    fn built_only_for_a_message() {
        let file = |date: &str| {
            format!(
                r#"Lineage(title: "t", methods: {{ "ft": (label: "Fine-tuning") }},
  models: [
    (id: "a", name: "A", date: "2020"),
    (id: "b", name: "B", date: "2021", from: [(parent: "a", via: "ft", date: "{date}")]),
  ])"#
            )
        };
        let scans = |text: &str| {
            SCANS.with(|n| n.set(0));
            let loaded = crate::load::load("t.ron", text.as_bytes());
            (SCANS.with(std::cell::Cell::get), loaded.is_ok())
        };
        assert_eq!(scans(&file("2021-03")), (0, true));
        assert_eq!(scans(&file("March")), (1, false));
    }

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
