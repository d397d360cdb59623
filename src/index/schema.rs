//! The index schema, declared in `index_schema/schema.toml` and compiled into the binary.
//!
//! The declaration is the single source of truth for field names, types, analyzers and
//! storage; [`Fields`] gives the code typed handles to the fields it relies on, and fails
//! loudly (at index creation, in tests) if the declaration and the code drift apart.

use serde::Deserialize;
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};

use crate::{analyse, Error, Result};

/// The declaration, as shipped.
const DECLARATION: &str = include_str!("../../index_schema/schema.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Declaration {
    version: u32,
    field: Vec<FieldDecl>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDecl {
    name: String,
    #[serde(rename = "type")]
    kind: FieldKind,
    analyzer: Option<String>,
    #[serde(default)]
    indexed: bool,
    #[serde(default)]
    stored: bool,
    #[serde(default)]
    fast: bool,
    /// Text fields: index word positions (needed by phrase queries).
    #[serde(default = "yes")]
    positions: bool,
    /// Text fields: the indexer analyses the text with `analyzer` itself and hands
    /// tantivy the terms, encoded, for the decoder [`analyse::DECODED`] to read back.
    #[serde(default)]
    pre_analysed: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum FieldKind {
    Keyword,
    Text,
    Date,
    U64,
    Bool,
    Bytes,
    Stored,
}

/// The schema version this build writes and reads.
pub fn version() -> u32 {
    declaration().map(|d| d.version).unwrap_or(0)
}

fn declaration() -> Result<Declaration> {
    toml::from_str(DECLARATION).map_err(|e| Error::Schema(e.to_string()))
}

/// Builds the tantivy schema from the declaration.
pub fn build() -> Result<Schema> {
    let decl = declaration()?;
    let mut builder = Schema::builder();
    for f in &decl.field {
        match f.kind {
            FieldKind::Text => {
                let analyzer = f.analyzer.as_deref().ok_or_else(|| Error::Schema(format!("text field {:?} names no analyzer", f.name)))?;
                let record = if f.positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
                if f.pre_analysed && f.stored {
                    return Err(Error::Schema(format!("text field {:?} is pre-analysed and stored: it would store the encoded terms", f.name)));
                }
                let tokenizer = if f.pre_analysed { analyse::DECODED } else { analyzer };
                let indexing = TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record);
                let mut opts = TextOptions::default().set_indexing_options(indexing);
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast("raw");
                }
                builder.add_text_field(&f.name, opts);
            }
            FieldKind::Keyword => {
                let mut opts = TextOptions::default();
                if f.indexed {
                    opts = opts.set_indexing_options(
                        // A keyword is matched, never ranked: no length norms.
                        TextFieldIndexing::default().set_tokenizer("raw").set_index_option(IndexRecordOption::Basic).set_fieldnorms(false),
                    );
                }
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast("raw");
                }
                builder.add_text_field(&f.name, opts);
            }
            FieldKind::Date => {
                let mut opts = DateOptions::default().set_precision(DateTimePrecision::Seconds);
                if f.indexed {
                    opts = opts.set_indexed();
                }
                if f.stored {
                    opts = opts.set_stored();
                }
                if f.fast {
                    opts = opts.set_fast();
                }
                builder.add_date_field(&f.name, opts);
            }
            FieldKind::U64 | FieldKind::Bool => {
                let mut opts = NumericOptions::default();
                if f.indexed {
                    opts = opts | INDEXED;
                }
                if f.stored {
                    opts = opts | STORED;
                }
                if f.fast {
                    opts = opts | FAST;
                }
                if f.kind == FieldKind::U64 {
                    builder.add_u64_field(&f.name, opts);
                } else {
                    builder.add_bool_field(&f.name, opts);
                }
            }
            FieldKind::Bytes => {
                let mut opts = BytesOptions::default();
                if f.fast {
                    opts = opts.set_fast();
                }
                if f.stored {
                    opts = opts.set_stored();
                }
                builder.add_bytes_field(&f.name, opts);
            }
            FieldKind::Stored => {
                builder.add_text_field(&f.name, STORED);
            }
        }
    }
    Ok(builder.build())
}

/// Typed handles to the fields the code uses.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub letter: Field,
    pub title: Field,
    pub display_title: Field,
    pub subject: Field,
    pub section: Field,
    pub text: Field,
    pub text_truncated: Field,
    pub outline: Field,
    pub sections: Field,
    pub citation_title: Field,
    pub citation_text: Field,
    pub sender: Field,
    pub signer: Field,
    pub letter_sender: Field,
    pub letter_signer: Field,
    pub number: Field,
    pub kamerstuk: Field,
    pub cites: Field,
    pub commitments: Field,
    pub answers: Field,
    pub facet_sender: Field,
    pub doc_type: Field,
    pub cited_types: Field,
    pub cited: Field,
    pub own_keys: Field,
    pub date: Field,
    pub date_inferred: Field,
    pub start: Field,
    pub end: Field,
    pub source: Field,
    pub hash: Field,
    pub body: Field,
    pub pieces: Field,
    pub record: Field,
}

impl Fields {
    /// Looks up every field the code relies on.
    pub fn new(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| schema.get_field(name).map_err(|_| Error::Schema(format!("it has no field {name:?}, which this build needs")));
        Ok(Fields {
            kind: get("kind")?,
            id: get("id")?,
            letter: get("letter")?,
            title: get("title")?,
            display_title: get("display_title")?,
            subject: get("subject")?,
            section: get("section")?,
            text: get("text")?,
            text_truncated: get("text_truncated")?,
            outline: get("outline")?,
            sections: get("sections")?,
            citation_title: get("citation_title")?,
            citation_text: get("citation_text")?,
            sender: get("sender")?,
            signer: get("signer")?,
            letter_sender: get("letter_sender")?,
            letter_signer: get("letter_signer")?,
            number: get("number")?,
            kamerstuk: get("kamerstuk")?,
            cites: get("cites")?,
            commitments: get("commitments")?,
            answers: get("answers")?,
            facet_sender: get("facet_sender")?,
            doc_type: get("doc_type")?,
            cited_types: get("cited_types")?,
            cited: get("cited")?,
            own_keys: get("own_keys")?,
            date: get("date")?,
            date_inferred: get("date_inferred")?,
            start: get("start")?,
            end: get("end")?,
            source: get("source")?,
            hash: get("hash")?,
            body: get("body")?,
            pieces: get("pieces")?,
            record: get("record")?,
        })
    }

    /// The word fields of letter documents, which no other kind carries (the fields a
    /// word in no field is searched in, for letters).
    pub fn letter_words(&self) -> [Field; 6] {
        [self.title, self.subject, self.section, self.text, self.sender, self.signer]
    }
}

/// The kinds of documents in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A whole letter.
    Letter,
    /// One citation of another paper in a letter.
    Citation,
}

impl Kind {
    /// The value of the `kind` field for documents of this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Letter => kind::LETTER,
            Kind::Citation => kind::CITATION,
        }
    }
}

/// The values of the `kind` field.
pub mod kind {
    /// A whole letter.
    pub const LETTER: &str = "letter";
    /// One citation of another paper in a letter.
    pub const CITATION: &str = "citation";
    /// A piece of a long letter's text, after the letter's document (never searched).
    pub const PIECE: &str = "piece";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_builds_and_has_every_field_the_code_needs() {
        let schema = build().unwrap();
        Fields::new(&schema).unwrap();
        assert!(version() >= 1);
    }
}
