//! PNG for slides, through resvg with lineage's own fonts only (`text::fonts`: Liberation Sans, Comic Neue,
//! the bundled CJK subsets, and the `--font`s): no system font is read, so
//! a figure renders the same, to the pixel, on every machine, Chinese
//! included. A character none of them has is warned about by the CLI.

use crate::text::fonts::{self, Bundled};
use resvg::{tiny_skia, usvg};

/// The SVG as resvg sees it, with lineage's fonts and no others.
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let mut options = usvg::Options::default();
    {
        let db = options.fontdb_mut();
        for b in Bundled::ALL {
            db.load_font_data(b.font().data.to_vec());
        }
        for f in fonts::user_fonts() {
            db.load_font_data(f.data.to_vec());
        }
        db.set_sans_serif_family("Liberation Sans");
        db.set_cursive_family("Comic Neue");
    }
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("the SVG does not parse: {e}"))
}

/// Why a PNG was not made.
pub enum Failure {
    /// The size check refused it.
    Write(super::WriteError),
    /// The SVG did not parse, or the PNG did not encode.
    Other(String),
}

/// Rasterise `svg` at `scale` (2 = twice the SVG's size in px): `size` gets the SVG's size in px and says how many
/// pixels the image has, or refuses (see `write::check_png_size`); it runs
/// before any pixel is allocated.
pub fn rasterise(
    svg: &str,
    scale: f32,
    size: impl FnOnce(f64, f64) -> Result<(u32, u32), super::WriteError>,
) -> Result<Vec<u8>, Failure> {
    let tree = tree(svg).map_err(Failure::Other)?;
    let natural = tree.size();
    let (width, height) =
        size(natural.width() as f64, natural.height() as f64).map_err(Failure::Write)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Failure::Other(format!("a {width}×{height} image is too large")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Failure::Other(format!("cannot encode PNG: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::Lang;
    use crate::view::View;
    use crate::write::{svg::document::Fonts, Format, Options, Style};

    /// Every glyph resvg lays out, with its text: `(glyphs, .notdef ones)`.
    fn glyphs(svg: &str) -> (usize, Vec<String>) {
        fn walk(g: &usvg::Group, n: &mut usize, missing: &mut Vec<String>) {
            for node in g.children() {
                match node {
                    usvg::Node::Group(g) => walk(g, n, missing),
                    usvg::Node::Text(t) => {
                        for span in t.layouted() {
                            for glyph in &span.positioned_glyphs {
                                *n += 1;
                                if glyph.id.0 == 0 && !glyph.text.trim().is_empty() {
                                    missing.push(glyph.text.clone());
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let tree = tree(svg).expect("parses");
        let (mut n, mut missing) = (0, Vec::new());
        walk(tree.root(), &mut n, &mut missing);
        (n, missing)
    }

    /// The zh GPT figures, clean and sketch, every view: resvg finds a real
    /// glyph for every character in lineage's own fonts (no system font is
    /// loaded), so the PNG has no empty box; and the check does see a
    /// missing glyph (an emoji).
    #[test]
    fn zh_figures_have_every_glyph_without_system_fonts() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/graphs/gpt.ron");
        let bytes = std::fs::read(path).expect("reads");
        let (lineage, _) = crate::lineage::load(path, &bytes).expect("loads");
        let mut total = 0;
        for view in View::all(&lineage) {
            for style in [Style::Clean, Style::Sketch] {
                let options = Options {
                    lang: Lang::Zh,
                    style,
                    fonts: Fonts::System,
                    ..Options::default()
                };
                let svg = crate::write::write(&view, Format::Svg, &options).expect("draws");
                let (n, missing) = glyphs(&String::from_utf8_lossy(&svg));
                assert!(
                    missing.is_empty(),
                    "{} {style:?}: .notdef for {missing:?}",
                    view.spec.name
                );
                total += n;
            }
        }
        assert!(total > 10_000, "{total} glyphs");
        let emoji = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"30\">\
            <text x=\"5\" y=\"20\" font-family=\"lineage-sans-cjk\" font-size=\"12\">模型 🚀</text></svg>";
        assert_eq!(glyphs(emoji).1, ["🚀"]);
    }
}
