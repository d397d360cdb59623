//! Stored letters read in place. A hit's snippet needs its letter's body, which for a
//! regulation can be megabytes; reading it as a `TantivyDocument` copies every stored
//! value twice (into a `String`, then into the document's buffer, zeroed first), which
//! took half of a search with snippets whose hits were large. Here the values are
//! borrowed from the decompressed store block instead, and a range of a body is read
//! from the pieces it spans (see [`PIECE_BYTES`]), not from the whole body.

use std::borrow::Cow;
use std::ops::Range;

use tantivy::directory::OwnedBytes;
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::index::documents::PIECE_BYTES;
use crate::index::schema::Fields;
use crate::{Error, Result};

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
        .map_err(|source| Error::Io { context: "cannot open the stored documents of the index".into(), source })
}

/// tantivy's codes for the types of stored values read here.
mod code {
    pub const TEXT: u8 = 0;
    pub const U64: u8 = 1;
    pub const BYTES: u8 = 4;
    /// Eight bytes each: i64, date, f64.
    pub const OTHER_EIGHT_BYTES: [u8; 3] = [2, 5, 6];
}

/// One stored document: its values in place in the store block, or, when its bytes
/// are not laid out as expected, the document tantivy reads.
pub(crate) enum StoredDoc {
    InPlace { bytes: OwnedBytes, values: Vec<(Field, u8, Range<usize>)> },
    Read(TantivyDocument),
}

impl StoredDoc {
    /// Reads document `addr` from `stores` (the readers of `searcher`'s segments).
    pub(crate) fn read(stores: &[StoreReader], searcher: &Searcher, addr: DocAddress) -> Result<StoredDoc> {
        if let Some(store) = stores.get(addr.segment_ord as usize) {
            let bytes = store.get_document_bytes(addr.doc_id)?;
            if let Some(values) = value_ranges(bytes.as_slice()) {
                return Ok(StoredDoc::InPlace { bytes, values });
            }
        }
        Ok(StoredDoc::Read(searcher.doc(addr)?))
    }

    /// The first text value of `field`.
    pub(crate) fn text(&self, field: Field) -> Option<&str> {
        match self {
            StoredDoc::InPlace { .. } => std::str::from_utf8(self.in_place(field, code::TEXT)?).ok(),
            StoredDoc::Read(doc) => doc.get_first(field)?.as_str(),
        }
    }

    /// The first bytes value of `field`.
    pub(crate) fn bytes(&self, field: Field) -> Option<&[u8]> {
        match self {
            StoredDoc::InPlace { .. } => self.in_place(field, code::BYTES),
            StoredDoc::Read(doc) => doc.get_first(field)?.as_bytes(),
        }
    }

    /// The first u64 value of `field`.
    pub(crate) fn number(&self, field: Field) -> Option<u64> {
        match self {
            StoredDoc::InPlace { .. } => Some(u64::from_le_bytes(self.in_place(field, code::U64)?.try_into().ok()?)),
            StoredDoc::Read(doc) => doc.get_first(field)?.as_u64(),
        }
    }

    fn in_place(&self, field: Field, wanted: u8) -> Option<&[u8]> {
        let StoredDoc::InPlace { bytes, values } = self else { return None };
        let (_, _, range) = values.iter().find(|(f, c, _)| *f == field && *c == wanted)?;
        bytes.as_slice().get(range.clone())
    }
}

/// A letter's stored body: its first piece on the letter document, the others on the
/// piece documents right after it in its segment (the writer adds a letter's documents
/// in one batch, and merges keep their order).
pub(crate) struct Body<'a> {
    stores: &'a [StoreReader],
    searcher: &'a Searcher,
    fields: &'a Fields,
    /// The letter document and where it is.
    letter: StoredDoc,
    addr: DocAddress,
}

impl<'a> Body<'a> {
    /// Reads letter document `addr` from `stores` (the readers of `searcher`'s
    /// segments), whose body this is.
    pub(crate) fn read(stores: &'a [StoreReader], searcher: &'a Searcher, fields: &'a Fields, addr: DocAddress) -> Result<Self> {
        Ok(Body { stores, searcher, fields, letter: StoredDoc::read(stores, searcher, addr)?, addr })
    }

    /// The letter document.
    pub(crate) fn letter(&self) -> &StoredDoc {
        &self.letter
    }

