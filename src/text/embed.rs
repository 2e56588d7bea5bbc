//! Fonts carried inside an SVG: a font cut down to the characters one
//! figure draws, as a CSS `@font-face` rule with a `data:` URL.
//!
//! The glyphs are cut by typst's `subsetter`, which keeps outlines, advances
//! and names but, being made for PDF, drops the `cmap` (character → glyph)
//! and `OS/2` tables a browser needs. So this module writes a `cmap` from
//! the glyph remapping (formats 4 and 12, the Windows Unicode subtables),
//! copies `OS/2` from the original, and lays the font out again with its
//! table directory and checksums. Everything is ordered (characters
//! ascending, tables by tag): the same characters give the same bytes.
//!
//! It knows fonts, not SVG: `write::svg::document` decides which characters
//! go in which font and where the rules go.

use super::fonts::Font;
use base64::Engine;
use std::collections::BTreeSet;
use subsetter::GlyphRemapper;

/// `font` cut down to `chars` (those it has), as font file bytes.
pub fn subset(font: &Font, chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let mut remapper = GlyphRemapper::new();
    // Characters in order, so that runs of characters get runs of glyphs
    // and the cmap's segments stay few.
    let mut map: Vec<(u32, u16)> = Vec::new();
    for &c in chars {
        if let Some(old) = font.glyph(c) {
            map.push((u32::from(c), remapper.remap(old)));
        }
    }
    let cut = subsetter::subset(font.data, 0, &remapper).map_err(|e| format!("{e}"))?;
    let os2 = ttf_parser::RawFace::parse(font.data, 0)
        .ok()
        .and_then(|f| f.table(ttf_parser::Tag::from_bytes(b"OS/2")))
        .map(<[u8]>::to_vec);
    let mut extra = vec![(*b"cmap", cmap(&map))];
    if let Some(os2) = os2 {
        extra.push((*b"OS/2", os2));
    }
    if let Some(unhinted) = unhint(&cut) {
        extra.extend(unhinted);
    }
    relayout(&cut, extra)
}

/// A table of `font` by tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    (0..count).find_map(|i| {
        let rec = font.get(12 + 16 * i..28 + 16 * i)?;
        if &rec[..4] != tag {
            return None;
        }
        let offset = u32::from_be_bytes(rec[8..12].try_into().ok()?) as usize;
        let len = u32::from_be_bytes(rec[12..16].try_into().ok()?) as usize;
        font.get(offset..offset + len)
    })
}

/// A TrueType font's `glyf`, `loca` and `head` without hinting: every
/// glyph's instructions dropped (they are most of a small Latin subset's
/// bytes, and a browser scaling a figure does not need them), `loca` in
/// the long format, and empty `fpgm`, `prep` and `cvt ` tables (an empty
/// table is dropped by `relayout`). `None` for a CFF font, or a glyph it
/// cannot read (the font is then embedded with its hinting).
fn unhint(font: &[u8]) -> Option<Vec<([u8; 4], Vec<u8>)>> {
    let glyf = table(font, b"glyf")?;
    let loca = table(font, b"loca")?;
    let mut head = table(font, b"head")?.to_vec();
    let long = head.get(50..52)? == [0, 1];
    let at = |i: usize| -> Option<usize> {
        if long {
            Some(u32::from_be_bytes(loca.get(4 * i..4 * i + 4)?.try_into().ok()?) as usize)
        } else {
            Some(
                2 * usize::from(u16::from_be_bytes(
                    loca.get(2 * i..2 * i + 2)?.try_into().ok()?,
                )),
            )
        }
    };
    let glyphs = loca.len() / if long { 4 } else { 2 } - 1;
    let (mut new_glyf, mut new_loca) = (Vec::new(), Vec::new());
    for i in 0..glyphs {
        be32(&mut new_loca, new_glyf.len() as u32);
        let g = glyf.get(at(i)?..at(i + 1)?)?;
        new_glyf.extend(strip_glyph(g)?);
        new_glyf.resize(new_glyf.len().div_ceil(4) * 4, 0);
    }
    be32(&mut new_loca, new_glyf.len() as u32);
    head[50..52].copy_from_slice(&[0, 1]);
    Some(vec![
        (*b"glyf", new_glyf),
        (*b"loca", new_loca),
        (*b"head", head),
        (*b"fpgm", Vec::new()),
        (*b"prep", Vec::new()),
        (*b"cvt ", Vec::new()),
    ])
}

