//! Issue 15's dense timelines, measured on the laid-out figure (the same
//! `Layout` that `--format layout-json` writes): the fixtures in
//! tests/dense/ (built by tests/dense/gen.py: every Debian and Ubuntu
//! release from distro-info-data, a 480-model fan-out timeline in 12
//! organisations, 156 language models from 18 labs with typed and
//! uncertain derivations, and 90 systems in the shape of the Unix family
//! tree) must meet the targets of the issue, with no overlaps.

use lineage::data::DensityDecl;
use lineage::layout::{self, Layout, MAX_ASPECT};
use lineage::view::View;
use lineage::write::{svg, Options};

fn laid_out(path: &str) -> (Layout, DensityDecl) {
    let bytes = std::fs::read(path).unwrap();
    let (l, _) = lineage::lineage::load(path, &bytes).unwrap();
    let view = View::all(&l).remove(0);
    let fig = svg::figure(&view, &Options::default());
    (fig.layout.clone(), svg::density(&view))
}

fn card_share(l: &Layout) -> f64 {
    let cards: f64 = l.nodes.iter().map(|r| r.w * r.h).sum();
    cards / (l.width * l.height)
}

/// One figure a reader can take in: time along a side at most
/// `MAX_ASPECT` times the other, nothing overlapping, every edge drawn.
fn one_figure(l: &Layout) {
    let aspect = l.width.max(l.height) / l.width.min(l.height);
    assert!(aspect <= MAX_ASPECT, "aspect {aspect:.2}");
    no_overlaps(l);
    assert!(
        l.edges.iter().all(|e| e.points.len() >= 4),
        "every edge drawn"
    );
}

fn no_overlaps(l: &Layout) {
    let o = layout::overlaps(l);
    assert!(
        o.is_empty(),
        "{} overlaps, first: {:?}",
        o.len(),
        &o[..o.len().min(5)]
    );
}

#[test]
fn a_480_model_fan_out_fits_one_poster() {
    let (l, density) = laid_out("tests/dense/fanout.ron");
    assert_eq!(l.nodes.len(), 480);
    assert_eq!(density, DensityDecl::Dot, "480 models get labelled dots");
    let long = l.width.max(l.height);
    assert!(long <= 12_000.0, "longer side {long} px");
    let share = card_share(&l);
    assert!(
        share >= 0.08,
        "cards cover {:.1} % of the figure",
        100.0 * share
    );
    one_figure(&l);
    // Text at least 10 px on the poster at its natural size.
    let smallest = smallest_text("tests/dense/fanout.ron");
    assert!(smallest >= 10.0, "smallest text {smallest} px");
}

/// 156 language models from 18 labs (issue 15 found such a file drawn
/// 19,776 × 5,326 px, its lanes mostly empty): one figure within the
/// aspect limit, the cards covering at least 8 % of it, no overlaps, text
/// at least 10 px.
#[test]
fn a_156_model_family_tree_of_18_labs_is_one_compact_figure() {
    let (l, density) = laid_out("tests/dense/llms.ron");
    assert_eq!(l.nodes.len(), 156);
    assert_eq!(density, DensityDecl::Dot);
    one_figure(&l);
    let share = card_share(&l);
    assert!(share >= 0.08, "cards cover {:.1} %", 100.0 * share);
    let smallest = smallest_text("tests/dense/llms.ron");
    assert!(smallest >= 10.0, "smallest text {smallest} px");
}

/// 90 systems in the shape of the Unix family tree, one in ten with three
/// or four parents: one figure within the aspect limit, no overlaps, every
/// parent's edge drawn.
#[test]
fn a_unix_shaped_tree_with_four_parent_merges_is_one_figure() {
    let (l, density) = laid_out("tests/dense/unix.ron");
    assert_eq!(l.nodes.len(), 90);
    assert_eq!(density, DensityDecl::Brief);
    one_figure(&l);
    assert_eq!(l.edges.len(), 141);
    let mut parents = vec![0; l.nodes.len()];
    l.edges.iter().for_each(|e| parents[e.to] += 1);
    assert!(parents.iter().filter(|&&p| p >= 3).count() >= 9);
}

