//! The page around the layout: title block, legend rows, lane gutter, time
//! axis and source list placed, before anything is drawn.

use super::*;
use crate::words::Word;

/// Lay out the page: header, legend, diagram, axis, sources.
pub(super) fn compose(fig: &Figure, options: &Options) -> Page {
    let f = fig.faces;
    let lang = options.lang;
    let lr = fig.layout.direction == Direction::LeftToRight;
    let lane_gutter = lane_gutter(fig, lr);
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
    let said: Vec<String> = if options.size == FigureSize::Slide {
        // A slide's cards show no source keys: one line says where the
        // details are instead of a list too long to read from a room.
        vec![words::Word::SlideDetails.get(lang).to_string()]
    } else {
        figure_sources(fig.view, lang)
            .into_iter()
            .map(|s| s.text)
            .collect()
    };
    for source in said {
        for part in text::wrap(&clean(&source), f.body, SOURCE_SIZE, inner) {
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
pub(super) fn lane_gutter(fig: &Figure, lr: bool) -> f64 {
    if fig.lanes.is_empty() {
        return 0.0;
    }
    let f = fig.faces;
    if lr {
        let widest = (0..fig.lanes.len())
            .flat_map(|i| lane_label(fig, i))
            .map(|l| text::width(&l, f.bold, LANE_LABEL_SIZE))
            .fold(0.0, f64::max);
        (widest + 20.0).ceil()
    } else {
        (text::line_height(f.bold, LANE_LABEL_SIZE) * 2.0 + 10.0).ceil()
    }
}

/// The label of lane `i`, wrapped.
pub(super) fn lane_label(fig: &Figure, i: usize) -> Vec<String> {
    let label = fig.lane_labels.get(i).map_or(String::new(), |l| clean(l));
    text::wrap(&label, fig.faces.bold, LANE_LABEL_SIZE, 110.0)
}

/// The marks only this drawing's layout makes, keyed when it makes them:
/// breaks in the time axis and lifespan bars (packed timelines).
fn layout_keys(fig: &Figure, lang: Lang) -> Vec<(Sample, String)> {
    let mut out = Vec::new();
    let has = |kind: BreakKind| fig.layout.breaks.iter().any(|b| b.kind == kind);
    if has(BreakKind::LeftOut) {
        out.push((Sample::AxisBreak, Word::KeyAxisBreak.get(lang).to_string()));
    }
    if has(BreakKind::Stretched) {
        out.push((
            Sample::AxisStretch,
            Word::KeyAxisStretch.get(lang).to_string(),
        ));
    }
    if fig.layout.bars.iter().any(Option::is_some) {
        out.push((Sample::Lifespan, Word::KeyLifespan.get(lang).to_string()));
    }
    out
}

/// Legend entries flow left to right and wrap at the page's inner width.
pub(super) fn place_legend(
    fig: &Figure,
    lang: Lang,
    x0: f64,
    y0: f64,
    inner: f64,
) -> (Vec<LegendItem>, f64) {
    let f = fig.faces;
    // Chip marks are keyed only where cards draw chips.
    let chips = fig.cards.iter().any(|c| !c.chips.is_empty());
    let shown = |e: &crate::figure::lineage::LegendEntry| {
        chips || !matches!(e.entry, Entry::Change(_) | Entry::UncertainChange)
    };
    let items = legend(fig.view, lang)
        .into_iter()
        .filter(shown)
        .map(|entry| {
            let sample = match entry.entry {
                Entry::Method(m) => {
                    Sample::Method(palette::method_style(fig.view.method_slot(m)), false)
                }
                Entry::UncertainDerivation => Sample::Method(
                    palette::MethodStyle {
                        color: Rgb(0x80, 0x80, 0x80),
                        width: 2.0,
                        mark: None,
                    },
                    true,
                ),
                Entry::Merge => Sample::Merge,
                Entry::Change(kind) => Sample::Chip(kind, true),
                Entry::UncertainChange => Sample::Chip(ChangeKind::Gained, false),
            };
            (sample, clean(&entry.label))
        })
        .chain(layout_keys(fig, lang));
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
