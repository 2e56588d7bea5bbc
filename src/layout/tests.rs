//! Tests of the whole layout pipeline through the public functions.

use super::*;
use crate::rng::Rng;

fn month(y: i32, m: i32) -> Option<Time> {
    let t = (y * 12 + m - 1) as f64;
    Some(Time { start: t, end: t })
}

fn node(key: &str, time: Option<Time>, lane: Option<usize>) -> Node {
    Node {
        key: key.into(),
        size: Size { w: 110.0, h: 32.0 },
        time,
        lane,
    }
}

fn edge(from: usize, to: usize, label: bool) -> Edge {
    Edge {
        from,
        to,
        label: label.then_some(Size { w: 64.0, h: 16.0 }),
    }
}

/// A root chain, a split into two lanes, a merge with two parents, then
/// two children in the same month.
fn gpt_like(direction: Direction, mode: LayerMode) -> Graph {
    let nodes = vec![
        node("gpt-1", month(2018, 6), Some(0)),
        node("gpt-2", month(2019, 2), Some(0)),
        node("gpt-3", month(2020, 5), Some(0)),
        node("codex", month(2021, 8), Some(1)),
        node("code-davinci-002", month(2022, 3), Some(1)),
        node("instructgpt", month(2022, 1), Some(2)),
        node("text-davinci-002", month(2022, 4), Some(2)),
        node("gpt-3.5", month(2022, 11), Some(0)),
        node("chatgpt", month(2023, 3), Some(0)),
        node("gpt-4", month(2023, 3), Some(0)),
    ];
    let edges = vec![
        edge(0, 1, true),
        edge(1, 2, true),
        edge(2, 3, true),
        edge(3, 4, false),
        edge(2, 5, true),
        edge(5, 6, true),
        edge(4, 7, true),
        edge(6, 7, true),
        edge(7, 8, true),
        edge(7, 9, false),
    ];
    let lanes = vec!["base".into(), "codex".into(), "instruct".into()];
    Graph {
        nodes,
        edges,
        lanes,
        lanes_pinned: false,
        direction,
        mode,
    }
}

fn all_variants(g: &Graph) -> Vec<Graph> {
    let mut out = Vec::new();
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        for mode in [LayerMode::Timeline, LayerMode::Compact] {
            out.push(Graph {
                direction,
                mode,
                ..g.clone()
            });
        }
    }
    out
}

/// Everything the layout promises on any graph.
fn assert_sound(g: &Graph, l: &Layout) {
    let bad = overlaps(l);
    assert!(bad.is_empty(), "overlaps: {bad:?}");
    assert_eq!(l.nodes.len(), g.nodes.len());
    assert_eq!(l.edges.len(), g.edges.len());
    let mut rects: Vec<Rect> = l.nodes.clone();
    rects.extend(l.edges.iter().filter_map(|e| e.label));
    rects.extend(l.lanes.iter().map(|b| b.rect));
    for r in &rects {
        for v in [r.x, r.y, r.w, r.h] {
            assert_tenth(v);
        }
        assert!(r.x >= 0.0 && r.y >= 0.0, "{r:?}");
        assert!(
            r.x + r.w <= l.width + 1e-9 && r.y + r.h <= l.height + 1e-9,
            "{r:?} outside"
        );
    }
    for (e, route) in g.edges.iter().zip(&l.edges) {
        assert_route(l, e, route);
    }
    assert_flow(g, l);
}

fn assert_tenth(v: f64) {
    assert!(
        ((v * 10.0).round() - v * 10.0).abs() < 1e-6,
        "{v} not rounded"
    );
}

fn assert_route(l: &Layout, e: &Edge, r: &Route) {
    assert_eq!((r.from, r.to), (e.from, e.to));
    assert!(
        r.points.len() >= 4 && (r.points.len() - 1).is_multiple_of(3),
        "{r:?}"
    );
    for p in &r.points {
        assert_tenth(p.x);
        assert_tenth(p.y);
        assert!(p.x >= 0.0 && p.y >= 0.0 && p.x <= l.width && p.y <= l.height);
    }
    assert!(
        on_border(&l.nodes[e.from], r.points[0]),
        "start {:?} off {:?}",
        r.points[0],
        l.nodes[e.from]
    );
    let end = r.points[r.points.len() - 1];
    assert!(
        on_border(&l.nodes[e.to], end),
        "end {end:?} off {:?}",
        l.nodes[e.to]
    );
}

