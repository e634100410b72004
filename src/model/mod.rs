//! Stage 7 (optional, [`TaggerBuilder::model`](crate::TaggerBuilder::model)): a learned
//! disambiguation layer on top of the gazetteer matcher and the rules.
//!
//! The earlier stages run as usual. Their candidates (every list match that survived the
//! common-word filter, every rule's proposal) and their chosen entities become features of each
//! piece (`features.rs`), next to the word, its shape, its neighbours and cue words. A linear
//! model scores the BIO tags `O`, `B-`/`I-` `PER`/`LOC`/`ORG` of each piece, and Viterbi
//! decoding picks the best valid tag sequence (`viterbi.rs`): `I-X` only after `B-X` or `I-X`.
//!
//! The weights come from an averaged structured perceptron (`perceptron.rs`) trained by
//! `examples/train.rs` on the train splits; they are embedded from `model/weights.bin`
//! (`weights.rs` describes the format). There are three models: `cased` for ordinary text,
//! `lower`, which ignores case, for [`TaggerBuilder::ignore_case`](crate::TaggerBuilder::ignore_case),
//! and `styled`, trained with a copy of its features per train corpus, whose shared weights
//! plus one corpus's copy make [`TaggerBuilder::style`](crate::TaggerBuilder::style).
//!
//! Guarantees kept from the list-only mode: a match of a user's own gazetteer (not an embedded one)
//! is always tagged with its label, whatever the model thinks, and an entity found by the model
//! never overlaps it; a name the model tags whole with another label while an embedded list holds
//! it whole as a person stays a person, and one it tags as a person while a list holds it as an
//! organization stays an organization, as does, with the default model, one it tags as a place
//! that the lists hold only as an organization and no place word begins (`Amazon`, not `Gedung
//! Putih`) (`entities`); with the default model, a place of the embedded
//! list that the model left untagged is kept (`keep_list_places`), and so are a one-word person of
//! the lists that stands alone (`keep_list_persons`), a person of several words of the lists the
//! model tagged only parts of (`whole_list_persons`) and an organization of the lists or of an
//! organization marker with no capitalized word beside it (`keep_list_organizations`); a name
//! that runs from a listed organization into one of its products (`Google Maps`) is the
//! organization alone (`without_products`); a name that is exactly names the lists and rules
//! chose, across a comma or a dash or side by side as one name seldom is, is those names
//! (`split_glued`); an acronym one of its names defines in brackets takes the name's label, as
//! do its bare uses (`add_acronyms`), and initials after `berinisial` are kept
//! (`keep_initials`); another use of a person's name the model tagged is the person
//! (`add_persons_other_uses`, source `rule:same_name`), a given name right before one of its
//! persons joins it (`with_given_names`), a run joined to one of its persons by `dan` or `/` is
//! a person (`add_coordinated_persons`), and its own names right after `film`, `bulan` or
//! `Idul` go (`without_times_and_titles`). An entity's source says why it was tagged: `model:`
//! plus the candidate it confirmed (`model:gazetteer:loc`, `model:rule:person_cue`), or `model`
//! alone for a span no list or rule proposed, or the list's or rule's own source for a kept
//! place, person or organization. The rules the model does not read (`web_name`, organization
//! cues that open a sentence, `speaker`, `age`, `coordination`, `brand_name`) add their names
//! after it where it left the text free, and the compass phrase after one of its places joins
//! it (`rules/compass.rs`).

pub(crate) mod clusters;
mod features;
mod lexicon;
mod perceptron;
mod viterbi;
mod weights;

#[cfg(feature = "embedded")]
pub(crate) mod train;

use std::ops::Range;
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::Label;
use crate::consistency;
use crate::fast_hash::FastMap;
use crate::matcher::Candidate;
use crate::resolve::resolve;
use crate::rules::{self, CUES, Doc, compass, is_all_caps, web_name};
use crate::tagger::Stages;
use crate::tokenize::{TokenKind, is_hyphen};

pub(crate) use weights::Model;

/// The embedded weights: `model/weights.bin`, written by `examples/train.rs`.
#[cfg(feature = "model")]
static WEIGHTS: &[u8] = include_bytes!("../../model/weights.bin");

#[cfg(feature = "model")]
static EMBEDDED: Lazy<Result<Vec<Arc<Model>>, String>> = Lazy::new(|| {
    weights::from_bytes(WEIGHTS).map(|models| models.into_iter().map(Arc::new).collect())
});

/// The embedded model for cased text, or for text without case (`lowercase`), with the
/// conventions of the train corpus `style` when one is named.
///
/// # Errors
///
/// When the `model` feature is off, the embedded weights are broken (a test proves they are
/// not), or the model has no such style (the message lists those it has).
pub(crate) fn embedded(lowercase: bool, style: Option<&str>) -> Result<Arc<Model>, String> {
    #[cfg(feature = "model")]
    {
        // The styles add to a model trained with them (`styled`), not to the default `cased`.
        let name = match (lowercase, style) {
            (true, _) => "lower",
            (false, None) => "cased",
            (false, Some(_)) => "styled",
        };
        let models = EMBEDDED
            .as_ref()
            .map_err(|e| format!("embedded model: {e}"))?;
        let base = models
            .iter()
            .find(|m| m.name == name && !m.style)
            .ok_or_else(|| format!("the embedded weights have no {name:?} model"))?;
        let Some(style) = style else {
            return Ok(Arc::clone(base));
        };
        match models.iter().find(|m| m.name == format!("{name}:{style}")) {
            Some(s) => Ok(Arc::new(base.with_style(s))),
            None => {
                let known = styles(models, name).join(", ");
                let known = if known.is_empty() { "none" } else { &known };
                Err(format!(
                    "the {name} model has no style {style:?} (its styles: {known})"
                ))
            }
        }
    }
    #[cfg(not(feature = "model"))]
    {
        let _ = (lowercase, style);
        Err("the model is not compiled in: enable the \"model\" feature".into())
    }
}

/// The styles of the model `name` among `models`.
#[cfg(feature = "model")]
fn styles<'m>(models: &'m [Arc<Model>], name: &str) -> Vec<&'m str> {
    models
        .iter()
        .filter_map(|m| m.name.strip_prefix(name)?.strip_prefix(':'))
        .collect()
}

/// Reads a weights file (for the trainer's dev scores and tests).
pub(crate) fn load(bytes: &[u8]) -> Result<Vec<Model>, String> {
    weights::from_bytes(bytes)
}

static MODEL_SOURCE: Lazy<Arc<str>> = Lazy::new(|| Arc::from("model"));

/// The features of each piece of an analysed text.
pub(crate) fn extract(
    stages: &Stages<'_>,
    custom_from: u32,
    lowercase: bool,
    lexicon: &lexicon::Lexicon,
) -> perceptron::Sequence {
    let ctx = context(stages, custom_from, lowercase, lexicon);
    perceptron::Sequence::collect(stages.doc.pieces.len(), |emit| {
        features::extract(&ctx, emit)
    })
}

fn context<'a, 'h>(
    stages: &'a Stages<'h>,
    custom_from: u32,
    lowercase: bool,
    lexicon: &'a lexicon::Lexicon,
) -> features::Context<'a, 'h> {
    features::Context {
        doc: &stages.doc,
        candidates: &stages.candidates,
        chosen: &stages.chosen,
        custom_from,
        lowercase,
        lexicon,
    }
}

/// Labels an analysed text with the model: the entities, in text order, never overlapping,
/// and, if asked to `explain`, for each an explanation ([`features::evidence`]) if it is a name
/// that no list or rule proposed (source `model`).
pub(crate) fn tag(
    model: &Model,
    stages: &Stages<'_>,
    custom_from: u32,
    explain: bool,
) -> (Vec<Candidate>, Vec<Option<Arc<str>>>) {
    let ctx = context(stages, custom_from, model.lowercase, &model.lexicon);
    let mut words = model.words.take();
    let (emissions, active) = features::score(&ctx, &mut words, |f| model.row(f));
    let tags = viterbi::decode_active(&emissions, &model.transitions, &active);
    words.recycle(emissions, active);
    // A style keeps its corpus's brackets (two of them put `(KPK)` inside the name).
    let mut out = entities(
        stages,
        &tags,
        custom_from,
        !model.name.contains(':'),
        model.lowercase,
    );
    rules::with_glued_syllables(&stages.doc, custom_from, &mut out);
    if !model.name.contains(':') {
        split_glued(stages, custom_from, &mut out);
        without_products(stages, custom_from, &mut out);
        without_events(stages, custom_from, &mut out);
        add_acronyms(&stages.doc, custom_from, &mut out);
        keep_initials(stages, &mut out);
    }
    if model.name == "cased" {
        keep_list_places(stages, &mut out);
        keep_list_persons(stages, &mut out);
        whole_list_persons(stages, custom_from, &mut out);
        keep_list_organizations(stages, &mut out);
    }
    add_sites(stages, &mut out);
    add_where_free(&mut out, stages.doc.unlearned_names().into_iter());
    compass::extend(&stages.doc, model.lowercase, custom_from, &mut out);
    rules::after_choosing(&stages.doc, &mut out, custom_from);
    add_persons_other_uses(&stages.doc, custom_from, &mut out);
    with_surnames_of_persons(&stages.doc, custom_from, &mut out);
    with_given_names(&stages.doc, custom_from, &mut out);
    add_coordinated_persons(&stages.doc, &mut out);
    with_neighbours_label(&stages.doc, &mut out);
    without_times_and_titles(&stages.doc, &mut out);
    without_sentence_openers(&stages.doc, &mut out);
    rules::without_things(&stages.doc, &mut out);
    rules::brand_name::without_brand_persons(&stages.doc, &mut out);
    // The evidence of the first piece, the one the name's `B-` tag is on.
    let evidence = if !explain {
        Vec::new()
    } else {
        out.iter()
            .map(|c| {
                let unproposed = Arc::ptr_eq(&c.source, &MODEL_SOURCE);
                let first = stages
                    .doc
                    .piece_starting_at(c.start)
                    .filter(|_| unproposed)?;
                let tag = viterbi::begin_tag(c.label)?;
                Some(Arc::from(features::evidence(
                    &ctx,
                    &words,
                    first,
                    tag,
                    |f| model.row(f),
                )))
            })
            .collect()
    };
    model.words.give(words);
    (out, evidence)
}

/// Adds the places of the permissive embedded list (`gazetteer:loc`) that the lists and rules
/// chose and the model left untagged, where no entity of the model overlaps them: the default
/// model learned from idner-news-2k to leave a country that acts untagged (`Israel menyerang`),
/// which the other three cased train splits tag as a place (README, "Where it stops"); a
/// style follows its corpus instead.
fn keep_list_places(stages: &Stages<'_>, out: &mut Vec<Candidate>) {
    keep_chosen(stages, out, |c| {
        c.label == Label::LOC && &*c.source == "gazetteer:loc"
    });
}

