//! The Mermaid writer's own tests: hostile data never reaches the syntax,
//! keys, styles and limits.

use super::*;
use crate::lineage::fixtures::{hostile, lineage};
use crate::lineage::Lineage;
use crate::palette::ThemeName;
use crate::write::Style;

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
    let front: Vec<&str> = text.lines().take(5).collect();
    assert_eq!(
        front,
        [
            "---",
            "config:",
            "  layout: dagre",
            "  theme: base",
            "  look: classic"
        ]
    );
    let light = Theme::get(ThemeName::Light);
    assert!(text.contains(&format!("    titleColor: \"{}\"\n", light.text.hex())));
    assert!(
        text.contains("\n---\nflowchart TB\n"),
        "top to bottom by default"
    );
    let sketch = Options {
        theme: ThemeName::Dark,
        style: Style::Sketch,
        seed: 42,
        ..Options::default()
    };
    let text = write(view, &sketch).unwrap();
    assert!(text.contains("\n  look: handDrawn\n  handDrawnSeed: 42\n"));
    assert!(text.contains("    darkMode: true\n"));
    let dark = Theme::get(ThemeName::Dark);
    assert!(text.contains(&format!("    background: \"{}\"\n", dark.background.hex())));
}

#[test]
fn direction_right_is_kept_only_when_declared() {
    let right = lineage(
        r#"Lineage(title: "t", methods: {"m": (label: "M")},
           models: [(id: "a", name: "A"), (id: "b", name: "B", from: [(parent: "a", via: "m")])],
           views: [(name: "r", direction: Right), (name: "d", direction: Down), (name: "n")])"#,
    );
    let dirs: Vec<&str> = View::all(&right).iter().map(direction).collect();
    assert_eq!(dirs, ["LR", "TB", "TB"]);
}

#[test]
fn the_key_names_the_marks_the_figure_uses() {
    let l = hostile();
    for view in View::all(&l) {
        let text = write(&view, &Options::default()).unwrap();
        let entries = lineage_key(&view, Lang::En);
        if entries.is_empty() {
            continue;
        }
        assert!(text.contains("  k0[\"Legend\n"), "{text}");
        assert!(text.contains(" ~~~ k0\n"));
        let md = markdown(&view, &Options::default()).unwrap();
        assert!(!md.contains("k0["), "the .md has its key as a line");
        let last = md.lines().last().unwrap_or("");
        assert!(last.starts_with("Key: "), "{last}");
        for e in &entries {
            assert!(
                last.contains(&crate::write::markdown::text(e)),
                "{e} in {last}"
            );
        }
    }
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
            // Invisible links (title, key) come after every styled one.
            let links: Vec<&str> = text
                .lines()
                .filter(|l| l.contains("-->") || l.contains("-.->") || l.contains("~~~"))
                .filter(|l| !l.contains('"') || l.trim_start().starts_with('n'))
                .collect();
            let first_invisible = links.iter().position(|l| l.contains("~~~"));
            assert!(first_invisible.is_none_or(|i| links[i..].iter().all(|l| l.contains("~~~"))));
            let md = markdown(&view, &options).unwrap();
            assert!(md.starts_with("# "));
            assert!(md.contains("\n\n```mermaid\n---\n"));
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
        ) || ["t0", "k0"]
            .iter()
            .any(|id| word == *id || word.starts_with(&format!("{id}[\"")))
            || (word.starts_with('n')
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
    assert!(text.contains("class n5 lnMerge") || text.contains(" lnMerge\n"));
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
