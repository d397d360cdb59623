//! The JSON API. The keys are those of `--json` where they overlap: a hit is the
//! command line's hit, a letter is `show --json`'s record.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State as Shared};
use axum::Json;
use kamerzoek::{Analysis, CitedHit, CitedPaper, Facets, Hit, LetterRecord, Matching, MostCited, Scope, SearchOptions, Sort, Stats};
use serde::{Deserialize, Serialize};

use super::error::ApiError;
use super::State;

type Answer<T> = Result<Json<T>, ApiError>;

/// Runs index work on the blocking pool, at most [`super::Limits::concurrent`] at once,
/// answering 503 when it (or the wait for a turn) takes longer than the timeout.
async fn blocking<T: Send + 'static>(state: &Arc<State>, work: impl FnOnce(&State) -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    let timeout = state.limits.timeout;
    let busy = || ApiError::busy(format!("the search took longer than {} s; narrow it down or try again", timeout.as_secs()));
    let shared = Arc::clone(state);
    let run = async move {
        let permit = Arc::clone(&shared.permits).acquire_owned().await.map_err(|_| ApiError::busy("the server is stopping"))?;
        let worker = Arc::clone(&shared);
        // The turn is held until the work ends, even when the answer has timed out:
        // searches that outlive their request still count against the limit.
        tokio::task::spawn_blocking(move || {
            let _turn = permit;
            work(&worker)
        })
        .await
        .map_err(|e| ApiError::busy(format!("the search failed: {e}")))?
    };
    tokio::time::timeout(timeout, run).await.unwrap_or_else(|_| Err(busy()))
}

#[derive(Debug, Deserialize)]
pub(crate) struct SearchParams {
    q: Option<String>,
    scope: Option<String>,
    sort: Option<String>,
    matching: Option<String>,
    from: Option<String>,
    to: Option<String>,
    dated: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
    facets: Option<bool>,
}

#[derive(Serialize)]
pub(crate) struct SearchAnswer {
    query: String,
    scope: &'static str,
    offset: usize,
    limit: usize,
    /// Letters or sections that match; for cited papers, those on this page.
    total: usize,
    total_exact: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    all_words: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    undated: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cited: Vec<CitedHit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<Facets>,
}

fn bad_params(e: QueryRejection) -> ApiError {
    ApiError::bad_request(format!("bad parameters: {}", e.body_text()))
}

fn day(name: &str, value: Option<&str>) -> Result<Option<time::Date>, ApiError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    value
        .filter(|v| !v.is_empty())
        .map(|v| time::Date::parse(v, format).map_err(|_| ApiError::bad_request(format!("{name}={v:?} is not a date: write YYYY-MM-DD"))))
        .transpose()
}

/// `GET /api/search?q=…&scope=letters|sections|citations&sort=relevance|date&from=&to=&limit=&offset=`
pub(crate) async fn search(Shared(state): Shared<Arc<State>>, params: Result<Query<SearchParams>, QueryRejection>) -> Answer<SearchAnswer> {
    let Query(p) = params.map_err(bad_params)?;
    let limits = &state.limits;
    let query = p.q.unwrap_or_default();
    if query.trim().is_empty() {
        return Err(ApiError::bad_request("q is empty: give words to search for"));
    }
    if query.len() > limits.query_bytes {
        return Err(ApiError::bad_request(format!("q is {} bytes; at most {} are searched", query.len(), limits.query_bytes)));
    }
    let limit = p.limit.unwrap_or(10);
    if limit == 0 || limit > limits.limit {
        return Err(ApiError::bad_request(format!("limit={limit}: give 1 to {}", limits.limit)));
    }
    let offset = p.offset.unwrap_or(0);
    if offset > limits.offset {
        return Err(ApiError::bad_request(format!("offset={offset}: pages go up to offset {}", limits.offset)));
    }
    let (scope, scope_name) = match p.scope.as_deref().unwrap_or("letters") {
        "letters" => (Some(Scope::Letters), "letters"),
        "sections" => (Some(Scope::Sections), "sections"),
        "citations" => (None, "citations"),
        other => return Err(ApiError::bad_request(format!("scope={other:?}: use letters, sections or citations"))),
    };
    let sort = match p.sort.as_deref().unwrap_or("relevance") {
        "relevance" => Sort::Relevance,
        "date" => Sort::Date,
        other => return Err(ApiError::bad_request(format!("sort={other:?}: use relevance or date"))),
    };
    let matching = match p.matching.as_deref().unwrap_or("auto") {
        "auto" => Matching::Auto,
        "all" => Matching::All,
        "any" => Matching::Any,
        other => return Err(ApiError::bad_request(format!("matching={other:?}: use auto, all or any"))),
    };
    let options = SearchOptions {
        scope: scope.unwrap_or(Scope::Letters),
        sort,
        matching,
        limit,
        offset,
        from: day("from", p.from.as_deref())?,
        to: day("to", p.to.as_deref())?,
        keep_undated: !p.dated.unwrap_or(false),
        ..SearchOptions::default()
    };
    let with_facets = p.facets.unwrap_or(true);
    let answer = blocking(&state, move |s| {
        let mut answer = SearchAnswer {
            query: query.clone(),
            scope: scope_name,
            offset,
            limit,
            total: 0,
            total_exact: true,
            all_words: None,
            undated: None,
            hits: Vec::new(),
            cited: Vec::new(),
            facets: None,
        };
        match scope {
            None => {
                answer.cited = s.index.search_citations(&query, &options)?;
                answer.total = answer.cited.len();
            }
            Some(_) => {
                let found = s.index.search(&query, &options)?;
                answer.total = found.total.n;
                answer.total_exact = found.total.exact;
                answer.all_words = found.all_words.map(|c| c.n);
                answer.undated = found.undated.map(|c| c.n);
                answer.hits = found.hits;
                if with_facets {
                    answer.facets = Some(s.index.facets(&query, &options)?);
                }
            }
        }
        Ok(answer)
    })
    .await?;
    Ok(Json(answer))
}