fn on_border(r: &Rect, p: Point) -> bool {
    let inside = p.x >= r.x && p.x <= r.x + r.w + 1e-9 && p.y >= r.y && p.y <= r.y + r.h + 1e-9;
    let edge = [r.x, r.x + r.w].iter().any(|&x| (p.x - x).abs() < 1e-6)
        || [r.y, r.y + r.h].iter().any(|&y| (p.y - y).abs() < 1e-6);
    inside && edge
}

/// Every child strictly after its parents along the flow.
fn assert_flow(g: &Graph, l: &Layout) {
    let along = |r: &Rect| match l.direction {
        Direction::LeftToRight => (r.x + r.w / 2.0, r.x, r.x + r.w),
        Direction::TopToBottom => (r.y + r.h / 2.0, r.y, r.y + r.h),
    };
    for e in &g.edges {
        let (a, b) = (along(&l.nodes[e.from]), along(&l.nodes[e.to]));
        assert!(b.0 > a.0, "edge {}->{} goes backwards", e.from, e.to);
    }
}

#[test]
fn gpt_like_is_clean() {
    for g in all_variants(&gpt_like(Direction::LeftToRight, LayerMode::Timeline)) {
        let l = layout(&g);
        assert_sound(&g, &l);
        assert_eq!(crossings(&g, &l), 0, "{:?} {:?}", g.direction, g.mode);
        assert_eq!(l.lanes.len(), 3);
    }
}

#[test]
fn gpt_like_same_month_children_line_up() {
    let g = gpt_like(Direction::LeftToRight, LayerMode::Timeline);
    let l = layout(&g);
    let (a, b) = (l.nodes[8], l.nodes[9]);
    assert_eq!(a.x + a.w / 2.0, b.x + b.w / 2.0);
}

#[test]
fn timeline_follows_time() {
    let g = gpt_like(Direction::TopToBottom, LayerMode::Timeline);
    let l = layout(&g);
    let mut by_time: Vec<(f64, f64)> = g
        .nodes
        .iter()
        .zip(&l.nodes)
        .map(|(n, r)| (n.time.map_or(0.0, |t| t.start), r.y + r.h / 2.0))
        .collect();
    by_time.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in by_time.windows(2) {
        assert!(w[1].1 >= w[0].1, "time order broken: {w:?}");
        if w[1].0 > w[0].0 {
            assert!(w[1].1 > w[0].1);
        }
    }
    assert!(l
        .axis
        .iter()
        .any(|t| t.major && t.label == "2020" && t.time == 2020.0 * 12.0));
    let at: Vec<f64> = l.axis.iter().map(|t| t.at).collect();
    assert!(
        at.windows(2).all(|w| w[1] > w[0]),
        "ticks not increasing: {at:?}"
    );
    for t in l.axis.iter().filter(|t| !t.major) {
        assert_eq!(t.label.len(), 7, "{t:?}");
    }
}

