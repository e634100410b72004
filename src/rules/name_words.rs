//! A capitalized run that no list, cue or earlier rule explains is a name when its words were names
//! in the annotated train splits: `Bambang` was part of a person 53 times and never anything else,
//! so `Bambang Wuryanto` is a person although no list holds him.
//!
//! `gazetteers/cues/name_words.tsv` (made by `scripts/build_common_words.py`) counts, for each word
//! written with a capital, how often the annotators made it part of a person, a place or an
//! organization, or left it outside any name. Each word of the run votes with its shares, `count /
//! (total + 1)` (a word seen once counts less than one seen fifty times); the label with the most
//! votes wins, and no run is tagged when "outside any name" wins or ties or no word has counts. A
//! word mostly left outside names (`BBM`, `Menteri`: at least twice, and more often than inside) is
//! not a name word at all and splits the run, like ordinary words, cue words and words with digits.
//!
//! A single name word between two ordinary words of its run (`Pemberantasan Tindak Pidana Korupsi`,
//! a law's title) is left alone: the run is a capitalized phrase. So are name words that the run
//! goes on after with a capitalized word that is no name word (`Harry Potter`, `Etihad
//! Stadium`): whatever the run names is longer than its name words. One word alone is a place or an
//! organization, and an acronym alone a person, only if the train splits had it alone as a name
//! (`Everton`, not `Garden` or `Airways`, which only stood in longer names, nor `RAM`, which stood
//! in initials); a word of three capitals or more alone is never a person (`INA` is not `Ina`). No
//! name comes right after a word that names a time, a work or a cup (`bulan Ramadhan`, `film
//! Dunkirk`, `piala Thomas`; `gazetteers/cues/not_names_after.txt`).
//!
//! A run of several words that begins with a given name of the lists' persons (`Sergio`, with no
//! votes of its own for a place or an organization) is a person even where its other words
//! voted for a place (`Sergio Rico`: `Rico` was only in `Puerto Rico`), unless an English word
//! of places' and organizations' names ends it (`Marina Bay`; `gazetteers/cues/name_heads.txt`).
//!
//! Person words right beside a person found already are the rest of that name: `Budi` listed, `Budi
//! Zyxwanto` written, the whole is the person (but not a word written like a brand: `CEO
//! MarlinBooking Ali Sadikin`, nor a sentence's first word before the person unless it is a
//! given name or a person's word: `Kepergian Neymar`). Otherwise the rule stays away from what
//! it cannot tell: a run beside another name (a second entity there would be wrong twice; but
//! person words right after an organization's acronym or site are its member: `peneliti LIPI
//! Siti Zuhro`), a run next to a quotation mark (titles of works, nicknames), and a lone word at
//! the start of a sentence, where any word has a capital.
//!
//! The learned layer does not see this rule (`Tagger::stages`): it learns the same words from the
//! same splits, and in training the counts would include the sentence being learned from.

use super::web_name::is_web_name;
use super::{
    CUES, Covered, Doc, MAX_NAME_PIECES, has_digit, is_all_caps, is_brand_cased, is_quote,
};
use crate::Label;
use crate::common_words::starts_sentence_at;
use crate::fast_hash::{FastMap, FastSet};
use crate::fold::fold_str;
use crate::matcher::Candidate;
use crate::tokenize::TokenKind;

/// The labels a word votes for, in the order of its vote bytes; the last is "outside any name".
const VOTED: [Option<Label>; 4] = [Some(Label::PER), Some(Label::LOC), Some(Label::ORG), None];

/// The vote byte of a word that is mostly outside names: it splits runs and never votes.
const SPLITS: u32 = 0xff;

/// The vote of a word seen once in the train splits, in a name of the label voted for:
/// `254 × 1 / (1 + 1)`.
const ONE_SIGHTING: u32 = 127;

/// The words of `gazetteers/cues/name_words.tsv`, folded, with their votes: one byte per entry
/// of [`VOTED`] (`254 × count / (total + 1)`, lowest byte first), or [`SPLITS`] in the last
/// byte; and whether the word alone was a whole name there. [`super::Cues`] keeps the values
/// ([`super::Cues::name_votes`]) and marks the words in its word table, so that only those
/// words are looked up there.
pub(super) fn values() -> FastMap<String, (u32, bool)> {
    parse(include_str!("../../gazetteers/cues/name_words.tsv"))
}

