//! Graphviz DOT: a file a user can open in Graphviz, edit, or paste into a
//! slide tool.
//!
//! Models are boxes with an HTML-like label (name, API name and date, then
//! one coloured row per capability change), branches are clusters, edges
//! carry the method. Graphviz chooses the layout; this writer only pins
//! what Graphviz would otherwise get wrong (time, see `time`) and escapes
//! everything it writes (see `quote`).
//!
//! Output is deterministic: everything is written in view or declaration order.
//!
//! One file per concern, each adding its part of the `digraph` through
//! `Dot`: this file holds the writer's state and the graph header;
//! `quote` the escaping of every string and label (also what the flow
//! figure's DOT uses); `cards` the branch clusters and model boxes;
//! `edges` the derivations; `time` the ranks that follow dates;
//! `legend` the key. None of them lays anything out.

mod cards;
mod edges;
mod legend;
mod quote;
mod time;

pub use quote::{html, quoted, quoted_label, quoted_tooltip};

use super::Options;
use crate::data::DirectionDecl;
use crate::figure::lines;
use crate::lineage::{Lang, Lineage};
use crate::palette::{Rgb, Theme};
use crate::view::View;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

const FONT: &str = "Helvetica,Arial,sans-serif";
const NAME_SIZE: u32 = 14;
const SMALL_SIZE: u32 = 10;

/// Draw `view` as a DOT `digraph`.
pub fn write(view: &View, options: &Options) -> String {
    Dot::new(view, options).write()
}

fn color(c: Rgb) -> String {
    quoted(&c.hex())
}

struct Dot<'a> {
    view: &'a View<'a>,
    lineage: &'a Lineage,
    lang: Lang,
    theme: Theme,
    /// Node ids: the model ids, quoted.
    ids: Vec<String>,
    /// Position in `view.models`, by node index.
    position: Vec<Option<usize>>,
    /// Ids of the nodes this writer adds (time spine, legend), chosen not to
    /// clash with any model id.
    taken: BTreeSet<String>,
    /// The time spine's node ids, once it is written (empty without one).
    spine: Vec<String>,
    /// A timeline too big for a rank per date (see `time`): dot gets
    /// external edge labels and bounded straightening.
    big: bool,
    out: String,
}

