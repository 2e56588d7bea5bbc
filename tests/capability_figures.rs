//! Capability figures (matrix, flow, comparison table) on the GPT data and
//! on a second, different lineage (`tests/software.ron`): they say what the
//! inheritance says, they are well-formed and stay on their canvas, and the
//! real renderers (Graphviz, Mermaid) accept them.

mod common;

use common::{all_options, load_file};

use lineage::data::ViewKind;
use lineage::explain;
use lineage::figure::{capability::Shown, flow::Flow, matrix::Matrix, table::Table};
use lineage::lineage::{Lang, Lineage};
use lineage::palette::{Rgb, Theme, ThemeName};
use lineage::text::{self, Face};
use lineage::view::{View, ViewSpec};
use lineage::write::{self, Format, Options, Style, WriteError};
use std::path::Path;

const FILES: [&str; 2] = ["graphs/gpt.ron", "tests/software.ron"];

fn views_of(l: &Lineage, kind: ViewKind) -> Vec<View<'_>> {
    View::all(l)
        .into_iter()
        .filter(|v| v.spec.kind == kind)
        .collect()
}

fn text_of(view: &View, format: Format, options: &Options) -> String {
    String::from_utf8(write::write(view, format, options).unwrap()).unwrap()
}

/// The whole lineage as a matrix view.
fn whole_matrix(l: &Lineage) -> View<'_> {
    let mut spec = ViewSpec::whole();
    spec.kind = ViewKind::Matrix;
    View::of(l, &spec)
}

/// The state `explain --json` reports for one capability at one model.
fn reported(report: &explain::Report, cap: &str) -> (String, Option<bool>) {
    if let Some(h) = report.capabilities.iter().find(|h| h.id == cap) {
        return (h.state.clone(), Some(h.certain));
    }
    if let Some(l) = report.lost.iter().find(|l| l.id == cap) {
        return ("lost".into(), Some(l.certain));
    }
    ("absent".into(), None)
}

#[test]
fn matrix_states_match_explain_json_for_every_model_and_capability() {
    for file in FILES {
        let l = load_file(file);
        let view = whole_matrix(&l);
        let m = Matrix::of(&view);
        assert_eq!(m.columns.len(), l.graph.node_count(), "{file}");
        let shown: Vec<_> = m.capabilities().collect();
        for n in l.graph.node_indices() {
            let report = explain::report(&l, n, Lang::En);
            // The JSON the CLI prints, read back.
            let json = serde_json::to_value(&report).unwrap();
            assert_eq!(json["model"], l.model(n).id);
            for cap in l.capability_ids() {
                let id = &l.capability(cap).id;
                let (state, certain) = reported(&report, id);
                if !shown.contains(&cap) {
                    // A row is left out only when nobody in the view has it.
                    assert_eq!(state, "absent", "{file}: {id} at {}", l.model(n).id);
                    continue;
                }
                let cell = m.cell(cap, n);
                assert_eq!(
                    cell.shown.word(),
                    state,
                    "{file}: {id} at {}",
                    l.model(n).id
                );
                if let Some(certain) = certain {
                    assert_eq!(cell.certain, certain, "{file}: {id} at {}", l.model(n).id);
                }
            }
        }
    }
}

#[test]
fn matrix_svg_cells_carry_the_reported_states() {
    for file in FILES {
        let l = load_file(file);
        let mut views = views_of(&l, ViewKind::Matrix);
        views.push(whole_matrix(&l));
        for view in &views {
            let svg = text_of(view, Format::Svg, &Options::default());
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let cells: Vec<_> = doc
                .descendants()
                .filter(|n| n.attribute("class") == Some("cell"))
                .collect();
            let m = Matrix::of(view);
            assert_eq!(
                cells.len(),
                m.capabilities().count() * view.models.len(),
                "{file} {}",
                view.spec.name
            );
            for cell in cells {
                let n = l.find_model(cell.attribute("data-model").unwrap()).unwrap();
                let cap = cell.attribute("data-capability").unwrap();
                let (state, certain) = reported(&explain::report(&l, n, Lang::En), cap);
                assert_eq!(cell.attribute("data-state"), Some(state.as_str()));
                if let Some(certain) = certain {
                    let want = if certain { "true" } else { "false" };
                    assert_eq!(cell.attribute("data-certain"), Some(want));
                }
                assert!(cell.children().any(|c| c.has_tag_name("title")));
            }
        }
    }
}

