//! The command line: the only part of lineage that reads or writes files and
//! talks to the terminal.
//!
//! One file per command; `args` is the surface clap reads, [`input`] the
//! bounded reading of lineage files, [`output`] the output folder and its
//! manifest, [`print`] checked standard output. Every error of every stage
//! comes here as a value and is printed in one place (`report`). Exit
//! codes: 0 success, 1 a `--check` found stale output, 2 bad input, usage
//! or a failed write.

mod args;
mod check;
mod explain;
mod inject;
pub mod input;
pub mod output;
mod print;
pub mod render;
mod watch;

use crate::diagnostics::Diagnostic;
use args::{Cli, Command};
use clap::{CommandFactory, Parser};
use std::io::{IsTerminal, Write};

pub use args::RenderArgs;
pub use input::{load, MAX_FILE_BYTES};

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

    /// The reader went away (a closed pipe): stop, say nothing.
    fn quiet() -> Failure {
        Failure {
            diagnostics: Vec::new(),
            code: 0,
        }
    }
}

/// Warnings collected while a command succeeded.
type Outcome = Result<Vec<Diagnostic>, Failure>;

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Check { files } => check::run(&files),
        Command::Explain {
            file,
            model,
            capability,
            json,
            lang,
        } => explain::run(&file, &model, capability.as_deref(), json, lang.into()),
        Command::Render(args) if args.watch => {
            watch::watch(render::inputs(&args), || render::run(&args))
        }
        Command::Render(args) => render::run(&args),
        Command::Inject {
            files,
            check,
            watch: true,
        } => watch::watch(inject::inputs(&files), || inject::run(&files, check)),
        Command::Inject { files, check, .. } => inject::run(&files, check),
        Command::Generate { models, seed } => {
            print::product(crate::generate::lineage(models, seed)).map(|()| Vec::new())
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "lineage", &mut script);
            print::product(script).map(|()| Vec::new())
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

/// The one place diagnostics are printed. Standard error failing leaves
/// nowhere to say so; the exit code still tells.
fn report(diagnostics: &[Diagnostic]) {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        if write!(err, "{}", d.render(color)).is_err() {
            return;
        }
    }
}
