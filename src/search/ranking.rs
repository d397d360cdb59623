//! Ranking: the best `k` documents across segments, and ranking in two stages (the
//! best candidates by a cheap query, then the scores of further queries added to the
//! candidates only).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, TERMINATED};

use crate::Result;

/// The `k` documents that score best on `query`, best first; ties in document order.
///
/// Like tantivy's `TopDocs`, but the segments share one heap: block-max WAND in each
/// segment only looks for documents that beat the `k`-th best of the segments before
/// it, where `TopDocs` starts every segment from nothing.
pub(crate) fn top_k(searcher: &Searcher, query: &dyn Query, k: usize) -> Result<Vec<(Score, DocAddress)>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut best = Best { k, heap: BinaryHeap::with_capacity(k) };
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        weight.for_each_pruning(best.threshold(), reader, &mut |doc, score| {
            if !alive.is_some_and(|a| a.is_deleted(doc)) {
                best.push(score, DocAddress::new(ord as u32, doc));
            }
            best.threshold()
        })?;
    }
    let mut found: Vec<(Score, DocAddress)> = best.heap.into_iter().map(|Reverse(w)| (w.score, w.addr)).collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(found)
}

/// The best `k` hits so far, the worst of them on top.
struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl Best {
    fn push(&mut self, score: Score, addr: DocAddress) {
        let hit = Ranked { score, addr };
        if self.heap.len() < self.k {
            self.heap.push(Reverse(hit));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            // One sift down in place of a push and a pop.
            if hit > worst.0 {
                *worst = Reverse(hit);
            }
        }
    }

    /// What a document must score above to enter: documents come in address order, so
    /// one that only ties the worst kept one comes later and loses the tie.
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(Reverse(w)) if self.heap.len() == self.k => w.score,
            _ => Score::MIN,
        }
    }
}

