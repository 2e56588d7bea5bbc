//! Coordinate assignment, in flow space (`along` the flow, `across` it).
//!
//! Across: Brandes–Köpf (four alignments, block-graph compaction, balanced
//! by the average median), run per lane group so each lane is a contiguous
//! band; bands are then stacked in lane order. Along: every internal layer is
//! a column as wide as its widest box or label; in timeline mode the column
//! centres follow time through a piecewise-linear mapping, never closer than
//! the minimum gap. Also produces the time axis ticks. This stage must not
//! change the order found by `order` nor draw routes. One phase, one file
//! (Brandes-Köpf's four alignments and their balance belong together).

use super::order::Proper;
use super::rank::Ranking;
use super::time_map::{TimeMap, BREAK_MIN};
use super::{Break, BreakKind, LayerMode, Tick};

/// Gap between two boxes in the same layer.
pub const NODE_GAP: f64 = 24.0;
/// Gap between an edge (or its label) and anything else in the same layer.
pub const EDGE_GAP: f64 = 12.0;
/// Channel between two real columns when no edge has a label.
pub const RANK_GAP: f64 = 48.0;
/// Channel between a real column and a label column.
pub const LABEL_CHANNEL: f64 = 20.0;
/// Padding of a lane band around its content, across the flow.
pub const BAND_PAD: f64 = 10.0;
/// Space between two lane bands.
pub const LANE_GAP: f64 = 12.0;
/// Timeline scale bounds, px per month.
const MIN_SCALE: f64 = 4.0;
const MAX_SCALE: f64 = 40.0;
/// Half the width of a break between two columns.
const BREAK_HALF: f64 = 8.0;

/// Where everything goes, in flow space.
pub(crate) struct Placement {
    /// Centre across the flow of every proper node.
    pub across: Vec<f64>,
    /// Centre along the flow of every internal layer (column).
    pub center: Vec<f64>,
    /// Width along the flow of every column.
    pub width: Vec<f64>,
    /// Lane bands: (lane, across start, across end).
    pub bands: Vec<(usize, f64, f64)>,
    /// Axis ticks; `at` is along the flow.
    pub axis: Vec<Tick>,
    /// Stretches of the axis that are not to scale, along the flow.
    pub breaks: Vec<Break>,
}

impl Placement {
    /// Extent of all columns along the flow.
    pub fn span(&self) -> (f64, f64) {
        span(&self.center, &self.width)
    }
}

fn span(center: &[f64], width: &[f64]) -> (f64, f64) {
    let lo = center.iter().zip(width).map(|(c, w)| c - w / 2.0);
    let hi = center.iter().zip(width).map(|(c, w)| c + w / 2.0);
    (
        lo.fold(f64::INFINITY, f64::min),
        hi.fold(f64::NEG_INFINITY, f64::max),
    )
}

pub(crate) fn place(p: &Proper, r: &Ranking, mode: LayerMode) -> Placement {
    let (across, bands) = across_all(p);
    let width = column_widths(p);
    let mut channel = channels(p, &across);
    let timeline = mode == LayerMode::Timeline && !r.time.is_empty() && !p.layers.is_empty();
    let scale = if timeline {
        stretch(p, r, &width, &mut channel)
    } else {
        0.0
    };
    let center = centers(&width, &channel);
    let (axis, breaks) = if timeline {
        let map = time_map(p, r, &center, &width, scale);
        let (lo, hi) = span(&center, &width);
        (map.ticks(lo, hi), map.breaks)
    } else {
        (Vec::new(), Vec::new())
    };
    Placement {
        across,
        center,
        width,
        bands,
        axis,
        breaks,
    }
}

// ---------------------------------------------------------------- across

