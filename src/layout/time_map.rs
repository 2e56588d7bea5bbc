//! Time along the flow: a piecewise-linear map between months and
//! positions, shared by the layered timeline (whose columns bend it) and
//! the packed timeline (whose compressed stretches, its breaks, do). Knows
//! nothing of layers, rows or cards.

use super::Break;

/// Piecewise-linear map from time to position along the flow: linear at
/// `scale` before the first anchor, after the last, and (in the packed
/// timeline) everywhere but in its breaks.
pub(super) struct TimeMap {
    /// (time, position) at every bend, strictly increasing in both.
    pub anchors: Vec<(f64, f64)>,
    pub scale: f64,
    /// Compressed stretches (empty in the layered timeline).
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

    /// The time at position `u`: the inverse of [`TimeMap::at`] (NaN with
    /// no anchor at all).
    pub fn time(&self, u: f64) -> f64 {
        let a = &self.anchors;
        if a.is_empty() {
            return f64::NAN;
        }
        let i = a.partition_point(|&(_, ua)| ua <= u);
        if i == 0 {
            return a[0].0 - (a[0].1 - u) / self.scale;
        }
        if i == a.len() {
            let (tl, ul) = a[a.len() - 1];
            return tl + (u - ul) / self.scale;
        }
        let ((t0, u0), (t1, u1)) = (a[i - 1], a[i]);
        t0 + (u - u0) / (u1 - u0) * (t1 - t0)
    }

    /// Whether `t` falls strictly inside a compressed stretch.
    pub fn in_break(&self, t: f64) -> bool {
        self.breaks.iter().any(|b| t > b.from && t < b.to)
    }
}
