//! Ranking in two stages: the best candidates by a cheap query, then the scores of
//! further queries added to the candidates only.

use tantivy::collector::TopDocs;
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, TERMINATED};

use crate::Result;

/// The candidates stage one keeps when `k` hits are asked for. Belgian answers, top 10
/// (MRR@10, Recall@10): k candidates 0.5689, 0.7200; 1.5 k 0.5704, 0.7312; 4 k 0.5705,
/// 0.7342; one stage 0.5709, 0.7349. Each candidate more lowers the score that
/// block-max WAND must beat in stage one: on the regulations 1.5 k took 11 % more
/// instructions a query than k, 4 k 45 % more.
fn pool(k: usize) -> usize {
    k + k / 2
}

/// The `k` best documents by `first` plus `rest`, where `rest` is scored only on the
/// best candidates of `first`. Best first; ties in document order.
pub(super) fn two_stage(searcher: &Searcher, first: &dyn Query, rest: &[Box<dyn Query>], k: usize) -> Result<Vec<(Score, DocAddress)>> {
    let mut found = searcher.search(first, &TopDocs::with_limit(pool(k)).order_by_score())?;
    if !rest.is_empty() && !found.is_empty() {
        add_scores(searcher, rest, &mut found)?;
        found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    found.truncate(k);
    Ok(found)
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
    use std::path::Path;

    use tantivy::collector::TopDocs;

    use crate::ingest::{self, IndexOptions};
    use crate::query::compile::free_text;
    use crate::schema::Kind;
    use crate::LetterIndex;

    #[test]
    fn two_stages_score_as_one_on_the_bundled_letters() {
        let index = LetterIndex::create_in_ram().expect("index");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        ingest::index_paths(&index, &[corpus], &IndexOptions::default(), &mut |_| {}).expect("indexed");
        index.reload().expect("reloaded");
        let searcher = index.reader.searcher();
        for text in ["remotie burgerpersoneel", "Groei van de krijgsmacht", "reservisten werving defensie", "re-integratie verzuim", "sociale partners"] {
            let free = free_text(text, &index.fields, &index.analyzer, Kind::Letter).expect("words");
            // Five letters: every letter that matches is a candidate, so both rankings
            // must agree on every hit and its score.
            let one: Vec<_> = searcher.search(&*free.compiled.query, &TopDocs::with_limit(10).order_by_score()).expect("one stage");
            let two = super::two_stage(&searcher, &*free.stages.first, &free.stages.rest, 10).expect("two stages");
            assert!(!one.is_empty(), "{text}");
            assert_eq!(one.len(), two.len(), "{text}");
            for ((s1, a1), (s2, a2)) in one.iter().zip(&two) {
                assert_eq!(a1, a2, "{text}: {one:?} {two:?}");
                assert!((s1 - s2).abs() < 1e-3 * s1.abs().max(1.0), "{text}: {s1} vs {s2}");
            }
        }
    }
}
