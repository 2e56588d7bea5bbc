//! Graphviz DOT: a file a user can open in Graphviz, edit, or paste into a
//! slide tool.
//!
//! Models are boxes with an HTML-like label (name, API name and date, then
//! one coloured row per capability change), branches are clusters, edges
//! carry the method. Graphviz chooses the layout; this writer only pins
//! what Graphviz would otherwise get wrong:
//!
//! - **Time.** Ranks follow dates through an invisible *time spine*: one
//!   node per distinct date, chained left to right, and two invisible edges
//!   per dated model, `slot → model` (`minlen=0`) and `model → next slot`.
//!   Together they put the model on its date's rank. `rank=same` is not
//!   used: across clusters Graphviz ignores or breaks it.
//! - **Escaping.** Quoted strings and HTML-like labels are escaped for
//!   their context (see [`quoted`] and [`html`]); data never reaches the
//!   file unescaped, and node ids are always quoted.
//!
//! Output is deterministic: everything is written in view or declaration order.

use super::svg::card::{clean, glyph};
use super::Options;
use crate::data::{Certainty, DirectionDecl, LayersDecl};
use crate::lineage::change_word;
use crate::lineage::{BranchId, Lang, Lineage, SourceId};
use crate::palette::{self, Rgb, Theme};
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

