//! Helpers shared by the integration tests: real renderers for the files lineage writes.
//!
//! - [`mermaid_render`]: the real Mermaid (current, or 11.3 as GitHub uses) in headless
//!   Chromium, through `tests/js/render-mermaid.mjs`;
//! - [`graphviz_svg`], [`graphviz_json`]: Graphviz's `dot`.
//!
//! The tools come from `scripts/install-test-tools.sh`; `.ci/run` calls it first.
//!
//! Use from an integration test with `mod common;`.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const INSTALL_HINT: &str =
    "run `bash scripts/install-test-tools.sh` from the repository root (it installs Graphviz, \
     Chromium and tests/js/node_modules)";

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/js`, where `render-mermaid.mjs` and its `node_modules` live.
pub fn js_dir() -> PathBuf {
    repo_root().join("tests").join("js")
}

/// The browser the Mermaid harness drives: `$LINEAGE_CHROMIUM`, else `/usr/bin/chromium`.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("LINEAGE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// One diagram as the real Mermaid rendered it: one JSON line of `render-mermaid.mjs`.
#[derive(Debug, Clone, PartialEq)]
pub struct MermaidResult {
    /// The file as it was given to [`mermaid_render`].
    pub file: PathBuf,
    /// 0 for a `.mmd` file; the n-th ```` ```mermaid ```` block (from 0) of a `.md` file.
    pub index: usize,
    /// 1-based line of the diagram in `file` (the opening fence in a `.md` file).
    pub line: usize,
    /// Drawn without error: `mermaid.render()` did not throw, the SVG is not Mermaid's
    /// error picture nor its "Maximum text size" picture, and the source is at most
    /// 50,000 characters.
    pub ok: bool,
    /// Mermaid's message (or the harness's) when not `ok`.
    pub error: Option<String>,
    /// Visible text of the node, cluster and edge labels in SVG document order,
    /// entities decoded, whitespace normalised, `<br>` read as one space, empty labels
    /// left out.
    pub texts: Vec<String>,
    /// The front-matter title as drawn, if any.
    pub title: Option<String>,
    /// The Mermaid version that rendered it, e.g. "11.17.2" or "11.3.0".
    pub version: String,
    /// Each node as drawn: its visible text and the centre of its box, in px.
    pub nodes: Vec<(String, f64, f64)>,
}

impl MermaidResult {
    /// "file#index (line n)", for messages.
    pub fn location(&self) -> String {
        format!(
            "{}#{} (line {})",
            self.file.display(),
            self.index,
            self.line
        )
    }
}

/// Renders every diagram in `files` with the real Mermaid in headless Chromium.
///
/// `version` is `"current"` (tests/js/node_modules/mermaid, 11.17.x) or `"11.3"`
/// (the Mermaid GitHub uses to draw Markdown). A `.md` file contributes each of its
/// ```` ```mermaid ```` blocks; any other file is one diagram. One browser start for the
/// whole call (about 2 s), then about 0.1 s per diagram: pass many files at once.
///
/// Failed diagrams come back with `ok == false`; the caller decides. Panics when the
/// harness itself cannot run (node, node_modules or Chromium missing, browser crash).
pub fn mermaid_render(version: &str, files: &[PathBuf]) -> Vec<MermaidResult> {
    if files.is_empty() {
        return Vec::new();
    }
    let js = js_dir();
    let script = js.join("render-mermaid.mjs");
    let package = match version {
        "current" => "mermaid",
        "11.3" => "mermaid-11-3",
        other => panic!(
            "mermaid_render: unknown Mermaid version {other:?} (use \"current\" or \"11.3\")"
        ),
    };
    let min_js = js
        .join("node_modules")
        .join(package)
        .join("dist")
        .join("mermaid.min.js");
    if !min_js.is_file() {
        panic!(
            "mermaid_render: {} is missing: {INSTALL_HINT}",
            min_js.display()
        );
    }
    let chromium = chromium_path();
    if !chromium.exists() {
        panic!(
            "mermaid_render: {} is missing: {INSTALL_HINT}",
            chromium.display()
        );
    }

    let output = Command::new("node")
        .arg(&script)
        .arg("--mermaid")
        .arg(version)
        .arg("--")
        .args(files)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "mermaid_render: cannot run `node` ({e}): Node.js >= 20 is needed; {INSTALL_HINT}"
            )
        });
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        panic!(
            "mermaid_render: {} failed ({}); if a tool is missing, {INSTALL_HINT}\n--- stderr ---\n{stderr}\n--- stdout ---\n{stdout}",
            script.display(),
            output.status,
        );
    }

    let results: Vec<MermaidResult> = stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            parse_mermaid_line(l)
                .unwrap_or_else(|e| panic!("mermaid_render: bad output line ({e}): {l}"))
        })
        .collect();
    for f in files {
        if !results.iter().any(|r| &r.file == f) && !is_markdown(f) {
            panic!(
                "mermaid_render: no result for {}\n--- stderr ---\n{stderr}",
                f.display()
            );
        }
    }
    results
}

