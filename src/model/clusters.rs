//! Word classes learned from the train splits' text alone, for the model's features.
//!
//! A word met a few times in the train splits says little by itself; its class (a set of words
//! that occur between the same kinds of neighbours: days, verbs of saying, given names, towns)
//! carries what the model learned from the class's other words. The classes are found by the
//! exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): every word starts in a
//! class, then, word by word, moves to the class that most raises the likelihood of the text
//! under a class bigram model, until few words move. It runs twice, for a coarse and a fine
//! division.
//!
//! `model/clusters.txt` holds the result, one `word<TAB>coarse<TAB>fine` line per word, written
//! by `cargo run --release --example train -- --clusters-out model/clusters.txt`; the crate
//! embeds it with the `wiki` feature (share-alike words of the nerp train split; without them,
//! nerp dev F1 gains nothing). Training and tagging both read the embedded file, so after the
//! file changes the model must be trained again.

use std::collections::HashMap;

use once_cell::sync::Lazy;

/// Classes of the coarse and the fine division, two of each kept for the sentence edge and the
/// words not classed: the words go into 62 and 510.
pub const CLASSES: [usize; 2] = [64, 512];
/// Words seen fewer times are not classed.
#[cfg(feature = "embedded")]
const MIN_COUNT: u32 = 2;
/// At most this many passes over the words.
#[cfg(feature = "embedded")]
const PASSES: usize = 12;

/// The embedded classes: folded word → (coarse, fine), each 1-based. The words come partly from
/// the nerp train split (CC BY-SA 4.0), so only the `wiki` feature, which ships share-alike data,
/// embeds them; without it no word has a class.
static EMBEDDED: Lazy<HashMap<Box<str>, (u16, u16)>> = Lazy::new(|| {
    #[cfg(feature = "wiki")]
    let data = include_str!("../../model/clusters.txt");
    #[cfg(not(feature = "wiki"))]
    let data = "";
    parse(data).expect("model/clusters.txt is well formed")
});

/// The classes of a folded word, if it has them.
pub(crate) fn of(folded: &str) -> Option<(u16, u16)> {
    EMBEDDED.get(folded).copied()
}

/// Reads `word<TAB>coarse<TAB>fine` lines; a line without a TAB that starts with `#` is a
/// comment (`#` and hashtags are words of the train text).
fn parse(data: &str) -> Result<HashMap<Box<str>, (u16, u16)>, String> {
    let mut map = HashMap::new();
    for (i, line) in data.lines().enumerate() {
        if line.is_empty() || (line.starts_with('#') && !line.contains('\t')) {
            continue;
        }
        let bad = || {
            format!(
                "model/clusters.txt, line {}: expected word<TAB>coarse<TAB>fine",
                i + 1
            )
        };
        let mut fields = line.split('\t');
        let (Some(word), Some(coarse), Some(fine), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(bad());
        };
        let coarse: u16 = coarse.parse().map_err(|_| bad())?;
        let fine: u16 = fine.parse().map_err(|_| bad())?;
        map.insert(word.into(), (coarse, fine));
    }
    Ok(map)
}

/// Finds the classes of the words of `texts` (sentences whose words are separated by spaces)
/// and returns the file's text. Words are folded as the model folds them.
#[cfg(feature = "embedded")]
pub fn cluster_file<'t>(texts: impl IntoIterator<Item = &'t str>) -> String {
    let sentences: Vec<Vec<String>> = texts
        .into_iter()
        .map(|t| {
            t.split_whitespace()
                .map(|w| w.chars().map(crate::fold::fold_char).collect())
                .collect()
        })
        .collect();
    // Words by count, most frequent first, ties in byte order: a fixed numbering.
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut words: Vec<(&str, u32)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_COUNT)
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // Id 0 is the sentence edge, 1 every word not classed; the words follow.
    let ids: HashMap<&str, u32> = words
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32 + 2))
        .collect();
    let corpus: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| ids.get(w.as_str()).copied().unwrap_or(1))
                .collect()
        })
        .collect();
    let graph = Graph::new(&corpus, words.len() + 2);
    let divisions: Vec<Vec<u16>> = CLASSES
        .iter()
        .map(|&classes| exchange(&graph, classes))
        .collect();
    let mut out = String::from(
        "# Word classes of the train splits' text (src/model/clusters.rs): word, coarse, fine.\n",
    );
    for (i, (w, _)) in words.iter().enumerate() {
        let id = i + 2;
        out.push_str(&format!(
            "{w}\t{}\t{}\n",
            divisions[0][id] + 1,
            divisions[1][id] + 1
        ));
    }
    out
}

/// Bigram counts by word: who follows and who precedes each word.
#[cfg(feature = "embedded")]
struct Graph {
    count: Vec<u32>,
    right: Vec<Vec<(u32, u32)>>,
    left: Vec<Vec<(u32, u32)>>,
}

#[cfg(feature = "embedded")]
impl Graph {
    fn new(corpus: &[Vec<u32>], n: usize) -> Graph {
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        let mut count = vec![0u32; n];
        for s in corpus {
            // The edge stands before and after each sentence: every token is once on the left of
            // a bigram and once on the right, so a class's count is its row's and its column's.
            let mut prev = 0u32;
            count[0] += 1;
            for &w in s {
                *pairs.entry((prev, w)).or_default() += 1;
                count[w as usize] += 1;
                prev = w;
            }
            *pairs.entry((prev, 0)).or_default() += 1;
        }
        let mut right = vec![Vec::new(); n];
        let mut left = vec![Vec::new(); n];
        let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
        sorted.sort_unstable();
        for ((a, b), c) in sorted {
            right[a as usize].push((b, c));
            left[b as usize].push((a, c));
        }
        Graph { count, right, left }
    }
}

