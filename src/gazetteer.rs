//! Gazetteers: named lists of entries, each with a label and an optional canonical name.
//!
//! The file format is documented in `gazetteers/README.md` and on [`Gazetteer::parse`].

use crate::fast_hash::FastMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::{Error, Label};

/// An entry longer than this is taken for a broken file rather than a name.
const MAX_ENTRY_BYTES: usize = 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub text: String,
    pub label: Label,
    pub canonical: Option<String>,
}

/// A named list of entries to look for, each with its [`Label`] and optionally a canonical name.
///
/// The name says where an entity came from: entities found through this list report
/// `gazetteer:NAME` as their [`source`](crate::Entity::source).
///
/// # Example
///
/// ```
/// use tandai::{Gazetteer, Label};
///
/// let text = "# label: PRODUCT\nGalaxy Tab\nIndomie\tIndomie Goreng\n";
/// let mut products = Gazetteer::parse("products", text)?;
/// products.insert("Teh Botol", Label::new("PRODUCT")?)?;
/// assert_eq!(products.len(), 3);
/// assert_eq!(products.name(), "products");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gazetteer {
    name: String,
    entries: Vec<Entry>,
    /// Entry text → index in `entries`, to merge duplicates and catch conflicts.
    index: FastMap<String, usize>,
}

impl Gazetteer {
    /// An empty gazetteer called `name`.
    pub fn new(name: impl Into<String>) -> Gazetteer {
        Gazetteer {
            name: name.into(),
            entries: Vec::new(),
            index: FastMap::default(),
        }
    }

    /// Parses a gazetteer from text.
    ///
    /// The format, one entry per line:
    ///
    /// ```text
    /// # Lines starting with '#' are comments; blank lines are skipped.
    /// # label: LOC                        <- sets the label of the lines below it
    /// Jenewa
    /// AS<TAB>Amerika Serikat              <- an alias and its canonical name
    /// Apple<TAB><TAB>ORG                  <- a label for this line only (canonical empty)
    /// ```
    ///
    /// Leading and trailing spaces of each field are trimmed, a UTF-8 byte-order mark and CRLF
    /// line endings are accepted, and an entry listed twice with the same label and canonical
    /// name is kept once.
    ///
    /// # Errors
    ///
    /// An error naming the gazetteer and the line when a line has a control character, more than
    /// three TAB-separated fields, an invalid label, no label at all, an entry longer than 1024
    /// bytes, or repeats an earlier entry with another label or canonical name.
    pub fn parse(name: &str, text: &str) -> Result<Gazetteer, Error> {
        Gazetteer::read(name, text.as_bytes(), text.len() as u64)
    }

    /// Reads a gazetteer in the format of [`Gazetteer::parse`] from a reader.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::parse`], plus an error when reading fails or a line is not UTF-8.
    pub fn from_reader<R: BufRead>(name: &str, reader: R) -> Result<Gazetteer, Error> {
        Gazetteer::read(name, reader, 0)
    }

