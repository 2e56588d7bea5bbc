//! The capability flow: capabilities as nodes feeding the models that
//! gained or unlocked them, and the lineage carrying them on to the merge.
//!
//! [`Flow`] is what every format draws: the capability nodes, the feeds
//! (capability → model), and the lineage edges of the view; an edge into a
//! merge also lists what that parent *brought*: the capabilities the merge
//! inherits through it that another parent lacks or holds weaker. So the
//! figure shows each branch bringing its own abilities into the merge.
//!
//! The SVG places things itself, simply: capabilities in a column on the
//! left, then one row per model in date order, each model right of its
//! parents (a staircase), so every edge is an "L": out of the parent's right
//! side, down into the child's top. Feeds come in from the left.

use super::canvas::{self, p, rect, stroke, Anchor, Canvas, Font, MARGIN};
use super::{bringing_method, change_word, is_origin, model_date, model_names, Shown};
use crate::data::{Certainty, ChangeKind};
use crate::layout::flow::{elbow, feed_route, place, FlowGraph, ARROW};
use crate::layout::{Point, Size};
use crate::lineage::{CapabilityId, Lang, Lineage, MethodId};
use crate::palette::{self, Rgb, Theme};
use crate::view::View;
use crate::words::{self, Word};
use crate::write::svg::pen::r;
use crate::write::{dot, mermaid, Options, WriteError};
use petgraph::graph::{EdgeIndex, NodeIndex};
use std::fmt::Write as _;

/// A capability node.
#[derive(Debug, Clone)]
pub struct CapNode {
    pub cap: CapabilityId,
    /// The method that brings it (groups and orders nothing here; for tooltips).
    pub method: Option<MethodId>,
    /// Every feed of it is certain.
    pub certain: bool,
}

/// Capability → the model that gained or unlocked it.
#[derive(Debug, Clone)]
pub struct Feed {
    /// Index into [`Flow::caps`].
    pub node: usize,
    pub model: NodeIndex,
    pub kind: ChangeKind,
    pub method: Option<MethodId>,
    pub certain: bool,
}

/// A capability carried into a merge through one parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    pub cap: CapabilityId,
    pub certain: bool,
}

/// A lineage edge of the view.
#[derive(Debug, Clone)]
pub struct Edge {
    pub edge: EdgeIndex,
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub method: MethodId,
    pub certain: bool,
    /// Into a merge: what this parent brought. Empty elsewhere.
    pub carried: Vec<Carried>,
}

/// The flow of one view.
pub struct Flow<'a> {
    pub view: &'a View<'a>,
    /// Models in date order, parents always before children.
    pub models: Vec<NodeIndex>,
    pub caps: Vec<CapNode>,
    pub feeds: Vec<Feed>,
    pub edges: Vec<Edge>,
}

impl<'a> Flow<'a> {
    pub fn of(view: &'a View<'a>) -> Flow<'a> {
        let lineage = view.lineage;
        let inh = &lineage.inheritance;
        let models = view.models.clone();
        let mut caps: Vec<CapNode> = Vec::new();
        let mut feeds = Vec::new();
        for &n in &models {
            for cap in lineage.capability_ids() {
                let t = inh.trace(n, cap);
                if !is_origin(t.changed_here) {
                    continue;
                }
                let node = match caps.iter().position(|c| c.cap == cap) {
                    Some(i) => i,
                    None => {
                        caps.push(CapNode {
                            cap,
                            method: bringing_method(view, cap),
                            certain: true,
                        });
                        caps.len() - 1
                    }
                };
                caps[node].certain &= t.certain;
                feeds.push(Feed {
                    node,
                    model: n,
                    kind: t.changed_here.unwrap_or(ChangeKind::Gained),
                    method: t.origin.and_then(|o| o.method),
                    certain: t.certain,
                });
            }
        }
        let edges = view
            .edges
            .iter()
            .filter_map(|&e| {
                let (from, to) = lineage.graph.edge_endpoints(e)?;
                let d = &lineage.graph[e];
                Some(Edge {
                    edge: e,
                    from,
                    to,
                    method: d.method,
                    certain: d.certainty == Certainty::Certain,
                    carried: carried(view, from, to),
                })
            })
            .collect();
        Flow {
            view,
            models,
            caps,
            feeds,
            edges,
        }
    }

    pub fn is_merge(&self, n: NodeIndex) -> bool {
        self.view.parents(n).len() >= 2
    }

    fn position(&self, n: NodeIndex) -> usize {
        self.models.iter().position(|&m| m == n).unwrap_or(0)
    }
}

