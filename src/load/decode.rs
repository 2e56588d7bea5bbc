//! Decoding: bytes to text (UTF-8, without a byte-order mark), text to the
//! parsed file (`ron`), with RON's errors said in the file's terms.
//!
//! Also the guard against `ron`'s one superlinear path (string escapes),
//! checked before `ron` sees the text. Nothing here resolves an id.

use crate::data::LineageFile;
use crate::diagnostics::{did_you_mean, shorten, Diagnostic, Source, Span};

/// Errors come as a one-element list, like every other load error.
pub(super) fn text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // The part before the bad byte is UTF-8: locate the end of it, with
        // an excerpt of at most a line's worth however long the line is.
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let location = Source::new(name, valid).locate(Span {
            start: valid.len(),
            end: valid.len(),
        });
        let (line, column) = (location.line, location.column);
        Diagnostic::error(
            name,
            format!("the file is not UTF-8 (invalid byte at line {line}, column {column})"),
        )
        .at(Some(location))
        .hint("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
    });
    let text = text.map_err(|d| vec![d])?;
    // A byte-order mark is invisible to the user: drop it, so that columns
    // on the first line are counted as the editor shows them.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error(name, "the file is empty")
            .at(Some(
                Source::new(name, text).locate(Span { start: 0, end: 0 }),
            ))
            .hint(
                "a lineage file starts with `Lineage(title: \"…\", models: [ … ])`; see the README",
            )]);
    }
    Ok(text)
}

/// How many bytes the RON reader may scan again after string escapes, at
/// least; a file may also use [`ESCAPE_RESCAN_PER_BYTE`] per byte of itself.
///
/// `ron` 0.10 looks for the closing quote again after every escape, so a
/// string of `n` escapes costs `n` times its length: a 1 MB string of `\n`
/// takes half a minute. A file whose strings would cost more than the
/// budget is refused before it is parsed, naming the costliest string. The
/// budget grows with the file, so the time stays linear in its size (at
/// most about 5 s of rescanning for a 64 MiB file); no honest file comes
/// near it: a file of notes with 1,000 escapes each uses about half.
pub const MAX_ESCAPE_RESCAN: u64 = 1 << 30;

/// The part of the escape budget that grows with the file, per byte.
pub const ESCAPE_RESCAN_PER_BYTE: u64 = 1024;

pub(super) fn check_escapes(source: &Source) -> Result<(), Vec<Diagnostic>> {
    let budget = MAX_ESCAPE_RESCAN + ESCAPE_RESCAN_PER_BYTE * source.text.len() as u64;
    let Some(worst) = super::spans::escape_cost(source.text, budget) else {
        return Ok(());
    };
    let location = source.locate(Span {
        start: worst.start,
        end: worst.start + 1,
    });
    Err(vec![Diagnostic::error(
        source.name,
        format!(
            "this string has {} escapes in {} bytes: too many for the RON reader to read in reasonable time",
            worst.escapes,
            worst.end - worst.start
        ),
    )
    .at(Some(location))
    .hint(
        "write the characters themselves instead of escapes (a string may span lines), \
         or split the text into several strings",
    )])
}

pub(super) fn parse<'a>(source: &Source<'a>) -> Result<LineageFile<'a>, Vec<Diagnostic>> {
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_default_extension(ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES);
    options.from_str(source.text).map_err(|e| {
        let pos = e.position;
        let (message, hint) = describe_ron_error(&e.code);
        let mut location = source.locate_line_col(pos.line, pos.col);
        if let ron::Error::NoSuchStructField { found: field, .. } = &e.code {
            // RON points just after an unknown field: underline the field.
            let end = source.offset(pos.line, pos.col);
            let line_start = source.offset(pos.line, 1);
            if let Some(at) = source.text[line_start..end].rfind(field.as_str()) {
                let start = line_start + at;
                location = source.locate(Span {
                    start,
                    end: start + field.len(),
                });
            }
        }
        // RON quotes what it found (an identifier, a field): keep it short.
        let message = shorten(&message, 300).into_owned();
        let mut d = Diagnostic::error(source.name, message).at(Some(location));
        d.hint = hint;
        vec![d]
    })
}

fn describe_ron_error(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let within = outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            let hint = did_you_mean(found, expected.iter().copied()).map_or_else(
                || format!("expected one of: {}", expected.join(", ")),
                |m| format!("{m} (expected one of: {})", expected.join(", ")),
            );
            (format!("unknown field `{found}`{within}"), Some(hint))
        }
        E::MissingStructField { field, outer } => {
            let within = outer
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            (
                format!("missing field `{field}`{within}"),
                Some(format!("add `{field}: …`")),
            )
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => (
            format!("unknown variant `{found}`"),
            Some(format!("expected one of: {}", expected.join(", "))),
        ),
        E::ExpectedDifferentStructName { found, .. } => (
            format!("the file starts with `{found}(`"),
            Some("a lineage file starts with `Lineage(`".into()),
        ),
        E::DuplicateStructField { field, .. } => (
            format!("field `{field}` is written twice"),
            Some("keep one of them".into()),
        ),
        other => (
            format!("syntax error: {other}"),
            Some("check the brackets, commas and quotes just before this point".into()),
        ),
    }
}
