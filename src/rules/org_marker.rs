//! A capitalized run that starts with an organization word (`PT`, `Universitas`, `Kementerian`,
//! `gazetteers/cues/org_markers.txt`) is an organization from that word on: `Rektor Universitas
//! Gadjah Mada` → `Universitas Gadjah Mada`; an English one whose word goes on with `of` or
//! `for` (`gazetteers/cues/of_heads.txt`) from the run's start on, the words before the word
//! included: `Duke University School of Medicine`, `Rektor University of Hawaii` → `University
//! of Hawaii`. One that ends with an organization word (`Tbk`,
//! `Group`, `gazetteers/cues/org_suffixes.txt`) is one up to it: `Minsk Group` (after a
//! sentence's first words that are mostly no name's: `Namun Borneo FC`, and after an office in
//! a company: `CEO Ballymore Group`, `gazetteers/cues/company_offices.txt`). The name stops
//! before a person found earlier (and the `I` of a Balinese one: `Partai Demokrat Bali I Made
//! Mudharta`) and before a person cue, and needs a word after the marker.
//! A known organization inside it followed by two or more words that could only be a person's
//! ends it there (`Kementerian PUPR Amran Mustary` → `Kementerian PUPR`), and those words are a
//! person when the train splits saw the first mostly in persons (`Kementerian Keuangan Robert
//! Pakpahan` → `Robert Pakpahan`). After an office (`Kepala Dinas Pariwisata dan Kebudayaan
//! Ida Hernida`), the run that `dan` joined to the name may end with the holder: from a place
//! or organization the lists know there, a given name or a person's word on, the words that
//! could be a person's are the holder, and the name ends before them.

