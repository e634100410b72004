//! The BIO tag set and Viterbi decoding that never outputs an invalid sequence.
//!
//! Tags are numbered `O = 0`, then `B-X = 2k + 1` and `I-X = 2k + 2` for the labels `PER`,
//! `LOC`, `ORG` (k = 0, 1, 2). `I-X` may only follow `B-X` or `I-X`; a sequence never starts
//! with `I-X`. Scores are integers, so decoding is exact and deterministic; ties go to the
//! lower tag number.

use crate::Label;

/// How many tags: `O` and `B-`/`I-` for three labels.
pub(crate) const TAGS: usize = 7;
/// Rows of weights are padded to this width (one 16-byte load for `i16` rows).
pub(crate) const WIDTH: usize = 8;
/// The outside tag.
pub(crate) const O: u8 = 0;

/// The scores of a piece that must be `O` (inactive in `features.rs`).
pub(crate) const ONLY_O: [i32; WIDTH] = {
    let mut row = [-(1 << 24); WIDTH];
    row[0] = 0;
    row
};

/// The labels in tag order: `B-PER = 1`, `B-LOC = 3`, `B-ORG = 5`.
pub(crate) const LABELS: [Label; 3] = [Label::PER, Label::LOC, Label::ORG];

/// Whether `tag` is an `I-` tag.
pub(crate) fn is_inside(tag: u8) -> bool {
    tag != O && tag % 2 == 0
}

/// The label of a `B-` or `I-` tag.
pub(crate) fn label_of(tag: u8) -> Option<Label> {
    (tag != O).then(|| LABELS[usize::from((tag - 1) / 2)])
}

/// The `B-` tag of a built-in label, `None` for a custom one.
pub(crate) fn begin_tag(label: Label) -> Option<u8> {
    LABELS
        .iter()
        .position(|&l| l == label)
        .map(|k| 2 * k as u8 + 1)
}

/// Whether `cur` may follow `prev` (`None`: the start of the sequence).
pub(crate) fn valid(prev: Option<u8>, cur: u8) -> bool {
    !is_inside(cur) || prev.is_some_and(|p| p == cur || p + 1 == cur)
}

/// Transition and start scores.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Transitions {
    /// Score of starting with each tag.
    pub start: [i32; WIDTH],
    /// `next[prev][cur]`.
    pub next: [[i32; WIDTH]; WIDTH],
}

/// The best valid tag sequence for per-piece tag scores `emissions`. With `allowed`, piece `i`
/// may only take tags whose bit is set in `allowed[i]` (training with partial labels); if no
/// valid sequence fits those masks, the masks are ignored.
pub(crate) fn decode(
    emissions: &[[i32; WIDTH]],
    transitions: &Transitions,
    allowed: Option<&[u8]>,
) -> Vec<u8> {
    let entry = |t: usize| valid(None, t as u8).then(|| i64::from(transitions.start[t]));
    best_path(emissions, transitions, entry, allowed)
        .or_else(|| best_path(emissions, transitions, entry, None))
        .unwrap_or_default()
}

/// [`decode`] without masks, for emissions whose pieces outside `active` are [`ONLY_O`]: such
/// pieces are O on the best path (no gain elsewhere outweighs their penalty), so each run of
/// active pieces is decoded on its own, between an O (or the start) and an O (or the end),
/// and the inactive pieces cost nothing.
pub(crate) fn decode_active(
    emissions: &[[i32; WIDTH]],
    transitions: &Transitions,
    active: &[bool],
) -> Vec<u8> {
    let n = emissions.len();
    let mut tags = vec![O; n];
    let mut back = Vec::new();
    let mut i = 0;
    while i < n {
        if !active.get(i).copied().unwrap_or(true) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && active.get(i).copied().unwrap_or(true) {
            i += 1;
        }
        let mut entry = [NONE; TAGS];
        for (t, e) in entry.iter_mut().enumerate() {
            *e = if start == 0 {
                valid(None, t as u8).then(|| i64::from(transitions.start[t]))
            } else {
                valid(Some(O), t as u8).then(|| i64::from(transitions.next[usize::from(O)][t]))
            }
            .unwrap_or(NONE);
        }
        let mut exit = [0; TAGS];
        if i < n {
            for (t, x) in exit.iter_mut().enumerate() {
                *x = i64::from(transitions.next[t][usize::from(O)]);
            }
        }
        best_run(
            &emissions[start..i],
            transitions,
            &entry,
            &exit,
            &mut back,
            &mut tags[start..i],
        );
    }
    tags
}

/// A score below any path's.
const NONE: i64 = i64::MIN / 4;

