//! Any `&str` is safe: randomized tests over hostile text, for the embedded tagger, a
//! case-insensitive one, one without rules, one built from a custom gazetteer of awkward entries
//! (with and without case), and with the `model` feature the learned layer (cased, ignoring
//! case, and in a style).
//!
//! For every input and tagger: no panic; each entity's byte span sits on char boundaries and
//! slices to its text; its char span agrees with its byte span; entities are sorted and never
//! overlap; tagging twice gives the same result; the JSON form round-trips. The CoNLL and
//! inline writers accept the result too.
//!
//! Each property runs [`DEFAULT_CASES`] cases, so the file stays well under a minute in debug
//! mode. `TANDAI_FUZZ_CASES=N` runs N cases per property instead, for hours if wanted:
//!
//! ```text
//! TANDAI_FUZZ_CASES=1000000 cargo test --release --test properties
//! ```
//!
//! This is the project's fuzzing. `cargo fuzz` needs a nightly toolchain and the `cargo-fuzz`
//! binary; a new machine of this project's kind has one stable toolchain and no way to fetch
//! another, so CI cannot run it. (Where both happen to be installed it works: a `fuzz_target!`
//! calling `tandai::tag` on any UTF-8 input ran 259,000 inputs in 60 s without a finding.)
//! These randomized tests run everywhere `cargo test` does, and proptest shrinks a failing
//! input to a small one.
//!
//! Also here: case-insensitive matching keeps offsets for letters whose case forms differ in
//! length or are not ASCII (`İ`, `ẞ`, `ı`, `Σ`/`ς`).

#![cfg(all(feature = "embedded", feature = "serde"))]

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use tandai::{Entity, Gazetteer, Label, Tagger, format};

/// Cases per property unless `TANDAI_FUZZ_CASES` says otherwise.
const DEFAULT_CASES: u32 = 200;

fn config() -> Config {
    let cases = std::env::var("TANDAI_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        // A failure prints its shrunk input; no regression files in the work tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Awkward entries for the custom gazetteer: non-ASCII case, letters whose lower case has
/// another UTF-8 length, prefixes of each other, punctuation, emoji, right-to-left script.
const CUSTOM_ENTRIES: &[&str] = &[
    "Müller",
    "İstanbul",
    "Straße",
    "Diyarbakır",
    "Σοφία",
    "Ὀδυσσεύς",
    "Sumatera",
    "Sumatera Utara",
    "Sumatera Utara Barat",
    "Ma’ruf",
    "Ma'ruf Amin",
    "e-KTP",
    "Jl. Sudirman",
    "PT Maju Tbk.",
    "iNews",
    "AS",
    "-",
    "...",
    "👨‍👩‍👧",
    "🇮🇩",
    "مرحبا",
    "\u{212A}ota",
    "Ⱥrena",
    "ǅemal",
    "Jawa\u{a0}Barat",
];

static CUSTOM: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer::new("custom");
    let product = Label::new("PRODUCT").unwrap();
    for (i, entry) in CUSTOM_ENTRIES.iter().enumerate() {
        let label = [Label::PER, Label::LOC, Label::ORG, product][i % 4];
        g.insert(entry, label).unwrap();
    }
    g.insert_alias("Jokowi", "Joko Widodo", Label::PER).unwrap();
    g
});

/// (name, tagger): embedded, embedded ignoring case, embedded without rules, custom, custom
/// ignoring case.
static TAGGERS: LazyLock<Vec<(&'static str, Tagger)>> = LazyLock::new(|| {
    let custom = |ignore_case| {
        Tagger::builder()
            .embedded_gazetteers(false)
            .gazetteer(CUSTOM.clone())
            .ignore_case(ignore_case)
            .build()
            .unwrap()
    };
    vec![
        ("embedded", Tagger::embedded().clone()),
        (
            "embedded ignore_case",
            Tagger::builder().ignore_case(true).build().unwrap(),
        ),
        (
            "embedded without rules",
            Tagger::builder().rules(false).build().unwrap(),
        ),
        ("custom", custom(false)),
        ("custom ignore_case", custom(true)),
        // The learned layer and its steps after the model, on the same hostile text.
        #[cfg(feature = "model")]
        ("model", Tagger::builder().model(true).build().unwrap()),
        #[cfg(feature = "model")]
        (
            "model ignore_case",
            Tagger::builder()
                .model(true)
                .ignore_case(true)
                .build()
                .unwrap(),
        ),
        #[cfg(feature = "model")]
        (
            "model in a style",
            Tagger::builder().style("nerugm").build().unwrap(),
        ),
    ]
});

