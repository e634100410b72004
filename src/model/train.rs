//! Training the learned layer from CoNLL files (`examples/train.rs` is the command line).
//!
//! Each CoNLL sentence becomes its tokens joined by single spaces, exactly as the `evaluate`
//! example builds it; the gold spans (in characters) are projected onto the pieces of our own
//! tokenizer. The sentence is analysed by the same stages as at tagging time, and its features
//! are computed once; then an averaged perceptron makes `epochs` passes over the examples in a
//! fixed pseudo-random order (a seeded generator, no OS randomness), so the same data and
//! options always write the same bytes.
//!
//! List entries that only a train split attests (`train:SET` alone in
//! `gazetteers/provenance.tsv`) are hidden from the sentence being learned from unless the
//! same name is annotated in another train sentence: otherwise the model would learn that
//! every name is in a list, which is true of the train splits (the lists were mined from them)
//! and false of new text.
//!
//! The perceptron learns with a margin: it compares the gold tags with the best tags under
//! scores that favour every wrong tag by [`MARGIN`] (loss-augmented decoding, as a structured
//! SVM trained by subgradient steps), so it also updates where the gold tags win by too little.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

pub use super::clusters::cluster_file;
use super::lexicon::Lexicon;
use super::perceptron::{Perceptron, Sequence, Sum};
use super::viterbi::{self, TAGS};
use super::weights::{self, Model};
use crate::fold::fold_str;
use crate::matcher::Candidate;
use crate::{Label, Tagger};

/// What each wrong tag of an active piece is favoured by when the perceptron decodes a train
/// sentence: updates go on until the gold tags win by this much per piece. Over three seeds the
/// cased model's dev F1 (`evaluate --model`, four cased sets) rose by 0.000–0.003 in the mean
/// (nergrit most, by up to 0.010), against plain decoding; in the trainer's mean, margins of 3
/// to 30 gave 0.8127–0.8169 against 0.8127 without, 1 gave 0.8110 (`model/RETRAINS.md`).
const MARGIN: i32 = 10;

/// A CoNLL sentence: its tokens joined by single spaces, and its gold entities as
/// `(start, end, label)` in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens joined by single spaces.
    pub text: String,
    /// Gold entities, character offsets.
    pub gold: Vec<(usize, usize, Label)>,
}

/// Reads a CoNLL file: `TOKEN<TAB>TAG` lines (the tag is the last TAB field), a blank line
/// between sentences. `I-X` after `O` or after another label starts a new entity.
///
/// # Errors
///
/// When the file cannot be read or a line has no TAB or a tag that is not `O`, `B-X`, `I-X`.
pub fn read_conll(path: &Path) -> Result<Vec<Sentence>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_conll(&data).map_err(|e| format!("{}, {e}", path.display()))
}

/// Parses CoNLL text (see [`read_conll`]).
///
/// # Errors
///
/// As [`read_conll`], naming the line.
pub fn parse_conll(data: &str) -> Result<Vec<Sentence>, String> {
    let mut sentences = Vec::new();
    let mut tokens: Vec<(&str, &str)> = Vec::new();
    for (i, line) in data.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !tokens.is_empty() {
                sentences.push(sentence(&std::mem::take(&mut tokens))?);
            }
            continue;
        }
        let (token, tag) = line
            .rsplit_once('\t')
            .ok_or_else(|| format!("line {}: no TAB between token and tag", i + 1))?;
        let valid = tag == "O" || tag.starts_with("B-") || tag.starts_with("I-");
        if !valid || (tag != "O" && tag.len() == 2) {
            return Err(format!("line {}: tag {tag:?} is not O, B-X or I-X", i + 1));
        }
        tokens.push((token, tag));
    }
    if !tokens.is_empty() {
        sentences.push(sentence(&tokens)?);
    }
    Ok(sentences)
}

