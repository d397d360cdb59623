//! Searching: running a query over letters or sections, ranking, and dressing each hit
//! with its letter's metadata, best section and a snippet.

mod cited;
mod facets;
mod ranked;
mod ranking;
mod sections;
pub(crate) mod snippet;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument};
use time::Date;

use crate::index::outline::{Outline, SectionSpan};
use crate::index::record::{format_date, own_keys, LetterRecord, SectionRecord};
use crate::index::schema::{kind, Fields, Kind};
use crate::index::{LetterIndex, StrValues};
pub(crate) use crate::query::compile::filters::{date_range, filter, keyword};
use crate::query::compile::sections::{compile_sections, free_text_sections, SectionQuery};
use crate::query::{
    self,
    compile::{Compiled, Stages},
};
use crate::{Error, Result};

use crate::analyse::pool::Pooled;
use crate::index::stored::{Body, StoredDoc};
pub use cited::{CitedHit, CitedPaper, Citing, Commitment, MostCited};
use facets::FacetCollector;
pub use facets::{FacetValue, Facets};
use query::compile::Clauses;
use ranked::Tiers;
use sections::{SectionHit, SectionRanker};
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

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// How the clauses of a query combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Plain words (no operator, field, quotes or prefix: what people paste) are
    /// ranked as [`Matching::Any`]; a query with syntax is [`Matching::All`].
    #[default]
    Auto,
    /// Every word or clause must match: the query language.
    All,
    /// Any may match, ranked: letters (or sections) with every word first, then the
    /// best of those with some. Operators, fields and phrases keep their meaning
    /// within each clause.
    Any,
}

/// How to search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Letters or sections.
    pub scope: Scope,
    /// Relevance or date.
    pub sort: Sort,
    /// How the words combine.
    pub matching: Matching,
    /// At most this many hits.
    pub limit: usize,
    /// Skip this many hits first (the page after `offset`).
    pub offset: usize,
    /// Only letters dated on or after this day.
    pub from: Option<Date>,
    /// Only letters dated on or before this day.
    pub to: Option<Date>,
    /// With `from` or `to`: whether letters without a date are kept (the default;
    /// [`Found::undated`] counts them), as nothing says they fall outside the range.
    /// The query language's `date:` holds dated letters only.
    pub keep_undated: bool,
    /// Build snippets and name each letter hit's best section (costs a read of its
    /// positions and a pass over its text); without, hits carry metadata only (and a
    /// section hit its heading).
    pub snippets: bool,
    /// Snippet length in bytes, about.
    pub snippet_len: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            scope: Scope::Letters,
            sort: Sort::Relevance,
            matching: Matching::Auto,
            limit: 10,
            offset: 0,
            from: None,
            to: None,
            keep_undated: true,
            snippets: true,
            snippet_len: 240,
        }
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
    /// In a ranked search ([`Matching::Any`]): whether the hit holds every word (or
    /// clause); `None` when every hit must.
    pub all_words: Option<bool>,
}

/// How many letters or sections match: counted exactly up to 10,000, beyond that at
/// least this many (a common word's letters are most of a collection, and counting
/// them all cost more than ranking them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The number.
    pub n: usize,
    /// False when there are more than `n`.
    pub exact: bool,
}

/// A page of hits and what they were taken from. Reads as the slice of its hits.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Found {
    /// The hits of the page, best (or newest) first.
    pub hits: Vec<Hit>,
    /// How many letters (or sections) match in all.
    pub total: Count,
    /// In a ranked search: how many of `total` hold every word (they come first).
    pub all_words: Option<Count>,
    /// When a date range keeps undated letters: how many of `total` have no date.
    pub undated: Option<Count>,
}

impl std::ops::Deref for Found {
    type Target = [Hit];

    fn deref(&self) -> &[Hit] {
        &self.hits
    }
}

impl<'a> IntoIterator for &'a Found {
    type Item = &'a Hit;
    type IntoIter = std::slice::Iter<'a, Hit>;

    fn into_iter(self) -> Self::IntoIter {
        self.hits.iter()
    }
}

impl IntoIterator for Found {
    type Item = Hit;
    type IntoIter = std::vec::IntoIter<Hit>;

    fn into_iter(self) -> Self::IntoIter {
        self.hits.into_iter()
    }
}

/// How much a letter's opening section counts against its later sections when
/// naming a letter hit's best section (and taking its snippet from it).
const OPENING_WEIGHT: f32 = 0.25;

/// A query compiled for one scope.
enum Plan {
    Letters(LetterSearch),
    Sections { query: SectionQuery, compiled: Compiled, ranked: bool },
}

