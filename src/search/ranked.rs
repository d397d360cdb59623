//! Ranked searches: any of the words (or clauses) may match, the letters that hold
//! every one of them come first, then the best of those that hold some.
//!
//! The ranking is the free-text score (two stages, block-max WAND), whose best
//! candidates may also be letters that hold none of the words but a related form
//! (the truncated copy of the text): those are left out. Each candidate's tier is
//! found by seeking each word's postings to it, so a page costs a ranking and a few
//! seeks. Only when the candidates hold too few letters of a tier are its letters
//! walked (and, when few, scored one by one) or more candidates asked for.
//!
//! Counts are exact up to [`EXACT_UP_TO`]; beyond that they are lower bounds, as
//! search engines give them ("1,000+"): a common word's letters are most of a
//! collection, and walking them cost more than ranking them. A term in more letters
//! than that says so without a walk.

use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Weight};
use tantivy::{DocAddress, DocSet, Score, Searcher, TERMINATED};

pub use super::Count;
use crate::query::compile::Clauses;
use crate::Result;

/// Matching letters are counted one by one up to this many.
pub(crate) const EXACT_UP_TO: usize = 1_000;

/// Letters with every clause, when the candidates hold too few of them, are walked up
/// to this many (or the page, if further).
const COMPLETE_UP_TO: usize = 100;

/// The letters with some and with all of the clauses: counted, and told apart.
pub(crate) struct Tiers<'a> {
    searcher: &'a Searcher,
    /// Per clause, what holds it, and what holds part of it where that differs.
    each: Vec<Box<dyn Weight>>,
    partly: Vec<Option<Box<dyn Weight>>>,
    /// Letters with some of the clauses.
    some: Count,
    /// Those letters, when counted exactly.
    some_docs: Option<Vec<DocAddress>>,
    /// What the letters with some, and with all, of the clauses match.
    some_query: Box<dyn Query>,
    all_query: Box<dyn Query>,
}

