//! Whole runs against whole runs: `lineage render --format svg` against
//! Graphviz's `dot -Tsvg` on the same graph, and crossings counted the same
//! way for both.
//!
//! `cargo bench --bench layout` prints, for generated lineages of 100 and
//! 1,000 models (10,000 with `LINEAGE_BENCH_BIG=1`: dot takes minutes
//! there), for two real-shaped lineages (long release chains with
//! imports between distributions; many branches over three decades) and
//! for issue 15's fixtures in `tests/dense/` (Debian and Ubuntu's releases;
//! a 480-distribution fan-out; 156 language models from 18 labs; 90
//! systems in the shape of the Unix family tree):
//!
//! - **ours**: CPU time (user + system, median of 3 runs, 1 for the big
//!   size) of one whole `lineage render FILE --format svg` process
//!   (timeline, English, light, clean), loading, laying out and writing;
//! - **dot plain**: CPU time of one whole `dot -Tsvg` on the same graph
//!   (same boxes and edges, no attributes, no labels, left to right): the
//!   job dot does best;
//! - **dot ours**: CPU time of `dot -Tsvg` on the DOT `lineage` writes for
//!   the view (clusters, time spine, HTML cards): what a user who takes our
//!   DOT into Graphviz waits for;
//! - **crossings** of our compact layout (layers by longest path, no lanes:
//!   the job dot does) and of dot's drawing of the plain graph, both
//!   counted on the drawn curves by `layout::crossings_between_unrelated`
//!   (pairs of edges that share an endpoint are not counted: dot draws
//!   fan-outs from one port); and of our timeline, for reference (its
//!   layers are fixed by dates, not comparable);
//! - **cmp time**: wall-clock seconds of our compact layout alone (in this
//!   process, one run).
//!
//! Then the same crossing count on Graphviz's own acyclic example graphs
//! with 10 or more nodes, if Debian's graphviz-doc is installed.
//!
//! `LINEAGE_BENCH_ONLY=WORD` runs only the lineages whose name has WORD.
//! `LINEAGE_BENCH_DOT=0` leaves Graphviz out: our side only, quickly.
//! `LINEAGE_BENCH_KEEP=DIR` also writes each lineage's RON into DIR (to
//! render and look at).
//! CPU times come from `/usr/bin/time` (wall clock when it is missing). A
//! benchmark, not a test: it asserts nothing and nothing depends on its
//! timings.

use lineage::layout::{self, Direction, Graph, LayerMode, Layout, Point, Rect, Route};
use lineage::lineage::load;
use lineage::rng::Rng;
use lineage::view::View;
use lineage::write::svg;
use lineage::write::Options;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const LINEAGE: &str = env!("CARGO_BIN_EXE_lineage");

