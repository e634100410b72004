//! Tests of the `evaluate` example on small CoNLL files written for them (tests/data/eval/).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    // target/<profile>/deps/evaluate-HASH → target/<profile>/examples/evaluate
    let exe = std::env::current_exe().unwrap();
    let bin = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(format!("evaluate{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo test`, which builds examples",
        bin.display()
    );
    Command::new(bin).args(args).output().unwrap()
}

fn data(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/eval")
        .join(name);
    p.to_str().unwrap().to_string()
}

fn scores(args: &[&str]) -> serde_json::Value {
    let places = data("places.txt");
    let small = data("small.conll");
    let mut all = vec![
        small.as_str(),
        "--json",
        "--no-default-gazetteers",
        "--gazetteer",
        &places,
    ];
    all.extend(args);
    let out = run(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn exact_span_scores_per_label_and_micro() {
    let s = scores(&[]);
    assert_eq!(s["sentences"], 6, "blank runs are no sentences");
    let loc = &s["labels"]["LOC"];
    // Gold LOC: Bogor, Jawa Barat, Bogor (I- after O), Bandung Raya, Surabaya (at sentence end).
    // Predicted: Bogor, Jawa Barat, Bogor, Jenewa, Bandung, Depok.
    assert_eq!(
        (
            loc["gold"].as_u64(),
            loc["pred"].as_u64(),
            loc["correct"].as_u64()
        ),
        (Some(5), Some(6), Some(3))
    );
    assert_eq!(loc["p"], 0.5);
    assert_eq!(loc["r"], 0.6);
    assert_eq!(s["labels"]["ORG"]["gold"], 1);
    assert_eq!(s["labels"]["ORG"]["f1"], 0.0);
    assert_eq!(s["micro"]["f1"], 0.5);
}

#[test]
fn labels_option_restricts_scoring() {
    let s = scores(&["--labels", "LOC"]);
    assert!(s["labels"].get("ORG").is_none());
    assert_eq!(s["micro"]["gold"], 5);
    assert_eq!(s["micro"]["pred"], 6);
}

#[test]
fn errors_are_grouped_by_kind() {
    let places = data("places.txt");
    let out = run(&[
        &data("small.conll"),
        "--errors",
        "5",
        "--no-default-gazetteers",
        "--gazetteer",
        &places,
    ]);
    let report = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "missed (1):\n      1  Surabaya/LOC",
        "boundary (1):\n      1  Bandung Raya/LOC tagged Bandung/LOC",
        "label (1):\n      1  Jenewa/ORG tagged LOC",
        "spurious (1):\n      1  Depok/LOC",
    ] {
        assert!(report.contains(needle), "no {needle:?} in:\n{report}");
    }
}

#[test]
fn malformed_conll_names_file_and_line() {
    let out = run(&[&data("broken.conll")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.conll, line 2: no TAB"), "{err}");
    assert_eq!(run(&["--bogus"]).status.code(), Some(2));
}
