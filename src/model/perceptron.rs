//! Training: an averaged structured perceptron over hashed features.
//!
//! Weights are integers during training (each update adds or removes 1), so training is exact
//! and the same data in the same order gives the same weights on every machine. The averaged
//! weights are `w - u / c` (Daumé's trick): `u` sums each update times the example counter `c`.

use super::viterbi::{self, TAGS, Transitions, WIDTH};
use super::weights::Model;

/// The features of the pieces of one text: those of piece `i` are
/// `features[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sequence {
    pub features: Vec<u32>,
    pub starts: Vec<u32>,
}

impl Sequence {
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn piece(&self, i: usize) -> &[u32] {
        &self.features[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Whether piece `i` has features (an inactive piece has none and is always `O`).
    pub(crate) fn active(&self, i: usize) -> bool {
        self.starts[i] != self.starts[i + 1]
    }

    /// Scores of each piece: the sum of `row(feature)` over its features.
    pub(crate) fn emissions<'r>(&self, row: impl Fn(u32) -> &'r [i16]) -> Vec<[i32; WIDTH]> {
        (0..self.len())
            .map(|i| {
                if !self.active(i) {
                    return viterbi::ONLY_O;
                }
                let mut acc = [0i32; WIDTH];
                for &f in self.piece(i) {
                    for (a, &w) in acc.iter_mut().zip(row(f)) {
                        *a += i32::from(w);
                    }
                }
                acc
            })
            .collect()
    }

    /// Collects features given in piece order for `n` pieces.
    pub(crate) fn collect<R>(
        n: usize,
        extract: impl FnOnce(&mut dyn FnMut(usize, &[u32])) -> R,
    ) -> Sequence {
        let mut features = Vec::with_capacity(n * 48);
        let mut counts = vec![0u32; n];
        extract(&mut |i, f| {
            features.extend_from_slice(f);
            counts[i] += f.len() as u32;
        });
        let mut starts = Vec::with_capacity(n + 1);
        let mut at = 0;
        starts.push(0);
        for c in counts {
            at += c;
            starts.push(at);
        }
        Sequence { features, starts }
    }
}

/// A perceptron's weights are `tables` tables of `2^bits` rows: the model's own, then one per
/// style (`train.rs`). With more than one table, features must already be indexes below
/// `tables << bits` (the table's number in the bits above `bits`).
pub(crate) struct Perceptron {
    bits: u8,
    tables: usize,
    mask: usize,
    w: Vec<i32>,
    u: Vec<i64>,
    start_w: [i32; TAGS],
    start_u: [i64; TAGS],
    next_w: [[i32; TAGS]; TAGS],
    next_u: [[i64; TAGS]; TAGS],
    /// Examples seen, plus one.
    c: i64,
}

impl Perceptron {
    pub(crate) fn new(bits: u8, tables: usize) -> Perceptron {
        let rows = tables << bits;
        Perceptron {
            bits,
            tables,
            mask: (tables.next_power_of_two() << bits) - 1,
            w: vec![0; rows * TAGS],
            u: vec![0; rows * TAGS],
            start_w: [0; TAGS],
            start_u: [0; TAGS],
            next_w: [[0; TAGS]; TAGS],
            next_u: [[0; TAGS]; TAGS],
            c: 1,
        }
    }

    /// Current (not averaged) scores of each piece.
    pub(crate) fn emissions(&self, seq: &Sequence) -> Vec<[i32; WIDTH]> {
        (0..seq.len())
            .map(|i| {
                if !seq.active(i) {
                    return viterbi::ONLY_O;
                }
                let mut acc = [0i32; WIDTH];
                for &f in seq.piece(i) {
                    let at = self.row(f) * TAGS;
                    for (a, w) in acc.iter_mut().zip(&self.w[at..at + TAGS]) {
                        *a += w;
                    }
                }
                acc
            })
            .collect()
    }

    pub(crate) fn transitions(&self) -> Transitions {
        let mut tr = Transitions::default();
        tr.start[..TAGS].copy_from_slice(&self.start_w);
        for t in 0..TAGS {
            tr.next[t][..TAGS].copy_from_slice(&self.next_w[t]);
        }
        tr
    }

    /// Decodes `seq` with the current weights.
    pub(crate) fn predict(&self, seq: &Sequence, allowed: Option<&[u8]>) -> Vec<u8> {
        viterbi::decode(&self.emissions(seq), &self.transitions(), allowed)
    }

    /// Decodes `seq` with the current weights and every tag but `gold`'s raised by `cost` on
    /// each active piece: the tags that beat `gold` by less than the margin `cost` per piece
    /// win (loss-augmented decoding, for training).
    pub(crate) fn predict_with_cost(&self, seq: &Sequence, gold: &[u8], cost: i32) -> Vec<u8> {
        let mut em = self.emissions(seq);
        for (i, e) in em.iter_mut().enumerate() {
            if seq.active(i) {
                for (t, s) in e.iter_mut().enumerate().take(TAGS) {
                    if t != usize::from(gold[i]) {
                        *s += cost;
                    }
                }
            }
        }
        viterbi::decode(&em, &self.transitions(), None)
    }

    #[inline]
    fn row(&self, f: u32) -> usize {
        let row = f as usize & self.mask;
        debug_assert!(
            row < self.tables << self.bits,
            "feature {f} outside the tables"
        );
        row
    }

    fn bump_feature(&mut self, f: u32, tag: u8, delta: i32) {
        let at = self.row(f) * TAGS + usize::from(tag);
        self.w[at] += delta;
        self.u[at] += i64::from(delta) * self.c;
    }

