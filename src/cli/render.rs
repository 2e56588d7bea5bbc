//! `lineage render`: the render plan (which figures the arguments ask for,
//! drawn in memory) and where they go (standard output, or the output
//! folder through [`super::output`]).

use super::args::{default_looks, FormatArg, RenderArgs};
use super::output::{self, Figure, Plan};
use super::{input, print, Failure, Outcome};
use crate::diagnostics::Diagnostic;
use crate::lineage::{Lang, Lineage, Text};
use crate::palette::ThemeName;
use crate::view::View;
use crate::write::{self, FigureSize, Format, Options, Style};
use std::path::Path;

pub fn run(args: &RenderArgs) -> Outcome {
    let default_set = args.files.is_empty();
    let files = if default_set {
        input::graph_files()?
    } else {
        args.files.iter().map(|f| input::resolve_file(f)).collect()
    };
    add_fonts(&args.font_files)?;
    let mut warnings = Vec::new();
    let mut plan = Plan::default();
    for file in &files {
        let (lineage, w) = input::load(file)?;
        warnings.extend(w);
        let graph = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (figures, notes) = draw(&lineage, &graph, &file.display().to_string(), args)?;
        plan.figures.extend(figures);
        warnings.extend(notes);
        if !args.is_partial() {
            plan.complete.insert(graph);
        }
    }
    if args.out == "-" {
        return match plan.figures.as_slice() {
            [one] => print::product(&one.bytes).map(|()| warnings),
            _ => Err(Failure::message(
                "-o -",
                format!(
                    "{} figures selected, but standard output takes one",
                    plan.figures.len()
                ),
                Some("choose one with --view, --format and --lang".into()),
            )),
        };
    }
    let out = Path::new(&args.out);
    let folder = |e: output::OutputError| {
        Failure::message(&out.display().to_string(), e.to_string(), Some(e.hint()))
    };
    if args.check {
        let problems = output::check(out, &plan).map_err(folder)?;
        return report_check(out, &plan, &problems).map(|()| warnings);
    }
    let summary = output::write(out, &plan, args.force).map_err(folder)?;
    for kept in &summary.kept {
        warnings.push(
            Diagnostic::warning(
                &kept.display().to_string(),
                "no longer produced, but kept: it was changed since lineage wrote it",
            )
            .hint("delete it if the change is not wanted; lineage no longer lists it as its own"),
        );
    }
    print::line(format_args!(
        "{}: {} figures, {} written, {} removed",
        out.display(),
        plan.figures.len(),
        summary.written,
        summary.removed
    ))?;
    Ok(warnings)
}

/// Reads the `--font` files and adds them to the fonts every figure uses.
fn add_fonts(files: &[std::path::PathBuf]) -> Result<(), Failure> {
    let mut fonts = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).map_err(|e| {
            Failure::message(
                &f.display().to_string(),
                format!("cannot read the font: {e}"),
                Some("give the path of a TTF or OTF file".into()),
            )
        })?;
        fonts.push(bytes);
    }
    crate::text::fonts::add_user_fonts(fonts).map_err(|i| {
        Failure::message(
            &files[i].display().to_string(),
            "not a font lineage can read",
            Some("give a TrueType (.ttf) or OpenType (.otf) file; a collection (.ttc) takes its first font".into()),
        )
    })
}

/// Warnings for the texts of a view's SVG or PNG that need a glyph no font
/// has, each text once per file (the first view that draws it names it).
fn glyph_warnings(
    view: &View,
    format: Format,
    options: &Options,
    bytes: &[u8],
    file: &str,
    seen: &mut std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    if !matches!(format, Format::Svg | Format::Png) {
        return Vec::new();
    }
    let plain;
    let svg = if format == Format::Svg && !options.text_as_paths {
        bytes
    } else {
        let opts = Options {
            text_as_paths: false,
            fonts: write::svg::document::Fonts::System,
            ..*options
        };
        match write::write(view, Format::Svg, &opts) {
            Ok(b) => {
                plain = b;
                &plain
            }
            Err(_) => return Vec::new(),
        }
    };
    let svg = String::from_utf8_lossy(svg);
    write::svg::document::missing(&svg)
        .into_iter()
        .filter(|(text, _, _)| seen.insert(text.clone()))
        .map(|(text, owner, chars)| {
            crate::diagnostics::missing_glyphs(
                file,
                &view.spec.name,
                &text,
                owner.as_deref(),
                &chars,
            )
        })
        .collect()
}