impl<'a> Tiers<'a> {
    /// Counts the letters (documents that `filter`, when given, keeps) with some of
    /// the clauses.
    pub fn read(searcher: &'a Searcher, clauses: &Clauses, filter: Option<&dyn Query>) -> Result<Tiers<'a>> {
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let each = clauses.each.iter().map(|q| q.weight(scoring)).collect::<tantivy::Result<Vec<_>>>()?;
        let partly = clauses.partly.iter().map(|q| q.as_ref().map(|q| q.weight(scoring)).transpose()).collect::<tantivy::Result<Vec<_>>>()?;
        let within = |occur: Occur| -> Box<dyn Query> {
            let mut parts: Vec<(Occur, Box<dyn Query>)> = filter.map(|f| (Occur::Must, f.box_clone())).into_iter().collect();
            // Some of the clauses: each in part; all of them: each whole.
            let held = |i: usize, q: &dyn Query| match (&clauses.partly[i], occur) {
                (Some(part), Occur::Should) => part.box_clone(),
                _ => q.box_clone(),
            };
            let any: Vec<(Occur, Box<dyn Query>)> = clauses.each.iter().enumerate().map(|(i, q)| (occur, held(i, &**q))).collect();
            parts.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            if let Some(excluded) = &clauses.excluded {
                parts.push((Occur::MustNot, excluded.box_clone()));
            }
            Box::new(BooleanQuery::new(parts))
        };
        let (some_query, all_query) = (within(Occur::Should), within(Occur::Must));
        // Every letter with a term of a clause holds the clause: a term in more live
        // letters than EXACT_UP_TO (with no filter and no exclusion) says so at once.
        let mut most = 0;
        if filter.is_none() && clauses.excluded.is_none() {
            let deleted: u64 = searcher.segment_readers().iter().map(|r| u64::from(r.num_deleted_docs())).sum();
            for q in &clauses.each {
                q.query_terms(&mut |term, _| most = most.max(searcher.doc_freq(term).unwrap_or(0).saturating_sub(deleted)));
            }
        }
        let (some, some_docs) =
            if most > EXACT_UP_TO as u64 { (Count { n: EXACT_UP_TO, exact: false }, None) } else { docs_up_to(searcher, &*some_query, EXACT_UP_TO)? };
        Ok(Tiers { searcher, each, partly, some, some_docs, some_query, all_query })
    }

    /// Letters with some (or all) of the clauses.
    pub fn total(&self) -> Count {
        self.some
    }

    /// Letters with some of the clauses that `query` matches too.
    pub fn total_within(&self, query: &dyn Query) -> Result<Count> {
        let within = BooleanQuery::new(vec![(Occur::Must, self.some_query.box_clone()), (Occur::Must, query.box_clone())]);
        count(self.searcher, &within)
    }

    /// For each of `docs` (which the filter keeps): `Some(true)` for a letter with
    /// every clause, `Some(false)` for one with some, `None` for one with none.
    fn classify(&self, docs: &[DocAddress]) -> Result<Vec<Option<bool>>> {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by_key(|&i| docs[i]);
        // Per document: the clauses it holds whole, and whether it holds any in part.
        let (mut whole, mut some) = (vec![0usize; docs.len()], vec![false; docs.len()]);
        let mut at = 0;
        while at < order.len() {
            let segment = docs[order[at]].segment_ord;
            let end = at + order[at..].iter().take_while(|&&i| docs[i].segment_ord == segment).count();
            let reader = self.searcher.segment_reader(segment);
            for (weight, part) in self.each.iter().zip(&self.partly) {
                for (i, held) in holders(weight.as_ref(), reader, docs, &order[at..end])? {
                    whole[i] += usize::from(held);
                    some[i] |= held;
                }
                if let Some(part) = part {
                    for (i, held) in holders(part.as_ref(), reader, docs, &order[at..end])? {
                        some[i] |= held;
                    }
                }
            }
            at = end;
        }
        Ok(whole.into_iter().zip(some).map(|(n, some)| some.then_some(n == self.each.len())).collect())
    }
}

/// Which of `docs` (by `indices`, in document order, all in `reader`'s segment) the
/// documents `weight` matches are.
fn holders<'w>(
    weight: &'w dyn Weight,
    reader: &tantivy::SegmentReader,
    docs: &'w [DocAddress],
    indices: &'w [usize],
) -> Result<impl Iterator<Item = (usize, bool)> + 'w> {
    let mut scorer = weight.scorer(reader, 1.0)?;
    Ok(indices.iter().map(move |&i| {
        let target = docs[i].doc_id;
        let doc = if scorer.doc() < target { scorer.seek(target) } else { scorer.doc() };
        (i, doc == target)
    }))
}

/// A ranked page: its letters (score, address, whether it holds every clause), and
/// how many letters hold every clause.
pub(crate) type Page = (Vec<(Score, DocAddress, bool)>, Count);

