//! Diagnostics: errors and warnings about a user's file, with the place they
//! point at (file, line, column, the offending text underlined) and a hint.
//!
//! This module formats; it never decides what is wrong (the stages do) and
//! never prints (the command line does, in one place).
//!
//! **Bounded and printable.** Whatever a file contains, what [`Diagnostic::render`]
//! returns is safe to write to a terminal and of bounded size: every string
//! that comes from the user (message, file name, excerpt, hint, notes) has its
//! control characters escaped (`\u{1b}`), and the excerpt is at most
//! [`EXCERPT_CHARS`] characters of the line around the column. Suggestions
//! ([`did_you_mean`]) and lists of ids ([`some_of`]) have bounded cost and size.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt::Write as _;

/// Most characters of a source line an excerpt shows (plus `…` at a cut end).
pub const EXCERPT_CHARS: usize = 200;

/// Most diagnostics a stage reports in full for one file; the rest are counted
/// in one last "and N more" diagnostic, so that a broken 64 MiB file cannot
/// produce gigabytes of messages.
pub const MAX_PER_FILE: usize = 50;

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
    /// The line, or at most [`EXCERPT_CHARS`] characters of it around the
    /// column, with `…` where it was cut.
    pub line_text: String,
    /// 1-based character position in `line_text` where the underline starts
    /// (`column` unless the line was cut).
    pub caret: usize,
    /// How many characters to underline (at least 1).
    pub width: usize,
}

impl Location {
    /// A location whose `line_text` is the whole (short) line.
    pub fn new(line: usize, column: usize, line_text: &str, width: usize) -> Location {
        let chars: Vec<char> = line_text.chars().collect();
        window(line, column, &chars, width)
    }
}

/// Cut `chars` (one line) to at most [`EXCERPT_CHARS`] around `column`.
fn window(line: usize, column: usize, chars: &[char], width: usize) -> Location {
    let at = column.saturating_sub(1).min(chars.len());
    let (start, end) = if chars.len() <= EXCERPT_CHARS {
        (0, chars.len())
    } else {
        let start = at
            .saturating_sub(EXCERPT_CHARS / 3)
            .min(chars.len() - EXCERPT_CHARS);
        (start, start + EXCERPT_CHARS)
    };
    let mut line_text = String::new();
    if start > 0 {
        line_text.push('…');
    }
    line_text.extend(&chars[start..end]);
    if end < chars.len() {
        line_text.push('…');
    }
    let caret = at - start + usize::from(start > 0) + 1;
    let width = width.max(1).min((end + 1).saturating_sub(at).max(1));
    Location {
        line,
        column,
        line_text,
        caret,
        width,
    }
}

/// `text` with every character a terminal could act on escaped as `\u{…}`:
/// C0 and C1 controls, DEL, bidirectional overrides and noncharacters.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_printable(&mut out, c);
    }
    Cow::Owned(out)
}

fn push_printable(out: &mut String, c: char) {
    if unprintable(c) {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        out.push(c);
    }
}

fn unprintable(c: char) -> bool {
    let u = c as u32;
    c.is_control()
        || matches!(u, 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
        || matches!(u, 0xfdd0..=0xfdef)
        || (u & 0xfffe) == 0xfffe
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
    ///
    /// Every user-derived string is passed through [`printable`]; only the
    /// colour codes added here reach the terminal as escapes.
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
        let file = printable(&self.file);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {}",
            paint(code, word),
            paint("1", &printable(&self.message))
        );
        let gutter_width = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter_width);
        let bar = paint("1;34", "|");
        match &self.location {
            Some(loc) => {
                let arrow = paint("1;34", "-->");
                let _ = writeln!(out, "{pad}{arrow} {file}:{}:{}", loc.line, loc.column);
                let _ = writeln!(out, "{pad} {bar}");
                let number = paint("1;34", &loc.line.to_string());
                let (text, caret, width) = excerpt(loc);
                let _ = writeln!(out, "{number} {bar} {text}");
                let under = format!("{}{}", " ".repeat(caret), "^".repeat(width.max(1)));
                let _ = writeln!(out, "{pad} {bar} {}", paint(code, &under));
            }
            None => {
                let arrow = paint("1;34", "-->");
                let _ = writeln!(out, "{pad}{arrow} {file}");
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {}", printable(note));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(
                out,
                "{pad} {} {}",
                paint("1;36", "= hint:"),
                printable(hint)
            );
        }
        out
    }
}

