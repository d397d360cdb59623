//! Compiling a query tree into a tantivy query, and into a [`Highlighter`] that marks
//! what it matched in snippets.
//!
//! Words and phrases go through the same Dutch analyzer as the index. A written word
//! that analyses to several tokens (a hyphenated compound `re-integratie`, `36800-X`)
//! becomes a phrase of its parts OR, where the analyzer gave a joined form, that form:
//! `re-integratie` matches `re-integratie`, `reintegratie` and, through the parts,
//! `re-integratieproces` is found by `integratieproces`. A word that analyses to
//! nothing (a stop word) constrains nothing and is dropped.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, InvertedIndexRangeQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field as IndexField, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::index::schema::Fields;
use crate::index::schema::Kind;
use crate::query::ast::{Field, Query as Node, QueryKind, Span};
use crate::query::highlight::{Highlighter, PhraseTarget};
use crate::{analyse, cite, Error, Result};
use any_of::AnyOf;
pub(crate) use excluded::excluded;
use filters::filter;
use stop_phrase::{Pattern, StopWordPhrase};

mod any_of;
mod excluded;
pub(crate) mod filters;
pub mod sections;
mod statistics;
pub(crate) mod stop_phrase;

use statistics::KindScoped;

/// A compiled query and what to highlight for it.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// What to mark in snippets.
    pub highlighter: Highlighter,
    /// The citation keys the query asks for (`cites:`), not negated: a hit's snippet is
    /// then the sentence that cites one of them.
    pub cited: Vec<String>,
    /// True when only documents of the compiled kind can match, so the search needs no
    /// filter on `kind` (which would keep tantivy from skipping blocks of postings).
    pub exclusive: bool,
}

/// A compiled node: its query, and whether only documents of the kind can match it.
struct Part {
    query: Box<dyn Query>,
    exclusive: bool,
}

/// The fields searched when a word names none, with their weights.
const DEFAULT_FIELDS: &[(Field, f32)] =
    &[(Field::Title, 2.0), (Field::Subject, 2.0), (Field::Section, 1.5), (Field::Text, 1.0), (Field::Sender, 0.5), (Field::Signer, 0.5)];

/// The weight of `text_truncated` in free text for letters. Measured on the Belgian
/// answers (see `scripts/compare-relevance`): truncated words conflate what the stemmer
/// keeps apart (`zwangere`, `zwangerschap`; `werkneemsters`, `werknemers`) and find
/// compounds by their parts (`drugsgebruik` finds `gebruik van drugs`), and lift MRR@10
/// from 0.52 to 0.57. The stemmed `text` stays, so a word that matches in both forms
/// scores highest. (A stemmed copy with compound parts added 0.003 more and a fifth of
/// the index; it was dropped.)
const TRUNCATED_WEIGHT: f32 = 3.5;

/// The distinct terms of `text` as `text_truncated` holds them: the words' own forms,
/// and the parts of solid compounds that are no word's own form (a part follows its
/// compound with the compound's offsets; a hyphenated compound's written parts have
/// offsets of their own, and are words). The analyzer lives per thread: its cache of
/// compound splits then outlasts one query, and splitting a word costs dozens of
/// word-list lookups.
fn truncated_terms(text: &str) -> TruncatedTerms {
    let tokens = analyse::tokens(&mut analyse::pool::Pooled::lend(analyse::pool::Kind::Truncated), text);
    let (mut words, mut parts) = (Vec::new(), Vec::new());
    // The offsets of the last word that is no part.
    let mut word = None;
    for t in tokens {
        if word == Some((t.start, t.end)) {
            parts.push(t.text);
        } else {
            word = Some((t.start, t.end));
            words.push(t.text);
        }
    }
    let words = distinct(words);
    let mut parts = distinct(parts);
    parts.retain(|p| words.binary_search(p).is_err());
    TruncatedTerms { words, parts }
}

/// A query's terms in `text_truncated`.
struct TruncatedTerms {
    words: Vec<String>,
    parts: Vec<String>,
}