/// Adds the entities the lists and rules chose that `keep` keeps, where no entity of `out`
/// overlaps them.
fn keep_chosen(stages: &Stages<'_>, out: &mut Vec<Candidate>, keep: impl Fn(&Candidate) -> bool) {
    add_where_free(out, stages.chosen.iter().filter(|c| keep(c)).cloned());
}

/// Cuts a name of the model that runs from an organization of the embedded lists, as the lists
/// and rules chose it, into one of its maker's products or services (`Google Maps`, `Instagram
/// Stories`; `gazetteers/cues/product_names.txt`) back to the organization: the train splits
/// tag `Samsung` of `Samsung Galaxy` and leave the product untagged.
fn without_products(stages: &Stages<'_>, custom_from: u32, out: &mut [Candidate]) {
    let doc = &stages.doc;
    let chosen = &stages.chosen;
    for c in out
        .iter_mut()
        .filter(|c| c.label == Label::ORG && !c.is_custom(custom_from))
    {
        let Some(maker) = chosen_at(chosen, c.start) else {
            continue;
        };
        let next = doc.pieces_before(maker.end);
        let product = maker.label == Label::ORG
            && maker.source.starts_with("gazetteer:")
            && maker.end < c.end
            && next < doc.pieces.len()
            && CUES.product_names.contains(doc.folded(next));
        if product {
            c.end = maker.end;
            c.source = confirmed_source(&maker.source);
            c.canonical.clone_from(&maker.canonical);
        }
    }
}

/// The entity the lists and rules chose that starts at byte `start`, if one does (`chosen` is in
/// text order, never overlapping).
fn chosen_at(chosen: &[Candidate], start: usize) -> Option<&Candidate> {
    let k = chosen.binary_search_by_key(&start, |m| m.start).ok()?;
    Some(&chosen[k])
}

/// Cuts the election or race off a name of the model that begins with one and goes on with a
/// place the lists and rules chose (`Pilgub Jabar`, `GP Perancis`;
/// `gazetteers/cues/event_words.txt`): the name is the place, as the train splits tag it. In
/// the 7 MB news corpus the model made 33 such names, 19 places and 14 organizations.
fn without_events(stages: &Stages<'_>, custom_from: u32, out: &mut [Candidate]) {
    let doc = &stages.doc;
    let chosen = &stages.chosen;
    for c in out.iter_mut().filter(|c| !c.is_custom(custom_from)) {
        let Some(first) = doc.piece_starting_at(c.start) else {
            continue;
        };
        if first + 1 >= doc.pieces.len() || !CUES.event_words.contains(doc.folded(first)) {
            continue;
        }
        let place = chosen_at(chosen, doc.pieces[first + 1].start)
            .filter(|m| m.end == c.end && m.label == Label::LOC);
        if let Some(place) = place {
            *c = Candidate {
                source: confirmed_source(&place.source),
                ..place.clone()
            };
        }
    }
}

/// Adds the one-word persons of the embedded lists (`Raisa`, `Beyonce`, `Mayweather`) that the
/// lists and rules chose and the model left untagged, where no entity of the model overlaps them
/// and the word stands alone: no hyphen or capitalized word but an ordinary one beside it, where
/// the model's choice about a longer name or a pair (`Anies-Sandi`) stands, and not an acronym of
/// four capitals or fewer, more often an organization's (`APIP`). The model, which learned from
/// few such names, left 93 that the lists and rules tagged untagged in 3 MB of news, most of them
/// persons indeed; 71 of them stand alone so.
fn keep_list_persons(stages: &Stages<'_>, out: &mut Vec<Candidate>) {
    let doc = &stages.doc;
    let alone = |c: &Candidate| {
        let Some(i) = doc.piece_starting_at(c.start) else {
            return false;
        };
        let beside = |k: usize| (doc.is_capitalized(k) && !doc.is_common(k)) || doc.piece(k) == "-";
        let word = doc.piece(i);
        let acronym = word.len() <= 4 && word.bytes().all(|b| b.is_ascii_uppercase());
        doc.pieces[i].end == c.end
            && !acronym
            && (i == 0 || !beside(i - 1))
            && (i + 1 == doc.pieces.len() || !beside(i + 1))
    };
    let persons = stages
        .chosen
        .iter()
        .filter(|c| {
            c.label == Label::PER
                && matches!(&*c.source, "gazetteer:per" | "gazetteer:per-wiki")
                && alone(c)
        })
        .cloned();
    add_where_free(out, persons);
}

/// Splits a name of the model that is exactly two or more names the lists and rules chose, back
/// into them, where it runs across a comma (`Gedung DPR RI, Jakarta`: a few gold names of the
/// train splits do, most addresses are two) or a spaced dash between names not all persons
/// (`Merdeka.com - Persija Jakarta`, a dateline; `Irianto-Tatang` stays a pair), or is two
/// names side by side that one name seldom is: an organization and the person after it, the
/// model's person (`Partai NasDem Surya Paloh`) or its organization where a list holds the
/// organization and the person has two words or more (`NBA Kobe Bryant`, but not `PT Gelora
/// Trisula Semesta`, where a rule cut the company short); a person of two words or more and a
/// listed organization after it (`Thierry Henry Arsenal`, but not `Enzo Ferrari`); a listed
/// place and a person or organization after it (`DKI Jakarta Saefullah`, `Palembang Bank
/// SumselBabel`, but not `Jalan Syech Yusuf`, where a rule made the street). Each part is
/// confirmed with its own source (`model:gazetteer:org`). Not for a style: nerugm's dev split
/// joins `Cikini, Jakarta Pusat` into one place, and its style learned it.
fn split_glued(stages: &Stages<'_>, custom_from: u32, out: &mut Vec<Candidate>) {
    let doc = &stages.doc;
    let chosen = &stages.chosen;
    let parts_of = |c: &Candidate| -> Option<&[Candidate]> {
        let from = chosen.partition_point(|m| m.start < c.start);
        let to = chosen.partition_point(|m| m.start < c.end);
        let parts = &chosen[from..to];
        let exact = parts.len() >= 2
            && parts[0].start == c.start
            && parts[parts.len() - 1].end == c.end
            && parts.windows(2).all(|w| w[0].end <= w[1].start);
        exact.then_some(parts)
    };
    let separated = |parts: &[Candidate]| {
        let persons = parts.iter().all(|p| p.label == Label::PER);
        parts.windows(2).any(|w| {
            let gap = &doc.text[w[0].end..w[1].start];
            let dash = gap.starts_with(' ')
                && gap.ends_with(' ')
                && (is_hyphen(gap.trim()) || matches!(gap.trim(), "–" | "—"));
            gap.trim() == "," || (dash && !persons)
        })
    };
    let listed = |p: &Candidate| p.source.starts_with("gazetteer:");
    let words = |p: &Candidate| doc.pieces_before(p.end) - doc.pieces_before(p.start);
    let side_by_side = |c: &Candidate, parts: &[Candidate]| {
        let [a, b] = parts else {
            return false;
        };
        doc.text[a.end..b.start].trim().is_empty()
            && match (c.label, a.label, b.label) {
                (Label::PER, Label::ORG, Label::PER) => true,
                (Label::ORG, Label::ORG, Label::PER) => listed(a) && words(b) >= 2,
                (Label::PER, Label::PER, Label::ORG) => words(a) >= 2 && listed(b),
                (Label::LOC, Label::LOC, Label::PER | Label::ORG) => listed(a),
                _ => false,
            }
    };
    let split_of = |c: &Candidate| {
        parts_of(c).filter(|p| !c.is_custom(custom_from) && (separated(p) || side_by_side(c, p)))
    };
    if !out.iter().any(|c| split_of(c).is_some()) {
        return;
    }
    let mut kept = Vec::with_capacity(out.len() + 2);
    for c in out.drain(..) {
        match split_of(&c) {
            Some(parts) => kept.extend(parts.iter().map(|p| Candidate {
                source: confirmed_source(&p.source),
                ..p.clone()
            })),
            None => kept.push(c),
        }
    }
    *out = kept;
}

/// Makes a person of a one-word name that the model alone found with another label when it is
/// the last word of a person's full name earlier in the text that a list or rule proposed
/// (`Justin Bieber` … `Bieber` right after `situs resmi`, which the model took for an
/// organization), as the rules' surnames are (`consistency.rs`): 11 names
/// in the 7 MB news corpus, 10 of them right read by hand and one the surname of a longer name
/// (`Maria` of `Di Maria`). A full name the model alone found is too often no person's to
/// lend its label (`Machester City`, `Jonathan Warner` before `Warner` the company).
fn with_surnames_of_persons(doc: &Doc<'_>, custom_from: u32, out: &mut [Candidate]) {
    // Most texts have no name the model alone found with another label.
    let guess = |c: &Candidate| {
        c.label != Label::PER && Arc::ptr_eq(&c.source, &MODEL_SOURCE) && !c.is_custom(custom_from)
    };
    if !out.iter().any(guess) {
        return;
    }
    // Each surname with where its first full name ends.
    let mut surnames: FastMap<&str, usize> = FastMap::default();
    for c in out.iter() {
        let proposed = c.label == Label::PER
            && !Arc::ptr_eq(&c.source, &MODEL_SOURCE)
            && !c.is_custom(custom_from);
        let (Some(first), last) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            continue;
        };
        if proposed && last > first + 1 && doc.pieces[last - 1].kind == TokenKind::Word {
            surnames.entry(doc.piece(last - 1)).or_insert(c.end);
        }
    }
    for c in out.iter_mut().filter(|c| guess(c)) {
        let one_word = doc
            .piece_starting_at(c.start)
            .is_some_and(|i| doc.pieces[i].end == c.end);
        if one_word
            && surnames
                .get(&doc.text[c.start..c.end])
                .is_some_and(|&e| e <= c.start)
        {
            c.label = Label::PER;
            c.source = rules::rule_source("surname");
        }
    }
}

