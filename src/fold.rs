//! Case and punctuation folding for the matcher, with a map back to the original offsets.
//!
//! Gazetteer entries and the text are folded the same way, one character to one character, so
//! the automaton finds `Jenewa` in `JENEWA` and `Ma'ruf` in `Ma’ruf`; whether such a match
//! counts is decided afterwards from the original text (see `matcher.rs`). A folded character
//! may be shorter or longer in UTF-8 than the original (`İ` → `i`), so positions are mapped back
//! through a short list of shifts that exists only when that happens.

use std::borrow::Cow;

/// Folds one character: lower case, typographic apostrophes and hyphens to ASCII, non-ASCII
/// spaces to a plain space.
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c if c.is_whitespace() => ' ',
        c => {
            // Lower case of the upper case, so that letters whose capital is shared fold
            // alike: `ı` and `i` (both `I`), `ς` and `σ` (both `Σ`). Then `DIYARBAKIR` in a
            // dateline is `Diyarbakır`. A letter with a longer capital (`ß` → `SS`) keeps its own.
            let mut upper = c.to_uppercase();
            let c = match (upper.next(), upper.next()) {
                (Some(u), None) => u,
                _ => c,
            };
            // `İ` lowers to `i` + combining dot; the first character is enough to match.
            c.to_lowercase().next().unwrap_or(c)
        }
    }
}

/// Folds a gazetteer entry.
pub(crate) fn fold_str(s: &str) -> String {
    // Most entries are ASCII: one copy, lowered in place (collecting characters one by one
    // grew the string step by step, a fifth of building the default tagger).
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// A folded text and the way back to the original's byte offsets.
pub(crate) struct Folded<'h> {
    pub text: Cow<'h, str>,
    /// `(folded position, original minus folded)` from that position on, ascending. Empty when
    /// every folded character has the original's length.
    shifts: Vec<(usize, isize)>,
}

