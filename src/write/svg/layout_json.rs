//! The lineage figure's layout as JSON (`--format layout-json`), for tests
//! and inspection: borrowed records serialized in reading order.

use super::*;

/// `layout-json`: the layout as data, with model ids. Serialized straight
/// from borrowed records (no JSON tree in memory: a 100,000-model layout
/// has millions of route points).
pub fn layout_json(view: &View, options: &Options) -> String {
    let fig = figure(view, options);
    let ids: Vec<&str> = view
        .models
        .iter()
        .map(|&n| view.lineage.model(n).id.as_str())
        .collect();
    let layout = &fig.layout;
    let doc = LayoutDoc {
        view: &view.spec.name,
        width: layout.width,
        height: layout.height,
        direction: layout.direction,
        nodes: layout
            .nodes
            .iter()
            .zip(&ids)
            .map(|(rect, id)| NodeDoc { id, rect })
            .collect(),
        edges: layout
            .edges
            .iter()
            .map(|route| EdgeDoc {
                from: ids[route.from],
                to: ids[route.to],
                points: &route.points,
                label: route.label.as_ref(),
            })
            .collect(),
        lanes: layout
            .lanes
            .iter()
            .map(|band| LaneDoc {
                branch: &fig.graph.lanes[band.lane],
                rect: &band.rect,
            })
            .collect(),
        axis: &layout.axis,
        breaks: &layout.breaks,
    };
    let mut out = Vec::with_capacity(estimate(layout));
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Records::default());
    if doc.serialize(&mut ser).is_err() {
        return String::new();
    }
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// About how many bytes the JSON of `layout` takes.
fn estimate(layout: &Layout) -> usize {
    let points: usize = layout.edges.iter().map(|e| e.points.len()).sum();
    4096 + layout.nodes.len() * 120 + layout.edges.len() * 160 + points * 22
}

/// JSON indented down to the records (a node, an edge, a lane, a tick),
/// each record's boxes and route points on one line: as easy to read, and
/// a large layout's millions of points take a third of the bytes they took
/// one line per coordinate.
#[derive(Default)]
struct Records {
    pretty: serde_json::ser::PrettyFormatter<'static>,
    /// How many arrays and objects are open.
    depth: usize,
}

/// Containers this deep or less are indented: the document, its lists,
/// their records.
const INDENTED: usize = 3;

macro_rules! by_depth {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            if self.depth <= INDENTED {
                self.pretty.$name(w $(, $arg)*)
            } else {
                serde_json::ser::CompactFormatter.$name(w $(, $arg)*)
            }
        })*
    };
}

impl serde_json::ser::Formatter for Records {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        if self.depth <= INDENTED {
            self.pretty.begin_array(w)
        } else {
            serde_json::ser::CompactFormatter.begin_array(w)
        }
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        if self.depth <= INDENTED {
            self.pretty.begin_object(w)
        } else {
            serde_json::ser::CompactFormatter.begin_object(w)
        }
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let r = if self.depth <= INDENTED {
            self.pretty.end_array(w)
        } else {
            serde_json::ser::CompactFormatter.end_array(w)
        };
        self.depth -= 1;
        r
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let r = if self.depth <= INDENTED {
            self.pretty.end_object(w)
        } else {
            serde_json::ser::CompactFormatter.end_object(w)
        };
        self.depth -= 1;
        r
    }

    by_depth! {
        begin_array_value(first: bool);
        end_array_value();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[derive(Serialize)]
pub(super) struct LayoutDoc<'a> {
    view: &'a str,
    width: f64,
    height: f64,
    direction: Direction,
    nodes: Vec<NodeDoc<'a>>,
    edges: Vec<EdgeDoc<'a>>,
    lanes: Vec<LaneDoc<'a>>,
    axis: &'a [Tick],
    /// Stretches of time left out of the axis; absent when there are none.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    breaks: &'a [crate::layout::Break],
}

#[derive(Serialize)]
pub(super) struct NodeDoc<'a> {
    id: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}

#[derive(Serialize)]
pub(super) struct EdgeDoc<'a> {
    from: &'a str,
    to: &'a str,
    points: &'a [Point],
    label: Option<&'a Rect>,
}

#[derive(Serialize)]
pub(super) struct LaneDoc<'a> {
    branch: &'a str,
    #[serde(rename = "box")]
    rect: &'a Rect,
}
