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
//! Files: this one writes the flowchart; `quote` escapes labels and
//! YAML, `style` the front matter, title and colours, `key` the key,
//! `fit` the docs-column estimate, `limits` Mermaid's limits.
//!
//! Mermaid lays the graph out itself: ranks follow derivations, not dates
//! (the DOT and SVG figures keep time).

mod fit;
mod key;
mod limits;
mod quote;
mod style;
#[cfg(test)]
mod tests;

pub use fit::{column_fit, fit, Sketch, COLUMN_WIDTH};
pub use key::{key, key_line, key_node};
pub use limits::{check_edge_count, check_length, MAX_CHARS, MAX_EDGES};
pub use quote::{label, yaml_quoted};
pub use style::{branch_style, front_matter, ink_on, link_style, title_node};

use key::lineage_key;
use limits::check_edges;

use super::svg::card::{clean, glyph};
use super::{Options, WriteError};
use crate::data::DirectionDecl;
use crate::figure::lineage::{lanes, Card, EdgeLabel, Role};
use crate::lineage::{Lang, MethodId};
use crate::palette::Theme;
use crate::view::View;
use petgraph::graph::NodeIndex;

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

/// A Markdown file: see [`super::markdown::mermaid_page`].
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    let title = view.title().get(options.lang);
    let key = key_line(&lineage_key(view, options.lang), options.lang);
    let flowchart = checked(view, options, false)?;
    Ok(super::markdown::mermaid_page(title, &flowchart, &key))
}

/// The direction a view's flowchart runs: top to bottom, which keeps it
/// narrow enough for a docs column, unless the view declares
/// `direction: Right`.
pub fn direction(view: &View) -> &'static str {
    match (view.spec.direction_declared, view.spec.direction) {
        (true, DirectionDecl::Right) => "LR",
        _ => "TB",
    }
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
        groups.push((g, view.branch_slot(lane.branch)));
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

pub(super) fn node_lines(view: &View, n: NodeIndex, lang: Lang) -> Vec<String> {
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
