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
//! allowed). Markers inside a fenced code block outside any begin/end pair
//! are examples, not markers: a README can show how to use them.
//!
//! This module works on text only; the command line reads and writes files.

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
                "write GRAPH/VIEW with a graph in graphs/ and one of its views (`lineage check` lists them)"
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
    // A byte-order mark may stand before a marker on the first line.
    let inner = line
        .trim_start_matches('\u{feff}')
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

/// The fence a line opens or closes: its character and length.
fn fence(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = rest.chars().take_while(|&x| x == c).count();
    (len >= 3).then_some((c, len))
}

/// Replace the content of every marked block with `render(view)`.
///
/// `render` gets the view as written in the marker (`"gpt/branches"`) and
/// returns the block's new content, or an error message (an unknown view).
/// The result keeps the file's line ending (`\r\n` or `\n`) in what it puts in.
pub fn inject(
    text: &str,
    mut render: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, InjectError> {
    let mut out = String::with_capacity(text.len());
    // The open block: its begin line, view and line ending.
    let mut open: Option<(usize, String, &str)> = None;
    // The fence of a code block outside any marked block.
    let mut in_fence: Option<(char, usize)> = None;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches(['\n', '\r']);
        let ending = &raw[line.len()..];
        if open.is_none() {
            if let Some((c, len)) = in_fence {
                if fence(line).is_some_and(|(d, l)| d == c && l >= len)
                    && line.trim_start().trim_start_matches(c).trim().is_empty()
                {
                    in_fence = None;
                }
                out.push_str(raw);
                continue;
            }
            if let Some(f) = fence(line) {
                in_fence = Some(f);
                out.push_str(raw);
                continue;
            }
        }
        match (marker(line), &open) {
            (Some(Marker::Begin(view)), None) => {
                if view.is_empty() {
                    return Err(InjectError::MissingView { line: line_no });
                }
                out.push_str(raw);
                open = Some((line_no, view, ending));
            }
            (Some(Marker::Begin(view)), Some((begun, _, _))) => {
                return Err(InjectError::NestedBegin {
                    line: line_no,
                    open: *begun,
                    view,
                });
            }
            (Some(Marker::End), Some((begun, view, ending))) => {
                let block = render(view).map_err(|message| InjectError::Render {
                    line: *begun,
                    view: view.clone(),
                    message,
                })?;
                let mut block = block.replace("\r\n", "\n");
                if !block.is_empty() && !block.ends_with('\n') {
                    block.push('\n');
                }
                if *ending != "\n" {
                    block = block.replace('\n', ending);
                }
                out.push_str(&block);
                out.push_str(raw);
                open = None;
            }
            (Some(Marker::End), None) => {
                return Err(InjectError::EndWithoutBegin { line: line_no });
            }
            // Inside a block: the old content is dropped.
            (None, Some(_)) => {}
            (None, None) => out.push_str(raw),
        }
    }
    if let Some((line, view, _)) = open {
        return Err(InjectError::MissingEnd { line, view });
    }
    Ok(out)
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
}