/// Adds a person's other uses in the text that the model left untagged (`Fikri kemudian …`,
/// `teman Fikri,` beside a `Fikri` it tagged), as the rules' names keep their label at their
/// other uses (`consistency.rs`): written the same, capitalized, free, with no capitalized word
/// but an ordinary one beside it on its line, not after a word that opens a title (`film`,
/// `bulan`: `not_names_after.txt`) and not one ordinary word (`Pemohon`). A name spreads
/// only where some list or rule proposed it as a person, or one of its words is a given name or
/// a word the train splits saw mostly in persons: a name the model alone found is too often a
/// product's or a startup's (`Gogobli`, `Swingvy`). A name the model also tagged with another
/// label, or found in a user's list, spreads nowhere.
fn add_persons_other_uses(doc: &Doc<'_>, custom_from: u32, out: &mut Vec<Candidate>) {
    struct Name<'t> {
        text: &'t str,
        /// Where one use starts, and how many pieces it has.
        at: usize,
        pieces: usize,
        /// Always a person of the model's or the lists' (none from a user's list).
        person: bool,
        /// Some list or rule proposed it.
        proposed: bool,
    }
    if !out.iter().any(|c| c.label == Label::PER) {
        return;
    }
    let mut names: Vec<Name<'_>> = out
        .iter()
        .map(|c| Name {
            text: &doc.text[c.start..c.end],
            at: c.start,
            pieces: 0,
            person: c.label == Label::PER && !c.is_custom(custom_from),
            proposed: !Arc::ptr_eq(&c.source, &MODEL_SOURCE),
        })
        .collect();
    // One entry a name, looked up by its first word through the order of the texts.
    names.sort_unstable_by(|a, b| a.text.cmp(b.text));
    names.dedup_by(|later, kept| {
        let same = later.text == kept.text;
        if same {
            kept.person &= later.person;
            kept.proposed |= later.proposed;
        }
        same
    });
    names.retain(|n| n.person);
    for name in &mut names {
        let first = doc.pieces_before(name.at);
        name.pieces = doc.pieces_before(name.at + name.text.len()) - first;
    }
    // Which first letters the names have, bit by bit: most capitalized words are no name's
    // first word, and this skips their search.
    let letter_bit = |w: &str| 1u64 << (w.as_bytes()[0] & 63);
    let letters = names.iter().fold(0, |bits, n| bits | letter_bit(n.text));
    let beside = |k: usize| doc.is_capitalized(k) && !doc.is_common(k) || doc.piece(k) == "-";
    let personal = |k: usize| doc.opens_person(k);
    let pieces = &doc.pieces;
    let mut found: Vec<Candidate> = Vec::new();
    // The first entity that does not end before piece `i` (`out` is in order).
    let mut next = 0;
    for i in (0..pieces.len()).filter(|&i| doc.is_capitalized(i)) {
        while out.get(next).is_some_and(|c| c.end <= pieces[i].start) {
            next += 1;
        }
        if out.get(next).is_some_and(|c| c.start < pieces[i].end) {
            continue;
        }
        let word = doc.piece(i);
        if letters & letter_bit(word) == 0 {
            continue;
        }
        let from = names.partition_point(|n| n.text < word);
        for name in names[from..]
            .iter()
            .take_while(|n| n.text.starts_with(word))
        {
            let end = i + name.pieces;
            if end > pieces.len()
                || &doc.text[pieces[i].start..pieces[end - 1].end] != name.text
                || (i > 0 && doc.same_line(i - 1) && beside(i - 1))
                || (end < pieces.len() && doc.same_line(end - 1) && beside(end))
                || doc.follows_not_names_word(i)
                || (name.pieces == 1 && doc.is_common(i))
                || found.last().is_some_and(|f| f.end > pieces[i].start)
                || !(name.proposed || (i..end).any(personal))
            {
                continue;
            }
            found.push(doc.candidate(i..end, Label::PER, "same_name"));
        }
    }
    add_where_free(out, found.into_iter());
}

/// Puts back a person of several words of the embedded lists (`Tim Cook`, `Boy Rafli Amar`,
/// `Sony Dwi Kuncoro`) that the lists and rules chose and the default model tagged only parts of
/// (`Cook`; `Rafli Amar` after a rank; `Sony` an organization and `Dwi Kuncoro`), where nothing of
/// the model runs past it and no part is a user's: the list knows the whole name.
fn whole_list_persons(stages: &Stages<'_>, custom_from: u32, out: &mut Vec<Candidate>) {
    let doc = &stages.doc;
    let persons = stages.chosen.iter().filter(|c| {
        c.label == Label::PER
            && matches!(&*c.source, "gazetteer:per" | "gazetteer:per-wiki")
            && doc.pieces_before(c.end) - doc.pieces_before(c.start) > 1
    });
    let mut whole = Vec::new();
    for p in persons {
        let from = out.partition_point(|c| c.end <= p.start);
        let inside = out[from..].iter().take_while(|c| c.start < p.end);
        let mut parts = 0;
        let mut within = true;
        for c in inside {
            parts += 1;
            within &= c.start >= p.start
                && c.end <= p.end
                && (c.start, c.end) != (p.start, p.end)
                && !c.is_custom(custom_from);
        }
        if parts > 0 && within {
            whole.push(p.clone());
        }
    }
    if whole.is_empty() {
        return;
    }
    out.retain(|c| !whole.iter().any(|p| c.start >= p.start && c.end <= p.end));
    out.extend(whole);
    out.sort_by_key(|c| c.start);
}

/// Adds the organizations of the embedded lists (`KPK`, `Polri`, `Hanura`, `Twitter`) and of
/// the organization markers (`rules/org_marker.rs`: `Dinas Sosial`, `Kementerian Kesehatan
/// Kanada`) that the lists and rules chose and the model left untagged, where no entity of the
/// model overlaps them and no capitalized word stands beside them but an ordinary one, a cue or
/// a word of another name of the model (`Divisi Humas Polri Irjen Setyo Wasisto`, `Fraksi
/// Hanura Miryam S Haryani`: 68 organizations more in the 7 MB news corpus, about 58 right):
/// next to another the model's choice about a longer name stands (`Piala UEFA`, `ASEAN Games`,
/// `ZTE Tempo X`). Two of the four cased corpora often leave such organizations untagged where they qualify
/// (`penyidik KPK`, `hakim MK`, `Kepala Dinas Sosial`) and the model learned it; the issue's
/// examples and the other two tag them. A numbered unit (`Komisi III`, `Komisi VI dan XI`) stays
/// untagged: the train splits leave a parliament's commissions untagged.
fn keep_list_organizations(stages: &Stages<'_>, out: &mut Vec<Candidate>) {
    let doc = &stages.doc;
    // A piece inside a name of the model.
    let named = |k: usize| {
        let at = doc.pieces[k].start;
        let i = out.partition_point(|e| e.end <= at);
        out.get(i).is_some_and(|e| e.start <= at)
    };
    let alone = |c: &Candidate| {
        // A title (`Kombes`) or another name of the model beside it is no longer name.
        let beside = |k: usize| {
            doc.is_capitalized(k) && !doc.is_common(k) && !doc.is_cue_word(k) && !named(k)
        };
        let (Some(first), last) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            return false;
        };
        (first == 0 || !beside(first - 1)) && (last >= doc.pieces.len() || !beside(last))
    };
    let numbered = |c: &Candidate| {
        let second = doc.piece_starting_at(c.start).map(|i| i + 1);
        second.is_some_and(|i| i < doc.pieces.len() && is_numeral(doc.piece(i)))
    };
    let organizations = stages
        .chosen
        .iter()
        .filter(|c| {
            c.label == Label::ORG
                && match &*c.source {
                    "gazetteer:org" => true,
                    "rule:org_marker" => !numbered(c),
                    _ => false,
                }
                && alone(c)
        })
        .cloned()
        .collect::<Vec<_>>();
    add_where_free(out, organizations.into_iter());
}

/// A number in digits or in Roman numerals (`3`, `III`, `XI`).
fn is_numeral(word: &str) -> bool {
    !word.is_empty()
        && (word.bytes().all(|b| b.is_ascii_digit()) || word.bytes().all(|b| b"IVXLC".contains(&b)))
}

/// Adds the sites (`rules/web_name.rs`: `CNNIndonesia.com`) that no entity of the model
/// overlaps. The model does not see that rule: the train splits hold a dozen sites, too few to
/// learn from, and with the rule's candidates among its features the retrained model lost
/// 0.003 of mean dev F1 over three seeds (0.8067 against 0.8094) for nothing it could use.
/// A site that the model alone (no list, no rule) tagged whole is the rule's organization
/// whatever the model's label (`Zyxnews.com` a person), so that its source says why.
fn add_sites(stages: &Stages<'_>, out: &mut Vec<Candidate>) {
    let sites: Vec<Candidate> = web_name::sites(&stages.doc)
        .map(|i| web_name::site(&stages.doc, i))
        .collect();
    for site in &sites {
        let i = out.partition_point(|e| e.start < site.start);
        let guess = |e: &&mut Candidate| {
            e.start == site.start && e.end == site.end && Arc::ptr_eq(&e.source, &MODEL_SOURCE)
        };
        if let Some(e) = out.get_mut(i).filter(guess) {
            *e = site.clone();
        }
    }
    add_where_free(out, sites.into_iter());
}

/// Adds the acronym that a name of the model defines in brackets right after it (`Mahkamah
/// Konstitusi (MK)`, `Christian Democratic Union (CDU)`), and its bare uses in the text, with the
/// name's label (`consistency.rs`, source `rule:acronym`), where the model left them untagged:
/// 177 acronyms in the 7 MB news corpus, about as right as the names before them. Not for
/// styles, which may keep the brackets inside the name.
fn add_acronyms(doc: &Doc<'_>, custom_from: u32, out: &mut Vec<Candidate>) {
    // Most texts define no acronym after a name of the model: nothing to learn then.
    let n = doc.pieces.len();
    let defines = out.iter().any(|c| {
        let last = doc.pieces_before(c.end);
        last + 2 < n && doc.piece(last) == "(" && doc.piece(last + 2) == ")"
    });
    if !defines {
        return;
    }
    let acronyms = consistency::apply(doc, out, custom_from, false)
        .into_iter()
        .filter(|c| &*c.source == "rule:acronym");
    add_where_free(out, acronyms);
}

/// Adds the initials after `berinisial` (`rules/initials.rs`: `pelaku berinisial IY (18)`)
/// that the lists and rules chose and the model left untagged: the cased train splits hold no
/// such initials, and the model left 55 of the 76 in the 7 MB news corpus untagged, all of them
/// persons' initials read by hand. Not for styles, which follow their corpus.
fn keep_initials(stages: &Stages<'_>, out: &mut Vec<Candidate>) {
    keep_chosen(stages, out, |c| &*c.source == "rule:initials");
}

/// Moves the start of a person of the model back over the word right before it when that word is
/// a given name or a word the train splits saw mostly in persons, capitalized, free, on the same
/// line, of three letters or more, not all capitals (a headline's `JOKOWI AHOK`), and no
/// ordinary word or cue (`Paulo Sergio`, `Dominique Ansel`, where the model tagged the surname
/// alone): 15 names in the 7 MB news corpus, 13 of them whole now and 2 longer but still short
/// (`Jusuf Habibie` of `Bachrudin Jusuf Habibie`); dev unchanged. The name's source becomes the
/// model's own.
fn with_given_names(doc: &Doc<'_>, custom_from: u32, out: &mut [Candidate]) {
    for k in 0..out.len() {
        let c = &out[k];
        if c.label != Label::PER || c.is_custom(custom_from) {
            continue;
        }
        let Some(first) = doc.piece_starting_at(c.start) else {
            continue;
        };
        let Some(before) = first.checked_sub(1) else {
            continue;
        };
        let free = k == 0 || out[k - 1].end <= doc.pieces[before].start;
        let given = free
            && doc.same_line(before)
            && doc.is_capitalized(before)
            && doc.piece(before).chars().count() >= 3
            && !is_all_caps(doc.piece(before))
            && !doc.is_common(before)
            && !doc.is_cue_word(before)
            && doc.opens_person(before);
        if given {
            let c = &mut out[k];
            c.start = doc.pieces[before].start;
            c.source = MODEL_SOURCE.clone();
        }
    }
}

