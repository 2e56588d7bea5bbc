//! Escaping for DOT: quoted ids and attribute values, labels and tooltips
//! (each with Graphviz's own unescaping rules), and HTML-like label text.
//! Data never reaches a DOT file except through these functions. They
//! decide no layout and no wording.

/// A DOT quoted string, `"…"`, for ids and plain attribute values: `"` and
/// `\` escaped, control characters dropped, a newline as `\n`.
pub fn quoted(text: &str) -> String {
    escaped(text, "\\\\")
}

/// A quoted `label` (an escString Graphviz draws): as [`quoted`], and `&`
/// as `&amp;`, since Graphviz decodes entities in every label. Doubling
/// each backslash keeps Graphviz's own escapes (`\N` for the node name,
/// `\l` for a left-justified line) as literal text.
pub fn quoted_label(text: &str) -> String {
    escaped(&text.replace('&', "&amp;"), "\\\\")
}

/// A quoted `tooltip`: as [`quoted_label`], but each backslash written four
/// times. Graphviz (2.43, as Debian ships it) unescapes a tooltip twice,
/// the second time replacing `\N`, `\G` and the like, so a doubled
/// backslash before `N` would show the node's name.
pub fn quoted_tooltip(text: &str) -> String {
    escaped(&text.replace('&', "&amp;"), "\\\\\\\\")
}

fn escaped(text: &str, backslash: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(backslash),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text inside an HTML-like label: `&`, `<`, `>` and `"` as entities, a
/// newline as `<BR/>`, control characters dropped.
///
/// Graphviz applies its escString rules (`\N`, `\G`, …) to HTML-like text
/// too, after decoding entities, so a backslash is doubled here as well.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<BR/>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quoted(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quoted(r"a\b\"), r#""a\\b\\""#);
        assert_eq!(quoted("one\ntwo\r\n"), r#""one\ntwo\n""#);
        // Graphviz's own escapes stay literal text.
        assert_eq!(quoted(r"\N \G \l"), r#""\\N \\G \\l""#);
        assert_eq!(quoted("bell\u{7}\u{0}tab\t."), "\"belltab .\"");
        assert_eq!(quoted(""), "\"\"");
    }

    #[test]
    fn labels_and_tooltips_also_escape_entities() {
        assert_eq!(quoted_label(r"&amp; \N"), r#""&amp;amp; \\N""#);
        assert_eq!(
            quoted_tooltip("a\\N & \"b\"\nc"),
            r#""a\\\\N &amp; \"b\"\nc""#
        );
    }

    #[test]
    fn html_text_escapes_markup_and_backslashes() {
        assert_eq!(
            html("<script>alert(1)</script> &amp; \"q\""),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;q&quot;"
        );
        assert_eq!(html("a\nb"), "a<BR/>b");
        assert_eq!(html(r"\N"), r"\\N");
        assert_eq!(html("上下文学习 🚀 مرحبا"), "上下文学习 🚀 مرحبا");
        assert!(!html("x\u{1b}[0m\ny").contains(['\n', '\u{1b}']));
    }
}
