//! Cited papers as search results, and the most cited papers.
//!
//! Every place a letter cites a paper is a citation document: the citing sentence and
//! the title the letter gives the paper. A query ranks those documents; they are then
//! grouped by the key of the cited paper, so a paper is found through the words around
//! every citation of it (`Groei van de krijgsmacht` finds `kst-33763-176` because a
//! letter cites it under that title).

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term, TERMINATED};

use super::{date_range, filter, keyword, letter_doc, text_of, SearchOptions};
use crate::index::record::format_date;
use crate::index::schema::{kind, Kind};
use crate::index::stored::{Body, StoredDoc};
use crate::index::{LetterIndex, StrValues};
use crate::query;
use crate::Result;

/// How many citation documents are grouped per query: enough for the top papers of
/// any realistic query without scoring the whole index.
const GROUPED_CITATIONS: usize = 2000;

/// A cited paper and the letters citing it ([`LetterIndex::cited_paper`]).
#[derive(Debug, Clone, Serialize)]
pub struct CitedPaper {
    /// Its key.
    pub key: String,
    /// The letter in the index that is this paper.
    pub in_index: Option<String>,
    /// The title letters give it.
    pub title: Option<String>,
    /// How many letters cite it.
    pub cited_by: usize,
    /// The citing letters read, newest first.
    pub citing: Vec<Citing>,
}

/// One letter citing a paper.
#[derive(Debug, Clone, Serialize)]
pub struct Citing {
    /// The letter id.
    pub letter: String,
    /// Its title.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The sentences it cites the paper in.
    pub sentences: Vec<String>,
    /// How often it cites it.
    pub times: usize,
    /// Whether it answers it (reports on the toezegging or motion).
    pub answers: bool,
}

/// A cited paper.
#[derive(Debug, Clone, Serialize)]
pub struct CitedHit {
    /// 1-based rank.
    pub rank: usize,
    /// The best citation's score, plus a little for each further matching citation.
    pub score: f32,
    /// The cited paper's key (`kst-33763-176`).
    pub key: String,
    /// The title letters give it, the most common one first; null when none does.
    pub title: Option<String>,
    /// How often the index's letters cite it, in all.
    pub count: u64,
    /// The letters that cite it.
    pub cited_by: Vec<String>,
    /// For a toezegging or a motion: the letters that answer it (report on it).
    pub answered_by: Vec<String>,
    /// The letter in the index that is this paper, if any.
    pub in_index: Option<String>,
    /// The letter whose citation matched best.
    pub letter: String,
    /// That letter's date.
    pub date: Option<String>,
    /// The citing sentence.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// A paper and how often it is cited.
#[derive(Debug, Clone, Serialize)]
pub struct MostCited {
    /// The cited paper's key.
    pub key: String,
    /// Citations of it in all letters.
    pub count: u64,
    /// The letters that cite it.
    pub cited_by: Vec<String>,
    /// For a toezegging or a motion: the letters that answer it (report on it).
    pub answered_by: Vec<String>,
    /// The title letters give it, if any.
    pub title: Option<String>,
    /// The letter in the index that is this paper, if any.
    pub in_index: Option<String>,
}

/// A toezegging or motion cited in the index, and the letters that answer it.
#[derive(Debug, Clone, Serialize)]
pub struct Commitment {
    /// Its key (`TZ202604-190`, `kst-36800-X-43` for a motion, `motie-van-baarle`).
    pub key: String,
    /// The letters that cite it.
    pub cited_by: Vec<String>,
    /// The letters that answer it; empty when no letter in the index does yet.
    pub answered_by: Vec<String>,
    /// The title letters give it, if any.
    pub title: Option<String>,
}

impl LetterIndex {
    /// Searches the citations and returns the cited papers, best first.
    pub fn search_citations(&self, query: &str, options: &SearchOptions) -> Result<Vec<CitedHit>> {
        let (ast, _) = query::acronyms::expand(query::parser::parse(query)?);
        let compiled = query::compile::compile(&ast, &self.fields, &self.analyzer, Kind::Citation, &[])?;
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query.box_clone()), (Occur::Must, filter(keyword(f.kind, kind::CITATION)))];
        if options.from.is_some() || options.to.is_some() {
            clauses.push((Occur::Must, filter(date_range(f, options.from, options.to))));
        }
        let found = super::ranking::top_k(&searcher, &BooleanQuery::new(clauses), GROUPED_CITATIONS)?;

