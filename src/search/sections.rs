//! Ranking sections from their letters' positions.
//!
//! A section is a range of its letter's positions ([`Outline`]), so a section query
//! reads, for each letter worth looking into, the positions of the query's words in the
//! letter's `text` and counts what falls in each section (or its heading). Each section
//! is then scored with BM25 as tantivy would score a document of its own: term
//! frequency within the section, its length against the average section, and the
//! rarity of the word among letters. Conditions on the whole letter (its title, sender,
//! date, …) are tantivy queries, asked once per letter.

use std::collections::HashMap;

use tantivy::columnar::BytesColumn;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, Term};

use crate::index::outline::{Outline, SectionSpan};
use crate::index::stored::Body;
use crate::index::LetterIndex;
use crate::query::compile::prefix_successor;
use crate::query::compile::sections::{Leaf, Plan, SectionQuery, Within};
use crate::query::compile::stop_phrase::Pattern;
use crate::{analyse, Error, Result};

/// BM25 parameters, as tantivy's.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// At most this many words of the index stand in for one prefix in a section.
const PREFIX_TERMS: usize = 64;

/// A section that matches.
#[derive(Debug, Clone)]
pub(crate) struct SectionHit {
    /// Its letter's document.
    pub letter: DocAddress,
    /// Where it lies.
    pub span: SectionSpan,
    /// BM25 score.
    pub score: f32,
    /// When the plan is an `OR` of words or clauses (a ranked search): whether the
    /// section holds every one of them.
    pub complete: bool,
    /// The section is its heading alone, with no text under it.
    pub heading_only: bool,
}

/// Evaluates one [`SectionQuery`] on the sections of given letters.
pub(crate) struct SectionRanker<'a> {
    searcher: &'a Searcher,
    /// `text`: a heading's words are the first words of its section's text.
    text: Field,
    leaves: Vec<&'a Leaf>,
    tree: Tree,
    /// Per leaf: tantivy's weight for a letter condition.
    weights: Vec<Option<Box<dyn Weight>>>,
    /// Per leaf and variant: the IDF weight of a word or phrase (`idf * (K1 + 1)`).
    idf: Vec<Vec<f32>>,
    /// Per `cites:` leaf: the byte offsets of the citations, by letter id.
    cited_at: Vec<Option<HashMap<String, Vec<u32>>>>,
    index: &'a LetterIndex,
    avg_text: f32,
    avg_heading: f32,
}

/// The plan's shape, with leaves by number.
enum Tree {
    Leaf(usize),
    And(Vec<Tree>),
    Or(Vec<Tree>),
    Not(Box<Tree>),
}

/// What a leaf says of one letter.
enum Value {
    /// A score per section; 0 where it does not hold.
    PerSection(Vec<f32>),
    /// The same for every section of the letter.
    Letter(Option<f32>),
}

