//! Golden cases: annotated sentences in `tests/data/cases.txt`, tagged with the embedded tagger.
//!
//! Each case is one line of text with the expected entities marked as `[text]{LABEL}`; every
//! other part of the line must stay untagged. A line starting with `(ignore-case)` is tagged
//! with a case-insensitive tagger. `#` starts a comment line. All failures are listed at once.

use tandai::Tagger;

/// `(byte start, byte end, label)` of an entity.
type Spans = Vec<(usize, usize, String)>;

/// The plain text of a case and its expected spans.
fn parse_case(marked: &str) -> Result<(String, Spans), String> {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find("]{").ok_or("'[' without ']{'")?;
        let label_end = after[close + 2..].find('}').ok_or("'{' without '}'")?;
        let start = text.len();
        text.push_str(&after[..close]);
        spans.push((
            start,
            text.len(),
            after[close + 2..close + 2 + label_end].to_string(),
        ));
        rest = &after[close + 2 + label_end + 1..];
    }
    text.push_str(rest);
    Ok((text, spans))
}

#[test]
fn golden_cases() {
    let cases = include_str!("data/cases.txt");
    let cased = Tagger::embedded();
    let uncased = Tagger::builder().ignore_case(true).build().unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (i, line) in cases.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (tagger, marked) = match line.strip_prefix("(ignore-case) ") {
            Some(rest) => (&uncased, rest),
            None => (cased, line),
        };
        let (text, expected) = match parse_case(marked) {
            Ok(parsed) => parsed,
            Err(e) => panic!("tests/data/cases.txt line {}: {e}", i + 1),
        };
        count += 1;
        let got: Spans = tagger
            .tag(&text)
            .iter()
            .map(|e| {
                (
                    e.byte_span().start,
                    e.byte_span().end,
                    e.label().to_string(),
                )
            })
            .collect();
        if got != expected {
            let show = |spans: &[(usize, usize, String)]| {
                spans
                    .iter()
                    .map(|(s, e, l)| format!("[{}]{{{l}}}", &text[*s..*e]))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            failures.push(format!(
                "line {}: {marked}\n    expected: {}\n    got:      {}",
                i + 1,
                show(&expected),
                show(&got)
            ));
        }
    }
    assert!(count > 20, "tests/data/cases.txt has only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} golden cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn case_markup_parses() {
    let (text, spans) = parse_case("Ke [Jenewa]{LOC} dan [AS]{LOC}.").unwrap();
    assert_eq!(text, "Ke Jenewa dan AS.");
    assert_eq!(
        spans,
        [(3, 9, "LOC".to_string()), (14, 16, "LOC".to_string())]
    );
    assert!(parse_case("Ke [Jenewa dan").is_err());
}
