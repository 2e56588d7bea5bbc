//! SVG figures drawn from the layout.
use super::Options;
use crate::view::View;

pub fn write(view: &View, _options: &Options) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title></svg>\n",
        view.spec.name
    )
}

pub fn layout_json(_view: &View, _options: &Options) -> String {
    "{}\n".to_string()
}