use super::{CUES, Covered, CoveredBy, Doc, MAX_NAME_PIECES, is_all_caps};
use crate::Label;
use crate::common_words::starts_sentence_at;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let persons = covered.by(&[Label::PER]);
    let orgs = covered.by(&[Label::ORG]);
    let known = covered.by(&Label::BUILT_IN);
    let named = covered.by(&[Label::LOC, Label::ORG]);
    let inside_person = |i: usize| persons.inside(i);
    for (r, run) in doc.runs.iter().enumerate() {
        let mut end = run.end;
        let marker = (run.start..end).find_map(|j| {
            if inside_person(j) {
                return None;
            }
            // An English name (`University of Edinburgh`): its word and `of` are its marker.
            // (Not phrases of `org_markers.txt`: their words would be cue words everywhere, and
            // `School`, `Centre` end places: `Ashwaubenon High School`.)
            doc.phrase_at(&CUES.org_markers, j, end)
                .map(|n| (j, n, false))
                .or_else(|| (j + 2 < end && doc.goes_on_with_of(j)).then_some((j, 2, true)))
        });
        if let Some((j, n, english)) = marker {
            // An English name's words before the marker are the name's, and `dan` joins no
            // more to it.
            let mut k = j + n;
            let mut next = r + 1;
            // The start of the last run that `dan` joined to the name, if any.
            let mut joined_run = None;
            loop {
                while k < end && k - j < MAX_NAME_PIECES + 2 {
                    if persons.span_from(k, end).is_some()
                        || doc.phrase_at(&CUES.person, k, end).is_some()
                        || (doc.is_name_prefix(k) && persons.span_from(k + 1, end).is_some())
                    {
                        // A person right after an organization word, this one or one
                        // inside the name, may be whom it is named after (`Universitas
                        // Gadjah Mada`, `Fakultas Hukum Universitas Airlangga`; not after
                        // `Partai`: `Sekjen Partai Pramono Anung`); else the name ends.
                        let named_after = (1..=2)
                            .filter(|&m| k >= j + m)
                            .find_map(|m| doc.person_after_marker(k - m, m, end, &persons));
                        match named_after.filter(|&e| e > k) {
                            Some(e) => k = e,
                            None => break,
                        }
                        continue;
                    }
                    k += 1;
                }
                // `Kementerian Pendidikan dan Kebudayaan`: `dan` joins the next run to the name,
                // unless that run is an organization of its own (`… dan Dinas Sosial`), starts
                // with a name the lists know that `dan` is not in (`… dan PKS`, `… dan FBI`),
                // an office or a given name (`… dan Panitera …`, `… dan Hendra Kurniawan`).
                let joined = k == end
                    && !english
                    && k > j + n
                    && doc.runs.get(next).is_some_and(|after| {
                        after.start == end + 1
                            && doc.piece(end) == "dan"
                            && doc.same_line(end - 1)
                            && doc.same_line(end)
                            && doc
                                .phrase_at(&CUES.org_markers, after.start, after.end)
                                .is_none()
                            && (!known.inside(after.start) || known.inside(end))
                            && doc
                                .phrase_at(&CUES.person, after.start, after.end)
                                .is_none()
                            && !CUES.given_names.contains(doc.folded(after.start))
                    });
                if !joined {
                    break;
                }
                joined_run = Some(doc.runs[next].start);
                end = doc.runs[next].end;
                next += 1;
                k += 1;
            }
            // A name cut at its longest (`… Informatika dan`) ends with its last word.
            while k > j + n && doc.piece(k - 1) == "dan" {
                k -= 1;
            }
            // An office before the name (`Kepala Dinas Pemuda dan Olahraga Padang Suardi`): its
            // holder may end the run that `dan` joined, after a place or organization the
            // lists know there or from a given name or a word the train splits saw mostly in
            // persons on; the name ends before the holder.
            if let Some(after_dan) = joined_run.filter(|_| doc.phrase_before(&CUES.person, j))
                && let Some(p) = holder_start(doc, &named, after_dan, end)
            {
                candidates.push(doc.candidate(p..end, Label::PER, "org_marker"));
                k = k.min(p);
            }
            // A known organization inside the name followed by two or more words that could
            // be a person's and nothing else (`Fraksi Partai Gerindra Heri Gunawan`): the name
            // ends with the organization; the rest is its member's.
            if let Some(e) = (j..k).filter_map(|s| orgs.span_from(s, k)).max()
                && k - e >= 2
                && (e..k).all(|p| could_be_a_persons(doc, &known, p))
            {
                // A first word the train splits saw mostly in persons makes the rest one.
                if doc.votes_person(e) {
                    candidates.push(doc.candidate(e..k, Label::PER, "org_marker"));
                }
                k = e;
            }
            if k > j + n {
                let from = if english {
                    english_name_start(doc, run.start, j)
                } else {
                    j
                };
                candidates.push(doc.candidate(from..k, Label::ORG, "org_marker"));
                continue;
            }
        }
        // A suffix: the run up to it, after any person cue or word that stands before
        // organizations (`Saham Apple Inc.` at a sentence's start) at its start.
        let mut start = after_cues(doc, run.start, end);
        let suffix_after = |from: usize| {
            (from + 1..end).find(|&k| {
                doc.phrase_at(&CUES.org_suffixes, k, k + 1).is_some() && !inside_person(k)
            })
        };
        let mut suffix_end = suffix_after(start);
        // A place's word leads the run: `Stadion Selayang Municipal Council` is a stadium.
        if suffix_end.is_some() && doc.phrase_at(&CUES.loc_markers, start, end).is_some() {
            suffix_end = None;
        }
        // Nor a sentence's first words that are mostly no name's (`Namun Borneo FC`,
        // `Pemain Senior Bali United`). (Looked at only where a suffix is: most sentences
        // start such a run.)
        if suffix_end.is_some() {
            let name_start = after_sentence_openers(doc, start, end);
            if name_start > start {
                start = name_start;
                suffix_end = suffix_after(start);
            }
        }
        // Nor an office in a company before it (`CEO Ballymore Group`, `Manajer Madura
        // United`): the company's, not the company's name; but the office's word may be the
        // name's if no other word stands before the suffix (`Founder Institute`).
        if let Some(n) = suffix_end.and_then(|_| company_office_at(doc, start, end)) {
            if let Some(k) = suffix_after(start + n) {
                start += n;
                suffix_end = Some(k);
            } else if suffix_end.is_some_and(|k| k + 1 < end) {
                // `CEO Grup Sinar Mas Land`: the suffix's word leads the name after it.
                suffix_end = None;
            }
        }
        // `Grup C`, `Group A`: a tournament's group, no organization.
        if suffix_end.is_some()
            && (run.start..end).any(|k| {
                k + 1 < end
                    && doc.phrase_at(&CUES.org_suffixes, k, k + 1).is_some()
                    && is_group_letter(doc.piece(k + 1))
            })
        {
            suffix_end = None;
        }
        if let Some(k) = suffix_end {
            // Nor ordinary words before an organization found already that ends at the suffix
            // or with it (`Bintang Manchester United`, `Jurusan Ilmu Politik Harvard
            // University`, `Layanan Internet Telkom Group`): they say who or what of it. Any
            // other word before it keeps the run whole (`Thomson Reuters Foundation`), and a
            // place is no organization's start (`Agung Sedayu Grup`).
            let ordinary = |p: usize| {
                doc.pieces[p].kind != TokenKind::Word
                    || ((doc.is_written_lower(p) || doc.mostly_outside_names(p))
                        && !named.inside(p))
            };
            if let Some(p) = (start + 1..k).find(|&p| {
                matches!(orgs.span_from(p, k + 1), Some(e) if e >= k) && (start..p).all(ordinary)
            }) {
                start = p;
            }
            if (start..k).all(|p| !inside_person(p)) {
                candidates.push(doc.candidate(start..k + 1, Label::ORG, "org_marker"));
            }
        }
    }
}