#[test]
fn matrix_rows_are_grouped_by_the_method_that_brings_them() {
    let l = load_file("graphs/gpt.ron");
    let view = views_of(&l, ViewKind::Matrix).remove(0);
    let m = Matrix::of(&view);
    let group_of = |cap: &str| {
        let c = l.find_capability(cap).unwrap();
        let g = m.rows.iter().find(|g| g.caps.contains(&c)).unwrap();
        g.method.map(|me| l.method(me).id.clone())
    };
    assert_eq!(group_of("reasoning").as_deref(), Some("code"));
    assert_eq!(
        group_of("instructions").as_deref(),
        Some("sft"),
        "unlocked, not where latent"
    );
    assert_eq!(group_of("icl").as_deref(), Some("pretraining"));
    assert_eq!(group_of("dialogue").as_deref(), Some("rlhf"));
    let order: Vec<_> = m.rows.iter().map(|g| g.method.map(|me| me.0)).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|m| m.unwrap_or(usize::MAX));
    assert_eq!(order, sorted, "groups follow method declaration order");
    // Columns: date order, parents first.
    for (i, col) in m.columns.iter().enumerate() {
        for (_, p) in view.parents(col.model) {
            let at = m.columns.iter().position(|c| c.model == p).unwrap();
            assert!(at < i);
        }
    }
    // ChatGPT's column: reasoning came from code training at code-davinci-001,
    // in-context learning was given up here.
    let chatgpt = l.find_model("chatgpt").unwrap();
    let reasoning = l.find_capability("reasoning").unwrap();
    let origin = l.inheritance.trace(chatgpt, reasoning).origin.unwrap();
    assert_eq!(l.model(origin.model).id, "code-davinci-001");
    let icl = m.cell(l.find_capability("icl").unwrap(), chatgpt);
    assert_eq!(icl.shown, Shown::Lost);
    let col = m.columns.iter().find(|c| c.model == chatgpt).unwrap();
    assert_eq!((col.up, col.down), (5, 1));
}

