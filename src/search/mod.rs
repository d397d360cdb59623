//! Searching: running a query over letters or sections, ranking, and dressing each hit
//! with its letter's metadata, best section and a snippet.

mod best_per_letter;
pub mod cited;
pub mod snippet;

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};
use time::Date;

use crate::index::{date_time, LetterIndex, StrValues};
use crate::query::{self, compile::Compiled};
use crate::record::{format_date, own_keys, LetterRecord};
use crate::schema::{kind, Fields, Kind};
use crate::{Error, Result};

pub use cited::{CitedHit, MostCited};
pub use snippet::{Highlighter, Snippet};

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// One hit per letter, naming its best section.
    #[default]
    Letters,
    /// One hit per section.
    Sections,
}

impl Scope {
    /// The kind of document a hit is.
    pub fn kind(self) -> Kind {
        match self {
            Scope::Letters => Kind::Letter,
            Scope::Sections => Kind::Section,
        }
    }
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
    /// Build snippets and name each letter hit's best section (costs a search over its
    /// sections and a pass over its text); without, hits carry metadata only.
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
        let compile = |kind| query::compile::compile(&ast, &self.fields, &self.analyzer, kind);
        let compiled = compile(options.scope.kind())?;
        // A letter hit names its best section: the same query over its sections.
        let sections = match options.scope {
            Scope::Letters => Some(compile(Kind::Section)?),
            Scope::Sections => None,
        };
        self.run(compiled, sections, options)
    }

    /// Searches free text (not query syntax): any of its words, ranked.
    pub fn search_text(&self, text: &str, options: &SearchOptions) -> Result<Vec<Hit>> {
        let compile = |kind| query::compile::free_text(text, &self.fields, &self.analyzer, kind);
        match compile(options.scope.kind()) {
            Some(compiled) => self.run(compiled, compile(Kind::Section).filter(|_| options.scope == Scope::Letters), options),
            None => Ok(Vec::new()),
        }
    }

    /// The ids of the `k` letters that best match free text, best first: the lean path
    /// for evaluation and benchmarks (ids come from a fast field; no stored document is
    /// read).
    pub fn rank_letters(&self, text: &str, k: usize) -> Result<Vec<String>> {
        let Some(compiled) = query::compile::free_text(text, &self.fields, &self.analyzer, Kind::Letter) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let query = of_kind(&self.fields, compiled.query, compiled.exclusive, Kind::Letter);
        let top = searcher.search(&*query, &TopDocs::with_limit(k.max(1)).order_by_score())?;
        self.letter_ids(&searcher, top.into_iter().map(|(_, addr)| addr))
    }

    fn run(&self, compiled: Compiled, sections: Option<Compiled>, options: &SearchOptions) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut query = of_kind(f, compiled.query.box_clone(), compiled.exclusive, options.scope.kind());
        if options.from.is_some() || options.to.is_some() {
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::Must, filter(date_range(f, options.from, options.to))),
            ]));
        }
        let limit = options.limit.max(1);
        let found: Vec<(f32, DocAddress)> = match options.sort {
            Sort::Relevance => searcher.search(&*query, &TopDocs::with_limit(limit).order_by_score())?,
            Sort::Date => searcher
                .search(&*query, &TopDocs::with_limit(limit).order_by_fast_field::<DateTime>("date", Order::Desc))?
                .into_iter()
                .map(|(_, addr)| (0.0, addr))
                .collect(),
        };
        let best_sections = match (&sections, options.scope, options.snippets) {
            (Some(sections), Scope::Letters, true) if !found.is_empty() => {
                let letters = self.letter_ids(&searcher, found.iter().map(|&(_, addr)| addr))?;
                best_sections(&searcher, f, sections, &letters)?
            }
            _ => HashMap::new(),
        };
        let mut dresser = Dresser {
            index: self,
            searcher: &searcher,
            compiled: &compiled,
            best_sections,
            options,
            analyzer: self.analyzer.clone(),
            bodies: HashMap::new(),
        };
        found.into_iter().enumerate().map(|(i, (score, addr))| dresser.hit(i + 1, score, addr)).collect()
    }

    /// The record of one letter, for `show`.
    pub fn letter(&self, id: &str) -> Result<(LetterRecord, String)> {
        let searcher = self.reader.searcher();
        let doc = letter_doc(&searcher, &self.fields, id)?.ok_or_else(|| Error::UnknownLetter(id.to_string()))?;
        let record = text_of(&doc, self.fields.record).unwrap_or_default();
        let mut record: LetterRecord = serde_json::from_str(&record).map_err(|e| Error::Io {
            context: format!("the stored record of letter {id} is damaged; re-index it"),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })?;
        let body = text_of(&doc, self.fields.body).unwrap_or_default();
        for c in &mut record.citations {
            c.letter = self.resolve(&c.citation.key)?.filter(|l| l != id);
            c.sentence = crate::record::sentence_of(&body, &c.citation);
        }
        let own = own_keys(&record.id, record.kamerstuk.as_deref(), &record.title);
        record.cited_by = self.citing_letters(&own)?.into_iter().filter(|l| l != id).collect();
        Ok((record, body))
    }
}

