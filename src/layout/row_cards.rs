//! The cards of every row of a packed timeline, indexed for one question
//! the router asks for every edge: going across rows `lo..hi` along a
//! line at `t` (along the flow), which is the first row whose cards the
//! line would enter?
//!
//! A route may cross tens of thousands of rows (a 100,000-model poster
//! has ~44,000) and enters only a few cards on the way, so walking the
//! rows one by one cost O(rows crossed) per edge and dominated the whole
//! run. This index answers in O(log² rows) per card entered: a segment
//! tree over the rows whose every node holds the union of its rows'
//! blocked stretches. It owns no geometry beyond those stretches and must
//! not decide where a route goes.

/// Per node of a segment tree over the rows, the union of the rows'
/// blocked stretches: sorted, disjoint open intervals.
pub(super) struct RowCards {
    /// Leaves: a power of two, at least the number of rows.
    leaves: usize,
    /// Node `i`'s union is `stretches[range[i].0..range[i].1]`.
    range: Vec<(usize, usize)>,
    stretches: Vec<(f64, f64)>,
}

impl RowCards {
    /// `rows[r]`: row `r`'s cards' extents along the flow, sorted and more
    /// than `2 * clear` apart; each blocks a line closer than `clear` to it.
    pub(super) fn new(rows: &[Vec<(f64, f64)>], clear: f64) -> RowCards {
        let leaves = rows.len().max(1).next_power_of_two();
        let total: usize = rows.iter().map(Vec::len).sum();
        let levels = leaves.trailing_zeros() as usize + 1;
        let mut index = RowCards {
            leaves,
            range: vec![(0, 0); 2 * leaves],
            stretches: Vec::with_capacity(total * levels.min(8)),
        };
        index.build(rows, clear, 1, 0, leaves);
        index
    }

    /// Fills node `node`, which covers rows `lo..hi`, after its children.
    fn build(&mut self, rows: &[Vec<(f64, f64)>], clear: f64, node: usize, lo: usize, hi: usize) {
        if hi - lo == 1 {
            let start = self.stretches.len();
            if let Some(row) = rows.get(lo) {
                let blocked = row.iter().map(|&(a, b)| (a - clear, b + clear));
                self.stretches.extend(blocked);
            }
            self.range[node] = (start, self.stretches.len());
        } else {
            let mid = (lo + hi) / 2;
            self.build(rows, clear, 2 * node, lo, mid);
            self.build(rows, clear, 2 * node + 1, mid, hi);
            let start = self.stretches.len();
            self.merge(self.range[2 * node], self.range[2 * node + 1]);
            self.range[node] = (start, self.stretches.len());
        }
    }

    /// Appends the union of two unions.
    fn merge(&mut self, (mut i, a_end): (usize, usize), (mut j, b_end): (usize, usize)) {
        let start = self.stretches.len();
        while i < a_end || j < b_end {
            let next = if j >= b_end || (i < a_end && self.stretches[i].0 <= self.stretches[j].0) {
                i += 1;
                self.stretches[i - 1]
            } else {
                j += 1;
                self.stretches[j - 1]
            };
            // Open intervals that only touch leave the touching point free.
            match self.stretches[start..].last_mut() {
                Some(cur) if next.0 < cur.1 => cur.1 = cur.1.max(next.1),
                _ => self.stretches.push(next),
            }
        }
    }

    /// Whether node `node`'s union blocks `t`.
    fn blocks(&self, node: usize, t: f64) -> bool {
        let (a, b) = self.range[node];
        let union = &self.stretches[a..b];
        let i = union.partition_point(|&(_, end)| end <= t);
        union.get(i).is_some_and(|&(start, _)| start < t)
    }

    /// The place nearest `t` where a line crosses row `row` clear of its
    /// cards: `t` itself if the row leaves it free, else the nearer end of
    /// the stretch that blocks it (the near one on a tie).
    pub(super) fn clear_near(&self, row: usize, t: f64) -> f64 {
        let (a, b) = self.range[self.leaves + row];
        let stretches = &self.stretches[a..b];
        let i = stretches.partition_point(|&(_, end)| end <= t);
        match stretches.get(i) {
            Some(&(start, end)) if start < t => {
                if t - start <= end - t {
                    start
                } else {
                    end
                }
            }
            _ => t,
        }
    }

    /// The first row of `lo..hi` that blocks `t`.
    pub(super) fn first(&self, t: f64, lo: usize, hi: usize) -> Option<usize> {
        self.find(t, (lo, hi), (1, 0, self.leaves), false)
    }

    /// The last row of `lo..hi` that blocks `t`.
    pub(super) fn last(&self, t: f64, lo: usize, hi: usize) -> Option<usize> {
        self.find(t, (lo, hi), (1, 0, self.leaves), true)
    }

    /// Depth-first through the nodes that block `t`, nearest end first; a
    /// node wholly inside `lo..hi` that blocks `t` always holds the answer,
    /// so only the two boundary paths are searched without a hit.
    fn find(
        &self,
        t: f64,
        (lo, hi): (usize, usize),
        (node, a, b): (usize, usize, usize),
        backwards: bool,
    ) -> Option<usize> {
        if b <= lo || a >= hi || !self.blocks(node, t) {
            return None;
        }
        if b - a == 1 {
            return Some(a);
        }
        let mid = (a + b) / 2;
        let left = (2 * node, a, mid);
        let right = (2 * node + 1, mid, b);
        let (near, far) = if backwards {
            (right, left)
        } else {
            (left, right)
        };
        self.find(t, (lo, hi), near, backwards)
            .or_else(|| self.find(t, (lo, hi), far, backwards))
    }
}

#[cfg(test)]
mod tests {
    use super::RowCards;

    /// The index against a walk through every row, on rows of varied cards.
    #[test]
    fn finds_the_rows_a_walk_finds() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        let rows: Vec<Vec<(f64, f64)>> = (0..37)
            .map(|_| {
                let mut x = next() * 20.0;
                let mut row = Vec::new();
                while x < 200.0 {
                    let w = 2.0 + next() * 20.0;
                    row.push((x, x + w));
                    x += w + next() * 15.0;
                }
                row
            })
            .collect();
        let index = RowCards::new(&rows, 0.0);
        let walk = |t: f64, r: usize| rows[r].iter().any(|&(a, b)| a < t && t < b);
        for k in 0..400 {
            let t = next() * 210.0;
            let t = if k % 5 == 0 { t.floor() } else { t };
            let lo = (next() * 37.0) as usize;
            let hi = lo + (next() * (38 - lo) as f64) as usize;
            let hi = hi.min(37);
            assert_eq!(index.first(t, lo, hi), (lo..hi).find(|&r| walk(t, r)));
            assert_eq!(index.last(t, lo, hi), (lo..hi).rev().find(|&r| walk(t, r)));
            let r = lo.min(36);
            let clear = index.clear_near(r, t);
            assert!(!walk(clear, r), "{clear} is blocked on row {r}");
            if !walk(t, r) {
                assert_eq!(clear, t);
            }
        }
        // A point where two stretches of different rows touch is blocked
        // by neither.
        let touching = RowCards::new(&[vec![(1.0, 4.0)], vec![(6.0, 8.0)]], 1.0);
        assert_eq!(touching.first(5.0, 0, 2), None);
        assert_eq!(touching.first(4.0, 0, 2), Some(0));
        assert_eq!(touching.last(6.0, 0, 2), Some(1));
    }
}
