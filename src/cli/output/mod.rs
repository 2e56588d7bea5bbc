//! The output folder: writing figures into it without touching anything
//! lineage did not write.
//!
//! Every folder lineage renders into gets a manifest, [`MANIFEST`]: one line
//! per file lineage wrote there, with the graph it belongs to and the
//! SHA-256 of the bytes lineage wrote. A file is lineage's to replace or
//! remove only while it is listed there and its bytes still have that hash.
//! Anything else in the folder (a user's notes, a hand-edited figure, another
//! tool's files, a symlink) is never replaced, removed or re-permissioned:
//! a figure that would land on such a file is an error before anything is
//! written, unless the user passes `--force` (which replaces, never removes).
//!
//! A render is written in this order, so that an interruption at any point
//! leaves a folder the next render understands: the manifest listing both
//! the old and the new hash of every file about to change, then each figure
//! (a temporary file renamed over the old one), then the stale figures
//! removed, then the final manifest. Temporary files are named
//! `.NAME.lineage-tmp-PID`; the next render removes those of a process that
//! is gone, when NAME is a figure lineage wrote or is writing.
//!
//! This module owns the folder's files; it never decides which figures exist
//! (the render plan does) and never prints (it returns what it did).
//! The manifest is `manifest.rs`; every rule above has a test in `tests.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

mod diff;
mod manifest;

use manifest::{hash, Hash, Manifest};

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".lineage-manifest";

/// The longest file name every common file system takes, in bytes.
const MAX_NAME_BYTES: usize = 255;

const TMP_MARK: &str = ".lineage-tmp-";

/// One figure, drawn in memory, with where it comes from.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The graph it belongs to (its file's stem): the manifest's owner.
    pub graph: String,
    /// What produced it, for messages: `graphs/gpt.ron, view "branches"`.
    pub origin: String,
    /// File name inside the output folder.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What one render is responsible for.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub figures: Vec<Figure>,
    /// Graphs whose every figure is in `figures`: their older figures that
    /// are not in it are stale. A render filtered by view, format or look
    /// completes no graph, and so removes nothing.
    pub complete: BTreeSet<String>,
}

/// Why the folder cannot be written or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error("{count} figures would be written to the same file {name}: {origins}")]
    Collision {
        name: String,
        count: usize,
        origins: String,
    },
    #[error("cannot name a figure {name:?}: {why}")]
    BadName { name: String, why: &'static str },
    #[error("{}", refused_message(.0))]
    Refused(Vec<(PathBuf, Refusal)>),
    #[error("the manifest {path} is damaged at line {line}")]
    Manifest { path: PathBuf, line: usize },
    #[error("cannot {what} {path}: {error}")]
    Io {
        what: &'static str,
        path: PathBuf,
        error: String,
    },
}

/// Why lineage will not replace a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not in the manifest: lineage did not write it.
    Foreign,
    /// In the manifest, but its bytes changed since lineage wrote them.
    Edited,
    /// lineage wrote it for another graph.
    OtherGraph,
    /// A symlink, a folder, a device: never a figure lineage wrote.
    NotAFile,
}

impl Refusal {
    fn words(self) -> &'static str {
        match self {
            Refusal::Foreign => "was not written by lineage",
            Refusal::Edited => "was changed since lineage wrote it",
            Refusal::OtherGraph => "is another graph's figure",
            Refusal::NotAFile => "is not a regular file",
        }
    }
}

fn refused_message(files: &[(PathBuf, Refusal)]) -> String {
    let mut text = format!(
        "{} file(s) in the way, not replaced (nothing was written):",
        files.len()
    );
    for (path, why) in files {
        let _ = write!(text, "\n  {} {}", path.display(), why.words());
    }
    text
}

