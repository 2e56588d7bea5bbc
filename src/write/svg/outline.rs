//! `--text-as-paths`: the SVG with every `<text>` drawn as glyph outlines,
//! for slide tools and editors that ignore web fonts (PowerPoint, Keynote,
//! Inkscape, rsvg), and nothing else changed: the root with its `viewBox`,
//! `<title>`, `<desc>`, `role` and `lang`, the node and edge groups with
//! their ids and classes stay as they are.
//!
//! Each glyph is drawn once, in `<defs>` (1/1000 em units, from the font
//! that draws it, see `text::fonts`), and placed with `<use>` at the advance
//! lineage measured, so the outlines sit where the text was laid out. A text
//! becomes a group that keeps its fill and other attributes and says its
//! words in `aria-label`. A character no font has is left out (the CLI warns).

use super::document::{attribute, tags, unescape};
use super::pen::{escape, r};
use crate::text::{self, fonts, Face};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Attributes of a `<text>` that the outlines replace.
const TEXT_ONLY: [&str; 7] = [
    "x",
    "y",
    "font-size",
    "font-family",
    "font-weight",
    "text-anchor",
    "xml:space",
];

/// The `name="value"` pairs of a tag, raw.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches('<');
    rest = rest.trim_start_matches(|c: char| !c.is_whitespace() && c != '>');
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim();
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        out.push((name, &after[..end]));
        rest = &after[end + 1..];
    }
    out
}

/// Glyphs drawn so far: (font, glyph) → its id, or none without outline.
type Glyphs = BTreeMap<(usize, u16), Option<(String, String)>>;

/// The place of `font` among lineage's fonts (bundled, then the user's).
fn font_index(font: &fonts::Font) -> usize {
    let bundled = fonts::Bundled::ALL
        .iter()
        .position(|b| std::ptr::eq(b.font(), font));
    bundled.unwrap_or_else(|| {
        fonts::Bundled::ALL.len()
            + fonts::user_fonts()
                .iter()
                .position(|u| std::ptr::eq(u, font))
                .unwrap_or(0)
    })
}

/// `<use>`s for the glyphs of `words` in `face`, from 0 along the baseline
/// in 1/1000 em.
fn uses(words: &str, face: Face, glyphs: &mut Glyphs) -> String {
    let mut out = String::new();
    let mut at = 0u64;
    for c in words.chars() {
        if let Some(font) = fonts::font_for(c, face) {
            if let Some(g) = font.glyph(c) {
                let key = (font_index(font), g);
                let entry = glyphs.entry(key).or_insert_with(|| {
                    font.outline(g)
                        .map(|d| (format!("g{}-{}", key.0, key.1), d))
                });
                if let Some((id, _)) = entry {
                    let _ = write!(out, "<use xlink:href=\"#{id}\" x=\"{at}\"/>");
                }
            }
        }
        at += u64::from(text::advance_units(c, face));
    }
    out
}

/// One `<text>` (its tag and its runs: own x if any, words) as outlines.
fn draw(tag: &str, runs: &[(Option<f64>, String)], hand: bool, glyphs: &mut Glyphs) -> String {
    let num = |name: &str| attribute(tag, name).and_then(|v| v.parse::<f64>().ok());
    let (x, y, size) = (
        num("x").unwrap_or(0.0),
        num("y").unwrap_or(0.0),
        num("font-size").unwrap_or(16.0),
    );
    let face = match (hand, attribute(tag, "font-weight") == Some("bold")) {
        (true, _) => Face::Hand,
        (false, true) => Face::SansBold,
        (false, false) => Face::Sans,
    };
    let all: String = runs
        .iter()
        .map(|(_, w)| w.as_str())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::from("<g");
    for (name, value) in attributes(tag) {
        if !TEXT_ONLY.contains(&name) {
            let _ = write!(out, " {name}=\"{value}\"");
        }
    }
    let _ = write!(out, " aria-label=\"{}\">", escape(&all));
    let scale = size / 1000.0;
    for (own_x, words) in runs {
        if words.is_empty() {
            continue;
        }
        let mut left = own_x.unwrap_or(x);
        if own_x.is_none() {
            let w = text::width(words, face, size);
            match attribute(tag, "text-anchor") {
                Some("middle") => left -= w / 2.0,
                Some("end") => left -= w,
                _ => {}
            }
        }
        let _ = write!(
            out,
            "<g transform=\"translate({} {}) scale({})\">{}</g>",
            r(left * 100.0) / 100.0,
            r(y * 100.0) / 100.0,
            (scale * 1e6).round() / 1e6,
            uses(words, face, glyphs)
        );
    }
    out.push_str("</g>");
    out
}

/// Words of a run as a browser reads them: whitespace collapsed, trimmed.
fn words(raw: &str) -> String {
    unescape(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `svg` (as our writers write it) with its texts as outlines.
pub fn text_as_paths(svg: &str) -> String {
    let hand = attribute(svg, "font-family").is_some_and(|f| f.contains("Comic Neue"));
    let parts = tags(svg);
    let mut glyphs = Glyphs::new();
    let mut out = String::with_capacity(svg.len() * 3);
    let mut i = 0;
    while i < parts.len() {
        let (between, tag) = parts[i];
        out.push_str(between);
        i += 1;
        if !tag.starts_with("<text") || tag.ends_with("/>") {
            out.push_str(tag);
            continue;
        }
        // The runs up to </text>: the text's own words, and each tspan's.
        let mut runs: Vec<(Option<f64>, String)> = vec![(None, String::new())];
        while i < parts.len() {
            let (raw, inner) = parts[i];
            i += 1;
            if let Some(run) = runs.last_mut() {
                run.1.push_str(raw);
            }
            if inner == "</text>" || inner.is_empty() {
                break;
            }
            if inner.starts_with("<tspan") {
                let x = attribute(inner, "x").and_then(|v| v.parse().ok());
                runs.push((x, String::new()));
            } else if inner == "</tspan>" {
                runs.push((None, String::new()));
            }
        }
        let has_tspans = runs.iter().any(|r| r.0.is_some());
        let runs: Vec<(Option<f64>, String)> = runs
            .into_iter()
            .map(|(x, raw)| (x, words(&raw)))
            // Between tspans there is only markup whitespace.
            .filter(|(x, w)| !has_tspans || x.is_some() || w.is_empty())
            .collect();
        out.push_str(&draw(tag, &runs, hand, &mut glyphs));
    }
    let mut defs = String::from("<defs>\n");
    for (id, d) in glyphs.values().flatten() {
        let _ = writeln!(defs, "<path id=\"{id}\" d=\"{d}\"/>");
    }
    defs.push_str("</defs>\n");
    if let Some(at) = out.find("</desc>\n") {
        out.insert_str(at + "</desc>\n".len(), &defs);
    }
    out.replacen(
        "xmlns=\"http://www.w3.org/2000/svg\"",
        "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
        1,
    )
}