/// Brandes–Köpf per group, then the groups stacked in order.
fn across_all(p: &Proper) -> (Vec<f64>, Vec<(usize, f64, f64)>) {
    let mut members: Vec<u32> = (0..p.len() as u32).collect();
    members
        .sort_unstable_by_key(|&v| (p.group[v as usize], p.layer[v as usize], p.pos[v as usize]));
    let mut across = vec![0.0; p.len()];
    let mut local = vec![0u32; p.len()];
    let (mut bands, mut cur, mut start) = (Vec::new(), 0.0, 0);
    while start < members.len() {
        let g = p.group[members[start] as usize];
        let len = members[start..]
            .iter()
            .take_while(|&&v| p.group[v as usize] == g)
            .count();
        let chunk = &members[start..start + len];
        start += len;
        for (i, &v) in chunk.iter().enumerate() {
            local[v as usize] = i as u32;
        }
        let view = View::new(p, chunk, &local);
        let xs = view.brandes_kopf();
        let lo = if start == len { 0.0 } else { cur + LANE_GAP };
        // Group 0 holds the nodes without a lane: no band, no padding.
        let pad = if g > 0 { BAND_PAD } else { 0.0 };
        let extent = view.stack(&xs, lo + pad, &mut across);
        cur = lo + pad + extent + pad;
        if g > 0 && chunk.iter().any(|&v| !p.is_dummy(v)) {
            bands.push((g as usize - 1, lo, cur));
        }
    }
    (across, bands)
}

/// Smallest group (nodes, dummies included) whose Brandes–Köpf runs are
/// worth a second thread.
const PARALLEL_MIN: usize = 5_000;

/// One group's part of the proper graph, with local indices.
struct View {
    global: Vec<u32>,
    /// Local indices by layer; layers where the group has no node are left out.
    layers: Layers,
    up: Adj<u32>,
    down: Adj<u32>,
    size: Vec<f64>,
    dummy: Vec<bool>,
}

impl View {
    /// `chunk` is sorted by (layer, position) and holds one group; `local`
    /// maps every node of that group to its index in `chunk`.
    fn new(p: &Proper, chunk: &[u32], local: &[u32]) -> View {
        let g = p.group[chunk[0] as usize];
        let mut layers = Layers {
            nodes: (0..chunk.len() as u32).collect(),
            ends: Vec::new(),
        };
        for (i, w) in chunk.windows(2).enumerate() {
            if p.layer[w[0] as usize] != p.layer[w[1] as usize] {
                layers.ends.push(i + 1);
            }
        }
        layers.ends.push(chunk.len());
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (i, &v) in chunk.iter().enumerate() {
            let same = p.down.of(v).iter().filter(|&&u| p.group[u as usize] == g);
            pairs.extend(same.map(|&u| (i as u32, local[u as usize])));
        }
        let n = chunk.len();
        let up: Vec<(u32, u32)> = pairs.iter().map(|&(a, b)| (b, a)).collect();
        View {
            up: Adj::new(n, &up),
            down: Adj::new(n, &pairs),
            size: chunk.iter().map(|&v| p.size[v as usize].across).collect(),
            dummy: chunk.iter().map(|&v| p.is_dummy(v)).collect(),
            global: chunk.to_vec(),
            layers,
        }
    }

