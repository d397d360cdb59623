//! Letter parsing: plain text (as extracted from PDF) into metadata, sections and a
//! repaired body that analysis and snippets work on.

mod dates;
mod footnotes;
pub(crate) mod formats;
mod furniture;
mod lines;
mod metadata;
mod repair;
mod sections;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

/// One parsed letter.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// Stable id: the file stem (`002_e57fd0cb040071f5`).
    pub id: String,
    /// A display title: the subject, else a title derived from the text.
    pub title: String,
    /// True when `title` was made up for display (from the subject, sender and date, or
    /// the first line) rather than stated as a title: such a title is shown, not indexed,
    /// since its words are indexed where they really stand.
    pub title_derived: bool,
    /// What the letter states about itself: subject, date, sender, signer, reference,
    /// number and its own Kamerstuk.
    #[serde(flatten)]
    pub meta: Metadata,
    /// The repaired text: PDF line breaks, hyphenation, footers and footnote markers fixed.
    /// Section offsets point into this string.
    pub body: String,
    /// Sections in order; together they cover the body.
    pub sections: Vec<Section>,
    /// Problems met while parsing, for the user.
    pub warnings: Vec<String>,
    /// Metadata a source format carries beyond the fields above (`category`, `path`,
    /// `minister`, …), by field name; empty for plain text.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// What a letter states about itself (or, for the date, what was inferred): one list
/// for the parsed [`Letter`] and the record an index keeps of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// `Betreft …`.
    pub subject: Option<String>,
    /// The letter's date, written `YYYY-MM-DD`.
    #[serde(with = "iso_date")]
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
}

/// A date as `YYYY-MM-DD` in JSON.
mod iso_date {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    const FORMAT: &[time::format_description::FormatItem<'static>] = time::macros::format_description!("[year]-[month]-[day]");

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_str(&d.format(FORMAT).map_err(serde::ser::Error::custom)?),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        Option::<&str>::deserialize(d)?.map(|t| Date::parse(t, FORMAT).map_err(serde::de::Error::custom)).transpose()
    }
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

/// Parses a letter given as plain text (as extracted from PDF): repairs the text, reads the
/// metadata and splits the repaired body into sections. Never fails: what cannot be found
/// is `None` and named in `warnings`.
///
/// The title is the subject when the letter states one; otherwise `Brief van de <sender>,
/// <date>` (or without the date); otherwise the first heading; otherwise the start of the
/// first line of the body; otherwise the id.
pub fn parse_text(id: &str, raw: &str) -> Letter {
    let repaired = repair::repair(raw);
    let (mut meta, warnings) = metadata::extract(&repaired.body);
    meta.kamerstuk = repaired.kamerstuk;
    let sections = sections::build(&repaired.body, &repaired.heading_starts);
    let title = title(id, &meta, &sections, &repaired.body);
    Letter {
        id: id.to_string(),
        // A stated subject is the letter's title; anything else is made up for display.
        title_derived: meta.subject.is_none(),
        title,
        meta,
        body: repaired.body,
        sections,
        warnings,
        extra: BTreeMap::new(),
    }
}

/// Longest title taken from the first line of the body, in characters.
const MAX_TITLE_CHARS: usize = 80;

fn title(id: &str, meta: &Metadata, sections: &[Section], body: &str) -> String {
    if let Some(subject) = &meta.subject {
        return subject.clone();
    }
    if let Some(sender) = &meta.sender {
        return match meta.date {
            Some(date) => format!("Brief van de {sender}, {}", dates::format_dutch(date)),
            None => format!("Brief van de {sender}"),
        };
    }
    let first_heading = sections.iter().filter_map(|s| s.heading.as_deref()).find(|h| *h != repair::FOOTNOTES_HEADING);
    if let Some(heading) = first_heading {
        return heading.to_string();
    }
    match body.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) if line.chars().count() > MAX_TITLE_CHARS => {
            let cut: String = line.chars().take(MAX_TITLE_CHARS).collect();
            format!("{}…", cut.trim_end())
        }
        Some(line) => line.to_string(),
        None => id.to_string(),
    }
}