        // Group by cited key, keeping the best citation of each. The keys come from
        // their column: each segment's distinct ones in one pass of its dictionary.
        let mut keys = StrValues::new(&searcher, "cited");
        let ords = found.iter().map(|&(_, addr)| Ok(keys.ord(addr)?.map(|ord| (addr.segment_ord, ord)))).collect::<Result<Vec<_>>>()?;
        let mut wanted: Vec<(u32, u64)> = ords.iter().flatten().copied().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut names: HashMap<(u32, u64), String> = HashMap::new();
        for segment in wanted.chunk_by(|a, b| a.0 == b.0) {
            let ords: Vec<u64> = segment.iter().map(|&(_, ord)| ord).collect();
            names.extend(segment.iter().copied().zip(keys.terms(segment[0].0, &ords)?));
        }
        let mut groups: HashMap<String, (f32, f32, DocAddress)> = HashMap::new();
        for ((score, addr), ord) in found.into_iter().zip(ords) {
            let key = ord.and_then(|o| names.get(&o).cloned()).unwrap_or_default();
            let g = groups.entry(key).or_insert((score, 0.0, addr));
            if score > g.0 {
                g.1 += g.0;
                (g.0, g.2) = (score, addr);
            } else {
                g.1 += score;
            }
        }
        let mut ranked: Vec<(String, f32, DocAddress)> = groups.into_iter().map(|(key, (best, rest, addr))| (key, best + 0.1 * rest, addr)).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(options.limit.max(1));

