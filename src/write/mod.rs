//! Writers: a [`View`] (and, for SVG, its layout) turned into the bytes of
//! one figure format. A writer returns bytes or a [`WriteError`]; it never
//! touches files, never lays out (`crate::layout` does) and never decides
//! what a figure says: the figure models in [`crate::figure`] do, in
//! [`crate::words`]' words.
//!
//! Where each thing lives:
//!
//! | what | home |
//! |---|---|
//! | what a lineage figure says: cards, roles, edge labels and tooltips, lanes, legend, sources | [`crate::figure::lineage`] |
//! | what a flow, matrix or table says | [`crate::figure::flow`], [`crate::figure::matrix`], [`crate::figure::table`] (shared reading: [`crate::figure::capability`]) |
//! | data text on one line, or with its line breaks | [`crate::figure::clean`], [`crate::figure::lines`] |
//! | DOT quoting, HTML labels | [`dot`] |
//! | Mermaid labels, front matter, size limits (counted as Mermaid counts) | [`mermaid`] |
//! | Markdown escaping, the image and `<picture>` blocks `inject` writes | [`markdown`] |
//! | the SVG document shell (title, desc, role, lang, theme, background, fonts) | [`svg::document`] |
//! | XML escaping, shapes, the sketch look | [`svg::pen`], [`svg::sketch`] |
//! | the SVG body of the capability kinds (text, shapes, title block) | [`capability::canvas`] |
//! | rasterising and its limits | `png` |
//! | placement: the layered engine, the flow's own | `crate::layout`, `crate::layout::flow` |
//!
//! The kind × format table is [`Format::supports`] with the `match` in
//! [`write()`] (lineage kind) and [`capability::write`] (the others).
//!
//! **Adding a format**: its syntax module here (its escaping, quoting and
//! limits, used by every kind it draws), a `Format` variant with its row in
//! `Format::supports`, an arm in `write` (and `capability::write`), the CLI
//! value in `cli/args.rs`, and a test that runs the real reader of that
//! format.
//!
//! **Adding a view kind**: its figure model in `src/figure/` (what it shows,
//! in words from `crate::words`, no syntax), one file per format it supports
//! under `src/write/capability/<kind>/` reading that model through the
//! syntax modules above, a placement in `src/layout/` if the layered engine
//! does not suit it, its row in `Format::supports` and arms in the `write`
//! functions, and a view of that kind in `tests/hostile.ron` (every field it
//! shows hostile; `tests/common::capability_labels` says what must be
//! drawn) and in `graphs/`.

pub mod capability;
pub mod dot;
pub mod markdown;
pub mod mermaid;
#[cfg(feature = "png")]
pub mod png;
pub mod svg;

use crate::data::ViewKind;
use crate::lineage::Lang;
use crate::palette::ThemeName;
use crate::view::View;

/// A figure format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Dot,
    Mermaid,
    /// Markdown: a fenced Mermaid block, or a table for table-like views.
    Markdown,
    Svg,
    /// The computed layout as JSON, for tests and inspection.
    LayoutJson,
    /// The SVG figure as a PNG image (the `png` feature).
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::Markdown => "md",
            Format::Svg => "svg",
            Format::LayoutJson => "layout.json",
            Format::Png => "png",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "DOT",
            Format::Mermaid => "Mermaid",
            Format::Markdown => "Markdown",
            Format::Svg => "SVG",
            Format::LayoutJson => "layout JSON",
            Format::Png => "PNG",
        }
    }

    /// Whether a view of this kind can be drawn in this format at all.
    pub fn supports(self, kind: ViewKind) -> bool {
        use Format::*;
        match kind {
            ViewKind::Lineage => true,
            ViewKind::Flow => matches!(self, Dot | Mermaid | Markdown | Svg | Png),
            ViewKind::Matrix | ViewKind::Table => matches!(self, Markdown | Svg | Png),
        }
    }
}

/// Clean lines, or the hand-drawn look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    #[default]
    Clean,
    Sketch,
}

