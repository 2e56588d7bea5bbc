//! Arbitrary text as a Markdown file: `inject` never panics, and what it
//! writes with a fixed block is a fixed point (injecting again changes
//! nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;

const MAX_INPUT: usize = 64 * 1024;

const BLOCK: &str = "```mermaid\nflowchart LR\n  n0[\"A\"] --> n1[\"B\"]\n```\n";

fn fixed(view: &str) -> Result<String, String> {
    // Views named like `…/bad` fail, the rest get the fixed block.
    if view.ends_with("/bad") {
        Err(format!("no view \"{view}\""))
    } else {
        Ok(BLOCK.to_string())
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A block without a trailing newline, and one that always fails.
    let _ = lineage::inject::inject(text, |_| Ok("x".to_string()));
    let _ = lineage::inject::inject(text, |v| Err(v.to_string()));
    if let Ok(once) = lineage::inject::inject(text, fixed) {
        let twice = lineage::inject::inject(&once, fixed).expect("injected text no longer injects");
        assert_eq!(twice, once, "inject is not idempotent");
    }
});