        let mut analyzer = super::snippet::pooled_analyzer();
        ranked
            .into_iter()
            .enumerate()
            .map(|(i, (key, score, addr))| {
                let best: TantivyDocument = searcher.doc(addr)?;
                let sentence = self.citing_sentence(&searcher, addr, &text_of(&best, f.letter).unwrap_or_default())?;
                let snippet = compiled.highlighter.snippet(&mut analyzer, &sentence, options.snippet_len.max(sentence.len()));
                let about = self.about(&searcher, &key)?;
                Ok(CitedHit {
                    rank: i + 1,
                    score,
                    title: about.title,
                    count: about.count,
                    cited_by: about.cited_by,
                    answered_by: about.answered_by,
                    in_index: about.in_index,
                    letter: text_of(&best, f.letter).unwrap_or_default(),
                    date: best.get_first(f.date).and_then(|v| tantivy::schema::Value::as_datetime(&v)).map(|d| format_date(d.into_utc().date())),
                    snippet: snippet.text,
                    highlights: snippet.highlights,
                    key,
                })
            })
            .collect()
    }

    /// The `top` most cited papers: cited by the most letters first, then by the most
    /// citations (one regulation citing a law fifty times is one letter), then by key.
    pub fn most_cited(&self, top: usize) -> Result<Vec<MostCited>> {
        let searcher = self.reader.searcher();
        // Only citation documents have a `cited` key: every live document of each
        // segment is counted by its key's ordinal, with the distinct letters (by the
        // ordinal of their id; a letter's documents lie in one segment), and the keys
        // read in one pass.
        let mut keys = StrValues::new(&searcher, "cited");
        let mut counts: HashMap<String, (u64, u64)> = HashMap::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let segment = segment as u32;
            let alive = reader.alive_bitset();
            let letters = reader.fast_fields().str("letter")?;
            let mut by_ord: Vec<u64> = Vec::new();
            let mut pairs: HashSet<(u64, u64)> = HashSet::new();
            for doc in (0..reader.max_doc()).filter(|&d| !alive.is_some_and(|a| a.is_deleted(d))) {
                if let Some(ord) = keys.ord(DocAddress::new(segment, doc))? {
                    if let Some(letter) = letters.as_ref().and_then(|l| l.term_ords(doc).next()) {
                        pairs.insert((ord, letter));
                    }
                    let ord = ord as usize;
                    if by_ord.len() <= ord {
                        by_ord.resize(ord + 1, 0);
                    }
                    by_ord[ord] += 1;
                }
            }
            let mut letters_by_ord: HashMap<u64, u64> = HashMap::new();
            for (ord, _) in pairs {
                *letters_by_ord.entry(ord).or_default() += 1;
            }
            keys.each_term(segment, |ord, key| match by_ord.get(ord as usize) {
                Some(&n) if n > 0 && !key.is_empty() => {
                    let entry = counts.entry(key.to_string()).or_default();
                    entry.0 += letters_by_ord.get(&ord).copied().unwrap_or(0);
                    entry.1 += n;
                }
                _ => {}
            })?;
        }
        let mut ranked: Vec<(String, (u64, u64))> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(top);
        ranked
            .into_iter()
            .map(|(key, (_, count))| {
                let about = self.about(&searcher, &key)?;
                Ok(MostCited { key, count, cited_by: about.cited_by, answered_by: about.answered_by, title: about.title, in_index: about.in_index })
            })
            .collect()
    }

    /// Every toezegging and motion the index's letters cite, with the letters that
    /// answer it: those no letter answers yet first, then by key.
    pub fn commitments(&self) -> Result<Vec<Commitment>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut keys: Vec<String> = Vec::new();
        for reader in searcher.segment_readers() {
            let inverted = reader.inverted_index(f.commitments)?;
            let mut terms = inverted.terms().stream().map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                keys.push(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        keys.sort();
        keys.dedup();
        let mut found = Vec::with_capacity(keys.len());
        for key in keys {
            let cited_by = self.distinct_letter_ids(&searcher, live_postings(&searcher, f.commitments, &key)?.into_iter())?;
            if cited_by.is_empty() {
                // Only deleted letters cited it.
                continue;
            }
            let about = self.about(&searcher, &key)?;
            found.push(Commitment { answered_by: about.answered_by, title: about.title, cited_by, key });
        }
        found.sort_by(|a, b| (!a.answered_by.is_empty()).cmp(&!b.answered_by.is_empty()).then_with(|| a.key.cmp(&b.key)));
        Ok(found)
    }

    /// A cited paper and the letters that cite it, newest first, each with the
    /// sentences it cites it in and whether it answers it: `None` when no letter in the
    /// index is or cites `key`. `key` may be written any way a citation is
    /// (`Kamerstuk 33 763, nr. 96`); at most `limit` citing letters are read.
    pub fn cited_paper(&self, key: &str, limit: usize) -> Result<Option<CitedPaper>> {
        let Some(key) = crate::cite::normalize(key) else { return Ok(None) };
        let letters = self.citing_letters(std::slice::from_ref(&key))?;
        let in_index = self.resolve(&key)?;
        if letters.is_empty() && in_index.is_none() {
            return Ok(None);
        }
        let mut paper = CitedPaper { key: key.clone(), in_index, title: None, cited_by: letters.len(), citing: Vec::new() };
        for id in letters.iter().take(limit) {
            let (record, _) = self.letter(id)?;
            let about: Vec<_> = record.citations.iter().filter(|c| c.citation.key == key).collect();
            if paper.title.is_none() {
                paper.title = about.iter().find_map(|c| c.citation.title.clone());
            }
            let mut sentences: Vec<String> = about.iter().map(|c| c.sentence.clone()).filter(|s| !s.is_empty()).collect();
            sentences.dedup();
            paper.citing.push(Citing {
                letter: record.id,
                title: record.title,
                date: record.meta.date.map(crate::index::record::format_date),
                answers: about.iter().any(|c| c.citation.answers),
                times: about.len(),
                sentences,
            });
        }
        paper.citing.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.letter.cmp(&b.letter)));
        Ok(Some(paper))
    }

    /// The letter in the index that is the paper with this key, if any.
    pub fn resolve(&self, key: &str) -> Result<Option<String>> {
        self.letter_with_key(&self.reader.searcher(), key)
    }

    /// The letters that cite any of `keys`, in id order.
    pub fn citing_letters(&self, keys: &[String]) -> Result<Vec<String>> {
        self.letters_citing(&self.reader.searcher(), keys.iter().map(String::as_str))
    }

    /// The letters of `searcher` that cite any of `keys`, in id order: the letter
    /// documents with a key in `cites` (one a letter, where a law has several citations
    /// a letter), their ids from the column the searcher keeps decoded.
    fn letters_citing<'k>(&self, searcher: &Searcher, keys: impl Iterator<Item = &'k str>) -> Result<Vec<String>> {
        let mut letters = Vec::new();
        for key in keys {
            letters.extend(live_postings(searcher, self.fields.cites, key)?);
        }
        self.distinct_letter_ids(searcher, letters.into_iter())
    }

    fn letter_with_key(&self, searcher: &Searcher, key: &str) -> Result<Option<String>> {
        let f = &self.fields;
        let query = BooleanQuery::new(vec![(Occur::Must, keyword(f.own_keys, key)), (Occur::Must, keyword(f.kind, kind::LETTER))]);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some(&(_, addr)) => Ok(text_of(&searcher.doc::<TantivyDocument>(addr)?, f.letter)),
            None => Ok(None),
        }
    }

    /// Everything the index knows about a cited paper: how often and by whom it is
    /// cited, the title letters give it, and whether it is itself in the index.
    fn about(&self, searcher: &Searcher, key: &str) -> Result<About> {
        let f = &self.fields;
        let docs = live_postings(searcher, f.cited, key)?;
        let stores = self.stores(searcher)?;
        let norms = searcher.segment_readers().iter().map(|r| r.get_fieldnorms_reader(f.citation_title)).collect::<tantivy::Result<Vec<_>>>()?;
        // A title is read only from a citation whose title field holds a word (its
        // norm says so; laws, cited thousands of times, never have a title, and a
        // title of stop words alone is no title to show), in document order: the
        // citations of a letter lie together in the store, so each store block is
        // decompressed once for all of them, not once a citation.
        let mut titles: HashMap<String, usize> = HashMap::new();
        for &addr in &docs {
            if norms[addr.segment_ord as usize].fieldnorm_id(addr.doc_id) == 0 {
                continue;
            }
            if let Some(t) = StoredDoc::read(&stores, searcher, addr)?.text(f.citation_title) {
                *titles.entry(t.to_string()).or_default() += 1;
            }
        }
        let cited_by = self.letters_citing(searcher, std::iter::once(key))?;
        let answered_by = self.distinct_letter_ids(searcher, live_postings(searcher, f.answers, key)?.into_iter())?;
        let title = titles.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).map(|(t, _)| t);
        Ok(About { count: docs.len() as u64, cited_by, answered_by, title, in_index: self.letter_with_key(searcher, key)? })
    }

    /// The sentence in which citation document `addr` of letter `letter` cites,
    /// whitespace collapsed: a span of the letter's body, which citation documents do
    /// not store.
    fn citing_sentence(&self, searcher: &Searcher, addr: DocAddress, letter: &str) -> Result<String> {
        let columns = searcher.segment_reader(addr.segment_ord).fast_fields();
        let at = |name: &str| columns.u64(name).ok().and_then(|c| c.first(addr.doc_id)).unwrap_or(0) as usize;
        let (start, end) = (at("start"), at("end"));
        let Some(letter) = letter_doc(searcher, &self.fields, letter)? else { return Ok(String::new()) };
        let stores = self.stores(searcher)?;
        Body::read(&stores, searcher, &self.fields, letter)?.sentence_at(start, end)
    }
}

