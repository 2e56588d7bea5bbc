//! Issue 11, the loader's part: what a hostile or careless file can make
//! `lineage::load` do. Each test is named after the item of the issue it
//! proves, and each would fail before its fix.
//!
//! Integration tests run on spawned threads with 2 MiB stacks, so the deep
//! inputs of item 9 run with the stack a user's `check` thread would have
//! at most.

use lineage::diagnostics::{printable, some_of, Diagnostic};
use lineage::lineage::{load, Lineage};
use lineage::view::View;
use std::fmt::Write as _;

fn ok(text: &str) -> (Lineage, Vec<Diagnostic>) {
    match load("t.ron", text.as_bytes()) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{}", rendered(&e)),
    }
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match load("t.ron", text.as_bytes()) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e,
    }
}

fn rendered(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| d.render(false)).collect()
}

/// Runs one pathological input. Its speed is measured in `cargo bench
/// --bench load` (at doubling sizes), never here: a test asserts only what
/// the input gives.
fn pathological<T>(_what: &str, f: impl FnOnce() -> T) -> T {
    f()
}

/// A file with one method, one capability and these models.
fn file(models: &str) -> String {
    format!(
        "Lineage(title: \"t\", methods: {{\"m\": (label: \"M\")}},\n  models: [\n{models}\n  ])\n"
    )
}

// ---- item 7: ids are restricted; terminals only get printable text ----

#[test]
fn item7_control_chars_in_ids_are_rejected() {
    for (id, what) in [
        ("a\\u{8}", "U+0008"),
        ("b\\u{ffff}", "U+FFFF"),
        ("say \\\"hi\\\"", "a space"),
        ("tab\\there", "U+0009"),
        ("x<y", "U+003C"),
    ] {
        let text = file(&format!("    (id: \"{id}\", name: \"A\"),"));
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{}", rendered(&e));
        let d = &e[0];
        assert!(d.message.starts_with("model id"), "{}", d.message);
        assert!(d.message.contains(what), "{}", d.message);
        let loc = d.location.as_ref().expect("a place");
        assert_eq!((loc.line, loc.column), (3, 10), "{id}");
        let hint = d.hint.as_deref().unwrap();
        assert!(hint.contains("letters, digits") && hint.contains("- _ . : / + @"));
    }
}

#[test]
fn item7_declared_keys_are_ids_too() {
    for list in ["methods", "capabilities", "branches"] {
        let text = format!(
            "Lineage(title: \"t\", {list}: {{\"a b\": (label: \"L\")}}, models: [(id: \"m\", name: \"M\")])"
        );
        let e = errors(&text);
        assert!(
            e[0].message.contains("id \"a b\" contains a space"),
            "{list}"
        );
        assert!(e[0].location.is_some());
    }
    let text = "Lineage(title: \"t\", sources: {\"s\\u{7}\": (title: \"T\")}, models: [(id: \"m\", name: \"M\")])";
    let e = errors(text);
    assert!(e[0].message.starts_with("source id"), "{}", e[0].message);
    assert!(e[0].location.is_some());
}

#[test]
fn item7_long_and_empty_ids_are_rejected_and_every_allowed_character_loads() {
    let long = "x".repeat(201);
    let e = errors(&file(&format!("    (id: \"{long}\", name: \"A\")")));
    assert!(e[0].message.contains("201 characters long (at most 200)"));
    let e = errors(&file("    (id: \"\", name: \"A\")"));
    assert!(e[0].message.contains("is empty"));
    let fine = format!("{}-_.:/+@上下文Ωé9", "y".repeat(180));
    let (l, _) = ok(&file(&format!(
        "    (id: \"{fine}\", name: \"A\"),\n    (id: \"b\", name: \"B\", from: [(parent: \"{fine}\", via: \"m\")])"
    )));
    assert!(l.find_model(&fine).is_some());
}