impl<'a> SectionRanker<'a> {
    /// Prepares `query` for `searcher`: weights, word rarities, citation offsets.
    pub fn new(index: &'a LetterIndex, searcher: &'a Searcher, query: &'a SectionQuery) -> Result<SectionRanker<'a>> {
        let mut leaves = Vec::new();
        let tree = shape(&query.plan, &mut leaves);
        let (text, section) = (index.fields.text, index.fields.section);
        let (letters, sections) = index.section_count(searcher)?;
        let sections = sections.max(1) as f32;
        let tokens = |field: Field| -> Result<f32> {
            let mut total = 0u64;
            for reader in searcher.segment_readers() {
                total += reader.inverted_index(field)?.total_num_tokens();
            }
            Ok(total as f32)
        };
        let avg_text = (tokens(text)? / sections).max(1.0);
        let avg_heading = (tokens(section)? / sections).max(1.0);
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let mut weights = Vec::with_capacity(leaves.len());
        let mut idf = Vec::with_capacity(leaves.len());
        let mut cited_at = Vec::with_capacity(leaves.len());
        for leaf in &leaves {
            weights.push(match leaf {
                Leaf::Letter(q) => Some(q.weight(scoring)?),
                _ => None,
            });
            idf.push(match leaf {
                Leaf::Words { within, variants, .. } => {
                    let field = if *within == Within::Text { text } else { section };
                    let mut per_variant = Vec::with_capacity(variants.len());
                    for v in variants {
                        let mut sum = 0.0;
                        for (_, term) in v {
                            let df = searcher.doc_freq(&Term::from_field_text(field, term))? as f32;
                            let n = letters as f32;
                            sum += (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0);
                        }
                        per_variant.push(sum * (K1 + 1.0));
                    }
                    per_variant
                }
                _ => Vec::new(),
            });
            cited_at.push(match leaf {
                Leaf::Cites(key) => Some(citations_of(index, searcher, key)?),
                _ => None,
            });
        }
        Ok(SectionRanker { searcher, text, leaves, tree, weights, idf, cited_at, index, avg_text, avg_heading })
    }

    /// Every matching section of `letters`, in the order of `letters`, then of the
    /// sections within each.
    pub fn sections_of(&self, letters: &[DocAddress]) -> Result<Vec<SectionHit>> {
        let mut order: Vec<usize> = (0..letters.len()).collect();
        order.sort_by_key(|&i| (letters[i].segment_ord, letters[i].doc_id));
        let mut found: Vec<Vec<SectionHit>> = vec![Vec::new(); letters.len()];
        let mut at = 0;
        while at < order.len() {
            let segment = letters[order[at]].segment_ord;
            let end = at + order[at..].iter().take_while(|&&i| letters[i].segment_ord == segment).count();
            let mut segment_state = self.segment(segment)?;
            for &i in &order[at..end] {
                found[i] = segment_state.sections(self, letters[i])?;
            }
            at = end;
        }
        Ok(found.into_iter().flatten().collect())
    }

    /// Zeroes the scores of the sections whose text does not hold phrase `stops` with
    /// its stop words in their places.
    fn keep_phrase(&self, letter: DocAddress, outline: &Outline, stops: &Pattern, scores: &mut [f32]) -> Result<()> {
        if scores.iter().all(|&s| s == 0.0) {
            return Ok(());
        }
        let stores = self.index.stores(self.searcher)?;
        let body = Body::read(&stores, self.searcher, &self.index.fields, letter)?;
        let mut analyzer = analyse::pool::Pooled::lend(analyse::pool::Kind::Exact);
        for (score, span) in scores.iter_mut().zip(&outline.0).filter(|(s, _)| **s > 0.0) {
            let text = body.range(span.bytes.start as usize..span.bytes.end as usize)?;
            if !text.is_some_and(|t| stops.found_in(&t, &mut analyzer)) {
                *score = 0.0;
            }
        }
        Ok(())
    }

    fn segment(&self, ord: u32) -> Result<SegmentState> {
        let reader = self.searcher.segment_reader(ord);
        let mut postings = Vec::with_capacity(self.leaves.len());
        let mut scorers = Vec::with_capacity(self.leaves.len());
        for (leaf, weight) in self.leaves.iter().zip(&self.weights) {
            postings.push(match leaf {
                Leaf::Words { variants, .. } => {
                    let mut per_variant = Vec::with_capacity(variants.len());
                    for v in variants {
                        let mut slots = Vec::with_capacity(v.len());
                        for (offset, term) in v {
                            let postings = read_postings(reader, &Term::from_field_text(self.text, term))?;
                            slots.push((*offset as u32, postings.into_iter().collect()));
                        }
                        per_variant.push(slots);
                    }
                    per_variant
                }
                Leaf::Prefix { prefix, .. } => vec![vec![(0, prefix_postings(reader, self.text, prefix)?)]],
                _ => Vec::new(),
            });
            scorers.push(match weight {
                Some(w) => Some(w.scorer(reader, 1.0)?),
                None => None,
            });
        }
        let outlines = reader.fast_fields().bytes("outline")?;
        Ok(SegmentState { ord, postings, scorers, outlines, bytes: Vec::new() })
    }

    /// BM25 of `tf` matches in `len` tokens.
    fn bm25(&self, idf: f32, tf: u32, len: u32, within: Within) -> f32 {
        let avg = if within == Within::Text { self.avg_text } else { self.avg_heading };
        let tf = tf as f32;
        idf * tf / (tf + K1 * (1.0 - B + B * len as f32 / avg))
    }
}

/// One word of a phrase: its relative position and its postings (for a prefix, the
/// words it stands for, any of which will do).
type Slot = (u32, Vec<SegmentPostings>);

/// Per segment: the postings of each leaf's words and the scorers of letter conditions,
/// advanced letter by letter in document order.
struct SegmentState {
    ord: u32,
    /// Per leaf, per variant: its words.
    postings: Vec<Vec<Vec<Slot>>>,
    scorers: Vec<Option<Box<dyn Scorer>>>,
    outlines: Option<BytesColumn>,
    bytes: Vec<u8>,
}

impl SegmentState {
    fn sections(&mut self, ranker: &SectionRanker, letter: DocAddress) -> Result<Vec<SectionHit>> {
        let doc = letter.doc_id;
        let Some(outline) = self.outline(doc)? else { return Ok(Vec::new()) };
        let n = outline.0.len();
        let mut values = Vec::with_capacity(ranker.leaves.len());
        for (i, leaf) in ranker.leaves.iter().enumerate() {
            values.push(match leaf {
                Leaf::Words { within, slop, weight, stops, .. } => {
                    let mut scores = vec![0.0f32; n];
                    for v in 0..self.postings[i].len() {
                        let tf = self.matches(i, v, doc, *slop, *within, &outline);
                        for (s, &count) in tf.iter().enumerate() {
                            if count > 0 {
                                let span = &outline.0[s];
                                let len = if *within == Within::Text { span.len() } else { span.heading_end - span.positions.start };
                                scores[s] += weight * ranker.bm25(ranker.idf[i][v], count, len, *within);
                            }
                        }
                    }
                    if let Some(stops) = stops {
                        ranker.keep_phrase(letter, &outline, stops, &mut scores)?;
                    }
                    Value::PerSection(scores)
                }
                Leaf::Prefix { within, weight, .. } => {
                    let tf = self.matches(i, 0, doc, 0, *within, &outline);
                    Value::PerSection(tf.into_iter().map(|c| if c > 0 { *weight } else { 0.0 }).collect())
                }
                Leaf::Letter(_) => Value::Letter(match self.scorers[i].as_mut() {
                    Some(scorer) => {
                        if scorer.doc() < doc {
                            scorer.seek(doc);
                        }
                        (scorer.doc() == doc).then(|| scorer.score())
                    }
                    None => None,
                }),
                Leaf::Cites(_) => {
                    let mut cites = vec![0.0f32; n];
                    if let Some(by_letter) = &ranker.cited_at[i] {
                        let id = ranker.index.letter_ids(ranker.searcher, std::iter::once(letter))?.pop().unwrap_or_default();
                        for &byte in by_letter.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
                            if let Some(s) = outline.at_byte(byte) {
                                cites[s] = 1.0;
                            }
                        }
                    }
                    Value::PerSection(cites)
                }
            });
        }
        let mut hits = Vec::new();
        for (s, span) in outline.0.into_iter().enumerate() {
            if let Some(score) = eval(&ranker.tree, &values, s) {
                let complete = complete(&ranker.tree, &values, s);
                let heading_only = span.has_heading && span.heading_end >= span.positions.end;
                hits.push(SectionHit { letter: DocAddress::new(self.ord, doc), span, score, complete, heading_only });
            }
        }
        Ok(hits)
    }