/// Compiles free text, not query syntax: every distinct analysed term of `text`, OR-ed
/// over the default fields and, for letters, `text_truncated` (the
/// protocol the evaluation uses), weighted with BM25 statistics of the documents of
/// `kind` only. Fields in `empty` (no document has a term in them) are left out: a
/// word's query in one matches nothing but still costs a term weight, and a collection
/// without senders or subjects would pay for it on every word. `searcher` tells common
/// words from rare ones (see [`Stages`]). `None` when the text holds no searchable word.
pub fn free_text(text: &str, fields: &Fields, analyzer: &TextAnalyzer, kind: Kind, empty: &[IndexField], searcher: &Searcher) -> Result<Option<FreeText>> {
    let mut c = Compiler { fields, kind, analyzer: analyzer.clone(), highlighter: Highlighter::default(), cited: Vec::new(), empty, loose: false };
    let terms = distinct(c.analyze(text).into_iter().map(|t| t.term).collect());
    if terms.is_empty() {
        return Ok(None);
    }
    let weighted =
        |field: IndexField, term: &str, weight: f32| -> Box<dyn Query> { Box::new(BoostQuery::new(term_query(Term::from_field_text(field, term)), weight)) };
    let pairs = word_pairs(&c.analyze(text));
    let (mut all, mut first, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    // Every query goes into the whole, and into stage one or (`later`) stage two.
    let mut place = |q: Box<dyn Query>, later: bool| {
        if later {
            rest.push(c.scoped(q.box_clone()));
        } else {
            first.push((Occur::Should, q.box_clone()));
        }
        all.push((Occur::Should, q));
    };
    for t in &terms {
        for (f, field, weight) in c.searched_fields() {
            place(weighted(field, t, weight), kind == Kind::Letter && STAGE_TWO.contains(&f));
        }
    }
    let grouped: Vec<Vec<(usize, String)>> = terms.iter().filter_map(|t| digit_groups(t)).collect();
    for groups in grouped.iter().cloned() {
        // `33763` also as written in groups (`33 763`), in the text.
        let groups = groups.into_iter().map(|(p, t)| (p, Term::from_field_text(fields.text, &t))).collect();
        place(Box::new(PhraseQuery::new_with_offset(groups)), false);
    }
    if kind == Kind::Letter {
        let truncated = truncated_terms(text);
        let common = common_words(searcher, fields, &truncated.words)?;
        let words = truncated.words.iter().zip(common);
        for (t, later) in words.chain(truncated.parts.iter().map(|p| (p, true))) {
            place(weighted(fields.text_truncated, t, TRUNCATED_WEIGHT), later);
        }
    }
    if kind == Kind::Letter {
        // Each pair of the query's words near each other in the text: a letter that
        // writes them together speaks of what the query asks more surely than one with
        // the words far apart. Only the candidates of stage two are asked (a pair reads
        // positions); the whole, which matches and counts, holds the words alone.
        for (a, b) in &pairs {
            let terms = vec![(0, Term::from_field_text(fields.text, &a.1)), (b.0 - a.0, Term::from_field_text(fields.text, &b.1))];
            rest.push(c.scoped(Box::new(BoostQuery::new(Box::new(PhraseQuery::new_with_offset_and_slop(terms, PAIR_SLOP)), PAIR_WEIGHT))));
        }
    }
    c.highlighter.terms.extend(terms);
    c.highlighter.phrases.extend(grouped.into_iter().map(|terms| PhraseTarget { terms, slop: 0 }));
    let exclusive = c.exclusive(None);
    // Flat ORs of boosted term queries: tantivy scores them with block-max WAND.
    let query = c.scoped(Box::new(BooleanQuery::new(all)));
    let stages = Stages { first: c.scoped(Box::new(BooleanQuery::new(first))), rest };
    Ok(Some(FreeText { compiled: Compiled { query, highlighter: c.highlighter, cited: Vec::new(), exclusive }, stages }))
}

/// The clauses of a ranked search, each as the query language matches it (a word
/// stemmed in a default field, a compound as itself or its parts).
pub struct Clauses {
    /// One query per wanted clause: the letters that hold it.
    pub each: Vec<Box<dyn Query>>,
    /// Per clause, for a compound of plain words: the letters that hold a part of it
    /// (`bankensector` is partly held by a letter that speaks of `banken`); `None`
    /// where that is `each`'s.
    pub partly: Vec<Option<Box<dyn Query>>>,
    /// What must not match (the `-c` of `a b -c`), if anything, ready for a `MustNot`
    /// clause (wrapped by `excluded`).
    pub excluded: Option<Box<dyn Query>>,
    /// True when only letters can match each clause (no filter on `kind` needed).
    pub exclusive: bool,
}

/// The clauses of `node`: for `a b -c` (or plain words) one per wanted clause, and
/// the excluded; any other query is one clause. Stop words are no clauses. With
/// `plain` (the words of a plain query) a written word's parts may stand anywhere.
pub fn clauses(node: &Node, fields: &Fields, analyzer: &TextAnalyzer, empty: &[IndexField], plain: bool) -> Result<Clauses> {
    let mut c =
        Compiler { fields, kind: Kind::Letter, analyzer: analyzer.clone(), highlighter: Highlighter::default(), cited: Vec::new(), empty, loose: plain };
    let children = match &node.kind {
        QueryKind::And(children) => children.as_slice(),
        _ => std::slice::from_ref(node),
    };
    let (mut each, mut partly, mut unwanted) = (Vec::new(), Vec::new(), Vec::new());
    let mut exclusive = true;
    for child in children {
        match &child.kind {
            QueryKind::Not(inner) => unwanted.extend(c.node(inner, None, true)?.map(|p| (Occur::Should, p.query))),
            _ => {
                if let Some(p) = c.node(child, None, false)? {
                    exclusive &= p.exclusive;
                    each.push(p.query);
                    partly.push(match &child.kind {
                        QueryKind::Term(raw) if plain => c.any_part(raw),
                        _ => None,
                    });
                }
            }
        }
    }
    let excluded = (!unwanted.is_empty()).then(|| excluded(Box::new(BooleanQuery::new(unwanted))));
    Ok(Clauses { each, partly, excluded, exclusive })
}

/// How far apart (in words, either way) a pair of the query's words may be to count as
/// near, and the weight of a near pair. Belgian answers, MRR@10 (even / odd queries):
/// no pairs 0.5599 / 0.5727; weight 0.5 within 2 words 0.5611 / 0.5763, within 5
/// 0.5634 / 0.5756; weight 1 within 5 0.5610 / 0.5767; weight 2 within 2 0.5591 /
/// 0.5758 (chosen on the even half). Scoring pairs in one stage with the words too
/// gave 0.5623 / 0.5738.
const PAIR_SLOP: u32 = 5;
const PAIR_WEIGHT: f32 = 0.5;

/// Each word of analysed query text with the next one, by position: words only, not a
/// compound's parts (a joined compound stands for them) or a second term at a
/// position.
fn word_pairs(toks: &[Tok]) -> Vec<((usize, String), (usize, String))> {
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut covered = 0;
    for t in toks {
        if t.position < covered || words.last().is_some_and(|(p, _)| *p == t.position) {
            continue;
        }
        if t.position_length > 1 {
            covered = t.position + t.position_length;
        }
        words.push((t.position, t.term.clone()));
    }
    words.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect()
}

/// Which of the truncated `words` are common: in more than [`COMMON_SHARE`] of the
/// letters, all but the rarest word of the query.
fn common_words(searcher: &Searcher, fields: &Fields, words: &[String]) -> Result<Vec<bool>> {
    let letters = searcher.doc_freq(&Term::from_field_text(fields.kind, Kind::Letter.as_str()))?.max(1) as f64;
    let counts = words.iter().map(|w| searcher.doc_freq(&Term::from_field_text(fields.text_truncated, w))).collect::<tantivy::Result<Vec<u64>>>()?;
    let rarest = counts.iter().enumerate().min_by_key(|&(_, &count)| count).map(|(i, _)| i);
    Ok(counts.iter().enumerate().map(|(i, &count)| Some(i) != rarest && count as f64 > COMMON_SHARE * letters).collect())
}

/// The share of letters above which a word is common. Belgian answers, the share
/// against MRR@10 and instructions a query of the 200 fixed queries on the regulations:
/// none 0.5709, 1.03 M; 0.5: 0.5702, 0.90 M; 0.3: 0.5699, 0.82 M; 0.2: 0.5692, 0.76 M;
/// 0.15: 0.5691, 0.74 M (Recall@100 0.8277, 0.8283, 0.8290, 0.8267, 0.8225).
pub(crate) const COMMON_SHARE: f64 = 0.2;

/// Free text compiled by [`free_text`].
pub struct FreeText {
    /// Every word over every field: what matches (and its whole score).
    pub compiled: Compiled,
    /// The same score in two stages, for ranking.
    pub stages: Stages,
}

/// A score ranked in two stages. Most of a free-text query's work is a word's long
/// posting lists in a letter's `text` and headings, and its truncated form (weighted
/// highest, in `text_truncated`) finds the same letters: stage one ranks by the
/// truncated form and the short fields, stage two adds the scores of the long fields,
/// of the parts of the query's compounds and of its common words' truncated forms to
/// the best candidates of stage one. A part (`recht`, `deel`, `vast`) or a common word
/// (`besluit` among regulations) has a long posting list whose low scores move few
/// letters into the top ten, yet block-max WAND walks it for every candidate. Belgian
/// answers, MRR@10: one stage 0.5709, these stages 0.5692; the fixed queries on the
/// regulations: 1.26 M instructions a query with only the long fields in stage two,
/// 1.03 M with the parts as well, 0.76 M with the common words too.
pub struct Stages {
    /// Stage one: the rarer words over `text_truncated`, and every word over the short
    /// fields.
    pub first: Box<dyn Query>,
    /// Stage two: one weighted query per word and long field, per compound part and
    /// per common word over `text_truncated`.
    pub rest: Vec<Box<dyn Query>>,
}

/// The long fields of a letter, left to stage two of free text.
const STAGE_TWO: [Field; 2] = [Field::Text, Field::Section];

fn distinct(mut terms: Vec<String>) -> Vec<String> {
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// Compiles a parsed query for documents of one kind. A word in no field is searched
/// in the default fields but those in `empty` (see [`free_text`]).
pub fn compile(node: &Node, fields: &Fields, analyzer: &TextAnalyzer, kind: Kind, empty: &[IndexField]) -> Result<Compiled> {
    let mut c = Compiler { fields, kind, analyzer: analyzer.clone(), highlighter: Highlighter::default(), cited: Vec::new(), empty, loose: false };
    let part = c.node(node, None, false)?.ok_or_else(|| Error::Query {
        position: node.span.start,
        message: "the query has only stop words (like `de`, `van`, `het`) or nothing to search for; add a content word".into(),
    })?;
    let query = c.scoped(part.query);
    Ok(Compiled { query, highlighter: c.highlighter, cited: c.cited, exclusive: part.exclusive })
}

struct Compiler<'a> {
    fields: &'a Fields,
    kind: Kind,
    analyzer: TextAnalyzer,
    highlighter: Highlighter,
    cited: Vec<String>,
    /// Fields no document has a term in, left out of the default fields.
    empty: &'a [IndexField],
    /// Plain words of a ranked search: a written word's parts may stand anywhere.
    loose: bool,
}

/// An analysed token, as the query needs it.
struct Tok {
    term: String,
    position: usize,
    position_length: usize,
    /// A joined solid compound that is a word in common use (`vaststelling`,
    /// `staatssecretaris`): asked for as itself, not also as its parts written apart
    /// (which no one writes, and whose phrase costs a walk over two long postings).
    whole: bool,
}

impl Compiler<'_> {
    /// The slop of a written word's parts (a compound's, as a phrase).
    fn term_slop(&self) -> u32 {
        if self.loose {
            LOOSE
        } else {
            0
        }
    }

    /// `None` when the node constrains nothing (stop words only).
    fn node(&mut self, node: &Node, field: Option<Field>, negated: bool) -> Result<Option<Part>> {
        let shared = |query: Box<dyn Query>| Part { query, exclusive: false };
        match &node.kind {
            QueryKind::Term(raw) => Ok(self.words(raw, self.term_slop(), field, negated, node.span)?.map(|q| self.part(q, field))),
            QueryKind::Phrase { text, slop } => Ok(self.words(text, *slop, field, negated, node.span)?.map(|q| self.part(q, field))),
            QueryKind::Prefix(raw) => Ok(self.prefix(raw, field, negated, node.span)?.map(|q| self.part(q, field))),
            QueryKind::Field { field, query } => self.node(query, Some(*field), negated),
            QueryKind::Date(range) => {
                let (from, to) = range.inclusive();
                Ok(Some(shared(filter(filters::date_range(self.fields, from, to)))))
            }
            QueryKind::Cites(raw) => {
                let key = cite::normalize(raw).ok_or_else(|| Error::Query {
                    position: node.span.start,
                    message: format!("cannot read {raw:?} as a citation; write it like `kst-33763-176`, `33763-176` or \"Kamerstuk 33 763, nr. 176\""),
                })?;
                let query = term_query(Term::from_field_text(self.fields.cites, &key));
                if !negated {
                    self.cited.push(key);
                }
                Ok(Some(shared(query)))
            }
            QueryKind::Not(inner) => {
                let inner = self.node(inner, field, !negated)?;
                Ok(inner.map(|p| shared(exclude(p.query))))
            }
            QueryKind::And(children) => {
                let mut clauses = Vec::new();
                let mut exclusive = false;
                for child in children {
                    if let QueryKind::Not(inner) = &child.kind {
                        if let Some(p) = self.node(inner, field, !negated)? {
                            clauses.push((Occur::MustNot, excluded(p.query)));
                        }
                    } else if let Some(p) = self.node(child, field, negated)? {
                        // One required clause of the kind's own fields confines the whole.
                        exclusive |= p.exclusive;
                        clauses.push((Occur::Must, p.query));
                    }
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Some(Part { query: Box::new(BooleanQuery::new(clauses)), exclusive }))
            }
            QueryKind::Or(children) => {
                let mut clauses = Vec::new();
                let mut exclusive = true;
                for child in children {
                    if let Some(p) = self.node(child, field, negated)? {
                        exclusive &= p.exclusive;
                        clauses.push((Occur::Should, p.query));
                    }
                }
                Ok(match clauses.len() {
                    0 => None,
                    1 => clauses.pop().map(|(_, query)| Part { query, exclusive }),
                    _ => Some(Part { query: Box::new(BooleanQuery::new(clauses)), exclusive }),
                })
            }
        }
    }

    /// A word, phrase or prefix query in `field` (or the default fields).
    fn part(&self, query: Box<dyn Query>, field: Option<Field>) -> Part {
        Part { query, exclusive: self.exclusive(field) }
    }

    /// True when only documents of this compiler's kind have `field` (or, for none,
    /// every default field).
    fn exclusive(&self, field: Option<Field>) -> bool {
        let f = self.fields;
        let own = |index_field: IndexField| match self.kind {
            Kind::Letter => f.letter_words().contains(&index_field),
            Kind::Citation => [f.citation_title, f.citation_text].contains(&index_field),
        };
        match field {
            Some(field) => own(self.index_field(field)),
            None => DEFAULT_FIELDS.iter().all(|&(field, _)| own(self.index_field(field))),
        }
    }

    /// A word or a phrase, in one field or the default fields.
    fn words(&mut self, raw: &str, slop: u32, field: Option<Field>, negated: bool, span: Span) -> Result<Option<Box<dyn Query>>> {
        match field {
            Some(Field::Number) => {
                let value = raw.trim().trim_start_matches(['n', 'N']).trim_start_matches(['r', 'R', '.', ' ']);
                return Ok(Some(term_query(Term::from_field_text(self.fields.number, value))));
            }
            Some(Field::Kamerstuk) => {
                let key = cite::normalize(raw).ok_or_else(|| Error::Query {
                    position: span.start,
                    message: format!("cannot read {raw:?} as a Kamerstuk; write it like `kst-36360-X-1` or \"36 360 X, nr. 1\""),
                })?;
                return Ok(Some(term_query(Term::from_field_text(self.fields.kamerstuk, &key))));
            }
            _ => {}
        }
        let toks = self.analyze(raw);
        if toks.is_empty() {
            return Ok(None);
        }
        // A citing sentence is indexed without positions (it is a few dozen words): a
        // phrase asks for all of its words.
        let slop = if self.kind == Kind::Citation { LOOSE } else { slop };
        let variants = variants(&toks, slop == LOOSE);
        if !negated && highlights_body(field) {
            for v in &variants {
                match v.as_slice() {
                    [(_, only)] => {
                        self.highlighter.terms.insert(only.clone());
                    }
                    _ if slop == LOOSE => self.highlighter.terms.extend(v.iter().map(|(_, t)| t.clone())),
                    _ => self.highlighter.phrases.push(PhraseTarget { terms: v.clone(), slop }),
                }
            }
        }
        // A number of thousands is also written in groups (`33763`, `33 763`): always as
        // a phrase, as the groups alone are other numbers.
        let grouped = match toks.as_slice() {
            [only] => digit_groups(&only.term),
            _ => None,
        };
        if let Some(groups) = grouped.as_ref().filter(|_| !negated && highlights_body(field)) {
            self.highlighter.phrases.push(PhraseTarget { terms: groups.clone(), slop: 0 });
        }
        let query = self.over_fields(field, |f| match &grouped {
            Some(groups) => {
                Box::new(BooleanQuery::new(vec![(Occur::Should, variants_query(f, &variants, slop)), (Occur::Should, variant_query(f, groups, 0))]))
            }
            None => variants_query(f, &variants, slop),
        });
        // A stop word in a phrase holds its own place: the letters are checked.
        let checked = slop == 0
            && self.kind == Kind::Letter
            && raw.split_whitespace().nth(1).is_some()
            && matches!(field, None | Some(Field::Text | Field::Section | Field::Title));
        Ok(Some(match checked.then(|| Pattern::of(raw)).flatten() {
            Some(pattern) => Box::new(StopWordPhrase::new(query, pattern, *self.fields)),
            None => query,
        }))
    }

    /// Any term of a written word that analyses to several (a compound and its
    /// parts), in the default fields; `None` for a word of one term.
    fn any_part(&mut self, raw: &str) -> Option<Box<dyn Query>> {
        let toks = self.analyze(raw);
        if toks.is_empty() {
            return None;
        }
        let terms = distinct(variants(&toks, true).into_iter().flatten().map(|(_, t)| t).collect());
        (terms.len() > 1).then(|| {
            self.over_fields(None, |f| {
                Box::new(BooleanQuery::new(terms.iter().map(|t| (Occur::Should, term_query(Term::from_field_text(f, t)))).collect())) as Box<dyn Query>
            })
        })
    }

    /// `prefix*`: terms that start with the prefix, lowercased and folded but not stemmed.
    fn prefix(&mut self, raw: &str, field: Option<Field>, negated: bool, span: Span) -> Result<Option<Box<dyn Query>>> {
        let prefixes = prefix_forms(raw, span)?;
        if !negated && highlights_body(field) {
            self.highlighter.prefixes.extend(prefixes.iter().cloned());
        }
        Ok(Some(self.over_fields(field, |f| match prefixes.as_slice() {
            [only] => prefix_query(f, only),
            _ => Box::new(BooleanQuery::new(prefixes.iter().map(|p| (Occur::Should, prefix_query(f, p))).collect())),
        })))
    }

    /// Builds the query for one field, or a weighted OR over the default fields.
    fn over_fields(&self, field: Option<Field>, mut build: impl FnMut(IndexField) -> Box<dyn Query>) -> Box<dyn Query> {
        match field {
            Some(f) => build(self.index_field(f)),
            None => {
                let clauses = self.searched_fields().map(|(_, field, weight)| Box::new(BoostQuery::new(build(field), weight)) as Box<dyn Query>).collect();
                AnyOf::of(clauses)
            }
        }
    }

    /// The default fields that hold terms, with the index field of each and its weight.
    fn searched_fields(&self) -> impl Iterator<Item = (Field, IndexField, f32)> + '_ {
        DEFAULT_FIELDS.iter().map(|&(f, weight)| (f, self.index_field(f), weight)).filter(|(_, field, _)| !self.empty.contains(field))
    }

    /// The index field that holds a query field in this scope's documents: each kind
    /// of document has its own text fields, so each has its own BM25 statistics.
    fn index_field(&self, field: Field) -> IndexField {
        let f = self.fields;
        match (field, self.kind) {
            (Field::Title, Kind::Citation) | (Field::Subject, Kind::Citation) => f.citation_title,
            (Field::Text, Kind::Citation) | (Field::Section, Kind::Citation) => f.citation_text,
            (Field::Sender, Kind::Citation) => f.letter_sender,
            (Field::Signer, Kind::Citation) => f.letter_signer,
            (Field::Title, Kind::Letter) => f.title,
            (Field::Subject, Kind::Letter) => f.subject,
            (Field::Section, Kind::Letter) => f.section,
            (Field::Text, Kind::Letter) => f.text,
            (Field::Sender, Kind::Letter) => f.sender,
            (Field::Signer, Kind::Letter) => f.signer,
            (Field::Number, _) => f.number,
            (Field::Kamerstuk, _) => f.kamerstuk,
        }
    }

    /// Weights `query`'s terms against the documents of this compiler's kind only.
    fn scoped(&self, query: Box<dyn Query>) -> Box<dyn Query> {
        let f = self.fields;
        // Citations carry their letter's metadata.
        let shared = vec![f.letter_sender, f.letter_signer];
        Box::new(KindScoped::new(query, Term::from_field_text(f.kind, self.kind.as_str()), shared))
    }

    fn analyze(&mut self, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut folded = String::new();
        let mut stream = self.analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            let written = text.get(t.offset_from..t.offset_to).unwrap_or("");
            let whole = t.position_length > 1 && !written.contains(analyse::is_hyphen) && {
                analyse::fold_into(written, &mut folded);
                crate::lexicon::is_common(&folded)
            };
            out.push(Tok { term: t.text.clone(), position: t.position, position_length: t.position_length.max(1), whole });
        }
        out
    }
}