/// The live documents with `key` in keyword field `field`, in address order: for
/// `cited` a paper's citation documents, for `cites` the letters that cite it (only
/// documents of that kind have the field). A law's thousands of citations were
/// gathered into a hash set and sorted.
fn live_postings(searcher: &Searcher, field: Field, key: &str) -> Result<Vec<DocAddress>> {
    let term = Term::from_field_text(field, key);
    let mut docs = Vec::new();
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let Some(mut postings) = reader.inverted_index(field)?.read_postings(&term, IndexRecordOption::Basic).map_err(tantivy::TantivyError::from)? else {
            continue;
        };
        let alive = reader.alive_bitset();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                docs.push(DocAddress::new(segment as u32, doc));
            }
            doc = postings.advance();
        }
    }
    Ok(docs)
}

struct About {
    count: u64,
    cited_by: Vec<String>,
    answered_by: Vec<String>,
    title: Option<String>,
    in_index: Option<String>,
}

#[cfg(test)]
mod tests {
    use tantivy::DocAddress;

    use crate::index::schema::kind;
    use crate::index::stored::tests::long_letter;
    use crate::LetterIndex;

    #[test]
    fn a_citing_sentence_read_around_its_citation_is_the_one_read_from_the_whole_letter() {
        // Four pieces of text and dozens of citations: most sentences are found in the
        // text around them, some near the ends of the letter or of a piece.
        let long = long_letter();
        let index = LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        writer.add(&long).expect("add");
        writer.finish().expect("commit");
        index.reload().expect("reload");
        let searcher = index.reader.searcher();
        let reader = searcher.segment_reader(0);
        let kinds = reader.fast_fields().str("kind").expect("column").expect("kinds");
        let at = |name: &str, doc| reader.fast_fields().u64(name).expect("column").first(doc).expect("value") as usize;
        let mut checked = 0;
        for doc in 0..reader.max_doc() {
            let mut k = String::new();
            kinds.ord_to_str(kinds.term_ords(doc).next().expect("kind"), &mut k).expect("kind");
            if k != kind::CITATION {
                continue;
            }
            let (start, end) = (at("start", doc), at("end", doc));
            let sentence = index.citing_sentence(&searcher, DocAddress::new(0, doc), "long").expect("sentence");
            assert_eq!(sentence, crate::index::record::sentence_at(&long.body, start, end), "{start}..{end}");
            assert!(!sentence.is_empty());
            checked += 1;
        }
        assert!(checked >= 20, "{checked} citations");
    }
}