/// The smallest text of the first view's SVG at natural size (its size
/// and its viewBox agree), in px.
fn smallest_text(path: &str) -> f64 {
    let bytes = std::fs::read(path).unwrap();
    let (l, _) = lineage::lineage::load(path, &bytes).unwrap();
    let view = View::all(&l).remove(0);
    let drawn = svg::write(&view, &Options::default());
    let doc = roxmltree::Document::parse(&drawn).expect("the SVG parses");
    let root = doc.root_element();
    let number = |a: &str| root.attribute(a).and_then(|v| v.parse::<f64>().ok());
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    assert_eq!(number("width"), view_box.get(2).copied(), "natural size");
    let sizes: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.ancestors()
                .find_map(|a| a.attribute("font-size"))
                .and_then(|v| v.parse().ok())
                .expect("every text has a size")
        })
        .collect();
    assert!(!sizes.is_empty());
    sizes.into_iter().fold(f64::INFINITY, f64::min)
}

/// A generated poster of 3,000 models (many cards of one date stacked in
/// rows, edges across a hundred rows and more): the router finds the rows in the
/// way through its index, and no route enters a card.
#[test]
fn routes_across_many_rows_go_around_every_card() {
    let text = lineage::generate::lineage(3_000, 3);
    let (l, _) = lineage::lineage::load("generated.ron", text.as_bytes()).unwrap();
    let view = View::all(&l).remove(0);
    let fig = svg::figure(&view, &Options::default());
    let rows = {
        let mut ys: Vec<i64> = fig.layout.nodes.iter().map(|r| r.y as i64).collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    };
    assert!(rows >= 100, "{rows} rows");
    no_overlaps(&fig.layout);
    // Some routes pass cards on their way (a corner beyond the four of a
    // route with one bend).
    let around = fig
        .layout
        .edges
        .iter()
        .filter(|e| e.points.len() > 10)
        .count();
    assert!(around > 0);
}

/// Debian's and Ubuntu's releases (a real lineage, issue 15's two-distribution
/// timeline): the figure runs top to bottom, one line a release, because
/// that keeps both chains straight within the aspect limit; left to right,
/// the six-monthly releases can only be a staircase.
#[test]
fn sixty_two_releases_of_two_distributions_keep_a_sane_aspect() {
    let (l, density) = laid_out("tests/dense/releases.ron");
    assert_eq!(density, DensityDecl::Brief);
    let aspect = l.width.max(l.height) / l.width.min(l.height);
    assert!(aspect <= MAX_ASPECT, "aspect {aspect:.2}");
    assert_eq!(l.direction, lineage::layout::Direction::TopToBottom);
    no_overlaps(&l);
    // Lifespans are drawn: every release with room after its card has a bar.
    assert!(l.bars.iter().flatten().count() >= l.nodes.len() / 4);
    // Each distribution's releases in one column, but for one Ubuntu
    // release four months after the one before, closer than a card.
    let (same, straight) = same_lane_derivations(&l, "tests/dense/releases.ron");
    assert_eq!(same, 60);
    assert!(straight >= 59, "{straight} of {same} straight");
}

/// Same-lane derivations in the first view of `path` laid out as `l`, and
/// how many of them are straight (child and parent on one row).
fn same_lane_derivations(l: &Layout, path: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let (lin, _) = lineage::lineage::load(path, text.as_bytes()).unwrap();
    let view = View::all(&lin).remove(0);
    let lr = l.direction == lineage::layout::Direction::LeftToRight;
    let (mut same, mut straight) = (0, 0);
    for r in &l.edges {
        let (a, b) = (view.models[r.from], view.models[r.to]);
        if lin.model(a).branch == lin.model(b).branch {
            same += 1;
            let (ra, rb) = (l.nodes[r.from], l.nodes[r.to]);
            straight += usize::from(if lr { ra.y == rb.y } else { ra.x == rb.x });
        }
    }
    (same, straight)
}

