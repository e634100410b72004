//! Stage 4: context rules find names that no list holds, from the words around them.
//!
//! Every rule reads the same view of the text: its pieces (the tokens that are not space) and
//! its *capitalized runs*, maximal sequences of capitalized words on one line, which may hold
//! name particles (`bin`, `van`, also glued by a hyphen: `al-Sarayreh`), glued hyphens
//! (`Al-Azhar`) and initials (`B.`). A rule turns (part of) a run into a candidate when a cue
//! says what it is. Cue words live in `gazetteers/cues/`; each rule records its name as the
//! candidate's source (`rule:NAME`).
//!
//! One rule per file, run in this order (later rules see earlier rules' candidates):
//! - `initials`: initials after `berinisial` (`tersangka berinisial AS`) are a person, over
//!   whatever a list says of them.
//! - `person_cue`: a title, office, honorific or speech verb before a run (`Presiden Rusia
//!   Vladimir Putin`, `kata Anies`) makes the rest of the run, after any place or organization
//!   it names, a person.
//! - `org_marker`: a run that starts with an organization word (`PT`, `Universitas`,
//!   `Kementerian`) or ends with one (`Tbk`, `Group`) is an organization.
//! - `loc_marker`: a run that starts with a place word (`Kabupaten`, `Pulau`, `Jl.`) is a place.
//! - `place_preposition`: an unknown run after `di`/`ke`/`dari` is a place, given more evidence.
//! - `org_cue`: an unknown run after a word that stands before organizations (`kader`, `saham`,
//!   `band`) is an organization; so is one after such a word that opens the sentence
//!   (`Mengutip NME`), which the learned layer does not read but gets after it.
//! - `speaker`: an unknown run right before a speech verb (`Sutarno mengatakan`) is a person;
//!   not read by the learned layer, which reads the word after a piece itself, and added after
//!   it where it left the run free.
//! - `age`: initials or an unknown run right before an age in brackets (`YIK (31)`, `milik
//!   Sunarti (44)`) are a person; like `speaker`, not read by the learned layer and added after
//!   it where it left the run free.
//! - `name_words`: what is left of a run is a name when its words were names in the annotated
//!   train splits (`Bambang …`: a person). Name knowledge, like the lists: it runs only with the
//!   embedded gazetteers, and not for the learned layer, which learns the words itself. Its
//!   table also tells the other rules which capitalized words are mostly outside names
//!   (`Perhubungan`, `Rektor`).
//! - `coordination`: an unknown run joined by `dan`, `atau`, `/` (…) to a person is a person
//!   (`Raisa dan Keenan`, `Marcus / Kevin`); like `speaker`, not read by the learned layer and
//!   added after it where it left the run free.
//! - `lowercase_names`: in text without capitals (`ignore_case`), where there are no runs,
//!   names from their words alone: a person found goes on over the unknown words after it, name
//!   words after a person cue, given names (`alex …`), name words after a place word (`jalan
//!   …`). Name knowledge too, like `name_words`.
//! - `name_prefix`: a person found right after `I` or `Ni` before a Balinese birth-order or
//!   caste name (`I Wayan Dipta`) takes the prefix in.
//! - `compass`: a place found right before a compass word (`Timor Timur`, `Afrika barat`)
//!   takes it in; not read by the learned layer, whose own places take the word after it.

mod age;
pub(crate) mod brand_name;
pub(crate) mod compass;
mod coordination;
mod given_name;
mod initials;
mod loc_marker;
mod lowercase_names;
mod name_prefix;
mod name_words;
mod org_cue;
mod org_marker;
pub(crate) mod person_cue;
mod person_list;
mod person_word;
mod place_list;
mod place_preposition;
mod speaker;
pub(crate) mod sports_club;
pub(crate) mod web_name;

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::Label;
use crate::fast_hash::{FastMap, FastSet, WordMap};
use crate::fold::{Folded, fold_str};
use crate::matcher::Candidate;
#[cfg(test)]
use crate::tokenize::has_period_before_letter;
use crate::tokenize::{Token, TokenKind, breaks_line, is_enclitic, is_hyphen};

/// Priority of rule-made candidates: below any gazetteer's for the same span.
const RULE_PRIORITY: u32 = 0;

/// The longest name a rule makes, in pieces.
const MAX_NAME_PIECES: usize = 6;

/// A set of cue phrases, folded, words joined by one space.
pub(crate) struct Phrases {
    /// Every phrase ([`PHRASE`]) and every phrase's leading words ([`PREFIX`]), so a search
    /// can stop as soon as no phrase goes on, with one lookup per word.
    entries: FastMap<String, u8>,
    longest: usize,
    /// Where this set's bits sit in [`Cues::words`]: at `3 * set`.
    set: u8,
}

const PHRASE: u8 = 1;
const PREFIX: u8 = 2;
/// In [`Cues::words`] only: the last word of a phrase of two words or more.
const LAST: u8 = 4;

impl Phrases {
    fn parse(set: u8, data: &str) -> Phrases {
        let mut entries: FastMap<String, u8> = FastMap::default();
        let mut longest = 0;
        for line in data.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let phrase = fold_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
            longest = longest.max(phrase.split(' ').count());
            for (at, _) in phrase.match_indices(' ') {
                *entries.entry(phrase[..at].to_string()).or_default() |= PREFIX;
            }
            *entries.entry(phrase).or_default() |= PHRASE;
        }
        Phrases {
            entries,
            longest,
            set,
        }
    }

    /// This set's bits ([`PHRASE`], [`PREFIX`], [`LAST`]) among a word's [`word_cues`].
    fn of(&self, cues: u32) -> u8 {
        (cues >> (3 * self.set)) as u8 & (PHRASE | PREFIX | LAST)
    }

    /// What `folded` is: [`PHRASE`], [`PREFIX`], both or neither (0).
    fn kind(&self, folded: &str) -> u8 {
        self.entries.get(folded).copied().unwrap_or(0)
    }

    /// Whether `folded` is one of the phrases.
    pub(crate) fn contains(&self, folded: &str) -> bool {
        self.kind(folded) & PHRASE != 0
    }
}

pub(crate) struct Cues {
    /// Every single word of the sets below with its kinds in each set (three bits a set, see
    /// [`Phrases::of`]): one lookup tells what a word is in all of them.
    words: WordMap,
    pub person: Phrases,
    pub org_markers: Phrases,
    pub org_suffixes: Phrases,
    pub loc_markers: Phrases,
    pub not_names: Phrases,
    pub common_words: Phrases,
    pub degrees: Phrases,
    pub place_prepositions: Phrases,
    pub org_cues: Phrases,
    /// Place words that start a place also in lower case (`desa`, `jalan`; `loc_marker.rs`).
    pub loc_markers_lowercase: FastSet<String>,
    /// Compass phrases that join the place before them (`Barat`, `Barat Daya`), and those that
    /// do also in lower case (`compass.rs`).
    compass_words: FastSet<String>,
    compass_words_lowercase: FastSet<String>,
    /// Words after which initials are a person (`berinisial`; `initials.rs`).
    initials_cues: FastSet<String>,
    /// Speech verbs after which an unknown run is the person who speaks (`mengatakan`;
    /// `speaker.rs`).
    speech_verbs_after: FastSet<String>,
    /// Bit `n` set when some word of `speech_verbs_after` is `n` bytes long as written.
    speech_verb_lengths: u64,
    /// Verbs right before the person who spoke (`ujar`; `speaker::relabel`), as written.
    said_verbs: FastSet<String>,
    /// Heads of units named after their territory (`Kapolsek`; `person_cue::territories`).
    territorial_offices: FastSet<String>,
    /// Words that join two names of the same kind (`dan`; `coordination.rs`).
    pub(crate) coordinators: FastSet<String>,
    /// Given names, folded ([`wiki_words`]; `given_name.rs`).
    given_names: FastSet<String>,
    /// First and last words of persons, folded ([`wiki_words`]; `person_word.rs`).
    person_words: FastSet<String>,
    /// English words that end places' and organizations' names, seldom persons' (`Bay`,
    /// `Research`; `name_words.rs`), folded.
    pub name_heads: FastSet<String>,
    /// Person cues after which a run is a person only without a place's or organization's
    /// word (`oleh`; `person_cue.rs`).
    pub weak_person_cues: FastSet<String>,
    /// Person cues whose unit's name follows them (`Kasat Reskrim …`; `person_cue.rs`).
    pub unit_heads: FastSet<String>,
    /// Person cues that may be part of the name (`Gus`, `Sultan`; the learned layer's
    /// `model::entities`).
    pub titles_in_names: FastSet<String>,
    /// Offices in a company, after which the company's name may stand before the holder's
    /// (`CEO Promogo Andrew Tanyono`; `person_cue.rs`), and their last words, for a quick
    /// first test (a few dozen: a scan costs no more than hashing).
    pub company_offices: FastSet<String>,
    pub company_office_ends: Vec<String>,
    /// English words for an office's field between the office and the company (`Head of
    /// Sales`, `VP Corporate Communication`; `office_fields.txt`).
    pub office_fields: FastSet<String>,
    /// The endings of web addresses (`com`, `id`; `web_name.rs`).
    pub web_suffixes: FastSet<String>,
    /// Places that stand for their football club in a text about sport (`Madrid`, as
    /// written), the words of such a text (`gol`) and the words after which the place stays a
    /// place (`kelahiran`; `sports_club.rs`).
    club_places: FastSet<String>,
    sports_words: FastSet<String>,
    club_place_before: FastSet<String>,
    /// Words that open sentences and are no names there (`Mari`, `Toh`; the learned layer's
    /// `model::entities`).
    pub sentence_openers: FastSet<String>,
    /// Products and services named after their maker's name (`Maps` of `Google Maps`; the
    /// learned layer's `model::without_products`).
    pub product_names: FastSet<String>,
    /// Elections and races held in the place named after them (`Pilgub`, `GP`; the learned
    /// layer's `model::without_events`), folded.
    pub event_words: FastSet<String>,
    /// Things the train splits leave untagged (`Siri`, `HDMI`; [`without_things`]), and the
    /// longest in bytes.
    things: WordMap,
    things_longest: usize,
    /// The words a Title Case headline may leave in lower case (`di`, `dan`).
    headline_lowercase: FastSet<String>,
    /// Words that stay inside a name's brackets (`Persero`; `model::entities`).
    pub name_brackets: FastSet<String>,
    /// Words, as written, that open the name of an outlet, a band or a work, never a person's
    /// (`The`; [`apply`]).
    work_articles: FastSet<String>,
    /// The last bytes of `work_articles`, for a quick first test ([`with_articles`]).
    work_article_ends: Vec<u8>,
    /// Words before a product, a service or a program (`ransomware`; `brand_name.rs`).
    product_words: FastSet<String>,
    /// Bit `n` set when some word of `initials_cues` is `n` bytes long (folded: as written,
    /// for ASCII), for a quick first test.
    initials_cue_lengths: u64,
    /// Name particles that may stand inside a run between capitalized words (`bin`, `van`).
    pub(crate) particles: FastSet<String>,
    /// English words after which a run goes on through `of` or `for` (`University of
    /// Edinburgh`).
    pub(crate) of_heads: FastSet<String>,
    /// Prefixes of Balinese names (`I`, `Ni`, as written) and the folded names they stand
    /// before (`name_prefix.rs`).
    name_prefixes: FastMap<String, FastSet<String>>,
    /// The longest prefix of `name_prefixes`, in bytes.
    name_prefix_len: usize,
    /// Place words whose place has a number in its name (`SMP Negeri 1 Blora`; `loc_marker.rs`).
    pub numbered_markers: FastSet<String>,
    /// Place and organization words often followed by a person the name is after (`Jl. Ahmad
    /// Yani`; [`Doc::person_after_marker`]).
    named_after_persons: FastSet<String>,
    /// Place words whose place is often named with ordinary words (`Jalan Merdeka`;
    /// `loc_marker.rs`).
    pub named_by_words: FastSet<String>,
    /// The votes of the words of `name_words.tsv` (`name_words.rs`).
    pub name_votes: WordMap,
    /// What the lower-case nerp train split says of a word ([`CASELESS_GIVEN`],
    /// [`CASELESS_ORDINARY`]), for text without capitals (`lowercase_names.rs`); empty without
    /// the `wiki` feature.
    pub caseless_words: WordMap,
}