/// Whether a value of [`values`] is that of a word mostly outside names where the train
/// splits write it with a capital (`perhubungan`, `rektor`): it names an office or a thing.
pub(super) fn outside_names(value: u32) -> bool {
    value >> 24 == SPLITS
}

/// Whether a value of [`values`] is that of a word the train splits saw in persons more than
/// in places, in organizations, or outside names.
pub(super) fn mostly_persons(value: u32) -> bool {
    let per = value & 0xff;
    (1..4).all(|k| value >> (8 * k) & 0xff < per)
}

/// Whether a value of [`values`] is that of a word the train splits saw in places or in
/// organizations more than in persons and outside names.
pub(super) fn mostly_places_or_organizations(value: u32) -> bool {
    let share = |k: u32| value >> (8 * k) & 0xff;
    let most = share(1).max(share(2));
    most > share(0) && most > share(3)
}

fn parse(data: &str) -> FastMap<String, (u32, bool)> {
    // Words that fold alike add up (the file holds them as Python lower-cases them): the four
    // counts of `VOTED` and `alone`.
    let mut counts: FastMap<String, [u32; 5]> = FastMap::default();
    for line in data
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut fields = line.split('\t');
        let word = fold_str(fields.next().unwrap_or_default());
        let sums = counts.entry(word).or_default();
        for (sum, field) in sums.iter_mut().zip(fields) {
            // The file is generated and checked in CI; a field that is not a number counts 0.
            *sum += field.parse::<u32>().unwrap_or(0);
        }
    }
    counts
        .into_iter()
        .map(|(word, [per, loc, org, outside, alone])| {
            let inside = per + loc + org;
            let value = if outside >= 2 && outside > inside {
                SPLITS << 24
            } else {
                // Rounded to the nearest: 254 × n / (total + 1).
                let seen = inside + outside + 1;
                let share = |n: u32| (2 * 254 * n + seen) / (2 * seen);
                share(per) | share(loc) << 8 | share(org) << 16 | share(outside) << 24
            };
            (word, (value, alone > 0))
        })
        .collect()
}

