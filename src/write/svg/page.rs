//! The page around the layout: title block, legend rows, lane gutter, time
//! axis and source list placed, before anything is drawn.

use super::*;

/// Lay out the page: header, legend, diagram, axis, sources.
pub(super) fn compose(fig: &Figure, options: &Options) -> Page {
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
pub(super) fn lane_gutter(fig: &Figure, lang: Lang, lr: bool) -> f64 {
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

pub(super) fn lane_label(fig: &Figure, b: BranchId, lang: Lang) -> Vec<String> {
    let label = card::clean(fig.view.lineage.branch(b).label.get(lang));
    text::wrap(&label, fig.faces.bold, LANE_LABEL_SIZE, 110.0)
}

/// Sources cited by the models, edges and changes shown, in declaration order.
pub(super) fn cited(fig: &Figure) -> Vec<SourceId> {
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
pub(super) fn place_legend(
    fig: &Figure,
    lang: Lang,
    x0: f64,
    y0: f64,
    inner: f64,
) -> (Vec<LegendItem>, f64) {
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
            Sample::Method(
                palette::method(fig.view.method_slot(crate::lineage::MethodId(m))),
                false,
            ),
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
