//! Mermaid flowcharts, and Markdown files that carry one.
//!
//! The flowchart must draw the same in today's Mermaid and in the older one
//! GitHub uses (11.3), and no label may ever be read as Mermaid syntax,
//! configuration, HTML or Markdown. So:
//!
//! - front matter on the first line pins `layout`, `theme` and `look`, so a
//!   later Mermaid with other defaults draws the same figure;
//! - the figure is legible on a white page and on a dark one (GitHub's
//!   #0d1117): every colour is explicit (`theme: base` with the theme's
//!   colours as `themeVariables`), and no text sits on the page itself
//!   (the title is a node with its own fill, see [`title_node`]), because
//!   no text colour reads at 4.5:1 on both white and #0d1117; see
//!   [`front_matter`];
//! - top to bottom unless the view declares `direction: Right`, so that a
//!   figure fits a docs column (880 px) with its text at 11 px or more, and
//!   [`fit`] warns when a view is too big for that;
//! - a key for the marks (`+ ○ ◆ ?`, dashed arrows, merges): a node in the
//!   flowchart, or a line under the block in Markdown (see [`key`]);
//! - node ids are generated (`n0`, `n1`, …), never taken from the data
//!   (`end`, `click`, `style` or `a---b` would be read as syntax);
//! - every label is quoted and every ASCII character in it that is not a
//!   letter, digit or space is written as an entity (`#34;`), see [`label`];
//! - one edge per line, so `linkStyle` indices are simply the edge order;
//! - Mermaid's own limits (500 edges, 50,000 characters) are checked here:
//!   a figure over them is an error, never a broken diagram.
//!
//! Mermaid lays the graph out itself: ranks follow derivations, not dates
//! (the DOT and SVG figures keep time).

use super::svg::card::{clean, glyph};
use super::{FitWarning, Options, Style, WriteError};
use crate::data::{Certainty, ChangeKind, DirectionDecl, ViewKind};
use crate::figure::lineage::{lanes, Card, EdgeLabel, Role};
use crate::figure::lines;
use crate::lineage::{Lang, MethodId};
use crate::palette::{self, Rgb, Theme, ThemeName};
use crate::view::View;
use crate::words::{self, Word};
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

/// Mermaid refuses a flowchart with more edges than this ("Edge limit exceeded").
pub const MAX_EDGES: usize = 500;
/// Mermaid draws an error picture for a diagram longer than this, counted
/// as JavaScript counts (UTF-16 code units).
pub const MAX_CHARS: usize = 50_000;

/// Draw `view` as a Mermaid flowchart (the contents of a `.mmd` file), with
/// its key as a node.
pub fn write(view: &View, options: &Options) -> Result<String, WriteError> {
    checked(view, options, true)
}

fn checked(view: &View, options: &Options, key_node: bool) -> Result<String, WriteError> {
    check_edges(view)?;
    let text = flowchart(view, options, key_node);
    check_length(view, &text)?;
    Ok(text)
}

/// The flowchart as a fenced ```` ```mermaid ```` block, ready to paste
/// into Markdown (what `lineage inject` puts between its markers); it
/// carries its key as a node, so it stands alone.
pub fn fenced(view: &View, options: &Options) -> Result<String, WriteError> {
    Ok(format!("```mermaid\n{}```\n", write(view, options)?))
}

/// A Markdown file: the view's title as a heading, the fenced flowchart,
/// and the key as a line of text under it (text of the page, legible in
/// any page theme, and taking no width from the figure).
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    let title = view.title().get(options.lang);
    let key = key_line(&lineage_key(view, options.lang), options.lang);
    Ok(format!(
        "# {}\n\n```mermaid\n{}```\n\n{key}\n",
        super::markdown::text(title),
        checked(view, options, false)?
    ))
}

/// What the marks of a figure mean: one entry per mark the figure uses.
pub fn key(
    kinds: &BTreeSet<ChangeKind>,
    uncertain: bool,
    dashed: bool,
    merge: bool,
    lang: Lang,
) -> Vec<String> {
    let mut out: Vec<String> = kinds
        .iter()
        .map(|&k| format!("{} {}", glyph(k), words::change(k, lang)))
        .collect();
    if uncertain {
        out.push(format!("? {}", Word::UncertainGuess.get(lang)));
    }
    if dashed {
        out.push(Word::KeyDashedArrow.get(lang).to_string());
    }
    if merge {
        out.push(Word::KeyThickBorder.get(lang).to_string());
    }
    out
}

