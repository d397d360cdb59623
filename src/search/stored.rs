//! Stored letters read in place. A hit's snippet needs its letter's body, which for a
//! regulation can be megabytes; reading it as a `TantivyDocument` copies every stored
//! value twice (into a `String`, then into the document's buffer, zeroed first), which
//! took half of a search with snippets whose hits were large. Here the text values are
//! borrowed from the decompressed store block instead.

use std::ops::Range;

use tantivy::directory::OwnedBytes;
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::Result;

/// Decompressed blocks each segment's store keeps, as tantivy's reader does by default.
const CACHED_BLOCKS: usize = 100;

/// The store readers of `searcher`'s segments, with block caches of their own: kept
/// per searcher generation (see `LetterIndex::stores`), shared by the queries and
/// threads that use it, so that their caches last.
pub(crate) fn open(searcher: &Searcher) -> Result<Vec<StoreReader>> {
    searcher
        .segment_readers()
        .iter()
        .map(|r| r.get_store_reader(CACHED_BLOCKS))
        .collect::<std::io::Result<Vec<_>>>()
        .map_err(|source| crate::Error::Io { context: "cannot open the stored documents of the index".into(), source })
}

/// One stored document: its text values in place in the store block, or, when its
/// bytes are not laid out as expected, the document tantivy reads.
pub(crate) enum StoredDoc {
    InPlace { bytes: OwnedBytes, texts: Vec<(Field, Range<usize>)> },
    Read(TantivyDocument),
}

impl StoredDoc {
    /// Reads document `addr` from `stores` (the readers of `searcher`'s segments).
    pub(crate) fn read(stores: &[StoreReader], searcher: &Searcher, addr: DocAddress) -> Result<StoredDoc> {
        if let Some(store) = stores.get(addr.segment_ord as usize) {
            let bytes = store.get_document_bytes(addr.doc_id)?;
            if let Some(texts) = text_ranges(bytes.as_slice()) {
                return Ok(StoredDoc::InPlace { bytes, texts });
            }
        }
        Ok(StoredDoc::Read(searcher.doc(addr)?))
    }

    /// The first text value of `field`.
    pub(crate) fn text(&self, field: Field) -> Option<&str> {
        std::str::from_utf8(self.value(field)?).ok()
    }

    /// Bytes `within` of the first text value of `field`, when they are text of their
    /// own; only they are checked as UTF-8, not the whole value.
    pub(crate) fn text_in(&self, field: Field, within: Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.value(field)?.get(within)?).ok()
    }

    /// The bytes of the first text value of `field`.
    fn value(&self, field: Field) -> Option<&[u8]> {
        match self {
            StoredDoc::InPlace { bytes, texts } => bytes.as_slice().get(texts.iter().find(|(f, _)| *f == field)?.1.clone()),
            StoredDoc::Read(doc) => Some(doc.get_first(field)?.as_str()?.as_bytes()),
        }
    }
}

/// Where each text value of a stored document lies, if its values are laid out as read
/// here: tantivy writes the number of values (a VInt), then for each value its field
/// (u32, little-endian), a type code, and the value: text as its length (a VInt) and its
/// bytes, numbers and dates as 8 bytes. `None` for any other value (kamerzoek stores
/// none), which the caller reads through tantivy instead.
fn text_ranges(bytes: &[u8]) -> Option<Vec<(Field, Range<usize>)>> {
    const TEXT: u8 = 0;
    // u64, i64, date, f64.
    const EIGHT_BYTES: [u8; 4] = [1, 2, 5, 6];
    let mut at = 0;
    let count = vint(bytes, &mut at)?;
    let mut texts = Vec::with_capacity(usize::try_from(count).ok()?.min(64));
    for _ in 0..count {
        let field = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        let code = *bytes.get(at + 4)?;
        at += 5;
        let len = match code {
            TEXT => usize::try_from(vint(bytes, &mut at)?).ok()?,
            c if EIGHT_BYTES.contains(&c) => 8,
            _ => return None,
        };
        let end = at.checked_add(len).filter(|&end| end <= bytes.len())?;
        if code == TEXT {
            texts.push((Field::from_field_id(field), at..end));
        }
        at = end;
    }
    // Every byte accounted for, or the layout is not the one read here.
    (at == bytes.len()).then_some(texts)
}

