//! The documents handed to tantivy's writer and not yet indexed, bounded in bytes.
//!
//! tantivy's writer queues up to 10,000 batches of operations whatever their size, and
//! a letter's documents are one batch: with the workers ahead of the indexing thread,
//! thousands of letters and their analysed text waited in that queue until a commit
//! drained it, so memory grew with the corpus and the commit interval, not with the
//! writer's budget. Each document now holds a ticket for its letter's bytes, given
//! back when tantivy drops the document after indexing it, and a letter waits for room
//! before it is handed over.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use tantivy::schema::document::Document;
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// The bytes of letters handed over and not yet indexed.
pub(crate) struct Backlog {
    queued: Mutex<usize>,
    room: Condvar,
    limit: usize,
    /// How many letters had to wait for room.
    waits: AtomicUsize,
}

impl Backlog {
    /// A backlog of at most `limit` bytes (a single letter larger than that still goes,
    /// alone).
    pub(crate) fn new(limit: usize) -> Arc<Backlog> {
        Arc::new(Backlog { queued: Mutex::new(0), room: Condvar::new(), limit, waits: AtomicUsize::new(0) })
    }

    /// Waits until `docs` fit, then counts their bytes in: each of the returned
    /// documents holds the ticket, which counts them out when the last is dropped.
    pub(crate) fn admit(self: &Arc<Self>, docs: Vec<TantivyDocument>) -> Vec<Queued> {
        let bytes = docs.iter().map(size_of).sum();
        let mut queued = self.lock();
        if *queued > 0 && *queued + bytes > self.limit {
            self.waits.fetch_add(1, Ordering::Relaxed);
        }
        while *queued > 0 && *queued + bytes > self.limit {
            queued = self.room.wait(queued).unwrap_or_else(|e| e.into_inner());
        }
        *queued += bytes;
        drop(queued);
        let ticket = Arc::new(Ticket { backlog: Arc::clone(self), bytes });
        docs.into_iter().map(|doc| Queued { doc, _ticket: Arc::clone(&ticket) }).collect()
    }

    /// How many letters had to wait for room.
    #[cfg(test)]
    pub(crate) fn waits(&self) -> usize {
        self.waits.load(Ordering::Relaxed)
    }

    /// The bytes handed over and not yet indexed.
    #[cfg(test)]
    fn queued(&self) -> usize {
        *self.lock()
    }

    fn lock(&self) -> MutexGuard<'_, usize> {
        // The count stays right whatever panicked while holding the lock.
        self.queued.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One letter's bytes in the backlog.
struct Ticket {
    backlog: Arc<Backlog>,
    bytes: usize,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        *self.backlog.lock() -= self.bytes;
        self.backlog.room.notify_all();
    }
}

/// A document in the backlog: tantivy indexes it as the document it wraps and drops it
/// once indexed.
pub struct Queued {
    doc: TantivyDocument,
    _ticket: Arc<Ticket>,
}

impl Document for Queued {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// The bytes of a document's text and bytes values: most of what it holds.
fn size_of(doc: &TantivyDocument) -> usize {
    doc.field_values().map(|(_, v)| v.as_str().map(str::len).or_else(|| v.as_bytes().map(<[u8]>::len)).unwrap_or(8)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::Fields;
    use crate::parse::parse_text;

    fn documents() -> Vec<TantivyDocument> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/002_e57fd0cb040071f5.txt");
        let letter = parse_text("002", &std::fs::read_to_string(path).expect("letter"));
        let fields = Fields::new(&crate::index::schema::build().expect("schema")).expect("fields");
        crate::index::documents::DocumentMaker::new(fields).make(&letter, &Default::default()).docs
    }

    #[test]
    fn a_letter_waits_until_the_letters_before_it_are_indexed() {
        let docs = documents();
        let bytes: usize = docs.iter().map(size_of).sum();
        assert!(bytes > 10_000, "a letter's documents: {bytes} bytes");
        // Room for one letter: the second waits until the first is dropped.
        let backlog = Backlog::new(bytes + bytes / 2);
        let first = backlog.admit(docs.clone());
        assert_eq!(backlog.queued(), bytes);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiting = {
            let backlog = Arc::clone(&backlog);
            std::thread::spawn(move || tx.send(backlog.admit(docs)).expect("sent"))
        };
        assert!(rx.recv_timeout(std::time::Duration::from_millis(200)).is_err(), "admitted beside the first");
        let mut first = first.into_iter();
        first.next();
        assert!(rx.recv_timeout(std::time::Duration::from_millis(100)).is_err(), "admitted with part of the first still queued");
        drop(first);
        let second = rx.recv_timeout(std::time::Duration::from_secs(10)).expect("admitted once the first was indexed");
        waiting.join().expect("joined");
        assert_eq!(backlog.queued(), bytes);
        drop(second);
        assert_eq!(backlog.queued(), 0);
        // A letter larger than the limit goes when nothing else is queued.
        let small = Backlog::new(1);
        assert_eq!(small.admit(documents()).len(), documents().len());
    }
}
