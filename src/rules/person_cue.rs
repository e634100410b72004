//! A title, office, honorific or speech verb before a capitalized run, or a degree after it (`Budi
//! Santoso, S.H.`), makes (the rest of) the run a person: `Presiden Rusia Vladimir Putin` →
//! `Vladimir Putin`, `kata Anies` → `Anies`, `Menteri Keuangan Sri Mulyani` → `Sri Mulyani`.
//!
//! After the cue, the rule skips what names the office rather than the person: more cues, ordinary
//! words (`Keuangan`, `gazetteers/cues/common_words.txt`), nouns derived with `ke-…-an`,
//! `per-…-an`, `pe(N)-…-an` (`Kepresidenan`), places or organizations the lists know (`Rusia`,
//! `Kemlu`), and words the train splits had alone as such, at the end of the run or before a
//! person's word (`kiper Espanyol`, `Pelatih Inter, Stefano Pioli`). An organization or place word
//! (`PT`, `Kabupaten`) and the word after it name the office too (`Direktur PT Pertamina Nicke
//! Widyawati`), and then only a full name of two words or more counts, unless another cue follows.
//! An all-capital word (`PAN`, `KPK`) names a party or an office, not a person, and is skipped too,
//! as is a word written like a brand (`CEO MarlinBooking Ali Sadikin`).
//! The name then runs to the end of the run, stopping before another known place or organization,
//! another cue, or an organization or place word with its name after it. Words right before such a
//! word belong to its name (`oleh Satreskrim Polres Bogor`), words between two cues to the first
//! one's office (`Kapolda Metro Jaya Irjen Fadil Imran`), and words up to an organization's suffix
//! to the office too (`Direktur Zyx Pictures Budi`): the name is looked for again after them. Right
//! after a cue that also stands before organizations (`politisi`, `gazetteers/cues/org_cues.txt`),
//! the run is the organization, and only a run after it the person. An organization the lists
//! know may run on past the capitalized run (`Direktur Utama PT Pertamina (Persero) Nicke
//! Widyawati`): the run right after it is then the name, a full one; so is the run after a comma
//! when the office fills its own run (`Ketua KPU, Arief Budiman`). After a weak cue alone
//! (`oleh`, `gazetteers/cues/weak_person_cues.txt`), a run with a word the train splits saw
//! mostly in places or organizations is no person (`oleh Mandiri Capital`). Nor is one word the
//! train splits never saw in a person before a listed place of one word that ends the run: it
//! names the office's unit with the place (`Kapolres Metro Bekasi`, `Kepala Dishub
//! Pekanbaru`). After an office in a company (`CEO`, `pendiri`;
//! `gazetteers/cues/company_offices.txt`), with or without a cue
//! before it, a company the lists do not know may stand before the holder's full name: `CEO
//! Promogo Andrew Tanyono` is `Promogo` the organization (`rule:company_office`) and `Andrew
//! Tanyono` the person (the holder's first word a given name or a word the train splits saw
//! mostly in persons). After a company the lists know, the rest of the run is the holder's
//! full name (`CEO Telegram Pavel Durov`), from its first given name on where the company's
//! name runs on (`CEO Freeport McMoran Richard Adkerson`). The office's field may stand between
//! the office and the company (`Head of Sales Bukalapak Tri Bagus`;
//! `gazetteers/cues/office_fields.txt`).

use std::ops::Range;

