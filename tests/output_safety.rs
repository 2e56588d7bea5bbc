//! Issue 11, items 1–5 and 12: a user's files are never lost, every write is
//! checked, and input is bounded, tried with the real binary on real files.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const GPT: &str = include_str!("../graphs/gpt.ron");

fn lineage_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lineage"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the lineage binary runs")
}

/// Run through `sh -c`, for redirections std's Command cannot make.
fn shell(dir: &Path, script: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("LINEAGE", env!("CARGO_BIN_EXE_lineage"))
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .output()
        .expect("sh runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A project folder with `graphs/` holding the given files.
fn project(graphs: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("graphs")).unwrap();
    for (name, text) in graphs {
        std::fs::write(dir.path().join("graphs").join(name), text).unwrap();
    }
    dir
}

/// A small lineage with one view of the given name.
fn small(view: &str) -> String {
    format!(
        r#"Lineage(title: "t", methods: {{"m": (label: "M")}},
  models: [(id: "a", name: "A", date: "2000"),
           (id: "b", name: "B", date: "2001", from: [(parent: "a", via: "m")])],
  views: [(name: "{view}")])"#
    )
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn item1_render_into_a_users_folder_removes_none_of_their_files() {
    let p = project(&[("gpt.ron", GPT)]);
    let docs = p.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "hi").unwrap();
    std::fs::write(docs.join("README.md"), "# mine").unwrap();
    let out = lineage_in(p.path(), &["render", "-o", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "hi"
    );
    assert_eq!(
        std::fs::read_to_string(docs.join("README.md")).unwrap(),
        "# mine"
    );
    // A second render, with a view gone, removes only lineage's own stale files.
    let fewer = GPT.replacen("name: \"flow\"", "name: \"flow2\"", 1);
    std::fs::write(p.path().join("graphs/gpt.ron"), fewer).unwrap();
    let out = lineage_in(p.path(), &["render", "-o", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = lineage_in(p.path(), &["render", "-o", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names = files_in(&docs);
    assert!(names.contains(&"notes.txt".to_string()));
    assert!(names.contains(&"README.md".to_string()));
    assert!(names.iter().any(|n| n.starts_with("gpt-flow2")));
    assert!(!names.iter().any(|n| n.starts_with("gpt-flow.")));
    // `-o .` wrote into the project folder and took nothing from it.
    assert!(p.path().join("graphs/gpt.ron").exists());
}

#[test]
fn item2_a_graph_owns_only_its_own_figures() {
    let p = project(&[("y.ron", &small("v")), ("y-old.ron", &small("v"))]);
    let out = lineage_in(p.path(), &["render", "--format", "dot"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Render y alone with its view renamed: y-v.* goes, y-old-v.* stays.
    std::fs::write(p.path().join("graphs/y.ron"), small("w")).unwrap();
    let out = lineage_in(p.path(), &["render", "y"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names = files_in(&p.path().join("output"));
    assert!(names.contains(&"y-old-v.dot".to_string()), "{names:?}");
    assert!(names.contains(&"y-w.dot".to_string()), "{names:?}");
    assert!(!names.contains(&"y-v.dot".to_string()), "{names:?}");
}

#[test]
fn item2_colliding_figure_names_are_an_error_before_anything_is_written() {
    // Graph x view a-b and graph x-a view b both make x-a-b.*.
    let p = project(&[("x.ron", &small("a-b")), ("x-a.ron", &small("b"))]);
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("x-a-b."), "{err}");
    assert!(err.contains("rename a view"), "{err}");
    assert!(!p.path().join("output").exists());
    // Two graphs of one name in two folders.
    for d in ["d1", "d2"] {
        std::fs::create_dir(p.path().join(d)).unwrap();
        std::fs::write(p.path().join(d).join("g.ron"), small("v")).unwrap();
    }
    let out = lineage_in(p.path(), &["render", "d1/g.ron", "d2/g.ron", "-o", "o2"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("d1/g.ron"), "{}", stderr(&out));
    assert!(!p.path().join("o2").exists());
}

#[test]
fn full_render_beside_foreign_files_other_graphs_and_an_edited_figure_removes_nothing_of_theirs() {
    let p = project(&[("g.ron", &small("v"))]);
    let out_dir = p.path().join("output");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("notes.txt"), "mine").unwrap();
    std::fs::write(out_dir.join("g-old.svg"), "another tool's").unwrap();
    std::fs::write(out_dir.join("other-v.dot"), "another graph's").unwrap();
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Hand-edit one figure, then drop its view: it is kept, with a warning.
    std::fs::write(out_dir.join("g-v.dot"), "edited by hand").unwrap();
    std::fs::write(p.path().join("graphs/g.ron"), small("w")).unwrap();
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("kept"), "{}", stderr(&out));
    for (name, text) in [
        ("notes.txt", "mine"),
        ("g-old.svg", "another tool's"),
        ("other-v.dot", "another graph's"),
        ("g-v.dot", "edited by hand"),
    ] {
        assert_eq!(std::fs::read_to_string(out_dir.join(name)).unwrap(), text);
    }
    // A figure that would replace the edited one is refused; nothing is written.
    std::fs::write(p.path().join("graphs/g.ron"), small("v")).unwrap();
    let before = files_in(&out_dir);
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("g-v.dot"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(files_in(&out_dir), before);
    assert_eq!(
        std::fs::read_to_string(out_dir.join("g-v.dot")).unwrap(),
        "edited by hand"
    );
}

#[test]
fn item12_an_interrupted_renders_temporary_files_are_cleaned_up() {
    let p = project(&[("g.ron", &small("v"))]);
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out_dir = p.path().join("output");
    // What `kill -9` mid-write leaves (a pid above the kernel's limit is gone).
    std::fs::write(out_dir.join(".g-v.svg.lineage-tmp-4294967295"), "half").unwrap();
    std::fs::write(out_dir.join(".mine.lineage-tmp-4294967295"), "not ours").unwrap();
    let out = lineage_in(p.path(), &["render"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!out_dir.join(".g-v.svg.lineage-tmp-4294967295").exists());
    assert!(out_dir.join(".mine.lineage-tmp-4294967295").exists());
}

fn markdown_project() -> (tempfile::TempDir, PathBuf) {
    let p = project(&[("g.ron", &small("v"))]);
    let md = p.path().join("doc.md");
    std::fs::write(
        &md,
        "# Doc\n<!-- lineage:begin g/v -->\n<!-- lineage:end -->\n",
    )
    .unwrap();
    (p, md)
}

#[test]
fn item3_inject_keeps_permissions_and_writes_through_symlinks() {
    let (p, md) = markdown_project();
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = p.path().join("link.md");
    std::os::unix::fs::symlink("doc.md", &link).unwrap();
    let out = lineage_in(p.path(), &["inject", "link.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&md).unwrap().contains("```mermaid"));
    let mode = std::fs::metadata(&md).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(files_in(p.path()), ["doc.md", "graphs", "link.md"]);
}

#[test]
fn item3_inject_leaves_a_read_only_file_as_it_is() {
    let (p, md) = markdown_project();
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&md).unwrap();
    let out = lineage_in(p.path(), &["inject", "doc.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&md).unwrap(), before);
    let mode = std::fs::metadata(&md).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    assert_eq!(files_in(p.path()), ["doc.md", "graphs"]);
}

#[test]
fn item3_inject_with_no_files_is_an_error() {
    let p = project(&[]);
    for args in [&["inject"][..], &["inject", "--check"]] {
        let out = lineage_in(p.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("no Markdown files"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn item4_every_command_fails_cleanly_when_stdout_is_full() {
    let (p, _) = markdown_project();
    let commands = [
        "check",
        "explain g b",
        "explain g b --json",
        "render g --view v --format dot --lang en -o -",
        "render -o out",
        "render --check",
        "inject --check doc.md",
        "generate --models 5",
        "completions bash",
    ];
    for command in commands {
        let out = shell(p.path(), &format!("\"$LINEAGE\" {command} > /dev/full"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("No space left"), "{command}: {err}");
        assert!(!err.contains("panicked"), "{command}: {err}");
    }
}

#[test]
fn item4_a_closed_stdout_is_an_error_and_a_closed_pipe_ends_quietly() {
    let (p, _) = markdown_project();
    let out = shell(
        p.path(),
        "\"$LINEAGE\" render g --view v --format dot --lang en -o - >&-",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("standard output is closed"));
    // bash, for PIPESTATUS: lineage's own exit code after `head` went away.
    let out = Command::new("bash")
        .arg("-c")
        .arg("\"$LINEAGE\" generate --models 5000 | head -c1 >/dev/null; echo ${PIPESTATUS[0]}")
        .env("LINEAGE", env!("CARGO_BIN_EXE_lineage"))
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
}

#[test]
fn item5_input_is_bounded_whatever_the_source() {
    let p = project(&[]);
    std::os::unix::fs::symlink("/dev/zero", p.path().join("graphs/evil.ron")).unwrap();
    let out = lineage_in(p.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("larger than lineage reads"), "{err}");
    assert!(err.contains("64 MiB"), "{err}");
    // 100 MB through a pipe: refused at the limit, and the message stays short.
    let out = shell(
        p.path(),
        "head -c 100000000 /dev/zero | tr '\\0' ' ' | \"$LINEAGE\" check /dev/stdin",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr.len() < 2000,
        "{} bytes of stderr",
        out.stderr.len()
    );
}

// Issue 16: a render that helps.

#[test]
fn figures_in_chinese_only_for_a_file_with_chinese_text() {
    let zh = small("v").replace("name: \"A\",", "name: \"A\", name_zh: \"甲\",");
    let p = project(&[("plain.ron", &small("v")), ("zh.ron", &zh)]);
    let out = lineage_in(p.path(), &["render", "--format", "dot"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names = files_in(&p.path().join("output"));
    assert!(names.contains(&"plain-v.dot".to_string()), "{names:?}");
    assert!(!names.contains(&"plain-v.zh.dot".to_string()), "{names:?}");
    assert!(names.contains(&"zh-v.zh.dot".to_string()), "{names:?}");
}

#[test]
fn a_format_that_cannot_draw_a_view_does_not_take_the_others_down() {
    let p = project(&[]);
    let big = lineage_in(p.path(), &["generate", "--models", "600"]);
    std::fs::write(p.path().join("graphs/big.ron"), &big.stdout).unwrap();
    // Asked for by name: an error, nothing written.
    let out = lineage_in(p.path(), &["render", "big", "--format", "mermaid"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!p.path().join("output").exists());
    // A default render: a warning naming the view and format; the rest written.
    let out = lineage_in(
        p.path(),
        &["render", "big", "--style", "clean", "--theme", "light"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("warning") && err.contains("Mermaid"), "{err}");
    let names = files_in(&p.path().join("output"));
    assert!(names.contains(&"big-lineage.svg".to_string()), "{names:?}");
    assert!(names.contains(&"big-lineage.dot".to_string()), "{names:?}");
    assert!(!names.contains(&"big-lineage.mmd".to_string()), "{names:?}");
}

#[test]
fn a_format_a_view_has_no_form_in_is_skipped_with_a_note() {
    let matrix = small("v").replace(
        "views: [(name: \"v\")]",
        "views: [(name: \"v\"), (name: \"m\", kind: Matrix)]",
    );
    let p = project(&[("g.ron", &matrix)]);
    let out = lineage_in(p.path(), &["render", "g", "--format", "dot"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("view \"m\" has no DOT form"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        files_in(&p.path().join("output")),
        [".lineage-manifest", "g-v.dot"]
    );
}

#[test]
fn the_stale_hint_is_the_command_that_regenerates_and_graph_names_are_suggested() {
    let p = project(&[("gpt.ron", &small("v"))]);
    let out = lineage_in(
        p.path(),
        &["render", "--check", "-o", "my out", "--size", "slide"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`lineage render -o 'my out' --size slide`"),
        "{}",
        stderr(&out)
    );
    let out = lineage_in(p.path(), &["render", "gtp"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("did you mean \"gpt\"?"), "{err}");
    assert!(err.contains("graphs/gtp.ron"), "{err}");
}

#[test]
fn inject_finds_graphs_beside_or_above_the_markdown_and_names_the_paths_tried() {
    let p = project(&[("g.ron", &small("v"))]);
    let docs = p.path().join("docs/deep");
    std::fs::create_dir_all(&docs).unwrap();
    let md = docs.join("page.md");
    let text = "<!-- lineage:begin g/v svg -->\n<!-- lineage:end -->\n\n\
                <!-- lineage:begin g/v picture -->\n<!-- lineage:end -->\n";
    std::fs::write(&md, text).unwrap();
    // Run from elsewhere: the graph is found above the Markdown file.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = lineage_in(elsewhere.path(), &["inject", md.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let new = std::fs::read_to_string(&md).unwrap();
    assert!(new.contains("![t](../../output/g-v.svg)"), "{new}");
    assert!(
        new.contains("srcset=\"../../output/g-v.dark.svg\"")
            && new.contains("src=\"../../output/g-v.svg\""),
        "{new}"
    );
    std::fs::write(&md, "<!-- lineage:begin nope/v -->\n<!-- lineage:end -->\n").unwrap();
    let out = lineage_in(elsewhere.path(), &["inject", md.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no graph \"nope\""), "{err}");
    assert!(err.contains("docs/deep/graphs/nope.ron"), "{err}");
    assert!(err.contains("docs/graphs/nope.ron"), "{err}");
}

/// A child process killed when the test ends, even by a failed assertion.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Wait up to 10 s for `ready`.
fn eventually(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn render_watch_redraws_on_change_survives_bad_input_and_recovers() {
    let p = project(&[("g.ron", &small("v"))]);
    let log = p.path().join("stderr.log");
    let mut child = Running(
        Command::new(env!("CARGO_BIN_EXE_lineage"))
            .args(["render", "g", "--format", "dot", "--watch"])
            .current_dir(p.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    let dot = p.path().join("output/g-v.dot");
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    eventually("the first render", || read(&dot).contains("<B>A</B>"));
    // Give the watcher a moment to be in place, then edit the graph.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let graph = p.path().join("graphs/g.ron");
    std::fs::write(&graph, small("v").replace("name: \"A\"", "name: \"Alpha\"")).unwrap();
    eventually("the figure to change", || read(&dot).contains("Alpha"));
    std::fs::write(&graph, "Lineage(title: ").unwrap();
    eventually("the error", || read(&log).contains("error"));
    assert!(
        child.0.try_wait().unwrap().is_none(),
        "still running after bad input"
    );
    std::fs::write(&graph, small("v").replace("name: \"A\"", "name: \"Again\"")).unwrap();
    eventually("the figure again", || read(&dot).contains("Again"));
}

#[test]
fn inject_watch_updates_the_markdown_when_its_graph_changes() {
    let (p, md) = markdown_project();
    let logs = tempfile::tempdir().unwrap();
    let _child = Running(
        Command::new(env!("CARGO_BIN_EXE_lineage"))
            .args(["inject", "doc.md", "--watch"])
            .current_dir(p.path())
            .stdout(std::fs::File::create(logs.path().join("out.log")).unwrap())
            .stderr(std::fs::File::create(logs.path().join("err.log")).unwrap())
            .spawn()
            .unwrap(),
    );
    let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_default();
    eventually("the first inject", || read(&md).contains("```mermaid"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let graph = p.path().join("graphs/g.ron");
    std::fs::write(&graph, small("v").replace("name: \"B\"", "name: \"Beta\"")).unwrap();
    let logs = || read(&logs.path().join("out.log")) + &read(&logs.path().join("err.log"));
    let changed = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        read(&md).contains("Beta")
    });
    assert!(changed, "{}\n{}", read(&md), logs());
}

/// The commands the pre-commit hooks and the CI example run, run here the
/// same way on this repository: each must pass on its committed state.
#[test]
fn the_pre_commit_hooks_and_the_ci_example_pass_on_this_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let workflow = std::fs::read_to_string(root.join("examples/github-actions.yml")).unwrap();
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut entry: Option<Vec<String>> = None;
    for line in hooks.lines().map(str::trim) {
        if let Some(e) = line.strip_prefix("entry: ") {
            entry = Some(e.split_whitespace().map(String::from).collect());
        }
        if let Some(pass) = line.strip_prefix("pass_filenames: ") {
            let mut command = entry.take().expect("an entry before pass_filenames");
            if pass == "true" {
                // The files pre-commit would pass: the hook's own kind.
                let file = if command.contains(&"inject".to_string()) {
                    "README.md"
                } else {
                    "graphs/gpt.ron"
                };
                command.push(file.into());
            }
            commands.push(command);
        }
    }
    assert_eq!(commands.len(), 3, "{commands:?}");
    for line in workflow.lines().map(str::trim) {
        if let Some(run) = line.strip_prefix("- run: lineage ") {
            let mut command = vec!["lineage".to_string()];
            command.extend(run.split_whitespace().map(String::from));
            commands.push(command);
        }
    }
    assert_eq!(commands.len(), 6, "{commands:?}");
    for command in &commands {
        assert_eq!(command[0], "lineage");
        let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
        let out = lineage_in(root, &args);
        assert_eq!(out.status.code(), Some(0), "{command:?}: {}", stderr(&out));
    }
}

#[test]
fn sizes_have_their_own_file_names_so_they_share_a_folder() {
    let p = project(&[("g.ron", &small("v"))]);
    for size in ["natural", "slide", "doc"] {
        let out = lineage_in(p.path(), &["render", "--format", "svg", "--size", size]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let names = files_in(&p.path().join("output"));
    for name in [
        "g-v.svg",
        "g-v.slide.svg",
        "g-v.doc.svg",
        "g-v.dark.slide.svg",
    ] {
        assert!(names.contains(&name.to_string()), "{name} in {names:?}");
    }
    // Each size checks against its own files.
    let out = lineage_in(
        p.path(),
        &["render", "--format", "svg", "--size", "slide", "--check"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A whole render at another size adds its figures and removes none.
    let out = lineage_in(p.path(), &["render", "--size", "doc"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let names = files_in(&p.path().join("output"));
    assert!(names.contains(&"g-v.svg".to_string()), "{names:?}");
    assert!(names.contains(&"g-v.slide.svg".to_string()), "{names:?}");
}
