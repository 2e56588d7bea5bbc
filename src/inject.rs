//! Keeping figures in Markdown up to date: the text between
//!
//! ```text
//! <!-- lineage:begin gpt/branches -->
//! <!-- lineage:end -->
//! ```
//!
//! is replaced by the current figure of that view (the caller renders it,
//! usually as a fenced Mermaid block). Everything outside the markers,
//! the marker lines included, is kept byte for byte.
//!
//! A marker is a line of its own (leading and trailing white space
//! allowed). Markers are found as CommonMark reads the file (pulldown-cmark):
//! a marker in a code block or a code span is an example, not a marker, so a
//! README can show how to use them; one inside a list item, a blockquote or
//! a MkDocs admonition gets its block with that container's indentation and
//! `>` prefix, so the figure stays inside it.
//!
//! This module works on text only; the command line reads and writes files.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Why a Markdown file cannot be updated. Lines are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InjectError {
    #[error("line {line}: `<!-- lineage:begin {view} -->` has no `<!-- lineage:end -->` after it")]
    MissingEnd { line: usize, view: String },
    #[error("line {line}: `<!-- lineage:begin {view} -->` inside the block begun at line {open}")]
    NestedBegin {
        line: usize,
        open: usize,
        view: String,
    },
    #[error("line {line}: `<!-- lineage:end -->` without a `<!-- lineage:begin … -->` before it")]
    EndWithoutBegin { line: usize },
    #[error("line {line}: `<!-- lineage:begin -->` names no view")]
    MissingView { line: usize },
    #[error("line {line}: cannot draw \"{view}\": {message}")]
    Render {
        line: usize,
        view: String,
        message: String,
    },
}

impl InjectError {
    /// What to do about it, for the person at the terminal.
    pub fn hint(&self) -> String {
        match self {
            InjectError::MissingEnd { .. } => {
                "add a line `<!-- lineage:end -->` where the figure should end".into()
            }
            InjectError::NestedBegin { open, .. } => {
                format!("close the block begun at line {open} with `<!-- lineage:end -->` first")
            }
            InjectError::EndWithoutBegin { .. } => {
                "remove this line, or add `<!-- lineage:begin GRAPH/VIEW -->` before it".into()
            }
            InjectError::MissingView { .. } => {
                "name the figure as GRAPH/VIEW, e.g. `<!-- lineage:begin gpt/branches -->`".into()
            }
            InjectError::Render { .. } => {
                "write GRAPH/VIEW with a graph in graphs/ (beside the Markdown file or above it) and one of its views, optionally followed by mermaid, svg or picture"
                    .into()
            }
        }
    }
}

/// A marker line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Marker {
    /// `<!-- lineage:begin VIEW -->`; the view is empty when none is named.
    Begin(String),
    End,
}

/// Reads a line as a marker: `<!--`, `lineage:begin VIEW` or `lineage:end`, `-->`.
fn marker(line: &str) -> Option<Marker> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    if inner == "lineage:end" {
        return Some(Marker::End);
    }
    let rest = inner.strip_prefix("lineage:begin")?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(Marker::Begin(rest.trim().to_string()))
}

/// A live marker: its line, and the prefix its container puts before every
/// line (`> ` in a blockquote, spaces in a list item or an admonition).
type Markers = BTreeMap<usize, (Marker, String)>;

/// How deep admonitions are searched for markers (each level is 4 spaces).
const MAX_ADMONITION_DEPTH: usize = 8;

/// The byte offset where each line starts.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&i| i < text.len() || i == 0)
        .collect()
}

