//! Layout benchmark: our layered layout against Graphviz dot.
//!
//! `cargo bench --bench layout` prints, for generated lineages of 100 to
//! 100,000 models: the time of our layout in timeline and compact mode
//! (median of several runs), the memory the timeline layout takes at its
//! peak beyond the graph already loaded, the time of `dot -Tsvg` on the
//! same graph (up to `LINEAGE_BENCH_DOT_MAX` models, default 10,000), and
//! the edge crossings of both layouts, counted by the same function
//! (`layout::crossings`); then the time of a whole 1,000-model SVG figure,
//! clean and sketch, and the same crossing comparison on
//! Graphviz's own acyclic example graphs (Debian's graphviz-doc).
//!
//! A benchmark, not a test: it asserts nothing and nothing depends on its
//! timings.

use lineage::layout::{self, Direction, Graph, LayerMode, Layout, Point, Rect, Route};
use lineage::lineage::load;
use lineage::view::View;
use lineage::write::svg;
use lineage::write::{Options, Style};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let dot_max: usize = std::env::var("LINEAGE_BENCH_DOT_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let has_dot = Command::new("dot").arg("-V").output().is_ok();
    println!("generated lineages (seed 1), left to right");
    println!("timeline: our default (layers follow dates, branches as lanes, method labels)");
    println!("compact: layers by longest path, no lanes, the job dot does; dot gets the");
    println!("same boxes and edges without the labels (an easier job: fewer layers)");
    println!(
        "{:>8} | {:>9} {:>8} {:>9} {:>8} | {:>9} {:>9} | {:>9} {:>9}",
        "models",
        "timeline",
        "µs/model",
        "crossings",
        "memory",
        "compact",
        "crossings",
        "dot -Tsvg",
        "crossings"
    );
    for n in [100, 1_000, 10_000, 100_000] {
        let text = lineage::generate::lineage(n, 1);
        let (l, _) = load("generated.ron", text.as_bytes()).expect("generated lineages validate");
        let views = View::all(&l);
        let fig = svg::figure(&views[0], &Options::default());
        let runs = if n >= 100_000 { 1 } else { 5 };
        let before = memory_mb("VmRSS");
        reset_peak_memory();
        let ours = median(runs, || {
            let t = Instant::now();
            std::hint::black_box(layout::layout(&fig.graph));
            t.elapsed()
        });
        let memory = match (before, memory_mb("VmHWM")) {
            (Some(a), Some(b)) => format!("{:.0} MB", (b - a).max(0.0)),
            _ => "-".into(),
        };
        let crossings = layout::crossings(&fig.graph, &fig.layout);
        let compact = Graph {
            mode: LayerMode::Compact,
            lanes: Vec::new(),
            nodes: fig
                .graph
                .nodes
                .iter()
                .map(|node| layout::Node {
                    lane: None,
                    ..node.clone()
                })
                .collect(),
            ..fig.graph.clone()
        };
        let compact_time = median(runs, || {
            let t = Instant::now();
            std::hint::black_box(layout::layout(&compact));
            t.elapsed()
        });
        let compact_crossings = layout::crossings(&compact, &layout::layout(&compact));
        let (dot_time, dot_crossings) = if has_dot && n <= dot_max {
            match run_dot(&fig.graph) {
                Some((t, dot_layout)) => (
                    format!("{:.3} s", t.as_secs_f64()),
                    layout::crossings(&fig.graph, &dot_layout).to_string(),
                ),
                None => ("failed".into(), "-".into()),
            }
        } else {
            ("-".into(), "-".into())
        };
        println!(
            "{n:>8} | {:>7.3} s {:>8.1} {crossings:>9} {memory:>8} | {:>7.3} s {compact_crossings:>9} | {dot_time:>9} {dot_crossings:>9}",
            ours.as_secs_f64(),
            ours.as_secs_f64() * 1e6 / n as f64,
            compact_time.as_secs_f64(),
        );
    }
    whole_figure(1_000);
    if has_dot {
        examples();
    }
}

/// A line of /proc/self/status in MB (Linux only; `None` elsewhere).
fn memory_mb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Starts the peak-memory mark (VmHWM) again from the current use.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

/// Measuring, laying out and drawing a whole figure, clean and sketch.
fn whole_figure(n: usize) {
    let text = lineage::generate::lineage(n, 1);
    let (l, _) = load("generated.ron", text.as_bytes()).expect("valid");
    let views = View::all(&l);
    for style in [Style::Clean, Style::Sketch] {
        let options = Options {
            style,
            ..Options::default()
        };
        let mut bytes = 0;
        let t = median(3, || {
            let t = Instant::now();
            bytes = svg::write(&views[0], &options).len();
            t.elapsed()
        });
        println!(
            "whole SVG figure, {n} models, {style:?}: {:.3} s, {} KB",
            t.as_secs_f64(),
            bytes / 1024
        );
    }
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

/// Time `dot -Tsvg` and read dot's own layout back (`-Tplain`, same run).
fn run_dot(graph: &Graph) -> Option<(Duration, Layout)> {
    let dir = std::env::temp_dir().join(format!("lineage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let input = dir.join("g.dot");
    let plain = dir.join("g.plain");
    std::fs::write(&input, to_dot(graph)).ok()?;
    let t = Instant::now();
    let status = Command::new("dot")
        .args(["-Tsvg", "-o", "/dev/null", "-Tplain", "-o"])
        .arg(&plain)
        .arg(&input)
        .status()
        .ok()?;
    let elapsed = t.elapsed();
    if !status.success() {
        return None;
    }
    let text = std::fs::read_to_string(&plain).ok()?;
    let parsed = parse_plain(&text)?;
    let _ = std::fs::remove_dir_all(&dir);
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
    Some((elapsed, layout_of(nodes, edges)))
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

/// Graphviz's own example graphs: crossings of dot's layout and of ours.
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
    println!("\nGraphviz example graphs (acyclic ones), top to bottom, compact layers");
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
        let t = Instant::now();
        let ours = layout::layout(&graph);
        let ours_time = t.elapsed();
        let (c_ours, c_dot) = (
            layout::crossings(&graph, &ours),
            layout::crossings(&graph, &dot_layout),
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
        direction: Direction::TopToBottom,
        mode: LayerMode::Compact,
    };
    let dot_layout = layout_of(plain.nodes.iter().map(|(_, r)| *r).collect(), routes);
    Some((graph, dot_layout))
}
