//! SVG figures, drawn by lineage itself from its own layout.
//!
//! [`figure`] measures every card and edge label, builds the layout input
//! and runs the layout; [`write()`] composes the page around it (title,
//! legend, lanes, time axis, edges, cards, sources) and draws it with a
//! [`pen::Pen`], clean or sketchy. Nothing here reads fonts or files: text is
//! measured with the shipped metrics, so the bytes are the same everywhere.

pub mod card;
pub mod document;
mod icon;
pub mod pen;
pub mod sketch;

use self::card::{Card, Faces};
use self::pen::{Pen, Stroke};
use super::{Options, Style};
use crate::data::{Certainty, ChangeKind, DirectionDecl, LayersDecl};
use crate::layout::{self, Direction, LayerMode, Layout, Point, Rect, Size, Tick};
use crate::lineage::{BranchId, Lang, SourceId};
use crate::palette::{self, Rgb, Theme};
use crate::text::{self, Face};
use crate::view::View;
use crate::words::{self, Word};
use serde::Serialize;
use std::collections::BTreeSet;
use svg::node::element::{Group, Title};
use svg::Node;

const MARGIN: f64 = 28.0;
const TITLE_SIZE: f64 = 22.0;
const SUBTITLE_SIZE: f64 = 13.0;
const LEGEND_SIZE: f64 = 11.0;
const EDGE_LABEL_SIZE: f64 = 10.0;
const AXIS_SIZE: f64 = 11.0;
const SOURCE_SIZE: f64 = 10.5;
const LANE_LABEL_SIZE: f64 = 11.5;
const MIN_WIDTH: f64 = 720.0;

/// A view measured and laid out: what the SVG writer and `layout-json` share.
pub struct Figure<'a> {
    pub view: &'a View<'a>,
    pub faces: Faces,
    /// In the order of `view.models`.
    pub cards: Vec<Card>,
    /// Edge labels (the method), wrapped, in the order of `view.edges`.
    pub edge_labels: Vec<Vec<String>>,
    /// Lane index → branch.
    pub lanes: Vec<BranchId>,
    pub graph: layout::Graph,
    pub layout: Layout,
}

fn faces(options: &Options) -> Faces {
    match options.style {
        Style::Clean => Faces::CLEAN,
        Style::Sketch => Faces::HAND,
    }
}

/// Measure and lay out `view`.
pub fn figure<'a>(view: &'a View<'a>, options: &Options) -> Figure<'a> {
    let faces = faces(options);
    let lineage = view.lineage;
    let cards: Vec<Card> = view
        .models
        .iter()
        .map(|&n| card::card(view, n, options.lang, faces))
        .collect();
    let lanes: Vec<BranchId> = view
        .models
        .iter()
        .filter_map(|&n| lineage.model(n).branch)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // Node index → position in the view, so wiring edges is linear, not n × e.
    let mut position = vec![None; lineage.graph.node_count()];
    for (i, &n) in view.models.iter().enumerate() {
        position[n.index()] = Some(i);
    }
    let index_of = |n: petgraph::graph::NodeIndex| position[n.index()];
    let nodes = view
        .models
        .iter()
        .zip(&cards)
        .map(|(&n, c)| {
            let model = lineage.model(n);
            layout::Node {
                key: model.id.clone(),
                size: c.size,
                time: model
                    .date
                    .span()
                    .map(|(start, end)| layout::Time { start, end }),
                lane: model
                    .branch
                    .and_then(|b| lanes.iter().position(|&l| l == b)),
            }
        })
        .collect();
    let edge_labels: Vec<Vec<String>> = view
        .edges
        .iter()
        .map(|&e| edge_label(view, e, options.lang, faces))
        .collect();
    let edges = view
        .edges
        .iter()
        .zip(&edge_labels)
        .filter_map(|(&e, label)| {
            let (a, b) = lineage.graph.edge_endpoints(e)?;
            Some(layout::Edge {
                from: index_of(a)?,
                to: index_of(b)?,
                label: Some(label_size(label, faces)),
            })
        })
        .collect();
    let graph = layout::Graph {
        nodes,
        edges,
        lanes: lanes
            .iter()
            .map(|&b| lineage.branch(b).id.clone())
            .collect(),
        direction: match view.spec.direction {
            DirectionDecl::Right => Direction::LeftToRight,
            DirectionDecl::Down => Direction::TopToBottom,
        },
        mode: match view.spec.layers {
            LayersDecl::Timeline => LayerMode::Timeline,
            LayersDecl::Compact => LayerMode::Compact,
        },
    };
    let layout = layout::layout(&graph);
    Figure {
        view,
        faces,
        cards,
        edge_labels,
        lanes,
        graph,
        layout,
    }
}