use super::{
    CUES, Covered, CoveredBy, Doc, MAX_NAME_PIECES, has_digit, is_all_caps, is_brand_cased,
    lone_listed_place, rule_source,
};
use crate::Label;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let named = covered.by(&[Label::LOC, Label::ORG]);
    let places = covered.by(&[Label::LOC]);
    let orgs = covered.by(&[Label::ORG]);
    // Where a cued office's place or organization ran on past its run: the next run's start.
    let mut office_ends_at = None;
    let persons = covered.by(&[Label::PER]);
    for run in &doc.runs {
        let pushed = candidates.len();
        let end = run.end;
        let mut i = run.start;
        // A degree after a comma also marks a person: `Budi Santoso, S.H.`
        let degree_after = end + 1 < doc.pieces.len()
            && doc.piece(end) == ","
            && doc.phrase_at(&CUES.degrees, end + 1, end + 2).is_some();
        let after_office = office_ends_at == Some(i);
        if office_ends_at.is_some_and(|e| e <= i) {
            office_ends_at = None;
        }
        let cue_before = doc.phrase_before(&CUES.person, i);
        let bracketed = if degree_after || after_office || cue_before {
            None
        } else {
            office_and_its_acronym_before(doc, i)
        };
        let mut cued = degree_after || after_office || cue_before || bracketed.is_some();
        // Whether the cue before the run is the only one (below: a weak one?).
        let mut cue_before_only = cued && !degree_after && !after_office && bracketed.is_none();
        // After an organization or place word, or an acronym that is no cue, the person needs
        // a full name.
        let mut min_words = if after_office || bracketed == Some(Bracketed::Initials) {
            2
        } else {
            1
        };
        // The name after the cues; looked for again after an organization or place word or a
        // second cue that ends the words of an office (below).
        loop {
            while i < end {
                if let Some(n) = doc.phrase_at(&CUES.person, i, end) {
                    let unit_head = n == 1 && CUES.unit_heads.contains(doc.folded(i));
                    i += n;
                    cued = true;
                    cue_before_only = false;
                    // A cue after an organization or place word: its name is before the cue.
                    min_words = 1;
                    // `Kasat Reskrim AKP Harminto`: the unit's name, then a full name or
                    // another cue.
                    if unit_head && i < end && doc.phrase_at(&CUES.person, i, end).is_none() {
                        i += 1;
                        min_words = 2;
                    }
                } else if !cued {
                    break;
                } else if let Some(e) = named.span_from(i, end) {
                    i = e;
                } else if doc.is_capitalized(i)
                    && doc.votes_place_or_organization(i)
                    && (i + 1 == end || doc.votes_person(i + 1))
                {
                    // `kiper Espanyol`, `pelatih Inter Stefano Pioli`: a club, a party, a
                    // place, alone or before a person (`Sony Pictures` is no person either, but
                    // `Pictures` would be taken for one).
                    i += 1;
                } else if let Some(n) = doc.marker_at(i, end) {
                    // `PT Pertamina`, `Kabupaten Sukamaju`: the word after the marker is its name.
                    i += n;
                    if i < end
                        && doc.is_capitalized(i)
                        && !doc.is_common(i)
                        && named.span_from(i, end).is_none()
                    {
                        i += 1;
                    }
                    min_words = 2;
                } else if !doc.is_capitalized(i)
                    || doc.is_common(i)
                    || is_all_caps(doc.piece(i))
                    || is_brand_cased(doc.piece(i))
                    || is_derived_noun(doc.folded(i))
                {
                    i += 1;
                } else if let Some(n) = company_before_holder(doc, i, end) {
                    // `kata CEO Zyx Budi Santoso`: the company, then its officer.
                    push_company(doc, i..i + n, &named, candidates);
                    i += n;
                    min_words = 2;
                } else {
                    break;
                }
            }
            if cued && i >= end {
                // `Direktur Utama PT Pertamina (Persero) Nicke Widyawati`: a known organization
                // that starts in the run and ends past it, on the same line, before the next run.
                // `Ketua KPU, Arief Budiman, …`: an office and a comma, the name after it.
                let n = doc.pieces.len();
                office_ends_at = (run.start..end)
                    .filter_map(|k| named.longest_from(k))
                    .max()
                    .filter(|&e| e > end)
                    .or_else(|| (end + 1 < n && doc.piece(end) == ",").then_some(end + 1))
                    .filter(|&e| e < n && (end..e).all(|k| doc.same_line(k)));
            }
            if !cued || i >= end {
                break;
            }
            // The name stops at a place or organization the lists know, at another cue, and
            // at an organization or place word with its name after it in the run (a last
            // word may be a surname: `ustaz Alfian Tanjung`).
            let marker = |m: usize| doc.marker_at(m, end).is_some_and(|n| m + n < end);
            // A surname the lists know as a place of one word, the run's last, after a given
            // name (`Aktor Robert Downey`).
            let surname_place = |j: usize| {
                j == i + 1
                    && CUES.given_names.contains(doc.folded(i))
                    && lone_listed_place(&places, &orgs, j, end)
            };
            let mut j = i + 1;
            while j < end
                && j - i < MAX_NAME_PIECES
                && (named.span_from(j, end).is_none() || surname_place(j))
                && doc.phrase_at(&CUES.person, j, end).is_none()
                && !marker(j)
            {
                j += 1;
            }
            // Words right before an organization or place word are part of its name (`oleh
            // Satreskrim Polres Bogor`), and words between two cues, with the places and
            // organizations after them, name the first one's office (`Kapolda Metro Jaya
            // Irjen Fadil Imran`, `Kepala Korps Lalu Lintas Polri Irjen Royke Lumowa`): the
            // name, if any, comes after them.
            let mut k = j;
            while let Some(e) = named.span_from(k, end) {
                k = e;
            }
            if j < end && marker(j) {
                i = j;
                continue;
            }
            // `Direktur Ippudo Indonesia Amanda Sihombing`, `Ketua Pengurus Wilayah GP Ansor DKI
            // Jakarta Abdul Aziz`: words that open no person's name, a place the lists know,
            // then a full name that opens like a person's: the words before the place name the
            // office's company or unit with it (left as they are: `Ippudo Indonesia`, but
            // `Ansor` with `GP` before it), and the full name is the holder.
            if j < end
                && k > j
                && end - k >= 2
                && places.span_from(j, end).is_some()
                && !doc.opens_person(i)
                && doc.opens_person(k)
                && end - k <= MAX_NAME_PIECES
                && doc.phrase_at(&CUES.person, k, end).is_none()
            {
                candidates.push(doc.candidate(k..end, Label::PER, "person_cue"));
                break;
            }
            if doc
                .phrase_at(&CUES.person, k, end)
                .is_some_and(|n| k + n < end)
            {
                i = k;
                continue;
            }
            // Words up to an organization's suffix are that organization, the office's
            // (`Direktur Zyx Pictures, Budi`, `pelatih Madura United Gomes`): the name, if
            // any, comes after it.
            if let Some(e) = (i..j).find_map(|s| Some(s + doc.phrase_at(&CUES.org_suffixes, s, j)?))
            {
                // An English one goes on through `of` or `for` to the run's end (`peneliti
                // Zyx Institute for Qux Studies`): no name after it.
                i = if e < j && doc.goes_on_with_of(e - 1) {
                    j
                } else {
                    e
                };
                continue;
            }
            while j > i && doc.pieces[j - 1].kind != TokenKind::Word {
                j -= 1;
            }
            let words = (i..j)
                .filter(|&k| doc.pieces[k].kind == TokenKind::Word)
                .count();
            // Right after a word that stands before organizations as well as persons
            // (`politisi`), the run is the organization (`org_cue.rs`); the person comes
            // after it (`politisi Golkar Fayakhun Andriadi`).
            // Only a weak cue before the run (`oleh`): a name with a place's or organization's
            // word is no person (`oleh Mandiri Capital`).
            let place_or_org = cue_before_only
                && CUES.weak_person_cues.contains(doc.folded(run.start - 1))
                && (i..j).any(|k| doc.votes_place_or_organization_word(k));
            // A word with a digit names a product or a team (`kata C9`, `Insta360 One`).
            let digit = (i..j).any(|k| has_digit(doc.piece(k)));
            // One word the train splits never saw in a person, before a place of one word
            // that ends the run, names the office's unit with it (`Kapolres Metro Bekasi`,
            // `Kepala Dishub Pekanbaru`, `oleh Nazi Jerman`).
            let unit = words == 1
                && j == i + 1
                && lone_listed_place(&places, &orgs, j, end)
                && doc.votes_never_person(i);
            if words >= min_words
                && !doc.phrase_before(&CUES.org_cues, i)
                && !place_or_org
                && !digit
                && !unit
            {
                candidates.push(doc.candidate(i..j, Label::PER, "person_cue"));
            }
            break;
        }
        if candidates.len() == pushed {
            company_holder(doc, run.clone(), &named, &orgs, &persons, candidates);
        }
    }
}

