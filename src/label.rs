//! Entity labels: the three built-in ones and any custom label a gazetteer names.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;

/// The kind of an entity: `PER`, `LOC`, `ORG`, or a custom label such as `PRODUCT`.
///
/// A label is a short name of ASCII letters, digits, `_` and `-` (at most 32 bytes), stored in
/// upper case. It is `Copy`: custom labels are interned once for the life of the process, so a
/// program that invents millions of distinct label names would keep them all in memory.
///
/// # Example
///
/// ```
/// use tandai::Label;
///
/// assert_eq!(Label::PER.as_str(), "PER");
/// assert_eq!("loc".parse::<Label>().unwrap(), Label::LOC);
/// let product: Label = "Product".parse().unwrap();
/// assert_eq!(product.to_string(), "PRODUCT");
/// assert!("two words".parse::<Label>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(&'static str);

/// Custom labels seen so far; each name is leaked once and shared after that.
static INTERNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

const MAX_LABEL_LEN: usize = 32;

impl Label {
    /// A person.
    pub const PER: Label = Label("PER");
    /// A place: country, region, city, island, mountain, river, street.
    pub const LOC: Label = Label("LOC");
    /// An organization: government body, company, party, university, club, medium.
    pub const ORG: Label = Label("ORG");
    /// The three built-in labels.
    pub const BUILT_IN: [Label; 3] = [Label::PER, Label::LOC, Label::ORG];

    /// The label called `name` (case-insensitive): a built-in one or a custom one.
    ///
    /// # Errors
    ///
    /// When `name` is empty, longer than 32 bytes, or has a character other than an ASCII
    /// letter, digit, `_` or `-`.
    pub fn new(name: &str) -> Result<Label, ParseLabelError> {
        name.parse()
    }

    /// The label's name in upper case, e.g. `"PER"`.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    fn intern(upper: String) -> Label {
        if let Some(builtin) = Label::BUILT_IN.into_iter().find(|l| l.0 == upper) {
            return builtin;
        }
        // A poisoned lock still holds a valid list: interning never leaves it half-written.
        let mut interned = INTERNED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&name) = interned.iter().find(|&&name| name == upper) {
            return Label(name);
        }
        let name: &'static str = Box::leak(upper.into_boxed_str());
        interned.push(name);
        Label(name)
    }
}

impl fmt::Debug for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl FromStr for Label {
    type Err = ParseLabelError;

    /// Parses a label name case-insensitively.
    fn from_str(s: &str) -> Result<Label, ParseLabelError> {
        let valid = !s.is_empty()
            && s.len() <= MAX_LABEL_LEN
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(ParseLabelError {
                given: s.chars().take(40).collect(),
            });
        }
        Ok(Label::intern(s.to_ascii_uppercase()))
    }
}

/// The error returned when a string is not a valid [`Label`] name.
///
/// # Example
///
/// ```
/// let err = "PER LOC".parse::<tandai::Label>().unwrap_err();
/// assert!(err.to_string().contains("PER LOC"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseLabelError {
    given: String,
}

impl fmt::Display for ParseLabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid label {:?}: use 1 to {MAX_LABEL_LEN} ASCII letters, digits, '_' or '-'",
            self.given
        )
    }
}

impl std::error::Error for ParseLabelError {}

#[cfg(feature = "serde")]
impl serde::Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_labels_parse_in_any_case() {
        for (s, l) in [
            ("per", Label::PER),
            ("Loc", Label::LOC),
            ("ORG", Label::ORG),
        ] {
            assert_eq!(s.parse::<Label>().unwrap(), l);
        }
    }

    #[test]
    fn custom_labels_are_interned_once() {
        let a: Label = "product".parse().unwrap();
        let b: Label = "PRODUCT".parse().unwrap();
        assert_eq!(a, b);
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Label::ORG);
    }

    #[test]
    fn bad_labels_are_rejected() {
        for s in ["", "A B", "PER\t", "Ä", &"X".repeat(33)] {
            assert!(s.parse::<Label>().is_err(), "{s:?}");
        }
    }
}
