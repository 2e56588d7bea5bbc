//! `--watch`: run a command again whenever one of its input files changes,
//! until interrupted. Bad input is reported and waited out, never fatal: a
//! slide author keeps it running beside the editor.
//!
//! Folders are watched rather than files, so an editor that saves by
//! writing a new file and renaming it over the old one is still seen.

use super::{print, report, Failure, Outcome};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for more events after one, so a save that touches a
/// file several times runs the command once.
const SETTLE: Duration = Duration::from_millis(150);

/// What to watch: these folders, for the files `wanted` accepts.
pub struct Inputs {
    pub folders: BTreeSet<PathBuf>,
    pub wanted: Box<dyn Fn(&Path) -> bool>,
}

impl Inputs {
    /// Exactly these files (each through its folder).
    pub fn files(files: &[PathBuf]) -> Inputs {
        let names: BTreeSet<PathBuf> = files.iter().map(|f| absolute(f)).collect();
        Inputs {
            folders: names
                .iter()
                .filter_map(|f| f.parent().map(Path::to_path_buf))
                .collect(),
            wanted: Box::new(move |p| names.contains(p)),
        }
    }

    /// Every `.ron` file in these folders, and these files.
    pub fn graphs_and(folders: &[PathBuf], files: &[PathBuf]) -> Inputs {
        let exact = Inputs::files(files);
        let graph_folders: BTreeSet<PathBuf> = folders.iter().map(|f| absolute(f)).collect();
        let mut all = exact.folders.clone();
        all.extend(graph_folders.iter().cloned());
        Inputs {
            folders: all,
            wanted: Box::new(move |p| {
                (exact.wanted)(p)
                    || (p.extension().is_some_and(|x| x == "ron")
                        && p.parent().is_some_and(|d| graph_folders.contains(d)))
            }),
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Run `command` now and after every change to the inputs, forever.
pub fn watch(inputs: Inputs, mut command: impl FnMut() -> Outcome) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(cannot_watch)?;
    for folder in &inputs.folders {
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(cannot_watch)?;
    }
    run_once(&mut command)?;
    print::line("watching for changes (Ctrl-C to stop)")?;
    loop {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let Ok(event) = rx.recv() else {
                return Ok(Vec::new());
            };
            collect(event, &inputs, &mut changed);
        }
        // Gather what else the same save touched; a folder that never
        // falls quiet (a log written beside the graphs) cannot hold us up.
        let deadline = std::time::Instant::now() + SETTLE;
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match rx.recv_timeout(left) {
                Ok(event) => collect(event, &inputs, &mut changed),
                Err(_) => break,
            }
        }
        for path in &changed {
            print::line(format_args!("changed: {}", path.display()))?;
        }
        run_once(&mut command)?;
    }
}

fn collect(event: notify::Result<notify::Event>, inputs: &Inputs, changed: &mut BTreeSet<PathBuf>) {
    let Ok(event) = event else {
        return;
    };
    if event.kind.is_access() {
        return;
    }
    changed.extend(event.paths.into_iter().filter(|p| (inputs.wanted)(p)));
}

/// One run: its warnings or errors reported, never the end of watching,
/// unless standard output itself is gone.
fn run_once(command: &mut impl FnMut() -> Outcome) -> Result<(), Failure> {
    match command() {
        Ok(warnings) => report(&warnings),
        Err(f) if f.diagnostics.is_empty() => return Err(f),
        Err(f) if is_stdout_failure(&f) => return Err(f),
        Err(f) => report(&f.diagnostics),
    }
    Ok(())
}

fn is_stdout_failure(f: &Failure) -> bool {
    f.diagnostics.iter().any(|d| d.file == print::STDOUT)
}

fn cannot_watch(e: notify::Error) -> Failure {
    Failure::message(
        "--watch",
        format!("cannot watch the input files: {e}"),
        Some(
            "check that the files and folders exist; on Linux, raise fs.inotify.max_user_watches"
                .into(),
        ),
    )
}
