//! A capitalized run with a place word (`Kabupaten`, `Pulau`, `Jl.`,
//! `gazetteers/cues/loc_markers.txt`) is a place from that word on: `Bupati Kabupaten Bogor` →
//! `Kabupaten Bogor`, `Jalan Sudirman`. The place word must not sit inside a person or an
//! organization found earlier (`Dinas Pendidikan Kota Bandung` stays one organization), and the
//! place stops before a person, an organization word or a person cue. Ordinary words alone
//! after the place word name no place (`Gedung Utama`), unless two or more follow a place word
//! whose places are named so (`Kelurahan Jembatan Besi`; `gazetteers/cues/named_by_words.txt`).
//!
//! A school's place word takes a number into the name, and the capitalized words after it
//! (`SMP Negeri 1 Blora`, `SDN 2 Sukamaju`; `gazetteers/cues/numbered_markers.txt`).
//!
//! A few place words are part of the name also in lower case (`desa Kalirejo`, `jalan Menoreh
//! Raya`; `gazetteers/cues/loc_markers_lowercase.txt`): before a run, they start the place.

use super::{CUES, Covered, Doc};
use crate::Label;
use crate::matcher::Candidate;

/// Words after the place word, at most: `Kota Administrasi Jakarta Selatan`.
const MAX_AFTER_MARKER: usize = 4;

pub(super) fn apply(doc: &Doc<'_>, covered: &Covered, candidates: &mut Vec<Candidate>) {
    let others = covered.by(&[Label::PER, Label::ORG]);
    let inside_other = |i: usize| others.inside(i);
    let persons = covered.by(&[Label::PER]);
    let places = covered.by(&[Label::LOC]);
    for run in &doc.runs {
        let end = run.end;
        // A place word inside an office (`Wali Kota Surabaya`) starts no place, nor does a
        // reduplicated one, a plural (`Persekutuan Gereja-gereja`, `Kota-kota`).
        let marker = (run.start..end).find_map(|j| {
            let n = doc.phrase_at(&CUES.loc_markers, j, end)?;
            (!inside_other(j) && !doc.inside_phrase(&CUES.person, j) && !doc.is_reduplicated(j))
                .then_some((j, n))
        });
        // A lower-case place word right before the run: the run is the rest of the place.
        let lowercase = || {
            let j = run.start.checked_sub(1)?;
            let word = doc.piece(j);
            (doc.same_line(j)
                && !inside_other(run.start)
                && word.bytes().all(|b| b.is_ascii_lowercase())
                && CUES.loc_markers_lowercase.contains(word))
            .then_some((j, 1))
        };
        let Some((j, n)) = marker.or_else(lowercase) else {
            continue;
        };
        // A person right after the place word may be whom it is named after (`Jl. Ahmad
        // Yani`, `Rumah Sakit Cipto Mangunkusumo`).
        let mut k = doc
            .person_after_marker(j, n, end, &persons)
            .unwrap_or(j + n);
        // Titles right after the place word are part of its name (`Jalan Jenderal Sudirman`,
        // `Jalan KH Mas Mansyur`); after another word, one starts a person (`Kabupaten Bogor
        // Bupati …`), unless it ends the run (`Pelabuhan Tanjung Mas`).
        let mut titles_only = true;
        while k < end
            && k - (j + n) < MAX_AFTER_MARKER
            && persons.span_from(k, end).is_none()
            && doc.phrase_at(&CUES.org_markers, k, end).is_none()
        {
            let title = doc.phrase_at(&CUES.person, k, end);
            if title.is_some_and(|t| k + t < end) && !titles_only {
                break;
            }
            let title = title.is_some();
            titles_only &= title;
            k += 1;
        }
        // `SMP Negeri 1 Blora`: the number and the run after it.
        if let Some(after) = numbered_place(doc, j, n, k, end) {
            candidates.push(doc.candidate(j..after, Label::LOC, "loc_marker"));
            continue;
        }
        // Only ordinary words after the place word (`Gedung Utama`, `Laut Dalam`) name no
        // place, unless a list knows them, or two or more follow a place word whose places
        // are named so (`Kelurahan Jembatan Besi`, `RS Harapan Kita`; `named_by_words.txt`;
        // one is too often an adjective: `Jalan Nasional`, `Dusun Utama`).
        let named = (j + n..k).any(|i| !doc.is_common(i) || places.inside(i))
            || (k - (j + n) >= 2 && CUES.named_by_words.contains(&doc.phrase(j..j + n)));
        if k > j + n && named {
            candidates.push(doc.candidate(j..k, Label::LOC, "loc_marker"));
        }
    }
}

