//! Acceptance test on the seed article in `../shared/seed/` (present in CI, absent in a user's
//! clone, where the test says so and passes without checking anything).
//!
//! The article is tagged as one document. Every occurrence of each `required` line of
//! `expected.tsv` must be an entity with that label (or lie inside an `accepted` entity), no
//! `never` line may be tagged, and at most two entities may be on no line at all.

use std::io::Write;
use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    dir.join("article.txt").is_file().then_some(dir)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte ranges of `needle` in `text` not glued to a word or a period before it, or to a word
/// after it (the rule of `shared/tools/seed_check.py`).
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(at, _)| (at, at + needle.len()))
        .filter(|&(a, b)| {
            let before = text[..a].chars().next_back();
            let after = text[b..].chars().next();
            !before.is_some_and(|c| is_word(c) || c == '.') && !after.is_some_and(is_word)
        })
        .collect()
}

#[test]
fn seed_article() {
    let Some(dir) = shared() else {
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED seed_article: ../shared/seed/article.txt is absent (it is there in CI)"
        );
        return;
    };
    let text = std::fs::read_to_string(dir.join("article.txt")).unwrap();
    let expected = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = expected
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    let entities = tandai::tag(&text);
    let ents: Vec<(usize, usize, &str, &str)> = entities
        .iter()
        .map(|e| {
            (
                e.byte_span().start,
                e.byte_span().end,
                e.label().as_str(),
                e.as_str(),
            )
        })
        .collect();
    let of_kind = |kind: &'static str| -> Vec<(&str, &str)> {
        rows.iter()
            .filter(|r| r[2] == kind)
            .map(|r| (r[0], r[1]))
            .collect()
    };
    let accepted = of_kind("accepted");

    let mut problems = Vec::new();
    let mut required_total = 0;
    for (surface, label) in of_kind("required") {
        for (a, b) in occurrences(&text, surface) {
            required_total += 1;
            let exact = ents.iter().any(|&(s, e, l, _)| (s, e, l) == (a, b, label));
            let inside = ents
                .iter()
                .any(|&(s, e, l, t)| s <= a && b <= e && accepted.contains(&(t, l)));
            if !exact && !inside {
                problems.push(format!("missed {surface}/{label} at byte {a}"));
            }
        }
    }
    let never: Vec<&str> = of_kind("never").into_iter().map(|(s, _)| s).collect();
    let known: Vec<&str> = rows
        .iter()
        .filter(|r| r[2] != "never")
        .map(|r| r[0])
        .collect();
    let mut unexpected = Vec::new();
    for &(_, _, label, t) in &ents {
        if never
            .iter()
            .any(|n| t == *n || t.starts_with(&format!("{n} ")))
        {
            problems.push(format!("tagged never-line {t}/{label}"));
        } else if !known.contains(&t) {
            unexpected.push(format!("{t}/{label}"));
        }
    }
    if unexpected.len() > 2 {
        problems.push(format!(
            "{} unexpected entities: {unexpected:?}",
            unexpected.len()
        ));
    }
    assert_eq!(
        required_total, 52,
        "expected.tsv and the article should give 52 required occurrences"
    );
    // The three diplomats are in no list: context rules must find them.
    let lists = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    for name in ["Zohrab Mnatsakanyan", "Anna Naghdalyan", "Jeyhun Bayramov"] {
        for list in std::fs::read_dir(&lists).unwrap() {
            let path = list.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                let listed = text.lines().any(|l| l.split('\t').next() == Some(name));
                assert!(!listed, "{name} is listed in {}", path.display());
            }
        }
        let found: Vec<&str> = entities
            .iter()
            .filter(|e| e.as_str() == name)
            .map(|e| e.source())
            .collect();
        assert!(!found.is_empty(), "{name} not found");
        assert!(
            found.iter().all(|s| s.starts_with("rule:")),
            "{name} came from {found:?}"
        );
    }
    assert!(
        problems.is_empty(),
        "seed article:\n{}",
        problems.join("\n")
    );
    eprintln!(
        "seed article: {required_total}/{required_total} required found, unexpected: {unexpected:?}"
    );
}
