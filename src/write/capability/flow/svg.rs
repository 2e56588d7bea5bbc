//! The flow figure as SVG: measured here, placed by `layout::flow`, drawn on
//! the capability canvas inside the shared document shell.

use super::*;

const NAME_SIZE: f64 = 12.5;
const META_SIZE: f64 = 10.0;
const PILL_SIZE: f64 = 11.5;
const CHIP_SIZE: f64 = 10.5;
const LEGEND_SIZE: f64 = 11.0;
const PAD: f64 = 9.0;
const PILL_MAX: f64 = 210.0;
const CARD_MIN: f64 = 112.0;
const CARD_MAX: f64 = 168.0;
const MERGE_W: f64 = 232.0;

struct Fonts {
    name: Font,
    meta: Font,
    pill: Font,
    chip: Font,
    legend: Font,
}

/// What one model card says.
struct Card {
    name: Vec<String>,
    meta: Vec<String>,
    /// Per parent edge with something carried: heading lines, then (cap, lines, certain).
    brought: Vec<Brought>,
    w: f64,
    h: f64,
}

/// What one parent brought into a merge, as drawn on the merge's card.
struct Brought {
    heading: Vec<String>,
    /// Capability, its label's lines, certain.
    items: Vec<(CapabilityId, Vec<String>, bool)>,
}

struct Pill {
    lines: Vec<String>,
    w: f64,
    h: f64,
}

fn card(flow: &Flow, n: NodeIndex, f: &Fonts, lang: Lang) -> Card {
    let lineage = flow.view.lineage;
    let (name, api) = model_names(lineage, n, lang);
    let mut meta_text = vec![model_date(lineage, n, lang)];
    if let Some(api) = api {
        meta_text.insert(0, api);
    }
    let widest = |font: &Font, s: &str| {
        s.split_whitespace()
            .map(|w| font.width(w))
            .fold(0.0, f64::max)
    };
    let merge = flow.is_merge(n);
    let need = widest(&f.name, &name).max(
        meta_text
            .iter()
            .map(|m| f.meta.width(m))
            .fold(0.0, f64::max),
    ) + 2.0 * PAD;
    let w = if merge {
        MERGE_W.max(need.min(CARD_MAX))
    } else {
        need.clamp(CARD_MIN, CARD_MAX)
    }
    .ceil();
    let inner = w - 2.0 * PAD;
    let name_lines = f.name.wrap(&name, inner);
    let meta: Vec<String> = meta_text
        .iter()
        .flat_map(|m| f.meta.wrap(m, inner))
        .collect();
    let mut h = PAD
        + name_lines.len() as f64 * f.name.line_height()
        + meta.len() as f64 * f.meta.line_height();
    let mut brought = Vec::new();
    for e in flow
        .edges
        .iter()
        .filter(|e| e.to == n && !e.carried.is_empty())
    {
        let parent = model_names(lineage, e.from, lang).0;
        let heading = words::from_parent(&parent, lang);
        let heading = f.meta.wrap(&heading, inner);
        h += 6.0 + heading.len() as f64 * f.meta.line_height();
        let mut items = Vec::new();
        for c in &e.carried {
            let lines = f
                .chip
                .wrap(&cap_label(lineage, c.cap, c.certain, lang), inner - 12.0);
            h += lines.len() as f64 * f.chip.line_height();
            items.push((c.cap, lines, c.certain));
        }
        brought.push(Brought { heading, items });
    }
    h += PAD;
    Card {
        name: name_lines,
        meta,
        brought,
        w,
        h: h.ceil(),
    }
}

fn pill(flow: &Flow, node: &CapNode, f: &Fonts, lang: Lang) -> Pill {
    let label = cap_label(flow.view.lineage, node.cap, node.certain, lang);
    let text_max = PILL_MAX - 2.0 * 8.0 - 8.0;
    let lines = f.pill.wrap(&label, text_max);
    let tw = lines.iter().map(|l| f.pill.width(l)).fold(0.0, f64::max);
    Pill {
        w: (tw + 2.0 * 8.0 + 8.0).ceil(),
        h: (lines.len() as f64 * f.pill.line_height() + 10.0).ceil(),
        lines,
    }
}

/// The flow figure's structure and sizes, for `layout::flow`: rows in the
/// view's order.
fn flow_graph(flow: &Flow, cards: &[Card], pills: &[Pill], top: f64) -> FlowGraph {
    let row: std::collections::BTreeMap<NodeIndex, usize> = flow
        .models
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    let at = |n: NodeIndex| row.get(&n).copied().unwrap_or(0);
    FlowGraph {
        cards: cards.iter().map(|c| Size { w: c.w, h: c.h }).collect(),
        pills: pills.iter().map(|p| Size { w: p.w, h: p.h }).collect(),
        feeds: flow.feeds.iter().map(|f| (f.node, at(f.model))).collect(),
        edges: flow.edges.iter().map(|e| (at(e.from), at(e.to))).collect(),
        top,
        margin: MARGIN,
    }
}