/// Cells of a Markdown table row, splitting on `|` that is not escaped.
fn md_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in line.trim().trim_start_matches('|').chars() {
        match c {
            '|' if !escaped => cells.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    cells
}

fn md_table(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .map(md_cells)
        .collect()
}

#[test]
fn markdown_tables_have_one_column_per_model() {
    for file in FILES {
        let l = load_file(file);
        for lang in Lang::ALL {
            let options = Options {
                lang,
                ..Options::default()
            };
            for view in views_of(&l, ViewKind::Matrix) {
                let rows = md_table(&text_of(&view, Format::Markdown, &options));
                assert!(rows.len() > 2);
                for row in &rows {
                    assert_eq!(
                        row.len(),
                        2 + view.models.len(),
                        "{file} {}: {row:?}",
                        view.spec.name
                    );
                }
                let caps = Matrix::of(&view).capabilities().count();
                let branch_row =
                    usize::from(view.models.iter().any(|&n| l.model(n).branch.is_some()));
                assert_eq!(rows.len(), 2 + branch_row + caps);
            }
            for view in views_of(&l, ViewKind::Table) {
                let rows = md_table(&text_of(&view, Format::Markdown, &options));
                assert_eq!(rows.len(), 5, "header, rule, lineage, good at, weak at");
                for row in &rows {
                    assert_eq!(
                        row.len(),
                        1 + view.models.len(),
                        "{file} {}: {row:?}",
                        view.spec.name
                    );
                }
            }
        }
    }
}

#[test]
fn markdown_escapes_labels() {
    let l = load_file("tests/software.ron");
    let view = views_of(&l, ViewKind::Matrix).remove(0);
    let md = text_of(&view, Format::Markdown, &Options::default());
    assert!(md.contains(r"Regex search (a\|b) \<groups\> &amp; \`flags\`"));
    assert!(md.contains(r"Quill Web \<beta\> \| \`wasm\` &amp; "));
    assert!(md.contains(r"Vi keys \*modal\*"));
    assert!(!md.contains("<beta>") && !md.contains("<groups>"));
}

#[test]
fn gpt_comparison_table_says_what_the_article_says() {
    let l = load_file("graphs/gpt.ron");
    let view = views_of(&l, ViewKind::Table).remove(0);
    let t = Table::of(&view);
    let ids: Vec<&str> = t
        .columns
        .iter()
        .map(|c| l.model(c.model).id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "code-davinci-002",
            "text-davinci-002",
            "code-cushman-001",
            "text-davinci-001"
        ],
        "the order the view lists them in"
    );
    let col = |id: &str| {
        t.columns
            .iter()
            .find(|c| l.model(c.model).id == id)
            .unwrap()
    };
    let caps = |items: &[lineage::figure::table::Item]| -> Vec<String> {
        items
            .iter()
            .map(|i| l.capability(i.capability).id.clone())
            .collect()
    };
    let has =
        |items: &[lineage::figure::table::Item], id: &str| caps(items).iter().any(|c| c == id);
    // Weak at.
    assert!(
        has(&col("text-davinci-002").weak, "icl"),
        "the alignment tax"
    );
    assert!(has(&col("code-cushman-001").weak, "instructions"));
    assert!(has(&col("text-davinci-001").weak, "code"));
    assert!(has(&col("text-davinci-001").weak, "reasoning"));
    assert!(
        has(&col("code-davinci-002").weak, "zero-shot"),
        "zero-shot not strong enough"
    );
    // Good at.
    assert!(has(&col("text-davinci-002").good, "zero-shot"));
    assert!(has(&col("code-cushman-001").good, "reasoning"));
    assert!(has(&col("code-cushman-001").good, "code"));
    assert!(has(&col("code-davinci-002").good, "icl"));
    assert!(has(&col("text-davinci-001").good, "instructions"));
    assert!(!has(&col("text-davinci-001").good, "code"));
    // Nothing is both.
    for c in &t.columns {
        for item in &c.good {
            assert!(!c.weak.contains(item));
        }
    }
    // Lineage, as chains of methods.
    let md = text_of(&view, Format::Markdown, &Options::default());
    let rows = md_table(&md);
    let lineage_row = rows.iter().find(|r| r[0] == "**lineage**").unwrap();
    assert_eq!(
        lineage_row[1],
        "GPT-3 + Code training + Supervised instruction tuning"
    );
    assert_eq!(
        lineage_row[2],
        "GPT-3.5 base + Supervised instruction tuning"
    );
    assert_eq!(lineage_row[3], "GPT-3 + Code training");
    assert_eq!(lineage_row[4], "GPT-3 + Supervised instruction tuning");
    let weak_row = rows.iter().find(|r| r[0] == "**weak at**").unwrap();
    assert!(weak_row[2].contains("In-context learning (weakened)"));
    assert!(weak_row[3].contains("Following instructions (latent only)"));
    let zh = text_of(
        &view,
        Format::Markdown,
        &Options {
            lang: Lang::Zh,
            ..Options::default()
        },
    );
    assert!(zh.contains("初代 GPT-3 + 代码训练 + 有监督指令微调"));
    assert!(zh.contains("上下文学习（削弱）"));
}

