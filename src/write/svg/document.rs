//! The SVG document shell every figure kind shares, written with the `svg`
//! crate: the root element with its size (natural, a 16:9 slide or a doc
//! column), what assistive technology reads (role, title, description,
//! language), and the body group that carries the theme class and the font
//! stack; then one last pass that keeps every character XML-safe. A large
//! figure is written as it is drawn ([`Stream`]), one finished element at
//! a time, with the same bytes as its whole tree printed at once.
//! [`embed_fonts`] then adds the fonts the texts are drawn with (cut down to
//! their characters) as a `<style>`; [`drawn`] reads the texts back, for
//! that and for [`missing`], the texts no font can draw.
//!
//! A figure kind hands in its page size, its words and its body; it never
//! writes the root element itself.

use super::pen::r;
use crate::layout::Rect;
use crate::model::Lang;
use crate::palette::ThemeName;
use crate::text;
use crate::write::FigureSize;
use svg::node::element::{Description, Group, Title};
use svg::{Document, Node};

/// The width of a typical documentation column, in px.
pub const DOC_WIDTH: f64 = 760.0;

/// What part of the page the SVG shows, and at what size.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub view: Rect,
    pub width: f64,
    pub height: f64,
}

/// The page as drawn, padded to 16:9 for a slide, or scaled to a doc column.
pub fn frame(width: f64, height: f64, size: FigureSize) -> Frame {
    let natural = Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: height,
    };
    match size {
        FigureSize::Natural => Frame {
            view: natural,
            width,
            height,
        },
        FigureSize::Doc => Frame {
            view: natural,
            width: DOC_WIDTH,
            height: (height * DOC_WIDTH / width).round(),
        },
        FigureSize::Slide => {
            let aspect = 16.0 / 9.0;
            let view = if width / height > aspect {
                let h = width / aspect;
                Rect {
                    y: -(h - height) / 2.0,
                    h,
                    ..natural
                }
            } else {
                let w = height * aspect;
                Rect {
                    x: -(w - width) / 2.0,
                    w,
                    ..natural
                }
            };
            Frame {
                view,
                width: 1920.0,
                height: 1080.0,
            }
        }
    }
}

/// What every figure's document says about itself.
pub struct Shell<'a> {
    pub frame: Frame,
    pub title: &'a str,
    pub desc: String,
    pub lang: Lang,
    pub theme: ThemeName,
    /// The figure kind's class on the body group: `lineage`, `capability-flow`.
    pub kind: &'a str,
    pub font_family: &'a str,
}

/// The body group a figure draws into: its kind and theme as classes, its
/// font stack.
pub fn body(shell: &Shell) -> Group {
    let theme = match shell.theme {
        ThemeName::Light => "light",
        ThemeName::Dark => "dark",
    };
    Group::new()
        .set("font-family", shell.font_family)
        .set("class", format!("{} theme-{theme}", shell.kind))
}

/// The whole document: the root element around `body`, as text.
pub fn finish(shell: &Shell, body: Group) -> String {
    finish_sized(shell, body, 0)
}

/// [`finish`], written into one buffer of `capacity` bytes made up front
/// (a large figure's text is hundreds of megabytes: grown as it is written,
/// it would be reallocated some thirty times).
pub fn finish_sized(shell: &Shell, body: Group, capacity: usize) -> String {
    let mut doc = Stream::new(shell, capacity);
    doc.put(&body);
    drop(body);
    doc.finish()
}

/// A document written as it is drawn: each element, made with the `svg`
/// crate's types, is written into one buffer as soon as it is complete
/// (as the crate prints it, see [`print`]), and dropped. The bytes are those of the whole tree printed at
/// once, but the tree of a large figure (a card, an edge, a date mark per
/// model, each a dozen allocations) never exists all at once: building,
/// printing and freeing it was a third of a 10,000-model figure's time.
///
/// Children of a streamed element are elements (never bare text): the
/// crate writes each on its own line, and the closing tag on the next.
pub struct Stream {
    out: String,
    /// The elements opened and not closed yet, innermost last: the name,
    /// and whether a child has been written into it.
    open: Vec<(String, bool)>,
}

