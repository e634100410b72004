//! Stage 6: document-level consistency, after a first resolution of the whole document.
//!
//! - An acronym defined in parentheses right after a name takes that name's label
//!   (`Komisi Pemberantasan Korupsi (KPK)`), and so do its bare uses anywhere in the document;
//!   not after a one-word name it cannot abbreviate (`Banteng Muda Indonesia (BMI)` with only
//!   `Indonesia` found), nor a model number (`RC213V`).
//! - After a person's full name, a later use of the surname alone is that person
//!   (`Zohrab Mnatsakanyan` … `Mnatsakanyan`), even where a list calls the word a place; so is
//!   a later use of the first name standing alone (`Novel Baswedan` … `menangani Novel di`: no
//!   capitalized word after it, and not an ordinary word opening a sentence), where no list
//!   holds the word.
//! - A name that a context rule found keeps its label at its other uses in the document, where
//!   it stands whole (not the first or last words of a longer capitalized run).
//!
//! All of them are found in one pass over the pieces, looking up the names learned by their first
//! word, so the stage stays linear in the text.

use std::ops::Range;

use crate::Label;
use crate::common_words::starts_sentence_at;
use crate::fast_hash::FastMap;
use crate::matcher::Candidate;
use crate::rules::{CUES, Doc, rule_source};
use crate::tokenize::TokenKind;

/// Names learned from one document, at most (a name learned twice counts twice: 1 MB of news
/// as one document learns fewer than this); the rest are ignored.
const MAX_NAMES: usize = 16384;

/// Above this many learned names, they are looked up through a map.
const MAP_FROM: usize = 32;

/// Beats any gazetteer for the same span: a surname is not a place.
const SURNAME_PRIORITY: u32 = u32::MAX;

struct Learned {
    label: Label,
    rule: &'static str,
    /// Byte offset from which uses count (a surname counts only after the full name).
    from: usize,
    priority: u32,
    /// Counts only standing alone: no capitalized word right after it, and where it is an
    /// ordinary word not at a sentence's start (a first name: `Novel` after `Novel Baswedan`).
    alone: bool,
    /// Counts only standing whole: no longer capitalized run holds it (a rule's name).
    whole: bool,
}

/// The leading letters and digits of `s`: the key under which a learned name is looked up.
fn head(s: &str) -> &str {
    // ASCII by byte (most of any text), the rest by character.
    let ascii = s.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let rest = &s[ascii..];
    if rest.as_bytes().first().is_none_or(u8::is_ascii) {
        return &s[..ascii];
    }
    let more = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &s[..ascii + more]
}

/// Whether `acronym` may stand for `name`: a name of several words may be translated
/// (`Badan Investigasi Federal (FBI)`), but a one-word name before an acronym of three letters or
/// more that starts otherwise is the end of a longer name (`Banteng Muda Indonesia (BMI)`, where
/// only `Indonesia` was found). A person's acronym is their initials, never a translation: it
/// starts with the name's first letter (`Susilo Bambang Yudhoyono (SBY)`; in `CoCo Vandeweghe
/// (USA)` the brackets hold a country).
fn may_abbreviate(acronym: &str, name: &str, label: &Label) -> bool {
    let one_word = !name.contains(|c: char| c.is_whitespace());
    let first = |s: &str| s.chars().next().map(|c| c.to_lowercase().next());
    let same_start = first(acronym) == first(name);
    if *label == Label::PER {
        return same_start;
    }
    !one_word || acronym.chars().count() < 3 || same_start
}

/// Capitals, and a digit at most (`BNP2TKI`; `RC213V` is a model number).
fn is_acronym(word: &str) -> bool {
    (2..=10).contains(&word.chars().count())
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().any(char::is_uppercase)
        && word.bytes().filter(u8::is_ascii_digit).count() <= 1
}

