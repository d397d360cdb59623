//! Letter parsing: plain text (as extracted from PDF) into metadata, sections and a
//! repaired body that analysis and snippets work on.

use serde::Serialize;
use time::Date;

/// One parsed letter.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// Stable id: the file stem (`002_e57fd0cb040071f5`).
    pub id: String,
    /// A display title: the subject, else a title derived from the text.
    pub title: String,
    /// `Betreft …`.
    pub subject: Option<String>,
    /// The letter's date.
    pub date: Option<Date>,
    /// True when `date` was not stated but inferred from the latest full date in the text.
    pub date_inferred: bool,
    /// `Minister van Defensie`, `Staatssecretaris van Defensie`, ...
    pub sender: Option<String>,
    /// `Derk Boswijk`, `J.A. Hennis-Plasschaert`, ...
    pub signer: Option<String>,
    /// `Onze referentie …`.
    pub reference: Option<String>,
    /// `Nr. 96` → `96`.
    pub number: Option<String>,
    /// The letter's own Kamerstuk key, e.g. `kst-36360-X-1`.
    pub kamerstuk: Option<String>,
    /// The repaired text: PDF line breaks, hyphenation, footers and footnote markers fixed.
    /// Section offsets point into this string.
    pub body: String,
    /// Sections in order; together they cover the body.
    pub sections: Vec<Section>,
    /// Problems met while parsing, for the user.
    pub warnings: Vec<String>,
}

/// A section: its heading (if any) and the byte range of `Letter::body` it covers,
/// from the start of the heading up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The heading text; `None` for text before the first heading.
    pub heading: Option<String>,
    /// Byte offset into the body where the section starts.
    pub start: usize,
    /// Byte offset into the body where the section ends (exclusive).
    pub end: usize,
}

/// Parses a letter given as plain text.
pub fn parse_text(id: &str, raw: &str) -> Letter {
    Letter {
        id: id.to_string(),
        title: id.to_string(),
        subject: None,
        date: None,
        date_inferred: false,
        sender: None,
        signer: None,
        reference: None,
        number: None,
        kamerstuk: None,
        body: raw.to_string(),
        sections: vec![Section { heading: None, start: 0, end: raw.len() }],
        warnings: Vec::new(),
    }
}