    /// Writes the coordinates shifted so the group starts at `at`; returns its extent.
    fn stack(&self, xs: &[f64], at: f64, out: &mut [f64]) -> f64 {
        let lo = (0..xs.len())
            .map(|i| xs[i] - self.size[i] / 2.0)
            .fold(f64::INFINITY, f64::min);
        let hi = (0..xs.len())
            .map(|i| xs[i] + self.size[i] / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        for (i, &g) in self.global.iter().enumerate() {
            out[g as usize] = xs[i] - lo + at;
        }
        (hi - lo).max(0.0)
    }

    fn sep(&self, a: u32, b: u32) -> f64 {
        let (a, b) = (a as usize, b as usize);
        let gap = if self.dummy[a] || self.dummy[b] {
            EDGE_GAP
        } else {
            NODE_GAP
        };
        (self.size[a] + self.size[b]) / 2.0 + gap
    }

    fn brandes_kopf(&self) -> Vec<f64> {
        let marked = self.type1_conflicts();
        // The four runs are independent: two threads each take two of them
        // (the same result as in sequence, only sooner).
        let pair =
            |vertical_up: bool| [true, false].map(|left| self.one_run(vertical_up, left, &marked));
        let ([a, b], [c, d]) = if self.size.len() < PARALLEL_MIN {
            (pair(true), pair(false))
        } else {
            std::thread::scope(|s| {
                let up = s.spawn(|| pair(true));
                let down = pair(false);
                (
                    up.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                    down,
                )
            })
        };
        let runs = [a, b, c, d];
        let xs = self.balance(&runs);
        let xs = if self.valid(&xs) {
            xs
        } else {
            mean(&runs, self.size.len())
        };
        self.enforce(xs)
    }

    /// Non-inner segments crossing an inner (dummy–dummy) segment: aligning
    /// them would bend long edges, so they are excluded from alignment.
    fn type1_conflicts(&self) -> Vec<(u32, u32)> {
        let mut marked = Vec::new();
        let mut pos = vec![0usize; self.size.len()];
        for layer in self.layers.iter() {
            for (i, &v) in layer.iter().enumerate() {
                pos[v as usize] = i;
            }
        }
        for (upper, lower) in self.layers.iter().zip(self.layers.iter().skip(1)) {
            let (mut k0, mut l) = (0usize, 0usize);
            for (l1, &w) in lower.iter().enumerate() {
                let inner = self.inner_upper(w);
                if l1 + 1 != lower.len() && inner.is_none() {
                    continue;
                }
                let k1 = inner.map_or(upper.len().saturating_sub(1), |u| pos[u as usize]);
                for &wl in &lower[l..=l1] {
                    for &u in self.up.of(wl) {
                        let k = pos[u as usize];
                        let is_inner = self.dummy[u as usize] && self.dummy[wl as usize];
                        if (k < k0 || k > k1) && !is_inner {
                            marked.push((u.min(wl), u.max(wl)));
                        }
                    }
                }
                (l, k0) = (l1 + 1, k1);
            }
        }
        marked.sort_unstable();
        marked
    }

    fn inner_upper(&self, w: u32) -> Option<u32> {
        if !self.dummy[w as usize] {
            return None;
        }
        self.up
            .of(w)
            .iter()
            .copied()
            .find(|&u| self.dummy[u as usize])
    }

    /// One of the four alignments plus its compaction.
    fn one_run(&self, vertical_up: bool, left: bool, marked: &[(u32, u32)]) -> Vec<f64> {
        let layers = self.layers.turned(vertical_up, left);
        let preds = if vertical_up { &self.up } else { &self.down };
        let root = self.align(&layers, preds, marked);
        let xs = self.compact(&layers, &root);
        if left {
            xs
        } else {
            xs.into_iter().map(|x| -x).collect()
        }
    }

    fn align(&self, layers: &Layers, preds: &Adj<u32>, marked: &[(u32, u32)]) -> Vec<u32> {
        let n = self.size.len();
        let mut root: Vec<u32> = (0..n as u32).collect();
        let mut align = root.clone();
        let mut pos = vec![0i64; n];
        for layer in layers.iter() {
            for (i, &v) in layer.iter().enumerate() {
                pos[v as usize] = i as i64;
            }
        }
        let mut ns: Vec<u32> = Vec::new();
        for layer in layers.iter().skip(1) {
            let mut r = -1i64;
            for &v in layer {
                ns.clear();
                ns.extend(preds.of(v));
                if ns.is_empty() {
                    continue;
                }
                ns.sort_unstable_by_key(|&u| pos[u as usize]);
                let d = ns.len();
                for m in [(d - 1) / 2, d / 2] {
                    let u = ns[m];
                    let key = (u.min(v), u.max(v));
                    if align[v as usize] == v
                        && r < pos[u as usize]
                        && marked.binary_search(&key).is_err()
                    {
                        align[u as usize] = v;
                        root[v as usize] = root[u as usize];
                        align[v as usize] = root[v as usize];
                        r = pos[u as usize];
                    }
                }
            }
        }
        root
    }

    /// Block graph compaction: longest path from the left, then every block
    /// pulled right as far as its right neighbours allow (closes gaps).
    fn compact(&self, layers: &Layers, root: &[u32]) -> Vec<f64> {
        let n = self.size.len();
        let mut edges: Vec<(u32, u32, f64)> = Vec::new();
        for layer in layers.iter() {
            for w in layer.windows(2) {
                edges.push((
                    root[w[0] as usize],
                    root[w[1] as usize],
                    self.sep(w[0], w[1]),
                ));
            }
        }
        let outs = Adj::new(
            n,
            &edges
                .iter()
                .map(|&(a, b, w)| (a, (b, w)))
                .collect::<Vec<_>>(),
        );
        let ins = Adj::new(
            n,
            &edges
                .iter()
                .map(|&(a, b, w)| (b, (a, w)))
                .collect::<Vec<_>>(),
        );
        let order = block_topo(&outs, root);
        let mut xs = vec![0.0f64; n];
        for &b in &order {
            xs[b] = ins
                .of(b as u32)
                .iter()
                .map(|&(a, w)| xs[a as usize] + w)
                .fold(0.0, f64::max);
        }
        for &b in order.iter().rev() {
            let m = outs
                .of(b as u32)
                .iter()
                .map(|&(c, w)| xs[c as usize] - w)
                .fold(f64::INFINITY, f64::min);
            if m.is_finite() {
                xs[b] = xs[b].max(m);
            }
        }
        (0..n).map(|v| xs[root[v] as usize]).collect()
    }

    /// Aligns the four runs to the narrowest and takes the average median.
    fn balance(&self, runs: &[Vec<f64>; 4]) -> Vec<f64> {
        let n = self.size.len();
        let bounds: Vec<(f64, f64)> = runs.iter().map(|xs| self.bounds(xs)).collect();
        let best = (0..runs.len())
            .min_by(|&a, &b| (bounds[a].1 - bounds[a].0).total_cmp(&(bounds[b].1 - bounds[b].0)))
            .unwrap_or(0);
        let shift: Vec<f64> = (0..runs.len())
            .map(|k| {
                if k % 2 == 0 {
                    bounds[best].0 - bounds[k].0
                } else {
                    bounds[best].1 - bounds[k].1
                }
            })
            .collect();
        (0..n)
            .map(|v| {
                let mut s = [0.0; 4];
                for (k, x) in s.iter_mut().enumerate() {
                    *x = runs[k][v] + shift[k];
                }
                s.sort_by(f64::total_cmp);
                (s[1] + s[2]) / 2.0
            })
            .collect()
    }

    fn bounds(&self, xs: &[f64]) -> (f64, f64) {
        let lo = xs
            .iter()
            .zip(&self.size)
            .map(|(x, s)| x - s / 2.0)
            .fold(f64::INFINITY, f64::min);
        let hi = xs
            .iter()
            .zip(&self.size)
            .map(|(x, s)| x + s / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    }

    fn valid(&self, xs: &[f64]) -> bool {
        self.layers.iter().all(|l| {
            l.windows(2)
                .all(|w| xs[w[1] as usize] - xs[w[0] as usize] >= self.sep(w[0], w[1]) - 1e-6)
        })
    }

    /// Last line of defence: push right whatever is still too close.
    fn enforce(&self, mut xs: Vec<f64>) -> Vec<f64> {
        for l in self.layers.iter() {
            for w in l.windows(2) {
                let min = xs[w[0] as usize] + self.sep(w[0], w[1]);
                if xs[w[1] as usize] < min {
                    xs[w[1] as usize] = min;
                }
            }
        }
        xs
    }
}

/// Layers of nodes in one flat buffer (no allocation per layer): a group's
/// layers, or the same turned to one of Brandes–Köpf's four directions.
struct Layers {
    nodes: Vec<u32>,
    ends: Vec<usize>,
}

impl Layers {
    /// `vertical_up`: layers first to last, else last to first; `left`:
    /// nodes in layer order, else reversed.
    fn turned(&self, vertical_up: bool, left: bool) -> Layers {
        let mut out = Layers {
            nodes: Vec::with_capacity(self.nodes.len()),
            ends: Vec::with_capacity(self.ends.len()),
        };
        let mut push = |layer: &[u32]| {
            if left {
                out.nodes.extend(layer.iter());
            } else {
                out.nodes.extend(layer.iter().rev());
            }
            out.ends.push(out.nodes.len());
        };
        if vertical_up {
            self.iter().for_each(&mut push);
        } else {
            let layers: Vec<&[u32]> = self.iter().collect();
            layers.into_iter().rev().for_each(&mut push);
        }
        out
    }

    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.nodes[a..b])
    }
}