/// The method, with the keys of the edge's sources: "Code training [9]".
fn edge_label(view: &View, e: petgraph::graph::EdgeIndex, lang: Lang, faces: Faces) -> Vec<String> {
    let lineage = view.lineage;
    let d = &lineage.graph[e];
    let mut label = card::clean(lineage.method(d.method).label.get(lang));
    if d.certainty == Certainty::Uncertain {
        label.push_str(" ?");
    }
    for &s in &d.sources {
        label.push_str(&format!(" [{}]", card::clean(&lineage.source(s).key)));
    }
    text::wrap(&label, faces.body, EDGE_LABEL_SIZE, 120.0)
}

fn label_size(lines: &[String], faces: Faces) -> Size {
    let w = lines
        .iter()
        .map(|l| text::width(l, faces.body, EDGE_LABEL_SIZE))
        .fold(0.0, f64::max);
    Size {
        w: (w + 8.0).ceil(),
        h: (lines.len() as f64 * text::line_height(faces.body, EDGE_LABEL_SIZE) + 4.0).ceil(),
    }
}

/// `layout-json`: the layout as data, with model ids. Serialized straight
/// from borrowed records (no JSON tree in memory: a 100,000-model layout
/// has millions of route points).
pub fn layout_json(view: &View, options: &Options) -> String {
    let fig = figure(view, options);
    let ids: Vec<&str> = view
        .models
        .iter()
        .map(|&n| view.lineage.model(n).id.as_str())
        .collect();
    let layout = &fig.layout;
    let doc = LayoutDoc {
        view: &view.spec.name,
        width: layout.width,
        height: layout.height,
        direction: layout.direction,
        nodes: layout
            .nodes
            .iter()
            .zip(&ids)
            .map(|(rect, id)| NodeDoc { id, rect })
            .collect(),
        edges: layout
            .edges
            .iter()
            .map(|route| EdgeDoc {
                from: ids[route.from],
                to: ids[route.to],
                points: &route.points,
                label: route.label.as_ref(),
            })
            .collect(),
        lanes: layout
            .lanes
            .iter()
            .map(|band| LaneDoc {
                branch: &fig.graph.lanes[band.lane],
                rect: &band.rect,
            })
            .collect(),
        axis: &layout.axis,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(Serialize)]
struct LayoutDoc<'a> {
    view: &'a str,
    width: f64,
    height: f64,
    direction: Direction,
    nodes: Vec<NodeDoc<'a>>,
    edges: Vec<EdgeDoc<'a>>,
    lanes: Vec<LaneDoc<'a>>,
    axis: &'a [Tick],
}

#[derive(Serialize)]
struct NodeDoc<'a> {
    id: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}

#[derive(Serialize)]
struct EdgeDoc<'a> {
    from: &'a str,
    to: &'a str,
    points: &'a [Point],
    label: Option<&'a Rect>,
}

#[derive(Serialize)]
struct LaneDoc<'a> {
    branch: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}

