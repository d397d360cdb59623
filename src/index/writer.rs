//! Writing letters into an index: one writer at a time (tantivy's lock, with a note of
//! who holds it), documents made on the caller's threads and handed over through a
//! bounded backlog, merges at the end of a run.

use std::fs;
use std::path::{Path, PathBuf};

use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, Term};

use super::backlog::{Backlog, Queued};
use super::documents::{DocumentMaker, LetterDocuments, Provenance};
use super::schema::Fields;
use super::{file_sizes, LetterIndex};
use crate::parse::Letter;
use crate::{Error, Result};

impl LetterIndex {
    /// A writer; only one may exist at a time, across processes. Another process's
    /// writer gives [`Error::Locked`] at once rather than a wait.
    pub fn writer(&self) -> Result<LetterWriter> {
        self.writer_with_heap(WRITER_HEAP_BYTES)
    }

    /// A writer with a memory budget of `heap_bytes` (split among its threads; at
    /// least 64 MiB is asked for, whatever is given).
    pub fn writer_with_heap(&self, heap_bytes: usize) -> Result<LetterWriter> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let writer = match self.index.writer_with_num_threads(writer_threads(cores), heap_bytes.max(64 << 20)) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _)) => {
                let holder = self
                    .path
                    .as_ref()
                    .and_then(|p| fs::read_to_string(p.join(HOLDER_FILE)).ok())
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(|| "another process".to_string());
                return Err(Error::Locked { path: self.path.clone().unwrap_or_default(), holder });
            }
            Err(tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::IoError(e), _)) => {
                return Err(Error::Write { path: self.path.clone().unwrap_or_default(), source: clone_io(&e) })
            }
            Err(e) => return Err(e.into()),
        };
        // Only a note for the error message of a second writer; the lock itself is
        // tantivy's, released by the OS whenever this process ends.
        let holder = self.path.as_ref().map(|p| {
            let note = p.join(HOLDER_FILE);
            let since = time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
            let _ = fs::write(&note, format!("pid {} (kamerzoek), since {since}", std::process::id()));
            HolderNote(note)
        });
        // An eighth of the budget waiting to be indexed keeps the indexing threads fed.
        let backlog = Backlog::new((heap_bytes / 8).max(16 << 20));
        Ok(LetterWriter { writer, backlog, fields: self.fields, maker: DocumentMaker::new(self.fields), _holder: holder, path: self.path.clone() })
    }
}

/// tantivy reports a failed write (most often a full disk) from its indexing threads
/// as a killed writer; say what happened to the index and what to check.
fn write_error(path: Option<&Path>, e: tantivy::TantivyError) -> Error {
    let path = path.map(Path::to_path_buf).unwrap_or_default();
    match e {
        tantivy::TantivyError::IoError(io) => Error::Write { path, source: clone_io(&io) },
        tantivy::TantivyError::InternalError(detail) => Error::Write { path, source: std::io::Error::other(detail) },
        tantivy::TantivyError::ErrorInThread(detail) => {
            Error::Write { path, source: std::io::Error::other(format!("an indexing thread failed writing, most often because the disk is full ({detail})")) }
        }
        other => other.into(),
    }
}

/// The note in the index directory that says who holds the writer lock.
const HOLDER_FILE: &str = "kamerzoek.lock";

fn clone_io(e: &std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), e.to_string())
}

/// The number of tantivy indexing threads on `cores` cores. Documents come analysed
/// (see [`crate::index::documents`]), so tantivy's part is about a third of an indexing run
/// (35 % of the CPU on the regulations): one thread per three cores keeps up with the
/// analysing workers, and each thread more writes a segment more, to merge at the end.
/// On the regulations on 2 cores: two threads 40-44 s, 73 CPU-s, 690 MB peak and a
/// final merge; one thread 32-34 s, 56-62 CPU-s, 560-590 MB and one segment.
fn writer_threads(cores: usize) -> usize {
    cores.div_ceil(3).clamp(1, 8)
}