impl Stream {
    /// The root element, its title and description written; the body goes
    /// in with [`Stream::open`] (see [`body`]).
    pub fn new(shell: &Shell, capacity: usize) -> Stream {
        let f = shell.frame;
        let root = Document::new()
            .set(
                "viewBox",
                format!(
                    "{} {} {} {}",
                    r(f.view.x),
                    r(f.view.y),
                    r(f.view.w),
                    r(f.view.h)
                ),
            )
            .set("width", r(f.width))
            .set("height", r(f.height))
            .set("role", "img")
            .set("aria-labelledby", "figure-title figure-desc")
            .set("lang", shell.lang.code())
            .add(Title::new(shell.title).set("id", "figure-title"))
            .add(
                Description::new()
                    .set("id", "figure-desc")
                    .add(svg::node::Text::new(shell.desc.as_str())),
            );
        let mut doc = Stream {
            out: String::with_capacity(capacity),
            open: Vec::new(),
        };
        doc.start(&root);
        doc
    }

    /// Opens `element` (with the children it has so far): what
    /// [`Stream::put`] writes next goes inside it, until [`Stream::close`].
    pub fn open(&mut self, element: &dyn Node) {
        self.mark_child();
        self.out.push('\n');
        self.start(element);
    }

    /// Writes `element`, whole, into the innermost open element.
    pub fn put(&mut self, element: &dyn Node) {
        self.mark_child();
        self.out.push('\n');
        print(&mut self.out, element);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        match self.open.pop() {
            Some((name, true)) => {
                self.out.push_str("\n</");
                self.out.push_str(&name);
                self.out.push('>');
            }
            Some((_, false)) => self.out.push_str("/>"),
            None => {}
        }
    }

    /// The document, every open element closed, as text.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        let mut out = self.out;
        out.push('\n');
        // Text is cleaned where it is made; ids in `data-*` attributes, and
        // anything else, are made XML-safe here, once for every figure kind.
        match text::xml_safe(&out) {
            std::borrow::Cow::Borrowed(_) => out,
            std::borrow::Cow::Owned(safe) => safe,
        }
    }

    /// Writes `element` as the crate prints it, without its end: `<g a="b"`
    /// when it has no children yet (`>` or `/>` follows), else up to its
    /// last child, whose closing line [`Stream::close`] writes.
    fn start(&mut self, element: &dyn Node) {
        let at = self.out.len();
        print(&mut self.out, element);
        let name = element.get_name().to_string();
        let has_children = element.get_children().is_some_and(|c| !c.is_empty());
        let end = if has_children {
            name.len() + 4 // "\n</" name ">"
        } else {
            2 // "/>"
        };
        let keep = self.out.len().saturating_sub(end).max(at);
        debug_assert!(
            self.out
                .get(keep..)
                .is_some_and(|t| t == "/>" || t == format!("\n</{name}>")),
            "a streamed element's children are elements"
        );
        self.out.truncate(keep);
        self.open.push((name, has_children));
    }

    /// Notes that the innermost open element has a child, ending its start
    /// tag if this is the first.
    fn mark_child(&mut self) {
        if let Some((_, has)) = self.open.last_mut() {
            if !*has {
                self.out.push('>');
                *has = true;
            }
        }
    }
}

/// Appends `node` exactly as the `svg` crate's `Display` writes it:
/// attributes sorted by name, their values escaped (`&<>"'`), a child
/// element on its own line, text inline except in the elements the crate
/// sets apart (`svg`, `style`, `text`). The crate builds a new string for
/// each of five replacements in every attribute value and a list to sort
/// the attributes of every element; this writes a value that needs no
/// escaping (nearly all) as it is. Text, blobs and comments, whose content
/// only the crate can read, are written by the crate.
fn print(out: &mut String, node: &dyn Node) {
    use std::fmt::Write as _;
    let (Some(attributes), Some(children)) = (node.get_attributes(), node.get_children()) else {
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{node}");
        return;
    };
    let name = node.get_name();
    out.push('<');
    out.push_str(name);
    let mut sorted: Vec<(&String, &svg::node::Value)> = attributes.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (key, value) in sorted {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        push_escaped(out, value);
        out.push('"');
    }
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    // The crate writes the elements it sets apart (`is_bareable`) in its
    // alternate form, where even text goes on its own line.
    let apart = node.is_bareable();
    let mut bare = false;
    for child in children {
        bare = child.is_bare() && !apart;
        if !bare {
            out.push('\n');
        }
        print(out, child.as_ref());
    }
    if !bare {
        out.push('\n');
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// An attribute value escaped as the `svg` crate escapes it.
fn push_escaped(out: &mut String, value: &str) {
    if !value
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(value);
        return;
    }
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// Whether an SVG carries the fonts it draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fonts {
    /// Subsets of the fonts, as `@font-face` rules with `data:` URLs: the
    /// figure looks the same in every viewer.
    #[default]
    Embedded,
    /// Only the font stacks: lighter, drawn with the viewer's fonts.
    System,
}

/// One `<text>` element of a written SVG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// Its characters, entities resolved, markup (`tspan`s) dropped.
    pub text: String,
    /// The face it is set in.
    pub face: text::Face,
    /// The `data-id` of the innermost group around it (a model's card).
    pub owner: Option<String>,
}