/// An XML id made of the safe characters of `key`.
pub fn safe_id(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Where the parts of the page go.
struct Page {
    width: f64,
    height: f64,
    /// Offset of the layout's origin on the page.
    origin: Point,
    header: Vec<(String, Face, f64, f64)>,
    legend: Vec<LegendItem>,
    lane_gutter: f64,
    axis_at: f64,
    sources: Vec<(f64, String)>,
}

/// One legend entry: a sample and its words, placed at `at` (top-left).
struct LegendItem {
    at: Point,
    sample: Sample,
    label: String,
}

enum Sample {
    Method(Rgb, bool),
    Chip(ChangeKind, bool),
    Merge,
}

const SAMPLE_W: f64 = 26.0;

/// Draw `view` as an SVG document, whatever its size (see [`checked`]).
pub fn write(view: &View, options: &Options) -> String {
    let fig = figure(view, options);
    let page = compose(&fig, options);
    draw(view, &fig, &page, options)
}

/// Draw `view` as an SVG document, or say it is too large
/// ([`super::MAX_SVG_SIDE`]; with `png_scale`, also the PNG limits at that
/// scale) before drawing anything.
pub fn checked(
    view: &View,
    options: &Options,
    png_scale: Option<f32>,
) -> Result<String, super::WriteError> {
    let fig = figure(view, options);
    let page = compose(&fig, options);
    super::check_svg_size(view, page.width, page.height)?;
    if let Some(scale) = png_scale {
        let frame = document::frame(page.width, page.height, options.size);
        super::check_png_size(view, frame.width, frame.height, scale)?;
    }
    Ok(draw(view, &fig, &page, options))
}

fn draw(view: &View, fig: &Figure, page: &Page, options: &Options) -> String {
    let theme = Theme::get(options.theme);
    let pen = Pen {
        sketch: (options.style == Style::Sketch)
            .then_some(sketch::Sketch::new(options.seed, theme.background)),
    };
    let lang = options.lang;
    let title = card::clean(view.title().get(lang));
    let shell = document::Shell {
        frame: document::frame(page.width, page.height, options.size),
        title: &title,
        desc: describe(fig, lang),
        lang,
        theme: options.theme,
        kind: "lineage",
        font_family: text::font_stack(fig.faces.body),
    };
    let mut body = document::body(&shell);
    body.append(pen_nodes(
        pen.rect("page", shell.frame.view, 0.0, Some(theme.background), None),
        "background",
    ));
    body.append(draw_header(page, &theme));
    body.append(draw_legend(fig, page, &pen, &theme));
    body.append(draw_lanes(fig, page, &pen, &theme, lang));
    body.append(draw_axis(fig, page, &pen, &theme));
    body.append(draw_edges(fig, page, &pen, &theme, lang));
    body.append(draw_cards(fig, page, &pen, &theme, lang));
    body.append(draw_sources(fig, page, &theme));
    document::finish(&shell, body)
}

fn pen_nodes(nodes: Vec<Box<dyn Node>>, class: &str) -> Group {
    let mut g = Group::new().set("class", class);
    for n in nodes {
        g.append(n);
    }
    g
}

/// Accessible summary: what the figure shows, in words.
fn describe(fig: &Figure, lang: Lang) -> String {
    let lineage = fig.view.lineage;
    let names: Vec<String> = fig
        .view
        .models
        .iter()
        .map(|&n| card::clean(lineage.model(n).current_name().get(lang)))
        .collect();
    let merges = fig.cards.iter().filter(|c| c.merge).count();
    words::lineage_summary(&names, fig.view.edges.len(), merges, lang)
}

/// Lay out the page: header, legend, diagram, axis, sources.
fn compose(fig: &Figure, options: &Options) -> Page {
    let f = fig.faces;
    let lang = options.lang;
    let lineage = fig.view.lineage;
    let lr = fig.layout.direction == Direction::LeftToRight;
    let lane_gutter = lane_gutter(fig, lang, lr);
    let timeline = !fig.layout.axis.is_empty();
    let axis_gutter = if timeline && !lr { 52.0 } else { 0.0 };
    let diagram_w = fig.layout.width + if lr { lane_gutter } else { axis_gutter };
    let width = (diagram_w + 2.0 * MARGIN).max(MIN_WIDTH).ceil();
    let inner = width - 2.0 * MARGIN;

    let mut y = MARGIN;
    let mut header = Vec::new();
    for line in text::wrap(
        &card::clean(fig.view.title().get(lang)),
        f.bold,
        TITLE_SIZE,
        inner,
    ) {
        y += text::ascent(f.bold, TITLE_SIZE);
        header.push((line, f.bold, MARGIN, y));
        y += text::line_height(f.bold, TITLE_SIZE) - text::ascent(f.bold, TITLE_SIZE);
    }
    if let Some(sub) = fig.view.subtitle() {
        y += 4.0;
        for line in text::wrap(&card::clean(sub.get(lang)), f.body, SUBTITLE_SIZE, inner) {
            y += text::ascent(f.body, SUBTITLE_SIZE);
            header.push((line, f.body, MARGIN, y));
            y += text::line_height(f.body, SUBTITLE_SIZE) - text::ascent(f.body, SUBTITLE_SIZE);
        }
    }
    y += 14.0;
    let (legend, legend_bottom) = place_legend(fig, lang, MARGIN, y, inner);
    y = legend_bottom + 18.0;
    if !lr {
        y += if fig.lanes.is_empty() {
            0.0
        } else {
            lane_gutter
        };
    }
    let origin = Point {
        x: MARGIN + if lr { lane_gutter } else { axis_gutter } + (inner - diagram_w).max(0.0) / 2.0,
        y,
    };
    y += fig.layout.height;
    let axis_at = if lr { y + 8.0 } else { origin.x - 10.0 };
    if timeline && lr {
        y += 8.0 + 8.0 + text::line_height(f.body, AXIS_SIZE) + 4.0;
    }
    y += 16.0;
    let mut sources = Vec::new();
    for s in cited(fig) {
        let src = lineage.source(s);
        let mut line = format!(
            "[{}] {}",
            card::clean(&src.key),
            card::clean(src.title.get(lang))
        );
        if let Some(url) = &src.url {
            line.push_str(&format!(" {}", card::clean(url)));
        }
        for part in text::wrap(&line, f.body, SOURCE_SIZE, inner) {
            y += text::line_height(f.body, SOURCE_SIZE);
            sources.push((y, part));
        }
    }
    Page {
        width,
        height: (y + MARGIN).ceil(),
        origin,
        header,
        legend,
        lane_gutter,
        axis_at,
        sources,
    }
}

/// Room for lane labels: beside the lanes (left to right) or above them.
fn lane_gutter(fig: &Figure, lang: Lang, lr: bool) -> f64 {
    if fig.lanes.is_empty() {
        return 0.0;
    }
    let f = fig.faces;
    if lr {
        let widest = fig
            .lanes
            .iter()
            .flat_map(|&b| lane_label(fig, b, lang))
            .map(|l| text::width(&l, f.bold, LANE_LABEL_SIZE))
            .fold(0.0, f64::max);
        (widest + 20.0).ceil()
    } else {
        (text::line_height(f.bold, LANE_LABEL_SIZE) * 2.0 + 10.0).ceil()
    }
}

fn lane_label(fig: &Figure, b: BranchId, lang: Lang) -> Vec<String> {
    let label = card::clean(fig.view.lineage.branch(b).label.get(lang));
    text::wrap(&label, fig.faces.bold, LANE_LABEL_SIZE, 110.0)
}

/// Sources cited by the models, edges and changes shown, in declaration order.
fn cited(fig: &Figure) -> Vec<SourceId> {
    let lineage = fig.view.lineage;
    let mut ids = BTreeSet::new();
    for &n in &fig.view.models {
        let m = lineage.model(n);
        ids.extend(m.sources.iter().copied());
        if fig.view.spec.capabilities {
            for c in &m.changes {
                ids.extend(c.sources.iter().copied());
            }
        }
    }
    for &e in &fig.view.edges {
        ids.extend(lineage.graph[e].sources.iter().copied());
    }
    ids.into_iter().collect()
}

/// Legend entries flow left to right and wrap at the page's inner width.
fn place_legend(fig: &Figure, lang: Lang, x0: f64, y0: f64, inner: f64) -> (Vec<LegendItem>, f64) {
    let lineage = fig.view.lineage;
    let f = fig.faces;
    let mut items: Vec<(Sample, String)> = Vec::new();
    let used_methods: BTreeSet<usize> = fig
        .view
        .edges
        .iter()
        .map(|&e| lineage.graph[e].method.0)
        .collect();
    for m in used_methods {
        items.push((
            Sample::Method(palette::method(m), false),
            card::clean(lineage.methods[m].label.get(lang)),
        ));
    }
    let uncertain_edges = fig
        .view
        .edges
        .iter()
        .any(|&e| lineage.graph[e].certainty == Certainty::Uncertain);
    if uncertain_edges {
        items.push((
            Sample::Method(Rgb(0x80, 0x80, 0x80), true),
            Word::UncertainDerivation.get(lang).to_string(),
        ));
    }
    if fig.cards.iter().any(|c| c.merge) {
        items.push((Sample::Merge, Word::Merge.get(lang).to_string()));
    }
    let kinds: BTreeSet<ChangeKind> = fig
        .cards
        .iter()
        .flat_map(|c| c.chips.iter().map(|ch| ch.kind))
        .collect();
    for k in kinds {
        items.push((Sample::Chip(k, true), words::change(k, lang).to_string()));
    }
    if fig
        .cards
        .iter()
        .any(|c| c.chips.iter().any(|ch| !ch.certain))
    {
        items.push((
            Sample::Chip(ChangeKind::Gained, false),
            Word::UncertainGuess.get(lang).to_string(),
        ));
    }
    let line_h = text::line_height(f.body, LEGEND_SIZE).max(16.0);
    let (mut x, mut y) = (x0, y0);
    let mut placed = Vec::new();
    for (sample, label) in items {
        let w = SAMPLE_W + 6.0 + text::width(&label, f.body, LEGEND_SIZE) + 18.0;
        if x > x0 && x + w > x0 + inner {
            x = x0;
            y += line_h + 6.0;
        }
        placed.push(LegendItem {
            at: Point { x, y },
            sample,
            label,
        });
        x += w;
    }
    let bottom = if placed.is_empty() { y0 } else { y + line_h };
    (placed, bottom)
}

fn draw_header(page: &Page, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "header");
    for (i, (line, face, x, y)) in page.header.iter().enumerate() {
        let (size, color) = if *face == Face::SansBold || i == 0 {
            (TITLE_SIZE, theme.text)
        } else {
            (SUBTITLE_SIZE, theme.muted)
        };
        let size = if color == theme.muted {
            SUBTITLE_SIZE
        } else {
            size
        };
        g.append(pen::text(line, *x, *y, *face, size, color));
    }
    g
}