    /// Bytes `within` of the body, when they lie in it and are text of their own; only
    /// the pieces they span are read, and only they are checked as UTF-8.
    pub(crate) fn range(&self, within: Range<usize>) -> Result<Option<Cow<'_, str>>> {
        let first = self.first();
        if within.end <= first.len() {
            return Ok(first.get(within).and_then(|b| std::str::from_utf8(b).ok()).map(Cow::Borrowed));
        }
        if within.start > within.end || within.end.div_ceil(PIECE_BYTES) > self.pieces() + 1 {
            return Ok(None);
        }
        let mut bytes = Vec::with_capacity(within.len());
        for k in within.start / PIECE_BYTES..within.end.div_ceil(PIECE_BYTES) {
            let base = k * PIECE_BYTES;
            self.with_piece(k, |piece| {
                let end = within.end.min(base + piece.len());
                bytes.extend_from_slice(piece.get(within.start.max(base) - base..end.saturating_sub(base)).unwrap_or_default());
            })?;
        }
        // Short when the range runs past the body's end.
        Ok((bytes.len() == within.len()).then(|| String::from_utf8(bytes).ok()).flatten().map(Cow::Owned))
    }

    /// The text around bytes `within`: up to `margin` bytes either side, cut to whole
    /// characters, with where it starts in the body and whether it runs to the body's
    /// end. Only the pieces it spans are read. `None` when `within` lies outside the body.
    pub(crate) fn around(&self, within: Range<usize>, margin: usize) -> Result<Option<Around>> {
        if within.start > within.end {
            return Ok(None);
        }
        let (from, to) = (within.start.saturating_sub(margin), within.end.saturating_add(margin));
        let last = to.div_ceil(PIECE_BYTES).min(self.pieces() + 1);
        let mut bytes = Vec::with_capacity((to - from).min((self.pieces() + 1) * PIECE_BYTES));
        let mut to_end = false;
        for k in from / PIECE_BYTES..last {
            let base = k * PIECE_BYTES;
            self.with_piece(k, |piece| {
                bytes.extend_from_slice(piece.get(from.max(base) - base..to.min(base + piece.len()).saturating_sub(base)).unwrap_or_default());
                to_end = k == self.pieces() && to >= base + piece.len();
            })?;
        }
        // A cut inside a character: drop its bytes at either end.
        let lead = bytes.iter().take_while(|&&b| b & 0xC0 == 0x80).count().min(3);
        let text = match std::str::from_utf8(&bytes[lead..]) {
            Ok(_) => String::from_utf8(bytes.split_off(lead)).ok(),
            Err(e) if e.error_len().is_none() => {
                bytes.truncate(lead + e.valid_up_to());
                String::from_utf8(bytes.split_off(lead)).ok()
            }
            Err(_) => None,
        };
        let start = from + lead;
        Ok(text.filter(|t| start <= within.start && within.end <= start + t.len()).map(|text| Around { start, text, to_end }))
    }

    /// The sentence around bytes `start..end`, whitespace collapsed, as
    /// [`crate::index::record::sentence_at`] finds it in the whole body: looked for in the
    /// text around the range (a regulation is megabytes), and in the whole body only
    /// when it does not end well inside that, since a boundary is decided by the word
    /// and the line before it and the text after.
    pub(crate) fn sentence_at(&self, start: usize, end: usize) -> Result<String> {
        if let Some(around) = self.around(start..end, SENTENCE_WINDOW)? {
            let (s, e) = crate::cite::sentence_span(&around.text, start - around.start, end - around.start);
            let (before, after) = (around.text[..s].trim(), around.text[e..].trim());
            if (around.start == 0 || before.len() >= SENTENCE_CONTEXT) && (around.to_end || after.len() >= SENTENCE_CONTEXT) {
                return Ok(crate::index::record::collapse_whitespace(&around.text[s..e]));
            }
        }
        Ok(crate::index::record::sentence_at(&self.whole()?, start, end))
    }

    /// The whole body.
    pub(crate) fn whole(&self) -> Result<Cow<'_, str>> {
        let pieces = self.pieces();
        if pieces == 0 {
            return std::str::from_utf8(self.first()).map(Cow::Borrowed).map_err(|_| self.damaged());
        }
        let mut bytes = Vec::with_capacity((pieces + 1) * PIECE_BYTES);
        for k in 0..=pieces {
            self.with_piece(k, |piece| bytes.extend_from_slice(piece))?;
        }
        String::from_utf8(bytes).map(Cow::Owned).map_err(|_| self.damaged())
    }

    /// The first piece, on the letter document.
    fn first(&self) -> &[u8] {
        self.letter.bytes(self.fields.body).unwrap_or_default()
    }

    /// The number of piece documents after the letter document.
    fn pieces(&self) -> usize {
        self.letter.number(self.fields.pieces).map_or(0, |n| n as usize)
    }

    /// Runs `read` on the bytes of piece `k` (0 is on the letter document), which must
    /// be a piece of this letter.
    fn with_piece<R>(&self, k: usize, read: impl FnOnce(&[u8]) -> R) -> Result<R> {
        if k == 0 {
            return Ok(read(self.first()));
        }
        let doc_id = u32::try_from(k).ok().and_then(|k| self.addr.doc_id.checked_add(k));
        let segment = self.searcher.segment_reader(self.addr.segment_ord);
        let Some(doc_id) = doc_id.filter(|&d| d < segment.max_doc() && k <= self.pieces()) else { return Err(self.damaged()) };
        let piece = StoredDoc::read(self.stores, self.searcher, DocAddress::new(self.addr.segment_ord, doc_id))?;
        let id = self.letter.text(self.fields.letter);
        match piece.bytes(self.fields.body) {
            Some(bytes) if id.is_some() && piece.text(self.fields.letter) == id => Ok(read(bytes)),
            _ => Err(self.damaged()),
        }
    }

    fn damaged(&self) -> Error {
        let id = self.letter.text(self.fields.letter).unwrap_or("?");
        Error::Io {
            context: format!("the stored text of letter {id} is damaged; re-index it"),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "a piece of the text is missing or not the letter's"),
        }
    }
}

