//! Errors as the API answers them: a status and a JSON body that says what went wrong
//! and, for a query, where (`{"error": {"status": 400, "message": …, "position": 7}}`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kamerzoek::Error;
use serde::Serialize;

#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    /// For a bad query: the byte position in the query, as the command line reports it.
    position: Option<usize>,
}

impl ApiError {
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into(), position: None }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into(), position: None }
    }

    pub(crate) fn busy(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::SERVICE_UNAVAILABLE, message: message.into(), position: None }
    }

    pub(crate) fn payload_too_large(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::PAYLOAD_TOO_LARGE, message: message.into(), position: None }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Query { position, message } => ApiError { status: StatusCode::BAD_REQUEST, message, position: Some(position) },
            Error::UnknownLetter(id) => ApiError::not_found(format!("no letter {id:?} in the index")),
            other => ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: other.to_string(), position: None },
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    status: u16,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<usize>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body { error: Detail { status: self.status.as_u16(), message: &self.message, position: self.position } };
        (self.status, Json(body)).into_response()
    }
}

/// Any path the server does not serve.
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!("nothing at {}", uri.path()))
}