/// A query for letters, compiled.
struct LetterSearch {
    /// What matches, and its whole score.
    compiled: Compiled,
    /// Free text: the same score in two stages.
    stages: Option<Stages>,
    /// A ranked search: the words or clauses, any of which may match.
    clauses: Option<Clauses>,
    /// The same query for sections, to name a letter hit's best section.
    sections: Option<SectionQuery>,
}

impl LetterIndex {
    /// Searches: plain words ranked, the query language's syntax as it reads (see
    /// [`Matching`]), a page of letters or sections.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Found> {
        match self.plan(query, options.scope, options.matching, options.snippets)? {
            Plan::Letters(search) => self.run(search, options),
            Plan::Sections { query, compiled, ranked } => self.run_sections(query, &compiled, ranked, options),
        }
    }

    /// How the letters `query` matches divide by year, sender, kind of document and
    /// kinds of paper cited: every match within `options`' dates, not only a page.
    pub fn facets(&self, query: &str, options: &SearchOptions) -> Result<Facets> {
        let Plan::Letters(search) = self.plan(query, Scope::Letters, options.matching, false)? else { unreachable!("a plan for letters is for letters") };
        let searcher = self.reader.searcher();
        let exclusive = search.compiled.exclusive;
        let matching = self.dated(of_kind(&self.fields, search.compiled.query, exclusive, Kind::Letter), options);
        Ok(searcher.search(&*matching, &FacetCollector)?.into())
    }

    /// The byte ranges of `text` that `query` matches, as a snippet marks them (stems,
    /// compounds, whole phrases only), sorted and not overlapping: to mark a letter's
    /// text for the query that found it.
    pub fn highlights(&self, query: &str, text: &str) -> Result<Vec<(usize, usize)>> {
        let Plan::Letters(search) = self.plan(query, Scope::Letters, Matching::Auto, false)? else { unreachable!("a plan for letters is for letters") };
        Ok(search.compiled.highlighter.matches(&mut snippet::pooled_analyzer(), text))
    }

    /// `query` compiled for `scope`; `snippets` also compiles what names a letter's best section.
    fn plan(&self, query: &str, scope: Scope, matching: Matching, snippets: bool) -> Result<Plan> {
        let (f, analyzer) = (&self.fields, &self.analyzer);
        let searcher = self.reader.searcher();
        let empty = self.empty_fields(&searcher)?;
        let plain = query::parser::is_plain(query);
        let ranked = match matching {
            Matching::Auto => plain,
            Matching::All => false,
            Matching::Any => true,
        };
        if ranked && plain {
            // An acronym and its name stand for each other, in the words and in what
            // ranks them.
            let (words, synonyms) = query::acronyms::expand(query::parser::plain_words(query)?);
            let ranked_text = format!("{query}{synonyms}");
            let Some(free) = query::compile::free_text(&ranked_text, f, analyzer, Kind::Letter, &empty, &searcher)? else {
                return Err(stop_words_only(&words));
            };
            let clauses = self.clauses(&words, &empty, true)?;
            return match scope {
                Scope::Letters => {
                    let sections = snippets.then(|| free_text_sections(&words, f, analyzer)).transpose()?.flatten();
                    Ok(Plan::Letters(LetterSearch { compiled: free.compiled, stages: Some(free.stages), clauses, sections }))
                }
                Scope::Sections => match free_text_sections(&words, f, analyzer)? {
                    Some(sections) => Ok(Plan::Sections { query: sections, compiled: free.compiled, ranked: true }),
                    None => Err(stop_words_only(&words)),
                },
            };
        }
        let (ast, _) = query::acronyms::expand(query::parser::parse(query)?);
        let loosened = if ranked { ast.any_clause() } else { None };
        let (asked, clauses) = match &loosened {
            Some(any) => (any, self.clauses(&ast, &empty, false)?),
            None => (&ast, None),
        };
        let compiled = query::compile::compile(asked, f, analyzer, Kind::Letter, &empty)?;
        match scope {
            Scope::Letters => {
                // A letter hit with a snippet names its best section: the same query over
                // its sections.
                let sections = snippets.then(|| compile_sections(asked, f, analyzer)).transpose()?;
                Ok(Plan::Letters(LetterSearch { compiled, stages: None, clauses, sections }))
            }
            Scope::Sections => {
                let ranked = clauses.is_some();
                Ok(Plan::Sections { query: compile_sections(asked, f, analyzer)?, compiled, ranked })
            }
        }
    }

    /// The clauses of a ranked search over `node` (`plain` words, or `a b -c`).
    fn clauses(&self, node: &query::ast::Query, empty: &[tantivy::schema::Field], plain: bool) -> Result<Option<Clauses>> {
        let clauses = query::compile::clauses(node, &self.fields, &self.analyzer, empty, plain)?;
        Ok((!clauses.each.is_empty()).then_some(clauses))
    }

    /// A page of letters: with `every`, those with every word first.
    fn run(&self, search: LetterSearch, options: &SearchOptions) -> Result<Found> {
        let searcher = self.reader.searcher();
        let LetterSearch { compiled, stages, clauses, sections } = search;
        let exclusive = compiled.exclusive;
        let matching = self.dated(of_kind(&self.fields, compiled.query.box_clone(), exclusive, Kind::Letter), options);
        let want = options.offset.saturating_add(options.limit.max(1));
        // Stage one of the free-text ranking, restricted as the whole is.
        let first_stage = stages.as_ref().map(|s| self.dated(of_kind(&self.fields, s.first.box_clone(), exclusive, Kind::Letter), options));
        // The best `k` letters of the query, of those `within` matches when given: ranked
        // in two stages when the query has them (scoring every word over every field of
        // each letter costs several times more), else in one.
        let rank = |within: Option<&dyn Query>, k: usize| -> Result<Vec<(f32, DocAddress)>> {
            let restrict = |q: Box<dyn Query>| -> Box<dyn Query> {
                match within {
                    Some(within) => Box::new(BooleanQuery::new(vec![(Occur::Must, filter(within.box_clone())), (Occur::Must, q)])),
                    None => q,
                }
            };
            let query = restrict(matching.box_clone());
            match (options.sort, &stages, &first_stage) {
                (Sort::Relevance, Some(stages), Some(first)) => ranking::two_stage(&searcher, &*restrict(first.box_clone()), &stages.rest, &*query, k),
                (Sort::Relevance, _, _) => ranking::top_k(&searcher, &*query, k),
                (Sort::Date, _, _) => Ok(by_date(&searcher, &*query, k)?.into_iter().map(|addr| (0.0, addr)).collect()),
            }
        };
        type Tiered = (Vec<(f32, DocAddress, Option<bool>)>, Count, Option<Count>, Option<Count>);
        let (found, total, all_words, undated): Tiered = match clauses {
            None => {
                let found = rank(None, want)?.into_iter().map(|(s, a)| (s, a, None)).collect();
                (found, ranked::count(&searcher, &*matching)?, None, self.undated_among(&searcher, &*matching, options)?)
            }
            Some(clauses) => {
                // Clauses on letters' own fields need no filter on kind (which the walks
                // would have to intersect with every letter).
                let kind_filter = (!clauses.exclusive).then(|| keyword(self.fields.kind, kind::LETTER));
                let within = match kind_filter {
                    Some(kind) => Some(self.dated(kind, options)),
                    None if options.from.is_some() || options.to.is_some() => Some(self.dated(Box::new(AllQuery), options)),
                    None => None,
                };
                let tiers = Tiers::read(&searcher, &clauses, within.as_deref())?;
                let (found, complete) = match options.sort {
                    Sort::Relevance => ranked::rank(&tiers, want, |k, within| rank(within, k), |docs| ranking::score(&searcher, &*matching, docs))?,
                    // By date: the letters with every clause, then those with some.
                    Sort::Date => {
                        let each = || clauses.each.iter().map(|q| q.box_clone());
                        let all: Box<dyn Query> = Box::new(BooleanQuery::new(each().map(|q| (Occur::Must, q)).collect()));
                        let some: Box<dyn Query> = Box::new(BooleanQuery::new(each().map(|q| (Occur::Should, q)).collect()));
                        let within = |q: Box<dyn Query>| {
                            self.dated(Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Must, filter(matching.box_clone()))])), options)
                        };
                        let by = |q: Box<dyn Query>, k| by_date(&searcher, &*within(q), k);
                        let complete = ranked::count(&searcher, &*within(all.box_clone()))?;
                        let first = by(all, want)?;
                        let seen: std::collections::HashSet<DocAddress> = first.iter().copied().collect();
                        let rest = if first.len() < want { by(some, want + first.len())? } else { Vec::new() };
                        let rest = rest.into_iter().filter(|a| !seen.contains(a)).take(want - first.len());
                        (first.into_iter().map(|a| (0.0, a, true)).chain(rest.map(|a| (0.0, a, false))).collect(), complete)
                    }
                };
                let undated = match self.undated_among(&searcher, &*matching, options)? {
                    Some(_) => Some(tiers.total_within(&*undated())?),
                    None => None,
                };
                (found.into_iter().map(|(s, a, all)| (s, a, Some(all))).collect(), tiers.total(), Some(complete), undated)
            }
        };
        let page: Vec<(f32, DocAddress, Option<bool>)> = found.into_iter().skip(options.offset).collect();
        // Each hit's best section (only shown with snippets).
        let mut best: HashMap<DocAddress, SectionHit> = HashMap::new();
        if let Some(sections) = &sections {
            let letters: Vec<DocAddress> = page.iter().map(|&(_, addr, _)| addr).collect();
            // Ties go to the earlier section; a section with text beats a bare heading,
            // and a later section beats the opening unless the opening matches at least
            // four times as well: the opening of a regulation is its title and preamble
            // ("Wij Beatrix, … Gelet op …"), of a letter its address and salutation. On
            // the defence regulations, 10 queries: 6 of 30 snippets were a preamble at
            // 1, 0 at 1/4 (1/2 still took it where the collection is small).
            let weight = |h: &SectionHit| if h.span.bytes.start == 0 { h.score * OPENING_WEIGHT } else { h.score };
            for hit in SectionRanker::new(self, &searcher, sections)?.sections_of(&letters)? {
                if best.get(&hit.letter).is_none_or(|b| (!hit.heading_only, weight(&hit)) > (!b.heading_only, weight(b))) {
                    best.insert(hit.letter, hit);
                }
            }
        }
        let ranked = page.into_iter().map(|(score, addr, all)| Ranked { score, addr, section: best.remove(&addr).map(|b| b.span), all_words: all }).collect();
        let hits = self.dress(&searcher, &compiled.highlighter, &compiled.cited, options, ranked)?;
        Ok(Found { hits, total, all_words, undated })
    }

    /// How many of what `query` matches have no date, when a date range keeps them.
    fn undated_among(&self, searcher: &Searcher, query: &dyn Query, options: &SearchOptions) -> Result<Option<Count>> {
        if (options.from.is_none() && options.to.is_none()) || !options.keep_undated {
            return Ok(None);
        }
        let undated = BooleanQuery::new(vec![(Occur::Must, query.box_clone()), (Occur::Must, filter(undated()))]);
        Ok(Some(ranked::count(searcher, &undated)?))
    }

    /// The hits of `ranked`, in order. With snippets,
    /// each hit reads and decompresses its letter's stored block and analyses part of
    /// it (most of a query's time), so the hits are dressed in interleaved parts at once,
    /// one per core, on the thread pool, whose threads keep their analyzers' stem caches.
    fn dress(&self, searcher: &Searcher, highlighter: &Highlighter, cited: &[String], options: &SearchOptions, ranked: Vec<Ranked>) -> Result<Vec<Hit>> {
        let dress_every = |start: usize, step: usize| -> Result<Vec<Hit>> {
            let mut dresser = Dresser::new(self, searcher, highlighter, cited, options);
            ranked.iter().enumerate().skip(start).step_by(step).map(|(i, r)| dresser.hit(options.offset + i + 1, r)).collect()
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
    /// `ranked`: sections with every word (clause) come first. A section that is only
    /// a heading comes after those with text.
    fn run_sections(&self, query: SectionQuery, letters: &Compiled, ranked: bool, options: &SearchOptions) -> Result<Found> {
        let searcher = self.reader.searcher();
        let ranker = SectionRanker::new(self, &searcher, &query)?;
        let candidates = self.dated(query.candidates.box_clone(), options);
        let want = options.offset.saturating_add(options.limit.max(1));
        let mut batch = (want * 8).max(64);
        let (mut hits, examined) = loop {
            let letters: Vec<DocAddress> = match options.sort {
                Sort::Relevance => ranking::top_k(&searcher, &*candidates, batch)?.into_iter().map(|(_, a)| a).collect(),
                Sort::Date => by_date(&searcher, &*candidates, batch)?,
            };
            let hits = ranker.sections_of(&letters)?;
            if hits.len() >= want || letters.len() < batch {
                break (hits, letters);
            }
            batch = batch.saturating_mul(4);
        };
        let order = |h: &SectionHit| (ranked && !h.complete, h.heading_only);
        if options.sort == Sort::Relevance {
            // Stable: ties stay in letter order, then section order.
            hits.sort_by(|a, b| order(a).cmp(&order(b)).then(b.score.total_cmp(&a.score)));
        } else {
            hits.sort_by_key(order);
        }
        // The sections of the letters looked into; when there are more letters, at
        // least that many (ranking every section of a common word's letters takes
        // reading all their positions).
        let exhausted = examined.len() < batch;
        let total = Count { n: hits.len(), exact: exhausted };
        let all_words = Count { n: hits.iter().filter(|h| h.complete).count(), exact: exhausted };
        let undated = match self.undated_among(&searcher, &*candidates, options)? {
            Some(_) => {
                let undated: std::collections::HashSet<DocAddress> = searcher
                    .search(
                        &BooleanQuery::new(vec![(Occur::Must, candidates.box_clone()), (Occur::Must, filter(undated()))]),
                        &tantivy::collector::DocSetCollector,
                    )?
                    .into_iter()
                    .collect();
                Some(Count { n: hits.iter().filter(|h| undated.contains(&h.letter)).count(), exact: exhausted })
            }
            None => None,
        };
        let ranked_hits = hits
            .into_iter()
            .skip(options.offset)
            .take(options.limit.max(1))
            .map(|h| Ranked {
                score: if options.sort == Sort::Relevance { h.score } else { 0.0 },
                addr: h.letter,
                all_words: ranked.then_some(h.complete),
                section: Some(h.span),
            })
            .collect();
        let hits = self.dress(&searcher, &letters.highlighter, &letters.cited, options, ranked_hits)?;
        Ok(Found { hits, total, all_words: ranked.then_some(all_words), undated })
    }

    /// `query` within the options' date range (and, unless asked otherwise, the
    /// letters without a date).
    fn dated(&self, query: Box<dyn Query>, options: &SearchOptions) -> Box<dyn Query> {
        if options.from.is_none() && options.to.is_none() {
            return query;
        }
        let range = date_range(&self.fields, options.from, options.to);
        let within: Box<dyn Query> =
            if options.keep_undated { Box::new(BooleanQuery::new(vec![(Occur::Should, range), (Occur::Should, undated())])) } else { range };
        Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, filter(within))]))
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
            c.sentence = crate::index::record::sentence_of(&body, &c.citation);
        }
        let own = own_keys(&record.id, record.meta.kamerstuk.as_deref(), &record.title);
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
    analyzer: Pooled,
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
            analyzer: snippet::pooled_analyzer(),
            titles: StrValues::new(searcher, "display_title"),
            dates: HashMap::new(),
            stores: None,
        }
    }

    /// The hit of a letter document, or of its section.
    fn hit(&mut self, rank: usize, ranked: &Ranked) -> Result<Hit> {
        let Ranked { score, addr, ref section, all_words } = *ranked;
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
            all_words,
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
        let Some(c) =
            record.citations.iter().find(|c| self.cited.iter().any(|asked| crate::cite::same_paper(asked, &c.citation.key)) && within(c.citation.start))
        else {
            return Ok(None);
        };
        let sentence = &crate::index::record::sentence_of(body, &c.citation);
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

/// A hit before it is dressed.
struct Ranked {
    score: f32,
    addr: DocAddress,
    /// The hit's section (for a letter: its best one, when snippets are shown).
    section: Option<SectionSpan>,
    all_words: Option<bool>,
}

/// Letters (any document) without a date.
fn undated() -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery)),
        (Occur::MustNot, Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false))),
    ]))
}

/// The error for plain words that are all stop words.
fn stop_words_only(words: &query::ast::Query) -> Error {
    Error::Query {
        position: words.span.start,
        message: "the query has only stop words (like `de`, `van`, `het`) or nothing to search for; add a content word".into(),
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
pub(crate) fn outline_of(searcher: &Searcher, addr: DocAddress) -> Result<Outline> {
    let Some(column) = searcher.segment_reader(addr.segment_ord).fast_fields().bytes("outline")? else { return Ok(Outline::default()) };
    Ok(sections::read_outline(&column, addr.doc_id, &mut Vec::new())?.unwrap_or_default())
}

/// Where the letter document of letter `id` is.
pub(crate) fn letter_doc(searcher: &Searcher, f: &Fields, id: &str) -> Result<Option<DocAddress>> {
    let query = BooleanQuery::new(vec![(Occur::Must, keyword(f.kind, kind::LETTER)), (Occur::Must, keyword(f.letter, id))]);
    let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    Ok(top.first().map(|&(_, addr)| addr))
}

pub(crate) fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    str_of(doc, field).map(str::to_string)
}

fn str_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<&str> {
    doc.get_first(field)?.as_str()
}
