//! The flow figure as Mermaid (and a Markdown block of it), through the one
//! Mermaid module.

use super::*;
use crate::words::Word;
use crate::write::mermaid as mermaid_syntax;

/// A quoted Mermaid label of `lines` (through `mermaid_syntax::label`, the one
/// Mermaid escaping).
fn mermaid_label(lines: &[String]) -> String {
    format!("\"{}\"", mermaid_syntax::label(&lines.join("\n")))
}

/// The flow as a Mermaid flowchart, its key as a node.
pub fn mermaid(view: &View, options: &Options) -> Result<String, WriteError> {
    flowchart(view, options, true)
}

/// The flow as Markdown: its title as a heading, a fenced Mermaid block
/// and the key as a line under it.
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    let key = mermaid_syntax::key_line(&key(&Flow::of(view), options.lang), options.lang);
    let flowchart = flowchart(view, options, false)?;
    Ok(crate::write::markdown::mermaid_page(
        view.title().get(options.lang),
        &flowchart,
        &key,
    ))
}

/// What the flow's marks mean: `?` and dashes for uncertain capabilities,
/// the two kinds of arrow, and the thick border of a merge.
fn key(flow: &Flow, lang: Lang) -> Vec<String> {
    let uncertain = flow.caps.iter().any(|c| !c.certain) || flow.edges.iter().any(|e| !e.certain);
    let merge = flow.models.iter().any(|&n| flow.is_merge(n));
    let mut out = mermaid_syntax::key(&Default::default(), uncertain, false, merge, lang);
    out.insert(0, Word::KeyFeedArrow.get(lang).to_string());
    out.insert(0, Word::KeyDerivationArrow.get(lang).to_string());
    out
}

/// The flow as a Mermaid flowchart, styled as the lineage view's: branch
/// subgraphs in their branch colours, derivations (and their labels) in
/// their method's colour, merges with a thick border, capabilities in
/// their own colours; top to bottom unless the view declares otherwise.
fn flowchart(view: &View, options: &Options, key_node: bool) -> Result<String, WriteError> {
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let ids = ids(&flow);
    mermaid_syntax::check_edge_count(view, flow.feeds.len() + flow.edges.len())?;
    let direction = mermaid_syntax::direction(view);
    let mut out = mermaid_syntax::front_matter(options);
    let _ = writeln!(out, "flowchart {direction}");
    for (i, node) in flow.caps.iter().enumerate() {
        let label = cap_label(lineage, node.cap, node.certain, lang);
        let _ = writeln!(
            out,
            "  {}([{}])",
            ids.caps[i],
            mermaid_label(&wrap_chars(&label, CAP_WRAP))
        );
    }
    let mut done = vec![false; flow.models.len()];
    let mut groups = Vec::new();
    for (i, &n) in flow.models.iter().enumerate() {
        let Some(b) = lineage.model(n).branch else {
            continue;
        };
        if done[i] {
            continue;
        }
        let g = format!("g{}", groups.len());
        let _ = writeln!(
            out,
            "  subgraph {g} [{}]",
            mermaid_label(&[lineage.branch(b).label.get(lang).to_string()])
        );
        let _ = writeln!(out, "    direction {direction}");
        groups.push((g, view.branch_slot(b)));
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
    let mut feed_styles = Vec::new();
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
        feed_styles.push(palette::categorical(
            view.capability_slot(flow.caps[f.node].cap),
        ));
    }
    let mut by_method: Vec<(MethodId, Vec<usize>)> = Vec::new();
    for (i, e) in flow.edges.iter().enumerate() {
        let arrow = if e.certain { "==>" } else { "-.->" };
        let _ = writeln!(
            out,
            "  {} {arrow}|{}| {}",
            ids.models[flow.position(e.from)],
            mermaid_label(&narrow(edge_label(&flow, e, lang))),
            ids.models[flow.position(e.to)]
        );
        let link = flow.feeds.len() + i;
        match by_method.iter_mut().find(|(m, _)| *m == e.method) {
            Some((_, links)) => links.push(link),
            None => by_method.push((e.method, vec![link])),
        }
    }
    for (i, node) in flow.caps.iter().enumerate() {
        let color = palette::categorical(view.capability_slot(node.cap));
        let fill = theme.tint(color, 0.16);
        let _ = writeln!(
            out,
            "  classDef lnCap{i} fill:{},stroke:{},color:{}{}",
            fill.hex(),
            theme.ink(color).hex(),
            theme.text.hex(),
            if node.certain {
                ""
            } else {
                ",stroke-dasharray:4 3"
            }
        );
        let _ = writeln!(out, "  class {} lnCap{i}", ids.caps[i]);
    }
    let _ = writeln!(
        out,
        "  classDef lnModel fill:{},stroke:{},stroke-width:1px,color:{}",
        theme.card.hex(),
        theme.card_stroke.hex(),
        theme.text.hex()
    );
    let _ = writeln!(
        out,
        "  classDef lnMerge fill:{},stroke:{},stroke-width:3px,color:{}",
        theme.card.hex(),
        theme.merge_stroke.hex(),
        theme.text.hex()
    );
    for (role, merge) in [("lnModel", false), ("lnMerge", true)] {
        let members: Vec<&str> = flow
            .models
            .iter()
            .enumerate()
            .filter(|(_, &n)| flow.is_merge(n) == merge)
            .map(|(i, _)| ids.models[i].as_str())
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {role}", members.join(","));
        }
    }
    for (g, b) in &groups {
        let _ = writeln!(out, "  {}", mermaid_syntax::branch_style(g, *b, &theme));
    }
    for (i, color) in feed_styles.iter().enumerate() {
        let ink = mermaid_syntax::ink_on(&theme, *color, theme.background);
        let _ = writeln!(
            out,
            "  linkStyle {i} stroke:{},stroke-width:1.2px,color:{}",
            ink.hex(),
            ink.hex()
        );
    }
    for (method, links) in &by_method {
        let _ = writeln!(
            out,
            "  {}",
            mermaid_syntax::link_style(links, view.method_slot(*method), "2.5px", &theme)
        );
    }
    out.push_str(&mermaid_syntax::title_node(
        view.title().get(lang),
        ids.caps.first().or(ids.models.first()).map(String::as_str),
        &theme,
    ));
    if key_node {
        let last = flow
            .models
            .last()
            .map(|&n| ids.models[flow.position(n)].as_str());
        out.push_str(&mermaid_syntax::key_node(
            &key(&flow, lang),
            last,
            lang,
            &theme,
        ));
    }
    mermaid_syntax::check_length(view, &out)?;
    Ok(out)
}