/// Adds the persons joined to the model's persons by `dan`, `/`, `alias` (`rules/coordination.rs`:
/// `antara Lee dan Axelsen`, `Marcus / Kevin`), where the model left them untagged: the rule ran
/// before the model, with the persons of the lists and rules only (which found `Lee` by its
/// words, a rule the learned layer does without). 197 persons in the 7 MB news corpus, of 50
/// read by hand about 42 right (wrong: things listed beside a name the model took for a person,
/// `Twilio dan Nexmo`, `Drake dan Closer`, a film).
fn add_coordinated_persons(doc: &Doc<'_>, out: &mut Vec<Candidate>) {
    let persons = rules::coordinated_persons(doc, out);
    add_where_free(out, persons.into_iter());
}

/// An item of a list takes the label of the items on both sides of it when they share one: a
/// name of the model alone (no list or rule proposed it) between two names of another label,
/// each set off by a comma, a coordinator (`dan`, `serta`, `atau`, `/`;
/// `gazetteers/cues/coordinators.txt`) or both, on one line (`Ivan Rakitic, Paulinho, Andres
/// Iniesta`: `Paulinho` had been a place; `Bogor, Depok, Bekasi`: `Depok` an organization). 51
/// names in the 7 MB news corpus, about 45 of them then right (wrong: lists of products or
/// colours whose neighbours were wrong too, `Black Sky, Gold Sand, Blue Mist`).
fn with_neighbours_label(doc: &Doc<'_>, out: &mut [Candidate]) {
    // The pieces from `end` (a name's end) to `start` (the next one's) only set off two items.
    let sets_off = |end: usize, start: usize| {
        let (Some(to), from) = (doc.piece_starting_at(start), doc.pieces_before(end)) else {
            return false;
        };
        let coordinator = |i: usize| CUES.coordinators.contains(doc.folded(i));
        (from.saturating_sub(1)..to).all(|i| doc.same_line(i))
            && match to.checked_sub(from) {
                Some(1) => doc.piece(from) == "," || coordinator(from),
                Some(2) => doc.piece(from) == "," && coordinator(from + 1),
                _ => false,
            }
    };
    for k in 1..out.len().saturating_sub(1) {
        let (before, here, after) = (&out[k - 1], &out[k], &out[k + 1]);
        if Arc::ptr_eq(&here.source, &MODEL_SOURCE)
            && before.label == after.label
            && before.label != here.label
            && Label::BUILT_IN.contains(&before.label)
            && sets_off(before.end, here.start)
            && sets_off(here.end, after.start)
        {
            out[k].label = out[k - 1].label;
        }
    }
}

/// Drops the names of the model alone (no list or rule proposed them) right after a word that
/// says a time, a work's title or a cup follows (`Idul Fitri`, `bulan Ramadhan`, `film Peter
/// Rabbit`, `Piala Thomas`; `gazetteers/cues/not_names_after.txt`, which the rules heed too):
/// 106 names in the 7 MB news corpus, about 94 of them wrong (right: a director's film, `film
/// Nolan`, a studio, an actress after `pemain film`, `FA` of `Piala FA` 4 times). A list's or a
/// rule's name there stays.
fn without_times_and_titles(doc: &Doc<'_>, out: &mut Vec<Candidate>) {
    out.retain(|c| {
        !Arc::ptr_eq(&c.source, &MODEL_SOURCE)
            || !doc
                .piece_starting_at(c.start)
                .is_some_and(|i| doc.follows_not_names_word(i))
    });
}

/// `Karier Carlos`, `Gol Costa`, `Bagi Smalling`: a person of the model alone (no list or
/// rule proposed it) of two words or more whose first word opens a sentence and is an ordinary
/// word (`common_words.txt`), not a particle (`De Gea`), a given name nor a word the train
/// splits saw mostly in persons, starts after that word, as the rules' persons do
/// (`name_words`: `Kepergian Neymar`). In the 7 MB news corpus 12 persons, 7 of them now right
/// (`Sayang Ronaldo`, `Mungkin Wenger`, `Akun Ahmad Sopandi`), 4 wrong either way (`All
/// England`, an event), 1 cut wrong (`Big Sam`); dev unchanged but nerugm in its style,
/// 0.834 → 0.838.
fn without_sentence_openers(doc: &Doc<'_>, out: &mut [Candidate]) {
    for c in out.iter_mut() {
        if c.label != Label::PER || !Arc::ptr_eq(&c.source, &MODEL_SOURCE) {
            continue;
        }
        let (Some(first), end) = (doc.piece_starting_at(c.start), doc.pieces_before(c.end)) else {
            continue;
        };
        let second = first + 1;
        if second < end
            && doc.pieces[second].kind == TokenKind::Word
            && doc.is_common(first)
            && !CUES.particles.contains(doc.folded(first))
            && !doc.opens_person(first)
            && crate::common_words::starts_sentence_at(doc.text, &doc.pieces, first)
        {
            c.start = doc.pieces[second].start;
        }
    }
}

/// Adds to `out` (entities in text order, never overlapping) each of `more` that none of them
/// overlaps; `out` stays in text order.
fn add_where_free(out: &mut Vec<Candidate>, more: impl Iterator<Item = Candidate>) {
    let before = out.len();
    for c in more {
        let i = out[..before].partition_point(|e| e.end <= c.start);
        if out[..before].get(i).is_none_or(|e| e.start >= c.end) {
            out.push(c);
        }
    }
    if out.len() > before {
        out.sort_by_key(|c| c.start);
    }
}

/// Turns piece tags into entities, explains each by the candidate it confirms, and puts the
/// matches of the user's own gazetteers first. `split_pair`: see [`balanced_parts`];
/// `lowercase`: the text has no case (no word in lower case parts persons then).
pub(crate) fn entities(
    stages: &Stages<'_>,
    tags: &[u8],
    custom_from: u32,
    split_pair: bool,
    lowercase: bool,
) -> Vec<Candidate> {
    let pieces = &stages.doc.pieces;
    let forced = resolve(
        stages
            .candidates
            .iter()
            .filter(|c| c.is_custom(custom_from))
            .cloned()
            .collect(),
    );
    let overlaps_forced = |start: usize, end: usize| {
        let i = forced.partition_point(|c| c.end <= start);
        forced.get(i).is_some_and(|c| c.start < end)
    };
    // Candidates by span, to find the one an entity confirms without a scan per entity.
    let mut by_span: Vec<&Candidate> = stages.candidates.iter().chain(&stages.chosen).collect();
    by_span.sort_by_key(|c| (c.start, c.end));
    let mut out: Vec<Candidate> = Vec::new();
    let mut parts = Vec::new();
    let spans = viterbi::spans(tags);
    for (k, &(first, end, tag)) in spans.iter().enumerate() {
        let Some(label) = viterbi::label_of(tag) else {
            continue;
        };
        // A name never runs over a line break (a heading before a byline, list items), nor a
        // person over a word in lower case that is no particle of names (see
        // [`splits_persons`]), nor a default model's place over a comma: `gedung KPK, Jakarta`
        // is two places (12 such names in the 7 MB news corpus; one corpus, nerugm, writes
        // `Cikini, Jakarta Pusat` as one, and a style keeps that).
        let mut from = first;
        for i in first + 1..=end {
            let split = i < end
                && match label {
                    Label::PER => !lowercase && splits_persons(&stages.doc, i),
                    Label::LOC => split_pair && stages.doc.piece(i) == ",",
                    _ => false,
                };
            if i == end || split || !stages.doc.same_line(i - 1) {
                balanced_parts(&stages.doc, from..i, split_pair, &mut parts);
                from = if split { i + 1 } else { i };
            }
        }
        // A place or organization right before a person does not end with the person's cue
        // (`Polda Jatim Kombes` before `Gatot Repli Handoko`): the cue is the person's.
        let person_next = spans.get(k + 1).is_some_and(|&(next, _, t)| {
            next == end && label != Label::PER && viterbi::label_of(t) == Some(Label::PER)
        });
        if let Some(last) = parts.last_mut().filter(|p| person_next && p.end == end) {
            // Only where a list or rule proposed the name without the cue (`Kantor Wakil
            // Presiden` before `Jusuf Kalla` keeps its last words).
            let cut = without_trailing_cue(&stages.doc, last.clone());
            let span = (pieces[last.start].start, pieces[cut - 1].end);
            let from = by_span.partition_point(|c| (c.start, c.end) < span);
            if by_span[from..]
                .iter()
                .take_while(|c| (c.start, c.end) == span)
                .any(|c| c.label == label)
            {
                last.end = cut;
            }
        }
        for mut part in parts.drain(..) {
            // A default model's person starts after a title or office, as the train splits
            // mostly write it (`Kombes Ahmad`, `Presiden Jokowi`, `Kapolsek Tambun`), unless
            // the title may be the name's (`Gus Dur`).
            let mut after_title = false;
            if label == Label::PER && split_pair {
                let first = after_titles(&stages.doc, part.clone());
                after_title = first > part.start;
                part.start = first;
            }
            let (start, end) = (pieces[part.start].start, pieces[part.end - 1].end);
            if overlaps_forced(start, end) {
                continue;
            }
            let from = by_span.partition_point(|c| (c.start, c.end) < (start, end));
            let same_span = || {
                by_span[from..]
                    .iter()
                    .take_while(|c| (c.start, c.end) == (start, end))
            };
            // A person of the embedded lists, whole, is a person (`Indra Sjafri`, `Tim Cook`,
            // `Bunga Citra Lestari`, `Wenger`, `Raisa`): the model's words (`Tim`, `Bunga`) made
            // some of them organizations; not a word in capitals (`WINNER`, a band), as often an
            // organization's. And an organization of the lists the model took for a person is
            // the organization (`Suzuki`, `NasDem`: a surname's shape, a capital inside), and so
            // is one it took for a place.
            let listed = |wanted: Label| {
                same_span().any(|c| {
                    c.label == wanted
                        && c.source.starts_with("gazetteer:")
                        && !c.is_custom(custom_from)
                })
            };
            let capitals = part.len() == 1 && is_all_caps(stages.doc.piece(part.start));
            let label = if label != Label::PER && !capitals && listed(Label::PER) {
                Label::PER
            } else if label == Label::PER && listed(Label::ORG) {
                Label::ORG
            } else if label == Label::LOC
                && split_pair
                && listed(Label::ORG)
                && !listed(Label::LOC)
                && stages
                    .doc
                    .phrase_at(&CUES.loc_markers, part.start, part.end)
                    .is_none()
            {
                // An organization only the lists hold is no place (`Amazon`, `Universitas
                // Georgia`, clubs the model learned as places from nerui), but a building
                // named so may be (`di Gedung Putih`); a style follows its corpus.
                Label::ORG
            } else if label != Label::LOC
                && split_pair
                && listed(Label::LOC)
                && stages.doc.is_dateline(part.clone())
                && part.clone().all(|i| is_all_caps(stages.doc.piece(i)))
            {
                // `BARCELONA, JUARA.net -`, `DEPOK (Pos Kota) -`: the place the news comes
                // from, which the model took for a club in sport news.
                Label::LOC
            } else if after_title && listed(Label::LOC) {
                // `Kapolsek Tambun`: the office's place.
                Label::LOC
            } else {
                label
            };
            let confirmed = same_span()
                .filter(|c| c.label == label)
                .max_by_key(|c| (c.source.starts_with("gazetteer:"), c.priority));
            let (source, canonical) = match confirmed {
                Some(c) => (confirmed_source(&c.source), c.canonical.clone()),
                None if opens_sentence(&stages.doc, &part) => continue,
                None => (Arc::clone(&MODEL_SOURCE), None),
            };
            out.push(Candidate {
                start,
                end,
                label,
                source,
                canonical,
                priority: 0,
                ambiguous: false,
            });
        }
    }
    if forced.is_empty() {
        return out;
    }
    out.extend(forced);
    out.sort_by_key(|c| c.start);
    out
}

