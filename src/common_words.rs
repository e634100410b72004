//! Stage 3: entries that are also common words (`Batu`, `Padang`, `Solo`, listed in
//! `gazetteers/ambiguous.txt`) need evidence where their capital letter proves nothing.
//!
//! Lower case never matches them in cased text (`matcher.rs`). What is left is a capital that
//! comes from position: the first word of a sentence or line, or a word in a headline where most
//! words are capitalized. There such a candidate is kept only with evidence:
//! - a cue word right before it (`di Padang`, `Kota Batu`; `gazetteers/evidence_cues.txt`),
//! - brackets around it alone, as around a news agency's credit (`[Antara]`), or
//! - the same entry elsewhere in the document in a place where its capital does prove a name
//!   (mid-sentence, not in a headline).
//!
//! A longer entry that contains the word (`Kota Padang`, `Padang Pariaman`) is a different
//! candidate and needs no evidence. With `ignore_case`, a match written without any capital
//! needs a cue; so do, there, the entries that lower-case news shows as ordinary words or as
//! parts of other names more often than as names (`gazetteers/ambiguous_lowercase.txt`: cities
//! that name football clubs, `leicester`, `watford`).

use crate::fast_hash::FastSet;

use once_cell::sync::Lazy;

use crate::fold::fold_str;
use crate::matcher::Candidate;
use crate::tokenize::{Token, TokenKind, breaks_line};

static EVIDENCE_CUES: Lazy<FastSet<String>> = Lazy::new(|| {
    include_str!("../gazetteers/evidence_cues.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold_str)
        .collect()
});

/// A headline: at least this many words start with a letter, and at least 60% of those with a
/// capital.
const HEADLINE_MIN_WORDS: usize = 3;

/// Drops ambiguous candidates that lack evidence. `tokens` are those of `text` (`tokenize`).
pub(crate) fn filter(text: &str, tokens: &[Token], candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.ambiguous) {
        return;
    }
    let mut headlines = Headlines::default();
    let needs_evidence: Vec<bool> = candidates
        .iter()
        .map(|c| {
            c.ambiguous && {
                let surface = &text[c.start..c.end];
                !surface.chars().any(char::is_uppercase)
                    || starts_sentence(text, tokens, c.start)
                    || headlines.is_headline(text, tokens, c.start)
            }
        })
        .collect();
    let attested: FastSet<String> = candidates
        .iter()
        .zip(&needs_evidence)
        .filter(|&(c, &needs)| c.ambiguous && !needs)
        .map(|(c, _)| fold_str(&text[c.start..c.end]))
        .collect();
    let mut needs = needs_evidence.into_iter();
    candidates.retain(|c| {
        !needs.next().unwrap_or(false)
            || cue_before(text, tokens, c.start)
            || bracketed(text, tokens, c.start, c.end)
            || (text[c.start..c.end].chars().any(char::is_uppercase)
                && attested.contains(&fold_str(&text[c.start..c.end])))
    });
}

/// Index of the token that starts at byte `pos`, or of the first one after it.
fn token_at(tokens: &[Token], pos: usize) -> usize {
    tokens.partition_point(|t| t.start < pos)
}

/// Whether the word at `pos` is the first of its sentence or line (opening quotes and brackets
/// may stand before it).
fn starts_sentence(text: &str, tokens: &[Token], pos: usize) -> bool {
    starts_sentence_before(text, tokens, token_at(tokens, pos), pos)
}

/// [`starts_sentence`] for the word that is token `i`.
pub(crate) fn starts_sentence_at(text: &str, tokens: &[Token], i: usize) -> bool {
    starts_sentence_before(text, tokens, i, tokens[i].start)
}

/// [`starts_sentence`] for the word at byte `pos`, with tokens `..i` before it.
fn starts_sentence_before(text: &str, tokens: &[Token], i: usize, pos: usize) -> bool {
    let mut after = pos;
    for t in tokens[..i].iter().rev() {
        if t.end < after && breaks_line(&text.as_bytes()[t.end..after]) {
            return true;
        }
        after = t.start;
        let s = &text[t.start..t.end];
        match t.kind {
            TokenKind::Punct if s.ends_with(['.', '!', '?', '…']) => return true,
            TokenKind::Punct if s.chars().all(|c| "\"'“‘«([-–—".contains(c)) => {}
            TokenKind::Punct | TokenKind::Word => return false,
        }
    }
    true
}

/// Whether the word before `pos` (spaces skipped, same line) is an evidence cue.
fn cue_before(text: &str, tokens: &[Token], pos: usize) -> bool {
    let before = tokens[..token_at(tokens, pos)].last();
    before.is_some_and(|t| {
        t.kind == TokenKind::Word
            && !breaks_line(&text.as_bytes()[t.end..pos])
            && EVIDENCE_CUES.contains(&fold_str(&text[t.start..t.end]))
    })
}