/// The live markers of `text`, found as CommonMark reads it: an HTML block
/// that is a marker and nothing else on its line. Markers in code (fenced,
/// indented, inline) are examples, not markers.
fn live_markers(text: &str, depth: usize) -> Markers {
    // A byte-order mark is not Markdown; its line still counts.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let starts = line_starts(text);
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let line_text = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        text[starts[i]..end].trim_end_matches(['\n', '\r'])
    };
    let mut markers = Markers::new();
    let mut containers = 0usize;
    let mut admonitions = Vec::new();
    let events = Parser::new_ext(&text[bom..], Options::empty()).into_offset_iter();
    for (event, range) in events {
        let at = range.start + bom;
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => containers -= 1,
            Event::Start(Tag::Paragraph) => {
                let i = line_of(at);
                let head = line_text(i).trim_start();
                if head.starts_with("!!!") || head.starts_with("???") {
                    admonitions.push(i);
                }
            }
            Event::Html(_) => {
                let i = line_of(at);
                let line = line_text(i);
                let (before, rest) = line.split_at((at - starts[i]).min(line.len()));
                let Some(m) = marker(rest) else {
                    continue;
                };
                let before = before.trim_start_matches('\u{feff}');
                // A line indented 4 columns or more is live only as the
                // inside of an HTML block the old content opened; once that
                // content is replaced it would read as code. Not a marker.
                let own = if containers == 0 { before } else { "" };
                let lead = &rest[..rest.len() - rest.trim_start().len()];
                if columns(own) + columns(lead) >= 4 {
                    continue;
                }
                let prefix = if containers == 0 {
                    String::new()
                } else {
                    container_prefix(before)
                };
                markers.insert(i, (m, prefix));
            }
            _ => {}
        }
    }
    if depth < MAX_ADMONITION_DEPTH {
        for header in admonitions {
            markers.extend(admonition_markers(text, &starts, header, depth));
        }
    }
    markers
}

/// The width of white space in columns, a tab reaching the next multiple of 4.
fn columns(space: &str) -> usize {
    space.chars().fold(0, |col, c| {
        if c == '\t' {
            col + 4 - col % 4
        } else {
            col + 1
        }
    })
}

/// The prefix of a marker's line as every line of its block repeats it:
/// blockquote marks kept, list markers turned into the spaces they stand for.
fn container_prefix(before: &str) -> String {
    before
        .chars()
        .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
        .collect()
}

/// Markers inside a MkDocs admonition (`!!! note` and the lines indented 4
/// spaces more under it), which CommonMark reads as a paragraph and code.
fn admonition_markers(text: &str, starts: &[usize], header: usize, depth: usize) -> Markers {
    let line = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        &text[starts[i]..end]
    };
    let head = line(header);
    let indent = head.len() - head.trim_start_matches(' ').len() + 4;
    let pad = " ".repeat(indent);
    let mut inner = String::new();
    let mut count = 0;
    for i in header + 1..starts.len() {
        let raw = line(i);
        if raw.trim().is_empty() {
            inner.push_str(&raw[raw.trim_end_matches(['\n', '\r']).len()..]);
        } else if let Some(rest) = raw.strip_prefix(pad.as_str()) {
            inner.push_str(rest);
        } else {
            break;
        }
        count += 1;
    }
    live_markers(&inner, depth + 1)
        .into_iter()
        .filter(|(i, _)| *i < count)
        .map(|(i, (m, prefix))| (header + 1 + i, (m, format!("{pad}{prefix}"))))
        .collect()
}

