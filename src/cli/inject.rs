//! `lineage inject`: refresh the figures marked in Markdown files.
//!
//! A marker names `GRAPH/VIEW[.zh] [mermaid|svg|picture]`; the graph is
//! `graphs/GRAPH.ron` beside the Markdown file or in the nearest folder
//! above it that has one, else in the current folder.
//!
//! A file is replaced atomically and keeps what the user had: its
//! permissions and owner, its symlink (the target is updated), its hard
//! links; a read-only file is refused, and the temporary file is removed on
//! every failure.

use super::{input, print, render, Failure, Outcome};
use crate::diagnostics::Diagnostic;
use crate::lineage::{Lang, Lineage};
use crate::palette::ThemeName;
use crate::view::View;
use crate::write::{self, markdown, Format, Options};
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
        let new = crate::inject::inject(&text, |key| block(key, file, &mut graphs))
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

/// The files an inject reads, for `--watch`: the Markdown files and every
/// `graphs/` folder a marker in them could name.
pub fn inputs(files: &[PathBuf]) -> super::watch::Inputs {
    let mut folders = Vec::new();
    for file in files {
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty());
        for folder in dir
            .unwrap_or(Path::new("."))
            .ancestors()
            .chain([Path::new(".")])
        {
            let graphs = folder.join("graphs");
            if graphs.is_dir() && !folders.contains(&graphs) {
                folders.push(graphs);
            }
        }
    }
    super::watch::Inputs::graphs_and(&folders, files)
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

/// What a marker asks for: `gpt/branches`, `gpt/branches.zh`, and how the
/// figure goes in (`mermaid`, the default; `svg`, an image link to the SVG
/// that `render` writes; `picture`, light and dark SVGs for GitHub).
struct Wanted<'a> {
    graph: &'a str,
    view: &'a str,
    lang: Lang,
    form: Form,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Mermaid,
    Svg,
    Picture,
}

fn parse_key(key: &str) -> Result<Wanted<'_>, String> {
    let mut words = key.split_whitespace();
    let target = words.next().unwrap_or_default();
    let form = match words.next() {
        None | Some("mermaid") => Form::Mermaid,
        Some("svg") => Form::Svg,
        Some("picture") => Form::Picture,
        Some(other) => {
            return Err(format!(
                "\"{other}\" is not a form: write mermaid (the default), svg or picture"
            ))
        }
    };
    if let Some(extra) = words.next() {
        return Err(format!("unexpected \"{extra}\" after the form"));
    }
    let (graph, rest) = target
        .split_once('/')
        .ok_or_else(|| format!("\"{target}\" is not GRAPH/VIEW (e.g. gpt/branches)"))?;
    let (view, lang) = match rest.rsplit_once('.') {
        Some((v, "zh")) => (v, Lang::Zh),
        Some((v, "en")) => (v, Lang::En),
        _ => (rest, Lang::En),
    };
    Ok(Wanted {
        graph,
        view,
        lang,
        form,
    })
}

/// Where graph `name` is for a Markdown file in `dir`: `graphs/NAME.ron` in
/// that folder or the nearest folder above that has one, else in the
/// current folder. The error names every path tried.
fn find_graph(name: &str, dir: &Path) -> Result<PathBuf, String> {
    let file = Path::new("graphs").join(name).with_extension("ron");
    let mut tried = Vec::new();
    for folder in dir.ancestors().chain([Path::new(".")]) {
        let candidate = folder.join(&file);
        if candidate.is_file() {
            return Ok(candidate);
        }
        tried.push(candidate.display().to_string());
    }
    Err(format!("no graph \"{name}\" (tried {})", tried.join(", ")))
}

/// The block for one marker of the Markdown file `markdown`.
fn block(
    key: &str,
    markdown: &Path,
    graphs: &mut BTreeMap<PathBuf, Lineage>,
) -> Result<String, String> {
    let wanted = parse_key(key)?;
    let dir = markdown
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let path = find_graph(wanted.graph, dir)?;
    if !graphs.contains_key(&path) {
        let (lineage, _) = input::load(&path).map_err(|f| {
            f.diagnostics.first().map_or_else(
                || format!("cannot load {}", path.display()),
                |d| format!("{}: {}", path.display(), d.message),
            )
        })?;
        graphs.insert(path.clone(), lineage);
    }
    let lineage = &graphs[&path];
    let views = View::all(lineage);
    let view = views
        .iter()
        .find(|v| v.spec.name == wanted.view)
        .ok_or_else(|| {
            let names: Vec<&str> = views.iter().map(|v| v.spec.name.as_str()).collect();
            format!(
                "no view \"{}\" in {} (views: {})",
                wanted.view,
                path.display(),
                crate::diagnostics::some_of(&names, 12)
            )
        })?;
    let options = Options {
        lang: wanted.lang,
        ..Options::default()
    };
    if wanted.form == Form::Mermaid {
        return write::markdown_block(view, &options).map_err(|e| e.to_string());
    }
    // The SVGs `render` writes into output/ beside graphs/.
    let root = path
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let link = |options: &Options| {
        let name = render::figure_name(wanted.graph, wanted.view, options, Format::Svg);
        relative(dir, &root.join("output").join(name))
    };
    let title = view.title().get(wanted.lang).to_string();
    let light = link(&options);
    Ok(match wanted.form {
        Form::Svg => markdown::image(&title, &light),
        _ => {
            let dark = link(&Options {
                theme: ThemeName::Dark,
                ..options
            });
            markdown::picture(&title, &light, &dark)
        }
    })
}

/// `to` as a link from a file in `from`, with `/` between parts.
fn relative(from: &Path, to: &Path) -> String {
    let (from, to) = (absolute_parts(from), absolute_parts(to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    ups.chain(to[common..].iter().cloned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The parts of `path` made absolute, `.` and `..` resolved (no symlinks).
fn absolute_parts(path: &Path) -> Vec<String> {
    use std::path::Component;
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let mut parts: Vec<String> = Vec::new();
    for c in std::path::absolute(path).unwrap_or_default().components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts
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