/// The excerpt made printable, with the underline's offset (0-based) and
/// width counted in the printed characters. A tab prints as one space.
fn excerpt(loc: &Location) -> (String, usize, usize) {
    let start = loc.caret.saturating_sub(1);
    let end = start + loc.width.max(1);
    let mut text = String::new();
    let (mut caret, mut caret_end) = (None, None);
    for (i, c) in loc.line_text.chars().enumerate() {
        if i == start {
            caret = Some(text.chars().count());
        }
        if i == end {
            caret_end = Some(text.chars().count());
        }
        match c {
            '\t' => text.push(' '),
            c => push_printable(&mut text, c),
        }
    }
    let len = text.chars().count();
    let caret = caret.unwrap_or(len);
    let caret_end = caret_end.unwrap_or(len.max(caret + 1));
    (text, caret, caret_end.saturating_sub(caret).max(1))
}

/// The text of one input file, able to turn byte spans into [`Location`]s.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
    /// Byte offset of the start of each line, built on first use.
    lines: OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Source {
            name,
            text,
            lines: OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// Line and column of a span; tabs count as one column. Costs the length
    /// of the line up to the span, not of the file.
    pub fn locate(&self, span: Span) -> Location {
        let start = floor_char_boundary(self.text, span.start.min(self.text.len()));
        let starts = self.line_starts();
        let line_index = starts.partition_point(|&s| s <= start) - 1;
        let line_start = starts[line_index];
        let line_end = starts
            .get(line_index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let end = floor_char_boundary(self.text, span.end.clamp(start, line_end));
        let before = &self.text[line_start..start];
        let column = before.chars().count() + 1;
        let width = self.text[start..end].chars().count().max(1);
        // Only the part of the line that can be shown is copied.
        let keep_before = before
            .char_indices()
            .rev()
            .nth(EXCERPT_CHARS)
            .map_or(line_start, |(i, _)| line_start + i);
        let mut keep_after = start;
        for (n, (i, c)) in self.text[start..line_end].char_indices().enumerate() {
            keep_after = start + i + c.len_utf8();
            if n > EXCERPT_CHARS {
                // One more than shown, so the cut is still marked.
                break;
            }
        }
        let shown = self.text[keep_before..keep_after].trim_end_matches(['\r', '\n']);
        let skipped = column - 1 - self.text[keep_before..start].chars().count();
        let chars: Vec<char> = shown.chars().collect();
        let mut loc = window(line_index + 1, column - skipped, &chars, width);
        if skipped > 0 && !loc.line_text.starts_with('…') {
            loc.line_text.insert(0, '…');
            loc.caret += 1;
        }
        loc.column = column;
        loc
    }

    /// Location of a 1-based line and column (as other parsers report them).
    pub fn locate_line_col(&self, line: usize, column: usize) -> Location {
        let offset = self.offset(line, column);
        self.locate(Span {
            start: offset,
            end: offset + 1,
        })
    }

    /// Byte offset of a 1-based line and column (the end of the text when
    /// past it).
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let starts = self.line_starts();
        let Some(&line_start) = starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let col_bytes: usize = self.text[line_start..]
            .chars()
            .take_while(|&c| c != '\n')
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        line_start + col_bytes
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Longest word [`did_you_mean`] compares; longer words get no suggestion.
pub const SUGGEST_MAX_CHARS: usize = 64;
/// Most candidates [`did_you_mean`] computes an edit distance for.
pub const SUGGEST_MAX_CANDIDATES: usize = 200;

/// The closest of `candidates` to `word`, for "did you mean …?" hints.
///
/// Bounded: a word over [`SUGGEST_MAX_CHARS`] characters gets none; each
/// candidate first gets a lower bound on its distance, linear in its length
/// (from its length and its letters, counted), and only the
/// [`SUGGEST_MAX_CANDIDATES`] with the lowest bounds that could still score
/// 0.5 get the quadratic edit distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let len = word.chars().count();
    if len > SUGGEST_MAX_CHARS {
        return None;
    }
    let counts = letter_counts(word);
    // (lower bound on the distance, candidate) for those that could score.
    let mut hopeful: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let other = c.chars().take(2 * len + 1).count();
            if other > 2 * len || len > 2 * other {
                // The distance is at least the difference in length.
                return None;
            }
            // Each edit changes the letter counts by at most 2 (a
            // transposition by 0): half their difference bounds the distance.
            let theirs = letter_counts(c);
            let apart: usize = counts
                .iter()
                .zip(&theirs)
                .map(|(a, b)| a.abs_diff(*b))
                .sum();
            let bound = apart.div_ceil(2).max(len.abs_diff(other));
            (bound * 2 <= len.max(other)).then_some((bound, c))
        })
        .collect();
    if hopeful.len() > SUGGEST_MAX_CANDIDATES {
        hopeful.select_nth_unstable(SUGGEST_MAX_CANDIDATES);
        hopeful.truncate(SUGGEST_MAX_CANDIDATES);
    }
    hopeful
        .into_iter()
        .map(|(_, c)| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| format!("did you mean \"{c}\"?"))
}