impl OutputError {
    pub fn hint(&self) -> String {
        match self {
            OutputError::Collision { .. } => {
                "rename a view or a graph file so every figure has its own file name".into()
            }
            OutputError::BadName { .. } => {
                "shorten the graph's file name or the view's name (at most 255 bytes in all)".into()
            }
            OutputError::Refused(files) if files.iter().any(|(_, r)| *r == Refusal::NotAFile) => {
                "move those out of the output folder, or render into another folder with -o".into()
            }
            OutputError::Refused(_) => {
                "move those files away, render into another folder with -o, \
                 or pass --force to let lineage replace them"
                    .into()
            }
            OutputError::Manifest { .. } => format!(
                "fix or delete the line; without the manifest lineage replaces only files whose \
                 bytes match what it would write, and removes none (see `{MANIFEST}` in the README)"
            ),
            OutputError::Io { .. } => "check the folder's permissions and free space".into(),
        }
    }
}

/// What a render did to the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub written: usize,
    pub removed: usize,
    /// Stale figures kept because they were edited since lineage wrote them.
    pub kept: Vec<PathBuf>,
    /// Temporary files of interrupted renders, removed.
    pub leftovers: usize,
}

fn io_error(what: &'static str, path: &Path, e: std::io::Error) -> OutputError {
    OutputError::Io {
        what,
        path: path.to_path_buf(),
        error: e.to_string(),
    }
}

/// Why `name` cannot be a figure's file name, if it cannot.
fn name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() || name.starts_with('.') {
        Some("it is empty or hidden")
    } else if name.len() > MAX_NAME_BYTES {
        Some("it is longer than 255 bytes")
    } else if name.contains(['/', '\\']) {
        Some("it contains a path separator")
    } else if name.chars().any(char::is_control) {
        Some("it contains a control character")
    } else {
        None
    }
}

/// Every name valid and used once, before anything is written.
fn validate(plan: &Plan) -> Result<(), OutputError> {
    let mut by_name: BTreeMap<&str, Vec<&Figure>> = BTreeMap::new();
    for f in &plan.figures {
        if let Some(why) = name_problem(&f.name) {
            return Err(OutputError::BadName {
                name: f.name.clone(),
                why,
            });
        }
        if f.graph.chars().any(char::is_control) {
            return Err(OutputError::BadName {
                name: f.graph.clone(),
                why: "the graph's name contains a control character",
            });
        }
        by_name.entry(&f.name).or_default().push(f);
    }
    match by_name.into_iter().find(|(_, fs)| fs.len() > 1) {
        Some((name, fs)) => Err(OutputError::Collision {
            name: name.to_string(),
            count: fs.len(),
            origins: fs
                .iter()
                .map(|f| f.origin.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }),
        None => Ok(()),
    }
}

/// What is at a figure's path now.
enum Existing {
    Nothing,
    Same,
    /// A regular file with other bytes, and their hash.
    Other(Hash),
    NotAFile,
}

fn existing(path: &Path, new: &[u8]) -> Result<Existing, OutputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(io_error("inspect", path, e)),
    };
    if !meta.is_file() {
        return Ok(Existing::NotAFile);
    }
    let old = std::fs::read(path).map_err(|e| io_error("read", path, e))?;
    Ok(if old == new {
        Existing::Same
    } else {
        Existing::Other(hash(&old))
    })
}

/// A decision about one file of the folder.
enum Step<'a> {
    Write(&'a Figure),
    Keep,
}

