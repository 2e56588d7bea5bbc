//! The Markdown figures, judged by GitHub's own Markdown parser: cmark-gfm
//! with GitHub's extensions (tables, autolinks, strikethrough), through
//! `tests/py/render-markdown.py`, raw HTML kept so that anything the data
//! smuggles in shows.
//!
//! Every Markdown figure of `graphs/gpt.ron` and `tests/hostile.ron`, in
//! English and Chinese, must read as written:
//!
//! - only the elements our writers use appear (a link only where the data
//!   has a bare `http` address, showing that address), and no HTML comment
//!   (what cmark-gfm leaves of HTML it drops);
//! - the title is the heading (lineage and flow) or the bold line (matrix
//!   and table), exactly as the data spells it once whitespace is tidied;
//! - a Mermaid figure is one fenced block that carries the flowchart
//!   unchanged (no label can close the fence), with the key under it;
//! - a matrix or table is one table whose every row has the header's
//!   number of cells (no `|` in the data splits a cell), whose header names
//!   the models (and their API names on a second line) and, in a matrix,
//!   whose second column names the capabilities.
//!
//! The parser comes from `scripts/install-test-tools.sh` (cmarkgfm, into
//! `tests/py/site`).

mod common;

use lineage::data::ViewKind;
use lineage::figure::capability::model_names;
use lineage::figure::clean;
use lineage::figure::matrix::Matrix;
use lineage::figure::table::Table;
use lineage::lineage::{Lang, Lineage};
use lineage::view::View;
use lineage::words::Word;
use lineage::write::{self, Format, Options};
use petgraph::graph::NodeIndex;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// What a figure must show, by kind.
enum Expect {
    /// Lineage and flow: a heading, one Mermaid block, the key line.
    Mermaid { key: String },
    /// Matrix: the header's model cells, and the capability column.
    Matrix {
        models: Vec<String>,
        capabilities: Vec<String>,
        branch_row: bool,
    },
    /// Table: the header's model cells.
    Table { models: Vec<String> },
}

struct Figure {
    path: PathBuf,
    title: String,
    source: String,
    expect: Expect,
}

const ELEMENTS: [&str; 14] = [
    "a", "br", "code", "em", "h1", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr",
];

fn load(path: &str) -> Lineage {
    let full = common::repo_root().join(path);
    let bytes = std::fs::read(&full).unwrap();
    lineage::lineage::load(path, &bytes).unwrap().0
}

/// A model's header cell as a reader sees it: the name, the API name on a
/// second line when it differs.
fn head(l: &Lineage, n: NodeIndex, lang: Lang) -> String {
    let (name, api) = model_names(l, n, lang);
    match api {
        Some(api) => format!("{name}\n{api}"),
        None => name,
    }
}

fn expect(view: &View, lang: Lang) -> Expect {
    let l = view.lineage;
    match view.spec.kind {
        ViewKind::Lineage | ViewKind::Flow => Expect::Mermaid {
            key: Word::Key.get(lang).trim().to_string(),
        },
        ViewKind::Matrix => {
            let m = Matrix::of(view);
            Expect::Matrix {
                models: m.columns.iter().map(|c| head(l, c.model, lang)).collect(),
                capabilities: m
                    .rows
                    .iter()
                    .flat_map(|g| &g.caps)
                    .map(|&c| clean(l.capability(c).label.get(lang)))
                    .collect(),
                branch_row: m.columns.iter().any(|c| c.branch.is_some()),
            }
        }
        ViewKind::Table => Expect::Table {
            models: Table::of(view)
                .columns
                .iter()
                .map(|c| head(l, c.model, lang))
                .collect(),
        },
    }
}

fn figures(dir: &std::path::Path) -> Vec<Figure> {
    let mut out = Vec::new();
    for (graph, path) in [("gpt", "graphs/gpt.ron"), ("hostile", "tests/hostile.ron")] {
        let l = load(path);
        for view in View::all(&l) {
            if !Format::Markdown.supports(view.spec.kind) {
                continue;
            }
            for lang in Lang::ALL {
                let options = Options {
                    lang,
                    ..Options::default()
                };
                let bytes = write::write(&view, Format::Markdown, &options).unwrap();
                let file = dir.join(format!("{graph}-{}-{lang:?}.md", view.spec.name));
                std::fs::write(&file, &bytes).unwrap();
                out.push(Figure {
                    path: file,
                    title: clean(view.title().get(lang)),
                    source: String::from_utf8(bytes).unwrap(),
                    expect: expect(&view, lang),
                });
            }
        }
    }
    out
}