/// Top to bottom, a brief card is one line: the lifespan follows the name
/// on its baseline, within the card.
#[test]
fn top_to_bottom_brief_cards_are_one_line() {
    let bytes = std::fs::read("tests/dense/releases.ron").unwrap();
    let (lin, _) = lineage::lineage::load("releases.ron", &bytes).unwrap();
    let view = View::all(&lin).remove(0);
    let drawn = svg::write(&view, &Options::default());
    let doc = roxmltree::Document::parse(&drawn).expect("the SVG parses");
    let card = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("model-ubuntu-edgy"))
        .expect("the card is drawn");
    let texts: Vec<_> = card
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect();
    let at = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    assert_eq!(texts.len(), 2, "name and lifespan");
    assert_eq!(at(&texts[0], "y"), at(&texts[1], "y"), "on one baseline");
    assert!(
        at(&texts[1], "x") > at(&texts[0], "x"),
        "the lifespan after the name"
    );
    let frame = card
        .descendants()
        .find(|n| n.attribute("class") == Some("card"))
        .and_then(|g| g.descendants().find(|n| n.has_tag_name("rect")))
        .expect("the card's box");
    let right = at(&frame, "x") + at(&frame, "width");
    let life = texts[1].text().unwrap_or_default().trim();
    let end = at(&texts[1], "x") + lineage::text::width(life, lineage::text::Face::Sans, 10.0);
    assert!(
        end <= right,
        "the lifespan ends at {end}, the card at {right}"
    );
    assert!(at(&frame, "height") <= 26.0, "one line tall");
}

