//! The DOT and Mermaid writers, judged by the real renderers.
//!
//! Every view of `graphs/gpt.ron` and of `tests/hostile.ron` is written, in
//! English and Chinese and in the looks `lineage render` uses, into a
//! temporary folder. Then:
//!
//! - Graphviz's `dot` draws every DOT file without an error or warning; its
//!   SVG shows every label and tooltip unchanged, and its `-Tjson0` layout
//!   has the models as nodes named by their ids, branches as clusters,
//!   dashed uncertain edges, and ranks that follow dates;
//! - Mermaid (current, and 11.3 as GitHub uses) draws every `.mmd` file and
//!   every block of every `.md` file without an error, showing every label
//!   and the title unchanged.
//!
//! The tools come from `scripts/install-test-tools.sh` (see `common`).

mod common;

use lineage::data::{Certainty, DirectionDecl, LayersDecl, ViewKind};
use lineage::lineage::{Lang, Lineage};
use lineage::palette::ThemeName;
use lineage::view::View;
use lineage::write::{self, Format, Options, Style};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A figure written to disk, and what it was drawn from.
struct Figure {
    path: PathBuf,
    graph: &'static str,
    view: String,
    lang: Lang,
    format: Format,
    options: Options,
}

const GRAPHS: [(&str, &str); 2] = [("gpt", "graphs/gpt.ron"), ("hostile", "tests/hostile.ron")];

fn load(path: &str) -> Lineage {
    let full = common::repo_root().join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    match lineage::lineage::load(path, &bytes) {
        Ok((l, _)) => l,
        Err(e) => panic!(
            "{path} does not load:\n{}",
            e.iter().map(|d| d.render(false)).collect::<String>()
        ),
    }
}

fn looks(format: Format) -> Vec<Options> {
    let look = |theme, style| Options {
        theme,
        style,
        ..Options::default()
    };
    match format {
        Format::Dot => vec![
            look(ThemeName::Light, Style::Clean),
            look(ThemeName::Dark, Style::Clean),
        ],
        _ => vec![
            look(ThemeName::Light, Style::Clean),
            look(ThemeName::Light, Style::Sketch),
            look(ThemeName::Dark, Style::Clean),
        ],
    }
}

/// Writes every view of every graph whose kind `keep` accepts, in `formats`.
fn write_figures(
    dir: &Path,
    formats: &[Format],
    keep: impl Fn(ViewKind) -> bool,
) -> (BTreeMap<&'static str, Lineage>, Vec<Figure>) {
    let lineages: BTreeMap<&'static str, Lineage> = GRAPHS
        .iter()
        .map(|&(name, path)| (name, load(path)))
        .collect();
    let mut figures = Vec::new();
    for (&graph, lineage) in &lineages {
        for view in View::all(lineage) {
            if !keep(view.spec.kind) {
                continue;
            }
            for lang in Lang::ALL {
                for &format in formats {
                    if !format.supports(view.spec.kind) {
                        continue;
                    }
                    for options in looks(format) {
                        let options = Options { lang, ..options };
                        let bytes = write::write(&view, format, &options).unwrap_or_else(|e| {
                            panic!("{graph}/{}: {e} ({})", view.spec.name, e.hint())
                        });
                        let name = format!(
                            "{graph}-{}.{}.{:?}.{:?}.{}",
                            view.spec.name,
                            lang.code(),
                            options.theme,
                            options.style,
                            format.extension()
                        );
                        let path = dir.join(name);
                        std::fs::write(&path, bytes).unwrap();
                        figures.push(Figure {
                            path,
                            graph,
                            view: view.spec.name.clone(),
                            lang,
                            format,
                            options,
                        });
                    }
                }
            }
        }
    }
    (lineages, figures)
}

