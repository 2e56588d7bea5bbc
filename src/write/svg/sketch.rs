//! The hand-drawn style: the same shapes as the clean style, drawn the way a
//! hand draws them. Each line is two slightly different passes with a little
//! bowing and jitter; corners overshoot; circles don't quite close; box fills
//! are hachure clipped exactly to the box, over a light solid tint so text
//! stays readable.
//!
//! All randomness comes from a generator seeded by the global seed and the
//! shape's own key (a model or edge id), so the output is the same on every
//! run, and moving one model changes only the strokes of that model and its
//! edges.

use super::pen::{num, pt, r, Stroke};
use crate::layout::{Point, Rect};
use crate::palette::Rgb;
use crate::rng::Rng;
use std::cell::Cell;
use svg::node::element::{ClipPath, Group, Path};
use svg::Node;

/// Sketch settings for one figure.
pub struct Sketch {
    pub seed: u64,
    /// The background colour the hachure sits on (for the tint under it).
    pub background: Rgb,
    /// Clip paths drawn so far: each gets the next number as its id
    /// (`clip-0`, `clip-1`, …), so ids are unique in the figure by
    /// construction, whatever the model ids are.
    clips: Cell<usize>,
}

impl Sketch {
    /// The sketch of one figure: build one per figure, so clip ids start at 0.
    pub fn new(seed: u64, background: Rgb) -> Sketch {
        Sketch {
            seed,
            background,
            clips: Cell::new(0),
        }
    }

    /// A fresh clip-path id for this figure.
    fn clip_id(&self) -> String {
        let n = self.clips.get();
        self.clips.set(n + 1);
        format!("clip-{n}")
    }
}

/// FNV-1a of the key, mixed with the seed: one generator per shape.
fn rng_for(seed: u64, key: &str) -> Rng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    Rng::new(h)
}

/// A float in `-1..1`.
fn signed(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

impl Sketch {
    /// A box: tint, hachure clipped to it, and a two-pass outline.
    pub fn rect(
        &self,
        key: &str,
        b: Rect,
        radius: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) -> Vec<Box<dyn Node>> {
        let mut rng = rng_for(self.seed, key);
        let rough = (b.w.min(b.h) * 0.02).clamp(0.5, 1.8);
        let mut out: Vec<Box<dyn Node>> = Vec::new();
        if let Some(f) = fill {
            out.push(Box::new(
                rounded(b, radius)
                    .set("fill", f.hex())
                    .set("stroke", "none"),
            ));
            // Hachure in the outline's colour, faint, so text on top stays
            // readable; only outlined boxes (cards, chips) get it: a lane or the
            // page hatched edge to edge is noise, and a large file.
            if let Some(st) = stroke {
                // Small boxes (chips, legend samples) get the tint only.
                if b.w >= 80.0 && b.h >= 40.0 {
                    out.push(self.hachure(b, radius, st.color, &mut rng));
                }
            }
        }
        if let Some(st) = stroke {
            let corners = [
                Point { x: b.x, y: b.y },
                Point {
                    x: b.x + b.w,
                    y: b.y,
                },
                Point {
                    x: b.x + b.w,
                    y: b.y + b.h,
                },
                Point {
                    x: b.x,
                    y: b.y + b.h,
                },
            ];
            let passes = if b.w.min(b.h) >= 24.0 { 2 } else { 1 };
            let mut d = String::new();
            for i in 0..4 {
                let (a, c) = (corners[i], corners[(i + 1) % 4]);
                for pass in 0..passes {
                    let amount = if pass == 0 { rough } else { rough * 0.8 };
                    d.push_str(&rough_line(&mut rng, a, c, amount, true));
                }
            }
            out.push(stroke_path(d, st));
        }
        out
    }

    /// Hatching lines at 45°, one path, clipped to the box's exact shape.
    fn hachure(&self, b: Rect, radius: f64, color: Rgb, rng: &mut Rng) -> Box<dyn Node> {
        let gap = 7.0;
        let mut d = String::new();
        let mut offset = gap * 0.5;
        while offset < b.w + b.h {
            // A line x + y = const across the box, extended past its corners.
            let a = Point {
                x: b.x + offset - b.h - 2.0,
                y: b.y + b.h + 2.0,
            };
            let c = Point {
                x: b.x + offset + 2.0,
                y: b.y - 2.0,
            };
            // Straight strokes, as a hand hatches: whole pixels and a relative
            // second point keep the many lines small in the file.
            let (x0, x1) = (a.x + signed(rng) * 0.8, c.x + signed(rng) * 0.8);
            d.push_str(&format!(
                "M{},{}l{},{}",
                x0.round(),
                a.y.round(),
                (x1 - x0).round(),
                (c.y - a.y).round()
            ));
            offset += gap + signed(rng) * 0.8;
        }
        let id = self.clip_id();
        let clip = ClipPath::new()
            .set("id", id.clone())
            .add(rounded(b, radius));
        let lines = Path::new()
            .set("d", d)
            .set("fill", "none")
            .set("stroke", color.hex())
            .set("stroke-width", 0.8)
            .set("stroke-opacity", 0.28)
            .set("stroke-linecap", "round");
        Box::new(
            Group::new().add(clip).add(
                Group::new()
                    .set("clip-path", format!("url(#{id})"))
                    .add(lines),
            ),
        )
    }

    /// A spline drawn twice, each pass with its control points nudged.
    pub fn curve(&self, key: &str, points: &[Point], stroke: Stroke) -> Vec<Box<dyn Node>> {
        let mut rng = rng_for(self.seed, key);
        let rough = 0.9;
        let mut d = String::new();
        // Long routes get one pass: over many segments the doubling costs
        // more file than it adds look.
        let passes = if points.len() <= 7 { 2 } else { 1 };
        for pass in 0..passes {
            let amount = if pass == 0 { rough } else { rough * 0.7 };
            let nudged: Vec<Point> = points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    // Keep the ends on the box borders, where the arrowheads are.
                    if i == 0 || i + 1 == points.len() {
                        *p
                    } else {
                        Point {
                            x: p.x + signed(&mut rng) * amount * 2.0,
                            y: p.y + signed(&mut rng) * amount * 2.0,
                        }
                    }
                })
                .collect();
            d.push_str(&super::pen::spline_d(&nudged));
        }
        vec![stroke_path(d, stroke)]
    }
}

