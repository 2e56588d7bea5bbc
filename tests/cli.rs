//! The command line, run as a user runs it: the real binary, real files.

use std::path::Path;
use std::process::{Command, Output};

fn lineage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lineage"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the lineage binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Each bad file: exit 2, the message, file:line:col, the text underlined, a hint.
#[test]
fn every_error_class_has_a_clear_message() {
    let cases = [
        ("syntax", "syntax error: Expected comma", ":7:25", "^"),
        (
            "unknown-field",
            "unknown field `dat` in Model",
            ":7:26",
            "^^^",
        ),
        (
            "unknown-model",
            "unknown model \"code-davinci-01\"",
            ":8:42",
            "did you mean \"code-davinci-001\"?",
        ),
        (
            "unknown-method",
            "unknown method \"sfT\"",
            ":8:52",
            "did you mean \"sft\"?",
        ),
        (
            "unknown-capability",
            "unknown capability \"ilc\"",
            ":8:89",
            "did you mean \"icl\"?",
        ),
        (
            "unknown-branch",
            "unknown branch \"mian\"",
            ":7:34",
            "did you mean \"main\"?",
        ),
        (
            "duplicate-id",
            "model id \"a\" is used twice",
            ":8:10",
            "rename one",
        ),
        (
            "cycle",
            "the lineage has a cycle: a → b → c → a",
            ":9:42",
            "remove one of these",
        ),
        (
            "child-before-parent",
            "model \"b\" (2021-07) is dated before its parent \"a\" (2022-03)",
            ":8:32",
            "check both dates",
        ),
        (
            "bad-date",
            "bad date \"2022-13\"",
            ":7:32",
            "\"about 2018\"",
        ),
        (
            "nonsense-change",
            "Weakened(cap: \"icl\") at model \"b\" makes no sense",
            ":8:85",
            "gained or unlocked",
        ),
        ("empty", "the file is empty", ":1:1", "Lineage("),
        ("not-utf8", "the file is not UTF-8", ":2:14", "UTF-8"),
    ];
    for (name, message, place, hint) in cases {
        let file = format!("tests/bad/{name}.ron");
        let out = lineage(&["check", &file]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(message), "{name}: want {message:?} in\n{err}");
        assert!(
            err.contains(&format!("{file}{place}")),
            "{name}: want {place} in\n{err}"
        );
        assert!(err.contains("= hint:"), "{name}: no hint in\n{err}");
        assert!(err.contains(hint), "{name}: want hint {hint:?} in\n{err}");
        assert!(
            err.lines()
                .any(|l| l.trim_start().starts_with("| ") && l.contains('^')),
            "{name}: no underline\n{err}"
        );
        assert!(
            !err.contains('\x1b'),
            "{name}: colour when not on a terminal"
        );
    }
}