pub(crate) static CUES: Lazy<Cues> = Lazy::new(|| {
    let initials_cues = word_set(include_str!("../../gazetteers/cues/initials_cues.txt"));
    let name_prefixes = name_prefixes(include_str!("../../gazetteers/cues/name_prefixes.txt"));
    let name_prefix_len = name_prefixes.keys().map(String::len).max().unwrap_or(0);
    let initials_cue_lengths = cue_lengths(&initials_cues);
    let speech_verbs_after = word_set(include_str!("../../gazetteers/cues/speech_verbs_after.txt"));
    let company_offices = word_set(include_str!("../../gazetteers/cues/company_offices.txt"));
    let office_fields = word_set(include_str!("../../gazetteers/cues/office_fields.txt"));
    let (things, things_longest) = things(include_str!("../../gazetteers/cues/things.txt"));
    let work_articles = word_set(include_str!("../../gazetteers/cues/work_articles.txt"));
    let mut company_office_ends: Vec<String> = company_offices
        .iter()
        .filter_map(|phrase| phrase.split(' ').next_back().map(str::to_string))
        .collect();
    company_office_ends.sort();
    company_office_ends.dedup();
    let [given_names, person_words] = wiki_words();
    let mut cues = Cues {
        words: WordMap::default(),
        person: Phrases::parse(0, include_str!("../../gazetteers/cues/person_cues.txt")),
        org_markers: Phrases::parse(1, include_str!("../../gazetteers/cues/org_markers.txt")),
        org_suffixes: Phrases::parse(2, include_str!("../../gazetteers/cues/org_suffixes.txt")),
        loc_markers: Phrases::parse(3, include_str!("../../gazetteers/cues/loc_markers.txt")),
        not_names: Phrases::parse(4, include_str!("../../gazetteers/cues/not_names.txt")),
        common_words: Phrases::parse(5, include_str!("../../gazetteers/cues/common_words.txt")),
        degrees: Phrases::parse(6, include_str!("../../gazetteers/cues/degrees.txt")),
        place_prepositions: Phrases::parse(
            7,
            include_str!("../../gazetteers/cues/place_prepositions.txt"),
        ),
        org_cues: Phrases::parse(8, include_str!("../../gazetteers/cues/org_cues.txt")),
        loc_markers_lowercase: word_set(include_str!(
            "../../gazetteers/cues/loc_markers_lowercase.txt"
        )),
        compass_words: word_set(include_str!("../../gazetteers/cues/compass_words.txt")),
        compass_words_lowercase: word_set(include_str!(
            "../../gazetteers/cues/compass_words_lowercase.txt"
        )),
        initials_cues,
        initials_cue_lengths,
        weak_person_cues: word_set(include_str!("../../gazetteers/cues/weak_person_cues.txt")),
        unit_heads: word_set(include_str!("../../gazetteers/cues/unit_heads.txt")),
        titles_in_names: word_set(include_str!("../../gazetteers/cues/titles_in_names.txt")),
        speech_verb_lengths: cue_lengths(&speech_verbs_after),
        speech_verbs_after,
        said_verbs: word_set(include_str!("../../gazetteers/cues/said_verbs.txt")),
        territorial_offices: word_set(include_str!(
            "../../gazetteers/cues/territorial_offices.txt"
        )),
        coordinators: word_set(include_str!("../../gazetteers/cues/coordinators.txt")),
        given_names,
        person_words,
        name_heads: word_set(include_str!("../../gazetteers/cues/name_heads.txt")),
        web_suffixes: word_set(include_str!("../../gazetteers/cues/web_suffixes.txt")),
        club_places: word_set(include_str!("../../gazetteers/cues/club_places.txt")),
        sports_words: word_set(include_str!("../../gazetteers/cues/sports_words.txt")),
        club_place_before: word_set(include_str!("../../gazetteers/cues/club_place_before.txt")),
        company_offices,
        office_fields,
        company_office_ends,
        sentence_openers: word_set(include_str!("../../gazetteers/cues/sentence_openers.txt")),
        product_names: word_set(include_str!("../../gazetteers/cues/product_names.txt")),
        event_words: word_set(include_str!("../../gazetteers/cues/event_words.txt")),
        things,
        things_longest,
        headline_lowercase: word_set(include_str!("../../gazetteers/cues/headline_lowercase.txt")),
        name_brackets: word_set(include_str!("../../gazetteers/cues/name_brackets.txt")),
        work_article_ends: work_articles
            .iter()
            .filter_map(|a| a.bytes().last())
            .collect(),
        work_articles,
        product_words: word_set(include_str!("../../gazetteers/cues/product_words.txt")),
        particles: word_set(include_str!("../../gazetteers/cues/particles.txt")),
        of_heads: word_set(include_str!("../../gazetteers/cues/of_heads.txt")),
        name_prefixes,
        name_prefix_len,
        numbered_markers: word_set(include_str!("../../gazetteers/cues/numbered_markers.txt")),
        named_after_persons: word_set(include_str!(
            "../../gazetteers/cues/named_after_persons.txt"
        )),
        named_by_words: word_set(include_str!("../../gazetteers/cues/named_by_words.txt")),
        name_votes: WordMap::default(),
        caseless_words: WordMap::default(),
    };
    let mut words: FastMap<String, u32> = FastMap::default();
    for set in [
        &cues.person,
        &cues.org_markers,
        &cues.org_suffixes,
        &cues.loc_markers,
        &cues.not_names,
        &cues.common_words,
        &cues.degrees,
        &cues.place_prepositions,
        &cues.org_cues,
    ] {
        for (key, &kind) in &set.entries {
            let (word, kind) = match key.rsplit_once(' ') {
                Some((_, last)) if kind & PHRASE != 0 => (last, LAST),
                Some(_) => continue,
                None => (key.as_str(), kind),
            };
            *words.entry(word.to_string()).or_default() |= u32::from(kind) << (3 * set.set);
        }
    }
    for word in word_set(include_str!("../../gazetteers/cues/not_names_after.txt")) {
        *words.entry(word).or_default() |= WORD_NOT_NAMES_AFTER;
    }
    let votes = name_words::values();
    for (word, &(value, alone)) in &votes {
        *words.entry(word.clone()).or_default() |= if name_words::outside_names(value) {
            WORD_OUTSIDE_NAMES
        } else {
            WORD_VOTES
        } | if alone { WORD_ALONE } else { 0 };
    }
    // Share-alike data (nerp, CC BY-SA 4.0): only with the `wiki` feature. A table of its own,
    // which only text without capitals consults: in `words`, the 13,000 words made every
    // lookup of cased text slower.
    #[cfg(feature = "wiki")]
    {
        let mut caseless: FastMap<String, u32> = FastMap::default();
        for (data, bit) in [
            (
                include_str!("../../gazetteers/cues/given_names-nerp.txt"),
                CASELESS_GIVEN,
            ),
            (
                include_str!("../../gazetteers/cues/ordinary_words-nerp.txt"),
                CASELESS_ORDINARY,
            ),
        ] {
            for word in data.lines().map(str::trim) {
                if !word.is_empty() && !word.starts_with('#') {
                    *caseless.entry(fold_str(word)).or_default() |= bit;
                }
            }
        }
        cues.caseless_words = WordMap::new(caseless.iter().map(|(w, &b)| (w.as_str(), b)));
    }
    cues.name_votes = WordMap::new(votes.iter().map(|(w, &(v, _))| (w.as_str(), v)));
    cues.words = WordMap::new(words.iter().map(|(w, &bits)| (w.as_str(), bits)));
    cues
});

/// `name_prefixes.txt`: a prefix, a TAB and the names it stands before, per line.
fn name_prefixes(data: &str) -> FastMap<String, FastSet<String>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(prefix, names)| {
            let names = names.split_whitespace().map(fold_str).collect();
            (prefix.trim().to_string(), names)
        })
        .collect()
}

/// Bit `n` set when some word of `words` is `n` bytes long as written, for a quick first
/// test: folding may change a word's length in bytes, so a non-ASCII word lets every length
/// through.
fn cue_lengths(words: &FastSet<String>) -> u64 {
    words.iter().fold(0, |bits, w| {
        if w.is_ascii() && w.len() < 64 {
            bits | 1 << w.len()
        } else {
            u64::MAX
        }
    })
}

/// What the words around the chosen entities of either mode say, last: a club's place in a
/// text about sport is the club (`sports_club`), a place or guessed organization after a verb
/// of speech the speaker (`speaker`), a person after a territorial office the territory
/// (`person_cue::territories`), never relabelling an entity of the user's lists; a run listed
/// by commas between two places is a place (`place_list`), and between two persons a person
/// (`person_list`); a place or organization after `The` begins with it ([`with_articles`]).
pub(crate) fn after_choosing(doc: &Doc<'_>, chosen: &mut Vec<Candidate>, custom_from: u32) {
    sports_club::relabel(doc, chosen, custom_from);
    speaker::relabel(doc, chosen, custom_from);
    person_cue::territories(doc, chosen, custom_from);
    place_list::add(doc, chosen);
    person_list::apply(doc, chosen);
    with_articles(doc, chosen, custom_from);
    without_ordinary_openers(doc, chosen, custom_from);
}

/// A person of two words or more found from context (by a rule or the learned layer, not a
/// list) that opens with ordinary words (`Sahabat Valentino Rossi`, `Kesiapan Arsene Wenger`,
/// `Petahana Basuki Tjahaja Purnama`, `Karnaval Kemerdekaan Catharina Widyasrini`) starts at
/// the first word after them when that word opens a person's name (a given name, a word the
/// train splits saw mostly in persons, or a listed person's first or last word; one word left
/// must be a given name or a person's word itself). Ordinary here is a word of six letters or
/// more of `common_words.txt` or one the lower-case nerp train split never has in a name,
/// neither a given name nor a person's word nor a particle. The ordinary word is capitalized
/// as a sentence's first word (`Kepergian Melly`) or as part of an office (`Reformasi
/// Birokrasi Asman Abnur`).
fn without_ordinary_openers(doc: &Doc<'_>, chosen: &mut [Candidate], custom_from: u32) {
    let ordinary = |i: usize| {
        doc.pieces[i].kind == TokenKind::Word
            // Shorter ones are as often names (`Yudha`, `Galih`, `Salma`, `Sun`).
            && doc.folded(i).chars().count() >= 6
            && (doc.is_common(i)
                || CUES
                    .caseless_words
                    .get(doc.folded(i))
                    .is_some_and(|bits| bits & CASELESS_ORDINARY != 0))
            && !doc.opens_person(i)
            && !doc.is_person_word(i)
            && !CUES.particles.contains(doc.folded(i))
    };
    for c in chosen
        .iter_mut()
        .filter(|c| c.label == Label::PER && !is_listed(c) && !c.is_custom(custom_from))
    {
        let (Some(first), end) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            continue;
        };
        let Some(k) = (first..end).find(|&k| !ordinary(k)) else {
            continue;
        };
        // One word left must be a person's first or last word itself (not `LED` of `Cinema
        // LED`, nor `Annie` of `App Annie`).
        let person_word = |k: usize| {
            doc.pieces[k].kind == TokenKind::Word
                && !is_all_caps(doc.piece(k))
                && (doc.is_given_name(k) || doc.is_person_word(k))
        };
        if k > first
            && doc.pieces[k].kind == TokenKind::Word
            && (doc.opens_person(k) || doc.is_person_word(k))
            && (end - k >= 2 || person_word(k))
        {
            c.start = doc.pieces[k].start;
        }
    }
}