/// The key of a lineage view: the change marks its cards show, `?` when a
/// change is uncertain, and the dashed arrow and thick border when it has
/// an uncertain derivation or a merge.
fn lineage_key(view: &View, lang: Lang) -> Vec<String> {
    let mut kinds = BTreeSet::new();
    let mut uncertain = false;
    for &n in &view.models {
        for change in Card::of(view, n, lang).changes {
            kinds.insert(change.kind);
            uncertain |= !change.certain;
        }
    }
    let lineage = view.lineage;
    let dashed = view
        .edges
        .iter()
        .any(|&e| lineage.graph[e].certainty == Certainty::Uncertain);
    uncertain |= dashed;
    let merge = view
        .models
        .iter()
        .any(|&n| Role::of(view, n) == Role::Merge);
    key(&kinds, uncertain, dashed, merge, lang)
}

/// The key as one line of Markdown: "Key: + gained · ○ latent · …".
pub fn key_line(entries: &[String], lang: Lang) -> String {
    let text = format!("{}{}", Word::Key.get(lang), entries.join(" · "));
    super::markdown::text(&text)
}

/// The key as a Mermaid node `k0` (class `lnKey`), tied below `last`
/// by an invisible link, which must come after every visible link (link
/// styles count links in order). Entries share a line up to
/// [`KEY_LINE`] characters, so the key is no wider than a card.
pub fn key_node(entries: &[String], last: Option<&str>, lang: Lang, theme: &Theme) -> String {
    if entries.is_empty() {
        return String::new();
    }
    let mut lines = vec![Word::Legend.get(lang).to_string()];
    let mut line = String::new();
    for entry in entries {
        if !line.is_empty() && line.chars().count() + 3 + entry.chars().count() > KEY_LINE {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str(entry);
    }
    lines.push(line);
    let mut out = format!("  k0[\"{}\"]\n", label(&lines.join("\n")));
    if let Some(last) = last {
        out.push_str(&format!("  {last} ~~~ k0\n"));
    }
    out.push_str(&format!(
        "  classDef lnKey fill:{},stroke:{},stroke-dasharray:4 3,color:{}\n  class k0 lnKey\n",
        theme.background.hex(),
        theme.card_stroke.hex(),
        theme.text.hex()
    ));
    out
}

/// Characters on one line of a key node.
const KEY_LINE: usize = 26;

/// The direction a view's flowchart runs: top to bottom, which keeps it
/// narrow enough for a docs column, unless the view declares
/// `direction: Right`.
pub fn direction(view: &View) -> &'static str {
    match (view.spec.direction_declared, view.spec.direction) {
        (true, DirectionDecl::Right) => "LR",
        _ => "TB",
    }
}

/// `hue` darkened (light theme) or lightened (dark theme) until it reads at
/// 5:1 on `fill` (4.5:1 is the bar; the margin covers Mermaid's own
/// translucent label backgrounds).
pub fn ink_on(theme: &Theme, hue: Rgb, fill: Rgb) -> Rgb {
    let target = match theme.name {
        ThemeName::Light => Rgb(0, 0, 0),
        ThemeName::Dark => Rgb(0xff, 0xff, 0xff),
    };
    let mut out = hue;
    let mut t = 0.0;
    while out.contrast(fill) < 5.0 && t < 1.0 {
        t += 0.05;
        out = hue.mix(target, t);
    }
    out
}

/// `style` for the subgraph `g` of the branch with colour index `b`: a tint
/// of the branch colour, its title in a darker shade of it.
pub fn branch_style(g: &str, b: usize, theme: &Theme) -> String {
    let hue = palette::branch(b);
    let fill = theme.tint(hue, 0.12);
    format!(
        "style {g} fill:{},stroke:{},color:{}",
        fill.hex(),
        theme.tint(hue, 0.55).hex(),
        ink_on(theme, hue, fill).hex()
    )
}