/// The acronyms that `doc` defines in brackets right after words in lower case whose initials
/// they are, one word a letter (`teknologi augmented reality (AR)`, `tempat pelelangan ikan
/// (TPI)`): what they stand for is no name. A set: a long text may define many.
fn spelled_out_acronyms<'d>(doc: &Doc<'d>) -> FastSet<&'d str> {
    let mut found = FastSet::default();
    for i in 0..doc.pieces.len().saturating_sub(2) {
        let acronym = doc.piece(i + 1);
        let letters = acronym.len();
        if doc.piece(i) != "("
            || doc.piece(i + 2) != ")"
            || !(2..=6).contains(&letters)
            || !acronym.bytes().all(|b| b.is_ascii_uppercase())
            || i < letters
        {
            continue;
        }
        let words = i - letters..i;
        let spelled = words.clone().zip(acronym.bytes()).all(|(k, letter)| {
            let word = doc.piece(k);
            doc.pieces[k].kind == TokenKind::Word
                && word.bytes().all(|b| b.is_ascii_lowercase())
                && word.as_bytes()[0] == letter.to_ascii_lowercase()
                && doc.same_line(k)
        });
        if spelled {
            found.insert(acronym);
        }
    }
    found
}

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let known = covered.by(&Label::BUILT_IN);
    let persons = covered.by(&[Label::PER]);
    let orgs = covered.by(&[Label::ORG]);
    let n = doc.pieces.len();
    // The text's acronyms spelled out in ordinary words, found when first needed.
    let mut spelled_out: Option<FastSet<&str>> = None;
    for run in &doc.runs {
        // A time, the title of a work or a cup (`bulan Ramadhan`, `film Dunkirk`, `piala Thomas`).
        if doc.follows_not_names_word(run.start) {
            continue;
        }
        // In a headline a capital proves nothing, so a capitalized word that is no name word
        // does not make the name longer (`Prilly Latuconsina Kebal Dijodohkan`).
        let headline = doc.in_headline(run.start);
        let mut i = run.start;
        while i < run.end {
            let Some(first) = votes(doc, &known, i) else {
                i += 1;
                continue;
            };
            // The name words from `i` on, with the particles, hyphens and initials' periods
            // of the run between them.
            let mut sum = [0u32; 4];
            add(&mut sum, first);
            let mut end = i + 1;
            let mut j = i + 1;
            while j < run.end {
                if let Some(v) = votes(doc, &known, j) {
                    add(&mut sum, v);
                    end = j + 1;
                } else if doc.is_capitalized(j) || known.inside(j) {
                    break;
                }
                j += 1;
            }
            let start = i;
            i = j;
            let quoted = (start > 0 && is_quote(doc.piece(start - 1)))
                || (end < n && is_quote(doc.piece(end)));
            // The run goes on with a capitalized word that is no name word (`Harry Potter`,
            // `Etihad Stadium`, `Lee Kwang Soo`, `Arkani Melinda Putri`): the name, if there
            // is one, is longer than its name words, and they alone would be a wrong span.
            // Not a model number (`LG V30`: the brand is the name), nor a cue word, which
            // may be part of the name (`Andre Putra Wibowo`) or start what follows it.
            let cut_short = !headline
                && j < run.end
                && j == end
                && doc.is_capitalized(j)
                && !known.inside(j)
                && !has_digit(doc.piece(j))
                && !doc.is_cue_word(j);
            if quoted || cut_short || end - start > MAX_NAME_PIECES {
                continue;
            }
            // The first name label with the most votes, if it beats "outside any name": a tie
            // is no name (`Diana`, once a person and once not in the train splits).
            let best = (0..3).fold(0, |best, k| if sum[k] > sum[best] { k } else { best });
            let mut label = VOTED[best].filter(|_| sum[best] > sum[3]);
            // A given name alone is a person's, whatever longer names it stood in (`Bobby`,
            // twice in an organization's name in the train splits), unless it stood alone for
            // a place there (`Virginia`) or ends a capitalized phrase (`Bhinneka Tunggal Ika`,
            // the national motto; `Mad Max`; but a sentence's ordinary first word may stand
            // before it: `Kemarin Bobby`).
            let alone_place = label == Some(Label::LOC) && doc.cues(start) & super::WORD_ALONE != 0;
            let opens_run = start == run.start
                || (start == run.start + 1
                    && doc.is_common(run.start)
                    && starts_sentence_at(doc.text, &doc.pieces, run.start));
            if end - start == 1
                && opens_run
                && label.is_some()
                && !alone_place
                && !is_all_caps(doc.piece(start))
                && CUES.given_names.contains(doc.folded(start))
            {
                label = Some(Label::PER);
            }
            // One place or organization word after a capitalized word the train splits saw
            // mostly outside names, and no ordinary Indonesian word, ends a longer phrase
            // (`Captain America`, `Captain Marvel`), not a name of its own.
            let cut_before = !headline
                && end - start == 1
                && label.is_some_and(|l| l != Label::PER)
                && start > run.start
                && doc.is_capitalized(start - 1)
                && doc.mostly_outside_names(start - 1)
                && !doc.is_written_lower(start - 1)
                && !doc.is_cue_word(start - 1)
                && !is_all_caps(doc.piece(start - 1))
                && !known.inside(start - 1);
            if cut_before {
                continue;
            }
            // A syllable glued by a hyphen to a person's second name word or later is the
            // person's (`Song Joong-ki`, `Choi Soon-sil`): the run holds it, and it votes for
            // nothing. (Not after a first word: `Hat-trick`, `Ketidak-hadiran`.)
            if label == Some(Label::PER) && end - start >= 2 && end + 1 < j {
                end = doc.with_glued_syllable(end);
            }
            // A code of three capitals or more without a vowel (`Suzuki GSX`, `Fahri NPWP`,
            // `Marc VDS`) is in no person's name.
            if label.is_none_or(|l| l == Label::PER) && (start..end).any(|k| is_code(doc.piece(k)))
            {
                continue;
            }
            // An acronym right after a person cue names the office, an organization mostly
            // (`Ketua MA Harifin`, `Presiden FA`), never the person (as in `person_cue.rs`).
            let office_acronym = end - start == 1
                && is_all_caps(doc.piece(start))
                && doc.phrase_before(&CUES.person, start);
            if office_acronym && label != Some(Label::ORG) {
                continue;
            }
            // (A name found on the line before or after is no neighbour.)
            let before = start > 0 && doc.same_line(start - 1) && known.inside(start - 1);
            let after = end < n && doc.same_line(end - 1) && known.inside(end);
            if !before && !after {
                let lone_first_word =
                    end - start == 1 && starts_sentence_at(doc.text, &doc.pieces, start);
                // One word between ordinary words of the run (`Pemberantasan Tindak Pidana
                // Korupsi`, a law's title): a capitalized phrase, not a name in it.
                let between_ordinary = end - start == 1
                    && start > run.start
                    && end < run.end
                    && doc.is_common(start - 1)
                    && doc.is_common(end);
                // One word is a place or organization, or an acronym a person, only if it alone
                // was a name in the train splits: words of longer names (`Garden`, `Airways`,
                // `Sandi` of `Lembaga Sandi Negara`) vote for their name's label, and alone they
                // are something else; initials vote for persons (`RAM`, `LED`, `L`). A given name
                // or surname alone is a person (`Bambang`).
                let unattested = end - start == 1
                    && (label != Some(Label::PER)
                        || !doc.piece(start).contains(char::is_lowercase))
                    && doc.cues(start) & super::WORD_ALONE == 0;
                // A word of three capitals or more alone is an acronym or a code, not the
                // person its letters spell (`INA`, a team's country code, is not `Ina`; `SARA`):
                // the train splits have 7 such persons alone besides `SBY`, a listed name.
                let acronym_person = end - start == 1
                    && label == Some(Label::PER)
                    && doc.piece(start).len() >= 3
                    && is_all_caps(doc.piece(start));
                // An acronym alone right after a number counts what the number measures
                // (`tenaga 177 PS`, horsepower): a unit, not the organization it also spells.
                let unit = end - start == 1
                    && start > 0
                    && is_all_caps(doc.piece(start))
                    && is_number(doc.piece(start - 1));
                // An acronym the text spells out in ordinary words (`augmented reality (AR)`)
                // names what they name, no name: here `AR` is no person's initials.
                let spelled_out = end - start == 1
                    && is_all_caps(doc.piece(start))
                    && spelled_out
                        .get_or_insert_with(|| spelled_out_acronyms(doc))
                        .contains(&doc.piece(start));
                // A place or organization of several words whose votes for it add up to no
                // more than those of one word seen once, and only in such a name: one weak
                // word decided it, and the rest is a person (`Ashton Carter`, `Mahatma Aji`),
                // a dish, a product or a title (`Nasi Gandul`, `Full HD`). In the news corpus
                // 28 of 40 such runs read by hand were wrong (dev F1 unchanged or up by 0.001).
                let weak_phrase = end - start > 1
                    && label.is_some_and(|l| l != Label::PER)
                    && sum[best] <= ONE_SIGHTING;
                // Else, a place or organization of several words that begins with a given name
                // whose own votes are not for one is a person whose surname the train splits
                // saw only in places or organizations (`Sergio Rico`, `Kyle York`, `Zhang
                // Nan`), unless an English word of such names ends it (`Marina Bay`, `Ken
                // Research`; `gazetteers/cues/name_heads.txt`).
                if end - start > 1
                    && label.is_some_and(|l| l != Label::PER)
                    && !is_all_caps(doc.piece(start))
                    && doc.is_given_name(start)
                    && !mostly_places_or_organizations(first)
                    && !CUES.name_heads.contains(doc.folded(end - 1))
                {
                    label = Some(Label::PER);
                }
                if let (Some(label), false) = (
                    label,
                    weak_phrase
                        || lone_first_word
                        || between_ordinary
                        || unattested
                        || acronym_person
                        || unit
                        || spelled_out,
                ) {
                    candidates.push(doc.candidate(start..end, label, "name_words"));
                }
                continue;
            }
            // Beside a person found already, person words and words the train splits never
            // wrote with a capital are the rest of that name (`Budi` listed, `Budi Zyxwanto`
            // written); beside any other name, or voting for another label, they are left
            // alone: a second entity there would be wrong twice.
            // (Not a word written like a brand: `CEO MarlinBooking Ali Sadikin`.)
            let unknown = sum == [0; 4] && !(start..end).any(|k| is_brand_cased(doc.piece(k)));
            if !(label == Some(Label::PER) || unknown) {
                continue;
            }
            // Person words right after an organization's acronym or site are its member
            // (`peneliti LIPI Siti Zuhro`, `COO Zyx.id Budi Santoso`).
            let after_acronym = before
                && label == Some(Label::PER)
                && orgs.inside(start - 1)
                && (is_all_caps(doc.piece(start - 1)) || is_web_name(doc.piece(start - 1)));
            let label = Label::PER;
            let from = if before && !after_acronym {
                (start.saturating_sub(MAX_NAME_PIECES)..start)
                    .find(|&k| persons.span_from(k, start) == Some(start))
            } else {
                Some(start)
            };
            // A sentence's first word before a person is the sentence's (`Kepergian Neymar`,
            // `Sindiran Wenger`), unless it is a given name or a person's word in the train
            // splits (`Dani Alves`, `Valentino ROSSI`).
            let opens_sentence = after
                && !before
                && starts_sentence_at(doc.text, &doc.pieces, start)
                && !CUES.given_names.contains(doc.folded(start))
                && !doc.votes_person(start);
            let to = if opens_sentence {
                None
            } else if after {
                persons.span_from(end, n)
            } else {
                Some(end)
            };
            if let (Some(from), Some(to)) = (from, to) {
                candidates.push(doc.candidate(from..to, label, "name_words"));
            }
        }
    }
}