fn draw_legend(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme) -> Group {
    let f = fig.faces;
    let mut g = Group::new().set("class", "legend");
    let line_h = text::line_height(f.body, LEGEND_SIZE).max(16.0);
    for (i, item) in page.legend.iter().enumerate() {
        let mid = item.at.y + line_h / 2.0;
        let key = format!("legend-{i}");
        match item.sample {
            Sample::Method(color, dashed) => {
                let a = Point {
                    x: item.at.x,
                    y: mid,
                };
                let b = Point {
                    x: item.at.x + SAMPLE_W - 6.0,
                    y: mid,
                };
                let ink = theme.ink(color);
                g.append(pen_nodes(
                    pen.line(
                        &key,
                        a,
                        b,
                        Stroke {
                            color: ink,
                            width: 2.0,
                            dashed,
                        },
                    ),
                    "sample",
                ));
                g.append(pen.arrowhead(
                    a,
                    Point {
                        x: item.at.x + SAMPLE_W,
                        y: mid,
                    },
                    7.0,
                    ink,
                ));
            }
            Sample::Merge => {
                let b = Rect {
                    x: item.at.x,
                    y: item.at.y + 1.0,
                    w: SAMPLE_W,
                    h: line_h - 2.0,
                };
                g.append(pen_nodes(
                    pen.rect(
                        &key,
                        b,
                        3.0,
                        Some(theme.card),
                        Some(Stroke::solid(theme.merge_stroke, 2.5)),
                    ),
                    "sample",
                ));
            }
            Sample::Chip(kind, certain) => {
                let b = Rect {
                    x: item.at.x,
                    y: item.at.y + 1.0,
                    w: SAMPLE_W,
                    h: line_h - 2.0,
                };
                let stroke = Stroke {
                    color: theme.muted,
                    width: 1.0,
                    dashed: !certain,
                };
                g.append(pen_nodes(
                    pen.rect(&key, b, 4.0, Some(theme.grid), Some(stroke)),
                    "sample",
                ));
                let baseline = mid + LEGEND_SIZE * 0.35;
                if certain {
                    let advance = text::width(card::MARK_SLOT, f.body, LEGEND_SIZE);
                    g.append(icon::change_icon(
                        kind,
                        b.x + (b.w - advance) / 2.0,
                        baseline,
                        advance,
                        LEGEND_SIZE,
                        theme.text,
                    ));
                } else {
                    let gw = text::width("?", f.body, LEGEND_SIZE);
                    g.append(pen::text(
                        "?",
                        b.x + (b.w - gw) / 2.0,
                        baseline,
                        f.body,
                        LEGEND_SIZE,
                        theme.text,
                    ));
                }
            }
        }
        g.append(pen::text(
            &item.label,
            item.at.x + SAMPLE_W + 6.0,
            mid + LEGEND_SIZE * 0.35,
            f.body,
            LEGEND_SIZE,
            theme.text,
        ));
    }
    g
}