/// Whether piece `i`, inside a person the model found in cased text, parts two persons: a word
/// in lower case that is no particle of names (`bin`, `van`; `gazetteers/cues/particles.txt`)
/// and that no name of the train splits holds (`br`, `dan`; `name_joiners.txt`). The model
/// reads a piece between two capitalized ones (`features.rs`), and so once read a verb there
/// as a name's (`Arman menggotong Sukiati`, `SBY khawatir Jokowi`, `Jonatan Christie vs Lee
/// Hyun - il`): 8 persons in the 7 MB news corpus, all wrong, are now 16 names, 9 of them
/// right.
fn splits_persons(doc: &Doc<'_>, i: usize) -> bool {
    doc.pieces[i].kind == TokenKind::Word
        && doc
            .piece(i)
            .chars()
            .all(|c| c.is_alphabetic() && c.is_lowercase())
        && !CUES.particles.contains(doc.folded(i))
        && !features::joins_names(doc.folded(i))
}

/// `model:` and `source`, the source of a name the model confirmed; made once per thread for
/// each source, not for every name (they are few: one per list and rule).
fn confirmed_source(source: &str) -> Arc<str> {
    thread_local! {
        static SOURCES: std::cell::RefCell<FastMap<Box<str>, Arc<str>>> = Default::default();
    }
    SOURCES.with_borrow_mut(|sources| {
        if let Some(s) = sources.get(source) {
            return Arc::clone(s);
        }
        // A process that makes taggers with ever new list names must not grow this forever.
        if sources.len() >= 1024 {
            sources.clear();
        }
        let made: Arc<str> = Arc::from(format!("model:{source}"));
        sources.insert(source.into(), Arc::clone(&made));
        made
    })
}