/// One line of a label: runs of white space collapsed, ends trimmed.
/// Newlines written in the data are kept (as line breaks).
fn lines(text: &str) -> String {
    crate::text::strip_controls(text)
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn words(lang: Lang, en: &str, zh: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => zh.to_string(),
    }
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

    /// Branch clusters in declaration order, then the models on no branch.
    fn clusters(&mut self) {
        let lineage = self.lineage;
        let models = self.view.models.clone();
        let mut any_branch = false;
        for b in 0..lineage.branches.len() {
            let members: Vec<NodeIndex> = models
                .iter()
                .copied()
                .filter(|&n| lineage.model(n).branch == Some(BranchId(b)))
                .collect();
            if members.is_empty() {
                continue;
            }
            let branch = lineage.branch(BranchId(b));
            let hue = palette::branch(b);
            self.line(0, "");
            if !any_branch {
                self.line(1, "// Branches: one cluster each, in declaration order.");
                any_branch = true;
            }
            self.line(1, &format!("subgraph cluster_{b} {{"));
            let mut tooltip = branch.label.get(self.lang).to_string();
            if let Some(note) = &branch.note {
                tooltip.push('\n');
                tooltip.push_str(note.get(self.lang));
            }
            let attrs = format!(
                "graph [label={}, tooltip={}, style=\"rounded,filled\", fillcolor={}, \
                 color={}, fontcolor={}, fontsize=12, labeljust=l, margin=12];",
                quoted_label(&lines(branch.label.get(self.lang))),
                quoted_tooltip(&lines(&tooltip)),
                color(self.theme.tint(hue, 0.12)),
                color(self.theme.tint(hue, 0.55)),
                color(self.theme.ink(hue)),
            );
            self.line(2, &attrs);
            for n in members {
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
        let merge = self.view.parents(n).len() >= 2;
        let mut attrs = vec![
            format!("label=<{}>", self.card(n, merge)),
            format!("tooltip={}", quoted_tooltip(&self.node_tooltip(n))),
        ];
        if merge {
            attrs.push("peripheries=2".into());
            attrs.push("penwidth=1.6".into());
            attrs.push(format!("color={}", color(self.theme.merge_stroke)));
        }
        let line = format!("{} [{}];", self.id(n), attrs.join(", "));
        self.line(indent, &line);
    }

    fn date(&self, n: NodeIndex) -> String {
        let date = &self.lineage.model(n).date;
        match self.lang {
            Lang::En => date.to_string(),
            Lang::Zh => date.to_zh(),
        }
    }

    /// The HTML-like label of a model: name, small grey lines, change rows.
    fn card(&self, n: NodeIndex, merge: bool) -> String {
        let m = self.lineage.model(n);
        let muted = self.theme.muted.hex();
        let name = lines(m.name.get(self.lang));
        let mut rows = Vec::new();
        // Graphviz refuses an empty <B></B>: a model without a name gets no name row.
        if !name.is_empty() {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{NAME_SIZE}\"><B>{}</B></FONT></TD></TR>",
                html(&name)
            ));
        }
        let mut meta = Vec::new();
        let mut first = Vec::new();
        if let Some(api) = &m.api {
            if lines(api) != name {
                first.push(lines(api));
            }
        }
        first.push(self.date(n));
        meta.push(first.join(" · "));
        let size: Vec<String> = [&m.params, &m.context]
            .into_iter()
            .flatten()
            .map(|s| lines(s))
            .collect();
        if !size.is_empty() {
            meta.push(size.join(" · "));
        }
        if merge {
            let parents = self.view.parents(n).len();
            meta.push(match self.lang {
                Lang::En => format!("merge of {parents} branches"),
                Lang::Zh => format!("{parents} 个分支合并"),
            });
        }
        for line in meta {
            rows.push(format!(
                "<TR><TD><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{muted}\">{}</FONT></TD></TR>",
                html(&line)
            ));
        }
        if self.view.spec.capabilities && !m.changes.is_empty() {
            // A little air between the name block and the changes.
            rows.push("<TR><TD HEIGHT=\"3\"></TD></TR>".into());
            for change in &m.changes {
                let label = lines(
                    self.lineage
                        .capability(change.capability)
                        .label
                        .get(self.lang),
                );
                let mark = if change.certainty == Certainty::Certain {
                    ""
                } else {
                    " ?"
                };
                let ink = self
                    .theme
                    .ink(palette::categorical(change.capability.0))
                    .hex();
                rows.push(format!(
                    "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"{SMALL_SIZE}\" COLOR=\"{ink}\">{} {}{mark}</FONT></TD></TR>",
                    glyph(change.kind),
                    html(&label)
                ));
            }
        }
        format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">{}</TABLE>",
            rows.concat()
        )
    }

    fn sources(&self, ids: &[SourceId]) -> Vec<String> {
        ids.iter()
            .map(|&s| {
                let src = self.lineage.source(s);
                format!("[{}] {}", lines(&src.key), lines(src.title.get(self.lang)))
            })
            .collect()
    }

    /// Everything the card leaves out: the note, each change's note, the sources.
    fn node_tooltip(&self, n: NodeIndex) -> String {
        let m = self.lineage.model(n);
        let lang = self.lang;
        let mut parts = vec![format!(
            "{} ({}) · {}",
            m.name.get(lang),
            m.id,
            self.date(n)
        )];
        if let Some(note) = &m.note {
            parts.push(note.get(lang).to_string());
        }
        for change in &m.changes {
            let cap = self.lineage.capability(change.capability);
            let mut line = format!(
                "{} {}: {}",
                glyph(change.kind),
                change_word(change.kind, lang),
                cap.label.get(lang)
            );
            if change.certainty == Certainty::Uncertain {
                line.push_str(&format!(" ({})", words(lang, "uncertain", "不确定")));
            }
            if let Some(note) = &change.note {
                line.push_str(&format!(" — {}", note.get(lang)));
            }
            for &s in &change.sources {
                line.push_str(&format!(" [{}]", self.lineage.source(s).key));
            }
            parts.push(line);
        }
        parts.extend(self.sources(&m.sources));
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
        for &e in &self.view.edges.clone() {
            let Some((a, b)) = lineage.graph.edge_endpoints(e) else {
                continue;
            };
            let d = &lineage.graph[e];
            let method = lineage.method(d.method);
            let hue = palette::method(d.method.0);
            let uncertain = d.certainty == Certainty::Uncertain;
            let mut label = lines(method.label.get(self.lang));
            if uncertain {
                label.push_str(" ?");
            }
            for &s in &d.sources {
                label.push_str(&format!(" [{}]", lines(&lineage.source(s).key)));
            }
            let mut tooltip = vec![format!(
                "{} → {}: {}",
                lineage.model(a).name.get(self.lang),
                lineage.model(b).name.get(self.lang),
                method.label.get(self.lang)
            )];
            if uncertain {
                tooltip.push(words(self.lang, "uncertain", "不确定"));
            }
            if let Some(note) = &d.note {
                tooltip.push(note.get(self.lang).to_string());
            }
            tooltip.extend(self.sources(&d.sources));
            let tooltip: Vec<String> = tooltip.iter().map(|t| clean(t)).collect();
            let mut attrs = vec![
                format!("label={}", quoted_label(&label)),
                format!("tooltip={}", quoted_tooltip(&tooltip.join("\n"))),
                format!("color={}", color(hue)),
                format!("fontcolor={}", color(self.theme.ink(hue))),
            ];
            if uncertain {
                attrs.push("style=dashed".into());
            }
            let line = format!("{} -> {} [{}];", self.id(a), self.id(b), attrs.join(", "));
            self.line(1, &line);
        }
    }

    /// The invisible time spine that makes ranks follow dates (timeline
    /// views; a compact view leaves ranks to Graphviz).
    fn time_spine(&mut self) {
        if self.view.spec.layers == LayersDecl::Compact {
            return;
        }
        let slots = self.slots();
        let count = slots.iter().flatten().max().map_or(0, |&s| s + 1);
        if count == 0 {
            return;
        }
        self.line(0, "");
        self.line(
            1,
            "// Time: one invisible node per date, in order; each dated model sits on its date's rank.",
        );
        // One node more than there are dates: the last one closes the last slot.
        let spine: Vec<String> = (0..=count)
            .map(|i| self.fresh(&format!("time {i}")))
            .collect();
        self.line(
            1,
            "node [shape=point, style=invis, width=0, height=0, label=\"\"];",
        );
        self.line(1, &format!("{} [style=invis];", spine.join(" -> ")));
        for (i, slot) in slots.iter().enumerate() {
            let Some(s) = *slot else { continue };
            let id = self.ids[i].clone();
            self.line(
                1,
                &format!(
                    "{} -> {id} [style=invis, minlen=0, weight=0]; {id} -> {} [style=invis, weight=0];",
                    spine[s],
                    spine[s + 1]
                ),
            );
        }
        self.spine = spine;
    }

    /// The time slot of each model (in view order): the index of its date
    /// among the view's distinct dates, never before a parent's slot.
    /// `None` for an unknown date.
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
        let mut slots: Vec<Option<usize>> = self
            .view
            .models
            .iter()
            .map(|&n| position(n).and_then(|p| positions.binary_search(&p).ok()))
            .collect();
        // A child is never drawn left of its parent, whatever the dates' fuzz.
        // Parents come first in a topological order; models are few, so a
        // pass per model settles it.
        for _ in 0..self.view.models.len() {
            let mut changed = false;
            for (i, &n) in self.view.models.iter().enumerate() {
                for (_, p) in self.view.parents(n) {
                    let j = self.position[p.index()];
                    let (Some(mine), Some(theirs)) = (slots[i], j.and_then(|j| slots[j])) else {
                        continue;
                    };
                    if theirs > mine {
                        slots[i] = Some(theirs);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        slots
    }

    /// One plain node in a cluster of its own, on the first date's rank:
    /// the methods with their colours, what a dashed edge and a double
    /// border mean, and the change glyphs. (Each change row names its
    /// capability, so the capability colours need no key.)
    fn legend(&mut self) {
        let lineage = self.lineage;
        let lang = self.lang;
        let t = self.theme;
        let mut rows = Vec::new();
        let mut methods = BTreeSet::new();
        let mut uncertain = false;
        for &e in &self.view.edges {
            methods.insert(lineage.graph[e].method);
            uncertain |= lineage.graph[e].certainty == Certainty::Uncertain;
        }
        for m in &methods {
            let hue = palette::method(m.0);
            rows.push(legend_row(
                &format!("<FONT COLOR=\"{}\">━━━▶</FONT>", hue.hex()),
                &html(&lines(lineage.method(*m).label.get(lang))),
            ));
        }
        if uncertain {
            rows.push(legend_row(
                &format!("<FONT COLOR=\"{}\">╍╍╍▶</FONT>", t.muted.hex()),
                &html(&words(lang, "uncertain (dashed)", "不确定（虚线）")),
            ));
        }
        if self
            .view
            .models
            .iter()
            .any(|&n| self.view.parents(n).len() >= 2)
        {
            rows.push(legend_row(
                "▣",
                &html(&words(lang, "merge (double border)", "合并（双边框）")),
            ));
        }
        if self.view.spec.capabilities {
            let shown: Vec<_> = self
                .view
                .models
                .iter()
                .flat_map(|&n| lineage.model(n).changes.iter())
                .collect();
            let kinds: BTreeSet<_> = shown.iter().map(|c| c.kind).collect();
            for k in kinds {
                rows.push(legend_row(glyph(k), &html(change_word(k, lang))));
            }
            if shown.iter().any(|c| c.certainty == Certainty::Uncertain) {
                rows.push(legend_row(
                    "?",
                    &html(&words(
                        lang,
                        "uncertain (the source guesses)",
                        "不确定（原文为推测）",
                    )),
                ));
            }
        }
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
            quoted_label(&words(lang, "Legend", "图例")),
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
        if let [first, second, ..] = self.spine.as_slice() {
            let pin = format!(
                "{first} -> {id} [style=invis, minlen=0, weight=0]; {id} -> {second} [style=invis, weight=0];"
            );
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
        assert!(
            dot.contains(r#""time 0" -> "a" [style=invis, minlen=0, weight=0]; "a" -> "time 1""#)
        );
        assert!(
            dot.contains(r#""time 1" -> "c" [style=invis, minlen=0, weight=0]; "c" -> "time 2""#)
        );
        assert!(
            dot.contains(r#""time 2" -> "b" [style=invis, minlen=0, weight=0]; "b" -> "time 3""#)
        );
        assert!(
            !dot.contains(r#"-> "d" [style=invis"#),
            "an unknown date is not pinned"
        );
        assert!(!dot.contains("rank=same"));
        assert!(dot.contains("rankdir=LR"));
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
        assert!(merge.contains("merge of 2 branches"));
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