fn shift(b: Rect, o: Point) -> Rect {
    Rect {
        x: b.x + o.x,
        y: b.y + o.y,
        ..b
    }
}

fn draw_lanes(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme, lang: Lang) -> Group {
    let mut g = Group::new().set("class", "lanes");
    let lr = fig.layout.direction == Direction::LeftToRight;
    let f = fig.faces;
    let line_h = text::line_height(f.bold, LANE_LABEL_SIZE);
    for band in &fig.layout.lanes {
        let branch = fig.lanes[band.lane];
        let color = palette::branch(branch.0);
        let mut b = shift(band.rect, page.origin);
        if lr {
            b.x -= page.lane_gutter;
            b.w += page.lane_gutter;
        } else {
            b.y -= page.lane_gutter;
            b.h += page.lane_gutter;
        }
        let id = fig.view.lineage.branch(branch).id.clone();
        let mut lane = Group::new()
            .set("class", "lane")
            .set("data-branch", id.clone());
        let tint = theme.tint(color, 0.12);
        lane.append(pen_nodes(
            pen.rect(&format!("lane-{id}"), b, 10.0, Some(tint), None),
            "band",
        ));
        let lines = lane_label(fig, branch, lang);
        let ink = theme.ink(color);
        let block = lines.len() as f64 * line_h;
        for (i, line) in lines.iter().enumerate() {
            let (x, y) = if lr {
                (
                    b.x + 10.0,
                    b.y + (b.h - block) / 2.0
                        + i as f64 * line_h
                        + text::ascent(f.bold, LANE_LABEL_SIZE),
                )
            } else {
                (
                    b.x + 10.0,
                    b.y + 8.0 + i as f64 * line_h + text::ascent(f.bold, LANE_LABEL_SIZE),
                )
            };
            lane.append(pen::text(line, x, y, f.bold, LANE_LABEL_SIZE, ink));
        }
        g.append(lane);
    }
    g
}

