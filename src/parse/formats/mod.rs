//! Input formats beyond plain text: readers that turn JSON Lines collections and
//! official publication XML into the same [`Letter`]s that [`crate::parse::parse_text`]
//! makes of text extracted from PDF.
//!
//! | format | files | one file gives |
//! |---|---|---|
//! | [`Format::Text`] | `.txt` | one letter, via [`crate::parse::parse_text`] |
//! | [`Format::JsonLines`] | `.jsonl`, `.ndjson`, `.jsonl.gz`, `.json.gz` | one letter per line, streamed by [`read_json_lines`] |
//! | [`Format::OfficialXml`] | `.xml` (`officiele-publicatie`) | one letter, by [`read_official_xml`] |
//! | [`Format::Pdf`] | `.pdf` | one letter, its text layer read by `pdf::read_pdf` and parsed as text |
//!
//! Neither JSON nor XML text comes from a PDF, so the PDF repair is not run on it:
//! [`fields::letter_from_fields`] builds the letter directly, removing the markdown markup that
//! would pollute search and snippets and taking sections from markdown headings.
//!
//! Every problem is a [`SourceError`] that names the file and the line (JSON Lines) or
//! byte offset (XML) where it was found. In a JSON Lines file a bad line is one error
//! and reading goes on with the next line.

mod dates;
mod fields;
mod jsonl;
mod markdown;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "pdf")]
mod pdf_guard;
mod xml;

#[cfg(test)]
mod tests_on_files;

use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) use jsonl::{parse_line, Line};
pub use jsonl::{read_json_lines, JsonLines};
#[cfg(feature = "pdf")]
pub use pdf::PDF_TIME_LIMIT;

/// The name of the threads that read PDFs, so a program can tell their panics (each
/// reported as an error of its file) from its own.
pub const PDF_THREAD_NAME: &str = "kamerzoek-pdf";
pub use xml::parse_official_xml;
// The parts the tables test one by one.
#[cfg(test)]
pub(crate) use {
    fields::{letter_from_fields, Fields},
    markdown::clean_markdown,
    xml::read_official_xml,
};

use crate::parse::Letter;

/// The format of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text extracted from PDF: one letter per file.
    Text,
    /// JSON Lines, optionally gzip-compressed: one document per line.
    JsonLines,
    /// Official publication XML (`officiele-publicatie`): one document per file.
    OfficialXml,
    /// A PDF with a text layer: one letter per file.
    Pdf,
}

/// The format of `path` by its name (`.txt`, `.jsonl`, `.ndjson`, `.jsonl.gz`,
/// `.json.gz`, `.ndjson.gz`, `.xml`, `.pdf`; case-insensitive), or `None` for other files.
/// Whether a `.gz` really is gzip is decided by its content when it is read.
pub fn detect(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name.as_str(), false),
    };
    let (_, extension) = name.rsplit_once('.')?;
    match (extension, gz) {
        ("txt", false) => Some(Format::Text),
        ("jsonl" | "ndjson", _) | ("json", true) => Some(Format::JsonLines),
        ("xml", false) => Some(Format::OfficialXml),
        ("pdf", false) => Some(Format::Pdf),
        _ => None,
    }
}

/// Reads the letter in a PDF file's `bytes`: its text layer, made into a letter as text
/// extracted from PDF is. Its id is the file stem.
pub(crate) fn read_pdf(path: &Path, bytes: Vec<u8>) -> Result<Letter, SourceError> {
    #[cfg(feature = "pdf")]
    return pdf::read_pdf(path, bytes);
    #[cfg(not(feature = "pdf"))]
    {
        let _ = bytes;
        Err(SourceError::file(path, SkipKind::NotALetter, "a PDF, and this kamerzoek was built without PDF support (the `pdf` feature): extract its text (`pdftotext -layout FILE.pdf`) or build with the feature"))
    }
}

