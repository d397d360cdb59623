//! `kamerzoek serve`: the JSON API and the web page over one index, read-only.
//!
//! axum on tokio. Index work (searching, reading a letter) runs on tokio's blocking
//! pool, a few at a time ([`Limits::concurrent`]), each within [`Limits::timeout`]; the
//! index is reloaded every second, so what `kamerzoek index` commits is served without
//! a restart. The page's files are compiled into the binary: no path of a request is
//! ever read from disk.

mod api;
mod assets;
mod error;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use kamerzoek::LetterIndex;
use tokio::sync::Semaphore;

/// What one request may ask and take.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest query, in bytes.
    pub query_bytes: usize,
    /// Most hits on one page.
    pub limit: usize,
    /// Deepest page: `offset` at most this.
    pub offset: usize,
    /// Largest request body (`POST /api/analyze`), in bytes.
    pub body_bytes: usize,
    /// Longest a search or letter read may take before the request is answered 503.
    pub timeout: Duration,
    /// Searches run at once; more wait (within `timeout`).
    pub concurrent: usize,
    /// Longest a client may take to send a request's headers (also an idle kept-alive
    /// connection's limit): a client that trickles them is dropped.
    pub header_timeout: Duration,
    /// Connections open at once; more wait to be accepted.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            query_bytes: 1_000,
            limit: 100,
            offset: 10_000,
            body_bytes: 64 * 1024,
            timeout: Duration::from_secs(10),
            concurrent: std::thread::available_parallelism().map_or(2, |n| n.get()) * 2,
            header_timeout: Duration::from_secs(10),
            connections: 1_024,
        }
    }
}

/// What every handler shares.
pub(crate) struct State {
    index: LetterIndex,
    limits: Limits,
    permits: Arc<Semaphore>,
}

/// The router over `state`: the API under `/api`, the page at `/`.
fn router(state: Arc<State>) -> Router {
    let body_bytes = state.limits.body_bytes;
    Router::new()
        .route("/api/search", get(api::search))
        .route("/api/letters/{id}", get(api::letter))
        .route("/api/letters/{id}/text", get(api::letter_text))
        .route("/api/citations", get(api::most_cited))
        .route("/api/citations/{key}", get(api::cited_paper))
        .route("/api/stats", get(api::stats))
        .route("/api/analyze", post(api::analyze))
        .route("/", get(assets::page))
        .route("/favicon.ico", get(assets::no_icon))
        .route("/assets/{name}", get(assets::file))
        .fallback(error::not_found)
        .layer(DefaultBodyLimit::max(body_bytes))
        .layer(axum::middleware::from_fn(assets::security_headers))
        .with_state(state)
}

/// Serves `index` on `bind` until interrupted (Ctrl-C or SIGTERM).
pub fn run(index: LetterIndex, bind: SocketAddr, limits: Limits, ready: impl FnOnce(SocketAddr)) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
        let local = listener.local_addr()?;
        let state = Arc::new(State { index, permits: Arc::new(Semaphore::new(limits.concurrent.max(1))), limits });
        let reloading = Arc::clone(&state);
        tokio::spawn(async move {
            // What `kamerzoek index` commits shows within a second.
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                let state = Arc::clone(&reloading);
                let _ = tokio::task::spawn_blocking(move || state.index.reload()).await;
            }
        });
        ready(local);
        let (header_timeout, connections) = (state.limits.header_timeout, state.limits.connections);
        accept(listener, router(state), header_timeout, connections).await;
        Ok(())
    })
}

/// Accepts connections until shutdown, at most `connections` open at once, each
/// served by hyper's HTTP/1 with a time limit on reading a request's headers (which
/// `axum::serve` does not set).
async fn accept(listener: tokio::net::TcpListener, app: Router, header_timeout: Duration, connections: usize) {
    let open = Arc::new(Semaphore::new(connections.max(1)));
    let mut stop = std::pin::pin!(shutdown());
    loop {
        let turn = tokio::select! {
            turn = Arc::clone(&open).acquire_owned() => match turn {
                Ok(turn) => turn,
                Err(_) => return,
            },
            _ = &mut stop => return,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, or a connection reset before it was
                // accepted: wait a moment and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _turn = turn;
            let _ = stream.set_nodelay(true);
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A client that goes away or breaks the protocol ends only its connection.
            let _ = connection.await;
        });
    }
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