/// What `to` (a merge of the view) inherits through `from` that another
/// shown parent lacks or holds weaker. Empty when `to` is not a merge.
fn carried(view: &View, from: NodeIndex, to: NodeIndex) -> Vec<Carried> {
    let parents = view.parents(to);
    if parents.len() < 2 {
        return Vec::new();
    }
    let inh = &view.lineage.inheritance;
    view.lineage
        .capability_ids()
        .filter_map(|cap| {
            let t = inh.trace(to, cap);
            if t.through != Some(from) || Shown::of(t.state).score() == 0 {
                return None;
            }
            let mine = Shown::of(inh.trace(from, cap).state).score();
            let others_lack = parents
                .iter()
                .filter(|(_, p)| *p != from)
                .any(|&(_, p)| Shown::of(inh.trace(p, cap).state).score() < mine);
            others_lack.then_some(Carried {
                cap,
                certain: !super::uncertain(t),
            })
        })
        .collect()
}

fn cap_label(lineage: &Lineage, cap: CapabilityId, certain: bool, lang: Lang) -> String {
    let mut s = canvas::clean(lineage.capability(cap).label.get(lang));
    if !certain {
        s.push_str(" ?");
    }
    s
}

fn carried_text(lineage: &Lineage, carried: &[Carried], lang: Lang) -> String {
    carried
        .iter()
        .map(|c| cap_label(lineage, c.cap, c.certain, lang))
        .collect::<Vec<_>>()
        .join(Word::ListSeparator.get(lang))
}

fn title(view: &View, lang: Lang) -> String {
    canvas::clean(view.title().get(lang))
}

// ---------------------------------------------------------------- DOT

/// A DOT label (through `dot::quoted_label`, the one DOT quoting): white
/// space collapsed, quoted and escaped.
fn dot_quote(text: &str) -> String {
    dot::quoted_label(&canvas::clean(text))
}

/// Lines joined for a DOT label: each line cleaned, `\n` between.
fn dot_lines(lines: &[String]) -> String {
    let lines: Vec<String> = lines.iter().map(|l| canvas::clean(l)).collect();
    dot::quoted_label(&lines.join("\n"))
}

/// Wrap a long label for DOT/Mermaid at about `chars` characters.
fn wrap_chars(text: &str, chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in canvas::clean(text).split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

struct Ids {
    caps: Vec<String>,
    models: Vec<String>,
}

fn ids(flow: &Flow) -> Ids {
    let caps = (0..flow.caps.len()).map(|i| format!("n{i}")).collect();
    let models = (0..flow.models.len())
        .map(|i| format!("n{}", flow.caps.len() + i))
        .collect();
    Ids { caps, models }
}

fn model_lines(lineage: &Lineage, n: NodeIndex, lang: Lang) -> Vec<String> {
    let (name, api) = model_names(lineage, n, lang);
    let mut meta = model_date(lineage, n, lang);
    if let Some(api) = api {
        meta = format!("{api} · {meta}");
    }
    vec![name, meta]
}

fn edge_label(flow: &Flow, e: &Edge, lang: Lang) -> Vec<String> {
    let lineage = flow.view.lineage;
    let mut lines = wrap_chars(lineage.method(e.method).label.get(lang), 28);
    if !e.carried.is_empty() {
        let brought = format!(
            "{}{}",
            Word::Brings.get(lang),
            carried_text(lineage, &e.carried, lang)
        );
        lines.extend(wrap_chars(&brought, 32));
    }
    lines
}

/// The flow as Graphviz DOT.
pub fn dot(view: &View, options: &Options) -> String {
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let ids = ids(&flow);
    let font = "Helvetica";
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", dot::quoted(&view.spec.name));
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.55, labelloc=t, labeljust=l, fontname={font:?}, fontsize=16, fontcolor={:?}, bgcolor={:?}, label={}];",
        theme.text.hex(),
        theme.background.hex(),
        dot_quote(view.title().get(lang))
    );
    let _ = writeln!(
        out,
        "  node [fontname={font:?}, fontsize=11, shape=box, style=\"rounded,filled\", fontcolor={:?}, penwidth=1.2];",
        theme.text.hex()
    );
    let _ = writeln!(
        out,
        "  edge [fontname={font:?}, fontsize=9, fontcolor={:?}, arrowsize=0.7];",
        theme.muted.hex()
    );
    // Capabilities: one column on the left.
    let _ = writeln!(out, "  subgraph capabilities {{\n    rank=min;");
    for (i, node) in flow.caps.iter().enumerate() {
        let color = palette::categorical(node.cap.0);
        let label = cap_label(lineage, node.cap, node.certain, lang);
        let _ = writeln!(
            out,
            "    {} [label={}, shape=box, style=\"rounded,filled{}\", fillcolor={:?}, color={:?}];",
            ids.caps[i],
            dot_lines(&wrap_chars(&label, 26)),
            if node.certain { "" } else { ",dashed" },
            theme.tint(color, 0.16).hex(),
            theme.ink(color).hex()
        );
    }
    out.push_str("  }\n");
    // Models, clustered by branch.
    let model_node = |i: usize, n: NodeIndex| {
        let merge = flow.is_merge(n);
        format!(
            "{} [label={}, fillcolor={:?}, color={:?}{}];",
            ids.models[i],
            dot_lines(&model_lines(lineage, n, lang)),
            theme.card.hex(),
            if merge {
                theme.merge_stroke
            } else {
                theme.card_stroke
            }
            .hex(),
            if merge { ", penwidth=2.2" } else { "" }
        )
    };
    let mut branches: Vec<crate::lineage::BranchId> = flow
        .models
        .iter()
        .filter_map(|&n| lineage.model(n).branch)
        .collect();
    branches.dedup();
    let mut seen = Vec::new();
    for b in branches {
        if seen.contains(&b) {
            continue;
        }
        seen.push(b);
        let color = palette::branch(b.0);
        let _ = writeln!(
            out,
            "  subgraph cluster_{} {{\n    label={}; style=\"rounded,filled\"; fillcolor={:?}; color={:?}; fontcolor={:?}; fontsize=11;",
            b.0,
            dot_quote(lineage.branch(b).label.get(lang)),
            theme.tint(color, 0.08).hex(),
            theme.ink(color).hex(),
            theme.text.hex()
        );
        for (i, &n) in flow.models.iter().enumerate() {
            if lineage.model(n).branch == Some(b) {
                let _ = writeln!(out, "    {}", model_node(i, n));
            }
        }
        out.push_str("  }\n");
    }
    for (i, &n) in flow.models.iter().enumerate() {
        if lineage.model(n).branch.is_none() {
            let _ = writeln!(out, "  {}", model_node(i, n));
        }
    }
    // Feeds.
    for f in &flow.feeds {
        let color = theme.ink(palette::categorical(flow.caps[f.node].cap.0));
        let mut attrs = format!("color={:?}", color.hex());
        if f.kind == ChangeKind::Unlocked {
            let _ = write!(
                attrs,
                ", arrowhead=diamond, label={}",
                dot_quote(change_word(f.kind, lang))
            );
        }
        if !f.certain {
            attrs.push_str(", style=dashed");
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{attrs}];",
            ids.caps[f.node],
            ids.models[flow.position(f.model)]
        );
    }
    // Lineage.
    for e in &flow.edges {
        let color = theme.ink(palette::method(e.method.0));
        let mut attrs = format!(
            "color={:?}, penwidth=1.6, label={}",
            color.hex(),
            dot_lines(&edge_label(&flow, e, lang))
        );
        if !e.certain {
            attrs.push_str(", style=dashed");
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{attrs}];",
            ids.models[flow.position(e.from)],
            ids.models[flow.position(e.to)]
        );
    }
    out.push_str("}\n");
    out
}