/// White space collapsed, as renderers show text.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the figure of `view` must show in `lang`, each item as one line of
/// text: model names, API names, capability, method and branch labels.
/// A label written on several lines gives one item per line when
/// `per_line`, else one item with its lines joined by a space.
fn expected_labels(view: &View, lang: Lang, per_line: bool) -> Vec<String> {
    let l = view.lineage;
    let mut texts: Vec<&str> = Vec::new();
    for &n in &view.models {
        let m = l.model(n);
        texts.push(m.name.get(lang));
        texts.extend(m.api.as_deref());
        if view.spec.capabilities {
            for c in &m.changes {
                texts.push(l.capability(c.capability).label.get(lang));
            }
        }
        if let Some(b) = m.branch {
            texts.push(l.branch(b).label.get(lang));
        }
    }
    for &e in &view.edges {
        texts.push(l.method(l.graph[e].method).label.get(lang));
    }
    // A derivation's own date is on its edge.
    let dates: Vec<String> = view
        .edges
        .iter()
        .map(|&e| &l.graph[e].date)
        .filter(|d| d.is_known())
        .map(|d| lineage::words::date(d, lang))
        .collect();
    texts.extend(dates.iter().map(String::as_str));
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        if per_line {
            out.extend(t.lines().map(norm));
        } else {
            out.push(norm(t));
        }
    }
    out.retain(|t| !t.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Notes and source titles, which the DOT figure keeps in tooltips (the
/// changes' notes only where the view shows capabilities, as its cards do).
fn expected_tooltips(view: &View, lang: Lang) -> Vec<String> {
    let l = view.lineage;
    let mut out = Vec::new();
    for &n in &view.models {
        let m = l.model(n);
        out.extend(m.note.as_ref().map(|t| norm(t.get(lang))));
        out.extend(m.sources.iter().map(|&s| norm(l.source(s).title.get(lang))));
        // A view that hides capabilities hides their changes' notes too.
        if view.spec.capabilities {
            for c in &m.changes {
                out.extend(c.note.as_ref().map(|t| norm(t.get(lang))));
            }
        }
    }
    for &e in &view.edges {
        let d = &l.graph[e];
        out.extend(d.note.as_ref().map(|t| norm(t.get(lang))));
        out.extend(d.sources.iter().map(|&s| norm(l.source(s).title.get(lang))));
    }
    out.retain(|t| !t.is_empty());
    out
}

fn view_of<'a>(lineages: &'a BTreeMap<&str, Lineage>, f: &Figure) -> View<'a> {
    View::all(&lineages[f.graph])
        .into_iter()
        .find(|v| v.spec.name == f.view)
        .unwrap()
}

/// Text and tooltips of a Graphviz SVG.
fn svg_texts(svg: &str) -> (Vec<String>, Vec<String>) {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(svg, options)
        .expect("Graphviz wrote well-formed SVG");
    let mut texts = Vec::new();
    let mut titles = Vec::new();
    for node in doc.descendants() {
        if node.has_tag_name("text") {
            let text: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            texts.push(norm(&text));
        }
        for a in node.attributes() {
            if a.name() == "title" {
                titles.push(norm(a.value()));
            }
        }
    }
    (texts, titles)
}

// ---- Graphviz ----------------------------------------------------------------

