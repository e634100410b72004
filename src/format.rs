//! Writing tagged text as CoNLL (`TOKEN<TAB>BIO` lines) or inline marks (`[Jenewa]{LOC}`).

use crate::Entity;
use crate::tokenize::tokenize;

/// The text as CoNLL lines: one `TOKEN<TAB>TAG` line per token that is not white space, with
/// `B-LABEL`, `I-LABEL` or `O` tags. Tokens follow the tagger's tokenizer.
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Tagger, format};
///
/// let places = Gazetteer::parse("places", "# label: LOC\nAmerika Serikat\n")?;
/// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(places).build()?;
/// let text = "ke Amerika Serikat.";
/// assert_eq!(
///     format::conll(text, &tagger.tag(text)),
///     "ke\tO\nAmerika\tB-LOC\nSerikat\tI-LOC\n.\tO\n"
/// );
/// # Ok::<(), tandai::Error>(())
/// ```
pub fn conll(text: &str, entities: &[Entity<'_>]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut next = entities.iter().peekable();
    for token in &tokenize(text) {
        while next
            .peek()
            .is_some_and(|e| e.byte_span().end <= token.start)
        {
            next.next();
        }
        out.push_str(&text[token.start..token.end]);
        out.push('\t');
        match next.peek() {
            Some(e) if e.byte_span().start == token.start => {
                out.push_str("B-");
                out.push_str(e.label().as_str());
            }
            Some(e) if e.byte_span().start < token.start => {
                out.push_str("I-");
                out.push_str(e.label().as_str());
            }
            _ => out.push('O'),
        }
        out.push('\n');
    }
    out
}

/// The text with each entity marked in place as `[text]{LABEL}`.
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Tagger, format};
///
/// let places = Gazetteer::parse("places", "# label: LOC\nJenewa\n")?;
/// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(places).build()?;
/// let text = "Mereka tiba di Jenewa.";
/// assert_eq!(format::inline(text, &tagger.tag(text)), "Mereka tiba di [Jenewa]{LOC}.");
/// # Ok::<(), tandai::Error>(())
/// ```
pub fn inline(text: &str, entities: &[Entity<'_>]) -> String {
    let mut out = String::with_capacity(text.len() + entities.len() * 8);
    let mut at = 0;
    for e in entities {
        let span = e.byte_span();
        out.push_str(&text[at..span.start]);
        out.push('[');
        out.push_str(e.as_str());
        out.push_str("]{");
        out.push_str(e.label().as_str());
        out.push('}');
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}