/// A hit ordered from better to worse: higher score, then earlier address.
#[derive(Clone, Copy)]
struct Ranked {
    score: Score,
    addr: DocAddress,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        // Greater is better.
        self.score.total_cmp(&other.score).then(other.addr.cmp(&self.addr))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// The candidates stage one keeps when `k` hits are asked for. Belgian answers, top 10
/// (MRR@10, Recall@10): k candidates 0.5689, 0.7200; 1.5 k 0.5704, 0.7312; 4 k 0.5705,
/// 0.7342; one stage 0.5709, 0.7349. Each candidate more lowers the score that
/// block-max WAND must beat in stage one: on the regulations 1.5 k took 11 % more
/// instructions a query than k, 4 k 45 % more.
fn pool(k: usize) -> usize {
    k + k / 2
}

/// The `k` best documents by `first` plus `rest`, where `rest` is scored only on the
/// best candidates of `first`; `all` matches what either does and scores their sum.
/// Best first; ties in document order.
pub(super) fn two_stage(searcher: &Searcher, first: &dyn Query, rest: &[Box<dyn Query>], all: &dyn Query, k: usize) -> Result<Vec<(Score, DocAddress)>> {
    let pool = pool(k);
    let mut found = top_k(searcher, first, pool)?;
    if found.len() < pool && !rest.is_empty() {
        // Stage one matched too few to fill the pool: a document that only `rest`
        // matches (a compound's part) may belong in the top k, so rank in one stage.
        return top_k(searcher, all, k);
    }
    if !rest.is_empty() && !found.is_empty() {
        add_scores(searcher, rest, &mut found)?;
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    found.truncate(k);
    Ok(found)
}

/// The documents `docs` as `query` scores them (0 where it does not match).
pub(super) fn score(searcher: &Searcher, query: &dyn Query, docs: Vec<DocAddress>) -> Result<Vec<(Score, DocAddress)>> {
    let mut scored: Vec<(Score, DocAddress)> = docs.into_iter().map(|addr| (0.0, addr)).collect();
    add_scores(searcher, &[query.box_clone()], &mut scored)?;
    Ok(scored)
}

/// Adds each query's score to the documents it matches among `found`.
fn add_scores(searcher: &Searcher, queries: &[Box<dyn Query>], found: &mut [(Score, DocAddress)]) -> Result<()> {
    // In document order within each segment, as scorers only move forward.
    found.sort_by_key(|&(_, addr)| addr);
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    for query in queries {
        let weight = query.weight(scoring)?;
        let mut at = 0;
        while at < found.len() {
            let segment = found[at].1.segment_ord;
            let end = at + found[at..].iter().take_while(|(_, a)| a.segment_ord == segment).count();
            let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
            for (score, addr) in &mut found[at..end] {
                let target: DocId = addr.doc_id;
                let doc = if scorer.doc() < target { scorer.seek(target) } else { scorer.doc() };
                if doc == TERMINATED {
                    break;
                }
                if doc == target {
                    *score += scorer.score();
                }
            }
            at = end;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;

    use crate::index::schema::Kind;
    use crate::query::compile::{free_text, COMMON_SHARE};
    use crate::LetterIndex;

    #[test]
    fn the_best_across_segments_are_those_of_one_collector() {
        // One segment per letter: each segment's search starts from the bar the
        // segments before it set, and must still find what a fresh collector per
        // segment finds.
        let index = LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        for (id, text) in LetterIndex::bundled_letter_texts() {
            writer.add(&crate::parse::parse_text(&id, &text)).expect("added");
            writer.commit().expect("committed");
        }
        index.reload().expect("reloaded");
        let searcher = index.reader.searcher();
        assert!(searcher.segment_readers().len() >= 5);
        for text in ["defensie personeel", "remotie", "reservisten werving", "kamerstuk brief minister"] {
            let free = free_text(text, &index.fields, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
            for k in [1, 2, 3, 10] {
                let expected = searcher.search(&*free.compiled.query, &TopDocs::with_limit(k).order_by_score()).expect("top docs");
                let found = super::top_k(&searcher, &*free.compiled.query, k).expect("top k");
                assert_eq!(found.iter().map(|h| h.1).collect::<Vec<_>>(), expected.iter().map(|h| h.1).collect::<Vec<_>>(), "{text} k={k}");
                assert!(found.iter().zip(&expected).all(|(a, b)| a.0 == b.0), "{text} k={k}");
            }
        }
    }

    #[test]
    fn fields_no_letter_has_are_left_out_of_word_queries_and_the_ranking_stays() {
        // Regulations have a title and a text but no subject, sender or signer.
        let index = LetterIndex::of_repository_path("tests/data/formats/nl-defensie-regelingen-sample.jsonl.gz");
        let searcher = index.reader.searcher();
        let f = &index.fields;
        let empty = index.empty_fields(&searcher).expect("fields");
        for field in [f.subject, f.sender, f.signer] {
            assert!(empty.contains(&field), "{empty:?}");
        }
        for field in [f.title, f.text] {
            assert!(!empty.contains(&field), "{empty:?}");
        }
        for text in ["militair keuringsreglement", "minister van defensie bloed", "machtiging bevorderen militairen", "tussenproducten"] {
            let all = free_text(text, f, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
            let fewer = free_text(text, f, &index.analyzer, Kind::Letter, &empty, &searcher).expect("compiled").expect("words");
            let full = super::two_stage(&searcher, &*all.stages.first, &all.stages.rest, &*all.compiled.query, 10).expect("all fields");
            let lean = super::two_stage(&searcher, &*fewer.stages.first, &fewer.stages.rest, &*fewer.compiled.query, 10).expect("fewer fields");
            assert_same_hits(text, &full, &lean);
        }
        // The query language's words in no field likewise.
        for text in ["militair AND keuringsreglement", "\"minister van defensie\"", "bloed* OR machtiging", "defensie NOT tussenproducten"] {
            let ast = crate::query::parser::parse(text).expect("query");
            let all = crate::query::compile::compile(&ast, f, &index.analyzer, Kind::Letter, &[]).expect("compiled");
            let fewer = crate::query::compile::compile(&ast, f, &index.analyzer, Kind::Letter, &empty).expect("compiled");
            let full = super::top_k(&searcher, &*all.query, 10).expect("all fields");
            let lean = super::top_k(&searcher, &*fewer.query, 10).expect("fewer fields");
            assert_same_hits(text, &full, &lean);
        }
    }

    /// Some hits, the same in both, with the same scores.
    fn assert_same_hits(text: &str, full: &[(f32, tantivy::DocAddress)], lean: &[(f32, tantivy::DocAddress)]) {
        assert!(!full.is_empty(), "{text}");
        assert_eq!(full.iter().map(|h| h.1).collect::<Vec<_>>(), lean.iter().map(|h| h.1).collect::<Vec<_>>(), "{text}");
        for ((a, _), (b, _)) in full.iter().zip(lean) {
            assert!((a - b).abs() <= 1e-6 * a.abs(), "{text}: {a} vs {b}");
        }
    }

    /// The paragraphs of the bundled letters, each indexed as a letter of its own:
    /// more letters than a pool of candidates holds.
    fn paragraphs_of_the_bundled_letters() -> LetterIndex {
        let index = LetterIndex::create_in_ram().expect("index");
        let mut writer = index.writer().expect("writer");
        for (stem, text) in LetterIndex::bundled_letter_texts() {
            for (n, paragraph) in text.split("\n\n").filter(|p| p.split_whitespace().count() >= 20).enumerate() {
                writer.add(&crate::parse::parse_text(&format!("{stem}-{n}"), paragraph)).expect("added");
            }
        }
        writer.commit().expect("committed");
        index.reload().expect("reloaded");
        index
    }

    #[test]
    fn two_stages_give_each_hit_its_whole_score() {
        let index = paragraphs_of_the_bundled_letters();
        let searcher = index.reader.searcher();
        // Compounds whose parts and common words (`defensie`) are left to stage two.
        for text in ["personeelsbeleid", "loopbaanbeleid militairen", "werkgeversbeleid militairen", "defensie personeelsbeleid", "defensiepersoneel"] {
            let free = free_text(text, &index.fields, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
            // Stage one fills its pool, so it chooses the candidates.
            assert_eq!(super::top_k(&searcher, &*free.stages.first, super::pool(10)).expect("stage one").len(), super::pool(10), "{text}");
            let two = super::two_stage(&searcher, &*free.stages.first, &free.stages.rest, &*free.compiled.query, 10).expect("two stages");
            assert_eq!(two.len(), 10, "{text}");
            // Each hit's score is what the whole query scores it, and the pairs of its
            // words near each other (asked of stage two's candidates only): the parts
            // of the query's compounds and its common words, searched in stage two
            // only, are in it.
            let pairs: Vec<Box<dyn tantivy::query::Query>> = free
                .stages
                .rest
                .iter()
                .filter(|q| {
                    let mut positions = false;
                    q.query_terms(&mut |_, needs| positions |= needs);
                    positions
                })
                .map(|q| q.box_clone())
                .collect();
            let mut whole: Vec<(f32, tantivy::DocAddress)> = two.iter().map(|&(_, addr)| (0.0, addr)).collect();
            let mut queries = vec![free.compiled.query.box_clone()];
            queries.extend(pairs);
            super::add_scores(&searcher, &queries, &mut whole).expect("whole scores");
            for (score, addr) in &two {
                let (expected, _) = whole.iter().find(|(_, a)| a == addr).expect("scored");
                assert!((score - expected).abs() <= 1e-4 * expected.abs(), "{text}: {score} vs {expected}");
            }
        }
    }

    #[test]
    fn common_words_wait_for_stage_two_but_the_rarest_stays() {
        let index = paragraphs_of_the_bundled_letters();
        let searcher = index.reader.searcher();
        let f = &index.fields;
        let letters = searcher.doc_freq(&tantivy::Term::from_field_text(f.kind, "letter")).expect("letters") as f64;
        let share = |w: &str| searcher.doc_freq(&tantivy::Term::from_field_text(f.text_truncated, w)).expect("count") as f64 / letters;
        let truncated_in = |query: &dyn tantivy::query::Query| {
            let mut words = Vec::new();
            query.query_terms(&mut |term, _| {
                if term.field() == f.text_truncated {
                    words.push(term.value().as_str().expect("text").to_string());
                }
            });
            words
        };
        let stages = |text: &str| {
            let free = free_text(text, f, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
            (truncated_in(&*free.stages.first), free.stages.rest.iter().flat_map(|q| truncated_in(&**q)).collect::<Vec<_>>())
        };
        // `defensie` is in two of five paragraphs, `personeel` in one of three,
        // `reservisten` in one of twenty.
        assert!(share("defen") > COMMON_SHARE && share("perso") > COMMON_SHARE, "{} {}", share("defen"), share("perso"));
        assert!(share("reser") < COMMON_SHARE, "{}", share("reser"));
        assert_eq!(stages("defensie reservisten"), (vec!["reser".to_string()], vec!["defen".to_string()]));
        // Every word common: the rarest one still ranks in stage one.
        assert_eq!(stages("defensie personeel"), (vec!["perso".to_string()], vec!["defen".to_string()]));
        // Every word rare: all in stage one.
        assert_eq!(stages("reservisten veteranen").1, Vec::<String>::new());
    }

    #[test]
    fn a_letter_that_only_a_compounds_part_matches_is_found() {
        // No bundled letter speaks of `visserij`, four of `beleid` (the fifth, 004,
        // never does). Stage one (the query's own words) finds nothing, so the query
        // is ranked in one stage and the part finds them.
        let index = LetterIndex::of_bundled_letters();
        let searcher = index.reader.searcher();
        let free = free_text("visserijbeleid", &index.fields, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
        assert!(super::top_k(&searcher, &*free.stages.first, 10).expect("stage one").is_empty());
        let found = super::two_stage(&searcher, &*free.stages.first, &free.stages.rest, &*free.compiled.query, 10).expect("ranked");
        let one_stage = super::top_k(&searcher, &*free.compiled.query, 10).expect("one stage");
        assert_eq!(found, one_stage);
        assert!(!found.is_empty(), "the truncated part finds letters with `beleid`");
        // The search finds the same letters, as holding the word in part (`beleid`).
        let options = crate::SearchOptions { snippets: false, ..crate::SearchOptions::default() };
        let found = index.search("visserijbeleid", &options).expect("ranked");
        assert!(!found.is_empty() && found.iter().all(|h| h.all_words == Some(false)), "{:?}", found.hits);
        assert!(!found.iter().any(|h| h.letter.starts_with("004")), "{:?}", found.hits);
    }

    #[test]
    fn two_stages_score_as_one_on_the_bundled_letters() {
        let index = LetterIndex::of_bundled_letters();
        let searcher = index.reader.searcher();
        for text in ["remotie burgerpersoneel", "Groei van de krijgsmacht", "reservisten werving defensie", "re-integratie verzuim", "sociale partners"] {
            let free = free_text(text, &index.fields, &index.analyzer, Kind::Letter, &[], &searcher).expect("compiled").expect("words");
            // Five letters: every letter that matches is a candidate, so both rankings
            // must agree on every hit and its score.
            let one: Vec<_> = searcher.search(&*free.compiled.query, &TopDocs::with_limit(10).order_by_score()).expect("one stage");
            let two = super::two_stage(&searcher, &*free.stages.first, &free.stages.rest, &*free.compiled.query, 10).expect("two stages");
            assert!(!one.is_empty(), "{text}");
            assert_eq!(one.len(), two.len(), "{text}");
            for ((s1, a1), (s2, a2)) in one.iter().zip(&two) {
                assert_eq!(a1, a2, "{text}: {one:?} {two:?}");
                assert!((s1 - s2).abs() < 1e-3 * s1.abs().max(1.0), "{text}: {s1} vs {s2}");
            }
        }
    }
}
