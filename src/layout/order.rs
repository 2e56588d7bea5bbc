//! Ordering: the proper layered graph (long edges split into dummy nodes,
//! label dummies in the layers between real layers) and crossing reduction.
//!
//! Crossing reduction runs barycenter and median sweeps with adjacent-node
//! transposition from several starts, sifting, then simulated annealing
//! over adjacent swaps, and keeps the best order seen. Lanes stay
//! contiguous: within a layer nodes are ordered by group first (nodes
//! without a lane, then lanes in `Graph::lanes` order), then by connected
//! component, and no step ever moves a node out of its segment. This stage must not compute coordinates.
//! One phase, one file: its sweeps, transpositions and lane rules only make
//! sense together.

use super::canon::{Canon, Extent};
use super::rank::Ranking;

/// Compressed adjacency lists.
pub(crate) struct Csr {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Csr {
    /// Lists sorted by neighbour: a counting sort by source, then each
    /// (short) list on its own.
    fn build(n: usize, pairs: &[(u32, u32)]) -> Csr {
        let mut start = vec![0u32; n + 1];
        for &(a, _) in pairs {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![0u32; pairs.len()];
        for &(a, b) in pairs {
            list[fill[a as usize] as usize] = b;
            fill[a as usize] += 1;
        }
        for w in start.windows(2) {
            list[w[0] as usize..w[1] as usize].sort_unstable();
        }
        Csr { start, list }
    }

    pub fn of(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.list[self.start[v] as usize..self.start[v + 1] as usize]
    }
}

/// One input edge as a path through the proper layered graph.
pub(crate) struct Chain {
    /// Index into `Canon::edges`.
    pub edge: usize,
    /// Top (earlier layer) to bottom; first and last are real nodes.
    pub nodes: Vec<u32>,
    /// The dummy that carries the edge label.
    pub label: Option<u32>,
}

/// The proper layered graph: every edge joins consecutive layers.
pub(crate) struct Proper {
    /// Nodes `0..real` are the canonical nodes, the rest dummies.
    pub real: usize,
    /// Internal layer of every node; real layer `r` is internal `r * stride`.
    pub layer: Vec<u32>,
    pub stride: usize,
    /// 0 for nodes outside every lane, else the lane's place in the lane
    /// order + 1 (see [`lane_order`]).
    pub group: Vec<u32>,
    /// The lane (index into `Graph::lanes`) at each place of the lane order.
    pub lane_of: Vec<usize>,
    /// Ordering block of every node: its group, then its connected
    /// component. Blocks stay contiguous in every layer, so components never
    /// interleave (they cannot cross) and lanes stay bands.
    pub block: Vec<u64>,
    pub size: Vec<Extent>,
    pub up: Csr,
    pub down: Csr,
    pub chains: Vec<Chain>,
    /// Node order of every internal layer.
    pub layers: Vec<Vec<u32>>,
    /// Index of every node inside its layer.
    pub pos: Vec<u32>,
}

impl Proper {
    pub fn build(c: &Canon, r: &Ranking) -> Proper {
        let labelled = c.edges.iter().any(|e| e.label.is_some());
        let stride = if labelled { 2 } else { 1 };
        let lane_of = lane_order(c);
        let place = places(&lane_of);
        let mut p = Proper {
            real: c.len(),
            layer: r.layer.iter().map(|&l| (l * stride) as u32).collect(),
            stride,
            group: c
                .group
                .iter()
                .map(|&g| if g == 0 { 0 } else { place[g - 1] as u32 + 1 })
                .collect(),
            lane_of,
            block: Vec::new(),
            size: c.size.clone(),
            up: Csr::build(0, &[]),
            down: Csr::build(0, &[]),
            chains: Vec::with_capacity(c.edges.len()),
            layers: Vec::new(),
            pos: Vec::new(),
        };
        let mut indeg = vec![0u32; c.len()];
        for (e, &rev) in c.edges.iter().zip(&r.reversed) {
            indeg[if rev { e.from } else { e.to }] += 1;
        }
        for (i, e) in c.edges.iter().enumerate() {
            let (top, bot) = if r.reversed[i] {
                (e.to, e.from)
            } else {
                (e.from, e.to)
            };
            let group = dummy_group(&p.group, top, bot, indeg[bot]);
            p.add_chain(i, top as u32, bot as u32, group, e.label);
        }
        p.link();
        p.block = p.blocks();
        let count = if p.len() == 0 {
            0
        } else {
            (r.count.max(1) - 1) * stride + 1
        };
        p.layers = vec![Vec::new(); count];
        p.initial_order(0);
        p
    }

    pub fn len(&self) -> usize {
        self.layer.len()
    }

    pub fn is_dummy(&self, v: u32) -> bool {
        v as usize >= self.real
    }

