//! kamerzoek: full-text search for Dutch parliamentary letters (Kamerbrieven).
//!
//! A letter goes through four steps:
//!
//! 1. [`letter::parse_text`] turns text extracted from a PDF into a [`letter::Letter`]:
//!    metadata (date, sender, signer, subject, reference, number, its own Kamerstuk),
//!    sections (by their headings) and a body with PDF line breaks, hyphenation,
//!    footers and footnote markers repaired.
//! 2. [`citations::extract`] finds the papers the letter cites and normalises each to
//!    one key (`kst-33763-38`, `TZ202604-190`, …).
//! 3. [`LetterIndex`] writes the letter into a tantivy index whose schema is declared in
//!    `index_schema/schema.toml`, analysing Dutch text with [`analysis`] (folding, stop
//!    words, the classic Snowball Dutch stemmer, hyphenated compounds).
//! 4. [`LetterIndex::search`] parses a query in kamerzoek's [`query`] language (phrases,
//!    fields, boolean logic, date ranges) and returns ranked [`search::Hit`]s with
//!    highlighted snippets, per letter or per section.
//!
//! ```
//! use kamerzoek::{letter, LetterIndex, SearchOptions};
//!
//! # fn main() -> kamerzoek::Result<()> {
//! let index = LetterIndex::create_in_ram()?;
//! let mut writer = index.writer()?;
//! let text = "Den Haag, 14 december 2015\n\nBij Defensie heeft de uitvoering van het \
//!             re-integratiebeleid al geruime tijd speciale aandacht.\n";
//! writer.add(&letter::parse_text("brief-1", text))?;
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

pub mod analysis;
mod backlog;
pub mod citations;
pub mod documents;
mod error;
pub mod eval;
mod fold;
pub mod formats;
pub mod index;
pub mod ingest;
pub mod letter;
pub mod lexicon;
pub mod outline;
pub mod query;
pub mod record;
pub mod schema;
pub mod search;
mod stored;

pub use error::{Error, Result};
pub use index::{LetterIndex, LetterWriter};
pub use search::{Found, Hit, Matching, Scope, SearchOptions, Sort};
