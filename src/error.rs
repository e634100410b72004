//! The one error type: bad gazetteer data, unreadable files, a tagger that cannot be built.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What went wrong, in broad terms. More kinds may be added in minor releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read (missing, a directory, no permission, not UTF-8).
    Io,
    /// A gazetteer line is malformed: a control character, an empty canonical name, a bad
    /// or missing label.
    Parse,
    /// The tagger could not be built from its gazetteers.
    Build,
}

/// An error from loading gazetteers or building a tagger.
///
/// Its message names the file (when there is one), the line and the problem, for example
/// `gazetteer people.txt, line 12: control character U+0007 in entry`.
///
/// # Example
///
/// ```
/// use tandai::{ErrorKind, Gazetteer};
///
/// let err = Gazetteer::parse("people", "# label: PER\nAnna\u{7}\n").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Parse);
/// assert_eq!(err.line(), Some(2));
/// assert!(err.to_string().contains("line 2"));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    name: Option<String>,
    line: Option<usize>,
    detail: String,
    source: Option<io::Error>,
}

impl Error {
    pub(crate) fn parse(name: &str, line: Option<usize>, detail: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Parse,
            path: None,
            name: Some(name.to_string()),
            line,
            detail: detail.into(),
            source: None,
        }
    }

    pub(crate) fn io(name: &str, line: Option<usize>, source: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            path: None,
            name: Some(name.to_string()),
            line,
            detail: source.to_string(),
            source: Some(source),
        }
    }

    pub(crate) fn build(detail: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Build,
            path: None,
            name: None,
            line: None,
            detail: detail.into(),
            source: None,
        }
    }

    /// Attaches the file the error came from.
    pub(crate) fn with_path(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is about, when it came from a file.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line of the gazetteer the error is about, when it is about one line.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, &self.name) {
            (Some(path), _) => write!(f, "gazetteer {}", path.display())?,
            (None, Some(name)) => write!(f, "gazetteer {name}")?,
            (None, None) => f.write_str("tagger")?,
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.detail)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}
