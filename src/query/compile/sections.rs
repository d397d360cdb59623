//! Compiling a query for sections.
//!
//! Sections have no postings of their own: a section is a range of its letter's
//! positions ([`crate::index::outline`]). A query for sections compiles into a [`Plan`]: a tree
//! whose leaves either look at the section's own tokens ([`Leaf::Words`],
//! [`Leaf::Prefix`]: the letter's positions within the section, or within its heading)
//! or are decided by the whole letter ([`Leaf::Letter`]: title, subject, sender,
//! signer, number, Kamerstuk and date, a tantivy query over letter documents), or by a
//! citation inside the section ([`Leaf::Cites`]). The same tree, relaxed (a `NOT` of a
//! section's words constrains nothing about its letter), gives the tantivy query that
//! finds the letters worth looking into ([`SectionQuery::candidates`]).

use std::sync::Arc;

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query};
use tantivy::tokenizer::TextAnalyzer;

use super::filters::{date_range, filter, keyword};
use super::stop_phrase::Pattern;
use super::{prefix_forms, prefix_query, variants, variants_query, Compiler, DEFAULT_FIELDS};
use crate::index::schema::{Fields, Kind};
use crate::query::ast::{Field, Query as Node, QueryKind};
use crate::query::highlight::Highlighter;
use crate::{cite, Error, Result};

/// A query for sections. What to highlight and which citations were asked for are the
/// same as for letters: take them from the query compiled for letters.
pub struct SectionQuery {
    /// What a section must hold.
    pub plan: Plan,
    /// Letters that may hold a matching section, ranked by how well the letter matches.
    pub candidates: Box<dyn Query>,
}

/// A tree of conditions on one section.
pub enum Plan {
    /// A condition on the section or its letter.
    Leaf(Leaf),
    /// All of these.
    And(Vec<Plan>),
    /// Any of these; the score adds up those that hold.
    Or(Vec<Plan>),
    /// Not this.
    Not(Box<Plan>),
}

/// Where in a section words are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The whole section, heading included.
    Text,
    /// Its heading.
    Heading,
}

/// One condition.
pub enum Leaf {
    /// A word or phrase: its written variants (each a list of relative position and
    /// analysed term), any of which may occur with `slop`.
    Words {
        /// Section or heading.
        within: Within,
        /// The variants.
        variants: Vec<Vec<(usize, String)>>,
        /// Word movement allowed in a phrase.
        slop: u32,
        /// The field's weight.
        weight: f32,
        /// A phrase with stop words: each must stand in its place, which the section's
        /// text is read for (stop words are not indexed).
        stops: Option<Arc<Pattern>>,
    },
    /// Words that start with a folded prefix.
    Prefix {
        /// Section or heading.
        within: Within,
        /// The prefix.
        prefix: String,
        /// The field's weight.
        weight: f32,
    },
    /// A query over letter documents: the section's letter must match it.
    Letter(Box<dyn Query>),
    /// The section cites this key.
    Cites(String),
}

/// Compiles a parsed query for sections; compile it for letters first, which checks it
/// (stop words only, unreadable citations) and says what to highlight.
pub fn compile_sections(node: &Node, fields: &Fields, analyzer: &TextAnalyzer) -> Result<SectionQuery> {
    let mut c =
        Compiler { fields, kind: Kind::Letter, analyzer: analyzer.clone(), highlighter: Highlighter::default(), cited: Vec::new(), empty: &[], loose: false };
    let plan = c
        .plan(node, None)?
        .ok_or_else(|| Error::Query { position: node.span.start, message: "the query has nothing to search for in a section; add a content word".into() })?;
    let candidates = candidates_of(&plan, fields);
    Ok(SectionQuery { plan, candidates })
}

/// Compiles plain words for sections: any of them, each in any default field as the
/// query language reads it. `words` is [`crate::query::parser::plain_words`]'s tree;
/// `None` when all are stop words. A section that holds every word is told apart by
/// the ranker (the plan's top level is their `Or`).
pub fn free_text_sections(words: &Node, fields: &Fields, analyzer: &TextAnalyzer) -> Result<Option<SectionQuery>> {
    let mut c =
        Compiler { fields, kind: Kind::Letter, analyzer: analyzer.clone(), highlighter: Highlighter::default(), cited: Vec::new(), empty: &[], loose: true };
    let children = match &words.kind {
        QueryKind::And(children) => children.as_slice(),
        _ => std::slice::from_ref(words),
    };
    let mut plans = Vec::with_capacity(children.len());
    for word in children {
        plans.extend(c.plan(word, None)?);
    }
    if plans.is_empty() {
        return Ok(None);
    }
    let plan = Plan::Or(plans);
    let candidates = candidates_of(&plan, fields);
    Ok(Some(SectionQuery { plan, candidates }))
}