    fn add_chain(&mut self, edge: usize, top: u32, bot: u32, group: u32, label: Option<Extent>) {
        let (lt, lb) = (self.layer[top as usize], self.layer[bot as usize]);
        // The middle odd layer: labels sit between real layers, never beside a box.
        let label_layer = label.filter(|_| self.stride == 2).map(|_| {
            let k = (lb - lt) / 2;
            lt + 1 + 2 * ((k.max(1) - 1) / 2)
        });
        let mut nodes = Vec::with_capacity((lb - lt + 1) as usize);
        nodes.push(top);
        let mut carrier = None;
        for l in lt + 1..lb {
            let d = self.layer.len() as u32;
            self.layer.push(l);
            self.group.push(group);
            let here = label_layer == Some(l);
            self.size.push(if here {
                label.unwrap_or_default()
            } else {
                Extent::default()
            });
            if here {
                carrier = Some(d);
            }
            nodes.push(d);
        }
        nodes.push(bot);
        self.chains.push(Chain {
            edge,
            nodes,
            label: carrier,
        });
    }

    fn blocks(&self) -> Vec<u64> {
        let comp = components(self.len(), &self.chains);
        (0..self.len())
            .map(|v| (self.group[v] as u64) << 32 | comp[v] as u64)
            .collect()
    }

    fn link(&mut self) {
        let mut down: Vec<(u32, u32)> = Vec::new();
        for ch in &self.chains {
            down.extend(ch.nodes.windows(2).map(|w| (w[0], w[1])));
        }
        let up: Vec<(u32, u32)> = down.iter().map(|&(a, b)| (b, a)).collect();
        self.down = Csr::build(self.len(), &down);
        self.up = Csr::build(self.len(), &up);
    }

    /// Depth-first orders: `variant` 0 from the roots (a tree comes out
    /// without crossings), 1 from the sinks, 2 from the roots with children
    /// taken last first. Later starts of crossing reduction use 1 and 2.
    fn initial_order(&mut self, variant: usize) {
        let n = self.len();
        let count = self.layers.len();
        self.layers = vec![Vec::new(); count];
        let forward = variant != 1;
        let mut roots: Vec<u32> = (0..n as u32)
            .filter(|&v| self.next(v, !forward).is_empty())
            .collect();
        roots.sort_by_key(|&v| (self.block[v as usize], self.layer[v as usize], v));
        if variant == 2 {
            roots.reverse();
        }
        let (mut seen, mut stack) = (vec![false; n], Vec::new());
        for &root in &roots {
            stack.push(root);
            while let Some(v) = stack.pop() {
                if std::mem::replace(&mut seen[v as usize], true) {
                    continue;
                }
                self.layers[self.layer[v as usize] as usize].push(v);
                let next = self.next(v, forward);
                if variant == 2 {
                    stack.extend(next.iter());
                } else {
                    stack.extend(next.iter().rev());
                }
            }
        }
        for layer in &mut self.layers {
            layer.sort_by_key(|&v| self.block[v as usize]);
        }
        self.pos = vec![0; n];
        self.refresh_pos();
    }

    /// A seeded random order (blocks kept contiguous): later starts of
    /// crossing reduction on small graphs use it to leave local optima.
    fn shuffle(&mut self, seed: u64) {
        let mut rng = crate::rng::Rng::new(seed);
        for layer in &mut self.layers {
            for i in (1..layer.len()).rev() {
                layer.swap(i, rng.below(i + 1));
            }
            layer.sort_by_key(|&v| self.block[v as usize]);
        }
        self.refresh_pos();
    }

    /// The same graph without the label layers (odd internal layers, which
    /// hold only dummies), and the map from its nodes to this graph's.
    fn without_label_layers(&self) -> (Proper, Vec<u32>) {
        let mut to_fine: Vec<u32> = (0..self.real as u32).collect();
        let mut coarse = Proper {
            real: self.real,
            layer: self.layer[..self.real].iter().map(|&l| l / 2).collect(),
            stride: 1,
            group: self.group[..self.real].to_vec(),
            lane_of: self.lane_of.clone(),
            block: self.block[..self.real].to_vec(),
            size: self.size[..self.real].to_vec(),
            up: Csr::build(0, &[]),
            down: Csr::build(0, &[]),
            chains: Vec::with_capacity(self.chains.len()),
            layers: vec![Vec::new(); self.layers.len().div_ceil(2)],
            pos: Vec::new(),
        };
        for ch in &self.chains {
            let mut nodes = Vec::with_capacity(ch.nodes.len() / 2 + 1);
            for &v in &ch.nodes {
                let (i, layer) = (v as usize, self.layer[v as usize]);
                if !self.is_dummy(v) {
                    nodes.push(v);
                } else if layer % 2 == 0 {
                    nodes.push(coarse.layer.len() as u32);
                    to_fine.push(v);
                    coarse.layer.push(layer / 2);
                    coarse.group.push(self.group[i]);
                    coarse.block.push(self.block[i]);
                    coarse.size.push(self.size[i]);
                }
            }
            coarse.chains.push(Chain {
                edge: ch.edge,
                nodes,
                label: None,
            });
        }
        coarse.link();
        coarse.initial_order(0);
        (coarse, to_fine)
    }