fn sentence(tokens: &[(&str, &str)]) -> Result<Sentence, String> {
    let mut text = String::new();
    let mut gold: Vec<(usize, usize, Label)> = Vec::new();
    let mut open: Option<(usize, usize, Label)> = None;
    let mut pos = 0;
    for (i, &(token, tag)) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
            pos += 1;
        }
        let (start, end) = (pos, pos + token.chars().count());
        text.push_str(token);
        pos = end;
        let label = match tag.get(2..) {
            Some(l) if tag != "O" => Some(Label::new(l).map_err(|e| e.to_string())?),
            _ => None,
        };
        let continues = tag.starts_with("I-") && open.is_some_and(|o| Some(o.2) == label);
        if continues {
            if let Some(o) = open.as_mut() {
                o.1 = end;
            }
            continue;
        }
        gold.extend(open.take());
        open = label.map(|l| (start, end, l));
    }
    gold.extend(open);
    Ok(Sentence { text, gold })
}

/// What a train corpus teaches about organizations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orgs {
    /// `ORG` spans are organizations.
    Keep,
    /// `ORG` spans are taught as `O` (for a model that should not find organizations).
    Outside,
    /// The corpus does not annotate organizations: a piece tagged `O` may be `O` or part of an
    /// organization, and the perceptron takes the best-scoring of those paths as the truth.
    Unannotated,
}

/// A train corpus and how a model learns from it.
#[derive(Clone, Debug)]
pub struct TrainSet {
    /// The corpus name, as in `train:NAME` of `gazetteers/provenance.tsv`.
    pub name: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Lower-case the text first (one character for one, so offsets stay).
    pub lowercase: bool,
    /// What `ORG` spans (or their absence) teach.
    pub orgs: Orgs,
    /// Whether the set is also a *style* of the model (`TaggerBuilder::style`): its sentences
    /// teach a copy of each feature of their own besides the shared one, so that what only
    /// this corpus does (its conventions: which mentions of a country are names, whether a
    /// title belongs to a name) goes into the copy and the rest into the shared weights.
    pub style: bool,
}

/// A dev corpus, for measuring only.
#[derive(Clone, Debug)]
pub struct DevSet {
    /// The corpus name.
    pub name: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
    /// Lower-case the text first.
    pub lowercase: bool,
    /// The labels scored (others are dropped from gold and predictions, as `evaluate
    /// --labels` does).
    pub labels: Vec<Label>,
    /// Measure the model with this style (the name of a train set with `style`).
    pub style: Option<String>,
}

/// One model to train.
#[derive(Clone, Debug)]
pub struct ModelSpec {
    /// `cased` or `lower` (what the library looks for).
    pub name: String,
    /// Whether the model ignores case (used with `ignore_case`).
    pub lowercase: bool,
    /// What it learns from.
    pub train: Vec<TrainSet>,
    /// What it is measured on after each epoch.
    pub dev: Vec<DevSet>,
}

/// Training options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Passes over the train examples.
    pub epochs: usize,
    /// Use at most this many sentences of each train set (the first ones).
    pub limit: Option<usize>,
    /// The weights table has `2^bits` rows.
    pub bits: u8,
    /// Seed of the example order.
    pub seed: u64,
    /// Perceptrons trained on different example orders (seeds `seed`, `seed + 1`, …) whose
    /// averaged weights are averaged again.
    pub runs: usize,
    /// Threads to train the runs on.
    pub threads: usize,
    /// `gazetteers/provenance.tsv`, to hide list entries only the train splits attest.
    pub provenance: Option<String>,
}

/// Exact-span counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities equal to a gold one (span and label).
    pub correct: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn scores(self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (
            ratio(self.correct, self.predicted),
            ratio(self.correct, self.gold),
        );
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.correct += o.correct;
    }
}

/// Scores of one dev set.
#[derive(Clone, Debug)]
pub struct DevScore {
    /// The dev set.
    pub name: String,
    /// Per label, in the order of [`DevSet::labels`].
    pub labels: Vec<(Label, Counts)>,
    /// All labels together.
    pub micro: Counts,
}

