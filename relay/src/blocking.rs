//! SQLite calls block; they run on tokio's blocking threads, so that a big page for one
//! organisation never holds the async threads every other request needs.

use crate::api_error::ApiError;
use axum::http::StatusCode;

/// Runs `work` on a blocking thread and returns what it returned.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "The relay could not finish this request.",
        )
    })?
}
