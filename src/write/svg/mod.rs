//! SVG figures, drawn by lineage itself from its own layout.
//!
//! [`figure`] measures every card and edge label, builds the layout input
//! and runs the layout; [`write()`] composes the page around it (`page`:
//! title, legend, lanes, time axis, sources) and draws it with a
//! [`pen::Pen`], clean or sketchy: `chrome` (header, legend, lanes, sources),
//! `axis` (time axis, date marks), `edges`, `cards`, inside the shell every
//! figure kind shares ([`document`]). `layout_json` writes the layout itself.
//! Nothing here reads fonts or files: text is measured with the shipped
//! metrics, so the bytes are the same everywhere.

mod axis;
pub mod card;
mod cards;
mod chrome;
pub mod document;
mod edges;
mod icon;
mod layout_json;
pub mod outline;
mod page;
pub mod pen;
pub mod sketch;

use self::axis::*;
use self::cards::*;
use self::chrome::*;
use self::edges::*;
pub use self::layout_json::layout_json;
use self::page::*;

use self::card::{clean, Card, Faces};
use self::pen::{Pen, Stroke};
use super::{FigureSize, Options, Style};
use crate::data::{ChangeKind, DensityDecl, DirectionDecl, LayersDecl};
use crate::figure::lineage::{lanes, legend, sources as figure_sources, EdgeLabel, Entry};
use crate::layout::{self, BreakKind, Direction, LayerMode, Layout, Point, Rect, Size, Tick};
use crate::lineage::{BranchId, Lang};
use crate::palette::{self, Rgb, Theme};
use crate::text::{self, Face};
use crate::view::View;
use crate::words;
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
/// On a slide every text must be at least this tall after scaling, in px…
pub const SLIDE_TEXT: f64 = 14.0;
/// …and a model's name at least this tall.
pub const SLIDE_NAME: f64 = 18.0;
/// In a docs column (`--size doc`) every text at least this tall, in px:
/// the smallest size a figure uses at its natural size.
pub const DOC_TEXT: f64 = 10.0;

/// A view measured and laid out: what the SVG writer and `layout-json` share.
pub struct Figure<'a> {
    pub view: &'a View<'a>,
    pub faces: Faces,
    /// In the order of `view.models`.
    pub cards: Vec<Card>,
    /// What each edge says, in the order of `view.edges`.
    pub edges: Vec<EdgeLabel>,
    /// Edge labels, wrapped, in the same order.
    pub edge_labels: Vec<Vec<String>>,
    /// Lane index → branch.
    pub lanes: Vec<BranchId>,
    /// Lane index → the branch's label, as the figure says it.
    pub lane_labels: Vec<String>,
    pub graph: layout::Graph,
    pub layout: Layout,
}

fn faces(options: &Options) -> Faces {
    match options.style {
        Style::Clean => Faces::CLEAN,
        Style::Sketch => Faces::HAND,
    }
}

/// Measure and lay out `view`. A packed timeline that does not say which
/// way its time runs is laid out both ways and keeps the one that fits
/// better ([`layout::packed_fit`]: more card area, more chains straight,
/// within the aspect limit), left to right on a tie; a slide's is left to
/// right, its frame being wide.
pub fn figure<'a>(view: &'a View<'a>, options: &Options) -> Figure<'a> {
    let slide = options.size == FigureSize::Slide;
    let density = if slide {
        slide_density(view)
    } else {
        density(view)
    };
    // What `layout::pack_aimed` packs: brief or dot cards on a timeline
    // with dates (without any, it falls back to the layered layout).
    let dated = view
        .models
        .iter()
        .any(|&n| view.lineage.model(n).date.is_known());
    let packed = density != DensityDecl::Full && view.spec.layers == LayersDecl::Timeline && dated;
    let choose = packed && !slide && !view.spec.direction_declared;
    let set = |direction| card::Setting { density, direction };
    if !choose || view.models.len() > AUTO_DIRECTION_UP_TO {
        return figure_set(view, options, set(view.spec.direction));
    }
    // Chosen in the clean style's type whatever the style, so that a
    // view's clean and sketched figures run the same way.
    let clean = Options {
        style: Style::Clean,
        ..*options
    };
    let right = figure_set(view, &clean, set(DirectionDecl::Right));
    let down = figure_set(view, &clean, set(DirectionDecl::Down));
    let fit = |f: &Figure| layout::packed_fit(&f.graph, &f.layout);
    let (chosen, direction) = if fit(&down) > fit(&right) {
        (down, DirectionDecl::Down)
    } else {
        (right, DirectionDecl::Right)
    };
    match options.style {
        Style::Clean => chosen,
        Style::Sketch => figure_set(view, options, set(direction)),
    }
}

