//! Reading the string columns of documents (`letter`, `hash`, `source`) by segment and
//! ordinal, and keeping what a searcher generation read for the next query.

use std::collections::HashMap;

use crate::{Error, Result};

/// Per segment: the `letter` column and the ids it holds, by ordinal.
pub(super) type LetterColumns = Vec<Option<(tantivy::columnar::StrColumn, Vec<String>)>>;

/// The ids of document `addr`'s segment and the ordinal of its letter id among them.
pub(super) fn letter_ord(columns: &LetterColumns, addr: tantivy::DocAddress) -> Option<(&[String], u64)> {
    let (column, ids) = columns.get(addr.segment_ord as usize)?.as_ref()?;
    Some((ids.as_slice(), column.term_ords(addr.doc_id).next()?))
}

/// A value worked out from the searcher of one generation, kept until a searcher of
/// another generation asks.
pub(super) struct PerSearcher<T> {
    cache: std::sync::Mutex<Option<(u64, T)>>,
}

impl<T> Default for PerSearcher<T> {
    fn default() -> Self {
        PerSearcher { cache: std::sync::Mutex::new(None) }
    }
}

impl<T> PerSearcher<T> {
    /// `read` of the value for `searcher`'s generation, made by `make` when it is not
    /// kept (under the lock, so it is made once).
    pub(super) fn with<R>(&self, searcher: &tantivy::Searcher, make: impl FnOnce() -> Result<T>, read: impl FnOnce(&T) -> R) -> Result<R> {
        let generation = searcher.generation().generation_id();
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*cache {
            Some((kept, value)) if *kept == generation => Ok(read(value)),
            _ => {
                let value = make()?;
                let read = read(&value);
                *cache = Some((generation, value));
                Ok(read)
            }
        }
    }
}

/// Reads a string fast field document by document, opening each segment's column once.
pub(crate) struct StrValues<'a> {
    searcher: &'a tantivy::Searcher,
    field: &'static str,
    columns: HashMap<u32, Option<tantivy::columnar::StrColumn>>,
}

impl<'a> StrValues<'a> {
    pub(crate) fn new(searcher: &'a tantivy::Searcher, field: &'static str) -> Self {
        StrValues { searcher, field, columns: HashMap::new() }
    }

    /// The document's value; empty when it has none.
    pub(crate) fn get(&mut self, addr: tantivy::DocAddress) -> Result<String> {
        match self.ord(addr)? {
            Some(ord) => self.term(addr.segment_ord, ord),
            None => Ok(String::new()),
        }
    }

    /// The ordinal of the document's value in its segment's dictionary: documents are
    /// counted or grouped by ordinal and each distinct value read once, since reading
    /// a value decodes a block of the dictionary.
    pub(crate) fn ord(&mut self, addr: tantivy::DocAddress) -> Result<Option<u64>> {
        Ok(self.column(addr.segment_ord)?.and_then(|column| column.term_ords(addr.doc_id).next()))
    }

    /// The value with ordinal `ord` in segment `segment`'s dictionary.
    pub(crate) fn term(&mut self, segment: u32, ord: u64) -> Result<String> {
        let field = self.field;
        let mut out = String::new();
        if let Some(column) = self.column(segment)? {
            column.ord_to_str(ord, &mut out).map_err(read_error(field))?;
        }
        Ok(out)
    }

    /// The values with ordinals `ords` (ascending) in segment `segment`'s dictionary,
    /// read in one pass.
    pub(crate) fn terms(&mut self, segment: u32, ords: &[u64]) -> Result<Vec<String>> {
        let field = self.field;
        let mut out = Vec::with_capacity(ords.len());
        if let Some(column) = self.column(segment)? {
            column.dictionary().sorted_ords_to_term_cb(ords, |bytes| out.push(String::from_utf8_lossy(bytes).into_owned())).map_err(read_error(field))?;
        }
        Ok(out)
    }

    /// Calls `each` with the ordinal and value of every value in segment `segment`'s
    /// dictionary (see [`each_term`]).
    pub(crate) fn each_term(&mut self, segment: u32, mut each: impl FnMut(u64, &str)) -> Result<()> {
        let field = self.field;
        let Some(column) = self.column(segment)? else { return Ok(()) };
        let mut ord = 0;
        each_term(column, field, |term| {
            each(ord, term);
            ord += 1;
        })
    }

    fn column(&mut self, segment: u32) -> Result<Option<&tantivy::columnar::StrColumn>> {
        if let std::collections::hash_map::Entry::Vacant(e) = self.columns.entry(segment) {
            e.insert(self.searcher.segment_reader(segment).fast_fields().str(self.field)?);
        }
        Ok(self.columns[&segment].as_ref())
    }
}

/// Calls `each` with every value of `column`'s dictionary in ordinal order: one pass,
/// where reading the values one by one decodes a block of the dictionary for each.
pub(super) fn each_term(column: &tantivy::columnar::StrColumn, field: &str, mut each: impl FnMut(&str)) -> Result<()> {
    let mut stream = column.dictionary().stream().map_err(read_error(field))?;
    while stream.advance() {
        each(&String::from_utf8_lossy(stream.key()));
    }
    Ok(())
}

/// The error of a column of `field` that cannot be read.
fn read_error(field: &str) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { context: format!("cannot read field {field} of the index"), source }
}
