//! An OR of a word's ways to match (its fields, its written variants) that moves its
//! clauses only as far as it is asked.
//!
//! tantivy's OR (`BufferedUnionScorer`) fills a window of 4,096 documents from every
//! clause whenever it moves: the right thing when every document is visited, but in an
//! AND, whose rarest clause leads and seeks the others to its few documents, each seek
//! makes a phrase clause match positions in thousands of documents no one asked about
//! (`title:koninkrijk nederlanden`: 2.8 ms, most of it phrase matching of `neder
//! landen`). [`AnyOf`] seeks each clause to the document asked for and no further.
//! Ranked on its own, it is tantivy's OR: `for_each_pruning` (block-max WAND) and the
//! full walks go to a `BooleanQuery` of the same clauses, so scores are the same.

use std::fmt;
use std::sync::Arc;

use tantivy::query::{BooleanWeight, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer, SumCombiner, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Matches what any of its clauses does, scoring the sum of their scores.
pub(crate) struct AnyOf {
    clauses: Vec<Box<dyn Query>>,
}

impl AnyOf {
    /// The OR of `clauses`; one clause is itself.
    pub(crate) fn of(mut clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        match clauses.len() {
            1 => clauses.pop().expect("one clause"),
            _ => Box::new(AnyOf { clauses }),
        }
    }
}

impl Clone for AnyOf {
    fn clone(&self) -> Self {
        AnyOf { clauses: self.clauses.iter().map(|c| c.box_clone()).collect() }
    }
}

impl fmt::Debug for AnyOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.clauses).finish()
    }
}

impl Query for AnyOf {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        // Each clause's weight (its statistics read once) serves both ORs.
        let weights = self.clauses.iter().map(|c| c.weight(scoring).map(Arc::from)).collect::<tantivy::Result<Vec<Arc<dyn Weight>>>>()?;
        let shared = weights.iter().map(|w| (Occur::Should, Box::new(Shared(Arc::clone(w))) as Box<dyn Weight>)).collect();
        // As `BooleanQuery::weight` makes it for clauses that are all `Should`.
        let or = Box::new(BooleanWeight::with_minimum_number_should_match(shared, 1, scoring.is_scoring_enabled(), Box::new(SumCombiner::default)));
        Ok(Box::new(AnyOfWeight { weights, or }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct AnyOfWeight {
    weights: Vec<Arc<dyn Weight>>,
    /// The same clauses as tantivy's OR, for walks and ranking on its own.
    or: Box<dyn Weight>,
}

impl Weight for AnyOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for weight in &self.weights {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(AnyOfScorer::new(scorers)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.or.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.or.count(reader)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.or.for_each(reader, callback)
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        self.or.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(&self, threshold: Score, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score) -> Score) -> tantivy::Result<()> {
        self.or.for_each_pruning(threshold, reader, callback)
    }
}

/// A clause's weight held by both ORs; every call goes to it, so tantivy's OR sees the
/// clause's own scorers (and specialises term scorers for block-max WAND as it would).
struct Shared(Arc<dyn Weight>);

impl Weight for Shared {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }

    fn for_each(&self, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score)) -> tantivy::Result<()> {
        self.0.for_each(reader, callback)
    }

    fn for_each_no_score(&self, reader: &SegmentReader, callback: &mut dyn FnMut(&[DocId])) -> tantivy::Result<()> {
        self.0.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(&self, threshold: Score, reader: &SegmentReader, callback: &mut dyn FnMut(DocId, Score) -> Score) -> tantivy::Result<()> {
        self.0.for_each_pruning(threshold, reader, callback)
    }
}

/// The documents of any of `scorers`, each moved only when asked to pass its document.
struct AnyOfScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl AnyOfScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> AnyOfScorer {
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        AnyOfScorer { scorers, doc }
    }

    fn settle(&mut self) -> DocId {
        self.doc = self.scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for AnyOfScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for scorer in &mut self.scorers {
            if scorer.doc() == doc {
                scorer.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() < target {
                scorer.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|s| s.size_hint()).max().unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for AnyOfScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.scorers.iter_mut().filter(|s| s.doc() == doc).map(|s| s.score()).sum()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::query::{BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, Term, TERMINATED};

    use super::AnyOf;
    use crate::LetterIndex;

    /// Every document and score of `query`'s scorers, segment by segment.
    fn walk(index: &LetterIndex, query: &dyn Query) -> Vec<(u32, u32, f32)> {
        let searcher = index.reader.searcher();
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher)).expect("weight");
        let mut found = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
            while scorer.doc() != TERMINATED {
                found.push((ord as u32, scorer.doc(), scorer.score()));
                scorer.advance();
            }
        }
        found
    }

    /// What seeking fresh scorers of `query` to every third document lands on.
    fn seeks(index: &LetterIndex, query: &dyn Query) -> Vec<u32> {
        let searcher = index.reader.searcher();
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher)).expect("weight");
        let mut landed = Vec::new();
        for reader in searcher.segment_readers() {
            let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
            landed.extend((0..reader.max_doc()).step_by(3).map(|t| scorer.seek(t)));
        }
        landed
    }

    fn same(a: &[(u32, u32, f32)], b: &[(u32, u32, f32)]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x.0, x.1) == (y.0, y.1) && (x.2 - y.2).abs() <= 1e-4 * x.2.abs().max(1.0))
    }

    /// The bundled letters: the OR of a word's fields and a phrase matches and scores
    /// as tantivy's OR, walked, sought and inside an AND.
    #[test]
    fn matches_and_scores_as_tantivys_or() {
        let index = LetterIndex::of_bundled_letters();
        let f = index.fields;
        let term =
            |field, word: &str| -> Box<dyn Query> { Box::new(TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqsAndPositions)) };
        let clauses = || -> Vec<Box<dyn Query>> {
            vec![
                term(f.text, "reservist"),
                term(f.text, "remotie"),
                term(f.text, "medewerker"),
                term(f.title, "defensie"),
                term(f.section, "reservist"),
                Box::new(PhraseQuery::new(vec![Term::from_field_text(f.text, "social"), Term::from_field_text(f.text, "partner")])),
            ]
        };
        let any = AnyOf::of(clauses());
        let or: Box<dyn Query> = Box::new(BooleanQuery::new(clauses().into_iter().map(|c| (Occur::Should, c)).collect()));
        let walked = walk(index, &*or);
        assert!(walked.len() >= 3, "{walked:?}");
        assert!(same(&walk(index, &*any), &walked));
        assert_eq!(seeks(index, &*any), seeks(index, &*or));
        let and = |q: Box<dyn Query>| -> Box<dyn Query> { Box::new(BooleanQuery::new(vec![(Occur::Must, term(f.text, "kamer")), (Occur::Must, q)])) };
        let in_and = walk(index, &*and(or.box_clone()));
        assert!(!in_and.is_empty());
        assert!(same(&walk(index, &*and(any)), &in_and));
    }
}