/// What the trainer reports.
#[derive(Debug)]
pub enum Progress<'a> {
    /// Examples are ready: how many, and how many gold entities could not be aligned with
    /// our tokenizer's pieces.
    Prepared {
        /// The model.
        model: &'a str,
        /// Train examples.
        examples: usize,
        /// Gold entities projected onto pieces.
        aligned: usize,
        /// Gold entities that could not be.
        unaligned: usize,
        /// Gold entities with a piece the model never tags (see `features.rs`), taught as `O`.
        unreachable: usize,
        /// List candidates hidden because only the sentence itself attests them.
        hidden: usize,
        /// Seconds so far.
        seconds: f64,
    },
    /// An epoch is done.
    Epoch {
        /// The model.
        model: &'a str,
        /// Which run (0-based).
        run: usize,
        /// 1-based.
        epoch: usize,
        /// Examples that needed an update.
        mistakes: usize,
        /// Dev scores of the averaged weights.
        dev: &'a [DevScore],
        /// Seconds so far.
        seconds: f64,
    },
    /// The model is done: dev scores of the mean of the runs.
    Done {
        /// The model.
        model: &'a str,
        /// Dev scores.
        dev: &'a [DevScore],
        /// Seconds so far.
        seconds: f64,
    },
}

/// One character for one: lower case without changing character offsets.
pub fn lowercase(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

struct Example {
    features: Sequence,
    gold: Vec<u8>,
    /// Allowed tags per piece, when the corpus leaves some open.
    allowed: Option<Vec<u8>>,
}

struct DevExample {
    features: Sequence,
    /// Character offsets of each piece.
    pieces: Vec<(usize, usize)>,
    gold: Vec<(usize, usize, Label)>,
}

/// List entries (`file stem`, folded entry) that only train splits attest, with those splits.
fn train_only_entries(provenance: &str) -> HashMap<(String, String), Vec<String>> {
    let mut out = HashMap::new();
    for line in provenance.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(file), Some(entry), Some(sources)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let sets: Option<Vec<String>> = sources
            .split(',')
            .map(|s| s.strip_prefix("train:").map(str::to_string))
            .collect();
        if let Some(sets) = sets.filter(|s| !s.is_empty()) {
            let stem = file.strip_suffix(".txt").unwrap_or(file).to_string();
            out.insert((stem, fold_str(entry)), sets);
        }
    }
    out
}

/// Gold entity occurrences: (folded text, label) → (set, sentence) list.
type Occurrences = HashMap<(String, Label), Vec<(usize, usize)>>;

fn occurrences(sets: &[TrainSet]) -> Occurrences {
    let mut out: Occurrences = HashMap::new();
    for (s, set) in sets.iter().enumerate() {
        for (k, sentence) in set.sentences.iter().enumerate() {
            let chars: Vec<(usize, char)> = sentence.text.char_indices().collect();
            let byte = |c: usize| chars.get(c).map_or(sentence.text.len(), |&(b, _)| b);
            for &(start, end, label) in &sentence.gold {
                let surface = &sentence.text[byte(start)..byte(end)];
                out.entry((fold_str(surface), label))
                    .or_default()
                    .push((s, k));
            }
        }
    }
    out
}

/// Projects gold character spans onto pieces. Returns tags, aligned and unaligned counts.
fn project(
    pieces: &[(usize, usize)],
    gold: &[(usize, usize, Label)],
    orgs: Orgs,
) -> (Vec<u8>, Option<Vec<u8>>, usize, usize) {
    let mut tags = vec![viterbi::O; pieces.len()];
    let (mut aligned, mut unaligned) = (0, 0);
    for &(start, end, label) in gold {
        let first = pieces.partition_point(|p| p.0 < start);
        let last = pieces.partition_point(|p| p.1 < end);
        let ok = first < pieces.len()
            && last < pieces.len()
            && pieces[first].0 == start
            && pieces[last].1 == end
            && first <= last;
        let Some(begin) = viterbi::begin_tag(label) else {
            continue;
        };
        if !ok {
            unaligned += 1;
            continue;
        }
        aligned += 1;
        if label == Label::ORG && orgs == Orgs::Outside {
            continue;
        }
        tags[first] = begin;
        for t in &mut tags[first + 1..=last] {
            *t = begin + 1;
        }
    }
    let allowed = (orgs == Orgs::Unannotated).then(|| {
        tags.iter()
            .map(|&t| {
                if t == viterbi::O {
                    1 | 1 << 5 | 1 << 6
                } else {
                    1 << t
                }
            })
            .collect()
    });
    (tags, allowed, aligned, unaligned)
}