/// Whether the candidate at `start..end` stands alone in brackets, as a news agency's credit
/// does (`(Antara)`, `[Antara]`): a capital there is no sentence's.
fn bracketed(text: &str, tokens: &[Token], start: usize, end: usize) -> bool {
    let i = token_at(tokens, start);
    let j = token_at(tokens, end);
    let piece = |k: usize| tokens.get(k).map(|t| &text[t.start..t.end]);
    i > 0
        && matches!(piece(i - 1), Some("(" | "["))
        && matches!(piece(j), Some(")" | "]"))
        && tokens.get(j).is_some_and(|t| t.start == end)
}

/// Whether lines are headlines, asked line by line: a document's lines are read only where an
/// ambiguous candidate is (reading every line of a long document cost more than the rest of
/// this stage), and the last answer is kept for the next candidate on the same line.
#[derive(Default)]
struct Headlines {
    /// The byte span of the last line asked about, and its answer.
    last: Option<(usize, usize, bool)>,
}

impl Headlines {
    fn is_headline(&mut self, text: &str, tokens: &[Token], pos: usize) -> bool {
        if let Some((start, end, headline)) = self.last
            && (start..end).contains(&pos)
        {
            return headline;
        }
        let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let first = tokens.partition_point(|t| t.start < start);
        let (mut words, mut capitalized) = (0, 0);
        for t in tokens[first..].iter().take_while(|t| t.start < end) {
            let initial = text[t.start..t.end].chars().next();
            if t.kind == TokenKind::Word && initial.is_some_and(char::is_alphabetic) {
                words += 1;
                capitalized += usize::from(initial.is_some_and(char::is_uppercase));
            }
        }
        let headline = words >= HEADLINE_MIN_WORDS && capitalized * 10 >= words * 6;
        self.last = Some((start, end, headline));
        headline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;
    use std::sync::Arc;

    /// Tags every occurrence of `word` in `text` as an ambiguous candidate and returns the
    /// byte starts of those kept.
    fn kept(text: &str, word: &str) -> Vec<usize> {
        let tokens = tokenize(text);
        let mut candidates: Vec<Candidate> = text
            .match_indices(word)
            .map(|(start, w)| Candidate {
                start,
                end: start + w.len(),
                label: crate::Label::LOC,
                source: Arc::from("t"),
                canonical: None,
                priority: 0,
                ambiguous: true,
            })
            .collect();
        filter(text, &tokens, &mut candidates);
        candidates.iter().map(|c| c.start).collect()
    }

    #[test]
    fn mid_sentence_capital_is_evidence_enough() {
        assert_eq!(kept("Warga pindah ke Padang.", "Padang"), [16]);
        assert_eq!(kept("Mereka makan nasi Padang.", "Padang"), [18]);
    }

    #[test]
    fn sentence_start_needs_evidence() {
        assert!(kept("Batu itu besar.", "Batu").is_empty());
        assert!(kept("Ia pulang. Batu itu besar.", "Batu").is_empty());
        assert!(kept("“Batu itu besar,” katanya.", "Batu").is_empty());
        // The same entry mid-sentence elsewhere in the document is evidence.
        assert_eq!(
            kept("Batu ramai. Wisatawan datang ke kota Batu.", "Batu"),
            [0, 37]
        );
    }

    #[test]
    fn brackets_around_it_alone_are_evidence() {
        assert_eq!(kept("Hujan turun. [Antara]", "Antara"), [14]);
        assert_eq!(kept("Hujan turun. (Antara)", "Antara"), [14]);
        assert!(kept("Hujan turun. (Antara kota)", "Antara").is_empty());
    }

    #[test]
    fn headlines_need_evidence() {
        let text = "Banjir Besar Rendam Padang Lagi\nHujan turun sejak pagi.";
        assert!(kept(text, "Padang").is_empty());
        let text = "Banjir Besar Rendam Padang Lagi\nHujan turun di Padang sejak pagi.";
        assert_eq!(kept(text, "Padang"), [20, 47]);
        // A cue in the headline itself.
        assert_eq!(kept("Banjir Besar Melanda Kota Padang", "Padang"), [26]);
    }

    #[test]
    fn lower_case_matches_need_a_cue() {
        assert!(kept("batu itu besar", "batu").is_empty());
        assert_eq!(kept("liburan ke batu bersama", "batu"), [11]);
        assert!(kept("liburan ke\nbatu bersama", "batu").is_empty());
    }
}
