//! Model cards: what one card says and how big it is, measured with the
//! shipped font metrics. The layout takes these sizes as input; the SVG
//! writer draws exactly these lines and chips, so nothing overflows.

use crate::data::{ChangeKind, DensityDecl, DirectionDecl};
use crate::figure::lineage::ChangeLine;
use crate::layout::{Rect, Size};
use crate::lineage::{CapabilityId, Lang};
use crate::text::{self, Face};
use crate::view::View;
use petgraph::graph::NodeIndex;

pub const PAD: f64 = 10.0;
pub const NAME_SIZE: f64 = 15.0;
pub const META_SIZE: f64 = 11.0;
pub const CHIP_SIZE: f64 = 10.5;
pub const CHIP_PAD_X: f64 = 5.0;
pub const CHIP_PAD_Y: f64 = 2.5;
pub const CHIP_GAP: f64 = 4.0;
const MIN_WIDTH: f64 = 160.0;
const MAX_WIDTH: f64 = 216.0;

/// The faces a figure's text is set in: the clean style's sans, or the
/// sketch style's handwriting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faces {
    pub body: Face,
    pub bold: Face,
}

impl Faces {
    pub const CLEAN: Faces = Faces {
        body: Face::Sans,
        bold: Face::SansBold,
    };
    pub const HAND: Faces = Faces {
        body: Face::Hand,
        bold: Face::Hand,
    };
}

/// One capability change on a card.
#[derive(Debug, Clone)]
pub struct Chip {
    pub capability: CapabilityId,
    pub kind: ChangeKind,
    pub certain: bool,
    /// Glyph and label, already wrapped into lines.
    pub lines: Vec<String>,
    /// Relative to the card's top-left corner.
    pub rect: Rect,
    pub tooltip: String,
}

/// Everything drawn inside one model's card.
#[derive(Debug, Clone)]
pub struct Card {
    pub model: NodeIndex,
    pub name: Vec<String>,
    /// Small grey lines: API name and date, size, "merge of N".
    pub meta: Vec<String>,
    pub chips: Vec<Chip>,
    pub merge: bool,
    pub size: Size,
    /// The card's tooltip (the figure model's words, on one line).
    pub tooltip: String,
    pub density: DensityDecl,
    /// The meta line follows the last name line on its baseline instead of
    /// going under it: a brief card in a top-to-bottom timeline, one line
    /// tall along the flow, so that releases a few months apart stack in
    /// one straight column.
    pub inline: bool,
}

/// Text sizes and padding of a card of one density.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    pub name_size: f64,
    pub meta_size: f64,
    pub pad: f64,
    /// Room before the text for the date dot (dot density only).
    pub lead: f64,
}

/// The dot of a dot-density card: its diameter.
pub const DOT: f64 = 7.0;
/// Brief and dot cards never wrap their names wider than this...
const BRIEF_MAX: f64 = 200.0;
/// ...except a one-line brief card, which has room across the flow.
const INLINE_MAX: f64 = 280.0;
/// Space between a one-line card's name and its lifespan.
pub const INLINE_GAP: f64 = 8.0;

impl Card {
    pub fn metrics(&self) -> Metrics {
        metrics(self.density)
    }
}

pub fn metrics(d: DensityDecl) -> Metrics {
    match d {
        DensityDecl::Full => Metrics {
            name_size: NAME_SIZE,
            meta_size: META_SIZE,
            pad: PAD,
            lead: 0.0,
        },
        DensityDecl::Brief => Metrics {
            name_size: 12.0,
            meta_size: 10.0,
            pad: 5.0,
            lead: 0.0,
        },
        DensityDecl::Dot => Metrics {
            name_size: 12.5,
            meta_size: 10.0,
            pad: 2.0,
            lead: DOT + 3.0,
        },
    }
}

/// Holds the place of the change mark in a chip's first line: measured and
/// wrapped as this glyph (0.6 em in the shipped metrics, the same for every
/// kind), drawn as an icon (`icon.rs`), never as text.
pub const MARK_SLOT: &str = "\u{25CF}";

/// The glyph of a change kind in text (DOT, Mermaid); the legend explains them.
pub fn glyph(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Gained => "+",
        ChangeKind::Latent => "○",
        ChangeKind::Unlocked => "◆",
        ChangeKind::Strengthened => "↑",
        ChangeKind::Weakened => "↓",
        ChangeKind::Recovered => "↺",
        ChangeKind::Lost => "−",
    }
}

/// Collapse runs of white space and drop control characters: SVG shows
/// one space for many, so the text is measured the way it is drawn.
pub use crate::figure::clean;

pub fn meta_line_height(f: Faces) -> f64 {
    text::line_height(f.body, META_SIZE)
}

pub fn name_line_height(f: Faces) -> f64 {
    text::line_height(f.bold, NAME_SIZE)
}

pub fn chip_line_height(f: Faces) -> f64 {
    text::line_height(f.body, CHIP_SIZE)
}

/// How a figure sets its cards: density, and the direction its time runs.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    pub density: DensityDecl,
    pub direction: DirectionDecl,
}