/// The char offsets of the pieces.
fn piece_offsets(stages: &crate::tagger::Stages<'_>) -> Vec<(usize, usize)> {
    let text = stages.doc.text;
    let (mut byte, mut chars) = (0, 0);
    stages
        .doc
        .pieces
        .iter()
        .map(|t| {
            chars += text[byte..t.start].chars().count();
            let start = chars;
            chars += text[t.start..t.end].chars().count();
            byte = t.end;
            (start, chars)
        })
        .collect()
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        super::features::mix(self.0, 0)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn score(dev: &DevSet, examples: &[DevExample], decode: &dyn Fn(&Sequence) -> Vec<u8>) -> DevScore {
    let mut per: Vec<(Label, Counts)> =
        dev.labels.iter().map(|&l| (l, Counts::default())).collect();
    for ex in examples {
        let tags = decode(&ex.features);
        let predicted: Vec<(usize, usize, Label)> = viterbi::spans(&tags)
            .into_iter()
            .filter_map(|(first, end, tag)| {
                Some((
                    ex.pieces[first].0,
                    ex.pieces[end - 1].1,
                    viterbi::label_of(tag)?,
                ))
            })
            .filter(|p| dev.labels.contains(&p.2))
            .collect();
        for (label, counts) in &mut per {
            let gold: HashSet<&(usize, usize, Label)> =
                ex.gold.iter().filter(|g| g.2 == *label).collect();
            counts.gold += gold.len();
            for p in predicted.iter().filter(|p| p.2 == *label) {
                counts.predicted += 1;
                counts.correct += usize::from(gold.contains(p));
            }
        }
    }
    let mut micro = Counts::default();
    for (_, c) in &per {
        micro.add(*c);
    }
    DevScore {
        name: dev.name.clone(),
        labels: per,
        micro,
    }
}

/// Puts the features of a sentence into the table of its style: each feature becomes its row
/// in the shared table (`bits` bits), followed, for a style (`1..`), by the same row in that
/// style's table.
fn into_tables(seq: &mut Sequence, bits: u8, style: Option<usize>) {
    let mask = (1u32 << bits) - 1;
    let Some(style) = style else {
        seq.features.iter_mut().for_each(|f| *f &= mask);
        return;
    };
    let table = u32::try_from(style).expect("few styles") << bits;
    let mut out = Sequence {
        features: Vec::with_capacity(seq.features.len() * 2),
        starts: vec![0],
    };
    for i in 0..seq.len() {
        let piece = seq.piece(i);
        out.features.extend(piece.iter().map(|&f| f & mask));
        out.features
            .extend(piece.iter().map(|&f| table | (f & mask)));
        out.starts.push(out.features.len() as u32);
    }
    *seq = out;
}

/// The model to measure a dev set with: `models[0]`, or it with the dev set's style.
fn for_dev(models: &[Model], dev: &DevSet) -> Model {
    let base = &models[0];
    match &dev.style {
        None => base.clone(),
        Some(style) => {
            let name = format!("{}:{style}", base.name);
            let style = models
                .iter()
                .find(|m| m.name == name)
                .expect("styles checked");
            base.with_style(style)
        }
    }
}

/// Decodes with a trained model.
fn decode_with(model: &Model, seq: &Sequence) -> Vec<u8> {
    viterbi::decode(&seq.emissions(|f| model.row(f)), &model.transitions, None)
}

fn dev_examples(
    tagger: &Tagger,
    dev: &DevSet,
    lowercase_model: bool,
    lexicon: &Lexicon,
) -> Vec<DevExample> {
    dev.sentences
        .iter()
        .map(|s| {
            let text = if dev.lowercase {
                lowercase(&s.text)
            } else {
                s.text.clone()
            };
            let stages = tagger.stages(&text, true, None);
            DevExample {
                features: super::extract(&stages, tagger.custom_from(), lowercase_model, lexicon),
                pieces: piece_offsets(&stages),
                gold: s.gold.clone(),
            }
        })
        .collect()
}

/// Trains one model (and its styles). `progress` hears about preparation and each epoch.
///
/// # Errors
///
/// When the embedded tagger cannot be built.
pub fn train_model(
    spec: &ModelSpec,
    options: &Options,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Vec<u8>, String> {
    let models = train_one(spec, options, progress)?;
    Ok(weights::to_bytes(&models.iter().collect::<Vec<_>>()))
}

fn train_one(
    spec: &ModelSpec,
    options: &Options,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Vec<Model>, String> {
    let clock = Instant::now();
    let styles: Vec<String> = spec
        .train
        .iter()
        .filter(|s| s.style)
        .map(|s| s.name.clone())
        .collect();
    for d in &spec.dev {
        if let Some(style) = d.style.as_ref().filter(|s| !styles.contains(s)) {
            return Err(format!(
                "dev set {}: no train set is the style {style:?}",
                d.name
            ));
        }
    }
    let tables = 1 + styles.len();
    let tagger = Tagger::builder()
        .ignore_case(spec.lowercase)
        .build()
        .map_err(|e| e.to_string())?;
    let hidden_entries = options
        .provenance
        .as_deref()
        .map(train_only_entries)
        .unwrap_or_default();
    let sets: Vec<TrainSet> = spec
        .train
        .iter()
        .map(|s| TrainSet {
            sentences: s.sentences[..options.limit.unwrap_or(usize::MAX).min(s.sentences.len())]
                .to_vec(),
            ..s.clone()
        })
        .collect();
    let occurrences = occurrences(&spec.train);
    let set_index: HashMap<&str, usize> = spec
        .train
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    // The words of list entries that something besides a train split attests.
    let lexicon = Lexicon::from_entries(
        crate::embedded::gazetteers()
            .iter()
            .flat_map(|g| {
                g.iter()
                    .map(move |(text, label, _)| (g.name(), text, label))
            })
            .filter(|(name, text, _)| {
                !hidden_entries.contains_key(&(name.to_string(), fold_str(text)))
            })
            .map(|(_, text, label)| (text, label)),
    );
    let mut examples = Vec::new();
    let (mut aligned, mut unaligned, mut hidden, mut unreachable) = (0, 0, 0, 0);
    for (s, set) in sets.iter().enumerate() {
        for (k, sentence) in set.sentences.iter().enumerate() {
            let text = if set.lowercase {
                lowercase(&sentence.text)
            } else {
                sentence.text.clone()
            };
            let hide = std::cell::Cell::new(0);
            let keep = |c: &Candidate| {
                let Some(stem) = c.source.strip_prefix("gazetteer:") else {
                    return true;
                };
                let key = (stem.to_string(), fold_str(&text[c.start..c.end]));
                let Some(only) = hidden_entries.get(&key) else {
                    return true;
                };
                let elsewhere = occurrences.get(&(key.1, c.label)).is_some_and(|occ| {
                    occ.iter().any(|&(os, ok)| {
                        (os, ok) != (s, k)
                            && only
                                .iter()
                                .any(|name| set_index.get(name.as_str()) == Some(&os))
                    })
                });
                if !elsewhere {
                    hide.set(hide.get() + 1);
                }
                elsewhere
            };
            let stages = tagger.stages(&text, true, Some(&keep));
            hidden += hide.get();
            let pieces = piece_offsets(&stages);
            let (mut gold, allowed, a, u) = project(&pieces, &sentence.gold, set.orgs);
            aligned += a;
            unaligned += u;
            let mut features =
                super::extract(&stages, tagger.custom_from(), spec.lowercase, &lexicon);
            if tables > 1 {
                let style = styles.iter().position(|n| *n == set.name).map(|p| p + 1);
                into_tables(&mut features, options.bits, style.filter(|_| set.style));
            }
            // An entity with an inactive piece cannot be found: teach it as `O`.
            for (first, end, _) in viterbi::spans(&gold) {
                if (first..end).any(|i| !features.active(i)) {
                    unreachable += 1;
                    gold[first..end].fill(viterbi::O);
                }
            }
            examples.push(Example {
                features,
                gold,
                allowed,
            });
        }
    }
    progress(Progress::Prepared {
        model: &spec.name,
        examples: examples.len(),
        aligned,
        unaligned,
        unreachable,
        hidden,
        seconds: clock.elapsed().as_secs_f64(),
    });
    let dev: Vec<Vec<DevExample>> = spec
        .dev
        .iter()
        .map(|d| dev_examples(&tagger, d, spec.lowercase, &lexicon))
        .collect();

    let score_all = |models: &[Model]| -> Vec<DevScore> {
        spec.dev
            .iter()
            .zip(&dev)
            .map(|(d, exs)| {
                let model = for_dev(models, d);
                score(d, exs, &|seq| decode_with(&model, seq))
            })
            .collect()
    };
    let with_lexicon = |mut m: Vec<Model>| {
        m[0].lexicon = lexicon.clone();
        m
    };
    let run = |r: usize| -> Perceptron {
        let mut perceptron = Perceptron::new(options.bits, tables);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = Rng(options.seed.wrapping_add(r as u64));
        for epoch in 1..=options.epochs {
            rng.shuffle(&mut order);
            let mut mistakes = 0;
            for &e in &order {
                let ex = &examples[e];
                let gold = match &ex.allowed {
                    Some(allowed) => perceptron.predict(&ex.features, Some(allowed)),
                    None => ex.gold.clone(),
                };
                let predicted = perceptron.predict_with_cost(&ex.features, &gold, MARGIN);
                if predicted == gold {
                    perceptron.skip();
                } else {
                    mistakes += 1;
                    perceptron.update(&ex.features, &gold, &predicted);
                }
            }
            let models = with_lexicon(perceptron.averaged(&spec.name, spec.lowercase, &styles));
            progress(Progress::Epoch {
                model: &spec.name,
                run: r,
                epoch,
                mistakes,
                dev: &score_all(&models),
                seconds: clock.elapsed().as_secs_f64(),
            });
        }
        perceptron
    };
    let runs = options.runs.max(1);
    let threads = options.threads.clamp(1, runs);
    let mut sum = Sum::new(options.bits, tables);
    // Runs in batches of `threads`, added to the sum in run order: the same bytes whatever
    // the number of threads.
    for batch in (0..runs).collect::<Vec<_>>().chunks(threads) {
        let trained: Vec<Perceptron> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch.iter().map(|&r| scope.spawn(move || run(r))).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a training thread panicked"))
                .collect()
        });
        for p in &trained {
            sum.add(p);
        }
    }
    let models = with_lexicon(sum.models(&spec.name, spec.lowercase, &styles));
    progress(Progress::Done {
        model: &spec.name,
        dev: &score_all(&models),
        seconds: clock.elapsed().as_secs_f64(),
    });
    Ok(models)
}

/// Trains every model and writes them into one weights file.
///
/// # Errors
///
/// When the embedded tagger cannot be built.
pub fn train(
    specs: &[ModelSpec],
    options: &Options,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Vec<u8>, String> {
    let models = specs
        .iter()
        .map(|spec| train_one(spec, options, progress))
        .collect::<Result<Vec<Vec<Model>>, String>>()?
        .concat();
    Ok(weights::to_bytes(&models.iter().collect::<Vec<_>>()))
}

/// Scores a weights file's model on a dev set (with the dev set's style, if it names one), as
/// the trainer does after each epoch.
///
/// # Errors
///
/// When the weights are broken or have no model called `model` or no such style of it.
pub fn evaluate(weights: &[u8], model: &str, dev: &DevSet) -> Result<DevScore, String> {
    let models = super::load(weights)?;
    let base = models
        .iter()
        .find(|m| m.name == model && !m.style)
        .ok_or_else(|| format!("no model {model:?}"))?;
    let styled;
    let m = match &dev.style {
        None => base,
        Some(style) => {
            let name = format!("{model}:{style}");
            let style = models
                .iter()
                .find(|m| m.name == name)
                .ok_or_else(|| format!("no style {name:?}"))?;
            styled = base.with_style(style);
            &styled
        }
    };
    let tagger = Tagger::builder()
        .ignore_case(m.lowercase)
        .build()
        .map_err(|e| e.to_string())?;
    let examples = dev_examples(&tagger, dev, m.lowercase, &m.lexicon);
    Ok(score(dev, &examples, &|seq| decode_with(m, seq)))
}

/// A short description of a weights file: each model's name, table size and stored rows.
///
/// # Errors
///
/// When the weights are broken.
pub fn describe(weights: &[u8]) -> Result<String, String> {
    let models = super::load(weights)?;
    Ok(models
        .iter()
        .map(|m| {
            format!(
                "{}: 2^{} rows, {} stored, {} tags{}{}",
                m.name,
                m.bits,
                m.stored_rows(),
                TAGS,
                if m.lowercase { ", ignores case" } else { "" },
                if m.style { ", a style" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("; "))
}
