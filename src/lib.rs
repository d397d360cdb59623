//! kamerzoek: full-text search for Dutch parliamentary letters (Kamerbrieven).
//!
//! A letter goes through the steps the source folders are named for:
//!
//! 1. **parse**: [`parse_text`] turns text extracted from a PDF into a [`Letter`]:
//!    metadata (date, sender, signer, subject, reference, number, its own Kamerstuk),
//!    sections (by their headings) and a body with PDF line breaks, hyphenation,
//!    footers and footnote markers repaired. [`ingest::read_letter`] reads any file
//!    kamerzoek knows (text, Markdown, official XML) into one.
//! 2. **cite**: [`extract_citations`] finds the papers a text cites and normalises each
//!    to its official key (`kst-33763-38`, `stcrt-2025-17540`, `TZ202604-190`, …).
//! 3. **analyse**: [`analyze`] shows the Dutch analysis the index applies (folding, stop
//!    words, the classic Snowball Dutch stemmer, compounds).
//! 4. **index**: a [`LetterWriter`] writes letters into a [`LetterIndex`];
//!    [`ingest::index_paths`] indexes files and folders in parallel.
//! 5. **query** and **search**: [`LetterIndex::search`] parses a query in kamerzoek's
//!    language (phrases, fields, boolean logic, date ranges) and returns ranked
//!    [`Hit`]s with highlighted snippets, per letter or per section;
//!    [`LetterIndex::search_citations`] searches the cited papers, and
//!    [`LetterIndex::letter`] reads one letter's [`LetterRecord`] and text.
//!
//! ```
//! use kamerzoek::{parse_text, LetterIndex, SearchOptions};
//!
//! # fn main() -> kamerzoek::Result<()> {
//! let index = LetterIndex::create_in_ram()?;
//! let mut writer = index.writer()?;
//! let text = "Den Haag, 14 december 2015\n\nBij Defensie heeft de uitvoering van het \
//!             re-integratiebeleid al geruime tijd speciale aandacht.\n";
//! writer.add(&parse_text("brief-1", text))?;
//! writer.commit()?;
//! index.reload()?;
//!
//! let hits = index.search("reintegratiebeleid date:2015", &SearchOptions::default())?;
//! assert_eq!(hits[0].letter, "brief-1");
//! assert_eq!(hits[0].date.as_deref(), Some("2015-12-14"));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

// The steps in pipeline order; each uses only those above it (and the leaves below).
mod analyse;
mod cite;
mod index;
mod parse;
mod query;
mod search;

// Leaves every step may use.
mod error;
mod fold;
mod keys;
mod lexicon;

pub use analyse::{analyze, dutch_analyzer, Analysis, AnalyzedToken};
pub use cite::{extract as extract_citations, normalize as normalize_citation, Citation, CitationKind};
pub use error::{Error, Result};
pub use index::ingest;
pub use index::record::{CitationRecord, LetterRecord, SectionRecord};
pub use index::{LetterIndex, LetterWriter, Listed, Space, Stats};
pub use parse::{parse_text, Letter, Metadata, Section};
pub use search::{CitedHit, CitedPaper, Citing, Commitment, Count, FacetValue, Facets, Found, Hit, Matching, MostCited, Scope, SearchOptions, Sort};