#[test]
fn software_table_compares_the_forks() {
    let l = load_file("tests/software.ron");
    let views = views_of(&l, ViewKind::Table);
    let t = Table::of(&views[0]);
    let col = |id: &str| {
        t.columns
            .iter()
            .find(|c| l.model(c.model).id == id)
            .unwrap()
    };
    let made = |id: &str| lineage::figure::table::made_text(&l, &col(id).made, Lang::En);
    assert_eq!(made("quill-2.0"), "Quill 1.0 + Fork + Merge of forks");
    assert_eq!(made("quillite"), "Quill 1.0 + Fork");
    assert_eq!(made("quill-web"), "Quill Pro + Port to the browser");
    let weak: Vec<_> = col("quillite")
        .weak
        .iter()
        .map(|i| (l.capability(i.capability).id.as_str(), i.shown))
        .collect();
    assert!(weak.contains(&("macros", Shown::Lost)));
    assert!(weak.contains(&("scripting", Shown::Latent)));
    // A table of one lists what changed at the model.
    let one = Table::of(&views[1]);
    let good: Vec<_> = one.columns[0]
        .good
        .iter()
        .map(|i| l.capability(i.capability).id.as_str())
        .collect();
    let weak: Vec<_> = one.columns[0]
        .weak
        .iter()
        .map(|i| l.capability(i.capability).id.as_str())
        .collect();
    assert_eq!(
        good,
        ["collab", "small"],
        "in row order: by the method that brings them"
    );
    assert_eq!(weak, ["plugins"]);
}

#[test]
fn flow_shows_each_branch_bringing_its_abilities_into_the_merge() {
    let l = load_file("graphs/gpt.ron");
    let view = views_of(&l, ViewKind::Flow).remove(0);
    let flow = Flow::of(&view);
    let brought = |from: &str| -> Vec<String> {
        let e = flow
            .edges
            .iter()
            .find(|e| l.model(e.from).id == from && l.model(e.to).id == "code-davinci-002")
            .unwrap();
        e.carried
            .iter()
            .map(|c| l.capability(c.cap).id.clone())
            .collect()
    };
    assert_eq!(
        brought("code-cushman-001"),
        ["code", "reasoning", "long-range"]
    );
    assert_eq!(brought("text-davinci-001"), ["instructions", "zero-shot"]);
    let feed = |cap: &str| {
        flow.feeds
            .iter()
            .find(|f| l.capability(flow.caps[f.node].cap).id == cap)
            .unwrap()
    };
    assert_eq!(l.model(feed("reasoning").model).id, "code-davinci-001");
    assert!(!feed("reasoning").certain);
    assert_eq!(
        feed("instructions").kind,
        lineage::data::ChangeKind::Unlocked
    );
    // Every feed is a gain or an unlock the inheritance records.
    for f in &flow.feeds {
        let t = l.inheritance.trace(f.model, flow.caps[f.node].cap);
        assert_eq!(t.changed_here, Some(f.kind));
    }
    // Only edges into a merge say what they bring.
    for e in &flow.edges {
        if !flow.is_merge(e.to) {
            assert!(e.carried.is_empty());
        }
    }
}

fn face_of(node: roxmltree::Node, sketch: bool) -> Face {
    match (sketch, node.attribute("font-weight")) {
        (true, _) => Face::Hand,
        (false, Some("bold")) => Face::SansBold,
        (false, _) => Face::Sans,
    }
}