/// Turns hit addresses into [`Hit`]s: metadata, best section, snippet.
struct Dresser<'a> {
    index: &'a LetterIndex,
    searcher: &'a Searcher,
    compiled: &'a Compiled,
    /// The best section of each hit's letter (letter hits with snippets only).
    best_sections: HashMap<String, (f32, DocAddress)>,
    options: &'a SearchOptions,
    analyzer: tantivy::tokenizer::TextAnalyzer,
    bodies: HashMap<String, String>,
}

impl Dresser<'_> {
    fn hit(&mut self, rank: usize, score: f32, addr: DocAddress) -> Result<Hit> {
        // Metadata comes from fast fields; a stored document (the letter's body) is read
        // only for a snippet.
        let letter = fast_str(self.searcher, addr, "letter")?;
        let section_range = match (self.options.scope, self.options.snippets) {
            (Scope::Sections, _) => section_of(self.searcher, addr)?,
            (Scope::Letters, true) => match self.best_sections.get(&letter) {
                Some(&(_, section)) => section_of(self.searcher, section)?,
                None => None,
            },
            (Scope::Letters, false) => None,
        };
        let columns = self.searcher.segment_reader(addr.segment_ord).fast_fields();
        let date = columns.date("date").ok().and_then(|c| c.first(addr.doc_id));
        let mut hit = Hit {
            rank,
            score,
            title: fast_str(self.searcher, addr, "display_title")?,
            date: date.map(|d| format_date(d.into_utc().date())),
            date_inferred: columns.bool("date_inferred").ok().and_then(|c| c.first(addr.doc_id)).unwrap_or(false),
            section: section_range.as_ref().and_then(|s| s.0.clone()),
            snippet: String::new(),
            highlights: Vec::new(),
            letter,
        };
        if !self.options.snippets {
            return Ok(hit);
        }
        let doc: Option<TantivyDocument> = match self.options.scope {
            Scope::Letters => Some(self.searcher.doc(addr)?),
            Scope::Sections => None,
        };
        if !self.compiled.cited.is_empty() {
            if let Some((s, section)) = self.citing_sentence(doc.as_ref(), &hit.letter)? {
                (hit.snippet, hit.highlights, hit.section) = (s.text, s.highlights, section);
                return Ok(hit);
            }
        }
        let body = match &doc {
            Some(doc) => text_of(doc, self.index.fields.body).unwrap_or_default(),
            None => self.body_of(&hit.letter)?,
        };
        let (start, end) = section_range.map(|s| (s.1, s.2)).unwrap_or((0, body.len()));
        let text = body.get(start..end).unwrap_or(&body);
        let s = self.compiled.highlighter.snippet(&mut self.analyzer, text, self.options.snippet_len);
        hit.snippet = s.text;
        hit.highlights = s.highlights;
        Ok(hit)
    }

    /// For `cites:` queries: the sentence in which the hit's letter cites one of the
    /// asked papers, with the citation marked.
    fn citing_sentence(&mut self, doc: Option<&TantivyDocument>, letter: &str) -> Result<Option<(Snippet, Option<String>)>> {
        let f = &self.index.fields;
        let owned;
        let letter_doc = if let Some(doc) = doc {
            doc
        } else {
            match letter_doc(self.searcher, f, letter)? {
                Some(d) => {
                    owned = d;
                    &owned
                }
                None => return Ok(None),
            }
        };
        let record = text_of(letter_doc, f.record).unwrap_or_default();
        let Ok(record) = serde_json::from_str::<LetterRecord>(&record) else { return Ok(None) };
        let Some(c) = record.citations.iter().find(|c| self.compiled.cited.contains(&c.citation.key)) else {
            return Ok(None);
        };
        let sentence = &crate::record::sentence_of(&text_of(letter_doc, f.body).unwrap_or_default(), &c.citation);
        let mut highlights = self.compiled.highlighter.matches(&mut self.analyzer, sentence);
        let written = c.citation.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(at) = sentence.find(&written) {
            highlights.push((at, at + written.len()));
            highlights.sort_unstable();
        }
        let section = record.sections.iter().find(|s| s.start <= c.citation.start && c.citation.start < s.end);
        Ok(Some((Snippet { text: sentence.clone(), highlights }, section.and_then(|s| s.heading.clone()))))
    }

    fn body_of(&mut self, letter: &str) -> Result<String> {
        if let Some(b) = self.bodies.get(letter) {
            return Ok(b.clone());
        }
        let f = &self.index.fields;
        let body = letter_doc(self.searcher, f, letter)?.and_then(|d| text_of(&d, f.body)).unwrap_or_default();
        self.bodies.insert(letter.to_string(), body.clone());
        Ok(body)
    }
}

