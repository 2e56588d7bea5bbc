//! `lineage inject`: refresh the figures marked in Markdown files.
//!
//! A file is replaced atomically and keeps what the user had: its
//! permissions and owner, its symlink (the target is updated), its hard
//! links; a read-only file is refused, and the temporary file is removed on
//! every failure.

use super::{input, print, Failure, Outcome};
use crate::diagnostics::Diagnostic;
use crate::lineage::{Lang, Lineage};
use crate::view::View;
use crate::write::{self, Options};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(files: &[PathBuf], check: bool) -> Outcome {
    if files.is_empty() {
        return Err(Failure::message(
            "inject",
            "no Markdown files named",
            Some("name the files to update, e.g. `lineage inject README.md docs/*.md`".into()),
        ));
    }
    let mut graphs = BTreeMap::new();
    let mut updates = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let bytes = input::read(file)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::message(
                &name,
                "the file is not UTF-8",
                Some("save it as UTF-8".into()),
            )
        })?;
        let new = crate::inject::inject(&text, |key| block(key, &mut graphs))
            .map_err(|e| Failure::message(&name, e.to_string(), Some(e.hint())))?;
        if new != text {
            updates.push((file, new));
        }
    }
    if check {
        return report_check(files, &updates);
    }
    for (file, text) in &updates {
        replace(file, text.as_bytes())?;
        print::line(format_args!("updated: {}", file.display()))?;
    }
    Ok(Vec::new())
}

fn report_check(files: &[PathBuf], updates: &[(&PathBuf, String)]) -> Outcome {
    if updates.is_empty() {
        print::line(format_args!("all {} file(s) are current", files.len()))?;
        return Ok(Vec::new());
    }
    for (file, _) in updates {
        print::line(format_args!("stale:   {}", file.display()))?;
    }
    let mut d = Diagnostic::error(
        "inject",
        format!("{} file(s) have stale figures", updates.len()),
    );
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    d.hint = Some(format!("run `lineage inject {}`", names.join(" ")));
    Err(Failure {
        diagnostics: vec![d],
        code: 1,
    })
}

/// `gpt/branches` or `gpt/branches.zh`: the graph in graphs/, the view, the language.
fn block(key: &str, graphs: &mut BTreeMap<String, Lineage>) -> Result<String, String> {
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
        let (lineage, _) = input::load(&path).map_err(|f| {
            f.diagnostics.first().map_or_else(
                || format!("cannot load {}", path.display()),
                |d| format!("{}: {}", path.display(), d.message),
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

/// Replace the file's bytes, keeping what the user had (see the module doc).
fn replace(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let name = file.display().to_string();
    let fail = |what: &str, e: std::io::Error| {
        Failure::message(&name, format!("cannot {what}: {e}"), None)
    };
    // Through a symlink to the file it points at.
    let target = std::fs::canonicalize(file).map_err(|e| fail("find the file", e))?;
    let meta = std::fs::metadata(&target).map_err(|e| fail("read the file's permissions", e))?;
    if meta.permissions().readonly() {
        return Err(Failure::message(
            &name,
            "the file is read-only; lineage leaves it as it is",
            Some("make it writable (`chmod u+w`) if lineage should update it".into()),
        ));
    }
    use std::os::unix::fs::MetadataExt;
    if meta.nlink() > 1 {
        // A rename would cut the other links: write in place instead.
        return std::fs::write(&target, bytes).map_err(|e| fail("write the file", e));
    }
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{file_name}.lineage-tmp-{}", std::process::id()));
    let result = (|| {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        out.write_all(bytes)?;
        out.sync_data()?;
        std::fs::set_permissions(&tmp, meta.permissions())?;
        let created = std::fs::metadata(&tmp)?;
        if (created.uid(), created.gid()) != (meta.uid(), meta.gid()) {
            std::os::unix::fs::chown(&tmp, Some(meta.uid()), Some(meta.gid()))?;
        }
        std::fs::rename(&tmp, &target)
    })();
    match result {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            // Someone else's file, writable to us: we cannot give a new
            // file their ownership, so write this one in place.
            if e.kind() == std::io::ErrorKind::PermissionDenied && meta.uid() != own_uid() {
                return std::fs::write(&target, bytes).map_err(|e| fail("write the file", e));
            }
            Err(fail("write the file", e))
        }
    }
}

/// This process's user id, as the files it creates get it.
fn own_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").map_or(u32::MAX, |m| m.uid())
}