/// `Direktur Statistik Harga Yunita Risanti`, `Menteri Koordinator Bidang Kemaritiman Luhut
/// Binsar Panjaitan`: a person the cue made that does not open like a person's name
/// ([`Doc::opens_person`]) ran over the office's unit when a unit's word ([`is_units_word`]) comes
/// before a word that opens a person and two words or more: the holder is those words. Only the
/// rules' own persons, in rules mode (the learned layer reads the cue's runs as they are).
pub(crate) fn holders_after_units(doc: &Doc<'_>, chosen: &mut [Candidate]) {
    let unit = |k: usize| is_units_word(doc, k);
    for c in chosen.iter_mut() {
        if c.label != Label::PER || &*c.source != "rule:person_cue" {
            continue;
        }
        let (Some(first), end) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            continue;
        };
        if end - first < 3 || doc.opens_person(first) {
            continue;
        }
        let holder = (first..end)
            .position(&unit)
            .and_then(|u| (first + u + 1..end.saturating_sub(1)).find(|&k| doc.opens_person(k)));
        if let Some(holder) = holder {
            c.start = doc.pieces[holder].start;
        }
    }
}

/// A word of an office's unit that no name of a person holds: a capitalized word of three
/// letters or more that the train splits write in lower case or with a capital mostly outside
/// names, a cue or marker word, or an office noun such as `Pembinaan`.
fn is_units_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.pieces[k].kind == TokenKind::Word
        && doc.is_capitalized(k)
        && doc.piece(k).len() > 2
        && (doc.is_common(k) || doc.is_cue_word(k) || is_derived_noun(doc.folded(k)))
}

/// `Direktur Tindak Pidana Narkotika, Bareskrim …`, `Menteri Pendayagunaan Aparatur Negara dan
/// …`, `kata Engineering Director Google …`: a person the cue made of two words or more, each a
/// unit's word ([`is_units_word`]) or one the train splits wrote with a capital but never in a
/// person, none a given name nor a person's word, names the office's unit (or the organization
/// the office is in), not its holder, and is dropped. Only the rules' own persons, in rules mode,
/// as [`holders_after_units`]. On the 7 MB news corpus 29 persons, all such units (`Presidium
/// Alumni`, `Asasi Manusia`, `Corporate Communication`, `Daily Record`); the train splits of
/// idner-news-2k, nerui, nerugm and nergrit: 12 fewer persons, none of them gold.
pub(crate) fn without_units_alone(doc: &Doc<'_>, chosen: &mut Vec<Candidate>) {
    let unit_alone = |c: &Candidate| {
        if c.label != Label::PER || &*c.source != "rule:person_cue" {
            return false;
        }
        let (Some(first), end) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            return false;
        };
        end - first >= 2
            && (first..end).all(|k| {
                !doc.opens_person(k) && (is_units_word(doc, k) || doc.votes_never_person(k))
            })
    };
    // Most texts have none: a scan costs less than a retain.
    if chosen.iter().any(unit_alone) {
        chosen.retain(|c| !unit_alone(c));
    }
}

/// Makes a one-word person right after the head of a unit named after its territory
/// (`gazetteers/cues/territorial_offices.txt`: `Kapolsek Tambun`, `Pangdam Diponegoro`) the
/// territory, a place, where no more of a name follows and no list holds the word as a person;
/// never an entity of the user's lists. Runs on the chosen entities, in both modes.
pub(crate) fn territories(doc: &Doc<'_>, chosen: &mut [Candidate], custom_from: u32) {
    for c in chosen.iter_mut() {
        // A list's person (`gazetteer:per`, `model:gazetteer:per`) stays one.
        if c.label != Label::PER || c.is_custom(custom_from) || c.source.contains("gazetteer:") {
            continue;
        }
        let Some(i) = doc.lone_word_after_another(c) else {
            continue;
        };
        if CUES.territorial_offices.contains(doc.folded(i - 1)) {
            c.label = Label::LOC;
            c.source = rule_source("territory");
        }
    }
}

