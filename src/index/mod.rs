//! The on-disk index: creating and opening it (with its schema version), and writing
//! letters into it.
//!
//! Invariants:
//! - an index directory holds `kamerzoek.json` (the schema version) next to tantivy's own
//!   files; an index of another version is never opened, only refused;
//! - a letter is written as one letter document (its sections are ranges of its text)
//!   plus one document per citation, all carrying the letter's id in `letter`, so
//!   re-adding a letter replaces all of them;
//! - nothing a writer does is visible to readers before `commit`.

pub(crate) mod backlog;
mod columns;
pub(crate) mod documents;
pub mod ingest;
pub(crate) mod outline;
pub(crate) mod record;
pub(crate) mod schema;
pub(crate) mod stored;
mod writer;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Term};

use crate::analyse;
/// Where a letter came from (defined with the documents that record it).
use crate::index::documents::Provenance;
use crate::{Error, Result};
pub(crate) use columns::StrValues;
use columns::{each_term, letter_ord, LetterColumns, PerSearcher};
use schema::{kind, Fields};
pub use writer::LetterWriter;

/// The file in the index directory that records the schema version.
const META_FILE: &str = "kamerzoek.json";

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    schema_version: u32,
}

/// A kamerzoek index: letters and their sections, searchable.
pub struct LetterIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The query-side analyzer; cloned per search (a clone shares nothing mutable).
    pub(crate) analyzer: tantivy::tokenizer::TextAnalyzer,
    path: Option<PathBuf>,
    /// The `letter` column of each segment of the last searcher generation used, with
    /// its ids by ordinal: reading them costs more than a ranking needs to read.
    letter_columns: PerSearcher<LetterColumns>,
    /// The number of sections of the live letters of the last searcher generation used.
    section_count: PerSearcher<(u64, u64)>,
    /// The store readers of the last searcher generation used, whose block caches
    /// outlast one query.
    stores: PerSearcher<std::sync::Arc<Vec<tantivy::store::StoreReader>>>,
    /// The indexed text fields in which no document of the last searcher generation
    /// used has a term.
    empty_fields: PerSearcher<Vec<tantivy::schema::Field>>,
}

impl LetterIndex {
    /// Opens the index in `dir`, refusing one of another schema version.
    pub fn open(dir: &Path) -> Result<LetterIndex> {
        let meta_path = dir.join(META_FILE);
        let meta = match fs::read_to_string(&meta_path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NoIndex { path: dir.to_path_buf() }),
            Err(source) => return Err(Error::Read { path: meta_path, source }),
        };
        let meta: Meta = serde_json::from_str(&meta).map_err(|e| Error::Io {
            context: format!("{} is damaged", meta_path.display()),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        if meta.schema_version != schema::version() {
            return Err(Error::SchemaVersion { path: dir.to_path_buf(), found: meta.schema_version, expected: schema::version() });
        }
        // tantivy takes a lock file even to read; on a read-only directory that fails.
        let locked = |e: tantivy::TantivyError| match e {
            tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::IoError(io), _) => Error::Write {
                path: dir.to_path_buf(),
                source: std::io::Error::new(
                    io.kind(),
                    format!("{io}; even searching needs to create a lock file there, so copy the index to a writable place"),
                ),
            },
            other => other.into(),
        };
        let index = Index::open_in_dir(dir).map_err(locked)?;
        Self::from_index(index, Some(dir.to_path_buf())).map_err(|e| match e {
            Error::Schema(detail) => Error::Incompatible { path: dir.to_path_buf(), detail },
            Error::Tantivy(t) => locked(t),
            other => other,
        })
    }

    /// Creates a new, empty index in `dir` (created if missing; it must not hold an index,
    /// except the empty one a create that was interrupted leaves behind).
    pub fn create(dir: &Path) -> Result<LetterIndex> {
        fs::create_dir_all(dir).map_err(|source| Error::Io { context: format!("cannot create index directory {}", dir.display()), source })?;
        let schema = schema::build()?;
        let index = match Index::builder().schema(schema.clone()).settings(settings()).create_in_dir(dir) {
            Ok(index) => index,
            // Killed between tantivy's files and `kamerzoek.json`, a create leaves an index
            // that `open` calls no index and tantivy refuses to create again: take it over.
            Err(tantivy::TantivyError::IndexAlreadyExists) if !dir.join(META_FILE).exists() => {
                let index = Index::open_in_dir(dir)?;
                if index.schema() != schema {
                    return Err(tantivy::TantivyError::IndexAlreadyExists.into());
                }
                index
            }
            Err(e) => return Err(e.into()),
        };
        write_meta(dir)?;
        Self::from_index(index, Some(dir.to_path_buf()))
    }