/// A place or organization right after `The` (`gazetteers/cues/work_articles.txt`) on its line
/// begins with it (`The Jonas Brothers`, `The Straits Times`): the cased train splits put `The`
/// inside every name it stands before (49 times, never outside). Not a user's entry, whose
/// span is the user's, nor where another entity holds the article.
fn with_articles(doc: &Doc<'_>, chosen: &mut [Candidate], custom_from: u32) {
    let bytes = doc.text.as_bytes();
    let article_before = |c: &Candidate| {
        // One space, then a capitalized word of ASCII letters: a few bytes tell, before the
        // pieces are searched.
        let space = c.start.checked_sub(1).filter(|&s| bytes[s] == b' ')?;
        if !space
            .checked_sub(1)
            .is_some_and(|last| CUES.work_article_ends.contains(&bytes[last]))
        {
            return None;
        }
        let word = bytes[..space]
            .iter()
            .rposition(|b| !b.is_ascii_alphabetic())
            .map_or(0, |p| p + 1);
        if word == space || !bytes[word].is_ascii_uppercase() {
            return None;
        }
        let a = doc.piece_starting_at(word)?;
        (doc.pieces[a].end == space && CUES.work_articles.contains(doc.piece(a))).then_some(word)
    };
    for k in 0..chosen.len() {
        let c = &chosen[k];
        if !matches!(c.label, Label::LOC | Label::ORG) || c.is_custom(custom_from) {
            continue;
        }
        let Some(start) = article_before(c) else {
            continue;
        };
        let end = c.start;
        if !chosen.iter().any(|o| o.start < end && o.end > start) {
            chosen[k].start = start;
        }
    }
}

/// Whether `c` is an entry of a list, the embedded lists' or a user's, as chosen by the rules
/// or confirmed by the learned layer.
pub(crate) fn is_listed(c: &Candidate) -> bool {
    c.source.starts_with("gazetteer:") || c.source.starts_with("model:gazetteer:")
}

/// Drops the names found from context (by a rule or the learned layer) that are things the
/// train splits leave untagged (`Xbox One`, `Siri`, `HDMI`, `Buddha`;
/// `gazetteers/cues/things.txt`), in both modes, last. A list's entry stays: the embedded
/// lists do not hold these, and a user's list means what it says.
pub(crate) fn without_things(doc: &Doc<'_>, chosen: &mut Vec<Candidate>) {
    let thing = |c: &Candidate| !is_listed(c) && doc.is_thing(c.start, c.end);
    // Most texts name no thing: a scan costs less than a retain.
    if chosen.iter().any(thing) {
        chosen.retain(|c| !thing(c));
    }
}

/// The names of `gazetteers/cues/things.txt`, folded, as written and with their tokens joined
/// by one space (`wi-fi`, `wi - fi`), and the longest of them in bytes ([`Doc::is_thing`]).
fn things(data: &str) -> (WordMap, usize) {
    let mut names: FastSet<String> = FastSet::default();
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let tokens = crate::tokenize::tokenize(line);
        let words: Vec<String> = tokens
            .iter()
            .map(|t| fold_str(&line[t.start..t.end]))
            .collect();
        names.insert(fold_str(line));
        names.insert(words.join(" "));
    }
    let longest = names.iter().map(String::len).max().unwrap_or(0);
    (WordMap::new(names.iter().map(|n| (n.as_str(), 1))), longest)
}

/// The persons that `coordination.rs` finds next to the persons of `chosen` (in text order):
/// for the learned layer, whose persons the rule did not see before it ran.
pub(crate) fn coordinated_persons(doc: &Doc<'_>, chosen: &[Candidate]) -> Vec<Candidate> {
    // Most texts have no coordinator beside a person (`dan Budi`, `Budi, dan`): then the rule
    // has nothing to find.
    let n = doc.pieces.len();
    let coordinator = |i: usize| i < n && CUES.coordinators.contains(doc.folded(i));
    let beside = chosen.iter().filter(|c| c.label == Label::PER).any(|c| {
        let (Some(first), last) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            return false;
        };
        (first > 0 && coordinator(first - 1))
            || coordinator(last)
            || (last < n && doc.piece(last) == "," && coordinator(last + 1))
    });
    if !beside {
        return Vec::new();
    }
    let mut covered = Covered::new(doc.pieces.len());
    covered.add(doc, chosen);
    let mut found = Vec::new();
    coordination::apply(doc, &covered, &mut found);
    found
}

/// Persons of two words or more that a hyphen joins to a syllable end after it (`Song
/// Joong-ki`, `Kim Jong - un`, [`Doc::with_glued_syllable`]), in both modes after the entities
/// are chosen: the lists, the rules and the model all cut them before the hyphen (with the
/// model 45 names in the news corpus with its hyphens glued, 42 of them right; 80 as the corpus
/// spaces them, all right). Not a user's own entry, whose span is the user's.
pub(crate) fn with_glued_syllables(doc: &Doc<'_>, custom_from: u32, out: &mut [Candidate]) {
    for k in 0..out.len() {
        let c = &out[k];
        if c.label != Label::PER || c.is_custom(custom_from) {
            continue;
        }
        let end = doc.pieces_before(c.end);
        let words = (doc.pieces_before(c.start)..end)
            .filter(|&i| doc.pieces[i].kind == TokenKind::Word)
            .count();
        let longer = doc.with_glued_syllable(end);
        if words < 2 || longer == end {
            continue;
        }
        let byte_end = doc.pieces[longer - 1].end;
        if out.get(k + 1).is_none_or(|next| next.start >= byte_end) {
            out[k].end = byte_end;
        }
    }
}

/// The words of a cue file of one word per line.
fn word_set(data: &str) -> FastSet<String> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The words of the share-alike lists' data files, folded (`scripts/build_gazetteers.py`): the
/// given names (`gazetteers/given_names-wiki.txt`: the first words of the embedded lists'
/// persons that begin three or more of them, and three times as many of them as places and
/// organizations: `Sergio`, `Bobby`, `Julie`), and the person words
/// (`gazetteers/person_words-wiki.txt`: the first and last words of the persons that are no
/// word of the places and organizations and no dictionary word: `Dybala`, `Kahiyang`). Most of
/// those persons are Indonesian Wikipedia's (CC BY-SA 3.0): without the `wiki` feature there
/// are none.
fn wiki_words() -> [FastSet<String>; 2] {
    #[cfg(feature = "wiki")]
    let files = [
        include_str!("../../gazetteers/given_names-wiki.txt"),
        include_str!("../../gazetteers/person_words-wiki.txt"),
    ];
    #[cfg(not(feature = "wiki"))]
    let files = ["", ""];
    files.map(|data| word_set(data).iter().map(|w| fold_str(w)).collect())
}

/// What a folded word is in every cue set ([`Cues::words`]), and [`WORD_COMMON`] if it is
/// an ordinary word, also with a solid enclitic (`Utaranya`), or a word mostly outside names
/// where written with a capital (`Perhubungan`, `Rektor`; [`WORD_OUTSIDE_NAMES`]).
fn word_cues(folded: &str) -> u32 {
    let kinds = CUES.words.get(folded).unwrap_or(0);
    let common = kinds & WORD_OUTSIDE_NAMES != 0 || is_written_lower(folded, kinds);
    kinds | if common { WORD_COMMON } else { 0 }
}

/// Whether a folded word with cue bits `kinds` is one the train splits write in lower case
/// (`gazetteers/cues/common_words.txt`), also with a solid enclitic (`Utaranya`).
fn is_written_lower(folded: &str, kinds: u32) -> bool {
    CUES.common_words.of(kinds) & PHRASE != 0
        || folded
            .strip_suffix("nya")
            .is_some_and(|stem| CUES.common_words.contains(stem))
}

/// The longest word of `headline_lowercase.txt` (checked by a test), for a quick first test.
const HEADLINE_LOWERCASE_MAX_LEN: usize = 6;

/// Indonesian affixes, for [`is_ordinary_word`]: verbs and nouns made from an ordinary word.
const PREFIXES: [&str; 16] = [
    "di", "me", "mem", "men", "meng", "meny", "ber", "be", "ter", "pe", "pem", "pen", "peng",
    "per", "ke", "se",
];
const SUFFIXES: [&str; 5] = ["kan", "an", "i", "nya", "lah"];

/// Whether a folded word is ordinary (`common`: [`WORD_COMMON`]), or made with an affix from,
/// or into, an ordinary word of four letters or more, as headlines write their verbs:
/// `resmikan` (`resmi`), `keluhkan` (`keluhan`), `tangkap` (`ditangkap`). Only for headlines
/// ([`Doc::demote_headline_words`]): names such as `Medan` or `Dian` are too short a stem.
fn is_ordinary_word(folded: &str, common: bool) -> bool {
    if common {
        return true;
    }
    let ordinary = |w: &str| CUES.common_words.contains(w);
    let stems = std::iter::once(folded)
        .chain(PREFIXES.iter().filter_map(|p| folded.strip_prefix(p)))
        .flat_map(|w| {
            std::iter::once(w).chain(SUFFIXES.iter().filter_map(move |s| w.strip_suffix(s)))
        })
        .filter(|stem| stem.chars().count() >= 4);
    let mut scratch = String::new();
    let mut with = |a: &str, stem: &str, b: &str| {
        scratch.clear();
        scratch.push_str(a);
        scratch.push_str(stem);
        scratch.push_str(b);
        ordinary(&scratch)
    };
    stems.into_iter().any(|stem| {
        (stem != folded && ordinary(stem))
            || with("di", stem, "")
            || with("", stem, "an")
            || with("di", stem, "kan")
            || nasal_form(stem).is_some_and(|(me, rest)| with(me, rest, ""))
    })
}

/// The `meN-` form of a verb stem, as a prefix and the rest of the stem: `tinjau` →
/// `meninjau`, `usut` → `mengusut`, `pukul` → `memukul`, `sita` → `menyita`.
fn nasal_form(stem: &str) -> Option<(&'static str, &str)> {
    let first = stem.chars().next()?;
    let rest = &stem[first.len_utf8()..];
    Some(match first {
        't' => ("men", rest),
        'p' => ("mem", rest),
        'k' => ("meng", rest),
        's' => ("meny", rest),
        'a' | 'e' | 'i' | 'o' | 'u' | 'g' | 'h' => ("meng", stem),
        'b' | 'f' | 'v' => ("mem", stem),
        'c' | 'd' | 'j' | 'z' => ("men", stem),
        _ => ("me", stem),
    })
}

/// In [`word_cues`]: an ordinary word.
const WORD_COMMON: u32 = 1 << 27;
/// In [`Cues::words`]: a word of `name_words.tsv` mostly outside names.
const WORD_OUTSIDE_NAMES: u32 = 1 << 28;
/// In [`Cues::words`]: a word of `name_words.tsv` with votes.
const WORD_VOTES: u32 = 1 << 29;
/// In [`Cues::words`]: a word of `name_words.tsv` that alone was a whole name.
const WORD_ALONE: u32 = 1 << 30;
/// In [`Cues::words`]: a word after which a capitalized word names a time or a work (`bulan
/// Ramadhan`, `film Dunkirk`; `not_names_after.txt`, `name_words.rs`).
const WORD_NOT_NAMES_AFTER: u32 = 1 << 31;
/// In [`Cues::caseless_words`]: a given name of the nerp train split (`given_names-nerp.txt`).
pub(crate) const CASELESS_GIVEN: u32 = 1;
/// In [`Cues::caseless_words`]: a word the nerp train split never has in a name
/// (`ordinary_words-nerp.txt`).
pub(crate) const CASELESS_ORDINARY: u32 = 2;
/// In [`Doc::cues`]: not looked up yet.
const CUES_UNKNOWN: u32 = u32::MAX;