/// `CEO Promogo Andrew Tanyono`, `pendiri Zyx Budi Santoso`: after an office in a company
/// (`gazetteers/cues/company_offices.txt`), a run that holds the company's name and then the
/// holder's is split in two, the company an organization and the rest a person (after a person
/// cue, `kata CEO …`, the loop above has done it). The offices are no person cues: the company
/// alone follows them as often (`CEO Expedia`). After a company the lists know, the rest of the
/// run is the holder's full name (`CEO Telegram Pavel Durov`, `CEO EV Hive Carlson Lau`).
fn company_holder(
    doc: &Doc<'_>,
    run: Range<usize>,
    named: &CoveredBy<'_>,
    orgs: &CoveredBy<'_>,
    persons: &CoveredBy<'_>,
    candidates: &mut Vec<Candidate>,
) {
    // The office before the run (`pendiri`) or at its start (`CEO`, `Managing Director`); a
    // company's word and the holder's two at least in the run.
    if run.len() < 3 {
        return;
    }
    // A listed company first (most runs have none), then the office before it, the office's
    // field between them (`Vice President Corporate Communication XL Axiata …`).
    let known = (run.start.max(1)..run.end.min(run.start + 6)).find_map(|i| {
        orgs.span_from(i, run.end)
            .filter(|_| office_ends_before(doc, i))
    });
    if let Some(mut e) = known {
        // The company may run on past the listed name (`Freeport McMoran Richard Adkerson`):
        // the holder then starts at the first word that opens like a person's.
        if !doc.opens_person(e)
            && let Some(k) = (e + 1..run.end.saturating_sub(1)).find(|&k| doc.opens_person(k))
        {
            e = k;
        }
        let holder = e..run.end;
        let full_name = (2..=MAX_NAME_PIECES).contains(&holder.len())
            && !named.overlaps(holder.clone())
            && !persons.overlaps(holder.clone())
            && holder.clone().all(|k| {
                doc.pieces[k].kind == TokenKind::Word
                    && doc.is_capitalized(k)
                    // A surname may be an ordinary word (`Tri Bagus`), a first name not.
                    && (k > e || !doc.is_common(k))
                    && !doc.is_cue_word(k)
                    && !is_all_caps(doc.piece(k))
            });
        if full_name {
            candidates.push(doc.candidate(holder, Label::PER, "person_cue"));
        }
        return;
    }
    let Some((i, n)) = (run.start..run.end.min(run.start + 3))
        .find_map(|i| Some((i, company_before_holder(doc, i, run.end)?)))
    else {
        return;
    };
    let holder = i + n..run.end;
    if holder.len() > MAX_NAME_PIECES
        || named.overlaps(holder.clone())
        || persons.overlaps(i..run.end)
        || !holder
            .clone()
            .all(|k| doc.is_capitalized(k) && !doc.is_common(k))
    {
        return;
    }
    push_company(doc, i..i + n, named, candidates);
    candidates.push(doc.candidate(holder, Label::PER, "person_cue"));
}

/// The company of [`company_before_holder`], unless the lists already name its words.
fn push_company(
    doc: &Doc<'_>,
    company: Range<usize>,
    named: &CoveredBy<'_>,
    candidates: &mut Vec<Candidate>,
) {
    if !named.overlaps(company.clone()) {
        candidates.push(doc.candidate(company, Label::ORG, "company_office"));
    }
}

/// What stands in the brackets of [`office_and_its_acronym_before`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bracketed {
    /// A person cue (`Menkeu`).
    Cue,
    /// The initials of the capitalized words before the brackets (`Chief Executive Officer
    /// (CEO)`): an office's or an organization's acronym.
    Initials,
}

/// Whether an office and its acronym in brackets end right before piece `i`, on one line:
/// `Menteri Keuangan (Menkeu) Sri Mulyani` is read as `Menkeu Sri Mulyani`, `Chief Executive
/// Officer (CEO) Cyrus Network Hasan Nasbi` as `CEO Cyrus Network Hasan Nasbi`: the brackets
/// hold a person cue after a capitalized word (the office written out), or the initials of the
/// capitalized words before them; then the person needs a full name (an organization's
/// acronym stands so too: `Komisi Pemberantasan Korupsi (KPK) Agus Rahardjo`).
fn office_and_its_acronym_before(doc: &Doc<'_>, i: usize) -> Option<Bracketed> {
    if i < 4 || doc.piece(i - 1) != ")" {
        return None;
    }
    // The brackets hold one to three words.
    (2..=4usize.min(i - 2)).find_map(|k| {
        let open = i - 1 - k;
        let framed = doc.piece(open) == "("
            && open > 0
            && (open - 1..i - 1).all(|j| doc.same_line(j))
            && doc.is_capitalized(open - 1);
        if !framed {
            return None;
        }
        if doc.phrase_at(&CUES.person, open + 1, i - 1) == Some(k - 1) {
            return Some(Bracketed::Cue);
        }
        let acronym = doc.piece(open + 1);
        let letters = acronym.len();
        let initials = k == 2
            && (2..=6).contains(&letters)
            && is_all_caps(acronym)
            && open >= letters
            && (0..letters).all(|n| {
                let w = open - letters + n;
                doc.is_capitalized(w)
                    && doc.piece(w).as_bytes()[0] == acronym.as_bytes()[n]
                    && (n == 0 || doc.same_line(w - 1))
            });
        initials.then_some(Bracketed::Initials)
    })
}

/// `CEO Promogo Andrew Tanyono`: right after an office in a company
/// (`gazetteers/cues/company_offices.txt`) and its field, if any, the number of words from `i`
/// that name the company, if any: one to three capitalized words, none a given name, a word the
/// train splits saw mostly in persons or a field's, then one that is, and one more capitalized
/// word (the holder's full name). A lone `Andrew Tanyono` after the office has no such words;
/// `Promogo Andrew` alone is left whole.
fn company_before_holder(doc: &Doc<'_>, i: usize, end: usize) -> Option<usize> {
    let word = |k: usize| k < end && doc.pieces[k].kind == TokenKind::Word && doc.is_capitalized(k);
    // Cheap tests first: this is asked of most runs of three words or more.
    if i == 0 || !(word(i) && word(i + 1) && word(i + 2)) || !office_ends_before(doc, i) {
        return None;
    }
    // Not a word of the office (`Direktur Utama`, `Direktur Jenderal`) or an ordinary one
    // (`Direktur Operasional`).
    let company = |k: usize| {
        word(k)
            && !doc.is_common(k)
            && !doc.is_cue_word(k)
            && !doc.opens_person(k)
            && !is_field(doc, k)
    };
    (1..=3)
        .take_while(|&n| company(i + n - 1))
        .find(|&n| word(i + n) && doc.opens_person(i + n) && word(i + n + 1))
}

