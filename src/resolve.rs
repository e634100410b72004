//! Stage 3: choose non-overlapping entities among the candidates.
//!
//! Policy, in order: the longer span (in bytes) wins; between spans of equal length the leftmost
//! wins; between candidates for the same span, the higher priority (the gazetteer added later)
//! wins. Chosen candidates come back in text order.

use std::collections::BTreeMap;

use crate::matcher::Candidate;

pub(crate) fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(b.priority.cmp(&a.priority))
    });
    // Chosen spans by start; they never overlap, so the one starting last before a candidate's
    // end is the only one that can overlap it.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut chosen = Vec::new();
    for c in candidates {
        let overlaps = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &end)| end > c.start);
        if !overlaps {
            taken.insert(c.start, c.end);
            chosen.push(c);
        }
    }
    chosen.sort_by_key(|c| c.start);
    chosen
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

    #[test]
    fn a_span_inside_a_longer_one_is_dropped() {
        assert_eq!(
            spans(vec![cand(2, 4, 0), cand(0, 10, 0), cand(9, 12, 0)]),
            [(0, 10, 0)]
        );
    }
}
