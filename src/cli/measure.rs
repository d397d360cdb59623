//! `eval` and `bench`: build an index of a JSON Lines collection, run queries, and
//! report in the peer harness's JSON keys, so kamerzoek stands in the same table as
//! other engines. Timing follows the harness: in-process, monotonic clock, warm-up
//! rounds first, nearest-rank percentiles over all timed samples.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::eval::{self, JudgedQuery, Relevance};
use anyhow::Context;
use kamerzoek::ingest::{self, IndexOptions, Progress};
use kamerzoek::LetterIndex;
use serde::Serialize;

use kamerzoek::{Matching, Scope, SearchOptions};

use super::args::{BenchArgs, EvalArgs};

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
    /// Peak memory when the index was built, before any query (`peak_rss_mb` is the
    /// peak of the whole run, queries included), not in the peer keys.
    pub index_peak_rss_mb: Option<f64>,
}

/// What building the index took.
struct Built {
    index: LetterIndex,
    docs: u64,
    text_bytes: u64,
    seconds: f64,
    skipped: usize,
    peak_rss_mb: Option<f64>,
    _temp: Option<tempfile::TempDir>,
}

/// Indexes `docs` into `dir` (a new temporary directory when `None`), timing from
/// opening the input to a committed, merged, searchable index.
fn build(docs: &Path, dir: Option<&Path>, heap_mib: u32) -> anyhow::Result<Built> {
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
    let pages = super::pages::small_pages();
    let summary =
        ingest::index_paths(&index, &[docs.to_path_buf()], &IndexOptions { heap_bytes: (heap_mib as usize) << 20, ..IndexOptions::default() }, &mut |event| {
            match event {
                Progress::Indexed { letter } => {
                    count += 1;
                    text_bytes += (letter.title.len() + letter.body.len()) as u64;
                }
                Progress::Skipped { reason, .. } => eprintln!("skipped: {reason}"),
                _ => {}
            }
        })?;
    let seconds = started.elapsed().as_secs_f64();
    drop(pages);
    Ok(Built { index, docs: count, text_bytes, seconds, skipped: summary.skipped.len(), peak_rss_mb: eval::peak_rss_mib(), _temp: temp })
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
        index_peak_rss_mb: built.peak_rss_mb,
    }
}

