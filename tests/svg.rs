//! SVG figures: well-formed, accessible, safe, and laid out so that nothing
//! overlaps or overflows. Checked on the committed figures in output/ and on
//! figures drawn here from the library.

mod common;

use common::{all_options, load_file};
use lineage::layout;
use lineage::lineage::{load, Lineage};
use lineage::palette::ThemeName;
use lineage::text;
use lineage::view::View;
use lineage::write::svg::{card, figure};
use lineage::write::{Options, Style};
use std::path::Path;

#[test]
fn every_committed_svg_is_well_formed_accessible_and_safe() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        count += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(root.attribute("viewBox").is_some(), "{}", path.display());
        assert_eq!(root.attribute("role"), Some("img"));
        let names: Vec<&str> = root
            .children()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        assert!(
            names.contains(&"title") && names.contains(&"desc"),
            "{}",
            path.display()
        );
        for n in doc.descendants() {
            let tag = n.tag_name().name();
            assert!(
                tag != "script" && tag != "foreignObject",
                "{}",
                path.display()
            );
            for a in n.attributes() {
                assert!(
                    !a.name().starts_with("on"),
                    "event handler in {}",
                    path.display()
                );
            }
        }
    }
    assert!(count > 0, "no SVG in output/");
}

#[test]
fn lineage_figures_have_semantic_nodes_and_edges() {
    let l = load_file("graphs/gpt.ron");
    for view in View::all(&l)
        .iter()
        .filter(|v| v.spec.kind == lineage::data::ViewKind::Lineage)
    {
        let svg = lineage::write::svg::write(view, &Options::default());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let nodes: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == "node"))
            })
            .collect();
        assert_eq!(nodes.len(), view.models.len());
        for n in &nodes {
            assert!(n.attribute("id").is_some() && n.attribute("data-id").is_some());
            assert!(n.children().any(|c| c.tag_name().name() == "title"));
        }
        let edges: Vec<_> = doc
            .descendants()
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == "edge"))
            })
            .collect();
        assert_eq!(edges.len(), view.edges.len());
        for e in &edges {
            assert!(e.attribute("data-from").is_some() && e.attribute("data-to").is_some());
            assert!(e.descendants().any(|c| c.tag_name().name() == "path"));
        }
    }
}

fn inside(inner: layout::Rect, outer: layout::Rect) -> bool {
    inner.x >= outer.x - 0.01
        && inner.y >= outer.y - 0.01
        && inner.x + inner.w <= outer.x + outer.w + 0.01
        && inner.y + inner.h <= outer.y + outer.h + 0.01
}

/// No text wider than its card, no chip outside its card, layout clean,
/// routes starting and ending on card borders.
fn assert_figure_is_clean(l: &Lineage, what: &str) {
    for view in View::all(l)
        .iter()
        .filter(|v| v.spec.kind == lineage::data::ViewKind::Lineage)
    {
        for options in all_options() {
            let fig = figure(view, &options);
            let f = fig.faces;
            for (c, rect) in fig.cards.iter().zip(&fig.layout.nodes) {
                // Each density sets its own sizes (brief cards and dots are
                // smaller, and a dot's label starts after the dot).
                let m = c.metrics();
                let inner = c.size.w - 2.0 * m.pad - m.lead;
                for line in &c.name {
                    assert!(
                        text::width(line, f.bold, m.name_size) <= inner + 0.01
                            || line.chars().count() == 1,
                        "{what}: name {line:?} overflows"
                    );
                }
                for line in &c.meta {
                    assert!(
                        text::width(line, f.body, m.meta_size) <= inner + 0.01
                            || line.chars().count() == 1,
                        "{what}: {line:?} overflows"
                    );
                }
                let card_box = layout::Rect {
                    x: 0.0,
                    y: 0.0,
                    w: rect.w,
                    h: rect.h,
                };
                for chip in &c.chips {
                    assert!(inside(chip.rect, card_box), "{what}: chip outside its card");
                    for line in &chip.lines {
                        let w = text::width(line, f.body, card::CHIP_SIZE);
                        assert!(
                            w <= chip.rect.w - 2.0 * card::CHIP_PAD_X + 0.01,
                            "{what}: chip text {line:?} overflows"
                        );
                    }
                }
                assert!(
                    (rect.w - c.size.w).abs() < 0.11 && (rect.h - c.size.h).abs() < 0.11,
                    "{what}: layout resized a card"
                );
            }
            let problems = layout::overlaps(&fig.layout);
            assert!(
                problems.is_empty(),
                "{what} {}: {problems:?}",
                view.spec.name
            );
            for route in &fig.layout.edges {
                let (a, b) = (fig.layout.nodes[route.from], fig.layout.nodes[route.to]);
                let (start, end) = (route.points[0], *route.points.last().unwrap());
                assert!(
                    on_border(start, a),
                    "{what}: route does not start on its card border"
                );
                assert!(
                    on_border(end, b),
                    "{what}: arrow tip not on its card border"
                );
            }
        }
    }
}

