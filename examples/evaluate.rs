//! Scores the tagger on CoNLL files with exact-span matching, as conlleval does.
//!
//! ```text
//! cargo run --release --example evaluate -- FILE.conll [FILE.conll…] [--ignore-case]
//!     [--labels PER,LOC] [--json] [--errors N] [--no-default-gazetteers] [--gazetteer PATH]
//!     [--model] [--style CORPUS]
//! ```
//!
//! `--model` tags with the learned layer on (`TaggerBuilder::model`); `--style CORPUS` with
//! the conventions of one of its train corpora (`TaggerBuilder::style`).
//!
//! Each sentence (one `TOKEN<TAB>TAG` line per token, a blank line between sentences) becomes the
//! gold tokens joined by single spaces. It is tagged, and the predicted spans are compared with
//! the gold spans: a prediction counts only if its start, end and label equal a gold entity's,
//! so a prediction that does not line up with the gold tokens is simply wrong. `I-` after `O`
//! (or after another label) starts a new entity, as in conlleval.
//!
//! `--errors N` lists the N most frequent errors of each kind: missed (no prediction overlaps
//! the gold entity), boundary (an overlapping prediction with the same label but another span),
//! label (the same span with another label) and spurious (no gold entity overlaps the prediction).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::process::ExitCode;

use tandai::training::{Counts, read_conll};
use tandai::{Gazetteer, Label, Tagger};

const USAGE: &str = "\
usage: evaluate FILE.conll [FILE.conll...] [OPTIONS]

options:
  --labels L1,L2         score only these labels (default PER,LOC,ORG)
  --ignore-case          tag with a case-insensitive tagger
  --model                tag with the learned layer (TaggerBuilder::model)
  --style CORPUS         ... with a train corpus's conventions (TaggerBuilder::style)
  --gazetteer PATH       add a gazetteer file (repeatable)
  --no-default-gazetteers
                         do not use the embedded gazetteers
  --errors N             list the N most frequent errors of each kind
  --json                 print the scores as one JSON object
  -h, --help             print this help";

/// `(start, end, label)` in characters of the joined sentence.
type Span = (usize, usize, String);

struct Options {
    files: Vec<String>,
    labels: Vec<String>,
    ignore_case: bool,
    model: bool,
    style: Option<String>,
    gazetteers: Vec<String>,
    default_gazetteers: bool,
    errors: usize,
    json: bool,
}

fn parse_args() -> Result<Option<Options>, String> {
    let mut o = Options {
        files: Vec::new(),
        labels: Label::BUILT_IN.iter().map(|l| l.to_string()).collect(),
        ignore_case: false,
        model: false,
        style: None,
        gazetteers: Vec::new(),
        default_gazetteers: true,
        errors: 0,
        json: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--labels" => {
                o.labels = value("--labels")?
                    .split(',')
                    .map(|l| l.trim().to_uppercase())
                    .collect()
            }
            "--ignore-case" => o.ignore_case = true,
            "--model" => o.model = true,
            "--style" => o.style = Some(value("--style")?),
            "--gazetteer" => o.gazetteers.push(value("--gazetteer")?),
            "--no-default-gazetteers" => o.default_gazetteers = false,
            "--errors" => {
                o.errors = value("--errors")?
                    .parse()
                    .map_err(|_| "--errors takes a number")?
            }
            "--json" => o.json = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            file => o.files.push(file.to_string()),
        }
    }
    if o.files.is_empty() {
        return Err("no CoNLL file given".into());
    }
    Ok(Some(o))
}

/// Error kinds, in the order they are listed.
const KINDS: [&str; 4] = ["missed", "boundary", "label", "spurious"];