/// Where a school's place ends when a number follows its run: the place word (`n` pieces at
/// `j`), at most `Negeri`, up to the run's end `end` (`k`, where the name so far stops), then a
/// number on the same line and a capitalized run right after it, which ends the place.
fn numbered_place(doc: &Doc<'_>, j: usize, n: usize, k: usize, end: usize) -> Option<usize> {
    if n != 1 || k != end || end + 1 >= doc.pieces.len() {
        return None;
    }
    // (A Roman number, `SMK I Limboto`, is capitalized: inside the run already.)
    let number = doc.piece(end);
    let is_number = number.bytes().all(|b| b.is_ascii_digit());
    if !is_number || number.len() > 4 || !doc.same_line(end - 1) || !doc.same_line(end) {
        return None;
    }
    let negeri = k == j + 2 && doc.folded(j + 1) == "negeri";
    if !(k == j + 1 || negeri) || !CUES.numbered_markers.contains(doc.folded(j)) {
        return None;
    }
    let next = doc.runs.partition_point(|r| r.start <= end);
    let run = doc.runs.get(next).filter(|r| r.start == end + 1)?;
    Some(run.end.min(run.start + MAX_AFTER_MARKER))
}

#[cfg(test)]
mod tests {
    use crate::rules::tag_for_test as tag;