fn main() {
    let big = std::env::var("LINEAGE_BENCH_BIG").is_ok_and(|v| v == "1");
    // `LINEAGE_BENCH_DOT=0` leaves Graphviz out (our side only, quickly).
    let has_dot = std::env::var("LINEAGE_BENCH_DOT").map_or(true, |v| v != "0")
        && Command::new("dot").arg("-V").output().is_ok();
    let dir = std::env::temp_dir().join(format!("lineage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let mut cases: Vec<(String, String)> = vec![
        ("generated 100".into(), lineage::generate::lineage(100, 1)),
        (
            "generated 1,000".into(),
            lineage::generate::lineage(1_000, 1),
        ),
    ];
    if big {
        cases.push((
            "generated 10,000".into(),
            lineage::generate::lineage(10_000, 1),
        ));
    }
    cases.push(("releases 4×40".into(), releases(4, 40)));
    cases.push(("decades 40×30".into(), decades(40, 30, 7)));
    // The dense-timeline fixtures of issue 15: Debian and Ubuntu's real
    // releases, a 480-distribution fan-out, 156 language models, 90 Unix-like
    // systems.
    for (name, file) in [
        ("debian+ubuntu", "releases.ron"),
        ("fan-out", "fanout.ron"),
        ("llms", "llms.ron"),
        ("unix", "unix.ron"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/dense")
            .join(file);
        if let Ok(text) = std::fs::read_to_string(path) {
            cases.push((name.into(), text));
        }
    }
    // `LINEAGE_BENCH_ONLY=decades` runs only the lineages whose name has that word.
    if let Ok(only) = std::env::var("LINEAGE_BENCH_ONLY") {
        cases.retain(|(name, _)| name.contains(&only));
    }
    println!("whole runs, CPU seconds (user + system); crossings on the drawn curves,");
    println!("pairs of edges sharing an endpoint not counted");
    println!(
        "{:<17} {:>6} | {:>7} {:>9} {:>6} {:>9} | {:>9} {:>9} {:>9} | {:>8}",
        "lineage",
        "models",
        "ours",
        "dot plain",
        "ratio",
        "dot ours",
        "ours cmp",
        "dot",
        "timeline",
        "cmp time"
    );
    let (mut ours_total, mut dot_total) = (0, 0);
    for (name, text) in &cases {
        let file = dir.join("case.ron");
        std::fs::write(&file, text).expect("writable");
        if let Ok(keep) = std::env::var("LINEAGE_BENCH_KEEP") {
            let name: String = name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            std::fs::write(Path::new(&keep).join(format!("{name}.ron")), text)
                .expect("LINEAGE_BENCH_KEEP names a writable directory");
        }
        let (l, _) = load("case.ron", text.as_bytes()).expect("bench lineages validate");
        let views = View::all(&l);
        let fig = svg::figure(&views[0], &Options::default());
        let n = fig.graph.nodes.len();
        let runs = if n >= 10_000 { 1 } else { 3 };
        let out = dir.join("out");
        let ours = cpu(
            runs,
            LINEAGE,
            &[
                "render".as_ref(),
                file.as_os_str(),
                "--format".as_ref(),
                "svg".as_ref(),
                "--lang".as_ref(),
                "en".as_ref(),
                "--theme".as_ref(),
                "light".as_ref(),
                "--style".as_ref(),
                "clean".as_ref(),
                "--force".as_ref(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
        );
        let compact = compact_of(&fig.graph);
        let started = std::time::Instant::now();
        let compact_layout = layout::layout(&compact);
        let compact_time = started.elapsed().as_secs_f64();
        let ours_crossings = layout::crossings_between_unrelated(&compact, &compact_layout);
        let timeline_crossings = layout::crossings_between_unrelated(&fig.graph, &fig.layout);
        let (mut plain_time, mut dot_crossings, mut our_dot_time) = (None, None, None);
        if has_dot {
            let plain = dir.join("plain.dot");
            std::fs::write(&plain, to_dot(&fig.graph)).expect("writable");
            plain_time = cpu(
                runs,
                "dot",
                &[
                    "-Tsvg".as_ref(),
                    "-o".as_ref(),
                    "/dev/null".as_ref(),
                    plain.as_os_str(),
                ],
            );
            dot_crossings = dot_layout(&dir, &plain, &fig.graph)
                .map(|d| layout::crossings_between_unrelated(&fig.graph, &d));
            let ours_dot = dir.join("ours.dot");
            // Graphviz 2.43 gives up on our DOT at 10,000 models after
            // many minutes ("trouble in init_rank"): not run there.
            let written = (n < 10_000).then(|| {
                Command::new(LINEAGE)
                    .args(["render".as_ref(), file.as_os_str()])
                    .args(["--format", "dot", "--lang", "en", "-o", "-"])
                    .output()
                    .ok()
                    .filter(|o| o.status.success())
                    .map(|o| std::fs::write(&ours_dot, o.stdout).is_ok())
            });
            if written == Some(Some(true)) {
                our_dot_time = cpu(
                    runs,
                    "dot",
                    &[
                        "-Tsvg".as_ref(),
                        "-o".as_ref(),
                        "/dev/null".as_ref(),
                        ours_dot.as_os_str(),
                    ],
                );
            }
        }
        if let Some(d) = dot_crossings {
            ours_total += ours_crossings;
            dot_total += d;
        }
        let secs = |t: Option<f64>| t.map_or("-".into(), |t| format!("{t:.2}"));
        let ratio = match (ours, plain_time) {
            (Some(a), Some(b)) if a > 0.0 => format!("{:.1}×", b / a),
            _ => "-".into(),
        };
        println!(
            "{name:<17} {n:>6} | {:>7} {:>9} {ratio:>6} {:>9} | {ours_crossings:>9} {:>9} {timeline_crossings:>9} | {compact_time:>8.2}",
            secs(ours),
            secs(plain_time),
            secs(our_dot_time),
            dot_crossings.map_or("-".into(), |c| c.to_string()),
        );
    }
    println!(
        "{:<17} {:>6} | {:>7} {:>9} {:>6} {:>9} | {ours_total:>9} {dot_total:>9}",
        "total", "", "", "", "", ""
    );
    println!("(ratio: dot plain's time over ours; dot ours: dot on the DOT lineage writes)");
    if has_dot {
        examples();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Median CPU time (user + system) of `runs` runs of a whole process, from
/// `/usr/bin/time`; wall clock if it is missing. `None` if a run fails.
fn cpu(runs: usize, program: &str, args: &[&std::ffi::OsStr]) -> Option<f64> {
    let has_time = Path::new("/usr/bin/time").exists();
    let report = std::env::temp_dir().join(format!("lineage-bench-time-{}", std::process::id()));
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let status = if has_time {
            Command::new("/usr/bin/time")
                .args(["-f", "%U %S", "-o"])
                .arg(&report)
                .arg(program)
                .args(args)
                .output()
                .ok()?
                .status
        } else {
            Command::new(program).args(args).output().ok()?.status
        };
        let wall = t.elapsed();
        if !status.success() {
            return None;
        }
        let secs = if has_time {
            let text = std::fs::read_to_string(&report).ok()?;
            text.split_whitespace()
                .filter_map(|v| v.parse::<f64>().ok())
                .sum()
        } else {
            wall.as_secs_f64()
        };
        times.push(secs);
    }
    let _ = std::fs::remove_file(&report);
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied()
}

/// The figure's graph as our compact layout takes it: layers by longest
/// path, no lanes.
fn compact_of(graph: &Graph) -> Graph {
    Graph {
        mode: LayerMode::Compact,
        lanes: Vec::new(),
        nodes: graph
            .nodes
            .iter()
            .map(|node| layout::Node {
                lane: None,
                ..node.clone()
            })
            .collect(),
        ..graph.clone()
    }
}

/// Long release chains: `distros` distributions of `releases` releases
/// each. The first releases every two years from 1993; each other one
/// every six months from a later start, from its own previous release and
/// importing the first's latest release (as Ubuntu imports Debian).
fn releases(distros: usize, releases: usize) -> String {
    let mut out = head("Release chains", distros);
    let mut upstream: Vec<(usize, String)> = Vec::new();
    for d in 0..distros {
        for r in 0..releases {
            let month = if d == 0 {
                1993 * 12 + r * 24
            } else {
                (2000 + 2 * d) * 12 + r * 6
            };
            let id = format!("d{d}r{r}");
            let mut from = Vec::new();
            if r > 0 {
                from.push(format!("d{d}r{}", r - 1));
            }
            if d > 0 {
                if let Some((_, up)) = upstream.iter().rev().find(|(m, _)| *m < month) {
                    from.push(up.clone());
                }
            } else {
                upstream.push((month, id.clone()));
            }
            model(&mut out, &id, month, d, &from);
        }
    }
    out.push_str("  ],\n)\n");
    out
}

/// Many branches over decades: `branches` lines, each forked from a model
/// of an older line and releasing about every eight months for a while
/// (`years` years in all from 1990), a tenth of the releases also taking
/// a parent from another line (a re-basing).
fn decades(branches: usize, years: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = head("Decades", branches);
    let mut made: Vec<(usize, String)> = Vec::new();
    let mut lines: Vec<Vec<(usize, String)>> = Vec::new();
    for b in 0..branches {
        let start = 1990 * 12 + b * years * 12 / branches / 2 + rng.below(6);
        let end = (start + 24 + rng.below(years * 12)).min((1990 + years) * 12);
        let mut line: Vec<(usize, String)> = Vec::new();
        let mut month = start;
        while month < end {
            let id = format!("b{b}m{}", line.len());
            let mut from = Vec::new();
            if let Some((_, prev)) = line.last() {
                from.push(prev.clone());
            } else if !made.is_empty() {
                let older: Vec<&(usize, String)> =
                    made.iter().filter(|(m, _)| *m < month).collect();
                if !older.is_empty() {
                    from.push(older[rng.below(older.len())].1.clone());
                }
            }
            if !line.is_empty() && rng.chance(0.1) && b > 0 {
                let other = &lines[rng.below(lines.len())];
                if let Some((_, id)) = other.iter().rev().find(|(m, _)| *m < month) {
                    from.push(id.clone());
                }
            }
            model(&mut out, &id, month, b, &from);
            line.push((month, id));
            month += 6 + rng.below(5);
        }
        made.extend(line.iter().cloned());
        lines.push(line);
    }
    out.push_str("  ],\n)\n");
    out
}

fn head(title: &str, branches: usize) -> String {
    let mut out = format!("Lineage(\n  title: \"{title}\",\n  methods: {{ \"m\": (label: \"release\") }},\n  branches: {{");
    for b in 0..branches {
        let _ = write!(out, " \"b{b}\": (label: \"Line {b}\"),");
    }
    out.push_str(" },\n  models: [\n");
    out
}

fn model(out: &mut String, id: &str, month: usize, branch: usize, from: &[String]) {
    let _ = write!(
        out,
        "    (id: \"{id}\", name: \"{id}\", date: \"{}-{:02}\", branch: \"b{branch}\", from: [",
        month / 12,
        month % 12 + 1
    );
    for p in from {
        let _ = write!(out, "(parent: \"{p}\", via: \"m\"), ");
    }
    out.push_str("]),\n");
}

/// The graph as plain DOT: the same boxes (in inches) and edges.
fn to_dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph g {\n  rankdir=LR;\n  node [shape=box, fixedsize=true, label=\"\"];\n",
    );
    for (i, n) in graph.nodes.iter().enumerate() {
        out.push_str(&format!(
            "  n{i} [width={:.3}, height={:.3}];\n",
            n.size.w / 72.0,
            n.size.h / 72.0
        ));
    }
    for e in &graph.edges {
        out.push_str(&format!("  n{} -> n{};\n", e.from, e.to));
    }
    out.push_str("}\n");
    out
}

/// dot's own drawing of the plain graph in `input` (`-Tplain`).
fn dot_layout(dir: &Path, input: &Path, graph: &Graph) -> Option<Layout> {
    let plain: PathBuf = dir.join("g.plain");
    let status = Command::new("dot")
        .args(["-Tplain", "-o"])
        .arg(&plain)
        .arg(input)
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let text = std::fs::read_to_string(&plain).ok()?;
    let parsed = parse_plain(&text)?;
    let index = |name: &str| name.strip_prefix('n').and_then(|s| s.parse::<usize>().ok());
    let mut nodes = vec![Rect::default(); graph.nodes.len()];
    for (name, rect) in &parsed.nodes {
        nodes[index(name)?] = *rect;
    }
    let edges = parsed
        .edges
        .iter()
        .filter_map(|(a, b, points)| {
            Some(Route {
                from: index(a)?,
                to: index(b)?,
                points: points.clone(),
                label: None,
            })
        })
        .collect();
    Some(layout_of(nodes, edges))
}

fn layout_of(nodes: Vec<Rect>, edges: Vec<Route>) -> Layout {
    Layout {
        width: 0.0,
        height: 0.0,
        direction: Direction::LeftToRight,
        nodes,
        edges,
        lanes: Vec::new(),
        axis: Vec::new(),
        breaks: Vec::new(),
        bars: Vec::new(),
    }
}

/// dot's `-Tplain` output: node boxes and edge splines, in points, y down.
struct Plain {
    nodes: Vec<(String, Rect)>,
    edges: Vec<(String, String, Vec<Point>)>,
}

fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => s.extend(chars.next()),
                    '"' => break,
                    c => s.push(c),
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(s);
        }
    }
    out
}

fn parse_plain(text: &str) -> Option<Plain> {
    let mut height = 0.0;
    let mut plain = Plain {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let num = |s: &str| s.parse::<f64>().ok();
    for line in text.lines() {
        let t = tokens(line);
        match t.first().map(String::as_str) {
            Some("graph") => height = num(t.get(3)?)? * 72.0,
            Some("node") => {
                let (x, y, w, h) = (
                    num(&t[2])? * 72.0,
                    num(&t[3])? * 72.0,
                    num(&t[4])? * 72.0,
                    num(&t[5])? * 72.0,
                );
                plain.nodes.push((
                    t[1].clone(),
                    Rect {
                        x: x - w / 2.0,
                        y: height - y - h / 2.0,
                        w,
                        h,
                    },
                ));
            }
            Some("edge") => {
                let n: usize = t.get(3)?.parse().ok()?;
                let points = (0..n)
                    .map(|i| {
                        Some(Point {
                            x: num(t.get(4 + 2 * i)?)? * 72.0,
                            y: height - num(t.get(5 + 2 * i)?)? * 72.0,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                plain.edges.push((t[1].clone(), t[2].clone(), points));
            }
            _ => {}
        }
    }
    Some(plain)
}

/// Graphviz's own example graphs: crossings of dot's layout and of ours,
/// and the time of our layout alone and of dot's whole run.
fn examples() {
    let dir = Path::new("/usr/share/doc/graphviz/examples/graphs/directed");
    let Ok(entries) = std::fs::read_dir(dir) else {
        println!("\n(no Graphviz examples: apt-get install graphviz-doc)");
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "gv"))
        .collect();
    files.sort();
    println!("\nGraphviz example graphs (acyclic ones, 10 nodes or more), top to bottom,");
    println!("compact layers; crossings as above, on dot's own drawing and ours");
    println!(
        "{:<18} {:>6} {:>6} {:>10} {:>8} {:>10} {:>10}",
        "graph", "nodes", "edges", "crossings", "dot's", "ours", "dot"
    );
    let (mut ours_total, mut dot_total) = (0, 0);
    for file in files {
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let t = Instant::now();
        let Ok(out) = Command::new("dot").arg("-Tplain").arg(&file).output() else {
            continue;
        };
        let dot_time = t.elapsed();
        let Some(plain) = parse_plain(&String::from_utf8_lossy(&out.stdout)) else {
            continue;
        };
        let Some((graph, dot_layout)) = example_graph(&plain) else {
            continue;
        };
        if graph.nodes.len() < 10 {
            continue;
        }
        let t = Instant::now();
        let ours = layout::layout(&graph);
        let ours_time = t.elapsed();
        let (c_ours, c_dot) = (
            layout::crossings_between_unrelated(&graph, &ours),
            layout::crossings_between_unrelated(&graph, &dot_layout),
        );
        ours_total += c_ours;
        dot_total += c_dot;
        println!(
            "{name:<18} {:>6} {:>6} {c_ours:>10} {c_dot:>8} {:>8.1}ms {:>8.1}ms",
            graph.nodes.len(),
            graph.edges.len(),
            ours_time.as_secs_f64() * 1e3,
            dot_time.as_secs_f64() * 1e3
        );
    }
    println!(
        "{:<18} {:>6} {:>6} {ours_total:>10} {dot_total:>8}",
        "total", "", ""
    );
}

/// The example as our layout input (skipping cyclic graphs and multi-edges
/// dot drew twice), with dot's own layout of it.
fn example_graph(plain: &Plain) -> Option<(Graph, Layout)> {
    let names: Vec<&str> = plain.nodes.iter().map(|(n, _)| n.as_str()).collect();
    let index = |n: &str| names.iter().position(|m| *m == n);
    let mut g = petgraph::graph::DiGraph::<(), ()>::new();
    for _ in &names {
        g.add_node(());
    }
    let mut edges = Vec::new();
    let mut routes = Vec::new();
    for (a, b, points) in &plain.edges {
        let (i, j) = (index(a)?, index(b)?);
        if i == j
            || edges
                .iter()
                .any(|e: &layout::Edge| e.from == i && e.to == j)
        {
            continue;
        }
        g.add_edge(
            petgraph::graph::NodeIndex::new(i),
            petgraph::graph::NodeIndex::new(j),
            (),
        );
        edges.push(layout::Edge {
            from: i,
            to: j,
            label: None,
        });
        routes.push(Route {
            from: i,
            to: j,
            points: points.clone(),
            label: None,
        });
    }
    if petgraph::algo::is_cyclic_directed(&g) || edges.is_empty() {
        return None;
    }
    let nodes = plain
        .nodes
        .iter()
        .map(|(name, r)| layout::Node {
            key: name.clone(),
            size: layout::Size { w: r.w, h: r.h },
            time: None,
            lane: None,
        })
        .collect();
    let graph = Graph {
        nodes,
        edges,
        lanes: Vec::new(),
        lanes_pinned: false,
        direction: Direction::TopToBottom,
        mode: LayerMode::Compact,
    };
    let dot_layout = layout_of(plain.nodes.iter().map(|(_, r)| *r).collect(), routes);
    Some((graph, dot_layout))
}