/// Three capital letters or more and no vowel: a code or a model (`GSX`, `NPWP`), no name.
fn is_code(word: &str) -> bool {
    word.len() >= 3
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && !word.bytes().any(|b| b"AEIOUY".contains(&b))
}

/// Digits, with the points and commas that group or part them (`177`, `5.500`, `2,5`).
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

fn add(sum: &mut [u32; 4], votes: u32) {
    for (k, s) in sum.iter_mut().enumerate() {
        *s += votes >> (8 * k) & 0xff;
    }
}

/// The votes of piece `i` if it may be part of a name this rule makes: capitalized, not found
/// yet, not an ordinary word, cue word or word mostly outside names, no digits. 0 for a word the
/// train splits never wrote with a capital.
fn votes(doc: &Doc<'_>, known: &super::CoveredBy<'_>, i: usize) -> Option<u32> {
    if !doc.is_capitalized(i) || known.inside(i) || doc.is_common(i) {
        return None;
    }
    if doc.is_cue_word(i) || has_digit(doc.piece(i)) {
        return None;
    }
    // A currency's code before its sign (`Sin$ 6 ribu`, `AUD$`).
    if i + 1 < doc.pieces.len() && doc.glued(i) && doc.piece(i + 1) == "$" {
        return None;
    }
    // A time or a work: `Bulan Ramadhan`, `Film Dunkirk` (the run starts with the word).
    if doc.follows_not_names_word(i) {
        return None;
    }

    let cues = doc.cues(i);
    // Words mostly outside names are ordinary words (`is_common`): only votes are left.
    // An unknown word counts for nothing, but is part of the name; not in a headline, where
    // its capital proves nothing (`Ahok Beberkan`).
    if cues & super::WORD_VOTES == 0 {
        return (!doc.in_headline(i)).then_some(0);
    }
    Some(CUES.name_votes.get(doc.folded(i)).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, known: &[(&str, Label)]) -> Vec<String> {
        crate::rules::run_rule(text, known, apply)
    }

    #[test]
    fn a_currency_code_is_no_name() {
        // `Sin` was once a person's word in the train splits; before `$` it is Singapore's.
        assert!(run("Ia menukar Sin$ 6 ribu kemarin.", &[]).is_empty());
    }

    #[test]
    fn words_the_train_splits_know_make_a_name() {
        // `Bambang` is a person's word in the train splits; the surname is unknown and votes
        // for nothing.
        assert_eq!(
            run("Kemarin Bambang Zyxwanto datang.", &[]),
            ["Bambang Zyxwanto/PER/rule:name_words"]
        );
        assert!(run("Kemarin Zyxwanto datang.", &[]).is_empty());
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_given_name_makes_a_person_of_a_surname_seen_in_places() {
        // `Rico` was only in places in the train splits (`Puerto Rico`); `Sergio` is a given
        // name of the lists' persons with no votes of its own.
        assert_eq!(
            run("Kemarin Sergio Rico datang.", &[]),
            ["Sergio Rico/PER/rule:name_words"]
        );
        assert_eq!(
            run("Kemarin Zyxwa Rico datang.", &[]),
            ["Zyxwa Rico/LOC/rule:name_words"]
        );
        // An English word of places' names ends a place (`gazetteers/cues/name_heads.txt`).
        assert_eq!(
            run("Kemarin Sergio Island ramai.", &[]),
            ["Sergio Island/LOC/rule:name_words"]
        );
    }

    #[test]
    fn a_place_word_after_a_foreign_phrase_word_is_no_place() {
        // `Captain` is mostly outside names in the train splits and no ordinary Indonesian
        // word; `America` alone was a place there.
        assert!(run("Ia memerankan Captain America dalam film itu.", &[]).is_empty());
        assert_eq!(
            run("Ia pindah ke America tahun lalu.", &[]),
            ["America/LOC/rule:name_words"]
        );
    }

    #[test]
    fn a_sentences_first_word_is_no_part_of_the_person_after_it() {
        let known = [("Zyxwanto Qorbi", Label::PER)];
        assert!(run("Kepergian Zyxwanto Qorbi mengejutkan.", &known).is_empty());
        assert!(run("Ia sedih. Kepergian Zyxwanto Qorbi mengejutkan.", &known).is_empty());
        // Mid-sentence it is the name's (`Budi` listed, `Budi Zyxwanto` written), and so is
        // a person's word at the start.
        assert_eq!(
            run("Kata Kepergian Zyxwanto Qorbi.", &known),
            ["Kepergian Zyxwanto Qorbi/PER/rule:name_words"]
        );
        assert_eq!(
            run("Bambang Zyxwanto Qorbi datang.", &known),
            ["Bambang Zyxwanto Qorbi/PER/rule:name_words"]
        );
    }

    #[test]
    fn a_syllable_glued_to_a_persons_second_word_is_the_persons() {
        assert_eq!(
            run("Kemarin Bambang Zyxwa-ki datang.", &[]),
            ["Bambang Zyxwa-ki/PER/rule:name_words"]
        );
        // Not an enclitic, a longer word, nor after the first word.
        for (text, name) in [
            ("Kemarin Bambang Zyxwa-lah datang.", "Bambang Zyxwa"),
            ("Kemarin Bambang Zyxwa-wortel datang.", "Bambang Zyxwa"),
            ("Kemarin Bambang-ki datang.", "Bambang"),
        ] {
            assert_eq!(run(text, &[]), [format!("{name}/PER/rule:name_words")]);
        }
    }

    #[test]
    fn a_word_written_like_a_brand_is_no_part_of_a_person_beside_it() {
        let known = [("Bambang Zyxwanto", Label::PER)];
        assert_eq!(
            run("kata Zyxwabooking Bambang Zyxwanto", &known),
            ["Zyxwabooking Bambang Zyxwanto/PER/rule:name_words"]
        );
        assert!(run("kata ZyxwaBooking Bambang Zyxwanto", &known).is_empty());
    }

    #[test]
    fn a_code_without_vowels_is_in_no_persons_name() {
        assert!(run("Harga Bambang GSX naik.", &[]).is_empty());
        let known = [("Bambang Zyxwanto", Label::PER)];
        assert!(run("kata NPWP Bambang Zyxwanto", &known).is_empty());
        // Initials are: `DL Sitorus`.
        assert_eq!(
            run("Kemarin Bambang DL datang.", &[]),
            ["Bambang DL/PER/rule:name_words"]
        );
    }

    #[test]
    fn a_month_a_work_or_a_cup_is_no_name() {
        // `Ramadhan` is a person's word in the train splits (a surname), and a month.
        assert!(run("Selama bulan Ramadhan harga naik.", &[]).is_empty());
        assert!(run("Bulan Ramadhan tiba.", &[]).is_empty());
        // `Bambang` is a person's word: here the title of a film.
        assert!(run("Kemarin film Bambang Zyxwanto tayang.", &[]).is_empty());
        assert!(run("Film Bambang Zyxwanto tayang.", &[]).is_empty());
        // A cup named after a person (`Sudirman` is a person's word).
        assert!(run("Final Piala Sudirman digelar.", &[]).is_empty());
        assert_eq!(
            run("Kemarin Ramadhan datang.", &[]),
            ["Ramadhan/PER/rule:name_words"]
        );
    }

    #[test]
    fn an_acronym_after_a_number_is_a_unit() {
        // `PS` was an organization alone in the train splits.
        assert!(run("Mesin itu bertenaga 177 PS pada 5.500 rpm.", &[]).is_empty());
        assert!(run("Mesin itu bertenaga 1.177 PS kata dia.", &[]).is_empty());
        assert_eq!(run("Kemarin PS menang.", &[]), ["PS/ORG/rule:name_words"]);
    }

    #[test]
    fn an_acronym_alone_is_not_the_person_it_spells() {
        // `Ina` and `Sara` are persons alone in the train splits.
        assert!(run("Ganda putra INA menang.", &[]).is_empty());
        assert!(run("Kemarin isu SARA mencuat.", &[]).is_empty());
        assert_eq!(run("Kemarin Ina datang.", &[]), ["Ina/PER/rule:name_words"]);
    }

    /// `Bobby` stood twice in organizations' names in the train splits; the lists' persons make
    /// it a given name.
    #[cfg(feature = "wiki")]
    #[test]
    fn a_given_name_alone_is_a_person() {
        assert_eq!(
            run("Kemarin Bobby datang.", &[]),
            ["Bobby/PER/rule:name_words"]
        );
        // Not at the end of a capitalized phrase.
        assert!(
            !run("Kemarin Zyx Bobby datang.", &[])
                .iter()
                .any(|e| e.starts_with("Bobby/PER"))
        );
    }

    #[test]
    fn an_acronym_spelled_out_in_ordinary_words_is_no_name() {
        // `AR` stood alone for a person once in the train splits: a suspect's initials.
        assert_eq!(
            run("Polisi menahan AR kemarin.", &[]),
            ["AR/PER/rule:name_words"]
        );
        assert!(
            run(
                "Kamera itu memakai augmented reality (AR) kemarin. Konten AR itu baru.",
                &[]
            )
            .is_empty()
        );
        // Not when the words are capitalized, are not its initials, or are not right before it.
        for text in [
            "Kamera itu memakai Augmented Reality (AR) kemarin. Konten AR itu baru.",
            "Kamera itu memakai realitas tertambah (AR) kemarin. Konten AR itu baru.",
            "Kamera augmented reality itu (AR) kemarin. Konten AR itu baru.",
        ] {
            assert!(
                run(text, &[]).iter().any(|e| e.starts_with("AR/PER")),
                "{text}"
            );
        }
    }

    #[test]
    fn holidays_are_no_names() {
        // `Raya` votes for places (`Jalan Raya`); the holiday after it ends the run.
        assert!(run("Menjelang Hari Raya Idul Fitri warga mudik.", &[]).is_empty());
        assert!(run("Libur Hari Raya Waisak tiba.", &[]).is_empty());
    }

    #[test]
    fn name_words_the_run_goes_on_after_are_left_alone() {
        // `Stadium` is an ordinary word: `Bambang Stadium` is no person, and `Bambang` alone
        // would be a wrong span.
        assert!(run("Kemarin Bambang Stadium ramai.", &[]).is_empty());
        assert!(run("Kemarin Bambang Zyxwanto Stadium ramai.", &[]).is_empty());
        // A model number after a name does not make the name longer.
        assert_eq!(
            run("Kemarin Bambang V30 datang.", &[]),
            ["Bambang/PER/rule:name_words"]
        );
    }

    #[test]
    fn one_word_is_a_place_or_organization_only_if_it_was_one_alone() {
        // `Everton` alone was a whole organization in the train splits, `Sandi` (of `Lembaga
        // Sandi Negara`) only part of one.
        assert_eq!(
            run("Kemarin Everton menang.", &[]),
            ["Everton/ORG/rule:name_words"]
        );
        assert!(run("Kemarin Sandi menang.", &[]).is_empty());
        // Persons need no such proof: `Bambang` alone is a person.
        assert_eq!(
            run("Kemarin Bambang menang.", &[]),
            ["Bambang/PER/rule:name_words"]
        );
    }

    #[test]
    fn several_words_need_more_than_one_weak_vote_for_a_place() {
        // `Nasi` was once part of a place in the train splits and `Zyxwa` never written there:
        // one word seen once decides nothing. `New` was in 26 places.
        assert_eq!(CUES.name_votes.get("nasi"), Some(ONE_SIGHTING << 8));
        assert!(run("Kemarin Nasi Zyxwa habis.", &[]).is_empty());
        assert_eq!(
            run("Kemarin New Zyxwa ramai.", &[]),
            ["New Zyxwa/LOC/rule:name_words"]
        );
    }

    #[test]
    fn person_words_after_an_acronym_are_its_member() {
        assert_eq!(
            run(
                "kata peneliti LIPI Bambang Zyxwanto",
                &[("LIPI", Label::ORG)]
            ),
            ["Bambang Zyxwanto/PER/rule:name_words"]
        );
        // A site is written as one word, like an acronym (`web_name.rs`).
        assert_eq!(
            run(
                "hadir COO Zyxnews.com Bambang Zyxwanto",
                &[("Zyxnews.com", Label::ORG)]
            ),
            ["Bambang Zyxwanto/PER/rule:name_words"]
        );
        // Not after a longer name or a place, and not unknown words alone.
        for (text, known) in [
            ("kata Zyx Institute Bambang", ("Zyx Institute", Label::ORG)),
            ("kata DKI Bambang", ("DKI", Label::LOC)),
            ("kata LIPI Zyxwanto", ("LIPI", Label::ORG)),
        ] {
            assert!(run(text, &[known]).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_tie_with_outside_any_name_is_no_name() {
        // `Diana`: once in a person, once outside any name in the train splits.
        let votes = CUES.name_votes.get("diana").unwrap_or(0);
        assert_eq!(votes & 0xff, votes >> 24);
        assert!(run("Kemarin Diana datang.", &[]).is_empty());
        assert!(run("Kemarin Diana Zyxwanto datang.", &[]).is_empty());
    }

    #[test]
    fn words_mostly_outside_names_split_and_never_vote() {
        assert!(run("harga BBM naik", &[]).is_empty());
        assert_eq!(Some(SPLITS), CUES.name_votes.get("bbm").map(|v| v >> 24));
        assert_eq!(
            run("kata Menteri Bambang", &[]),
            ["Bambang/PER/rule:name_words"]
        );
    }

    #[test]
    fn person_words_beside_a_person_complete_the_name() {
        assert_eq!(
            run("kata Bambang Zyxwanto kemarin", &[("Zyxwanto", Label::PER)]),
            ["Bambang Zyxwanto/PER/rule:name_words"]
        );
        // Words the train splits never wrote with a capital complete a person too.
        assert_eq!(
            run("kata Bambang Zyxwanto kemarin", &[("Bambang", Label::PER)]),
            ["Bambang Zyxwanto/PER/rule:name_words"]
        );
        assert_eq!(
            run(
                "kata Zyx Wanto Bambang kemarin",
                &[("Zyx Wanto", Label::PER)]
            ),
            ["Zyx Wanto Bambang/PER/rule:name_words"]
        );
        // Beside a place, or voting for a place, nothing.
        assert!(run("kata Bambang Zyxwanto kemarin", &[("Zyxwanto", Label::LOC)]).is_empty());
        assert!(run("di Jakarta Zyxwanto kemarin", &[("Zyxwanto", Label::PER)]).is_empty());
    }

    #[test]
    fn an_acronym_after_a_person_cue_is_no_person() {
        // `MA` votes for a person in the train splits, `FA` for an organization.
        let harifin = [("Harifin Zyx", Label::PER)];
        assert!(run("kata Ketua MA Harifin Zyx", &harifin).is_empty());
        assert!(run("ada Ketua MA kemarin", &[]).is_empty());
        assert_eq!(
            run("ada MA Harifin Zyx kemarin", &harifin),
            ["MA Harifin Zyx/PER/rule:name_words"]
        );
        assert_eq!(
            run("sebagai presiden FA kemarin", &[]),
            ["FA/ORG/rule:name_words"]
        );
    }

    #[test]
    fn leaves_names_found_and_lone_first_words() {
        assert!(run("Kemarin Bambang datang.", &[("Bambang", Label::PER)]).is_empty());
        assert!(run("Bambang datang.", &[]).is_empty());
        assert_eq!(
            run("Kemarin Bambang datang.", &[]),
            ["Bambang/PER/rule:name_words"]
        );
    }

    #[test]
    fn one_word_between_ordinary_words_of_a_run_is_no_name() {
        // A law's title: `Bambang` votes for a person, but it stands between ordinary words.
        assert!(run("tentang Pemberantasan Bambang Pidana Korupsi", &[]).is_empty());
        // At the run's edge, or with more name words, it is a name.
        assert_eq!(
            run("tentang Pemberantasan Bambang", &[]),
            ["Bambang/PER/rule:name_words"]
        );
    }

    #[test]
    fn runs_beside_quotation_marks_are_titles() {
        assert!(run("film \"Bambang Zyxwanto\" tayang", &[]).is_empty());
    }

    #[test]
    fn shares_weigh_how_often_a_word_was_seen() {
        let words =
            parse("a\t1\t0\t0\t0\t0\nb\t0\t9\t0\t0\t2\nc\t0\t0\t0\t3\t0\nd\t0\t0\t1\t1\t0\n");
        let get = |w: &str| words.get(w).copied();
        // Seen once as a person: 254 × 1/2. Nine times a place (twice alone): 254 × 9/10.
        assert_eq!(get("a"), Some((127, false)));
        assert_eq!(get("b"), Some((229 << 8, true)));
        assert_eq!(get("c").map(|(v, _)| v >> 24), Some(SPLITS));
        // Once in an organization, once outside: not mostly outside (needs two more).
        assert_eq!(get("d"), Some((85 << 16 | 85 << 24, false)));
    }
}