/// `GET /api/letters/{id}`: what `show --json` prints.
pub(crate) async fn letter(Shared(state): Shared<Arc<State>>, Path(id): Path<String>) -> Answer<LetterRecord> {
    let record = blocking(&state, move |s| Ok(s.index.letter(&id)?.0)).await?;
    Ok(Json(record))
}

#[derive(Debug, Deserialize)]
pub(crate) struct TextParams {
    section: Option<usize>,
    q: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct LetterText {
    id: String,
    title: String,
    /// The section shown (0-based), when one was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<String>,
    /// Where `text` starts and ends in the whole body, in bytes.
    start: usize,
    end: usize,
    /// The repaired body (or the section of it).
    text: String,
    /// Byte ranges of `text` that `q` matches.
    highlights: Vec<(usize, usize)>,
}

/// `GET /api/letters/{id}/text?section=N&q=…`: the repaired text, marked for a query.
pub(crate) async fn letter_text(
    Shared(state): Shared<Arc<State>>,
    Path(id): Path<String>,
    params: Result<Query<TextParams>, QueryRejection>,
) -> Answer<LetterText> {
    let Query(p) = params.map_err(bad_params)?;
    if p.q.as_ref().is_some_and(|q| q.len() > state.limits.query_bytes) {
        return Err(ApiError::bad_request(format!("q is longer than {} bytes", state.limits.query_bytes)));
    }
    let answer = blocking(&state, move |s| {
        let (record, body) = s.index.letter(&id)?;
        let (start, end, heading) = match p.section {
            None => (0, body.len(), None),
            Some(n) => {
                let Some(section) = record.sections.get(n) else {
                    return Err(ApiError::not_found(format!("letter {id:?} has {} sections, numbered from 0; there is no section {n}", record.sections.len())));
                };
                (section.start, section.end, section.heading.clone())
            }
        };
        let text = body.get(start..end).unwrap_or_default().to_string();
        let highlights = match p.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => s.index.highlights(q, &text)?,
            None => Vec::new(),
        };
        Ok(LetterText { id: record.id, title: record.title, section: p.section, heading, start, end, text, highlights })
    })
    .await?;
    Ok(Json(answer))
}

#[derive(Debug, Deserialize)]
pub(crate) struct TopParams {
    top: Option<usize>,
}

/// `GET /api/citations?top=N`: the most cited papers.
pub(crate) async fn most_cited(Shared(state): Shared<Arc<State>>, params: Result<Query<TopParams>, QueryRejection>) -> Answer<Vec<MostCited>> {
    let Query(p) = params.map_err(bad_params)?;
    let top = p.top.unwrap_or(20);
    if top == 0 || top > 1_000 {
        return Err(ApiError::bad_request(format!("top={top}: give 1 to 1000")));
    }
    Ok(Json(blocking(&state, move |s| Ok(s.index.most_cited(top)?)).await?))
}

/// The most citing letters read for one cited paper.
const CITING_LETTERS: usize = 100;

/// `GET /api/citations/{key}`: the letters that cite a paper, with their sentences.
pub(crate) async fn cited_paper(Shared(state): Shared<Arc<State>>, Path(written): Path<String>) -> Answer<CitedPaper> {
    if written.len() > state.limits.query_bytes {
        return Err(ApiError::bad_request("the key is too long"));
    }
    let answer = blocking(&state, move |s| match kamerzoek::normalize_citation(&written) {
        None => Err(ApiError::bad_request(format!("{written:?} is no citation key (e.g. kst-33763-96)"))),
        Some(key) => s.index.cited_paper(&key, CITING_LETTERS)?.ok_or_else(|| ApiError::not_found(format!("no letter in the index is or cites {key}"))),
    })
    .await?;
    Ok(Json(answer))
}

/// `GET /api/stats`.
pub(crate) async fn stats(Shared(state): Shared<Arc<State>>) -> Answer<Stats> {
    Ok(Json(blocking(&state, |s| Ok(s.index.stats()?)).await?))
}

#[derive(Debug, Deserialize)]
pub(crate) struct AnalyzeRequest {
    text: String,
    /// `tokens` (the default), `exact` or `citations`.
    #[serde(default)]
    what: Option<String>,
}

/// `POST /api/analyze` with `{"text": …, "what": "tokens"|"exact"|"citations"}`.
pub(crate) async fn analyze(
    Shared(state): Shared<Arc<State>>,
    body: Result<Json<AnalyzeRequest>, axum::extract::rejection::JsonRejection>,
) -> Answer<serde_json::Value> {
    let Json(request) = body.map_err(|e| match e.status() {
        axum::http::StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large(format!("the body is larger than {} bytes", state.limits.body_bytes)),
        _ => ApiError::bad_request(format!("the body must be JSON like {{\"text\": \"…\"}}: {}", e.body_text())),
    })?;
    let value = blocking(&state, move |_| {
        let value = match request.what.as_deref().unwrap_or("tokens") {
            "tokens" => serde_json::to_value(kamerzoek::analyze(&request.text, Analysis::Dutch)),
            "exact" => serde_json::to_value(kamerzoek::analyze(&request.text, Analysis::Exact)),
            "citations" => Ok(kamerzoek::extract_citations(&request.text).iter().map(crate::cli::output::citation_json).collect()),
            other => return Err(ApiError::bad_request(format!("what={other:?}: use tokens, exact or citations"))),
        };
        value.map_err(|e| ApiError::bad_request(e.to_string()))
    })
    .await?;
    Ok(Json(value))
}