/// Characters counted in 64 buckets (merging letters only lowers the
/// difference, so it stays a lower bound on the edit distance).
fn letter_counts(word: &str) -> [usize; 64] {
    let mut counts = [0; 64];
    for c in word.chars() {
        counts[c as usize % 64] += 1;
    }
    counts
}

/// At most `max` of `ids`, comma-separated, then "… and N more": a hint
/// listing ids stays a line long however many there are.
pub fn some_of<S: AsRef<str>>(ids: impl IntoIterator<Item = S>, max: usize) -> String {
    let mut out = String::new();
    let mut rest = 0usize;
    for (i, id) in ids.into_iter().enumerate() {
        if i < max {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&shorten(id.as_ref(), SUGGEST_MAX_CHARS));
        } else {
            rest += 1;
        }
    }
    if rest > 0 {
        let _ = write!(out, " … and {rest} more");
    }
    out
}

/// `text` cut to `max` characters, with `…` where it was cut.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((i, _)) => Cow::Owned(format!("{}…", &text[..i])),
    }
}

/// A figure draws a text with characters none of lineage's fonts (nor the
/// `--font`s) has: they would come out as empty boxes or nothing.
pub fn missing_glyphs(
    file: &str,
    view: &str,
    text: &str,
    model: Option<&str>,
    chars: &str,
) -> Diagnostic {
    let codes: Vec<String> = chars
        .chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    let place = match model {
        Some(m) => format!("model \"{m}\""),
        None => "a label".to_string(),
    };
    Diagnostic::warning(
        file,
        format!(
            "view \"{view}\": {place} has \"{}\", whose {} ({}) no font of lineage has; \
             the figure is written, but they may show as empty boxes",
            shorten(text, 80),
            if codes.len() == 1 {
                "character"
            } else {
                "characters"
            },
            codes.join(" ")
        ),
    )
    .hint("add a font that has them with `--font FILE` (TTF or OTF); every format then uses it")
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
    fn control_characters_are_escaped_and_colour_codes_stay() {
        assert_eq!(printable("plain 上下 🚀"), "plain 上下 🚀");
        assert_eq!(
            printable("a\u{1b}]0;x\u{7}\u{9b}\u{7f}\u{202e}\u{fffe}\u{10ffff}b"),
            "a\\u{1b}]0;x\\u{7}\\u{9b}\\u{7f}\\u{202e}\\u{fffe}\\u{10ffff}b"
        );
        let src = Source::new("g\u{1b}.ron", "(parent: \"\u{1b}[2J\")");
        let d = Diagnostic::error(src.name, "unknown model \"\u{1b}[2J\"")
            .at(Some(src.locate(Span { start: 9, end: 15 })))
            .hint("\u{1b}[31m");
        let colour = d.render(true);
        assert!(!colour.contains("\x1b[2J") && !colour.contains("\x1b[31m\n"));
        let plain = d.render(false);
        assert!(!plain.contains('\x1b'));
        // The underline follows the escaped text: 6 characters become 11.
        assert!(plain.contains("(parent: \"\\u{1b}[2J\")\n"), "{plain}");
        assert!(
            plain.contains(&format!("| {}{}\n", " ".repeat(9), "^".repeat(11))),
            "{plain}"
        );
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_column() {
        let line = format!("{}\"here\"{}", "a".repeat(100_000), "b".repeat(100_000));
        let src = Source::new("x.ron", &line);
        let loc = src.locate(Span {
            start: 100_000,
            end: 100_006,
        });
        assert_eq!((loc.line, loc.column, loc.width), (1, 100_001, 6));
        assert!(loc.line_text.chars().count() <= EXCERPT_CHARS + 2);
        assert!(loc.line_text.starts_with('…') && loc.line_text.ends_with('…'));
        let at: String = loc.line_text.chars().skip(loc.caret - 1).take(6).collect();
        assert_eq!(at, "\"here\"");
    }

    #[test]
    fn suggestions_and_lists_are_bounded() {
        let long = "x".repeat(SUGGEST_MAX_CHARS + 1);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
        let many: Vec<String> = (0..50_000).map(|i| format!("id-{i}")).collect();
        assert_eq!(
            did_you_mean("id-4999x", many.iter().map(String::as_str)),
            Some("did you mean \"id-4999\"?".into())
        );
        assert_eq!(some_of(["a", "b", "c"], 2), "a, b … and 1 more");
        assert_eq!(shorten("abcdef", 3), "abc…");
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