/// Issue 15: a layered timeline's axis is one scale wherever it is not
/// marked. A chain with dates one month apart (cards need more room than a
/// month), a gap of years (left out) and ordinary gaps: every two axis
/// points (ticks, break ends) with no break between them are as far apart
/// as their time at one scale, every node's centre is where its date is,
/// and both kinds of break are there.
#[test]
fn layered_axis_is_linear_except_where_marked() {
    let dates = [
        (2018, 1),
        (2018, 2),
        (2018, 3),
        (2018, 9),
        (2019, 6),
        (2026, 1),
        (2026, 7),
    ];
    let g = Graph {
        nodes: (0..dates.len())
            .map(|i| node(&format!("m{i}"), month(dates[i].0, dates[i].1), None))
            .collect(),
        edges: (1..dates.len())
            .map(|i| edge(i - 1, i, i % 2 == 0))
            .collect(),
        lanes: Vec::new(),
        lanes_pinned: false,
        direction: Direction::LeftToRight,
        mode: LayerMode::Timeline,
    };
    let l = layout(&g);
    let kinds: Vec<BreakKind> = l.breaks.iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BreakKind::LeftOut), "{:?}", l.breaks);
    assert!(kinds.contains(&BreakKind::Stretched), "{:?}", l.breaks);
    let mut points: Vec<(f64, f64)> = l.axis.iter().map(|t| (t.time, t.at)).collect();
    points.extend(
        l.breaks
            .iter()
            .flat_map(|b| [(b.from, b.start), (b.to, b.end)]),
    );
    points.extend(
        g.nodes
            .iter()
            .zip(&l.nodes)
            .map(|(n, r)| (n.time.map_or(0.0, |t| t.start), r.x + r.w / 2.0)),
    );
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    points.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9);
    let broken = |a: f64, b: f64| {
        l.breaks
            .iter()
            .any(|k| k.from < b - 1e-9 && k.to > a + 1e-9)
    };
    let scales: Vec<f64> = points
        .windows(2)
        .filter(|w| !broken(w[0].0, w[1].0) && w[1].0 - w[0].0 > 0.5)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0))
        .collect();
    assert!(scales.len() >= 3, "{points:?}");
    let (lo, hi) = scales
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &s| (lo.min(s), hi.max(s)));
    // Rounding to 0.1 px over at least half a month.
    assert!(hi - lo < 0.5, "scales {scales:?} between {points:?}");
}

#[test]
fn compact_has_no_axis() {
    let g = gpt_like(Direction::LeftToRight, LayerMode::Compact);
    assert!(layout(&g).axis.is_empty());
}

#[test]
fn lanes_are_disjoint_bands_holding_their_nodes() {
    for g in all_variants(&gpt_like(Direction::LeftToRight, LayerMode::Timeline)) {
        let l = layout(&g);
        let across = |r: &Rect| match l.direction {
            Direction::LeftToRight => (r.y, r.y + r.h),
            Direction::TopToBottom => (r.x, r.x + r.w),
        };
        let mut seen: Vec<usize> = l.lanes.iter().map(|b| b.lane).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), l.lanes.len(), "one band per lane");
        for w in l.lanes.windows(2) {
            assert!(
                across(&w[0].rect).1 <= across(&w[1].rect).0,
                "bands overlap"
            );
        }
        for (n, r) in g.nodes.iter().zip(&l.nodes) {
            let band = l.lanes.iter().find(|b| Some(b.lane) == n.lane).unwrap();
            let (b, x) = (across(&band.rect), across(r));
            assert!(b.0 <= x.0 && x.1 <= b.1, "{} outside its lane", n.key);
        }
    }
}

/// Issue 15: lanes follow the edges, not declaration order. Here the first
/// lane forks into the last; a middle lane of its own, declared between
/// them, would lie across every fork.
fn forks_across_a_lane(order: [usize; 3]) -> Graph {
    let lane = |i: usize| Some(order[i]);
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for i in 0..6 {
        nodes.push(node(&format!("a{i}"), month(2000 + i as i32, 1), lane(0)));
        nodes.push(node(&format!("b{i}"), month(2000 + i as i32, 2), lane(1)));
        nodes.push(node(&format!("c{i}"), month(2000 + i as i32, 3), lane(2)));
        if i > 0 {
            edges.push(edge(3 * (i - 1), 3 * i, false));
            edges.push(edge(3 * (i - 1) + 1, 3 * i + 1, false));
            edges.push(edge(3 * (i - 1) + 2, 3 * i + 2, false));
        }
        // Every year the first lane forks into the last.
        edges.push(edge(3 * i, 3 * i + 2, false));
    }
    Graph {
        nodes,
        edges,
        lanes: vec!["first".into(), "middle".into(), "last".into()],
        lanes_pinned: false,
        direction: Direction::LeftToRight,
        mode: LayerMode::Timeline,
    }
}

