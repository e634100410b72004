//! The raw limit: how fast one Aho-Corasick automaton over the gazetteer entries scans a text,
//! with no tokenizing, no word-boundary checks, no case handling and no output. A tagger built on
//! the same automaton cannot be faster than this on the same machine; `scripts/bench-peers`
//! prints tandai's throughput as a ratio to it. Adapted from ../shared/bench/rawscan.
//!
//! ```text
//! rawscan --dump-entries OUT.tsv [--gazetteer PATH ...]
//! rawscan GAZ.tsv TEXT [--repeats N] [--only leftmost-longest|overlapping]
//! ```
//!
//! `--dump-entries` writes `name<TAB>LABEL`, one line per entry, for the gazetteers compiled
//! into tandai by default (`gazetteers/{per,loc,org}.txt` and `gazetteers/{per,loc,org}-wiki.txt`,
//! read from the source tree with `Gazetteer::from_path`), or for the given gazetteer files
//! instead. Exact (name, label) repeats are written once; the order is the order of the files and
//! of the entries in them.
//!
//! The scan reads the names (the first TAB-separated field of each line of `GAZ.tsv`; blank
//! lines and lines starting with `#` are skipped, repeated names are kept once), builds the
//! automaton (timed), reads the whole text into memory once and scans it as one `&str`, `N`
//! times (default 3), counting matches. Two configurations, each printed as one JSON line:
//!
//! - `rawscan:leftmost-longest`: the default automaton kind with `MatchKind::LeftmostLongest`,
//!   `find_iter` (non-overlapping);
//! - `rawscan:overlapping`: `MatchKind::Standard` with `find_overlapping_iter`, every match,
//!   which is how tandai's matcher searches.
//!
//! `{"peer", "build_s", "tag_s", "tag_s_median", "mb_per_s", "matches", "peak_rss_kb",
//! "heap_bytes", "n_patterns", "text_bytes"}`: `mb_per_s` is text bytes / 10^6 / the median scan
//! time; `peak_rss_kb` is the process's peak resident set (VmHWM) after the configuration, reset
//! before each configuration where Linux allows it (`/proc/self/clear_refs`); `--only` runs one
//! configuration per process for a clean figure.

use std::collections::HashSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use tandai::Gazetteer;

const USAGE: &str = "\
usage: rawscan --dump-entries OUT.tsv [--gazetteer PATH ...]
       rawscan GAZ.tsv TEXT [--repeats N] [--only leftmost-longest|overlapping]

--dump-entries  write NAME<TAB>LABEL for the embedded gazetteers (or the given files)
GAZ.tsv TEXT    build an Aho-Corasick automaton from the names (first TAB field of each line)
                and count its matches in TEXT, N times (default 3); one JSON line per
                configuration (leftmost-longest, overlapping)";

/// The gazetteer files tandai compiles in with its default features (`src/embedded.rs`).
const EMBEDDED: [&str; 6] = [
    "per.txt",
    "loc.txt",
    "org.txt",
    "per-wiki.txt",
    "loc-wiki.txt",
    "org-wiki.txt",
];

/// The two automaton configurations, by the name printed as `peer`.
const CONFIGS: [&str; 2] = ["leftmost-longest", "overlapping"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return if args.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let outcome = if args[0] == "--dump-entries" {
        dump_entries(&args[1..])
    } else {
        scan(&args)
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("rawscan: {why}");
            ExitCode::from(1)
        }
    }
}

/// `--dump-entries OUT [--gazetteer PATH ...]`.
fn dump_entries(args: &[String]) -> Result<(), String> {
    let Some(out_path) = args.first() else {
        return Err(format!("--dump-entries needs an output path\n\n{USAGE}"));
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut rest = args[1..].iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--gazetteer" => {
                let path = rest.next().ok_or("--gazetteer needs a path")?;
                paths.push(PathBuf::from(path));
            }
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    if paths.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
        paths = EMBEDDED.iter().map(|file| dir.join(file)).collect();
    }
    let file = fs::File::create(out_path).map_err(|e| format!("{out_path}: {e}"))?;
    let mut out = BufWriter::new(file);
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut written = 0usize;
    for path in &paths {
        let gazetteer = Gazetteer::from_path(path).map_err(|e| e.to_string())?;
        for (entry, label, _canonical) in gazetteer.iter() {
            let label = label.to_string();
            if seen.insert((entry.to_string(), label.clone())) {
                writeln!(out, "{entry}\t{label}").map_err(|e| format!("{out_path}: {e}"))?;
                written += 1;
            }
        }
    }
    out.flush().map_err(|e| format!("{out_path}: {e}"))?;
    eprintln!(
        "rawscan: wrote {written} entries from {} gazetteer files to {out_path}",
        paths.len()
    );
    Ok(())
}