/// The text seen as pieces (tokens that are not space) and capitalized runs.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub pieces: Vec<Token>,
    /// Ranges of `pieces`.
    pub runs: Vec<Range<usize>>,
    /// The text folded (`fold.rs`), which the matcher read too.
    fold: Folded<'a>,
    /// Where each piece starts and ends in `fold`, when that differs from the text.
    folded_spans: Vec<(usize, usize)>,
    capitalized: Vec<bool>,
    /// The headlines' pieces ([`Doc::demote_headline_words`]); mostly none.
    headlines: Vec<Range<usize>>,
    /// [`word_cues`] of each piece, looked up when first asked ([`CUES_UNKNOWN`] before): the
    /// rules ask about the same few pieces again and again.
    cues: Vec<Cell<u32>>,
    /// Where [`Doc::phrase_at`] joins words, kept so it allocates once per document.
    scratch: RefCell<String>,
    /// The rules' index of covered pieces (`apply`), kept here between texts.
    covered: Cell<Covered>,
    /// Whether a word has a period right before a letter: only then may the text hold a site's
    /// name (`web_name.rs`).
    pub inner_period: bool,
}

/// The vectors of a [`Doc`], kept by the tagger from one text for the next (`tagger.rs`).
#[derive(Default)]
pub(crate) struct DocBuffers {
    /// Filled with the next text's tokens by the tagger.
    pub tokens: Vec<Token>,
    /// Whether a word of `tokens` has a period right before a letter (the answer of
    /// [`tokenize_into`](crate::tokenize::tokenize_into), set by the tagger with the tokens).
    pub inner_period: bool,
    /// For [`Folded::reusing`].
    pub folded: String,
    runs: Vec<Range<usize>>,
    folded_spans: Vec<(usize, usize)>,
    capitalized: Vec<bool>,
    cues: Vec<Cell<u32>>,
    covered: Covered,
}

impl DocBuffers {
    /// Roughly the bytes the buffers hold.
    pub(crate) fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.tokens.capacity() * size_of::<Token>()
            + self.folded.capacity()
            + self.runs.capacity() * size_of::<Range<usize>>()
            + self.folded_spans.capacity() * size_of::<(usize, usize)>()
            + self.capitalized.capacity()
            + self.cues.capacity() * size_of::<Cell<u32>>()
            + self.covered.bytes()
    }
}