    /// Takes the order of the real layers from `coarse` (see
    /// [`Proper::without_label_layers`]) and orders each label layer by the
    /// positions of its dummies' neighbours above, then below: two edges
    /// then cross in a label layer only where they crossed anyway, unless
    /// lanes hold a dummy aside (its block comes first).
    fn adopt(&mut self, coarse: &Proper, to_fine: &[u32]) {
        for (l, layer) in coarse.layers.iter().enumerate() {
            self.layers[2 * l] = layer.iter().map(|&v| to_fine[v as usize]).collect();
        }
        self.refresh_pos();
        for l in (1..self.layers.len()).step_by(2) {
            let mut layer = std::mem::take(&mut self.layers[l]);
            let at = |v: &[u32]| v.first().map_or(0, |&u| self.pos[u as usize]);
            layer.sort_by_key(|&v| {
                (
                    self.block[v as usize],
                    at(self.up.of(v)),
                    at(self.down.of(v)),
                    v,
                )
            });
            self.layers[l] = layer;
        }
        self.refresh_pos();
    }

    fn next(&self, v: u32, down: bool) -> &[u32] {
        if down {
            self.down.of(v)
        } else {
            self.up.of(v)
        }
    }

    fn refresh_pos(&mut self) {
        for layer in &self.layers {
            for (i, &v) in layer.iter().enumerate() {
                self.pos[v as usize] = i as u32;
            }
        }
    }
}

/// Connected component of every node, numbered by its smallest node (so by
/// key order); union–find over the chains.
fn components(n: usize, chains: &[Chain]) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut v: u32) -> u32 {
        while parent[v as usize] != v {
            let up = parent[parent[v as usize] as usize];
            parent[v as usize] = up;
            v = up;
        }
        v
    }
    for ch in chains {
        for &d in &ch.nodes[1..] {
            let (a, b) = (find(&mut parent, ch.nodes[0]), find(&mut parent, d));
            // The smaller index wins, so a root is its component's smallest node.
            parent[a.max(b) as usize] = a.min(b);
        }
    }
    let mut id = vec![u32::MAX; n];
    let mut next = 0;
    (0..n as u32)
        .map(|v| {
            let r = find(&mut parent, v) as usize;
            if id[r] == u32::MAX {
                (id[r], next) = (next, next + 1);
            }
            id[r]
        })
        .collect()
}

/// Rounds of lane-order improvement: each is a barycenter pass and an
/// adjacent-swap pass over the lanes, so the cost stays linear in lanes
/// times lane pairs.
const LANE_ROUNDS: usize = 12;

/// Where each lane goes in `lane_of` (lane indices, first to last): its
/// inverse.
pub(crate) fn places(lane_of: &[usize]) -> Vec<usize> {
    let mut place = vec![0; lane_of.len()];
    for (i, &lane) in lane_of.iter().enumerate() {
        place[lane] = i;
    }
    place
}

/// The order of the lanes across the flow (lane indices, first to last):
/// the one found with the shortest cross-lane edges, each edge weighing
/// the number of lanes it passes (nodes without a lane sit before the
/// first lane). Lanes joined by many edges come together, so fewer edges
/// cross other lanes' bands and edges. Declaration order is the start and
/// breaks every tie: a lineage whose lanes are already well ordered keeps
/// its order.
pub(crate) fn lane_order(c: &Canon) -> Vec<usize> {
    let lanes = c.group.iter().copied().max().unwrap_or(0);
    let mut order: Vec<usize> = (0..lanes).collect();
    if lanes < 3 || c.lanes_pinned {
        return order;
    }
    // Weighted lane pairs; lane `lanes` stands for the nodes without one.
    let mut pairs: Vec<(usize, usize, u64)> = Vec::new();
    for e in &c.edges {
        let (a, b) = (c.group[e.from], c.group[e.to]);
        if a != b {
            let lane = |g: usize| if g == 0 { lanes } else { g - 1 };
            let (a, b) = (lane(a).min(lane(b)), lane(a).max(lane(b)));
            pairs.push((a, b, 1));
        }
    }
    pairs.sort_unstable();
    pairs.dedup_by(|x, y| {
        let same = x.0 == y.0 && x.1 == y.1;
        if same {
            y.2 += x.2;
        }
        same
    });
    if pairs.is_empty() {
        return order;
    }
    let cost = |order: &[usize]| -> u64 {
        let mut place = vec![0i64; lanes + 1];
        for (i, &l) in order.iter().enumerate() {
            place[l] = i as i64 + 1;
        }
        pairs
            .iter()
            .map(|&(a, b, w)| w * place[a].abs_diff(place[b]))
            .sum()
    };
    let mut best = cost(&order);
    for _ in 0..LANE_ROUNDS {
        let before = best;
        // Barycenter: each lane at the weighted mean place of its partners.
        let mut place = vec![0.0f64; lanes + 1];
        for (i, &l) in order.iter().enumerate() {
            place[l] = i as f64 + 1.0;
        }
        let mut sum = vec![(0.0f64, 0.0f64); lanes];
        for &(a, b, w) in &pairs {
            let w = w as f64;
            if a < lanes {
                sum[a].0 += w * place[b];
                sum[a].1 += w;
            }
            if b < lanes {
                sum[b].0 += w * place[a];
                sum[b].1 += w;
            }
        }
        let mut next = order.clone();
        next.sort_by(|&x, &y| {
            let at = |l: usize| {
                if sum[l].1 > 0.0 {
                    sum[l].0 / sum[l].1
                } else {
                    place[l]
                }
            };
            at(x).total_cmp(&at(y)).then(x.cmp(&y))
        });
        let c = cost(&next);
        if c < best {
            (best, order) = (c, next);
        }
        // Adjacent swaps, for a strict gain only.
        for i in 0..lanes - 1 {
            order.swap(i, i + 1);
            let c = cost(&order);
            if c < best {
                best = c;
            } else {
                order.swap(i, i + 1);
            }
        }
        if best >= before {
            break;
        }
    }
    order
}

