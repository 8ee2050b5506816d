//! Joining an organisation: a device that syncs asks for an invitation; a new phone trades
//! it for its own device token. And leaving it: a device removes another (its token stops
//! working at once). The relay keeps only the invitation's hash, 48 hours, once.
//! The data key travels in the invitation code from phone to phone, never through here.

use crate::api_error::ApiError;
use crate::auth::{device_for, token};
use crate::store::{Joined, Store};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

pub const VALID_SECONDS: i64 = 48 * 3600;
/// Failed attempts to join one organisation allowed per window, against guessing.
pub const MAX_FAILURES: i64 = 10;
pub const FAILURE_WINDOW_SECONDS: i64 = 600;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub async fn create(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    device_for(&store, &headers, &db)?;
    let expires = now() + VALID_SECONDS;
    let secret = store
        .create_invitation(&db, expires)
        .map_err(ApiError::storage)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "secret": secret, "expires": expires })),
    ))
}

#[derive(Deserialize)]
pub struct JoinRequest {
    secret: String,
    device: String,
}

pub async fn join(
    State(store): State<Arc<Store>>,
    Path(db): Path<String>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let now = now();
    let failures = store
        .recent_join_failures(&db, now - FAILURE_WINDOW_SECONDS)
        .map_err(ApiError::storage)?;
    if failures >= MAX_FAILURES {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "Too many wrong invitation codes for this organisation. Try again in 10 minutes.",
        ));
    }
    let Json(request) = body?;
    let device = request.device.trim();
    if device.is_empty() || device.chars().count() > 80 {
        return Err(ApiError::bad_request(
            "Give this device a name (up to 80 characters).",
        ));
    }
    let refused = |reason: &str| ApiError::new(StatusCode::FORBIDDEN, "forbidden", reason);
    match store
        .join(&db, request.secret.trim(), device, now)
        .map_err(ApiError::storage)?
    {
        Joined::Token(token) => Ok((StatusCode::CREATED, Json(json!({ "token": token })))),
        Joined::Expired => Err(refused("invitation expired")),
        Joined::Used => Err(refused("invitation already used")),
        Joined::Unknown => Err(refused("invitation not valid")),
    }
}

pub async fn list_devices(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    device_for(&store, &headers, &db)?;
    let devices = store
        .devices(&db, &token(&headers).unwrap_or_default())
        .map_err(ApiError::storage)?;
    let list: Vec<_> = devices
        .into_iter()
        .map(|(id, name, this)| json!({ "id": id, "name": name, "this": this }))
        .collect();
    Ok(Json(json!({ "devices": list })))
}

pub async fn remove_device(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    device_for(&store, &headers, &db)?;
    if store.revoke(&db, &id).map_err(ApiError::storage)? {
        Ok(Json(json!({ "ok": true })))
    } else {
        Err(ApiError::not_found("No such device in this organisation."))
    }
}