/// tantivy's variable-length integer: seven bits a byte, lowest first, the last byte
/// marked by its high bit.
fn vint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LetterIndex;

    #[test]
    fn every_stored_value_of_the_bundled_letters_is_read_in_place_as_tantivy_reads_it() {
        let index = LetterIndex::of_bundled_letters();
        let searcher = index.reader.searcher();
        let stores = index.stores(&searcher).expect("stores");
        let schema = index.index.schema();
        let mut bodies = 0;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..reader.max_doc() {
                let addr = DocAddress::new(ord as u32, doc_id);
                let stored = StoredDoc::read(&stores, &searcher, addr).expect("read");
                assert!(matches!(stored, StoredDoc::InPlace { .. }), "{addr:?} fell back to tantivy's reader");
                let doc: TantivyDocument = searcher.doc(addr).expect("doc");
                for (field, _) in schema.fields().filter(|(_, entry)| entry.is_stored()) {
                    assert_eq!(stored.text(field), doc.get_first(field).and_then(|v| v.as_str()), "{addr:?} {}", schema.get_field_name(field));
                }
                let body = stored.text(index.fields.body);
                bodies += usize::from(body.is_some_and(|b| b.len() > 1000));
                // Every section's own text, and ranges that are not text of their own.
                let outline = super::super::outline_of(&searcher, addr).expect("outline");
                let len = body.map_or(0, str::len);
                let ranges = outline.0.iter().map(|s| s.bytes.start as usize..s.bytes.end as usize).chain([0..len, 1..len, len..len + 1]);
                for range in ranges {
                    assert_eq!(stored.text_in(index.fields.body, range.clone()), body.and_then(|b| b.get(range.clone())), "{addr:?} {range:?}");
                }
            }
        }
        assert!(bodies >= 5, "the bundled letters' bodies: {bodies}");
    }

    #[test]
    fn reads_the_values_tantivy_writes_and_refuses_other_layouts() {
        // Two text values: field 3 "ab", field 300 of 200 bytes (a two-byte length).
        let long = "x".repeat(200);
        let mut bytes = vec![0x82];
        bytes.extend(3u32.to_le_bytes());
        bytes.extend([0, 0x82]);
        bytes.extend(b"ab");
        bytes.extend(300u32.to_le_bytes());
        bytes.extend([0, 200 & 0x7f, 0x80 | (200 >> 7)]);
        bytes.extend(long.as_bytes());
        let texts = text_ranges(&bytes).expect("laid out as tantivy does");
        assert_eq!(texts.len(), 2);
        assert_eq!((texts[0].0.field_id(), &bytes[texts[0].1.clone()]), (3, &b"ab"[..]));
        assert_eq!((texts[1].0.field_id(), &bytes[texts[1].1.clone()]), (300, long.as_bytes()));
        // A date between them is skipped.
        let mut dated = bytes.clone();
        dated[0] = 0x83;
        let at = 1 + 4 + 1 + 1 + 2;
        dated.splice(at..at, 7u32.to_le_bytes().into_iter().chain([5]).chain(42i64.to_le_bytes()));
        let dated = text_ranges(&dated).expect("a date skipped");
        assert_eq!(dated.iter().map(|(f, r)| (f.field_id(), r.len())).collect::<Vec<_>>(), [(3, 2), (300, 200)]);
        // A value of a type not read here, a cut-off value, trailing bytes: refused.
        let mut other = bytes.clone();
        other[5] = 4;
        assert!(text_ranges(&other).is_none());
        assert!(text_ranges(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(text_ranges(&longer).is_none());
    }
}