/// `linkStyle` for `links` drawn in the colour of method slot `slot` (see
/// `View::method_slot`), their labels too
/// (`color`; Mermaid 11.3 sets it on the label's `span` only, and the
/// `themeCSS` of [`front_matter`] lets the label text inherit it).
pub fn link_style(links: &[usize], slot: usize, width: &str, theme: &Theme) -> String {
    let hue = palette::method(slot);
    let links: Vec<String> = links.iter().map(|i| i.to_string()).collect();
    format!(
        "linkStyle {} stroke:{},stroke-width:{width},color:{}",
        links.join(","),
        hue.hex(),
        ink_on(theme, hue, theme.background).hex()
    )
}

/// Text inside a quoted Mermaid label: ASCII letters, digits and spaces as
/// they are, every other ASCII character as `#<decimal>;`, control
/// characters dropped, lines trimmed and joined by a raw newline; an empty
/// label as a zero-width space.
///
/// Escaping all of ASCII punctuation, not just `"`, is what keeps data out
/// of Mermaid's syntax: `"` would end the label, `%` start a `%%{init}%%`
/// directive, a backtick a Markdown string, `$$` KaTeX, `fa:fa-x` an icon,
/// `<` HTML, `\n` a line break, and Mermaid 11.3 reads `1. item` as a
/// Markdown list unless the `.` is an entity. A line can never end the
/// string, so a line of data cannot become a statement (`click …`).
///
/// Lines are joined by a newline inside the quotes, not by `<br>`: any `<`
/// in a label makes Mermaid run it through DOMPurify's full parser, which
/// decodes every entity before Mermaid looks for KaTeX, icons and (in 11.3)
/// Markdown, and the escaping above would be undone. Both Mermaid 11.3 and
/// today's Mermaid draw a newline in a quoted label as a line break.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = crate::text::strip_controls(text);
    for line in text.lines().map(clean).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        for c in line.chars() {
            match c {
                c if c.is_ascii_alphanumeric() || c == ' ' => out.push(c),
                c if c.is_ascii() => out.push_str(&format!("#{};", c as u32)),
                c => out.push(c),
            }
        }
    }
    if out.is_empty() {
        out.push_str("#8203;");
    }
    out
}

/// A YAML double-quoted string for the front matter: `\` and `"` escaped,
/// `%` and backticks as `\x25` and `\x60` (so no `%%` directive or fence
/// can appear in the file), line separators escaped, controls dropped.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push(' '),
            '%' => out.push_str("\\x25"),
            '`' => out.push_str("\\x60"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The front matter every Mermaid figure starts with, between its `---`
/// lines: the layout, the theme and the look.
///
/// The theme is `base` with every colour given (`themeVariables` from our
/// [`Theme`]), so Mermaid 11.3 and today's derive nothing of their own.
/// There is no front-matter `title`: Mermaid draws it on the page, and
/// WCAG's 4.5:1 between text and what is behind it cannot hold for one
/// colour on both a white page and GitHub's dark #0d1117 (the best reaches
/// 4.35:1); the title is a node with its own fill instead ([`title_node`]).
/// `themeCSS` lets an edge label's text take the `color` of its
/// `linkStyle`: Mermaid 11.3 puts that colour on the label's `span` but
/// colours the `p` inside with the node text colour (today's Mermaid
/// needs no help; the rule is a plain stylesheet, as it requires).
pub fn front_matter(options: &Options) -> String {
    let theme = Theme::get(options.theme);
    let mut out = String::from("---\nconfig:\n  layout: dagre\n  theme: base\n");
    match options.style {
        Style::Clean => out.push_str("  look: classic\n"),
        Style::Sketch => {
            out.push_str("  look: handDrawn\n");
            out.push_str(&format!("  handDrawnSeed: {}\n", options.seed));
        }
    }
    out.push_str("  themeVariables:\n");
    let dark = theme.name == ThemeName::Dark;
    out.push_str(&format!("    darkMode: {dark}\n"));
    for (name, colour) in [
        ("background", theme.background),
        ("primaryColor", theme.card),
        ("primaryTextColor", theme.text),
        ("primaryBorderColor", theme.card_stroke),
        ("secondaryColor", theme.card),
        ("tertiaryColor", theme.background),
        ("lineColor", theme.muted),
        ("textColor", theme.text),
        ("titleColor", theme.text),
        ("edgeLabelBackground", theme.background),
        ("clusterBkg", theme.background),
        ("clusterBorder", theme.card_stroke),
    ] {
        out.push_str(&format!("    {name}: \"{}\"\n", colour.hex()));
    }
    out.push_str("  themeCSS: \".edgeLabel p { color: inherit; }\"\n");
    out.push_str("---\n");
    out
}

/// The figure's title as a node `t0` (class `lnTitle`: the theme's
/// background as fill and border, larger bold text), tied above `first` by
/// an invisible link, which must come after every visible link.
pub fn title_node(title: &str, first: Option<&str>, theme: &Theme) -> String {
    // One line; `label` escapes it like any label, so it shows as written.
    let mut out = format!("  t0[\"{}\"]\n", label(&clean(title)));
    if let Some(first) = first {
        out.push_str(&format!("  t0 ~~~ {first}\n"));
    }
    out.push_str(&format!(
        "  classDef lnTitle fill:{},stroke:{},color:{},font-size:20px,font-weight:bold\n  class t0 lnTitle\n",
        theme.background.hex(),
        theme.background.hex(),
        theme.text.hex()
    ));
    out
}

/// The Mermaid class of a model's role. Prefixed: Mermaid's own groups
/// have classes such as `root` (the whole drawing), and a `classDef root`
/// would restyle every label in it.
fn class(role: Role) -> &'static str {
    match role {
        Role::Root => "lnRoot",
        Role::Merge => "lnMerge",
        Role::Leaf => "lnLeaf",
        Role::Normal => "lnNormal",
    }
}