/// The bytes read either side of a citation to find its sentence in, and how much text
/// must lie between the sentence and either end of them ([`Body::sentence_at`]).
const SENTENCE_WINDOW: usize = 4096;
const SENTENCE_CONTEXT: usize = 256;

/// A stretch of a letter's body ([`Body::around`]).
pub(crate) struct Around {
    /// Where it starts in the body.
    pub start: usize,
    /// Its text.
    pub text: String,
    /// Whether it runs to the end of the body.
    pub to_end: bool,
}

/// Where each value of a stored document lies, with its type code, if its values are
/// laid out as read here: tantivy writes the number of values (a VInt), then for each
/// value its field (u32, little-endian), a type code, and the value: text and bytes as
/// their length (a VInt) and their bytes, numbers and dates as 8 bytes. `None` for any
/// other value (kamerzoek stores none), which the caller reads through tantivy instead.
fn value_ranges(bytes: &[u8]) -> Option<Vec<(Field, u8, Range<usize>)>> {
    let mut at = 0;
    let count = vint(bytes, &mut at)?;
    let mut values = Vec::with_capacity(usize::try_from(count).ok()?.min(64));
    for _ in 0..count {
        let field = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        let c = *bytes.get(at + 4)?;
        at += 5;
        let len = match c {
            code::TEXT | code::BYTES => usize::try_from(vint(bytes, &mut at)?).ok()?,
            c if c == code::U64 || code::OTHER_EIGHT_BYTES.contains(&c) => 8,
            _ => return None,
        };
        let end = at.checked_add(len).filter(|&end| end <= bytes.len())?;
        values.push((Field::from_field_id(field), c, at..end));
        at = end;
    }
    // Every byte accounted for, or the layout is not the one read here.
    (at == bytes.len()).then_some(values)
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
pub(crate) mod tests {
    use super::*;
    use crate::index::schema::kind;
    use crate::parse::{parse_text, Letter};
    use crate::LetterIndex;

    /// The stored body of letter `id`, read as [`Body`] reads it, with `check` run on it.
    fn with_body<R>(index: &LetterIndex, id: &str, check: impl FnOnce(&Body) -> R) -> R {
        let searcher = index.reader.searcher();
        let stores = index.stores(&searcher).expect("stores");
        let addr = crate::search::letter_doc(&searcher, &index.fields, id).expect("search").expect("the letter");
        check(&Body::read(&stores, &searcher, &index.fields, addr).expect("read"))
    }

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
                    let name = schema.get_field_name(field);
                    let tantivy = doc.get_first(field);
                    assert_eq!(stored.text(field), tantivy.and_then(|v| v.as_str()), "{addr:?} {name}");
                    assert_eq!(stored.bytes(field), tantivy.and_then(|v| v.as_bytes()), "{addr:?} {name}");
                    assert_eq!(stored.number(field), tantivy.and_then(|v| v.as_u64()), "{addr:?} {name}");
                }
                let Some(body) = stored.bytes(index.fields.body).filter(|_| stored.text(index.fields.id).is_some()) else { continue };
                let body = std::str::from_utf8(body).expect("a short letter's body is whole");
                bodies += usize::from(body.len() > 1000);
                // Every section's own text, and ranges that are not text of their own.
                let outline = crate::search::outline_of(&searcher, addr).expect("outline");
                let read = Body::read(&stores, &searcher, &index.fields, addr).expect("read");
                let len = body.len();
                let ranges = outline.0.iter().map(|s| s.bytes.start as usize..s.bytes.end as usize).chain([0..len, 1..len, len..len + 1]);
                for range in ranges {
                    assert_eq!(read.range(range.clone()).expect("read").as_deref(), body.get(range.clone()), "{addr:?} {range:?}");
                }
            }
        }
        assert!(bodies >= 5, "the bundled letters' bodies: {bodies}");
    }

    /// The bundled letters one after another, twice, as one letter of four pieces, led
    /// by spaces that put a two-byte character across the boundary of two pieces.
    pub(crate) fn long_letter() -> Letter {
        let parts: Vec<Letter> = crate::LetterIndex::bundled_letter_texts().iter().map(|(_, text)| parse_text("part", text)).collect();
        let mut long = Letter { id: "long".into(), ..parts[0].clone() };
        long.body.clear();
        long.sections.clear();
        for part in parts.iter().chain(&parts) {
            let at = long.body.len();
            long.body.push_str(&part.body);
            long.body.push_str("\n\n");
            long.sections.extend(part.sections.iter().map(|s| crate::parse::Section { start: s.start + at, end: s.end + at, ..s.clone() }));
        }
        let wide = long.body.char_indices().find(|&(i, c)| i >= PIECE_BYTES && c.len_utf8() > 1).expect("a character of two bytes").0;
        let pad = (PIECE_BYTES - 1 + PIECE_BYTES - wide % PIECE_BYTES) % PIECE_BYTES;
        long.body.insert_str(0, &" ".repeat(pad));
        for s in &mut long.sections {
            s.start = if s.start == 0 { 0 } else { s.start + pad };
            s.end += pad;
        }
        long.sections.last_mut().expect("sections").end = long.body.len();
        assert!(long.body.len() > 3 * PIECE_BYTES && long.body.len() < 4 * PIECE_BYTES, "{}", long.body.len());
        assert!(!long.body.is_char_boundary(wide + pad + 1) && (wide + pad + 1).is_multiple_of(PIECE_BYTES));
        long
    }

    /// Checks every section, the whole body, and every range around the pieces'
    /// boundaries of letter `letter` against its text.
    fn reads_back(index: &LetterIndex, letter: &Letter) {
        with_body(index, &letter.id, |read| {
            assert_eq!(read.whole().expect("whole"), letter.body.as_str());
            let ranges = letter.sections.iter().map(|s| s.start..s.end);
            let cuts = (1..=letter.body.len() / PIECE_BYTES).flat_map(|k| {
                let b = k * PIECE_BYTES;
                (b - 3..b + 3).flat_map(move |from| [from..b + 4, from - 100..from, from..from + 2 * PIECE_BYTES])
            });
            for range in ranges.chain(cuts).chain([0..letter.body.len(), letter.body.len() - 5..letter.body.len() + 1]) {
                assert_eq!(read.range(range.clone()).expect("read").as_deref(), letter.body.get(range.clone()), "{range:?}");
            }
            // The text around a range: whole characters of the body, at most `margin`
            // bytes either side, cut only inside a character (a two-byte one lies across
            // the first boundary of pieces) or at the body's ends.
            let len = letter.body.len();
            let cuts = (1..=len / PIECE_BYTES).flat_map(|k| (k * PIECE_BYTES - 3..k * PIECE_BYTES + 3).map(|at| at..at + 1));
            for range in cuts.chain([0..10, len - 10..len, len / 2..len / 2 + 3000]) {
                for margin in [0, 1, 2, 100, PIECE_BYTES, 10 * PIECE_BYTES] {
                    let Some(around) = read.around(range.clone(), margin).expect("read") else {
                        assert!(!letter.body.is_char_boundary(range.start) || !letter.body.is_char_boundary(range.end), "{range:?} {margin}");
                        continue;
                    };
                    let (start, end) = (around.start, around.start + around.text.len());
                    assert_eq!(letter.body.get(start..end), Some(around.text.as_str()), "{range:?} {margin}");
                    assert!(start <= range.start && range.end <= end, "{range:?} {margin}: {start}..{end}");
                    assert!(start + margin >= range.start && start < (range.start.saturating_sub(margin)) + 4, "{range:?} {margin}: {start}");
                    assert_eq!(around.to_end, range.end + margin >= len, "{range:?} {margin}");
                    assert!(if around.to_end { end == len } else { end <= range.end + margin && end + 4 > range.end + margin }, "{range:?} {margin}: {end}");
                }
            }
            // Past the end, backwards (a damaged citation's offsets), at the far end of usize.
            let backwards = Range { start: 20, end: 10 };
            for outside in [len + 1..len + 2, backwards, usize::MAX - 1..usize::MAX] {
                assert!(read.around(outside.clone(), 10).expect("read").is_none(), "{outside:?}");
            }
        });
    }

    /// The live piece documents of `index`.
    fn pieces(index: &LetterIndex) -> u64 {
        let searcher = index.reader.searcher();
        let query = tantivy::query::TermQuery::new(tantivy::Term::from_field_text(index.fields.kind, kind::PIECE), tantivy::schema::IndexRecordOption::Basic);
        searcher.search(&query, &tantivy::collector::Count).expect("count") as u64
    }

    #[test]
    fn a_long_letter_is_read_from_its_pieces_after_replacing_and_merging() {
        let long = long_letter();
        let index = LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        writer.without_background_merges();
        let short = parse_text(
            "short",
            &std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_7103214013612ba8.txt")).expect("letter"),
        );
        for (i, letter) in [&short, &long, &short, &long].into_iter().enumerate() {
            let letter = Letter { id: if i == 2 { "other".into() } else { letter.id.clone() }, ..letter.clone() };
            writer.add(&letter).expect("add");
            writer.commit().expect("commit");
        }
        index.reload().expect("reload");
        // The long letter was added twice: its first pieces went with its first
        // document, and with them the segment they were in.
        assert_eq!(index.reader.searcher().segment_readers().len(), 3);
        assert_eq!(pieces(&index), 3);
        reads_back(&index, &long);
        writer.finish_merging(Some(u64::MAX)).expect("merged");
        index.reload().expect("reload");
        assert_eq!(index.reader.searcher().segment_readers().len(), 1);
        assert_eq!(pieces(&index), 3);
        reads_back(&index, &long);
        with_body(&index, "other", |read| assert_eq!(read.whole().expect("whole"), short.body.as_str()));
        // A section in the last piece is found, named and shown from its own text.
        let last = long.sections.iter().rev().find(|s| s.heading.is_some() && s.start > 3 * PIECE_BYTES).expect("a section in the last piece");
        let heading = last.heading.clone().expect("heading");
        let options = crate::SearchOptions { scope: crate::Scope::Sections, limit: 50, ..Default::default() };
        let query = format!("\"{}\"", heading.replace('"', " "));
        let hits = index.search(&query, &options).expect("search");
        let hit = hits.iter().find(|h| h.letter == "long" && h.section.as_deref() == Some(heading.as_str())).unwrap_or_else(|| panic!("{query}: {hits:?}"));
        assert!(!hit.snippet.is_empty() && long.body[last.start..last.end].split_whitespace().any(|w| hit.snippet.contains(w)), "{hit:?}");
        // Deleting the letter deletes its pieces.
        let mut writer = index.writer().expect("writer");
        writer.delete("long");
        writer.finish().expect("commit");
        index.reload().expect("reload");
        assert_eq!(pieces(&index), 0);
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
        let values = value_ranges(&bytes).expect("laid out as tantivy does");
        assert_eq!(values.len(), 2);
        assert_eq!((values[0].0.field_id(), values[0].1, &bytes[values[0].2.clone()]), (3, code::TEXT, &b"ab"[..]));
        assert_eq!((values[1].0.field_id(), values[1].1, &bytes[values[1].2.clone()]), (300, code::TEXT, long.as_bytes()));
        // A date and a bytes value between them.
        let mut mixed = bytes.clone();
        mixed[0] = 0x84;
        let at = 1 + 4 + 1 + 1 + 2;
        mixed.splice(at..at, 7u32.to_le_bytes().into_iter().chain([5]).chain(42i64.to_le_bytes()).chain(8u32.to_le_bytes()).chain([4, 0x83, 1, 2, 3]));
        let mixed = value_ranges(&mixed).expect("a date and bytes");
        assert_eq!(mixed.iter().map(|(f, c, r)| (f.field_id(), *c, r.len())).collect::<Vec<_>>(), [(3, 0, 2), (7, 5, 8), (8, 4, 3), (300, 0, 200)]);
        // A value of a type not read here, a cut-off value, trailing bytes: refused.
        let mut other = bytes.clone();
        other[5] = 3;
        assert!(value_ranges(&other).is_none());
        assert!(value_ranges(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(value_ranges(&longer).is_none());
    }
}