    /// Opens the index in `dir`, or creates it when `dir` holds none.
    pub fn open_or_create(dir: &Path) -> Result<LetterIndex> {
        match Self::open(dir) {
            Err(Error::NoIndex { .. }) => Self::create(dir),
            other => other,
        }
    }

    /// Creates an index in memory (for tests and one-off runs).
    pub fn create_in_ram() -> Result<LetterIndex> {
        let index = Index::builder().schema(schema::build()?).settings(settings()).create_in_ram()?;
        Self::from_index(index, None)
    }

    fn from_index(index: Index, path: Option<PathBuf>) -> Result<LetterIndex> {
        // Same version but another schema: an index written by a development build.
        if index.schema() != schema::build()? {
            return Err(Error::Schema("its fields, types or analyzers differ from this build's".into()));
        }
        analyse::register(index.tokenizers());
        let fields = Fields::new(&index.schema())?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(LetterIndex {
            index,
            reader,
            fields,
            analyzer: analyse::dutch_analyzer(),
            path,
            letter_columns: PerSearcher::default(),
            section_count: PerSearcher::default(),
            stores: PerSearcher::default(),
            empty_fields: PerSearcher::default(),
        })
    }

    /// The directory of an on-disk index.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// What the index holds of each letter: its content hash and source, by letter id.
    pub fn known_letters(&self) -> Result<HashMap<String, Known>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(Term::from_field_text(self.fields.kind, kind::LETTER), IndexRecordOption::Basic);
        let (mut ids, mut hashes, mut sources) = (StrValues::new(&searcher, "letter"), StrValues::new(&searcher, "hash"), StrValues::new(&searcher, "source"));
        let mut known = HashMap::new();
        for addr in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
            known.insert(ids.get(addr)?, Known { hash: hashes.get(addr)?, source: sources.get(addr)? });
        }
        Ok(known)
    }

    /// Every letter in the index, by id: its title, date and source, read from columns.
    pub fn list(&self) -> Result<Vec<Listed>> {
        let searcher = self.reader.searcher();
        let query = TermQuery::new(Term::from_field_text(self.fields.kind, kind::LETTER), IndexRecordOption::Basic);
        let (mut ids, mut titles, mut sources) =
            (StrValues::new(&searcher, "letter"), StrValues::new(&searcher, "display_title"), StrValues::new(&searcher, "source"));
        let dates = searcher.segment_readers().iter().map(|r| r.fast_fields().date("date")).collect::<tantivy::Result<Vec<_>>>()?;
        let mut listed = Vec::new();
        for addr in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
            let date = dates[addr.segment_ord as usize].first(addr.doc_id).map(|d| {
                let d = d.into_utc();
                format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
            });
            let source = sources.get(addr)?;
            listed.push(Listed { id: ids.get(addr)?, title: titles.get(addr)?, date, source: (!source.is_empty()).then_some(source) });
        }
        listed.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(listed)
    }

    /// Removes the letters with these ids (with their sections, citations and text) and
    /// commits; returns the ids the index did not have, which are left alone.
    pub fn remove(&self, ids: &[String]) -> Result<Vec<String>> {
        let known = self.known_letters()?;
        let (present, missing): (Vec<&String>, Vec<&String>) = ids.iter().partition(|id| known.contains_key(id.as_str()));
        if !present.is_empty() {
            let mut writer = self.writer()?;
            for id in present {
                writer.delete(id);
            }
            writer.commit()?;
            self.reload()?;
        }
        Ok(missing.into_iter().cloned().collect())
    }

    /// The letter ids of documents of `searcher`, from the `letter` column; empty for a
    /// document without one.
    pub(crate) fn letter_ids(&self, searcher: &tantivy::Searcher, addrs: impl Iterator<Item = tantivy::DocAddress>) -> Result<Vec<String>> {
        self.with_letter_columns(searcher, |columns| {
            addrs.map(|addr| letter_ord(columns, addr).and_then(|(ids, ord)| ids.get(ord as usize)).cloned().unwrap_or_default()).collect()
        })
    }

    /// The distinct letter ids of documents of `searcher`, sorted, without the empty
    /// one: a law's thousands of citations are told apart by their ids' ordinals, and
    /// only each citing letter's id is copied and compared.
    pub(crate) fn distinct_letter_ids(&self, searcher: &tantivy::Searcher, addrs: impl Iterator<Item = tantivy::DocAddress>) -> Result<Vec<String>> {
        self.with_letter_columns(searcher, |columns| {
            let mut ords: Vec<(u32, u64)> = addrs.filter_map(|addr| letter_ord(columns, addr).map(|(_, ord)| (addr.segment_ord, ord))).collect();
            ords.sort_unstable();
            ords.dedup();
            let mut ids: Vec<String> = ords
                .into_iter()
                .filter_map(|(segment, ord)| columns.get(segment as usize)?.as_ref()?.1.get(ord as usize))
                .filter(|id| !id.is_empty())
                .cloned()
                .collect();
            // A letter re-added lies in one segment only, but ids of several segments merge.
            ids.sort_unstable();
            ids.dedup();
            ids
        })
    }

    /// Runs `read` on each segment's `letter` column and its dictionary of ids (a few
    /// thousand strings), read once per searcher generation: a lookup in the dictionary
    /// itself decodes a block, a fifth of a free-text query.
    fn with_letter_columns<R>(&self, searcher: &tantivy::Searcher, read: impl FnOnce(&LetterColumns) -> R) -> Result<R> {
        let columns = || {
            let mut segments = Vec::with_capacity(searcher.segment_readers().len());
            for reader in searcher.segment_readers() {
                segments.push(match reader.fast_fields().str("letter")? {
                    Some(column) => {
                        let mut ids = Vec::with_capacity(column.num_terms());
                        each_term(&column, "letter", |id| ids.push(id.to_string()))?;
                        Some((column, ids))
                    }
                    None => None,
                });
            }
            Ok(segments)
        };
        self.letter_columns.with(searcher, columns, read)
    }

    /// The store readers of `searcher`'s segments, opened once per searcher generation.
    pub(crate) fn stores(&self, searcher: &tantivy::Searcher) -> Result<std::sync::Arc<Vec<tantivy::store::StoreReader>>> {
        self.stores.with(searcher, || crate::index::stored::open(searcher).map(std::sync::Arc::new), std::sync::Arc::clone)
    }

    /// The letter fields that free text searches in which no segment of `searcher` has
    /// a term (a collection without senders, say), found once per searcher generation.
    pub(crate) fn empty_fields(&self, searcher: &tantivy::Searcher) -> Result<Vec<tantivy::schema::Field>> {
        let find = || {
            let mut empty = Vec::new();
            for field in self.fields.letter_words() {
                let mut terms = 0;
                for reader in searcher.segment_readers() {
                    terms += reader.inverted_index(field)?.terms().num_terms();
                }
                if terms == 0 {
                    empty.push(field);
                }
            }
            Ok(empty)
        };
        self.empty_fields.with(searcher, find, Vec::clone)
    }

    /// The numbers of live letters and of their sections seen by `searcher`: the
    /// `sections` column counted and summed, once per searcher generation.
    pub(crate) fn section_count(&self, searcher: &tantivy::Searcher) -> Result<(u64, u64)> {
        let count = || {
            let (mut letters, mut sections) = (0, 0);
            for reader in searcher.segment_readers() {
                let column = reader.fast_fields().u64("sections")?;
                if reader.alive_bitset().is_none() {
                    // Nothing deleted: every value is a live letter's. Reading the values
                    // in a row skips looking up each of the segment's documents (most
                    // of them citations), which took 7 ms before a first section search.
                    letters += u64::from(column.values.num_vals());
                    sections += column.values.iter().sum::<u64>();
                } else {
                    for n in reader.doc_ids_alive().filter_map(|doc| column.first(doc)) {
                        letters += 1;
                        sections += n;
                    }
                }
            }
            Ok((letters, sections))
        };
        self.section_count.with(searcher, count, |&count| count)
    }

    /// Makes the last commit visible to searches from this handle.
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Counts of what the index holds.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        // Counted by a search, not `doc_freq`, which still includes deleted documents.
        let count = |k: &str| -> Result<u64> {
            let query = TermQuery::new(Term::from_field_text(self.fields.kind, k), IndexRecordOption::Basic);
            Ok(searcher.search(&query, &Count)? as u64)
        };
        let size_bytes = match &self.path {
            Some(p) => dir_size(p),
            None => 0,
        };
        Ok(Stats {
            letters: count(kind::LETTER)?,
            sections: self.section_count(&searcher)?.1,
            segments: searcher.segment_readers().len(),
            size_bytes,
            schema_version: schema::version(),
        })
    }

    /// Bytes on disk by field and by part of the index (terms, postings, positions, fast
    /// columns, norms), largest first, with the stored documents as one line: what to
    /// look at when an index grows.
    pub fn space(&self) -> Result<Vec<Space>> {
        let usage = self.reader.searcher().space_usage().map_err(|source| Error::Io { context: "cannot measure the index".into(), source })?;
        let mut totals: HashMap<(&'static str, String), u64> = HashMap::new();
        for segment in usage.segments() {
            let parts = [
                ("terms", segment.termdict()),
                ("postings", segment.postings()),
                ("positions", segment.positions()),
                ("fast", segment.fast_fields()),
                ("norms", segment.fieldnorms()),
            ];
            for (part, per_field) in parts {
                for f in per_field.fields() {
                    *totals.entry((part, f.field_name().to_string())).or_default() += f.total().get_bytes();
                }
            }
            *totals.entry(("store", "(stored documents)".to_string())).or_default() += segment.store().total().get_bytes();
        }
        let mut lines: Vec<Space> = totals.into_iter().filter(|(_, b)| *b > 0).map(|((part, field), bytes)| Space { part, field, bytes }).collect();
        lines.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.field.cmp(&b.field)));
        Ok(lines)
    }
}