/// [`best_path`] without masks, for [`decode_active`], written out for the BIO tags:
/// `O` and `B-X` may follow any tag, `I-X` only `B-X` and `I-X`. `entry[t]` is [`NONE`] for a
/// tag that may not start. Every tag has a valid predecessor from the second piece on, so
/// scores there are finite, and a [`NONE`] of the first piece (plus a few scores) never wins
/// over them: the same path, ties going the same way (to the lower tag), without the checks.
fn best_run(
    emissions: &[[i32; WIDTH]],
    transitions: &Transitions,
    entry: &[i64; TAGS],
    exit: &[i64; TAGS],
    back: &mut Vec<[u8; TAGS]>,
    tags: &mut [u8],
) {
    let n = emissions.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0u8; TAGS]);
    let tr = |prev: usize, cur: usize| i64::from(transitions.next[prev][cur]);
    let mut score = [NONE; TAGS];
    for t in 0..TAGS {
        if entry[t] != NONE {
            score[t] = entry[t] + i64::from(emissions[0][t]);
        }
    }
    for i in 1..n {
        let e = &emissions[i];
        let mut next = [NONE; TAGS];
        let b = &mut back[i];
        for cur in [0, 1, 3, 5] {
            let mut best = score[0] + tr(0, cur);
            let mut arg = 0;
            for (prev, &s) in score.iter().enumerate().skip(1) {
                let v = s + tr(prev, cur);
                if v > best {
                    best = v;
                    arg = prev as u8;
                }
            }
            next[cur] = best + i64::from(e[cur]);
            b[cur] = arg;
        }
        for inside in [2, 4, 6] {
            let begin = inside - 1;
            let from_begin = score[begin] + tr(begin, inside);
            let from_inside = score[inside] + tr(inside, inside);
            let (best, arg) = if from_inside > from_begin {
                (from_inside, inside)
            } else {
                (from_begin, begin)
            };
            next[inside] = best + i64::from(e[inside]);
            b[inside] = arg as u8;
        }
        score = next;
    }
    let mut t = 0;
    let mut best = NONE;
    for (u, &s) in score.iter().enumerate() {
        if s != NONE && s + exit[u] > best {
            best = s + exit[u];
            t = u as u8;
        }
    }
    for i in (0..n).rev() {
        tags[i] = t;
        t = back[i][usize::from(t)];
    }
}

/// The tags each tag may follow ([`valid`]), ascending: all before `O` and `B-X`, only `B-X` and
/// `I-X` before `I-X`.
const PREVIOUS: [&[u8]; TAGS] = [
    &[0, 1, 2, 3, 4, 5, 6],
    &[0, 1, 2, 3, 4, 5, 6],
    &[1, 2],
    &[0, 1, 2, 3, 4, 5, 6],
    &[3, 4],
    &[0, 1, 2, 3, 4, 5, 6],
    &[5, 6],
];

/// Viterbi: the best valid path whose first tag `t` scores `entry(t)` (None: not allowed).
/// None when no path fits `allowed`.
fn best_path(
    emissions: &[[i32; WIDTH]],
    transitions: &Transitions,
    entry: impl Fn(usize) -> Option<i64>,
    allowed: Option<&[u8]>,
) -> Option<Vec<u8>> {
    let n = emissions.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let mut back = vec![[0u8; TAGS]; n];
    let ok = |i: usize, t: usize| allowed.is_none_or(|a| a[i] & (1 << t) != 0);
    let mut score = [NONE; TAGS];
    for (t, s) in score.iter_mut().enumerate() {
        if let Some(e) = entry(t).filter(|_| ok(0, t)) {
            *s = e + i64::from(emissions[0][t]);
        }
    }
    for i in 1..n {
        let mut next = [NONE; TAGS];
        for (cur, slot) in next.iter_mut().enumerate() {
            if !ok(i, cur) {
                continue;
            }
            let mut best = NONE;
            let mut arg = 0u8;
            for &prev in PREVIOUS[cur] {
                let s = score[usize::from(prev)];
                if s == NONE {
                    continue;
                }
                let v = s + i64::from(transitions.next[usize::from(prev)][cur]);
                if v > best {
                    best = v;
                    arg = prev;
                }
            }
            if best != NONE {
                *slot = best + i64::from(emissions[i][cur]);
                back[i][cur] = arg;
            }
        }
        score = next;
    }
    let mut last = None;
    let mut best = NONE;
    for (t, &s) in score.iter().enumerate() {
        if s != NONE && s > best {
            best = s;
            last = Some(t as u8);
        }
    }
    let mut t = last?;
    let mut tags = vec![O; n];
    for i in (0..n).rev() {
        tags[i] = t;
        t = back[i][usize::from(t)];
    }
    Some(tags)
}

/// Whether a tag sequence is valid BIO.
#[cfg(test)]
pub(crate) fn is_valid(tags: &[u8]) -> bool {
    let mut prev = None;
    tags.iter().all(|&t| {
        let ok = usize::from(t) < TAGS && valid(prev, t);
        prev = Some(t);
        ok
    })
}