/// `kamerzoek eval`.
pub fn eval(args: &EvalArgs) -> anyhow::Result<Report> {
    let queries: Vec<JudgedQuery> = eval::read_queries(&args.on.queries)?.into_iter().filter(|q| !q.relevant.is_empty()).collect();
    let built = build(&args.on.docs, args.on.index.as_deref(), args.on.heap)?;
    // Each question as `kamerzoek search --any --limit 100` ranks it: what users get for
    // plain words (a quoted name stays a phrase).
    let options = SearchOptions { matching: Matching::Any, limit: EVAL_DEPTH, snippets: false, ..SearchOptions::default() };
    let mut scores = Vec::with_capacity(queries.len());
    for q in &queries {
        let ranking: Vec<String> = match built.index.search(&q.query, &options) {
            Ok(found) => found.into_iter().map(|hit| hit.letter).collect(),
            // A question of stop words only finds nothing, as it does for a user.
            Err(kamerzoek::Error::Query { .. }) => Vec::new(),
            Err(e) => return Err(e.into()),
        };
        scores.push(Relevance::of(&ranking, &q.relevant));
    }
    let mean = Relevance::mean(&scores);
    let mut r = report(&args.on.engine, "eval", &built, &args.on.docs, &args.on.queries, queries.len());
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

/// Latency percentiles of one set of queries.
#[derive(Debug, Serialize)]
pub struct Latency {
    pub queries: usize,
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// The slowest queries (their slowest run), to look into.
    pub slowest: Vec<(String, f64)>,
}

/// `bench`'s report: the peer line plus the latencies of the other kinds of queries.
#[derive(Debug, Serialize)]
pub struct BenchReport {
    #[serde(flatten)]
    pub peer: Report,
    /// kamerzoek's query language (phrases with slop, fields, boolean, prefixes, dates)
    /// made from the fixed queries with a fixed seed; top 10 letters, no snippets.
    pub syntax: Latency,
    /// The same queries with snippets and best sections, as the command line shows them.
    pub syntax_snippets: Latency,
    /// The same queries over sections (`--scope sections`), with snippets.
    pub sections_snippets: Latency,
    /// The same queries over the cited papers (`--scope citations`): each paper with
    /// its count, citing letters, title and best citing sentence.
    pub citations: Latency,
    /// The slowest of the fixed queries.
    pub slowest: Vec<(String, f64)>,
}

/// `kamerzoek bench`.
pub fn bench(args: &BenchArgs) -> anyhow::Result<BenchReport> {
    let queries: Vec<String> = eval::read_queries(&args.on.queries)?.into_iter().map(|q| q.query).collect();
    anyhow::ensure!(!queries.is_empty(), "{} holds no queries", args.on.queries.display());
    let built = if args.reuse {
        let dir = args.on.index.as_deref().expect("--reuse requires --index");
        let index = LetterIndex::open(dir)?;
        let docs = index.stats()?.letters;
        Built { index, docs, text_bytes: 0, seconds: f64::NAN, skipped: 0, peak_rss_mb: None, _temp: None }
    } else {
        build(&args.on.docs, args.on.index.as_deref(), args.on.heap)?
    };
    let index = &built.index;

    // The fixed queries are plain words: ranked as `kamerzoek search` ranks them.
    let plain = SearchOptions { scope: Scope::Letters, limit: 10, snippets: false, ..SearchOptions::default() };
    let free = time_queries(args, &queries, |q| Ok(index.search(q, &plain)?.len()))?;
    // Variants made only of stop words are query errors, not queries to time.
    let syntax_queries: Vec<String> = syntax_variants(&queries).into_iter().filter(|q| index.search(q, &plain).is_ok()).collect();
    let shown = SearchOptions { snippets: true, ..plain.clone() };
    let syntax = time_queries(args, &syntax_queries, |q| Ok(index.search(q, &plain)?.len()))?;
    let syntax_snippets = time_queries(args, &syntax_queries, |q| Ok(index.search(q, &shown)?.len()))?;
    let sections = SearchOptions { scope: Scope::Sections, ..shown.clone() };
    let sections_snippets = time_queries(args, &syntax_queries, |q| Ok(index.search(q, &sections)?.len()))?;
    let citations = time_queries(args, &syntax_queries, |q| Ok(index.search_citations(q, &plain)?.len()))?;

    let mut peer = report(&args.on.engine, "bench", &built, &args.on.docs, &args.on.queries, queries.len());
    (peer.p50_ms, peer.p95_ms, peer.p99_ms) = (Some(free.p50_ms), Some(free.p95_ms), Some(free.p99_ms));
    Ok(BenchReport { peer, syntax, syntax_snippets, sections_snippets, citations, slowest: free.slowest })
}

/// Warm-up rounds, then `reps` timed rounds over all queries.
fn time_queries(args: &BenchArgs, queries: &[String], mut run: impl FnMut(&str) -> anyhow::Result<usize>) -> anyhow::Result<Latency> {
    let warm_started = Instant::now();
    let mut rounds = 0;
    while rounds < args.warmup || warm_started.elapsed().as_secs_f64() < args.warmup_s {
        for q in queries {
            run(q)?;
        }
        rounds += 1;
    }
    let mut samples = Vec::with_capacity(queries.len() * args.reps);
    let mut slowest = vec![0f64; queries.len()];
    let mut hits = 0usize;
    for _ in 0..args.reps.max(1) {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            hits += run(q)?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            samples.push(ms);
            slowest[i] = slowest[i].max(ms);
        }
    }
    let mut slowest: Vec<(String, f64)> = queries.iter().cloned().zip(slowest).collect();
    slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
    slowest.truncate(5);
    // Something must have been found, or the timing measures nothing.
    anyhow::ensure!(hits > 0, "no query found anything");
    samples.sort_by(f64::total_cmp);
    let p = |x| eval::percentile(&samples, x).unwrap_or(f64::NAN);
    Ok(Latency { queries: queries.len(), samples: samples.len(), p50_ms: p(50.0), p95_ms: p(95.0), p99_ms: p(99.0), slowest })
}

/// The other kinds of queries users type, made from the fixed keyword queries with a
/// fixed seed so every run times the same set.
fn syntax_variants(queries: &[String]) -> Vec<String> {
    let mut seed: u64 = 0x5eed_2026;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    queries
        .iter()
        .filter_map(|q| {
            let words: Vec<&str> = q.split_whitespace().filter(|w| w.chars().all(char::is_alphanumeric)).collect();
            let (first, rest) = words.split_first()?;
            let second = rest.first().copied().unwrap_or(first);
            let stem: String = first.chars().take(5).collect();
            Some(match next() % 6 {
                0 => format!("\"{first} {second}\"~2"),
                1 => format!("title:{first} {second}"),
                2 => format!("{first} OR {second}"),
                3 => format!("{first} -{second}"),
                4 => format!("{stem}* {second}"),
                _ => format!("{first} {second} date:[1990 TO 2015]"),
            })
        })
        .collect()
}
