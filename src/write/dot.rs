//! Graphviz DOT: a file a user can open in Graphviz, edit, or paste into a
//! slide tool.
//!
//! Models are boxes with an HTML-like label (name, API name and date, then
//! one coloured row per capability change), branches are clusters, edges
//! carry the method. Graphviz chooses the layout; this writer only pins
//! what Graphviz would otherwise get wrong:
//!
//! - **Time.** Ranks follow dates through an invisible *time spine*: one
//!   node per rank, chained left to right, and one `rank=same` group per
//!   rank holding its spine node and the models dated there (`newrank=true`
//!   lets a group reach into the branch clusters). This writer computes the
//!   ranks itself (see `Dot::ranks`), so that no edge is ever flat: a
//!   same-rank edge from a node outside the clusters into interleaved
//!   clusters is what Graphviz's spline router cannot route
//!   ("Pshortestpath failed", "lost … edge", exit 1), which the earlier
//!   construct (`minlen=0` edges from the spine to every model) ran into.
//! - **Escaping.** Quoted strings and HTML-like labels are escaped for
//!   their context (see [`quoted`] and [`html`]); data never reaches the
//!   file unescaped, and node ids are always quoted.
//!
//! Output is deterministic: everything is written in view or declaration order.
//!
//! One concern, one file: the whole DOT form of a lineage view (its
//! quoting and HTML labels are also what the flow figure's DOT uses).

use super::svg::card::{clean, glyph};
use super::Options;
use crate::data::{DirectionDecl, LayersDecl};
use crate::figure::lineage::{lanes, legend, Card, EdgeLabel, Entry, Role};
use crate::figure::lines;
use crate::lineage::{Lang, Lineage};
use crate::palette::{self, Rgb, Theme};
use crate::view::View;
use crate::words::Word;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

const FONT: &str = "Helvetica,Arial,sans-serif";
const NAME_SIZE: u32 = 14;
const SMALL_SIZE: u32 = 10;

/// Draw `view` as a DOT `digraph`.
pub fn write(view: &View, options: &Options) -> String {
    Dot::new(view, options).write()
}

/// A DOT quoted string, `"…"`, for ids and plain attribute values: `"` and
/// `\` escaped, control characters dropped, a newline as `\n`.
pub fn quoted(text: &str) -> String {
    escaped(text, "\\\\")
}

/// A quoted `label` (an escString Graphviz draws): as [`quoted`], and `&`
/// as `&amp;`, since Graphviz decodes entities in every label. Doubling
/// each backslash keeps Graphviz's own escapes (`\N` for the node name,
/// `\l` for a left-justified line) as literal text.
pub fn quoted_label(text: &str) -> String {
    escaped(&text.replace('&', "&amp;"), "\\\\")
}

/// A quoted `tooltip`: as [`quoted_label`], but each backslash written four
/// times. Graphviz (2.43, as Debian ships it) unescapes a tooltip twice,
/// the second time replacing `\N`, `\G` and the like, so a doubled
/// backslash before `N` would show the node's name.
pub fn quoted_tooltip(text: &str) -> String {
    escaped(&text.replace('&', "&amp;"), "\\\\\\\\")
}