    /// [`Gazetteer::from_reader`], with room made for about `bytes / 24` entries (a big file's
    /// index grown step by step cost a fifth of reading it).
    fn read<R: BufRead>(name: &str, mut reader: R, bytes: u64) -> Result<Gazetteer, Error> {
        let mut gazetteer = Gazetteer::new(name);
        let expected = usize::try_from(bytes / 24).unwrap_or(0);
        gazetteer.entries.reserve(expected);
        gazetteer.index.reserve(expected);
        let mut labels = Labels::default();
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(_) => line_no += 1,
                Err(e) => return Err(Error::io(name, Some(line_no + 1), e)),
            }
            let line = std::str::from_utf8(&buf).map_err(|e| {
                Error::parse(
                    name,
                    Some(line_no),
                    format!("not UTF-8 (byte {})", e.valid_up_to() + 1),
                )
            })?;
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line = if line_no == 1 {
                line.strip_prefix('\u{FEFF}').unwrap_or(line)
            } else {
                line
            };
            gazetteer.parse_line(line, line_no, &mut labels)?;
        }
        Ok(gazetteer)
    }

    /// Reads a gazetteer file in the format of [`Gazetteer::parse`]; the gazetteer is named
    /// after the file's stem (`people.txt` → `people`).
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::from_reader`], with the path in the error; also when the path cannot be
    /// opened or is a directory.
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<Gazetteer, Error> {
        let path = path.as_ref();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = File::open(path).map_err(|e| Error::io(&name, None, e).with_path(path))?;
        // Opening a directory succeeds on Unix; reading it would fail and blame "line 1".
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            let e = std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory");
            return Err(Error::io(&name, None, e).with_path(path));
        }
        let bytes = file.metadata().map_or(0, |m| m.len());
        Gazetteer::read(&name, BufReader::new(file), bytes).map_err(|e| e.with_path(path))
    }

    fn parse_line(&mut self, line: &str, line_no: usize, labels: &mut Labels) -> Result<(), Error> {
        let trimmed = line.trim();
        if let Some(comment) = trimmed.strip_prefix('#') {
            if let Some(value) = comment.trim_start().strip_prefix("label:") {
                let parsed = value
                    .trim()
                    .parse()
                    .map_err(|e| Error::parse(&self.name, Some(line_no), format!("{e}")))?;
                labels.directive = Some(parsed);
            }
            return Ok(());
        }
        if trimmed.is_empty() {
            return Ok(());
        }
        let mut fields = line.split('\t').map(str::trim);
        let (entry, canonical, label_field) = (fields.next(), fields.next(), fields.next());
        let extra = fields.count();
        if extra > 0 {
            return Err(Error::parse(
                &self.name,
                Some(line_no),
                format!(
                    "{} TAB-separated fields; at most 3: entry, canonical name, label",
                    3 + extra
                ),
            ));
        }
        let line_label = match label_field {
            // Most lines repeat the label of the line before: parse it once.
            Some(l) if !l.is_empty() && labels.last.as_ref().is_some_and(|(t, _)| t == l) => {
                labels.last.as_ref().map(|&(_, label)| label)
            }
            Some(l) if !l.is_empty() => {
                let parsed: Label = l
                    .parse()
                    .map_err(|e| Error::parse(&self.name, Some(line_no), format!("{e}")))?;
                labels.last = Some((l.to_string(), parsed));
                Some(parsed)
            }
            _ => labels.directive,
        };
        let Some(line_label) = line_label else {
            return Err(Error::parse(
                &self.name,
                Some(line_no),
                "entry has no label: put a '# label: NAME' line above it or a third TAB field",
            ));
        };
        let canonical = canonical.filter(|c| !c.is_empty());
        self.add(entry.unwrap_or_default(), canonical, line_label)
            .map_err(|detail| Error::parse(&self.name, Some(line_no), detail))
    }

    /// Adds an entry with a label.
    ///
    /// # Errors
    ///
    /// When the entry is empty, has a control character or a TAB, is longer than 1024 bytes,
    /// or is already in the gazetteer with another label or canonical name.
    pub fn insert(&mut self, entry: &str, label: Label) -> Result<&mut Gazetteer, Error> {
        self.add(entry.trim(), None, label)
            .map_err(|detail| Error::parse(&self.name, None, detail))?;
        Ok(self)
    }

    /// Adds an alias that stands for a canonical name, e.g. `Jokowi` for `Joko Widodo`.
    ///
    /// # Errors
    ///
    /// As [`Gazetteer::insert`], checking the canonical name as well.
    ///
    /// # Example
    ///
    /// ```
    /// use tandai::{Gazetteer, Label, Tagger};
    ///
    /// let mut people = Gazetteer::new("people");
    /// people.insert_alias("Jokowi", "Joko Widodo", Label::PER)?;
    /// let tagger = Tagger::builder().embedded_gazetteers(false).gazetteer(people).build()?;
    /// let entities = tagger.tag("Jokowi meresmikan jalan tol.");
    /// assert_eq!(entities[0].canonical(), Some("Joko Widodo"));
    /// # Ok::<(), tandai::Error>(())
    /// ```
    pub fn insert_alias(
        &mut self,
        entry: &str,
        canonical: &str,
        label: Label,
    ) -> Result<&mut Gazetteer, Error> {
        self.add(entry.trim(), Some(canonical.trim()), label)
            .map_err(|detail| Error::parse(&self.name, None, detail))?;
        Ok(self)
    }

    fn add(&mut self, text: &str, canonical: Option<&str>, label: Label) -> Result<(), String> {
        check_field("entry", text)?;
        if let Some(c) = canonical {
            check_field("canonical name", c)?;
        }
        let canonical = canonical.filter(|&c| c != text).map(str::to_string);
        let entry = Entry {
            text: text.to_string(),
            label,
            canonical,
        };
        match self.index.get(text) {
            Some(&i) if self.entries[i] == entry => Ok(()),
            Some(&i) => {
                let old = &self.entries[i];
                Err(format!(
                    "entry {text:?} is already listed as {}{}",
                    old.label,
                    old.canonical
                        .as_deref()
                        .map(|c| format!(" for {c:?}"))
                        .unwrap_or_default()
                ))
            }
            None => {
                self.index.insert(entry.text.clone(), self.entries.len());
                self.entries.push(entry);
                Ok(())
            }
        }
    }

    /// The gazetteer's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many entries it has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in the order they were added: `(entry, label, canonical name)`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Label, Option<&str>)> {
        self.entries
            .iter()
            .map(|e| (e.text.as_str(), e.label, e.canonical.as_deref()))
    }

    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// The labels a line may take while a file is read.