/// Whether an office in a company (`gazetteers/cues/company_offices.txt`) ends right before
/// piece `i` (`i > 0`).
fn office_ends_before(doc: &Doc<'_>, i: usize) -> bool {
    // Back over the office's field (`Head of Sales & Marketing`), if any.
    let mut i = i;
    while i > 1 && is_field(doc, i - 1) {
        i -= 1;
        if i > 2 && ["&", "and", "dan"].contains(&doc.piece(i - 1)) && is_field(doc, i - 2) {
            i -= 1;
        }
    }
    let last = doc.folded(i - 1);
    if !CUES.company_office_ends.iter().any(|w| w == last) {
        return false;
    }
    // A few dozen phrases, compared word by word with the words before `i`.
    let office_ends_here = |phrase: &String| {
        let words = phrase.split(' ').rev();
        words.clone().count() <= i && words.enumerate().all(|(k, w)| doc.folded(i - 1 - k) == w)
    };
    CUES.company_offices.iter().any(office_ends_here)
}

/// Whether piece `k` is a capitalized word of an office's field (`Sales`, `Corporate`;
/// `gazetteers/cues/office_fields.txt`).
fn is_field(doc: &Doc<'_>, k: usize) -> bool {
    doc.is_capitalized(k) && CUES.office_fields.contains(doc.folded(k))
}

/// Whether a folded word is a noun derived with `ke-…-an`, `per-…-an` or `pe(N)-…-an`
/// (`kepresidenan`, `pertanahan`, `pengawasan`): it names an office, never a person. Names
/// ending in `-man` or `-ian` (`Kellerman`, `Kevorkian`) are not such nouns.
fn is_derived_noun(word: &str) -> bool {
    let Some(stem) = word.strip_suffix("an") else {
        return false;
    };
    let root = ["peng", "peny", "pen", "pem", "per", "ke"]
        .iter()
        .find_map(|p| stem.strip_prefix(p));
    root.is_some_and(|r| r.len() >= 3 && r.bytes().all(|b| b.is_ascii_lowercase()))
        && !stem.ends_with('m')
        && !stem.ends_with('i')
}

#[cfg(test)]
mod tests {
    use crate::rules::CUES;
    use crate::rules::tag_for_test as tag;