/// One division of the words into `classes` classes. The edge and the unclassed words keep
/// classes of their own.
#[cfg(feature = "embedded")]
fn exchange(graph: &Graph, classes: usize) -> Vec<u16> {
    let n = graph.count.len();
    let c = classes;
    // Start: words in frequency order dealt round the classes (0 and 1 for the edge and the
    // rest, which never move).
    let mut class: Vec<usize> = (0..n)
        .map(|w| if w < 2 { w } else { 2 + (w - 2) % (c - 2) })
        .collect();
    let total: u64 = graph.count.iter().map(|&x| u64::from(x)).sum();
    // x ln x for every count a cell can hold.
    let flog: Vec<f64> = (0..=total + 1)
        .map(|x| {
            if x == 0 {
                0.0
            } else {
                x as f64 * (x as f64).ln()
            }
        })
        .collect();
    let f = |x: i64| flog[x as usize];
    let mut pair = vec![0i64; c * c];
    let mut size = vec![0i64; c];
    for w in 0..n {
        size[class[w]] += i64::from(graph.count[w]);
        for &(v, k) in &graph.right[w] {
            pair[class[w] * c + class[v as usize]] += i64::from(k);
        }
    }
    let mut right = vec![0i64; c];
    let mut left = vec![0i64; c];
    let mut touched: Vec<usize> = Vec::new();
    for _ in 0..PASSES {
        let mut moved = 0usize;
        for w in 2..n {
            let nw = i64::from(graph.count[w]);
            let mut selfs = 0i64;
            for &(v, k) in &graph.right[w] {
                if v as usize == w {
                    selfs += i64::from(k);
                } else {
                    right[class[v as usize]] += i64::from(k);
                }
            }
            for &(u, k) in &graph.left[w] {
                if u as usize != w {
                    left[class[u as usize]] += i64::from(k);
                }
            }
            touched.clear();
            touched.extend((0..c).filter(|&k| right[k] != 0 || left[k] != 0));
            // Take w out of its class.
            let a = class[w];
            for &k in &touched {
                pair[a * c + k] -= right[k];
                pair[k * c + a] -= left[k];
            }
            pair[a * c + a] -= selfs;
            size[a] -= nw;
            // The class it raises the likelihood most by joining.
            let mut best = (a, f64::NEG_INFINITY);
            for b in 2..c {
                let mut gain = 0.0;
                for &k in &touched {
                    if k != b {
                        let r = pair[b * c + k];
                        let l = pair[k * c + b];
                        gain += f(r + right[k]) - f(r) + f(l + left[k]) - f(l);
                    }
                }
                let bb = pair[b * c + b];
                gain += f(bb + right[b] + left[b] + selfs) - f(bb);
                gain -= 2.0 * (f(size[b] + nw) - f(size[b]));
                if gain > best.1 + 1e-9 || (b == a && gain >= best.1 - 1e-9) {
                    best = (b, gain);
                }
            }
            let b = best.0;
            for &k in &touched {
                pair[b * c + k] += right[k];
                pair[k * c + b] += left[k];
            }
            pair[b * c + b] += selfs;
            size[b] += nw;
            if b != a {
                moved += 1;
                class[w] = b;
            }
            for &k in &touched {
                right[k] = 0;
                left[k] = 0;
            }
        }
        if moved * 1000 < n {
            break;
        }
    }
    class
        .into_iter()
        .map(|k| k.saturating_sub(2) as u16)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "wiki")]
    #[test]
    fn the_embedded_classes_are_read() {
        assert!(EMBEDDED.len() > 1000);
        assert!(of("yang").is_some());
        assert_eq!(of("a word never seen in any train split"), None);
    }

    #[test]
    fn a_bad_line_names_its_number() {
        let err = parse("# classes\nsenin\t3\t17\nselasa\t3\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(parse("rabu\tthree\t17\n").unwrap_err().contains("line 1"));
        assert_eq!(parse("kamis\t3\t17\n").unwrap()["kamis"], (3, 17));
        // A hashtag is a word, not a comment.
        assert_eq!(parse("# kelas\n#jumat\t4\t9\n").unwrap()["#jumat"], (4, 9));
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn words_between_the_same_neighbours_share_a_class() {
        // Words 2–4 are persons, 5–7 verbs, 8 `ke`, 9–11 places, in sentences `who verb ke
        // place`; with four classes to fill, the exchange algorithm puts each kind in one.
        let mut corpus = Vec::new();
        for who in 2..5 {
            for verb in 5..8 {
                for place in 9..12 {
                    corpus.push(vec![who, verb, 8, place]);
                }
            }
        }
        let class = exchange(&Graph::new(&corpus, 12), 6);
        let kinds = [&class[2..5], &class[5..8], &class[8..9], &class[9..12]];
        for kind in kinds {
            assert!(kind.iter().all(|&c| c == kind[0]), "{class:?}");
        }
        let mut firsts: Vec<u16> = kinds.iter().map(|k| k[0]).collect();
        firsts.sort_unstable();
        firsts.dedup();
        assert_eq!(firsts.len(), 4, "{class:?}");
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_file_lists_words_seen_twice_with_both_classes() {
        let file = cluster_file([
            "budi datang ke medan",
            "siti datang ke padang",
            "budi pergi",
        ]);
        let classes = parse(&file).unwrap();
        let mut words: Vec<&str> = classes.keys().map(|w| &**w).collect();
        words.sort_unstable();
        assert_eq!(words, ["budi", "datang", "ke"]);
        assert!(
            classes
                .values()
                .all(|&(coarse, fine)| coarse >= 1 && fine >= 1)
        );
    }
}