/// Only a packed timeline chooses its direction: a brief view without
/// dates is laid out in layers, left to right.
#[test]
fn a_view_without_dates_keeps_left_to_right() {
    let mut text = String::from(r#"Lineage(title: "undated", methods: {}, models: ["#);
    for i in 0..50 {
        text.push_str(&format!(r#"(id: "m{i}", name: "M{i}"),"#));
    }
    text.push_str("])");
    let (l, _) = lineage::lineage::load("undated.ron", text.as_bytes()).unwrap();
    let view = View::all(&l).remove(0);
    assert_eq!(svg::density(&view), DensityDecl::Brief);
    let lay = svg::figure(&view, &Options::default()).layout;
    assert_eq!(lay.direction, lineage::layout::Direction::LeftToRight);
}

/// Declared left to right, the same releases keep the aspect limit, time
/// along the long side.
#[test]
fn releases_declared_left_to_right_stay_so() {
    let text = std::fs::read_to_string("tests/dense/releases.ron")
        .unwrap()
        .replace(
            "capabilities: false",
            "capabilities: false, direction: Right",
        );
    let (lin, _) = lineage::lineage::load("releases.ron", text.as_bytes()).unwrap();
    let view = View::all(&lin).remove(0);
    let l = svg::figure(&view, &Options::default()).layout;
    assert_eq!(l.direction, lineage::layout::Direction::LeftToRight);
    let aspect = l.width / l.height;
    assert!((1.0..=MAX_ASPECT).contains(&aspect), "aspect {aspect:.2}");
    no_overlaps(&l);
}

/// A straight release chain of 22 releases, two years apart:
/// one row, every edge a straight horizontal line.
#[test]
fn a_straight_chain_is_drawn_straight() {
    let mut text = String::from(
        r#"Lineage(title: "chain", methods: {"r": (label: "Next")}, branches: {"d": (label: "D")},
        models: ["#,
    );
    for i in 0..22 {
        let from = if i > 0 {
            format!(r#", from: [(parent: "v{}", via: "r")]"#, i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!(
            r#"(id: "v{i}", name: "Release {i}", date: "{}-01", end: "{}", branch: "d"{from}),"#,
            1960 + 2 * i,
            1963 + 2 * i
        ));
    }
    // Side models of one year, with no edges: the view is dense and tall
    // enough that the chain's straight row fits within the aspect limit.
    for i in 0..30 {
        text.push_str(&format!(r#"(id: "s{i}", name: "Side {i}", date: "1980"),"#));
    }
    text.push_str("])");
    let (l, _) = lineage::lineage::load("chain.ron", text.as_bytes()).unwrap();
    let view = View::all(&l).remove(0);
    assert_ne!(svg::density(&view), DensityDecl::Full);
    let fig = svg::figure(&view, &Options::default());
    let chain: Vec<_> = (0..22)
        .map(|i| {
            let n = l.find_model(&format!("v{i}")).unwrap();
            let at = view.models.iter().position(|&m| m == n).unwrap();
            fig.layout.nodes[at]
        })
        .collect();
    assert!(chain.windows(2).all(|w| w[0].y == w[1].y), "one row");
    for e in fig.layout.edges.iter() {
        let ys: Vec<f64> = e.points.iter().map(|p| p.y).collect();
        assert!(ys.iter().all(|&y| y == ys[0]), "straight: {:?}", e.points);
    }
    no_overlaps(&fig.layout);
}

/// Compressed empty stretches are reported (for the axis's break marks),
/// and time is linear outside them: equal months, equal distances.
#[test]
fn the_axis_is_linear_between_breaks() {
    let mut text = String::from(r#"Lineage(title: "gap", methods: {}, models: ["#);
    for i in 0..50 {
        let year = if i < 25 { 1950 + i } else { 2050 + i };
        text.push_str(&format!(
            r#"(id: "m{i}", name: "M{i}", date: "{year}-01"),"#
        ));
    }
    text.push_str("])");
    let (l, _) = lineage::lineage::load("gap.ron", text.as_bytes()).unwrap();
    let view = View::all(&l).remove(0);
    let fig = svg::figure(&view, &Options::default());
    let lay = &fig.layout;
    assert_eq!(lay.breaks.len(), 1, "one compressed stretch");
    let b = &lay.breaks[0];
    let (last_before, first_after) = (1974.0 * 12.0, 2075.0 * 12.0);
    assert!(b.from > last_before && b.to < first_after, "{b:?}");
    assert!(b.to - b.from > 90.0 * 12.0, "{b:?}");
    // Cards' near edges at their dates: a constant step within each stretch
    // (along the flow, whichever way the figure chose to run).
    let lr = lay.direction == lineage::layout::Direction::LeftToRight;
    let xs: Vec<f64> = lay
        .nodes
        .iter()
        .map(|r| if lr { r.x } else { r.y })
        .collect();
    let step = xs[1] - xs[0];
    assert!(step > 0.0);
    for w in xs[..25].windows(2).chain(xs[25..].windows(2)) {
        assert!(
            (w[1] - w[0] - step).abs() <= 0.2,
            "{} vs {step}",
            w[1] - w[0]
        );
    }
    // The break is shorter than the century it stands for.
    assert!(xs[25] - xs[24] < 100.0 * 12.0 * step / 12.0);
    // No tick inside the break.
    assert!(lay.axis.iter().all(|t| t.time <= b.from || t.time >= b.to));
}

/// Every stretch of the axis names a date: one too short for a year tick
/// (a few months between two compressed gaps) gets a tick at its start,
/// labelled with its month.
#[test]
fn every_stretch_between_breaks_names_a_date() {
    let mut text = String::from(r#"Lineage(title: "islands", methods: {}, models: ["#);
    let dates = [
        "1950-01", "1950-03", "2000-05", "2000-07", "2000-08", "2060-01",
    ];
    for (i, date) in dates.iter().enumerate() {
        text.push_str(&format!(r#"(id: "m{i}", name: "M{i}", date: "{date}"),"#));
    }
    text.push_str("])");
    let (l, _) = lineage::lineage::load("islands.ron", text.as_bytes()).unwrap();
    let view = View::all(&l).remove(0);
    let options = Options {
        size: lineage::write::FigureSize::Slide,
        ..Options::default()
    };
    let lay = svg::figure(&view, &options).layout;
    assert!(lay.breaks.len() >= 2, "{:?}", lay.breaks);
    let mut starts = vec![f64::NEG_INFINITY];
    starts.extend(lay.breaks.iter().map(|b| b.to));
    let mut ends: Vec<f64> = lay.breaks.iter().map(|b| b.from).collect();
    ends.push(f64::INFINITY);
    for (start, end) in starts.into_iter().zip(ends) {
        assert!(
            lay.axis
                .iter()
                .any(|t| t.major && t.time >= start && t.time <= end),
            "no date named between {start} and {end}: {:?}",
            lay.axis
        );
    }
    assert!(
        lay.axis
            .iter()
            .any(|t| t.major && t.label.starts_with("2000-")),
        "{:?}",
        lay.axis
    );
}

/// The marks a packed timeline adds are keyed in its legend, and only
/// there: the axis break and the lifespan bar.
#[test]
fn breaks_and_lifespans_are_keyed_where_drawn() {
    use lineage::lineage::Lang;
    use lineage::words::Word;
    let legend_of = |path: &str| {
        let bytes = std::fs::read(path).unwrap();
        let (l, _) = lineage::lineage::load(path, &bytes).unwrap();
        let view = View::all(&l).remove(0);
        let svg =
            lineage::write::write(&view, lineage::write::Format::Svg, &Options::default()).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        let start = svg.find("class=\"legend\"").expect("a legend");
        let end = svg[start..]
            .find("</g>\n<g")
            .map_or(svg.len(), |e| start + e);
        svg[start..end].to_string()
    };
    let (lifespan, gap) = (
        Word::KeyLifespan.get(Lang::En),
        Word::KeyAxisBreak.get(Lang::En),
    );
    let releases = legend_of("tests/dense/releases.ron");
    assert!(releases.contains(lifespan), "{releases}");
    let gpt = legend_of("graphs/gpt.ron");
    assert!(!gpt.contains(lifespan) && !gpt.contains(gap), "{gpt}");
}

/// Colours are assigned per view: a view that shows five of seven methods
/// gives them the first five styles, and seven methods get seven colours.
#[test]
fn a_views_methods_get_the_first_colours() {
    let mut text = String::from(r#"Lineage(title: "m", methods: {"#);
    for m in 0..7 {
        text.push_str(&format!(r#""m{m}": (label: "Method {m}"),"#));
    }
    text.push_str(r#"}, models: [(id: "a", name: "A", date: "2000"),"#);
    for m in 0..7 {
        text.push_str(&format!(
            r#"(id: "c{m}", name: "C{m}", date: "2001", from: [(parent: "a", via: "m{m}")]),"#
        ));
    }
    text.push_str(
        r#"], views: [(name: "all"), (name: "late", only: ["a", "c2", "c3", "c4", "c5", "c6"])])"#,
    );
    let (l, _) = lineage::lineage::load("m.ron", text.as_bytes()).unwrap();
    let views = View::all(&l);
    let colours = |v: &View| -> Vec<_> {
        v.edges
            .iter()
            .map(|&e| lineage::palette::method_style(v.method_slot(l.graph[e].method)))
            .collect()
    };
    let all = colours(&views[0]);
    assert_eq!(all.len(), 7);
    for (i, a) in all.iter().enumerate() {
        assert!(
            all[i + 1..].iter().all(|b| b != a),
            "method {i} shares a style"
        );
    }
    let late = colours(&views[1]);
    let first_five: Vec<_> = (0..5).map(lineage::palette::method_style).collect();
    assert_eq!(late, first_five);
}

/// In the view's SVG, per element of `class` (in document order), the
/// first colour (`#rrggbb`) its first shape inside gives as `attribute`.
fn colours_of(view: &View, class: &str, attribute: &str) -> Vec<String> {
    let svg = svg::write(view, &Options::default());
    let doc = roxmltree::Document::parse(&svg).expect("the SVG parses");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .filter_map(|group| {
            group
                .descendants()
                .filter(|n| n.has_tag_name("rect") || n.has_tag_name("path"))
                .find_map(|n| n.attribute(attribute).filter(|v| v.starts_with('#')))
                .map(str::to_string)
        })
        .collect()
}

/// Issue 15: colours for any number of branches. With more branches than
/// colours, branch 0 and the branch a whole palette later share a colour
/// in a figure of them all, but a view of just those two gives them the
/// first two colours, in declaration order. A file within the colours
/// keeps each branch's colour in every view.
#[test]
fn a_views_branches_get_their_own_colours_when_the_file_has_many() {
    let colours = lineage::palette::COLOURS;
    let file = |branches: usize, pair: (usize, usize)| {
        let mut text = String::from(r#"Lineage(title: "b", branches: {"#);
        for b in 0..branches {
            text.push_str(&format!(r#""b{b:02}": (label: "Branch {b}"),"#));
        }
        text.push_str("}, models: [");
        for b in 0..branches {
            text.push_str(&format!(
                r#"(id: "m{b:02}", name: "M{b}", date: "{}", branch: "b{b:02}"),"#,
                2000 + b
            ));
        }
        text.push_str(&format!(
            r#"], views: [(name: "all"), (name: "pair", only: ["m{:02}", "m{:02}"])])"#,
            pair.0, pair.1
        ));
        text
    };
    // The lanes' band colours, in the order drawn (here declaration order:
    // no edges to reorder them for).
    let bands = |view: &View| colours_of(view, "lane", "fill");
    let text = file(colours + 2, (0, colours));
    let (l, _) = lineage::lineage::load("b.ron", text.as_bytes()).unwrap();
    let views = View::all(&l);
    let all = bands(&views[0]);
    assert_eq!(all.len(), colours + 2);
    assert_eq!(all[0], all[colours], "beyond the colours they repeat");
    let pair = bands(&views[1]);
    assert_eq!(pair, all[..2]);
    // Within the colours, a branch keeps its colour in every view.
    let text = file(colours, (0, colours - 1));
    let (l, _) = lineage::lineage::load("b.ron", text.as_bytes()).unwrap();
    let views = View::all(&l);
    let all = bands(&views[0]);
    let distinct: std::collections::BTreeSet<_> = all.iter().collect();
    assert_eq!(distinct.len(), colours, "{all:?}");
    assert_eq!(bands(&views[1]), [all[0].clone(), all[colours - 1].clone()]);
}

/// The same for capabilities: with more capabilities than colours, a
/// view of a model that gains capability 0 and the one a whole palette
/// later draws their chips in two colours (the file's own order would give
/// both the first); a file within the colours keeps each capability's.
#[test]
fn a_views_capabilities_get_their_own_colours_when_the_file_has_many() {
    let chips = |caps: usize| -> Vec<String> {
        let mut text = String::from(r#"Lineage(title: "c", capabilities: {"#);
        for c in 0..caps {
            text.push_str(&format!(r#""c{c:02}": (label: "Ability {c}"),"#));
        }
        let last = caps - 1;
        text.push_str(&format!(
            r#"}}, models: [(id: "a", name: "A", date: "2000",
                 changes: [Gained(cap: "c00"), Gained(cap: "c{last:02}")])])"#
        ));
        let (l, _) = lineage::lineage::load("c.ron", text.as_bytes()).unwrap();
        colours_of(&View::all(&l)[0], "chip", "stroke")
    };
    let colours = lineage::palette::COLOURS;
    let many = chips(colours + 1);
    assert_eq!(many.len(), 2);
    assert_ne!(many[0], many[1], "{many:?}");
    let within = chips(colours);
    assert_ne!(within[0], within[1], "{within:?}");
    assert_eq!(many[0], within[0]);
}

/// Issue 15: compact layouts of real lineages cross no more than dot's
/// drawing of the same graph. Debian's and Ubuntu's releases, laid out as
/// dot would (compact layers, no lanes), cross nowhere, as in dot (its
/// chains used to swap sides once, one crossing that no local step
/// undoes); the 480-model fan-out stays under dot's 1,018 (counted by the
/// bench the same way).
#[test]
fn real_lineages_in_compact_layers_cross_no_more_than_dot() {
    for (path, most) in [
        ("tests/dense/releases.ron", 0),
        ("tests/dense/fanout.ron", 1_018),
        ("tests/dense/llms.ron", 101),
        ("tests/dense/unix.ron", 56),
    ] {
        let bytes = std::fs::read(path).unwrap();
        let (l, _) = lineage::lineage::load(path, &bytes).unwrap();
        let view = View::all(&l).remove(0);
        let fig = svg::figure(&view, &Options::default());
        let mut graph = fig.graph.clone();
        graph.mode = layout::LayerMode::Compact;
        graph.lanes.clear();
        graph.nodes.iter_mut().for_each(|n| n.lane = None);
        let drawn = layout::layout(&graph);
        let crossings = layout::crossings_between_unrelated(&graph, &drawn);
        assert!(crossings <= most, "{path}: {crossings} crossings");
    }
}

/// Issue 15: any number of methods stay apart. Twenty methods shown in
/// one view get twenty styles; the four beyond sixteen carry a mark on
/// their line, drawn on each of their edges and on their legend sample,
/// and the SVG parses.
#[test]
fn twenty_methods_keep_twenty_styles_with_marks_beyond_sixteen() {
    let mut text = String::from(r#"Lineage(title: "m", methods: {"#);
    for m in 0..20 {
        text.push_str(&format!(r#""m{m:02}": (label: "Method {m}"),"#));
    }
    text.push_str(r#"}, models: [(id: "a", name: "A", date: "2000"),"#);
    for m in 0..20 {
        text.push_str(&format!(
            r#"(id: "c{m:02}", name: "C{m}", date: "2001", from: [(parent: "a", via: "m{m:02}")]),"#
        ));
    }
    text.push_str("])");
    let (l, _) = lineage::lineage::load("m.ron", text.as_bytes()).unwrap();
    let view = &View::all(&l)[0];
    let styles: Vec<_> = view
        .edges
        .iter()
        .map(|&e| lineage::palette::method_style(view.method_slot(l.graph[e].method)))
        .collect();
    for (i, a) in styles.iter().enumerate() {
        assert!(
            styles[i + 1..].iter().all(|b| b != a),
            "method {i} shares a style"
        );
    }
    let marked = styles.iter().filter(|s| s.mark.is_some()).count();
    assert_eq!(marked, 4);
    let drawn = svg::write(view, &Options::default());
    roxmltree::Document::parse(&drawn).expect("the SVG parses");
    // Each marked edge and each marked legend sample.
    assert_eq!(
        drawn.matches(r#"class="method-mark""#).count(),
        2 * marked,
        "{drawn}"
    );
}

/// `density` is checked: a value it does not know is an error, and on a
/// view kind without cards it is a warning.
#[test]
fn density_is_validated() {
    let base = r#"Lineage(title: "d", methods: {}, capabilities: {"c": (label: "C")},
        models: [(id: "a", name: "A", date: "2000")], views: [VIEW])"#;
    let bad = base.replace("VIEW", r#"(name: "v", density: Huge)"#);
    assert!(lineage::lineage::load("d.ron", bad.as_bytes()).is_err());
    let matrix = base.replace("VIEW", r#"(name: "v", kind: Matrix, density: Dot)"#);
    let (_, warnings) = lineage::lineage::load("d.ron", matrix.as_bytes()).unwrap();
    assert!(
        warnings.iter().any(|w| w.message.contains("density")),
        "{warnings:?}"
    );
    let dot = base.replace("VIEW", r#"(name: "v", density: Dot)"#);
    let (l, warnings) = lineage::lineage::load("d.ron", dot.as_bytes()).unwrap();
    assert!(
        warnings.iter().all(|w| !w.message.contains("density")),
        "{warnings:?}"
    );
    assert_eq!(svg::density(&View::all(&l)[0]), DensityDecl::Dot);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the lineage, a packed timeline (brief cards or dots, either
    /// direction, or the one chosen) overlaps nothing and routes every edge.
    #[test]
    fn packed_timelines_overlap_nothing_either_way(
        models in 2usize..120,
        seed in proptest::prelude::any::<u64>(),
        how in 0usize..6,
    ) {
        let direction = ["", ", direction: Right", ", direction: Down"][how % 3];
        let density = ["Brief", "Dot"][how / 3];
        let text = lineage::generate::lineage(models, seed);
        let text = format!(
            "{}  views: [(name: \"v\", density: {density}{direction})],\n)\n",
            text.trim_end().trim_end_matches(')')
        );
        let (l, _) = lineage::lineage::load("generated.ron", text.as_bytes()).unwrap();
        let view = View::all(&l).remove(0);
        let lay = svg::figure(&view, &Options::default()).layout;
        let o = layout::overlaps(&lay);
        proptest::prop_assert!(o.is_empty(), "{} overlaps: {:?}", o.len(), &o[..o.len().min(3)]);
        proptest::prop_assert!(lay.edges.iter().all(|e| e.points.len() >= 2));
        proptest::prop_assert!(lay.width.is_finite() && lay.height.is_finite());
    }
}