#[test]
fn lanes_are_ordered_for_fewer_crossings_not_by_declaration() {
    // Declared first, middle, last: the forks from "first" to "last" would
    // cross the middle lane's chain.
    let declared = forks_across_a_lane([0, 1, 2]);
    let l = layout(&declared);
    let order: Vec<usize> = l.lanes.iter().map(|b| b.lane).collect();
    assert_eq!(order, [1, 0, 2], "first and last together, middle aside");
    assert_eq!(crossings(&declared, &l), 0);
    // Declared in the good order already: kept as declared.
    let good = forks_across_a_lane([0, 2, 1]);
    let l = layout(&good);
    let order: Vec<usize> = l.lanes.iter().map(|b| b.lane).collect();
    assert_eq!(order, [0, 1, 2], "a good declared order is kept");
    assert_eq!(crossings(&good, &l), 0);
    // Pinned: kept as given, crossings and all.
    let pinned = Graph {
        lanes_pinned: true,
        ..forks_across_a_lane([0, 1, 2])
    };
    let l = layout(&pinned);
    let order: Vec<usize> = l.lanes.iter().map(|b| b.lane).collect();
    assert_eq!(order, [0, 1, 2], "a pinned order is kept");
    assert!(crossings(&pinned, &l) > 0);
}

/// The packed timeline orders its lanes the same way, unless pinned.
#[test]
fn packed_lanes_are_ordered_too_unless_pinned() {
    let bands = |g: &Graph| -> Vec<usize> {
        let l = pack(g, &vec![None; g.nodes.len()]);
        let mut bands = l.lanes.clone();
        bands.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
        bands.iter().map(|b| b.lane).collect()
    };
    let declared = forks_across_a_lane([0, 1, 2]);
    assert_eq!(bands(&declared), [1, 0, 2], "first and last together");
    let pinned = Graph {
        lanes_pinned: true,
        ..declared
    };
    assert_eq!(bands(&pinned), [0, 1, 2], "a pinned order is kept");
}

#[test]
fn empty_single_and_disconnected() {
    let empty = Graph::default();
    let l = layout(&empty);
    assert!(l.nodes.is_empty() && l.edges.is_empty() && l.axis.is_empty());
    assert!(overlaps(&l).is_empty());
    let single = Graph {
        nodes: vec![node("a", month(2020, 1), None)],
        ..Graph::default()
    };
    let l = layout(&single);
    assert_eq!(l.nodes[0].x, MARGIN);
    assert_sound(&single, &l);
    let apart = Graph {
        nodes: vec![
            node("a", None, None),
            node("b", month(2020, 1), None),
            node("c", month(2020, 1), None),
        ],
        ..Graph::default()
    };
    for g in all_variants(&apart) {
        assert_sound(&g, &layout(&g));
    }
}

#[test]
fn three_and_four_parents() {
    let mut g = Graph::default();
    for i in 0..6 {
        g.nodes
            .push(node(&format!("n{i}"), month(2021, 1 + i / 4 * 3), None));
    }
    g.edges = vec![
        edge(0, 4, true),
        edge(1, 4, true),
        edge(2, 4, true),
        edge(3, 4, true),
    ];
    g.edges
        .extend([edge(0, 5, false), edge(1, 5, true), edge(2, 5, false)]);
    for g in all_variants(&g) {
        assert_sound(&g, &layout(&g));
    }
}

#[test]
fn unknown_time_sits_between_parent_and_child() {
    let g = Graph {
        nodes: vec![
            node("a", month(2020, 1), None),
            node("b", None, None),
            node("c", month(2022, 1), None),
        ],
        edges: vec![edge(0, 1, false), edge(1, 2, false)],
        ..Graph::default()
    };
    let l = layout(&g);
    let x: Vec<f64> = l.nodes.iter().map(|r| r.x).collect();
    assert!(x[0] < x[1] && x[1] < x[2], "{x:?}");
    assert_sound(&g, &l);
}

#[test]
fn child_dated_before_parent_still_follows_it() {
    let g = Graph {
        nodes: vec![
            node("a", month(2022, 1), None),
            node("b", month(2020, 1), None),
        ],
        edges: vec![edge(0, 1, true)],
        ..Graph::default()
    };
    assert_sound(&g, &layout(&g));
}

#[test]
fn bad_edges_get_empty_routes() {
    let g = Graph {
        nodes: vec![node("a", None, None), node("b", None, None)],
        edges: vec![edge(0, 1, false), edge(0, 7, false), edge(1, 1, false)],
        ..Graph::default()
    };
    let l = layout(&g);
    assert!(!l.edges[0].points.is_empty());
    assert!(l.edges[1].points.is_empty() && l.edges[2].points.is_empty());
}

