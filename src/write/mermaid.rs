//! Mermaid flowcharts, and Markdown files that carry one.
//!
//! The flowchart must draw the same in today's Mermaid and in the older one
//! GitHub uses (11.3), and no label may ever be read as Mermaid syntax,
//! configuration, HTML or Markdown. So:
//!
//! - front matter on the first line pins `layout`, `theme` and `look`, so a
//!   later Mermaid with other defaults draws the same figure;
//! - node ids are generated (`n0`, `n1`, …), never taken from the data
//!   (`end`, `click`, `style` or `a---b` would be read as syntax);
//! - every label is quoted and every ASCII character in it that is not a
//!   letter, digit or space is written as an entity (`#34;`), see [`label`];
//! - one edge per line, so `linkStyle` indices are simply the edge order;
//! - Mermaid's own limits (500 edges, 50,000 characters) are checked here:
//!   a figure over them is an error, never a broken diagram.
//!
//! Mermaid lays the graph out itself: ranks follow derivations, not dates
//! (the DOT and SVG figures keep time).

use super::svg::card::{clean, glyph};
use super::{Options, Style, WriteError};
use crate::data::{DirectionDecl, ViewKind};
use crate::figure::lineage::{lanes, Card, EdgeLabel, Role};
use crate::lineage::{Lang, MethodId};
use crate::palette::{self, Theme, ThemeName};
use crate::view::View;
use petgraph::graph::NodeIndex;

/// Mermaid refuses a flowchart with more edges than this ("Edge limit exceeded").
pub const MAX_EDGES: usize = 500;
/// Mermaid draws an error picture for a diagram longer than this, counted
/// as JavaScript counts (UTF-16 code units).
pub const MAX_CHARS: usize = 50_000;

/// Draw `view` as a Mermaid flowchart (the contents of a `.mmd` file).
pub fn write(view: &View, options: &Options) -> Result<String, WriteError> {
    check_edges(view)?;
    let text = flowchart(view, options);
    check_length(view, &text)?;
    Ok(text)
}

/// The flowchart as a fenced ```` ```mermaid ```` block, ready to paste
/// into Markdown (what `lineage inject` puts between its markers).
pub fn fenced(view: &View, options: &Options) -> Result<String, WriteError> {
    Ok(format!("```mermaid\n{}```\n", write(view, options)?))
}

/// A Markdown file: the view's title as a heading, then the fenced flowchart.
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    let title = view.title().get(options.lang);
    Ok(format!(
        "# {}\n\n{}",
        super::markdown::text(title),
        fenced(view, options)?
    ))
}

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

/// The title as Mermaid can show it: on one line, and `<` as `＜` (full
/// width). Mermaid passes the title through DOMPurify and shows the result
/// as text, so a title with `<` would lose its tags and show `&` as `&amp;`;
/// without `<`, DOMPurify returns it untouched.
fn title_text(text: &str) -> String {
    clean(text).replace('<', "\u{ff1c}")
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

/// The front matter every Mermaid figure starts with, between its `---`
/// lines: the title (see `title_text` and `yaml_quoted`), the layout,
/// the theme and the look.
pub fn front_matter(title: &str, options: &Options) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_quoted(&title_text(title))));
    out.push_str("config:\n  layout: dagre\n");
    out.push_str(match options.theme {
        ThemeName::Light => "  theme: default\n",
        ThemeName::Dark => "  theme: dark\n",
    });
    match options.style {
        Style::Clean => out.push_str("  look: classic\n"),
        Style::Sketch => {
            out.push_str("  look: handDrawn\n");
            out.push_str(&format!("  handDrawnSeed: {}\n", options.seed));
        }
    }
    out.push_str("---\n");
    out
}

/// The Mermaid class of a model's role.
fn class(role: Role) -> &'static str {
    match role {
        Role::Root => "root",
        Role::Merge => "merge",
        Role::Leaf => "leaf",
        Role::Normal => "normal",
    }
}

