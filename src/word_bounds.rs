//! UAX #29 word bounds, the same as `unicode-segmentation`'s, found faster in ASCII text.
//!
//! Most news text is ASCII, where the rules reduce to a few byte tests: letters, digits and `_`
//! stick together; `.` `'` `:` join two letters and `.` `'` `,` `;` join two digits; runs of
//! spaces stick together; CR LF is one piece; anything else stands alone. Wherever a non-ASCII
//! character could change that (`é` after `caf`, a combining mark after a space), the piece is
//! taken from `unicode-segmentation` instead, starting at the same boundary. The differential
//! test below checks the two agree on any string.

use unicode_segmentation::UnicodeSegmentation;

/// Where the piece that starts at `start` (a boundary, below `text.len()`) ends, and whether
/// the ASCII rules found it: then the piece is ASCII, and it is a word (letters, digits, `_`
/// and the marks between them, `a.b`, `1,5`), white space, or one other character.
pub(crate) fn piece_end(text: &str, start: usize) -> (usize, bool) {
    match ascii_piece_end(text.as_bytes(), start) {
        Some(end) => (end, true),
        None => {
            let rest = &text[start..];
            let len = rest.split_word_bounds().next().map_or(rest.len(), str::len);
            (start + len, false)
        }
    }
}

/// ASCII letters, digits and `_`, by byte: a table lookup keeps the scan through a word tight.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// An ASCII letter, digit or `_`.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// Where the piece that starts at `start` ends, if ASCII rules alone decide it.
fn ascii_piece_end(bytes: &[u8], start: usize) -> Option<usize> {
    let first = bytes[start];
    if !first.is_ascii() {
        return None;
    }
    // The byte after the piece, when the piece ends at `i`: a non-ASCII one might join it.
    let ends_at = |i: usize| match bytes.get(i) {
        Some(b) if !b.is_ascii() => None,
        _ => Some(i),
    };
    match first {
        b'\r' => Some(if bytes.get(start + 1) == Some(&b'\n') {
            start + 2
        } else {
            start + 1
        }),
        // Newlines stand alone; nothing attaches to them.
        b'\n' | 0x0B | 0x0C => Some(start + 1),
        b' ' => {
            let mut i = start + 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            ends_at(i)
        }
        b if is_word_byte(b) => {
            let mut i = start + 1;
            loop {
                i += bytes[i..].iter().take_while(|&&b| is_word_byte(b)).count();
                let Some(&b) = bytes.get(i) else {
                    return Some(i);
                };
                if !b.is_ascii() {
                    return None;
                }
                let (before, after) = (bytes[i - 1], bytes.get(i + 1).copied());
                let Some(after) = after else {
                    return Some(i);
                };
                if !after.is_ascii() {
                    return None;
                }
                let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
                let digits = before.is_ascii_digit() && after.is_ascii_digit();
                let joins = match b {
                    b':' => letters,
                    b'.' | b'\'' => letters || digits,
                    b',' | b';' => digits,
                    _ => false,
                };
                if !joins {
                    return Some(i);
                }
                i += 2;
            }
        }
        _ => ends_at(start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<(usize, &str)> {
        let mut pieces = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let (end, ascii) = piece_end(text, start);
            assert!(!ascii || text[start..end].is_ascii());
            pieces.push((start, &text[start..end]));
            start = end;
        }
        pieces
    }

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn agrees_on_examples() {
        for text in [
            "",
            "Menlu Ma'ruf tiba di Jenewa, Swiss: 30/10.",
            "Rp1.000,50 a.b 1.a a:b 1:2 a,b 1,2 1;2 a;b x_1 _a a_ __",
            "café naïve Ma’ruf e\u{301}a \u{301} a \u{301}b",
            "  \u{3000}x \t\t\r\n\r\r\n\n\u{b}\u{c}\u{85}",
            "a\u{200d}b 👩\u{200d}🔬 🇮🇩🇮🇩🇮 カタカナ_a 中文",
            "שׁ\"ש a\"b 'a' a' .a a. 1. .1",
            "a.\u{301}b 1,\u{301}2 a \u{200d}",
        ] {
            assert_eq!(ours(text), reference(text), "{text:?}");
        }
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", "5", "_", ".", "'", ":", ",", ";", " ", "\t", "\r", "\n", "\r\n", "\u{b}",
            "-", "\"", "(", "é", "\u{301}", "\u{200d}", "\u{3000}", "\u{85}", "ש", "カ", "中", "🇮",
            "👩", "’", "\u{a0}", "ab", "12",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn agrees_with_unicode_segmentation(text in text()) {
            prop_assert_eq!(ours(&text), reference(&text));
        }

        #[test]
        fn agrees_on_any_string(text in any::<String>()) {
            prop_assert_eq!(ours(&text), reference(&text));
        }
    }
}