impl<'h> Folded<'h> {
    #[cfg(test)]
    pub(crate) fn new(text: &'h str) -> Folded<'h> {
        Folded::reusing(text, String::new())
    }

    /// `Folded::new`, written into `buffer` (cleared first) when the text needs a copy: the
    /// tagger passes the buffer of the text before ([`Folded::into_buffer`]).
    pub(crate) fn reusing(text: &'h str, mut buffer: String) -> Folded<'h> {
        buffer.clear();
        if text.is_ascii() {
            return if text.bytes().any(|b| b.is_ascii_uppercase()) {
                buffer.push_str(text);
                buffer.make_ascii_lowercase();
                Folded {
                    text: Cow::Owned(buffer),
                    shifts: Vec::new(),
                }
            } else {
                Folded {
                    text: Cow::Borrowed(text),
                    shifts: Vec::new(),
                }
            };
        }
        let mut folded = buffer;
        folded.reserve(text.len());
        let mut shifts = Vec::new();
        let mut delta: isize = 0;
        let mut rest = text;
        while !rest.is_empty() {
            // A run of ASCII at once (most of any text), then one other character.
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let at = folded.len();
            folded.push_str(&rest[..ascii]);
            folded[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            let Some(c) = rest.chars().next() else { break };
            rest = &rest[c.len_utf8()..];
            let f = fold_char(c);
            folded.push(f);
            if f.len_utf8() != c.len_utf8() {
                delta += c.len_utf8() as isize - f.len_utf8() as isize;
                shifts.push((folded.len(), delta));
            }
        }
        Folded {
            text: Cow::Owned(folded),
            shifts,
        }
    }

    /// The folded byte offset of an original character boundary: the inverse of
    /// [`Folded::original`]. The tests' oracle for [`Folded::to_folded`].
    #[cfg(test)]
    pub(crate) fn folded(&self, original_pos: usize) -> usize {
        if self.shifts.is_empty() {
            return original_pos;
        }
        let i = self
            .shifts
            .partition_point(|&(at, delta)| at.saturating_add_signed(delta) <= original_pos);
        let delta = if i == 0 { 0 } else { self.shifts[i - 1].1 };
        original_pos
            .checked_add_signed(-delta)
            .expect("original offsets map inside the folded text")
    }

    /// `Folded::folded` for original positions asked in ascending order, in one pass over
    /// the shifts instead of a search per position.
    pub(crate) fn to_folded(&self) -> ToFolded<'_> {
        ToFolded {
            shifts: &self.shifts,
            next: 0,
            delta: 0,
        }
    }

    /// The folded text's buffer, for [`Folded::reusing`] (an empty one if it borrowed).
    pub(crate) fn into_buffer(self) -> String {
        match self.text {
            Cow::Owned(buffer) => buffer,
            Cow::Borrowed(_) => String::new(),
        }
    }

    /// Whether folded and original offsets are the same everywhere.
    pub(crate) fn same_offsets(&self) -> bool {
        self.shifts.is_empty()
    }

    /// The original byte offset of a folded character boundary.
    pub(crate) fn original(&self, folded_pos: usize) -> usize {
        if self.shifts.is_empty() {
            return folded_pos;
        }
        let i = self.shifts.partition_point(|&(at, _)| at <= folded_pos);
        let delta = if i == 0 { 0 } else { self.shifts[i - 1].1 };
        folded_pos
            .checked_add_signed(delta)
            .expect("folded offsets map inside the original text")
    }
}

/// See [`Folded::to_folded`].
pub(crate) struct ToFolded<'f> {
    shifts: &'f [(usize, isize)],
    /// The first shift not yet passed, and the delta of the last one passed.
    next: usize,
    delta: isize,
}

impl ToFolded<'_> {
    /// The folded offset of `original`, which is not below any earlier one asked.
    pub(crate) fn map(&mut self, original: usize) -> usize {
        while let Some(&(at, delta)) = self.shifts.get(self.next) {
            if at.saturating_add_signed(delta) > original {
                break;
            }
            self.delta = delta;
            self.next += 1;
        }
        original
            .checked_add_signed(-self.delta)
            .expect("original offsets map inside the folded text")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_borrowed_when_already_lower() {
        assert!(matches!(Folded::new("di jenewa").text, Cow::Borrowed(_)));
        assert_eq!(Folded::new("JENEWA, Swiss").text, "jenewa, swiss");
    }

    #[test]
    fn offsets_map_back_when_lengths_change() {
        // `İ` (2 bytes) folds to `i` (1 byte); `K` (Kelvin sign, 3 bytes) folds to `k`.
        let text = "İstanbul dan \u{212A}ota Ma’ruf";
        let f = Folded::new(text);
        assert_eq!(f.text, "istanbul dan kota ma'ruf");
        for (folded_word, original_word) in [
            ("istanbul", "İstanbul"),
            ("kota", "\u{212A}ota"),
            ("ma'ruf", "Ma’ruf"),
        ] {
            let start = f.text.find(folded_word).unwrap();
            let end = start + folded_word.len();
            assert_eq!(&text[f.original(start)..f.original(end)], original_word);
            assert_eq!(f.folded(f.original(start)), start);
            assert_eq!(f.folded(f.original(end)), end);
        }
        let mut forward = f.to_folded();
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(forward.map(i), f.folded(i), "{i}");
        }
    }

    #[test]
    fn folding_ascii_runs_at_once_equals_folding_each_char() {
        for text in [
            "",
            "é",
            "Menlu Ma’ruf tiba di JENEWA—İstanbul, Zürich",
            "ĀBC\u{212A}xyz ıI\nΣΟΦΙΑ straße 2019 ẞ",
            "ascii only, no folding needed ÀÉ",
        ] {
            let f = Folded::new(text);
            assert_eq!(f.text, fold_str(text), "{text:?}");
            for (i, _) in text.char_indices() {
                assert_eq!(
                    &f.text[f.folded(i)..],
                    fold_str(&text[i..]),
                    "{text:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn folding_keeps_one_char_per_char() {
        for s in ["MÜLLER", "straße", "ıi İI", "Ǆemal", "ΣΟΦΙΑ"] {
            assert_eq!(fold_str(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold_str("MÜLLER"), fold_str("Müller"));
    }

    #[test]
    fn letters_sharing_a_capital_fold_alike() {
        assert_eq!(fold_str("Diyarbakır"), fold_str("DIYARBAKIR"));
        assert_eq!(fold_str("Σίσυφος"), fold_str("ΣΊΣΥΦΟΣ"));
        assert_eq!(fold_str("STRAẞE"), "straße");
        assert_eq!(fold_str("İstanbul"), "istanbul");
    }
}