/// The best-scoring section of each of `letters` for the compiled section query, by
/// letter id: one search for a page of hits.
fn best_sections(searcher: &Searcher, f: &Fields, sections: &Compiled, letters: &[String]) -> Result<HashMap<String, (f32, DocAddress)>> {
    let of_letters = tantivy::query::TermSetQuery::new(letters.iter().map(|id| Term::from_field_text(f.letter, id)));
    let query = BooleanQuery::new(vec![
        (Occur::Must, of_kind(f, sections.query.box_clone(), sections.exclusive, Kind::Section)),
        (Occur::Must, filter(Box::new(of_letters))),
    ]);
    Ok(searcher.search(&query, &best_per_letter::BestPerLetter)?)
}

/// `query` restricted to documents of `kind`; no restriction when only documents of
/// that kind can match it (`exclusive`), so a plain OR of terms keeps block-max WAND.
fn of_kind(f: &Fields, query: Box<dyn Query>, exclusive: bool, kind: Kind) -> Box<dyn Query> {
    if exclusive {
        return query;
    }
    Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, filter(keyword(f.kind, kind.as_str())))]))
}

/// A section document's heading and byte range, from fast fields.
fn section_of(searcher: &Searcher, addr: DocAddress) -> Result<Option<(Option<String>, usize, usize)>> {
    let columns = searcher.segment_reader(addr.segment_ord).fast_fields();
    let at = |name: &str| columns.u64(name).ok().and_then(|c| c.first(addr.doc_id));
    let (Some(start), Some(end)) = (at("start"), at("end")) else { return Ok(None) };
    let heading = Some(fast_str(searcher, addr, "heading")?).filter(|h| !h.is_empty());
    Ok(Some((heading, start as usize, end as usize)))
}

/// One document's value of a string fast field; empty when it has none.
fn fast_str(searcher: &Searcher, addr: DocAddress, field: &'static str) -> Result<String> {
    StrValues::new(searcher, field).get(addr)
}

fn letter_doc(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<TantivyDocument>> {
    let query = BooleanQuery::new(vec![
        (Occur::Must, keyword(f.kind, kind::LETTER)),
        (Occur::Must, keyword(f.letter, id)),
    ]);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    match top.first() {
        Some(&(_, addr)) => Ok(Some(searcher.doc(addr)?)),
        None => Ok(None),
    }
}

pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)?.as_str().map(str::to_string)
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