#[test]
fn a_cycle_does_not_hang() {
    let g = Graph {
        nodes: vec![
            node("a", None, None),
            node("b", None, None),
            node("c", None, None),
        ],
        edges: vec![edge(0, 1, true), edge(1, 2, false), edge(2, 0, true)],
        mode: LayerMode::Compact,
        ..Graph::default()
    };
    let l = layout(&g);
    assert!(overlaps(&l).is_empty());
    assert!(l.edges.iter().all(|e| e.points.len() >= 4));
}

#[test]
fn check_size_rejects_huge_graphs() {
    let ok = bench_graph(100, 1);
    assert!(check_size(&ok).is_ok());
    let huge = Graph {
        nodes: vec![node("x", None, None); MAX_ITEMS + 1],
        ..Graph::default()
    };
    let err = check_size(&huge).unwrap_err();
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn crossings_counts_a_drawn_cross() {
    let g = Graph {
        nodes: (0..4).map(|i| node(&format!("n{i}"), None, None)).collect(),
        edges: vec![edge(0, 3, false), edge(1, 2, false)],
        ..Graph::default()
    };
    let line = |a: (f64, f64), b: (f64, f64)| {
        let p = |t: f64| Point {
            x: a.0 + (b.0 - a.0) * t,
            y: a.1 + (b.1 - a.1) * t,
        };
        vec![p(0.0), p(1.0 / 3.0), p(2.0 / 3.0), p(1.0)]
    };
    let r = |x, y| Rect {
        x,
        y,
        w: 10.0,
        h: 10.0,
    };
    let l = Layout {
        width: 200.0,
        height: 200.0,
        direction: Direction::LeftToRight,
        nodes: vec![r(0.0, 0.0), r(0.0, 100.0), r(100.0, 0.0), r(100.0, 100.0)],
        edges: vec![
            Route {
                from: 0,
                to: 3,
                points: line((10.0, 5.0), (100.0, 105.0)),
                label: None,
            },
            Route {
                from: 1,
                to: 2,
                points: line((10.0, 105.0), (100.0, 5.0)),
                label: None,
            },
        ],
        lanes: Vec::new(),
        axis: Vec::new(),
        breaks: Vec::new(),
        bars: Vec::new(),
    };
    assert_eq!(crossings(&g, &l), 1);
    let mut through = l.clone();
    through.nodes.push(r(50.0, 50.0));
    assert_eq!(
        overlaps(&through),
        vec![
            "edge 0 passes through node 4",
            "edge 1 passes through node 4"
        ]
    );
}

/// Same graph listed in another order: the same layout, node for node.
#[test]
fn input_order_does_not_matter() {
    for seed in 1..6 {
        let g = bench_graph(120, seed);
        let (shuffled, perm) = shuffle(&g, seed);
        let (a, b) = (layout(&g), layout(&shuffled));
        for (i, &j) in perm.iter().enumerate() {
            assert_eq!(a.nodes[i], b.nodes[j]);
        }
        assert_eq!(
            (a.width, a.height, &a.lanes, &a.axis),
            (b.width, b.height, &b.lanes, &b.axis)
        );
        let key = |g: &Graph, e: &Route| {
            (
                g.nodes[e.from].key.clone(),
                g.nodes[e.to].key.clone(),
                format!("{:?}", (&e.points, e.label)),
            )
        };
        let mut ka: Vec<_> = a.edges.iter().map(|e| key(&g, e)).collect();
        let mut kb: Vec<_> = b.edges.iter().map(|e| key(&shuffled, e)).collect();
        ka.sort();
        kb.sort();
        assert_eq!(ka, kb);
    }
}

/// Reverses and rotates nodes and edges; `perm[old] = new`.
fn shuffle(g: &Graph, seed: u64) -> (Graph, Vec<usize>) {
    let n = g.nodes.len();
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    let mut perm = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        perm[old] = new;
    }
    let nodes = order.iter().map(|&o| g.nodes[o].clone()).collect();
    let mut edges: Vec<Edge> = g
        .edges
        .iter()
        .map(|e| Edge {
            from: perm[e.from],
            to: perm[e.to],
            label: e.label,
        })
        .collect();
    edges.reverse();
    (
        Graph {
            nodes,
            edges,
            ..g.clone()
        },
        perm,
    )
}