/// Decide every figure: write, keep, or refuse. Nothing is touched.
fn decide<'a>(
    dir: &Path,
    plan: &'a Plan,
    manifest: &Manifest,
    force: bool,
) -> Result<Vec<Step<'a>>, OutputError> {
    let mut steps = Vec::with_capacity(plan.figures.len());
    let mut refused = Vec::new();
    for f in &plan.figures {
        let path = dir.join(&f.name);
        let other_graph = manifest
            .files
            .get(&f.name)
            .is_some_and(|(graph, _)| *graph != f.graph);
        match existing(&path, &f.bytes)? {
            Existing::Nothing => steps.push(Step::Write(f)),
            Existing::NotAFile => refused.push((path, Refusal::NotAFile)),
            _ if other_graph && !force => refused.push((path, Refusal::OtherGraph)),
            Existing::Same => steps.push(Step::Keep),
            Existing::Other(old) if force || manifest.owns(&f.name, &old) => {
                steps.push(Step::Write(f))
            }
            Existing::Other(_) if manifest.files.contains_key(&f.name) => {
                refused.push((path, Refusal::Edited))
            }
            Existing::Other(_) => refused.push((path, Refusal::Foreign)),
        }
    }
    if refused.is_empty() {
        Ok(steps)
    } else {
        Err(OutputError::Refused(refused))
    }
}

/// Stale figures: in the manifest, of a completed graph, not produced now.
/// Those still as lineage wrote them are removed; edited ones are kept.
fn stale(dir: &Path, plan: &Plan, manifest: &Manifest) -> Result<Vec<StaleFile>, OutputError> {
    let produced: BTreeSet<&str> = plan.figures.iter().map(|f| f.name.as_str()).collect();
    let mut files = Vec::new();
    for (name, (graph, hashes)) in &manifest.files {
        if produced.contains(name.as_str()) || !plan.complete.contains(graph) {
            continue;
        }
        let path = dir.join(name);
        let state = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => StaleState::Gone,
            Err(e) => return Err(io_error("inspect", &path, e)),
            Ok(meta) if !meta.is_file() => StaleState::Edited,
            Ok(_) => {
                let bytes = std::fs::read(&path).map_err(|e| io_error("read", &path, e))?;
                if hashes.contains(&hash(&bytes)) {
                    StaleState::Ours
                } else {
                    StaleState::Edited
                }
            }
        };
        files.push(StaleFile {
            name: name.clone(),
            state,
        });
    }
    Ok(files)
}

struct StaleFile {
    name: String,
    state: StaleState,
}

#[derive(PartialEq, Eq)]
enum StaleState {
    Ours,
    Edited,
    Gone,
}

/// The manifest after the render: the plan's figures, and every other entry
/// of graphs this render did not complete whose file is still there.
fn final_manifest(dir: &Path, plan: &Plan, old: &Manifest) -> Manifest {
    let mut next = Manifest::default();
    for (name, entry) in &old.files {
        if !plan.complete.contains(&entry.0) && dir.join(name).is_file() {
            next.files.insert(name.clone(), entry.clone());
        }
    }
    for f in &plan.figures {
        next.files.insert(
            f.name.clone(),
            (f.graph.clone(), BTreeSet::from([hash(&f.bytes)])),
        );
    }
    next
}

/// A problem `--check` reports, one line each.
pub fn check(dir: &Path, plan: &Plan) -> Result<Vec<String>, OutputError> {
    validate(plan)?;
    let manifest = Manifest::read(dir)?;
    let mut problems = Vec::new();
    for f in &plan.figures {
        let path = dir.join(&f.name);
        match existing(&path, &f.bytes)? {
            Existing::Same => {}
            Existing::Nothing => problems.push(format!("missing: {}", path.display())),
            _ => {
                // Read again only for the report: `existing` keeps no bytes.
                let why = std::fs::read(&path)
                    .map(|old| diff::describe(&old, &f.bytes))
                    .unwrap_or_else(|_| "not a readable file".into());
                problems.push(format!("stale:   {} ({why})", path.display()));
            }
        }
    }
    for file in stale(dir, plan, &manifest)? {
        if file.state == StaleState::Ours {
            let path = dir.join(&file.name);
            problems.push(format!("extra:   {} (no longer produced)", path.display()));
        }
    }
    let expected = final_manifest(dir, plan, &manifest);
    let on_disk = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    if !plan.figures.is_empty() && on_disk != expected.text() {
        problems.push(format!("stale:   {}", dir.join(MANIFEST).display()));
    }
    Ok(problems)
}

