//! What the tagger returns: an entity with its text, label, offsets and the reason it was tagged.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::Label;

/// A half-open range `start..end` of offsets into a text.
///
/// Whether the offsets count bytes or characters is said by the method that returns the span:
/// [`Entity::byte_span`] or [`Entity::char_span`].
///
/// # Example
///
/// ```
/// let span = tandai::Span { start: 3, end: 10 };
/// assert_eq!(span.len(), 7);
/// assert_eq!(&"di Bandung"[span.range()], "Bandung");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The first offset inside the span.
    pub start: usize,
    /// The first offset after the span.
    pub end: usize,
}

impl Span {
    /// The span as a `Range`, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// How many offsets the span covers.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// A name found in a text.
///
/// The lifetime `'h` is that of the text (the haystack): the entity borrows its surface text
/// from it. [`Entity::into_owned`] gives an entity that owns its text instead.
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Label, Tagger};
///
/// let cities = Gazetteer::parse("kota", "# label: LOC\nSurabaya\n")?;
/// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(cities).build()?;
/// let text = "Hujan deras di Surabaya.";
/// let e = &tagger.tag(text)[0];
/// assert_eq!(e.as_str(), "Surabaya");
/// assert_eq!(e.label(), Label::LOC);
/// assert_eq!(&text[e.byte_span().range()], "Surabaya");
/// assert_eq!(e.char_span().start, 15);
/// assert_eq!(e.source(), "gazetteer:kota");
/// # Ok::<(), tandai::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity<'h> {
    pub(crate) text: Cow<'h, str>,
    pub(crate) label: Label,
    pub(crate) bytes: Span,
    pub(crate) chars: Span,
    pub(crate) source: Arc<str>,
    pub(crate) canonical: Option<Arc<str>>,
    pub(crate) evidence: Option<Arc<str>>,
}

impl<'h> Entity<'h> {
    /// The entity's text exactly as it appears in the tagged text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The entity's label.
    pub fn label(&self) -> Label {
        self.label
    }

    /// Where the entity is in the tagged text, in bytes (for slicing a Rust `&str`).
    pub fn byte_span(&self) -> Span {
        self.bytes
    }

    /// Where the entity is in the tagged text, in characters: Unicode scalar values, the same
    /// indices as a Python `str` (not graphemes, not UTF-16 code units).
    pub fn char_span(&self) -> Span {
        self.chars
    }

    /// Why the entity was tagged: `gazetteer:NAME` for an entry of the gazetteer called `NAME`
    /// (the embedded ones are `per`, `loc` and `org`, and `per-wiki`, `loc-wiki`, `org-wiki`
    /// with the `wiki` feature); `rule:NAME` for a context rule or a document-level step
    /// (`rule:person_cue` after a title, `rule:speaker` before a speech verb, `rule:acronym`,
    /// `rule:surname`, `rule:sports_club` for a place that stands for its club, …; README, "How
    /// it works and where it stops"); with the learned layer,
    /// `model:` plus the candidate it confirmed (`model:gazetteer:loc`), or `model` for a name
    /// it found alone.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The standard name the matched entry stands for, when the gazetteer gives one: `Joko
    /// Widodo` for `Jokowi`, `Amerika Serikat` for `AS`.
    pub fn canonical(&self) -> Option<&str> {
        self.canonical.as_deref()
    }

    /// For a name the learned layer found that no list or rule proposed (source `model`), with
    /// [`TaggerBuilder::explain`](crate::TaggerBuilder::explain): what counted most for it,
    /// strongest first, joined by `; ` (`how it is written: "Zorbanius"; its capitalized run;
    /// two words after, "mengatakan"`). `None` for every other entity.
    ///
    /// The learned layer scores each word by the rows of weights of its features; the
    /// explanation sums, over the features of the name's first word, how much each favours the
    /// name's tag over no name, by what they describe (the word, how it is written, each
    /// neighbour, the words of list entries, cue words, the rest of the text, its capitalized
    /// run, the lists' and rules' proposals and choices), and names the three that favour it
    /// most.
    ///
    /// # Example
    ///
    /// See [`TaggerBuilder::explain`](crate::TaggerBuilder::explain).
    pub fn evidence(&self) -> Option<&str> {
        self.evidence.as_deref()
    }

    /// The same entity, owning its text, so it can outlive the tagged text.
    pub fn into_owned(self) -> Entity<'static> {
        Entity {
            text: Cow::Owned(self.text.into_owned()),
            ..self
        }
    }
}

/// Serializes as `{"text","label","start","end","byte_start","byte_end","source"}`, plus
/// `"canonical"` and `"evidence"` when there are; `start` and `end` are character offsets.
#[cfg(feature = "serde")]
impl serde::Serialize for Entity<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields =
            7 + usize::from(self.canonical.is_some()) + usize::from(self.evidence.is_some());
        let mut s = serializer.serialize_struct("Entity", fields)?;
        s.serialize_field("text", self.as_str())?;
        s.serialize_field("label", &self.label)?;
        s.serialize_field("start", &self.chars.start)?;
        s.serialize_field("end", &self.chars.end)?;
        s.serialize_field("byte_start", &self.bytes.start)?;
        s.serialize_field("byte_end", &self.bytes.end)?;
        s.serialize_field("source", self.source())?;
        if let Some(canonical) = self.canonical() {
            s.serialize_field("canonical", canonical)?;
        }
        if let Some(evidence) = self.evidence() {
            s.serialize_field("evidence", evidence)?;
        }
        s.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Span", 2)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.end()
    }
}
