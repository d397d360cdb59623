//! The ranking recipe of plain words (free text): each word in every field with its
//! weight, its truncated form, its digit groups and each pair of words near each other,
//! in two stages (what ranks first, what refines the best); and the clauses of a
//! ranked query (letters with every word first, then those with some).

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query};
use tantivy::schema::Field as IndexField;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use super::{digit_groups, excluded, term_query, Compiled, Compiler, Tok};
use crate::index::schema::{Fields, Kind};
use crate::query::ast::{Field, Query as Node, QueryKind};
use crate::query::highlight::{Highlighter, PhraseTarget};
use crate::{analyse, Result};

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
pub(super) fn truncated_terms(text: &str) -> TruncatedTerms {
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
pub(super) struct TruncatedTerms {
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

pub(super) fn distinct(mut terms: Vec<String>) -> Vec<String> {
    terms.sort_unstable();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::truncated_terms;

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
}