fn legend(flow: &Flow, lang: Lang) -> Vec<(LegendSample, String)> {
    let lineage = flow.view.lineage;
    let mut items = Vec::new();
    if flow.feeds.iter().any(|f| f.kind == ChangeKind::Gained) {
        items.push((LegendSample::Gained, Word::Gained.get(lang).to_string()));
    }
    if flow.feeds.iter().any(|f| f.kind == ChangeKind::Unlocked) {
        items.push((
            LegendSample::Unlocked,
            Word::UnlockedWasLatent.get(lang).to_string(),
        ));
    }
    let mut methods: Vec<MethodId> = flow.edges.iter().map(|e| e.method).collect();
    methods.sort();
    methods.dedup();
    for m in methods {
        items.push((
            LegendSample::Method(m),
            canvas::clean(lineage.method(m).label.get(lang)),
        ));
    }
    let mut branches: Vec<crate::lineage::BranchId> = flow
        .models
        .iter()
        .filter_map(|&n| lineage.model(n).branch)
        .collect();
    branches.sort();
    branches.dedup();
    for b in branches {
        items.push((
            LegendSample::Branch(b),
            canvas::clean(lineage.branch(b).label.get(lang)),
        ));
    }
    if flow.feeds.iter().any(|f| !f.certain) || flow.edges.iter().any(|e| !e.certain) {
        items.push((
            LegendSample::Uncertain,
            Word::UncertainGuess.get(lang).to_string(),
        ));
    }
    items
}

#[derive(Debug, Clone, Copy)]
enum LegendSample {
    Gained,
    Unlocked,
    Method(MethodId),
    Branch(crate::lineage::BranchId),
    Uncertain,
}

/// A method's colour in `view`: its slot among the methods the view shows.
fn method_ink(theme: &Theme, view: &View, m: MethodId) -> Rgb {
    theme.ink(palette::method(view.method_slot(m)))
}

/// A small diamond ending a feed at `tip`: an unlock.
fn diamond(c: &mut Canvas, tip: Point, color: Rgb) {
    let s = 4.5;
    let d = format!(
        "M{},{}L{},{}L{},{}L{},{}Z",
        r(tip.x),
        r(tip.y),
        r(tip.x - s),
        r(tip.y - s),
        r(tip.x - 2.0 * s),
        r(tip.y),
        r(tip.x - s),
        r(tip.y + s)
    );
    c.path(&d, color);
}

