//! The manifest of an output folder: which files lineage wrote there, for
//! which graph, with the SHA-256 of the bytes it wrote; read, written as
//! text and asked "does lineage own this file?". It never touches any
//! other file.

use super::{io_error, name_problem, OutputError, MANIFEST};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const MANIFEST_HEADER: &str =
    "# Files lineage wrote in this folder: name, graph, SHA-256 of what it wrote.\n\
# lineage replaces or removes a file only while it is listed here with that hash.\n";

pub(super) type Hash = String;

pub(super) fn hash(bytes: &[u8]) -> Hash {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// The manifest: for each file name, its graph and the hashes lineage wrote
/// (two while a render is under way: the old and the new).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Manifest {
    pub(super) files: BTreeMap<String, (String, BTreeSet<Hash>)>,
}

impl Manifest {
    pub(super) fn read(dir: &Path) -> Result<Manifest, OutputError> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(io_error("read", &path, e)),
        };
        let mut manifest = Manifest::default();
        for (i, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(name), Some(graph), Some(sum), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(OutputError::Manifest { path, line: i + 1 });
            };
            let Some(sum) = sum.strip_prefix("sha256:").filter(|s| is_hash(s)) else {
                return Err(OutputError::Manifest { path, line: i + 1 });
            };
            if name_problem(name).is_some() {
                return Err(OutputError::Manifest { path, line: i + 1 });
            }
            let entry = manifest
                .files
                .entry(name.to_string())
                .or_insert_with(|| (graph.to_string(), BTreeSet::new()));
            entry.1.insert(sum.to_string());
        }
        Ok(manifest)
    }

    pub(super) fn text(&self) -> String {
        let mut text = MANIFEST_HEADER.to_string();
        for (name, (graph, hashes)) in &self.files {
            for h in hashes {
                let _ = writeln!(text, "{name}\t{graph}\tsha256:{h}");
            }
        }
        text
    }

    pub(super) fn owns(&self, name: &str, bytes_hash: &str) -> bool {
        self.files
            .get(name)
            .is_some_and(|(_, hashes)| hashes.contains(bytes_hash))
    }
}

fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}
