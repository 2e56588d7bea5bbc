//! Reading the user's lineage files: which files a command means, and their
//! bytes, never more than [`MAX_FILE_BYTES`] from any source (a file, a
//! symlink to a device, a pipe).

use super::Failure;
use crate::diagnostics::{did_you_mean, some_of, Diagnostic};
use crate::lineage::{self, Lineage};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest input read. Loading takes about 45 times the file size in
/// memory, and the largest lineage the layout takes (`layout::MAX_ITEMS`) is
/// about 60 MB of RON, so this refuses a runaway file before it can
/// exhaust memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The lineage files in `graphs/`, sorted by name.
pub fn graph_files() -> Result<Vec<PathBuf>, Failure> {
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
pub fn resolve_file(arg: &Path) -> PathBuf {
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

/// What to try instead of a path that does not exist: a bare name is taken
/// for a graph in `graphs/`, so the closest graph name.
fn not_found_hint(path: &Path) -> String {
    let bare = path.extension().is_none() && path.components().count() == 1;
    let Some(wanted) = path.to_str().filter(|_| bare) else {
        return "check the path".into();
    };
    let names: Vec<String> = graph_files()
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let tried = format!("tried {wanted} and graphs/{wanted}.ron");
    match did_you_mean(wanted, names.iter().map(String::as_str)) {
        Some(near) => format!("{near} ({tried})"),
        None if names.is_empty() => tried,
        None => format!("{tried}; graphs: {}", some_of(&names, 12)),
    }
}

/// The bytes of `path`, at most [`MAX_FILE_BYTES`] of them.
pub fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound => not_found_hint(path),
            _ => "check the path".into(),
        };
        Failure::message(&name, format!("cannot read the file: {e}"), Some(hint))
    };
    let too_large = |size: String| {
        Failure::message(
            &name,
            format!(
                "the file is larger than lineage reads ({size}; the limit is {} MiB)",
                MAX_FILE_BYTES >> 20
            ),
            Some("split the lineage into several files, one per family".into()),
        )
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    // A regular file tells its size before it is read; a device or a pipe
    // is read up to one byte past the limit.
    if let Ok(meta) = file.metadata() {
        if meta.is_file() && meta.len() > MAX_FILE_BYTES {
            return Err(too_large(format!("{} bytes", meta.len())));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large("a stream that goes on past it".into()));
    }
    Ok(bytes)
}

/// Load and validate one file: the lineage and its warnings.
pub fn load(path: &Path) -> Result<(Lineage, Vec<Diagnostic>), Failure> {
    let bytes = read(path)?;
    lineage::load(&path.display().to_string(), &bytes).map_err(Failure::input)
}