/// The value of attribute `name` in the tag `tag` (`<g a="b">`), raw: the
/// first ` name="`, found by its `="` (this runs for every tag of a large
/// figure, where a pattern made for each call cost more than the search).
pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let bytes = tag.as_bytes();
    let mut from = 0;
    while let Some(i) = tag[from..].find('=') {
        let eq = from + i;
        from = eq + 1;
        let before = &bytes[..eq];
        let named = bytes.get(eq + 1) == Some(&b'"')
            && before.ends_with(name.as_bytes())
            && before.len() > name.len()
            && before[before.len() - name.len() - 1] == b' ';
        if named {
            let start = eq + 2;
            let len = tag[start..].find('"')?;
            return Some(&tag[start..start + len]);
        }
    }
    None
}

/// `s` with the XML entities we write (`&amp;` …, `&#NN;`) resolved.
pub(super) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else { break };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `<text>` element of `svg` (as our writers write it), in order:
/// what the figure draws with glyphs. One pass over the markup.
pub fn drawn(svg: &str) -> Vec<Drawn> {
    let hand = attribute(svg, "font-family").is_some_and(|f| f.contains("Comic Neue"));
    let mut out = Vec::new();
    // Raw (escaped) ids: most groups with one draw no text.
    let mut owners: Vec<Option<&str>> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let b = rest.as_bytes();
        let group = b.starts_with(b"<g") && matches!(b.get(2), Some(b' ' | b'>'));
        let text = b.starts_with(b"<text");
        if !group && !text {
            // No other tag matters, and none holds a `<` (values are
            // escaped): the next `<` starts the next tag, so the end of
            // this one (a route's long path data) need not be found.
            if b.starts_with(b"</g>") {
                owners.pop();
            }
            rest = &rest[1..];
            continue;
        }
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[..=end];
        rest = &rest[end + 1..];
        if group {
            if !tag.ends_with("/>") {
                owners.push(attribute(tag, "data-id"));
            }
        } else if !tag.ends_with("/>") {
            let close = rest.find("</text>").unwrap_or(rest.len());
            let inner = &rest[..close];
            rest = &rest[close..];
            // Drop the tspan tags, keep their words.
            let mut words = String::new();
            let mut t = inner;
            while let Some(j) = t.find('<') {
                words.push_str(&t[..j]);
                t = t[j..].find('>').map_or("", |k| &t[j + k + 1..]);
            }
            words.push_str(t);
            let bold = attribute(tag, "font-weight") == Some("bold");
            out.push(Drawn {
                text: unescape(words.trim()),
                face: match (hand, bold) {
                    (true, _) => text::Face::Hand,
                    (false, true) => text::Face::SansBold,
                    (false, false) => text::Face::Sans,
                },
                owner: owners.iter().rev().find_map(|o| *o).map(unescape),
            });
        }
    }
    out
}

/// The faces a text is drawn in, by [`face_index`].
const FACES: [text::Face; 3] = [text::Face::Sans, text::Face::SansBold, text::Face::Hand];

fn face_index(face: text::Face) -> usize {
    match face {
        text::Face::Sans => 0,
        text::Face::SansBold => 1,
        text::Face::Hand => 2,
    }
}

/// The texts of `svg` with a character no font of ours draws, and those
/// characters: `(text, owner, missing)`, each text once.
pub fn missing(svg: &str) -> Vec<(String, Option<String>, String)> {
    let mut out: Vec<(String, Option<String>, String)> = Vec::new();
    // What the fonts say of an ASCII character, asked once per face.
    let mut ascii = [[None::<bool>; 128]; 3];
    let mut drawable = |c: char, face: text::Face| match ascii[face_index(face)].get_mut(c as usize)
    {
        Some(known) => *known.get_or_insert_with(|| text::fonts::drawable(c, face)),
        None => text::fonts::drawable(c, face),
    };
    for d in drawn(svg) {
        let lacking: String = d
            .text
            .chars()
            .filter(|&c| !drawable(c, d.face))
            .collect::<std::collections::BTreeSet<char>>()
            .into_iter()
            .collect();
        if !lacking.is_empty() && !out.iter().any(|o| o.0 == d.text && o.1 == d.owner) {
            out.push((d.text, d.owner, lacking));
        }
    }
    out
}