/// The size an SVG figure declares (a slide's drawing is also its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FigureSize {
    /// 1 px per layout unit.
    #[default]
    Natural,
    /// Drawn for a slide and sized 1920×1080 (padded to 16:9): brief
    /// cards, methods by colour, one line instead of the source list
    /// (`svg::slide_density`, `svg::figure`, the page's `compose`).
    Slide,
    /// Scaled to a 760 px documentation column.
    Doc,
}

/// How a figure is drawn, beyond what the view says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub lang: Lang,
    pub theme: ThemeName,
    pub style: Style,
    /// Seed for the hand-drawn look (all randomness derives from it).
    pub seed: u64,
    /// PNG pixels per SVG px.
    pub scale: f32,
    /// SVG with text as outlines (the `png` feature).
    pub text_as_paths: bool,
    pub size: FigureSize,
    /// Whether an SVG carries its fonts (`--fonts`).
    pub fonts: svg::document::Fonts,
    /// One SVG in both themes, following the viewer's light or dark mode
    /// (`--theme auto`); `theme` is then ignored for SVG, and a PNG is light.
    pub theme_auto: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::En,
            theme: ThemeName::Light,
            style: Style::Clean,
            seed: 1,
            scale: 2.0,
            text_as_paths: false,
            size: FigureSize::Natural,
            fonts: svg::document::Fonts::Embedded,
            theme_auto: false,
        }
    }
}

/// A figure that cannot be drawn in a format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("view \"{view}\" is a {kind} view, which has no {format} form")]
    Unsupported {
        view: String,
        kind: &'static str,
        format: &'static str,
    },
    #[error("view \"{view}\" cannot be drawn as {format}: {limit}")]
    Limit {
        view: String,
        format: &'static str,
        limit: String,
        hint: String,
    },
    /// The drawing would be larger than the limits below; nothing large
    /// has been allocated yet.
    #[error("view \"{view}\" is too large to draw as {format}: {reason}")]
    TooLarge {
        view: String,
        format: &'static str,
        /// The figure's size, the limit it is over, and why it is that
        /// large (its models, its date span).
        reason: String,
        hint: String,
    },
    #[error("--scale {scale} is not a PNG scale: it must be above 0 and at most {MAX_SCALE}")]
    Scale { scale: String },
}

/// The largest `--scale` (PNG pixels per SVG px).
pub const MAX_SCALE: f32 = 16.0;
/// The longest side of a PNG, in pixels (what most image tools and viewers open).
pub const MAX_PNG_SIDE: u64 = 32_767;
/// The most pixels in a PNG. The rasteriser holds the image (4 bytes a
/// pixel) and the encoder a copy of it: measured, a 58-megapixel PNG of
/// `graphs/gpt.ron` peaks at 480 MB (8.3 bytes a pixel), so 100 megapixels
/// stay under 1 GB.
pub const MAX_PNG_PIXELS: u64 = 100_000_000;
/// The longest side of an SVG figure, in px: a backstop. Four-digit years
/// and the layout's item limit keep real figures well below it (100,000
/// generated models draw 14.8 million px wide; six models from 0000 to 9999
/// at the timeline's densest scale, 4.8 million), and a vector figure that
/// large is still a file of reasonable size.
pub const MAX_SVG_SIDE: f64 = 100_000_000.0;

/// `1234567` as "1,234,567".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why a view's figure is as large as it is: how many models, and for a
/// timeline the span of its dates.
fn extent(view: &View) -> String {
    let models = view.models.len();
    let plural = if models == 1 { "" } else { "s" };
    let mut cause = format!("the view has {models} model{plural}");
    if view.spec.kind == ViewKind::Lineage && view.spec.layers == crate::data::LayersDecl::Timeline
    {
        let dates = || {
            view.models
                .iter()
                .filter_map(|&n| view.lineage.model(n).date.span())
        };
        let first = dates().map(|(s, _)| s).fold(f64::INFINITY, f64::min);
        let last = dates().map(|(_, e)| e).fold(f64::NEG_INFINITY, f64::max);
        if first <= last {
            let year = |months: f64| (months / 12.0).floor() as i64;
            let years = year(last) - year(first) + 1;
            cause.push_str(&format!(
                " on a timeline whose dates span {:04} to {:04} ({} year{})",
                year(first),
                year(last),
                thousands(years.max(0) as u64),
                if years == 1 { "" } else { "s" }
            ));
        }
    }
    cause
}

