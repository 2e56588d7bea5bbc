//! Arbitrary bytes as a lineage file: `load` returns a lineage or
//! diagnostics, and never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Inputs above this are skipped: big inputs are legitimately slow work,
/// not bugs, and the size limits are tested elsewhere.
const MAX_INPUT: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let _ = lineage::lineage::load("fuzz.ron", data);
});