/// `svg` carrying, in a `<style>` after its description, the fonts its
/// texts are drawn with, each cut down to the characters it draws here.
/// A font that cannot be cut is left out (the stack still names it).
pub fn embed_fonts(svg: String) -> String {
    use std::collections::{BTreeMap, BTreeSet};
    // Fonts by their place in the chains: bundled in order, then the user's.
    let mut wanted: BTreeMap<(usize, usize), BTreeSet<char>> = BTreeMap::new();
    let key = |f: &text::fonts::Font| {
        let bundled = text::fonts::Bundled::ALL
            .iter()
            .position(|b| std::ptr::eq(b.font(), f));
        match bundled {
            Some(i) => (0, i),
            None => (
                1,
                text::fonts::user_fonts()
                    .iter()
                    .position(|u| std::ptr::eq(u, f))
                    .unwrap_or(0),
            ),
        }
    };
    // Each character once per face before asking the fonts: a large
    // figure draws the same few dozen letters hundreds of thousands of times.
    let mut ascii = [[false; 128]; 3];
    let mut other: BTreeSet<(usize, char)> = BTreeSet::new();
    for d in drawn(&svg) {
        let face = face_index(d.face);
        // A space is a glyph too (with its advance); a line break in the
        // markup is read as one.
        for c in d.text.chars().chain([' ']).filter(|c| !c.is_control()) {
            match ascii[face].get_mut(c as usize) {
                Some(seen) => *seen = true,
                None => {
                    other.insert((face, c));
                }
            }
        }
    }
    let ascii = ascii.iter().enumerate().flat_map(|(face, seen)| {
        (0u8..128)
            .filter(|&b| seen[usize::from(b)])
            .map(move |b| (face, char::from(b)))
    });
    for (face, c) in ascii.chain(other) {
        if let Some(f) = text::fonts::font_for(c, FACES[face]) {
            wanted.entry(key(f)).or_default().insert(c);
        }
    }
    let font = |(group, i): (usize, usize)| match group {
        0 => text::fonts::Bundled::ALL.get(i).map(|b| b.font()),
        _ => text::fonts::user_fonts().get(i),
    };
    let rules: Vec<String> = wanted
        .into_iter()
        .filter_map(|(k, chars)| text::embed::font_face(font(k)?, &chars).ok())
        .collect();
    if rules.is_empty() {
        return svg;
    }
    let style = format!("<defs>\n<style>\n{}\n</style>\n</defs>\n", rules.join("\n"));
    match svg.find("</desc>\n") {
        Some(i) => {
            let at = i + "</desc>\n".len();
            let mut out = String::with_capacity(svg.len() + style.len());
            out.push_str(&svg[..at]);
            out.push_str(&style);
            out.push_str(&svg[at..]);
            out
        }
        None => svg,
    }
}

/// The tags of `svg` (`<…>`), with what comes between them: `(text, tag)`.
pub(super) fn tags(svg: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        out.push((&rest[..i], &rest[i..end]));
        rest = &rest[end..];
    }
    out.push((rest, ""));
    out
}

/// The colour attributes of a tag: `(name, #rrggbb)`.
fn colours(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for name in ["fill", "stroke", "stop-color", "color"] {
        if let Some(v) = attribute(tag, name).filter(|v| v.len() == 7 && v.starts_with('#')) {
            out.push((name, v));
        }
    }
    out
}

