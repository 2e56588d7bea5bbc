//! PNG for slides, and SVG with text as outlines, both through resvg with the
//! bundled fonts (Liberation Sans, Comic Neue), so Latin text renders the same
//! without system fonts; Chinese falls back to the system's CJK fonts.

use resvg::{tiny_skia, usvg};

/// The fonts shipped inside the binary.
const FONTS: [&[u8]; 3] = [
    include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/ComicNeue-Regular.otf"),
];

/// The SVG as resvg sees it: bundled fonts first, then the system's.
fn tree(svg: &str) -> Result<usvg::Tree, String> {
    let mut options = usvg::Options::default();
    {
        let db = options.fontdb_mut();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        db.load_system_fonts();
        db.set_sans_serif_family("Liberation Sans");
        db.set_cursive_family("Comic Neue");
    }
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("the SVG does not parse: {e}"))
}

/// The same SVG with every text turned into outlines, for slide tools and
/// editors that ignore web fonts (PowerPoint, Keynote, Inkscape, rsvg). The
/// drawing is kept; the semantic groups, classes and tooltips are not.
pub fn text_as_paths(svg: &str) -> Result<String, String> {
    let tree = tree(svg)?;
    let options = usvg::WriteOptions {
        coordinates_precision: 1,
        transforms_precision: 3,
        ..Default::default()
    };
    Ok(tree.to_string(&options))
}

/// Rasterise `svg` at `scale` (2 = twice the SVG's size in px).
pub fn rasterise(svg: &str, scale: f32) -> Result<Vec<u8>, String> {
    let tree = tree(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| format!("scale {scale} gives an empty image"))?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| format!("a {}×{} image is too large", size.width(), size.height()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode PNG: {e}"))
}
