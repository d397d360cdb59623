//! `eval`: build an index of a JSON Lines collection, run judged queries and report in
//! the peer harness's JSON keys, so kamerzoek stands in the same table as other engines.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use kamerzoek::eval::{self, JudgedQuery, Relevance};
use kamerzoek::ingest::{self, IndexOptions, Progress};
use kamerzoek::LetterIndex;
use serde::Serialize;

use super::args::EvalArgs;

/// How deep each query is ranked (Recall@100 needs 100).
const EVAL_DEPTH: usize = 100;

/// One line of the peer table.
#[derive(Debug, Serialize)]
pub struct Report {
    pub engine: String,
    pub mode: &'static str,
    pub docs: u64,
    pub queries: usize,
    pub index_s: f64,
    pub docs_per_s: f64,
    pub mb_per_s: f64,
    pub index_bytes: u64,
    pub peak_rss_mb: Option<f64>,
    pub mrr10: Option<f64>,
    pub ndcg10: Option<f64>,
    pub recall10: Option<f64>,
    pub recall100: Option<f64>,
    pub p50_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    pub version: String,
    pub corpus: String,
    pub queryset: String,
    /// Documents the reader skipped (bad lines), not in the peer keys.
    pub skipped: usize,
}

/// What building the index took.
struct Built {
    index: LetterIndex,
    docs: u64,
    text_bytes: u64,
    seconds: f64,
    skipped: usize,
    _temp: Option<tempfile::TempDir>,
}

/// Indexes `docs` into `dir` (a new temporary directory when `None`), timing from
/// opening the input to a committed, merged, searchable index.
fn build(docs: &Path, dir: Option<&Path>) -> anyhow::Result<Built> {
    let temp = match dir {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("kamerzoek-eval").tempdir().context("cannot create a temporary index directory")?),
    };
    let dir: PathBuf = dir.map(Path::to_path_buf).unwrap_or_else(|| temp.as_ref().expect("temp dir").path().to_path_buf());
    if dir.join("kamerzoek.json").exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("cannot clear {}", dir.display()))?;
    }
    let index = LetterIndex::create(&dir)?;
    let (mut count, mut text_bytes) = (0u64, 0u64);
    let started = Instant::now();
    let summary = ingest::index_paths(&index, &[docs.to_path_buf()], &IndexOptions::default(), &mut |event| match event {
        Progress::Indexed { letter } => {
            count += 1;
            text_bytes += (letter.title.len() + letter.body.len()) as u64;
        }
        Progress::Skipped { reason, .. } => eprintln!("skipped: {reason}"),
        _ => {}
    })?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(Built { index, docs: count, text_bytes, seconds, skipped: summary.skipped.len(), _temp: temp })
}

fn report(engine: &str, mode: &'static str, built: &Built, docs: &Path, queries: &Path, n_queries: usize) -> Report {
    let index_bytes = built.index.stats().map(|s| s.size_bytes).unwrap_or(0);
    Report {
        engine: engine.to_string(),
        mode,
        docs: built.docs,
        queries: n_queries,
        index_s: built.seconds,
        docs_per_s: built.docs as f64 / built.seconds,
        mb_per_s: built.text_bytes as f64 / 1e6 / built.seconds,
        index_bytes,
        peak_rss_mb: eval::peak_rss_mib(),
        mrr10: None,
        ndcg10: None,
        recall10: None,
        recall100: None,
        p50_ms: None,
        p95_ms: None,
        p99_ms: None,
        version: format!("kamerzoek {}", env!("CARGO_PKG_VERSION")),
        corpus: file_name(docs),
        queryset: file_name(queries),
        skipped: built.skipped,
    }
}

/// `kamerzoek eval`.
pub fn eval(args: &EvalArgs) -> anyhow::Result<Report> {
    let queries: Vec<JudgedQuery> = eval::read_queries(&args.queries)?.into_iter().filter(|q| !q.relevant.is_empty()).collect();
    let built = build(&args.docs, args.index.as_deref())?;
    let mut scores = Vec::with_capacity(queries.len());
    for q in &queries {
        let ranking = built.index.rank_letters(&q.query, EVAL_DEPTH)?;
        scores.push(Relevance::of(&ranking, &q.relevant));
    }
    let mean = Relevance::mean(&scores);
    let mut r = report(&args.engine, "eval", &built, &args.docs, &args.queries, queries.len());
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    r.mrr10 = Some(round(mean.mrr10));
    r.ndcg10 = Some(round(mean.ndcg10));
    r.recall10 = Some(round(mean.recall10));
    r.recall100 = Some(round(mean.recall100));
    Ok(r)
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
