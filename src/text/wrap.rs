//! Line wrapping: where a label may break (between words, between CJK
//! characters, never inside a grapheme or before a closing mark), measured
//! with the same widths as everything else in [`super`].

use super::*;

/// Characters that must not start a line (closing brackets and quotes,
/// CJK full stops and commas, small kana, iteration marks, ...).
const NO_BREAK_BEFORE: &str = "!%),.:;?]}¢°’”‰′″›»‐–…‥‼⁇⁈⁉、。〃々〆〉》」』】〕〗〙〛〜〞〟〻\
ぁぃぅぇぉっゃゅょゎゕゖゝゞァィゥェォッャュョヮヵヶ・ーヽヾ\
ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ！％），．：；？］｝～｡｣､･ｧｨｩｪｫｬｭｮｯｰ￠";

/// Characters that must not end a line (opening brackets and quotes,
/// currency signs before amounts).
const NO_BREAK_AFTER: &str = "([{‘“‹«〈《「『【〔〖〘〚〝（［｛｢$£¥＄￡￥";

/// Where a CJK-style break (between any two characters) is allowed.
fn breaks_anywhere(c: char) -> bool {
    in_ranges(u32::from(c), WIDE)
}

/// One grapheme-like unit that wrapping never splits: a character with the
/// zero-width characters after it, and anything joined by U+200D.
pub(super) struct Cluster<'a> {
    text: &'a str,
    units: u64,
}

impl Cluster<'_> {
    fn first(&self) -> char {
        self.text.chars().next().unwrap_or(' ')
    }
    fn last(&self) -> char {
        self.text.chars().next_back().unwrap_or(' ')
    }
    fn is_space(&self) -> bool {
        self.text == " "
    }
}

pub(super) fn clusters<'a>(text: &'a str, face: Face) -> Vec<Cluster<'a>> {
    let mut bounds: Vec<usize> = Vec::new();
    let mut after_zwj = false;
    for (i, c) in text.char_indices() {
        let attaches = !bounds.is_empty()
            && (after_zwj || c == VS16 || (!c.is_control() && char_units(c, face) == 0));
        if !attaches {
            bounds.push(i);
        }
        after_zwj = c == ZWJ;
    }
    bounds.push(text.len());
    bounds
        .windows(2)
        .map(|w| {
            let t = &text[w[0]..w[1]];
            Cluster {
                text: t,
                units: line_units(t, face),
            }
        })
        .collect()
}

/// May a line break between clusters `a` and `b` (adjacent, in this order)?
/// `leading` is true while only spaces precede `b` in the paragraph.
fn break_between(a: &Cluster, b: &Cluster, leading: bool) -> bool {
    if b.is_space() {
        return false; // spaces hang at the end of the line
    }
    let (prev, next) = (a.last(), b.first());
    if NO_BREAK_BEFORE.contains(next) {
        return false;
    }
    if a.is_space() {
        return !leading;
    }
    if prev == ZWSP {
        return true;
    }
    if prev == WJ || NO_BREAK_AFTER.contains(prev) {
        return false;
    }
    if prev == '—' && next == '—' {
        return false;
    }
    breaks_anywhere(prev) || breaks_anywhere(next)
}

/// Splits `text` into lines no wider than `max_width` px when set in `face`
/// at `size` px.
///
/// * '\n' always ends a line; `""` gives one empty line.
/// * Lines break after spaces (greedy: each line takes as many words as
///   fit); spaces at a break are dropped, spaces inside a line are kept.
/// * Between CJK characters (and emoji, full-width forms) a line may break
///   anywhere, except before closing punctuation such as ，。）」 and after
///   opening punctuation such as （「.
/// * A word wider than `max_width` is broken between characters; a single
///   character (with its combining marks) wider than `max_width` gets a line
///   of its own, which is then the only kind of line wider than `max_width`.
///
/// Run [`strip_controls`] first: other control characters count 0 and are
/// not break points.
pub fn wrap(text: &str, face: Face, size: f64, max_width: f64) -> Vec<String> {
    let fits = |units: u64| to_px(units, size) <= max_width;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(para, face, &fits, &mut lines);
    }
    lines
}

/// A run between two break opportunities: `body` then trailing spaces.
struct Segment {
    body: String,
    body_units: u64,
    body_clusters: std::ops::Range<usize>,
    space: String,
    space_units: u64,
}

fn segments(cs: &[Cluster]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut leading = true;
    for (i, c) in cs.iter().enumerate() {
        let new_segment = i == 0 || break_between(&cs[i - 1], c, leading);
        if new_segment {
            out.push(Segment {
                body: String::new(),
                body_units: 0,
                body_clusters: i..i,
                space: String::new(),
                space_units: 0,
            });
        }
        if !c.is_space() {
            leading = false;
        }
        let seg = out.last_mut().expect("a segment was pushed");
        if c.is_space() && !seg.body.trim_start_matches(' ').is_empty() {
            seg.space.push_str(c.text);
            seg.space_units += c.units;
        } else {
            // A space inside the body can only be leading indentation,
            // or a space before something that may not start a line.
            seg.body.push_str(&seg.space);
            seg.body_units += seg.space_units;
            seg.space.clear();
            seg.space_units = 0;
            seg.body.push_str(c.text);
            seg.body_units += c.units;
            seg.body_clusters.end = i + 1;
        }
    }
    out
}

/// Ends the line being built: a line of nothing but spaces is dropped.
fn emit(line: &mut String, lines: &mut Vec<String>) {
    let trimmed = line.trim_end_matches(' ');
    if !trimmed.is_empty() {
        lines.push(trimmed.to_string());
    }
    line.clear();
}

fn wrap_paragraph(para: &str, face: Face, fits: &dyn Fn(u64) -> bool, lines: &mut Vec<String>) {
    let cs = clusters(para, face);
    let first_line = lines.len();
    let mut cur = String::new();
    let mut cur_units = 0u64;
    let mut pending_space = String::new();
    let mut pending_units = 0u64;

    for seg in segments(&cs) {
        let joined = cur_units + pending_units + seg.body_units;
        if !cur.is_empty() && fits(joined) {
            cur.push_str(&pending_space);
            cur.push_str(&seg.body);
            cur_units = joined;
        } else if fits(seg.body_units) {
            emit(&mut cur, lines);
            cur.push_str(&seg.body);
            cur_units = seg.body_units;
        } else {
            // Too wide for a line of its own: break between clusters.
            // Spaces may start only the paragraph's first line, and only
            // while they fit.
            emit(&mut cur, lines);
            cur_units = 0;
            for c in &cs[seg.body_clusters.clone()] {
                if !cur.is_empty() && !fits(cur_units + c.units) {
                    emit(&mut cur, lines);
                    cur_units = 0;
                }
                if c.is_space()
                    && cur.trim_start_matches(' ').is_empty()
                    && (lines.len() > first_line || !fits(cur_units + c.units))
                {
                    continue;
                }
                cur.push_str(c.text);
                cur_units += c.units;
            }
        }
        pending_space = seg.space;
        pending_units = seg.space_units;
    }
    emit(&mut cur, lines);
    if lines.len() == first_line {
        lines.push(String::new());
    }
}
