//! Issue 15, the data format's part: what a lineage file can now say
//! (`end`, `renamed`, a date on a derivation, methods that carry nothing,
//! per-view subtitles), that dates compare at the precision written, and
//! that `tests/distros.ron`, a small lineage of the shape the issue was
//! tried on, says all of it and passes `check`.

use lineage::diagnostics::Diagnostic;
use lineage::explain;
use lineage::figure::lineage::Card;
use lineage::lineage::{load, Lang, Lineage, State};
use lineage::view::View;

const DISTROS: &str = include_str!("distros.ron");

fn ok(text: &str) -> (Lineage, Vec<Diagnostic>) {
    match load("t.ron", text.as_bytes()) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{}", e.iter().map(|d| d.render(false)).collect::<String>()),
    }
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match load("t.ron", text.as_bytes()) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e,
    }
}

fn distros() -> Lineage {
    let (l, warnings) = ok(DISTROS);
    assert!(warnings.is_empty(), "{warnings:?}");
    l
}

fn view<'a>(l: &'a Lineage, name: &str) -> View<'a> {
    View::all(l)
        .into_iter()
        .find(|v| v.spec.name == name)
        .unwrap()
}

fn card(l: &Lineage, view_name: &str, id: &str, lang: Lang) -> Card {
    Card::of(&view(l, view_name), l.find_model(id).unwrap(), lang)
}

fn state(l: &Lineage, model: &str, cap: &str) -> State {
    let n = l.find_model(model).unwrap();
    l.inheritance
        .trace(n, l.find_capability(cap).unwrap())
        .state
}

/// Two models, "p" then "c" derived from it, with the given fields.
fn pair(parent: &str, child: &str, edge: &str) -> String {
    format!(
        r#"Lineage(title: "t", methods: {{ "m": (label: "M") }}, models: [
             (id: "p", name: "P", {parent}),
             (id: "c", name: "C", {child}, from: [(parent: "p", via: "m"{edge})]),
           ])"#
    )
}

#[test]
fn distros_ron_passes_check_and_uses_every_addition() {
    let l = distros();
    assert_eq!(l.graph.node_count(), 15);
    let m = |id: &str| l.model(l.find_model(id).unwrap());
    assert!(m("debian-3.0").end.is_known());
    assert_eq!(m("corel").renamed.len(), 1);
    assert_eq!(m("deepin").renamed.len(), 2);
    assert!(l.graph.edge_weights().any(|d| d.date.is_known()));
    assert!(l.graph.edge_weights().any(|d| !d.carries));
    assert!(l.views.iter().any(|v| v.subtitle.is_some()));
}

