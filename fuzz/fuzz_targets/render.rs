//! Arbitrary bytes as a lineage file; when it loads, every view is drawn in
//! every format that supports it (PNG aside), in English and Chinese, clean
//! and sketched. Errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineage::lineage::Lang;
use lineage::view::View;
use lineage::write::{write, Format, Options, Style};

const MAX_INPUT: usize = 64 * 1024;

const FORMATS: [Format; 5] = [
    Format::Dot,
    Format::Mermaid,
    Format::Markdown,
    Format::Svg,
    Format::LayoutJson,
];

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok((lineage, _warnings)) = lineage::lineage::load("fuzz.ron", data) else {
        return;
    };
    // The seed varies the hand-drawn look with the input.
    let seed = data
        .iter()
        .fold(1u64, |h, &b| h.wrapping_mul(31).wrapping_add(b as u64));
    for view in View::all(&lineage) {
        for format in FORMATS {
            if !format.supports(view.spec.kind) {
                continue;
            }
            for lang in Lang::ALL {
                for style in [Style::Clean, Style::Sketch] {
                    let options = Options {
                        lang,
                        style,
                        seed,
                        ..Options::default()
                    };
                    let _ = write(&view, format, &options);
                }
            }
        }
    }
});
