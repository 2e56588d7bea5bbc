//! The command line: the only part of lineage that reads or writes files and
//! talks to the terminal.
//!
//! Every error of every stage comes here as a value and is printed in one
//! place ([`report`]). Exit codes: 0 success, 1 a `--check` found stale
//! output, 2 bad input or usage.

use crate::diagnostics::Diagnostic;
use crate::explain;
use crate::lineage::{self, Lang, Lineage};
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
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
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

/// Load and validate one file: the lineage and its warnings.
pub fn load(path: &Path) -> Result<(Lineage, Vec<Diagnostic>), Failure> {
    let name = path.display().to_string();
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