fn report_check(out: &Path, plan: &Plan, problems: &[String]) -> Result<(), Failure> {
    if problems.is_empty() {
        return print::line(format_args!(
            "{}: all {} figures are current",
            out.display(),
            plan.figures.len()
        ));
    }
    for p in problems {
        print::line(p)?;
    }
    let mut d = Diagnostic::error(
        &out.display().to_string(),
        format!("{} figure(s) are out of date", problems.len()),
    );
    d.hint = Some(format!(
        "run `{}` to bring them up to date",
        regenerate_command()
    ));
    Err(Failure {
        diagnostics: vec![d],
        code: 1,
    })
}

/// The files a render reads, for `--watch`.
pub fn inputs(args: &RenderArgs) -> super::watch::Inputs {
    if args.files.is_empty() {
        super::watch::Inputs::graphs_and(&[Path::new("graphs").to_path_buf()], &[])
    } else {
        let files: Vec<_> = args.files.iter().map(|f| input::resolve_file(f)).collect();
        super::watch::Inputs::files(&files)
    }
}

/// The command that rewrites what `--check` checked: this command line
/// without `--check`, through cargo when run by `cargo run`.
fn regenerate_command() -> String {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--check")
        .map(|a| shell_word(&a))
        .collect();
    let by_cargo = std::env::var_os("CARGO").is_some() && Path::new("Cargo.toml").exists();
    let program = if by_cargo {
        "cargo run --release --"
    } else {
        "lineage"
    };
    format!("{program} {}", args.join(" "))
}

/// `word` as a POSIX shell reads it back.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `gpt-branches.zh.sketch.dark.slide.svg`: graph, view, then what differs
/// from the default look (English, clean, light, natural size), then the
/// format.
pub fn figure_name(graph: &str, view: &str, options: &Options, format: Format) -> String {
    let mut name = format!("{graph}-{view}");
    if options.lang != Lang::En {
        name.push_str(&format!(".{}", options.lang.code()));
    }
    if options.style == Style::Sketch {
        name.push_str(".sketch");
    }
    if options.theme_auto && format == Format::Svg {
        name.push_str(".auto");
    } else if options.theme == ThemeName::Dark {
        name.push_str(".dark");
    }
    // Sizes only change what SVG and PNG declare; other formats keep one name.
    if matches!(format, Format::Svg | Format::Png) {
        match options.size {
            FigureSize::Natural => {}
            FigureSize::Slide => name.push_str(".slide"),
            FigureSize::Doc => name.push_str(".doc"),
        }
    }
    format!("{name}.{}", format.extension())
}

/// Every figure the arguments ask for, of one lineage, and notes on the
/// figures that could not be drawn.
///
/// A format a view's kind has no form in is skipped (with a note when the
/// format was asked for by name). A figure that cannot be drawn (a format's
/// limit) is a warning in a default render, so the other figures are still
/// written, and an error when its format was asked for by name.
pub fn draw(
    lineage: &Lineage,
    graph: &str,
    file: &str,
    args: &RenderArgs,
) -> Result<(Vec<Figure>, Vec<Diagnostic>), Failure> {
    let views = chosen_views(lineage, file, args)?;
    let named_formats = !args.formats.is_empty();
    let formats: Vec<FormatArg> = if named_formats {
        args.formats.clone()
    } else {
        FormatArg::DEFAULT.to_vec()
    };
    let langs = languages(lineage, args);
    let mut figures = Vec::new();
    let mut notes = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for view in &views {
        'format: for &format in &formats {
            if !format.format().supports(view.spec.kind) {
                if named_formats {
                    notes.push(Diagnostic::warning(
                        file,
                        format!(
                            "view \"{}\" has no {} form; skipped",
                            view.spec.name,
                            format.format().name()
                        ),
                    ));
                }
                continue;
            }
            // A figure too big for where it lands is drawn, with a warning (once per view).
            if let Some(w) = langs.iter().find_map(|&lang| {
                let options = Options {
                    lang,
                    size: args.figure_size(),
                    ..Options::default()
                };
                write::fit(view, format.format(), &options)
            }) {
                if !notes.iter().any(|n: &Diagnostic| n.message == w.message) {
                    notes.push(Diagnostic::warning(file, w.message).hint(w.hint));
                }
            }
            for &lang in &langs {
                for (theme, style) in looks(format.format(), view, args) {
                    let options = Options {
                        lang,
                        theme,
                        style,
                        seed: args.seed,
                        scale: args.scale,
                        text_as_paths: args.text_as_paths,
                        size: args.figure_size(),
                        fonts: args.fonts_mode(),
                        theme_auto: args.theme == Some(super::args::ThemeArg::Auto),
                    };
                    let bytes = match write::write(view, format.format(), &options) {
                        Ok(bytes) => bytes,
                        Err(e) if !named_formats => {
                            notes.push(
                                Diagnostic::warning(
                                    file,
                                    format!("{e}; the other figures are written"),
                                )
                                .hint(e.hint()),
                            );
                            continue 'format;
                        }
                        Err(e) => {
                            return Err(Failure::message(
                                file,
                                e.to_string(),
                                Some(e.hint().into()),
                            ))
                        }
                    };
                    notes.extend(glyph_warnings(
                        view,
                        format.format(),
                        &options,
                        &bytes,
                        file,
                        &mut seen,
                    ));
                    figures.push(Figure {
                        graph: graph.to_string(),
                        origin: format!("{file}, view \"{}\"", view.spec.name),
                        name: figure_name(graph, &view.spec.name, &options, format.format()),
                        bytes,
                    });
                }
            }
        }
    }
    Ok((figures, notes))
}

