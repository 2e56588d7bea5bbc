//! Time along the flow: a piecewise-linear map between months and
//! positions, linear at one scale except in its breaks (stretches not to
//! scale: empty ones compressed, or, in the layered timeline, crowded ones
//! widened), and the axis ticks it gives; shared by the layered and the
//! packed timeline. Knows nothing of layers, rows or cards.

use super::{Break, Tick};

/// An empty stretch of time wider than this (px at the figure's scale)
/// is compressed into a break.
pub(super) const BREAK_MIN: f64 = 240.0;
/// Minimum distance between two axis ticks.
const TICK_GAP: f64 = 40.0;

/// Piecewise-linear map from time to position along the flow: linear at
/// `scale` everywhere but in its breaks.
pub(super) struct TimeMap {
    /// (time, position) at every bend, strictly increasing in both.
    pub anchors: Vec<(f64, f64)>,
    pub scale: f64,
    /// Stretches not to scale, in order.
    pub breaks: Vec<Break>,
}

impl TimeMap {
    /// The position of time `t` (0 with no anchor at all).
    pub fn at(&self, t: f64) -> f64 {
        let a = &self.anchors;
        if a.is_empty() {
            return 0.0;
        }
        let i = a.partition_point(|&(ta, _)| ta <= t);
        if i == 0 {
            return a[0].1 - (a[0].0 - t) * self.scale;
        }
        if i == a.len() {
            let (tl, ul) = a[a.len() - 1];
            return ul + (t - tl) * self.scale;
        }
        let ((t0, u0), (t1, u1)) = (a[i - 1], a[i]);
        u0 + (t - t0) / (t1 - t0) * (u1 - u0)
    }

    /// Whether `t` falls strictly inside a break (no tick goes there).
    pub fn in_break(&self, t: f64) -> bool {
        self.breaks.iter().any(|b| t > b.from && t < b.to)
    }

    /// `lo..hi` is the extent of the cards along the flow.
    pub fn ticks(&self, lo: f64, hi: f64) -> Vec<Tick> {
        let (Some(&(t0, _)), Some(&(t1, _))) = (self.anchors.first(), self.anchors.last()) else {
            return Vec::new();
        };
        let t_hi = t1 + (hi - self.at(t1)) / self.scale;
        let t_lo = t0 - (self.at(t0) - lo).max(0.0) / self.scale;
        if !(t_lo.is_finite() && t_hi.is_finite()) || t_hi - t_lo > 200_000.0 {
            return Vec::new();
        }
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|&s| s as f64 * self.scale >= TICK_GAP);
        let year_step = (TICK_GAP / (12.0 * self.scale)).ceil().max(1.0) as i64;
        let mut out = Vec::new();
        let (y0, y1) = ((t_lo / 12.0).floor() as i64, (t_hi / 12.0).floor() as i64);
        let mut last_major = f64::NEG_INFINITY;
        for year in y0..=y1 {
            let t = year as f64 * 12.0;
            let at = self.at(t);
            if self.in_break(t)
                || at < lo - 10.0
                || year.rem_euclid(year_step) != 0
                || at - last_major < TICK_GAP
            {
                continue;
            }
            last_major = at;
            out.push(Tick {
                at,
                time: t,
                label: year.to_string(),
                major: true,
            });
            if let Some(step) = step.filter(|&s| s < 12) {
                for m in (step..12).step_by(step as usize) {
                    let tm = t + m as f64;
                    if tm <= t_hi && !self.in_break(tm) {
                        out.push(Tick {
                            at: self.at(tm),
                            time: tm,
                            label: format!("{year}-{:02}", m + 1),
                            major: false,
                        });
                    }
                }
            }
        }
        label_stretches(self, t_lo, &mut out);
        out
    }
}

/// A stretch between two breaks that no year tick falls in (a short one,
/// such as the months between two compressed gaps) gets a tick labelled
/// with a month, unless that is too close to another label: otherwise its
/// cards stand on an axis that names no date.
fn label_stretches(map: &TimeMap, t_lo: f64, out: &mut Vec<Tick>) {
    let mut starts = vec![t_lo];
    starts.extend(map.breaks.iter().map(|b| b.to));
    let mut ends: Vec<f64> = map.breaks.iter().map(|b| b.from).collect();
    ends.push(f64::INFINITY);
    for (start, end) in starts.into_iter().zip(ends) {
        let named = out
            .iter()
            .any(|t| t.major && t.time >= start && t.time <= end);
        // A date that starts a month where a model stands, else the first
        // month in the stretch.
        let first = map.anchors.partition_point(|a| a.0 < start);
        let t = map.anchors[first..]
            .iter()
            .take(8)
            .map(|a| a.0)
            .take_while(|&t| t <= end)
            .find(|t| t.fract() == 0.0)
            .unwrap_or(start.ceil());
        let at = map.at(t);
        let crowded = out
            .iter()
            .any(|tick| tick.major && (tick.at - at).abs() < TICK_GAP * 1.5);
        if named || crowded || t > end {
            continue;
        }
        // A month tick already there becomes the labelled one.
        if let Some(minor) = out.iter_mut().find(|tick| tick.time == t) {
            minor.major = true;
            continue;
        }
        let (year, month) = ((t / 12.0).floor() as i64, (t.rem_euclid(12.0)) as i64 + 1);
        out.push(Tick {
            at,
            time: t,
            label: format!("{year}-{month:02}"),
            major: true,
        });
    }
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
}