/// Where a cross-lane edge runs: a branch (fork) leaves its parent's lane at
/// once, but a merge stays in its own lane until it reaches the merge node.
fn dummy_group(group: &[u32], top: usize, bot: usize, bot_parents: u32) -> u32 {
    if bot_parents > 1 {
        group[top]
    } else {
        group[bot]
    }
}

/// How much work crossing reduction may do, by graph size.
struct Budget {
    /// Initial orders to start from: three depth-first ones, then shuffles.
    starts: usize,
    /// Sweeps per start.
    sweeps: usize,
    /// Sweeps without improvement before giving up on a start.
    patience: usize,
    transpose_passes: usize,
    sift_rounds: usize,
    /// Moves of simulated annealing after the sweeps.
    anneal: usize,
}

impl Budget {
    /// Shuffled restarts pay most on small and mid-sized graphs with free
    /// layers (compact 1,000 models: 24 starts instead of 3 cut crossings
    /// by 6%). With `fixed` layers (timeline) they found nothing in our
    /// measurements, while the long dummy chains make each start costly,
    /// so those graphs keep few starts. Graphs of 5,000 to 60,000 nodes
    /// afford six starts with longer sweeps and sifting (compact 10,000
    /// models: 7,141 crossings to 6,803, fewer than dot's 6,879, for 0.66 s
    /// instead of 0.26 s); huge graphs one or two.
    ///
    /// Annealing then finds what all of those miss (compact 1,000 models:
    /// 598 crossings to 458; 10,000: 6,803 to 5,097; Graphviz's examples:
    /// 164 to 147) for about 60 ns a move: 500 moves a node, at least
    /// 200,000 (small graphs are cheap and gain most from a long search), at
    /// most 20 million (about a second); fewer on huge graphs.
    fn for_size(n: usize, fixed: bool) -> Budget {
        let (starts, sweeps, patience, transpose_passes, sift_rounds) = match n {
            0..=1_500 => (32, 32, 8, 16, 8),
            1_501..=5_000 => (24, 48, 12, 16, 8),
            5_001..=60_000 => (6, 32, 8, 12, 4),
            60_001..=300_000 => (1, 8, 3, 2, 0),
            _ => (1, 6, 2, 1, 0),
        };
        let starts = match n {
            1_501.. if fixed => starts.min(3),
            _ => starts,
        };
        let anneal = match n {
            0..=60_000 => (500 * n).clamp(200_000, 20_000_000),
            60_001..=300_000 => 50 * n,
            _ => 0,
        };
        Budget {
            starts,
            sweeps,
            patience,
            transpose_passes,
            sift_rounds,
            anneal,
        }
    }
}

/// The best order seen so far.
struct Best {
    crossings: u64,
    layers: Vec<Vec<u32>>,
}

/// Crossing reduction. With label layers, the order is found on the graph
/// without them (half the layers, fewer dummies: sweeps converge better
/// and faster), then the label layers are filled in so that they add no
/// crossing where no lane holds a dummy aside, and local steps polish the
/// result on the full graph.
/// `fixed`: the layers come from time (timeline mode), not from the graph.
pub(crate) fn reduce_crossings(p: &mut Proper, fixed: bool) {
    if p.stride == 1 {
        return reduce_proper(p, fixed);
    }
    let (mut coarse, to_fine) = p.without_label_layers();
    reduce_proper(&mut coarse, fixed);
    p.adopt(&coarse, &to_fine);
    let budget = Budget::for_size(p.len(), fixed);
    let mut s = Scratch::new(p.len());
    let mut best = Best {
        crossings: total_crossings(p),
        layers: p.layers.clone(),
    };
    settle(p, &budget, &mut best, &mut s);
    polish(p, &budget, &mut best, &mut s);
    p.layers = best.layers;
    p.refresh_pos();
}

/// Transposition over every layer until it stops paying off; keeps the best.
fn settle(p: &mut Proper, budget: &Budget, best: &mut Best, s: &mut Scratch) {
    for _ in 0..budget.transpose_passes {
        for l in 0..p.layers.len() {
            transpose(p, l, 1, false, s);
        }
        let c = total_crossings(p);
        if c >= best.crossings {
            break;
        }
        best.crossings = c;
        best.layers.clone_from(&p.layers);
    }
    p.layers.clone_from(&best.layers);
    p.refresh_pos();
}