/// The results of the tagger named `name` among [`TAGGERS`]'.
fn of<'r, 'h>(results: &'r [Vec<Entity<'h>>], name: &str) -> &'r [Entity<'h>] {
    let k = TAGGERS.iter().position(|(n, _)| *n == name);
    &results[k.unwrap_or_else(|| panic!("no tagger {name}"))]
}

/// Entries of the embedded lists and the custom one, as material for glued text.
static ENTRIES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut entries: Vec<String> = CUSTOM_ENTRIES.iter().map(|e| e.to_string()).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers");
    for name in ["per", "loc", "org"] {
        let g = Gazetteer::from_path(dir.join(format!("{name}.txt"))).unwrap();
        entries.extend(g.iter().map(|(e, _, _)| e.to_string()));
    }
    entries
});

/// Pieces of hostile text.
const FRAGMENTS: &[&str] = &[
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{85}",
    "\u{2028}",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{301}",
    "e\u{301}\u{301}\u{301}",
    "\u{202e}",
    "\u{202c}",
    "\u{2066}",
    "-",
    "--",
    "\u{2010}",
    "\u{2011}",
    "—",
    "'",
    "’",
    "\u{2bc}",
    ".",
    "...",
    "…",
    ",",
    "(",
    ")",
    "\"",
    "“",
    "«",
    "nya",
    "-nya",
    "-lah",
    "ke",
    "di",
    "İ",
    "ı",
    "I",
    "ß",
    "ẞ",
    "Σ",
    "ς",
    "σ",
    "\u{212a}",
    "Ⱥ",
    "ǅ",
    "ﬁ",
    "👨‍👩‍👧",
    "🇮🇩🇮🇩🇮",
    "😀",
    "مرحبا",
    "שָׁלוֹם",
    "東京",
    "한국",
    "Rp1.000,50",
    "S.H.",
    "Jl.",
    "Tbk.",
    "\u{fffd}",
    "\u{10ffff}",
];

/// One way to write an entry in text.
fn mangle(entry: &str, how: u8) -> String {
    match how % 16 {
        0 | 1 => entry.to_string(),
        2 => entry.to_uppercase(),
        3 => entry.to_lowercase(),
        4 => entry.replace(' ', ""),
        5 => entry.replace(' ', "-"),
        6 => entry.replace(' ', "."),
        7 => entry.replace(' ', "’"),
        8 => entry.replace(' ', "'"),
        9 => format!("{entry}nya"),
        10 => format!("{entry}-nya"),
        11 => entry.replace('i', "İ").replace('I', "ı"),
        12 => entry.replace('s', "ß").replace('S', "ẞ"),
        13 => entry.replace('a', "Σ").replace('o', "ς"),
        14 => entry.replace(' ', "\u{a0}"),
        _ => format!("{entry}-{entry}"),
    }
}

/// Text glued from entries, written in odd ways, and hostile fragments.
fn glued_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => (select(ENTRIES.clone()), any::<u8>()).prop_map(|(e, how)| mangle(&e, how)),
        2 => select(FRAGMENTS).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// Words that make names (given names, surnames, cues, markers, `dan`, commas) on short lines:
/// the rules and the model must end every name at a line break.
fn short_lines() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "Budi",
        "Santoso",
        "Megawati",
        "Zyxabc",
        "Rafif",
        "dan",
        ",",
        ";",
        "kata",
        "Presiden",
        "Kementerian",
        "Hukum",
        "HAM",
        "Dewan",
        "Jabatan",
        "PT",
        "Maju",
        "Jaya",
        "Jakarta",
        "jalan",
        "desa",
        "Amerika",
        "Serikat",
        "United",
        "ZyxoraBooking",
        "Ali",
        "(",
        ")",
        "KPK",
        "Ny.",
        "Song",
        "Joong",
        "-",
        "ki",
        "ujar",
        "di",
        "Kabupaten",
        "Bogor",
        ".",
    ];
    let line = proptest::collection::vec(select(WORDS), 1..6).prop_map(|w| w.join(" "));
    proptest::collection::vec(line, 1..8).prop_map(|lines| lines.join("\n"))
}

/// Arbitrary Unicode scalar values, controls and NUL included.
fn any_chars() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..64).prop_map(|cs| cs.into_iter().collect())
}

/// Long runs: one token, one fragment or one entry repeated, with or without separators.
fn long_runs() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            select(FRAGMENTS).prop_map(str::to_string),
            select(ENTRIES.clone()),
            Just("a".to_string()),
        ],
        select(&["", " ", "-", "’", ".", "\u{301}"][..]),
        1usize..400,
    )
        .prop_map(|(piece, sep, n)| vec![piece; n].join(sep))
}

/// Folds a character as the tagger promises to: lower case, typographic apostrophe and hyphen
/// to ASCII, any white space to a space. Only used to say which entries an entity may be.
fn loose_fold(s: &str) -> Vec<char> {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{2bc}' => '\'',
            '\u{2010}' | '\u{2011}' => '-',
            c if c.is_whitespace() => ' ',
            c => {
                let mut upper = c.to_uppercase();
                let one = match (upper.next(), upper.next()) {
                    (Some(u), None) => u,
                    _ => c,
                };
                one.to_lowercase().next().unwrap_or(c)
            }
        })
        .collect()
}

/// Every promise about `entities`, the result of tagging `text`.
fn check_entities(name: &str, text: &str, entities: &[Entity<'_>]) {
    let mut previous_end = 0;
    for e in entities {
        let bytes = e.byte_span();
        let chars = e.char_span();
        assert!(bytes.start < bytes.end, "{name}: empty entity {e:?}");
        assert!(
            text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end),
            "{name}: {e:?} is not on char boundaries of {text:?}"
        );
        assert_eq!(&text[bytes.range()], e.as_str(), "{name}: {e:?}");
        assert_eq!(
            chars.start,
            text[..bytes.start].chars().count(),
            "{name}: char start of {e:?}"
        );
        assert_eq!(
            chars.end,
            text[..bytes.end].chars().count(),
            "{name}: char end of {e:?}"
        );
        assert!(
            !e.as_str().contains('\n'),
            "{name}: {e:?} runs over a line break in {text:?}"
        );
        assert!(
            bytes.start >= previous_end,
            "{name}: {e:?} overlaps or precedes the entity before it in {text:?}"
        );
        previous_end = bytes.end;
        assert!(
            !name.contains("without rules") || e.source().starts_with("gazetteer:"),
            "{name}: {e:?} is no list's"
        );
    }
}

/// The JSON form of the entities parses back to the same text, label, offsets and source.
fn check_json(name: &str, entities: &[Entity<'_>]) {
    let json = serde_json::to_string(entities).unwrap();
    let back: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.len(), entities.len(), "{name}: {json}");
    for (e, v) in entities.iter().zip(&back) {
        let field = |k: &str| v[k].as_u64().map(|n| n as usize);
        assert_eq!(v["text"].as_str(), Some(e.as_str()), "{name}: {v}");
        assert_eq!(v["label"].as_str(), Some(e.label().as_str()), "{name}: {v}");
        assert_eq!(field("start"), Some(e.char_span().start), "{name}: {v}");
        assert_eq!(field("end"), Some(e.char_span().end), "{name}: {v}");
        assert_eq!(
            field("byte_start"),
            Some(e.byte_span().start),
            "{name}: {v}"
        );
        assert_eq!(field("byte_end"), Some(e.byte_span().end), "{name}: {v}");
        assert_eq!(v["source"].as_str(), Some(e.source()), "{name}: {v}");
        assert_eq!(v["canonical"].as_str(), e.canonical(), "{name}: {v}");
    }
}