/// Random DAGs of every shape: no overlap, routes on borders, flow forward.
#[test]
fn random_dags_are_sound() {
    for seed in 1..=60u64 {
        let g = random_dag(seed);
        for g in all_variants(&g) {
            let l = layout(&g);
            assert_sound(&g, &l);
            if seed % 10 == 0 {
                assert_eq!(l, layout(&g), "not repeatable");
            }
        }
    }
}

fn random_dag(seed: u64) -> Graph {
    let mut rng = Rng::new(seed);
    let n = 1 + rng.below(40);
    let lanes = rng.below(4);
    let mut g = Graph {
        lanes: (0..lanes).map(|i| format!("l{i}")).collect(),
        ..Graph::default()
    };
    for i in 0..n {
        let t = 24240.0 + rng.below(40) as f64;
        g.nodes.push(Node {
            key: format!("k{:03}", rng.below(1000) * 100 + i),
            size: Size {
                w: 20.0 + rng.below(150) as f64,
                h: 10.0 + rng.below(60) as f64,
            },
            time: (!rng.chance(0.15)).then_some(Time {
                start: t,
                end: t + 1.0,
            }),
            lane: (lanes > 0 && !rng.chance(0.20)).then(|| rng.below(lanes + 1)),
        });
        for _ in 0..rng.below(if i > 0 { 4 } else { 1 }) {
            let from = rng.below(i);
            let label = rng.chance(0.50).then(|| Size {
                w: 10.0 + rng.below(90) as f64,
                h: 8.0 + rng.below(20) as f64,
            });
            g.edges.push(Edge { from, to: i, label });
        }
    }
    g
}

#[test]
fn bench_graph_is_sound_and_mostly_uncrossed() {
    let g = bench_graph(1500, 7);
    assert!(check_size(&g).is_ok());
    let l = layout(&g);
    assert_sound(&g, &l);
    let c = crossings(&g, &l);
    assert!(
        c < g.edges.len(),
        "{c} crossings for {} edges",
        g.edges.len()
    );
}

/// `cargo test --release -- --ignored --nocapture timings`
#[test]
#[ignore]
fn timings() {
    for n in [1_000, 10_000, 100_000] {
        let g = bench_graph(n, 42);
        let t = std::time::Instant::now();
        let l = layout(&g);
        let dt = t.elapsed();
        let t2 = std::time::Instant::now();
        let c = crossings(&g, &l);
        println!(
            "{n} nodes {} edges: layout {dt:?}, {c} crossings (counted in {:?})",
            g.edges.len(),
            t2.elapsed()
        );
    }
}

#[test]
fn degenerate_sizes_do_not_break_anything() {
    let mut g = gpt_like(Direction::LeftToRight, LayerMode::Timeline);
    g.nodes[0].size = Size { w: 0.0, h: 0.0 };
    g.nodes[1].size = Size {
        w: f64::NAN,
        h: -5.0,
    };
    g.nodes[2].time = Some(Time {
        start: f64::INFINITY,
        end: f64::INFINITY,
    });
    g.edges[0].label = Some(Size { w: 900.0, h: 300.0 });
    g.nodes[3].lane = Some(99);
    for g in all_variants(&g) {
        let l = layout(&g);
        assert!(overlaps(&l).is_empty(), "{:?}", overlaps(&l));
        assert!(l.nodes.iter().all(|r| r.x.is_finite() && r.w >= 0.0));
    }
}