impl Compiler<'_> {
    /// `None` when the node constrains nothing (stop words only).
    fn plan(&mut self, node: &Node, field: Option<Field>) -> Result<Option<Plan>> {
        match &node.kind {
            QueryKind::Term(raw) => Ok(self.words_plan(raw, self.term_slop(), field)),
            QueryKind::Phrase { text, slop } => Ok(self.words_plan(text, *slop, field)),
            QueryKind::Prefix(raw) => {
                let mut plans = Vec::new();
                for prefix in prefix_forms(raw, node.span)? {
                    let local = |within, weight| Plan::Leaf(Leaf::Prefix { within, prefix: prefix.clone(), weight });
                    let letter = |c: &Compiler, f: Field| prefix_query(c.index_field(f), &prefix);
                    plans.push(self.per_field(field, local, letter));
                }
                Ok(Some(if plans.len() == 1 { plans.remove(0) } else { Plan::Or(plans) }))
            }
            QueryKind::Field { field, query } => self.plan(query, Some(*field)),
            QueryKind::Date(range) => {
                let (from, to) = range.inclusive();
                Ok(Some(Plan::Leaf(Leaf::Letter(filter(date_range(self.fields, from, to))))))
            }
            QueryKind::Cites(raw) => match cite::normalize(raw) {
                Some(key) => Ok(Some(Plan::Leaf(Leaf::Cites(key)))),
                // The letter compilation has refused it already.
                None => Ok(None),
            },
            QueryKind::Not(inner) => Ok(self.plan(inner, field)?.map(|p| Plan::Not(Box::new(p)))),
            QueryKind::And(children) | QueryKind::Or(children) => {
                let mut plans = Vec::with_capacity(children.len());
                for child in children {
                    plans.extend(self.plan(child, field)?);
                }
                Ok(match (plans.len(), &node.kind) {
                    (0, _) => None,
                    (1, _) => plans.pop(),
                    (_, QueryKind::And(_)) => Some(Plan::And(plans)),
                    _ => Some(Plan::Or(plans)),
                })
            }
        }
    }

    /// A word or phrase in one field or the default fields.
    fn words_plan(&mut self, raw: &str, slop: u32, field: Option<Field>) -> Option<Plan> {
        if matches!(field, Some(Field::Number | Field::Kamerstuk)) {
            // Values, not words: the letter compilation reads them.
            let span = crate::query::ast::Span::new(0, raw.len());
            return self.words(raw, slop, field, true, span).ok().flatten().map(|q| Plan::Leaf(Leaf::Letter(q)));
        }
        let toks = self.analyze(raw);
        if toks.is_empty() {
            return None;
        }
        let variants = variants(&toks, slop == super::LOOSE);
        let stops = (slop == 0 && raw.split_whitespace().nth(1).is_some()).then(|| Pattern::of(raw)).flatten().map(Arc::new);
        Some(match field {
            None => self.default_fields(&variants, slop, stops),
            Some(f) => match within(f) {
                Some(within) => Plan::Leaf(Leaf::Words { within, variants, slop, weight: 1.0, stops }),
                None => Plan::Leaf(Leaf::Letter(self.letter_words(f, &variants, slop))),
            },
        })
    }

    /// The word's variants as a query over one letter field, weighted against letter
    /// documents only.
    fn letter_words(&self, field: Field, variants: &[Vec<(usize, String)>], slop: u32) -> Box<dyn Query> {
        self.scoped(variants_query(self.index_field(field), variants, slop))
    }

    /// A word over the default fields, weighted as for letters.
    fn default_fields(&self, variants: &[Vec<(usize, String)>], slop: u32, stops: Option<Arc<Pattern>>) -> Plan {
        let local = |within, weight| Plan::Leaf(Leaf::Words { within, variants: variants.to_vec(), slop, weight, stops: stops.clone() });
        self.per_field(None, local, |c, f| c.letter_words(f, variants, slop))
    }

    /// One field's plan, or an OR over the default fields with their weights: a
    /// section's own fields (`local`) or its letter's (`letter`).
    fn per_field(&self, field: Option<Field>, local: impl Fn(Within, f32) -> Plan, letter: impl Fn(&Self, Field) -> Box<dyn Query>) -> Plan {
        let one = |f: Field, weight: f32| match within(f) {
            Some(w) => local(w, weight),
            None => Plan::Leaf(Leaf::Letter(Box::new(BoostQuery::new(letter(self, f), weight)))),
        };
        match field {
            Some(f) => one(f, 1.0),
            None => Plan::Or(DEFAULT_FIELDS.iter().map(|&(f, weight)| one(f, weight)).collect()),
        }
    }
}

/// Where a query field lies in a section; `None` for fields of the whole letter.
fn within(field: Field) -> Option<Within> {
    match field {
        Field::Text => Some(Within::Text),
        Field::Section => Some(Within::Heading),
        _ => None,
    }
}

/// The letters that can hold a matching section: the plan with each condition on a
/// section's words asked of the whole letter, and `NOT`s of them dropped.
fn candidates_of(plan: &Plan, fields: &Fields) -> Box<dyn Query> {
    let query = relaxed(plan, fields).unwrap_or_else(|| Box::new(AllQuery));
    Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, filter(keyword(fields.kind, Kind::Letter.as_str())))]))
}

/// `None`: no constraint on the letter.
fn relaxed(plan: &Plan, f: &Fields) -> Option<Box<dyn Query>> {
    let field = |within: Within| match within {
        Within::Text => f.text,
        Within::Heading => f.section,
    };
    match plan {
        Plan::Leaf(Leaf::Words { within, variants, slop, weight, .. }) => {
            Some(Box::new(BoostQuery::new(variants_query(field(*within), variants, *slop), *weight)))
        }
        Plan::Leaf(Leaf::Prefix { within, prefix, weight }) => Some(Box::new(BoostQuery::new(prefix_query(field(*within), prefix), *weight))),
        Plan::Leaf(Leaf::Letter(q)) => Some(q.box_clone()),
        Plan::Leaf(Leaf::Cites(key)) => Some(super::key_query(f.cites, key)),
        Plan::Not(_) => None,
        Plan::And(children) => {
            let musts: Vec<(Occur, Box<dyn Query>)> = children.iter().filter_map(|c| relaxed(c, f)).map(|q| (Occur::Must, q)).collect();
            (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
        }
        Plan::Or(children) => {
            let shoulds: Option<Vec<(Occur, Box<dyn Query>)>> = children.iter().map(|c| relaxed(c, f).map(|q| (Occur::Should, q))).collect();
            shoulds.map(|s| Box::new(BooleanQuery::new(s)) as Box<dyn Query>)
        }
    }
}
