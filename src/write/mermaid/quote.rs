//! Escaping: the only way data reaches a Mermaid file, as a quoted label
//! or a YAML string in the front matter.

use crate::write::svg::card::clean;

/// Text inside a quoted Mermaid label: ASCII letters, digits and spaces as
/// they are, every other ASCII character as `#<decimal>;`, control
/// characters dropped, lines trimmed and joined by a raw newline; an empty
/// label as a zero-width space.
///
/// Escaping all of ASCII punctuation, not just `"`, is what keeps data out
/// of Mermaid's syntax: `"` would end the label, `%` start a `%%{init}%%`
/// directive, a backtick a Markdown string, `$$` KaTeX, `fa:fa-x` an icon,
/// `<` HTML, `\n` a line break, and Mermaid 11.3 reads `1. item` as a
/// Markdown list unless the `.` is an entity. A line can never end the
/// string, so a line of data cannot become a statement (`click …`).
///
/// Lines are joined by a newline inside the quotes, not by `<br>`: any `<`
/// in a label makes Mermaid run it through DOMPurify's full parser, which
/// decodes every entity before Mermaid looks for KaTeX, icons and (in 11.3)
/// Markdown, and the escaping above would be undone. Both Mermaid 11.3 and
/// today's Mermaid draw a newline in a quoted label as a line break.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = crate::text::strip_controls(text);
    for line in text.lines().map(clean).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        for c in line.chars() {
            match c {
                c if c.is_ascii_alphanumeric() || c == ' ' => out.push(c),
                c if c.is_ascii() => out.push_str(&format!("#{};", c as u32)),
                c => out.push(c),
            }
        }
    }
    if out.is_empty() {
        out.push_str("#8203;");
    }
    out
}

/// A YAML double-quoted string for the front matter: `\` and `"` escaped,
/// `%` and backticks as `\x25` and `\x60` (so no `%%` directive or fence
/// can appear in the file), line separators escaped, controls dropped.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push(' '),
            '%' => out.push_str("\\x25"),
            '`' => out.push_str("\\x60"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