/// True when the field's words are marked in snippets of the body: any word field, so
/// `subject:remotie` shows where the letter speaks of remotie; numbers and Kamerstuk
/// keys are not words of the body.
fn highlights_body(field: Option<Field>) -> bool {
    !matches!(field, Some(Field::Number) | Some(Field::Kamerstuk))
}

/// The ways a written word sequence can occur: as its parts, and (when the analyzer
/// joined a compound) with each compound written solid. Each variant is a list of
/// `(relative position, term)`.
fn variants(toks: &[Tok], loose: bool) -> Vec<Vec<(usize, String)>> {
    let base = toks[0].position;
    // Each word as its parts, but a compound in common use as itself (at its first
    // part's place: the text's compound takes its parts' places too), unless the
    // parts may stand anywhere (no phrase to walk then).
    let mut parts: Vec<(usize, String)> = Vec::new();
    let mut whole_until = 0;
    for t in toks {
        if t.whole && !loose {
            parts.push((t.position - base, t.term.clone()));
            whole_until = t.position + t.position_length;
        } else if t.position_length == 1 && t.position >= whole_until {
            parts.push((t.position - base, t.term.clone()));
        }
    }
    let joined: Vec<&Tok> = toks.iter().filter(|t| t.position_length > 1).collect();
    if joined.is_empty() {
        return vec![parts];
    }
    // The solid variant: a joined token takes one position instead of its parts'.
    let mut solid = Vec::new();
    let mut shift = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.position_length > 1 {
            solid.push((t.position - base - shift, t.term.clone()));
            let covered_end = t.position + t.position_length;
            shift += t.position_length - 1;
            i += 1;
            while i < toks.len() && toks[i].position < covered_end && toks[i].position_length == 1 {
                i += 1;
            }
        } else {
            solid.push((t.position - base - shift, t.term.clone()));
            i += 1;
        }
    }
    if parts.is_empty() || parts == solid {
        vec![solid]
    } else {
        vec![parts, solid]
    }
}

