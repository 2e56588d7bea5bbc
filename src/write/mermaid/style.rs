//! Colours and look of a Mermaid figure: the front matter (theme, look,
//! every colour explicit), the title node, branch and link styles, and the
//! ink that keeps a colour legible on its fill. No label text is escaped
//! here (see `quote`).

use super::label;
use crate::palette::{self, Rgb, Theme, ThemeName};
use crate::write::svg::card::clean;
use crate::write::{Options, Style};

/// `hue` darkened (light theme) or lightened (dark theme) until it reads at
/// 5:1 on `fill` (4.5:1 is the bar; the margin covers Mermaid's own
/// translucent label backgrounds).
pub fn ink_on(theme: &Theme, hue: Rgb, fill: Rgb) -> Rgb {
    let target = match theme.name {
        ThemeName::Light => Rgb(0, 0, 0),
        ThemeName::Dark => Rgb(0xff, 0xff, 0xff),
    };
    let mut out = hue;
    let mut t = 0.0;
    while out.contrast(fill) < 5.0 && t < 1.0 {
        t += 0.05;
        out = hue.mix(target, t);
    }
    out
}

/// `style` for the subgraph `g` of the branch with colour index `b`: a tint
/// of the branch colour, its title in a darker shade of it.
pub fn branch_style(g: &str, b: usize, theme: &Theme) -> String {
    let hue = palette::branch(b);
    let fill = theme.tint(hue, 0.12);
    format!(
        "style {g} fill:{},stroke:{},color:{}",
        fill.hex(),
        theme.tint(hue, 0.55).hex(),
        ink_on(theme, hue, fill).hex()
    )
}

/// `linkStyle` for `links` drawn in the colour of method slot `slot` (see
/// `View::method_slot`), their labels too
/// (`color`; Mermaid 11.3 sets it on the label's `span` only, and the
/// `themeCSS` of [`front_matter`] lets the label text inherit it).
pub fn link_style(links: &[usize], slot: usize, width: &str, theme: &Theme) -> String {
    let hue = palette::method(slot);
    let links: Vec<String> = links.iter().map(|i| i.to_string()).collect();
    format!(
        "linkStyle {} stroke:{},stroke-width:{width},color:{}",
        links.join(","),
        hue.hex(),
        ink_on(theme, hue, theme.background).hex()
    )
}

/// The front matter every Mermaid figure starts with, between its `---`
/// lines: the layout, the theme and the look.
///
/// The theme is `base` with every colour given (`themeVariables` from our
/// [`Theme`]), so Mermaid 11.3 and today's derive nothing of their own.
/// There is no front-matter `title`: Mermaid draws it on the page, and
/// WCAG's 4.5:1 between text and what is behind it cannot hold for one
/// colour on both a white page and GitHub's dark #0d1117 (the best reaches
/// 4.35:1); the title is a node with its own fill instead ([`title_node`]).
/// `themeCSS` lets an edge label's text take the `color` of its
/// `linkStyle`: Mermaid 11.3 puts that colour on the label's `span` but
/// colours the `p` inside with the node text colour (today's Mermaid
/// needs no help; the rule is a plain stylesheet, as it requires).
pub fn front_matter(options: &Options) -> String {
    let theme = Theme::get(options.theme);
    let mut out = String::from("---\nconfig:\n  layout: dagre\n  theme: base\n");
    match options.style {
        Style::Clean => out.push_str("  look: classic\n"),
        Style::Sketch => {
            out.push_str("  look: handDrawn\n");
            out.push_str(&format!("  handDrawnSeed: {}\n", options.seed));
        }
    }
    out.push_str("  themeVariables:\n");
    let dark = theme.name == ThemeName::Dark;
    out.push_str(&format!("    darkMode: {dark}\n"));
    for (name, colour) in [
        ("background", theme.background),
        ("primaryColor", theme.card),
        ("primaryTextColor", theme.text),
        ("primaryBorderColor", theme.card_stroke),
        ("secondaryColor", theme.card),
        ("tertiaryColor", theme.background),
        ("lineColor", theme.muted),
        ("textColor", theme.text),
        ("titleColor", theme.text),
        ("edgeLabelBackground", theme.background),
        ("clusterBkg", theme.background),
        ("clusterBorder", theme.card_stroke),
    ] {
        out.push_str(&format!("    {name}: \"{}\"\n", colour.hex()));
    }
    out.push_str("  themeCSS: \".edgeLabel p { color: inherit; }\"\n");
    out.push_str("---\n");
    out
}

/// The figure's title as a node `t0` (class `lnTitle`: the theme's
/// background as fill and border, larger bold text), tied above `first` by
/// an invisible link, which must come after every visible link.
pub fn title_node(title: &str, first: Option<&str>, theme: &Theme) -> String {
    // One line; `label` escapes it like any label, so it shows as written.
    let mut out = format!("  t0[\"{}\"]\n", label(&clean(title)));
    if let Some(first) = first {
        out.push_str(&format!("  t0 ~~~ {first}\n"));
    }
    out.push_str(&format!(
        "  classDef lnTitle fill:{},stroke:{},color:{},font-size:20px,font-weight:bold\n  class t0 lnTitle\n",
        theme.background.hex(),
        theme.background.hex(),
        theme.text.hex()
    ));
    out
}