/// Replace the content of every marked block with `render(view)`.
///
/// `render` gets the view as written in the marker (`"gpt/branches"`, or
/// `"gpt/branches svg"`) and returns the block's new content, or an error
/// message (an unknown view). The block goes in with its container's prefix
/// (a list item's indentation, a blockquote's `> `), so it stays inside it,
/// and with the file's line ending (`\r\n` or `\n`).
pub fn inject(
    text: &str,
    mut render: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, InjectError> {
    let markers = live_markers(text, 0);
    let mut out = String::with_capacity(text.len());
    // The open block: its begin line, view, prefix and line ending.
    let mut open: Option<(usize, &str, &str, &str)> = None;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches(['\n', '\r']);
        let ending = &raw[line.len()..];
        let ending = if ending.is_empty() { "\n" } else { ending };
        match (markers.get(&i), open) {
            (Some((Marker::Begin(view), prefix)), None) => {
                if view.is_empty() {
                    return Err(InjectError::MissingView { line: line_no });
                }
                out.push_str(raw);
                open = Some((line_no, view.as_str(), prefix.as_str(), ending));
            }
            (Some((Marker::Begin(view), _)), Some((begun, ..))) => {
                return Err(InjectError::NestedBegin {
                    line: line_no,
                    open: begun,
                    view: view.clone(),
                });
            }
            (Some((Marker::End, _)), Some((begun, view, prefix, ending))) => {
                let block = render(view).map_err(|message| InjectError::Render {
                    line: begun,
                    view: view.to_string(),
                    message,
                })?;
                out.push_str(&with_prefix(&block, prefix, ending));
                out.push_str(raw);
                open = None;
            }
            (Some((Marker::End, _)), None) => {
                return Err(InjectError::EndWithoutBegin { line: line_no });
            }
            // Inside a block: the old content is dropped.
            (None, Some(_)) => {}
            (None, None) => out.push_str(raw),
        }
    }
    if let Some((line, view, ..)) = open {
        return Err(InjectError::MissingEnd {
            line,
            view: view.to_string(),
        });
    }
    Ok(out)
}

