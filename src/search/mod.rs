//! Searching: running a query over letters or sections, ranking, and dressing each hit
//! with its letter's metadata, best section and a snippet.

pub mod cited;
mod ranking;
mod sections;
pub mod snippet;
pub(crate) mod stored;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};
use time::Date;

use crate::index::{date_time, LetterIndex, StrValues};
use crate::outline::{Outline, SectionSpan};
use crate::query::compile::sections::{compile_sections, free_text_sections, SectionQuery};
use crate::query::{self, compile::{Compiled, Stages}};
use crate::record::{format_date, own_keys, LetterRecord, SectionRecord};
use crate::schema::{kind, Fields, Kind};
use crate::{Error, Result};

pub use cited::{CitedHit, MostCited};
use sections::{SectionHit, SectionRanker};
use stored::{Body, StoredDoc};
pub use snippet::{Highlighter, Snippet};
use snippet::PooledAnalyzer;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// One hit per letter, naming its best section.
    #[default]
    Letters,
    /// One hit per section.
    Sections,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Letters or sections.
    pub scope: Scope,
    /// Relevance or date.
    pub sort: Sort,
    /// At most this many hits.
    pub limit: usize,
    /// Only letters dated on or after this day.
    pub from: Option<Date>,
    /// Only letters dated on or before this day.
    pub to: Option<Date>,
    /// Build snippets and name each letter hit's best section (costs a read of its
    /// positions and a pass over its text); without, hits carry metadata only (and a
    /// section hit its heading).
    pub snippets: bool,
    /// Snippet length in bytes, about.
    pub snippet_len: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { scope: Scope::Letters, sort: Sort::Relevance, limit: 10, from: None, to: None, snippets: true, snippet_len: 240 }
    }
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// The ranking score (BM25; 0 when sorted by date).
    pub score: f32,
    /// The letter id.
    pub letter: String,
    /// The letter's title.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// True when the date was inferred.
    pub date_inferred: bool,
    /// The heading of the hit's section (for letters: of the best matching section).
    pub section: Option<String>,
    /// Text around the matches.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