/// The ways out of a figure that is too large; `scale` is the scale given
/// and the largest that fits, for a PNG.
fn smaller(view: &View, scale: Option<(f32, f64)>) -> String {
    let mut ways = Vec::new();
    if let Some((scale, fits)) = scale {
        if fits > 0.0 && fits.is_finite() {
            // Two significant digits, rounded down.
            let decimals = (1.0 - fits.log10().floor()).max(0.0) as usize;
            let step = 10f64.powi(-(decimals as i32));
            let fits = (fits / step).floor() * step;
            ways.push(format!(
                "a smaller --scale than {scale} (--scale {fits:.decimals$} fits)"
            ));
        } else {
            ways.push(format!("a smaller --scale than {scale}"));
        }
    }
    if view.spec.kind == ViewKind::Lineage && view.spec.layers == crate::data::LayersDecl::Timeline
    {
        ways.push("`layers: Compact` in the view (ranks instead of dates)".into());
    }
    ways.push("a view of fewer models (`from`, `to` or `only`)".into());
    format!("try {}", ways.join(", or "))
}

/// Checks an SVG figure's size (its natural size, in px) against [`MAX_SVG_SIDE`].
pub(crate) fn check_svg_size(view: &View, width: f64, height: f64) -> Result<(), WriteError> {
    if width <= MAX_SVG_SIDE && height <= MAX_SVG_SIDE {
        return Ok(());
    }
    Err(WriteError::TooLarge {
        view: view.spec.name.clone(),
        format: "SVG",
        reason: format!(
            "{} × {} px, more than {} px a side; {}",
            thousands(width.ceil() as u64),
            thousands(height.ceil() as u64),
            thousands(MAX_SVG_SIDE as u64),
            extent(view)
        ),
        hint: smaller(view, None),
    })
}

/// The size in pixels of an SVG of `width` × `height` px at `scale`, or
/// the error when it is over [`MAX_PNG_SIDE`] or [`MAX_PNG_PIXELS`].
pub(crate) fn check_png_size(
    view: &View,
    width: f64,
    height: f64,
    scale: f32,
) -> Result<(u32, u32), WriteError> {
    // As resvg sizes it: the SVG's size rounded up, times the scale, rounded.
    let w = (width.ceil() * scale as f64).round().max(1.0);
    let h = (height.ceil() * scale as f64).round().max(1.0);
    let side = MAX_PNG_SIDE as f64;
    if w <= side && h <= side && w * h <= MAX_PNG_PIXELS as f64 {
        return Ok((w as u32, h as u32));
    }
    // The largest scale that fits.
    let fits = (side / width.ceil())
        .min(side / height.ceil())
        .min((MAX_PNG_PIXELS as f64 / (width.ceil() * height.ceil())).sqrt());
    let mut hint = smaller(view, Some((scale, fits)));
    hint.push_str(", or --format svg, which has no pixel limit");
    Err(WriteError::TooLarge {
        view: view.spec.name.clone(),
        format: "PNG",
        reason: format!(
            "{} × {} px ({} megapixels) at --scale {scale}, over the limit of {} px a side \
             and {} megapixels; the figure is {} × {} px: {}",
            thousands(w as u64),
            thousands(h as u64),
            thousands((w * h / 1e6).round() as u64),
            thousands(MAX_PNG_SIDE),
            MAX_PNG_PIXELS / 1_000_000,
            thousands(width.ceil() as u64),
            thousands(height.ceil() as u64),
            extent(view)
        ),
        hint,
    })
}

impl WriteError {
    pub fn hint(&self) -> &str {
        match self {
            WriteError::Limit { hint, .. } | WriteError::TooLarge { hint, .. } => hint,
            WriteError::Scale { .. } => {
                "give a --scale above 0 and at most 16 (2, the default, suits slides; \
                 below 1 shrinks a large figure)"
            }
            WriteError::Unsupported { .. } => "choose another --format, or leave --format out",
        }
    }
}