fn parse(files: &[Figure]) -> Vec<Value> {
    let mut cmd = Command::new("python3");
    cmd.arg(common::repo_root().join("tests/py/render-markdown.py"))
        .args(files.iter().map(|f| &f.path));
    common::json_lines(&mut cmd, "render-markdown.py")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The flowchart between the fence lines of the file as written.
fn fenced(source: &str) -> &str {
    let start = source.find("```mermaid\n").unwrap() + "```mermaid\n".len();
    let end = source[start..].find("\n```\n").unwrap() + start + 1;
    &source[start..end]
}

fn check_mermaid(f: &Figure, page: &Value, key: &str) {
    let name = f.path.display();
    assert_eq!(strings(&page["headings"]), vec![f.title.clone()], "{name}");
    let code = page["code"].as_array().unwrap();
    assert_eq!(code.len(), 1, "{name}: one code block");
    assert_eq!(code[0]["lang"], "mermaid", "{name}");
    assert_eq!(code[0]["text"], fenced(&f.source), "{name}: the fence held");
    let last = strings(&page["paragraphs"]).pop().unwrap_or_default();
    assert!(last.starts_with(key), "{name}: key line {last:?}");
}

fn check_table(
    f: &Figure,
    page: &Value,
    models: &[String],
    capabilities: Option<(&[String], bool)>,
) {
    let name = f.path.display();
    let first = strings(&page["paragraphs"]).remove(0);
    assert_eq!(first, f.title, "{name}: the bold title");
    let tables = page["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1, "{name}: one table");
    let rows: Vec<Vec<String>> = tables[0].as_array().unwrap().iter().map(strings).collect();
    let width = rows[0].len();
    for row in &rows {
        assert_eq!(
            row.len(),
            width,
            "{name}: a row of {} cells: {row:?}",
            row.len()
        );
    }
    let lead = width - models.len();
    assert_eq!(
        &rows[0][lead..],
        models,
        "{name}: the header names the models"
    );
    if let Some((capabilities, branch_row)) = capabilities {
        let body = &rows[1 + usize::from(branch_row)..];
        let column: Vec<String> = body.iter().map(|r| r[1].clone()).collect();
        assert_eq!(column, capabilities, "{name}: the capability column");
    }
}

#[test]
fn markdown_figures_read_as_written_in_githubs_parser() {
    let dir = tempfile::tempdir().unwrap();
    let figures = figures(dir.path());
    let pages = parse(&figures);
    assert_eq!(pages.len(), figures.len());
    let mut kinds = [0; 3];
    for (f, page) in figures.iter().zip(&pages) {
        let name = f.path.display();
        for tag in strings(&page["tags"]) {
            assert!(
                ELEMENTS.contains(&tag.as_str()),
                "{name}: <{tag}> from the data"
            );
        }
        assert_eq!(page["comments"], 0, "{name}: HTML was dropped");
        for link in page["links"].as_array().unwrap() {
            let href = link["href"].as_str().unwrap();
            assert!(href.starts_with("http"), "{name}: link to {href}");
            assert_eq!(link["text"], href, "{name}: a link shows its address");
        }
        match &f.expect {
            Expect::Mermaid { key } => {
                check_mermaid(f, page, key);
                kinds[0] += 1;
            }
            Expect::Matrix {
                models,
                capabilities,
                branch_row,
            } => {
                check_table(f, page, models, Some((capabilities, *branch_row)));
                kinds[1] += 1;
            }
            Expect::Table { models } => {
                check_table(f, page, models, None);
                kinds[2] += 1;
            }
        }
    }
    assert!(
        kinds.iter().all(|&k| k >= 2),
        "every kind checked: {kinds:?}"
    );
}