/// The flow as an SVG document.
pub fn svg(view: &View, options: &Options) -> String {
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let mut c = Canvas::new(options);
    let theme = c.theme;
    let f = Fonts {
        name: c.bold_font(NAME_SIZE, theme.text),
        meta: c.body_font(META_SIZE, theme.muted),
        pill: c.body_font(PILL_SIZE, theme.text),
        chip: c.body_font(CHIP_SIZE, theme.text),
        legend: c.body_font(LEGEND_SIZE, theme.text),
    };
    let cards: Vec<Card> = flow
        .models
        .iter()
        .map(|&n| card(&flow, n, &f, lang))
        .collect();
    let pills: Vec<Pill> = flow
        .caps
        .iter()
        .map(|node| pill(&flow, node, &f, lang))
        .collect();
    let title = title(view, lang);
    let subtitle = Word::FlowKey.get(lang);
    // The title needs a width; place once to know it.
    let probe = place(&flow_graph(&flow, &cards, &pills, 0.0));
    let legend_items = legend(&flow, lang);
    let legend_w: f64 = legend_items
        .iter()
        .map(|(_, l)| 34.0 + f.legend.width(l) + 18.0)
        .sum();
    let width = probe
        .width
        .max(640.0)
        .max((legend_w + 2.0 * MARGIN).min(1000.0))
        .ceil();
    let inner = width - 2.0 * MARGIN;
    let head_h = canvas::title_height(c.faces, &title, Some(subtitle), inner);
    let placed = place(&flow_graph(&flow, &cards, &pills, MARGIN + head_h + 24.0));
    // Legend rows.
    let line_h = f.legend.line_height().max(20.0);
    let (legend_at, height) = canvas::legend_rows(
        legend_items,
        &f.legend,
        34.0,
        placed.bottom + 28.0,
        inner,
        line_h,
    );

    c.open("header", &[]);
    canvas::title_block(&mut c, &title, Some(subtitle), MARGIN, MARGIN, inner);
    c.close();

    // Lineage edges under everything else.
    c.open("edges", &[]);
    for (i, e) in flow.edges.iter().enumerate() {
        let (from, to) = placed.edge_ends[i];
        let color = method_ink(&theme, flow.view, e.method);
        c.open(
            "edge",
            &[
                ("from", &lineage.model(e.from).id),
                ("to", &lineage.model(e.to).id),
                ("method", &lineage.method(e.method).id),
            ],
        );
        let mut tip = format!(
            "{} → {}: {}",
            model_names(lineage, e.from, lang).0,
            model_names(lineage, e.to, lang).0,
            canvas::clean(lineage.method(e.method).label.get(lang))
        );
        if !e.carried.is_empty() {
            let _ = write!(
                tip,
                "; {}{}",
                Word::Brings.get(lang),
                carried_text(lineage, &e.carried, lang)
            );
        }
        c.tooltip(&tip);
        let st = stroke(color, 1.8, !e.certain);
        c.curve(&format!("edge-{i}"), &elbow(from, to), st);
        c.arrowhead(p(to.x, to.y - ARROW), to, ARROW, color);
        c.close();
    }
    c.close();

    // Feeds.
    let gutter_end = placed.gutter_end;
    c.open("feeds", &[]);
    for (i, feed) in flow.feeds.iter().enumerate() {
        let node = &flow.caps[feed.node];
        let b = placed.pills[feed.node];
        let from = p(b.x + b.w, b.y + b.h / 2.0);
        let to = placed.feed_in[i];
        let color = theme.ink(palette::categorical(flow.view.capability_slot(node.cap)));
        c.open(
            "feed",
            &[
                ("capability", &lineage.capability(node.cap).id),
                ("model", &lineage.model(feed.model).id),
                ("change", &format!("{:?}", feed.kind).to_lowercase()),
            ],
        );
        let mut tip = format!(
            "{} → {}: {}",
            canvas::clean(lineage.capability(node.cap).label.get(lang)),
            model_names(lineage, feed.model, lang).0,
            change_word(feed.kind, lang)
        );
        if let Some(m) = feed.method {
            let _ = write!(
                tip,
                " ({})",
                canvas::clean(lineage.method(m).label.get(lang))
            );
        }
        if !feed.certain {
            let _ = write!(tip, "; {}", Word::Uncertain.get(lang));
        }
        c.tooltip(&tip);
        c.curve(
            &format!("feed-{i}"),
            &feed_route(from, gutter_end, to),
            stroke(color, 1.5, !feed.certain),
        );
        if feed.kind == ChangeKind::Unlocked {
            diamond(&mut c, to, color);
        } else {
            c.arrowhead(p(to.x - ARROW, to.y), to, ARROW, color);
        }
        c.close();
    }
    c.close();

    // Capability pills.
    c.open("capabilities", &[]);
    for (i, node) in flow.caps.iter().enumerate() {
        let b = placed.pills[i];
        let color = palette::categorical(flow.view.capability_slot(node.cap));
        c.open(
            "capability",
            &[("capability", &lineage.capability(node.cap).id)],
        );
        let method = node
            .method
            .map(|m| canvas::clean(lineage.method(m).label.get(lang)))
            .unwrap_or_default();
        c.tooltip(&format!(
            "{} ({method})",
            canvas::clean(lineage.capability(node.cap).label.get(lang))
        ));
        c.rect(
            &format!("pill-{i}"),
            b,
            b.h.min(22.0) / 2.0,
            Some(theme.tint(color, 0.16)),
            Some(stroke(theme.ink(color), 1.2, !node.certain)),
        );
        c.circle(
            p(b.x + 10.0, b.y + b.h / 2.0),
            3.5,
            Some(theme.ink(color)),
            None,
        );
        let text_h = pills[i].lines.len() as f64 * f.pill.line_height();
        c.lines(
            &pills[i].lines,
            b.x + 18.0,
            b.y + (b.h - text_h) / 2.0,
            f.pill,
            Anchor::Start,
        );
        c.close();
    }
    c.close();

    // Model cards.
    c.open("models", &[]);
    for (i, &n) in flow.models.iter().enumerate() {
        let b = placed.cards[i];
        let card = &cards[i];
        let merge = flow.is_merge(n);
        c.open(
            if merge { "node merge" } else { "node" },
            &[("id", &lineage.model(n).id)],
        );
        let branch = lineage.model(n).branch;
        let edge_color = if merge {
            theme.merge_stroke
        } else {
            theme.card_stroke
        };
        c.rect(
            &format!("card-{i}"),
            b,
            7.0,
            Some(theme.card),
            Some(stroke(edge_color, if merge { 2.2 } else { 1.2 }, false)),
        );
        if let Some(br) = branch {
            c.rect(
                &format!("card-branch-{i}"),
                rect(b.x + 1.0, b.y + 5.0, 3.5, b.h - 10.0),
                1.5,
                Some(palette::branch(flow.view.branch_slot(br))),
                None,
            );
        }
        let mut y = b.y + PAD;
        y = c.lines(&card.name, b.x + PAD, y, f.name, Anchor::Start);
        y = c.lines(&card.meta, b.x + PAD, y, f.meta, Anchor::Start);
        for Brought { heading, items } in &card.brought {
            y += 6.0;
            y = c.lines(heading, b.x + PAD, y, f.meta, Anchor::Start);
            for (cap, lines, certain) in items {
                let color = theme.ink(palette::categorical(flow.view.capability_slot(*cap)));
                let dot = p(b.x + PAD + 4.0, y + f.chip.line_height() / 2.0);
                if *certain {
                    c.circle(dot, 3.5, Some(color), None);
                } else {
                    c.circle(dot, 3.2, None, Some(stroke(color, 1.3, false)));
                }
                y = c.lines(lines, b.x + PAD + 12.0, y, f.chip, Anchor::Start);
            }
        }
        c.close();
    }
    c.close();

    // Legend.
    c.open("legend", &[]);
    for (i, (x, y, sample, label)) in legend_at.iter().enumerate() {
        let mid = y + line_h / 2.0;
        let (a, b) = (p(*x, mid), p(x + 28.0, mid));
        match sample {
            LegendSample::Gained => {
                c.line(
                    &format!("legend-{i}"),
                    a,
                    p(b.x - ARROW, mid),
                    stroke(theme.text, 1.5, false),
                );
                c.arrowhead(p(b.x - ARROW, mid), b, ARROW, theme.text);
            }
            LegendSample::Unlocked => {
                c.line(
                    &format!("legend-{i}"),
                    a,
                    p(b.x - 9.0, mid),
                    stroke(theme.text, 1.5, false),
                );
                diamond(&mut c, b, theme.text);
            }
            LegendSample::Method(m) => {
                c.line(
                    &format!("legend-{i}"),
                    a,
                    b,
                    stroke(method_ink(&theme, flow.view, *m), 2.2, false),
                );
            }
            LegendSample::Branch(br) => c.rect(
                &format!("legend-{i}"),
                rect(x + 12.0, mid - 8.0, 3.5, 16.0),
                1.5,
                Some(palette::branch(flow.view.branch_slot(*br))),
                None,
            ),
            LegendSample::Uncertain => {
                c.line(&format!("legend-{i}"), a, b, stroke(theme.muted, 1.6, true));
            }
        }
        c.text(
            label,
            x + 34.0,
            mid + f.legend.ascent() / 2.0 - 1.0,
            f.legend,
            Anchor::Start,
        );
    }
    c.close();

    let desc = describe(&flow, lang);
    c.finish(width, height, &title, &desc, "capability-flow")
}

