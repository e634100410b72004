//! Stage 3: choose non-overlapping entities among the candidates.
//!
//! Policy, in order: the longer span (in bytes) wins; between spans of equal length the leftmost
//! wins; between candidates for the same span, the higher priority (the gazetteer added later)
//! wins. Chosen candidates come back in text order.

use std::cmp::Reverse;

use crate::matcher::Candidate;

pub(crate) fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    // In text order, then cluster by cluster: candidates that overlap one another, directly or
    // through others. No candidate of one cluster overlaps one of another, so each cluster is
    // resolved alone, as the whole would be; a long document costs its clusters (a few
    // candidates each), not a sort of all its candidates by the policy. The candidates come in
    // runs already in text order (the matcher's, then each rule's; consistency's after the
    // chosen ones), which a stable sort merges.
    candidates.sort_by_key(|c| c.start);
    let mut keep = vec![false; candidates.len()];
    let mut first = 0;
    while first < candidates.len() {
        let mut end = candidates[first].end;
        let mut past = first + 1;
        while past < candidates.len() && candidates[past].start < end {
            end = end.max(candidates[past].end);
            past += 1;
        }
        choose(&mut candidates[first..past], &mut keep[first..past]);
        first = past;
    }
    let mut kept = keep.into_iter();
    candidates.retain(|_| kept.next().unwrap_or(false));
    // Each cluster's chosen ones are in the policy's order: back to text order (chosen spans
    // never overlap and are never empty, so their starts differ).
    candidates.sort_by_key(|c| c.start);
    candidates
}

/// Marks in `keep` the candidates of one cluster that the policy chooses; sorts `cluster` by the
/// policy.
fn choose(cluster: &mut [Candidate], keep: &mut [bool]) {
    if cluster.len() == 1 {
        keep[0] = true;
        return;
    }
    // The order of the policy; stable sorts keep equal candidates in their given order. A
    // cluster's few candidates are sorted where they are; many by their keys, then moved once.
    let policy = |c: &Candidate| (Reverse(c.end - c.start), c.start, Reverse(c.priority));
    if cluster.len() <= 32 {
        cluster.sort_by_key(policy);
    } else {
        cluster.sort_by_cached_key(policy);
    }
    // The bytes of the chosen spans, a bit each, counted from the cluster's start: a candidate
    // (never empty) overlaps a chosen span when one of its bytes is taken. A cluster's bits
    // mostly fit on the stack.
    let from = cluster.iter().map(|c| c.start).min().unwrap_or(0);
    let words = cluster.iter().map(|c| c.end - from).max().unwrap_or(0) / 64 + 1;
    let mut on_stack = [0u64; 32];
    let mut on_heap = Vec::new();
    let bits = if words <= on_stack.len() {
        &mut on_stack[..words]
    } else {
        on_heap.resize(words, 0);
        &mut on_heap[..]
    };
    let mut taken = Bytes(bits);
    for (c, keep) in cluster.iter().zip(keep) {
        *keep = !taken.any(c.start - from, c.end - from);
        if *keep {
            taken.set(c.start - from, c.end - from);
        }
    }
}

/// A set of byte positions, a bit each.
struct Bytes<'a>(&'a mut [u64]);

impl Bytes<'_> {
    /// The words of `start..end` and the mask of its bits in each.
    fn words(start: usize, end: usize) -> impl Iterator<Item = (usize, u64)> {
        let last = end.saturating_sub(1) / 64;
        (start / 64..=last)
            .filter(move |_| start < end)
            .map(move |w| {
                let from = start.max(w * 64) - w * 64;
                let to = end.min(w * 64 + 64) - w * 64;
                let mask = if to - from == 64 {
                    u64::MAX
                } else {
                    ((1u64 << (to - from)) - 1) << from
                };
                (w, mask)
            })
    }

    fn any(&self, start: usize, end: usize) -> bool {
        Bytes::words(start, end).any(|(w, mask)| self.0[w] & mask != 0)
    }

    fn set(&mut self, start: usize, end: usize) {
        for (w, mask) in Bytes::words(start, end) {
            self.0[w] |= mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Label;
    use std::sync::Arc;

    fn cand(start: usize, end: usize, priority: u32) -> Candidate {
        Candidate {
            start,
            end,
            label: Label::LOC,
            source: Arc::from("t"),
            canonical: None,
            priority,
            ambiguous: false,
        }
    }

    fn spans(cs: Vec<Candidate>) -> Vec<(usize, usize, u32)> {
        resolve(cs)
            .iter()
            .map(|c| (c.start, c.end, c.priority))
            .collect()
    }

    #[test]
    fn longest_wins_then_leftmost_then_priority() {
        assert_eq!(
            spans(vec![cand(0, 8, 0), cand(0, 14, 0), cand(9, 14, 0)]),
            [(0, 14, 0)]
        );
        assert_eq!(spans(vec![cand(4, 10, 0), cand(0, 6, 0)]), [(0, 6, 0)]);
        assert_eq!(spans(vec![cand(0, 5, 0), cand(0, 5, 3)]), [(0, 5, 3)]);
    }

    #[test]
    fn disjoint_candidates_all_survive_in_order() {
        assert_eq!(
            spans(vec![cand(10, 12, 0), cand(0, 3, 0), cand(3, 5, 0)]),
            [(0, 3, 0), (3, 5, 0), (10, 12, 0)]
        );
    }

    /// The policy by brute force: each candidate in policy order is chosen when no chosen one
    /// overlaps it.
    #[test]
    fn resolves_like_pairwise_overlap_checks() {
        let mut seed = 99u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for round in 0..2000 {
            // Every other round spans thousands of bytes: past the bits kept on the stack.
            let scale = if round % 2 == 0 { 1 } else { 40 };
            // Every third round has more candidates than are sorted in place.
            let n = if round % 3 == 2 {
                30 + next(40)
            } else {
                next(12)
            };
            let cs: Vec<Candidate> = (0..n)
                .map(|_| {
                    let start = next(200) * scale;
                    cand(start, start + 1 + next(70) * scale, next(3) as u32)
                })
                .collect();
            let mut order: Vec<&Candidate> = cs.iter().collect();
            order.sort_by(|a, b| {
                (b.end - b.start)
                    .cmp(&(a.end - a.start))
                    .then(a.start.cmp(&b.start))
                    .then(b.priority.cmp(&a.priority))
            });
            let mut chosen: Vec<&Candidate> = Vec::new();
            for c in order {
                if chosen.iter().all(|d| d.end <= c.start || c.end <= d.start) {
                    chosen.push(c);
                }
            }
            chosen.sort_by_key(|c| c.start);
            let expected: Vec<(usize, usize, u32)> = chosen
                .iter()
                .map(|c| (c.start, c.end, c.priority))
                .collect();
            assert_eq!(spans(cs.clone()), expected);
        }
    }

    #[test]
    fn a_span_inside_a_longer_one_is_dropped() {
        assert_eq!(
            spans(vec![cand(2, 4, 0), cand(0, 10, 0), cand(9, 12, 0)]),
            [(0, 10, 0)]
        );
    }
}