fn flowchart(view: &View, options: &Options, key_node_wanted: bool) -> String {
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let mut out = front_matter(options);
    let mut push = |indent: usize, line: &str| {
        for _ in 0..indent {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    };

    let direction = direction(view);
    push(0, &format!("flowchart {direction}"));

    // Node ids follow the view's (date) order.
    let mut position = vec![0; lineage.graph.node_count()];
    for (i, n) in view.models.iter().enumerate() {
        position[n.index()] = i;
    }
    let id = |n: NodeIndex| format!("n{}", position[n.index()]);
    let node = |n: NodeIndex| format!("{}[\"{}\"]", id(n), node_label(view, n, lang));

    let mut groups = Vec::new();
    for lane in lanes(view, lang) {
        let g = format!("g{}", groups.len());
        // One line: Mermaid draws a cluster title of several lines over the nodes.
        push(
            1,
            &format!("subgraph {g} [\"{}\"]", label(&clean(&lane.label))),
        );
        // Without this, Mermaid lays out a branch no edge leaves top to bottom.
        push(2, &format!("direction {direction}"));
        for n in lane.members {
            push(2, &node(n));
        }
        push(1, "end");
        groups.push((g, lane.branch.0));
    }
    for &n in &view.models {
        if lineage.model(n).branch.is_none() {
            push(1, &node(n));
        }
    }

    let mut link_styles: Vec<(MethodId, Vec<usize>)> = Vec::new();
    for (i, edge) in EdgeLabel::all(view, lang).into_iter().enumerate() {
        let Some((a, b)) = lineage.graph.edge_endpoints(edge.edge) else {
            continue;
        };
        let arrow = if edge.certain { "-->" } else { "-.->" };
        push(
            1,
            &format!("{} {arrow}|\"{}\"| {}", id(a), label(&edge.text()), id(b)),
        );
        match link_styles.iter_mut().find(|(m, _)| *m == edge.method) {
            Some((_, edges)) => edges.push(i),
            None => link_styles.push((edge.method, vec![i])),
        }
    }

    for k in Role::ALL {
        let (stroke, width) = match k {
            Role::Root => (theme.muted, "1.5px"),
            Role::Merge => (theme.merge_stroke, "3px"),
            Role::Leaf | Role::Normal => (theme.card_stroke, "1px"),
        };
        push(
            1,
            &format!(
                "classDef {} fill:{},stroke:{},stroke-width:{width},color:{}",
                class(k),
                theme.card.hex(),
                stroke.hex(),
                theme.text.hex()
            ),
        );
    }
    for k in Role::ALL {
        let members: Vec<String> = view
            .models
            .iter()
            .filter(|&&n| Role::of(view, n) == k)
            .map(|&n| id(n))
            .collect();
        if !members.is_empty() {
            push(1, &format!("class {} {}", members.join(","), class(k)));
        }
    }
    for (g, b) in &groups {
        push(1, &branch_style(g, *b, &theme));
    }
    // One line per method; Mermaid numbers links in source order, one per edge line.
    for (method, edges) in &link_styles {
        push(
            1,
            &link_style(edges, view.method_slot(*method), "1.5px", &theme),
        );
    }
    out.push_str(&title_node(
        view.title().get(lang),
        view.models.first().map(|&n| id(n)).as_deref(),
        &theme,
    ));
    if key_node_wanted {
        // Below the last model in date order: the key takes no width beside the models.
        let last = view.models.last().map(|&n| id(n));
        out.push_str(&key_node(
            &lineage_key(view, lang),
            last.as_deref(),
            lang,
            &theme,
        ));
    }
    out
}

/// Name, then API name and date, the merge, then one line per capability
/// change (the size line is left out: a docs column has no room for it).
fn node_label(view: &View, n: NodeIndex, lang: Lang) -> String {
    label(&node_lines(view, n, lang).join("\n"))
}

fn node_lines(view: &View, n: NodeIndex, lang: Lang) -> Vec<String> {
    let card = Card::of(view, n, lang);
    let first = card.meta(false).remove(0);
    let mut parts = vec![card.name, first];
    parts.extend(card.merge);
    for change in &card.changes {
        let mark = if change.certain { "" } else { " ?" };
        parts.push(format!("{} {}{mark}", glyph(change.kind), change.label));
    }
    parts
}

/// The widest a Mermaid drawing may be for a docs column: Mermaid draws
/// labels at 16 px, GitHub scales the drawing into an 880 px column, and
/// text there must stay at 11 px or more.
pub const COLUMN_WIDTH: f64 = 880.0 * 16.0 / 11.0;

/// A flowchart as Mermaid's layout (dagre) will roughly place it: each
/// node's rank (longest path from a source) and width, each edge label's
/// rank (that of the edge's tail) and width. Enough to tell before drawing
/// whether a figure fits a docs column; `tests/mermaid_fit.rs` checks the
/// estimate against the real Mermaid both ways.
#[derive(Debug, Default)]
pub struct Sketch {
    pub nodes: Vec<(usize, f64)>,
    pub labels: Vec<(usize, f64)>,
}

/// Mermaid's gap between nodes and between ranks.
const GAP: f64 = 50.0;

impl Sketch {
    /// The width of a box holding `lines`: Mermaid wraps a label at 200 px
    /// and pads it by 15 px a side. Latin text is about 8 px a character
    /// at 16 px, CJK 16 px.
    pub fn box_width<S: AsRef<str>>(lines: &[S]) -> f64 {
        let widest = lines
            .iter()
            .map(|l| {
                l.as_ref()
                    .chars()
                    .map(|c| if (c as u32) < 0x2e80 { 8.0 } else { 16.0 })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        widest.min(200.0) + 30.0
    }

    /// The estimated width of the drawing, top to bottom (`lr` false: the
    /// widest rank) or left to right (every rank's widest box side by side).
    pub fn width(&self, lr: bool) -> f64 {
        let ranks = self
            .nodes
            .iter()
            .chain(&self.labels)
            .map(|&(r, _)| r + 1)
            .max()
            .unwrap_or(0);
        let mut node_sum = vec![0.0; ranks];
        let mut node_max = vec![0.0f64; ranks];
        let mut label_sum = vec![0.0; ranks];
        let mut label_max = vec![0.0f64; ranks];
        for &(r, w) in &self.nodes {
            node_sum[r] += w + GAP;
            node_max[r] = node_max[r].max(w + GAP);
        }
        for &(r, w) in &self.labels {
            label_sum[r] += w + GAP;
            label_max[r] = label_max[r].max(w + GAP);
        }
        if lr {
            node_max.iter().sum::<f64>() + label_max.iter().sum::<f64>()
        } else {
            node_sum
                .iter()
                .chain(&label_sum)
                .fold(0.0, |a: f64, &b| a.max(b))
        }
    }
}

/// A lineage view as [`Sketch`] sees it.
fn lineage_sketch(view: &View, lang: Lang) -> Sketch {
    let lineage = view.lineage;
    let mut rank = vec![0usize; lineage.graph.node_count()];
    let mut sketch = Sketch::default();
    // Models come in date order, parents first.
    for &n in &view.models {
        let r = view
            .parents(n)
            .iter()
            .map(|&(_, p)| rank[p.index()] + 1)
            .max()
            .unwrap_or(0);
        rank[n.index()] = r;
        sketch
            .nodes
            .push((r, Sketch::box_width(&node_lines(view, n, lang))));
    }
    for &e in &view.edges {
        if let Some((a, _)) = lineage.graph.edge_endpoints(e) {
            let text = lines(lineage.method(lineage.graph[e].method).label.get(lang));
            sketch
                .labels
                .push((rank[a.index()], Sketch::box_width(&[text]) - 20.0));
        }
    }
    sketch
}

/// Whether the view's Mermaid figure, at the estimated width of `sketch`,
/// keeps its text at 11 px in an 880 px docs column; if not, the warning.
pub fn column_fit(view: &View, sketch: &Sketch) -> Option<FitWarning> {
    let lr = direction(view) == "LR";
    let width = sketch.width(lr);
    if width <= COLUMN_WIDTH {
        return None;
    }
    let text = 16.0 * 880.0 / width;
    let mut hint = String::from("split the view: give it `from`/`to` so it draws fewer models");
    if lr {
        hint.push_str(
            ", or leave out `direction: Right` (Mermaid figures run top to bottom unless told)",
        );
    }
    Some(FitWarning {
        message: format!(
            "view \"{}\": its Mermaid figure is about {:.0} px wide, so in an 880 px docs column its text is about {:.0} px tall (under 11 px); it is drawn anyway",
            view.spec.name,
            width,
            text
        ),
        hint,
    })
}

/// [`column_fit`] for a lineage view.
pub fn fit(view: &View, lang: Lang) -> Option<FitWarning> {
    column_fit(view, &lineage_sketch(view, lang))
}

const SPLIT: &str =
    "split the view: give it `from`/`to` (or `only`/`exclude`) so it draws fewer models";

fn check_edges(view: &View) -> Result<(), WriteError> {
    check_edge_count(view, view.edges.len())
}

/// Mermaid's edge limit ([`MAX_EDGES`]) for a figure of `edges` edges:
/// every Mermaid writer checks it here, before writing.
pub fn check_edge_count(view: &View, edges: usize) -> Result<(), WriteError> {
    if edges > MAX_EDGES {
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!("it has {edges} edges, over Mermaid's limit of {MAX_EDGES}"),
            hint: format!("{SPLIT}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}

/// Mermaid's length limit ([`MAX_CHARS`], in UTF-16 code units as Mermaid
/// counts): every Mermaid writer checks its finished text here.
pub fn check_length(view: &View, text: &str) -> Result<(), WriteError> {
    let length = text.encode_utf16().count();
    if length > MAX_CHARS {
        let also = if view.spec.capabilities && view.spec.kind == ViewKind::Lineage {
            ", or set `capabilities: false` on the view"
        } else {
            ""
        };
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: "Mermaid",
            limit: format!(
                "the diagram is {length} characters long, over Mermaid's limit of {MAX_CHARS}"
            ),
            hint: format!("{SPLIT}{also}, or draw it as DOT or SVG"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::fixtures::{hostile, lineage};
    use crate::lineage::Lineage;

    /// A chain of `n` models: `n - 1` edges.
    fn chain(n: usize, name: &str) -> Lineage {
        let mut models = String::new();
        for i in 0..n {
            let from = if i == 0 {
                String::new()
            } else {
                format!(r#", from: [(parent: "m{}", via: "m")]"#, i - 1)
            };
            models.push_str(&format!(r#"(id: "m{i}", name: "{name}"{from}),"#));
        }
        lineage(&format!(
            r#"Lineage(title: "t", methods: {{ "m": (label: "M") }}, models: [{models}])"#
        ))
    }

    #[test]
    fn labels_escape_all_ascii_punctuation() {
        assert_eq!(label(r#"say "hi""#), "say #34;hi#34;");
        assert_eq!(label("1. item"), "1#46; item");
        assert_eq!(
            label("%%{init: {\"theme\":\"dark\"}}%%"),
            "#37;#37;#123;init#58; #123;#34;theme#34;#58;#34;dark#34;#125;#125;#37;#37;"
        );
        assert_eq!(label("<script>"), "#60;script#62;");
        assert_eq!(
            label("#quot; `x` $$y$$ a\\n"),
            "#35;quot#59; #96;x#96; #36;#36;y#36;#36; a#92;n"
        );
        assert_eq!(label("上下文学习 🚀 مرحبا"), "上下文学习 🚀 مرحبا");
    }

    #[test]
    fn label_lines_are_trimmed_and_joined_by_a_newline_never_br() {
        assert_eq!(label("  one  \n\n    two\t\r\n"), "one\ntwo");
        assert_eq!(label(""), "#8203;");
        assert_eq!(label(" \n \u{7}"), "#8203;");
        assert!(!label("a<b>\nc").contains('<'));
    }

    #[test]
    fn yaml_titles_cannot_break_out() {
        assert_eq!(yaml_quoted(r#"a "b" \ c"#), r#""a \"b\" \\ c""#);
        assert_eq!(
            yaml_quoted("%%{init}%%\n`x`"),
            r#""\x25\x25{init}\x25\x25 \x60x\x60""#
        );
    }

    #[test]
    fn markdown_headings_are_plain_text() {
        assert_eq!(
            super::super::markdown::text("# 1. <b>x</b> *y* GPT-3.5 &amp; `z` \\"),
            r"\# 1. \<b\>x\</b\> \*y\* GPT-3.5 &amp;amp; \`z\` \\"
        );
    }

    #[test]
    fn front_matter_pins_layout_theme_and_look() {
        let l = hostile();
        let view = &View::all(&l)[0];
        let text = write(view, &Options::default()).unwrap();
        let front: Vec<&str> = text.lines().take(5).collect();
        assert_eq!(
            front,
            [
                "---",
                "config:",
                "  layout: dagre",
                "  theme: base",
                "  look: classic"
            ]
        );
        let light = Theme::get(ThemeName::Light);
        assert!(text.contains(&format!("    titleColor: \"{}\"\n", light.text.hex())));
        assert!(
            text.contains("\n---\nflowchart TB\n"),
            "top to bottom by default"
        );
        let sketch = Options {
            theme: ThemeName::Dark,
            style: Style::Sketch,
            seed: 42,
            ..Options::default()
        };
        let text = write(view, &sketch).unwrap();
        assert!(text.contains("\n  look: handDrawn\n  handDrawnSeed: 42\n"));
        assert!(text.contains("    darkMode: true\n"));
        let dark = Theme::get(ThemeName::Dark);
        assert!(text.contains(&format!("    background: \"{}\"\n", dark.background.hex())));
    }

    #[test]
    fn direction_right_is_kept_only_when_declared() {
        let right = lineage(
            r#"Lineage(title: "t", methods: {"m": (label: "M")},
               models: [(id: "a", name: "A"), (id: "b", name: "B", from: [(parent: "a", via: "m")])],
               views: [(name: "r", direction: Right), (name: "d", direction: Down), (name: "n")])"#,
        );
        let dirs: Vec<&str> = View::all(&right).iter().map(direction).collect();
        assert_eq!(dirs, ["LR", "TB", "TB"]);
    }

    #[test]
    fn the_key_names_the_marks_the_figure_uses() {
        let l = hostile();
        for view in View::all(&l) {
            let text = write(&view, &Options::default()).unwrap();
            let entries = lineage_key(&view, Lang::En);
            if entries.is_empty() {
                continue;
            }
            assert!(text.contains("  k0[\"Legend\n"), "{text}");
            assert!(text.contains(" ~~~ k0\n"));
            let md = markdown(&view, &Options::default()).unwrap();
            assert!(!md.contains("k0["), "the .md has its key as a line");
            let last = md.lines().last().unwrap_or("");
            assert!(last.starts_with("Key: "), "{last}");
            for e in &entries {
                assert!(
                    last.contains(&crate::write::markdown::text(e)),
                    "{e} in {last}"
                );
            }
        }
    }

    #[test]
    fn hostile_data_never_reaches_the_syntax() {
        let l = hostile();
        for view in View::all(&l) {
            for lang in Lang::ALL {
                let options = Options {
                    lang,
                    ..Options::default()
                };
                let text = write(&view, &options).unwrap();
                assert_eq!(text, write(&view, &options).unwrap(), "deterministic");
                assert!(!text.contains("%%"), "no directive can appear");
                assert!(!text.contains('`'), "no Markdown string can appear");
                assert!(!text.contains("<br"), "labels never use HTML");
                assert_statements_are_ours(&text);
                // linkStyle covers every edge exactly once.
                let mut styled: Vec<usize> = text
                    .lines()
                    .filter_map(|l| l.trim().strip_prefix("linkStyle "))
                    .flat_map(|l| {
                        let list = l.split(' ').next().unwrap_or("");
                        list.split(',')
                            .map(|i| i.parse::<usize>().unwrap())
                            .collect::<Vec<_>>()
                    })
                    .collect();
                styled.sort();
                assert_eq!(styled, (0..view.edges.len()).collect::<Vec<_>>());
                // Invisible links (title, key) come after every styled one.
                let links: Vec<&str> = text
                    .lines()
                    .filter(|l| l.contains("-->") || l.contains("-.->") || l.contains("~~~"))
                    .filter(|l| !l.contains('"') || l.trim_start().starts_with('n'))
                    .collect();
                let first_invisible = links.iter().position(|l| l.contains("~~~"));
                assert!(
                    first_invisible.is_none_or(|i| links[i..].iter().all(|l| l.contains("~~~")))
                );
                let md = markdown(&view, &options).unwrap();
                assert!(md.starts_with("# "));
                assert!(md.contains("\n\n```mermaid\n---\n"));
            }
        }
    }

    /// Every line that starts outside a quoted label is a statement this
    /// writer makes: data only ever appears inside quotes.
    fn assert_statements_are_ours(text: &str) {
        let mut quoted = false;
        let mut front = 0;
        for line in text.lines() {
            if front < 2 {
                // The front matter: YAML, its title escaped by `yaml_quoted`.
                front += usize::from(line == "---");
                continue;
            }
            let starts_quoted = quoted;
            quoted ^= line.matches('"').count() % 2 == 1;
            if starts_quoted {
                // A continuation of a label: escaped text, no quote but the closing one.
                let body = line.split('"').next().unwrap_or("");
                assert!(!body.contains(['%', '`', '<', ':']), "{line}");
                continue;
            }
            let word = line.split_whitespace().next().unwrap_or("");
            let ok = matches!(
                word,
                "flowchart"
                    | "subgraph"
                    | "direction"
                    | "end"
                    | "classDef"
                    | "class"
                    | "style"
                    | "linkStyle"
            ) || ["t0", "k0"]
                .iter()
                .any(|id| word == *id || word.starts_with(&format!("{id}[\"")))
                || (word.starts_with('n')
                    && word[1..].chars().take_while(|c| c.is_ascii_digit()).count() > 0);
            assert!(ok, "a statement not made by the writer: {line}");
            if word == "end" {
                assert_eq!(line.trim(), "end");
            }
            if word == "direction" {
                assert!(
                    ["direction LR", "direction TB"].contains(&line.trim()),
                    "{line}"
                );
            }
            if word == "style" {
                assert!(line.trim_start().starts_with("style g"), "{line}");
            }
        }
        assert!(!quoted, "a label is left open");
    }

    #[test]
    fn node_ids_are_generated() {
        let l = hostile();
        let text = write(&View::all(&l)[0], &Options::default()).unwrap();
        for n in 0..9 {
            assert!(text.contains(&format!("n{n}[\"")), "n{n}");
        }
        assert!(text.contains("  subgraph g0 [\"end\"]\n"));
        assert!(text.contains(" -.->|\""), "uncertain edges are dotted");
        assert!(text.contains("class n5 lnMerge") || text.contains(" lnMerge\n"));
    }

    #[test]
    fn more_than_500_edges_is_refused_with_a_hint() {
        let l = chain(MAX_EDGES + 1, "x");
        assert!(write(&View::all(&l)[0], &Options::default()).is_ok());
        let l = chain(MAX_EDGES + 2, "x");
        let err = write(&View::all(&l)[0], &Options::default()).unwrap_err();
        assert!(err.to_string().contains("501 edges"), "{err}");
        assert!(err.to_string().contains("limit of 500"), "{err}");
        assert!(err.hint().contains("from"), "{}", err.hint());
        assert!(markdown(&View::all(&l)[0], &Options::default()).is_err());
    }

    #[test]
    fn more_than_50000_characters_is_refused() {
        // 300 models with long names: well under 500 edges, well over 50,000 characters.
        let l = chain(300, &"long name. ".repeat(20));
        let err = write(&View::all(&l)[0], &Options::default()).unwrap_err();
        match &err {
            WriteError::Limit { limit, .. } => assert!(limit.contains("50000"), "{limit}"),
            other => panic!("{other:?}"),
        }
    }
}