    /// `(text, places the list knows, what is tagged)`, `PER:` marking a listed person.
    type Case = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );

    #[test]
    fn marker_starts_a_place() {
        let cases: &[Case] = &[
            (
                "warga Kabupaten Sukamaju mengungsi",
                &[],
                &["Kabupaten Sukamaju/LOC/rule:loc_marker"],
            ),
            // A school's number is part of its name, with the place after it.
            (
                "siswa SMP Negeri 1 Sukamaju hadir",
                &[],
                &["SMP Negeri 1 Sukamaju/LOC/rule:loc_marker"],
            ),
            (
                "guru SDN 02 Sukamaju Barat",
                &[],
                &["SDN 02 Sukamaju Barat/LOC/rule:loc_marker"],
            ),
            ("kelas SMP 3 orang", &[], &[]),
            // A person right after a street or hospital word is whom it is named after, also
            // after a title; not after a place word that names no one (`Desa`).
            (
                "macet di Jl. Ahmad Zyxani pagi ini",
                &["PER:Ahmad Zyxani"],
                &["Jl. Ahmad Zyxani/LOC/rule:loc_marker"],
            ),
            (
                "dirawat di RSUD Dr. Ahmad Zyxani kemarin",
                &["PER:Ahmad Zyxani"],
                &["RSUD Dr. Ahmad Zyxani/LOC/rule:loc_marker"],
            ),
            (
                "warga Desa Ahmad Zyxani",
                &["PER:Ahmad Zyxani"],
                &["Ahmad Zyxani/PER/gazetteer:t"],
            ),
            // An office's place word starts no place, and a list's place that starts with it
            // loses that word.
            (
                "Wali Kota Sukamaju Budi Zyx hadir",
                &["Kota Sukamaju", "Sukamaju"],
                &["Sukamaju/LOC/gazetteer:t", "Budi Zyx/PER/rule:person_cue"],
            ),
            // A street ends before its house number.
            (
                "tinggal di Jalan Zyx Barat Nomor 5",
                &[],
                &["Jalan Zyx Barat/LOC/rule:loc_marker"],
            ),
            // A place word of two words: the city hall, not the city.
            (
                "rapat di Balai Kota Sukamaju pagi ini",
                &[],
                &["Balai Kota Sukamaju/LOC/rule:loc_marker"],
            ),
            (
                "macet di Jl. Sudirman pagi ini",
                &[],
                &["Jl. Sudirman/LOC/rule:loc_marker"],
            ),
            ("Kota itu ramai", &[], &[]),
            // A title right after the place word is part of the place, and so are titles
            // after it (`Prof Dr`), also after a two-word place word.
            (
                "macet di Jalan Gubernur Zyxwanto pagi ini",
                &[],
                &["Jalan Gubernur Zyxwanto/LOC/rule:loc_marker"],
            ),
            (
                "kapal bersandar di Pelabuhan Zyxjung Mas kemarin",
                &[],
                &["Pelabuhan Zyxjung Mas/LOC/rule:loc_marker"],
            ),
            (
                "kantornya di Jalan KH Mas Zyxwanto nomor 5",
                &[],
                &["Jalan KH Mas Zyxwanto/LOC/rule:loc_marker"],
            ),
            (
                "Jalan Tol Prof Dr Zyxwanto ditutup",
                &[],
                &["Jalan Tol Prof Dr Zyxwanto/LOC/rule:loc_marker"],
            ),
            ("Jalan Tol ditutup", &[], &[]),
            // A reduplicated place word is a plural.
            ("Ketua Persekutuan Gereja-gereja datang", &[], &[]),
        ];
        for &(text, places, expected) in cases {
            assert_eq!(tag(text, places, &[]), expected, "{text:?}");
        }
    }

    #[test]
    fn ordinary_words_after_a_place_word_name_no_place() {
        assert!(tag("rapat di Gedung Utama kemarin", &[], &[]).is_empty());
        assert_eq!(
            tag("rapat di Gedung Utama kemarin", &["Gedung Utama"], &[]),
            ["Gedung Utama/LOC/gazetteer:t"]
        );
        // A school type alone names no school.
        assert!(tag("para guru SMK datang", &[], &[]).is_empty());
        // Two ordinary words after a place word whose places are named so are a name; one is
        // not, nor two after other place words.
        assert_eq!(
            tag("warga Kelurahan Jembatan Besi mengungsi", &[], &[]),
            ["Kelurahan Jembatan Besi/LOC/rule:loc_marker"]
        );
        assert!(tag("perbaikan Jalan Nasional dimulai", &[], &[]).is_empty());
        assert!(tag("rapat di Gedung Utama Baru kemarin", &[], &[]).is_empty());
    }

    #[test]
    fn some_lower_case_place_words_start_a_place() {
        assert_eq!(
            tag("tinggal di desa Sukamaju sejak kecil", &[], &[]),
            ["desa Sukamaju/LOC/rule:loc_marker"]
        );
        assert_eq!(
            tag("tinggal di desa Sukamaju sejak kecil", &["Sukamaju"], &[]),
            ["desa Sukamaju/LOC/rule:loc_marker"]
        );
        // `kota` in lower case is left out of the name.
        assert!(tag("tinggal di kota Sukamaju", &[], &[]).is_empty());
        assert!(tag("desa itu", &[], &[]).is_empty());
    }

    #[test]
    fn not_inside_an_organization_and_not_into_a_person() {
        assert_eq!(
            tag("Dinas Pendidikan Kota Sukamaju", &[], &[]),
            ["Dinas Pendidikan Kota Sukamaju/ORG/rule:org_marker"]
        );
        assert_eq!(
            tag("Bupati Kabupaten Sukamaju Ade Yasin hadir", &[], &[]),
            [
                "Kabupaten Sukamaju/LOC/rule:loc_marker",
                "Ade Yasin/PER/rule:person_cue"
            ]
        );
    }
}