fn describe(flow: &Flow, lang: Lang) -> String {
    let lineage = flow.view.lineage;
    let mut parts = Vec::new();
    for &n in &flow.models {
        let fed: Vec<String> = flow
            .feeds
            .iter()
            .filter(|f| f.model == n)
            .map(|f| {
                format!(
                    "{} {}",
                    change_word(f.kind, lang),
                    cap_label(lineage, flow.caps[f.node].cap, f.certain, lang)
                )
            })
            .collect();
        let brought: Vec<String> = flow
            .edges
            .iter()
            .filter(|e| e.to == n && !e.carried.is_empty())
            .map(|e| {
                format!(
                    "{} {}: {}",
                    Word::From.get(lang),
                    model_names(lineage, e.from, lang).0,
                    carried_text(lineage, &e.carried, lang)
                )
            })
            .collect();
        if fed.is_empty() && brought.is_empty() {
            continue;
        }
        let all: Vec<String> = fed.into_iter().chain(brought).collect();
        parts.push(format!(
            "{}: {}",
            model_names(lineage, n, lang).0,
            all.join(Word::ClauseSeparator.get(lang))
        ));
    }
    let head = words::flow_summary(flow.caps.len(), flow.models.len(), lang);
    format!("{head} {}", parts.join(Word::SentenceSeparator.get(lang)))
}