/// Panics with every failed diagram's location and error, if any failed.
pub fn assert_mermaid_ok(results: &[MermaidResult]) {
    let failed: Vec<String> = results
        .iter()
        .filter(|r| !r.ok)
        .map(|r| {
            format!(
                "{} [mermaid {}]: {}",
                r.location(),
                r.version,
                r.error.as_deref().unwrap_or("?")
            )
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} Mermaid diagrams failed:\n{}",
        failed.len(),
        results.len(),
        failed.join("\n\n")
    );
}

fn is_markdown(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn parse_mermaid_line(line: &str) -> Result<MermaidResult, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let str_field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    let uint_field = |k: &str| v.get(k).and_then(|x| x.as_u64()).map(|n| n as usize);
    Ok(MermaidResult {
        file: PathBuf::from(str_field("file").ok_or("no \"file\"")?),
        index: uint_field("index").ok_or("no \"index\"")?,
        line: uint_field("line").unwrap_or(1),
        ok: v.get("ok").and_then(|x| x.as_bool()).ok_or("no \"ok\"")?,
        error: str_field("error"),
        texts: v
            .get("texts")
            .and_then(|x| x.as_array())
            .ok_or("no \"texts\"")?
            .iter()
            .map(|t| {
                t.as_str()
                    .map(str::to_owned)
                    .ok_or("a text is not a string")
            })
            .collect::<Result<_, _>>()?,
        title: str_field("title"),
        version: str_field("version").unwrap_or_default(),
        nodes: v
            .get("nodes")
            .and_then(|x| x.as_array())
            .map(|nodes| {
                nodes
                    .iter()
                    .map(|n| {
                        let at = |k: &str| n.get(k).and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
                        let label = n.get("label").and_then(|x| x.as_str()).unwrap_or("");
                        (label.to_string(), at("x"), at("y"))
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// `dot -Tsvg FILE`: the SVG, or Err when dot exits non-zero or writes anything
/// on stderr (Graphviz's warnings go there and are worth failing on).
pub fn graphviz_svg(dot_path: &Path) -> Result<String, String> {
    run_dot(&["-Tsvg"], Some(dot_path), None)
}

/// `dot -Tsvg` on DOT source given as a string (through stdin); same rules as [`graphviz_svg`].
pub fn graphviz_svg_from_str(dot_source: &str) -> Result<String, String> {
    run_dot(&["-Tsvg"], None, Some(dot_source))
}

/// `dot -Tjson0 FILE`: the graph as Graphviz parsed it (`objects` holds nodes and
/// clusters with their attributes such as `name` and `label`, `edges` holds `tail`/`head`
/// indexes into `objects`). Err as for [`graphviz_svg`], or when the output is not JSON.
pub fn graphviz_json(dot_path: &Path) -> Result<serde_json::Value, String> {
    let out = run_dot(&["-Tjson0"], Some(dot_path), None)?;
    serde_json::from_str(&out).map_err(|e| {
        format!(
            "dot -Tjson0 {}: output is not JSON: {e}",
            dot_path.display()
        )
    })
}

fn run_dot(args: &[&str], path: Option<&Path>, stdin: Option<&str>) -> Result<String, String> {
    let what = match path {
        Some(p) => format!("dot {} {}", args.join(" "), p.display()),
        None => format!("dot {} <stdin>", args.join(" ")),
    };
    let mut cmd = Command::new("dot");
    cmd.args(args);
    if let Some(p) = path {
        cmd.arg(p);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("Graphviz's `dot` is not installed: {INSTALL_HINT}")
        }
        Err(e) => panic!("cannot run `{what}`: {e}"),
    };
    if let Some(src) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        let src = src.to_owned();
        // Write from a thread: dot may fill stdout before it has read all its input.
        std::thread::spawn(move || {
            let _ = pipe.write_all(src.as_bytes());
        });
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child
        .wait_with_output()
        .map_err(|e| format!("{what}: {e}"))?;
    let stderr = String::from_utf8_lossy(&stderr);
    if !status.success() {
        return Err(format!("{what} failed ({status}): {}", stderr.trim()));
    }
    if !stderr.trim().is_empty() {
        return Err(format!("{what} wrote on stderr: {}", stderr.trim()));
    }
    String::from_utf8(stdout).map_err(|e| format!("{what}: output is not UTF-8: {e}"))
}

/// A lineage file of the project, validated (panics with the diagnostics).
pub fn load_file(path: &str) -> lineage::lineage::Lineage {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap();
    lineage::lineage::load(path, &bytes)
        .map(|(l, _)| l)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

/// Every look a figure can take: both languages, themes and styles.
pub fn all_options() -> Vec<lineage::write::Options> {
    use lineage::palette::ThemeName;
    use lineage::write::{Options, Style};
    let mut out = Vec::new();
    for lang in lineage::lineage::Lang::ALL {
        for theme in [ThemeName::Light, ThemeName::Dark] {
            for style in [Style::Clean, Style::Sketch] {
                out.push(Options {
                    lang,
                    theme,
                    style,
                    seed: 1,
                    ..Options::default()
                });
            }
        }
    }
    out
}

/// What a capability figure (flow, matrix, table) of `view` must show in
/// `lang`, read from its figure model: every capability, model name, API
/// name, method and branch label it draws, each as one line of text.
pub fn capability_labels(view: &lineage::view::View, lang: lineage::lineage::Lang) -> Vec<String> {
    use lineage::data::ViewKind;
    use lineage::figure::{self, capability, flow::Flow, matrix::Matrix, table::Table};
    let l = view.lineage;
    let mut out: Vec<String> = Vec::new();
    let model = |out: &mut Vec<String>, n| {
        let (name, api) = capability::model_names(l, n, lang);
        out.push(name);
        out.extend(api);
    };
    match view.spec.kind {
        ViewKind::Flow => {
            let flow = Flow::of(view);
            flow.models.iter().for_each(|&n| model(&mut out, n));
            for c in &flow.caps {
                out.push(figure::clean(l.capability(c.cap).label.get(lang)));
            }
            for e in &flow.edges {
                out.push(figure::clean(l.method(e.method).label.get(lang)));
            }
        }
        ViewKind::Matrix => {
            let m = Matrix::of(view);
            m.columns.iter().for_each(|c| model(&mut out, c.model));
            for c in &m.columns {
                out.extend(c.branch.map(|b| figure::clean(l.branch(b).label.get(lang))));
            }
            for cap in m.capabilities() {
                out.push(figure::clean(l.capability(cap).label.get(lang)));
            }
            for g in &m.rows {
                out.extend(
                    g.method
                        .map(|me| figure::clean(l.method(me).label.get(lang))),
                );
            }
        }
        ViewKind::Table => {
            let t = Table::of(view);
            t.columns.iter().for_each(|c| model(&mut out, c.model));
            for c in &t.columns {
                out.push(figure::table::made_text(l, &c.made, lang));
                for item in c.good.iter().chain(&c.weak) {
                    out.push(figure::clean(l.capability(item.capability).label.get(lang)));
                }
            }
        }
        ViewKind::Lineage => {}
    }
    out.retain(|t| !t.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Whether `want` is among `shown` texts as a reader sees it: line breaks
/// and white space aside (a figure may wrap a label anywhere), in order.
pub fn shows(shown: &[String], want: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    squeeze(&shown.join(" ")).contains(&squeeze(want))
}

/// Run a test harness (a script under `tests/js` or `tests/py`) that prints
/// one JSON value per line: its values, in order. Panics, with the harness's
/// standard error and the install hint, when it cannot run or fails.
pub fn json_lines(cmd: &mut Command, what: &str) -> Vec<serde_json::Value> {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run it ({e}): {INSTALL_HINT}"));
    assert!(
        output.status.success(),
        "{what} failed ({}): {INSTALL_HINT}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: bad line ({e}): {l}")))
        .collect()
}

/// Like [`mermaid_render`], with `--measure 880`: each diagram's JSON line with its
/// `measure` (every text's size in an 880 px docs column, its colour, and its contrast
/// against what is behind it on a white page and on GitHub's dark #0d1117; see
/// `tests/js/render-mermaid.mjs`). Set `LINEAGE_MERMAID_SHOTS=DIR` to also get PNGs.
pub fn mermaid_measure(version: &str, files: &[PathBuf]) -> Vec<serde_json::Value> {
    let js = js_dir();
    let mut cmd = Command::new("node");
    cmd.arg(js.join("render-mermaid.mjs"))
        .arg("--mermaid")
        .arg(version)
        .arg("--measure")
        .arg("880");
    if let Some(dir) = std::env::var_os("LINEAGE_MERMAID_SHOTS") {
        cmd.arg("--screenshots").arg(dir);
    }
    cmd.arg("--").args(files);
    json_lines(&mut cmd, "mermaid_measure")
}
