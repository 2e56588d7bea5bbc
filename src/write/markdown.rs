//! Markdown: the one escaping for text in Markdown figures (the lineage
//! view's heading, the matrix and table views' cells), and the image and
//! `<picture>` blocks `lineage inject` links a figure with.

/// Text made safe on one line of Markdown (a table cell, a heading, a bold
/// title): no line breaks, and every character that Markdown (GitHub's
/// included) could read as markup is backslash-escaped or written as an
/// entity, so labels show as written. Every Markdown writer escapes here.
pub fn text(text: &str) -> String {
    let mut out = String::new();
    let text = crate::figure::clean(text);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '~' | '|' | '$' | '#' | '@' => {
                out.push('\\');
                out.push(c);
            }
            // `:name:` is an emoji on GitHub.
            ':' if next.is_some_and(|n| n.is_alphanumeric()) => out.push_str("\\:"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown page carrying a Mermaid figure: the title as a heading, the
/// fenced flowchart, and the key as a line of text under it (text of the
/// page, legible in any page theme, and taking no width from the figure).
pub fn mermaid_page(title: &str, flowchart: &str, key: &str) -> String {
    format!("# {}\n\n```mermaid\n{flowchart}```\n\n{key}\n", text(title))
}

/// A Markdown image of `src` with `alt` as its text: `![alt](src)`.
pub fn image(alt: &str, src: &str) -> String {
    format!("![{}]({src})\n", alt_text(alt))
}

/// An HTML `<picture>` that shows `dark` in a dark colour scheme and
/// `light` otherwise, with `alt` as its text (GitHub shows it as written).
pub fn picture(alt: &str, light: &str, dark: &str) -> String {
    format!(
        "<picture>\n  <source media=\"(prefers-color-scheme: dark)\" srcset=\"{}\">\n  \
         <img alt=\"{}\" src=\"{}\">\n</picture>\n",
        attribute(dark),
        attribute(alt),
        attribute(light)
    )
}

/// Text for a Markdown image's alt: brackets and backslashes escaped, on one line.
fn alt_text(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '[' | ']' | '\\' => vec!['\\', c],
            '\n' | '\r' => vec![' '],
            _ => vec![c],
        })
        .collect()
}

/// Text for an HTML attribute in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("#7 @x"), "\\#7 \\@x");
        assert_eq!(text("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(text("a: b :smile:"), "a: b \\:smile:");
        assert_eq!(
            text("`code` *x* _y_ [l](u) $m$"),
            "\\`code\\` \\*x\\* \\_y\\_ \\[l\\](u) \\$m\\$"
        );
        assert_eq!(text("a\nb &amp;"), "a b &amp;amp;");
    }
}