// ---------------------------------------------------------------- Mermaid

/// A quoted Mermaid label of `lines` (through `mermaid::label`, the one
/// Mermaid escaping).
fn mermaid_label(lines: &[String]) -> String {
    format!("\"{}\"", mermaid::label(&lines.join("\n")))
}

/// The flow as a Mermaid flowchart.
pub fn mermaid(view: &View, options: &Options) -> Result<String, WriteError> {
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let ids = ids(&flow);
    mermaid::check_edge_count(view, flow.feeds.len() + flow.edges.len())?;
    let mut out = mermaid::front_matter(view.title().get(lang), options);
    out.push_str("flowchart LR\n");
    for (i, node) in flow.caps.iter().enumerate() {
        let label = cap_label(lineage, node.cap, node.certain, lang);
        let _ = writeln!(
            out,
            "  {}([{}])",
            ids.caps[i],
            mermaid_label(&wrap_chars(&label, 28))
        );
    }
    let mut done = vec![false; flow.models.len()];
    let mut group = 0;
    for (i, &n) in flow.models.iter().enumerate() {
        let Some(b) = lineage.model(n).branch else {
            continue;
        };
        if done[i] {
            continue;
        }
        let _ = writeln!(
            out,
            "  subgraph g{group} [{}]",
            mermaid_label(&[lineage.branch(b).label.get(lang).to_string()])
        );
        group += 1;
        for (j, &m) in flow.models.iter().enumerate() {
            if lineage.model(m).branch == Some(b) {
                done[j] = true;
                let _ = writeln!(
                    out,
                    "    {}[{}]",
                    ids.models[j],
                    mermaid_label(&model_lines(lineage, m, lang))
                );
            }
        }
        out.push_str("  end\n");
    }
    for (i, &n) in flow.models.iter().enumerate() {
        if !done[i] {
            let _ = writeln!(
                out,
                "  {}[{}]",
                ids.models[i],
                mermaid_label(&model_lines(lineage, n, lang))
            );
        }
    }
    let mut styles = Vec::new();
    for f in &flow.feeds {
        let arrow = if f.certain { "-->" } else { "-.->" };
        let label = if f.kind == ChangeKind::Unlocked {
            format!(
                "|{}|",
                mermaid_label(&[change_word(f.kind, lang).to_string()])
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} {arrow}{label} {}",
            ids.caps[f.node],
            ids.models[flow.position(f.model)]
        );
        styles.push(theme.ink(palette::categorical(flow.caps[f.node].cap.0)));
    }
    for e in &flow.edges {
        let arrow = if e.certain { "==>" } else { "-.->" };
        let _ = writeln!(
            out,
            "  {} {arrow}|{}| {}",
            ids.models[flow.position(e.from)],
            mermaid_label(&edge_label(&flow, e, lang)),
            ids.models[flow.position(e.to)]
        );
        styles.push(theme.ink(palette::method(e.method.0)));
    }
    for (i, node) in flow.caps.iter().enumerate() {
        let color = palette::categorical(node.cap.0);
        let _ = writeln!(
            out,
            "  classDef cap{i} fill:{},stroke:{},color:{}{}",
            theme.tint(color, 0.16).hex(),
            theme.ink(color).hex(),
            theme.text.hex(),
            if node.certain {
                ""
            } else {
                ",stroke-dasharray:4 3"
            }
        );
        let _ = writeln!(out, "  class {} cap{i}", ids.caps[i]);
    }
    let merges: Vec<&String> = flow
        .models
        .iter()
        .enumerate()
        .filter(|(_, &n)| flow.is_merge(n))
        .map(|(i, _)| &ids.models[i])
        .collect();
    if !merges.is_empty() {
        let _ = writeln!(
            out,
            "  classDef merge stroke:{},stroke-width:2.5px",
            theme.merge_stroke.hex()
        );
        for m in merges {
            let _ = writeln!(out, "  class {m} merge");
        }
    }
    for (i, color) in styles.iter().enumerate() {
        let _ = writeln!(
            out,
            "  linkStyle {i} stroke:{},stroke-width:1.6px",
            color.hex()
        );
    }
    mermaid::check_length(view, &out)?;
    Ok(out)
}

