//! Fonts where the figures land (issue 13), proven with the real readers:
//!
//! - every SVG of `graphs/gpt.ron` and of the Debian/Ubuntu timeline in
//!   `tests/dense/` (every view, en and zh, clean and sketch,
//!   light and dark), opened in headless Chromium that sees **none** of the
//!   fonts we draw with (fontconfig rejects Liberation, Noto, Comic Neue,
//!   LXGW; DejaVu is left as the fallback): every `@font-face` loads, every
//!   glyph of every `<text>` comes from an embedded font, every text is as
//!   wide as we measured it (0.5 px), and none sticks out of its card, chip
//!   or label;
//! - the zh figures as PNG and as text-as-paths SVG have a real glyph for
//!   every character (no `.notdef` boxes): resvg is given our fonts only;
//! - a label with an emoji is warned about on standard error, with the
//!   model and the `--font` hint, and the figure is still written.

mod common;

use lineage::text::{self, Face};
use lineage::view::View;
use lineage::write::{self, Format, Options, Style};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fontconfig setup without the fonts lineage draws with.
const BARE_FONTCONFIG: &str = r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<cachedir>CACHE</cachedir>
<selectfont><rejectfont>
<glob>/usr/share/fonts/truetype/liberation*/*</glob>
<glob>/usr/share/fonts/opentype/noto/*</glob>
<glob>/usr/share/fonts/truetype/noto/*</glob>
<glob>/usr/share/fonts/*/comic-neue/*</glob>
<glob>/usr/share/fonts/*/lxgw*/*</glob>
</rejectfont></selectfont></fontconfig>
"#;

/// Every GPT figure as SVG with its fonts, written into `dir`.
fn gpt_figures(dir: &Path) -> Vec<(PathBuf, Options)> {
    let lineage = common::load_file("graphs/gpt.ron");
    // And a packed timeline top to bottom, whose brief cards set the
    // lifespan after the name on one line, where our widths place it.
    let releases = common::load_file("tests/dense/releases.ron");
    let mut out = Vec::new();
    for view in View::all(&lineage).into_iter().chain(View::all(&releases)) {
        for options in common::all_options() {
            let bytes = write::write(&view, Format::Svg, &options).expect("draws");
            let name = format!(
                "{}-{:?}-{:?}-{:?}.svg",
                view.spec.name, options.lang, options.style, options.theme
            );
            let path = dir.join(name);
            std::fs::write(&path, bytes).expect("writes");
            out.push((path, options));
        }
    }
    out
}

#[test]
fn gpt_figures_draw_with_their_own_fonts_in_chromium_without_system_fonts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let figures = gpt_figures(dir.path());
    let conf = dir.path().join("fonts.conf");
    let cache = dir.path().join("fc-cache");
    std::fs::write(
        &conf,
        BARE_FONTCONFIG.replace("CACHE", &cache.display().to_string()),
    )
    .expect("writes");
    let mut cmd = Command::new("node");
    cmd.arg(common::js_dir().join("measure-svg-text.mjs"))
        .args(figures.iter().map(|(p, _)| p))
        .env("FONTCONFIG_FILE", &conf)
        .env("LINEAGE_CHROMIUM", common::chromium_path());
    let measured = common::json_lines(&mut cmd, "measure-svg-text.mjs");
    let mut problems = Vec::new();
    let mut texts = 0;
    let mut in_boxes = 0;
    let mut worst = 0.0f64;
    for (v, (path, options)) in measured.iter().zip(&figures) {
        let name = path.file_name().unwrap().to_string_lossy();
        let fonts = v["fonts"].as_array().expect("fonts");
        if fonts.is_empty() {
            problems.push(format!("{name}: no @font-face"));
        }
        for f in fonts {
            if f["status"] != "loaded" {
                problems.push(format!("{name}: font {} is {}", f["family"], f["status"]));
            }
        }
        for t in v["texts"].as_array().expect("texts") {
            texts += 1;
            let words = t["text"].as_str().unwrap_or_default();
            for f in t["fonts"].as_array().expect("platform fonts") {
                if f["custom"] != true {
                    problems.push(format!(
                        "{name}: {words:?} drawn partly in system font {}",
                        f["family"]
                    ));
                }
            }
            if let Some(over) = t["overflow"].as_f64() {
                in_boxes += 1;
                if over > 0.0 {
                    problems.push(format!("{name}: {words:?} sticks out {over:.2} px"));
                }
            }
            // Our width of the same text: the face the figure's style and
            // the text's weight give.
            let size = t["size"].as_f64().expect("size");
            let face = match (options.style, t["weight"].as_str()) {
                (Style::Sketch, _) => Face::Hand,
                (Style::Clean, Some("700")) => Face::SansBold,
                (Style::Clean, _) => Face::Sans,
            };
            // Each run as placed (see `pen::text_markup`) against our width.
            for run in t["runs"].as_array().expect("runs") {
                let words = run["text"].as_str().unwrap_or_default();
                let ours = text::width(words, face, size);
                let theirs = run["length"].as_f64().expect("length");
                let diff = (ours - theirs).abs();
                worst = worst.max(diff);
                if diff > 0.5 {
                    problems.push(format!(
                        "{name}: {words:?} at {size} px is {theirs:.2} px wide in Chromium, {ours:.2} px by our metrics"
                    ));
                }
            }
        }
    }
    assert_eq!(measured.len(), figures.len(), "one line per figure");
    eprintln!(
        "{} figures, {texts} texts ({in_boxes} in a card, chip or label): \
         worst width difference {worst:.3} px",
        figures.len()
    );
    assert!(
        texts > 3000 && in_boxes > 1000,
        "{texts} texts, {in_boxes} in boxes"
    );
    assert!(
        problems.is_empty(),
        "{} problems in {texts} texts (worst width difference {worst:.3} px):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// `lineage render` of `tests/software.ron` with an emoji in a model's
/// name, into a temp folder, with `extra` arguments: (exit code, stderr,
/// the SVG of the lineage view).
fn render_with_emoji(extra: &[&str]) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(common::repo_root().join("tests/software.ron"))
        .expect("reads")
        .replace("name: \"Quill 1.0\"", "name: \"Quill 1.0 😀\"");
    assert!(source.contains("😀"));
    let file = dir.path().join("emoji.ron");
    std::fs::write(&file, source).expect("writes");
    let out_dir = dir.path().join("out");
    let out = Command::new(env!("CARGO_BIN_EXE_lineage"))
        .args([
            "render", "--format", "svg", "--lang", "en", "--style", "clean", "--theme", "light",
        ])
        .arg(&file)
        .arg("-o")
        .arg(&out_dir)
        .args(extra)
        .output()
        .expect("runs");
    let svg = std::fs::read_dir(&out_dir)
        .expect("written")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "svg"))
        .map(|p| std::fs::read_to_string(p).expect("reads"))
        .find(|s| s.contains("class=\"lineage"))
        .expect("a lineage SVG");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        svg,
    )
}

#[test]
fn a_glyph_no_font_has_is_warned_about_and_font_adds_one() {
    let (code, stderr, svg) = render_with_emoji(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("model \"quill-1.0\""), "{stderr}");
    assert!(stderr.contains("Quill 1.0 😀"), "{stderr}");
    assert!(stderr.contains("U+1F600"), "{stderr}");
    assert!(stderr.contains("--font FILE"), "{stderr}");
    assert!(svg.contains("Quill 1.0 😀"), "the figure is still drawn");
    // Each text once, not once per view or figure.
    assert_eq!(
        stderr.matches("has \"Quill 1.0 😀\"").count(),
        1,
        "{stderr}"
    );

    // DejaVu Sans has U+1F600: given with --font, the warning goes, and
    // the SVG carries it as one more face of the stack.
    let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    assert!(
        Path::new(dejavu).exists(),
        "{dejavu} is missing: run scripts/install-test-tools.sh (fonts-dejavu-core)"
    );
    let (code, stderr, svg) = render_with_emoji(&["--font", dejavu]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("U+1F600"), "{stderr}");
    assert!(
        svg.contains("@font-face{font-family:\"lineage-user-1\""),
        "embedded"
    );
    assert!(svg.contains("lineage-user-1, "), "in the font stack");

    // Not a font: an error that names the file.
    let (code, stderr) = {
        let dir = tempfile::tempdir().expect("temp dir");
        let bogus = dir.path().join("bogus.ttf");
        std::fs::write(&bogus, b"not a font").expect("writes");
        let out = Command::new(env!("CARGO_BIN_EXE_lineage"))
            .args(["render", "--format", "svg", "--font"])
            .arg(&bogus)
            .arg("-o")
            .arg(dir.path().join("out"))
            .arg(common::repo_root().join("tests/software.ron"))
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("bogus.ttf") && stderr.contains("not a font"),
        "{stderr}"
    );
}

/// `--theme auto`: one SVG that, shown through `<img>` as GitHub shows it,
/// has the very pixels of the light figure in a light page and of the dark
/// figure in a dark one; every GPT view, en and zh, clean and sketch (and
/// the branches view with `--text-as-paths` as well).
#[test]
fn auto_theme_svg_matches_light_and_dark_pixel_for_pixel_inside_img() {
    use lineage::palette::ThemeName;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><body></body>",
    )
    .expect("writes");
    let lineage = common::load_file("graphs/gpt.ron");
    let (mut light_pairs, mut dark_pairs) = (Vec::new(), Vec::new());
    for view in View::all(&lineage) {
        for options in common::all_options() {
            if options.theme != ThemeName::Light {
                continue;
            }
            let name = format!("{}-{:?}-{:?}", view.spec.name, options.lang, options.style);
            // The auto figure, then the light and the dark one it must match.
            let looks = |text_as_paths: bool, tag: &str| -> Vec<PathBuf> {
                [
                    ("auto", ThemeName::Light, true),
                    ("light", ThemeName::Light, false),
                    ("dark", ThemeName::Dark, false),
                ]
                .into_iter()
                .map(|(suffix, theme, auto)| {
                    let o = Options {
                        theme,
                        theme_auto: auto,
                        text_as_paths,
                        ..options
                    };
                    let bytes = write::write(&view, Format::Svg, &o).expect("draws");
                    let path = dir.path().join(format!("{name}{tag}.{suffix}.svg"));
                    std::fs::write(&path, bytes).expect("writes");
                    path
                })
                .collect()
            };
            let mut kinds = vec![looks(options.text_as_paths, "")];
            if view.spec.name == "branches" {
                // With --text-as-paths too: the outlines keep the switch.
                kinds.push(looks(true, ".paths"));
            }
            for paths in kinds {
                light_pairs.extend([paths[0].clone(), paths[1].clone()]);
                dark_pairs.extend([paths[0].clone(), paths[2].clone()]);
            }
        }
    }
    // A control: the auto figure in a dark page is not the light one.
    let control = [dark_pairs[0].clone(), light_pairs[1].clone()];
    let compare = |scheme: &str, files: &[PathBuf]| {
        let mut cmd = Command::new("node");
        cmd.arg(common::js_dir().join("compare-themes.mjs"))
            .arg(scheme)
            .args(files)
            .env("LINEAGE_CHROMIUM", common::chromium_path());
        common::json_lines(&mut cmd, "compare-themes.mjs")
    };
    let mut checked = 0;
    for (scheme, pairs) in [("light", &light_pairs), ("dark", &dark_pairs)] {
        let results = compare(scheme, pairs);
        assert_eq!(results.len(), pairs.len() / 2);
        for r in results {
            checked += 1;
            assert_eq!(r["sameSize"], true, "{r}");
            assert_eq!(r["differing"], 0, "{r}");
        }
    }
    assert!(checked >= 48, "{checked}");
    let r = &compare("dark", &control)[0];
    assert!(r["differing"].as_u64().unwrap_or(0) > 10_000, "{r}");
}

/// `--text-as-paths` keeps what our SVG promises (viewBox, title, desc,
/// role, lang, the node groups and their ids; each text's words as its
/// group's `aria-label`), has no `<text>` left, stays well under the old
/// resvg output (30 times the plain SVG), and shown in Chromium draws the
/// glyphs where the embedded fonts draw them: at most a sliver of
/// anti-aliasing differs by more than half the range.
#[test]
fn text_as_paths_keeps_the_structure_and_draws_the_same_glyphs() {
    use lineage::palette::ThemeName;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><body></body>",
    )
    .expect("writes");
    let lineage = common::load_file("graphs/gpt.ron");
    let mut pairs = Vec::new();
    let mut sizes: Vec<(String, usize, usize)> = Vec::new();
    for view in View::all(&lineage) {
        for options in common::all_options() {
            if options.theme != ThemeName::Light {
                continue;
            }
            let plain = write::write(&view, Format::Svg, &options).expect("draws");
            let outlined = write::write(
                &view,
                Format::Svg,
                &Options {
                    text_as_paths: true,
                    ..options
                },
            )
            .expect("draws");
            let (plain, outlined) = (
                String::from_utf8(plain).expect("UTF-8"),
                String::from_utf8(outlined).expect("UTF-8"),
            );
            let name = format!("{}-{:?}-{:?}", view.spec.name, options.lang, options.style);
            let system = write::write(
                &view,
                Format::Svg,
                &Options {
                    fonts: lineage::write::svg::document::Fonts::System,
                    ..options
                },
            )
            .expect("draws");
            sizes.push((name.clone(), outlined.len(), system.len()));
            let a = roxmltree::Document::parse(&plain).expect("parses");
            let b = roxmltree::Document::parse(&outlined).expect("parses");
            let (ra, rb) = (a.root_element(), b.root_element());
            for attr in [
                "viewBox",
                "width",
                "height",
                "role",
                "lang",
                "aria-labelledby",
            ] {
                assert_eq!(ra.attribute(attr), rb.attribute(attr), "{name}: {attr}");
            }
            let ids = |d: &roxmltree::Document| -> Vec<String> {
                d.descendants()
                    .filter(|n| n.has_tag_name("g"))
                    .filter_map(|n| n.attribute("id").map(String::from))
                    .collect()
            };
            assert_eq!(ids(&a), ids(&b), "{name}: groups");
            let title = |d: &roxmltree::Document| {
                d.descendants()
                    .find(|n| n.has_tag_name("title"))
                    .and_then(|n| n.text().map(String::from))
            };
            assert_eq!(title(&a), title(&b), "{name}: title");
            assert!(!b.descendants().any(|n| n.has_tag_name("text")), "{name}");
            let words: Vec<String> = lineage::write::svg::document::drawn(&plain)
                .into_iter()
                .map(|d| d.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            let labels: Vec<String> = b
                .descendants()
                .filter_map(|n| n.attribute("aria-label").map(String::from))
                .collect();
            assert_eq!(labels.len(), words.len(), "{name}");
            for (l, w) in labels.iter().zip(&words) {
                assert_eq!(l.replace(' ', ""), w.replace(' ', ""), "{name}");
            }
            let (pa, pb) = (
                dir.path().join(format!("{name}.paths.svg")),
                dir.path().join(format!("{name}.svg")),
            );
            std::fs::write(&pa, &outlined).expect("writes");
            std::fs::write(&pb, &plain).expect("writes");
            pairs.extend([pa, pb]);
        }
    }
    let mut cmd = Command::new("node");
    cmd.arg(common::js_dir().join("compare-themes.mjs"))
        .arg("light")
        .args(&pairs)
        .env("LINEAGE_CHROMIUM", common::chromium_path());
    let mut worst = 0.0f64;
    for r in common::json_lines(&mut cmd, "compare-themes.mjs") {
        let far = r["far"].as_f64().unwrap_or(f64::MAX);
        let inked = r["inked"].as_f64().unwrap_or(1.0).max(1.0);
        worst = worst.max(far / inked);
        assert!(far / inked < 0.02, "{r}");
    }
    let (outlined, plain): (usize, usize) =
        sizes.iter().fold((0, 0), |(a, b), s| (a + s.1, b + s.2));
    let most = sizes
        .iter()
        .max_by(|a, b| (a.1 * b.2).cmp(&(b.1 * a.2)))
        .expect("figures");
    eprintln!(
        "text as paths: {outlined} bytes for {plain} bytes of SVG without fonts ({:.1}x; at most {:.1}x, {}); \
         worst {:.3}% of inked pixels far from the font's",
        outlined as f64 / plain as f64,
        most.1 as f64 / most.2 as f64,
        most.0,
        worst * 100.0
    );
    // The resvg outlines this replaces were 30 times the plain SVG.
    assert!(outlined < 8 * plain, "{outlined} vs {plain}");
}