/// The time axis: a line along the flow, year ticks, and each model's date
/// drawn as honestly as it is known (a point, a range bar, a soft "about").
fn draw_axis(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "axis");
    if fig.layout.axis.is_empty() {
        return g;
    }
    let f = fig.faces;
    let lr = fig.layout.direction == Direction::LeftToRight;
    let o = page.origin;
    let (lo, hi) = (
        fig.layout
            .axis
            .iter()
            .map(|t| t.at)
            .fold(f64::MAX, f64::min),
        fig.layout
            .axis
            .iter()
            .map(|t| t.at)
            .fold(f64::MIN, f64::max),
    );
    let along = |at: f64| on_axis(fig, page, at);
    let across_end = |at: f64| {
        if lr {
            Point {
                x: o.x + at,
                y: o.y,
            }
        } else {
            Point {
                x: o.x + fig.layout.width,
                y: o.y + at,
            }
        }
    };
    for (i, tick) in fig.layout.axis.iter().enumerate() {
        if tick.major {
            let grid = Stroke {
                color: theme.grid,
                width: 1.0,
                dashed: false,
            };
            g.append(pen_nodes(
                pen.line(
                    &format!("grid-{i}"),
                    along(tick.at),
                    across_end(tick.at),
                    grid,
                ),
                "grid",
            ));
        }
        let p = along(tick.at);
        let len = if tick.major { 6.0 } else { 3.0 };
        let end = if lr {
            Point {
                x: p.x,
                y: p.y + len,
            }
        } else {
            Point {
                x: p.x - len,
                y: p.y,
            }
        };
        g.append(pen_nodes(
            pen.line(&format!("tick-{i}"), p, end, Stroke::solid(theme.axis, 1.0)),
            "tick",
        ));
        if tick.major {
            let label = card::clean(&tick.label);
            let w = text::width(&label, f.body, AXIS_SIZE);
            let (x, y) = if lr {
                (p.x - w / 2.0, p.y + 8.0 + text::ascent(f.body, AXIS_SIZE))
            } else {
                (p.x - 8.0 - w, p.y + AXIS_SIZE * 0.35)
            };
            g.append(pen::text(&label, x, y, f.body, AXIS_SIZE, theme.muted));
        }
    }
    g.append(pen_nodes(
        pen.line("axis", along(lo), along(hi), Stroke::solid(theme.axis, 1.2)),
        "axis-line",
    ));
    g.append(date_marks(fig, page, pen, theme));
    g
}

/// The point of the time axis at `at` along the flow.
fn on_axis(fig: &Figure, page: &Page, at: f64) -> Point {
    match fig.layout.direction {
        Direction::LeftToRight => Point {
            x: page.origin.x + at,
            y: page.axis_at,
        },
        Direction::TopToBottom => Point {
            x: page.axis_at,
            y: page.origin.y + at,
        },
    }
}

/// Each dated model's date on the axis: a bar for a range, a faint wide
/// mark for "about", a dot for a known date. Unknown dates get no mark.
fn date_marks(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "dates");
    let lr = fig.layout.direction == Direction::LeftToRight;
    let lineage = fig.view.lineage;
    for &n in &fig.view.models {
        let model = lineage.model(n);
        let Some((start, end)) = model.date.span() else {
            continue;
        };
        let (Some(a), Some(b)) = (time_at(&fig.layout, start), time_at(&fig.layout, end)) else {
            continue;
        };
        let color = model
            .branch
            .map_or(theme.axis, |br| theme.ink(palette::branch(br.0)));
        let key = format!("date-{}", model.id);
        let at = |t: f64| on_axis(fig, page, t);
        let mut mark = Group::new()
            .set("class", "date")
            .set("data-id", model.id.clone());
        mark.append(Title::new(card::clean(&model.date.to_string())));
        match model.date {
            crate::date::Date::Range(..) => {
                let (p, q) = (at(a), at(b));
                let bar = if lr {
                    Rect {
                        x: p.x,
                        y: p.y - 2.5,
                        w: (q.x - p.x).max(2.0),
                        h: 5.0,
                    }
                } else {
                    Rect {
                        x: p.x - 2.5,
                        y: p.y,
                        w: 5.0,
                        h: (q.y - p.y).max(2.0),
                    }
                };
                mark.append(pen_nodes(
                    pen.rect(&key, bar, 2.5, Some(color), None),
                    "range",
                ));
            }
            crate::date::Date::About(_) => {
                let stroke = Stroke {
                    color,
                    width: 1.2,
                    dashed: true,
                };
                mark.append(pen_nodes(
                    pen.dot(&key, at(a), 5.5, None, Some(stroke)),
                    "about",
                ));
            }
            _ => mark.append(pen_nodes(
                pen.dot(&key, at(a), 3.0, Some(color), None),
                "point",
            )),
        }
        g.append(mark);
    }
    g
}