impl<'a> Doc<'a> {
    /// `tokens` are `tokenize(text)`, `folded` is `Folded::new(text)`.
    #[cfg(test)]
    pub(crate) fn new(text: &'a str, tokens: Vec<Token>, folded: Folded<'a>) -> Doc<'a> {
        let buffers = DocBuffers {
            inner_period: tokens
                .iter()
                .any(|t| has_period_before_letter(&text.as_bytes()[t.start..t.end])),
            tokens,
            ..DocBuffers::default()
        };
        Doc::reusing(text, folded, buffers, &[])
    }

    /// `Doc::new` with the tokens in `buffers.tokens` and the other vectors of `buffers`
    /// reused (see [`Doc::into_buffers`]).
    pub(crate) fn reusing(
        text: &'a str,
        folded: Folded<'a>,
        buffers: DocBuffers,
        listed: &[Candidate],
    ) -> Doc<'a> {
        let DocBuffers {
            tokens,
            inner_period,
            folded: _,
            mut runs,
            mut folded_spans,
            mut capitalized,
            mut cues,
            covered,
        } = buffers;
        let n = tokens.len();
        cues.clear();
        cues.resize(n, Cell::new(CUES_UNKNOWN));
        folded_spans.clear();
        if !folded.same_offsets() {
            let mut to_folded = folded.to_folded();
            folded_spans.extend(
                tokens
                    .iter()
                    .map(|t| (to_folded.map(t.start), to_folded.map(t.end))),
            );
        }
        capitalized.clear();
        runs.clear();
        let mut doc = Doc {
            text,
            cues,
            pieces: tokens,
            runs: Vec::new(),
            folded_spans,
            fold: folded,
            capitalized: Vec::new(),
            headlines: Vec::new(),
            scratch: RefCell::new(String::new()),
            covered: Cell::new(covered),
            inner_period,
        };
        let bytes = text.as_bytes();
        let not_names = &CUES.not_names;
        capitalized.extend((0..n).map(|i| {
            let t = &doc.pieces[i];
            let capital = match bytes[t.start] {
                b if b.is_ascii() => b.is_ascii_uppercase(),
                _ => text[t.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase),
            };
            t.kind == TokenKind::Word && capital && not_names.of(doc.cues(i)) & PHRASE == 0
        }));
        doc.capitalized = capitalized;
        doc.demote_headline_words(listed);
        doc.find_runs(&mut runs);
        doc.runs = runs;
        doc
    }

    /// Headlines (`Jokowi Resmikan Bendungan Baru`, `WARGA KOTA BANDUNG BERSAMA RELAWAN`): in a
    /// line of four words or more that all start with a capital, but for the few of
    /// `gazetteers/cues/headline_lowercase.txt`, and a third of them ordinary words, a capital
    /// proves nothing. There an ordinary word ([`is_ordinary_word`]) is not capitalized, so that
    /// no name runs on through it, unless a list name (`listed`, the matcher's candidates) holds
    /// it: `Jakarta Selatan`.
    fn demote_headline_words(&mut self, listed: &[Candidate]) {
        const MIN_WORDS: usize = 4;
        let n = self.pieces.len();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            // The capitalized words, and how many of them are ordinary words: a third at
            // least in a headline, few in a list of names (`Cadangan: Dede Sulaiman, Andri
            // Ibo, …`), where capitals do prove names. Most lines fail at their first
            // lower-case word, before any cue is looked up; the rest of the line is skipped.
            let start = i;
            let mut words = 0;
            let mut headline = true;
            loop {
                match self.initial_is_capital(i) {
                    Some(true) => words += 1,
                    Some(false) => {
                        let word = self.piece(i);
                        headline = word.len() <= HEADLINE_LOWERCASE_MAX_LEN
                            && CUES.headline_lowercase.contains(word);
                    }
                    None => {}
                }
                i += 1;
                if !headline || i == n || !self.same_line(i - 1) {
                    break;
                }
            }
            if !headline {
                let at = self.pieces[i - 1].end;
                let Some(off) = self.text[at..].find('\n') else {
                    break;
                };
                i += self.pieces[i..].partition_point(|p| p.start < at + off);
                continue;
            }
            if words < MIN_WORDS {
                continue;
            }
            let line = start..i;
            let ordinary = line
                .clone()
                .filter(|&k| self.initial_is_capital(k) == Some(true) && self.is_common(k))
                .count();
            if ordinary * 3 < words {
                continue;
            }
            self.headlines.push(line.clone());
            // The list names' spans by start, once: a piece is held when one that starts no
            // later reaches its end (a sweep; asking every name for every piece was quadratic).
            if spans.is_empty() {
                spans.extend(listed.iter().map(|c| (c.start, c.end)));
                spans.sort_unstable();
            }
            let (mut next, mut reach) = (0, 0);
            // Whether the words so far since an organization word name its field
            // (`Dinas Kesehatan`, `Kementerian Pendidikan dan Kebudayaan`).
            let mut field = false;
            for k in line {
                let p = &self.pieces[k];
                while next < spans.len() && spans[next].0 <= p.start {
                    reach = reach.max(spans[next].1);
                    next += 1;
                }
                let org_word = CUES.org_markers.of(self.cues(k)) & (PHRASE | PREFIX | LAST) != 0;
                field = org_word || (field && self.folded(k).ends_with("an"));
                // Cue words stay: `Desa` and `Kota` start places as in sentences.
                if self.capitalized[k]
                    && !field
                    && !self.is_cue_word(k)
                    && is_ordinary_word(self.folded(k), self.is_common(k))
                    && reach < p.end
                {
                    self.capitalized[k] = false;
                }
            }
        }
    }

    /// Whether piece `k`, a word that starts with a letter, starts with a capital; `None` for
    /// other pieces (numbers, marks).
    fn initial_is_capital(&self, k: usize) -> Option<bool> {
        let p = &self.pieces[k];
        let b = self.text.as_bytes()[p.start];
        let (letter, upper) = if b.is_ascii() {
            (b.is_ascii_alphabetic(), b.is_ascii_uppercase())
        } else {
            let c = self.text[p.start..].chars().next()?;
            (c.is_alphabetic(), c.is_uppercase())
        };
        (p.kind == TokenKind::Word && letter).then_some(upper)
    }

    /// Whether piece `i` is in a headline, where capitals prove nothing: the rules that guess
    /// names from capitalized words (`name_words`, `coordination`) leave it alone.
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        let at = self.headlines.partition_point(|line| line.end <= i);
        self.headlines.get(at).is_some_and(|line| line.contains(&i))
    }

    /// The vectors, for the next text's [`Doc::reusing`].
    pub(crate) fn into_buffers(self) -> DocBuffers {
        DocBuffers {
            tokens: self.pieces,
            inner_period: false,
            folded: self.fold.into_buffer(),
            runs: self.runs,
            folded_spans: self.folded_spans,
            capitalized: self.capitalized,
            cues: self.cues,
            covered: self.covered.into_inner(),
        }
    }

    /// Piece `i`, folded (lower case).
    pub(crate) fn folded(&self, i: usize) -> &str {
        let (start, end) = match self.folded_spans.get(i) {
            Some(&span) => span,
            None => (self.pieces[i].start, self.pieces[i].end),
        };
        &self.fold.text[start..end]
    }

    /// Whether piece `i` is an ordinary word, also with a solid enclitic (`Utaranya`).
    pub(crate) fn is_common(&self, i: usize) -> bool {
        self.cues(i) & WORD_COMMON != 0
    }

    /// Whether piece `i` is an ordinary word the train splits write in lower case, not only one
    /// they write with a capital mostly outside names (`Captain`, `Olimpiade`).
    pub(crate) fn is_written_lower(&self, i: usize) -> bool {
        is_written_lower(self.folded(i), self.cues(i))
    }

    /// Whether piece `i` is a word of a person cue, an organization marker or suffix, a place
    /// marker or a degree (first, inside or last in the phrase): such words name no one.
    pub(crate) fn is_cue_word(&self, i: usize) -> bool {
        let cues = self.cues(i);
        [
            &CUES.person,
            &CUES.org_markers,
            &CUES.org_suffixes,
            &CUES.loc_markers,
            &CUES.degrees,
        ]
        .iter()
        .any(|set| set.of(cues) & (PHRASE | PREFIX | LAST) != 0)
    }

    /// Whether piece `i` is a word the train splits had alone as a name, mostly of a place or
    /// an organization (`Espanyol`, `Golkar`).
    pub(crate) fn votes_place_or_organization(&self, i: usize) -> bool {
        self.votes_meet(i, WORD_ALONE, name_words::mostly_places_or_organizations)
    }

    /// Whether piece `i` is a word the train splits saw in places or organizations more than
    /// in persons and outside names (`Media`, `Capital`), alone or in longer names.
    pub(crate) fn votes_place_or_organization_word(&self, i: usize) -> bool {
        self.votes_meet(i, WORD_VOTES, name_words::mostly_places_or_organizations)
    }

    /// Whether piece `i` is a word the train splits wrote with a capital mostly outside names
    /// (`Namun`, `Pemain`; [`WORD_OUTSIDE_NAMES`]).
    pub(crate) fn mostly_outside_names(&self, i: usize) -> bool {
        self.cues(i) & WORD_OUTSIDE_NAMES != 0
    }

    /// Whether piece `i` is a word the train splits wrote with a capital, never in a person
    /// (`Metro`, `Dishub`, `Nazi`).
    pub(crate) fn votes_never_person(&self, i: usize) -> bool {
        self.votes_meet(i, WORD_VOTES, |v| v & 0xff == 0)
    }

    /// Whether pieces `run` open their line before a bracket, comma or dash: a dateline's place
    /// (`JAKARTA (Pos Kota) -`, `BARCELONA, JUARA.net -`).
    pub(crate) fn is_dateline(&self, run: Range<usize>) -> bool {
        (run.start == 0 || !self.same_line(run.start - 1))
            && matches!(
                self.pieces.get(run.end).map(|t| &self.text[t.start..t.end]),
                Some("(" | "," | "-")
            )
    }

    /// Whether piece `i` begins or ends a name of the embedded lists' persons and no name of
    /// their places and organizations (`Dybala`; `person_word.rs`).
    pub(crate) fn is_person_word(&self, i: usize) -> bool {
        CUES.person_words.contains(self.folded(i))
    }

    /// Whether piece `i` is a given name of the embedded lists' persons (`Sergio`, `Julie`).
    pub(crate) fn is_given_name(&self, i: usize) -> bool {
        CUES.given_names.contains(self.folded(i))
    }

    /// Whether piece `i` opens like a person's name: a given name, or a word the train splits
    /// saw mostly in persons.
    pub(crate) fn opens_person(&self, i: usize) -> bool {
        self.is_given_name(i) || self.votes_person(i)
    }

    /// Whether piece `i` is a word the train splits saw in persons more than anywhere else.
    pub(crate) fn votes_person(&self, i: usize) -> bool {
        self.votes_meet(i, WORD_VOTES, name_words::mostly_persons)
    }

    /// Whether piece `i` has `flag` among its cue bits (a quick test) and name votes that
    /// `test` accepts.
    fn votes_meet(&self, i: usize, flag: u32, test: fn(u32) -> bool) -> bool {
        self.cues(i) & flag != 0 && CUES.name_votes.get(self.folded(i)).is_some_and(test)
    }

    /// How many pieces, from `i` and not past `end`, an organization or place word covers
    /// (`PT`, `Kabupaten`, `Rumah Sakit`); the two lists share no phrase.
    pub(crate) fn marker_at(&self, i: usize, end: usize) -> Option<usize> {
        self.phrase_at(&CUES.org_markers, i, end)
            .or_else(|| self.phrase_at(&CUES.loc_markers, i, end))
    }

    /// Whether piece `i` is the prefix of a Balinese name before its name (`I` before `Wayan`;
    /// `name_prefix.rs`).
    pub(crate) fn is_name_prefix(&self, i: usize) -> bool {
        // `I`, `Ni`: a short piece, the only test most pieces meet.
        i + 1 < self.pieces.len()
            && self.pieces[i].end - self.pieces[i].start <= CUES.name_prefix_len
            && self.same_line(i)
            && CUES
                .name_prefixes
                .get(self.piece(i))
                .is_some_and(|names| names.contains(self.folded(i + 1)))
    }

    /// Whether piece `i` is one of the one-word phrases of `phrases`.
    pub(crate) fn is_phrase(&self, phrases: &Phrases, i: usize) -> bool {
        phrases.of(self.cues(i)) & PHRASE != 0
    }

    /// [`word_cues`] of piece `i`, looked up once.
    #[inline]
    fn cues(&self, i: usize) -> u32 {
        let cell = &self.cues[i];
        if cell.get() == CUES_UNKNOWN {
            self.look_up_cues(i);
        }
        cell.get()
    }

    #[cold]
    fn look_up_cues(&self, i: usize) {
        self.cues[i].set(word_cues(self.folded(i)));
    }

    pub(crate) fn piece(&self, i: usize) -> &'a str {
        let t = &self.pieces[i];
        &self.text[t.start..t.end]
    }

    /// Whether only spaces on one line stand between pieces `i` and `i + 1`.
    #[inline]
    pub(crate) fn same_line(&self, i: usize) -> bool {
        !breaks_line(&self.text.as_bytes()[self.pieces[i].end..self.pieces[i + 1].start])
    }

    /// Whether piece `i` is an English organization's word that goes on with the `of` or `for`
    /// after it (`University of`; `gazetteers/cues/of_heads.txt`): a run goes on through that
    /// `of` (`find_runs`), and it begins an organization (`org_marker.rs`).
    pub(crate) fn goes_on_with_of(&self, i: usize) -> bool {
        i + 1 < self.pieces.len()
            && matches!(self.piece(i + 1), "of" | "for")
            && CUES.of_heads.contains(self.folded(i))
    }

    /// Whether pieces `i` and `i + 1` touch, with nothing between.
    pub(crate) fn glued(&self, i: usize) -> bool {
        self.pieces[i].end == self.pieces[i + 1].start
    }

    /// The end of a person's name that ends before piece `end`, with the syllable a hyphen
    /// glues to its last word (`Song Joong-ki`, `Choi Soon-sil`: one to five lower-case letters,
    /// no enclitic such as `-lah`), or `end` if none follows. Text that spaces its hyphens out
    /// (`Song Joong - ki`, `Kim Jong - un`, as the news corpus and the train splits do) counts
    /// too, unless the syllable is an ordinary word of four letters or more: then the hyphen is a
    /// dash (`Budi - yang …`). (Syllables such as `ki` and `un` are ordinary words to
    /// `common_words.txt`, which counts them in the train splits' spaced-out names.)
    pub(crate) fn with_glued_syllable(&self, end: usize) -> usize {
        let syllable = |w: &str| {
            (1..=5).contains(&w.len())
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !is_enclitic(w)
        };
        let attached = |end: usize| {
            (self.glued(end - 1) && self.glued(end))
                || (!self.glued(end - 1)
                    && !self.glued(end)
                    && self.same_line(end - 1)
                    && self.same_line(end)
                    && (self.piece(end + 1).len() <= 3 || !self.is_common(end + 1)))
        };
        if end > 0
            && end + 1 < self.pieces.len()
            && is_hyphen(self.piece(end))
            && syllable(self.piece(end + 1))
            && attached(end)
        {
            end + 2
        } else {
            end
        }
    }

    /// The piece of candidate `c` if it is one word with a piece before it on its line and no
    /// capitalized word right after it there: a name alone after the word that says what it is
    /// (`ujar Bima`, `Kapolsek Tambun`; `speaker::relabel`, `person_cue::territories`).
    pub(crate) fn lone_word_after_another(&self, c: &Candidate) -> Option<usize> {
        let i = self.piece_starting_at(c.start)?;
        let more_after =
            i + 1 < self.pieces.len() && self.same_line(i) && self.is_capitalized(i + 1);
        (self.pieces[i].end == c.end && !more_after && i > 0 && self.same_line(i - 1)).then_some(i)
    }

    pub(crate) fn is_capitalized(&self, i: usize) -> bool {
        self.capitalized[i]
    }

    /// Whether piece `i` is the first half of a reduplicated word, a plural (`Partai-partai`,
    /// `Gereja-gereja`): the same word glued after a hyphen.
    pub(crate) fn is_reduplicated(&self, i: usize) -> bool {
        i + 2 < self.pieces.len()
            && self.piece(i + 1) == "-"
            && self.glued(i)
            && self.glued(i + 1)
            && self.folded(i) == self.folded(i + 2)
    }

    /// Appends the capitalized runs to `runs`.
    fn find_runs(&self, runs: &mut Vec<Range<usize>>) {
        let n = self.pieces.len();
        let mut i = 0;
        while i < n {
            if !self.is_capitalized(i) {
                i += 1;
                continue;
            }
            // A reduplicated plural (`Partai-partai`, `Kota-kota`) is no name.
            if self.is_reduplicated(i) {
                i += 3;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < n && self.same_line(end - 1) {
                if self.is_capitalized(end) {
                    end += 1;
                    continue;
                }
                // A piece that joins the run to the word after it: a glued hyphen
                // (`Al-Azhar`), or before a capitalized word a particle (`bin`), the period
                // of an initial (`Susilo B. Yudhoyono`) or `of` or `for` after an English
                // organization's word (`University of Edinburgh`).
                let p = self.piece(end);
                let hyphen = is_hyphen(p)
                    && self.glued(end - 1)
                    && end + 1 < n
                    && self.glued(end)
                    && self.pieces[end + 1].kind == TokenKind::Word;
                let joins = hyphen || {
                    let next_cap =
                        end + 1 < n && self.same_line(end) && self.is_capitalized(end + 1);
                    let initial =
                        p == "." && self.glued(end - 1) && self.piece(end - 1).chars().count() == 1;
                    next_cap
                        && (initial || self.goes_on_with_of(end - 1) || CUES.particles.contains(p))
                };
                if joins {
                    end += 2;
                    continue;
                }
                // A particle glued by a hyphen to the capitalized word after it: `Khalid
                // al-Sarayreh`.
                let particle_hyphen = end + 2 < n
                    && self.glued(end)
                    && is_hyphen(self.piece(end + 1))
                    && self.glued(end + 1)
                    && self.is_capitalized(end + 2)
                    && CUES.particles.contains(p);
                if !particle_hyphen {
                    break;
                }
                end += 3;
            }
            runs.push(start..end);
            i = end;
        }
    }

    /// How many pieces, from `i` and not past `end`, the longest phrase of `phrases` covers.
    #[inline]
    pub(crate) fn phrase_at(&self, phrases: &Phrases, i: usize, end: usize) -> Option<usize> {
        if i >= end {
            return None;
        }
        // Most words start no phrase of two words or more: their own bits answer.
        let kind = phrases.of(self.cues(i));
        let found = (kind & PHRASE != 0).then_some(1);
        if kind & PREFIX == 0 || end - i == 1 {
            return found;
        }
        self.longer_phrase_at(phrases, i, end, found)
    }

    /// [`Doc::phrase_at`] for a word that starts a longer phrase: the words joined and looked
    /// up, one more at a time.
    fn longer_phrase_at(
        &self,
        phrases: &Phrases,
        i: usize,
        end: usize,
        mut found: Option<usize>,
    ) -> Option<usize> {
        let limit = phrases.longest.min(end - i);
        let mut joined = self.scratch.borrow_mut();
        joined.clear();
        joined.push_str(self.folded(i));
        for k in 1..limit {
            if !self.same_line(i + k - 1) {
                break;
            }
            joined.push(' ');
            joined.push_str(self.folded(i + k));
            let kind = phrases.kind(joined.as_str());
            if kind & PHRASE != 0 {
                found = Some(k + 1);
            }
            if kind & PREFIX == 0 {
                break;
            }
        }
        found
    }

    /// Where the person ends whom a place or organization is named after, if one (`known`)
    /// follows its `n`-word marker at piece `j`, after any title, by `end`: `Jl. Ahmad Yani`,
    /// `RSUD Dr. Soetomo Budi` (only after the words of `named_after_persons.txt`).
    pub(crate) fn person_after_marker(
        &self,
        j: usize,
        n: usize,
        end: usize,
        persons: &CoveredBy<'_>,
    ) -> Option<usize> {
        let mut at = j + n;
        while let Some(t) = self.phrase_at(&CUES.person, at, end) {
            at += t;
        }
        let person_end = persons.span_from(at, end)?;
        CUES.named_after_persons
            .contains(&self.phrase(j..j + n))
            .then_some(person_end)
    }

    /// The pieces `range`, folded, joined by single spaces (as the cue files write phrases).
    pub(crate) fn phrase(&self, range: Range<usize>) -> String {
        range.map(|i| self.folded(i)).collect::<Vec<_>>().join(" ")
    }

    /// Whether piece `i` is a later word of a phrase of `phrases`, and the last word of some
    /// phrase of them (`Kota` of `Wali Kota`, which ends `Wakil Wali Kota` too).
    pub(crate) fn inside_phrase(&self, phrases: &Phrases, i: usize) -> bool {
        // Most words end no phrase of two words or more: their own bits tell.
        if phrases.of(self.cues(i)) & LAST == 0 {
            return false;
        }
        (1..phrases.longest.min(i + 1)).any(|k| {
            (i - k..i).all(|p| self.same_line(p))
                && self
                    .phrase_at(phrases, i - k, self.pieces.len())
                    .is_some_and(|n| n > k)
        })
    }

    /// Whether a phrase of `phrases` ends right before piece `i`, on the same line.
    pub(crate) fn phrase_before(&self, phrases: &Phrases, i: usize) -> bool {
        // Most words before a run end no phrase: one look at the last word tells.
        if i == 0 || !self.same_line(i - 1) || phrases.of(self.cues(i - 1)) & (PHRASE | LAST) == 0 {
            return false;
        }
        (1..=phrases.longest.min(i)).any(|k| self.phrase_at(phrases, i - k, i) == Some(k))
    }

    /// Whether `run` comes right after a phrase of `cue` and may be an unknown name there: at
    /// most `max` pieces, no name the candidates so far (`known`) hold, and only words that are
    /// no ordinary word, person cue or marker, and that `odd` does not reject.
    pub(crate) fn unknown_run_after(
        &self,
        cue: &Phrases,
        run: Range<usize>,
        max: usize,
        known: &CoveredBy<'_>,
        odd: impl Fn(&str) -> bool,
    ) -> bool {
        run.len() <= max
            && self.phrase_before(cue, run.start)
            && !known.overlaps(run.clone())
            && run.clone().all(|i| {
                !self.is_common(i)
                    && !odd(self.piece(i))
                    && [&CUES.person, &CUES.org_markers, &CUES.loc_markers]
                        .iter()
                        .all(|c| self.phrase_at(c, i, i + 1).is_none())
            })
    }

    /// Whether the word before piece `i` says that a time, the title of a work or a cup follows
    /// (`bulan Ramadhan`, `film Dunkirk`, `piala Thomas`; `not_names_after.txt`).
    pub(crate) fn follows_not_names_word(&self, i: usize) -> bool {
        i > 0 && self.cues(i - 1) & WORD_NOT_NAMES_AFTER != 0
    }

    /// Whether `run` could be a person's name that nothing known yet explains: no name the
    /// candidates so far (`known`) hold, and among its capitalized words no ordinary word
    /// (`Ia`, `Polisi`), cue or marker word (`Menhub`, `Kementerian`), acronym (`KPK`, as
    /// often an organization's), brand (`DailySocial`), word with a digit, word the train splits
    /// saw mostly in places and organizations, or, with the `wiki` feature, word the lower-case
    /// nerp train split never has in a name (`Netizen`, `Rumor`: ordinary words that open
    /// sentences, rare in the cased splits) unless it is a given name (`Lauren`, `Diana`: nerp
    /// leaves many foreign persons untagged).
    pub(crate) fn unknown_person(&self, run: Range<usize>, known: &CoveredBy<'_>) -> bool {
        !known.overlaps(run.clone())
            && run.into_iter().all(|i| {
                let word = self.piece(i);
                !self.is_capitalized(i)
                    || !(self.is_common(i)
                        || self.is_cue_word(i)
                        || is_all_caps(word)
                        || is_brand_cased(word)
                        || has_digit(word)
                        || self.votes_place_or_organization_word(i)
                        || (CUES
                            .caseless_words
                            .get(self.folded(i))
                            .is_some_and(|bits| bits & CASELESS_ORDINARY != 0)
                            && !self.is_given_name(i)))
            })
    }

    /// Whether the text from byte `start` to `end`, whole pieces, is a thing of
    /// [`without_things`].
    #[inline]
    fn is_thing(&self, start: usize, end: usize) -> bool {
        if self.fold.same_offsets() {
            // The folded name is the same bytes of the folded text: one lookup, most names
            // too long for any thing.
            return end - start <= CUES.things_longest
                && CUES.things.get(&self.fold.text[start..end]).is_some();
        }
        let Some(first) = self.piece_starting_at(start) else {
            return false;
        };
        let last = self.pieces_before(end);
        let mut joined = self.scratch.borrow_mut();
        joined.clear();
        for i in first..last {
            if i > first {
                joined.push(' ');
            }
            joined.push_str(self.folded(i));
        }
        CUES.things.get(&joined).is_some()
    }

    /// Index of the piece that starts at byte `pos`, if one does.
    pub(crate) fn piece_starting_at(&self, pos: usize) -> Option<usize> {
        let i = self.pieces.partition_point(|t| t.start < pos);
        (i < self.pieces.len() && self.pieces[i].start == pos).then_some(i)
    }

    /// Index one past the last piece that ends at or before byte `pos`.
    pub(crate) fn pieces_before(&self, pos: usize) -> usize {
        self.pieces.partition_point(|t| t.end <= pos)
    }

    /// The names of the rules the learned layer was not trained with (organization cues that
    /// open a sentence, `speaker`, `age`, `coordination`, `brand_name`) and of `person_word`
    /// (the model knows the lists' words, but of the 2,014 such names the rule finds in the
    /// news corpus it leaves 236 untagged: `Kahiyang`), from what the lists and rules found
    /// (after [`apply`]): the learned layer adds those it left free.
    pub(crate) fn unlearned_names(&self) -> Vec<Candidate> {
        let mut covered = self.covered.take();
        let mut found = Vec::new();
        let person_word: Rule = person_word::apply;
        for rule in UNLEARNED_BEFORE_NAME_WORDS
            .iter()
            .chain(&UNLEARNED_AFTER_NAME_WORDS)
            .chain([&person_word])
        {
            run_one(*rule, self, &mut covered, &mut found);
        }
        self.covered.set(covered);
        found
    }

    pub(crate) fn candidate(&self, pieces: Range<usize>, label: Label, rule: &str) -> Candidate {
        Candidate {
            start: self.pieces[pieces.start].start,
            end: self.pieces[pieces.end - 1].end,
            label,
            source: rule_source(rule),
            canonical: None,
            priority: RULE_PRIORITY,
            ambiguous: false,
        }
    }
}