/// Whether a piece is one capital letter, with or without a period (`C`, `C.`): after `Grup`,
/// a tournament's group.
fn is_group_letter(piece: &str) -> bool {
    let letter = piece.strip_suffix('.').unwrap_or(piece);
    letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_uppercase())
}

/// The length in pieces of the longest office in a company (`gazetteers/cues/company_offices.txt`)
/// that starts at piece `i` and ends before `end`.
fn company_office_at(doc: &Doc<'_>, i: usize, end: usize) -> Option<usize> {
    CUES.company_offices
        .iter()
        .map(|phrase| phrase.split(' '))
        .filter(|words| {
            let n = words.clone().count();
            i + n <= end
                && words
                    .clone()
                    .enumerate()
                    .all(|(k, w)| doc.folded(i + k) == w)
        })
        .map(|words| words.count())
        .max()
}

/// Where the holder of an office starts in the run `run_start..end` (see [`apply`]): the first
/// piece after the run's first from which every piece to `end`, at most [`MAX_NAME_PIECES`],
/// could be a person's (a listed person's too, no listed place's or organization's), and which
/// a listed place or organization (`named`) ends right before, or is a given name or a word the
/// train splits saw mostly in persons.
fn holder_start(
    doc: &Doc<'_>,
    named: &CoveredBy<'_>,
    run_start: usize,
    end: usize,
) -> Option<usize> {
    let persons = |p: usize| {
        doc.pieces[p].kind != TokenKind::Word
            || (doc.is_capitalized(p)
                && !named.inside(p)
                && !doc.is_common(p)
                && !doc.is_cue_word(p)
                && !is_all_caps(doc.piece(p)))
    };
    let from = (run_start + 1).max(end.saturating_sub(MAX_NAME_PIECES));
    (from..end).find(|&p| {
        doc.pieces[p].kind == TokenKind::Word
            && (named.inside(p - 1)
                || CUES.given_names.contains(doc.folded(p))
                || doc.votes_person(p))
            && (p..end).all(persons)
    })
}

/// Whether piece `p` could be a word of a person's name: a capitalized word, not ordinary, not
/// an acronym, not a word of organizations or places, in no name found so far.
fn could_be_a_persons(doc: &Doc<'_>, known: &CoveredBy<'_>, p: usize) -> bool {
    doc.pieces[p].kind == TokenKind::Word
        && doc.is_capitalized(p)
        && !doc.is_common(p)
        && !doc.is_cue_word(p)
        && !is_all_caps(doc.piece(p))
        && !known.inside(p)
}