fn on_border(p: layout::Point, r: layout::Rect) -> bool {
    let tol = 0.6;
    let within_x = p.x >= r.x - tol && p.x <= r.x + r.w + tol;
    let within_y = p.y >= r.y - tol && p.y <= r.y + r.h + tol;
    let near_vertical = (p.x - r.x).abs() <= tol || (p.x - r.x - r.w).abs() <= tol;
    let near_horizontal = (p.y - r.y).abs() <= tol || (p.y - r.y - r.h).abs() <= tol;
    within_x && within_y && (near_vertical || near_horizontal)
}

#[test]
fn gpt_figures_are_clean() {
    assert_figure_is_clean(&load_file("graphs/gpt.ron"), "gpt");
}

#[test]
fn gpt_views_have_no_crossings() {
    let l = load_file("graphs/gpt.ron");
    for view in View::all(&l)
        .iter()
        .filter(|v| v.spec.kind == lineage::data::ViewKind::Lineage)
    {
        let fig = figure(view, &Options::default());
        assert_eq!(
            layout::crossings(&fig.graph, &fig.layout),
            0,
            "{}",
            view.spec.name
        );
    }
}

#[test]
fn generated_figures_are_clean() {
    for (models, seed) in [(1, 1), (2, 2), (30, 3), (80, 4)] {
        let text = lineage::generate::lineage(models, seed);
        let l = load("generated.ron", text.as_bytes())
            .map(|(l, _)| l)
            .unwrap();
        assert_figure_is_clean(&l, &format!("generated {models}/{seed}"));
    }
}

#[test]
fn svg_is_deterministic_and_moving_one_model_leaves_other_sketch_strokes() {
    let l = load_file("graphs/gpt.ron");
    let views = View::all(&l);
    let options = Options {
        style: Style::Sketch,
        ..Options::default()
    };
    let a = lineage::write::svg::write(&views[0], &options);
    let b = lineage::write::svg::write(&views[0], &options);
    assert_eq!(a, b);
    let other_seed = lineage::write::svg::write(&views[0], &Options { seed: 2, ..options });
    assert_ne!(a, other_seed);
}

#[test]
fn dark_and_light_text_contrast() {
    use lineage::palette::Theme;
    for name in [ThemeName::Light, ThemeName::Dark] {
        let t = Theme::get(name);
        for i in 0..16 {
            let chip = t.tint(lineage::palette::categorical(i), 0.16);
            assert!(t.text.contrast(chip) >= 4.5, "{name:?} chip {i}");
            let lane = t.tint(lineage::palette::branch(i), 0.12);
            assert!(
                t.ink(lineage::palette::branch(i)).contrast(lane) >= 4.5
                    || t.text.contrast(lane) >= 4.5
            );
        }
    }
}

#[test]
fn png_and_text_as_paths_for_slides() {
    let l = load_file("graphs/gpt.ron");
    let views = View::all(&l);
    let branches = views.iter().find(|v| v.spec.name == "branches").unwrap();
    let options = Options {
        scale: 1.0,
        ..Options::default()
    };
    let png = lineage::write::write(branches, lineage::write::Format::Png, &options).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let outlined = Options {
        text_as_paths: true,
        ..Options::default()
    };
    let svg = lineage::write::write(branches, lineage::write::Format::Svg, &outlined).unwrap();
    let text = String::from_utf8(svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(
        !doc.descendants().any(|n| n.tag_name().name() == "text"),
        "text left as text"
    );
    assert!(
        doc.descendants()
            .filter(|n| n.tag_name().name() == "path")
            .count()
            > 50
    );
}

#[test]
fn slide_and_doc_sizes() {
    use lineage::write::FigureSize;
    let l = load_file("graphs/gpt.ron");
    let views = View::all(&l);
    let svg = lineage::write::svg::write(
        &views[0],
        &Options {
            size: FigureSize::Slide,
            ..Options::default()
        },
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(
        (root.attribute("width"), root.attribute("height")),
        (Some("1920"), Some("1080"))
    );
    let vb: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert!((vb[2] / vb[3] - 16.0 / 9.0).abs() < 0.01, "{vb:?}");
    let svg = lineage::write::svg::write(
        &views[0],
        &Options {
            size: FigureSize::Doc,
            ..Options::default()
        },
    );
    assert!(svg.contains("width=\"760\""));
}

#[test]
fn sketch_stays_within_three_times_the_clean_size() {
    let generated = lineage::generate::lineage(300, 5);
    for l in [
        load_file("graphs/gpt.ron"),
        load("g.ron", generated.as_bytes()).map(|(l, _)| l).unwrap(),
    ] {
        for view in View::all(&l)
            .iter()
            .filter(|v| v.spec.kind == lineage::data::ViewKind::Lineage)
        {
            let clean = lineage::write::svg::write(view, &Options::default()).len();
            let sketch = lineage::write::svg::write(
                view,
                &Options {
                    style: Style::Sketch,
                    ..Options::default()
                },
            )
            .len();
            assert!(
                sketch <= 3 * clean,
                "{}: sketch {sketch} bytes, clean {clean}",
                view.spec.name
            );
        }
    }
}

/// Chips draw their change mark as a shape: the hand-drawn font has none of
/// ○ ◆ ↑ ↓ ↺, and a renderer would set the whole chip in a fallback face.
#[test]
fn chip_marks_are_shapes_not_glyphs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    let mut chips = 0;
    for name in [
        "gpt-capabilities.svg",
        "gpt-capabilities.zh.sketch.dark.svg",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let is_chip = |n: &roxmltree::Node| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|w| w == "chip"))
        };
        for chip in doc.descendants().filter(is_chip) {
            chips += 1;
            let first = chip
                .descendants()
                .find(|n| n.has_tag_name("text"))
                .and_then(|n| n.text())
                .unwrap_or_default();
            assert!(
                !first.starts_with(['○', '◆', '↑', '↓', '↺', '●', '−', '+', ' ']),
                "{name}: a mark set as text: {first:?}"
            );
            let marks = chip
                .descendants()
                .filter(|n| n.attribute("class") == Some("mark"))
                .count();
            assert_eq!(marks, 1, "{name}: chip {first:?} has {marks} drawn marks");
        }
    }
    assert!(chips > 20, "only {chips} chips found");
}

