//! The flow figure as Graphviz DOT, through the one DOT module.

use super::*;
use crate::write::dot as dot_syntax;

/// A DOT label (through `dot_syntax::quoted_label`, the one DOT quoting): white
/// space collapsed, quoted and escaped.
fn dot_quote(text: &str) -> String {
    dot_syntax::quoted_label(&canvas::clean(text))
}

/// Lines joined for a DOT label: each line cleaned, `\n` between.
fn dot_lines(lines: &[String]) -> String {
    let lines: Vec<String> = lines.iter().map(|l| canvas::clean(l)).collect();
    dot_syntax::quoted_label(&lines.join("\n"))
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
    let _ = writeln!(out, "digraph {} {{", dot_syntax::quoted(&view.spec.name));
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
        let color = palette::categorical(view.capability_slot(node.cap));
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
        let color = palette::branch(view.branch_slot(b));
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
        let color = theme.ink(palette::categorical(
            view.capability_slot(flow.caps[f.node].cap),
        ));
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
        let color = theme.ink(palette::method(view.method_slot(e.method)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_cannot_escape() {
        // The one DOT escaping, as the lineage writer uses it.
        assert_eq!(dot_quote("a\"b\\n"), dot_syntax::quoted_label("a\"b\\n"));
        assert_eq!(dot_quote("a\"b\\n"), "\"a\\\"b\\\\n\"");
        assert_eq!(dot_lines(&["a  b".into(), "c".into()]), "\"a b\\nc\"");
    }

    #[test]
    fn wraps_by_words() {
        assert_eq!(wrap_chars("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_chars("", 7), [""]);
    }
}