/// Position along the flow of a time, from the axis ticks (linear between them).
fn time_at(layout: &Layout, time: f64) -> Option<f64> {
    let ticks = &layout.axis;
    let first = ticks.first()?;
    if ticks.len() == 1 {
        return Some(first.at);
    }
    // Ticks are in time order: the first pair whose later tick is not
    // before `time`, else the last pair (a binary search, not a scan: a
    // lineage of 100,000 models has as many date marks and ticks).
    let i = ticks[1..]
        .partition_point(|t| t.time < time)
        .min(ticks.len() - 2);
    let (a, b) = (&ticks[i], &ticks[i + 1]);
    if (b.time - a.time).abs() < 1e-9 {
        return Some(a.at);
    }
    Some(a.at + (time - a.time) / (b.time - a.time) * (b.at - a.at))
}

fn draw_edges(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme, lang: Lang) -> Group {
    let mut g = Group::new().set("class", "edges");
    let lineage = fig.view.lineage;
    let f = fig.faces;
    for ((route, &e), label) in fig
        .layout
        .edges
        .iter()
        .zip(&fig.view.edges)
        .zip(&fig.edge_labels)
    {
        let d = &lineage.graph[e];
        let (from, to) = (
            &lineage.model(fig.view.models[route.from]).id,
            &lineage.model(fig.view.models[route.to]).id,
        );
        let color = theme.ink(palette::method(d.method.0));
        let uncertain = d.certainty == Certainty::Uncertain;
        let points: Vec<Point> = route
            .points
            .iter()
            .map(|p| Point {
                x: p.x + page.origin.x,
                y: p.y + page.origin.y,
            })
            .collect();
        let mut edge = Group::new()
            .set("class", if uncertain { "edge uncertain" } else { "edge" })
            .set("data-from", from.clone())
            .set("data-to", to.clone());
        edge.append(Title::new(edge_tooltip(fig, e, lang)));
        let key = format!("edge-{from}-{to}");
        edge.append(pen_nodes(
            pen.curve(
                &key,
                &points,
                Stroke {
                    color,
                    width: 1.8,
                    dashed: uncertain,
                },
            ),
            "route",
        ));
        if let (Some(&tip), Some(before)) = (points.last(), tangent_from(&points)) {
            edge.append(pen.arrowhead(before, tip, 9.0, color));
        }
        if let Some(lb) = route.label {
            let b = shift(lb, page.origin);
            edge.append(pen_nodes(
                pen.rect(
                    &format!("{key}-label"),
                    b,
                    4.0,
                    Some(theme.background),
                    None,
                ),
                "label-bg",
            ));
            let lh = text::line_height(f.body, EDGE_LABEL_SIZE);
            for (i, line) in label.iter().enumerate() {
                let w = text::width(line, f.body, EDGE_LABEL_SIZE);
                let y = b.y + 2.0 + i as f64 * lh + text::ascent(f.body, EDGE_LABEL_SIZE);
                edge.append(pen::text(
                    line,
                    b.x + (b.w - w) / 2.0,
                    y,
                    f.body,
                    EDGE_LABEL_SIZE,
                    color,
                ));
            }
        }
        g.append(edge);
    }
    g
}

/// A point before the tip along the route, for the arrowhead's direction.
fn tangent_from(points: &[Point]) -> Option<Point> {
    let tip = *points.last()?;
    points
        .iter()
        .rev()
        .skip(1)
        .find(|p| (p.x - tip.x).abs() + (p.y - tip.y).abs() > 0.5)
        .copied()
}

fn edge_tooltip(fig: &Figure, e: petgraph::graph::EdgeIndex, lang: Lang) -> String {
    let lineage = fig.view.lineage;
    let d = &lineage.graph[e];
    let Some((a, b)) = lineage.graph.edge_endpoints(e) else {
        return String::new();
    };
    let mut parts = vec![format!(
        "{} → {}: {}",
        lineage.model(a).current_name().get(lang),
        lineage.model(b).current_name().get(lang),
        lineage.method(d.method).label.get(lang)
    )];
    if d.certainty == Certainty::Uncertain {
        parts.push(Word::Uncertain.get(lang).to_string());
    }
    if let Some(note) = &d.note {
        parts.push(note.get(lang).to_string());
    }
    for &s in &d.sources {
        let src = lineage.source(s);
        parts.push(format!("[{}] {}", src.key, src.title.get(lang)));
    }
    card::clean(&parts.join(" · "))
}