/// Draw `view` in `format`.
pub fn write(view: &View, format: Format, options: &Options) -> Result<Vec<u8>, WriteError> {
    let drawn_by_layout = matches!(format, Format::Svg | Format::LayoutJson | Format::Png);
    if drawn_by_layout && view.models.len() + view.edges.len() > crate::layout::MAX_ITEMS {
        return Err(WriteError::Limit {
            view: view.spec.name.clone(),
            format: format.name(),
            limit: format!(
                "{} models and {} derivations are more than the layout takes ({} in all)",
                view.models.len(),
                view.edges.len(),
                crate::layout::MAX_ITEMS
            ),
            hint: "draw part of the lineage: give the view `from`, `to` or `only`".into(),
        });
    }
    if format == Format::Png {
        if !(options.scale > 0.0 && options.scale <= MAX_SCALE) {
            return Err(WriteError::Scale {
                scale: options.scale.to_string(),
            });
        }
        let plain = Options {
            text_as_paths: false,
            ..*options
        };
        // A lineage figure's size is known before it is drawn: check it then.
        let svg = match view.spec.kind {
            ViewKind::Lineage => svg::checked(view, &plain, Some(options.scale))?.into_bytes(),
            _ => write(view, Format::Svg, &plain)?,
        };
        return png(view, &String::from_utf8_lossy(&svg), options);
    }
    if format == Format::Svg && options.theme_auto {
        // The same drawing in both themes, merged; fonts added once.
        let one = |theme| Options {
            theme,
            theme_auto: false,
            fonts: svg::document::Fonts::System,
            text_as_paths: false,
            ..*options
        };
        let light = write(view, Format::Svg, &one(ThemeName::Light))?;
        let dark = write(view, Format::Svg, &one(ThemeName::Dark))?;
        let (light, dark) = (
            String::from_utf8_lossy(&light),
            String::from_utf8_lossy(&dark),
        );
        let Some(auto) = svg::document::auto_theme(&light, &dark) else {
            return Err(WriteError::Limit {
                view: view.spec.name.clone(),
                format: "SVG",
                limit: "its light and dark drawings differ in more than colours".into(),
                hint: "use --theme light or --theme dark".into(),
            });
        };
        let auto = match options.fonts {
            _ if options.text_as_paths => svg::outline::text_as_paths(&auto),
            svg::document::Fonts::Embedded => svg::document::embed_fonts(auto),
            svg::document::Fonts::System => auto,
        };
        return Ok(auto.into_bytes());
    }
    if format == Format::Svg && options.text_as_paths {
        let plain = Options {
            text_as_paths: false,
            ..*options
        };
        let svg = write(view, Format::Svg, &plain)?;
        // Glyph by glyph from lineage's fonts, keeping the document's
        // structure (ids, groups, title); works in every build.
        return Ok(svg::outline::text_as_paths(&String::from_utf8_lossy(&svg)).into_bytes());
    }
    let text = match (view.spec.kind, format) {
        (ViewKind::Lineage, Format::Dot) => dot::write(view, options),
        (ViewKind::Lineage, Format::Mermaid) => mermaid::write(view, options)?,
        (ViewKind::Lineage, Format::Markdown) => mermaid::markdown(view, options)?,
        (ViewKind::Lineage, Format::Svg) => svg::checked(view, options, None)?,
        (ViewKind::Lineage, Format::LayoutJson) => svg::layout_json(view, options),
        (kind, format) if format.supports(kind) => capability::write(view, format, options)?,
        (kind, format) => {
            return Err(WriteError::Unsupported {
                view: view.spec.name.clone(),
                kind: kind_name(kind),
                format: format.name(),
            })
        }
    };
    if format == Format::Svg && options.fonts == svg::document::Fonts::Embedded {
        return Ok(svg::document::embed_fonts(text).into_bytes());
    }
    Ok(text.into_bytes())
}

pub(crate) fn kind_name(kind: ViewKind) -> &'static str {
    match kind {
        ViewKind::Lineage => "lineage",
        ViewKind::Matrix => "capability-matrix",
        ViewKind::Flow => "capability-flow",
        ViewKind::Table => "comparison-table",
    }
}

