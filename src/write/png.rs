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