#[test]
fn dates_compare_at_the_precision_written() {
    // Issue 15: "a child dated 2023-11-02 under a parent dated 2023-11-29 passes".
    let e = errors(&pair(r#"date: "2023-11-29""#, r#"date: "2023-11-02""#, ""));
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].message,
        "model \"c\" (2023-11-02) is dated before its parent \"p\" (2023-11-29)"
    );
    assert!(e[0].location.is_some() && e[0].hint.is_some());
    // A coarser date covers its whole month: no contradiction.
    ok(&pair(r#"date: "2023-11-29""#, r#"date: "2023-11""#, ""));
    ok(&pair(r#"date: "2023-11-02""#, r#"date: "2023-11-02""#, ""));
    ok(&pair(
        r#"date: "about 2023-11-29""#,
        r#"date: "2022-12-01""#,
        "",
    ));
}

#[test]
fn end_is_checked_carried_and_shown() {
    let l = distros();
    let n = l.find_model("debian-3.1").unwrap();
    assert_eq!(l.model(n).end.to_string(), "2008-03-31");
    assert_eq!(
        l.model(l.find_model("deepin").unwrap()).end,
        lineage::date::Date::Unknown
    );
    let c = card(&l, "timeline", "debian-3.1", Lang::En);
    assert_eq!(c.date, "2005-06-06");
    assert_eq!(c.end.as_deref(), Some("2008-03-31"));
    assert_eq!(c.lifespan, "2005-06-06 – 2008-03-31");
    assert_eq!(c.meta(false)[0], "2005-06-06 – 2008-03-31");
    let zh = card(&l, "timeline", "debian-3.1", Lang::Zh);
    assert_eq!(zh.lifespan, "2005-06-06 至 2008-03-31");
    // The same day is no contradiction; the day before is.
    ok(&pair(
        r#"date: "2020""#,
        r#"date: "2021-03-04", end: "2021-03-04""#,
        "",
    ));
    let e = errors(&pair(
        r#"date: "2020""#,
        r#"date: "2021-03-04", end: "2021-03-03""#,
        "",
    ));
    assert_eq!(
        e[0].message,
        "model \"c\" ends (2021-03-03) before it begins (2021-03-04)"
    );
    let at = e[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.column), (3, 60), "at the `end` text");
}

#[test]
fn renames_show_the_current_name_and_the_former_ones() {
    let l = distros();
    let c = card(&l, "timeline", "corel", Lang::En);
    assert_eq!(c.name, "Xandros");
    assert_eq!(c.formerly.as_deref(), Some("formerly Corel Linux"));
    assert_eq!(c.meta(false), ["1999-11-15 – 2009", "formerly Corel Linux"]);
    let deepin = card(&l, "timeline", "deepin", Lang::En);
    assert_eq!(deepin.name, "Linux Deepin");
    assert_eq!(
        deepin.formerly.as_deref(),
        Some("formerly Hiwix, Hiweed Linux")
    );
    let zh = card(&l, "timeline", "deepin", Lang::Zh);
    assert_eq!(zh.name, "深度 Linux");
    assert_eq!(zh.formerly.as_deref(), Some("曾用名 Hiwix、Hiweed Linux"));
    // Renames out of order are refused, with the place and a hint.
    let e = errors(&pair(
        r#"date: "2000""#,
        r#"date: "2001", renamed: [(date: "2005", name: "B"), (date: "2003", name: "A")]"#,
        "",
    ));
    assert!(
        e[0].message.contains("before its earlier rename"),
        "{:?}",
        e[0]
    );
    assert!(e[0].hint.as_deref().unwrap().contains("date order"));
}

#[test]
fn a_dated_derivation_is_checked_by_its_own_date() {
    let l = distros();
    // Each Ubuntu release imports Debian's testing before Debian's release:
    // the child is dated before its parent, and that is no error.
    let ubuntu = l.model(l.find_model("ubuntu-4.10").unwrap());
    let debian = l.model(l.find_model("debian-3.1").unwrap());
    assert!(ubuntu.date.surely_before(&debian.date));
    // Kurumin (2003) was re-based on Ubuntu 8.04 (2008) in 2008.
    let kurumin = l.find_model("kurumin").unwrap();
    let (edge, parent) = l.parents(kurumin)[1];
    assert_eq!(l.model(parent).id, "ubuntu-8.04");
    assert_eq!(l.graph[edge].date.to_string(), "2008-06");
    // Without the derivation's date, the same data is an error.
    let e = errors(&pair(r#"date: "2008-04-24""#, r#"date: "2003-01-14""#, ""));
    assert!(e[0].message.contains("is dated before its parent"));
    assert!(e[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("date the derivation"));
    // A pre-release import: dated no later than the child.
    ok(&pair(
        r#"date: "2007-04-08""#,
        r#"date: "2006-06-01""#,
        r#", date: "2005-12""#,
    ));
    // A re-basing: dated after the child, not before the parent.
    ok(&pair(
        r#"date: "2008-04-24""#,
        r#"date: "2003-01-14""#,
        r#", date: "2008-06""#,
    ));
    let e = errors(&pair(
        r#"date: "2008-04-24""#,
        r#"date: "2003-01-14""#,
        r#", date: "2008-04-23""#,
    ));
    assert_eq!(
        e[0].message,
        "the derivation of \"c\" from \"p\" is dated 2008-04-23, after \"c\" itself \
         (2003-01-14) and before its parent (2008-04-24)"
    );
    let at = e[0].location.as_ref().unwrap();
    assert_eq!((at.line, at.column), (3, 92), "at the derivation's date");
    // Not after the child's end.
    let e = errors(&pair(
        r#"date: "2008""#,
        r#"date: "2003", end: "2009""#,
        r#", date: "2010""#,
    ));
    assert!(
        e[0].message.contains("after \"c\" ended (2009)"),
        "{:?}",
        e[0]
    );
}

#[test]
fn a_method_that_carries_nothing_hands_nothing_down() {
    let l = distros();
    let inspired = l.methods.iter().find(|m| m.id == "inspired").unwrap();
    assert!(!inspired.carries);
    // Pardus's only parent is an inspiration: it starts empty.
    assert_eq!(state(&l, "pardus", "apt"), State::Absent);
    assert!(state(&l, "pardus", "live-cd").is_present());
    // Dapper was inspired by Knoppix's live CD: it has its own, and not
    // Knoppix's hardware detection; it still has what its releases carry.
    assert_eq!(state(&l, "ubuntu-6.06", "hw-detect"), State::Absent);
    let dapper = l.find_model("ubuntu-6.06").unwrap();
    let live = l.find_capability("live-cd").unwrap();
    assert_eq!(l.inheritance.path(dapper, live), vec![dapper]);
    assert!(state(&l, "ubuntu-6.06", "apt").is_present());
    // Kurumin forked Knoppix: everything came through.
    assert!(state(&l, "kurumin", "hw-detect").is_present());
    // explain says so, for people and for programs.
    let text = explain::text(&l, dapper, Lang::En);
    assert!(
        text.contains("from knoppix by Inspired by (hands down no capabilities)"),
        "{text}"
    );
    assert!(
        text.contains("from debian-4.0 by Import of testing, 2005-12"),
        "{text}"
    );
    let report = explain::report(&l, dapper, Lang::En);
    let knoppix = report.from.iter().find(|p| p.model == "knoppix").unwrap();
    assert!(!knoppix.carries);
    assert!(report.capabilities.iter().all(|c| c.id != "hw-detect"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["end"], "2009-07-14");
    assert_eq!(json["from"][1]["date"], "2005-12");
}

#[test]
fn explain_tells_the_lifespan_and_the_renames() {
    let l = distros();
    let deepin = l.find_model("deepin").unwrap();
    let text = explain::text(&l, deepin, Lang::En);
    assert!(
        text.starts_with("Linux Deepin (deepin), 2004-02\n"),
        "{text}"
    );
    assert!(text.contains("formerly Hiwix, Hiweed Linux"), "{text}");
    assert!(text.contains("renamed Hiweed Linux, about 2006"), "{text}");
    let corel = l.find_model("corel").unwrap();
    assert!(explain::text(&l, corel, Lang::En).starts_with("Xandros (corel), 1999-11-15 – 2009\n"));
    let json = serde_json::to_value(explain::report(&l, deepin, Lang::En)).unwrap();
    assert_eq!(json["renamed"][1]["name"], "Linux Deepin");
    assert_eq!(json["renamed"][1]["date"], "2009");
    assert!(json.get("end").is_none(), "left out when unknown");
}

#[test]
fn a_view_shows_its_own_subtitle_and_only_the_whole_lineage_the_files() {
    let l = distros();
    let imports = view(&l, "imports");
    assert_eq!(
        imports.subtitle().map(|t| t.get(Lang::Zh)),
        Some("每个 Ubuntu 版本都从 Debian 测试版开始，比 Debian 正式发布早几个月")
    );
    assert!(view(&l, "kurumin").subtitle().is_some());
    // A declared view without a subtitle does not repeat the file's.
    assert!(l.subtitle.is_some());
    assert_eq!(view(&l, "timeline").subtitle(), None);
    // A file without views: its one view, the whole lineage, has the file's.
    let no_views = DISTROS.split("  views: [").next().unwrap().to_string() + ")";
    let (whole, _) = ok(&no_views);
    let only = View::all(&whole).remove(0);
    assert_eq!(only.subtitle(), whole.subtitle.as_ref());
}

#[test]
fn methods_reject_unknown_fields_by_name() {
    let e =
        errors(r#"Lineage(title: "t", methods: { "m": (label: "M", carries: "no") }, models: [])"#);
    assert!(
        e[0].message.contains("carries") || e[0].message.contains("bool"),
        "{:?}",
        e[0]
    );
    let e =
        errors(r#"Lineage(title: "t", methods: { "m": (label: "M", cary: false) }, models: [])"#);
    assert!(
        e[0].message.contains("unknown field `cary` in Method"),
        "{:?}",
        e[0]
    );
    assert!(
        e[0].hint.as_deref().unwrap().contains("carries"),
        "{:?}",
        e[0]
    );
}

/// Issue 15: lane order is optimised unless the view pins it. A view's
/// `lanes` puts those branches first, in its order (the others after, in
/// declaration order), in every format: the SVG's bands, the DOT's
/// clusters, the Mermaid subgraphs. An unknown or repeated branch is an
/// error that points at it.
#[test]
fn a_view_pins_its_lanes() {
    let text = |lanes: &str| {
        format!(
            r#"Lineage(title: "t", methods: {{ "m": (label: "M") }},
  branches: {{ "a": (label: "Alpha"), "b": (label: "Beta"), "c": (label: "Gamma") }},
  models: [
    (id: "x", name: "X", date: "2000", branch: "a"),
    (id: "y", name: "Y", date: "2001", branch: "b", from: [(parent: "x", via: "m")]),
    (id: "z", name: "Z", date: "2002", branch: "c", from: [(parent: "x", via: "m")]),
  ],
  views: [(name: "v", lanes: [{lanes}])])"#
        )
    };
    let (l, _) = ok(&text(r#""c", "a""#));
    let v = view(&l, "v");
    let order = |s: &str, words: [&str; 3]| -> Vec<usize> {
        words
            .iter()
            .map(|w| s.find(w).unwrap_or_else(|| panic!("{w} in {s}")))
            .collect()
    };
    let options = lineage::write::Options::default();
    let fig = lineage::write::svg::figure(&v, &options);
    let mut bands: Vec<_> = fig.layout.lanes.iter().collect();
    bands.sort_by(|a, b| a.rect.y.total_cmp(&b.rect.y));
    let top_down: Vec<&str> = bands
        .iter()
        .map(|b| fig.graph.lanes[b.lane].as_str())
        .collect();
    assert_eq!(top_down, ["c", "a", "b"], "SVG bands, top to bottom");
    let dot = lineage::write::dot::write(&v, &options);
    let clusters = order(&dot, ["Gamma", "Alpha", "Beta"]);
    assert!(clusters.windows(2).all(|w| w[0] < w[1]), "DOT {dot}");
    let mermaid = lineage::write::mermaid::write(&v, &options).expect("Mermaid is written");
    let subgraphs = order(&mermaid, ["Gamma", "Alpha", "Beta"]);
    assert!(
        subgraphs.windows(2).all(|w| w[0] < w[1]),
        "Mermaid {mermaid}"
    );

    let e = errors(&text(r#""c", "d""#));
    assert!(e[0].message.contains("unknown branch \"d\""), "{:?}", e[0]);
    assert_eq!(
        e[0].location.as_ref().map(|l| l.line),
        Some(8),
        "{:?}",
        e[0]
    );
    let e = errors(&text(r#""c", "c""#));
    assert!(e[0].message.contains("listed twice"), "{:?}", e[0]);
    assert!(e[0].hint.is_some());
}