/// Sweeps from several initial orders; keeps the best order of all.
fn reduce_proper(p: &mut Proper, fixed: bool) {
    let budget = Budget::for_size(p.len(), fixed);
    let mut s = Scratch::new(p.len());
    let mut best = Best {
        crossings: total_crossings(p),
        layers: p.layers.clone(),
    };
    for start in 0..budget.starts {
        if best.crossings == 0 {
            break;
        }
        if start > 0 {
            p.initial_order(start.min(2));
        }
        if start > 2 {
            p.shuffle(start as u64);
        }
        improve(p, &budget, &mut best, &mut s);
    }
    p.layers.clone_from(&best.layers);
    p.refresh_pos();
    polish(p, &budget, &mut best, &mut s);
    p.layers.clone_from(&best.layers);
    p.refresh_pos();
    anneal(p, budget.anneal, &mut best, &mut s);
    if untwist(p, &mut best) {
        anneal(p, budget.anneal / 4, &mut best, &mut s);
    }
    polish(p, &budget, &mut best, &mut s);
    p.layers = best.layers;
    p.refresh_pos();
}

/// Simulated annealing over swaps of adjacent nodes (Kirkpatrick, Gelatt,
/// Vecchi 1983): a swap that adds crossings is taken now and then, more
/// rarely as the temperature falls, so the order can leave the local
/// optima where sweeps, transposition and sifting all stop. Each move costs
/// the degree of the two nodes (only crossings between their own edges
/// change); seeded, so the result is the same every run. Keeps the best.
fn anneal(p: &mut Proper, moves: usize, best: &mut Best, s: &mut Scratch) {
    // Adjacent places whose two nodes may swap (same block); blocks never
    // change place, so neither do these.
    let pairs: Vec<(u32, u32)> = p
        .layers
        .iter()
        .enumerate()
        .flat_map(|(l, layer)| {
            let block = &p.block;
            layer
                .windows(2)
                .enumerate()
                .filter(move |(_, w)| block[w[0] as usize] == block[w[1] as usize])
                .map(move |(i, _)| (l as u32, i as u32))
        })
        .collect();
    if pairs.is_empty() || moves == 0 || best.crossings == 0 {
        return;
    }
    let mut rng = crate::rng::Rng::new(0x5eed);
    let mut current = best.crossings as i64;
    let mut accept = [0u64; ANNEAL_DELTAS];
    for step in 0..moves.div_ceil(ANNEAL_STEP) {
        let progress = step as f64 * ANNEAL_STEP as f64 / moves as f64;
        let temp = ANNEAL_HOT * (ANNEAL_COLD / ANNEAL_HOT).powf(progress);
        for (d, a) in accept.iter_mut().enumerate() {
            *a = ((-((d + 1) as f64) / temp).exp() * u64::MAX as f64) as u64;
        }
        for _ in 0..ANNEAL_STEP {
            let (l, i) = pairs[rng.below(pairs.len())];
            let (l, i) = (l as usize, i as usize);
            let (u, v) = (p.layers[l][i], p.layers[l][i + 1]);
            let delta = between(p, v, u, s) as i64 - between(p, u, v, s) as i64;
            let take = delta <= 0
                || accept
                    .get(delta as usize - 1)
                    .is_some_and(|&a| rng.next_u64() < a);
            if take {
                p.layers[l].swap(i, i + 1);
                p.pos[u as usize] = i as u32 + 1;
                p.pos[v as usize] = i as u32;
                current += delta;
            }
        }
        if current < best.crossings as i64 {
            best.crossings = current as u64;
            best.layers.clone_from(&p.layers);
        }
    }
    p.layers.clone_from(&best.layers);
    p.refresh_pos();
}

/// Mirrors the layers from some layer on, in a graph without lanes, where
/// that removes crossings or moves them. A mirror image has the crossings
/// of the original, so mirroring every layer from `k` on changes only the
/// crossings between `k - 1` and `k`, and each layer's side can be chosen
/// against the one before it alone. Two lines that swap sides once cross
/// once, and no local step undoes that: every node would have to move.
/// Where mirroring costs as much as it saves, it is still done: the twist
/// then sits between edges of one fan-out, which annealing can walk back
/// to their common end at no cost (the crossing disappears there). Returns
/// whether any layer was mirrored; `best` is then this order.
fn untwist(p: &mut Proper, best: &mut Best) -> bool {
    if best.crossings == 0 || p.group.iter().any(|&g| g != 0) {
        return false;
    }
    let (mut tree, mut south) = (Vec::new(), Vec::new());
    // Whether the layers from here on are mirrored.
    let (mut mirrored, mut any) = (false, false);
    for k in 1..p.layers.len() {
        if mirrored {
            mirror(p, k);
        }
        let same = layer_crossings(p, k - 1, &mut tree, &mut south);
        if same == 0 {
            continue;
        }
        mirror(p, k);
        let flipped = layer_crossings(p, k - 1, &mut tree, &mut south);
        if flipped <= same {
            (mirrored, any) = (!mirrored, true);
        } else {
            mirror(p, k);
        }
    }
    if any {
        best.crossings = total_crossings(p);
        best.layers.clone_from(&p.layers);
    }
    any
}