/// Bytes one part of one field takes on disk.
#[derive(Debug, Clone, Serialize)]
pub struct Space {
    /// `terms`, `postings`, `positions`, `fast`, `norms` or `store`.
    pub part: &'static str,
    /// The field.
    pub field: String,
    /// Bytes over all segments.
    pub bytes: u64,
}

/// What the index knows of one letter, for incremental updates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The content hash it was indexed with.
    pub hash: String,
    /// The file it came from.
    pub source: String,
}

/// One letter as [`LetterIndex::list`] lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listed {
    /// The letter id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The file it came from, when indexed from a file.
    pub source: Option<String>,
}

/// What an index holds.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Letters.
    pub letters: u64,
    /// Sections of all letters.
    pub sections: u64,
    /// tantivy segments.
    pub segments: usize,
    /// Bytes on disk (0 for an index in memory).
    pub size_bytes: u64,
    /// The schema version.
    pub schema_version: u32,
}

/// Writes `kamerzoek.json` whole or not at all (a temporary file renamed over it), so a
/// kill never leaves a half-written version that makes the index unopenable.
fn write_meta(dir: &Path) -> Result<()> {
    let path = dir.join(META_FILE);
    let temporary = dir.join(format!("{META_FILE}.tmp"));
    let meta = serde_json::to_string(&Meta { schema_version: schema::version() }).expect("meta serialises");
    let write = || -> std::io::Result<()> {
        let mut file = fs::File::create(&temporary)?;
        std::io::Write::write_all(&mut file, meta.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temporary, &path)
    };
    write().map_err(|source| Error::Write { path: dir.to_path_buf(), source })
}

