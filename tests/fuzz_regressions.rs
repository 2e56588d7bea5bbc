//! Inputs the fuzzer (`fuzz/`, issue 11) found, kept as regression tests:
//! each goes through the same public API as its fuzz target and must not
//! panic. The inputs live in `tests/fuzz/`, named after their target
//! (`load-…`, `render-…`, `inject-…`). The seed corpus in `fuzz/corpus/`
//! goes through the same calls.

use std::path::{Path, PathBuf};

use lineage::lineage::{load, Lang};
use lineage::view::View;
use lineage::write::{write, Format, Options, Style};

/// What the `load` target does.
fn fuzz_load(data: &[u8]) {
    let _ = load("fuzz.ron", data);
}

/// What the `render` target does: every view, every format it supports
/// (PNG aside), both languages, both styles.
fn fuzz_render(data: &[u8]) {
    let Ok((lineage, _)) = load("fuzz.ron", data) else {
        return;
    };
    let seed = data
        .iter()
        .fold(1u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
    for view in View::all(&lineage) {
        for format in [
            Format::Dot,
            Format::Mermaid,
            Format::Markdown,
            Format::Svg,
            Format::LayoutJson,
        ] {
            if !format.supports(view.spec.kind) {
                continue;
            }
            for lang in Lang::ALL {
                for style in [Style::Clean, Style::Sketch] {
                    let options = Options {
                        lang,
                        style,
                        seed,
                        ..Options::default()
                    };
                    let _ = write(&view, format, &options);
                }
            }
        }
    }
}

const BLOCK: &str = "```mermaid\nflowchart LR\n  n0[\"A\"] --> n1[\"B\"]\n```\n";

fn fixed(view: &str) -> Result<String, String> {
    if view.ends_with("/bad") {
        Err(format!("no view \"{view}\""))
    } else {
        Ok(BLOCK.to_string())
    }
}

/// What the `inject` target does: no panic, and injecting twice is
/// injecting once.
fn fuzz_inject(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = lineage::inject::inject(text, |_| Ok("x".to_string()));
    let _ = lineage::inject::inject(text, |v| Err(v.to_string()));
    if let Ok(once) = lineage::inject::inject(text, fixed) {
        let twice = lineage::inject::inject(&once, fixed).expect("injected text no longer injects");
        assert_eq!(twice, once, "inject is not idempotent");
    }
}

fn files(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().to_string()
}

/// Every saved finding goes through all three targets. (The hour-long run
/// of issue 11 found none, so `tests/fuzz/` may be empty or absent; a
/// finding whose bug is still open gets a test of its own, `#[ignore]`d,
/// and its name in [`OPEN`].)
#[test]
fn every_saved_finding_loads_renders_and_injects_without_panic() {
    for path in files("tests/fuzz") {
        let name = name(&path);
        if OPEN.contains(&name.as_str()) {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        eprintln!("{name}");
        fuzz_load(&data);
        fuzz_render(&data);
        fuzz_inject(&data);
    }
}

/// Saved findings whose bugs are still open.
const OPEN: &[&str] = &[];

/// The seed corpus goes through its targets on the stable toolchain too,
/// so a harness call that stops compiling or a seed that starts panicking
/// shows up in `cargo test`, not only under `cargo fuzz`.
#[test]
fn the_seed_corpus_passes_its_targets() {
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 3] = [
        ("fuzz/corpus/load", fuzz_load),
        ("fuzz/corpus/render", fuzz_render),
        ("fuzz/corpus/inject", fuzz_inject),
    ];
    for (dir, target) in targets {
        let seeds = files(dir);
        assert!(!seeds.is_empty(), "no seeds in {dir}: run fuzz/seed.sh");
        for path in seeds {
            eprintln!("{dir}/{}", name(&path));
            target(&std::fs::read(&path).unwrap());
        }
    }
}
