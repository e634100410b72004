//! Trains the learned layer (`TaggerBuilder::model`) and writes `model/weights.bin`, the
//! weights the crate embeds.
//!
//! ```text
//! cargo run --release --example train            # the committed weights: 100-160 s, 1.8 GB, 2 threads
//! cargo run --release --example train -- --epochs 1 --limit 200 --out /tmp/short.bin   # ~4 s
//! cargo run --release --example train -- --clusters-out model/clusters.txt   # ~10 s
//! ```
//!
//! Reads only the **train** splits of `../shared/data/ner/<set>/`; the dev splits are only
//! measured: after each epoch of each run, and for the final model, it prints the exact-span
//! micro F1 per dev set of the model's own tags (`SET@style`: with the set's style), counted as
//! `examples/evaluate.rs` counts it but before the tagger's last steps on the model's names
//! (brackets paired, a person's cue given back, listed persons and places kept: README, "The
//! learned layer"), so `evaluate --model` differs from it by up to about 0.03 per set (nerugm
//! gains most from the listed places). Training is deterministic: fixed seeds, a fixed
//! order, integer perceptron updates, runs summed in a fixed order whatever `--threads`; the
//! same data, gazetteers, cue lists and options write the same bytes, and the last line prints
//! their FNV-1a hash. The weights depend on the embedded gazetteers and cue lists (their
//! candidates are features) and on the word classes of `model/clusters.txt` (features of the
//! `lower` model; `--clusters-out` writes them from the text of the five train splits, see
//! `src/model/clusters.rs`): after those change, train again and commit the new weights.
//!
//! How: each sentence is tagged by the gazetteer-and-rules pipeline, its gold spans are projected
//! onto our tokenizer's pieces (all align), features are computed once, and 8 averaged
//! structured perceptrons (different example orders) make 15 passes each, learning with a
//! margin (`src/model/train.rs`, `MARGIN`); the mean of their
//! weights, scaled to `i16` with tiny rows dropped, is the model. List entries that only the
//! train split at hand attests (`gazetteers/provenance.tsv`) are hidden from a sentence unless
//! another train sentence also annotates them: the lists were partly mined from these splits,
//! and without this the model learns that every name is in a list (nergrit dev F1 0.68 instead
//! of 0.77).
//!
//! What each corpus teaches:
//!
//! | model | corpus | text | ORG spans |
//! |---|---|---|---|
//! | `cased` | idner-news-2k, nerui, nerugm (news), nergrit (encyclopedic) | as is | organizations |
//! | `styled` | the same four, each also a style | as is | organizations |
//! | `lower` | nerp (news, lower case, PER and LOC only) | as is | none annotated: an `O` piece may be `O` or part of an organization |
//! | `lower` | idner-news-2k, nerui, nerugm, nergrit | lower-cased | organizations |
//!
//! - The `cased` model (the default) learns from the four cased sets together: they share the
//!   task (names in Indonesian prose) and each is small (1–5 thousand entities). nerp is left
//!   out: it has no capitals and no ORG class, and would teach the cased model that
//!   organizations are `O`.
//! - But the four sets disagree on what a name is: idner-news-2k leaves a country that acts
//!   (`Israel menyerang …`) untagged and puts an acronym in parentheses inside the name,
//!   nerugm often leaves parties and parliament untagged, nergrit (encyclopedic) has its own
//!   habits. Trained on one set alone, a model scores higher on that set's dev split than the
//!   joint `cased` model on all four (0.851 / 0.904 / 0.809 / 0.771 against 0.795 / 0.887 /
//!   0.768 / 0.765). The `styled` model keeps both: every feature has a shared copy and a copy
//!   per set (Daumé's "frustratingly easy" domain adaptation), the sentences of a set teach
//!   both, so what the sets agree on goes to the shared weights and what one set alone does to
//!   its copy. `TaggerBuilder::style(SET)` tags with the shared weights plus SET's: 0.874 /
//!   0.903 / 0.840 / 0.775 on the dev splits. Its shared weights alone do not replace `cased`:
//!   on average they score the same (mean dev F1 0.802 against 0.804), but they move F1 by up
//!   to 0.03 between the sets (nergrit down, nerugm up) and missed the seed article's `(AS)`.
//!   The styles are stored as the rows each adds (`styled:SET`, see `src/model/weights.rs`).
//! - The `lower` model (for `ignore_case`: chat, lower-cased corpora) ignores case entirely
//!   (its features are computed on the folded text). nerp is its in-domain data. Lower-cased
//!   copies of the cased sets add names and contexts nerp lacks and keep their ORG spans, so
//!   the model still knows organizations; nerp, which never marks organizations, leaves its `O`
//!   pieces open to `O` or `ORG` (the perceptron takes the best-scoring path that agrees with
//!   nerp's PER and LOC as the truth), so it neither teaches "organizations are `O`" nor
//!   forces organizations. Measured on nerp dev (PER, LOC): nerp alone 0.796, with the
//!   lower-cased sets 0.800–0.803 whether their ORG spans are kept, taught as `O`, or nerp's
//!   `O` taken literally; keeping ORG costs nothing and keeps the third label.
//!
//! Options: `--shared DIR` (default `../shared`), `--epochs N` (15), `--limit N` (the first N
//! sentences of each train set), `--bits B` (table of 2^B rows, 20), `--seed S` (2024),
//! `--runs N` (8), `--threads N` (2), `--only cased|styled|lower`, `--out PATH` (default
//! `model/weights.bin`), `--clusters-out PATH` (write the word classes instead of training),
//! `--no-provenance` (do not hide list entries that only a train split
//! attests; see `src/model/train.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use tandai::Label;
use tandai::training::{
    self, DevScore, DevSet, ModelSpec, Options, Orgs, Progress, Sentence, TrainSet,
};

