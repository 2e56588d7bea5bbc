//! The command-line surface: every command, argument and option, as clap
//! reads them. Nothing here runs a command.

use crate::data::ViewKind;
use crate::lineage::Lang;
use crate::palette::ThemeName;
use crate::write::{FigureSize, Format, Style};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "lineage",
    version,
    about = "Lineage and capability-inheritance data in RON, drawn as DOT, Mermaid and SVG",
    after_help = "Exit codes: 0 success, 1 `--check` found stale figures, 2 bad input or a failed write."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate lineage files (default: every graphs/*.ron).
    Check {
        /// Lineage files, or graph names in graphs/ (default: every graphs/*.ron).
        files: Vec<PathBuf>,
    },
    /// What a model can do and why.
    Explain {
        /// A lineage file, or a graph name in graphs/ (e.g. `gpt`).
        file: PathBuf,
        /// The model id.
        model: String,
        /// One capability id: tell its story.
        capability: Option<String>,
        /// Print JSON for programs.
        #[arg(long)]
        json: bool,
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
    },
    /// Draw figures: every view of every graphs/*.ron into output/ by default.
    Render(RenderArgs),
    /// Update the figures between `<!-- lineage:begin GRAPH/VIEW -->` and
    /// `<!-- lineage:end -->` in Markdown files.
    Inject {
        /// Markdown files to update.
        files: Vec<PathBuf>,
        /// Write nothing; exit 1 if any block is stale.
        #[arg(long, conflicts_with = "watch")]
        check: bool,
        /// Update again whenever a Markdown file or a graph changes, until interrupted.
        #[arg(long)]
        watch: bool,
    },
    /// Print a generated lineage (RON) for benchmarks and experiments.
    Generate {
        /// How many models.
        #[arg(long, default_value_t = 100)]
        models: usize,
        /// The same seed gives the same lineage.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print shell completions.
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Lineage files, or graph names in graphs/ (default: every graphs/*.ron).
    pub files: Vec<PathBuf>,
    /// Only these views (default: every view the file declares).
    #[arg(long = "view")]
    pub views: Vec<String>,
    /// Only these formats (default: dot, mermaid, md and svg, each where the view's kind has it).
    #[arg(long = "format", value_enum)]
    pub formats: Vec<FormatArg>,
    /// Only this language (default: en and zh).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Only this theme (default: SVG in light and dark, others light); `auto`: one SVG that follows the viewer.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Only this style (default: SVG and Mermaid clean and sketch, DOT clean).
    #[arg(long, value_enum)]
    pub style: Option<StyleArg>,
    /// Seed of the hand-drawn look.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// PNG pixels per SVG px.
    #[arg(long, default_value_t = 2.0)]
    pub scale: f32,
    /// SVG text as outlines, for slide tools that ignore web fonts.
    #[arg(long)]
    pub text_as_paths: bool,
    /// The size SVG and PNG figures declare: natural, a 16:9 slide (drawn for a slide: brief
    /// cards, methods by colour), or a doc column.
    #[arg(long, value_enum, default_value_t = SizeArg::Natural)]
    pub size: SizeArg,
    /// Output folder, or `-` for one figure on standard output.
    #[arg(short = 'o', long = "out", default_value = "output")]
    pub out: String,
    /// Write nothing; exit 1 if any figure in the output folder is missing,
    /// stale, or no longer produced.
    #[arg(long, conflicts_with = "watch")]
    pub check: bool,
    /// Render again whenever an input file changes, until interrupted; bad
    /// input is reported and waited out.
    #[arg(long)]
    pub watch: bool,
    /// Replace files in the output folder that lineage did not write (or that
    /// were edited since). Files lineage does not produce are never removed.
    #[arg(long)]
    pub force: bool,
    // Fonts (issue 13): what an SVG carries, and fonts the user adds.
    /// `embedded`: each SVG carries the fonts it draws with, cut down to its
    /// characters, so it looks the same in every viewer; `system`: a lighter
    /// SVG drawn with the viewer's fonts.
    #[arg(long, value_enum, default_value_t = FontsArg::Embedded)]
    pub fonts: FontsArg,
    /// A font file (TTF or OTF) for characters lineage's fonts lack (emoji,
    /// rare characters): measured, embedded and drawn in every format.
    /// Repeat to add more; the first that has a character draws it.
    #[arg(long = "font", value_name = "FILE")]
    pub font_files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FontsArg {
    Embedded,
    System,
}

impl RenderArgs {
    /// Whether the arguments narrow the figures of a graph (a view, format,
    /// look or size other than the default set), so that the render does
    /// not complete any graph and removes none of its older figures.
    pub fn is_partial(&self) -> bool {
        !self.views.is_empty()
            || !self.formats.is_empty()
            || self.lang.is_some()
            || self.theme.is_some()
            || self.style.is_some()
            || self.size != SizeArg::Natural
    }

    pub fn fonts_mode(&self) -> crate::write::svg::document::Fonts {
        match self.fonts {
            FontsArg::Embedded => crate::write::svg::document::Fonts::Embedded,
            FontsArg::System => crate::write::svg::document::Fonts::System,
        }
    }

    pub fn figure_size(&self) -> FigureSize {
        match self.size {
            SizeArg::Natural => FigureSize::Natural,
            SizeArg::Slide => FigureSize::Slide,
            SizeArg::Doc => FigureSize::Doc,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, PartialOrd, Ord)]
pub enum FormatArg {
    Dot,
    Mermaid,
    Md,
    Svg,
    LayoutJson,
    Png,
}

impl FormatArg {
    /// What a plain `render` writes.
    pub const DEFAULT: [FormatArg; 4] = [
        FormatArg::Dot,
        FormatArg::Mermaid,
        FormatArg::Md,
        FormatArg::Svg,
    ];

    pub fn format(self) -> Format {
        match self {
            FormatArg::Dot => Format::Dot,
            FormatArg::Mermaid => Format::Mermaid,
            FormatArg::Md => Format::Markdown,
            FormatArg::Svg => Format::Svg,
            FormatArg::LayoutJson => Format::LayoutJson,
            FormatArg::Png => Format::Png,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SizeArg {
    Natural,
    Slide,
    Doc,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ThemeArg {
    Light,
    Dark,
    /// One SVG that follows the viewer's light or dark mode (PNG: light).
    Auto,
}

impl From<ThemeArg> for ThemeName {
    fn from(t: ThemeArg) -> ThemeName {
        match t {
            ThemeArg::Light | ThemeArg::Auto => ThemeName::Light,
            ThemeArg::Dark => ThemeName::Dark,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StyleArg {
    Clean,
    Sketch,
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Style {
        match s {
            StyleArg::Clean => Style::Clean,
            StyleArg::Sketch => Style::Sketch,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

/// The looks a plain `render` draws a format in.
pub fn default_looks(format: Format, kind: ViewKind) -> Vec<(ThemeName, Style)> {
    use {Style::*, ThemeName::*};
    // A Markdown table has no look of its own.
    if format == Format::Markdown && matches!(kind, ViewKind::Matrix | ViewKind::Table) {
        return vec![(Light, Clean)];
    }
    match format {
        Format::Svg | Format::Png => vec![
            (Light, Clean),
            (Dark, Clean),
            (Light, Sketch),
            (Dark, Sketch),
        ],
        Format::Mermaid | Format::Markdown => vec![(Light, Clean), (Light, Sketch)],
        Format::Dot | Format::LayoutJson => vec![(Light, Clean)],
    }
}