/// Topological order of the block graph (roots only); a cycle, which a
/// valid alignment cannot produce, is broken by index order.
fn block_topo(outs: &Adj<(u32, f64)>, root: &[u32]) -> Vec<usize> {
    let n = root.len();
    let mut indeg = vec![0usize; n];
    for &(b, _) in &outs.items {
        indeg[b as usize] += 1;
    }
    let is_root: Vec<bool> = (0..n).map(|v| root[v] as usize == v).collect();
    let mut stack: Vec<usize> = (0..n)
        .rev()
        .filter(|&v| is_root[v] && indeg[v] == 0)
        .collect();
    let (mut order, mut done) = (Vec::with_capacity(n), vec![false; n]);
    let mut scan = 0;
    loop {
        let v = match stack.pop() {
            Some(v) => v,
            None => {
                while scan < n && (done[scan] || !is_root[scan]) {
                    scan += 1;
                }
                if scan == n {
                    break;
                }
                scan
            }
        };
        if std::mem::replace(&mut done[v], true) {
            continue;
        }
        order.push(v);
        for &(w, _) in outs.of(v as u32) {
            let w = w as usize;
            indeg[w] = indeg[w].saturating_sub(1);
            if indeg[w] == 0 && !done[w] {
                stack.push(w);
            }
        }
    }
    order
}

