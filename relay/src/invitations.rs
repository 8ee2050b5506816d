//! Joining an organisation: a device that syncs asks for an invitation; a new phone trades
//! it for its own device token. Open invitations are listed and can be withdrawn, and they die
//! with the device that made them. And leaving it: a device removes another (its token stops
//! working at once) – never itself, never the last one. The relay keeps only the invitation's
//! hash, 48 hours, once. The data key travels in the invitation code from phone to phone,
//! never through here.

use crate::api_error::ApiError;
use crate::auth::device_for;
use crate::blocking::blocking;
use crate::client::ClientAddress;
use crate::limits::{FAILED_JOIN_WINDOW_SECONDS, MAX_FAILED_JOINS, MAX_FAILED_JOINS_PER_CLIENT};
use crate::store::{Joined, Removal, Store};
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

/// Largest sealed invitation kept: an address, the data keys of every epoch (a few dozen
/// bytes each) and the epoch.
const MAX_SEALED_BYTES: usize = 8192;

pub async fn create(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<CreateRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        let Json(request) = body?;
        let expires = now() + VALID_SECONDS;
        match (request.verifier, request.sealed) {
            (None, None) => {
                let secret = store
                    .create_invitation(&db, Some(&device), expires)
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
                        "sealed: the sealed invitation, at most 8192 characters.",
                    ));
                }
                store
                    .add_sealed_invitation(&device, &verifier, &sealed, expires)
                    .map_err(ApiError::storage)?;
                Ok((StatusCode::CREATED, Json(json!({ "expires": expires }))))
            }
            _ => Err(ApiError::bad_request(
                "Send both verifier and sealed (a short code), or neither.",
            )),
        }
    })
    .await
}

/// The organisation's invitations that can still be used: when each ends, and whether the
/// device asking made it.
pub async fn list(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        let open = store
            .open_invitations(&device, now())
            .map_err(ApiError::storage)?;
        let list: Vec<_> = open
            .into_iter()
            .map(|i| json!({ "id": i.id, "expires": i.expires, "mine": i.mine }))
            .collect();
        Ok(Json(json!({ "invitations": list })))
    })
    .await
}

/// Withdraws an open invitation: its code no longer lets anyone in.
pub async fn cancel(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        if store
            .cancel_invitation(&device, &id)
            .map_err(ApiError::storage)?
        {
            Ok(Json(json!({ "ok": true })))
        } else {
            Err(ApiError::not_found("No such open invitation."))
        }
    })
    .await
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
    client: ClientAddress,
    Path(db): Path<String>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || join_with(&store, &client.0, Some(&db), body)).await
}

/// Joining with a short code: the secret is the code's verifier, which alone finds the
/// invitation.
pub async fn join_by_code(
    State(store): State<Arc<Store>>,
    client: ClientAddress,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || join_with(&store, &client.0, None, body)).await
}

/// Failures are counted per client address (`MAX_FAILED_JOINS_PER_CLIENT`), under a high
/// ceiling for the whole relay (`MAX_FAILED_JOINS`): one stranger guessing blocks himself,
/// not every organisation's joining.
fn join_with(
    store: &Store,
    client: &str,
    db: Option<&str>,
    body: Result<Json<JoinRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let now = now();
    let since = now - FAILED_JOIN_WINDOW_SECONDS;
    let (from_client, everyone) = store
        .failed_joins(client, since)
        .map_err(ApiError::storage)?;
    if from_client >= MAX_FAILED_JOINS_PER_CLIENT || everyone >= MAX_FAILED_JOINS {
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
    let joined = store
        .join(
            db,
            request.secret.trim(),
            device,
            public_key.as_deref(),
            now,
        )
        .map_err(ApiError::storage)?;
    let refused = |reason: &str| {
        store
            .record_failed_join(client, now, since)
            .map_err(ApiError::storage)?;
        Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", reason))
    };
    match joined {
        Joined::Token { token, db, sealed } => Ok((
            StatusCode::CREATED,
            Json(json!({ "token": token, "db": db, "sealed": sealed })),
        )),
        Joined::Expired => refused("invitation expired"),
        Joined::Used => refused("invitation already used"),
        Joined::Unknown => refused("invitation not valid"),
    }
}

pub async fn list_devices(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        let devices = store.devices(&device).map_err(ApiError::storage)?;
        let list: Vec<_> = devices
            .into_iter()
            .map(|d| json!({ "id": d.id, "name": d.name, "this": d.this, "public_key": d.public_key }))
            .collect();
        Ok(Json(json!({ "devices": list })))
    })
    .await
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
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        let Json(request) = body?;
        let key = public_key_from(&request.public_key)
            .ok_or_else(|| ApiError::bad_request(PUBLIC_KEY_FORMAT))?;
        store
            .set_public_key(&device, &key)
            .map_err(ApiError::storage)?;
        Ok(Json(json!({ "ok": true })))
    })
    .await
}

pub async fn remove_device(
    State(store): State<Arc<Store>>,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = device_for(&store, &headers, &db)?;
        let refused = |reason: &str| ApiError::new(StatusCode::FORBIDDEN, "forbidden", reason);
        match store.revoke(&device, &id).map_err(ApiError::storage)? {
            Removal::Removed => Ok(Json(json!({ "ok": true }))),
            Removal::NotFound => Err(ApiError::not_found("No such device in this organisation.")),
            Removal::Itself => Err(refused("A device cannot remove itself.")),
            Removal::Last => Err(refused("The organisation's last device cannot be removed.")),
        }
    })
    .await
}