fn escaped(text: &str, backslash: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str(backslash),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text inside an HTML-like label: `&`, `<`, `>` and `"` as entities, a
/// newline as `<BR/>`, control characters dropped.
///
/// Graphviz applies its escString rules (`\N`, `\G`, …) to HTML-like text
/// too, after decoding entities, so a backslash is doubled here as well.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::strip_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<BR/>"),
            c => out.push(c),
        }
    }
    out
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
        self.header();
        self.clusters();
        self.edges();
        self.time_spine();
        self.legend();
        self.line(0, "}");
        self.out
    }

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
             nodesep=0.3, ranksep=0.45, pad=0.3];",
            quoted_label(&title),
            quoted(FONT),
            color(t.text),
            color(t.background),
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

    /// Branch clusters in declaration order (the figure's lanes), then
    /// the models on no branch.
    fn clusters(&mut self) {
        let lineage = self.lineage;
        let models = self.view.models.clone();
        let mut any_branch = false;
        for lane in lanes(self.view, self.lang) {
            let b = lane.branch.0;
            let hue = palette::branch(b);
            self.line(0, "");
            if !any_branch {
                self.line(1, "// Branches: one cluster each, in declaration order.");
                any_branch = true;
            }
            self.line(1, &format!("subgraph cluster_{b} {{"));
            let mut tooltip = lane.label.clone();
            if let Some(note) = &lane.note {
                tooltip.push('\n');
                tooltip.push_str(note);
            }
            let attrs = format!(
                "graph [label={}, tooltip={}, style=\"rounded,filled\", fillcolor={}, \
                 color={}, fontcolor={}, fontsize=12, labeljust=l, margin=12];",
                quoted_label(&lane.label),
                quoted_tooltip(&lines(&tooltip)),
                color(self.theme.tint(hue, 0.12)),
                color(self.theme.tint(hue, 0.55)),
                color(self.theme.ink(hue)),
            );
            self.line(2, &attrs);
            for n in lane.members {
                self.node(2, n);
            }
            self.line(1, "}");
        }
        let unbranched: Vec<NodeIndex> = models
            .into_iter()
            .filter(|&n| lineage.model(n).branch.is_none())
            .collect();
        if !unbranched.is_empty() {
            self.line(0, "");
            self.line(1, "// Models on no branch.");
        }
        for n in unbranched {
            self.node(1, n);
        }
    }

    fn node(&mut self, indent: usize, n: NodeIndex) {
        let merge = Role::of(self.view, n) == Role::Merge;
        let card = Card::of(self.view, n, self.lang);
        let mut attrs = vec![
            format!("label=<{}>", self.card(&card)),
            format!("tooltip={}", quoted_tooltip(&self.node_tooltip(&card))),
        ];
        if merge {
            attrs.push("peripheries=2".into());
            attrs.push("penwidth=1.6".into());
            attrs.push(format!("color={}", color(self.theme.merge_stroke)));
        }
        let line = format!("{} [{}];", self.id(n), attrs.join(", "));
        self.line(indent, &line);
    }

    /// The HTML-like label of a model: name, small grey lines, change rows.
    fn card(&self, card: &Card) -> String {
        let muted = self.theme.muted.hex();
        let mut rows = Vec::new();
        // Graphviz refuses an empty <B></B>: a model without a name gets no name row.
        if !card.name.is_empty() {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{NAME_SIZE}\"><B>{}</B></FONT></TD></TR>",
                html(&card.name)
            ));
        }
        for line in card.meta(false) {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{muted}\">{}</FONT></TD></TR>",
                html(&line)
            ));
        }
        if !card.changes.is_empty() {
            // A little air between the name block and the changes.
            rows.push("<TR><TD HEIGHT=\"3\"></TD></TR>".into());
            for change in &card.changes {
                let mark = if change.certain { "" } else { " ?" };
                let ink = self
                    .theme
                    .ink(palette::categorical(change.capability.0))
                    .hex();
                rows.push(format!(
                    "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{ink}\">{} {}{mark}</FONT></TD></TR>",
                    glyph(change.kind),
                    html(&change.label)
                ));
            }
        }
        format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">{}</TABLE>",
            rows.concat()
        )
    }

    /// Everything the card leaves out: the note, each change's note, the sources.
    fn node_tooltip(&self, card: &Card) -> String {
        let mut parts = vec![card.about.clone()];
        parts.extend(card.note.clone());
        for change in &card.changes {
            parts.push(format!("{} {}", glyph(change.kind), change.tooltip));
        }
        parts.extend(card.cited.iter().cloned());
        parts
            .iter()
            .map(|p| clean(p))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn edges(&mut self) {
        let lineage = self.lineage;
        if !self.view.edges.is_empty() {
            self.line(0, "");
            self.line(
                1,
                "// Derivations, parent -> child, labelled with the method; dashed when the source is unsure.",
            );
        }
        for label in EdgeLabel::all(self.view, self.lang) {
            let Some((a, b)) = lineage.graph.edge_endpoints(label.edge) else {
                continue;
            };
            let hue = palette::method(self.view.method_slot(label.method));
            let tooltip: Vec<String> = label.tooltip.iter().map(|t| clean(t)).collect();
            let mut attrs = vec![
                format!("label={}", quoted_label(&label.text())),
                format!("tooltip={}", quoted_tooltip(&tooltip.join("\n"))),
                format!("color={}", color(hue)),
                format!("fontcolor={}", color(self.theme.ink(hue))),
            ];
            if !label.certain {
                attrs.push("style=dashed".into());
            }
            let line = format!("{} -> {} [{}];", self.id(a), self.id(b), attrs.join(", "));
            self.line(1, &line);
        }
    }

    /// The invisible time spine that makes ranks follow dates (timeline
    /// views; a compact view leaves ranks to Graphviz): one node per rank,
    /// chained, and each rank's dated models in a `rank=same` group with
    /// its spine node (`newrank=true` lets a group reach into clusters).
    /// No edge joins a spine node to a model, and no edge is ever flat
    /// (see [`Dot::ranks`]).
    fn time_spine(&mut self) {
        if self.view.spec.layers == LayersDecl::Compact {
            return;
        }
        let ranks = self.ranks();
        let Some(last) = ranks.iter().flatten().max().copied() else {
            return;
        };
        self.line(0, "");
        self.line(
            1,
            "// Time: one invisible node per rank, in order; each dated model is on its date's rank.",
        );
        let spine: Vec<String> = (0..=last)
            .map(|i| self.fresh(&format!("time {i}")))
            .collect();
        self.line(
            1,
            "node [shape=point, style=invis, width=0, height=0, label=\"\"];",
        );
        if spine.len() == 1 {
            self.line(1, &format!("{};", spine[0]));
        } else {
            self.line(1, &format!("{} [style=invis];", spine.join(" -> ")));
        }
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); spine.len()];
        for (i, rank) in ranks.iter().enumerate() {
            if let Some(r) = *rank {
                groups[r].push(i);
            }
        }
        for (r, group) in groups.iter().enumerate() {
            if group.is_empty() {
                continue;
            }
            let mut line = format!("{{ rank=same; {};", spine[r]);
            for &i in group {
                line.push(' ');
                line.push_str(&self.ids[i]);
                line.push(';');
            }
            line.push_str(" }");
            self.line(1, &line);
        }
        self.spine = spine;
    }

    /// The time slot of each model (in view order): the index of its date
    /// among the view's distinct dates. `None` for an unknown date.
    fn slots(&self) -> Vec<Option<usize>> {
        let lineage = self.lineage;
        // Timeline positions are whole or half months: double them to compare exactly.
        let position = |n: NodeIndex| {
            lineage
                .model(n)
                .date
                .span()
                .map(|(start, _)| (start * 2.0).round() as i64)
        };
        let positions: BTreeSet<i64> = self
            .view
            .models
            .iter()
            .filter_map(|&n| position(n))
            .collect();
        let positions: Vec<i64> = positions.into_iter().collect();
        self.view
            .models
            .iter()
            .map(|&n| position(n).and_then(|p| positions.binary_search(&p).ok()))
            .collect()
    }

    /// The rank of each dated model (in view order; `None` for an unknown
    /// date), computed here so that Graphviz only has to keep it:
    ///
    /// - models of one date share a rank, and a later date never has an
    ///   earlier rank;
    /// - a child is always at least one rank after its parent, and after
    ///   each unknown-dated model between them: no edge is flat (a
    ///   same-rank edge into a cluster is what breaks Graphviz's spline
    ///   router, "Pshortestpath failed", "lost … edge"), so when fuzzy
    ///   dates put a child on its parent's date, that date takes two ranks.
    ///
    /// The longest path through "date `s` starts at rank `R[s]`", "a model
    /// of date `s` is at `R[s]` or later and before `R[s + 1]`", "a child is
    /// after its parent" and "a date starts after every parent its models
    /// have on earlier dates", in one pass in topological order (no
    /// recursion, linear in models and edges).
    fn ranks(&self) -> Vec<Option<usize>> {
        let models = &self.view.models;
        let mut slots = self.slots();
        // A child is never drawn left of a dated ancestor, whatever the dates'
        // fuzz: carry the latest ancestor slot down, through unknown dates too.
        let mut carried: Vec<Option<usize>> = vec![None; models.len()];
        let parents: Vec<Vec<usize>> = models
            .iter()
            .map(|&n| {
                self.view
                    .parents(n)
                    .into_iter()
                    .filter_map(|(_, p)| self.position[p.index()])
                    .collect()
            })
            .collect();
        for i in 0..models.len() {
            let above = parents[i].iter().filter_map(|&j| carried[j]).max();
            if let Some(s) = slots[i].as_mut() {
                *s = (*s).max(above.unwrap_or(0));
            }
            carried[i] = slots[i].or(above);
        }
        let count = slots.iter().flatten().max().map_or(0, |&s| s + 1);
        if count == 0 {
            return slots;
        }
        // The constraint graph: the models, then one node per slot (where
        // the slot's rank starts). Edges carry their least length.
        let n = models.len();
        let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n + count];
        for s in 0..count {
            if s + 1 < count {
                out[n + s].push((n + s + 1, 1));
            }
        }
        for i in 0..n {
            if let Some(s) = slots[i] {
                out[n + s].push((i, 0));
                if s + 1 < count {
                    out[i].push((n + s + 1, 1));
                }
            }
            for &j in &parents[i] {
                // A parent whose ancestry is all on earlier dates holds back
                // the child's whole date; one of the same date (or after one
                // of it) only the child.
                match slots[i] {
                    Some(s) if carried[j] != Some(s) => out[j].push((n + s, 1)),
                    _ => out[j].push((i, 1)),
                }
            }
        }
        // Longest paths from the first slot, in topological order (Kahn).
        // Unknown-dated models no slot reaches stay unranked: Graphviz
        // places them freely before their children.
        let mut indegree = vec![0usize; n + count];
        for edges in &out {
            for &(v, _) in edges {
                indegree[v] += 1;
            }
        }
        let mut rank: Vec<Option<usize>> = vec![None; n + count];
        rank[n] = Some(0);
        let mut ready: Vec<usize> = (0..n + count).filter(|&v| indegree[v] == 0).collect();
        while let Some(u) = ready.pop() {
            for &(v, len) in &out[u] {
                if let Some(r) = rank[u] {
                    rank[v] = Some(rank[v].map_or(r + len, |old| old.max(r + len)));
                }
                indegree[v] -= 1;
                if indegree[v] == 0 {
                    ready.push(v);
                }
            }
        }
        (0..n).map(|i| slots[i].and(rank[i])).collect()
    }

    /// One plain node in a cluster of its own, on the first date's rank:
    /// the methods with their colours, what a dashed edge and a double
    /// border mean, and the change glyphs. (Each change row names its
    /// capability, so the capability colours need no key.)
    fn legend(&mut self) {
        let lang = self.lang;
        let t = self.theme;
        let rows: Vec<String> = legend(self.view, lang)
            .iter()
            .map(|entry| {
                let sample = match entry.entry {
                    Entry::Method(m) => {
                        format!(
                            "<FONT COLOR=\"{}\">━━━▶</FONT>",
                            palette::method(self.view.method_slot(m)).hex()
                        )
                    }
                    Entry::UncertainDerivation => {
                        format!("<FONT COLOR=\"{}\">╍╍╍▶</FONT>", t.muted.hex())
                    }
                    Entry::Merge => "▣".into(),
                    Entry::Change(k) => glyph(k).into(),
                    Entry::UncertainChange => "?".into(),
                };
                legend_row(&sample, &html(&entry.spelled))
            })
            .collect();
        if rows.is_empty() {
            return;
        }
        let table = format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">{}</TABLE>",
            rows.concat()
        );
        let id = self.fresh("legend");
        self.line(0, "");
        self.line(1, "// Legend.");
        self.line(1, "subgraph cluster_legend {");
        let attrs = format!(
            "graph [label={}, style=\"rounded\", color={}, fontcolor={}, fontsize=12, labeljust=l, margin=8];",
            quoted_label(Word::Legend.get(lang)),
            color(t.card_stroke),
            color(t.muted),
        );
        self.line(2, &attrs);
        self.line(
            2,
            &format!(
                "{id} [shape=plaintext, style=solid, width=0, height=0, margin=0, fontcolor={}, label=<{table}>];",
                color(t.text)
            ),
        );
        self.line(1, "}");
        // On the first date's rank: under the title, beside the oldest
        // models, where it adds no rank of its own.
        if let Some(first) = self.spine.first() {
            let pin = format!("{{ rank=same; {first}; {id}; }}");
            self.line(1, &pin);
        }
    }
}

