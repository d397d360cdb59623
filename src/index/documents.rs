//! The tantivy documents of one letter: a letter document (with its sections as ranges
//! of its text, [`Outline`]), one per further [`PIECE_BYTES`] of its text, and one per
//! citation, with their text already analysed.
//!
//! Making them is most of the work of indexing and needs nothing of the index, so
//! [`DocumentMaker`]s run on as many threads as there are cores while the index writer
//! only files postings. A letter's text is analysed once ([`TextVariants`]) into the
//! three forms its fields index, encoded for tantivy to read back without analysing
//! again; a citing sentence's text is the letter's tokens in its byte range. Its
//! title, subject, sender, signer and headings are analysed here too, the metadata
//! once for the letter and all of its citations.

use tantivy::TantivyDocument;

use crate::analyse::TextVariants;
use crate::cite;
use crate::index::outline::{first_line, Outline, SectionSpan};
use crate::index::record::{self, LetterRecord};
use crate::index::schema::{kind, Fields, Kind};
use crate::parse::Letter;

/// The size of a piece of a letter's stored text. A snippet reads the pieces its
/// section spans; the store compresses blocks of 128 KiB, so a piece must be smaller for
/// a read to decompress one block, not a whole regulation (megabytes, once one block).
pub(crate) const PIECE_BYTES: usize = 32 * 1024;

/// A letter's documents, ready for the writer, who must add them together (one batch)
/// so that the pieces follow the letter document in one segment.
pub struct LetterDocuments {
    /// The letter's id.
    pub id: String,
    /// Its letter document, its pieces' in order, then its citations'.
    pub docs: Vec<TantivyDocument>,
}

/// Makes the documents of letters; keep one per thread (its analysis caches grow).
pub struct DocumentMaker {
    fields: Fields,
    variants: TextVariants,
}

impl DocumentMaker {
    /// A maker for an index with these fields.
    pub fn new(fields: Fields) -> DocumentMaker {
        DocumentMaker { fields, variants: TextVariants::default() }
    }