/// Views larger than this keep left to right when they do not say: the
/// choice lays the view out twice, and a poster of thousands of models is
/// a wall chart read along its time.
pub const AUTO_DIRECTION_UP_TO: usize = 2_000;

/// [`figure`] at one density and direction.
fn figure_set<'a>(view: &'a View<'a>, options: &Options, set: card::Setting) -> Figure<'a> {
    let faces = faces(options);
    let lineage = view.lineage;
    let slide = options.size == FigureSize::Slide;
    let density = set.density;
    let cards: Vec<Card> = view
        .models
        .iter()
        .map(|&n| card::card(view, n, options.lang, faces, set))
        .collect();
    let said_lanes = lanes(view, options.lang);
    let lanes: Vec<BranchId> = said_lanes.iter().map(|l| l.branch).collect();
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
    let said_edges = EdgeLabel::all(view, options.lang);
    // On a slide an edge says its method by its colour alone (the legend
    // keys the colours): labels there would add a column between ranks
    // and text too small to read once the figure is scaled to the slide.
    let edge_labels: Vec<Vec<String>> = said_edges
        .iter()
        .map(|e| {
            if slide {
                Vec::new()
            } else {
                text::wrap(&clean(&e.text()), faces.body, EDGE_LABEL_SIZE, 120.0)
            }
        })
        .collect();
    let edges = said_edges
        .iter()
        .zip(&edge_labels)
        .filter_map(|(e, label)| {
            let (a, b) = lineage.graph.edge_endpoints(e.edge)?;
            Some(layout::Edge {
                from: index_of(a)?,
                to: index_of(b)?,
                label: (!label.is_empty()).then(|| label_size(label, faces)),
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
        lanes_pinned: !view.spec.lanes.is_empty(),
        direction: match set.direction {
            DirectionDecl::Right => Direction::LeftToRight,
            DirectionDecl::Down => Direction::TopToBottom,
        },
        mode: match view.spec.layers {
            LayersDecl::Timeline => LayerMode::Timeline,
            LayersDecl::Compact => LayerMode::Compact,
        },
    };
    let layout = if density == DensityDecl::Full {
        layout::layout(&graph)
    } else {
        let until: Vec<Option<f64>> = view
            .models
            .iter()
            .map(|&n| lineage.model(n).end.span().map(|(_, end)| end))
            .collect();
        // A slide is 16:9 whatever the figure's shape: its time may spread
        // that wide at no cost to the text.
        layout::pack_aimed(&graph, &until, slide.then_some(16.0 / 9.0))
    };
    Figure {
        view,
        faces,
        cards,
        edges: said_edges,
        edge_labels,
        lanes,
        lane_labels: said_lanes.into_iter().map(|l| l.label).collect(),
        graph,
        layout,
    }
}

/// The view's card density: as declared, else by its number of models
/// (`DensityDecl::auto`).
pub fn density(view: &View) -> DensityDecl {
    view.spec
        .density
        .unwrap_or_else(|| DensityDecl::auto(view.models.len()))
}

/// The card density on a slide: brief cards (name and dates) for views
/// that would otherwise draw full ones. A full card's chips, sizes and
/// source keys set in 14 px type leave no room for a family of a dozen
/// models on 1920×1080; the slide shows who came from whom and when, and
/// the other sizes keep the details.
pub fn slide_density(view: &View) -> DensityDecl {
    match density(view) {
        DensityDecl::Full => DensityDecl::Brief,
        other => other,
    }
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
    Method(palette::MethodStyle, bool),
    Chip(ChangeKind, bool),
    Merge,
    /// The axis's mark for a compressed stretch.
    AxisBreak,
    AxisStretch,
    /// A lifespan bar.
    Lifespan,
}

const SAMPLE_W: f64 = 26.0;

/// How much the figure of `view` is scaled in its frame (on a slide: to
/// fit 1920×1080; at the natural size: 1).
pub fn frame_scale(view: &View, options: &Options) -> f64 {
    let fig = figure(view, options);
    let page = compose(&fig, options);
    let frame = document::frame(page.width, page.height, options.size);
    frame.width / frame.view.w
}

/// The size of the smallest text the figure draws and of a model's name,
/// in layout px (before the frame scales them).
fn type_sizes(fig: &Figure, page: &Page) -> (f64, f64) {
    let mut drawn = vec![TITLE_SIZE];
    let mut name = f64::INFINITY;
    for c in &fig.cards {
        let m = c.metrics();
        name = name.min(m.name_size);
        if !c.meta.is_empty() {
            drawn.push(m.meta_size);
        }
        if !c.chips.is_empty() {
            drawn.push(card::CHIP_SIZE);
        }
    }
    let labels = fig.edge_labels.iter().any(|l| !l.is_empty());
    for (shown, size) in [
        (fig.view.subtitle().is_some(), SUBTITLE_SIZE),
        (!page.legend.is_empty(), LEGEND_SIZE),
        (labels, EDGE_LABEL_SIZE),
        (!fig.layout.axis.is_empty(), AXIS_SIZE),
        (!fig.lanes.is_empty(), LANE_LABEL_SIZE),
        (!page.sources.is_empty(), SOURCE_SIZE),
    ] {
        if shown {
            drawn.push(size);
        }
    }
    let smallest = drawn.into_iter().fold(name, f64::min);
    (smallest, if name.is_finite() { name } else { smallest })
}

/// Whether a lineage figure keeps its text legible where its size puts
/// it (the warning if not; the figure is still drawn): scaled onto a
/// 1920×1080 slide, every text at [`SLIDE_TEXT`] px and model names at
/// [`SLIDE_NAME`] px; scaled into a docs column ([`document::DOC_WIDTH`]),
/// every text at [`DOC_TEXT`] px. At the natural size nothing is scaled.
pub fn frame_fit(view: &View, options: &Options) -> Option<super::FitWarning> {
    let (text_px, name_px) = match options.size {
        FigureSize::Natural => return None,
        FigureSize::Slide => (SLIDE_TEXT, SLIDE_NAME),
        FigureSize::Doc => (DOC_TEXT, DOC_TEXT),
    };
    let fig = figure(view, options);
    let page = compose(&fig, options);
    let frame = document::frame(page.width, page.height, options.size);
    let scale = frame.width / frame.view.w;
    let (smallest, name) = type_sizes(&fig, &page);
    let (smallest, name) = (smallest * scale, name * scale);
    if smallest >= text_px && name >= name_px {
        return None;
    }
    let (message, hint) = if options.size == FigureSize::Slide {
        (
            format!(
                "view \"{}\": on a 1920×1080 slide its figure is scaled to {scale:.2}, so its smallest text is about {smallest:.1} px (a slide needs {SLIDE_TEXT:.0}) and a model's name {name:.1} px (needs {SLIDE_NAME:.0}); it is drawn anyway",
                view.spec.name
            ),
            "split the view: give it `from`/`to` so it draws fewer models, or try `layers: Compact`",
        )
    } else {
        (
            format!(
                "view \"{}\": in a {:.0} px docs column its figure is scaled to {scale:.2}, so its smallest text is about {smallest:.1} px (under {DOC_TEXT:.0}); it is drawn anyway",
                view.spec.name,
                document::DOC_WIDTH
            ),
            "split the view (`from`/`to`), or put its Mermaid figure in the docs (`--format mermaid`, `lineage inject`), which runs top to bottom",
        )
    };
    Some(super::FitWarning {
        message,
        hint: hint.into(),
    })
}

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
    // Written as drawn (`document::Stream`): the cards, edges and date
    // marks of a large figure are never all in memory as elements.
    let mut doc = document::Stream::new(&shell, estimate(fig));
    doc.open(&document::body(&shell));
    doc.put(&svg::node::element::Style::new(pen::SHARED_STYLE));
    doc.put(&pen_nodes(
        pen.rect("page", shell.frame.view, 0.0, Some(theme.background), None),
        "background",
    ));
    doc.put(&draw_header(page, &theme));
    doc.put(&draw_legend(fig, page, &pen, &theme));
    doc.put(&draw_lanes(fig, page, &pen, &theme));
    draw_axis(&mut doc, fig, page, &pen, &theme);
    draw_edges(&mut doc, fig, page, &pen, &theme);
    draw_cards(&mut doc, fig, page, &pen, &theme);
    doc.put(&draw_sources(fig, page, &theme));
    doc.finish()
}

/// About how many bytes the document of `fig` takes, a little more rather
/// than less: a card with its title and text, an edge with its title,
/// arrowhead and label, and each point of its route.
fn estimate(fig: &Figure) -> usize {
    let points: usize = fig.layout.edges.iter().map(|e| e.points.len()).sum();
    8192 + fig.layout.nodes.len() * 600 + fig.layout.edges.len() * 500 + points * 8
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