/// A lineage-like graph for the tests: dated models over up to
/// ten years, mostly fine-tunes of recent models, some merges of 2–4
/// parents, branches as lanes, method labels on most edges, a few unknown
/// dates. Same `n` and `seed`, same graph.
fn bench_graph(n: usize, seed: u64) -> Graph {
    let mut rng = Rng::new(seed);
    let months = (n / 8).clamp(12, 120) as u64;
    let lanes = (n / 100).clamp(1, 8);
    let mut g = Graph {
        lanes: (0..lanes).map(|i| format!("branch-{i}")).collect(),
        ..Graph::default()
    };
    let mut time = Vec::with_capacity(n);
    for i in 0..n {
        let t = 2018.0 * 12.0 + (i as u64 * months / n.max(1) as u64) as f64;
        time.push(t);
        let parents = bench_parents(&mut rng, &time, i, n);
        let lane = match parents.first() {
            Some(&p) if !rng.chance(0.04) => g.nodes[p].lane,
            _ if rng.chance(0.15) => None,
            _ => Some(rng.below(lanes)),
        };
        g.nodes.push(Node {
            key: format!("model-{i:06}"),
            size: Size {
                w: 70.0 + 10.0 * rng.below(9) as f64,
                h: if rng.chance(0.30) { 40.0 } else { 28.0 },
            },
            time: (!rng.chance(0.03)).then_some(Time { start: t, end: t }),
            lane,
        });
        for p in parents {
            let label = rng.chance(0.70).then(|| Size {
                w: 40.0 + 10.0 * rng.below(5) as f64,
                h: 16.0,
            });
            g.edges.push(Edge {
                from: p,
                to: i,
                label,
            });
        }
    }
    g
}

/// Parents of model `i`: none for the first roots, else a recent model
/// (sometimes an older one), plus extra parents for merges.
fn bench_parents(rng: &mut Rng, time: &[f64], i: usize, n: usize) -> Vec<usize> {
    if i < (n / 500).max(1) || rng.chance(0.01) {
        return Vec::new();
    }
    let extra = match rng.below(100) {
        0 => 3,
        1..=2 => 2,
        3..=8 => 1,
        _ => 0,
    };
    let mut ps: Vec<usize> = Vec::new();
    for _ in 0..=extra {
        let window = if rng.chance(0.90) { 2.0 } else { 12.0 };
        let first = time.partition_point(|&t| t < time[i] - window).min(i - 1);
        let p = first + rng.below(i - first);
        if !ps.contains(&p) {
            ps.push(p);
        }
    }
    ps
}

/// A straight run through many layers is one straight piece, not one per
/// layer, and runs exactly where the pieces ran.
#[test]
fn a_long_straight_edge_is_one_piece() {
    let nodes = (0..12)
        .map(|i| node(&format!("m{i}"), month(2000 + i, 1), Some(0)))
        .collect();
    // A chain, and one edge from the first to the last model over all of it.
    let mut edges: Vec<Edge> = (0..11).map(|i| edge(i, i + 1, false)).collect();
    edges.push(edge(0, 11, false));
    let g = Graph {
        nodes,
        edges,
        lanes: vec!["one".into()],
        lanes_pinned: false,
        direction: Direction::LeftToRight,
        mode: LayerMode::Timeline,
    };
    let l = layout(&g);
    assert_sound(&g, &l);
    let long = &l.edges[11];
    // Out of its port, straight across ten layers, into its port.
    assert!(
        long.points.len() <= 10,
        "three pieces at most: {:?}",
        long.points
    );
    for r in &l.edges {
        assert_eq!((r.points.len() - 1) % 3, 0);
        // Consecutive pieces never continue one another along one line.
        for w in r.points.windows(7).step_by(3) {
            let straight = |a: Point, d: Point, b: Point, c: Point| {
                let third = |k: f64| (a.x + k * (d.x - a.x) / 3.0, a.y + k * (d.y - a.y) / 3.0);
                let near =
                    |p: Point, q: (f64, f64)| (p.x - q.0).abs() < 0.01 && (p.y - q.1).abs() < 0.01;
                near(b, third(1.0)) && near(c, third(2.0))
            };
            let both = straight(w[0], w[3], w[1], w[2]) && straight(w[3], w[6], w[4], w[5]);
            let same_line =
                (w[3].y - w[0].y) * (w[6].x - w[3].x) == (w[6].y - w[3].y) * (w[3].x - w[0].x);
            assert!(
                !(both && same_line),
                "two collinear straight pieces: {:?}",
                r.points
            );
        }
    }
}

/// Lays out with every straight piece kept (the routes before
/// [`route::lean`]) and with them merged.
fn unmerged_and_merged(lay: impl Fn() -> Layout) -> (Layout, Layout) {
    route::KEEP_PIECES.with(|k| k.set(true));
    let before = lay();
    route::KEEP_PIECES.with(|k| k.set(false));
    (before, lay())
}