/// The indexing heap of [`LetterIndex::writer`]; bounds memory while indexing whatever
/// the corpus size. Runs of [`crate::index::ingest`] choose their own.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// Writes letters into the index. Dropping it without `commit` discards the changes.
pub struct LetterWriter {
    writer: IndexWriter<Queued>,
    /// Documents handed to `writer` and not yet indexed.
    backlog: std::sync::Arc<Backlog>,
    fields: Fields,
    /// Makes the documents of letters added one by one.
    maker: DocumentMaker,
    /// The lock holder note, removed when the writer goes.
    _holder: Option<HolderNote>,
    /// The index directory, for error messages.
    path: Option<PathBuf>,
}

/// The note that says who holds the writer lock; removed when dropped.
struct HolderNote(PathBuf);

impl Drop for HolderNote {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

impl LetterWriter {
    /// Adds a letter (replacing any letter with the same id) as a letter document and one
    /// document per citation.
    pub fn add(&mut self, letter: &Letter) -> Result<()> {
        self.add_with(letter, &Provenance::default())
    }

    /// Like [`add`](Self::add), recording where the letter came from.
    pub(crate) fn add_with(&mut self, letter: &Letter, provenance: &Provenance) -> Result<()> {
        let documents = self.maker.make(letter, provenance);
        self.add_documents(documents)
    }

    /// Adds a letter's documents made by a [`DocumentMaker`] (on any thread),
    /// replacing any letter with the same id. One batch: tantivy puts a batch's
    /// documents into one segment in order (and merges keep that order), so the
    /// letter's pieces follow its document.
    pub(crate) fn add_documents(&mut self, documents: LetterDocuments) -> Result<()> {
        let mut batch = Vec::with_capacity(1 + documents.docs.len());
        batch.push(UserOperation::Delete(Term::from_field_text(self.fields.letter, &documents.id)));
        batch.extend(self.backlog.admit(documents.docs).into_iter().map(UserOperation::Add));
        self.writer.run(batch).map_err(|e| self.write_error(e))?;
        Ok(())
    }

    /// Removes a letter, its pieces and its citations.
    pub fn delete(&mut self, letter_id: &str) {
        self.writer.delete_term(Term::from_field_text(self.fields.letter, letter_id));
    }

    /// Makes everything added so far durable and visible to new readers.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| self.write_error(e))?;
        Ok(())
    }

    /// Commits and waits for background merges to finish.
    pub fn finish(self) -> Result<()> {
        self.finish_merging(None)
    }

    /// Stops merging segments in the background: for a bulk load that ends with
    /// [`finish_merging`](Self::finish_merging), so no segment is merged twice.
    pub(crate) fn without_background_merges(&mut self) {
        self.writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }

    /// Commits, and with `merge_up_to` merges the segments into as few as it can without
    /// any merge reading more than that many bytes, then waits for the merges to finish.
    /// One segment answers free text about 2.5 times faster than eight (each segment
    /// looks up every term of a query): worth its cost after a bulk load, not after
    /// adding a few letters, which the background merges take care of. The bound keeps
    /// memory in check: a merge maps all of its segments.
    pub(crate) fn finish_merging(mut self, merge_up_to: Option<u64>) -> Result<()> {
        self.commit()?;
        let path = self.path.clone().unwrap_or_default();
        if let Some(limit) = merge_up_to {
            // Ids only: a segment's metadata held alive keeps its files from being
            // collected once it is merged away.
            let ids = self.writer.index().searchable_segment_ids().map_err(|e| write_error(Some(&path), e))?;
            let bytes = self.path.as_deref().map(file_sizes).unwrap_or_default();
            let sized: Vec<(tantivy::index::SegmentId, u64)> = ids
                .into_iter()
                .map(|id| {
                    let uuid = id.uuid_string();
                    (id, bytes.iter().filter(|(name, _)| name.starts_with(&uuid)).map(|(_, b)| b).sum())
                })
                .collect();
            for group in merge_groups(sized, limit) {
                self.writer.merge(&group).wait().map_err(|e| write_error(Some(&path), e))?;
            }
        }
        self.writer.wait_merging_threads().map_err(|e| write_error(Some(&path), e))?;
        Ok(())
    }

