//! Load benchmark: `lineage::load` (what `lineage check` does) on files made
//! entirely of each pathological construct of issue 11 item 10, at doubling
//! sizes, to show the time grows linearly with the file.
//!
//! `cargo bench --bench load` prints, per construct and size, the file size,
//! the load time, the time per MB and the ratio to the previous size (about 2
//! when linear, about 4 when quadratic). Sizes go from 1 MB to
//! `LINEAGE_BENCH_LOAD_MAX_MB` (default 16; 64 is the input limit).
//!
//! A benchmark, not a test: it asserts nothing. `tests/loader_safety.rs`
//! holds the assertions (each construct loads or fails cleanly in bounded
//! time).

use lineage::lineage::load;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A file of about `bytes` bytes made of one construct.
type Maker = fn(usize) -> String;

fn head() -> String {
    "Lineage(title: \"t\", methods: {\"m\": (label: \"M\")}, capabilities: {\"c\": (label: \"C\")},\n  models: [\n".to_string()
}

/// A chain as deep as the file allows: each model the parent of the next.
fn deep_chain(bytes: usize) -> String {
    let mut s = head();
    s.push_str("(id: \"m0\", name: \"M\", changes: [Gained(cap: \"c\")]),\n");
    let mut i = 1;
    while s.len() < bytes {
        let _ = writeln!(
            s,
            "(id: \"m{i}\", name: \"M\", from: [(parent: \"m{}\", via: \"m\")]),",
            i - 1
        );
        i += 1;
    }
    s.push_str("])\n");
    s
}

/// The same chain closed into one cycle.
fn long_cycle(bytes: usize) -> String {
    let mut models = Vec::new();
    let mut len = 0;
    while len < bytes {
        let line = format!(
            "(id: \"m{}\", name: \"M\", from: [(parent: \"PARENT\", via: \"m\")]),\n",
            models.len()
        );
        len += line.len();
        models.push(line);
    }
    let n = models.len();
    let mut s = head();
    for (i, line) in models.iter().enumerate() {
        s.push_str(&line.replace("PARENT", &format!("m{}", (i + n - 1) % n)));
    }
    s.push_str("])\n");
    s
}

/// One model whose parent is an unknown id as long as the file.
fn long_unknown_id(bytes: usize) -> String {
    let mut s = head();
    s.push_str("(id: \"a\", name: \"A\"),\n(id: \"b\", name: \"B\", from: [(parent: \"");
    s.push_str(&"q".repeat(bytes));
    s.push_str("\", via: \"m\")]),\n])\n");
    s
}

/// Half the models declared, half with a misspelled parent.
fn misspelled_parents(bytes: usize) -> String {
    let mut s = head();
    let n = bytes / 110;
    for i in 0..n {
        let _ = writeln!(s, "(id: \"model-{i}\", name: \"M\"),");
    }
    for i in 0..n {
        let _ = writeln!(
            s,
            "(id: \"child-{i}\", name: \"C\", from: [(parent: \"modle-{i}\", via: \"m\")]),"
        );
    }
    s.push_str("])\n");
    s
}

/// Unused method declarations, all on one line.
fn unused_on_one_line(bytes: usize) -> String {
    let mut s = "Lineage(title: \"t\", methods: {".to_string();
    let mut i = 0;
    while s.len() < bytes {
        let _ = write!(s, "\"unused-{i}\": (label: \"Unused {i}\"), ");
        i += 1;
    }
    s.push_str("}, models: [(id: \"a\", name: \"A\")])\n");
    s
}

/// One string of `\n` escapes as long as the file (refused before parsing).
fn one_escaped_string(bytes: usize) -> String {
    let mut s = head();
    s.push_str("(id: \"a\", name: \"");
    s.push_str(&"\\n".repeat(bytes / 2));
    s.push_str("\"),\n])\n");
    s
}

/// Many notes of 1,000 `\n` escapes each (accepted: each costs its own length).
fn many_escaped_strings(bytes: usize) -> String {
    let mut s = head();
    let note = "\\n".repeat(1_000);
    let mut i = 0;
    while s.len() < bytes {
        let _ = writeln!(s, "(id: \"m{i}\", name: \"M\", note: \"{note}\"),");
        i += 1;
    }
    s.push_str("])\n");
    s
}

fn time(text: &str) -> (Duration, &'static str) {
    let runs = 3;
    let mut best = Duration::MAX;
    let mut outcome = "";
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = load("bench.ron", text.as_bytes());
        best = best.min(start.elapsed());
        outcome = match loaded {
            Ok(_) => "ok",
            Err(_) => "error",
        };
    }
    (best, outcome)
}

fn main() {
    let max_mb: usize = std::env::var("LINEAGE_BENCH_LOAD_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let constructs: [(&str, Maker); 7] = [
        ("deep chain", deep_chain),
        ("one long cycle", long_cycle),
        ("a long unknown id", long_unknown_id),
        ("misspelled parents", misspelled_parents),
        ("unused, one line", unused_on_one_line),
        ("one escaped string", one_escaped_string),
        ("many escaped strings", many_escaped_strings),
    ];
    println!(
        "{:<22} {:>8} {:>10} {:>10} {:>7} {:>6}",
        "construct", "MB", "load ms", "ms/MB", "ratio", "result"
    );
    for (name, make) in constructs {
        let mut previous: Option<Duration> = None;
        let mut mb = 1;
        while mb <= max_mb {
            let text = make(mb << 20);
            let (took, outcome) = time(&text);
            let ratio = previous
                .map(|p| format!("{:.2}", took.as_secs_f64() / p.as_secs_f64().max(1e-9)))
                .unwrap_or_default();
            println!(
                "{:<22} {:>8.1} {:>10.1} {:>10.1} {:>7} {:>6}",
                name,
                text.len() as f64 / (1 << 20) as f64,
                took.as_secs_f64() * 1e3,
                took.as_secs_f64() * 1e3 / (text.len() as f64 / (1 << 20) as f64),
                ratio,
                outcome
            );
            previous = Some(took);
            mb *= 2;
        }
    }
}