impl LetterIndex {
    /// Runs a query in kamerzoek's query language.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        let ast = query::parser::parse(query)?;
        let (f, analyzer) = (&self.fields, &self.analyzer);
        let empty = self.empty_fields(&self.reader.searcher())?;
        match options.scope {
            Scope::Letters => {
                let compiled = query::compile::compile(&ast, f, analyzer, Kind::Letter, &empty)?;
                // A letter hit with a snippet names its best section: the same query over
                // its sections.
                let sections = options.snippets.then(|| compile_sections(&ast, f, analyzer)).transpose()?;
                self.run(compiled, None, sections, options)
            }
            Scope::Sections => {
                let letters = query::compile::compile(&ast, f, analyzer, Kind::Letter, &empty)?;
                self.run_sections(compile_sections(&ast, f, analyzer)?, &letters, options)
            }
        }
    }

    /// Searches free text (not query syntax): any of its words, ranked.
    pub fn search_text(&self, text: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        let (f, analyzer) = (&self.fields, &self.analyzer);
        let searcher = self.reader.searcher();
        let empty = self.empty_fields(&searcher)?;
        match options.scope {
            Scope::Letters => match query::compile::free_text(text, f, analyzer, Kind::Letter, &empty, &searcher)? {
                Some(free) => self.run(free.compiled, Some(free.stages), options.snippets.then(|| free_text_sections(text, f, analyzer)).flatten(), options),
                None => Ok(Vec::new()),
            },
            Scope::Sections => match (query::compile::free_text(text, f, analyzer, Kind::Letter, &empty, &searcher)?, free_text_sections(text, f, analyzer)) {
                (Some(letters), Some(q)) => self.run_sections(q, &letters.compiled, options),
                _ => Ok(Vec::new()),
            },
        }
    }

    /// The ids of the `k` letters that best match free text, best first: the lean path
    /// for evaluation and benchmarks (ids come from a fast field; no stored document is
    /// read).
    pub fn rank_letters(&self, text: &str, k: usize) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let Some(free) = query::compile::free_text(text, &self.fields, &self.analyzer, Kind::Letter, &self.empty_fields(&searcher)?, &searcher)? else {
            return Ok(Vec::new());
        };
        let first = of_kind(&self.fields, free.stages.first, free.compiled.exclusive, Kind::Letter);
        let all = of_kind(&self.fields, free.compiled.query, free.compiled.exclusive, Kind::Letter);
        let top = ranking::two_stage(&searcher, &*first, &free.stages.rest, &*all, k.max(1))?;
        self.letter_ids(&searcher, top.into_iter().map(|(_, addr)| addr))
    }

    /// `stages`, when given, ranks what `compiled` matches.
    fn run(&self, compiled: Compiled, stages: Option<Stages>, sections: Option<SectionQuery>, options: &SearchOptions) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let query = self.dated(of_kind(&self.fields, compiled.query.box_clone(), compiled.exclusive, Kind::Letter), options);
        let limit = options.limit.max(1);
        let found: Vec<(f32, DocAddress)> = match (options.sort, stages) {
            (Sort::Relevance, Some(stages)) => {
                let first = self.dated(of_kind(&self.fields, stages.first, compiled.exclusive, Kind::Letter), options);
                ranking::two_stage(&searcher, &*first, &stages.rest, &*query, limit)?
            }
            (Sort::Relevance, None) => ranking::top_k(&searcher, &*query, limit)?,
            (Sort::Date, _) => by_date(&searcher, &*query, limit)?.into_iter().map(|addr| (0.0, addr)).collect(),
        };
        // Each hit's best section (only shown with snippets).
        let mut best: HashMap<DocAddress, SectionHit> = HashMap::new();
        if let Some(sections) = &sections {
            let letters: Vec<DocAddress> = found.iter().map(|&(_, addr)| addr).collect();
            for hit in SectionRanker::new(self, &searcher, sections)?.sections_of(&letters)? {
                // Ties go to the earlier section.
                if best.get(&hit.letter).is_none_or(|b| hit.score > b.score) {
                    best.insert(hit.letter, hit);
                }
            }
        }
        let ranked = found.into_iter().map(|(score, addr)| (score, addr, best.remove(&addr).map(|b| b.span))).collect();
        self.dress(&searcher, &compiled.highlighter, &compiled.cited, options, ranked)
    }

    /// The hits of `ranked` (score, letter document, section), in order. With snippets,
    /// each hit reads and decompresses its letter's stored block and analyses part of
    /// it (most of a query's time), so the hits are dressed in interleaved parts at once,
    /// one per core, on the thread pool, whose threads keep their analyzers' stem caches.
    fn dress(&self, searcher: &Searcher, highlighter: &Highlighter, cited: &[String], options: &SearchOptions, ranked: Vec<(f32, DocAddress, Option<SectionSpan>)>) -> Result<Vec<Hit>> {
        let dress_every = |start: usize, step: usize| -> Result<Vec<Hit>> {
            let mut dresser = Dresser::new(self, searcher, highlighter, cited, options);
            ranked.iter().enumerate().skip(start).step_by(step).map(|(i, (score, addr, span))| dresser.hit(i + 1, *score, *addr, span.clone())).collect()
        };
        // Hits without snippets are cheap: dressed here, without starting the pool (which
        // asking its size does). At least two hits a part, so a part's columns and
        // analyzer serve more than one.
        if !options.snippets || ranked.len() < 4 {
            return dress_every(0, 1);
        }
        let parts = rayon::current_num_threads().min(ranked.len() / 2);
        if parts < 2 {
            return dress_every(0, 1);
        }
        let mut dressed = (0..parts).into_par_iter().map(|part| dress_every(part, parts).map(Vec::into_iter)).collect::<Result<Vec<_>>>()?;
        // Part p holds ranks p, p + parts, …: take one of each in turn.
        Ok((0..ranked.len()).filter_map(|i| dressed[i % parts].next()).collect())
    }

    /// Sections are looked for in the letters that match the query best (the query with
    /// each condition on a section asked of its whole letter), a batch at a time until a
    /// page is full: a letter that matches poorly rarely holds the best section. `letters`
    /// is the same query compiled for letters: what to highlight, which papers are cited.
    fn run_sections(&self, query: SectionQuery, letters: &Compiled, options: &SearchOptions) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let ranker = SectionRanker::new(self, &searcher, &query)?;
        let candidates = self.dated(query.candidates.box_clone(), options);
        let limit = options.limit.max(1);
        let mut batch = (limit * 8).max(64);
        let hits = loop {
            let letters: Vec<DocAddress> = match options.sort {
                Sort::Relevance => ranking::top_k(&searcher, &*candidates, batch)?.into_iter().map(|(_, a)| a).collect(),
                Sort::Date => by_date(&searcher, &*candidates, batch)?,
            };
            let mut hits = ranker.sections_of(&letters)?;
            if options.sort == Sort::Relevance {
                // Stable: ties stay in letter order, then section order.
                hits.sort_by(|a, b| b.score.total_cmp(&a.score));
            }
            if hits.len() >= limit || letters.len() < batch {
                hits.truncate(limit);
                break hits;
            }
            batch = batch.saturating_mul(4);
        };
        let ranked = hits
            .into_iter()
            .map(|h| (if options.sort == Sort::Relevance { h.score } else { 0.0 }, h.letter, Some(h.span)))
            .collect();
        self.dress(&searcher, &letters.highlighter, &letters.cited, options, ranked)
    }

    /// `query` within the options' date range.
    fn dated(&self, query: Box<dyn Query>, options: &SearchOptions) -> Box<dyn Query> {
        if options.from.is_none() && options.to.is_none() {
            return query;
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, query),
            (Occur::Must, filter(date_range(&self.fields, options.from, options.to))),
        ]))
    }

    /// The record of one letter, for `show`.
    pub fn letter(&self, id: &str) -> Result<(LetterRecord, String)> {
        let searcher = self.reader.searcher();
        let addr = letter_doc(&searcher, &self.fields, id)?.ok_or_else(|| Error::UnknownLetter(id.to_string()))?;
        let stores = self.stores(&searcher)?;
        let stored = Body::read(&stores, &searcher, &self.fields, addr)?;
        let record = stored.letter().text(self.fields.record).unwrap_or_default();
        let mut record: LetterRecord = serde_json::from_str(record).map_err(|e| Error::Io {
            context: format!("the stored record of letter {id} is damaged; re-index it"),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        let body = stored.whole()?.into_owned();
        record.sections = outline_of(&searcher, addr)?
            .0
            .iter()
            .map(|s| SectionRecord { heading: s.heading(&body).map(str::to_string), start: s.bytes.start as usize, end: s.bytes.end as usize })
            .collect();
        for c in &mut record.citations {
            c.letter = self.resolve(&c.citation.key)?.filter(|l| l != id);
            c.sentence = crate::record::sentence_of(&body, &c.citation);
        }
        let own = own_keys(&record.id, record.kamerstuk.as_deref(), &record.title);
        record.cited_by = self.citing_letters(&own)?.into_iter().filter(|l| l != id).collect();
        Ok((record, body))
    }
}

/// Turns hit addresses into [`Hit`]s: metadata, section, snippet.
struct Dresser<'a> {
    index: &'a LetterIndex,
    searcher: &'a Searcher,
    highlighter: &'a Highlighter,
    cited: &'a [String],
    options: &'a SearchOptions,
    analyzer: PooledAnalyzer,
    titles: StrValues<'a>,
    dates: HashMap<u32, DateColumns>,
    stores: Option<std::sync::Arc<Vec<tantivy::store::StoreReader>>>,
}