    /// An I/O failure while writing names the index and says what to check.
    fn write_error(&self, e: tantivy::TantivyError) -> Error {
        write_error(self.path.as_deref(), e)
    }
}

/// Groups segments (id, bytes) into merges of at most `limit` bytes each, smallest
/// first; only groups of two or more are worth merging.
fn merge_groups<T: Clone>(mut segments: Vec<(T, u64)>, limit: u64) -> Vec<Vec<T>> {
    segments.sort_by_key(|&(_, bytes)| bytes);
    let mut groups: Vec<Vec<T>> = Vec::new();
    let (mut current, mut total) = (Vec::new(), 0u64);
    for (id, bytes) in segments {
        if !current.is_empty() && total + bytes > limit {
            groups.push(std::mem::take(&mut current));
            total = 0;
        }
        current.push(id);
        total += bytes;
    }
    groups.push(current);
    groups.retain(|g| g.len() > 1);
    groups
}

#[cfg(test)]
mod tests {
    use super::merge_groups;
    use crate::LetterIndex;

    /// The backlog waits for tantivy to drop each document once it has indexed it,
    /// which tantivy does but does not promise: with room for one letter, every letter
    /// waits for the one before. Should tantivy keep documents until a commit, the
    /// second letter would wait for ever; this test fails instead of hanging.
    #[test]
    fn a_real_writer_waits_for_room_and_tantivy_gives_it_back() {
        let index = LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        writer.backlog = crate::index::backlog::Backlog::new(1);
        let backlog = std::sync::Arc::clone(&writer.backlog);
        // Made beforehand, so letters come faster than tantivy indexes them.
        let mut maker = crate::index::documents::DocumentMaker::new(index.fields);
        let mut letters = Vec::new();
        for round in 0..4 {
            for (stem, text) in LetterIndex::bundled_letter_texts() {
                letters.push(maker.make(&crate::parse::parse_text(&format!("{stem}-{round}"), &text), &Default::default()));
            }
        }
        let n = letters.len();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for documents in letters {
                writer.add_documents(documents).expect("added");
            }
            writer.commit().expect("committed");
            done.send(()).expect("sent");
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the writer waited for room that never came: tantivy no longer drops a document once it has indexed it (see src/backlog.rs)");
        assert!(backlog.waits() > 0, "none of {n} letters waited: the wait path was not taken");
        index.reload().expect("reloaded");
        assert_eq!(index.stats().expect("stats").letters, n as u64);
    }

    #[test]
    fn merges_are_bounded_and_worth_doing() {
        assert_eq!(merge_groups(vec![("a", 10), ("b", 10), ("c", 10)], 100), [["a", "b", "c"]]);
        assert_eq!(merge_groups(vec![("a", 60), ("b", 50), ("c", 10), ("d", 30)], 100), [vec!["c", "d", "b"]]);
        assert_eq!(merge_groups(vec![("a", 60), ("b", 50), ("c", 55), ("d", 45)], 100), [["d", "b"]]);
        assert_eq!(merge_groups(vec![("a", 40), ("b", 50), ("c", 45), ("d", 45)], 100), [["a", "c"], ["d", "b"]]);
        assert!(merge_groups(vec![("a", 500)], 100).is_empty());
        assert!(merge_groups(Vec::<(&str, u64)>::new(), 100).is_empty());
        // An index in memory has no file sizes: everything merges into one.
        assert_eq!(merge_groups(vec![("a", 0), ("b", 0)], 100), [["a", "b"]]);
    }
}