/// The entities of a valid tag sequence: `(first piece, end piece, tag of the first)`.
pub(crate) fn spans(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out: Vec<(usize, usize, u8)> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        if t == O {
            continue;
        }
        match out.last_mut() {
            Some(last) if is_inside(t) && last.1 == i => last.1 = i + 1,
            _ => out.push((i, i + 1, t)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic pseudo-random generator for the tests.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    /// Tag scores in `-spread..spread`.
    fn random_row(seed: &mut u64, spread: i32) -> [i32; WIDTH] {
        let mut row = [0; WIDTH];
        for v in row.iter_mut().take(TAGS) {
            *v = lcg(seed) as i32 % (2 * spread) - spread;
        }
        row
    }

    fn random_transitions(seed: &mut u64, spread: i32) -> Transitions {
        let mut tr = Transitions::default();
        for t in 0..TAGS {
            tr.start[t] = lcg(seed) as i32 % (2 * spread) - spread;
            tr.next[t] = random_row(seed, spread);
        }
        tr
    }

    #[test]
    fn previous_tags_are_the_valid_ones() {
        for (cur, previous) in PREVIOUS.iter().enumerate() {
            let expected: Vec<u8> = (0..TAGS as u8)
                .filter(|&p| valid(Some(p), cur as u8))
                .collect();
            assert_eq!(*previous, expected.as_slice(), "before tag {cur}");
        }
    }

    #[test]
    fn tag_numbering() {
        assert_eq!(begin_tag(Label::PER), Some(1));
        assert_eq!(begin_tag(Label::ORG), Some(5));
        assert_eq!(label_of(4), Some(Label::LOC));
        assert!(is_inside(2) && !is_inside(3) && !is_inside(O));
        assert!(valid(Some(1), 2) && valid(Some(2), 2) && !valid(Some(3), 2));
        assert!(!valid(None, 2) && !valid(Some(O), 4) && valid(Some(O), 5));
    }

    #[test]
    fn decoding_never_gives_invalid_bio() {
        let mut seed = 7;
        for n in 0..40 {
            let emissions: Vec<[i32; WIDTH]> =
                (0..n).map(|_| random_row(&mut seed, 1000)).collect();
            let tr = random_transitions(&mut seed, 250);
            let tags = decode(&emissions, &tr, None);
            assert_eq!(tags.len(), n);
            assert!(is_valid(&tags), "{tags:?}");
            let masks: Vec<u8> = (0..n).map(|_| (lcg(&mut seed) as u8) | 1).collect();
            let tags = decode(&emissions, &tr, Some(&masks));
            assert!(is_valid(&tags), "{tags:?}");
            for (t, m) in tags.iter().zip(&masks) {
                assert_ne!(m & (1 << t), 0);
            }
        }
    }

    #[test]
    fn inside_tags_with_huge_scores_still_decode_valid() {
        // I-PER is by far the best everywhere, but cannot start a sequence or follow O.
        let mut row = [0; WIDTH];
        row[2] = 1_000_000;
        let tags = decode(&[row; 4], &Transitions::default(), None);
        assert_eq!(tags, [1, 2, 2, 2]);
        // Masks that admit no valid sequence are ignored.
        let tags = decode(&[row; 2], &Transitions::default(), Some(&[1 << 2, 1 << 2]));
        assert!(is_valid(&tags));
    }

    /// The score of a tag sequence, as decoding adds it up.
    fn path_score(tags: &[u8], emissions: &[[i32; WIDTH]], tr: &Transitions) -> i64 {
        let mut total = 0;
        for (i, &t) in tags.iter().enumerate() {
            let t = usize::from(t);
            total += i64::from(emissions[i][t]);
            total += i64::from(if i == 0 {
                tr.start[t]
            } else {
                tr.next[usize::from(tags[i - 1])][t]
            });
        }
        total
    }

    #[test]
    fn one_active_run_decodes_exactly_like_decode() {
        let mut seed = 5;
        for n in 0..80 {
            // Small spreads make ties, which must go the same way.
            let spread = if n % 2 == 0 { 3 } else { 100_000 };
            let emissions: Vec<[i32; WIDTH]> =
                (0..n).map(|_| random_row(&mut seed, spread)).collect();
            let tr = random_transitions(&mut seed, spread / 2 + 1);
            assert_eq!(
                decode_active(&emissions, &tr, &vec![true; n]),
                decode(&emissions, &tr, None),
                "{n}"
            );
        }
    }

    #[test]
    fn decoding_active_runs_alone_scores_like_decoding_everything() {
        let mut seed = 11;
        for n in 0..60 {
            let active: Vec<bool> = (0..n).map(|_| lcg(&mut seed) % 3 != 0).collect();
            let emissions: Vec<[i32; WIDTH]> = active
                .iter()
                .map(|&a| {
                    if a {
                        random_row(&mut seed, 100_000)
                    } else {
                        ONLY_O
                    }
                })
                .collect();
            let tr = random_transitions(&mut seed, 25_000);
            let all = decode(&emissions, &tr, None);
            let runs = decode_active(&emissions, &tr, &active);
            assert!(is_valid(&runs), "{runs:?}");
            assert_eq!(
                path_score(&runs, &emissions, &tr),
                path_score(&all, &emissions, &tr),
                "{active:?}"
            );
        }
    }

    #[test]
    fn spans_of_tags() {
        assert_eq!(
            spans(&[0, 1, 2, 0, 3, 5, 6, 6]),
            [(1, 3, 1), (4, 5, 3), (5, 8, 5)]
        );
    }
}