fn draw_cards(fig: &Figure, page: &Page, pen: &Pen, theme: &Theme, lang: Lang) -> Group {
    let mut g = Group::new().set("class", "nodes");
    let lineage = fig.view.lineage;
    let f = fig.faces;
    let mut used = BTreeSet::new();
    for (c, rect) in fig.cards.iter().zip(&fig.layout.nodes) {
        let model = lineage.model(c.model);
        let b = shift(*rect, page.origin);
        let mut id = format!("model-{}", safe_id(&model.id));
        while !used.insert(id.clone()) {
            id.push('_');
        }
        let mut node = Group::new()
            .set("class", if c.merge { "node merge" } else { "node" })
            .set("id", id)
            .set("data-id", model.id.clone());
        node.append(Title::new(node_tooltip(fig, c.model, lang)));
        let stroke = if c.merge {
            Stroke::solid(theme.merge_stroke, 2.5)
        } else {
            Stroke::solid(
                model
                    .branch
                    .map_or(theme.card_stroke, |br| theme.ink(palette::branch(br.0))),
                1.2,
            )
        };
        node.append(pen_nodes(
            pen.rect(&model.id, b, 8.0, Some(theme.card), Some(stroke)),
            "card",
        ));
        let mut y = b.y + card::PAD;
        for line in &c.name {
            node.append(pen::text(
                line,
                b.x + card::PAD,
                y + text::ascent(f.bold, card::NAME_SIZE),
                f.bold,
                card::NAME_SIZE,
                theme.text,
            ));
            y += card::name_line_height(f);
        }
        y += 2.0;
        for line in &c.meta {
            node.append(pen::text(
                line,
                b.x + card::PAD,
                y + text::ascent(f.body, card::META_SIZE),
                f.body,
                card::META_SIZE,
                theme.muted,
            ));
            y += card::meta_line_height(f);
        }
        for (i, chip) in c.chips.iter().enumerate() {
            node.append(draw_chip(
                fig,
                chip,
                b,
                pen,
                theme,
                &format!("{}-chip-{i}", model.id),
            ));
        }
        g.append(node);
    }
    g
}

fn draw_chip(
    fig: &Figure,
    chip: &card::Chip,
    card_box: Rect,
    pen: &Pen,
    theme: &Theme,
    key: &str,
) -> Group {
    let f = fig.faces;
    let color = palette::categorical(chip.capability.0);
    let b = Rect {
        x: card_box.x + chip.rect.x,
        y: card_box.y + chip.rect.y,
        ..chip.rect
    };
    let mut g = Group::new()
        .set(
            "class",
            if chip.certain {
                "chip"
            } else {
                "chip uncertain"
            },
        )
        .set(
            "data-capability",
            fig.view.lineage.capability(chip.capability).id.clone(),
        )
        .set("data-change", words::change(chip.kind, Lang::En));
    g.append(Title::new(chip.tooltip.clone()));
    let fill = theme.tint(color, 0.16);
    let stroke = Stroke {
        color: theme.ink(color),
        width: 1.0,
        dashed: !chip.certain,
    };
    g.append(pen_nodes(
        pen.rect(key, b, 4.0, Some(fill), Some(stroke)),
        "chip-box",
    ));
    let lh = card::chip_line_height(f);
    let mark = card::MARK_SLOT;
    for (i, line) in chip.lines.iter().enumerate() {
        let y = b.y + card::CHIP_PAD_Y + i as f64 * lh + text::ascent(f.body, card::CHIP_SIZE);
        let mut x = b.x + card::CHIP_PAD_X;
        let mut words = line.as_str();
        // The first line starts with the slot of the change mark, drawn as a shape.
        if let Some(rest) = line.strip_prefix(mark).filter(|_| i == 0) {
            let advance = text::width(mark, f.body, card::CHIP_SIZE);
            g.append(icon::change_icon(
                chip.kind,
                x,
                y,
                advance,
                card::CHIP_SIZE,
                theme.text,
            ));
            // Leading spaces of a text element collapse when drawn: skip them by position.
            words = rest.trim_start();
            x += text::width(&line[..line.len() - words.len()], f.body, card::CHIP_SIZE);
        }
        g.append(pen::text(words, x, y, f.body, card::CHIP_SIZE, theme.text));
    }
    g
}

fn node_tooltip(fig: &Figure, n: petgraph::graph::NodeIndex, lang: Lang) -> String {
    let lineage = fig.view.lineage;
    let m = lineage.model(n);
    let date = words::date(&m.date, lang);
    let mut parts = vec![format!(
        "{} ({}) · {date}",
        m.current_name().get(lang),
        m.id
    )];
    if let Some(note) = &m.note {
        parts.push(note.get(lang).to_string());
    }
    for &s in &m.sources {
        let src = lineage.source(s);
        parts.push(format!("[{}] {}", src.key, src.title.get(lang)));
    }
    card::clean(&parts.join(" · "))
}

fn draw_sources(fig: &Figure, page: &Page, theme: &Theme) -> Group {
    let mut g = Group::new().set("class", "sources");
    for (y, line) in &page.sources {
        g.append(pen::text(
            line,
            MARGIN,
            *y,
            fig.faces.body,
            SOURCE_SIZE,
            theme.muted,
        ));
    }
    g
}