/// Flat adjacency lists (CSR), in insertion order: no allocation per node.
struct Adj<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Adj<T> {
    fn new(n: usize, pairs: &[(u32, T)]) -> Adj<T> {
        let mut start = vec![0u32; n + 1];
        for &(a, _) in pairs {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![T::default(); pairs.len()];
        for &(a, t) in pairs {
            items[fill[a as usize] as usize] = t;
            fill[a as usize] += 1;
        }
        Adj { start, items }
    }

    fn of(&self, v: u32) -> &[T] {
        &self.items[self.start[v as usize] as usize..self.start[v as usize + 1] as usize]
    }
}

fn mean(runs: &[Vec<f64>], n: usize) -> Vec<f64> {
    (0..n)
        .map(|v| runs.iter().map(|r| r[v]).sum::<f64>() / runs.len() as f64)
        .collect()
}

// ---------------------------------------------------------------- along

fn column_widths(p: &Proper) -> Vec<f64> {
    p.layers
        .iter()
        .map(|l| {
            l.iter()
                .map(|&v| p.size[v as usize].along)
                .fold(0.0, f64::max)
        })
        .collect()
}

/// Channel after every column; wider when edges in it jump far across, so
/// the curves stay gentle.
fn channels(p: &Proper, across: &[f64]) -> Vec<f64> {
    let base = if p.stride == 2 {
        LABEL_CHANNEL
    } else {
        RANK_GAP
    };
    p.layers
        .iter()
        .map(|l| {
            let jump = l
                .iter()
                .flat_map(|&a| p.down.of(a).iter().map(move |&b| (a, b)))
                .map(|(a, b)| (across[a as usize] - across[b as usize]).abs())
                .fold(0.0, f64::max);
            (jump * 0.3).clamp(base, 4.0 * base)
        })
        .collect()
}

fn centers(width: &[f64], channel: &[f64]) -> Vec<f64> {
    let mut c = Vec::with_capacity(width.len());
    let mut at = 0.0;
    for (l, &w) in width.iter().enumerate() {
        if l > 0 {
            at += width[l - 1] / 2.0 + channel[l - 1] + w / 2.0;
        } else {
            at = w / 2.0;
        }
        c.push(at);
    }
    c
}

/// Minimum centre distance between real layer `r - 1` and `r`.
fn min_distance(stride: usize, r: usize, width: &[f64], channel: &[f64]) -> f64 {
    let (a, b) = ((r - 1) * stride, r * stride);
    let inner: f64 = width[a + 1..b].iter().sum();
    width[a] / 2.0 + channel[a..b].iter().sum::<f64>() + inner + width[b] / 2.0
}

/// Timeline time: one scale for the whole figure (the median of what the
/// gaps between consecutive dates need to keep their columns apart), and
/// channels widened until the distance between columns is their time at
/// that scale. A gap that would leave more than [`BREAK_MIN`] empty keeps
/// its minimum distance (time left out), and one whose cards need more
/// room than its time gives is drawn wider: both become breaks of the axis
/// ([`time_map`]), so no stretch of time silently takes more or less room
/// than another. Returns the scale.
fn stretch(p: &Proper, r: &Ranking, width: &[f64], channel: &mut [f64]) -> f64 {
    let s = p.stride;
    let mut ratios: Vec<f64> = (1..r.count)
        .filter(|&i| r.time[i] > r.time[i - 1])
        .map(|i| min_distance(s, i, width, channel) / (r.time[i] - r.time[i - 1]))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let scale = ratios.get(ratios.len() / 2).copied().unwrap_or(MIN_SCALE);
    let scale = scale.clamp(MIN_SCALE, MAX_SCALE);
    for i in 1..r.count {
        let need = min_distance(s, i, width, channel);
        let linear = scale * (r.time[i] - r.time[i - 1]);
        if linear - need > BREAK_MIN {
            continue;
        }
        let extra = (linear - need).max(0.0);
        for c in &mut channel[(i - 1) * s..i * s] {
            *c += extra / s as f64;
        }
    }
    scale
}

/// The time map of the columns: each real column's centre at its time,
/// linear at `scale` between them, except across the gaps [`stretch`]
/// compressed or widened: a break in each.
fn time_map(p: &Proper, r: &Ranking, center: &[f64], width: &[f64], scale: f64) -> TimeMap {
    let s = p.stride;
    let (mut anchors, mut breaks) = (Vec::new(), Vec::new());
    for i in 0..r.count {
        let (t, c) = (r.time[i], center[i * s]);
        // Columns of one date (a model and its child of the same month)
        // share the anchor of the first.
        let last = anchors.last().copied();
        if let Some((t0, c0)) = last.filter(|_| i > 0 && t > r.time[i - 1]) {
            let gap = Gap {
                from: (t0, c0),
                to: (t, c),
                near: center[(i - 1) * s] + width[(i - 1) * s] / 2.0,
                far: c - width[i * s] / 2.0,
            };
            if let Some(b) = gap.broken(scale) {
                anchors.push((b.from, b.start));
                anchors.push((b.to, b.end));
                breaks.push(b);
            }
        }
        if anchors.last().is_none_or(|&(lt, _)| t > lt) {
            anchors.push((t, c));
        }
    }
    TimeMap {
        anchors,
        scale,
        breaks,
    }
}

/// The stretch between two consecutive dates' columns.
struct Gap {
    /// (time, centre along the flow) of the earlier and the later date.
    from: (f64, f64),
    to: (f64, f64),
    /// Where the earlier column ends and the later begins.
    near: f64,
    far: f64,
}

impl Gap {
    /// The break this gap needs at `scale`, if it is not linear: time left
    /// out, a short break in the middle of the channel with linear time up
    /// to it; or time drawn wider, a break over all of the gap but a
    /// quarter of its time at either end, so each date keeps its place.
    fn broken(&self, scale: f64) -> Option<Break> {
        let ((t0, c0), (t1, c1)) = (self.from, self.to);
        let linear = scale * (t1 - t0);
        let drawn = c1 - c0;
        if linear > drawn + BREAK_MIN {
            let mid = (self.near + self.far) / 2.0;
            let half = BREAK_HALF.min((self.far - self.near).max(0.0) / 2.0);
            let (from, to) = (
                t0 + (mid - half - c0) / scale,
                t1 - (c1 - mid - half) / scale,
            );
            return (from < to).then_some(Break {
                at: mid,
                from,
                to,
                start: mid - half,
                end: mid + half,
                kind: BreakKind::LeftOut,
            });
        }
        if drawn <= linear + 0.5 {
            return None;
        }
        let keep = (t1 - t0) / 4.0;
        let (start, end) = (c0 + keep * scale, c1 - keep * scale);
        Some(Break {
            at: (self.near + self.far) / 2.0,
            from: t0 + keep,
            to: t1 - keep,
            start,
            end,
            kind: BreakKind::Stretched,
        })
    }
}