/// One SVG that is `light` and turns into `dark` when the viewer asks for
/// dark (`@media (prefers-color-scheme: dark)`, which also holds inside an
/// `<img>`): the two drawings must be the same but for colours. A colour
/// that always turns into the same dark one is switched by an attribute
/// selector; one that turns into several (white page, white card) marks its
/// elements with `data-dark` tokens. `None` when the drawings differ in
/// more than colours.
pub fn auto_theme(light: &str, dark: &str) -> Option<String> {
    use std::collections::BTreeMap;
    let (a, b) = (tags(light), tags(dark));
    if a.len() != b.len() {
        return None;
    }
    // Every (attribute, light) with the dark colours it becomes, in order.
    let mut pairs: Vec<(&str, &str, &str)> = Vec::new();
    for ((ta, ga), (tb, gb)) in a.iter().zip(&b) {
        let (ca, cb) = (colours(ga), colours(gb));
        if ta != tb || ca.len() != cb.len() {
            return None;
        }
        for ((name, l), (name_b, d)) in ca.into_iter().zip(cb) {
            if name != name_b {
                return None;
            }
            // Colours that stay count too: they make a light colour ambiguous.
            if !pairs.contains(&(name, l, d)) {
                pairs.push((name, l, d));
            }
        }
    }
    let mut darks: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for &(name, l, _) in &pairs {
        *darks.entry((name, l)).or_default() += 1;
    }
    let ambiguous = |name: &str, l: &str| darks.get(&(name, l)).is_some_and(|&n| n > 1);
    let mut rules = String::new();
    for (i, &(name, l, d)) in pairs.iter().enumerate() {
        if l == d {
            continue;
        }
        if ambiguous(name, l) {
            rules.push_str(&format!("[data-dark~=d{i}]{{{name}:{d}}}"));
        } else {
            rules.push_str(&format!("[{name}=\"{l}\"]{{{name}:{d}}}"));
        }
    }
    let mut out = String::with_capacity(light.len() + rules.len() + 64);
    for ((text, tag), (_, dark_tag)) in a.iter().zip(&b) {
        out.push_str(text);
        let tokens: Vec<String> = colours(tag)
            .into_iter()
            .zip(colours(dark_tag))
            .filter(|((name, l), (_, d))| l != d && ambiguous(name, l))
            .filter_map(|((name, l), (_, d))| {
                let i = pairs.iter().position(|p| *p == (name, l, d))?;
                Some(format!("d{i}"))
            })
            .collect();
        if tokens.is_empty() {
            out.push_str(tag);
        } else {
            let close = if tag.ends_with("/>") {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            out.push_str(&tag[..close]);
            out.push_str(&format!(" data-dark=\"{}\"", tokens.join(" ")));
            out.push_str(&tag[close..]);
        }
    }
    let style = format!("<style>\n@media (prefers-color-scheme: dark){{{rules}}}\n</style>\n");
    let at = out.find("</desc>\n")? + "</desc>\n".len();
    out.insert_str(at, &style);
    Some(out.replacen("theme-light", "theme-auto", 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `print` writes what the `svg` crate's `Display` writes: escapes in
    /// values and text, attribute order, empty and nested elements, the
    /// elements the crate sets apart, blobs and comments.
    #[test]
    fn print_matches_the_crate() {
        use svg::node::element::{Path, Rectangle, Style, Text as TextElement};
        use svg::node::{Blob, Comment, Text};
        let nodes: Vec<Box<dyn Node>> = vec![
            Box::new(Group::new()),
            Box::new(Group::new().set("class", "a b")),
            Box::new(
                Rectangle::new()
                    .set("y", 2)
                    .set("x", "1")
                    .set("width", 3.5)
                    .set("data-id", "a&b<c>\"d\" 'e' é 上 &amp;"),
            ),
            Box::new(Title::new("x < y & \"z\" 'w' >")),
            Box::new(TextElement::new("a & b").set("x", 1)),
            Box::new(TextElement::new("").add(Blob::new("<tspan x=\"1\">&amp;</tspan>"))),
            Box::new(Style::new(".a{b:c}")),
            Box::new(
                Group::new()
                    .set("id", "n")
                    .add(Title::new("t"))
                    .add(Group::new().add(Path::new().set("d", "M0,0L1,1")))
                    .add(Comment::new("c"))
                    .add(Text::new("bare & text"))
                    .add(Blob::new("<b/>")),
            ),
            Box::new(Group::new().add(Text::new("only text"))),
            Box::new(Description::new().set("id", "d").add(Text::new("words"))),
            Box::new(Document::new().set("width", 1).add(Group::new())),
        ];
        for node in nodes {
            let mut out = String::new();
            print(&mut out, node.as_ref());
            assert_eq!(out, node.to_string());
        }
    }

    #[test]
    fn drawn_reads_texts_faces_and_owners() {
        let svg = "<svg><g font-family=\"&quot;Liberation Sans&quot;\">\
            <g class=\"node\" data-id=\"gpt-4\"><g class=\"card\"><rect/></g>\
            <text x=\"1\" font-weight=\"bold\">\nGPT-4 &amp; <tspan x=\"2\" font-family=\"x\">模型</tspan>\n</text></g>\
            <text>a&#128640;b</text></g></svg>";
        let d = drawn(svg);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].text, "GPT-4 & 模型");
        assert_eq!(d[0].face, text::Face::SansBold);
        assert_eq!(d[0].owner.as_deref(), Some("gpt-4"));
        assert_eq!(d[1].text, "a🚀b");
        assert_eq!(d[1].owner, None);
        let m = missing(svg);
        assert_eq!(m, [("a🚀b".to_string(), None, "🚀".to_string())]);
    }
}
