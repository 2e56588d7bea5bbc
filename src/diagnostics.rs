//! Diagnostics: errors and warnings about a user's file, with the place they
//! point at (file, line, column, the offending text underlined) and a hint.
//!
//! This module formats; it never decides what is wrong (the stages do) and
//! never prints (the command line does, in one place).

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Byte offsets into the source text, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A place in a file, resolved to what a person reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub line_text: String,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

/// One message about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub message: String,
    pub location: Option<Location>,
    pub hint: Option<String>,
    /// Extra lines printed under the snippet (a whole cycle, say).
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            message: message.into(),
            location: None,
            hint: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The text a person reads, in colour when `color` is set:
    ///
    /// ```text
    /// error: unknown parent model "code-davinci-01"
    ///   --> graphs/gpt.ron:42:22
    ///    |
    /// 42 |      from: [(parent: "code-davinci-01", via: "code")],
    ///    |                      ^^^^^^^^^^^^^^^^^
    ///    = hint: did you mean "code-davinci-001"?
    /// ```
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let (word, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = String::new();
        let _ = writeln!(out, "{}: {}", paint(code, word), paint("1", &self.message));
        let gutter_width = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter_width);
        let bar = paint("1;34", "|");
        match &self.location {
            Some(loc) => {
                let arrow = paint("1;34", "-->");
                let _ = writeln!(
                    out,
                    "{pad}{arrow} {}:{}:{}",
                    self.file, loc.line, loc.column
                );
                let _ = writeln!(out, "{pad} {bar}");
                let number = paint("1;34", &loc.line.to_string());
                let _ = writeln!(out, "{number} {bar} {}", loc.line_text);
                let under = format!(
                    "{}{}",
                    " ".repeat(loc.column - 1),
                    "^".repeat(loc.width.max(1))
                );
                let _ = writeln!(out, "{pad} {bar} {}", paint(code, &under));
            }
            None => {
                let arrow = paint("1;34", "-->");
                let _ = writeln!(out, "{pad}{arrow} {}", self.file);
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {note}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} {} {hint}", paint("1;36", "= hint:"));
        }
        out
    }
}

/// The text of one input file, able to turn byte spans into [`Location`]s.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Source { name, text }
    }

    /// Line and column of a span; tabs count as one column.
    pub fn locate(&self, span: Span) -> Location {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line = self.text[..start].matches('\n').count() + 1;
        let column = self.text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        Location {
            line,
            column,
            line_text: self.text[line_start..line_end]
                .trim_end_matches('\r')
                .to_string(),
            width: self.text[start..end].chars().count().max(1),
        }
    }

    /// Location of a 1-based line and column (as other parsers report them).
    pub fn locate_line_col(&self, line: usize, column: usize) -> Location {
        let mut offset = 0;
        for (i, l) in self.text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = l
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                offset += col_bytes;
                return self.locate(Span {
                    start: offset,
                    end: offset + 1,
                });
            }
            offset += l.len();
        }
        self.locate(Span {
            start: self.text.len(),
            end: self.text.len(),
        })
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest of `candidates` to `word`, for "did you mean …?" hints.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean \"{c}\"?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let src = Source::new("x.ron", "a\n  \"上下\": 1\n");
        let start = src.text.find("1").unwrap();
        let loc = src.locate(Span {
            start,
            end: start + 1,
        });
        assert_eq!((loc.line, loc.column, loc.width), (2, 9, 1));
        assert_eq!(loc.line_text, "  \"上下\": 1");
    }

    #[test]
    fn renders_plain_without_colour() {
        let src = Source::new("g.ron", "(parent: \"x\")");
        let d = Diagnostic::error("g.ron", "unknown model \"x\"")
            .at(Some(src.locate(Span { start: 9, end: 12 })))
            .hint("did you mean \"y\"?");
        let text = d.render(false);
        assert!(!text.contains('\x1b'));
        assert!(text.contains("--> g.ron:1:10"));
        assert!(text.contains("         ^^^"));
        assert!(text.contains("= hint: did you mean"));
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(
            did_you_mean("code-davinci-01", ["code-davinci-001", "chatgpt"]),
            Some("did you mean \"code-davinci-001\"?".into())
        );
        assert_eq!(did_you_mean("zzz", ["code-davinci-001"]), None);
    }
}