/// The parts of the span `pieces` of `doc` that hold no unmatched bracket, in order: a bracket
/// without its partner inside the span (`Komisi Pemberantasan Korupsi (KPK`, `(James`) is cut
/// out and splits the span, a part wholly in one pair of brackets loses them (`(Jokowi)`), and
/// a part keeps the span's label only if it has a word. The model may end a name inside
/// brackets, since some train corpora put `(KPK)` inside the name; a name with half a pair of
/// brackets is right in none of them. Curly quotation marks pair like brackets; straight ones
/// (`"`) pair when the span holds an even number of them (`Giuseppe "Beppe" Furino`), and are
/// cut out when it does not (`"Harry Styles`). A semicolon, which separates names in lists
/// (`Pogba; Mkhitaryan`), always splits, and so does the end of a sentence (`Novanto. Novanto`:
/// the train sentences are tagged one by one, so the model never learned that a name stops
/// there). No part starts with a mark other than a bracket or a quotation mark (`. Guardiola`,
/// after a sentence that ends without a space), or ends with a dash, comma, colon or slash
/// (`Perserikatan Bangsa -` of `Bangsa - Bangsa`): no train corpus has such a name.
///
/// With `split_pair`, a name that ends in a pair of brackets after words of its own is two
/// names, what comes before the brackets and what they hold (`Joko Widodo (Jokowi)`, `Komisi
/// Pemberantasan Korupsi (KPK)`), as the lists and rules find them, unless the brackets hold
/// a word of `gazetteers/cues/name_brackets.txt` (`PT Pertamina (Persero)`).
fn balanced_parts(
    doc: &Doc<'_>,
    pieces: Range<usize>,
    split_pair: bool,
    out: &mut Vec<Range<usize>>,
) {
    let bracket = |i: usize| match doc.piece(i) {
        "(" | "[" | "“" => Some(true),
        ")" | "]" | "”" => Some(false),
        _ => None,
    };
    let odd_quotes = pieces.clone().filter(|&i| doc.piece(i) == "\"").count() % 2 == 1;
    // A full stop, question or exclamation mark glued to a word of two letters or more or to
    // a closing bracket, and followed by a space and a capital, ends a sentence (`Riek Machar.
    // Machar`, `(KPK). Dewan`); inside a name a period follows an initial (`John F. Kennedy`)
    // or an abbreviation, which keeps it (`Jl.`, `Jend.`).
    let ends_sentence = |i: usize| {
        let before = doc.piece(i - 1);
        matches!(doc.piece(i), "." | "?" | "!")
            && (matches!(before, ")" | "]")
                || (doc.pieces[i - 1].kind == TokenKind::Word && before.chars().nth(1).is_some()))
            && doc.glued(i - 1)
            && !doc.glued(i)
            && doc
                .piece(i + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    // The pieces that are unmatched brackets.
    let mut open: Vec<usize> = Vec::new();
    let mut cuts: Vec<usize> = Vec::new();
    for i in pieces.clone() {
        match bracket(i) {
            Some(true) => open.push(i),
            Some(false) => match open.pop() {
                Some(_) => {}
                None => cuts.push(i),
            },
            None if doc.piece(i) == ";" || (odd_quotes && doc.piece(i) == "\"") => cuts.push(i),
            None if i > pieces.start && i + 1 < pieces.end && ends_sentence(i) => cuts.push(i),
            None => {}
        }
    }
    cuts.extend(open);
    if let Some(pair) = ending_pair(doc, &pieces, &cuts, bracket).filter(|_| split_pair) {
        cuts.extend(pair);
    }
    cuts.sort_unstable();
    // Whether the bracket at `part.start` closes at its last piece: the part is wholly in one
    // pair of brackets (`(Jokowi)`), which is no name's own.
    let wrapped = |part: &Range<usize>| {
        let mut depth = 0i32;
        for i in part.clone() {
            match bracket(i) {
                Some(true) => depth += 1,
                Some(false) => depth -= 1,
                None => {}
            }
            if depth == 0 {
                return i + 1 == part.end && i > part.start;
            }
        }
        false
    };
    let mark = |i: usize| doc.pieces[i].kind == TokenKind::Punct;
    let mut from = pieces.start;
    for cut in cuts.into_iter().chain([pieces.end]) {
        let mut part = from..cut;
        // Brackets around the part and stray marks at its edges go, until none is left.
        const OPENING: [&str; 6] = ["(", "[", "“", "\"", "'", "‘"];
        const TRAILING: [&str; 6] = ["-", "–", "—", ",", ":", "/"];
        loop {
            if wrapped(&part) {
                part = part.start + 1..part.end - 1;
            } else if !part.is_empty()
                && mark(part.start)
                && !OPENING.contains(&doc.piece(part.start))
            {
                part.start += 1;
            } else if !part.is_empty()
                && mark(part.end - 1)
                && TRAILING.contains(&doc.piece(part.end - 1))
            {
                part.end -= 1;
            } else {
                break;
            }
        }
        if part.clone().any(|i| doc.pieces[i].kind == TokenKind::Word) {
            out.push(part);
        }
        from = cut + 1;
    }
}

/// The opening and closing bracket of the pair that ends the span `pieces` of `doc` after
/// words of its own (`Joko Widodo (Jokowi)`), if the pair holds a word and none of
/// `name_brackets.txt`; `cuts` are the unmatched brackets, `bracket` tells opening from closing.
fn ending_pair(
    doc: &Doc<'_>,
    pieces: &Range<usize>,
    cuts: &[usize],
    bracket: impl Fn(usize) -> Option<bool>,
) -> Option<[usize; 2]> {
    let close = pieces.end.checked_sub(1).filter(|&i| i > pieces.start)?;
    if bracket(close) != Some(false) || cuts.contains(&close) {
        return None;
    }
    let mut depth = 0;
    let open = (pieces.start..close).rev().find(|&i| {
        match bracket(i) {
            Some(false) => depth += 1,
            Some(true) if depth == 0 => return true,
            Some(true) => depth -= 1,
            None => {}
        }
        false
    })?;
    let is_word = |i: &usize| doc.pieces[*i].kind == TokenKind::Word;
    let mut inside = open + 1..close;
    let holds_name = inside.clone().any(|i| is_word(&i))
        && !inside.any(|i| is_word(&i) && CUES.name_brackets.contains(doc.folded(i)));
    ((pieces.start..open).any(|i| is_word(&i)) && holds_name).then_some([open, close])
}

/// Whether `part` is one word of `sentence_openers.txt` (`Mari`, `Toh`) at the start of a
/// sentence: the first piece on its line, or after a mark that ends a sentence or an opening
/// quotation mark or bracket. A colon ends one here, as in the model's features
/// (`features::starts_sentence`; `Baca Juga: Rumor: …`), and not in the rules'
/// `common_words::starts_sentence_at`, which would keep two such false names in the news corpus.
fn opens_sentence(doc: &Doc<'_>, part: &Range<usize>) -> bool {
    if part.len() != 1 || !CUES.sentence_openers.contains(doc.folded(part.start)) {
        return false;
    }
    let mut i = part.start;
    while i > 0 && doc.same_line(i - 1) {
        let before = doc.piece(i - 1);
        if doc.pieces[i - 1].kind == TokenKind::Word {
            return false;
        }
        if before.ends_with(['.', '!', '?', '…', ':']) {
            return true;
        }
        if !before.chars().all(|c| "\"'“‘«([".contains(c)) {
            return false;
        }
        i -= 1;
    }
    true
}

/// Where `part` starts after the person cue phrases it starts with (`Kapolres AKBP`), if a
/// word is left after them, unless one is a title that may be the name's
/// (`gazetteers/cues/titles_in_names.txt`).
fn after_titles(doc: &Doc<'_>, part: Range<usize>) -> usize {
    let mut start = part.start;
    while let Some(n) = doc.phrase_at(&CUES.person, start, part.end) {
        let words_after = (start + n..part.end).any(|i| doc.pieces[i].kind == TokenKind::Word);
        if !words_after
            || doc.pieces[start + n].kind != TokenKind::Word
            || CUES.titles_in_names.contains(&doc.phrase(start..start + n))
        {
            break;
        }
        start += n;
    }
    start
}

/// The end of `part` without a person cue phrase at its end (`Kombes`), if words are left.
fn without_trailing_cue(doc: &Doc<'_>, part: Range<usize>) -> usize {
    (1..part.len())
        .find(|&n| doc.phrase_at(&CUES.person, part.end - n, part.end) == Some(n))
        .map_or(part.end, |n| part.end - n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::Folded;
    use crate::tokenize::tokenize;

    /// The parts of the whole of `text` as texts, as a style cuts them.
    fn parts(text: &str) -> Vec<&str> {
        parts_with(text, false)
    }

    /// The parts of the whole of `text` as texts; `split_pair`: as the default models cut them.
    fn parts_with(text: &str, split_pair: bool) -> Vec<&str> {
        let doc = Doc::new(text, tokenize(text), Folded::new(text));
        let mut out = Vec::new();
        balanced_parts(&doc, 0..doc.pieces.len(), split_pair, &mut out);
        out.iter()
            .map(|r| &text[doc.pieces[r.start].start..doc.pieces[r.end - 1].end])
            .collect()
    }

    /// The entities of `text` with the tags given by letters, one per piece: `o`, `P`/`p`
    /// (B-/I-PER), `L`/`l`, `G`/`g` (ORG).
    #[cfg(feature = "embedded")]
    fn entities_of(text: &str, tags: &str) -> Vec<String> {
        tagged(text, tags, false)
            .iter()
            .map(|c| format!("{}/{}", &text[c.start..c.end], c.label))
            .collect()
    }

    /// [`entities_of`] with the list places the model left untagged, as the default model
    /// keeps them, and the sources.
    #[cfg(feature = "embedded")]
    fn with_list_places(text: &str, tags: &str) -> Vec<String> {
        described(text, &tagged(text, tags, true))
    }

    /// Entities of `text` as `text/LABEL/source`.
    #[cfg(feature = "embedded")]
    fn described(text: &str, entities: &[Candidate]) -> Vec<String> {
        entities
            .iter()
            .map(|c| format!("{}/{}/{}", &text[c.start..c.end], c.label, c.source))
            .collect()
    }

    /// [`after_step`] with the default model's parts, [`described`].
    #[cfg(feature = "embedded")]
    fn described_after(
        text: &str,
        tags: &str,
        step: impl FnOnce(&Stages<'_>, u32, &mut Vec<Candidate>),
    ) -> Vec<String> {
        described(text, &after_step(text, tags, true, step))
    }

    #[cfg(feature = "embedded")]
    /// The piece tags that letters stand for: `P`/`p` begin/continue a person, `L`/`l` a place,
    /// `G`/`g` an organization, anything else outside.
    fn tag_codes(tags: &str) -> Vec<u8> {
        tags.chars()
            .map(|c| match c {
                'P' => 1,
                'p' => 2,
                'L' => 3,
                'l' => 4,
                'G' => 5,
                'g' => 6,
                _ => 0,
            })
            .collect()
    }

    /// The entities that piece tags (`tag_codes`) make of `text`, as the default model
    /// (`split_pair`) or a style makes them, after `step`, one of the steps after the model.
    #[cfg(feature = "embedded")]
    fn after_step(
        text: &str,
        tags: &str,
        split_pair: bool,
        step: impl FnOnce(&Stages<'_>, u32, &mut Vec<Candidate>),
    ) -> Vec<Candidate> {
        let tagger = crate::Tagger::embedded();
        let stages = tagger.stages(text, true, None);
        let tags = tag_codes(tags);
        assert_eq!(tags.len(), stages.doc.pieces.len(), "{text}");
        let mut out = entities(&stages, &tags, tagger.custom_from(), split_pair, false);
        step(&stages, tagger.custom_from(), &mut out);
        out
    }

    #[cfg(feature = "embedded")]
    fn tagged(text: &str, tags: &str, keep_places: bool) -> Vec<Candidate> {
        after_step(text, tags, true, |stages, _, out| {
            if keep_places {
                keep_list_places(stages, out);
                keep_list_organizations(stages, out);
            }
        })
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn names_the_model_glued_together_are_split() {
        let split = |text: &str, tags: &str| -> Vec<String> {
            after_step(text, tags, false, split_glued)
                .iter()
                .map(|c| format!("{}/{}", &text[c.start..c.end], c.label))
                .collect()
        };
        assert_eq!(
            split("kata Budi di Gedung DPR , Jakarta , kemarin", "oooLllloo"),
            ["Gedung DPR/LOC", "Jakarta/LOC"]
        );
        assert_eq!(
            split("Ketua Umum Partai NasDem Surya Paloh hadir", "ooPpppo"),
            ["Partai NasDem/ORG", "Surya Paloh/PER"]
        );
        assert_eq!(
            split("bintang NBA Kobe Bryant hadir", "oGggo"),
            ["NBA/ORG", "Kobe Bryant/PER"]
        );
        assert_eq!(
            split("Merdeka.com - Persija Jakarta menang", "Ggggo"),
            ["Merdeka.com/ORG", "Persija Jakarta/ORG"]
        );
        // A name the lists and rules did not choose as such parts stays whole, and so do two
        // persons joined by a dash, a pair, and a listed place before another place.
        assert_eq!(
            split(
                "tinggal di Kelurahan Zyxwa , Qowert hingga kini",
                "ooLllloo"
            ),
            ["Kelurahan Zyxwa , Qowert/LOC"]
        );
        assert_eq!(
            split("pasangan Joko Widodo - Jusuf Kalla menang", "oPppppo"),
            ["Joko Widodo - Jusuf Kalla/PER"]
        );
        assert_eq!(
            split("Ia tiba di Bandung Jakarta kemarin", "oooLlo"),
            ["Bandung Jakarta/LOC"]
        );
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_listed_person_the_model_tagged_parts_of_is_whole() {
        let whole = |text: &str, tags: &str| -> Vec<String> {
            described_after(text, tags, whole_list_persons)
        };
        assert_eq!(
            whole("gaya Tim Cook memimpin", "ooPo"),
            ["Tim Cook/PER/gazetteer:per-wiki"]
        );
        assert_eq!(
            whole("dan Sony Dwi Kuncoro kalah", "oGPpo"),
            ["Sony Dwi Kuncoro/PER/gazetteer:per-wiki"]
        );
        // Not where the model's name runs past the listed one.
        assert_eq!(
            whole("gaya Tim Cook Zyxwa memimpin", "ooPpo"),
            ["Cook Zyxwa/PER/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn an_acronym_a_name_of_the_model_defines_takes_its_label() {
        let acronyms = |text: &str, tags: &str| -> Vec<String> {
            described_after(text, tags, |stages, custom_from, out| {
                add_acronyms(&stages.doc, custom_from, out);
            })
        };
        // The definition and a bare use later, with the model's label.
        assert_eq!(
            acronyms("Zyx Qow Uvrat ( ZQU ) menang . ZQU juga", "Gggooooooo"),
            [
                "Zyx Qow Uvrat/ORG/model",
                "ZQU/ORG/rule:acronym",
                "ZQU/ORG/rule:acronym"
            ]
        );
        // Not over a name of the model, nor without a name right before the brackets.
        assert_eq!(
            acronyms("Zyx Qow Uvrat ( ZQU ) menang", "GggoLoo"),
            ["Zyx Qow Uvrat/ORG/model", "ZQU/LOC/model"]
        );
        assert!(acronyms("Zyx Qow Uvrat ( ZQU ) menang", "ooooooo").is_empty());
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn initials_the_model_left_untagged_are_kept() {
        let initials = |tags: &str| -> Vec<String> {
            let text = "pelaku berinisial IY ditangkap";
            described_after(text, tags, |stages, _, out| keep_initials(stages, out))
        };
        assert_eq!(initials("oooo"), ["IY/PER/rule:initials"]);
        assert_eq!(initials("ooGo"), ["IY/ORG/model"]);
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_run_joined_to_a_person_of_the_model_is_a_person() {
        let persons = |text: &str, tags: &str| -> Vec<String> {
            described_after(text, tags, |stages, _, out| {
                add_coordinated_persons(&stages.doc, out);
            })
        };
        assert_eq!(
            persons("antara Zyxwa dan Qowerto nanti", "oPooo"),
            ["Zyxwa/PER/model", "Qowerto/PER/rule:coordination"]
        );
        // Not beside a place of the model, nor over a name of the model.
        assert_eq!(
            persons("antara Zyxwa dan Qowerto nanti", "oLooo"),
            ["Zyxwa/LOC/model"]
        );
        assert_eq!(
            persons("antara Zyxwa dan Qowerto nanti", "oPoGo"),
            ["Zyxwa/PER/model", "Qowerto/ORG/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_surname_after_a_proposed_full_name_is_the_person() {
        let persons = |text: &str, tags: &str| -> Vec<String> {
            described_after(text, tags, |stages, custom_from, out| {
                with_surnames_of_persons(&stages.doc, custom_from, out);
            })
        };
        // The cue proposed `Budi Zyxwanto`; the model took the later `Zyxwanto` for an
        // organization.
        let text = "kata Budi Zyxwanto kemarin. Menurut situsnya, Zyxwanto akan datang.";
        let found = persons(text, "oPpoooooGooo");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("Budi Zyxwanto/PER/"), "{found:?}");
        assert_eq!(found[1], "Zyxwanto/PER/rule:surname");
        // Not before the full name, nor after one the model alone found.
        let text = "Menurut situsnya, Zyxwanto datang. kata Budi Zyxwanto kemarin.";
        assert_eq!(persons(text, "oooGoooPpoo")[0], "Zyxwanto/ORG/model");
        let text = "Qowerto Zyxwanto hadir. Menurut situsnya, Zyxwanto akan datang.";
        assert_eq!(
            persons(text, "PpoooooGooo"),
            ["Qowerto Zyxwanto/PER/model", "Zyxwanto/ORG/model"]
        );
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_given_name_before_a_person_of_the_model_joins_it() {
        let persons = |text: &str, tags: &str| -> Vec<String> {
            described_after(text, tags, |stages, custom_from, out| {
                with_given_names(&stages.doc, custom_from, out);
            })
        };
        // `Paulo` is a given name of the lists; `Zyxwa` is not.
        assert_eq!(
            persons("umpan untuk Paulo Zyxwanto tadi", "oooPo"),
            ["Paulo Zyxwanto/PER/model"]
        );
        assert_eq!(
            persons("umpan untuk Zyxwa Qowerto tadi", "oooPo"),
            ["Qowerto/PER/model"]
        );
        // Not in capitals, nor a word of another name.
        assert_eq!(
            persons("umpan untuk PAULO Zyxwanto tadi", "oooPo"),
            ["Zyxwanto/PER/model"]
        );
        assert_eq!(
            persons("umpan untuk Paulo Zyxwanto tadi", "ooGPo"),
            ["Paulo/ORG/model", "Zyxwanto/PER/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_models_own_names_after_a_time_or_title_word_go() {
        let kept = |text: &str, tags: &str| -> Vec<String> {
            after_step(text, tags, true, |stages, _, out| {
                without_times_and_titles(&stages.doc, out);
            })
            .iter()
            .map(|c| text[c.start..c.end].to_string())
            .collect()
        };
        assert!(kept("saat Idul Fitri tiba", "ooPo").is_empty());
        assert!(kept("film Zyxwa Qowert tayang", "oPpo").is_empty());
        // Not elsewhere, nor a name a list proposed (`Jakarta`).
        assert_eq!(kept("kata Zyxwa Qowert tadi", "oPpo"), ["Zyxwa Qowert"]);
        assert_eq!(kept("film Jakarta tayang", "oLo"), ["Jakarta"]);
    }

    #[cfg(feature = "wiki")]
    #[test]
    fn a_proposed_or_given_persons_other_uses_are_the_person() {
        let persons = |text: &str, tags: &str| -> Vec<String> {
            after_step(text, tags, true, |stages, custom_from, out| {
                add_persons_other_uses(&stages.doc, custom_from, out);
            })
            .iter()
            .map(|c| format!("{}@{}/{}", &text[c.start..c.end], c.start, c.source))
            .collect()
        };
        // A person cue proposed the first; the other uses follow, at a sentence's start too,
        // but not inside a longer capitalized run or after a title's word.
        assert_eq!(
            persons(
                "kata Kombes Zyxwanto . Zyxwanto tiba , film Zyxwanto dan Zyxwanto Qowert",
                "ooPooooooooo"
            ),
            [
                "Zyxwanto@12/model:rule:person_cue",
                "Zyxwanto@23/rule:same_name"
            ]
        );
        // The model's own name spreads only with a given name in it.
        assert_eq!(
            persons("Zyxwanto tiba . Lalu Zyxwanto pergi", "Pooooo"),
            ["Zyxwanto@0/model"]
        );
        assert_eq!(
            persons("Agus tiba . Lalu Agus pergi", "Pooooo"),
            ["Agus@0/model", "Agus@17/rule:same_name"]
        );
        // Nor does a name the model also gave another label.
        assert_eq!(
            persons(
                "kata Kombes Zyxwanto , Zyxwanto tiba di Zyxwanto",
                "ooPooooL"
            ),
            ["Zyxwanto@12/model:rule:person_cue", "Zyxwanto@40/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn an_item_of_a_list_takes_its_neighbours_label() {
        let step = |stages: &Stages<'_>, _: u32, out: &mut Vec<Candidate>| {
            with_neighbours_label(&stages.doc, out)
        };
        assert_eq!(
            described_after("Kemarin Zyxa, Zyxwa, dan Zyxo datang", "oPoLooPo", step),
            ["Zyxa/PER/model", "Zyxwa/PER/model", "Zyxo/PER/model"]
        );
        // Not a name a list holds, nor one set off by other words.
        assert_eq!(
            described_after("Kemarin Zyxa, Bandung, dan Zyxo datang", "oPoLooPo", step),
            [
                "Zyxa/PER/model",
                "Bandung/LOC/model:gazetteer:loc",
                "Zyxo/PER/model"
            ]
        );
        assert_eq!(
            described_after("Kemarin Zyxa di Zyxwa dan Zyxo datang", "oPoLoPo", step),
            ["Zyxa/PER/model", "Zyxwa/LOC/model", "Zyxo/PER/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_word_in_lower_case_parts_persons_unless_names_hold_it() {
        assert_eq!(
            entities_of("Kemarin Zyxman menggotong Zyxiati pulang", "oPppo"),
            ["Zyxman/PER", "Zyxiati/PER"]
        );
        // Particles and words the train splits' names hold stay; places are not parted.
        assert_eq!(
            entities_of(
                "Kemarin Zyxman bin Zyxid dan Ulina br Zyxing pulang",
                "oPppoPppo"
            ),
            ["Zyxman bin Zyxid/PER", "Ulina br Zyxing/PER"]
        );
        assert_eq!(
            entities_of("Kemarin Zyxleri sampai Zyxarang macet", "oLllo"),
            ["Zyxleri sampai Zyxarang/LOC"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_comma_parts_a_default_models_places() {
        assert_eq!(
            entities_of("di gedung Zyx, Jakarta kemarin", "oLlllo"),
            ["gedung Zyx/LOC", "Jakarta/LOC"]
        );
        // A style keeps its corpus's places (`Cikini, Jakarta Pusat`).
        let text = "di Zyxini, Jakarta kemarin";
        assert_eq!(
            described(text, &after_step(text, "oLllo", false, |_, _, _| {})),
            ["Zyxini, Jakarta/LOC/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_person_starts_after_a_title_unless_the_title_may_be_the_names() {
        assert_eq!(
            entities_of("kata Kombes Zyxwanto kemarin", "oPpo"),
            ["Zyxwanto/PER"]
        );
        assert_eq!(
            entities_of("Presiden Pak Zyxwanto tiba", "Pppo"),
            ["Zyxwanto/PER"]
        );
        assert_eq!(
            entities_of("bersama Gus Zyxdur tiba", "oPpo"),
            ["Gus Zyxdur/PER"]
        );
        // The office's place, a listed one, is the place; a title alone stays.
        assert_eq!(
            entities_of("dengan Kapolsek Bandung kemarin", "oPpo"),
            ["Bandung/LOC"]
        );
        assert_eq!(entities_of("kata Kombes kemarin", "oPo"), ["Kombes/PER"]);
        for title in &CUES.titles_in_names {
            assert!(CUES.person.contains(title), "{title}");
        }
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_persons_glued_syllable_is_the_persons() {
        let persons = |text: &str, tags: &str| -> Vec<String> {
            after_step(text, tags, true, |stages, custom_from, out| {
                crate::rules::with_glued_syllables(&stages.doc, custom_from, out);
            })
            .iter()
            .map(|c| text[c.start..c.end].to_string())
            .collect()
        };
        assert_eq!(persons("Zyx Joong-ki hadir", "Ppooo"), ["Zyx Joong-ki"]);
        // Spaced out too, but not before an ordinary word (a dash), not after one word, not an
        // enclitic, not into the next name.
        assert_eq!(persons("Zyx Joong - ki hadir", "Ppooo"), ["Zyx Joong - ki"]);
        assert_eq!(persons("Zyx Joong - yang hadir", "Ppooo"), ["Zyx Joong"]);
        assert_eq!(persons("Joong-ki hadir", "Pooo"), ["Joong"]);
        assert_eq!(persons("Zyx Joong-lah hadir", "Ppooo"), ["Zyx Joong"]);
        assert_eq!(persons("Zyx Joong-ki hadir", "PpoPo"), ["Zyx Joong", "ki"]);
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_default_model_keeps_list_places_it_left_untagged() {
        assert_eq!(
            with_list_places("Israel menyerang Gaza lagi", "oooo"),
            ["Israel/LOC/gazetteer:loc", "Gaza/LOC/gazetteer:loc"]
        );
        // Not where the model found something else over them.
        assert_eq!(
            with_list_places("Israel menyerang Gaza lagi", "Gooo"),
            ["Israel/ORG/model", "Gaza/LOC/gazetteer:loc"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_product_after_its_maker_is_not_the_organizations() {
        let products = |text: &str, tags: &str| {
            described_after(text, tags, |s, c, out| without_products(s, c, out))
        };
        // `Google` is a listed organization.
        assert_eq!(
            products("fitur Google Maps baru", "oGgo"),
            ["Google/ORG/model:gazetteer:org"]
        );
        // Not a longer name of the company, nor a name that does not start with the listed one.
        assert_eq!(
            products("fitur Google Zyxwa baru", "oGgo"),
            ["Google Zyxwa/ORG/model"]
        );
        assert_eq!(
            products("fitur Zyx Maps baru", "oGgo"),
            ["Zyx Maps/ORG/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn an_election_or_race_before_a_listed_place_is_no_part_of_it() {
        // `Perancis` and `Jabar` are listed places; not an organization named so, nor a place
        // that goes on past the listed one.
        for (text, tags, expected) in [
            (
                "menang di GP Perancis kemarin",
                "ooLlo",
                "Perancis/LOC/model:gazetteer:loc",
            ),
            (
                "maju di Pilgub Jabar tahun ini",
                "ooGgoo",
                "Jabar/LOC/model:gazetteer:loc",
            ),
            ("anggota GP Ansor hadir", "oGgo", "GP Ansor/ORG/model"),
            (
                "di GP Perancis Zyxwa kemarin",
                "oLllo",
                "GP Perancis Zyxwa/LOC/model",
            ),
        ] {
            let out = described_after(text, tags, |s, c, out| without_events(s, c, out));
            assert_eq!(out, [expected], "{text}");
        }
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn the_default_model_keeps_list_organizations_it_left_untagged_alone() {
        // `KPK` and `Polri` are in the embedded lists.
        assert_eq!(
            with_list_places("penyidik KPK datang lagi", "oooo"),
            ["KPK/ORG/gazetteer:org"]
        );
        // Not beside a capitalized word, where the model's choice about a longer name stands,
        // nor where the model found something over it.
        assert!(with_list_places("tim Zyxwa Polri menang", "oooo").is_empty());
        assert_eq!(
            with_list_places("penyidik KPK datang lagi", "oLlo"),
            ["KPK datang/LOC/model"]
        );
        // So are an organization marker's names (`Dinas`), but not a numbered unit.
        assert_eq!(
            with_list_places("bersama Dinas Zyxwa juga", "oooo"),
            ["Dinas Zyxwa/ORG/rule:org_marker"]
        );
        assert!(with_list_places("bersama Komisi III juga", "oooo").is_empty());
        // A title or a name of the model beside it is no longer name.
        assert_eq!(
            with_list_places("dari Polri Irjen Zyxwa Qowert datang", "oooPpo"),
            ["Polri/ORG/gazetteer:org", "Zyxwa Qowert/PER/model"]
        );
        assert_eq!(
            with_list_places("dari Polri Zyxwa Qowert datang", "ooPpo"),
            ["Polri/ORG/gazetteer:org", "Zyxwa Qowert/PER/model"]
        );
        assert!(is_numeral("XI") && is_numeral("12") && !is_numeral("DPR") && !is_numeral(""));
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_listed_person_whole_stays_a_person() {
        // `Susi Pudjiastuti` is in the embedded lists.
        assert_eq!(
            with_list_places("menteri Susi Pudjiastuti hadir", "oGgo"),
            ["Susi Pudjiastuti/PER/model:gazetteer:per"]
        );
        // Not a part of it, nor a longer name.
        assert_eq!(
            with_list_places("menteri Susi Pudjiastuti hadir", "ooGo"),
            ["Pudjiastuti/ORG/model"]
        );
        assert_eq!(
            with_list_places("menteri Susi Pudjiastuti hadir", "Gggo"),
            ["menteri Susi Pudjiastuti/ORG/model"]
        );
        // One word too (`Susi` is listed alone, in the share-alike list), but not one in
        // capitals.
        if cfg!(feature = "wiki") {
            assert_eq!(
                with_list_places("menteri Susi hadir", "oGo"),
                ["Susi/PER/model:gazetteer:per-wiki"]
            );
        }
        assert_eq!(
            with_list_places("menteri SUSI hadir", "oGo"),
            ["SUSI/ORG/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_listed_organization_the_model_took_for_a_person_or_place_is_the_organization() {
        // `Suzuki` is in the embedded lists as an organization.
        assert_eq!(
            with_list_places("motor Suzuki laris", "oPo"),
            ["Suzuki/ORG/model:gazetteer:org"]
        );
        assert_eq!(
            with_list_places("motor Suzuki laris", "oLo"),
            ["Suzuki/ORG/model:gazetteer:org"]
        );
        // A dateline's listed place is the place, not the club of a sport's news.
        assert_eq!(
            entities_of("BARCELONA , JUARA.net - Messi cedera", "Gooooo"),
            ["BARCELONA/LOC"]
        );
        assert_eq!(
            entities_of("Ia ke BARCELONA , lalu pulang", "ooGooo"),
            ["BARCELONA/ORG"]
        );
        // A building named so may be a place (`Gedung Putih`, the White House, is listed as an
        // organization).
        assert_eq!(
            with_list_places("tiba di Gedung Putih kemarin", "ooLlo"),
            ["Gedung Putih/LOC/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_cue_before_a_person_is_not_the_organizations() {
        // `Polda Jatim` is a name the rules propose; the cue goes with the person.
        assert_eq!(
            entities_of("Humas Polda Jatim Kombes Gatot Zyx hadir", "oGggPpo"),
            ["Polda Jatim/ORG", "Gatot Zyx/PER"]
        );
        // Without a proposal of the shorter name, or without a person after, it stays.
        assert_eq!(
            entities_of("Kantor Wakil Presiden Jusuf Zyx hadir", "GggPpo"),
            ["Kantor Wakil Presiden/ORG", "Jusuf Zyx/PER"]
        );
        assert_eq!(
            entities_of("Humas Polda Jatim Kombes hadir", "oGggo"),
            ["Polda Jatim Kombes/ORG"]
        );
    }

    /// A word that opens sentences is no name of the model's at a sentence start, and is
    /// elsewhere or as part of a longer name.
    #[test]
    #[cfg(feature = "embedded")]
    fn a_sentence_opener_alone_at_a_sentence_start_is_no_name() {
        assert_eq!(
            entities_of("Toh mereka datang", "Poo"),
            Vec::<String>::new()
        );
        assert_eq!(
            entities_of("Ia pergi. Nahas, ia jatuh", "oooPooo"),
            Vec::<String>::new()
        );
        assert_eq!(entities_of("\"Halo semua", "oPo"), Vec::<String>::new());
        assert_eq!(entities_of("Kata Toh hadir", "oPo"), ["Toh/PER"]);
        assert_eq!(entities_of("Toh Zyx hadir", "Ppo"), ["Toh Zyx/PER"]);
        assert_eq!(entities_of("Zyx mereka datang", "Poo"), ["Zyx/PER"]);
    }

    #[test]
    fn the_default_models_split_a_name_that_ends_in_brackets() {
        let split = |text| parts_with(text, true);
        assert_eq!(split("Joko Widodo (Jokowi)"), ["Joko Widodo", "Jokowi"]);
        assert_eq!(
            split("Komisi Pemberantasan Korupsi ( KPK )"),
            ["Komisi Pemberantasan Korupsi", "KPK"]
        );
        assert_eq!(split("X [Y Z]"), ["X", "Y Z"]);
        // The pair that ends the name, whole, and nested pairs inside it stay with it.
        assert_eq!(split("A (B (C))"), ["A", "B (C)"]);
        assert_eq!(split("A (B) C (D)"), ["A (B) C", "D"]);
        // Brackets that are the name's own, or hold no word, or are not at its end, stay.
        assert_eq!(split("PT Zyx (Persero)"), ["PT Zyx (Persero)"]);
        assert_eq!(split("PT Zyx ( PERSERO )"), ["PT Zyx ( PERSERO )"]);
        assert_eq!(split("A ( - )"), ["A ( - )"]);
        assert_eq!(
            split("Partai Zyx (PZ) Indonesia"),
            ["Partai Zyx (PZ) Indonesia"]
        );
        // A name wholly in brackets is still the name inside them, and half pairs still cut.
        assert_eq!(split("(Jokowi)"), ["Jokowi"]);
        assert_eq!(split("(A) (B)"), ["A", "B"]);
        assert_eq!(split("A (B"), ["A", "B"]);
        assert_eq!(split("A B)"), ["A B"]);
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_sentences_ordinary_first_word_is_no_persons() {
        let step = |text: &str| {
            described_after(text, "ooooPpooo", |stages, _, out| {
                without_sentence_openers(&stages.doc, out);
            })
        };
        assert_eq!(
            step("Kemarin ia datang . Namun Zyxsmith tampak kusut ."),
            ["Zyxsmith/PER/model"]
        );
        // Not mid-sentence, nor a particle (`De Gea`).
        assert_eq!(
            step("Kemarin ia datang , namun Zyxsmith tampak kusut ."),
            ["namun Zyxsmith/PER/model"]
        );
        assert_eq!(
            step("Kemarin ia datang . De Zyxgea tampak kusut ."),
            ["De Zyxgea/PER/model"]
        );
    }

    #[cfg(feature = "embedded")]
    #[test]
    fn a_name_of_the_model_ends_at_a_line_break() {
        // Pieces: `Ikuti`, `Zyxnews.id`, `Zyxnews`, `Network`; the model's tags run on over
        // the break.
        let text = "Ikuti Zyxnews.id\nZyxnews Network";
        let names = described_after(text, "oGgg", |_, _, _| {});
        assert_eq!(
            names,
            [
                "Zyxnews.id/ORG/model",
                "Zyxnews Network/ORG/model:rule:org_marker"
            ],
            "{text:?}"
        );
    }

    #[test]
    fn unmatched_brackets_split_a_name() {
        assert_eq!(
            parts("Komisi Pemberantasan Korupsi (KPK"),
            ["Komisi Pemberantasan Korupsi", "KPK"]
        );
        assert_eq!(parts("(James McClean"), ["James McClean"]);
        assert_eq!(parts("FKM)"), ["FKM"]);
        assert_eq!(parts("GP) Ansor"), ["GP", "Ansor"]);
        assert_eq!(parts("Fran [Walsh"), ["Fran", "Walsh"]);
        assert_eq!(parts("A ) ( B"), ["A", "B"]);
        assert_eq!(parts("( )"), Vec::<&str>::new());
        // Pairs stay, also nested, as some corpora write them.
        assert_eq!(parts("Joko Widodo (Jokowi)"), ["Joko Widodo (Jokowi)"]);
        assert_eq!(parts("PT A (Persero) (B)"), ["PT A (Persero) (B)"]);
        assert_eq!(parts("X ((Y) Z"), ["X", "(Y) Z"]);
        // A name wholly in brackets is the name inside them.
        assert_eq!(parts("(Jokowi)"), ["Jokowi"]);
        assert_eq!(parts("[(KPK)]"), ["KPK"]);
        assert_eq!(parts("X ((Y)"), ["X", "Y"]);
        assert_eq!(parts("(A) (B)"), ["(A) (B)"]);
        // Quotation marks: curly ones pair like brackets, straight ones by their number.
        assert_eq!(parts("“Harry Styles"), ["Harry Styles"]);
        assert_eq!(parts("“Jokowi”"), ["Jokowi"]);
        assert_eq!(parts("\"Harry Styles"), ["Harry Styles"]);
        assert_eq!(parts("Harry Styles \""), ["Harry Styles"]);
        assert_eq!(
            parts("Giuseppe \"Beppe\" Furino"),
            ["Giuseppe \"Beppe\" Furino"]
        );
        // A semicolon separates names.
        assert_eq!(parts("Pogba; Mkhitaryan"), ["Pogba", "Mkhitaryan"]);
        // So does the end of a sentence, but not the period of an initial or abbreviation,
        // one that no space follows, or one before a word in lower case or a number.
        assert_eq!(parts("Riek Machar. Machar"), ["Riek Machar", "Machar"]);
        assert_eq!(parts("Katy Perry! Tonton"), ["Katy Perry", "Tonton"]);
        assert_eq!(parts("Jokowi? SBY"), ["Jokowi", "SBY"]);
        assert_eq!(
            parts("Komisi (KPK). Dewan Pers"),
            ["Komisi (KPK)", "Dewan Pers"]
        );
        assert_eq!(parts("John F. Kennedy"), ["John F. Kennedy"]);
        assert_eq!(parts("Jl. Kapuk Muara"), ["Jl. Kapuk Muara"]);
        assert_eq!(parts("Jl . Kapuk Muara"), ["Jl . Kapuk Muara"]);
        assert_eq!(parts("Situs.Berita Baru"), ["Situs.Berita Baru"]);
        assert_eq!(parts("jalan Bulungan no. 16"), ["jalan Bulungan no. 16"]);
        assert_eq!(parts("riek machar. machar"), ["riek machar. machar"]);
        // Stray marks at the edges go; a full stop at the end and marks inside stay.
        assert_eq!(parts(". Guardiola"), ["Guardiola"]);
        assert_eq!(parts("Perserikatan Bangsa -"), ["Perserikatan Bangsa"]);
        assert_eq!(parts("Kim Jong - , "), ["Kim Jong"]);
        assert_eq!(parts("Harold Belafonte, Jr."), ["Harold Belafonte, Jr."]);
        assert_eq!(parts("Bangsa - Bangsa"), ["Bangsa - Bangsa"]);
        assert_eq!(parts("- / ,"), Vec::<&str>::new());
        assert_eq!(parts(". (Jokowi) -"), ["Jokowi"]);
    }
}