fn hex(s: &str) -> Rgb {
    let v = u32::from_str_radix(s.trim_start_matches('#'), 16).unwrap();
    Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

/// Well-formed, accessible, safe, on its canvas, readable, rounded.
fn check_svg(svg: &str, options: &Options, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    assert_eq!(root.attribute("role"), Some("img"), "{what}");
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    let height: f64 = root.attribute("height").unwrap().parse().unwrap();
    assert_eq!(
        root.attribute("viewBox"),
        Some(
            format!(
                "0 0 {} {}",
                root.attribute("width").unwrap(),
                root.attribute("height").unwrap()
            )
            .as_str()
        ),
        "{what}"
    );
    let children: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert!(
        children.contains(&"title") && children.contains(&"desc"),
        "{what}"
    );
    for n in root
        .children()
        .filter(|n| n.has_tag_name("title") || n.has_tag_name("desc"))
    {
        assert!(
            !n.text().unwrap_or("").trim().is_empty(),
            "{what}: empty {}",
            n.tag_name().name()
        );
    }
    let theme = Theme::get(options.theme);
    let sketch = options.style == Style::Sketch;
    let family = doc
        .descendants()
        .find_map(|n| n.attribute("font-family"))
        .unwrap();
    assert_eq!(
        family,
        text::font_stack(if sketch { Face::Hand } else { Face::Sans }),
        "{what}"
    );
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(tag != "script" && tag != "foreignObject", "{what}");
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "{what}: event handler");
            if [
                "x",
                "y",
                "width",
                "height",
                "cx",
                "cy",
                "r",
                "font-size",
                "stroke-width",
            ]
            .contains(&a.name())
            {
                let decimals = a.value().split('.').nth(1).map_or(0, str::len);
                assert!(
                    decimals <= 1,
                    "{what}: {}={} is not rounded to 0.1",
                    a.name(),
                    a.value()
                );
            }
        }
        if tag != "text" {
            continue;
        }
        let content: String = n
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect();
        assert!(!content.trim().is_empty(), "{what}: empty text");
        let x: f64 = n.attribute("x").unwrap().parse().unwrap();
        let y: f64 = n.attribute("y").unwrap().parse().unwrap();
        let size: f64 = n.attribute("font-size").unwrap().parse().unwrap();
        let face = face_of(n, sketch);
        // Text mixing scripts comes as runs, each placed at its own x.
        let runs: Vec<(f64, f64)> = n
            .children()
            .filter(|c| c.has_tag_name("tspan"))
            .map(|t| {
                let at: f64 = t.attribute("x").unwrap().parse().unwrap();
                (at, at + text::width(t.text().unwrap_or(""), face, size))
            })
            .collect();
        if !runs.is_empty() {
            assert_eq!(n.attribute("text-anchor"), None, "{what}: anchored runs");
            assert!(
                runs.windows(2).all(|w| w[0].1 <= w[1].0 + 0.1),
                "{what}: runs of {content:?} overlap"
            );
        }
        let w = match (runs.first(), runs.last()) {
            (Some(a), Some(b)) => b.1 - a.0,
            _ => text::width(&content, face, size),
        };
        let left = match (runs.first(), n.attribute("text-anchor")) {
            (Some(a), _) => a.0,
            (None, Some("middle")) => x - w / 2.0,
            (None, Some("end")) => x - w,
            _ => x,
        };
        let (top, bottom) = (y - text::ascent(face, size), y + text::descent(face, size));
        assert!(
            left >= -0.05 && left + w <= width + 0.05 && top >= -0.05 && bottom <= height + 0.05,
            "{what}: text {content:?} leaves the canvas ({left:.1}..{:.1} × {top:.1}..{bottom:.1} on {width}×{height})",
            left + w
        );
        let fill = hex(n.attribute("fill").unwrap());
        assert!(
            fill.contrast(theme.background) >= 4.5,
            "{what}: text {content:?} in {} on {} is hard to read",
            fill.hex(),
            theme.background.hex()
        );
    }
}

#[test]
fn every_capability_svg_is_well_formed_on_canvas_and_deterministic() {
    for file in FILES {
        let l = load_file(file);
        let views: Vec<View> = View::all(&l)
            .into_iter()
            .filter(|v| v.spec.kind != ViewKind::Lineage)
            .chain([whole_matrix(&l)])
            .collect();
        for view in &views {
            for options in all_options() {
                let what = format!("{file} {} {options:?}", view.spec.name);
                let svg = text_of(view, Format::Svg, &options);
                check_svg(&svg, &options, &what);
                assert_eq!(
                    svg,
                    text_of(view, Format::Svg, &options),
                    "{what}: not deterministic"
                );
            }
        }
    }
}