/// The slop of a written word's parts in a ranked search of plain words: anywhere in
/// the letter (or section), in any order. `drugsgebruik` then finds `gebruik van
/// drugs`, where the query language asks for the parts as a phrase.
pub(crate) const LOOSE: u32 = u32::MAX;

/// Any of a word's variants in `field`.
fn variants_query(field: IndexField, variants: &[Vec<(usize, String)>], slop: u32) -> Box<dyn Query> {
    AnyOf::of(variants.iter().map(|v| variant_query(field, v, slop)).collect())
}

fn variant_query(field: IndexField, terms: &[(usize, String)], slop: u32) -> Box<dyn Query> {
    match terms {
        [(_, only)] => term_query(Term::from_field_text(field, only)),
        _ if slop == LOOSE => Box::new(BooleanQuery::new(terms.iter().map(|(_, t)| (Occur::Must, term_query(Term::from_field_text(field, t)))).collect())),
        _ => {
            let terms = terms.iter().map(|(p, t)| (*p, Term::from_field_text(field, t))).collect();
            Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
        }
    }
}

/// A number of five to nine digits as it is written in groups of three from the right
/// (`33763` -> `33`, `763`), each group at its position; `None` for any other term.
fn digit_groups(term: &str) -> Option<Vec<(usize, String)>> {
    if !(5..=9).contains(&term.len()) || !term.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first = match term.len() % 3 {
        0 => 3,
        n => n,
    };
    let mut groups = vec![(0, term[..first].to_string())];
    for (i, at) in (first..term.len()).step_by(3).enumerate() {
        groups.push((i + 1, term[at..at + 3].to_string()));
    }
    Some(groups)
}