/// [`mermaid_syntax::column_fit`] for a flow view: capabilities a rank above
/// the first model they feed.
pub fn fit(view: &View, lang: Lang) -> Option<crate::write::FitWarning> {
    use mermaid_syntax::Sketch;
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let mut rank = vec![1usize; flow.models.len()];
    for (i, &n) in flow.models.iter().enumerate() {
        rank[i] = flow
            .edges
            .iter()
            .filter(|e| e.to == n)
            .map(|e| rank[flow.position(e.from)] + 1)
            .max()
            .unwrap_or(1);
    }
    let mut sketch = Sketch::default();
    for (i, &n) in flow.models.iter().enumerate() {
        sketch
            .nodes
            .push((rank[i], Sketch::box_width(&model_lines(lineage, n, lang))));
    }
    for (c, node) in flow.caps.iter().enumerate() {
        let r = flow
            .feeds
            .iter()
            .filter(|f| f.node == c)
            .map(|f| rank[flow.position(f.model)] - 1)
            .min()
            .unwrap_or(0);
        let label = cap_label(lineage, node.cap, node.certain, lang);
        sketch
            .nodes
            .push((r, Sketch::box_width(&wrap_chars(&label, CAP_WRAP))));
    }
    for e in &flow.edges {
        sketch.labels.push((
            rank[flow.position(e.from)],
            Sketch::box_width(&narrow(edge_label(&flow, e, lang))) - 20.0,
        ));
    }
    mermaid_syntax::column_fit(view, &sketch)
}

/// Edge label lines rewrapped to [`CAP_WRAP`] characters: Mermaid would
/// wrap longer lines again at 200 px, leaving single words on lines.
fn narrow(lines: Vec<String>) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| wrap_chars(l, CAP_WRAP + 6))
        .collect()
}

/// Characters per line of a capability's label: narrow nodes, so that a
/// row of them fits a docs column.
const CAP_WRAP: usize = 18;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_labels_cannot_escape() {
        // The one Mermaid escaping, as the lineage writer uses it.
        assert_eq!(
            mermaid_label(&["%%{init}%% <b>".to_string(), String::new()]),
            "\"#37;#37;#123;init#125;#37;#37; #60;b#62;\""
        );
        assert_eq!(mermaid_label(&[String::new()]), "\"#8203;\"");
    }
}
