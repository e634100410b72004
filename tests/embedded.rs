//! The embedded gazetteers: every list parses, carries its provenance header, has the entry count
//! that gazetteers/README.md states, shares no entry with another list, and every entry is
//! found as itself with its label in a neutral lower-case context.

use std::path::{Path, PathBuf};

use tandai::{Gazetteer, Tagger};

#[cfg(feature = "wiki")]
const LISTS: [&str; 6] = ["per", "loc", "org", "per-wiki", "loc-wiki", "org-wiki"];
#[cfg(not(feature = "wiki"))]
const LISTS: [&str; 3] = ["per", "loc", "org"];

fn list_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("gazetteers")
        .join(format!("{name}.txt"))
}

fn load(name: &str) -> Gazetteer {
    Gazetteer::from_path(list_path(name)).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lists_parse_and_carry_provenance() {
    for name in LISTS {
        let text = std::fs::read_to_string(list_path(name)).unwrap();
        for header in ["# source:", "# license:", "# label:"] {
            assert!(
                text.lines().any(|l| l.starts_with(header)),
                "{name}.txt lacks a '{header}' line"
            );
        }
        assert!(!load(name).is_empty(), "{name}.txt is empty");
    }
}

#[test]
fn readme_states_the_entry_counts() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/README.md"))
            .unwrap();
    for name in LISTS {
        let count = load(name).len();
        let file = format!("{name}.txt");
        let stated = readme
            .lines()
            .filter(|l| l.starts_with('|') && l.contains(&file))
            .any(|row| {
                row.split(|c: char| !c.is_ascii_digit() && c != ',')
                    .any(|n| n.replace(',', "") == count.to_string())
            });
        assert!(
            stated,
            "gazetteers/README.md has no table row for {file} stating its {count} entries"
        );
    }
}