/// The prefixes of the index's terms that `raw*` stands for: the written word folded
/// (hyphens dropped, as the joined compound is indexed), and its stem, which the
/// index holds where the word is whole (`veteraan*`: `veteraan…` and `veteran…`, for
/// `veteranen`; `vergoeding*`: `vergoed…`). One where either starts the other.
pub(crate) fn prefix_forms(raw: &str, span: Span) -> Result<Vec<String>> {
    let mut written = String::new();
    analyse::fold_into(raw, &mut written);
    written.retain(|c| !analyse::is_hyphen(c));
    if !written.chars().any(char::is_alphanumeric) {
        return Err(Error::Query { position: span.start, message: "a prefix needs at least one letter or digit before `*`".into() });
    }
    let stemmed = analyse::stem(&written).into_owned();
    Ok(if written.starts_with(&stemmed) {
        vec![stemmed]
    } else if stemmed.starts_with(&written) {
        vec![written]
    } else {
        vec![written, stemmed]
    })
}

/// Terms of `field` from `prefix` up to the next prefix of the same length (`regel` up
/// to `regem`): a walk along the term dictionary, where a regular expression would
/// first build an automaton per segment and field.
fn prefix_query(field: IndexField, prefix: &str) -> Box<dyn Query> {
    let lower = Bound::Included(Term::from_field_text(field, prefix));
    let upper = prefix_successor(prefix).map_or(Bound::Unbounded, |next| Bound::Excluded(Term::from_field_text(field, &next)));
    Box::new(InvertedIndexRangeQuery::new(lower, upper))
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// Everything but `q`.
fn exclude(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery)), (Occur::MustNot, excluded(q))]))
}

