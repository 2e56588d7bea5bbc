//! Every rule of the output folder (see the module doc), one test each.

use super::*;

fn figure(graph: &str, name: &str, bytes: &str) -> Figure {
    Figure {
        graph: graph.into(),
        origin: format!("{graph}.ron"),
        name: name.into(),
        bytes: bytes.as_bytes().to_vec(),
    }
}

fn plan(figures: Vec<Figure>) -> Plan {
    let complete = figures.iter().map(|f| f.graph.clone()).collect();
    Plan { figures, complete }
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn a_render_leaves_foreign_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(dir.path().join("g-old.svg"), "mine too").unwrap();
    let summary = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false).unwrap();
    assert_eq!(summary.written, 1);
    assert_eq!(read(dir.path(), "notes.txt"), "mine");
    assert_eq!(read(dir.path(), "g-old.svg"), "mine too");
}

#[test]
fn stale_figures_of_the_graph_are_removed_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    let first = plan(vec![
        figure("y", "y-a.svg", "A"),
        figure("y", "y-b.svg", "B"),
        figure("y-old", "y-old-a.svg", "C"),
    ]);
    write(dir.path(), &first, false).unwrap();
    // Rendering graph y alone, which no longer has view b.
    let second = plan(vec![figure("y", "y-a.svg", "A2")]);
    let summary = write(dir.path(), &second, false).unwrap();
    assert_eq!((summary.written, summary.removed), (1, 1));
    assert!(!dir.path().join("y-b.svg").exists());
    assert_eq!(read(dir.path(), "y-old-a.svg"), "C");
    assert!(check(dir.path(), &second).unwrap().is_empty());
}

#[test]
fn a_hand_edited_figure_is_neither_replaced_nor_removed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &plan(vec![
            figure("g", "g-a.svg", "A"),
            figure("g", "g-b.svg", "B"),
        ]),
        false,
    )
    .unwrap();
    std::fs::write(dir.path().join("g-a.svg"), "edited").unwrap();
    std::fs::write(dir.path().join("g-b.svg"), "edited b").unwrap();
    let err = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A2")]), false).unwrap_err();
    assert!(matches!(&err, OutputError::Refused(f) if f[0].1 == Refusal::Edited));
    assert_eq!(read(dir.path(), "g-a.svg"), "edited");
    // g-b is no longer produced but was edited: kept, and then the user's.
    std::fs::write(dir.path().join("g-a.svg"), "A").unwrap();
    let summary = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false).unwrap();
    assert_eq!(summary.kept, vec![dir.path().join("g-b.svg")]);
    assert_eq!(read(dir.path(), "g-b.svg"), "edited b");
    assert!(!read(dir.path(), MANIFEST).contains("g-b.svg"));
}

#[test]
fn force_replaces_but_never_removes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g-a.svg"), "theirs").unwrap();
    write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), true).unwrap();
    assert_eq!(read(dir.path(), "g-a.svg"), "A");
}

#[test]
fn a_file_with_the_same_bytes_is_adopted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("g-a.svg"), "A").unwrap();
    let s = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false).unwrap();
    assert_eq!(s.written, 0);
    assert!(read(dir.path(), MANIFEST).contains("g-a.svg\tg\tsha256:"));
}

#[test]
fn colliding_names_are_an_error_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(vec![
        figure("x", "x-a-b.svg", "1"),
        figure("x-a", "x-a-b.svg", "2"),
    ]);
    let err = write(dir.path(), &p, false).unwrap_err();
    assert!(
        matches!(err, OutputError::Collision { count: 2, .. }),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn another_graphs_figure_is_not_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &plan(vec![figure("x", "x-a-b.svg", "1")]),
        false,
    )
    .unwrap();
    let err = write(
        dir.path(),
        &plan(vec![figure("x-a", "x-a-b.svg", "2")]),
        false,
    );
    assert!(matches!(err, Err(OutputError::Refused(f)) if f[0].1 == Refusal::OtherGraph));
    assert_eq!(read(dir.path(), "x-a-b.svg"), "1");
}

#[test]
fn symlinks_are_never_followed_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "precious").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("g-a.svg")).unwrap();
    let err = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), true);
    assert!(matches!(err, Err(OutputError::Refused(_))));
    assert_eq!(read(dir.path(), "target.txt"), "precious");
}

#[test]
fn leftovers_of_a_dead_render_are_removed_and_only_those() {
    let dir = tempfile::tempdir().unwrap();
    // A pid that cannot be running: above the kernel's pid limit.
    let dead = ".g-a.svg.lineage-tmp-4294967295";
    std::fs::write(dir.path().join(dead), "half").unwrap();
    std::fs::write(dir.path().join(".notes.txt.lineage-tmp-4294967295"), "x").unwrap();
    let s = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false).unwrap();
    assert_eq!(s.leftovers, 1);
    assert!(!dir.path().join(dead).exists());
    assert!(dir
        .path()
        .join(".notes.txt.lineage-tmp-4294967295")
        .exists());
}

#[test]
fn a_replaced_figure_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false).unwrap();
    let path = dir.path().join("g-a.svg");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    write(dir.path(), &plan(vec![figure("g", "g-a.svg", "B")]), false).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_damaged_manifest_is_an_error_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(MANIFEST), "# c\ng-a.svg\tg\n").unwrap();
    let err = write(dir.path(), &plan(vec![figure("g", "g-a.svg", "A")]), false);
    assert!(matches!(err, Err(OutputError::Manifest { line: 2, .. })));
}