#[test]
fn no_entry_is_in_two_lists() {
    let mut seen = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for name in LISTS {
        for (entry, _, _) in load(name).iter() {
            if let Some(other) = seen.insert(entry.to_string(), name) {
                clashes.push(format!("{entry:?} in {other}.txt and {name}.txt"));
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn every_entry_is_found_as_itself() {
    let tagger = Tagger::embedded();
    let mut wrong = Vec::new();
    for name in LISTS {
        for (entry, label, canonical) in load(name).iter() {
            // Mid-sentence, so that entries that are also common words need no evidence.
            let text = format!("ada {entry} ini");
            let got = tagger.tag(&text);
            let ok = got.len() == 1
                && got[0].as_str() == entry
                && got[0].label() == label
                && got[0].canonical() == canonical
                && got[0].source() == format!("gazetteer:{name}");
            if !ok {
                let got: Vec<String> = got
                    .iter()
                    .map(|e| format!("{}/{}", e.as_str(), e.label()))
                    .collect();
                wrong.push(format!("{name}.txt {entry:?}: got {got:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} entries are not found as themselves:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn default_is_the_embedded_tagger() {
    let a = Tagger::default();
    assert_eq!(format!("{a:?}"), format!("{:?}", Tagger::embedded()));
}

/// The names `tagger` finds in `text`, as `name/LABEL`.
fn labelled(tagger: &Tagger, text: &str) -> Vec<String> {
    tagger
        .tag(text)
        .iter()
        .map(|e| format!("{}/{}", e.as_str(), e.label()))
        .collect()
}

#[test]
fn in_a_headline_names_stop_at_ordinary_words() {
    let inline = |text: &str| labelled(Tagger::embedded(), text);
    // Title Case: every word has a capital, and the verbs are no part of the names.
    assert_eq!(
        inline("Warga Kota Surabaya Keluhkan Kemacetan Jelang Libur Panjang"),
        ["Kota Surabaya/LOC"]
    );
    assert_eq!(
        inline("Gubernur Zorbanius Kwetlakar Resmikan Pasar Tradisional Baru"),
        ["Zorbanius Kwetlakar/PER"]
    );
    assert_eq!(
        inline("Dinas Kesehatan Kota Bandung Imbau Warga Waspadai Demam Berdarah"),
        ["Dinas Kesehatan Kota Bandung/ORG"]
    );
    assert_eq!(
        inline("WARGA KOTA BANDUNG BERSAMA RELAWAN MEMBERSIHKAN SUNGAI CITARUM"),
        ["KOTA BANDUNG/LOC", "SUNGAI CITARUM/LOC"]
    );
    // The title of a linked story after `Baca juga:` is a headline too.
    assert_eq!(
        inline("Baca juga: Jelang Gunung Zorbanius Ditutup, Warga Kwetlakar Resmikan Pasar"),
        ["Gunung Zorbanius/LOC"]
    );
    // A list of names is no headline: its capitals do prove names.
    assert_eq!(
        inline("Cadangan: Zorbanius Kwetlakar, Ardo Plokmen, Bambang Wiratmo"),
        inline("cadangan: Zorbanius Kwetlakar, Ardo Plokmen, Bambang Wiratmo")
    );
}

#[test]
fn in_lower_case_text_a_hyphen_between_two_names_parts_them() {
    let tagger = Tagger::builder().ignore_case(true).build().unwrap();
    let names = |text: &str| labelled(&tagger, text);
    // As `Jokowi-JK` and `Jakarta-Surabaya` in cased text.
    assert_eq!(
        names("pasangan jokowi-jk menang, kereta jakarta-surabaya ditambah"),
        ["jokowi/PER", "jk/PER", "jakarta/LOC", "surabaya/LOC"]
    );
    // A repeated word with an affix is one word (`Ngada` is a regency).
    assert!(names("tuduhan itu mengada-ngada").is_empty());
}

#[test]
fn in_lower_case_text_a_club_city_needs_a_cue() {
    let tagger = Tagger::builder().ignore_case(true).build().unwrap();
    let names = |text: &str| labelled(&tagger, text);
    // `gazetteers/ambiguous_lowercase.txt`: in lower-case news, `leicester` is mostly the club.
    assert!(names("pemain leicester mencetak dua gol").is_empty());
    assert_eq!(names("ia tinggal di leicester"), ["leicester/LOC"]);
    // Cased text is not affected: the capital is evidence.
    let cased: Vec<String> = Tagger::embedded()
        .tag("Pemain Leicester mencetak dua gol.")
        .iter()
        .map(|e| e.as_str().to_string())
        .collect();
    assert_eq!(cased, ["Leicester"]);
}

#[test]
fn without_rules_only_the_lists_entries_are_found() {
    let lists_only = Tagger::builder().rules(false).build().unwrap();
    // A person after a cue, a company after its marker, a surname after the full name and an
    // unknown word that the train splits saw in names: the rules' finds, not the lists'.
    let text = "Menurut Bupati Zorbanius Kwetlakar, PT Zyxmaju Plokindo membuka pabrik di \
                Semarang, Jawa Tengah. Kwetlakar menyambut Bambang Zyxwanto dari Jakarta.";
    assert_eq!(
        labelled(&lists_only, text),
        ["Semarang/LOC", "Jawa Tengah/LOC", "Jakarta/LOC"]
    );
    let all = labelled(Tagger::embedded(), text);
    for name in [
        "Zorbanius Kwetlakar/PER",
        "Kwetlakar/PER",
        "Bambang Zyxwanto/PER",
    ] {
        assert!(all.iter().any(|n| n == name), "{name} in {all:?}");
    }
    // Every entity is a list's, and the lists' settle overlaps and case as with the rules.
    let text = "Presiden Joko Widodo tiba di Bandara Soekarno-Hatta, lalu ke Jawa Barat; \
                batu dan Batu, AMERIKA SERIKAT (AS).";
    let entities = lists_only.tag(text);
    assert!(
        entities
            .iter()
            .all(|e| e.source().starts_with("gazetteer:"))
    );
    assert!(
        entities
            .windows(2)
            .all(|w| w[0].byte_span().end <= w[1].byte_span().start)
    );
    let names: Vec<&str> = entities.iter().map(|e| e.as_str()).collect();
    assert!(names.contains(&"Bandara Soekarno-Hatta"), "{names:?}");
    assert!(!names.contains(&"batu"), "{names:?}");
}

/// The builder's settings must agree with a compiled gazetteer file: each disagreement is an
/// error naming the file and what differs, and nothing is silently dropped.
#[test]
fn compiled_gazetteers_refuse_other_settings() {
    let dir = std::env::temp_dir().join(format!("tandai-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tempat.tandai");
    let places = Gazetteer::parse("tempat", "# label: LOC\nJenewa\n").unwrap();
    let tagger = Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(places.clone())
        .build()
        .unwrap();
    tagger.save_gazetteers(&path).unwrap();
    // Saved again over itself; nothing else is left in the directory.
    tagger.save_gazetteers(&path).unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // Through a symbolic link: the link stays a link (so does `/dev/stdout`).
    #[cfg(unix)]
    {
        let link = dir.join("link.tandai");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        tagger.save_gazetteers(&link).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        std::fs::remove_file(&link).unwrap();
    }
    let e = tagger
        .save_gazetteers(dir.join("no-such-dir").join("x.tandai"))
        .unwrap_err();
    assert_eq!(e.kind(), tandai::ErrorKind::Io);
    assert!(e.to_string().contains("x.tandai"), "{e}");

    let err = |b: &mut tandai::TaggerBuilder| b.compiled_gazetteers(&path).build().unwrap_err();
    let e = err(Tagger::builder()
        .embedded_gazetteers(false)
        .gazetteer(places));
    assert!(e.to_string().contains("compile them together"), "{e}");
    assert_eq!(e.path(), Some(path.as_path()));
    let e = err(&mut Tagger::builder());
    assert!(
        e.to_string().contains("without the embedded gazetteers"),
        "{e}"
    );
    let e = err(Tagger::builder()
        .embedded_gazetteers(false)
        .ignore_case(true));
    assert!(e.to_string().contains("ignore_case"), "{e}");
    let e = Tagger::builder()
        .embedded_gazetteers(false)
        .compiled_gazetteers(dir.join("none.tandai"))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), tandai::ErrorKind::Io);
    assert!(e.to_string().contains("none.tandai"), "{e}");

    // The embedded tagger, saved and read back, tags as it did: rules and all.
    let path = dir.join("embedded.tandai");
    Tagger::embedded().save_gazetteers(&path).unwrap();
    let again = Tagger::builder()
        .compiled_gazetteers(&path)
        .build()
        .unwrap();
    let text = "Gubernur Ridwan Kamil meresmikan jembatan di Kabupaten Garut, Jawa Barat, \
                bersama PT Wijaya Karya (Persero) Tbk. Ridwan lalu kembali ke Bandung.";
    let found = again.tag(text);
    assert_eq!(found, Tagger::embedded().tag(text));
    let names: Vec<&str> = found.iter().map(|e| e.as_str()).collect();
    assert!(
        names.contains(&"Ridwan Kamil") && names.contains(&"Bandung"),
        "{names:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
