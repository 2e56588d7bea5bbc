//! The change marks of capability chips (+, ○, ◆, ↑, ↓, ↺, −) drawn as
//! small vector shapes instead of font glyphs.
//!
//! The hand-drawn face (Comic Neue) has none of ○ ◆ ↑ ↓ ↺, so as text they
//! fall back to whatever font a renderer finds (a serif one in resvg, for
//! the whole chip). As shapes they look the same everywhere. Each icon fills
//! the slot its chip measured for it (`card::MARK_SLOT`), so nothing moves.
//! This module only draws; it decides no positions of its own.

use super::pen::r;
use crate::data::ChangeKind;
use crate::layout::Point;
use crate::palette::Rgb;
use svg::node::element::Path;

/// The icon of `kind` for text at font size `size` whose baseline is at
/// `baseline`, in the box `x .. x + advance`.
pub fn change_icon(
    kind: ChangeKind,
    x: f64,
    baseline: f64,
    advance: f64,
    size: f64,
    color: Rgb,
) -> Path {
    let half = ((0.85 * advance).min(size * 0.6) / 2.0).max(0.5);
    let c = Point {
        x: x + advance / 2.0,
        y: baseline - size * 0.33,
    };
    let stroke = |d: String| {
        Path::new()
            .set("class", "mark")
            .set("d", d)
            .set("fill", "none")
            .set("stroke", color.hex())
            .set("stroke-width", r(size * 0.11))
            .set("stroke-linecap", "round")
            .set("stroke-linejoin", "round")
    };
    let fill = |d: String| {
        Path::new()
            .set("class", "mark")
            .set("d", d)
            .set("fill", color.hex())
    };
    let p = |dx: f64, dy: f64| format!("{},{}", r(c.x + dx * half), r(c.y + dy * half));
    match kind {
        ChangeKind::Gained => stroke(format!(
            "M{}L{}M{}L{}",
            p(-1.0, 0.0),
            p(1.0, 0.0),
            p(0.0, -1.0),
            p(0.0, 1.0)
        )),
        ChangeKind::Lost => stroke(format!("M{}L{}", p(-1.0, 0.0), p(1.0, 0.0))),
        ChangeKind::Latent => stroke(format!(
            "M{}A{r},{r} 0 1 0 {}A{r},{r} 0 1 0 {}Z",
            p(-0.85, 0.0),
            p(0.85, 0.0),
            p(-0.85, 0.0),
            r = r(0.85 * half)
        )),
        ChangeKind::Unlocked => fill(format!(
            "M{}L{}L{}L{}Z",
            p(0.0, -1.1),
            p(0.9, 0.0),
            p(0.0, 1.1),
            p(-0.9, 0.0)
        )),
        ChangeKind::Strengthened => stroke(arrow(&p, -1.0)),
        ChangeKind::Weakened => stroke(arrow(&p, 1.0)),
        ChangeKind::Recovered => stroke(turn(&p, half)),
    }
}

/// A vertical arrow; `dir` -1 points up, 1 down.
fn arrow(p: &dyn Fn(f64, f64) -> String, dir: f64) -> String {
    format!(
        "M{}L{}M{}L{}L{}",
        p(0.0, -dir),
        p(0.0, dir),
        p(-0.7, dir * 0.25),
        p(0.0, dir),
        p(0.7, dir * 0.25)
    )
}

/// An open circle turning anticlockwise, its head at the gap on the upper right.
fn turn(p: &dyn Fn(f64, f64) -> String, half: f64) -> String {
    let rad = 0.85;
    let on_ring = |deg: f64| {
        let t = f64::to_radians(deg);
        (rad * t.cos(), -rad * t.sin())
    };
    let (sx, sy) = on_ring(100.0);
    let (ex, ey) = on_ring(15.0);
    // Anticlockwise on the page: at the end the ring heads along (-sin, -cos).
    let t = f64::to_radians(15.0);
    let (tx, ty) = (-t.sin(), -t.cos());
    let (nx, ny) = (-ty, tx);
    let (back, wide) = (0.55, 0.5);
    format!(
        "M{}A{r},{r} 0 1 0 {}M{}L{}L{}",
        p(sx, sy),
        p(ex, ey),
        p(ex - tx * back + nx * wide, ey - ty * back + ny * wide),
        p(ex, ey),
        p(ex - tx * back - nx * wide, ey - ty * back - ny * wide),
        r = r(rad * half)
    )
}