/// Write the plan into `dir`: new and changed figures replaced atomically,
/// unchanged ones left alone (their times stay put), stale ones removed.
pub fn write(dir: &Path, plan: &Plan, force: bool) -> Result<Summary, OutputError> {
    validate(plan)?;
    std::fs::create_dir_all(dir).map_err(|e| io_error("create the folder", dir, e))?;
    let manifest = Manifest::read(dir)?;
    let mut summary = Summary {
        leftovers: remove_leftovers(dir, plan, &manifest)?,
        ..Summary::default()
    };
    let steps = decide(dir, plan, &manifest, force)?;
    let stale = stale(dir, plan, &manifest)?;

    // First record the new hashes beside the old, so that an interrupted
    // render leaves every file it touched listed as lineage's.
    let mut during = manifest.clone();
    for step in &steps {
        if let Step::Write(f) = step {
            let entry = during
                .files
                .entry(f.name.clone())
                .or_insert_with(|| (f.graph.clone(), BTreeSet::new()));
            entry.0 = f.graph.clone();
            entry.1.insert(hash(&f.bytes));
        }
    }
    if during != manifest {
        replace(dir, MANIFEST, during.text().as_bytes())?;
    }
    for step in &steps {
        if let Step::Write(f) = step {
            replace(dir, &f.name, &f.bytes)?;
            summary.written += 1;
        }
    }
    for file in &stale {
        let path = dir.join(&file.name);
        match file.state {
            StaleState::Ours => {
                std::fs::remove_file(&path).map_err(|e| io_error("remove", &path, e))?;
                summary.removed += 1;
            }
            StaleState::Edited => summary.kept.push(path),
            StaleState::Gone => {}
        }
    }
    let next = final_manifest(dir, plan, &manifest);
    let on_disk = std::fs::read(dir.join(MANIFEST)).unwrap_or_default();
    if on_disk != next.text().as_bytes() {
        replace(dir, MANIFEST, next.text().as_bytes())?;
    }
    Ok(summary)
}

fn tmp_name(name: &str) -> String {
    format!(".{name}{TMP_MARK}{}", std::process::id())
}

/// Replace `dir/name` by `bytes` atomically: a temporary file beside it,
/// given the old file's permissions, renamed over it. The temporary file is
/// removed on every failure.
fn replace(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
    let path = dir.join(name);
    let tmp = dir.join(tmp_name(name));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| io_error("create", &tmp, e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_data())
            .map_err(|e| io_error("write", &tmp, e))?;
        if let Ok(meta) = std::fs::metadata(&path) {
            std::fs::set_permissions(&tmp, meta.permissions())
                .map_err(|e| io_error("set the permissions of", &tmp, e))?;
        }
        std::fs::rename(&tmp, &path).map_err(|e| io_error("replace", &path, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Remove temporary files that interrupted renders left: named like ours,
/// for a file lineage wrote or is writing, of a process that is gone.
fn remove_leftovers(dir: &Path, plan: &Plan, manifest: &Manifest) -> Result<usize, OutputError> {
    let ours: BTreeSet<&str> = manifest
        .files
        .keys()
        .map(String::as_str)
        .chain(plan.figures.iter().map(|f| f.name.as_str()))
        .chain([MANIFEST])
        .collect();
    let entries = std::fs::read_dir(dir).map_err(|e| io_error("read", dir, e))?;
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some((name, pid)) = leftover(file_name) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && ours.contains(name) && !process_alive(pid) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| io_error("remove", &path, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// `.NAME.lineage-tmp-PID` → (NAME, PID).
fn leftover(file_name: &str) -> Option<(&str, u32)> {
    let (head, pid) = file_name.rsplit_once(TMP_MARK)?;
    let name = head.strip_prefix('.')?;
    let pid = pid.parse().ok()?;
    Some((name, pid))
}

/// Whether process `pid` still runs. Where that cannot be known (no
/// `/proc`), only this process counts as alive.
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests;