/// The source of every rule's candidates, `rule:NAME`, made once.
static RULE_SOURCES: Lazy<FastMap<&'static str, Arc<str>>> = Lazy::new(|| {
    [
        "initials",
        "person_cue",
        "company_office",
        "web_name",
        "org_marker",
        "loc_marker",
        "place_preposition",
        "org_cue",
        "speaker",
        "age",
        "name_words",
        "given_name",
        "person_word",
        "coordination",
        "name_prefix",
        "compass",
        "acronym",
        "surname",
        "same_name",
        "sports_club",
        "place_list",
    ]
    .into_iter()
    .map(|rule| (rule, Arc::from(format!("rule:{rule}"))))
    .collect()
});

/// `rule:NAME` for a rule's candidates.
pub(crate) fn rule_source(rule: &str) -> Arc<str> {
    RULE_SOURCES
        .get(rule)
        .cloned()
        .unwrap_or_else(|| Arc::from(format!("rule:{rule}")))
}

/// A rule: it reads the text and what the candidates so far cover, and adds its candidates.
type Rule = fn(&Doc<'_>, &Covered, &mut Vec<Candidate>);

/// The rules the learned layer was not trained with, in two groups: before `name_words`, whose
/// guesses from words would otherwise take their runs first, and after it, for `coordination`,
/// which joins names to its persons too.
const UNLEARNED_BEFORE_NAME_WORDS: [Rule; 3] = [org_cue::apply_opening, speaker::apply, age::apply];
const UNLEARNED_AFTER_NAME_WORDS: [Rule; 2] = [coordination::apply, brand_name::apply];

/// Runs `rule` and adds what it found to `covered`.
fn run_one(rule: Rule, doc: &Doc<'_>, covered: &mut Covered, candidates: &mut Vec<Candidate>) {
    let from = candidates.len();
    rule(doc, covered, candidates);
    covered.add(doc, &candidates[from..]);
}

/// Runs every rule, adding their candidates to `candidates`; the rules that draw on name
/// knowledge only if asked (`name_words`), `lowercase_names` only with `ignore_case` too, and
/// the rules the learned layer was not trained with only if asked (`unlearned`: `web_name`,
/// whose sites the learned layer adds after its own tags in `model::tag`, organization cues
/// that open a sentence, `org_cue::apply_opening`, `speaker`, `age`, `coordination` and
/// `brand_name`, whose names it adds too, [`Doc::unlearned_names`]).
pub(crate) fn apply(
    doc: &Doc<'_>,
    candidates: &mut Vec<Candidate>,
    name_words: bool,
    unlearned: bool,
    ignore_case: bool,
) {
    // A list name that starts inside an office (`Kota Surabaya` in `Wali Kota Surabaya`):
    // the office's words are not the name's.
    // (The candidates come by start: one walk over the pieces finds each one's first.)
    let mut first = 0;
    candidates.retain(|c| {
        while first < doc.pieces.len() && doc.pieces[first].start < c.start {
            first += 1;
        }
        let starts_piece = doc.pieces.get(first).is_some_and(|p| p.start == c.start);
        !(starts_piece && doc.inside_phrase(&CUES.person, first))
    });
    // The rules' candidates come after the lists'.
    let listed = candidates.len();
    initials::apply(doc, ignore_case, candidates);
    let mut covered = doc.covered.take();
    covered.reset(doc.pieces.len());
    covered.add(doc, candidates);
    let mut run = |rules: &[Rule]| {
        for rule in rules {
            run_one(*rule, doc, &mut covered, candidates);
        }
    };
    if unlearned {
        run(&[web_name::apply]);
    }
    run(&[
        person_cue::apply,
        org_marker::apply,
        loc_marker::apply,
        place_preposition::apply,
        org_cue::apply,
    ]);
    if unlearned {
        run(&UNLEARNED_BEFORE_NAME_WORDS);
    }
    if name_words {
        run(&[given_name::apply, name_words::apply, person_word::apply]);
    }
    if unlearned {
        run(&UNLEARNED_AFTER_NAME_WORDS);
    }
    if name_words && ignore_case {
        lowercase_names::apply(doc, &covered, candidates);
    }
    doc.covered.set(covered);
    name_prefix::apply(doc, candidates);
    if unlearned {
        compass::apply(doc, ignore_case, candidates);
        drop_persons_after_work_articles(doc, candidates, listed);
    }
}

/// `menurut The Mirror`: a cue or a name's words found a person in the name of an outlet, a band
/// or a work. Only the rules' persons, from `candidates[from..]`, go. Not for the learned layer,
/// which leaves almost all of them untagged by itself (5 in 7 MB of news).
fn drop_persons_after_work_articles(doc: &Doc<'_>, candidates: &mut Vec<Candidate>, from: usize) {
    let after_article = |c: &Candidate| {
        doc.piece_starting_at(c.start)
            .and_then(|i| i.checked_sub(1))
            .is_some_and(|a| doc.same_line(a) && CUES.work_articles.contains(doc.piece(a)))
    };
    // Kept candidates move down over the dropped ones, in order (a `remove` each would be
    // quadratic in a text of many such persons).
    let mut kept = from;
    for i in from..candidates.len() {
        let c = &candidates[i];
        if !(c.label == Label::PER && c.source.starts_with("rule:") && after_article(c)) {
            candidates.swap(kept, i);
            kept += 1;
        }
    }
    candidates.truncate(kept);
}

/// Whether every piece of `run` is a capitalized word without a digit: a name listed between
/// two others (`place_list.rs`, `person_list.rs`).
pub(crate) fn listed_name_words(doc: &Doc<'_>, run: Range<usize>) -> bool {
    run.into_iter()
        .all(|i| doc.is_capitalized(i) && !has_digit(doc.piece(i)))
}

/// Adds `found` to `chosen`, which is in order and stays so.
pub(crate) fn add_in_order(chosen: &mut Vec<Candidate>, found: Vec<Candidate>) {
    if !found.is_empty() {
        chosen.extend(found);
        chosen.sort_by_key(|c| c.start);
    }
}

/// Two or more letters, all capitals: an acronym.
pub(crate) fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// A quotation mark: a run right after or before one is mostly the title of a work (`"Black
/// Date"`) or a nickname, which are not names here.
#[inline]
pub(crate) fn is_quote(p: &str) -> bool {
    matches!(p, "\"" | "'" | "“" | "”" | "‘" | "’" | "«" | "»")
}

/// Whether a hyphen touches the run's ends (`Daniel Day-Lewis`, spaced out as `Daniel Day -
/// Lewis` in some news): the name goes on past the run; or is inside it, gluing a word to a
/// name's word (`Bambang-lah`, an enclitic, is no name of two words). A hyphen after a number
/// before the run numbers it (a player's shirt in a line-up: `5 - Miralem Pjanic`). For the
/// rules that take a run for a person from its words (`given_name`, `person_word`).
fn glued_to_a_hyphen(doc: &Doc<'_>, run: std::ops::Range<usize>) -> bool {
    let hyphen = |k: usize| matches!(doc.piece(k), "-" | "–");
    let number = |k: usize| doc.piece(k).bytes().all(|b| b.is_ascii_digit());
    (run.start > 0 && hyphen(run.start - 1) && !(run.start > 1 && number(run.start - 2)))
        || (run.end < doc.pieces.len() && hyphen(run.end))
        || run.clone().any(hyphen)
}

/// Whether piece `j`, the last before `end`, is a place of one word the lists know (`places`)
/// and in no other name (`others`): after a given name, a surname (`Robert Downey`).
#[inline]
pub(crate) fn lone_listed_place(
    places: &CoveredBy<'_>,
    others: &CoveredBy<'_>,
    j: usize,
    end: usize,
) -> bool {
    j + 1 == end && places.span_from(j, end) == Some(end) && !others.inside(j)
}

/// Whether a word holds a digit: a number, a date or a model (`V30`), no name word.
pub(crate) fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a word has a capital after its fourth letter, between lower-case letters, the way
/// brands are written (`WhatsApp`, `MarlinBooking`, `InfraDigital`): names of people have inner
/// capitals only after a short prefix (`McGregor`, `MacArthur`, `DiCaprio`, `LeBron`).
pub(crate) fn is_brand_cased(word: &str) -> bool {
    // Five letters at least; most words are ASCII, read byte by byte.
    let bytes = word.as_bytes();
    if bytes.len() < 5 {
        return false;
    }
    if word.is_ascii() {
        return bytes[0].is_ascii_uppercase()
            && (4..bytes.len())
                .any(|j| bytes[j].is_ascii_uppercase() && bytes[j - 1].is_ascii_lowercase());
    }
    let mut chars = word.chars();
    let Some(mut previous) = chars.next().filter(|c| c.is_uppercase()) else {
        return false;
    };
    // `k` counts the letters before `previous`.
    chars.enumerate().any(|(k, c)| {
        let inner = k >= 3 && previous.is_lowercase() && c.is_uppercase();
        previous = c;
        inner
    })
}

/// Which pieces the candidates so far cover, by label (`PER`, `LOC`, `ORG`), so that every
/// question the rules ask is an array read or a short binary search. Built once per text and
/// grown after each rule (built anew for each rule's labels, sorting and allocating cost more
/// than all the questions asked). Its ranges follow the candidates, its one array the pieces.
#[derive(Default)]
pub(crate) struct Covered {
    /// `(first piece, end piece, label bit)` of every candidate that starts where a piece
    /// starts, in order. A range may be empty (end = first) when its candidate ends inside its
    /// first piece (`Tbk` of `Tbk.`).
    ranges: Vec<(usize, usize, u8)>,
    /// For each piece, the label bits of the non-empty ranges over it.
    inside: Vec<u8>,
}

/// A label's bit in [`Covered`]; other labels have none (no rule asks about them).
fn label_bit(label: &Label) -> u8 {
    [Label::PER, Label::LOC, Label::ORG]
        .iter()
        .position(|l| l == label)
        .map_or(0, |i| 1 << i)
}

impl Covered {
    /// Nothing covered yet, in a text of `pieces` pieces.
    pub(crate) fn new(pieces: usize) -> Covered {
        let mut covered = Covered::default();
        covered.reset(pieces);
        covered
    }

    /// Nothing covered, in a text of `pieces` pieces, in the vectors already allocated.
    fn reset(&mut self, pieces: usize) {
        self.ranges.clear();
        self.inside.clear();
        self.inside.resize(pieces, 0);
    }

    fn bytes(&self) -> usize {
        self.ranges.capacity() * std::mem::size_of::<(usize, usize, u8)>() + self.inside.capacity()
    }

    /// Adds what `candidates` cover.
    pub(crate) fn add(&mut self, doc: &Doc<'_>, candidates: &[Candidate]) {
        if candidates.is_empty() {
            return;
        }
        let from = self.ranges.len();
        self.ranges.extend(candidates.iter().filter_map(|c| {
            let bit = label_bit(&c.label);
            (bit != 0).then_some((c.start, c.end, bit))
        }));
        self.ranges[from..].sort_unstable();
        // The byte spans in order, each turned into pieces where it lies, found by galloping
        // on from the last: a search over all pieces per span cost more in long documents
        // than the rest of the rules, a walk over all pieces more in short ones.
        let pieces = &doc.pieces;
        let (mut first, mut kept) = (0, from);
        for r in from..self.ranges.len() {
            let (start, end, bit) = self.ranges[r];
            first = gallop(pieces, first, |t| t.start < start);
            if pieces.get(first).is_none_or(|t| t.start != start) {
                continue;
            }
            let mut past = first;
            while past < pieces.len() && pieces[past].end <= end {
                self.inside[past] |= bit;
                past += 1;
            }
            self.ranges[kept] = (first, past, bit);
            kept += 1;
        }
        self.ranges.truncate(kept);
        if from > 0 {
            // Two sorted runs: the stable sort merges them in one pass.
            self.ranges.sort();
        }
    }

    /// The pieces covered by candidates with a label in `labels`.
    pub(crate) fn by(&self, labels: &[Label]) -> CoveredBy<'_> {
        CoveredBy {
            covered: self,
            mask: labels.iter().fold(0, |bits, l| bits | label_bit(l)),
        }
    }
}