/// Reverses layer `k` within each of its blocks.
fn mirror(p: &mut Proper, k: usize) {
    let mut layer = std::mem::take(&mut p.layers[k]);
    each_block(&mut layer, &p.block, |run| run.reverse());
    for (i, &v) in layer.iter().enumerate() {
        p.pos[v as usize] = i as u32;
    }
    p.layers[k] = layer;
}

/// Moves per step of the annealing schedule (the temperature is lowered
/// and the best order kept between steps).
const ANNEAL_STEP: usize = 4096;
/// Starting and final temperature, in crossings: at first a swap that
/// adds one crossing is taken half the time, at the end almost never.
const ANNEAL_HOT: f64 = 1.5;
const ANNEAL_COLD: f64 = 0.02;
/// Swaps that add more crossings than this are never taken.
const ANNEAL_DELTAS: usize = 8;

/// Crossings between the edges of `u` and those of `v` (same layer) when
/// `u` is left of `v`, on both sides.
fn between(p: &Proper, u: u32, v: u32, s: &mut Scratch) -> u64 {
    let mut total = 0;
    for down in [false, true] {
        s.nbr.clear();
        s.nbr
            .extend(p.next(u, down).iter().map(|&w| p.pos[w as usize]));
        s.nbr.sort_unstable();
        let split = s.nbr.len();
        s.nbr
            .extend(p.next(v, down).iter().map(|&w| p.pos[w as usize]));
        s.nbr[split..].sort_unstable();
        let (a, b) = s.nbr.split_at(split);
        total += inversions(a, b);
    }
    total
}

/// Sifting rounds on the best order, while they pay off.
fn polish(p: &mut Proper, budget: &Budget, best: &mut Best, s: &mut Scratch) {
    for round in 0..budget.sift_rounds {
        if best.crossings == 0 {
            return;
        }
        let n = p.layers.len();
        let ls: Vec<usize> = if round % 2 == 0 {
            (0..n).collect()
        } else {
            (0..n).rev().collect()
        };
        for l in ls {
            sift(p, l, s);
        }
        let c = total_crossings(p);
        if c >= best.crossings {
            return;
        }
        best.crossings = c;
        best.layers.clone_from(&p.layers);
    }
}

/// Largest layer that sifting handles: it costs the square of the width.
const SIFT_MAX: usize = 400;

/// Moves every node of layer `l`, one at a time, to the place inside its
/// group where it crosses least with both neighbouring layers.
fn sift(p: &mut Proper, l: usize, s: &mut Scratch) {
    if p.layers[l].len() < 3 || p.layers[l].len() > SIFT_MAX {
        return;
    }
    collect_neighbours(p, l, s);
    let mut layer = std::mem::take(&mut p.layers[l]);
    for v in layer.clone() {
        let i = layer.iter().position(|&x| x == v).unwrap_or(0);
        layer.remove(i);
        let g = p.block[v as usize];
        let a = layer
            .iter()
            .position(|&x| p.block[x as usize] == g)
            .unwrap_or(i);
        let b = a + layer[a..]
            .iter()
            .take_while(|&&x| p.block[x as usize] == g)
            .count();
        let (mut cost, mut best, mut at, mut here) = (0i64, 0i64, a, 0i64);
        for (j, &w) in layer.iter().enumerate().take(b).skip(a) {
            cost += pair_crossings(s, w, v) as i64 - pair_crossings(s, v, w) as i64;
            if j + 1 == i {
                here = cost;
            }
            if cost < best {
                (best, at) = (cost, j + 1);
            }
        }
        // Only move for a strict gain, so equal places do not churn.
        let at = if best < here { at } else { i };
        layer.insert(at, v);
    }
    for (i, &v) in layer.iter().enumerate() {
        p.pos[v as usize] = i as u32;
    }
    p.layers[l] = layer;
}

/// Alternating down and up sweeps, barycenter and median in turn, each
/// followed by transposition, until `patience` sweeps bring nothing.
fn improve(p: &mut Proper, budget: &Budget, best: &mut Best, s: &mut Scratch) {
    let mut local = total_crossings(p);
    let mut stale = 0;
    for it in 0..budget.sweeps {
        if best.crossings == 0 || stale >= budget.patience {
            break;
        }
        sweep(p, it % 2 == 0, (it / 2) % 2 == 1, s);
        // Every other pair of sweeps also swaps on ties, to leave plateaus (as dot does).
        let ties = it % 4 < 2;
        for l in 0..p.layers.len() {
            transpose(p, l, budget.transpose_passes, ties, s);
        }
        let c = total_crossings(p);
        if c < local {
            (local, stale) = (c, 0);
        } else {
            stale += 1;
        }
        if c < best.crossings {
            best.crossings = c;
            best.layers.clone_from(&p.layers);
        }
    }
}

/// Reusable buffers so sweeps allocate nothing per node.
struct Scratch {
    nbr: Vec<u32>,
    keyed: Vec<(f64, u32, u32)>,
    local: Vec<u32>,
    flat: Vec<u32>,
    ranges: Vec<(u32, u32, u32)>,
}