/// A segment's date columns, opened once for all hits in it: opening a column reads
/// its header and block index, which took a sixth of a query that shows ten hits.
struct DateColumns {
    date: Option<Column<DateTime>>,
    inferred: Option<Column<bool>>,
}

impl<'a> Dresser<'a> {
    fn new(index: &'a LetterIndex, searcher: &'a Searcher, highlighter: &'a Highlighter, cited: &'a [String], options: &'a SearchOptions) -> Self {
        Dresser {
            index,
            searcher,
            highlighter,
            cited,
            options,
            analyzer: PooledAnalyzer::default(),
            titles: StrValues::new(searcher, "display_title"),
            dates: HashMap::new(),
            stores: None,
        }
    }

    /// The hit of letter document `addr`, or of its section `section`.
    fn hit(&mut self, rank: usize, score: f32, addr: DocAddress, section: Option<SectionSpan>) -> Result<Hit> {
        // Metadata comes from fast fields; the stored letter (its body) is read only for
        // a snippet or a section's heading.
        let searcher = self.searcher;
        let dates = self.dates.entry(addr.segment_ord).or_insert_with(|| {
            let columns = searcher.segment_reader(addr.segment_ord).fast_fields();
            DateColumns { date: columns.date("date").ok(), inferred: columns.bool("date_inferred").ok() }
        });
        let date = dates.date.as_ref().and_then(|c| c.first(addr.doc_id));
        let date_inferred = dates.inferred.as_ref().and_then(|c| c.first(addr.doc_id)).unwrap_or(false);
        let mut hit = Hit {
            rank,
            score,
            letter: self.index.letter_ids(searcher, std::iter::once(addr))?.pop().unwrap_or_default(),
            title: self.titles.get(addr)?,
            date: date.map(|d| format_date(d.into_utc().date())),
            date_inferred,
            section: None,
            snippet: String::new(),
            highlights: Vec::new(),
        };
        let needs_body = self.options.snippets || (self.options.scope == Scope::Sections && section.as_ref().is_some_and(|s| s.has_heading));
        if !needs_body {
            return Ok(hit);
        }
        let stores = match &self.stores {
            Some(stores) => std::sync::Arc::clone(stores),
            None => std::sync::Arc::clone(self.stores.insert(self.index.stores(searcher)?)),
        };
        let body = Body::read(&stores, searcher, &self.index.fields, addr)?;
        // A hit with a section shows only that section: only the pieces of the body it
        // spans are read, and only its bytes are checked as UTF-8 (checking a
        // regulation's whole body was a tenth of a section search).
        let own = match &section {
            Some(s) => body.range(s.bytes.start as usize..s.bytes.end as usize)?,
            None => None,
        };
        hit.section = section.as_ref().zip(own.as_deref()).and_then(|(s, text)| s.heading_of(text)).map(str::to_string);
        if !self.options.snippets {
            return Ok(hit);
        }
        let mut whole = None;
        if !self.cited.is_empty() {
            // The citing sentence can lie anywhere in the letter.
            let text = whole.insert(body.whole()?);
            if let Some((s, heading)) = self.citing_sentence(addr, body.letter(), text, section.as_ref())? {
                (hit.snippet, hit.highlights, hit.section) = (s.text, s.highlights, heading);
                return Ok(hit);
            }
        }
        let text = match (own, whole) {
            (Some(text), _) | (None, Some(text)) => text,
            (None, None) => body.whole()?,
        };
        let s = self.highlighter.snippet(&mut self.analyzer, &text, self.options.snippet_len);
        hit.snippet = s.text;
        hit.highlights = s.highlights;
        Ok(hit)
    }

