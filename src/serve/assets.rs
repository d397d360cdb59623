//! The web page: three files compiled into the binary and served by name from a fixed
//! list, so no request path ever reaches the file system (`/assets/../x` is just an
//! unknown name). Every answer carries headers that keep the page to its own files.

use axum::extract::{Path, Request};
use axum::http::header::{self, HeaderValue};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use super::error::ApiError;

const PAGE: &str = include_str!("assets/index.html");

/// Name, content type, content.
const FILES: &[(&str, &str, &str)] =
    &[("app.js", "text/javascript; charset=utf-8", include_str!("assets/app.js")), ("app.css", "text/css; charset=utf-8", include_str!("assets/app.css"))];

pub(crate) async fn page() -> Html<&'static str> {
    Html(PAGE)
}

/// Browsers ask for an icon; there is none, and that is no error.
pub(crate) async fn no_icon() -> axum::http::StatusCode {
    axum::http::StatusCode::NO_CONTENT
}

pub(crate) async fn file(Path(name): Path<String>) -> Result<Response, ApiError> {
    let (_, kind, content) = FILES.iter().find(|(n, ..)| *n == name).ok_or_else(|| ApiError::not_found(format!("no asset {name:?}")))?;
    Ok(([(header::CONTENT_TYPE, *kind), (header::CACHE_CONTROL, "no-cache")], *content).into_response())
}

/// Scripts, styles and requests only from the server itself; no framing, no sniffing
/// of content types, no referrer to the official sites the page links to.
pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