fn path_is_gz(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The kind of reason an input was skipped, for a summary by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SkipKind {
    /// The file could not be read (permissions, a FIFO, a link loop).
    Unreadable,
    /// Not a letter: empty, binary, or XML that is not an official publication.
    NotALetter,
    /// A PDF without a text layer (a scan).
    NoText,
    /// A PDF that needs a password to open.
    Encrypted,
    /// Damaged, cut short, a PDF bomb, too large or too slow to read.
    Damaged,
    /// A line of a JSON Lines file, or an XML file, with an error at its place.
    BadRecord,
    /// A letter whose id another file already gave.
    DuplicateId,
    /// A file far larger than any letter.
    TooLarge,
}

impl fmt::Display for SkipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipKind::Unreadable => "unreadable",
            SkipKind::NotALetter => "not a letter",
            SkipKind::NoText => "no text layer",
            SkipKind::Encrypted => "password needed",
            SkipKind::Damaged => "damaged",
            SkipKind::BadRecord => "bad line or element",
            SkipKind::DuplicateId => "duplicate id",
            SkipKind::TooLarge => "too large",
        })
    }
}

/// A problem with an input file: which file, where in it, and what is wrong.
///
/// Displays as `FILE:LINE: message` (JSON Lines), `FILE: byte OFFSET: message` (XML) or
/// `FILE: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line number, for line-oriented formats.
    pub line: Option<u64>,
    /// The byte offset in the (decompressed) file, when known.
    pub offset: Option<u64>,
    /// What is wrong, in words.
    pub message: String,
    /// The kind of problem.
    pub kind: SkipKind,
}

impl SourceError {
    /// An error about the whole file.
    pub(crate) fn file(path: &Path, kind: SkipKind, message: impl Into<String>) -> Self {
        SourceError { path: path.to_path_buf(), line: None, offset: None, message: message.into(), kind }
    }

    /// An error at a line.
    pub(crate) fn at_line(path: &Path, line: u64, message: impl Into<String>) -> Self {
        SourceError { line: Some(line), ..SourceError::file(path, SkipKind::BadRecord, message) }
    }

    /// An error at a byte offset.
    pub(crate) fn at_offset(path: &Path, offset: u64, message: impl Into<String>) -> Self {
        SourceError { offset: Some(offset), ..SourceError::file(path, SkipKind::BadRecord, message) }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match (self.line, self.offset) {
            (Some(line), _) => write!(f, "{path}:{line}: {}", self.message),
            (None, Some(offset)) => write!(f, "{path}: byte {offset}: {}", self.message),
            (None, None) => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        for (name, expected) in [
            ("brief.txt", Some(Format::Text)),
            ("BRIEF.TXT", Some(Format::Text)),
            ("answers.jsonl", Some(Format::JsonLines)),
            ("answers.jsonl.gz", Some(Format::JsonLines)),
            ("answers.JSONL.GZ", Some(Format::JsonLines)),
            ("answers.ndjson", Some(Format::JsonLines)),
            ("answers.json.gz", Some(Format::JsonLines)),
            // A plain .json file is one document, not JSON Lines.
            ("answers.json", None),
            ("h-tk-20172018-70-1.xml", Some(Format::OfficialXml)),
            ("brief.txt.gz", None),
            ("brief.xml.gz", None),
            ("brief.pdf", Some(Format::Pdf)),
            ("BRIEF.PDF", Some(Format::Pdf)),
            ("brief.pdf.gz", None),
            ("README", None),
            (".gz", None),
        ] {
            assert_eq!(detect(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn error_display() {
        let path = Path::new("a.jsonl");
        assert_eq!(SourceError::at_line(path, 7, "no `id`").to_string(), "a.jsonl:7: no `id`");
        assert_eq!(SourceError::at_offset(path, 12, "bad").to_string(), "a.jsonl: byte 12: bad");
        assert_eq!(SourceError::file(path, SkipKind::Damaged, "not gzip").to_string(), "a.jsonl: not gzip");
    }
}