/// A rounded rectangle as a plain SVG rect (the clip shape and the tint).
fn rounded(b: Rect, radius: f64) -> svg::node::element::Rectangle {
    svg::node::element::Rectangle::new()
        .set("x", num(b.x))
        .set("y", num(b.y))
        .set("width", num(b.w))
        .set("height", num(b.h))
        .set("rx", num(radius))
}

fn stroke_path(d: String, st: Stroke) -> Box<dyn Node> {
    let mut p = Path::new()
        .set("d", d)
        .set("fill", "none")
        .set("stroke", st.color.hex())
        .set("stroke-width", num(st.width * 1.1))
        .set("stroke-linecap", "round")
        .set("stroke-linejoin", "round");
    if st.dashed {
        p.assign(
            "stroke-dasharray",
            format!("{} {}", r(st.width * 4.0 + 2.0), r(st.width * 3.0 + 2.0)),
        );
    }
    Box::new(p)
}

/// One hand-drawn pass from `a` to `b`: jittered ends, a gentle bow, and
/// (for outlines) a small overshoot past the corners.
fn rough_line(rng: &mut Rng, a: Point, b: Point, rough: f64, overshoot: bool) -> String {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let over = if overshoot {
        1.5 + rng.below(3) as f64
    } else {
        0.0
    };
    let start = Point {
        x: a.x - ux * over * 0.5 + signed(rng) * rough,
        y: a.y - uy * over * 0.5 + signed(rng) * rough,
    };
    let end = Point {
        x: b.x + ux * over + signed(rng) * rough,
        y: b.y + uy * over + signed(rng) * rough,
    };
    let bow = signed(rng) * (len * 0.012).min(2.5) * rough.max(0.5);
    let c1 = Point {
        x: a.x + dx * 0.3 - uy * bow + signed(rng) * rough,
        y: a.y + dy * 0.3 + ux * bow + signed(rng) * rough,
    };
    let c2 = Point {
        x: a.x + dx * 0.7 - uy * bow + signed(rng) * rough,
        y: a.y + dy * 0.7 + ux * bow + signed(rng) * rough,
    };
    format!("M{}C{} {} {}", pt(start), pt(c1), pt(c2), pt(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(s: &Sketch, key: &str, x: f64) -> String {
        let b = Rect {
            x,
            y: 10.0,
            w: 120.0,
            h: 60.0,
        };
        let nodes = s.rect(
            key,
            b,
            8.0,
            Some(Rgb(250, 250, 250)),
            Some(Stroke::solid(Rgb(0, 0, 0), 1.2)),
        );
        nodes.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn each_shape_has_its_own_strokes() {
        let s = Sketch::new(7, Rgb(255, 255, 255));
        // Another shape being drawn, or moved, does not change this one
        // (only the number in its clip path's id).
        let alone = draw(&s, "b", 300.0);
        let _ = draw(&s, "a", 0.0);
        let _ = draw(&s, "a", 50.0);
        let again = draw(&s, "b", 300.0);
        assert_ne!(again, alone, "each clip path has an id of its own");
        assert_eq!(again.replace("clip-3", "clip-0"), alone);
        assert_ne!(
            draw(&s, "a", 300.0),
            alone,
            "different shapes, different strokes"
        );
    }

    #[test]
    fn the_seed_changes_the_strokes() {
        let a = || Sketch::new(1, Rgb(255, 255, 255));
        let b = Sketch::new(2, Rgb(255, 255, 255));
        assert_ne!(draw(&a(), "x", 0.0), draw(&b, "x", 0.0));
        assert_eq!(draw(&a(), "x", 0.0), draw(&a(), "x", 0.0));
    }
}