/// A route as a fine polyline: straight pieces as two segments, curved
/// ones as sixteen.
fn polyline(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = points.first().copied().into_iter().collect();
    for w in points.windows(4).step_by(3) {
        let third = |k: f64, i: usize| {
            let (s, e) = (w[0], w[3]);
            let t = Point {
                x: s.x + k * (e.x - s.x) / 3.0,
                y: s.y + k * (e.y - s.y) / 3.0,
            };
            (w[i].x - t.x).abs() <= 0.11 && (w[i].y - t.y).abs() <= 0.11
        };
        let steps = if third(1.0, 1) && third(2.0, 2) {
            2
        } else {
            16
        };
        for k in 1..=steps {
            let t = k as f64 / steps as f64;
            let u = 1.0 - t;
            let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
            out.push(Point {
                x: a * w[0].x + b * w[1].x + c * w[2].x + d * w[3].x,
                y: a * w[0].y + b * w[1].y + c * w[2].y + d * w[3].y,
            });
        }
    }
    out
}

/// Largest distance from a point of polyline `a` to polyline `b`.
fn farthest(a: &[Point], b: &[Point]) -> f64 {
    a.iter()
        .map(|&p| {
            b.windows(2)
                .map(|w| check::off_chord(p, w[0], w[1]))
                .fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max)
}

/// The graph the SVG writer lays out for a generated lineage of `n` models.
fn generated(n: usize) -> Graph {
    let text = crate::generate::lineage(n, 1);
    let Ok((l, _)) = crate::lineage::load("generated.ron", text.as_bytes()) else {
        panic!("generated lineages load");
    };
    let views = crate::view::View::all(&l);
    crate::write::svg::figure(&views[0], &crate::write::Options::default()).graph
}

/// Merging collinear pieces changes the bytes, not the drawing: every
/// route runs through the same points (within the 0.1 rounding), with
/// fewer pieces, and crossings and overlaps count the same; layered
/// (timeline and compact, both directions) and packed layouts.
#[test]
fn lean_routes_draw_the_same() {
    let mut cases: Vec<(String, Graph, bool)> = Vec::new();
    for (n, packed) in [(30, false), (120, false), (300, true), (800, true)] {
        let g = generated(n);
        if packed {
            cases.push((format!("generated {n}, packed"), g, true));
        } else {
            for v in all_variants(&g) {
                cases.push((
                    format!("generated {n}, {:?} {:?}", v.mode, v.direction),
                    v,
                    false,
                ));
            }
        }
    }
    cases.push(("bench 400".into(), bench_graph(400, 3), false));
    let (mut pieces_before, mut pieces_after) = (0, 0);
    for (name, g, packed) in &cases {
        let until = vec![None; g.nodes.len()];
        let (before, after) =
            unmerged_and_merged(|| if *packed { pack(g, &until) } else { layout(g) });
        assert_eq!(before.nodes, after.nodes, "{name}");
        assert_eq!(
            (before.width, before.height),
            (after.width, after.height),
            "{name}"
        );
        for (i, (a, b)) in before.edges.iter().zip(&after.edges).enumerate() {
            assert_eq!(a.label, b.label, "{name}: edge {i}");
            assert!(b.points.len() <= a.points.len(), "{name}: edge {i}");
            assert_eq!(a.points.first(), b.points.first(), "{name}: edge {i}");
            assert_eq!(a.points.last(), b.points.last(), "{name}: edge {i}");
            let (pa, pb) = (polyline(&a.points), polyline(&b.points));
            let off = farthest(&pa, &pb).max(farthest(&pb, &pa));
            assert!(
                off <= 0.15,
                "{name}: edge {i} moved {off}: {:?} → {:?}",
                a.points,
                b.points
            );
            pieces_before += a.points.len() / 3;
            pieces_after += b.points.len() / 3;
        }
        assert_eq!(crossings(g, &before), crossings(g, &after), "{name}");
        assert_eq!(
            crossings_between_unrelated(g, &before),
            crossings_between_unrelated(g, &after),
            "{name}"
        );
        assert_eq!(overlaps(&before), overlaps(&after), "{name}");
    }
    // The merge does something: packed routes run through many rows.
    assert!(
        pieces_after * 2 < pieces_before,
        "{pieces_before} pieces before, {pieces_after} after"
    );
}