/// The flow as Markdown: a fenced Mermaid block.
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    Ok(format!("```mermaid\n{}```\n", mermaid(view, options)?))
}

// ---------------------------------------------------------------- SVG

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

fn method_ink(theme: &Theme, m: MethodId) -> Rgb {
    theme.ink(palette::method(m.0))
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
    let (mut lx, mut ly) = (MARGIN, placed.bottom + 28.0);
    let mut legend_at = Vec::new();
    for (sample, label) in legend_items {
        let w = 34.0 + f.legend.width(&label) + 18.0;
        if lx > MARGIN && lx + w > MARGIN + inner {
            lx = MARGIN;
            ly += line_h + 4.0;
        }
        legend_at.push((lx, ly, sample, label));
        lx += w;
    }
    let height = (ly + line_h + MARGIN).ceil();

    c.open("header", &[]);
    canvas::title_block(&mut c, &title, Some(subtitle), MARGIN, MARGIN, inner);
    c.close();

    // Lineage edges under everything else.
    c.open("edges", &[]);
    for (i, e) in flow.edges.iter().enumerate() {
        let (from, to) = placed.edge_ends[i];
        let color = method_ink(&theme, e.method);
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
        let color = theme.ink(palette::categorical(node.cap.0));
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
        let color = palette::categorical(node.cap.0);
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
                Some(palette::branch(br.0)),
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
                let color = theme.ink(palette::categorical(cap.0));
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
                    stroke(method_ink(&theme, *m), 2.2, false),
                );
            }
            LegendSample::Branch(br) => c.rect(
                &format!("legend-{i}"),
                rect(x + 12.0, mid - 8.0, 3.5, 16.0),
                1.5,
                Some(palette::branch(br.0)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_and_mermaid_labels_cannot_escape() {
        // The one DOT and the one Mermaid escaping, as the lineage writers use them.
        assert_eq!(dot_quote("a\"b\\n"), dot::quoted_label("a\"b\\n"));
        assert_eq!(dot_quote("a\"b\\n"), "\"a\\\"b\\\\n\"");
        assert_eq!(dot_lines(&["a  b".into(), "c".into()]), "\"a b\\nc\"");
        assert_eq!(
            mermaid_label(&["%%{init}%% <b>".to_string(), String::new()]),
            "\"#37;#37;#123;init#125;#37;#37; #60;b#62;\""
        );
        assert_eq!(mermaid_label(&[String::new()]), "\"#8203;\"");
    }

    #[test]
    fn wraps_by_words() {
        assert_eq!(wrap_chars("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_chars("", 7), [""]);
    }
}