impl Scratch {
    fn new(n: usize) -> Scratch {
        Scratch {
            nbr: Vec::new(),
            keyed: Vec::new(),
            local: vec![0; n],
            flat: Vec::new(),
            ranges: Vec::new(),
        }
    }
}

fn sweep(p: &mut Proper, down: bool, median: bool, s: &mut Scratch) {
    let n = p.layers.len();
    if n < 2 {
        return;
    }
    let ls: Vec<usize> = if down {
        (1..n).collect()
    } else {
        (0..n - 1).rev().collect()
    };
    for l in ls {
        reorder(p, l, down, median, s);
    }
}

/// Sorts one layer by the barycenter (or median) of its neighbours in the
/// fixed layer; nodes without such neighbours keep their slot.
fn reorder(p: &mut Proper, l: usize, from_up: bool, median: bool, s: &mut Scratch) {
    let mut layer = std::mem::take(&mut p.layers[l]);
    each_block(&mut layer, &p.block, |seg| {
        reorder_segment(p, seg, from_up, median, s)
    });
    for (i, &v) in layer.iter().enumerate() {
        p.pos[v as usize] = i as u32;
    }
    p.layers[l] = layer;
}

/// Calls `f` on each run of one block in `layer` (blocks are contiguous).
fn each_block(layer: &mut [u32], block: &[u64], mut f: impl FnMut(&mut [u32])) {
    let mut rest = layer;
    while let Some(&first) = rest.first() {
        let b = block[first as usize];
        let len = rest.iter().take_while(|&&v| block[v as usize] == b).count();
        let (run, tail) = rest.split_at_mut(len);
        f(run);
        rest = tail;
    }
}

fn reorder_segment(p: &Proper, seg: &mut [u32], from_up: bool, median: bool, s: &mut Scratch) {
    s.keyed.clear();
    for (i, &v) in seg.iter().enumerate() {
        let nb = if from_up { p.up.of(v) } else { p.down.of(v) };
        if nb.is_empty() {
            continue;
        }
        s.nbr.clear();
        s.nbr.extend(nb.iter().map(|&u| p.pos[u as usize]));
        s.keyed.push((key(&mut s.nbr, median), i as u32, v));
    }
    s.keyed
        .sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut next = s.keyed.iter();
    for slot in seg.iter_mut() {
        let has = if from_up {
            !p.up.of(*slot).is_empty()
        } else {
            !p.down.of(*slot).is_empty()
        };
        if has {
            if let Some(&(_, _, v)) = next.next() {
                *slot = v;
            }
        }
    }
}

fn key(pos: &mut [u32], median: bool) -> f64 {
    if !median || pos.len() <= 2 {
        return pos.iter().map(|&x| x as f64).sum::<f64>() / pos.len() as f64;
    }
    pos.sort_unstable();
    let m = pos.len() / 2;
    if pos.len() % 2 == 1 {
        return pos[m] as f64;
    }
    // Weighted median (Gansner et al.): lean towards the denser side.
    let (lo, hi) = (pos[m - 1] as f64, pos[m] as f64);
    let left = lo - pos[0] as f64;
    let right = pos[pos.len() - 1] as f64 - hi;
    if left + right == 0.0 {
        (lo + hi) / 2.0
    } else {
        (lo * right + hi * left) / (left + right)
    }
}

/// Swaps adjacent nodes of one group while that lowers the crossings with
/// both neighbouring layers.
fn transpose(p: &mut Proper, l: usize, passes: usize, ties: bool, s: &mut Scratch) {
    if p.layers[l].len() < 2 {
        return;
    }
    collect_neighbours(p, l, s);
    let mut layer = std::mem::take(&mut p.layers[l]);
    for _ in 0..passes {
        let mut improved = false;
        for i in 0..layer.len() - 1 {
            let (u, v) = (layer[i], layer[i + 1]);
            if p.block[u as usize] != p.block[v as usize] {
                continue;
            }
            let (now, swapped) = (pair_crossings(s, u, v), pair_crossings(s, v, u));
            if swapped < now || (ties && swapped == now && now > 0) {
                layer.swap(i, i + 1);
                // Only a strict gain asks for another pass; tie swaps would loop.
                improved |= swapped < now;
            }
        }
        if !improved {
            break;
        }
    }
    for (i, &v) in layer.iter().enumerate() {
        p.pos[v as usize] = i as u32;
    }
    p.layers[l] = layer;
}

/// Sorted neighbour positions of every node of layer `l`, up and down.
fn collect_neighbours(p: &Proper, l: usize, s: &mut Scratch) {
    s.flat.clear();
    s.ranges.clear();
    for (i, &v) in p.layers[l].iter().enumerate() {
        s.local[v as usize] = i as u32;
        let a = s.flat.len();
        s.flat.extend(p.up.of(v).iter().map(|&u| p.pos[u as usize]));
        s.flat[a..].sort_unstable();
        let b = s.flat.len();
        s.flat
            .extend(p.down.of(v).iter().map(|&u| p.pos[u as usize]));
        s.flat[b..].sort_unstable();
        s.ranges.push((a as u32, b as u32, s.flat.len() as u32));
    }
}

