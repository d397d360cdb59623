//! BM25 statistics of one kind of document.
//!
//! One index holds letters and their citations. tantivy computes BM25 over the whole
//! index: `N` counts every document and a field's average length is its token count
//! divided by every document. A letter's `text` then looks longer than the average
//! letter (most documents are citations with no `text`), which over-penalises long
//! letters, and a term's IDF is computed against documents that
//! can never match. [`KindScoped`] wraps a query so that its terms are weighted
//! against the documents of one kind only: `N` is the number of documents of that
//! kind, and for a field that every kind carries (title, sender, …) the token and
//! document counts are scaled down to that kind's share of the index.

use std::cell::RefCell;
use std::fmt;

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// A query whose BM25 statistics are those of the documents of one kind.
pub struct KindScoped {
    inner: Box<dyn Query>,
    /// The term that marks the documents of the kind (`kind:letter`).
    kind: Term,
    /// Fields that documents of every kind carry; the others belong to one kind.
    shared: Vec<Field>,
}

impl KindScoped {
    /// Scopes `inner` to the documents that have `kind`; `shared` lists the fields that
    /// documents of other kinds carry as well.
    pub fn new(inner: Box<dyn Query>, kind: Term, shared: Vec<Field>) -> KindScoped {
        KindScoped { inner, kind, shared }
    }
}

impl Clone for KindScoped {
    fn clone(&self) -> Self {
        KindScoped { inner: self.inner.box_clone(), kind: self.kind.clone(), shared: self.shared.clone() }
    }
}

impl fmt::Debug for KindScoped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KindScoped").field("inner", &self.inner).field("kind", &self.kind).finish()
    }
}

impl Query for KindScoped {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match scoring {
            EnableScoring::Enabled { searcher, statistics_provider } => {
                let stats = KindStatistics::new(statistics_provider, searcher, &self.kind, &self.shared)?;
                self.inner.weight(EnableScoring::enabled_from_statistics_provider(&stats, searcher))
            }
            disabled => self.inner.weight(disabled),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct KindStatistics<'a> {
    all: &'a dyn Bm25StatisticsProvider,
    shared: &'a [Field],
    /// Documents of the kind.
    docs: u64,
    /// Documents of the kind / all documents: the share of a shared field's counts
    /// that belongs to the kind.
    share: f64,
    /// Token counts by field, as every term of a field asks for its field's (each a
    /// walk over the segments' inverted indexes).
    tokens: RefCell<Vec<(Field, u64)>>,
}

impl<'a> KindStatistics<'a> {
    fn new(all: &'a dyn Bm25StatisticsProvider, searcher: &Searcher, kind: &Term, shared: &'a [Field]) -> tantivy::Result<Self> {
        let total = all.total_num_docs()?;
        let docs = searcher.doc_freq(kind)?.min(total);
        // An index without documents of the kind matches nothing; keep N >= 1 so that
        // no weight divides by zero.
        let docs = docs.max(1);
        let share = if total == 0 { 1.0 } else { (docs as f64 / total as f64).min(1.0) };
        Ok(KindStatistics { all, shared, docs, share, tokens: RefCell::new(Vec::new()) })
    }

    fn scale(&self, field: Field, count: u64) -> u64 {
        if self.shared.contains(&field) && count > 0 {
            // Never 0 for a field that has tokens: an average length of 0 divides by 0.
            ((count as f64 * self.share).round() as u64).max(1)
        } else {
            count
        }
    }
}

impl Bm25StatisticsProvider for KindStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&(_, count)) = self.tokens.borrow().iter().find(|(f, _)| *f == field) {
            return Ok(count);
        }
        let count = self.scale(field, self.all.total_num_tokens(field)?);
        self.tokens.borrow_mut().push((field, count));
        Ok(count)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        // tantivy asserts doc_freq <= N; a term of a shared field can otherwise exceed
        // the kind's N (a title repeated on every section of its letter).
        let df = self.scale(term.field(), self.all.doc_freq(term)?);
        Ok(df.min(self.docs))
    }
}