/// One glyph without its instructions.
fn strip_glyph(g: &[u8]) -> Option<Vec<u8>> {
    if g.is_empty() {
        return Some(Vec::new());
    }
    let contours = i16::from_be_bytes(g.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Header, end points, instruction length, instructions, the rest.
        let n = 10 + 2 * contours as usize;
        let len = usize::from(u16::from_be_bytes(g.get(n..n + 2)?.try_into().ok()?));
        let mut out = g.get(..n)?.to_vec();
        out.extend([0, 0]);
        out.extend(g.get(n + 2 + len..)?);
        return Some(out);
    }
    // A composite: walk the components to the end of the last one.
    let mut at = 10;
    let mut instructions = false;
    loop {
        let flags = u16::from_be_bytes(g.get(at..at + 2)?.try_into().ok()?);
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += match flags {
            f if f & 0x0008 != 0 => 2,
            f if f & 0x0040 != 0 => 4,
            f if f & 0x0080 != 0 => 8,
            _ => 0,
        };
        instructions |= flags & 0x0100 != 0;
        if flags & 0x0020 == 0 {
            break;
        }
    }
    let mut out = g.get(..at)?.to_vec();
    if instructions {
        // Clear WE_HAVE_INSTRUCTIONS on every component.
        let mut c = 10;
        loop {
            let flags = u16::from_be_bytes(out.get(c..c + 2)?.try_into().ok()?) & !0x0100;
            out[c..c + 2].copy_from_slice(&flags.to_be_bytes());
            c += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            c += match flags {
                f if f & 0x0008 != 0 => 2,
                f if f & 0x0040 != 0 => 4,
                f if f & 0x0080 != 0 => 8,
                _ => 0,
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }
    Some(out)
}

/// Runs of consecutive characters mapped to consecutive glyphs:
/// `(first char, last char, first glyph)`.
fn runs(map: &[(u32, u16)]) -> Vec<(u32, u32, u16)> {
    let mut out: Vec<(u32, u32, u16)> = Vec::new();
    for &(c, g) in map {
        match out.last_mut() {
            Some((first, last, g0))
                if c == *last + 1 && u32::from(*g0) + (c - *first) == u32::from(g) =>
            {
                *last = c
            }
            _ => out.push((c, c, g)),
        }
    }
    out
}

fn be16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn be32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// A `cmap` table with a format 4 subtable (the BMP) and a format 12 one
/// (all planes), both for platform 3 (Windows).
fn cmap(map: &[(u32, u16)]) -> Vec<u8> {
    let all = runs(map);
    // Format 4: BMP runs, then the required 0xFFFF end segment.
    let mut segs: Vec<(u16, u16, u16)> = all
        .iter()
        .filter(|r| r.1 < 0xFFFF)
        .map(|&(a, b, g)| (a as u16, b as u16, g))
        .collect();
    segs.push((0xFFFF, 0xFFFF, 0));
    let n = segs.len() as u16;
    let mut f4 = Vec::new();
    be16(&mut f4, 4);
    be16(&mut f4, (16 + 8 * segs.len()) as u16);
    be16(&mut f4, 0); // language
    be16(&mut f4, n * 2);
    let entry = 15 - n.leading_zeros() as u16; // floor(log2 n)
    let search = 2 * (1u16 << entry);
    be16(&mut f4, search);
    be16(&mut f4, entry);
    be16(&mut f4, n * 2 - search);
    segs.iter().for_each(|s| be16(&mut f4, s.1));
    be16(&mut f4, 0); // reserved pad
    segs.iter().for_each(|s| be16(&mut f4, s.0));
    for &(first, _, g) in &segs {
        // idDelta: glyph = char + delta (mod 65536); the end segment maps to 0.
        let delta = if first == 0xFFFF {
            1
        } else {
            g.wrapping_sub(first)
        };
        be16(&mut f4, delta);
    }
    segs.iter().for_each(|_| be16(&mut f4, 0)); // idRangeOffset
                                                // Format 12: every run.
    let mut f12 = Vec::new();
    be16(&mut f12, 12);
    be16(&mut f12, 0);
    be32(&mut f12, (16 + 12 * all.len()) as u32);
    be32(&mut f12, 0); // language
    be32(&mut f12, all.len() as u32);
    for &(a, b, g) in &all {
        be32(&mut f12, a);
        be32(&mut f12, b);
        be32(&mut f12, u32::from(g));
    }
    let mut out = Vec::new();
    be16(&mut out, 0); // version
    be16(&mut out, 2); // subtables
    let first = 4 + 2 * 8;
    for (encoding, offset) in [(1u16, first), (10, first + f4.len())] {
        be16(&mut out, 3);
        be16(&mut out, encoding);
        be32(&mut out, offset as u32);
    }
    out.extend(f4);
    out.extend(f12);
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut b = [0u8; 4];
        b[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(b))
    })
}