    fn outline(&mut self, doc: DocId) -> Result<Option<Outline>> {
        let Some(column) = &self.outlines else { return Ok(None) };
        read_outline(column, doc, &mut self.bytes)
    }

    /// Per section, how often variant `v` of leaf `i` occurs in `doc` within it (or its
    /// heading): every word of a phrase within `slop` of its place.
    fn matches(&mut self, i: usize, v: usize, doc: DocId, slop: u32, within: Within, outline: &Outline) -> Vec<u32> {
        let mut tf = vec![0u32; outline.0.len()];
        let slots = &mut self.postings[i][v];
        // Positions of each word in `doc`; a missing word means no match.
        let mut lists: Vec<(u32, Vec<u32>)> = Vec::with_capacity(slots.len());
        for (offset, alternatives) in slots.iter_mut() {
            let mut positions = Vec::new();
            for p in alternatives.iter_mut() {
                if p.doc() < doc {
                    p.seek(doc);
                }
                if p.doc() == doc {
                    p.append_positions_with_offset(0, &mut positions);
                }
            }
            if positions.is_empty() {
                return tf;
            }
            if alternatives.len() > 1 {
                positions.sort_unstable();
            }
            lists.push((*offset, positions));
        }
        // The positions of section `s` (or of its heading) the words must lie in.
        let range = |s: usize| {
            let span = &outline.0[s];
            match within {
                Within::Text => span.positions.clone(),
                Within::Heading => span.heading_positions(),
            }
        };
        let Some(((first_offset, first), rest)) = lists.split_first() else { return tf };
        for &p in first {
            let Some(base) = p.checked_sub(*first_offset) else { continue };
            let Some(s) = outline.at_position(p) else { continue };
            let section = range(s);
            if !section.contains(&p) {
                continue;
            }
            // Each other word within `slop` of its place, inside the same section (a
            // loose slop lets it stand anywhere in the section).
            let all = rest.iter().all(|(offset, positions)| {
                let want = base.saturating_add(*offset);
                let low = want.saturating_sub(slop).max(section.start);
                let high = want.saturating_add(slop).min(section.end.saturating_sub(1));
                let from = positions.partition_point(|&q| q < low);
                positions.get(from).is_some_and(|&q| q <= high)
            });
            if all {
                tf[s] += 1;
            }
        }
        tf
    }
}