/// The languages to draw: the one asked for, else English, and Chinese too
/// when the file has Chinese text (otherwise a Chinese figure would be the
/// English one with Chinese chrome).
fn languages(lineage: &Lineage, args: &RenderArgs) -> Vec<Lang> {
    match args.lang {
        Some(l) => vec![l.into()],
        None if has_chinese(lineage) => Lang::ALL.to_vec(),
        None => vec![Lang::En],
    }
}

/// Whether any text of the lineage has a Chinese form.
fn has_chinese(lineage: &Lineage) -> bool {
    let zh = |t: &Text| t.zh.is_some();
    let opt = |t: &Option<Text>| t.as_ref().is_some_and(zh);
    let declared =
        |d: &[crate::lineage::Declaration]| d.iter().any(|d| zh(&d.label) || opt(&d.note));
    zh(&lineage.title)
        || opt(&lineage.subtitle)
        || lineage.sources.iter().any(|s| zh(&s.title))
        || declared(&lineage.methods)
        || declared(&lineage.capabilities)
        || declared(&lineage.branches)
        || lineage
            .views
            .iter()
            .any(|v| opt(&v.title) || opt(&v.subtitle))
        || lineage.graph.edge_weights().any(|e| opt(&e.note))
        || lineage
            .graph
            .node_weights()
            .any(|m| zh(&m.name) || opt(&m.note) || m.changes.iter().any(|c| opt(&c.note)))
}

/// The views `--view` names (all when none), each checked to exist.
fn chosen_views<'a>(
    lineage: &'a Lineage,
    file: &str,
    args: &RenderArgs,
) -> Result<Vec<View<'a>>, Failure> {
    let all = View::all(lineage);
    for wanted in &args.views {
        if !all.iter().any(|v| &v.spec.name == wanted) {
            let names: Vec<&str> = all.iter().map(|v| v.spec.name.as_str()).collect();
            return Err(Failure::message(
                file,
                format!("no view \"{wanted}\" in this lineage"),
                crate::diagnostics::did_you_mean(wanted, names.iter().copied()).or_else(|| {
                    Some(format!(
                        "views: {}",
                        crate::diagnostics::some_of(&names, 12)
                    ))
                }),
            ));
        }
    }
    Ok(all
        .into_iter()
        .filter(|v| args.views.is_empty() || args.views.contains(&v.spec.name))
        .collect())
}

/// The looks of one format: the defaults, narrowed by --theme and --style;
/// one look for standard output.
fn looks(format: Format, view: &View, args: &RenderArgs) -> Vec<(ThemeName, Style)> {
    let theme = args.theme.map(ThemeName::from);
    let style = args.style.map(Style::from);
    let mut looks: Vec<(ThemeName, Style)> = default_looks(format, view.spec.kind)
        .into_iter()
        .filter(|(t, s)| theme.is_none_or(|a| a == *t) && style.is_none_or(|a| a == *s))
        .collect();
    if args.out == "-" {
        looks.truncate(1);
    }
    if looks.is_empty() {
        looks.push((
            theme.unwrap_or(ThemeName::Light),
            style.unwrap_or(Style::Clean),
        ));
    }
    looks
}