    #[test]
    fn an_office_and_its_acronym_in_brackets_cue_the_person() {
        // `Menkeu` is a cue; `CEO` the initials of the office before it (a full name then).
        assert_eq!(
            tag(
                "Itu benar, kata Menteri Keuangan (Menkeu) Zyx Wortel.",
                &[],
                &[]
            ),
            ["Zyx Wortel/PER/rule:person_cue"]
        );
        assert_eq!(
            tag(
                "Itu benar menurut Chief Executive Officer (CEO) Budi Zyxwortel kemarin.",
                &[],
                &[]
            ),
            ["Budi Zyxwortel/PER/rule:person_cue"]
        );
        // Not other brackets, nor one word after initials, nor in short texts (no panic).
        for text in [
            "Itu benar menurut Chief Executive Officer (CFO) Budi Zyxwortel kemarin.",
            "Itu benar menurut Chief Executive Officer (CEO) Zyxwortel kemarin.",
            "Itu benar menurut Chief Executive Officer (2017) Budi Zyxwortel kemarin.",
            "(CEO) Budi Zyxwortel",
            "A (CEO) Budi Zyxwortel",
            "A ( CEO ) Budi",
            ") Budi",
            "x ( ) Budi Zyxwortel",
        ] {
            let found = tag(text, &[], &[]);
            assert!(
                !found
                    .iter()
                    .any(|e| e.contains("Budi") || e.contains("Zyxwortel")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn the_holder_after_an_offices_unit_is_the_person() {
        // `Harga` is written in lower case in the train splits, and `Reza` opens persons.
        let person = |text: &str| {
            tag(text, &[], &[])
                .into_iter()
                .filter(|e| e.ends_with("/PER/rule:person_cue"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            person("kata Analis Zyxwork Harga Reza Zyxanto."),
            ["Reza Zyxanto/PER/rule:person_cue"]
        );
        // Not a run that opens like a person's, nor a holder of one word, nor without a unit's
        // word before the holder.
        for text in [
            "kata Analis Reza Harga Zyxanto.",
            "kata Analis Zyxwork Harga Reza.",
            "kata Analis Zyxwork Qyxwork Reza Zyxanto.",
        ] {
            let run = text
                .trim_start_matches("kata Analis ")
                .trim_end_matches('.');
            assert_eq!(person(text), [format!("{run}/PER/rule:person_cue")]);
        }
    }

    #[test]
    fn a_unit_alone_after_its_office_is_no_person() {
        // The train splits write `Pidana` and `Narkotika` in lower case and `Tindak` with a
        // capital in no person; `Zyxanto` is unknown, and `Reza` opens persons.
        let persons = |text: &str| {
            tag(text, &[], &[])
                .into_iter()
                .filter(|e| e.contains("/PER/"))
                .collect::<Vec<_>>()
        };
        assert!(persons("kata Direktur Tindak Pidana Narkotika, kemarin.").is_empty());
        for (text, person) in [
            (
                "kata Direktur Tindak Pidana Zyxanto, kemarin.",
                "Tindak Pidana Zyxanto",
            ),
            ("kata Direktur Reza Narkotika, kemarin.", "Reza Narkotika"),
            ("kata Direktur Tindak, kemarin.", "Tindak"),
        ] {
            assert_eq!(
                persons(text),
                [format!("{person}/PER/rule:person_cue")],
                "{text}"
            );
        }
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_holder_after_an_offices_company_and_place() {
        // `Indonesia` is a listed place, `Amanda` opens persons, `Zyxpudo` is unknown.
        let persons = |text: &str| {
            crate::rules::tag_embedded_for_test(text)
                .into_iter()
                .filter(|e| e.contains("/PER/"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            persons("Menurut Direktur Zyxpudo Indonesia Amanda Zyxbing perbedaannya jelas."),
            ["Amanda Zyxbing/PER/rule:person_cue"]
        );
        // Not a name that opens like a person's before the place.
        assert_eq!(
            persons("Menurut Direktur Amanda Zyxpudo Indonesia Amanda Zyxbing perbedaannya jelas."),
            ["Amanda Zyxpudo/PER/rule:person_cue"]
        );
    }

    #[test]
    fn a_territorial_heads_one_word_is_the_territory() {
        for text in [
            "Menurut Kapolsek Zyxbun, pelaku kabur.",
            "Ia pernah menjabat Pangdam Zyxwarman.",
        ] {
            let found = tag(text, &[], &[]);
            assert!(
                found.iter().all(|e| !e.contains("/PER/")),
                "{text}: {found:?}"
            );
            assert!(
                found.iter().any(|e| e.ends_with("/LOC/rule:territory")),
                "{text}: {found:?}"
            );
        }
        // The holder after the territory, and a person of the user's lists, stay persons.
        assert_eq!(
            tag("kata Kapolsek Zyxbun Kompol Budi Zyxanto", &[], &[]),
            ["Budi Zyxanto/PER/rule:person_cue"]
        );
        assert_eq!(
            tag(
                "Menurut Kapolda Zyxadil, pelaku kabur.",
                &["PER:Zyxadil"],
                &[]
            ),
            ["Zyxadil/PER/gazetteer:t"]
        );
    }

    #[test]
    fn title_then_name() {
        assert_eq!(
            tag("Presiden Rusia Vladimir Putin tiba.", &["Rusia"], &[]),
            [
                "Rusia/LOC/gazetteer:t",
                "Vladimir Putin/PER/rule:person_cue"
            ]
        );
        assert_eq!(
            tag(
                "Juru Bicara Kemlu Armenia Anna Naghdalyan berkata",
                &["Armenia"],
                &["Kemlu"]
            ),
            [
                "Kemlu/ORG/gazetteer:t",
                "Armenia/LOC/gazetteer:t",
                "Anna Naghdalyan/PER/rule:person_cue"
            ]
        );
    }

    #[test]
    fn a_units_head_has_the_units_name_after_it() {
        // The unit, then another cue or a full name.
        assert_eq!(
            tag("Kasat Zyxreskrim AKP Zyxminto bergerak.", &[], &[]),
            ["Zyxminto/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("kata Kabid Zyxpromosi Hendry Zyxnoviardi.", &[], &[]),
            ["Hendry Zyxnoviardi/PER/rule:person_cue"]
        );
        // No holder: the unit's name is no person.
        for text in [
            "kata Kasat Zyxlantas kemarin.",
            "Menurut Kasat, korban sudah pulang.",
        ] {
            assert_eq!(tag(text, &[], &[]), Vec::<String>::new(), "{text}");
        }
        // Each unit head is a person cue.
        for head in &CUES.unit_heads {
            assert!(CUES.person.contains(head), "{head}");
        }
    }

    #[test]
    fn a_word_written_like_a_brand_names_the_office() {
        assert_eq!(
            tag("ujar Direktur ZyxwaBooking Budi Qwerty kemarin", &[], &[]),
            ["Budi Qwerty/PER/rule:person_cue"]
        );
    }

    #[test]
    fn a_company_between_its_office_and_the_holder() {
        // `Andrew` is a person's word in the train splits, `Zyxwa` and `Qwertz` no word at all.
        assert_eq!(
            tag("kata CEO Zyxwa Qwertz Andrew Tanyono kemarin.", &[], &[]),
            [
                "Zyxwa Qwertz/ORG/rule:company_office",
                "Andrew Tanyono/PER/rule:person_cue"
            ]
        );
        assert_eq!(
            tag(
                "Menurut pendiri Zyxwa Andrew Tanyono, harga naik.",
                &[],
                &[]
            ),
            [
                "Zyxwa/ORG/rule:company_office",
                "Andrew Tanyono/PER/rule:person_cue"
            ]
        );
        // Not after other cues; not the office's own words; not without a full name after.
        for text in [
            "kata Zyxwa Andrew Tanyono kemarin.",
            "kata Direktur Utama Andrew Tanyono kemarin.",
            "kata CEO Zyxwa Andrew kemarin.",
            "kata CEO Zyxwa kemarin.",
        ] {
            assert!(
                tag(text, &[], &[])
                    .iter()
                    .all(|e| !e.contains("company_office")),
                "{text}"
            );
        }
    }

    #[test]
    fn the_holder_after_an_offices_listed_company() {
        let holder = |text: &str| tag(text, &[], &["Zyxcorp"]);
        assert_eq!(
            holder("Bersama CEO Zyxcorp Qowerto Zyxwanto, mereka datang."),
            [
                "Zyxcorp/ORG/gazetteer:t",
                "Qowerto Zyxwanto/PER/rule:person_cue"
            ]
        );
        // The company's name may run on; the holder starts at a given name (`Richard`).
        assert_eq!(
            holder("Bersama CEO Zyxcorp Qowerland Richard Zyxwanto, mereka datang.")[1],
            "Richard Zyxwanto/PER/rule:person_cue"
        );
        // A full name only, of no ordinary word.
        for text in [
            "Bersama CEO Zyxcorp Qowerto, mereka datang.",
            "Bersama CEO Zyxcorp Indonesia Timur, mereka datang.",
        ] {
            assert_eq!(holder(text)[0], "Zyxcorp/ORG/gazetteer:t", "{text}");
            assert!(holder(text).iter().all(|e| !e.contains("PER")), "{text}");
        }
        // The office's field stands between the office and the company; a surname may be an
        // ordinary word.
        assert_eq!(
            holder("Menurut Head of Sales Zyxcorp Tri Bagus, harga naik.")[1..],
            ["Tri Bagus/PER/rule:person_cue"]
        );
        assert_eq!(
            holder("Vice President Corporate Communication Zyxcorp Qowerto Zyxwanto hadir.")[1..],
            ["Qowerto Zyxwanto/PER/rule:person_cue"]
        );
        // A given name opens the holder after a company no list knows too.
        assert_eq!(
            tag(
                "Bersama CEO Zyxwa Richard Qowerto, mereka datang.",
                &[],
                &[]
            ),
            [
                "Zyxwa/ORG/rule:company_office",
                "Richard Qowerto/PER/rule:person_cue"
            ]
        );
    }

    #[test]
    fn an_organization_up_to_its_suffix_names_the_office() {
        // Not `Zyxwa Pictures` the person: the organization, then the name after the comma.
        assert_eq!(
            tag(
                "kata Direktur Zyxwa Pictures, Budi Qwerty, kemarin.",
                &[],
                &[]
            ),
            [
                "Zyxwa Pictures/ORG/rule:org_marker",
                "Budi Qwerty/PER/rule:person_cue"
            ]
        );
        assert_eq!(
            tag("Pelatih Zyxwa FC Budi Qwerty puas.", &[], &[]),
            [
                "Zyxwa FC/ORG/rule:org_marker",
                "Budi Qwerty/PER/rule:person_cue"
            ]
        );
    }

    #[test]
    fn ranks_occupations_spouses_and_the_late_are_cues() {
        assert_eq!(
            tag("Korban adalah Pratu Zyx Qwerty dan Briptu Zyxwa.", &[], &[]),
            [
                "Zyx Qwerty/PER/rule:person_cue",
                "Zyxwa/PER/rule:person_cue"
            ]
        );
        assert_eq!(
            tag("Lagu untuk mendiang Zyxwa Qwerty.", &[], &[]),
            ["Zyxwa Qwerty/PER/rule:person_cue"]
        );
        // `politisi` stands before parties too: a person only after the party.
        assert_eq!(
            tag("kata politisi Zyxparty Zyxwa Qwerty", &[], &["Zyxparty"]),
            [
                "Zyxparty/ORG/gazetteer:t",
                "Zyxwa Qwerty/PER/rule:person_cue"
            ]
        );
        assert_eq!(
            tag("kata politisi Zyxwa kemarin", &[], &[]),
            ["Zyxwa/ORG/rule:org_cue"]
        );
        assert_eq!(
            tag(
                "Film karya sutradara Zyxwa Qwerty ditonton istri Qwertz.",
                &[],
                &[]
            ),
            [
                "Zyxwa Qwerty/PER/rule:person_cue",
                "Qwertz/PER/rule:person_cue"
            ]
        );
    }

    #[test]
    fn an_office_past_the_run_cues_the_next_run() {
        let org = ["PT Zyx (Persero)"];
        assert_eq!(
            tag(
                "Direktur Utama PT Zyx (Persero) Nicke Widyawati hadir",
                &[],
                &org
            ),
            [
                "PT Zyx (Persero)/ORG/gazetteer:t",
                "Nicke Widyawati/PER/rule:person_cue"
            ]
        );
        // A full name only, and only with a cue before the organization.
        assert_eq!(
            tag("Direktur Utama PT Zyx (Persero) Nicke hadir", &[], &org),
            ["PT Zyx (Persero)/ORG/gazetteer:t"]
        );
        assert_eq!(
            tag("saham PT Zyx (Persero) Nicke Widyawati naik", &[], &org),
            ["PT Zyx (Persero)/ORG/gazetteer:t"]
        );
    }

    #[test]
    fn an_office_then_a_comma_cues_the_next_run() {
        assert_eq!(
            tag(
                "Menurut Ketua KPU, Zyxwa Qwerty, pemilu aman.",
                &[],
                &["KPU"]
            ),
            ["KPU/ORG/gazetteer:t", "Zyxwa Qwerty/PER/rule:person_cue"]
        );
        // A full name, after an office that fills its run; a place is no name.
        let tag = |text| tag(text, &["Jawa Barat"], &["KPU"]);
        assert_eq!(
            tag("Menurut Ketua KPU, Zyxwa, pemilu aman."),
            ["KPU/ORG/gazetteer:t"]
        );
        assert_eq!(
            tag("Menurut Ketua KPU Zyxwa, Qwerty Asdfgh, pemilu aman."),
            ["KPU/ORG/gazetteer:t", "Zyxwa/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("Menurut Ketua KPU, Jawa Barat, pemilu aman."),
            ["KPU/ORG/gazetteer:t", "Jawa Barat/LOC/gazetteer:t"]
        );
    }

    #[test]
    fn a_club_or_party_after_the_cue_is_no_person() {
        // The train splits had `Espanyol` and `Inter` alone as organizations.
        assert!(tag("kiper Espanyol gagal menahan bola", &[], &[]).is_empty());
        assert_eq!(
            tag("Pelatih Inter, Zyxwa Qwerty, berkata", &[], &[]),
            ["Zyxwa Qwerty/PER/rule:person_cue"]
        );
        // Before words that are no person's, the word is left to the name (`Sony Pictures`).
        assert_eq!(
            tag("kata Inter Zyxwa", &[], &[]),
            ["Inter Zyxwa/PER/rule:person_cue"]
        );
    }

    #[test]
    fn after_oleh_a_place_or_organization_word_makes_no_person() {
        // `Finance` was in organizations in the train splits, `Zyxwa` nowhere.
        assert!(tag("dipimpin oleh Zyxwa Finance kemarin", &[], &[]).is_empty());
        assert_eq!(
            tag("dipimpin oleh Zyxwa Qwerty kemarin", &[], &[]),
            ["Zyxwa Qwerty/PER/rule:person_cue"]
        );
        // After a cue that is not weak, or a second cue, the run is a person as before.
        assert_eq!(
            tag("kata Zyxwa Finance kemarin", &[], &[]),
            ["Zyxwa Finance/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("ditangkap oleh Kapten Zyxwa Finance kemarin", &[], &[]),
            ["Zyxwa Finance/PER/rule:person_cue"]
        );
    }

    #[test]
    fn office_words_and_acronyms_are_skipped() {
        assert_eq!(
            tag("Menteri Keuangan Sri Mulyani hadir", &[], &[]),
            ["Sri Mulyani/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("Ketua Umum PAN Zulkifli Hasan hadir", &[], &[]),
            ["Zulkifli Hasan/PER/rule:person_cue"]
        );
        // Words mostly outside names where capitalized in the train splits name the office.
        assert_eq!(
            tag("kata Menteri Perhubungan Ignasius Zyx", &[], &[]),
            ["Ignasius Zyx/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("ujar Rektor Bambang Zyx", &[], &[]),
            ["Bambang Zyx/PER/rule:person_cue"]
        );
    }

    #[test]
    fn a_word_never_in_a_person_before_a_place_names_the_unit() {
        // `Metro` and `Nazi` were in no person in the train splits; `Zyxwan` is unknown.
        assert_eq!(
            tag(
                "Kapolres Metro Bekasi, Kombes Dani Zyx, menjelaskan",
                &["Bekasi"],
                &[]
            ),
            ["Bekasi/LOC/gazetteer:t", "Dani Zyx/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("dibangun oleh Nazi Jerman untuk", &["Jerman"], &[]),
            ["Jerman/LOC/gazetteer:t"]
        );
        assert_eq!(
            tag("dibangun oleh Zyxwan Jerman untuk", &["Jerman"], &[]),
            ["Zyxwan/PER/rule:person_cue", "Jerman/LOC/gazetteer:t"]
        );
    }

    #[test]
    fn words_between_two_cues_name_the_office() {
        // (text, organizations listed, entities)
        let cases: [(&str, &[&str], &[&str]); 7] = [
            (
                "Kapolda Metro Jaya Irjen Fadil Zyx mengatakan",
                &[],
                &["Fadil Zyx/PER/rule:person_cue"],
            ),
            (
                "Kapolda Jatim Irjen Nico Zyx meninjau",
                &[],
                &["Nico Zyx/PER/rule:person_cue"],
            ),
            (
                "Kepala Korps Lalu Lintas Polri Irjen Royke Zyx menanggapi",
                &["Polri"],
                &["Polri/ORG/gazetteer:t", "Royke Zyx/PER/rule:person_cue"],
            ),
            // Words right before an organization or place word belong to its name.
            (
                "ditangkap oleh Satreskrim Polres Zyx kemarin",
                &[],
                &["Polres Zyx/ORG/rule:org_marker"],
            ),
            (
                "kata Kanit Reskrim Polsek Zyx Iptu Budi Zyx",
                &[],
                &[
                    "Polsek Zyx/ORG/rule:org_marker",
                    "Budi Zyx/PER/rule:person_cue",
                ],
            ),
            // But a name may end in a place word (`Tanjung`, a surname).
            (
                "menetapkan ustaz Alfian Tanjung sebagai",
                &[],
                &["Alfian Tanjung/PER/rule:person_cue"],
            ),
            // A cue right after the name ends it (`Jenderal` here is no second cue of an
            // office).
            (
                "kata Bambang Zyx Jenderal",
                &[],
                &["Bambang Zyx/PER/rule:person_cue"],
            ),
        ];
        for (text, orgs, expected) in cases {
            assert_eq!(tag(text, &[], orgs), expected, "{text}");
        }
    }

    #[test]
    fn derived_nouns_name_the_office() {
        assert_eq!(
            tag("kata Kepala Staf Kepresidenan Moeldoko", &[], &[]),
            ["Moeldoko/PER/rule:person_cue"]
        );
        assert!(tag("ujar Kepala Pemberitaan kemarin", &[], &[]).is_empty());
        for word in ["kepresidenan", "pertanahan", "pengawasan", "penyidikan"] {
            assert!(super::is_derived_noun(word), "{word}");
        }
        for name in ["setiawan", "kellerman", "kevorkian", "pean", "kean"] {
            assert!(!super::is_derived_noun(name), "{name}");
        }
    }

    #[test]
    fn degree_after_a_comma() {
        assert_eq!(
            tag("hadir pula Budi Santoso, S.H. dari sana", &[], &[]),
            ["Budi Santoso/PER/rule:person_cue"]
        );
        assert!(tag("hadir pula Budi Santoso, dari sana", &[], &[]).is_empty());
    }

    #[test]
    fn speech_verbs_and_bylines() {
        assert_eq!(
            tag("\"Kami siap,\" kata Budi Santoso.", &[], &[]),
            ["Budi Santoso/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("Editor: Anton Suhartono", &[], &[]),
            ["Anton Suhartono/PER/rule:person_cue"]
        );
    }

    #[test]
    fn honorifics_cue_the_name_and_stay_outside_it() {
        for (text, name) in [
            ("Ia bertemu Pak Zyxwortel kemarin.", "Zyxwortel"),
            ("Ia bertemu Mbak Zyx Wortel kemarin.", "Zyx Wortel"),
        ] {
            assert_eq!(
                tag(text, &[], &[]),
                [format!("{name}/PER/rule:person_cue")],
                "{text}"
            );
        }
    }

    #[test]
    fn no_cue_no_person_and_no_cue_in_the_name() {
        assert!(tag("Pemerintah Armenia menyatakan", &[], &[]).is_empty());
        assert!(
            tag(
                "Menlu Armenia dan Azerbaijan",
                &["Armenia", "Azerbaijan"],
                &[]
            )
            .iter()
            .all(|e| e.contains("LOC"))
        );
        assert_eq!(
            tag("Presiden Joko Widodo Senin lalu", &[], &[]),
            ["Joko Widodo/PER/rule:person_cue"]
        );
        assert_eq!(
            tag("Gubernur Sumatera Utaranya", &["Sumatera"], &[]),
            ["Sumatera/LOC/gazetteer:t"]
        );
        // A word with a digit names a product or a team.
        assert!(tag("hal itu, kata Zyx9 kemarin", &[], &[]).is_empty());
        assert!(tag("hal itu, kata Zyxta360 One kemarin", &[], &[]).is_empty());
    }
}