/// `GAZ.tsv TEXT [--repeats N] [--only CONFIG]`.
fn scan(args: &[String]) -> Result<(), String> {
    let mut positional: Vec<&str> = Vec::new();
    let mut repeats = 3usize;
    let mut configs: Vec<&str> = CONFIGS.to_vec();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--repeats" => {
                let v = rest.next().ok_or("--repeats needs a number")?;
                repeats = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--repeats takes a number above 0, not {v:?}"))?;
            }
            "--only" => {
                let v = rest.next().ok_or("--only needs a configuration")?;
                let config = CONFIGS
                    .iter()
                    .find(|c| **c == v.as_str())
                    .ok_or_else(|| format!("--only takes one of {CONFIGS:?}, not {v:?}"))?;
                configs = vec![config];
            }
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other:?}\n\n{USAGE}"));
            }
            other => positional.push(other),
        }
    }
    let [gaz_path, text_path] = positional[..] else {
        return Err(format!("expected GAZ.tsv and TEXT\n\n{USAGE}"));
    };
    let names = read_names(gaz_path)?;
    let text = fs::read_to_string(text_path).map_err(|e| format!("{text_path}: {e}"))?;
    for config in configs {
        reset_peak_rss();
        let report = run_config(config, &names, &text, repeats)?;
        println!("{report}");
    }
    Ok(())
}

/// The first TAB field of each line, each name once, in file order.
fn read_names(path: &str) -> Result<Vec<String>, String> {
    let data = fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut names = Vec::new();
    for line in data.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let name = line.split('\t').next().unwrap_or_default();
        if !name.is_empty() && seen.insert(name) {
            names.push(name.to_string());
        }
    }
    if names.is_empty() {
        return Err(format!("{path}: no names"));
    }
    Ok(names)
}

/// Builds the automaton of `config`, scans `text` `repeats` times and returns the JSON line.
fn run_config(
    config: &str,
    names: &[String],
    text: &str,
    repeats: usize,
) -> Result<serde_json::Value, String> {
    let kind = match config {
        "leftmost-longest" => MatchKind::LeftmostLongest,
        _ => MatchKind::Standard,
    };
    let overlapping = kind == MatchKind::Standard;
    let started = Instant::now();
    let automaton = AhoCorasick::builder()
        .match_kind(kind)
        .build(names)
        .map_err(|e| format!("building the automaton: {e}"))?;
    let build_s = started.elapsed().as_secs_f64();
    let mut times = Vec::with_capacity(repeats);
    let mut matches = 0usize;
    for _ in 0..repeats {
        let started = Instant::now();
        matches = if overlapping {
            automaton.find_overlapping_iter(text).count()
        } else {
            automaton.find_iter(text).count()
        };
        times.push(started.elapsed().as_secs_f64());
    }
    let median = median(&times);
    Ok(serde_json::json!({
        "peer": format!("rawscan:{config}"),
        "build_s": build_s,
        "tag_s": times,
        "tag_s_median": median,
        "mb_per_s": text.len() as f64 / 1e6 / median,
        "matches": matches,
        "peak_rss_kb": peak_rss_kb(),
        "heap_bytes": automaton.memory_usage(),
        "n_patterns": names.len(),
        "text_bytes": text.len(),
    }))
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The peak resident set of this process in kB (`VmHWM`), 0 where /proc is missing.
fn peak_rss_kb() -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resets the peak resident set to the current one (Linux ≥ 4.0); a no-op elsewhere.
fn reset_peak_rss() {
    let _ = fs::write("/proc/self/clear_refs", "5");
}