const USAGE: &str = "\
usage: train [OPTIONS]

options:
  --shared DIR       the shared data (default: ../shared next to the crate)
  --epochs N         passes over the train data (default 15)
  --limit N          use the first N sentences of each train set
  --bits B           weights table of 2^B rows (default 20)
  --seed S           seed of the example order (default 2024)
  --runs N           average N perceptrons trained on different orders (default 8)
  --threads N        train the runs on N threads (default 2; the output does not depend on it)
  --only NAME        train only the model NAME (cased, styled or lower)
  --out PATH         where to write the weights (default model/weights.bin)
  --clusters-out PATH
                     instead of training, write the word classes of the train splits' text
                     (model/clusters.txt; train again after it changes)
  --no-provenance    do not hide list entries that only a train split attests
  -h, --help         print this help";

/// The cased sets, in a fixed order.
const CASED: [&str; 4] = ["idner-news-2k", "nerui", "nerugm", "nergrit"];

struct Args {
    shared: PathBuf,
    options: Options,
    only: Option<String>,
    out: PathBuf,
    clusters_out: Option<PathBuf>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut a = Args {
        shared: root.join("../shared"),
        options: Options {
            epochs: 15,
            limit: None,
            bits: 20,
            seed: 2024,
            runs: 8,
            threads: 2,
            provenance: None,
        },
        only: None,
        out: root.join("model/weights.bin"),
        clusters_out: None,
    };
    let mut provenance = true;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |v: String, name: &str| -> Result<u64, String> {
            v.parse().map_err(|_| format!("{name} takes a number"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--shared" => a.shared = PathBuf::from(value("--shared")?),
            "--epochs" => a.options.epochs = number(value("--epochs")?, "--epochs")? as usize,
            "--limit" => a.options.limit = Some(number(value("--limit")?, "--limit")? as usize),
            "--bits" => {
                let bits = number(value("--bits")?, "--bits")?;
                if !(8..=24).contains(&bits) {
                    return Err("--bits takes 8 to 24".into());
                }
                a.options.bits = bits as u8;
            }
            "--seed" => a.options.seed = number(value("--seed")?, "--seed")?,
            "--runs" => a.options.runs = number(value("--runs")?, "--runs")?.max(1) as usize,
            "--threads" => {
                a.options.threads = number(value("--threads")?, "--threads")?.max(1) as usize
            }
            "--only" => {
                let name = value("--only")?;
                if !["cased", "styled", "lower"].contains(&name.as_str()) {
                    return Err("--only takes cased, styled or lower".into());
                }
                a.only = Some(name);
            }
            "--out" => a.out = PathBuf::from(value("--out")?),
            "--clusters-out" => a.clusters_out = Some(PathBuf::from(value("--clusters-out")?)),
            "--no-provenance" => provenance = false,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if provenance {
        let path = root.join("gazetteers/provenance.tsv");
        a.options.provenance =
            Some(std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(Some(a))
}

fn read(shared: &Path, set: &str, split: &str) -> Result<Vec<Sentence>, String> {
    training::read_conll(
        &shared
            .join("data/ner")
            .join(set)
            .join(format!("{split}.conll")),
    )
}

fn specs(shared: &Path) -> Result<Vec<ModelSpec>, String> {
    let all = vec![Label::PER, Label::LOC, Label::ORG];
    let mut cased_train = Vec::new();
    let mut cased_dev = Vec::new();
    let mut styled_train = Vec::new();
    let mut styled_dev = Vec::new();
    let mut lower_train = Vec::new();
    for set in CASED {
        let train = read(shared, set, "train")?;
        let cased = TrainSet {
            name: set.into(),
            sentences: train.clone(),
            lowercase: false,
            orgs: Orgs::Keep,
            style: false,
        };
        styled_train.push(TrainSet {
            style: true,
            ..cased.clone()
        });
        cased_train.push(cased);
        lower_train.push(TrainSet {
            name: set.into(),
            sentences: train,
            lowercase: true,
            orgs: Orgs::Keep,
            style: false,
        });
        let dev = DevSet {
            name: set.into(),
            sentences: read(shared, set, "dev")?,
            lowercase: false,
            labels: all.clone(),
            style: None,
        };
        styled_dev.push(DevSet {
            name: format!("{set}@style"),
            style: Some(set.into()),
            ..dev.clone()
        });
        cased_dev.push(dev);
    }
    lower_train.insert(
        0,
        TrainSet {
            name: "nerp".into(),
            sentences: read(shared, "nerp", "train")?,
            lowercase: false,
            orgs: Orgs::Unannotated,
            style: false,
        },
    );
    let lower_dev = vec![DevSet {
        name: "nerp".into(),
        sentences: read(shared, "nerp", "dev")?,
        lowercase: false,
        labels: vec![Label::PER, Label::LOC],
        style: None,
    }];
    Ok(vec![
        ModelSpec {
            name: "cased".into(),
            lowercase: false,
            train: cased_train,
            dev: cased_dev,
        },
        ModelSpec {
            name: "styled".into(),
            lowercase: false,
            train: styled_train,
            dev: styled_dev,
        },
        ModelSpec {
            name: "lower".into(),
            lowercase: true,
            train: lower_train,
            dev: lower_dev,
        },
    ])
}

fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn print_scores(dev: &[DevScore]) -> String {
    // The plain sets, then those measured with their own style (`NAME@style`), each group
    // with its mean.
    let mut parts: Vec<String> = Vec::new();
    for styled in [false, true] {
        let group: Vec<&DevScore> = dev
            .iter()
            .filter(|d| d.name.ends_with("@style") == styled)
            .collect();
        for d in &group {
            let (p, r, f) = d.micro.scores();
            parts.push(format!("{} P {p:.3} R {r:.3} F1 {f:.3}", d.name));
        }
        if group.len() > 1 {
            let mean = group.iter().map(|d| d.micro.scores().2).sum::<f64>() / group.len() as f64;
            parts.push(format!("mean F1 {mean:.4}"));
        }
    }
    parts.join(" | ")
}

fn run(a: &Args) -> Result<(), String> {
    let clock = Instant::now();
    if let Some(path) = &a.clusters_out {
        // The text of every train split, each sentence once (the lower model reads all five).
        let all = specs(&a.shared)?;
        let lower = all
            .iter()
            .find(|s| s.name == "lower")
            .ok_or("no lower model")?;
        let texts = lower
            .train
            .iter()
            .flat_map(|t| t.sentences.iter().map(|s| s.text.as_str()));
        let file = training::cluster_file(texts);
        std::fs::write(path, &file).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "wrote {} ({} words, fnv1a64 {:016x}) in {:.1} s",
            path.display(),
            file.lines().count() - 1,
            fnv64(file.as_bytes()),
            clock.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let specs: Vec<ModelSpec> = specs(&a.shared)?
        .into_iter()
        .filter(|s| a.only.as_deref().is_none_or(|o| o == s.name))
        .collect();
    let progress = |p: Progress<'_>| match p {
        Progress::Prepared {
            model,
            examples,
            aligned,
            unaligned,
            unreachable,
            hidden,
            seconds,
        } => eprintln!(
            "[{model}] {examples} train sentences; gold entities aligned {aligned}, \
             not aligned {unaligned}, with a piece never tagged {unreachable}; \
             list candidates hidden {hidden} ({seconds:.1} s)"
        ),
        Progress::Epoch {
            model,
            run,
            epoch,
            mistakes,
            dev,
            seconds,
        } => eprintln!(
            "[{model}] run {run} epoch {epoch:>2}: {mistakes} updates; dev {} ({seconds:.1} s)",
            print_scores(dev)
        ),
        Progress::Done {
            model,
            dev,
            seconds,
        } => eprintln!(
            "[{model}] mean of the runs: dev {} ({seconds:.1} s)",
            print_scores(dev)
        ),
    };
    let bytes = training::train(&specs, &a.options, &progress)?;
    if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&a.out, &bytes).map_err(|e| format!("{}: {e}", a.out.display()))?;
    eprintln!("{}", training::describe(&bytes)?);
    println!(
        "wrote {} ({} bytes, fnv1a64 {:016x}) in {:.1} s",
        a.out.display(),
        bytes.len(),
        fnv64(&bytes),
        clock.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("train: {why}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("train: {why}");
            ExitCode::from(1)
        }
    }
}