    /// For `cites:` queries: the sentence in which the letter (within `section`, when
    /// given) cites one of the asked papers, with the citation marked, and the heading
    /// of the section it is in.
    fn citing_sentence(&mut self, addr: DocAddress, doc: &StoredDoc, body: &str, section: Option<&SectionSpan>) -> Result<Option<(Snippet, Option<String>)>> {
        let record = doc.text(self.index.fields.record).unwrap_or_default();
        let Ok(record) = serde_json::from_str::<LetterRecord>(record) else { return Ok(None) };
        let within = |start: usize| section.is_none_or(|s| (s.bytes.start as usize..s.bytes.end as usize).contains(&start));
        let Some(c) = record.citations.iter().find(|c| self.cited.contains(&c.citation.key) && within(c.citation.start)) else {
            return Ok(None);
        };
        let sentence = &crate::record::sentence_of(body, &c.citation);
        let mut highlights = self.highlighter.matches(&mut self.analyzer, sentence);
        let written = c.citation.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(at) = sentence.find(&written) {
            highlights.push((at, at + written.len()));
            highlights.sort_unstable();
        }
        let heading = match section {
            Some(s) => s.heading(body),
            None => {
                let outline = outline_of(self.searcher, addr)?;
                outline.at_byte(c.citation.start as u32).and_then(|i| outline.0.get(i)).and_then(|s| s.heading(body))
            }
        }
        .map(str::to_string);
        Ok(Some((Snippet { text: sentence.clone(), highlights }, heading)))
    }
}