#[test]
fn capability_views_only_come_in_their_formats() {
    let l = load_file("graphs/gpt.ron");
    for view in View::all(&l)
        .iter()
        .filter(|v| v.spec.kind != ViewKind::Lineage)
    {
        for format in [
            Format::Dot,
            Format::Mermaid,
            Format::Markdown,
            Format::Svg,
            Format::LayoutJson,
        ] {
            let result = write::write(view, format, &Options::default());
            if format.supports(view.spec.kind) {
                assert!(result.is_ok(), "{} as {format:?}", view.spec.name);
            } else {
                assert!(
                    matches!(result, Err(WriteError::Unsupported { .. })),
                    "{} as {format:?}",
                    view.spec.name
                );
            }
        }
    }
}

#[test]
fn flow_dot_passes_graphviz() {
    for file in FILES {
        let l = load_file(file);
        for view in views_of(&l, ViewKind::Flow) {
            for lang in Lang::ALL {
                for theme in [ThemeName::Light, ThemeName::Dark] {
                    let options = Options {
                        lang,
                        theme,
                        ..Options::default()
                    };
                    let dot = text_of(&view, Format::Dot, &options);
                    let svg = common::graphviz_svg_from_str(&dot).unwrap_or_else(|e| {
                        panic!("{file} {} {options:?}: {e}\n{dot}", view.spec.name)
                    });
                    let flow = Flow::of(&view);
                    let nodes = svg.matches("class=\"node\"").count();
                    assert_eq!(
                        nodes,
                        flow.caps.len() + flow.models.len(),
                        "{file} {}",
                        view.spec.name
                    );
                    let edges = svg.matches("class=\"edge\"").count();
                    assert_eq!(
                        edges,
                        flow.feeds.len() + flow.edges.len(),
                        "{file} {}",
                        view.spec.name
                    );
                }
            }
        }
    }
    // Labels come out as written, markup and all.
    let l = load_file("tests/software.ron");
    let view = views_of(&l, ViewKind::Flow).remove(0);
    let svg =
        common::graphviz_svg_from_str(&text_of(&view, Format::Dot, &Options::default())).unwrap();
    assert!(svg.contains("Regex search (a|b)"), "{svg}");
    assert!(svg.contains("&lt;groups&gt; &amp; `flags`"), "{svg}");
}

#[test]
fn flow_mermaid_renders_in_real_mermaid() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for file in FILES {
        let l = load_file(file);
        let stem = Path::new(file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for view in views_of(&l, ViewKind::Flow) {
            for options in all_options()
                .into_iter()
                .filter(|o| o.theme == ThemeName::Light || o.style == Style::Clean)
            {
                let name = format!(
                    "{stem}-{}-{}-{:?}-{:?}",
                    view.spec.name,
                    options.lang.code(),
                    options.theme,
                    options.style
                );
                let mmd = dir.path().join(format!("{name}.mmd"));
                std::fs::write(&mmd, text_of(&view, Format::Mermaid, &options)).unwrap();
                files.push(mmd);
                let md = dir.path().join(format!("{name}.md"));
                std::fs::write(&md, text_of(&view, Format::Markdown, &options)).unwrap();
                files.push(md);
            }
        }
    }
    for version in ["current", "11.3"] {
        let results = common::mermaid_render(version, &files);
        common::assert_mermaid_ok(&results);
        assert_eq!(results.len(), files.len());
        let web = results
            .iter()
            .find(|r| {
                r.file
                    .to_string_lossy()
                    .contains("software-all-flow-en-Light-Clean.mmd")
            })
            .unwrap();
        assert!(
            web.texts
                .iter()
                .any(|t| t.contains("Quill Web <beta> | `wasm` & \"co\"")),
            "{:?}",
            web.texts
        );
        assert!(web
            .texts
            .iter()
            .any(|t| t.contains("Regex search (a|b) <groups> & `flags`")));
        // The title is a node with its own fill (legible on dark pages too).
        assert!(web
            .texts
            .iter()
            .any(|t| t == "Every feature, where it came in"));
    }
}