/// The uses of learned names that may change what `chosen` (resolved, in text order) holds.
/// `custom_from` is the priority of the user's first own gazetteer: an acronym's definition
/// in the document beats the rules' guesses and the embedded lists, not the user's lists.
/// `first_names`: learn persons' first names too (not for the learned layer, which tags a
/// first name standing alone by itself: `Jennifer` 19 times in 7 MB of news, with the rules'
/// first names among its features the retrained model scored no better).
pub(crate) fn apply(
    doc: &Doc<'_>,
    chosen: &[Candidate],
    custom_from: u32,
    first_names: bool,
) -> Vec<Candidate> {
    // Every name as learned, in order; the first learning of a name is the one that counts.
    let mut learned: Vec<(&str, Learned)> = Vec::new();
    for c in chosen {
        let Some(first) = doc.piece_starting_at(c.start) else {
            continue;
        };
        let last = doc.pieces_before(c.end);
        // `Name (ACR)`
        if last + 2 < doc.pieces.len() && doc.piece(last) == "(" && doc.piece(last + 2) == ")" {
            let acronym = doc.piece(last + 1);
            let name = &doc.text[c.start..c.end];
            if is_acronym(acronym) && acronym != name && may_abbreviate(acronym, name, &c.label) {
                learned.push((
                    acronym,
                    Learned {
                        label: c.label,
                        rule: "acronym",
                        from: 0,
                        priority: custom_from,
                        alone: false,
                        whole: false,
                    },
                ));
            }
        }
        let mut words = (first..last).filter(|&i| doc.pieces[i].kind == TokenKind::Word);
        let first_word = words.next();
        let last_word = words.next_back();
        // A full name's first name (counted where it stands alone) and surname; an ordinary
        // word is a first name too (`Novel`), not a surname.
        if c.label == Label::PER && last_word.is_some() {
            let parts = [
                (first_word.filter(|_| first_names), "first_name", 0, true),
                (last_word, "surname", SURNAME_PRIORITY, false),
            ];
            for (w, rule, priority, first) in parts {
                let Some(w) = w else { continue };
                let word = doc.piece(w);
                let plain = word.chars().count() >= 3
                    && doc.is_capitalized(w)
                    && (first || !doc.is_common(w))
                    && !doc.is_phrase(&CUES.person, w);
                if plain {
                    learned.push((
                        word,
                        Learned {
                            label: Label::PER,
                            rule,
                            from: c.end,
                            priority,
                            alone: first,
                            whole: false,
                        },
                    ));
                }
            }
        }
        if c.source.starts_with("rule:") {
            learned.push((
                &doc.text[c.start..c.end],
                Learned {
                    label: c.label,
                    rule: "same_name",
                    from: 0,
                    priority: 0,
                    alone: false,
                    whole: true,
                },
            ));
        }
        if learned.len() >= MAX_NAMES {
            break;
        }
    }
    if learned.is_empty() {
        return Vec::new();
    }
    // By name, first learned first, then one entry per name.
    learned.sort_by(|a, b| a.0.cmp(b.0));
    learned.dedup_by(|later, first| later.0 == first.0);
    // By first piece, and at one place the longest learned name first. A paragraph's few names
    // are found by a binary search per candidate piece; a long document's many by a map from
    // each first piece to its names (a binary search over thousands doubled this stage's cost,
    // and a map cost paragraphs more to build than it saved; a per-document automaton more
    // still).
    let mut by_head: Vec<(&str, &str, &Learned)> = learned
        .iter()
        .map(|(name, l)| (head(name), *name, l))
        .collect();
    by_head.sort_unstable_by(|a, b| {
        (a.0.cmp(b.0))
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.1.cmp(b.1))
    });
    let heads = (by_head.len() > MAP_FROM).then(|| {
        let mut heads: FastMap<&str, Range<usize>> = FastMap::default();
        for (k, &(head, _, _)) in by_head.iter().enumerate() {
            heads.entry(head).or_insert(k..k).end = k + 1;
        }
        heads
    });
    let names_of = |piece_head: &str| match &heads {
        Some(heads) => heads.get(piece_head).map_or(0..0, Range::clone),
        None => {
            let from = by_head.partition_point(|&(h, _, _)| h < piece_head);
            from..from + by_head[from..].partition_point(|&(h, _, _)| h == piece_head)
        }
    };
    let mut found = Vec::new();
    // The first bytes of the learned names: most pieces start with none of them.
    let mut initials = [false; 256];
    for (name, _) in &learned {
        if let Some(&b) = name.as_bytes().first() {
            initials[usize::from(b)] = true;
        }
    }
    let mut i = 0;
    while i < doc.pieces.len() {
        let start = doc.pieces[i].start;
        if !initials[usize::from(doc.text.as_bytes()[start])] {
            i += 1;
            continue;
        }
        let names = &by_head[names_of(head(doc.piece(i)))];
        // A name found by a rule is that name at its other uses only where it stands whole: no
        // capitalized word right after it on its line (`Lulu` of `Lulu Hashimoto`), nor right
        // before it but an ordinary word, a cue or an initial (`Ezpeleta` of `Carmelo
        // Ezpeleta`, not `Namun Abedi`, `Dokter Helmi`, `M Aidi`), and not after a word that
        // says no name follows (`bulan Ramadhan`). 54 such uses in the 7 MB news corpus, about
        // all of them wrong or cut short.
        let whole = |last: usize| {
            // A capitalized word of another name found is no part of this one (`Ketua Umum
            // Demokrat Susilo Bambang Yudhoyono`).
            let in_name = |k: usize| {
                let at = doc.pieces[k].start;
                let c = chosen.partition_point(|c| c.start <= at);
                c > 0 && chosen[c - 1].end > at
            };
            let capitalized =
                |k: usize| doc.is_capitalized(k) && !doc.is_cue_word(k) && !in_name(k);
            let part_before = |k: usize| {
                capitalized(k) && !doc.is_common(k) && doc.piece(k).chars().nth(1).is_some()
            };
            let longer_before = i > 0 && doc.same_line(i - 1) && part_before(i - 1);
            let longer_after =
                last < doc.pieces.len() && doc.same_line(last - 1) && capitalized(last);
            !longer_before && !longer_after && !doc.follows_not_names_word(i)
        };
        let hit = names.iter().find_map(|&(_, name, l)| {
            let end = start + name.len();
            let last = doc.pieces_before(end);
            let aligned =
                doc.text[start..].starts_with(name) && last > i && doc.pieces[last - 1].end == end;
            let alone = || {
                let next_capitalized = last < doc.pieces.len() && doc.is_capitalized(last);
                let ordinary_opener =
                    doc.is_common(i) && starts_sentence_at(doc.text, &doc.pieces, i);
                !next_capitalized && !ordinary_opener
            };
            (aligned && start >= l.from && (!l.alone || alone()) && (!l.whole || whole(last)))
                .then_some((end, last, l))
        });
        let Some((end, last, l)) = hit else {
            i += 1;
            continue;
        };
        i = last;
        // A candidate already chosen for this span with at least this priority wins over this
        // one again (`resolve`): no second resolution of the document for it.
        let already = chosen
            .binary_search_by_key(&start, |c| c.start)
            .is_ok_and(|k| {
                let c = &chosen[k];
                c.end == end && c.priority >= l.priority
            });
        if already {
            continue;
        }
        found.push(Candidate {
            start,
            end,
            label: l.label,
            source: rule_source(l.rule),
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
    fn an_acronym_that_cannot_abbreviate_the_name_before_it_is_not_defined() {
        // Only `Zyxland` of `Banteng Muda Zyxland` is known: `BMZ` is not a place.
        assert_eq!(
            tag("Massa Banteng Muda Zyxland (BMZ) hadir.", &["Zyxland"], &[]),
            ["Zyxland/LOC/gazetteer:t"]
        );
        // A name of several words may be translated, a two-letter acronym may be anything.
        assert_eq!(
            tag(
                "Komisi Anti Rasuah (ACC) dan Zyxland (RZ) hadir.",
                &["Zyxland"],
                &[]
            ),
            [
                "Komisi Anti Rasuah/ORG/rule:org_marker",
                "ACC/ORG/rule:acronym",
                "Zyxland/LOC/gazetteer:t",
                "RZ/LOC/rule:acronym"
            ]
        );
        // A model number is no acronym.
        assert_eq!(
            tag("Motor Zyxland (RC213V) melaju.", &["Zyxland"], &[]),
            ["Zyxland/LOC/gazetteer:t"]
        );
        // A person's acronym is their initials: a country code after a player is no definition.
        assert_eq!(
            tag(
                "Budi Zyxwanto (BZ) dan Ani Qwerty (USA) menang.",
                &["PER:Budi Zyxwanto", "PER:Ani Qwerty"],
                &[]
            ),
            [
                "Budi Zyxwanto/PER/gazetteer:t",
                "BZ/PER/rule:acronym",
                "Ani Qwerty/PER/gazetteer:t"
            ]
        );
    }

    /// `name_words` (with the embedded lists) guesses a person for `MA` alone; the definition
    /// says what it is.
    #[cfg(feature = "embedded")]
    #[test]
    fn a_defined_acronym_beats_a_guess() {
        let tagger = crate::Tagger::embedded();
        let found: Vec<String> = tagger
            .tag("Mahkamah Agung (MA) menolak. Menurutnya, MA mengerti.")
            .iter()
            .map(|e| format!("{}/{}", e.as_str(), e.label()))
            .collect();
        assert_eq!(found, ["Mahkamah Agung/ORG", "MA/ORG", "MA/ORG"]);
    }

    #[test]
    fn the_users_list_beats_a_defined_acronym() {
        assert_eq!(
            tag(
                "Komisi Anti Rasuah (KAR) memanggil. KAR menolak.",
                &["KAR"],
                &[]
            ),
            [
                "Komisi Anti Rasuah/ORG/rule:org_marker",
                "KAR/LOC/gazetteer:t",
                "KAR/LOC/gazetteer:t"
            ]
        );
    }

    #[test]
    fn first_name_alone_after_full_name() {
        let persons = ["PER:Bintang Zyxemon"];
        // Alone, and mid-sentence even though it is an ordinary word.
        assert_eq!(
            tag(
                "Bintang Zyxemon hadir. Dokter yang menangani Bintang di sana optimistis.",
                &persons,
                &[]
            ),
            [
                "Bintang Zyxemon/PER/gazetteer:t",
                "Bintang/PER/rule:first_name"
            ]
        );
        // Not before another capitalized word, not an ordinary word opening a sentence.
        let found = tag(
            "Bintang Zyxemon hadir. Bintang itu terang. Lalu Bintang Zyxlain datang.",
            &persons,
            &[],
        );
        assert!(
            !found.iter().any(|f| f.starts_with("Bintang/")),
            "{found:?}"
        );
        // Not before the full name.
        assert_eq!(
            tag(
                "Kemarin Zyxwan datang. Menlu Zyxwan Mnatsa hadir.",
                &[],
                &[]
            ),
            ["Zyxwan Mnatsa/PER/rule:person_cue"]
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
        // Where it stands whole: not the start or end of a longer capitalized run, nor after a
        // word that says no name follows; an ordinary word or a name found may stand beside it.
        for text in [
            "kata Zyxlu. Perkenalkan Zyxlu Hashimoto, boneka.",
            "kata Zyxlu. Warga Zyxor Zyxlu datang.",
            "kata Zyxlu. Di bulan Zyxlu ini, sepi.",
        ] {
            assert_eq!(tag(text, &[], &[]), ["Zyxlu/PER/rule:person_cue"], "{text}");
        }
        assert_eq!(
            tag("kata Zyxlu. Namun Zyxlu Bandung pulang.", &["Bandung"], &[]),
            [
                "Zyxlu/PER/rule:person_cue",
                "Zyxlu/PER/rule:same_name",
                "Bandung/LOC/gazetteer:t"
            ]
        );
    }
}
