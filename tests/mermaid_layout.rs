//! Mermaid figures as the real Mermaid (current 11.x and 11.3, GitHub's) lays
//! them out in headless Chromium: where the nodes land, not just that they parse.

mod common;

use lineage::view::View;
use lineage::write::{self, Format, Options};

/// A lineage whose branch "x" no edge enters or leaves: a chain of three.
const LANE: &str = r#"Lineage(title: "t", methods: {"m": (label: "M")},
  branches: {"x": (label: "X")},
  models: [
    (id: "r", name: "Root", date: "2000"),
    (id: "s", name: "Second", date: "2001", from: [(parent: "r", via: "m")]),
    (id: "a", name: "Alpha", date: "2001", branch: "x"),
    (id: "b", name: "Beta", date: "2002", branch: "x", from: [(parent: "a", via: "m")]),
    (id: "c", name: "Gamma", date: "2003", branch: "x", from: [(parent: "b", via: "m")]),
  ])"#;

#[test]
fn a_branch_no_edge_leaves_keeps_the_flowcharts_direction() {
    let (lineage, _) = lineage::lineage::load("lane.ron", LANE.as_bytes()).unwrap();
    let view = View::all(&lineage).remove(0);
    let bytes = write::write(&view, Format::Mermaid, &Options::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lane.mmd");
    std::fs::write(&file, bytes).unwrap();
    for version in ["current", "11.3"] {
        let results = common::mermaid_render(version, std::slice::from_ref(&file));
        common::assert_mermaid_ok(&results);
        let at = |name: &str| {
            results[0]
                .nodes
                .iter()
                .find(|(label, ..)| label.starts_with(name))
                .map(|&(_, x, y)| (x, y))
                .unwrap_or_else(|| panic!("{version}: no node {name}: {:?}", results[0].nodes))
        };
        let (alpha, beta, gamma) = (at("Alpha"), at("Beta"), at("Gamma"));
        // Top to bottom (Mermaid figures' default), in one column.
        assert!(
            alpha.1 < beta.1 && beta.1 < gamma.1,
            "{version}: {alpha:?} {beta:?} {gamma:?}"
        );
        assert!(
            (alpha.0 - gamma.0).abs() < 5.0,
            "{version}: {alpha:?} {gamma:?}"
        );
    }
}