    /// The documents of `letter`.
    pub fn make(&mut self, letter: &Letter, provenance: &Provenance) -> LetterDocuments {
        let source = provenance.source.as_ref().map(|p| p.display().to_string());
        // Citing is a step of its own, after parsing.
        let cited = cite::extract(&letter.body);
        let mut record = LetterRecord::new(letter, cited, source.clone());
        // Sections are in the `outline` column: the stored record leaves them out and
        // gets them back when read.
        record.sections.clear();
        let f = self.fields;
        // `text`, `text_truncated` and `citation_text` are declared `pre_analysed`: their
        // values are encoded terms.
        let analysed = self.variants.analyze(&letter.body);
        let metadata = self.metadata(letter);
        let mut docs = Vec::with_capacity(1 + letter.body.len() / PIECE_BYTES + record.citations.len());

        let mut doc = self.shared_fields(letter, &metadata, Kind::Letter);
        doc.add_text(f.id, &letter.id);
        for section in &letter.sections {
            if let Some(h) = &section.heading {
                doc.add_text(f.section, self.variants.stemmed(h));
            }
        }
        // Cut anywhere, even inside a character: a range of the body is read from its
        // pieces' bytes, and only the range is checked as UTF-8.
        let mut pieces = letter.body.as_bytes().chunks(PIECE_BYTES);
        doc.add_bytes(f.body, pieces.next().unwrap_or_default());
        let piece_docs: Vec<TantivyDocument> = pieces
            .map(|piece| {
                let mut pdoc = TantivyDocument::default();
                pdoc.add_text(f.kind, kind::PIECE);
                pdoc.add_text(f.letter, &letter.id);
                pdoc.add_bytes(f.body, piece);
                pdoc
            })
            .collect();
        doc.add_u64(f.pieces, piece_docs.len() as u64);
        for c in &record.citations {
            doc.add_text(f.cites, &c.citation.key);
            if matches!(c.citation.kind, cite::CitationKind::Toezegging | cite::CitationKind::Motie) {
                doc.add_text(f.commitments, &c.citation.key);
            }
            if c.citation.answers {
                doc.add_text(f.answers, &c.citation.key);
            }
        }
        if let Some(sender) = &letter.meta.sender {
            doc.add_text(f.facet_sender, record::collapse_whitespace(sender));
        }
        doc.add_text(f.doc_type, record::document_type(letter));
        let mut kinds: Vec<&str> = record.citations.iter().map(|c| c.citation.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for k in kinds {
            doc.add_text(f.cited_types, k);
        }
        doc.add_text(f.record, serde_json::to_string(&record).expect("record serialises"));
        for key in record::own_keys(&letter.id, letter.meta.kamerstuk.as_deref(), &letter.title) {
            doc.add_text(f.own_keys, key);
        }
        doc.add_text(f.source, source.as_deref().unwrap_or(""));
        doc.add_text(f.hash, provenance.hash.as_deref().unwrap_or(""));

        let outline = Outline(
            letter
                .sections
                .iter()
                .map(|section| {
                    let positions = analysed.positions(section.start, section.end);
                    // The heading is the section's first line (as `SectionSpan::heading` reads it).
                    let heading_end = match &section.heading {
                        Some(_) => {
                            let text = letter.body.get(section.start..section.end).unwrap_or("");
                            analysed.positions(section.start, section.start + first_line(text).len()).end.max(positions.start)
                        }
                        None => positions.start,
                    };
                    SectionSpan { bytes: section.start as u32..section.end as u32, positions, heading_end, has_heading: section.heading.is_some() }
                })
                .collect(),
        );
        doc.add_bytes(f.outline, &outline.encode());
        doc.add_u64(f.sections, letter.sections.len() as u64);

        let mut citation_docs = Vec::with_capacity(record.citations.len());
        for (ordinal, c) in record.citations.iter().enumerate() {
            let mut cdoc = self.shared_fields(letter, &metadata, Kind::Citation);
            cdoc.add_text(f.id, format!("{}@{}", letter.id, ordinal));
            cdoc.add_text(f.cited, &c.citation.key);
            if let Some(title) = &c.citation.title {
                cdoc.add_text(f.citation_title, title);
            }
            let (start, end) = cite::sentence_span(&letter.body, c.citation.start, c.citation.end);
            cdoc.add_text(f.citation_text, analysed.slice(start, end));
            cdoc.add_u64(f.start, c.citation.start as u64);
            cdoc.add_u64(f.end, c.citation.end as u64);
            citation_docs.push(cdoc);
        }
        // Last, as the letter's own values move into its document.
        doc.add_text(f.text, analysed.text);
        doc.add_text(f.text_truncated, analysed.truncated);
        docs.push(doc);
        docs.extend(piece_docs);
        docs.extend(citation_docs);
        LetterDocuments { id: letter.id.clone(), docs }
    }

    /// The letter's title (when it states one), subject, sender and signer, analysed
    /// once for all of its documents.
    fn metadata(&mut self, letter: &Letter) -> [Option<String>; 4] {
        let title = (!letter.title_derived).then_some(letter.title.as_str());
        [title, letter.meta.subject.as_deref(), letter.meta.sender.as_deref(), letter.meta.signer.as_deref()].map(|v| v.map(|v| self.variants.stemmed(v)))
    }

    /// The fields every document of a letter carries, so field and date queries work
    /// in any scope: letter documents hold the letter's metadata in the fields a letter
    /// is ranked on, the others in `letter_*` fields, so no letter query meets them.
    /// `metadata` is the letter's, analysed ([`Self::metadata`]).
    fn shared_fields(&self, letter: &Letter, metadata: &[Option<String>; 4], kind: Kind) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, kind.as_str());
        doc.add_text(f.letter, &letter.id);
        doc.add_text(f.display_title, &letter.title);
        // A citation's own title is the one its letter gives the cited paper.
        let fields = match kind {
            Kind::Letter => [Some(f.title), Some(f.subject), Some(f.sender), Some(f.signer)],
            Kind::Citation => [None, None, Some(f.letter_sender), Some(f.letter_signer)],
        };
        for (field, value) in fields.into_iter().zip(metadata) {
            if let (Some(field), Some(v)) = (field, value) {
                doc.add_text(field, v);
            }
        }
        for (field, value) in [(f.number, &letter.meta.number), (f.kamerstuk, &letter.meta.kamerstuk)] {
            if let Some(v) = value {
                doc.add_text(field, v);
            }
        }
        if let Some(date) = letter.meta.date {
            doc.add_date(f.date, date_time(date));
        }
        doc.add_bool(f.date_inferred, letter.meta.date_inferred);
        doc
    }
}

/// Where a letter came from: recorded so re-runs can skip unchanged letters and remove
/// those whose files are gone.
#[derive(Debug, Clone, Default)]
pub(crate) struct Provenance {
    /// The file.
    pub source: Option<std::path::PathBuf>,
    /// A hash of the letter's content.
    pub hash: Option<String>,
}

/// A calendar date as the index stores it: midnight UTC.
pub(crate) fn date_time(date: time::Date) -> tantivy::DateTime {
    tantivy::DateTime::from_utc(date.midnight().assume_utc())
}
