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
use tantivy::Term;

use crate::index::schema::Fields;
use crate::index::schema::Kind;
use crate::query::ast::{Field, Query as Node, QueryKind, Span};
use crate::query::highlight::{Highlighter, PhraseTarget};
use crate::{analyse, cite, Error, Result};
use any_of::AnyOf;
pub(crate) use excluded::excluded;
use filters::filter;
use free_text::distinct;
#[cfg(test)]
pub(crate) use free_text::COMMON_SHARE;
pub(crate) use free_text::{clauses, free_text, Clauses, Stages};
use stop_phrase::{Pattern, StopWordPhrase};

mod any_of;
mod excluded;
pub(crate) mod filters;
mod free_text;
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
                let query = key_query(self.fields.cites, &key);
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
/// The documents that hold `key` in `field` (`cites`, `cited`), or a key of the same
/// paper written another way ([`cite::same_paper_pattern`]).
pub(crate) fn key_query(field: IndexField, key: &str) -> Box<dyn Query> {
    match cite::same_paper_pattern(key).and_then(|p| tantivy::query::RegexQuery::from_pattern(&p, field).ok()) {
        Some(q) => Box::new(q),
        None => term_query(Term::from_field_text(field, key)),
    }
}

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
    use super::prefix_successor;

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