/// The first piece from `start` on, before `end`, after the person cues and the words that
/// stand before organizations (`Saham`) there.
fn after_cues(doc: &Doc<'_>, mut start: usize, end: usize) -> usize {
    while let Some(n) = doc
        .phrase_at(&CUES.person, start, end)
        .or_else(|| doc.phrase_at(&CUES.org_cues, start, end))
    {
        start += n;
    }
    start
}

/// Where an English name whose organization word goes on with `of` or `for` starts, the word at
/// `marker` in the run from `run_start`: at the run's start, for the words before the marker are
/// the name's (`Duke University School of Medicine`, `Recording Industry Association of
/// America`), but after a person cue or a word that stands before organizations (`Rektor
/// University of Hawaii`), and after a sentence's first words that the train splits wrote with
/// a capital mostly outside names.
fn english_name_start(doc: &Doc<'_>, run_start: usize, marker: usize) -> usize {
    after_sentence_openers(doc, after_cues(doc, run_start, marker), marker)
}

/// The first piece from `start` on, before `end`, after the words there that open a sentence
/// and that the train splits wrote with a capital mostly outside names (`Namun`, `Pemain`);
/// `start` where no sentence starts.
fn after_sentence_openers(doc: &Doc<'_>, mut start: usize, end: usize) -> usize {
    let outside = |k: usize| doc.mostly_outside_names(k) && !is_all_caps(doc.piece(k));
    if start < end && outside(start) && starts_sentence_at(doc.text, &doc.pieces, start) {
        while start < end && outside(start) {
            start += 1;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    #[test]
    fn marker_starts_an_organization() {
        assert_eq!(
            tag("Rektor Universitas Gadjah Mada hadir", &[], &[]),
            ["Universitas Gadjah Mada/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("saham PT Maju Jaya Tbk naik", &[], &[]),
            ["PT Maju Jaya Tbk/ORG/rule:org_marker"]
        );
        // Written with a period (`gazetteers/abbreviations.txt`), the marker is one piece still.
        assert_eq!(
            tag("dikerjakan PT. Zyx Industri Bandung.", &[], &["Bandung"]),
            ["PT. Zyx Industri Bandung/ORG/rule:org_marker"]
        );
        assert!(
            tag("Kementerian itu", &[], &[]).is_empty(),
            "a marker alone is no name"
        );
        // `dan` joins a second run to the name, not a second organization.
        assert_eq!(
            tag("kata Kementerian Pendidikan dan Kebudayaan", &[], &[]),
            ["Kementerian Pendidikan dan Kebudayaan/ORG/rule:org_marker"]
        );
        // Cut at its longest, a name does not end with `dan`.
        assert_eq!(
            tag("pada Direktorat Aa Bb Cc Dd Ee Ff dan Gg Hh", &[], &[]),
            ["Direktorat Aa Bb Cc Dd Ee Ff/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("kata Dinas Pariwisata dan Dinas Zyx", &[], &[]),
            [
                "Dinas Pariwisata/ORG/rule:org_marker",
                "Dinas Zyx/ORG/rule:org_marker"
            ]
        );
        // Nor a name the lists know, unless `dan` is in it too.
        assert_eq!(
            tag("kata Partai Zyxindra dan PZS kemarin", &[], &["PZS"]),
            ["Partai Zyxindra/ORG/rule:org_marker", "PZS/ORG/gazetteer:t"]
        );
        assert_eq!(
            tag(
                "kata Kementerian Zyx dan HAM kemarin",
                &[],
                &["Kementerian Zyx dan HAM"]
            ),
            ["Kementerian Zyx dan HAM/ORG/gazetteer:t"]
        );
    }

    #[test]
    fn an_office_holder_ends_the_run_that_dan_joined() {
        // After a place the lists know, or from a word the train splits saw in persons.
        assert_eq!(
            tag(
                "kata Kepala Dinas Tenaga Kerja dan Transmigrasi Sukamaju Zyxa Qwerty kemarin",
                &["Sukamaju"],
                &[]
            ),
            [
                "Dinas Tenaga Kerja dan Transmigrasi Sukamaju/ORG/rule:org_marker",
                "Zyxa Qwerty/PER/rule:org_marker"
            ]
        );
        assert_eq!(
            tag(
                "kata Kepala Dinas Pariwisata dan Kebudayaan Bambang Zyx kemarin",
                &[],
                &[]
            ),
            [
                "Dinas Pariwisata dan Kebudayaan/ORG/rule:org_marker",
                "Bambang Zyx/PER/rule:org_marker"
            ]
        );
        // Without an office before the name, the run stays the organization's.
        assert_eq!(
            tag(
                "warga datang ke Dinas Pariwisata dan Kebudayaan Bambang Zyx kemarin",
                &[],
                &[]
            ),
            ["Dinas Pariwisata dan Kebudayaan Bambang Zyx/ORG/rule:org_marker"]
        );
    }

    #[test]
    fn a_known_organization_then_a_name_ends_there() {
        let gerindra = ["Partai Zyxindra"];
        assert_eq!(
            tag(
                "dari Fraksi Partai Zyxindra Zyxa Gunawan meminta",
                &[],
                &gerindra
            ),
            ["Partai Zyxindra/ORG/gazetteer:t"]
        );
        // A first word the train splits saw in persons makes the rest a person.
        assert_eq!(
            tag(
                "dari Fraksi Partai Zyxindra Bambang Zyx meminta",
                &[],
                &gerindra
            ),
            [
                "Partai Zyxindra/ORG/gazetteer:t",
                "Bambang Zyx/PER/rule:org_marker"
            ]
        );
        // One word after it may be the organization's own (`Partai Zyxindra Baru`).
        assert_eq!(
            tag("dari Partai Zyxindra Raya meminta", &[], &gerindra),
            ["Partai Zyxindra Raya/ORG/rule:org_marker"]
        );
    }

    #[test]
    fn named_after_a_person_or_not() {
        let person = ["PER:Gadjah Zyx"];
        assert_eq!(
            tag("kuliah di Universitas Gadjah Zyx", &person, &[]),
            ["Universitas Gadjah Zyx/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("dosen Fakultas Hukum Universitas Gadjah Zyx", &person, &[]),
            ["Fakultas Hukum Universitas Gadjah Zyx/ORG/rule:org_marker"]
        );
        // `Partai` is not named after the person after it: he is its officer.
        assert_eq!(
            tag("Sekjen Partai Gadjah Zyx hadir", &person, &[]),
            ["Gadjah Zyx/PER/gazetteer:t"]
        );
    }

    #[test]
    fn suffix_ends_an_organization() {
        assert_eq!(
            tag("mediasi Minsk Group berlanjut", &[], &[]),
            ["Minsk Group/ORG/rule:org_marker"]
        );
        // The suffix keeps its period; a word that stands before organizations is no part.
        assert_eq!(
            tag("Saham Zyx Inc. naik", &[], &[]),
            ["Zyx Inc./ORG/rule:org_marker"]
        );
        // Nor a sentence's first words that are mostly no name's in the train splits.
        for text in [
            "Namun Zyx United kalah.",
            "Ia diam. Namun Zyx United kalah.",
        ] {
            assert_eq!(tag(text, &[], &[]), ["Zyx United/ORG/rule:org_marker"]);
        }
        assert_eq!(
            tag("Pemain Zyx United menang.", &[], &[]),
            ["Zyx United/ORG/rule:org_marker"]
        );
        // Nor an office in a company before the name, unless nothing else is (`Founder
        // Institute`).
        for (text, name) in [
            (
                "kata Manajer Zyx United kemarin",
                "Zyx United/ORG/rule:org_marker",
            ),
            (
                "ujar CEO Zyx Cipta Group kemarin",
                "Zyx Cipta Group/ORG/rule:org_marker",
            ),
            (
                "program Founder Institute dibuka",
                "Founder Institute/ORG/rule:org_marker",
            ),
            (
                "kata Managing Partner Zyx Ventures kemarin",
                "Zyx Ventures/ORG/rule:org_marker",
            ),
        ] {
            assert_eq!(tag(text, &[], &[]), [name], "{text}");
        }
        // But an office right before the suffix's word, with more of the run after it: the
        // word leads the next name.
        let found = tag("kata CEO Grup Zyxmas Land kemarin", &[], &[]);
        assert!(found.iter().all(|e| !e.starts_with("CEO")), "{found:?}");
    }

    #[test]
    fn english_bodies_end_organizations_but_a_place_word_leads_a_place() {
        for (text, name) in [
            (
                "menurut Zyx Cancer Society kemarin",
                "Zyx Cancer Society/ORG/rule:org_marker",
            ),
            (
                "versi WBC (World Zyx Council) ditolak",
                "World Zyx Council/ORG/rule:org_marker",
            ),
        ] {
            assert!(tag(text, &[], &[]).contains(&name.to_string()), "{text}");
        }
        let found = tag("laga di Stadion Zyx Municipal Council berakhir", &[], &[]);
        assert!(found.iter().all(|e| !e.contains("ORG")), "{found:?}");
    }

    #[test]
    fn an_english_name_goes_on_through_of_and_starts_with_its_run() {
        assert_eq!(
            tag(
                "meneliti di University of Zyxburgh bersama",
                &[],
                &["Zyxburgh"]
            ),
            ["University of Zyxburgh/ORG/rule:org_marker"]
        );
        // The run's words before the marker are the name's, but not a person cue.
        assert_eq!(
            tag(
                "kata Rektor Zyx Institute for Qux Studies kemarin",
                &[],
                &[]
            ),
            ["Zyx Institute for Qux Studies/ORG/rule:org_marker"]
        );
        // `dan` joins no second English name to the first.
        assert_eq!(
            tag(
                "lulusan Zyx School of Qux dan Wuv University School of Vix.",
                &[],
                &[]
            ),
            [
                "Zyx School of Qux/ORG/rule:org_marker",
                "Wuv University School of Vix/ORG/rule:org_marker"
            ]
        );
        // `of` after any other word parts two runs.
        assert!(
            tag("kata Zyx of Qux kemarin", &[], &[])
                .iter()
                .all(|e| !e.contains("Zyx of")),
        );
    }

    #[test]
    fn a_tournaments_group_is_no_organization() {
        for text in [
            "tim itu tergabung di Grup C bersama Jepang",
            "lanjutan Zyx Tournament Grup C. Grup tersebut berat",
            "juara Group A musim ini",
        ] {
            let found = tag(text, &[], &[]);
            assert!(found.iter().all(|e| !e.contains("Gr")), "{text}: {found:?}");
        }
        // Without a group's letter the suffix still ends an organization.
        assert_eq!(
            tag("kata Zyx Group kemarin", &[], &[]),
            ["Zyx Group/ORG/rule:org_marker"]
        );
    }

    #[test]
    fn ordinary_words_before_a_known_organization_are_no_part_of_it() {
        // The listed name ends with the suffix, or the suffix follows it.
        assert_eq!(
            tag("Bintang Zyx United, Budi, datang.", &[], &["Zyx United"]),
            ["Zyx United/ORG/gazetteer:t"]
        );
        assert_eq!(
            tag("layanan Internet Zyx Group terganggu", &[], &["Zyx"]),
            ["Zyx Group/ORG/rule:org_marker"]
        );
        // A word that is no ordinary word keeps the run whole, and a place starts no
        // organization.
        assert_eq!(
            tag("program Thomzyx Zyx Foundation dibuka", &[], &["Zyx"]),
            ["Thomzyx Zyx Foundation/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("anak usaha Agung Zyxpura Grup kemarin", &["Zyxpura"], &[]),
            ["Agung Zyxpura Grup/ORG/rule:org_marker"]
        );
    }

    #[test]
    fn stops_before_a_person() {
        assert_eq!(
            tag(
                "Kepala Dinas Pendidikan Jawa Barat Dewi Sartika hadir",
                &["Jawa Barat"],
                &[]
            ),
            [
                "Dinas Pendidikan Jawa Barat/ORG/rule:org_marker",
                "Dewi Sartika/PER/rule:person_cue"
            ]
        );
    }
}