#[derive(Default)]
struct Labels {
    /// From the last `# label:` line.
    directive: Option<Label>,
    /// The last label field, as written, and its label.
    last: Option<(String, Label)>,
}

fn check_field(what: &str, s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err(format!("empty {what}"));
    }
    if s.len() > MAX_ENTRY_BYTES {
        return Err(format!(
            "{what} is {} bytes long; at most {MAX_ENTRY_BYTES}",
            s.len()
        ));
    }
    if let Some(c) = s.chars().find(|c| c.is_control()) {
        return Err(format!("control character U+{:04X} in {what}", c as u32));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_canonicals_and_comments() {
        let text = "\u{FEFF}# source: test\r\n# label: LOC\r\nJenewa\r\n\r\nAS\tAmerika Serikat\nApple\t\tORG\n# label: per\nJoko Widodo\n";
        let g = Gazetteer::parse("t", text).unwrap();
        let got: Vec<_> = g.iter().collect();
        assert_eq!(
            got,
            [
                ("Jenewa", Label::LOC, None),
                ("AS", Label::LOC, Some("Amerika Serikat")),
                ("Apple", Label::ORG, None),
                ("Joko Widodo", Label::PER, None),
            ]
        );
    }

    #[test]
    fn duplicates_merge_and_conflicts_fail() {
        let g = Gazetteer::parse("t", "# label: LOC\nBogor\nBogor\n").unwrap();
        assert_eq!(g.len(), 1);
        let err = Gazetteer::parse("t", "# label: LOC\nBogor\nBogor\t\tORG\n").unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(err.to_string().contains("already listed as LOC"), "{err}");
    }

    #[test]
    fn errors_name_the_line_and_problem() {
        let cases = [
            ("Jenewa\n", 1, "no label"),
            ("# label: LOC\nA\tB\tLOC\tX\n", 2, "4 TAB-separated fields"),
            ("# label: LOC\n\nA\u{0}B\n", 3, "control character U+0000"),
            ("# label: two words\n", 1, "invalid label"),
            ("# label: LOC\nA\t\tL O C\n", 2, "invalid label"),
        ];
        for (text, line, needle) in cases {
            let err = Gazetteer::parse("g", text).unwrap_err();
            assert_eq!(err.line(), Some(line), "{text:?}");
            assert!(err.to_string().contains(needle), "{err} lacks {needle:?}");
            assert!(err.to_string().starts_with("gazetteer g, line"), "{err}");
        }
        let long = format!("# label: LOC\n{}\n", "a".repeat(2000));
        assert!(
            Gazetteer::parse("g", &long)
                .unwrap_err()
                .to_string()
                .contains("2000 bytes")
        );
        let bad_utf8: &[u8] = b"# label: LOC\nBan\xffdung\n";
        let err = Gazetteer::from_reader("g", bad_utf8).unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("not UTF-8"));
    }

    #[test]
    fn empty_input_is_an_empty_gazetteer() {
        assert!(Gazetteer::parse("g", "").unwrap().is_empty());
        assert!(Gazetteer::parse("g", "# label: LOC\n").unwrap().is_empty());
    }

    #[test]
    fn from_path_names_the_file() {
        let dir = std::env::temp_dir().join(format!("tandai-gaz-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("tempat.txt");
        std::fs::write(&path, "# label: LOC\nBogor\n\u{7}\n").unwrap();
        let err = Gazetteer::from_path(&path).unwrap_err();
        assert_eq!(err.path(), Some(path.as_path()));
        assert!(err.to_string().contains("tempat.txt, line 3"), "{err}");
        let err = Gazetteer::from_path(&dir).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Io);
        assert_eq!(err.line(), None, "{err}");
        assert!(err.to_string().ends_with(": is a directory"), "{err}");
        let err = Gazetteer::from_path(dir.join("missing.txt")).unwrap_err();
        assert!(err.to_string().contains("missing.txt"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