/// [`Covered`], seen for some labels only.
pub(crate) struct CoveredBy<'a> {
    covered: &'a Covered,
    mask: u8,
}

impl CoveredBy<'_> {
    /// Whether a range starts at piece `i`.
    pub(crate) fn starts_at(&self, i: usize) -> bool {
        self.starting_at(i).next().is_some()
    }

    /// The ends of the ranges that start at piece `i`.
    fn starting_at(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let ranges = &self.covered.ranges;
        let from = ranges.partition_point(|&(s, _, _)| s < i);
        ranges[from..]
            .iter()
            .take_while(move |&&(s, _, _)| s == i)
            .filter(|&&(_, _, bit)| bit & self.mask != 0)
            .map(|&(_, e, _)| e)
    }

    /// Whether a range `(s, e)` overlaps the pieces `r` (not empty): `s < r.end && r.start < e`.
    pub(crate) fn overlaps(&self, r: Range<usize>) -> bool {
        r.clone().any(|i| self.inside(i))
            // An empty range (s, s) counts when r.start < s < r.end.
            || (r.start + 1..r.end).any(|i| self.starting_at(i).any(|e| e == i))
    }

    /// Whether piece `i` lies inside one of the ranges.
    pub(crate) fn inside(&self, i: usize) -> bool {
        self.covered
            .inside
            .get(i)
            .is_some_and(|&bits| bits & self.mask != 0)
    }

    /// The end piece of the longest range that starts at piece `i` and ends by `end`.
    pub(crate) fn span_from(&self, i: usize, end: usize) -> Option<usize> {
        self.starting_at(i).filter(|&e| e <= end && e > i).max()
    }

    /// The end piece of the longest range that starts at piece `i`, wherever it ends.
    pub(crate) fn longest_from(&self, i: usize) -> Option<usize> {
        self.starting_at(i).max()
    }
}

