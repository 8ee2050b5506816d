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

/// A phone that invites with a short code sends the verifier it derived from the code and
/// the invitation sealed with a key from the same code; without them the relay draws a
/// secret itself (the long code, which carries the data key).
#[derive(Deserialize, Default)]
pub struct CreateRequest {
    verifier: Option<String>,
    sealed: Option<String>,
}

/// Largest sealed invitation kept: an address, a key and an epoch need a few hundred bytes.
const MAX_SEALED_BYTES: usize = 4096;

pub async fn create(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<CreateRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    device_for(&store, &headers, &db)?;
    let Json(request) = body?;
    let expires = now() + VALID_SECONDS;
    match (request.verifier, request.sealed) {
        (None, None) => {
            let secret = store
                .create_invitation(&db, expires)
                .map_err(ApiError::storage)?;
            Ok((
                StatusCode::CREATED,
                Json(json!({ "secret": secret, "expires": expires })),
            ))
        }
        (Some(verifier), Some(sealed)) => {
            let verifier_ok =
                verifier.len() == 64 && verifier.bytes().all(|b| b.is_ascii_hexdigit());
            if !verifier_ok {
                return Err(ApiError::bad_request(
                    "verifier: 64 hexadecimal digits (256 bits derived from the code).",
                ));
            }
            if sealed.is_empty() || sealed.len() > MAX_SEALED_BYTES {
                return Err(ApiError::bad_request(
                    "sealed: the sealed invitation, at most 4096 characters.",
                ));
            }
            store
                .add_sealed_invitation(&db, &verifier, &sealed, expires)
                .map_err(ApiError::storage)?;
            Ok((StatusCode::CREATED, Json(json!({ "expires": expires }))))
        }
        _ => Err(ApiError::bad_request(
            "Send both verifier and sealed (a short code), or neither.",
        )),
    }
}

#[derive(Deserialize)]
pub struct JoinRequest {
    secret: String,
    device: String,
    /// The new device's X25519 public key (see `set_device_key`), registered with it.
    #[serde(default)]
    public_key: Option<String>,
}

/// An X25519 public key as 64 hex digits, lower case; `None` if it is not one.
fn public_key_from(text: &str) -> Option<String> {
    let key = text.trim();
    (key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| key.to_ascii_lowercase())
}

const PUBLIC_KEY_FORMAT: &str = "public_key: 64 hexadecimal digits (an X25519 public key).";

/// Joining with the long code, which names the organisation in its address.
pub async fn join(
    State(store): State<Arc<Store>>,
    Path(db): Path<String>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    join_with(&store, Some(&db), body)
}

/// Joining with a short code: the secret is the code's verifier, which alone finds the
/// invitation. Failures count against one limit for the whole relay (MAX_CODE_FAILURES):
/// there is no organisation to count them for, and 128-bit codes are not guessed anyway.
pub async fn join_by_code(
    State(store): State<Arc<Store>>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    join_with(&store, None, body)
}

/// Failed short-code joins allowed on the whole relay per window.
pub const MAX_CODE_FAILURES: i64 = 100;

fn join_with(
    store: &Store,
    db: Option<&str>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    let now = now();
    let limit = if db.is_some() {
        MAX_FAILURES
    } else {
        MAX_CODE_FAILURES
    };
    let failures = store
        .recent_join_failures(db, now - FAILURE_WINDOW_SECONDS)
        .map_err(ApiError::storage)?;
    if failures >= limit {
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "Too many wrong invitation codes. Try again in 10 minutes.",
        ));
    }
    let Json(request) = body?;
    let device = request.device.trim();
    if device.is_empty() || device.chars().count() > 80 {
        return Err(ApiError::bad_request(
            "Give this device a name (up to 80 characters).",
        ));
    }
    let public_key = match request.public_key.as_deref().map(public_key_from) {
        Some(None) => return Err(ApiError::bad_request(PUBLIC_KEY_FORMAT)),
        Some(Some(key)) => Some(key),
        None => None,
    };
    let refused = |reason: &str| ApiError::new(StatusCode::FORBIDDEN, "forbidden", reason);
    match store
        .join(db, request.secret.trim(), device, now)
        .map_err(ApiError::storage)?
    {
        Joined::Token { token, db, sealed } => {
            if let Some(key) = public_key {
                store
                    .set_public_key(&token, &key)
                    .map_err(ApiError::storage)?;
            }
            Ok((
                StatusCode::CREATED,
                Json(json!({ "token": token, "db": db, "sealed": sealed })),
            ))
        }
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
        .map(|d| json!({ "id": d.id, "name": d.name, "this": d.this, "public_key": d.public_key }))
        .collect();
    Ok(Json(json!({ "devices": list })))
}

#[derive(Deserialize)]
pub struct DeviceKeyRequest {
    public_key: String,
}

/// A device registers its X25519 public key, so that a new data key can be sealed for it
/// alone when another device is removed.
pub async fn set_device_key(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<DeviceKeyRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    device_for(&store, &headers, &db)?;
    let Json(request) = body?;
    let key = public_key_from(&request.public_key)
        .ok_or_else(|| ApiError::bad_request(PUBLIC_KEY_FORMAT))?;
    store
        .set_public_key(&token(&headers).unwrap_or_default(), &key)
        .map_err(ApiError::storage)?;
    Ok(Json(json!({ "ok": true })))
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