#[cfg(feature = "png")]
fn png(view: &View, svg: &str, options: &Options) -> Result<Vec<u8>, WriteError> {
    let scale = options.scale;
    png::rasterise(svg, scale, |w, h| check_png_size(view, w, h, scale)).map_err(|e| match e {
        png::Failure::Write(e) => e,
        png::Failure::Other(limit) => WriteError::Limit {
            view: view.spec.name.clone(),
            format: "PNG",
            limit,
            hint: "try a smaller --scale, or --format svg".into(),
        },
    })
}

#[cfg(not(feature = "png"))]
fn png(view: &View, _svg: &str, _options: &Options) -> Result<Vec<u8>, WriteError> {
    Err(WriteError::Limit {
        view: view.spec.name.clone(),
        format: "PNG",
        limit: "this build has no PNG support".into(),
        hint: "build with the `png` feature (on by default)".into(),
    })
}

/// A figure too big for where it lands: a warning, not an error (it is
/// still drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct FitWarning {
    pub message: String,
    pub hint: String,
}

/// Whether the view's figure in `format` fits where it lands (Mermaid and
/// Markdown: an 880 px docs column; a lineage SVG or PNG at `--size slide`:
/// a 1920×1080 slide, at `--size doc`: a 760 px docs column); if not, a
/// warning (the figure is still drawn).
pub fn fit(view: &View, format: Format, options: &Options) -> Option<FitWarning> {
    match (view.spec.kind, format) {
        (ViewKind::Lineage, Format::Mermaid | Format::Markdown) => mermaid::fit(view, options.lang),
        (ViewKind::Flow, Format::Mermaid | Format::Markdown) => {
            capability::flow::mermaid_fit(view, options.lang)
        }
        (ViewKind::Lineage, Format::Svg | Format::Png) => svg::frame_fit(view, options),
        _ => None,
    }
}

/// The view as a Markdown block for `lineage inject`: a fenced Mermaid
/// flowchart for lineage and flow views, a table for matrix and table views.
pub fn markdown_block(view: &View, options: &Options) -> Result<String, WriteError> {
    match view.spec.kind {
        ViewKind::Lineage => mermaid::fenced(view, options),
        ViewKind::Flow => {
            let text = capability::write(view, Format::Mermaid, options)?;
            Ok(format!("```mermaid\n{text}```\n"))
        }
        ViewKind::Matrix | ViewKind::Table => capability::write(view, Format::Markdown, options),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lineage::fixtures::lineage;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(4_800_760), "4,800,760");
    }

    #[test]
    fn an_svg_over_the_side_limit_is_refused_with_its_size_and_dates() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [(id: "a", name: "A", date: "1990"), (id: "b", name: "B", date: "2020")])"#,
        );
        let view = &View::all(&l)[0];
        assert!(check_svg_size(view, MAX_SVG_SIDE, 100.0).is_ok());
        let err = check_svg_size(view, MAX_SVG_SIDE + 1.0, 100.0).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("100,000,001 × 100 px"), "{message}");
        assert!(message.contains("1990 to 2020 (31 years)"), "{message}");
        assert!(err.hint().contains("layers: Compact"), "{}", err.hint());
    }

    #[test]
    fn a_png_over_either_limit_is_refused_with_a_scale_that_fits() {
        let l = lineage(
            r#"Lineage(title: "t", methods: { "m": (label: "M") },
               models: [(id: "a", name: "A", date: "2020")])"#,
        );
        let view = &View::all(&l)[0];
        assert_eq!(check_png_size(view, 1000.0, 500.0, 2.0), Ok((2000, 1000)));
        // One side too long.
        let err = check_png_size(view, 20_000.0, 10.0, 2.0).unwrap_err();
        assert!(err.to_string().contains("40,000 × 20 px"), "{err}");
        assert!(err.hint().contains("(--scale 1.6 fits)"), "{}", err.hint());
        // Too many pixels.
        let err = check_png_size(view, 10_000.0, 10_000.0, 2.0).unwrap_err();
        assert!(err.to_string().contains("400 megapixels"), "{err}");
        assert!(err.hint().contains("(--scale 1.0 fits)"), "{}", err.hint());
        let (w, h) = check_png_size(view, 10_000.0, 10_000.0, 1.0).unwrap();
        assert!(w as u64 * h as u64 <= MAX_PNG_PIXELS);
    }
}