fn legend_row(sample: &str, label: &str) -> String {
    format!("<TR><TD ALIGN=\"LEFT\">{sample}</TD><TD ALIGN=\"LEFT\">{label}</TD></TR>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::fixtures::{hostile, lineage};

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quoted(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quoted(r"a\b\"), r#""a\\b\\""#);
        assert_eq!(quoted("one\ntwo\r\n"), r#""one\ntwo\n""#);
        // Graphviz's own escapes stay literal text.
        assert_eq!(quoted(r"\N \G \l"), r#""\\N \\G \\l""#);
        assert_eq!(quoted("bell\u{7}\u{0}tab\t."), "\"belltab .\"");
        assert_eq!(quoted(""), "\"\"");
    }

    #[test]
    fn labels_and_tooltips_also_escape_entities() {
        assert_eq!(quoted_label(r"&amp; \N"), r#""&amp;amp; \\N""#);
        assert_eq!(
            quoted_tooltip("a\\N & \"b\"\nc"),
            r#""a\\\\N &amp; \"b\"\nc""#
        );
    }

    #[test]
    fn html_text_escapes_markup_and_backslashes() {
        assert_eq!(
            html("<script>alert(1)</script> &amp; \"q\""),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &quot;q&quot;"
        );
        assert_eq!(html("a\nb"), "a<BR/>b");
        assert_eq!(html(r"\N"), r"\\N");
        assert_eq!(html("上下文学习 🚀 مرحبا"), "上下文学习 🚀 مرحبا");
        assert!(!html("x\u{1b}[0m\ny").contains(['\n', '\u{1b}']));
    }

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
    fn ranks_follow_dates_through_the_spine() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") }, branches: { "b": (label: "B") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2022", branch: "b", from: [(parent: "a", via: "m")]),
                 (id: "c", name: "C", date: "2021", from: [(parent: "a", via: "m")]),
                 (id: "d", name: "D", date: "unknown", from: [(parent: "c", via: "m")]),
               ])"#,
        );
        let view = &View::all(&l)[0];
        let dot = write(view, &Options::default());
        assert!(dot.contains(r#""time 0" -> "time 1" -> "time 2" [style=invis];"#));
        assert!(dot.contains(r#"{ rank=same; "time 0"; "a"; }"#));
        assert!(dot.contains(r#"{ rank=same; "time 1"; "c"; }"#));
        assert!(dot.contains(r#"{ rank=same; "time 2"; "b"; }"#));
        assert!(!dot.contains(r#""d"; }"#), "an unknown date is not pinned");
        assert!(!dot.contains("minlen"), "no edge is flat");
        assert!(dot.contains("newrank=true"));
        assert!(dot.contains("rankdir=LR"));
    }

    /// Ranks of the models, by id, as the DOT pins them.
    fn pinned(dot: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for line in dot.lines() {
            let Some(group) = line.trim().strip_prefix("{ rank=same; \"time ") else {
                continue;
            };
            let (rank, rest) = group.split_once("\";").unwrap();
            for id in rest.trim_end_matches('}').split(';') {
                let id = id.trim().trim_matches('"');
                if !id.is_empty() && id != "legend" {
                    out.push((id.to_string(), rank.parse().unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn a_child_on_its_parents_date_gets_the_next_rank_and_later_dates_move_on() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2020", from: [(parent: "a", via: "m")]),
                 (id: "e", name: "E", date: "2020"),
                 (id: "u", name: "U", date: "unknown", from: [(parent: "b", via: "m")]),
                 (id: "c", name: "C", date: "2021", from: [(parent: "u", via: "m")]),
                 (id: "f", name: "F", date: "2021"),
                 (id: "g", name: "G", date: "2022", from: [(parent: "f", via: "m")]),
               ])"#,
        );
        let dot = write(&View::all(&l)[0], &Options::default());
        let ranks: Vec<(String, usize)> =
            [("a", 0), ("b", 1), ("c", 3), ("e", 0), ("f", 3), ("g", 4)]
                .iter()
                .map(|&(id, r)| (id.to_string(), r))
                .collect();
        assert_eq!(pinned(&dot), ranks, "{dot}");
    }

    #[test]
    fn compact_views_have_no_spine() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [
                 (id: "a", name: "A", date: "2020"),
                 (id: "b", name: "B", date: "2022", from: [(parent: "a", via: "m")]),
               ],
               views: [(name: "v", layers: Compact)])"#,
        );
        let dot = write(&View::all(&l)[0], &Options::default());
        assert!(!dot.contains("time 0"));
        assert!(!dot.contains("rank=same"));
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
