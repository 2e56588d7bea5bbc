//! Standard output, checked: every print of every command goes through
//! [`out`], so a full disk, a closed stdout or a closed pipe is noticed.
//!
//! A closed pipe (`lineage generate | head -c1`) ends the command quietly,
//! as Unix tools do; any other failure is an error (exit 2). This module
//! only writes to standard output; diagnostics go to standard error in
//! [`super::report`].

use super::Failure;
use std::io::Write;

/// How messages about standard output name it.
pub const STDOUT: &str = "standard output";

/// Write what the command is for (a figure, a generated lineage, a
/// report) to standard output: an error if standard output was closed, as
/// the result would vanish.
pub fn product(bytes: impl AsRef<[u8]>) -> Result<(), Failure> {
    if stdout_was_closed() {
        return Err(Failure::message(
            STDOUT,
            "standard output is closed",
            Some("run lineage with its output going to a terminal, a file or a pipe".into()),
        ));
    }
    out(bytes)
}

/// Write `bytes` (a status line, say) to standard output and flush them.
pub fn out(bytes: impl AsRef<[u8]>) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes.as_ref())
        .and_then(|()| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Failure::quiet(),
            _ => Failure::message(
                STDOUT,
                format!("cannot write to standard output: {e}"),
                Some("check that the disk or the pipe it goes to can take it".into()),
            ),
        })
}

/// A line on standard output.
pub fn line(text: impl std::fmt::Display) -> Result<(), Failure> {
    out(format!("{text}\n"))
}

/// Whether standard output was closed when lineage started. Rust's runtime
/// then opens `/dev/null` read-write in its place, so writes would vanish
/// and "succeed"; a shell's `> /dev/null` opens it write-only. A program
/// that starts lineage with a read-write `/dev/null` looks the same, which
/// is why only [`product`] asks. Linux only: elsewhere this cannot be told
/// and is taken as open.
fn stdout_was_closed() -> bool {
    use std::sync::OnceLock;
    static CLOSED: OnceLock<bool> = OnceLock::new();
    *CLOSED.get_or_init(|| {
        let is_null = std::fs::read_link("/proc/self/fd/1")
            .is_ok_and(|p| p == std::path::Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        is_null && read_write
    })
}