fn flowchart(view: &View, options: &Options) -> String {
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let mut out = front_matter(view.title().get(lang), options);
    let mut push = |indent: usize, line: &str| {
        for _ in 0..indent {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    };

    let direction = match view.spec.direction {
        DirectionDecl::Right => "LR",
        DirectionDecl::Down => "TB",
    };
    push(0, &format!("flowchart {direction}"));

    // Node ids follow the view's (date) order.
    let mut position = vec![0; lineage.graph.node_count()];
    for (i, n) in view.models.iter().enumerate() {
        position[n.index()] = i;
    }
    let id = |n: NodeIndex| format!("n{}", position[n.index()]);
    let node = |n: NodeIndex| format!("{}[\"{}\"]", id(n), node_label(view, n, lang));

    let mut groups = Vec::new();
    for lane in lanes(view, lang) {
        let g = format!("g{}", groups.len());
        // One line: Mermaid draws a cluster title of several lines over the nodes.
        push(
            1,
            &format!("subgraph {g} [\"{}\"]", label(&clean(&lane.label))),
        );
        // Without this, Mermaid lays out a branch no edge leaves top to bottom.
        push(2, &format!("direction {direction}"));
        for n in lane.members {
            push(2, &node(n));
        }
        push(1, "end");
        groups.push((g, lane.branch.0));
    }
    for &n in &view.models {
        if lineage.model(n).branch.is_none() {
            push(1, &node(n));
        }
    }

    let mut link_styles: Vec<(MethodId, Vec<usize>)> = Vec::new();
    for (i, edge) in EdgeLabel::all(view, lang).into_iter().enumerate() {
        let Some((a, b)) = lineage.graph.edge_endpoints(edge.edge) else {
            continue;
        };
        let arrow = if edge.certain { "-->" } else { "-.->" };
        push(
            1,
            &format!("{} {arrow}|\"{}\"| {}", id(a), label(&edge.text()), id(b)),
        );
        match link_styles.iter_mut().find(|(m, _)| *m == edge.method) {
            Some((_, edges)) => edges.push(i),
            None => link_styles.push((edge.method, vec![i])),
        }
    }

    for k in Role::ALL {
        let (stroke, width) = match k {
            Role::Root => (theme.muted, "1.5px"),
            Role::Merge => (theme.merge_stroke, "3px"),
            Role::Leaf | Role::Normal => (theme.card_stroke, "1px"),
        };
        push(
            1,
            &format!(
                "classDef {} fill:{},stroke:{},stroke-width:{width},color:{}",
                class(k),
                theme.card.hex(),
                stroke.hex(),
                theme.text.hex()
            ),
        );
    }
    for k in Role::ALL {
        let members: Vec<String> = view
            .models
            .iter()
            .filter(|&&n| Role::of(view, n) == k)
            .map(|&n| id(n))
            .collect();
        if !members.is_empty() {
            push(1, &format!("class {} {}", members.join(","), class(k)));
        }
    }
    for (g, b) in &groups {
        let hue = palette::branch(*b);
        push(
            1,
            &format!(
                "style {g} fill:{},stroke:{},color:{}",
                theme.tint(hue, 0.12).hex(),
                theme.tint(hue, 0.55).hex(),
                theme.ink(hue).hex()
            ),
        );
    }
    // One line per method; Mermaid numbers links in source order, one per edge line.
    for (method, edges) in &link_styles {
        let hue = palette::method(method.0);
        let edges: Vec<String> = edges.iter().map(|i| i.to_string()).collect();
        push(
            1,
            &format!(
                "linkStyle {} stroke:{},stroke-width:1.5px,color:{}",
                edges.join(","),
                hue.hex(),
                theme.ink(hue).hex()
            ),
        );
    }
    out
}

/// Name, then API name and date, the merge, then one line per capability
/// change (the size line is left out: a docs column has no room for it).
fn node_label(view: &View, n: NodeIndex, lang: Lang) -> String {
    let card = Card::of(view, n, lang);
    let first = card.meta(false).remove(0);
    let mut parts = vec![card.name, first];
    parts.extend(card.merge);
    for change in &card.changes {
        let mark = if change.certain { "" } else { " ?" };
        parts.push(format!("{} {}{mark}", glyph(change.kind), change.label));
    }
    label(&parts.join("\n"))
}

const SPLIT: &str =
    "split the view: give it `from`/`to` (or `only`/`exclude`) so it draws fewer models";

fn check_edges(view: &View) -> Result<(), WriteError> {
    check_edge_count(view, view.edges.len())
}

/// Mermaid's edge limit ([`MAX_EDGES`]) for a figure of `edges` edges:
/// every Mermaid writer checks it here, before writing.
pub fn check_edge_count(view: &View, edges: usize) -> Result<(), WriteError> {
    if edges > MAX_EDGES {
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!("it has {edges} edges, over Mermaid's limit of {MAX_EDGES}"),
            hint: format!("{SPLIT}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}

/// Mermaid's length limit ([`MAX_CHARS`], in UTF-16 code units as Mermaid
/// counts): every Mermaid writer checks its finished text here.
pub fn check_length(view: &View, text: &str) -> Result<(), WriteError> {
    let length = text.encode_utf16().count();
    if length > MAX_CHARS {
        let also = if view.spec.capabilities && view.spec.kind == ViewKind::Lineage {
            ", or set `capabilities: false` on the view"
        } else {
            ""
        };
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!(
                "the diagram is {length} characters long, over Mermaid's limit of {MAX_CHARS}"
            ),
            hint: format!("{SPLIT}{also}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::fixtures::{hostile, lineage};
    use crate::lineage::Lineage;

    /// A chain of `n` models: `n - 1` edges.
    fn chain(n: usize, name: &str) -> Lineage {
        let mut models = String::new();
        for i in 0..n {
            let from = if i == 0 {
                String::new()
            } else {
                format!(r#", from: [(parent: "m{}", via: "m")]"#, i - 1)
            };
            models.push_str(&format!(r#"(id: "m{i}", name: "{name}"{from}),"#));
        }
        lineage(&format!(
            r#"Lineage(title: "t", methods: {{ "m": (label: "M") }}, models: [{models}])"#
        ))
    }

    #[test]
    fn labels_escape_all_ascii_punctuation() {
        assert_eq!(label(r#"say "hi""#), "say #34;hi#34;");
        assert_eq!(label("1. item"), "1#46; item");
        assert_eq!(
            label("%%{init: {\"theme\":\"dark\"}}%%"),
            "#37;#37;#123;init#58; #123;#34;theme#34;#58;#34;dark#34;#125;#125;#37;#37;"
        );
        assert_eq!(label("<script>"), "#60;script#62;");
        assert_eq!(
            label("#quot; `x` $$y$$ a\\n"),
            "#35;quot#59; #96;x#96; #36;#36;y#36;#36; a#92;n"
        );
        assert_eq!(label("上下文学习 🚀 مرحبا"), "上下文学习 🚀 مرحبا");
    }

    #[test]
    fn label_lines_are_trimmed_and_joined_by_a_newline_never_br() {
        assert_eq!(label("  one  \n\n    two\t\r\n"), "one\ntwo");
        assert_eq!(label(""), "#8203;");
        assert_eq!(label(" \n \u{7}"), "#8203;");
        assert!(!label("a<b>\nc").contains('<'));
    }

    #[test]
    fn yaml_titles_cannot_break_out() {
        assert_eq!(yaml_quoted(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(
            yaml_quoted("%%{init}%%\n`x`"),
            r#""\x25\x25{init}\x25\x25 \x60x\x60""#
        );
        assert_eq!(title_text("a <b> & c"), "a \u{ff1c}b> & c");
    }

    #[test]
    fn markdown_headings_are_plain_text() {
        assert_eq!(
            super::super::markdown::text("# 1. <b>x</b> *y* GPT-3.5 &amp; `z` \\"),
            r"\# 1. \<b\>x\</b\> \*y\* GPT-3.5 &amp;amp; \`z\` \\"
        );
    }

    #[test]
    fn front_matter_pins_layout_theme_and_look() {
        let l = hostile();
        let view = &View::all(&l)[0];
        let text = write(view, &Options::default()).unwrap();
        assert!(text.starts_with("---\ntitle: \""), "{text}");
        let front: Vec<&str> = text.lines().take(7).collect();
        assert_eq!(
            &front[2..],
            [
                "config:",
                "  layout: dagre",
                "  theme: default",
                "  look: classic",
                "---"
            ]
        );
        assert_eq!(text.lines().nth(7), Some("flowchart LR"));
        let sketch = Options {
            theme: ThemeName::Dark,
            style: Style::Sketch,
            seed: 42,
            ..Options::default()
        };
        let text = write(view, &sketch).unwrap();
        assert!(text.contains("\n  theme: dark\n  look: handDrawn\n  handDrawnSeed: 42\n---\n"));
        let down = &View::all(&l)[1];
        assert!(write(down, &Options::default())
            .unwrap()
            .contains("\n---\nflowchart TB\n"));
    }

    #[test]
    fn hostile_data_never_reaches_the_syntax() {
        let l = hostile();
        for view in View::all(&l) {
            for lang in Lang::ALL {
                let options = Options {
                    lang,
                    ..Options::default()
                };
                let text = write(&view, &options).unwrap();
                assert_eq!(text, write(&view, &options).unwrap(), "deterministic");
                assert!(!text.contains("%%"), "no directive can appear");
                assert!(!text.contains('`'), "no Markdown string can appear");
                assert!(!text.contains("<br"), "labels never use HTML");
                assert_statements_are_ours(&text);
                // linkStyle covers every edge exactly once.
                let mut styled: Vec<usize> = text
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("linkStyle "))
                    .flat_map(|l| {
                        let list = l.split(' ').next().unwrap_or("");
                        list.split(',')
                            .map(|i| i.parse::<usize>().unwrap())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                styled.sort();
                assert_eq!(styled, (0..view.edges.len()).collect::<Vec<_>>());
                let md = markdown(&view, &options).unwrap();
                assert!(md.starts_with("# "));
                assert!(md.contains(&format!("\n\n```mermaid\n{text}```\n")));
            }
        }
    }

    /// Every line that starts outside a quoted label is a statement this
    /// writer makes: data only ever appears inside quotes.
    fn assert_statements_are_ours(text: &str) {
        let mut quoted = false;
        let mut front = 0;
        for line in text.lines() {
            if front < 2 {
                // The front matter: YAML, its title escaped by `yaml_quoted`.
                front += usize::from(line == "---");
                continue;
            }
            let starts_quoted = quoted;
            quoted ^= line.matches('"').count() % 2 == 1;
            if starts_quoted {
                // A continuation of a label: escaped text, no quote but the closing one.
                let body = line.split('"').next().unwrap_or("");
                assert!(!body.contains(['%', '`', '<', ':']), "{line}");
                continue;
            }
            let word = line.split_whitespace().next().unwrap_or("");
            let ok = matches!(
                word,
                "flowchart"
                    | "subgraph"
                    | "direction"
                    | "end"
                    | "classDef"
                    | "class"
                    | "style"
                    | "linkStyle"
            ) || (word.starts_with('n')
                && word[1..].chars().take_while(|c| c.is_ascii_digit()).count() > 0);
            assert!(ok, "a statement not made by the writer: {line}");
            if word == "end" {
                assert_eq!(line.trim(), "end");
            }
            if word == "direction" {
                assert!(
                    ["direction LR", "direction TB"].contains(&line.trim()),
                    "{line}"
                );
            }
            if word == "style" {
                assert!(line.trim_start().starts_with("style g"), "{line}");
            }
        }
        assert!(!quoted, "a label is left open");
    }

    #[test]
    fn node_ids_are_generated() {
        let l = hostile();
        let text = write(&View::all(&l)[0], &Options::default()).unwrap();
        for n in 0..9 {
            assert!(text.contains(&format!("n{n}[\"")), "n{n}");
        }
        assert!(text.contains("  subgraph g0 [\"end\"]\n"));
        assert!(text.contains(" -.->|\""), "uncertain edges are dotted");
        assert!(text.contains("class n5 merge") || text.contains(" merge\n"));
    }

    #[test]
    fn more_than_500_edges_is_refused_with_a_hint() {
        let l = chain(MAX_EDGES + 1, "x");
        assert!(write(&View::all(&l)[0], &Options::default()).is_ok());
        let l = chain(MAX_EDGES + 2, "x");
        let err = write(&View::all(&l)[0], &Options::default()).unwrap_err();
        assert!(err.to_string().contains("501 edges"), "{err}");
        assert!(err.to_string().contains("limit of 500"), "{err}");
        assert!(err.hint().contains("from"), "{}", err.hint());
        assert!(markdown(&View::all(&l)[0], &Options::default()).is_err());
    }

    #[test]
    fn more_than_50000_characters_is_refused() {
        // 300 models with long names: well under 500 edges, well over 50,000 characters.
        let l = chain(300, &"long name. ".repeat(20));
        let err = write(&View::all(&l)[0], &Options::default()).unwrap_err();
        match &err {
            WriteError::Limit { limit, .. } => assert!(limit.contains("50000"), "{limit}"),
            other => panic!("{other:?}"),
        }
    }
}
