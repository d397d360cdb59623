//! Relevance evaluation: judged queries in, ranking quality out, computed exactly as the
//! peer harness in `../shared/peers` does (binary relevance, the 10 or 100 best hits,
//! repeated ids dropped) so kamerzoek's figures sit in the same table as other engines'.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use kamerzoek::{Error, Result};

/// One query of a query set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JudgedQuery {
    /// The query's id (`d0000`).
    pub qid: String,
    /// The query text.
    pub query: String,
    /// The ids of the relevant documents; empty when the query is not judged.
    pub relevant: HashSet<String>,
}

/// Reads a query TSV: a header line, then `qid<TAB>query[<TAB>relevant,ids]` per line.
pub fn read_queries(path: &Path) -> Result<Vec<JudgedQuery>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let mut queries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if n == 0 && line.starts_with("qid\t") {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(qid), Some(query)) = (cols.next(), cols.next()) else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(Error::Io {
                context: format!("{}:{}: expected `qid<TAB>query<TAB>relevant`", path.display(), n + 1),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, "too few columns"),
            });
        };
        let relevant = cols.next().unwrap_or("").split(',').map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect();
        queries.push(JudgedQuery { qid: qid.to_string(), query: query.to_string(), relevant });
    }
    Ok(queries)
}

/// Ranking quality, averaged over judged queries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Relevance {
    /// Mean reciprocal rank of the first relevant hit in the top 10.
    pub mrr10: f64,
    /// Normalised discounted cumulative gain over the top 10.
    pub ndcg10: f64,
    /// Share of the relevant documents found in the top 10.
    pub recall10: f64,
    /// Share of the relevant documents found in the top 100.
    pub recall100: f64,
}

impl Relevance {
    /// The scores of one ranking (best first) against the relevant ids.
    pub fn of(ranking: &[String], relevant: &HashSet<String>) -> Relevance {
        if relevant.is_empty() {
            return Relevance::default();
        }
        let mut seen = HashSet::new();
        let ranked: Vec<&String> = ranking.iter().filter(|id| seen.insert(*id)).collect();
        let top10 = &ranked[..ranked.len().min(10)];
        let gain = |i: usize| 1.0 / ((i + 2) as f64).log2();
        let mrr10 = top10.iter().position(|d| relevant.contains(*d)).map_or(0.0, |i| 1.0 / (i + 1) as f64);
        let dcg: f64 = top10.iter().enumerate().filter(|(_, d)| relevant.contains(**d)).map(|(i, _)| gain(i)).sum();
        let ideal: f64 = (0..relevant.len().min(10)).map(gain).sum();
        let found = |k: usize| ranked[..ranked.len().min(k)].iter().filter(|d| relevant.contains(**d)).count() as f64;
        Relevance { mrr10, ndcg10: dcg / ideal, recall10: found(10) / relevant.len() as f64, recall100: found(100) / relevant.len() as f64 }
    }

    /// The mean over several queries' scores.
    pub fn mean(all: &[Relevance]) -> Relevance {
        let n = all.len().max(1) as f64;
        let sum = |f: fn(&Relevance) -> f64| all.iter().map(f).sum::<f64>() / n;
        Relevance { mrr10: sum(|r| r.mrr10), ndcg10: sum(|r| r.ndcg10), recall10: sum(|r| r.recall10), recall100: sum(|r| r.recall100) }
    }
}

/// Nearest-rank percentile of sorted samples (as the peer harness computes it).
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// Peak resident memory of this process so far, in MiB (Linux; `None` elsewhere).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn scores_match_the_definitions() {
        let relevant: HashSet<String> = ids(&["a", "b"]).into_iter().collect();
        let r = Relevance::of(&ids(&["x", "a", "x", "y", "b"]), &relevant);
        // The repeated `x` is dropped, so `b` is at rank 4.
        assert_eq!(r.mrr10, 0.5);
        let ideal = 1.0 + 1.0 / 3f64.log2();
        assert!((r.ndcg10 - (1.0 / 3f64.log2() + 1.0 / 5f64.log2()) / ideal).abs() < 1e-12);
        assert_eq!(r.recall10, 1.0);
        assert_eq!(Relevance::of(&ids(&["x"]), &relevant), Relevance::default());
    }

    #[test]
    fn nearest_rank_percentiles() {
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&s, 50.0), Some(50.0));
        assert_eq!(percentile(&s, 99.0), Some(99.0));
        assert_eq!(percentile(&[3.0], 95.0), Some(3.0));
        assert_eq!(percentile(&[], 50.0), None);
    }
}