/// Text mixing Chinese and Latin comes as runs, each at its measured x, the
/// Chinese ones in a CJK font: a renderer then keeps the Latin in the
/// measured face (resvg otherwise sets the whole line in the CJK fallback).
#[test]
fn mixed_script_text_is_placed_run_by_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
    for (name, face) in [
        ("gpt-lineage.zh.svg", text::Face::Sans),
        ("gpt-lineage.zh.sketch.dark.svg", text::Face::Hand),
        ("gpt-matrix.zh.svg", text::Face::Sans),
    ] {
        let svg = std::fs::read_to_string(dir.join(name)).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let mut mixed = 0;
        for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let runs: Vec<roxmltree::Node> =
                t.children().filter(|c| c.has_tag_name("tspan")).collect();
            if runs.is_empty() {
                let words = t.text().unwrap_or("");
                assert!(
                    !words.chars().any(text::is_cjk),
                    "{name}: {words:?} not in runs"
                );
                continue;
            }
            mixed += 1;
            let mut last = f64::NEG_INFINITY;
            for run in runs {
                let words = run.text().unwrap_or("");
                let x: f64 = run.attribute("x").unwrap().parse().unwrap();
                assert!(x > last, "{name}: runs out of order at {words:?}");
                last = x;
                let cjk = words.chars().any(text::is_cjk);
                assert_eq!(
                    cjk,
                    words.chars().all(|c| text::is_cjk(c) || c == ' '),
                    "{name}: run {words:?} mixes scripts"
                );
                let family = run.attribute("font-family");
                assert_eq!(
                    family,
                    cjk.then(|| text::cjk_stack(face)),
                    "{name}: {words:?}"
                );
            }
        }
        assert!(mixed > 10, "{name}: only {mixed} mixed texts");
    }
}

/// Every view kind of `tests/hostile.ron`, in every look, size and
/// language, is a well-formed SVG whose title reads as the data wrote it.
#[test]
fn every_hostile_view_kind_is_well_formed_with_its_title_intact() {
    use lineage::write::{self, FigureSize, Format};
    let l = load_file("tests/hostile.ron");
    let mut kinds = std::collections::BTreeSet::new();
    for view in View::all(&l) {
        kinds.insert(format!("{:?}", view.spec.kind));
        for size in [FigureSize::Natural, FigureSize::Slide] {
            for options in all_options() {
                let options = Options { size, ..options };
                let svg = write::write(&view, Format::Svg, &options).unwrap();
                let text = String::from_utf8(svg).unwrap();
                let doc = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", view.spec.name));
                let title = doc
                    .descendants()
                    .find(|n| n.has_tag_name("title"))
                    .and_then(|n| n.text())
                    .unwrap_or_default();
                let want = card::clean(view.title().get(options.lang));
                assert_eq!(title, want, "{} {options:?}", view.spec.name);
                // Every label the figure model says is drawn, as written.
                let texts: Vec<String> = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("text"))
                    .map(|n| {
                        n.descendants()
                            .filter(|t| t.is_text())
                            .filter_map(|t| t.text())
                            .collect()
                    })
                    .collect();
                for want in common::capability_labels(&view, options.lang) {
                    assert!(
                        common::shows(&texts, &want),
                        "{} {options:?}: {want:?} is not drawn\n  texts: {texts:?}",
                        view.spec.name
                    );
                }
            }
        }
    }
    assert_eq!(kinds.len(), 4, "every view kind: {kinds:?}");
}