/// Runs every tagger on `text` and checks everything that must hold for any input.
fn check_text(text: &str) {
    let mut results = Vec::new();
    for (name, tagger) in TAGGERS.iter() {
        let entities = tagger.tag(text);
        check_entities(name, text, &entities);
        assert_eq!(
            entities,
            tagger.tag(text),
            "{name}: tagging twice differs on {text:?}"
        );
        check_json(name, &entities);
        let conll = format::conll(text, &entities);
        assert!(
            conll.lines().all(|l| l.contains('\t')),
            "{name}: conll {conll:?}"
        );
        let inline = format::inline(text, &entities);
        assert!(inline.len() >= text.len(), "{name}: inline {inline:?}");
        results.push(entities);
    }
    // What the custom taggers report from their list is an entry of it (folded alike), never
    // an invented span. (Context rules may add entities with their own source.)
    let folded_entries: Vec<Vec<char>> = CUSTOM.iter().map(|(e, _, _)| loose_fold(e)).collect();
    let from_list = |e: &&Entity<'_>| e.source() == "gazetteer:custom";
    for name in ["custom", "custom ignore_case"] {
        for e in of(&results, name).iter().filter(from_list) {
            assert!(
                folded_entries.contains(&loose_fold(e.as_str())),
                "{name}: {e:?} is no entry"
            );
        }
    }
    // Ignoring case only adds candidates: every case-aware entity from the list overlaps (or
    // is) one found when case is ignored.
    let (cased, uncased) = (of(&results, "custom"), of(&results, "custom ignore_case"));
    for e in cased.iter().filter(from_list) {
        let b = e.byte_span();
        assert!(
            uncased
                .iter()
                .any(|u| u.byte_span().start < b.end && b.start < u.byte_span().end),
            "{e:?} found with case but nothing overlapping it without, in {text:?}"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_unicode_is_safe(text in any_chars()) {
        check_text(&text);
    }

    #[test]
    fn glued_entries_and_hostile_fragments_are_safe(text in glued_text()) {
        check_text(&text);
    }

    #[test]
    fn long_runs_are_safe(text in long_runs()) {
        check_text(&text);
    }

    #[test]
    fn short_lines_of_name_words_are_safe(text in short_lines()) {
        check_text(&text);
        check_text(&text.to_lowercase());
    }

    #[test]
    fn a_name_is_found_whatever_surrounds_it(
        before in glued_text(),
        after in glued_text(),
    ) {
        // `Jenewa` stands alone between spaces: it is found unless a longer name swallows it.
        let text = format!("{before} , Jenewa , {after}");
        let at = before.len() + 3;
        let entities = Tagger::embedded().tag(&text);
        check_entities("embedded", &text, &entities);
        prop_assert!(
            entities.iter().any(|e| {
                let b = e.byte_span();
                b.start <= at && at + "Jenewa".len() <= b.end
            }),
            "Jenewa lost in {:?}: {:?}", text, entities
        );
    }
}

// ---- Case-insensitive mode keeps offsets for non-ASCII and length-changing case -------------

fn custom_tagger(entries: &[&str], ignore_case: bool) -> Tagger {
    let mut g = Gazetteer::new("t");
    for e in entries {
        g.insert(e, Label::LOC).unwrap();
    }
    Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(g)
        .ignore_case(ignore_case)
        .build()
        .unwrap()
}

/// The surfaces found in `text`, after checking that every span slices the original text.
fn found(tagger: &Tagger, text: &str) -> Vec<String> {
    let entities = tagger.tag(text);
    check_entities("case", text, &entities);
    check_json("case", &entities);
    // Only what the list found: context rules may add entities of their own.
    entities
        .iter()
        .filter(|e| e.source() == "gazetteer:t")
        .map(|e| e.as_str().to_string())
        .collect()
}

#[test]
fn muller_in_any_case() {
    let cased = custom_tagger(&["Müller"], false);
    let uncased = custom_tagger(&["Müller"], true);
    // `İ` and `ẞ` before the names shift folded offsets against the original ones.
    let text = "İİ ẞ MÜLLER, müller, Müller dan MüLLER.";
    assert_eq!(found(&cased, text), ["MÜLLER", "Müller"]);
    assert_eq!(
        found(&uncased, text),
        ["MÜLLER", "müller", "Müller", "MüLLER"]
    );
}

#[test]
fn dotted_capital_i() {
    let cased = custom_tagger(&["İstanbul"], false);
    let uncased = custom_tagger(&["İstanbul"], true);
    let text = "ke İSTANBUL, İstanbul, ISTANBUL, istanbul.";
    assert_eq!(found(&cased, text), ["İSTANBUL", "İstanbul", "ISTANBUL"]);
    assert_eq!(
        found(&uncased, text),
        ["İSTANBUL", "İstanbul", "ISTANBUL", "istanbul"]
    );
    // An entry written with `i` is found under `İ` too (a Turkish capital).
    let plain = custom_tagger(&["Izmir"], false);
    assert_eq!(found(&plain, "di İZMİR dan Izmir"), ["İZMİR", "Izmir"]);
}

#[test]
fn dotless_i_in_capitals() {
    // Upper-casing `Diyarbakır` gives `DIYARBAKIR`: a dateline in capitals is found, as
    // `JENEWA` is for `Jenewa`.
    let cased = custom_tagger(&["Diyarbakır"], false);
    let uncased = custom_tagger(&["Diyarbakır"], true);
    let text = "DIYARBAKIR - Warga Diyarbakır dan diyarbakır.";
    assert_eq!(found(&cased, text), ["DIYARBAKIR", "Diyarbakır"]);
    assert_eq!(
        found(&uncased, text),
        ["DIYARBAKIR", "Diyarbakır", "diyarbakır"]
    );
}

#[test]
fn sharp_s_and_its_capital() {
    // `ẞ` (3 bytes) lowers to `ß` (2 bytes).
    let cased = custom_tagger(&["Straße"], false);
    let uncased = custom_tagger(&["Straße"], true);
    let text = "ẞ STRAẞE straße Straße";
    assert_eq!(found(&cased, text), ["STRAẞE", "Straße"]);
    assert_eq!(found(&uncased, text), ["STRAẞE", "straße", "Straße"]);
    // `SS` for `ß` is two letters for one: not the same name to a one-to-one fold.
    assert!(found(&uncased, "STRASSE").is_empty());
}

#[test]
fn final_sigma_in_capitals() {
    let cased = custom_tagger(&["Σίσυφος"], false);
    let uncased = custom_tagger(&["Σίσυφος"], true);
    let text = "ΣΊΣΥΦΟΣ dan Σίσυφος dan σίσυφοσ";
    assert_eq!(found(&cased, text), ["ΣΊΣΥΦΟΣ", "Σίσυφος"]);
    assert_eq!(found(&uncased, text), ["ΣΊΣΥΦΟΣ", "Σίσυφος", "σίσυφοσ"]);
}

#[test]
fn letters_that_grow_or_shrink_when_folded() {
    // `Ⱥ` (2 bytes) lowers to `ⱥ` (3 bytes); the Kelvin sign (3 bytes) to `k` (1 byte).
    let uncased = custom_tagger(&["Ⱥrena", "Kipas"], true);
    let text = "ȺȺȺ ⱥrena \u{212a}ipas, ȺRENA, KIPAS ⱥⱥ";
    assert_eq!(
        found(&uncased, text),
        ["ⱥrena", "\u{212a}ipas", "ȺRENA", "KIPAS"]
    );
}

#[test]
fn embedded_ignore_case_offsets_after_long_letters() {
    let uncased = Tagger::builder().ignore_case(true).build().unwrap();
    let text = "İİİ ẞẞ ȺȺ banjir di surabaya dan JAKARTA";
    let entities = uncased.tag(text);
    check_entities("embedded ignore_case", text, &entities);
    let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
    assert_eq!(names, ["surabaya", "JAKARTA"]);
    assert_eq!(entities[0].char_span().start, 20);
}