/// Every line of `block` after `prefix` (blank lines keep only its
/// non-space part), ending in `ending`.
fn with_prefix(block: &str, prefix: &str, ending: &str) -> String {
    let mut out = String::with_capacity(block.len());
    for line in block.replace("\r\n", "\n").lines() {
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
        out.push_str(ending);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(view: &str) -> Result<String, String> {
        match view {
            "gpt/branches" => Ok("```mermaid\nflowchart LR\n  n0[\"A\"]\n```\n".into()),
            "gpt/lineage" => Ok("```mermaid\nflowchart TB\n```".into()),
            other => Err(format!("no view \"{other}\"")),
        }
    }

    #[test]
    fn replaces_only_between_markers() {
        let text = "# Title\n\nBefore  \n<!-- lineage:begin gpt/branches -->\nold\nstuff\n<!-- lineage:end -->\nAfter\n";
        let out = inject(text, block).unwrap();
        assert_eq!(
            out,
            "# Title\n\nBefore  \n<!-- lineage:begin gpt/branches -->\n```mermaid\nflowchart LR\n  n0[\"A\"]\n```\n<!-- lineage:end -->\nAfter\n"
        );
        // Running it again changes nothing.
        assert_eq!(inject(&out, block).unwrap(), out);
    }

    #[test]
    fn text_outside_markers_is_kept_byte_for_byte() {
        let text = "no markers\r\n\ttabs  and trailing space \n\nno final newline";
        assert_eq!(inject(text, block).unwrap(), text);
        let text = "a\r\n<!-- lineage:begin gpt/lineage -->\r\n<!-- lineage:end -->\r\nz";
        let out = inject(text, block).unwrap();
        assert_eq!(
            out,
            "a\r\n<!-- lineage:begin gpt/lineage -->\r\n```mermaid\r\nflowchart TB\r\n```\r\n<!-- lineage:end -->\r\nz"
        );
    }

    #[test]
    fn several_blocks_and_loose_marker_spelling() {
        let text = "  <!--lineage:begin gpt/branches-->\n<!--   lineage:end   -->\nmid\n<!-- lineage:begin gpt/lineage -->\nx\n<!-- lineage:end -->";
        let out = inject(text, block).unwrap();
        assert_eq!(
            out,
            "  <!--lineage:begin gpt/branches-->\n```mermaid\nflowchart LR\n  n0[\"A\"]\n```\n<!--   lineage:end   -->\nmid\n<!-- lineage:begin gpt/lineage -->\n```mermaid\nflowchart TB\n```\n<!-- lineage:end -->"
        );
    }

    #[test]
    fn markers_in_code_examples_and_prose_are_not_markers() {
        let text = "Use:\n\n```markdown\n<!-- lineage:begin gpt/branches -->\n<!-- lineage:end -->\n```\n\nor `<!-- lineage:end -->` inline.\n";
        assert_eq!(inject(text, block).unwrap(), text);
        let text = "~~~~\n```\n<!-- lineage:end -->\n~~~~\n";
        assert_eq!(inject(text, block).unwrap(), text);
    }

    #[test]
    fn a_begin_marker_on_the_last_line_without_newline_is_still_a_block() {
        let err = inject("<!-- lineage:begin gpt/branches -->", block).unwrap_err();
        assert_eq!(
            err,
            InjectError::MissingEnd {
                line: 1,
                view: "gpt/branches".into()
            }
        );
    }

    #[test]
    fn errors_name_the_line() {
        let missing = "a\nb\n<!-- lineage:begin gpt/branches -->\nold\n";
        assert_eq!(
            inject(missing, block).unwrap_err(),
            InjectError::MissingEnd {
                line: 3,
                view: "gpt/branches".into()
            }
        );
        let nested = "<!-- lineage:begin gpt/branches -->\n\n<!-- lineage:begin gpt/lineage -->\n<!-- lineage:end -->\n";
        let err = inject(nested, block).unwrap_err();
        assert_eq!(
            err,
            InjectError::NestedBegin {
                line: 3,
                open: 1,
                view: "gpt/lineage".into()
            }
        );
        assert!(err.to_string().contains("line 3"), "{err}");
        assert!(err.hint().contains("line 1"), "{}", err.hint());
        let stray = "x\n<!-- lineage:end -->\n";
        assert_eq!(
            inject(stray, block).unwrap_err(),
            InjectError::EndWithoutBegin { line: 2 }
        );
        let unknown = "x\n\n<!-- lineage:begin gpt/nope -->\n<!-- lineage:end -->\n";
        let err = inject(unknown, block).unwrap_err();
        assert_eq!(
            err,
            InjectError::Render {
                line: 3,
                view: "gpt/nope".into(),
                message: "no view \"gpt/nope\"".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "line 3: cannot draw \"gpt/nope\": no view \"gpt/nope\""
        );
        let unnamed = "<!-- lineage:begin -->\n<!-- lineage:end -->\n";
        assert_eq!(
            inject(unnamed, block).unwrap_err(),
            InjectError::MissingView { line: 1 }
        );
    }

    #[test]
    fn look_alike_comments_are_left_alone() {
        let text = "<!-- lineage:beginning -->\n<!-- lineage:ending -->\n<!-- other -->\n";
        assert_eq!(inject(text, block).unwrap(), text);
    }

    /// The containers (outermost first) around each fenced code block of
    /// `text`, as CommonMark reads it.
    fn fenced_blocks_in(text: &str) -> Vec<Vec<&'static str>> {
        let mut stack = Vec::new();
        let mut found = Vec::new();
        for event in Parser::new(text) {
            match event {
                Event::Start(Tag::BlockQuote(_)) => stack.push("quote"),
                Event::Start(Tag::Item) => stack.push("item"),
                Event::End(TagEnd::BlockQuote(_) | TagEnd::Item) => {
                    stack.pop();
                }
                Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => {
                    found.push(stack.clone())
                }
                _ => {}
            }
        }
        found
    }

    fn injected(text: &str) -> String {
        let out = inject(text, block).unwrap();
        assert_eq!(
            inject(&out, block).unwrap(),
            out,
            "injecting twice changes nothing"
        );
        out
    }

    #[test]
    fn a_block_in_a_list_item_stays_in_the_item() {
        let text =
            "- one\n\n  <!-- lineage:begin gpt/branches -->\n  <!-- lineage:end -->\n- two\n";
        let out = injected(text);
        assert!(out.contains("\n  ```mermaid\n  flowchart LR\n"), "{out}");
        assert_eq!(fenced_blocks_in(&out), [vec!["item"]]);
        // Still two items in one list.
        let items = Parser::new(&out)
            .filter(|e| matches!(e, Event::Start(Tag::Item)))
            .count();
        assert_eq!(items, 2, "{out}");
        // A marker on the item's own line: the item's width in spaces.
        let text = "1. <!-- lineage:begin gpt/lineage -->\n   <!-- lineage:end -->\n";
        let out = injected(text);
        assert!(out.contains("\n   ```mermaid\n"), "{out}");
        assert_eq!(fenced_blocks_in(&out), [vec!["item"]]);
    }

    #[test]
    fn a_block_in_a_nested_list_or_blockquote_keeps_every_prefix() {
        let text =
            "- a\n  - b\n\n    <!-- lineage:begin gpt/branches -->\n    <!-- lineage:end -->\n";
        let out = injected(text);
        assert_eq!(fenced_blocks_in(&out), [vec!["item", "item"]]);
        let text = "> Quote\n>\n> <!-- lineage:begin gpt/branches -->\n> <!-- lineage:end -->\n";
        let out = injected(text);
        assert!(
            out.contains("> ```mermaid\n> flowchart LR\n>   n0"),
            "{out}"
        );
        assert_eq!(fenced_blocks_in(&out), [vec!["quote"]]);
        let text = "- item\n\n  > <!-- lineage:begin gpt/branches -->\n  > <!-- lineage:end -->\n";
        let out = injected(text);
        assert_eq!(fenced_blocks_in(&out), [vec!["item", "quote"]]);
    }

    #[test]
    fn a_block_in_an_admonition_keeps_its_indentation() {
        let text = "!!! note \"Figure\"\n\n    <!-- lineage:begin gpt/branches -->\n    <!-- lineage:end -->\n\nAfter\n";
        let out = injected(text);
        assert!(
            out.contains("\n    ```mermaid\n    flowchart LR\n      n0"),
            "{out}"
        );
        assert!(
            out.ends_with("    <!-- lineage:end -->\n\nAfter\n"),
            "{out}"
        );
    }

    #[test]
    fn markers_in_indented_code_and_code_spans_are_examples() {
        let text = "Example:\n\n    <!-- lineage:begin gpt/branches -->\n    <!-- lineage:end -->\n\n`<!-- lineage:begin gpt/branches -->`\n";
        assert_eq!(inject(text, block).unwrap(), text);
    }

    #[test]
    fn crlf_in_a_blockquote_and_a_bom_before_the_first_marker() {
        let text = "> <!-- lineage:begin gpt/lineage -->\r\n> <!-- lineage:end -->\r\n";
        let out = injected(text);
        assert_eq!(
            out,
            "> <!-- lineage:begin gpt/lineage -->\r\n> ```mermaid\r\n> flowchart TB\r\n> ```\r\n> <!-- lineage:end -->\r\n"
        );
        let text = "\u{feff}<!-- lineage:begin gpt/lineage -->\n<!-- lineage:end -->\n";
        let out = injected(text);
        assert!(
            out.starts_with("\u{feff}<!-- lineage:begin gpt/lineage -->\n```mermaid\n"),
            "{out}"
        );
    }

    #[test]
    fn a_marker_only_an_open_html_block_made_live_is_not_a_marker() {
        // Found by the fuzzer: the end marker, indented by a tab, was read
        // as part of the HTML comment the line before opens; once the old
        // content was replaced it read as code, and a second inject failed.
        let text = "<!-- lineage:begin gpt/branches -->\n<!-- l\n\t<!-- lineage:end -->\n";
        assert!(matches!(
            inject(text, block),
            Err(InjectError::MissingEnd { line: 1, .. })
        ));
        let text = "<!-- lineage:begin gpt/branches -->\n<!-- l\n   <!-- lineage:end -->\n";
        let out = injected(text);
        assert!(out.ends_with("```\n   <!-- lineage:end -->\n"), "{out}");
    }
}