fn dir_size(dir: &Path) -> u64 {
    file_sizes(dir).iter().map(|(_, bytes)| bytes).sum()
}

/// Index settings. The document store holds the letters' bodies (for snippets) and
/// records (for `show`), most of an index's size; larger blocks and higher zstd levels
/// compress better, but a snippet decompresses its letter's whole block. On the
/// regulations benchmark (index size, indexing time, snippets p50 / p99): 64 KiB at
/// level 3: 264 MB, 32.2 s, 1.27 / 7.9 ms; 64 KiB at level 9: 252 MB, 35.8 s,
/// 1.38 / 10.2 ms; 128 KiB at level 7: 251 MB, 34.6 s, 1.49 / 8.9 ms; 256 KiB at level
/// 6 (an earlier index): snippets p99 7.6 -> 9.7 ms. On 3,509 regulations (store MiB,
/// share of indexing CPU spent compressing): 128 KiB at level 7 12.6, 11.8 %; level 6
/// 12.7, 10.9 %; level 5 12.9, 8.2 %; level 3 14.0, 4.4 %; 256 KiB at level 5 12.6,
/// 8.2 %, at level 4 13.4, 5.1 %. Level 5 at 128 KiB: 30 % less time compressing for
/// 2 % more store, and blocks no longer than before.
fn settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor { compression_level: Some(5) }),
        docstore_blocksize: 128 * 1024,
        ..tantivy::IndexSettings::default()
    }
}

