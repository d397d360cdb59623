//! A letter's record: what the index keeps about a letter besides its text, and what
//! `show` prints.

use serde::{Deserialize, Serialize};

use crate::cite::{self, Citation};
use crate::parse::{Letter, Metadata};

/// A letter's metadata, sections, citations and warnings, as stored in the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterRecord {
    /// The letter id (its file stem).
    pub id: String,
    /// The display title.
    pub title: String,
    /// What the letter states about itself (the same list as [`Letter::meta`]).
    #[serde(flatten)]
    pub meta: Metadata,
    /// Sections: heading and byte range of the body. Not kept in the stored record (the
    /// `outline` column has them), filled again when a record is read.
    pub sections: Vec<SectionRecord>,
    /// Citations of other documents.
    pub citations: Vec<CitationRecord>,
    /// Problems met while parsing.
    pub warnings: Vec<String>,
    /// The file the letter came from.
    pub source: Option<String>,
    /// Metadata its source format carried beyond the fields above (a JSON line's
    /// `category`, `url`, …; an XML file's `meta` elements).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
    /// Letters in the index that cite this one (filled when read from an index).
    #[serde(default)]
    pub cited_by: Vec<String>,
}

/// A section in a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRecord {
    /// The heading; null for text before the first heading.
    pub heading: Option<String>,
    /// Byte offset into the body.
    pub start: usize,
    /// Byte offset into the body (exclusive).
    pub end: usize,
}

/// A citation in a record: where the letter cites what, and the sentence around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitationRecord {
    /// The citation (key, kind, text as written, byte span in the body, …).
    #[serde(flatten)]
    pub citation: Citation,
    /// The sentence that holds the citation, whitespace collapsed: a span of the body,
    /// so neither made for nor kept in the stored record; filled when a record is read
    /// from an index.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sentence: String,
    /// The letter in the index that is the cited paper (filled when read from an index).
    #[serde(default)]
    pub letter: Option<String>,
}

impl LetterRecord {
    /// The record of a parsed letter and the citations found in its body (the step after
    /// parsing: [`crate::cite::extract`]); citations of the letter itself are dropped.
    pub(crate) fn new(letter: &Letter, cited: Vec<Citation>, source: Option<String>) -> LetterRecord {
        let own = own_keys(&letter.id, letter.meta.kamerstuk.as_deref(), &letter.title);
        LetterRecord {
            id: letter.id.clone(),
            title: letter.title.clone(),
            meta: letter.meta.clone(),
            sections: letter.sections.iter().map(|s| SectionRecord { heading: s.heading.clone(), start: s.start, end: s.end }).collect(),
            // A regulation naming itself, or a letter its own number, cites nothing.
            citations: cited
                .into_iter()
                .filter(|c| !own.contains(&c.key))
                .map(|c| CitationRecord { sentence: String::new(), citation: c, letter: None })
                .collect(),
            warnings: letter.warnings.clone(),
            source,
            extra: letter.extra.clone(),
            cited_by: Vec::new(),
        }
    }
}

/// The sentence around a citation in `body`, whitespace collapsed.
pub fn sentence_of(body: &str, c: &Citation) -> String {
    sentence_at(body, c.start, c.end)
}

/// The sentence around bytes `start..end` of `body`, whitespace collapsed.
pub fn sentence_at(body: &str, start: usize, end: usize) -> String {
    let (s, e) = cite::sentence_span(body, start, end);
    collapse_whitespace(body.get(s..e).unwrap_or(""))
}

/// `text` with each run of whitespace one space, and none at either end.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The keys under which other letters may cite a letter: its id, its Kamerstuk, and
/// the name key of the law it is (for regulations indexed as letters: the short title in
/// the closing brackets of a long title, `Besluit van 23 december 1996, … (Besluit
/// procedure …)`, else the whole title).
pub fn own_keys(id: &str, kamerstuk: Option<&str>, title: &str) -> Vec<String> {
    let mut keys = vec![id.to_string()];
    keys.extend(kamerstuk.map(str::to_string));
    let short = title.trim().strip_suffix(')').and_then(|t| t.rfind('(').map(|i| &t[i + 1..])).filter(|s| !s.trim().is_empty()).unwrap_or(title);
    keys.push(cite::law_key(short));
    keys.dedup();
    keys
}

/// The kind of document a letter is, for counting results by it: a regulation's
/// category as its source gives it (`AMvB`, `ministeriele-regeling`), else what its id
/// says (`handelingen`, `aanhangsel`, `kamerstuk`, `regeling`), else
/// `kamerbrief`.
pub fn document_type(letter: &Letter) -> String {
    if let Some(category) = letter.extra.get("category").filter(|c| !c.trim().is_empty()) {
        return category.trim().to_string();
    }
    let id = letter.id.as_str();
    let kind = if id.starts_with("h-") {
        "handelingen"
    } else if id.starts_with("ah-") {
        "aanhangsel"
    } else if id.starts_with("BWBR") {
        "regeling"
    } else if id.starts_with("kst-") {
        "kamerstuk"
    } else {
        "kamerbrief"
    };
    kind.to_string()
}

/// `YYYY-MM-DD`.
pub fn format_date(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}