#[test]
fn unused_declarations_warn_and_succeed() {
    let out = lineage(&["check", "tests/unused.ron"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for unused in [
        "method \"rlhf\"",
        "capability \"dialogue\"",
        "branch \"side\"",
    ] {
        assert!(
            err.contains(&format!("warning: {unused} is declared but never used")),
            "{err}"
        );
    }
}

#[test]
fn check_validates_every_graph_by_default() {
    let out = lineage(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("graphs/gpt.ron: ok, 11 models"));
}

#[test]
fn a_bad_file_touches_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let keep = dir.path().join("bad-lineage.mmd");
    std::fs::write(&keep, "old").unwrap();
    let out = lineage(&[
        "render",
        "tests/bad/cycle.ron",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A runaway file is refused by its size, before it is read.
#[test]
fn a_huge_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.ron");
    // Sparse: takes no disk space, but its length is over the limit.
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(lineage::cli::MAX_FILE_BYTES + 1).unwrap();
    let out = lineage(&["check", huge.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("huge.ron"), "{err}");
    assert!(err.contains("larger than lineage reads"), "{err}");
    assert!(err.contains("the limit is 64 MiB"), "{err}");
    assert!(err.contains("split the lineage"), "{err}");
}

fn explain_json(model: &str) -> serde_json::Value {
    let out = lineage(&["explain", "gpt", model, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("explain --json prints JSON")
}

fn capability<'a>(report: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    report["capabilities"]
        .as_array()?
        .iter()
        .find(|c| c["id"] == id)
}

#[test]
fn chatgpt_code_comes_from_codex_through_the_merge() {
    let report = explain_json("chatgpt");
    let code = capability(&report, "code").expect("ChatGPT has code");
    assert_eq!(code["origin"]["model"], "code-davinci-001");
    assert_eq!(code["origin"]["method"], "code");
    let path: Vec<&str> = code["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(path.first(), Some(&"code-davinci-001"));
    assert!(path.contains(&"code-davinci-002"));
    assert_eq!(path.last(), Some(&"chatgpt"));
    assert_eq!(code["certain"], true);
}

#[test]
fn chatgpt_lost_in_context_learning() {
    let report = explain_json("chatgpt");
    assert!(capability(&report, "icl").is_none());
    let lost = report["lost"].as_array().unwrap();
    let icl = lost.iter().find(|c| c["id"] == "icl").expect("icl is lost");
    assert_eq!(icl["lost_at"], "chatgpt");
    assert_eq!(icl["origin"]["model"], "davinci");
}

#[test]
fn the_merge_holds_both_branches_abilities() {
    let report = explain_json("code-davinci-002");
    for (cap, from) in [
        ("code", "code-davinci-001"),
        ("instructions", "text-davinci-001"),
        ("zero-shot", "text-davinci-001"),
    ] {
        let c = capability(&report, cap).unwrap_or_else(|| panic!("{cap} missing"));
        assert_eq!(c["origin"]["model"], from, "{cap}");
    }
    let reasoning = capability(&report, "reasoning").unwrap();
    assert_eq!(
        reasoning["certain"], false,
        "the article only guesses where reasoning came from"
    );
}

#[test]
fn explain_tells_a_story_in_both_languages() {
    let out = lineage(&["explain", "gpt", "chatgpt", "icl"]);
    let text = stdout(&out);
    assert!(text.contains("lost"), "{text}");
    assert!(
        text.contains("traded against: Dialogue-history modelling gained"),
        "{text}"
    );
    let zh = stdout(&lineage(&[
        "explain", "gpt", "chatgpt", "icl", "--lang", "zh",
    ]));
    assert!(zh.contains("上下文学习"), "{zh}");
}

#[test]
fn explain_unknown_model_suggests() {
    let out = lineage(&["explain", "gpt", "chatgtp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean \"chatgpt\"?"));
}

#[test]
fn version_and_completions() {
    assert!(stdout(&lineage(&["--version"])).starts_with("lineage "));
    let bash = lineage(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0));
    assert!(stdout(&bash).contains("lineage"));
}

#[test]
fn render_check_finds_stale_missing_and_extra_files() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let args = ["render", "tests/unused.ron", "-o", out_dir];
    assert_eq!(lineage(&args).status.code(), Some(0));
    let mut check = args.to_vec();
    check.push("--check");
    assert_eq!(lineage(&check).status.code(), Some(0));
    let dot = Path::new(out_dir).join("unused-lineage.dot");
    std::fs::write(&dot, "stale").unwrap();
    std::fs::remove_file(Path::new(out_dir).join("unused-lineage.mmd")).unwrap();
    // A figure an earlier render wrote (so the manifest lists it), and a
    // file of the user's, which is never lineage's to report or remove.
    std::fs::write(Path::new(out_dir).join("unused-gone.svg"), "old").unwrap();
    let manifest = Path::new(out_dir).join(".lineage-manifest");
    let mut listed = std::fs::read_to_string(&manifest).unwrap();
    use sha2::Digest;
    let hash = sha2::Sha256::digest(b"old");
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    listed.push_str(&format!("unused-gone.svg\tunused\tsha256:{hex}\n"));
    std::fs::write(&manifest, listed).unwrap();
    std::fs::write(Path::new(out_dir).join("unused-notes.svg"), "mine").unwrap();
    let result = lineage(&check);
    assert_eq!(result.status.code(), Some(1));
    let listed = stdout(&result);
    assert!(
        listed.contains("stale:") && listed.contains("unused-lineage.dot"),
        "{listed}"
    );
    // It says why: the sizes, and the first line that differs.
    let why = listed
        .lines()
        .find(|l| l.contains("unused-lineage.dot"))
        .unwrap();
    assert!(
        why.contains("(5 → ") && why.contains("bytes; line 1: \"stale\" → \"digraph"),
        "{why}"
    );
    assert!(
        listed.contains("missing:") && listed.contains("unused-lineage.mmd"),
        "{listed}"
    );
    assert!(
        listed.contains("extra:") && listed.contains("unused-gone.svg"),
        "{listed}"
    );
    assert!(!listed.contains("unused-notes.svg"), "{listed}");
    assert_eq!(
        std::fs::read_to_string(&dot).unwrap(),
        "stale",
        "--check writes nothing"
    );
}

#[test]
fn render_to_stdout_takes_one_figure() {
    let one = lineage(&[
        "render", "gpt", "--view", "branches", "--format", "mermaid", "--lang", "en", "-o", "-",
    ]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert!(!one.stdout.is_empty());
    let many = lineage(&["render", "gpt", "-o", "-"]);
    assert_eq!(many.status.code(), Some(2));
    assert!(stderr(&many).contains("standard output takes one"));
}

#[test]
fn the_readme_diagram_is_current() {
    let out = lineage(&["inject", "--check", "README.md"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "run `cargo run -- inject README.md`: {}",
        stderr(&out)
    );
}

#[test]
fn inject_updates_only_between_markers_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("doc.md");
    let before = "# Doc\r\n\r\ntext before\n<!-- lineage:begin gpt/table -->\nold\n<!-- lineage:end -->\ntext after\n";
    std::fs::write(&md, before).unwrap();
    let path = md.to_str().unwrap();
    assert_eq!(lineage(&["inject", "--check", path]).status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        before,
        "--check writes nothing"
    );
    assert_eq!(lineage(&["inject", path]).status.code(), Some(0));
    let after = std::fs::read_to_string(&md).unwrap();
    assert!(after.starts_with("# Doc\r\n\r\ntext before\n<!-- lineage:begin gpt/table -->\n"));
    assert!(after.ends_with("<!-- lineage:end -->\ntext after\n"));
    assert!(after.contains("text-davinci-002") && !after.contains("\nold\n"));
    assert_eq!(lineage(&["inject", "--check", path]).status.code(), Some(0));
}

#[test]
fn inject_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    for (text, wanted) in [
        ("<!-- lineage:begin gpt/branches -->\nno end\n", "line 1"),
        (
            "<!-- lineage:begin gpt/nope -->\n<!-- lineage:end -->\n",
            "no view \"nope\"",
        ),
    ] {
        let md = dir.path().join("bad.md");
        std::fs::write(&md, text).unwrap();
        let out = lineage(&["inject", md.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(wanted), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&md).unwrap(), text);
    }
}