/// The files in `dir` with their sizes (a segment's files start with its id).
fn file_sizes(dir: &Path) -> Vec<(String, u64)> {
    fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.metadata().ok().filter(|m| m.is_file())?.len()))).collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
impl LetterIndex {
    /// The letters bundled in `corpus/`, in file order: (file stem, text).
    pub(crate) fn bundled_letter_texts() -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir).expect("corpus").map(|e| e.expect("entry").path()).collect();
        paths.sort();
        paths.iter().map(|p| (p.file_stem().expect("stem").to_string_lossy().into_owned(), std::fs::read_to_string(p).expect("letter"))).collect()
    }

    /// An index in memory of the letters bundled in `corpus/`, built once for the
    /// tests that only read it.
    pub(crate) fn of_bundled_letters() -> &'static LetterIndex {
        static BUNDLED: std::sync::OnceLock<LetterIndex> = std::sync::OnceLock::new();
        BUNDLED.get_or_init(|| LetterIndex::of_repository_path("corpus"))
    }

    /// An index in memory of a file or directory of the repository.
    pub(crate) fn of_repository_path(path: &str) -> LetterIndex {
        let index = LetterIndex::create_in_ram().expect("index");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        crate::index::ingest::index_paths(&index, &[path], &crate::index::ingest::IndexOptions::default(), &mut |_| {}).expect("indexed");
        index.reload().expect("reloaded");
        index
    }
}

#[cfg(test)]
mod tests {
    use crate::LetterIndex;

    /// Letters and sections counted document by document, as a reference.
    fn counted(index: &LetterIndex) -> (u64, u64) {
        let searcher = index.reader.searcher();
        let (mut letters, mut sections) = (0, 0);
        for reader in searcher.segment_readers() {
            let column = reader.fast_fields().u64("sections").expect("sections column");
            for n in reader.doc_ids_alive().filter_map(|doc| column.first(doc)) {
                letters += 1;
                sections += n;
            }
        }
        (letters, sections)
    }

    #[test]
    fn sections_are_counted_over_live_letters_with_and_without_deletes() {
        let index = LetterIndex::of_repository_path("corpus"); // its own: a letter is deleted
        let all = index.section_count(&index.reader.searcher()).expect("count");
        assert_eq!(all, counted(&index));
        assert!(all.0 >= 5 && all.1 > all.0, "{all:?}");
        // One letter deleted: its segment has deletes, and its sections no longer count.
        let id = index.letter_ids(&index.reader.searcher(), std::iter::once(tantivy::DocAddress::new(0, 0))).expect("ids").remove(0);
        let mut writer = index.writer().expect("writer");
        writer.delete(&id);
        writer.commit().expect("committed");
        index.reload().expect("reloaded");
        let fewer = index.section_count(&index.reader.searcher()).expect("count");
        assert_eq!(fewer, counted(&index));
        assert_eq!(fewer.0, all.0 - 1, "{id}");
        assert!(fewer.1 < all.1);
    }
}
