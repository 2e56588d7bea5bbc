//! The flow figure as Mermaid (and a Markdown block of it), through the one
//! Mermaid module.

use super::*;
use crate::write::mermaid as mermaid_syntax;

/// A quoted Mermaid label of `lines` (through `mermaid_syntax::label`, the one
/// Mermaid escaping).
fn mermaid_label(lines: &[String]) -> String {
    format!("\"{}\"", mermaid_syntax::label(&lines.join("\n")))
}

/// The flow as a Mermaid flowchart.
pub fn mermaid(view: &View, options: &Options) -> Result<String, WriteError> {
    let flow = Flow::of(view);
    let lineage = view.lineage;
    let lang = options.lang;
    let theme = Theme::get(options.theme);
    let ids = ids(&flow);
    mermaid_syntax::check_edge_count(view, flow.feeds.len() + flow.edges.len())?;
    let mut out = mermaid_syntax::front_matter(view.title().get(lang), options);
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
    mermaid_syntax::check_length(view, &out)?;
    Ok(out)
}

/// The flow as Markdown: a fenced Mermaid block.
pub fn markdown(view: &View, options: &Options) -> Result<String, WriteError> {
    Ok(format!("```mermaid\n{}```\n", mermaid(view, options)?))
}

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