    /// One perceptron step: towards `gold`, away from `predicted`. Counts one example.
    pub(crate) fn update(&mut self, seq: &Sequence, gold: &[u8], predicted: &[u8]) {
        let c = self.c;
        let mut previous: Option<(u8, u8)> = None;
        for i in 0..seq.len() {
            let (g, p) = (gold[i], predicted[i]);
            if g != p {
                for k in seq.starts[i]..seq.starts[i + 1] {
                    let f = seq.features[k as usize];
                    self.bump_feature(f, g, 1);
                    self.bump_feature(f, p, -1);
                }
            }
            match previous {
                None if g != p => {
                    self.start_w[usize::from(g)] += 1;
                    self.start_u[usize::from(g)] += c;
                    self.start_w[usize::from(p)] -= 1;
                    self.start_u[usize::from(p)] -= c;
                }
                Some((pg, pp)) if (pg, g) != (pp, p) => {
                    self.next_w[usize::from(pg)][usize::from(g)] += 1;
                    self.next_u[usize::from(pg)][usize::from(g)] += c;
                    self.next_w[usize::from(pp)][usize::from(p)] -= 1;
                    self.next_u[usize::from(pp)][usize::from(p)] -= c;
                }
                _ => {}
            }
            previous = Some((g, p));
        }
        self.c += 1;
    }

    /// Counts an example that needed no update.
    pub(crate) fn skip(&mut self) {
        self.c += 1;
    }

    /// The averaged weights, quantized: the model, then its `styles` (one per extra table).
    pub(crate) fn averaged(&self, name: &str, lowercase: bool, styles: &[String]) -> Vec<Model> {
        let mut sum = Sum::new(self.bits, self.tables);
        sum.add(self);
        sum.models(name, lowercase, styles)
    }
}

/// A sum of the averaged weights of several perceptrons (trained on different orders): their
/// mean is the final model.
pub(crate) struct Sum {
    bits: u8,
    tables: usize,
    runs: usize,
    weights: Vec<f64>,
    start: [f64; TAGS],
    next: [[f64; TAGS]; TAGS],
}

impl Sum {
    pub(crate) fn new(bits: u8, tables: usize) -> Sum {
        Sum {
            bits,
            tables,
            runs: 0,
            weights: vec![0.0; (tables << bits) * TAGS],
            start: [0.0; TAGS],
            next: [[0.0; TAGS]; TAGS],
        }
    }

    /// Adds a perceptron's averaged weights.
    pub(crate) fn add(&mut self, p: &Perceptron) {
        assert_eq!(
            (p.bits, p.tables),
            (self.bits, self.tables),
            "perceptrons of one table size"
        );
        let c = p.c as f64;
        let avg = |w: i32, u: i64| f64::from(w) - u as f64 / c;
        for ((s, &w), &u) in self.weights.iter_mut().zip(&p.w).zip(&p.u) {
            *s += avg(w, u);
        }
        for t in 0..TAGS {
            self.start[t] += avg(p.start_w[t], p.start_u[t]);
            for v in 0..TAGS {
                self.next[t][v] += avg(p.next_w[t][v], p.next_u[t][v]);
            }
        }
        self.runs += 1;
    }

    /// The mean, quantized: the model, then its `styles` (one per extra table).
    pub(crate) fn models(&self, name: &str, lowercase: bool, styles: &[String]) -> Vec<Model> {
        assert_eq!(styles.len() + 1, self.tables, "a name for each style table");
        // Quantization scales by the largest weight, so the sum serves as well as the mean.
        Model::quantize(
            name,
            self.bits,
            lowercase,
            styles,
            &self.weights,
            &self.start,
            &self.next,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy problem: feature 1 means B-PER, 2 means I-PER, 3 means O; and its gold tags.
    fn toy() -> (Sequence, [u8; 4]) {
        let seq = Sequence::collect(4, |emit| {
            for (i, f) in [1u32, 2, 3, 1].into_iter().enumerate() {
                emit(i, &[f]);
            }
        });
        (seq, [1, 2, 0, 1])
    }

    #[test]
    fn learns_a_separable_toy_problem() {
        let (seq, gold) = toy();
        let mut p = Perceptron::new(4, 1);
        for _ in 0..5 {
            let predicted = p.predict(&seq, None);
            if predicted == gold {
                p.skip();
            } else {
                p.update(&seq, &gold, &predicted);
            }
        }
        assert_eq!(p.predict(&seq, None), gold);
        let model = p.averaged("t", false, &[]).remove(0);
        let em = seq.emissions(|f| model.row(f));
        assert_eq!(viterbi::decode(&em, &model.transitions, None), gold);
    }

    #[test]
    fn a_margin_goes_on_updating_until_the_gold_tags_win_by_it() {
        let (seq, gold) = toy();
        let mut p = Perceptron::new(4, 1);
        // One update: the gold tags win, but by less than a margin of 3.
        p.update(&seq, &gold, &p.predict(&seq, None));
        assert_eq!(p.predict(&seq, None), gold);
        assert_eq!(p.predict_with_cost(&seq, &gold, 0), gold);
        assert_ne!(p.predict_with_cost(&seq, &gold, 3), gold);
        let mut updates = 1;
        loop {
            let predicted = p.predict_with_cost(&seq, &gold, 3);
            if predicted == gold {
                break;
            }
            p.update(&seq, &gold, &predicted);
            updates += 1;
            assert!(updates < 20, "the margin is reached");
        }
        // The gold path now beats every other by the margin; here each gold tag leads its piece.
        let em = p.emissions(&seq);
        for (i, &g) in gold.iter().enumerate() {
            for t in 0..TAGS {
                if t != usize::from(g) {
                    assert!(em[i][usize::from(g)] > em[i][t], "piece {i} tag {t}");
                }
            }
        }
    }
}
