//! Official publication XML (`officiele-publicatie`): Handelingen, Kamerstukken and other
//! papers as the official publication site serves them.
//!
//! | element | becomes |
//! |---|---|
//! | `item-titel` | a section heading and the letter's title |
//! | `kop`, `titel`, `tussenkop`, `intitule` | a section heading (everything inside a `kop` is one heading) |
//! | `spreker` (`De heer Graus (PVV):`) | a section heading `De heer Graus (PVV)`, one per speaker turn; all speakers in `extra["sprekers"]` |
//! | `al`, `vergaderdatum`, table `row`s and any other block | a paragraph of the body |
//! | `nadruk`, `extref`, `sup`, `naam`, `li.nr`, … | text inside the paragraph around them |
//! | `nr` of the item | `extra["nr"]` |
//! | `vergaderdatum`, `meta` `OVERHEIDop.datumVergadering`, `DC.date`, … | the date (sitting date first) |
//! | `meta` `OVERHEIDop.dossiernummer` + `OVERHEIDop.ondernummer`, or `dossiernr` + `ondernummer` | the letter's own Kamerstuk (`kst-21501-08-726`) |
//! | other `meta name=… content=…` | `extra`, by name |
//!
//! The files are often pretty-printed, so whitespace around inline elements is not the
//! author's: `CO <sup>2</sup> -uitstoot` and `( <extref>21501-08</extref> , nr.` are read
//! as `CO2-uitstoot` and `(21501-08, nr.`.

use std::collections::BTreeMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use time::Date;

use super::dates::parse_field;
use super::fields::title_from_line;
use super::markdown::sections;
use super::{SkipKind, SourceError};
use crate::keys::kamerstuk_key;
use crate::parse::{Letter, Metadata};

/// Elements whose text is a section heading.
const HEADINGS: &[&str] = &["item-titel", "kop", "titel", "tussenkop", "intitule", "spreker"];
/// Elements whose text runs on inside the surrounding paragraph or heading.
const INLINE: &[&str] = &[
    "nadruk",
    "extref",
    "intref",
    "sup",
    "inf",
    "politiek",
    "naam",
    "voorvoegsels",
    "achternaam",
    "voornaam",
    "initialen",
    "functie",
    "li.nr",
    "noot.ref",
    "unl",
    "a",
    "term",
];
/// Elements raised a little (`CO2`, `23ste`): no space before them.
const SCRIPTS: &[&str] = &["sup", "inf"];
/// Metadata names that state the date, most telling first: the sitting, the signature,
/// then the publication.
const DATE_META: &[&str] = &["OVERHEIDop.datumVergadering", "OVERHEIDop.datumOndertekening", "DC.date", "DCTERMS.issued", "DCTERMS.available"];
/// Rank of the `vergaderdatum` element among [`DATE_META`]: just after the sitting's meta.
const VERGADERDATUM_RANK: usize = 1;
/// Longest XML nesting followed; deeper is an error, not a stack of unbounded size.
const MAX_DEPTH: usize = 1000;

/// Reads one official publication XML file into a letter whose id is the file stem
/// (`h-tk-20172018-70-1`). Malformed or truncated XML is an error with its byte offset.
#[cfg(test)]
pub fn read_official_xml(path: &Path) -> Result<Letter, SourceError> {
    let bytes = std::fs::read(path).map_err(|e| SourceError::file(path, SkipKind::Unreadable, format!("cannot read: {e}")))?;
    parse_official_xml(path, &bytes)
}

/// The root element of the XML that officielebekendmakingen.nl publishes.
const OFFICIAL_ROOT: &str = "officiele-publicatie";