/// The card of model `n` as drawn in `view`.
pub fn card(view: &View, n: NodeIndex, lang: Lang, f: Faces, set: Setting) -> Card {
    let density = set.density;
    if density != DensityDecl::Full {
        let inline = density == DensityDecl::Brief && set.direction == DirectionDecl::Down;
        return small_card(view, n, lang, f, density, inline);
    }
    let said = crate::figure::lineage::Card::of(view, n, lang);
    let merge = said.merge.is_some();
    let name = clean(&said.name);
    let meta: Vec<String> = said.meta(true).iter().map(|l| clean(l)).collect();
    let natural = text::width(&name, f.bold, NAME_SIZE).max(
        meta.iter()
            .map(|m| text::width(m, f.body, META_SIZE))
            .fold(0.0, f64::max),
    ) + 2.0 * PAD;
    let width = natural.clamp(MIN_WIDTH, MAX_WIDTH).ceil();
    let inner = width - 2.0 * PAD;
    let mut meta_wrapped = Vec::new();
    for line in &meta {
        meta_wrapped.extend(text::wrap(line, f.body, META_SIZE, inner));
    }
    let name_lines = text::wrap(&name, f.bold, NAME_SIZE, inner);
    let mut y = PAD + name_lines.len() as f64 * name_line_height(f) + 2.0;
    y += meta_wrapped.len() as f64 * meta_line_height(f);
    let chips = if view.spec.capabilities {
        place_chips(&said.changes, inner, f, &mut y)
    } else {
        Vec::new()
    };
    Card {
        model: n,
        name: name_lines,
        meta: meta_wrapped,
        chips,
        merge,
        size: Size {
            w: width,
            h: (y + PAD).ceil(),
        },
        density,
        tooltip: tooltip(&said),
        inline: false,
    }
}

/// The card's tooltip: what the figure model says about the model, on one line.
fn tooltip(said: &crate::figure::lineage::Card) -> String {
    let mut parts = vec![said.about.clone()];
    parts.extend(said.note.iter().cloned());
    parts.extend(said.cited.iter().cloned());
    clean(&parts.join(" · "))
}

/// A brief card (name and lifespan) or a dot's label (name only): no
/// chips, no sources; the tooltip keeps the rest.
fn small_card(
    view: &View,
    n: NodeIndex,
    lang: Lang,
    f: Faces,
    density: DensityDecl,
    inline: bool,
) -> Card {
    let said = crate::figure::lineage::Card::of(view, n, lang);
    let m = metrics(density);
    let name = clean(&said.name);
    let name_max = if inline { INLINE_MAX } else { BRIEF_MAX };
    let name_lines = text::wrap(&name, f.bold, m.name_size, name_max);
    let meta = match density {
        DensityDecl::Brief if inline => {
            let life = clean(&said.lifespan);
            if life.is_empty() {
                Vec::new()
            } else {
                vec![life]
            }
        }
        DensityDecl::Brief => text::wrap(&clean(&said.lifespan), f.body, m.meta_size, BRIEF_MAX),
        _ => Vec::new(),
    };
    let name_w = |l: &String| text::width(l, f.bold, m.name_size);
    let meta_w = |l: &String| text::width(l, f.body, m.meta_size);
    let (widest, h) = if inline {
        let last = name_lines.last().map_or(0.0, name_w);
        let tail = meta.iter().map(meta_w).map(|w| INLINE_GAP + w).sum::<f64>();
        let widest = name_lines.iter().map(name_w).fold(last + tail, f64::max);
        let h = name_lines.len().max(1) as f64 * text::line_height(f.bold, m.name_size);
        (widest, h)
    } else {
        let widest = name_lines
            .iter()
            .map(name_w)
            .chain(meta.iter().map(meta_w))
            .fold(0.0, f64::max);
        let h = name_lines.len() as f64 * text::line_height(f.bold, m.name_size)
            + meta.len() as f64 * text::line_height(f.body, m.meta_size);
        (widest, h)
    };
    Card {
        model: n,
        name: name_lines,
        meta,
        chips: Vec::new(),
        merge: said.merge.is_some(),
        size: Size {
            w: (widest + m.lead + 2.0 * m.pad).ceil(),
            h: (h + 2.0 * m.pad).ceil(),
        },
        tooltip: tooltip(&said),
        density,
        inline,
    }
}

/// Chips flow left to right and wrap; a label too long for one chip wraps inside it.
fn place_chips(changes: &[ChangeLine], inner: f64, f: Faces, y: &mut f64) -> Vec<Chip> {
    let line_h = chip_line_height(f);
    let mut chips = Vec::new();
    let (mut x, mut row_h) = (0.0, 0.0);
    *y += if changes.is_empty() { 0.0 } else { 6.0 };
    for change in changes {
        let certain = change.certain;
        let label = clean(&change.label);
        let mark = if certain { "" } else { " ?" };
        let body = format!("{MARK_SLOT} {label}{mark}");
        let lines = text::wrap(&body, f.body, CHIP_SIZE, inner - 2.0 * CHIP_PAD_X);
        let w = lines
            .iter()
            .map(|l| text::width(l, f.body, CHIP_SIZE))
            .fold(0.0, f64::max)
            + 2.0 * CHIP_PAD_X;
        let h = lines.len() as f64 * line_h + 2.0 * CHIP_PAD_Y;
        if x > 0.0 && x + w > inner {
            x = 0.0;
            *y += row_h + CHIP_GAP;
            row_h = 0.0;
        }
        chips.push(Chip {
            capability: change.capability,
            kind: change.kind,
            certain,
            lines,
            rect: Rect {
                x: PAD + x,
                y: *y,
                w: w.ceil(),
                h,
            },
            tooltip: clean(&change.tooltip),
        });
        x += w.ceil() + CHIP_GAP;
        row_h = f64::max(row_h, h);
    }
    *y += row_h;
    chips
}
