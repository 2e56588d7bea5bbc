//! Why `render --check` calls a figure stale: its size before and after,
//! and where the bytes first differ (for a text figure, the line and a
//! short excerpt of both versions), so a CI log says what changed without
//! anyone having to regenerate and diff. Reads nothing; prints nothing.

/// Characters of each version shown around the first difference.
const EXCERPT: usize = 60;

/// One line saying how `new` differs from `old`: sizes, then the first
/// differing line of a text figure.
pub fn describe(old: &[u8], new: &[u8]) -> String {
    let sizes = format!("{} → {} bytes", old.len(), new.len());
    let (Ok(old), Ok(new)) = (std::str::from_utf8(old), std::str::from_utf8(new)) else {
        return sizes;
    };
    let Some((number, a, b)) = old
        .split('\n')
        .zip(new.split('\n'))
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| (i + 1, a, b))
        .or_else(|| first_extra_line(old, new))
    else {
        return sizes;
    };
    let start = common_prefix(a, b).saturating_sub(EXCERPT / 3);
    format!(
        "{sizes}; line {number}: {} → {}",
        excerpt(a, start),
        excerpt(b, start)
    )
}

/// When one version is the other with lines added at the end: the first
/// line only one of them has.
fn first_extra_line<'a>(old: &'a str, new: &'a str) -> Option<(usize, &'a str, &'a str)> {
    let (o, n) = (old.split('\n').count(), new.split('\n').count());
    let shorter = o.min(n);
    let extra = |text: &'a str| text.split('\n').nth(shorter).unwrap_or("");
    (o != n).then(|| (shorter + 1, extra(old), extra(new)))
}

/// Bytes the two lines share at their start, at a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Up to [`EXCERPT`] characters of `line` from byte `start` (moved back to
/// a character boundary), quoted, control characters escaped, `…` where
/// it is cut.
fn excerpt(line: &str, start: usize) -> String {
    let mut start = start.min(line.len());
    while !line.is_char_boundary(start) {
        start -= 1;
    }
    let rest = &line[start..];
    let mut out = String::from(if start > 0 { "\"…" } else { "\"" });
    for (i, c) in rest.chars().enumerate() {
        if i == EXCERPT {
            out.push('…');
            break;
        }
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&c.escape_default().to_string()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn a_changed_line_is_named_with_both_versions() {
        let old = b"<svg>\n<rect width=\"10\"/>\n</svg>\n";
        let new = b"<svg>\n<rect width=\"12\"/>\n</svg>\n";
        assert_eq!(
            describe(old, new),
            "32 → 32 bytes; line 2: \"<rect width=\\\"10\\\"/>\" → \"<rect width=\\\"12\\\"/>\""
        );
    }

    #[test]
    fn a_line_added_at_the_end_is_named() {
        assert_eq!(
            describe(b"a\nb", b"a\nb\nc"),
            "3 → 5 bytes; line 3: \"\" → \"c\""
        );
    }

    #[test]
    fn binary_figures_get_their_sizes() {
        assert_eq!(describe(&[0xff, 0], &[0xff, 1, 2]), "2 → 3 bytes");
    }

    #[test]
    fn long_lines_are_cut_around_the_difference_and_controls_escaped() {
        let old = format!("{}A{}", "x".repeat(200), "y".repeat(200));
        let new = format!("{}B\u{1b}{}", "x".repeat(200), "y".repeat(200));
        let d = describe(old.as_bytes(), new.as_bytes());
        assert!(d.contains("\"…xxxxxxxxxxxxxxxxxxxxA"), "{d}");
        assert!(d.contains("B\\u{1b}y"), "{d}");
        assert!(d.chars().count() < 200, "{d}");
    }
}