/// Parses official publication XML given as bytes; `path` names the source in errors
/// and its stem is the letter's id. XML with another root element is refused.
pub fn parse_official_xml(path: &Path, bytes: &[u8]) -> Result<Letter, SourceError> {
    let id = path.file_stem().map_or_else(|| path.to_string_lossy(), |s| s.to_string_lossy()).into_owned();
    let text = std::str::from_utf8(bytes).map_err(|e| SourceError::at_offset(path, e.valid_up_to() as u64, "not UTF-8 (only UTF-8 XML is read)"))?;
    let at = |offset: u64, message: String| SourceError::at_offset(path, offset, message);
    let mut reader = Reader::from_str(text);
    let mut open: Vec<String> = Vec::new();
    let mut seen_element = false;
    // The first element: an official publication's is `officiele-publicatie`.
    let mut root: Option<String> = None;
    let mut doc = Document::default();
    loop {
        let event = reader.read_event().map_err(|e| at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(e) => {
                let name = local_name(&e);
                if open.len() >= MAX_DEPTH {
                    return Err(at(reader.buffer_position(), format!("nested deeper than {MAX_DEPTH} elements")));
                }
                seen_element = true;
                root.get_or_insert_with(|| name.clone());
                doc.start(&name);
                open.push(name);
            }
            Event::Empty(e) => {
                seen_element = true;
                let name = local_name(&e);
                root.get_or_insert_with(|| name.clone());
                if name == "meta" {
                    doc.meta(&e);
                }
            }
            Event::End(_) => {
                if let Some(name) = open.pop() {
                    doc.end(&name);
                }
            }
            Event::Text(t) => doc.text(&t),
            Event::CData(c) => doc.text(&c.into_inner()),
            Event::GeneralRef(r) => match entity(&r) {
                Some(c) => doc.text(c.encode_utf8(&mut [0; 4])),
                None => return Err(at(reader.buffer_position(), format!("unknown entity `&{};`", &*r))),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(name) = open.last() {
        return Err(at(text.len() as u64, format!("truncated: <{name}> is not closed")));
    }
    if !seen_element {
        return Err(at(0, "no XML element found".to_string()));
    }
    if let Some(other) = root.filter(|r| r != OFFICIAL_ROOT) {
        return Err(SourceError::file(
            path,
            SkipKind::NotALetter,
            format!(
                "not an official publication: its root element is <{other}>, not <{OFFICIAL_ROOT}> (kamerzoek reads the XML of officielebekendmakingen.nl)"
            ),
        ));
    }
    Ok(doc.into_letter(id))
}

fn local_name(e: &BytesStart<'_>) -> String {
    let name = e.local_name();
    let name: &str = name.as_ref();
    name.to_string()
}

/// The character an entity reference stands for: the five XML entities and character
/// references.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    Some(match &**r {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

/// What has been read so far.
#[derive(Default)]
struct Document {
    body: String,
    headings: Vec<(usize, String)>,
    block: Block,
    /// Depth of heading elements we are inside; everything inside a heading is inline.
    heading_depth: usize,
    /// Inside a `nr` (of the item; a `nr` in a `kop` is heading text), `dossiernr` or
    /// `ondernummer`: its text is metadata.
    capture: Option<&'static str>,
    captured: BTreeMap<&'static str, String>,
    item_title: Option<String>,
    /// The best date so far and the rank of its source (lower is better).
    date: Option<(usize, Date)>,
    speakers: Vec<String>,
    extra: BTreeMap<String, String>,
    warnings: Vec<String>,
}

impl Document {
    fn start(&mut self, name: &str) {
        if HEADINGS.contains(&name) {
            if self.heading_depth == 0 {
                self.flush_paragraph();
            }
            self.heading_depth += 1;
            return;
        }
        if self.heading_depth > 0 {
            self.block.start_inline(name);
            return;
        }
        self.capture = match name {
            "nr" => Some("nr"),
            "dossiernr" => Some("dossiernr"),
            "ondernummer" => Some("ondernummer"),
            _ => None,
        };
        if self.capture.is_some() {
            self.flush_paragraph();
        }
        self.block.start_inline(name);
    }

    fn end(&mut self, name: &str) {
        if let Some(key) = self.capture.take() {
            let value = std::mem::take(&mut self.block).text;
            self.captured.insert(key, value);
            return;
        }
        if HEADINGS.contains(&name) && self.heading_depth > 0 {
            self.heading_depth -= 1;
            if self.heading_depth == 0 {
                self.flush_heading(name);
            }
            return;
        }
        if self.heading_depth > 0 {
            self.block.end_inline(name);
            return;
        }
        if name == "vergaderdatum" {
            if let Some(date) = parse_field(&self.block.text) {
                self.offer_date(VERGADERDATUM_RANK, date);
            }
        }
        if INLINE.contains(&name) {
            self.block.end_inline(name);
        } else {
            self.flush_paragraph();
        }
    }

    fn text(&mut self, text: &str) {
        self.block.push(text);
    }

    fn meta(&mut self, e: &BytesStart<'_>) {
        let attribute =
            |key: &str| e.try_get_attribute(key).ok().flatten().and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok()).map(|v| v.trim().to_string());
        let (Some(name), Some(content)) = (attribute("name"), attribute("content")) else {
            return;
        };
        if let Some(rank) = DATE_META.iter().position(|m| *m == name) {
            match parse_field(&content) {
                Some(date) => self.offer_date(if rank == 0 { 0 } else { rank + 1 }, date),
                None => self.warnings.push(format!("meta {name} {content:?} is not a date")),
            }
        }
        if !content.is_empty() {
            self.extra.insert(name, content);
        }
    }

    fn offer_date(&mut self, rank: usize, date: Date) {
        if self.date.is_none_or(|(best, _)| rank < best) {
            self.date = Some((rank, date));
        }
    }

    fn flush_paragraph(&mut self) {
        let text = std::mem::take(&mut self.block).text;
        if text.is_empty() {
            return;
        }
        separate(&mut self.body);
        self.body.push_str(&text);
    }

    fn flush_heading(&mut self, element: &str) {
        let text = std::mem::take(&mut self.block).text;
        let heading = text.trim_end_matches(':').trim_end();
        if heading.is_empty() {
            return;
        }
        if element == "item-titel" && self.item_title.is_none() {
            self.item_title = Some(heading.to_string());
        }
        if element == "spreker" && !self.speakers.iter().any(|s| s == heading) {
            self.speakers.push(heading.to_string());
        }
        separate(&mut self.body);
        self.headings.push((self.body.len(), heading.to_string()));
        self.body.push_str(heading);
    }

    fn into_letter(mut self, id: String) -> Letter {
        self.flush_paragraph();
        let kamerstuk = self.kamerstuk();
        if let Some(nr) = self.captured.remove("nr").filter(|n| !n.is_empty()) {
            self.extra.insert("nr".to_string(), nr);
        }
        if !self.speakers.is_empty() {
            self.extra.insert("sprekers".to_string(), self.speakers.join("; "));
        }
        let sections = sections(&self.body, self.headings);
        let title_derived = self.item_title.is_none();
        let title = self
            .item_title
            .or_else(|| sections.iter().find_map(|s| s.heading.clone()))
            .or_else(|| self.body.lines().find(|l| !l.trim().is_empty()).map(|l| title_from_line(l.trim())))
            .unwrap_or_else(|| id.clone());
        Letter {
            id,
            title,
            title_derived,
            meta: Metadata { date: self.date.map(|(_, date)| date), kamerstuk, ..Metadata::default() },
            body: self.body,
            sections,
            warnings: self.warnings,
            extra: self.extra,
        }
    }

    /// The document's own Kamerstuk, when it states both its dossier and its number.
    fn kamerstuk(&self) -> Option<String> {
        let dossier = self.extra.get("OVERHEIDop.dossiernummer").or(self.captured.get("dossiernr"))?;
        let nr = self.extra.get("OVERHEIDop.ondernummer").or(self.captured.get("ondernummer"))?;
        let nr = nr.trim();
        let digits = dossier.trim().bytes().take_while(u8::is_ascii_digit).count();
        let (number, suffix) = dossier.trim().split_at(digits);
        let suffix = suffix.trim_matches(|c: char| c == '-' || c == ';' || c.is_whitespace());
        if number.is_empty() || nr.is_empty() || nr.contains(char::is_whitespace) {
            return None;
        }
        Some(kamerstuk_key(number, (!suffix.is_empty()).then_some(suffix), nr))
    }
}

fn separate(body: &mut String) {
    if !body.is_empty() {
        body.push_str("\n\n");
    }
}

/// The text of one paragraph or heading, its whitespace collapsed, with the spacing
/// around inline elements repaired.
#[derive(Default)]
struct Block {
    text: String,
    /// Whitespace was met after the last word.
    space: bool,
    /// The next word attaches without a space (inside `sup`/`inf`).
    attach: bool,
    /// A `sup`/`inf` just ended: a next word starting with `-` attaches (`CO2-uitstoot`).
    after_script: bool,
}

impl Block {
    fn start_inline(&mut self, name: &str) {
        if SCRIPTS.contains(&name) {
            self.attach = true;
        }
    }

    fn end_inline(&mut self, name: &str) {
        if SCRIPTS.contains(&name) {
            self.after_script = true;
        } else if name == "entry" || name == "li.nr" {
            self.space = true;
        }
    }

    fn push(&mut self, text: &str) {
        for (n, word) in text.split_whitespace().enumerate() {
            let gap = n > 0 || self.space || text.starts_with(char::is_whitespace);
            if !self.text.is_empty() && gap && !(n == 0 && self.attaches(word)) {
                self.text.push(' ');
            }
            self.text.push_str(word);
            self.attach = false;
            self.after_script = false;
            self.space = false;
        }
        if text.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    /// Whether `word`, after an element boundary, attaches to the text before it: closing
    /// punctuation, after an opening parenthesis, and raised text.
    fn attaches(&self, word: &str) -> bool {
        self.attach || (self.after_script && word.starts_with('-')) || word.starts_with([',', '.', ';', ':', ')', '!', '?']) || self.text.ends_with('(')
    }
}
