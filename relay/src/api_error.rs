//! Errors as CouchDB writes them: a status and `{"error": ..., "reason": ...}` in plain words.

use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: &'static str,
    pub reason: String,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, reason: impl Into<String>) -> Self {
        ApiError {
            status,
            error,
            reason: reason.into(),
        }
    }

    pub fn bad_request(reason: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", reason)
    }

    pub fn not_found(reason: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", reason)
    }

    pub fn storage(err: rusqlite::Error) -> Self {
        eprintln!("lotse-relay: storage error: {err}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "storage_error",
            "The relay could not read or write its data file.",
        )
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        let status = rejection.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::new(
                status,
                "too_large",
                format!(
                    "The request body is larger than {} MB; send fewer documents at once.",
                    crate::MAX_BODY_BYTES / (1024 * 1024)
                ),
            );
        }
        Self::new(
            status,
            "bad_request",
            format!(
                "The request body is not valid JSON of the expected shape: {}",
                rejection.body_text()
            ),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(json!({ "error": self.error, "reason": self.reason })),
        )
            .into_response()
    }
}