/// Crossings among the edges of `u` and `v` if `u` is left of `v`.
fn pair_crossings(s: &Scratch, u: u32, v: u32) -> u64 {
    let (ru, rv) = (
        s.ranges[s.local[u as usize] as usize],
        s.ranges[s.local[v as usize] as usize],
    );
    let f = |a: u32, b: u32| &s.flat[a as usize..b as usize];
    inversions(f(ru.0, ru.1), f(rv.0, rv.1)) + inversions(f(ru.1, ru.2), f(rv.1, rv.2))
}

/// Pairs (a in xs, b in ys) with a > b; both sorted.
fn inversions(xs: &[u32], ys: &[u32]) -> u64 {
    let (mut j, mut total) = (0, 0u64);
    for &a in xs {
        while j < ys.len() && ys[j] < a {
            j += 1;
        }
        total += j as u64;
    }
    total
}

/// Crossings of the whole order, between every pair of adjacent layers.
pub(crate) fn total_crossings(p: &Proper) -> u64 {
    let mut tree = Vec::new();
    let mut south = Vec::new();
    (0..p.layers.len().saturating_sub(1))
        .map(|l| layer_crossings(p, l, &mut tree, &mut south))
        .sum()
}

/// Barth–Jünger–Mutzel accumulator tree: O(E log V) per layer pair.
fn layer_crossings(p: &Proper, l: usize, tree: &mut Vec<u64>, south: &mut Vec<u32>) -> u64 {
    south.clear();
    for &u in &p.layers[l] {
        let a = south.len();
        south.extend(p.down.of(u).iter().map(|&w| p.pos[w as usize]));
        south[a..].sort_unstable();
    }
    let first = p.layers[l + 1].len().max(1).next_power_of_two();
    tree.clear();
    tree.resize(2 * first - 1, 0);
    let mut cross = 0;
    for &s in south.iter() {
        let mut i = s as usize + first - 1;
        tree[i] += 1;
        while i > 0 {
            if i % 2 == 1 {
                cross += tree[i + 1];
            }
            i = (i - 1) / 2;
            tree[i] += 1;
        }
    }
    cross
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{rank, Edge, Graph, LayerMode, Node, Size};
    use crate::rng::Rng;

    /// A random layered DAG without lanes; `labels` puts a label on every edge.
    fn graph(seed: u64, labels: bool) -> Graph {
        let mut rng = Rng::new(seed);
        let n = 20 + rng.below(60);
        let mut g = Graph {
            mode: LayerMode::Compact,
            ..Graph::default()
        };
        for i in 0..n {
            g.nodes.push(Node {
                key: format!("n{i:03}"),
                size: Size { w: 60.0, h: 20.0 },
                time: None,
                lane: None,
            });
            for _ in 0..usize::from(i > 0) + rng.below(2) {
                let from = rng.below(i.max(1));
                if from < i && !g.edges.iter().any(|e| e.from == from && e.to == i) {
                    let label = labels.then_some(Size { w: 40.0, h: 14.0 });
                    g.edges.push(Edge { from, to: i, label });
                }
            }
        }
        g
    }

    fn reduced(g: &Graph) -> u64 {
        let c = Canon::new(g);
        let r = rank::assign(&c, g.mode);
        let mut p = Proper::build(&c, &r);
        reduce_crossings(&mut p, false);
        total_crossings(&p)
    }

    /// Label layers double the layers; filled in after the reduction they
    /// add no crossing (without lanes, nothing forces a dummy aside).
    #[test]
    fn label_layers_add_no_crossings() {
        let mut crossed = 0;
        for seed in 1..=40 {
            let (plain, labelled) = (reduced(&graph(seed, false)), reduced(&graph(seed, true)));
            assert!(labelled <= plain, "seed {seed}: {labelled} > {plain}");
            crossed += plain;
        }
        assert!(crossed > 0, "the graphs are too easy to test anything");
    }

    /// Annealing keeps the best order it sees, so it never ends with more
    /// crossings than it started from, its count is the true one, and on
    /// these graphs it finds fewer crossings than the sweeps left.
    #[test]
    fn annealing_only_ever_removes_crossings() {
        let (mut before, mut after) = (0, 0);
        for seed in 1..=20 {
            let g = graph(seed, false);
            let c = Canon::new(&g);
            let r = rank::assign(&c, g.mode);
            let mut p = Proper::build(&c, &r);
            let budget = Budget::for_size(p.len(), false);
            let mut s = Scratch::new(p.len());
            let mut best = Best {
                crossings: total_crossings(&p),
                layers: p.layers.clone(),
            };
            improve(&mut p, &budget, &mut best, &mut s);
            p.layers.clone_from(&best.layers);
            p.refresh_pos();
            let swept = best.crossings;
            anneal(&mut p, 200_000, &mut best, &mut s);
            assert!(best.crossings <= swept, "seed {seed}");
            assert_eq!(total_crossings(&p), best.crossings, "seed {seed}");
            (before, after) = (before + swept, after + best.crossings);
        }
        assert!(after < before, "{after} crossings after, {before} before");
    }
}