#[test]
fn graphviz_draws_every_lineage_dot_file_showing_every_label() {
    let dir = tempfile::tempdir().unwrap();
    let (lineages, figures) = write_figures(dir.path(), &[Format::Dot], |k| k == ViewKind::Lineage);
    assert!(figures.len() >= 24, "{} DOT files", figures.len());
    let mut failures = Vec::new();
    for f in &figures {
        let svg = match common::graphviz_svg(&f.path) {
            Ok(svg) => svg,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let view = view_of(&lineages, f);
        let (texts, titles) = svg_texts(&svg);
        for want in expected_labels(&view, f.lang, true) {
            if !texts.iter().any(|t| t.contains(&want)) {
                failures.push(format!(
                    "{}: no text shows {want:?}\n  texts: {texts:?}",
                    f.path.display()
                ));
            }
        }
        let title = view.title().get(f.lang);
        for line in title.lines().map(norm).filter(|l| !l.is_empty()) {
            if !texts.contains(&line) {
                failures.push(format!(
                    "{}: the title line {line:?} is not shown",
                    f.path.display()
                ));
            }
        }
        for want in expected_tooltips(&view, f.lang) {
            if !titles.iter().any(|t| t.contains(&want)) {
                failures.push(format!("{}: no tooltip holds {want:?}", f.path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn graphviz_reads_models_branches_and_edges_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let (lineages, figures) = write_figures(dir.path(), &[Format::Dot], |k| k == ViewKind::Lineage);
    for f in figures
        .iter()
        .filter(|f| f.options.theme == ThemeName::Light)
    {
        let view = view_of(&lineages, f);
        let l = view.lineage;
        let json = common::graphviz_json(&f.path).unwrap_or_else(|e| panic!("{e}"));
        let objects = json["objects"].as_array().unwrap();
        let at = f.path.display();

        // Models are nodes named by their ids (ids without a backslash read back as written).
        let names: Vec<&str> = objects.iter().filter_map(|o| o["name"].as_str()).collect();
        for &n in &view.models {
            let id = &l.model(n).id;
            if !id.contains('\\') {
                assert!(names.contains(&id.as_str()), "{at}: no node {id:?}");
            }
        }

        // Each branch with a shown model is a cluster.
        let clusters = objects
            .iter()
            .filter(|o| {
                o["name"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("cluster_"))
            })
            .filter(|o| o["name"] != "cluster_legend")
            .count();
        let mut branches: Vec<_> = view
            .models
            .iter()
            .filter_map(|&n| l.model(n).branch)
            .collect();
        branches.sort();
        branches.dedup();
        assert_eq!(clusters, branches.len(), "{at}: clusters");

        // Every derivation is a visible edge, dashed when uncertain; the rest is invisible.
        let edges = json["edges"].as_array().unwrap();
        let visible: Vec<_> = edges.iter().filter(|e| e["style"] != "invis").collect();
        assert_eq!(visible.len(), view.edges.len(), "{at}: visible edges");
        let dashed = visible.iter().filter(|e| e["style"] == "dashed").count();
        let uncertain = view
            .edges
            .iter()
            .filter(|&&e| l.graph[e].certainty == Certainty::Uncertain)
            .count();
        assert_eq!(dashed, uncertain, "{at}: dashed edges");

        // Merges have a double border.
        for &n in &view.models {
            let id = &l.model(n).id;
            let Some(node) = objects.iter().find(|o| o["name"] == id.as_str()) else {
                continue;
            };
            let merge = view.parents(n).len() >= 2;
            assert_eq!(node["peripheries"] == "2", merge, "{at}: {id} merge border");
        }
    }
}

#[test]
fn graphviz_ranks_follow_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (lineages, figures) = write_figures(dir.path(), &[Format::Dot], |k| k == ViewKind::Lineage);
    let mut checked = 0;
    for f in figures
        .iter()
        .filter(|f| f.options.theme == ThemeName::Light)
    {
        let view = view_of(&lineages, f);
        if view.spec.layers != LayersDecl::Timeline {
            continue;
        }
        let l = view.lineage;
        let json = common::graphviz_json(&f.path).unwrap_or_else(|e| panic!("{e}"));
        let objects = json["objects"].as_array().unwrap();
        // Position along the flow: x grows to the right; y grows upwards, so negate it.
        let along = |id: &str| -> Option<f64> {
            let node = objects.iter().find(|o| o["name"] == id)?;
            let pos = node["pos"].as_str()?;
            let (x, y) = pos.split_once(',')?;
            let (x, y): (f64, f64) = (x.parse().ok()?, y.parse().ok()?);
            Some(match view.spec.direction {
                DirectionDecl::Right => x,
                DirectionDecl::Down => -y,
            })
        };
        let dated: Vec<(String, f64, f64)> = view
            .models
            .iter()
            .filter_map(|&n| {
                let m = l.model(n);
                let start = m.date.span()?.0;
                Some((m.id.clone(), start, along(&m.id)?))
            })
            .collect();
        for (a, a_date, a_at) in &dated {
            for (b, b_date, b_at) in &dated {
                let at = f.path.display();
                if a_date < b_date {
                    assert!(
                        a_at < b_at,
                        "{at}: {a} is dated before {b} but drawn at {a_at} ≥ {b_at}"
                    );
                } else if a_date == b_date {
                    assert!(
                        (a_at - b_at).abs() < 0.5,
                        "{at}: {a} and {b} share a date, not a rank"
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(checked >= 8, "{checked} timeline figures checked");
}

/// Issue 17: a timeline too big for a rank per date (300 generated models,
/// a date each) still keeps time in Graphviz's drawing: a later date is
/// never drawn before an earlier one, one date is one rank, and every edge
/// runs forward; and consecutive dates do share ranks (what keeps dot fast).
#[test]
fn graphviz_keeps_time_in_a_timeline_too_big_for_a_rank_per_date() {
    let text = lineage::generate::lineage(300, 1);
    let (l, _) = lineage::lineage::load("generated.ron", text.as_bytes()).expect("valid");
    let view = &View::all(&l)[0];
    assert_eq!(view.spec.layers, LayersDecl::Timeline);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.dot");
    std::fs::write(
        &path,
        write::write(view, Format::Dot, &Options::default()).unwrap(),
    )
    .unwrap();
    let json = common::graphviz_json(&path).unwrap_or_else(|e| panic!("{e}"));
    let objects = json["objects"].as_array().unwrap();
    let x_of = |id: &str| -> f64 {
        let node = objects.iter().find(|o| o["name"] == id).unwrap();
        let pos = node["pos"].as_str().unwrap();
        pos.split_once(',').unwrap().0.parse().unwrap()
    };
    let mut dated: Vec<(f64, f64, &str)> = view
        .models
        .iter()
        .map(|&n| {
            let m = l.model(n);
            (m.date.span().unwrap().0, x_of(&m.id), m.id.as_str())
        })
        .collect();
    dated.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mut columns = 1;
    for pair in dated.windows(2) {
        let ((d0, x0, a), (d1, x1, b)) = (pair[0], pair[1]);
        if d0 == d1 {
            assert!(
                (x0 - x1).abs() < 0.5,
                "{a} and {b} share a date, not a rank"
            );
        } else {
            assert!(
                x0 <= x1 + 0.5,
                "{a} is dated before {b} but drawn at {x0} > {x1}"
            );
            columns += usize::from(x1 > x0 + 0.5);
        }
    }
    for &e in &view.edges {
        let (a, b) = l.graph.edge_endpoints(e).unwrap();
        let (a, b) = (&l.model(a).id, &l.model(b).id);
        assert!(
            x_of(a) + 0.5 < x_of(b),
            "the edge {a} -> {b} is flat or backward"
        );
    }
    assert!(
        columns < dated.len() / 2,
        "{columns} columns for {} dates",
        dated.len()
    );
}

// ---- Mermaid -------------------------------------------------------------------

/// Renders every file with both Mermaid versions; checks labels unless `labels` is false.
fn check_mermaid(lineages: &BTreeMap<&str, Lineage>, figures: &[Figure], labels: bool) {
    let files: Vec<PathBuf> = figures.iter().map(|f| f.path.clone()).collect();
    for version in ["current", "11.3"] {
        let results = common::mermaid_render(version, &files);
        common::assert_mermaid_ok(&results);
        if !labels {
            continue;
        }
        let mut failures = Vec::new();
        for f in figures {
            let view = view_of(lineages, f);
            let mine: Vec<_> = results.iter().filter(|r| r.file == f.path).collect();
            assert_eq!(mine.len(), 1, "{}: one diagram", f.path.display());
            let r = mine[0];
            let shown = r
                .texts
                .iter()
                .map(|t| norm(t))
                .collect::<Vec<_>>()
                .join(" | ");
            for want in expected_labels(&view, f.lang, false) {
                if !shown.contains(&want) {
                    failures.push(format!(
                        "{} [mermaid {}]: {want:?} is not shown\n  texts: {shown}",
                        r.location(),
                        r.version
                    ));
                }
            }
            // The title: a node (its own fill keeps it legible on dark pages), on one line, as written.
            let title = norm(view.title().get(f.lang));
            if !r.texts.iter().any(|t| norm(t) == title) {
                failures.push(format!(
                    "{} [mermaid {}]: title {title:?} is not drawn\n  texts: {shown}",
                    r.location(),
                    r.version,
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}

#[test]
fn mermaid_draws_every_lineage_figure_showing_every_label() {
    let dir = tempfile::tempdir().unwrap();
    let (lineages, figures) =
        write_figures(dir.path(), &[Format::Mermaid, Format::Markdown], |k| {
            k == ViewKind::Lineage
        });
    assert!(figures.len() >= 72, "{} Mermaid files", figures.len());
    check_mermaid(&lineages, &figures, true);
}

// ---- capability figures (matrix, flow, table) ------------------------------------

/// The capability figures come from another writer; they must render too.
#[test]
fn capability_figures_render_in_graphviz_and_mermaid() {
    let dir = tempfile::tempdir().unwrap();
    let (lineages, figures) = write_figures(
        dir.path(),
        &[Format::Dot, Format::Mermaid, Format::Markdown],
        |k| k != ViewKind::Lineage,
    );
    let mut failures = Vec::new();
    for f in figures.iter().filter(|f| f.format == Format::Dot) {
        let svg = match common::graphviz_svg(&f.path) {
            Ok(svg) => svg,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let (texts, _) = svg_texts(&svg);
        for want in common::capability_labels(&view_of(&lineages, f), f.lang) {
            if !common::shows(&texts, &want) {
                failures.push(format!("{}: {want:?} is not shown", f.path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Flow views are Mermaid flowcharts: every label shown. Matrix and table
    // views are Markdown tables (no diagram): they must only not break Mermaid.
    let (flows, tables): (Vec<Figure>, Vec<Figure>) = figures
        .into_iter()
        .filter(|f| f.format != Format::Dot)
        .partition(|f| view_of(&lineages, f).spec.kind == ViewKind::Flow);
    check_mermaid(&lineages, &tables, false);
    for version in ["current", "11.3"] {
        let files: Vec<PathBuf> = flows.iter().map(|f| f.path.clone()).collect();
        let results = common::mermaid_render(version, &files);
        common::assert_mermaid_ok(&results);
        for f in &flows {
            let texts: Vec<String> = results
                .iter()
                .filter(|r| r.file == f.path)
                .flat_map(|r| r.texts.iter().cloned())
                .collect();
            for want in common::capability_labels(&view_of(&lineages, f), f.lang) {
                if !common::shows(&texts, &want) {
                    failures.push(format!(
                        "{} [mermaid {version}]: {want:?} is not shown\n  texts: {texts:?}",
                        f.path.display()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