/// The first index from `from` on where `before` is false, for `before` true then false along
/// `items`: an exponential search from `from`, then a binary one.
fn gallop<T>(items: &[T], from: usize, before: impl Fn(&T) -> bool) -> usize {
    let mut step = 1;
    let mut low = from;
    while low + step < items.len() && before(&items[low + step]) {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(items.len());
    low + items[low..high].partition_point(before)
}

/// A candidate over bytes `span` with `label`, as a list would make it: what rule tests feed in.
#[cfg(test)]
pub(crate) fn test_candidate(span: Range<usize>, label: Label) -> Candidate {
    Candidate {
        start: span.start,
        end: span.end,
        label,
        source: rule_source("t"),
        canonical: None,
        priority: 0,
        ambiguous: false,
    }
}

/// Candidates for `known` (`name`, `LABEL`: the first occurrence of `name` in `text`), as a
/// list would make them.
#[cfg(test)]
pub(crate) fn known_candidates(text: &str, known: &[(&str, Label)]) -> Vec<Candidate> {
    known
        .iter()
        .map(|&(name, label)| {
            let start = text.find(name).expect("a known name is in the text");
            test_candidate(start..start + name.len(), label)
        })
        .collect()
}

/// The candidates `rule` adds to those of `known` (`name`, `LABEL`: the first occurrence of
/// `name` in `text`), as `text/LABEL/source`: what tests of one rule compare.
#[cfg(test)]
pub(crate) fn run_rule(
    text: &str,
    known: &[(&str, Label)],
    rule: fn(&Doc<'_>, &Covered, &mut Vec<Candidate>),
) -> Vec<String> {
    let doc = Doc::new(text, crate::tokenize::tokenize(text), Folded::new(text));
    let mut candidates = known_candidates(text, known);
    let mut covered = Covered::new(doc.pieces.len());
    covered.add(&doc, &candidates);
    rule(&doc, &covered, &mut candidates);
    candidates[known.len()..]
        .iter()
        .map(|c| format!("{}/{}/{}", &text[c.start..c.end], c.label, c.source))
        .collect()
}

/// Asserts that no entity `tag` finds in any of `texts` (as `TEXT/LABEL/SOURCE`) contains
/// `needle`.
#[cfg(all(test, feature = "embedded"))]
pub(crate) fn assert_none_tagged(tag: impl Fn(&str) -> Vec<String>, texts: &[&str], needle: &str) {
    for text in texts {
        let found = tag(text);
        assert!(
            found.iter().all(|e| !e.contains(needle)),
            "{text}: {found:?}"
        );
    }
}

/// `text`'s entities as `TEXT/LABEL/SOURCE`, by the default tagger (embedded lists).
#[cfg(all(test, feature = "embedded"))]
pub(crate) fn tag_embedded_for_test(text: &str) -> Vec<String> {
    crate::Tagger::embedded()
        .tag(text)
        .iter()
        .map(|e| format!("{}/{}/{}", e.as_str(), e.label(), e.source()))
        .collect()
}

/// Tags `text` with a tagger that knows only `places` (LOC) and `orgs` (ORG), or persons
/// written `PER:name` among the places, and returns `text/LABEL/source` for each entity: what
/// rule tests compare.
#[cfg(test)]
pub(crate) fn tag_for_test(text: &str, places: &[&str], orgs: &[&str]) -> Vec<String> {
    let mut g = crate::Gazetteer::new("t");
    for p in places {
        match p.strip_prefix("PER:") {
            Some(person) => g.insert(person, Label::PER).unwrap(),
            None => g.insert(p, Label::LOC).unwrap(),
        };
    }
    for o in orgs {
        g.insert(o, Label::ORG).unwrap();
    }
    let tagger = crate::Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(g)
        .build()
        .unwrap();
    tagger
        .tag(text)
        .iter()
        .map(|e| format!("{}/{}/{}", e.as_str(), e.label(), e.source()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn a_place_or_organization_after_the_begins_with_it() {
        let starts = |text: &str, known: &[(&str, Label)], custom_from: u32| {
            let doc = Doc::new(text, tokenize(text), Folded::new(text));
            let mut chosen = known_candidates(text, known);
            for c in &mut chosen {
                c.source = Arc::from("gazetteer:t");
            }
            with_articles(&doc, &mut chosen, custom_from);
            chosen
                .iter()
                .map(|c| text[c.start..c.end].to_string())
                .collect::<Vec<_>>()
        };
        let times = [("Zyx Times", Label::ORG)];
        // A list's entry, unless the list is the user's (from priority 0 on, here).
        assert_eq!(
            starts("menurut The Zyx Times kemarin", &times, 1),
            ["The Zyx Times"]
        );
        // Not a person (`work_articles.txt`), nor a user's entry, nor across a line or a hyphen.
        assert_eq!(starts("kata The Zyx", &[("Zyx", Label::PER)], 1), ["Zyx"]);
        assert_eq!(starts("menurut The Zyx Times", &times, 0), ["Zyx Times"]);
        assert_eq!(starts("menurut The\nZyx Times", &times, 1), ["Zyx Times"]);
        assert_eq!(starts("menurut The-Zyx Times", &times, 1), ["Zyx Times"]);
        // Nor where another name holds the article.
        assert_eq!(
            starts(
                "dari Abc The Zyx Times",
                &[("Abc The", Label::ORG), times[0]],
                1
            ),
            ["Abc The", "Zyx Times"]
        );
    }

    #[test]
    fn a_thing_found_from_context_is_no_name() {
        // `kata` cues a person; a thing of `things.txt` is none, whatever its case or spacing.
        assert_eq!(
            tag_for_test("kata Zyx, lalu kata Bixby.", &[], &[]),
            ["Zyx/PER/rule:person_cue"]
        );
        assert!(tag_for_test("kata Xbox One kemarin", &[], &[]).is_empty());
        assert!(tag_for_test("kata WI - FI kemarin", &[], &[]).is_empty());
        // A list's entry stays.
        assert_eq!(
            tag_for_test("kata Bixby kemarin", &["PER:Bixby"], &[]),
            ["Bixby/PER/gazetteer:t"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_persons_syllable_after_a_hyphen_is_the_persons() {
        for (text, name) in [
            ("Aktor Song Joong-ki datang.", "Song Joong-ki/PER"),
            ("Aktor Song Joong - ki datang.", "Song Joong - ki/PER"),
            // A dash before an ordinary word is no syllable of the name.
            ("kata Budi Santoso - yang juga ketua.", "Budi Santoso/PER"),
        ] {
            let found = tag_embedded_for_test(text);
            assert!(
                found.iter().any(|e| e.starts_with(&format!("{name}/"))),
                "{text}: {found:?}"
            );
        }
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn ordinary_words_before_a_person_found_from_context_are_left_out() {
        // `name_words` finds the run; `Kesiapan`, `Sahabat` are ordinary (nerp never has them
        // in a name) and `Valentino` is a given name.
        assert_eq!(
            tag_embedded_for_test("Kesiapan Valentino Zyxwortel bertahan diragukan."),
            ["Valentino Zyxwortel/PER/rule:name_words"]
        );
        assert_eq!(
            tag_embedded_for_test("Ia bertemu Sahabat Valentino Zyxwortel kemarin."),
            ["Valentino Zyxwortel/PER/rule:name_words"]
        );
        // A short word is as often a name; a list's person keeps its span.
        assert_eq!(
            tag_embedded_for_test("Ia bertemu Yudha Valentino Zyxwortel kemarin."),
            ["Yudha Valentino Zyxwortel/PER/rule:name_words"]
        );
        let listed = tag_for_test(
            "Ia bertemu Sahabat Valentino kemarin.",
            &["PER:Sahabat Valentino"],
            &[],
        );
        assert_eq!(listed, ["Sahabat Valentino/PER/gazetteer:t"]);
    }

    #[test]
    fn headline_lowercase_words_are_short() {
        let longest = CUES.headline_lowercase.iter().map(String::len).max();
        assert_eq!(longest, Some(HEADLINE_LOWERCASE_MAX_LEN));
    }

    fn runs(text: &str) -> Vec<String> {
        let tokens = tokenize(text);
        let doc = Doc::new(text, tokens, Folded::new(text));
        doc.runs
            .iter()
            .map(|r| text[doc.pieces[r.start].start..doc.pieces[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn brands_have_capitals_inside_and_persons_only_after_a_prefix() {
        for brand in [
            "WhatsApp",
            "MarlinBooking",
            "InfraDigital",
            "GoToMalls",
            "ThinkPad",
        ] {
            assert!(is_brand_cased(brand), "{brand}");
        }
        for word in [
            "McGregor",
            "MacArthur",
            "DiCaprio",
            "LeBron",
            "Budi",
            "KPK",
            "iPhone",
            "",
        ] {
            assert!(!is_brand_cased(word), "{word}");
        }
    }

    #[test]
    fn place_word_lists_hold_place_words() {
        let is = |phrases: &Phrases, p: &str| {
            phrases
                .entries
                .get(p)
                .is_some_and(|&kind| kind & PHRASE != 0)
        };
        for p in &CUES.named_by_words {
            assert!(is(&CUES.loc_markers, p), "{p}");
        }
        for p in &CUES.named_after_persons {
            assert!(is(&CUES.loc_markers, p) || is(&CUES.org_markers, p), "{p}");
        }
        // `Doc::marker_at`: no phrase of one marker list starts a phrase of the other.
        for (a, b) in [
            (&CUES.org_markers, &CUES.loc_markers),
            (&CUES.loc_markers, &CUES.org_markers),
        ] {
            for (p, &kind) in &a.entries {
                assert!(kind & PHRASE == 0 || !b.entries.contains_key(p), "{p}");
            }
        }
    }

    #[test]
    fn no_person_after_the_article_of_a_work() {
        // `menurut` cues a person, `The` opens an outlet's name; a list's person stays.
        assert!(tag_for_test("menurut The Zyxmirror, klub itu", &[], &[]).is_empty());
        assert_eq!(
            tag_for_test("menurut Budi Zyxmirror, klub itu", &[], &[]),
            ["Budi Zyxmirror/PER/rule:person_cue"]
        );
        assert_eq!(
            tag_for_test("lagu The Zyxrain diputar", &["PER:Zyxrain"], &[]),
            ["Zyxrain/PER/gazetteer:t"]
        );
    }

    #[test]
    fn capitalized_runs() {
        assert_eq!(
            runs("kata Susilo B. Yudhoyono di Jakarta."),
            ["Susilo B. Yudhoyono", "Jakarta"]
        );
        assert_eq!(
            runs("Rektor Universitas Al-Azhar Ahmad bin Said hadir"),
            ["Rektor Universitas Al-Azhar Ahmad bin Said"]
        );
        assert_eq!(runs("pelatih Erik ten Hag kecewa"), ["Erik ten Hag"]);
        assert_eq!(
            runs("Jenderal Khalid al-Sarayreh dan el-Sisi, al - Qassam"),
            ["Jenderal Khalid al-Sarayreh", "Sisi", "Qassam"]
        );
        assert_eq!(
            runs("Presiden Joko Widodo Senin (12/10)"),
            ["Presiden Joko Widodo"]
        );
        assert_eq!(runs("Budi\nSantoso"), ["Budi", "Santoso"]);
        assert_eq!(
            runs("Partai-partai dan Kota-kota di Bandung-Jakarta"),
            ["Bandung-Jakarta"]
        );
    }

    proptest::proptest! {
        #[test]
        fn gallop_finds_what_a_binary_search_finds(
            mut items in proptest::collection::vec(0u32..50, 0..40),
            from in 0usize..40,
            limit in 0u32..50,
        ) {
            items.sort_unstable();
            let from = from.min(items.len());
            let expected = from + items[from..].partition_point(|&x| x < limit);
            proptest::prop_assert_eq!(gallop(&items, from, |&x| x < limit), expected);
        }

        #[test]
        fn covered_answers_like_a_scan_of_all_ranges(
            // (first piece, pieces, label); 0 pieces: a span ending inside its first piece.
            spans in proptest::collection::vec((0usize..12, 0usize..4, 0usize..4), 0..8),
            // How many of the spans are added at first; the rest come later, as a rule's.
            first_batch in 0usize..8,
            r in (0usize..14, 1usize..4),
            end in 0usize..16,
            mask in 1usize..16,
        ) {
            // Sixteen pieces of two letters, two bytes apart: piece k is at byte 3k.
            let text = vec!["ab"; 16].join(" ");
            let doc = Doc::new(&text, tokenize(&text), Folded::new(&text));
            let custom = Label::new("PRODUK").unwrap();
            let labels = [Label::PER, Label::LOC, Label::ORG, custom];
            let candidates: Vec<Candidate> = spans
                .iter()
                .map(|&(s, n, l)| {
                    let end = if n == 0 { 3 * s + 1 } else { 3 * (s + n) - 1 };
                    test_candidate(3 * s..end, labels[l])
                })
                .collect();
            let mut covered = Covered::new(doc.pieces.len());
            let split = first_batch.min(candidates.len());
            covered.add(&doc, &candidates[..split]);
            covered.add(&doc, &candidates[split..]);
            let asked: Vec<Label> = (0..4).filter(|b| mask & 1 << b != 0).map(|b| labels[b]).collect();
            let by = covered.by(&asked);
            let ranges: Vec<(usize, usize)> = spans
                .iter()
                .filter(|&&(_, _, l)| l < 3 && mask & 1 << l != 0)
                .map(|&(s, n, _)| (s, (s + n).min(16)))
                .collect();
            let r = r.0..r.0 + r.1;
            for i in 0..16 {
                proptest::prop_assert_eq!(by.inside(i), ranges.iter().any(|&(s, e)| s <= i && i < e));
                proptest::prop_assert_eq!(by.starts_at(i), ranges.iter().any(|&(s, _)| s == i));
                let longest = ranges.iter().filter(|&&(s, e)| s == i && e <= end && e > i).map(|&(_, e)| e).max();
                proptest::prop_assert_eq!(by.span_from(i, end), longest);
            }
            let overlapping = ranges.iter().any(|&(s, e)| {
                (s < r.end && r.start < e) || (s == e && r.start < s && s < r.end)
            });
            proptest::prop_assert_eq!(by.overlaps(r), overlapping);
        }
    }

    #[test]
    fn phrases_match_token_by_token() {
        let text = "ujar Wali Kota Surabaya";
        let tokens = tokenize(text);
        let doc = Doc::new(text, tokens, Folded::new(text));
        assert_eq!(doc.phrase_at(&CUES.person, 1, 4), Some(2));
        assert!(doc.phrase_before(&CUES.person, 1));
        assert!(doc.phrase_before(&CUES.person, 3));
    }
}
