//! The command line: the only part of lineage that reads or writes files and
//! talks to the terminal.
//!
//! Every error of every stage comes here as a value and is printed in one
//! place ([`report`]). Exit codes: 0 success, 1 a `--check` found stale
//! output, 2 bad input or usage.

use crate::data::ViewKind;
use crate::diagnostics::Diagnostic;
use crate::explain;
use crate::lineage::{self, Lang, Lineage};
use crate::palette::ThemeName;
use crate::view::View;
use crate::write::{self, FigureSize, Format, Options, Style};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "lineage",
    version,
    about = "Lineage and capability-inheritance data in RON, drawn as DOT, Mermaid and SVG"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate lineage files (default: every graphs/*.ron).
    Check { files: Vec<PathBuf> },
    /// What a model can do and why.
    Explain {
        /// A lineage file, or a graph name in graphs/ (e.g. `gpt`).
        file: PathBuf,
        /// The model id.
        model: String,
        /// One capability id: tell its story.
        capability: Option<String>,
        /// Print JSON for programs.
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Draw figures: every view of every graphs/*.ron into output/ by default.
    Render(RenderArgs),
    /// Update the figures between `<!-- lineage:begin GRAPH/VIEW -->` and
    /// `<!-- lineage:end -->` in Markdown files.
    Inject {
        files: Vec<PathBuf>,
        /// Write nothing; exit 1 if any block is stale.
        #[arg(long)]
        check: bool,
    },
    /// Print a generated lineage (RON) for benchmarks and experiments.
    Generate {
        /// How many models.
        #[arg(long, default_value_t = 100)]
        models: usize,
        /// The same seed gives the same lineage.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args, Debug)]
struct RenderArgs {
    /// Lineage files, or graph names in graphs/ (default: every graphs/*.ron).
    files: Vec<PathBuf>,
    /// Only these views (default: every view the file declares).
    #[arg(long = "view")]
    views: Vec<String>,
    /// Only these formats (default: all of them).
    #[arg(long = "format", value_enum)]
    formats: Vec<FormatArg>,
    /// Only this language (default: en and zh).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Only this theme (default: SVG in light and dark, others light).
    #[arg(long, value_enum)]
    theme: Option<ThemeArg>,
    /// Only this style (default: SVG and Mermaid clean and sketch, DOT clean).
    #[arg(long, value_enum)]
    style: Option<StyleArg>,
    /// Seed of the hand-drawn look.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// PNG pixels per SVG px.
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// SVG text as outlines, for slide tools that ignore web fonts.
    #[arg(long)]
    text_as_paths: bool,
    /// The size SVG and PNG figures declare: natural, a 16:9 slide, or a doc column.
    #[arg(long, value_enum, default_value_t = SizeArg::Natural)]
    size: SizeArg,
    /// Output folder, or `-` for one figure on standard output.
    #[arg(short = 'o', long = "out", default_value = "output")]
    out: String,
    /// Write nothing; exit 1 if any figure in the output folder is missing,
    /// stale, or no longer produced.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, PartialOrd, Ord)]
enum FormatArg {
    Dot,
    Mermaid,
    Md,
    Svg,
    LayoutJson,
    Png,
}

impl FormatArg {
    /// What a plain `render` writes.
    const DEFAULT: [FormatArg; 4] = [
        FormatArg::Dot,
        FormatArg::Mermaid,
        FormatArg::Md,
        FormatArg::Svg,
    ];

    fn format(self) -> Format {
        match self {
            FormatArg::Dot => Format::Dot,
            FormatArg::Mermaid => Format::Mermaid,
            FormatArg::Md => Format::Markdown,
            FormatArg::Svg => Format::Svg,
            FormatArg::LayoutJson => Format::LayoutJson,
            FormatArg::Png => Format::Png,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SizeArg {
    Natural,
    Slide,
    Doc,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ThemeArg {
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum StyleArg {
    Clean,
    Sketch,
}

/// The looks a plain `render` draws a format in.
fn default_looks(format: Format, kind: ViewKind) -> Vec<(ThemeName, Style)> {
    use {Style::*, ThemeName::*};
    // A Markdown table has no look of its own.
    if format == Format::Markdown && matches!(kind, ViewKind::Matrix | ViewKind::Table) {
        return vec![(Light, Clean)];
    }
    match format {
        Format::Svg | Format::Png => vec![
            (Light, Clean),
            (Dark, Clean),
            (Light, Sketch),
            (Dark, Sketch),
        ],
        Format::Mermaid | Format::Markdown => vec![(Light, Clean), (Light, Sketch)],
        Format::Dot | Format::LayoutJson => vec![(Light, Clean)],
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// Failure of a command: what to print, and the exit code.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub code: i32,
}

impl Failure {
    fn input(diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            diagnostics,
            code: 2,
        }
    }

    fn message(file: &str, message: impl Into<String>, hint: Option<String>) -> Failure {
        let mut d = Diagnostic::error(file, message);
        d.hint = hint;
        Failure::input(vec![d])
    }
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Check { files } => check(&files),
        Command::Explain {
            file,
            model,
            capability,
            json,
            lang,
        } => explain(&file, &model, capability.as_deref(), json, lang.into()),
        Command::Render(args) => render(&args),
        Command::Inject { files, check } => inject(&files, check),
        Command::Generate { models, seed } => {
            print!("{}", crate::generate::lineage(models, seed));
            Ok(Vec::new())
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "lineage", &mut std::io::stdout());
            Ok(Vec::new())
        }
    };
    match result {
        Ok(warnings) => {
            report(&warnings);
            0
        }
        Err(f) => {
            report(&f.diagnostics);
            f.code
        }
    }
}

/// The one place diagnostics are printed.
fn report(diagnostics: &[Diagnostic]) {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = write!(err, "{}", d.render(color));
    }
}

/// Warnings collected while a command succeeded.
type Outcome = Result<Vec<Diagnostic>, Failure>;

/// The lineage files in `graphs/`, sorted by name.
fn graph_files() -> Result<Vec<PathBuf>, Failure> {
    let dir = Path::new("graphs");
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Failure::message(
            "graphs/",
            format!("cannot read the graphs folder: {e}"),
            Some("run lineage from the project folder, or name the files".into()),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    Ok(files)
}

/// `gpt` means `graphs/gpt.ron` when no file of that name exists.
fn resolve_file(arg: &Path) -> PathBuf {
    if arg.exists() || arg.extension().is_some() {
        return arg.to_path_buf();
    }
    let named = Path::new("graphs").join(arg).with_extension("ron");
    if named.exists() {
        named
    } else {
        arg.to_path_buf()
    }
}

/// Largest input file read. Loading takes about 45 times the file size in
/// memory, and the largest lineage the layout takes (`layout::MAX_ITEMS`) is
/// about 60 MB of RON, so this refuses a runaway file before it can
/// exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Load and validate one file: the lineage and its warnings.
pub fn load(path: &Path) -> Result<(Lineage, Vec<Diagnostic>), Failure> {
    let name = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_file() && meta.len() > MAX_FILE_BYTES {
            return Err(Failure::message(
                &name,
                format!(
                    "the file is larger than lineage reads ({} bytes; the limit is {} MiB)",
                    meta.len(),
                    MAX_FILE_BYTES >> 20
                ),
                Some("split the lineage into several files, one per family".into()),
            ));
        }
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::message(
            &name,
            format!("cannot read the file: {e}"),
            Some("check the path".into()),
        )
    })?;
    lineage::load(&name, &bytes).map_err(Failure::input)
}

fn check(files: &[PathBuf]) -> Outcome {
    let files = if files.is_empty() {
        graph_files()?
    } else {
        files.iter().map(|f| resolve_file(f)).collect()
    };
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        match load(file) {
            Ok((lineage, w)) => {
                warnings.extend(w);
                println!(
                    "{}: ok, {} models, {} derivations, {} capabilities, {} views",
                    file.display(),
                    lineage.graph.node_count(),
                    lineage.graph.edge_count(),
                    lineage.capabilities.len(),
                    lineage.views.len().max(1)
                );
            }
            Err(f) => errors.extend(f.diagnostics),
        }
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        errors.extend(warnings);
        Err(Failure::input(errors))
    }
}

fn explain(file: &Path, model: &str, capability: Option<&str>, json: bool, lang: Lang) -> Outcome {
    let path = resolve_file(file);
    let (lineage, warnings) = load(&path)?;
    let name = path.display().to_string();
    let ids: Vec<&str> = lineage
        .graph
        .node_weights()
        .map(|m| m.id.as_str())
        .collect();
    let Some(n) = lineage.find_model(model) else {
        return Err(Failure::message(
            &name,
            format!("no model \"{model}\" in this lineage"),
            crate::diagnostics::did_you_mean(model, ids.iter().copied())
                .or_else(|| Some(format!("models: {}", ids.join(", ")))),
        ));
    };
    let mut report = explain::report(&lineage, n, lang);
    if let Some(cap_id) = capability {
        let Some(cap) = lineage.find_capability(cap_id) else {
            let caps: Vec<&str> = lineage.capabilities.iter().map(|c| c.id.as_str()).collect();
            return Err(Failure::message(
                &name,
                format!("no capability \"{cap_id}\" in this lineage"),
                crate::diagnostics::did_you_mean(cap_id, caps.iter().copied())
                    .or_else(|| Some(format!("capabilities: {}", caps.join(", ")))),
            ));
        };
        if json {
            report.capabilities.retain(|c| c.id == cap_id);
            report.lost.retain(|c| c.id == cap_id);
        } else {
            print!("{}", explain::story(&lineage, n, cap, lang));
            return Ok(warnings);
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::message(&name, format!("cannot write JSON: {e}"), None))?;
        println!("{text}");
    } else {
        print!("{}", explain::text(&lineage, n, lang));
    }
    Ok(warnings)
}

/// One figure, drawn in memory before anything is written.
struct Figure {
    /// File name inside the output folder.
    name: String,
    bytes: Vec<u8>,
}

/// `gpt-branches.zh.sketch.dark.svg`: graph, view, then what differs from
/// the default look (English, clean, light), then the format.
fn figure_name(graph: &str, view: &str, options: &Options, format: Format) -> String {
    let mut name = format!("{graph}-{view}");
    if options.lang != Lang::En {
        name.push_str(&format!(".{}", options.lang.code()));
    }
    if options.style == Style::Sketch {
        name.push_str(".sketch");
    }
    if options.theme == ThemeName::Dark {
        name.push_str(".dark");
    }
    format!("{name}.{}", format.extension())
}

fn render(args: &RenderArgs) -> Outcome {
    let default_set = args.files.is_empty();
    let files = if default_set {
        graph_files()?
    } else {
        args.files.iter().map(|f| resolve_file(f)).collect()
    };
    let mut warnings = Vec::new();
    let mut figures = Vec::new();
    let mut graphs = Vec::new();
    for file in &files {
        let (lineage, w) = load(file)?;
        warnings.extend(w);
        let graph = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        figures.extend(draw(&lineage, &graph, &file.display().to_string(), args)?);
        graphs.push(graph);
    }
    if args.out == "-" {
        return match figures.as_slice() {
            [one] => {
                let _ = std::io::stdout().write_all(&one.bytes);
                Ok(warnings)
            }
            _ => Err(Failure::message(
                "-o -",
                format!(
                    "{} figures selected, but standard output takes one",
                    figures.len()
                ),
                Some("choose one with --view, --format and --lang".into()),
            )),
        };
    }
    let out = Path::new(&args.out);
    // Only a full render owns the whole folder; a partial one owns its graphs' files.
    let owned =
        |name: &str| default_set || graphs.iter().any(|g| name.starts_with(&format!("{g}-")));
    let partial = !args.views.is_empty()
        || !args.formats.is_empty()
        || args.lang.is_some()
        || args.theme.is_some()
        || args.style.is_some();
    let owns = |name: &str| !partial && owned(name);
    if args.check {
        return check_output(out, &figures, owns).map(|()| warnings);
    }
    write_output(out, &figures, owns)?;
    Ok(warnings)
}

/// Every figure the arguments ask for, of one lineage.
fn draw(
    lineage: &Lineage,
    graph: &str,
    file: &str,
    args: &RenderArgs,
) -> Result<Vec<Figure>, Failure> {
    let views: Vec<View> = View::all(lineage)
        .into_iter()
        .filter(|v| args.views.is_empty() || args.views.contains(&v.spec.name))
        .collect();
    for wanted in &args.views {
        if !views.iter().any(|v| &v.spec.name == wanted) {
            let names: Vec<String> = View::all(lineage)
                .iter()
                .map(|v| v.spec.name.clone())
                .collect();
            return Err(Failure::message(
                file,
                format!("no view \"{wanted}\" in this lineage"),
                crate::diagnostics::did_you_mean(wanted, names.iter().map(String::as_str))
                    .or_else(|| Some(format!("views: {}", names.join(", ")))),
            ));
        }
    }
    let formats: Vec<FormatArg> = if args.formats.is_empty() {
        FormatArg::DEFAULT.to_vec()
    } else {
        args.formats.clone()
    };
    let langs: Vec<Lang> = match args.lang {
        Some(l) => vec![l.into()],
        None => Lang::ALL.to_vec(),
    };
    let mut figures = Vec::new();
    for view in &views {
        for &format in &formats {
            // Without --format, each view is drawn in the formats its kind has.
            if args.formats.is_empty() && !format.format().supports(view.spec.kind) {
                continue;
            }
            let looks: Vec<(ThemeName, Style)> = default_looks(format.format(), view.spec.kind)
                .into_iter()
                .filter(|(t, s)| {
                    args.theme.is_none_or(|a| theme(a) == *t)
                        && args.style.is_none_or(|a| style(a) == *s)
                })
                .collect();
            // One figure to standard output: the default look unless one is named.
            let looks = if args.out == "-" {
                looks.into_iter().take(1).collect()
            } else {
                looks
            };
            let looks = if looks.is_empty() {
                vec![(
                    args.theme.map_or(ThemeName::Light, theme),
                    args.style.map_or(Style::Clean, style),
                )]
            } else {
                looks
            };
            for &lang in &langs {
                for &(theme, style) in &looks {
                    let options = Options {
                        lang,
                        theme,
                        style,
                        seed: args.seed,
                        scale: args.scale,
                        text_as_paths: args.text_as_paths,
                        size: match args.size {
                            SizeArg::Natural => FigureSize::Natural,
                            SizeArg::Slide => FigureSize::Slide,
                            SizeArg::Doc => FigureSize::Doc,
                        },
                    };
                    let bytes = write::write(view, format.format(), &options).map_err(|e| {
                        Failure::message(file, e.to_string(), Some(e.hint().to_string()))
                    })?;
                    figures.push(Figure {
                        name: figure_name(graph, &view.spec.name, &options, format.format()),
                        bytes,
                    });
                }
            }
        }
    }
    Ok(figures)
}

fn theme(t: ThemeArg) -> ThemeName {
    match t {
        ThemeArg::Light => ThemeName::Light,
        ThemeArg::Dark => ThemeName::Dark,
    }
}

fn style(s: StyleArg) -> Style {
    match s {
        StyleArg::Clean => Style::Clean,
        StyleArg::Sketch => Style::Sketch,
    }
}

/// Files in the output folder, sorted; none when the folder does not exist.
fn existing(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn check_output(
    out: &Path,
    figures: &[Figure],
    owns: impl Fn(&str) -> bool,
) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for f in figures {
        match std::fs::read(out.join(&f.name)) {
            Ok(bytes) if bytes == f.bytes => {}
            Ok(_) => problems.push(format!("stale:   {}", out.join(&f.name).display())),
            Err(_) => problems.push(format!("missing: {}", out.join(&f.name).display())),
        }
    }
    for name in existing(out) {
        if owns(&name) && !figures.iter().any(|f| f.name == name) {
            problems.push(format!(
                "extra:   {} (no longer produced)",
                out.join(&name).display()
            ));
        }
    }
    if problems.is_empty() {
        println!(
            "{}: all {} figures are current",
            out.display(),
            figures.len()
        );
        return Ok(());
    }
    for p in &problems {
        println!("{p}");
    }
    let mut d = Diagnostic::error(
        &out.display().to_string(),
        format!("{} figure(s) are out of date", problems.len()),
    );
    d.hint = Some("run `cargo run --release -- render` and commit output/".into());
    Err(Failure {
        diagnostics: vec![d],
        code: 1,
    })
}

/// Write each figure atomically (temporary file, then rename); remove the
/// files this render owns but no longer produces. Unchanged files are left
/// alone so their modification times stay put.
fn write_output(
    out: &Path,
    figures: &[Figure],
    owns: impl Fn(&str) -> bool,
) -> Result<(), Failure> {
    let name = out.display().to_string();
    let io = |e: std::io::Error, what: &str| {
        Failure::message(&name, format!("cannot {what}: {e}"), None)
    };
    std::fs::create_dir_all(out).map_err(|e| io(e, "create the output folder"))?;
    let mut written = 0;
    for f in figures {
        let path = out.join(&f.name);
        if std::fs::read(&path).is_ok_and(|old| old == f.bytes) {
            continue;
        }
        let tmp = out.join(format!(".{}.tmp-{}", f.name, std::process::id()));
        std::fs::write(&tmp, &f.bytes).map_err(|e| io(e, &format!("write {}", tmp.display())))?;
        std::fs::rename(&tmp, &path).map_err(|e| io(e, &format!("replace {}", path.display())))?;
        written += 1;
    }
    let mut removed = 0;
    for old in existing(out) {
        if owns(&old) && !figures.iter().any(|f| f.name == old) {
            std::fs::remove_file(out.join(&old)).map_err(|e| io(e, &format!("remove {old}")))?;
            removed += 1;
        }
    }
    println!(
        "{}: {} figures, {written} written, {removed} removed",
        out.display(),
        figures.len()
    );
    Ok(())
}

/// `gpt/branches` or `gpt/branches.zh`: the graph in graphs/, the view, the language.
fn inject_block(
    key: &str,
    graphs: &mut std::collections::BTreeMap<String, Lineage>,
) -> Result<String, String> {
    let (graph, rest) = key
        .split_once('/')
        .ok_or_else(|| format!("\"{key}\" is not GRAPH/VIEW (e.g. gpt/branches)"))?;
    let (view_name, lang) = match rest.rsplit_once('.') {
        Some((v, "zh")) => (v, Lang::Zh),
        Some((v, "en")) => (v, Lang::En),
        _ => (rest, Lang::En),
    };
    if !graphs.contains_key(graph) {
        let path = Path::new("graphs").join(graph).with_extension("ron");
        let (lineage, _) = load(&path).map_err(|f| {
            f.diagnostics.first().map_or_else(
                || format!("cannot load {}", path.display()),
                |d| d.message.clone(),
            )
        })?;
        graphs.insert(graph.to_string(), lineage);
    }
    let lineage = &graphs[graph];
    let views = View::all(lineage);
    let view = views
        .iter()
        .find(|v| v.spec.name == view_name)
        .ok_or_else(|| {
            let names: Vec<&str> = views.iter().map(|v| v.spec.name.as_str()).collect();
            format!(
                "no view \"{view_name}\" in graphs/{graph}.ron (views: {})",
                names.join(", ")
            )
        })?;
    let options = Options {
        lang,
        ..Options::default()
    };
    write::markdown_block(view, &options).map_err(|e| e.to_string())
}

fn inject(files: &[PathBuf], check: bool) -> Outcome {
    let mut graphs = std::collections::BTreeMap::new();
    let mut updates = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file)
            .map_err(|e| Failure::message(&name, format!("cannot read the file: {e}"), None))?;
        let new = crate::inject::inject(&text, |key| inject_block(key, &mut graphs))
            .map_err(|e| Failure::message(&name, e.to_string(), Some(e.hint())))?;
        if new != text {
            updates.push((file, new));
        }
    }
    if check {
        if updates.is_empty() {
            println!("all {} file(s) are current", files.len());
            return Ok(Vec::new());
        }
        for (file, _) in &updates {
            println!("stale:   {}", file.display());
        }
        let mut d = Diagnostic::error(
            "inject",
            format!("{} file(s) have stale figures", updates.len()),
        );
        d.hint = Some(format!(
            "run `lineage inject {}`",
            files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        ));
        return Err(Failure {
            diagnostics: vec![d],
            code: 1,
        });
    }
    for (file, text) in &updates {
        let name = file.display().to_string();
        let tmp = file.with_extension(format!("lineage-tmp-{}", std::process::id()));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, file))
            .map_err(|e| Failure::message(&name, format!("cannot write the file: {e}"), None))?;
        println!("updated: {name}");
    }
    Ok(Vec::new())
}