/// The least string above every string that starts with `prefix`: its last character
/// that can be incremented, incremented, and what follows dropped. `None` when there is
/// none (every string from `prefix` on matches).
pub(crate) fn prefix_successor(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        // The next scalar value, skipping the surrogate gap.
        let next = (last as u32 + 1..=char::MAX as u32).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{prefix_successor, truncated_terms};

    #[test]
    fn a_compounds_parts_are_kept_apart_from_the_words() {
        // `personeelsbeleid` is cut to `perso` and followed by its parts `perso` and
        // `belei`: the part that is also a word's own form counts as the word.
        let t = truncated_terms("personeelsbeleid");
        assert_eq!((t.words.as_slice(), t.parts.as_slice()), (&["perso".to_string()][..], &["belei".to_string()][..]));
        let t = truncated_terms("deelgeschillen bevordering");
        assert!(t.words.contains(&"deelg".to_string()) && t.words.contains(&"bevor".to_string()), "{:?}", t.words);
        assert!(t.parts.contains(&"gesch".to_string()) && !t.parts.iter().any(|p| t.words.contains(p)), "{:?}", t.parts);
        // A hyphenated compound's written parts are words the query wrote.
        let t = truncated_terms("re-integratie");
        assert!(t.parts.is_empty(), "{:?} {:?}", t.words, t.parts);
        assert!(t.words.contains(&"integ".to_string()), "{:?}", t.words);
        // Words only: no parts.
        let t = truncated_terms("remotie burgers");
        assert_eq!(t.parts, Vec::<String>::new());
    }

    #[test]
    fn a_number_of_thousands_is_also_asked_in_its_groups() {
        let groups = |term: &str| super::digit_groups(term).map(|g| g.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" "));
        // Kamerstuk dossiers are written `33 763` and `33763`; larger numbers `1 234 567`.
        let rows = [
            ("33763", Some("33 763")),
            ("36800", Some("36 800")),
            ("120000", Some("120 000")),
            ("1234567", Some("1 234 567")),
            ("2026", None),
            ("269", None),
            ("3376x", None),
        ];
        for (term, expected) in rows {
            assert_eq!(groups(term).as_deref(), expected, "{term}");
        }
    }

    #[test]
    fn a_compound_in_common_use_is_asked_for_as_itself() {
        let fields = crate::index::schema::Fields::new(&crate::index::schema::build().expect("schema")).expect("fields");
        let mut c = super::Compiler {
            fields: &fields,
            kind: crate::index::schema::Kind::Letter,
            analyzer: crate::analyse::dutch_analyzer(),
            highlighter: Default::default(),
            cited: Vec::new(),
            empty: &[],
            loose: false,
        };
        let shown = |c: &mut super::Compiler, raw: &str, loose: bool| super::variants(&c.analyze(raw), loose);
        // Not in common use: also its parts as a phrase (`defensie organisatie`).
        assert_eq!(shown(&mut c, "defensieorganisatie", false).len(), 2);
        // In common use: the word itself; its parts only where they may stand anywhere.
        assert_eq!(shown(&mut c, "vaststelling", false), [vec![(0, "vaststell".to_string())]]);
        assert_eq!(shown(&mut c, "vaststelling", true)[0], [(0, "vast".to_string()), (1, "stelling".to_string())]);
        // Within a phrase the word keeps its parts' places.
        assert_eq!(shown(&mut c, "houdende vaststelling van", false), [vec![(0, "houdend".to_string()), (1, "vaststell".to_string())]]);
    }

    #[test]
    fn a_prefix_stands_for_the_written_word_and_its_stem() {
        let span = crate::query::ast::Span::new(0, 1);
        for (raw, expected) in [
            // The stem is no start of the written word: both.
            ("veteraan", vec!["veteraan", "veteran"]),
            // The stem starts the written word: the stem covers both.
            ("militairen", vec!["militair"]),
            ("vergoeding", vec!["vergoed"]),
            ("bevordering", vec!["bevorder"]),
            ("Enquête", vec!["enquet"]),
            // Hyphens dropped, as the joined compound is indexed.
            ("re-integratie", vec!["reintegratie"]),
            ("defensie", vec!["defensie"]),
        ] {
            assert_eq!(super::prefix_forms(raw, span).expect("a prefix"), expected, "{raw}*");
        }
        assert!(super::prefix_forms("-", span).is_err());
    }

    #[test]
    fn prefix_successors() {
        assert_eq!(prefix_successor("regel").as_deref(), Some("regem"));
        assert_eq!(prefix_successor("a9").as_deref(), Some("a:"));
        assert_eq!(prefix_successor("ze\u{10FFFF}").as_deref(), Some("zf"));
        assert_eq!(prefix_successor("\u{10FFFF}"), None);
        assert_eq!(prefix_successor("\u{D7FF}").as_deref(), Some("\u{E000}"));
    }
}