/// Numbers the plan's leaves (into `leaves`) and keeps its shape.
fn shape<'a>(plan: &'a Plan, leaves: &mut Vec<&'a Leaf>) -> Tree {
    match plan {
        Plan::Leaf(leaf) => {
            leaves.push(leaf);
            Tree::Leaf(leaves.len() - 1)
        }
        Plan::And(children) => Tree::And(children.iter().map(|c| shape(c, leaves)).collect()),
        Plan::Or(children) => Tree::Or(children.iter().map(|c| shape(c, leaves)).collect()),
        Plan::Not(inner) => Tree::Not(Box::new(shape(inner, leaves))),
    }
}

/// The score of section `s` under `tree`; `None` when it does not match.
fn eval(tree: &Tree, values: &[Value], s: usize) -> Option<f32> {
    match tree {
        Tree::Leaf(i) => match &values[*i] {
            Value::PerSection(scores) => scores.get(s).copied().filter(|&x| x > 0.0),
            Value::Letter(score) => *score,
        },
        Tree::And(children) => children.iter().map(|c| eval(c, values, s)).sum(),
        Tree::Or(children) => children.iter().filter_map(|c| eval(c, values, s)).reduce(|a, b| a + b),
        Tree::Not(inner) => match eval(inner, values, s) {
            Some(_) => None,
            None => Some(0.0),
        },
    }
}

/// Whether section `s` holds every alternative of the plan's top-level `OR` (for a
/// plan `(a OR b) -c`, of its first clause); true for any other plan.
fn complete(tree: &Tree, values: &[Value], s: usize) -> bool {
    match tree {
        Tree::Or(children) => children.iter().all(|c| eval(c, values, s).is_some()),
        Tree::And(children) => {
            children.first().is_some_and(|first| matches!(first, Tree::Or(_)) && complete(first, values, s)) || !matches!(children.first(), Some(Tree::Or(_)))
        }
        _ => true,
    }
}

fn read_postings(reader: &SegmentReader, term: &Term) -> Result<Option<SegmentPostings>> {
    reader.inverted_index(term.field())?.read_postings(term, IndexRecordOption::WithFreqsAndPositions).map_err(postings_error)
}

/// The postings of the first [`PREFIX_TERMS`] words of `field` that start with `prefix`.
fn prefix_postings(reader: &SegmentReader, field: Field, prefix: &str) -> Result<Vec<SegmentPostings>> {
    let index = reader.inverted_index(field)?;
    let range = index.terms().range().ge(prefix.as_bytes());
    let range = match prefix_successor(prefix) {
        Some(next) => range.lt(next.as_bytes()),
        None => range,
    };
    let mut stream = range.into_stream().map_err(postings_error)?;
    let mut found = Vec::new();
    while found.len() < PREFIX_TERMS && stream.advance() {
        found.push(index.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqsAndPositions).map_err(postings_error)?);
    }
    Ok(found)
}

fn postings_error(source: std::io::Error) -> Error {
    Error::Io { context: "cannot read the postings of the index".into(), source }
}

/// The byte offsets at which letters cite `key`, by letter id, from the citation
/// documents.
fn citations_of(index: &LetterIndex, searcher: &Searcher, key: &str) -> Result<HashMap<String, Vec<u32>>> {
    let query = crate::query::compile::key_query(index.fields.cited, key);
    let docs = searcher.search(&*query, &tantivy::collector::DocSetCollector)?;
    let addrs: Vec<DocAddress> = docs.into_iter().collect();
    let ids = index.letter_ids(searcher, addrs.iter().copied())?;
    let mut by_letter: HashMap<String, Vec<u32>> = HashMap::new();
    for (addr, id) in addrs.into_iter().zip(ids) {
        let start = searcher.segment_reader(addr.segment_ord).fast_fields().u64("start")?.first(addr.doc_id);
        if let Some(start) = start {
            by_letter.entry(id).or_default().push(start as u32);
        }
    }
    Ok(by_letter)
}

/// The outline of letter document `doc` from the segment's `outline` column (`bytes`
/// is scratch space); `None` when it has none or it does not decode.
pub(crate) fn read_outline(column: &BytesColumn, doc: DocId, bytes: &mut Vec<u8>) -> Result<Option<Outline>> {
    let Some(ord) = column.term_ords(doc).next() else { return Ok(None) };
    bytes.clear();
    column.ord_to_bytes(ord, bytes).map_err(|source| Error::Io { context: "cannot read the sections of a letter from the index".into(), source })?;
    Ok(Outline::decode(bytes))
}