/// Every ESC in `text` starts one of our own colour codes, `ESC [ digits ; m`.
fn only_colour_escapes(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        let after = &rest[at + 1..];
        let Some(code) = after.strip_prefix('[') else {
            return false;
        };
        let end = code.find('m').unwrap_or(code.len());
        if end == code.len() || !code[..end].chars().all(|c| c.is_ascii_digit() || c == ';') {
            return false;
        }
        rest = &code[end..];
    }
    true
}

#[test]
fn item7_terminal_escapes_in_a_file_reach_no_terminal() {
    let evil = "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m\\u{7f}\\u{202e}";
    // As a bad id, as an unknown reference (the message, the excerpt and the
    // hint), and raw in the file itself (the excerpt).
    let text = format!(
        "Lineage(title: \"t\", methods: {{\"m\": (label: \"M\")}}, models: [\n  (id: \"{evil}\", name: \"A\"),\n  (id: \"b\", name: \"B\", from: [(parent: \"{evil}x\", via: \"m\")]), // \u{1b}[2J raw\n])"
    );
    let e = errors(&text);
    assert!(e.len() >= 2, "{}", rendered(&e));
    let mut d = e[0].clone();
    d.file = "g\u{1b}[2J.ron".into();
    d.notes.push("note \u{1b}]0;x\u{7}".into());
    for diag in e.iter().chain([&d]) {
        for color in [false, true] {
            let out = diag.render(color);
            assert!(only_colour_escapes(&out), "{out:?}");
            assert!(!out.contains('\u{7}') && !out.contains('\u{9b}') && !out.contains('\u{7f}'));
            assert!(!out.contains('\u{202e}'));
            if !color {
                assert!(!out.contains('\x1b'), "{out:?}");
            }
        }
    }
    let plain = e[0].render(false);
    assert!(plain.contains("\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"), "{plain}");
    let second = d.render(false);
    assert!(second.contains("g\\u{1b}[2J.ron"));
    assert!(second.contains("note \\u{1b}]0;x\\u{7}"));
    // The raw escape in the comment of line 3 is in the excerpt of the
    // unknown parent's error, escaped, and the underline still sits under
    // the reference.
    let parent = e
        .iter()
        .find(|d| d.message.starts_with("unknown model"))
        .unwrap();
    let out = parent.render(false);
    assert!(out.contains("// \\u{1b}[2J raw"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let excerpt = lines.iter().position(|l| l.contains("(parent:")).unwrap();
    let caret = lines[excerpt + 1].find('^').unwrap();
    assert_eq!(&lines[excerpt][caret..caret + 9], "\"\\u{1b}]0");
}

// ---- item 9: no recursion whose depth the input sets ----

fn chain(n: usize, closed: bool) -> String {
    let mut models = String::with_capacity(n * 60);
    for i in 0..n {
        let parent = if i > 0 {
            Some(i - 1)
        } else if closed {
            Some(n - 1)
        } else {
            None
        };
        match parent {
            Some(p) => writeln!(
                models,
                "(id: \"m{i}\", name: \"M\", from: [(parent: \"m{p}\", via: \"m\")]),"
            ),
            None => writeln!(
                models,
                "(id: \"m{i}\", name: \"M\", changes: [Gained(cap: \"c\")]),"
            ),
        }
        .unwrap();
    }
    format!(
        "Lineage(title: \"t\", methods: {{\"m\": (label: \"M\")}}, capabilities: {{\"c\": (label: \"C\")}},\n models: [\n{models}])"
    )
}

#[test]
fn item9_deep_chain_does_not_overflow() {
    let text = chain(100_000, false);
    let (l, _) = pathological("a 100,000-deep chain", || ok(&text));
    let last = l.find_model("m99999").unwrap();
    let cap = l.find_capability("c").unwrap();
    assert_eq!(l.inheritance.path(last, cap).len(), 100_000);
    let view = View::all(&l).remove(0);
    assert_eq!(view.models.len(), 100_000);
    assert!(view.contains(last));
    let spec = lineage::view::ViewSpec {
        to: vec![last],
        ..lineage::view::ViewSpec::whole()
    };
    assert_eq!(View::of(&l, &spec).models.len(), 100_000);
}

#[test]
fn item9_long_cycle_is_a_clean_error() {
    let text = chain(100_000, true);
    let e = pathological("a 100,000-model cycle", || errors(&text));
    assert_eq!(e.len(), 1, "{}", rendered(&e));
    assert!(e[0]
        .message
        .starts_with("the lineage has a cycle: m0 → m1 → "));
    assert!(e[0].message.contains("more) → m99999 → m0"));
    assert!(e[0].message.len() < 300);
    assert!(e[0].location.is_some());
}

// ---- item 10: linear costs ----

/// Every model has a trace of every capability: a file of a few hundred
/// kilobytes declaring thousands of each would make a table of gigabytes.
/// It is refused before the table is made, at its last capability.
#[test]
fn item10_models_times_capabilities_is_bounded() {
    let (models, capabilities) = (5_000, 4_001);
    assert!(models * capabilities > lineage::load::MAX_TRACES);
    let mut text = String::from("Lineage(title: \"t\", methods: {\"m\": (label: \"M\")},\n");
    text.push_str("  capabilities: {\n");
    for c in 0..capabilities {
        writeln!(text, "    \"c{c}\": (label: \"C\"),").unwrap();
    }
    text.push_str("  },\n  models: [\n");
    for m in 0..models {
        writeln!(text, "    (id: \"m{m}\", name: \"M\"),").unwrap();
    }
    text.push_str("  ])\n");
    let e = pathological("5,000 models × 4,001 capabilities", || errors(&text));
    assert_eq!(e.len(), 1, "{}", rendered(&e));
    assert!(
        e[0].message.contains("20005000 capability traces"),
        "{}",
        e[0].message
    );
    let at = e[0].location.as_ref().expect("a place");
    // The last capability's key, on its own line after the first two.
    assert_eq!((at.line, at.column), (2 + capabilities, 5));
    assert!(e[0].hint.as_deref().is_some_and(|h| h.contains("split")));
}

#[test]
fn item10_long_unknown_id_is_cheap() {
    let long = "q".repeat(40_000);
    let mut models = String::new();
    for i in 0..2_000 {
        writeln!(models, "    (id: \"model-{i}\", name: \"A\"),").unwrap();
    }
    writeln!(
        models,
        "    (id: \"z\", name: \"Z\", from: [(parent: \"{long}\", via: \"m\")]),"
    )
    .unwrap();
    let text = file(&models);
    let e = pathological("a 40,000-character unknown id", || errors(&text));
    assert_eq!(e.len(), 1);
    let out = e[0].render(false);
    assert!(out.len() < 2_000, "{} bytes", out.len());
    assert!(e[0].message.contains('…'));
}

#[test]
fn item10_many_misspelled_parents_are_cheap_and_capped() {
    let mut models = String::new();
    for i in 0..8_000 {
        writeln!(models, "    (id: \"model-{i}\", name: \"A\"),").unwrap();
    }
    for i in 0..8_000 {
        writeln!(
            models,
            "    (id: \"child-{i}\", name: \"C\", from: [(parent: \"modle-{i}\", via: \"m\")]),"
        )
        .unwrap();
    }
    let text = file(&models);
    let e = pathological("8,000 misspelled parents", || errors(&text));
    assert_eq!(e.len(), lineage::diagnostics::MAX_PER_FILE + 1);
    assert_eq!(e.last().unwrap().message, "… and 7950 more errors");
    assert!(e[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("did you mean \"model-0\"?"));
    assert!(rendered(&e).len() < 50_000);
}

#[test]
fn item10_unused_declarations_on_one_line_are_capped_and_excerpted() {
    let mut methods = String::new();
    for i in 0..20_000 {
        write!(
            methods,
            "\"unused-{i}\": (label: \"Unused method number {i}\"), "
        )
        .unwrap();
    }
    let text = format!(
        "Lineage(title: \"t\", methods: {{{methods}}},\n  models: [(id: \"a\", name: \"A\")])"
    );
    assert!(text.len() > 500_000);
    let (_, warnings) = pathological("20,000 unused declarations on one line", || ok(&text));
    assert_eq!(warnings.len(), lineage::diagnostics::MAX_PER_FILE + 1);
    assert_eq!(
        warnings.last().unwrap().message,
        "… and 19950 more warnings"
    );
    for w in &warnings[..lineage::diagnostics::MAX_PER_FILE] {
        let loc = w.location.as_ref().unwrap();
        assert!(
            loc.line_text.chars().count() <= 202,
            "{}",
            loc.line_text.len()
        );
        let out = w.render(false);
        assert!(out.len() < 1_000, "{out}");
    }
    // The underline is under the key, in a window of the line.
    let w = &warnings[40];
    let out = w.render(false);
    let lines: Vec<&str> = out.lines().collect();
    let caret = lines[4].chars().position(|c| c == '^').unwrap();
    let under: String = lines[3].chars().skip(caret).collect();
    assert!(under.starts_with("\"unused-40\""), "{out}");
    assert!(lines[3].contains('…'));
}

#[test]
fn item10_escape_heavy_string_is_refused_quickly() {
    let escapes = "\\n".repeat(500_000);
    let text = file(&format!("    (id: \"a\", name: \"{escapes}\")"));
    let e = pathological("1 MB of \\n escapes", || errors(&text));
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("500000 escapes"), "{}", e[0].message);
    let loc = e[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (3, 21));
    assert!(e[0].render(false).len() < 1_000);
    // An escape-rich string of an honest size still loads.
    let text = file(&format!(
        "    (id: \"a\", name: \"{}\")",
        "\\n".repeat(10_000)
    ));
    let (l, _) = pathological("10,000 escapes", || ok(&text));
    assert_eq!(l.graph.node_count(), 1);
    // So does a big file of many of them: the budget grows with the file.
    let note = "\\n".repeat(1_000);
    let models: String = (0..3_000)
        .map(|i| format!("    (id: \"m{i}\", name: \"M\", note: \"{note}\"),\n"))
        .collect();
    let (l, _) = pathological("3,000 notes of 1,000 escapes", || ok(&file(&models)));
    assert_eq!(l.graph.node_count(), 3_000);
}

// ---- item 11: silent nonsense ----

#[test]
fn item11_same_parent_twice_is_an_error() {
    let text = file(
        "    (id: \"a\", name: \"A\"),\n    (id: \"b\", name: \"B\", from: [(parent: \"a\", via: \"m\"), (parent: \"a\", via: \"m\")]),",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{}", rendered(&e));
    assert_eq!(e[0].message, "model \"b\" lists parent \"a\" twice");
    let loc = e[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (4, 67), "the second listing");
}

#[test]
fn item11_duplicate_source_keys_are_an_error() {
    let models = "models: [(id: \"a\", name: \"A\", sources: [\"x\", \"y\"])]";
    let text = format!(
        "Lineage(title: \"t\", sources: {{\"x\": (title: \"X\", key: \"A\"), \"y\": (title: \"Y\", key: \"A\")}}, {models})"
    );
    let e = errors(&text);
    assert_eq!(
        e[0].message,
        "sources \"x\" and \"y\" are both cited as [A]"
    );
    assert!(e[0].location.is_some());
    // A declared key equal to another source's number.
    let text = format!(
        "Lineage(title: \"t\", sources: {{\"x\": (title: \"X\"), \"y\": (title: \"Y\", key: \"1\")}}, {models})"
    );
    let e = errors(&text);
    assert_eq!(
        e[0].message,
        "sources \"x\" and \"y\" are both cited as [1]"
    );
}

#[test]
fn item11_a_view_that_shows_nothing_is_a_warning_naming_it() {
    let text = "Lineage(title: \"t\", methods: {\"m\": (label: \"M\")}, models: [
      (id: \"a\", name: \"A\"),
      (id: \"b\", name: \"B\", from: [(parent: \"a\", via: \"m\")]),
      (id: \"c\", name: \"C\"),
    ], views: [
      (name: \"fine\", from: [\"a\"]),
      (name: \"apart\", from: [\"b\"], to: [\"c\"]),
      (name: \"gone\", only: [\"a\"], exclude: [\"a\"]),
    ])";
    let (_, warnings) = ok(text);
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "view \"apart\" shows no models",
            "view \"gone\" shows no models"
        ]
    );
    assert!(warnings.iter().all(|w| w.location.is_some()));
}

#[test]
fn item11_views_keep_their_only_order() {
    // Fuzzy dates put the child "k" before its parent "p" by date; the view
    // order must still be parents first, and `contains` must see everyone.
    let text = "Lineage(title: \"t\", methods: {\"m\": (label: \"M\")}, models: [
      (id: \"p\", name: \"P\", date: \"about 2021\"),
      (id: \"k\", name: \"K\", date: \"2020-06 to 2021-12\", from: [(parent: \"p\", via: \"m\")]),
      (id: \"z\", name: \"Z\", date: \"2019\"),
      (id: \"w\", name: \"W\", date: \"unknown\", from: [(parent: \"z\", via: \"m\")]),
    ], views: [(name: \"t\", kind: Table, only: [\"w\", \"k\", \"z\", \"p\"])])";
    let (l, _) = ok(text);
    let view = View::of(&l, &l.views[0]);
    for id in ["p", "k", "z", "w"] {
        assert!(view.contains(l.find_model(id).unwrap()), "{id}");
    }
    let listed: Vec<&str> = view
        .listed_order()
        .iter()
        .map(|&n| l.model(n).id.as_str())
        .collect();
    assert_eq!(listed, ["w", "k", "z", "p"]);
    let table = lineage::figure::table::Table::of(&view);
    let columns: Vec<&str> = table
        .columns
        .iter()
        .map(|c| l.model(c.model).id.as_str())
        .collect();
    assert_eq!(columns, ["w", "k", "z", "p"]);
}

// ---- item 12: unclear errors ----

#[test]
fn item12_a_byte_order_mark_is_accepted_and_columns_stay_right() {
    let text = format!("\u{feff}{}", file("    (id: \"a\", name: \"A\"),"));
    ok(&text);
    let e = match load(
        "t.ron",
        "\u{feff}Lineage(title: \"t\", models: [(id: \"a\", name: \"A\", dat: \"2020\")])"
            .as_bytes(),
    ) {
        Err(e) => e,
        Ok(_) => panic!("unknown field"),
    };
    let loc = e[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (1, 51), "{}", rendered(&e));
}

#[test]
fn item12_escaped_ids_and_dates_still_get_a_place() {
    let text = file(
        "    (id: \"\\u{61}\", name: \"A\", date: \"\\u{32}022-13\"),\n    (id: \"b\", name: \"B\", from: [(parent: \"\\u{7a}\", via: \"m\")]),",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 2, "{}", rendered(&e));
    let date = e
        .iter()
        .find(|d| d.message.starts_with("bad date"))
        .unwrap();
    let loc = date.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (3, 37));
    let parent = e
        .iter()
        .find(|d| d.message.starts_with("unknown model"))
        .unwrap();
    let loc = parent.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (4, 42));
}

#[test]
fn item12_view_names_are_checked_at_load() {
    let long = "v".repeat(300);
    let text = format!(
        "Lineage(title: \"t\", models: [(id: \"a\", name: \"A\")], views: [(name: \"{long}\")])"
    );
    let e = errors(&text);
    assert!(e[0].message.contains("cannot be used in a file name"));
    assert!(e[0].hint.as_deref().unwrap().contains("1 to 64"));
    assert!(e[0].render(false).len() < 1_000);
    let fine = "v".repeat(64);
    ok(&format!(
        "Lineage(title: \"t\", models: [(id: \"a\", name: \"A\")], views: [(name: \"{fine}\")])"
    ));
}

#[test]
fn item12_id_lists_in_hints_are_capped() {
    let ids: Vec<String> = (0..80_000).map(|i| format!("model-{i}")).collect();
    let hint = some_of(&ids, 12);
    assert!(hint.starts_with("model-0, model-1, "));
    assert!(hint.ends_with("model-11 … and 79988 more"), "{hint}");
    assert_eq!(some_of(["a", "b"], 12), "a, b");
    // And the loader's own "use one of" hint.
    let text = "Lineage(title: \"t\", methods: {\"m\": (label: \"M\")}, branches: {\"aaaa\": (label: \"A\"), \"bbbb\": (label: \"B\")}, models: [(id: \"a\", name: \"A\", branch: \"zzzzzzzz\")])";
    let e = errors(text);
    assert_eq!(
        e[0].hint.as_deref(),
        Some("declare it, or use one of: aaaa, bbbb")
    );
}

// ---- the bad files that carry their expected errors ----

/// Every `tests/bad/*.ron` whose first lines say `// Error: LINE:COL message`
/// gives exactly those errors, in that order (each message starting with
/// the text given), at those places. The input and its expectation stay
/// together in one file.
#[test]
fn bad_files_give_the_errors_they_declare() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut checked = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let expected: Vec<(usize, usize, &str)> = text
            .lines()
            .map_while(|l| l.strip_prefix("// Error: "))
            .map(|l| {
                let (place, message) = l.split_once(' ').unwrap();
                let (line, col) = place.split_once(':').unwrap();
                (line.parse().unwrap(), col.parse().unwrap(), message)
            })
            .collect();
        if expected.is_empty() {
            continue;
        }
        let name = path.display().to_string();
        let got = match load(&name, &bytes) {
            Ok(_) => panic!("{name} loads"),
            Err(e) => e,
        };
        // Messages as a terminal shows them (control characters escaped).
        let got: Vec<(usize, usize, String)> = got
            .iter()
            .map(|d| {
                let loc = d.location.as_ref().expect("a place");
                (loc.line, loc.column, printable(&d.message).into_owned())
            })
            .collect();
        assert_eq!(got.len(), expected.len(), "{name}: {got:?}");
        for (g, e) in got.iter().zip(&expected) {
            assert!(
                g.0 == e.0 && g.1 == e.1 && g.2.starts_with(e.2),
                "{name}: got {g:?}, want {e:?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn item10_syntax_and_encoding_errors_on_long_lines_are_excerpted() {
    // An unknown field with a huge name at the end of a huge line.
    let field = "f".repeat(100_000);
    let text = format!(
        "Lineage(title: \"{}\", models: [(id: \"a\", name: \"A\", {field}: 1)])",
        "t".repeat(100_000)
    );
    let e = pathological("a 100,000-character field", || errors(&text));
    let loc = e[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (1, 100_050));
    assert!(e[0].message.len() < 400, "{}", e[0].message.len());
    assert!(e[0].render(false).len() < 2_000);
    // A bad byte after a 1 MB line.
    let mut bytes = format!("Lineage(title: \"{}", "x".repeat(1 << 20)).into_bytes();
    bytes.extend([0xff, b'"', b')']);
    let e = match load("t.ron", &bytes) {
        Err(e) => e,
        Ok(_) => panic!("not UTF-8"),
    };
    let loc = e[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (1, (1 << 20) + 17));
    assert!(e[0].render(false).len() < 1_000);
}

#[test]
fn item10_messages_stay_short_whatever_the_ids() {
    // A malformed million-character id that is also its own parent, and in
    // a cycle: every message and hint stays a line or two long.
    let huge = "h".repeat(1_000_000);
    let text = file(&format!(
        "    (id: \"{huge}\", name: \"A\", from: [(parent: \"{huge}\", via: \"m\"), (parent: \"b\", via: \"m\")]),\n    (id: \"b\", name: \"B\", from: [(parent: \"{huge}\", via: \"m\")]),"
    ));
    let e = pathological("million-character ids", || errors(&text));
    assert!(e.len() >= 3, "{}", rendered(&e));
    for d in &e {
        let out = d.render(false);
        assert!(out.len() < 3_000, "{} bytes: {}", out.len(), &out[..300]);
    }
}