/// The font `font` with the tables `extra` added (or replaced), laid out
/// again: tables sorted by tag, 4-byte aligned, checksums recomputed.
fn relayout(font: &[u8], extra: Vec<([u8; 4], Vec<u8>)>) -> Result<Vec<u8>, String> {
    let bad = || "the subset font has no table directory".to_string();
    let read16 = |at: usize| -> Result<usize, String> {
        let b = font.get(at..at + 2).ok_or_else(bad)?;
        Ok(usize::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let read32 = |at: usize| -> Result<usize, String> {
        let b = font.get(at..at + 4).ok_or_else(bad)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let count = read16(4)?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font
            .get(rec..rec + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or_else(bad)?;
        let (offset, len) = (read32(rec + 8)?, read32(rec + 12)?);
        let data = font.get(offset..offset + len).ok_or_else(bad)?;
        tables.push((tag, data.to_vec()));
    }
    for (tag, data) in extra {
        tables.retain(|t| t.0 != tag);
        if !data.is_empty() {
            tables.push((tag, data));
        }
    }
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let entry = 15 - n.leading_zeros() as u16;
    let search = 16 * (1u16 << entry);
    let mut out = font.get(0..4).ok_or_else(bad)?.to_vec();
    be16(&mut out, n);
    be16(&mut out, search);
    be16(&mut out, entry);
    be16(&mut out, n * 16 - search);
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0); // checksumAdjustment, set below
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        be32(&mut out, checksum(data));
        be32(&mut out, offset as u32);
        be32(&mut out, data.len() as u32);
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&adjust.to_be_bytes());
    }
    Ok(out)
}

/// A CSS `@font-face` rule carrying `font` cut down to `chars`, under the
/// family name the font stacks use.
pub fn font_face(font: &Font, chars: &BTreeSet<char>) -> Result<String, String> {
    let data = subset(font, chars)?;
    let (mime, format) = if font.is_cff() {
        ("font/otf", "opentype")
    } else {
        ("font/ttf", "truetype")
    };
    Ok(format!(
        "@font-face{{font-family:\"{}\";font-weight:{};src:url(data:{mime};base64,{}) format(\"{format}\")}}",
        font.family,
        if font.bold { "bold" } else { "normal" },
        base64::engine::general_purpose::STANDARD.encode(data)
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Bundled;
    use super::*;

    /// The subset, read back by ttf-parser (what resvg uses): every asked
    /// character maps to a glyph with the original's advance, others to
    /// none.
    #[test]
    fn subset_keeps_a_working_cmap_and_advances() {
        for b in Bundled::ALL {
            let font = b.font();
            let chars: BTreeSet<char> = "Hag 上下文学习，GPT-3.5 → é".chars().collect();
            let cut = subset(font, &chars).expect("subsets");
            assert!(cut.len() < font.data.len() / 4, "{b:?}: {}", cut.len());
            let face = ttf_parser::Face::parse(&cut, 0).expect("parses");
            for &c in &chars {
                let want = font.units(c);
                let got = face.glyph_index(c).and_then(|g| {
                    let adv = u64::from(face.glyph_hor_advance(g)?);
                    let em = u64::from(face.units_per_em());
                    Some(((adv * 2000 + em) / (2 * em)) as u32)
                });
                assert_eq!(got, want, "{b:?} {c:?}");
            }
            // The outlines are kept (hinting is not).
            let original = ttf_parser::Face::parse(font.data, 0).expect("parses");
            for &c in &chars {
                let bbox = |f: &ttf_parser::Face| {
                    let g = f.glyph_index(c)?;
                    let mut sink = Sink(0);
                    f.outline_glyph(g, &mut sink).map(|b| (b, sink.0))
                };
                assert_eq!(bbox(&face), bbox(&original), "{b:?} {c:?}");
            }
            assert!(face
                .raw_face()
                .table(ttf_parser::Tag::from_bytes(b"fpgm"))
                .is_none());
            assert!(face.glyph_index('Z').is_none() || !font.has('Z'));
            assert!(face.tables().os2.is_some(), "{b:?}");
            // Same characters, same bytes.
            assert_eq!(subset(font, &chars).expect("subsets"), cut);
        }
    }

    /// Counts outline segments.
    struct Sink(usize);
    impl ttf_parser::OutlineBuilder for Sink {
        fn move_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn line_to(&mut self, _: f32, _: f32) {
            self.0 += 1;
        }
        fn quad_to(&mut self, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: f32) {
            self.0 += 1;
        }
        fn close(&mut self) {}
    }

    #[test]
    fn cmap_runs_merge_consecutive_characters() {
        assert_eq!(
            runs(&[(65, 1), (66, 2), (67, 3), (70, 4), (71, 9)]),
            [(65, 67, 1), (70, 70, 4), (71, 71, 9)]
        );
    }
}