/// The first `want` letters of the ranking: every letter with all clauses (best
/// first), then those with some. `candidates(k, within)` gives the best `k`
/// documents by the score in order, any of which may hold none of the clauses, or,
/// with `within`, the best of the documents it matches; `score(docs)` scores given
/// letters as the candidates are scored, for a tier the candidates hold too little of.
pub(crate) fn rank(
    tiers: &Tiers,
    want: usize,
    mut candidates: impl FnMut(usize, Option<&dyn Query>) -> Result<Vec<(Score, DocAddress)>>,
    score: impl Fn(Vec<DocAddress>) -> Result<Vec<(Score, DocAddress)>>,
) -> Result<Page> {
    let mut k = (want + want / 2).max(15);
    // The letters with every clause, best first, once known: all of them, or at least
    // the page's; and how many there are.
    let mut first: Option<Page> = None;
    let mut walked: Option<(Count, Option<Vec<DocAddress>>)> = None;
    loop {
        let found = candidates(k, None)?;
        let exhausted = found.len() < k;
        let addrs: Vec<DocAddress> = found.iter().map(|&(_, a)| a).collect();
        let (mut complete, mut rest) = (Vec::new(), Vec::new());
        for ((score, addr), tier) in found.into_iter().zip(tiers.classify(&addrs)?) {
            match tier {
                Some(true) => complete.push((score, addr, true)),
                Some(false) => rest.push((score, addr, false)),
                None => {}
            }
        }
        let next = k.saturating_mul(4);
        if first.is_none() {
            if exhausted {
                let n = complete.len();
                first = Some((complete, Count { n, exact: true }));
            } else if complete.len() >= want {
                let n = complete.len();
                first = Some((complete, Count { n, exact: false }));
            } else {
                // Too few among the candidates: walk them; score them one by one when
                // they are few, else rank them alone (the free-text ranking puts many
                // letters with some of the words above them).
                let limit = want.max(COMPLETE_UP_TO);
                let (count, docs) = match walked.take() {
                    Some(w) => w,
                    None => docs_up_to(tiers.searcher, &*tiers.all_query, limit)?,
                };
                first = Some(match &docs {
                    _ if count.exact && count.n <= complete.len() => (complete, count),
                    Some(docs) => (by_score(score(docs.clone())?, true), count),
                    None => (candidates(want, Some(&*tiers.all_query))?.into_iter().map(|(s, a)| (s, a, true)).collect(), count),
                });
                walked = Some((count, docs));
            }
        }
        if let Some((mut tier, count)) = first.take() {
            tier.truncate(want);
            let need = want - tier.len();
            // Letters with some of the clauses but not all, when known: none for one
            // clause that cannot be held in part.
            let partial = match (tiers.each.len(), tiers.some.exact, count.exact) {
                (1, _, _) if tiers.partly[0].is_none() => 0,
                (_, true, true) => tiers.some.n - count.n,
                _ => usize::MAX,
            };
            let mut rest_done = exhausted || rest.len() >= need.min(partial);
            if !rest_done {
                if let Some(some) = tiers.some_docs.as_ref().filter(|d| d.len() <= next) {
                    let all: std::collections::HashSet<DocAddress> = tier.iter().map(|h| h.1).collect();
                    let more = some.iter().copied().filter(|a| !all.contains(a)).collect();
                    let scored = by_score(score(more)?, false);
                    // A letter of the tier not among `tier` (when the tier is longer than
                    // the page) has every clause: keep only those with some.
                    let kinds = tiers.classify(&scored.iter().map(|h| h.1).collect::<Vec<_>>())?;
                    rest = scored.into_iter().zip(kinds).filter(|(_, kind)| *kind == Some(false)).map(|(h, _)| h).collect();
                    rest_done = true;
                }
            }
            if rest_done {
                rest.truncate(need);
                tier.extend(rest);
                return Ok((tier, count));
            }
            first = Some((tier, count));
        }
        k = next;
    }
}

/// Best first; ties in document order, as the rankings order them.
fn by_score(mut scored: Vec<(Score, DocAddress)>, complete: bool) -> Vec<(Score, DocAddress, bool)> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(s, a)| (s, a, complete)).collect()
}

/// How many live documents `query` matches, counted one by one up to `limit`, and
/// them when they are no more than that.
fn docs_up_to(searcher: &Searcher, query: &dyn Query, limit: usize) -> Result<(Count, Option<Vec<DocAddress>>)> {
    let mut docs = Vec::new();
    let count = walk(searcher, query, limit, |addr| docs.push(addr))?;
    Ok((count, count.exact.then_some(docs)))
}

/// How many live documents `query` matches: exactly up to [`EXACT_UP_TO`], else at
/// least that many.
pub(crate) fn count(searcher: &Searcher, query: &dyn Query) -> Result<Count> {
    walk(searcher, query, EXACT_UP_TO, |_| {})
}

/// Calls `each` with the live documents `query` matches, up to `limit` of them.
fn walk(searcher: &Searcher, query: &dyn Query, limit: usize, mut each: impl FnMut(DocAddress)) -> Result<Count> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut n = 0;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let alive = reader.alive_bitset();
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                if n == limit {
                    return Ok(Count { n, exact: false });
                }
                n += 1;
                each(DocAddress::new(ord as u32, doc));
            }
            doc = scorer.advance();
        }
    }
    Ok(Count { n, exact: true })
}
