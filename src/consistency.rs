//! Stage 6: document-level consistency, after a first resolution of the whole document.
//!
//! - An acronym defined in parentheses right after a name takes that name's label
//!   (`Komisi Pemberantasan Korupsi (KPK)`), and so do its bare uses anywhere in the document.
//! - After a person's full name, a later use of the surname alone is that person
//!   (`Zohrab Mnatsakanyan` … `Mnatsakanyan`), even where a list calls the word a place.
//! - A name that a context rule found keeps its label at its other uses in the document.
//!
//! All of them are found in one pass with an Aho-Corasick automaton over the names learned, so
//! the stage stays linear in the text.

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::Label;
use crate::matcher::Candidate;
use crate::rules::{CUES, Doc, is_common};
use crate::tokenize::TokenKind;

/// Names learned from one document, at most; the rest are ignored.
const MAX_NAMES: usize = 4096;

/// Beats any gazetteer for the same span: a surname is not a place.
const SURNAME_PRIORITY: u32 = u32::MAX;

struct Learned {
    label: Label,
    rule: &'static str,
    /// Byte offset from which uses count (a surname counts only after the full name).
    from: usize,
    priority: u32,
}

fn is_acronym(word: &str) -> bool {
    (2..=10).contains(&word.chars().count())
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().any(char::is_uppercase)
}

pub(crate) fn apply(doc: &Doc<'_>, chosen: &[Candidate]) -> Vec<Candidate> {
    let mut learned: HashMap<&str, Learned> = HashMap::new();
    for c in chosen {
        let Some(first) = doc.piece_starting_at(c.start) else {
            continue;
        };
        let last = doc.pieces_before(c.end);
        // `Name (ACR)`
        if last + 2 < doc.pieces.len() && doc.piece(last) == "(" && doc.piece(last + 2) == ")" {
            let acronym = doc.piece(last + 1);
            if is_acronym(acronym) && acronym != &doc.text[c.start..c.end] {
                learned.entry(acronym).or_insert(Learned {
                    label: c.label,
                    rule: "acronym",
                    from: 0,
                    priority: 0,
                });
            }
        }
        let words: Vec<usize> = (first..last)
            .filter(|&i| doc.pieces[i].kind == TokenKind::Word)
            .collect();
        if c.label == Label::PER && words.len() >= 2 {
            let surname = doc.piece(words[words.len() - 1]);
            let plain = surname.chars().count() >= 3
                && doc.is_capitalized(words[words.len() - 1])
                && !is_common(surname)
                && !CUES.person.contains_word(surname);
            if plain {
                learned.entry(surname).or_insert(Learned {
                    label: Label::PER,
                    rule: "surname",
                    from: c.end,
                    priority: SURNAME_PRIORITY,
                });
            }
        }
        if c.source.starts_with("rule:") {
            learned.entry(&doc.text[c.start..c.end]).or_insert(Learned {
                label: c.label,
                rule: "same_name",
                from: 0,
                priority: 0,
            });
        }
        if learned.len() >= MAX_NAMES {
            break;
        }
    }
    if learned.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = learned.keys().copied().collect();
    // A small automaton for each document: the NFA is the quickest to build.
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(&names)
    else {
        return Vec::new();
    };
    let sources: HashMap<&str, Arc<str>> = ["acronym", "surname", "same_name"]
        .into_iter()
        .map(|r| (r, Arc::from(format!("rule:{r}"))))
        .collect();
    let mut found = Vec::new();
    for m in automaton.find_iter(doc.text) {
        let l = &learned[names[m.pattern().as_usize()]];
        let starts_piece = doc.piece_starting_at(m.start()).is_some();
        let ends_piece = doc.pieces_before(m.end()) > 0
            && doc.pieces[doc.pieces_before(m.end()) - 1].end == m.end();
        if m.start() < l.from || !starts_piece || !ends_piece {
            continue;
        }
        found.push(Candidate {
            start: m.start(),
            end: m.end(),
            label: l.label,
            source: Arc::clone(&sources[l.rule]),
            canonical: None,
            priority: l.priority,
            ambiguous: false,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn acronym_takes_the_label_of_its_definition() {
        assert_eq!(
            tag(
                "Komisi Anti Rasuah (KAR) memanggil saksi. KAR menolak.",
                &[],
                &[]
            ),
            [
                "Komisi Anti Rasuah/ORG/rule:org_marker",
                "KAR/ORG/rule:acronym",
                "KAR/ORG/rule:acronym"
            ]
        );
    }

    #[test]
    fn surname_after_full_name_even_if_a_place() {
        assert_eq!(
            tag(
                "Zohrab Mnatsakanyan hadir. Mnatsakanyan lalu pergi ke Soreang.",
                &["Soreang", "Mnatsakanyan", "PER:Zohrab Mnatsakanyan"],
                &[]
            ),
            [
                "Zohrab Mnatsakanyan/PER/gazetteer:t",
                "Mnatsakanyan/PER/rule:surname",
                "Soreang/LOC/gazetteer:t"
            ]
        );
        // Before the full name, the surname is not yet known.
        assert_eq!(
            tag(
                "Mnatsakanyan datang. Menlu Zohrab Mnatsakanyan hadir.",
                &[],
                &[]
            ),
            ["Zohrab Mnatsakanyan/PER/rule:person_cue"]
        );
    }

    #[test]
    fn a_rule_made_name_keeps_its_label() {
        assert_eq!(
            tag("kata Budi Santoso. Budi Santoso pulang.", &[], &[]),
            [
                "Budi Santoso/PER/rule:person_cue",
                "Budi Santoso/PER/rule:same_name"
            ]
        );
    }
}