/// The first `limit` documents matching `query`, newest first.
fn by_date(searcher: &Searcher, query: &dyn Query, limit: usize) -> Result<Vec<DocAddress>> {
    let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("date", Order::Desc))?;
    Ok(top.into_iter().map(|(_, addr)| addr).collect())
}

/// `query` restricted to documents of `kind`; no restriction when only documents of
/// that kind can match it (`exclusive`), so a plain OR of terms keeps block-max WAND.
fn of_kind(f: &Fields, query: Box<dyn Query>, exclusive: bool, kind: Kind) -> Box<dyn Query> {
    if exclusive {
        return query;
    }
    Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, filter(keyword(f.kind, kind.as_str())))]))
}

/// The outline of letter document `addr`; empty when it has none.
fn outline_of(searcher: &Searcher, addr: DocAddress) -> Result<Outline> {
    let Some(column) = searcher.segment_reader(addr.segment_ord).fast_fields().bytes("outline")? else { return Ok(Outline::default()) };
    Ok(sections::read_outline(&column, addr.doc_id, &mut Vec::new())?.unwrap_or_default())
}

/// Where the letter document of letter `id` is.
pub(crate) fn letter_doc(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<DocAddress>> {
    let query = BooleanQuery::new(vec![
        (Occur::Must, keyword(f.kind, kind::LETTER)),
        (Occur::Must, keyword(f.letter, id)),
    ]);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    Ok(top.first().map(|&(_, addr)| addr))
}

pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    str_of(doc, field).map(str::to_string)
}

fn str_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    doc.get_first(field)?.as_str()
}

pub(crate) fn keyword(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

/// A clause that restricts without adding to the score.
pub(crate) fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Letters dated within `[from, to]` (either end open).
pub(crate) fn date_range(f: &Fields, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    use std::ops::Bound;
    if from.is_none() && to.is_none() {
        // `date:[* TO *]`: any dated letter (a range with no bound at all is no query).
        return Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false));
    }
    let bound = |d: Option<Date>, inclusive: bool| match d {
        Some(d) if inclusive => Bound::Included(Term::from_field_date(f.date, date_time(d))),
        Some(d) => Bound::Excluded(Term::from_field_date(f.date, date_time(d))),
        None => Bound::Unbounded,
    };
    // `to` is a whole day: everything before the next midnight.
    let upper = match to.and_then(|d| d.next_day()) {
        Some(next) => bound(Some(next), false),
        None => bound(to, true),
    };
    Box::new(RangeQuery::new(bound(from, true), upper))
}