impl<'a> Dot<'a> {
    fn new(view: &'a View<'a>, options: &Options) -> Dot<'a> {
        let lineage = view.lineage;
        let ids = view
            .models
            .iter()
            .map(|&n| quoted(&lineage.model(n).id))
            .collect();
        Dot {
            view,
            lineage,
            lang: options.lang,
            theme: Theme::get(options.theme),
            ids,
            position: {
                let mut position = vec![None; lineage.graph.node_count()];
                for (i, n) in view.models.iter().enumerate() {
                    position[n.index()] = Some(i);
                }
                position
            },
            taken: lineage.graph.node_weights().map(|m| m.id.clone()).collect(),
            spine: Vec::new(),
            big: false,
            out: String::new(),
        }
    }

    /// A fresh id for a node of this writer's own, never a model's id.
    fn fresh(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        while self.taken.contains(&id) {
            id.push('_');
        }
        self.taken.insert(id.clone());
        quoted(&id)
    }

    fn id(&self, n: NodeIndex) -> &str {
        &self.ids[self.position[n.index()].unwrap_or_default()]
    }

    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn write(mut self) -> String {
        let time = self.time();
        self.big = time.as_ref().is_some_and(|t| t.shared);
        self.header();
        self.clusters();
        self.edges();
        if let Some(time) = time {
            self.time_spine(time);
        }
        self.legend();
        self.line(0, "}");
        self.out
    }

    /// The graph header. A timeline whose dates had to share ranks is a big
    /// one: there `nslimit` bounds the network-simplex passes dot spends
    /// straightening edges (most of its time, and they grow with the square
    /// of the edges' length in ranks), at the cost of a few bends.
    fn header(&mut self) {
        let t = self.theme;
        let title = lines(self.view.title().get(self.lang));
        let rankdir = match self.view.spec.direction {
            DirectionDecl::Right => "LR",
            DirectionDecl::Down => "TB",
        };
        let header = format!("digraph {} {{", quoted(&self.view.spec.name));
        self.line(0, &header);
        let graph = format!(
            "graph [label={}, labelloc=t, labeljust=l, fontsize=20, fontname={}, \
             fontcolor={}, bgcolor={}, rankdir={rankdir}, newrank=true, \
             nodesep=0.3, ranksep=0.45, pad=0.3{}];",
            quoted_label(&title),
            quoted(FONT),
            color(t.text),
            color(t.background),
            if self.big { ", nslimit=0.2" } else { "" },
        );
        self.line(1, &graph);
        let node = format!(
            "node [shape=box, style=\"rounded,filled\", fillcolor={}, color={}, \
             fontname={}, fontcolor={}, fontsize={SMALL_SIZE}, margin=\"0.12,0.06\"];",
            color(t.card),
            color(t.card_stroke),
            quoted(FONT),
            color(t.text),
        );
        self.line(1, &node);
        let edge = format!(
            "edge [fontname={}, fontsize={SMALL_SIZE}, penwidth=1.4, arrowsize=0.7];",
            quoted(FONT)
        );
        self.line(1, &edge);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::fixtures::hostile;

    #[test]
    fn every_hostile_figure_is_one_statement_per_line_and_deterministic() {
        let l = hostile();
        for view in View::all(&l) {
            for lang in Lang::ALL {
                let options = Options {
                    lang,
                    ..Options::default()
                };
                let dot = write(&view, &options);
                assert_eq!(dot, write(&view, &options), "deterministic");
                assert!(dot.starts_with("digraph \""));
                assert!(dot.ends_with("}\n"));
                assert!(!dot.chars().any(|c| c.is_control() && c != '\n'));
                for line in dot.lines() {
                    assert!(balanced(line), "{line}");
                }
            }
        }
    }

    /// A quoted string or HTML-like label never spans lines: every line
    /// closes what it opens.
    fn balanced(line: &str) -> bool {
        let (mut quoted, mut escaped, mut depth, mut prev) = (false, false, 0i32, ' ');
        for c in line.chars() {
            if quoted {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => quoted = false,
                    _ => {}
                }
            } else {
                match c {
                    '"' if depth == 0 => quoted = true,
                    '<' => depth += 1,
                    '>' if !(depth == 0 && prev == '-') => depth -= 1,
                    _ => {}
                }
                if depth < 0 {
                    return false;
                }
            }
            prev = c;
        }
        !quoted && depth == 0
    }

    #[test]
    fn model_ids_are_node_ids_and_helper_nodes_never_clash() {
        let l = hostile();
        let views = View::all(&l);
        let dot = write(&views[0], &Options::default());
        for id in [
            "end", "click", "style", "a---b", "subgraph", "node", "time_0", "legend",
        ] {
            assert!(
                dot.contains(&format!("\n    {} [label=<", quoted(id)))
                    || dot.contains(&format!("\n  {} [label=<", quoted(id))),
                "{id}"
            );
        }
        assert!(dot.contains(r#""say:hi" [label=<"#));
        // The legend took another id; the spine's ("time 0") cannot be a model id.
        assert!(dot.contains("\"time 0\" -> \"time 1\""));
        assert!(dot.contains("\"legend_\" [shape=plaintext"));
    }

    #[test]
    fn merges_are_double_bordered_and_uncertain_edges_dashed() {
        let l = hostile();
        let dot = write(&View::all(&l)[0], &Options::default());
        let merge = dot
            .lines()
            .find(|line| line.contains(r#""say:hi" [label=<"#))
            .unwrap();
        assert!(merge.contains("peripheries=2"));
        // One parent is on no branch: two parents merge, not two branches.
        assert!(merge.contains("merge of 2 parents"));
        let uncertain = dot
            .lines()
            .find(|line| line.contains(r#""end" -> "click" ["#))
            .unwrap();
        assert!(uncertain.contains("style=dashed"));
        let certain = dot
            .lines()
            .find(|line| line.contains(r#""end" -> "style" ["#))
            .unwrap();
        assert!(!certain.contains("style=dashed"));
    }
}