fn evaluate(o: &Options, tagger: &Tagger) -> Result<String, String> {
    let mut counts: BTreeMap<String, Counts> = o
        .labels
        .iter()
        .map(|l| (l.clone(), Counts::default()))
        .collect();
    let mut errors: HashMap<(&str, String), usize> = HashMap::new();
    let mut sentences_seen = 0;
    for file in &o.files {
        for s in read_conll(std::path::Path::new(file))? {
            sentences_seen += 1;
            let gold: Vec<Span> = s
                .gold
                .iter()
                .map(|&(a, b, l)| (a, b, l.to_string()))
                .collect();
            let gold: Vec<&Span> = gold.iter().filter(|g| o.labels.contains(&g.2)).collect();
            let predicted: Vec<Span> = tagger
                .tag(&s.text)
                .iter()
                .map(|e| {
                    (
                        e.char_span().start,
                        e.char_span().end,
                        e.label().to_string(),
                    )
                })
                .filter(|p| o.labels.contains(&p.2))
                .collect();
            for g in &gold {
                counts.entry(g.2.clone()).or_default().gold += 1;
            }
            for p in &predicted {
                let c = counts.entry(p.2.clone()).or_default();
                c.predicted += 1;
                c.correct += usize::from(gold.contains(&p));
            }
            if o.errors > 0 {
                classify_errors(&s.text, &gold, &predicted, &mut errors);
            }
        }
    }
    let micro = counts.values().fold(Counts::default(), |a, c| Counts {
        gold: a.gold + c.gold,
        predicted: a.predicted + c.predicted,
        correct: a.correct + c.correct,
    });
    let mut out = String::new();
    if o.json {
        let mut labels = serde_json::Map::new();
        for (label, c) in &counts {
            labels.insert(label.clone(), json_scores(*c));
        }
        let summary = serde_json::json!({
            "files": o.files,
            "sentences": sentences_seen,
            "labels": labels,
            "micro": json_scores(micro),
        });
        writeln!(out, "{summary}").unwrap();
    } else {
        writeln!(
            out,
            "{sentences_seen} sentences from {}",
            o.files.join(", ")
        )
        .unwrap();
        writeln!(
            out,
            "{:<8} {:>6} {:>6} {:>6} {:>6} {:>6}",
            "label", "P", "R", "F1", "gold", "pred"
        )
        .unwrap();
        for (label, c) in counts
            .iter()
            .map(|(l, c)| (l.as_str(), *c))
            .chain([("micro", micro)])
        {
            let (p, r, f) = c.scores();
            writeln!(
                out,
                "{label:<8} {p:>6.3} {r:>6.3} {f:>6.3} {:>6} {:>6}",
                c.gold, c.predicted
            )
            .unwrap();
        }
    }
    if o.errors > 0 {
        for kind in KINDS {
            let mut of_kind: Vec<(&String, usize)> = errors
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, e), n)| (e, *n))
                .collect();
            of_kind.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let total: usize = of_kind.iter().map(|(_, n)| n).sum();
            writeln!(out, "\n{kind} ({total}):").unwrap();
            for (what, n) in of_kind.into_iter().take(o.errors) {
                writeln!(out, "  {n:>5}  {what}").unwrap();
            }
        }
    }
    Ok(out)
}

fn json_scores(c: Counts) -> serde_json::Value {
    let (p, r, f) = c.scores();
    serde_json::json!({"p": p, "r": r, "f1": f, "gold": c.gold, "pred": c.predicted, "correct": c.correct})
}

fn classify_errors(
    text: &str,
    gold: &[&Span],
    predicted: &[Span],
    errors: &mut HashMap<(&'static str, String), usize>,
) {
    let chars: Vec<char> = text.chars().collect();
    let surface = |s: &Span| chars[s.0..s.1].iter().collect::<String>();
    let overlaps = |a: &Span, b: &Span| a.0 < b.1 && b.0 < a.1;
    for g in gold {
        if predicted.contains(g) {
            continue;
        }
        let kind = match predicted.iter().find(|p| overlaps(p, g)) {
            None => ("missed", format!("{}/{}", surface(g), g.2)),
            Some(p) if (p.0, p.1) == (g.0, g.1) => {
                ("label", format!("{}/{} tagged {}", surface(g), g.2, p.2))
            }
            Some(p) => (
                "boundary",
                format!("{}/{} tagged {}/{}", surface(g), g.2, surface(p), p.2),
            ),
        };
        *errors.entry(kind).or_default() += 1;
    }
    for p in predicted {
        if !gold.iter().any(|g| overlaps(p, g)) {
            *errors
                .entry(("spurious", format!("{}/{}", surface(p), p.2)))
                .or_default() += 1;
        }
    }
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            eprintln!("evaluate: {why}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Tagger::builder();
    builder
        .ignore_case(o.ignore_case)
        .model(o.model)
        .embedded_gazetteers(o.default_gazetteers);
    if let Some(style) = &o.style {
        builder.style(style);
    }
    for path in &o.gazetteers {
        match Gazetteer::from_path(path) {
            Ok(g) => {
                builder.gazetteer(g);
            }
            Err(e) => {
                eprintln!("evaluate: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let result = builder
        .build()
        .map_err(|e| e.to_string())
        .and_then(|t| evaluate(&o, &t));
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("evaluate: {why}");
            ExitCode::from(1)
        }
    }
}
