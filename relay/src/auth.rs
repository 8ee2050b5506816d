//! Every request names an organisation's database and carries a device token for it: as
//! `Authorization: Bearer <token>` (Lotse), or as the password of HTTP Basic auth (CouchDB's
//! replicator and PouchDB with credentials in the URL).

use crate::api_error::ApiError;
use crate::store::{RequestingDevice, Store};
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

/// The device behind a request, checked against the database it asks for.
pub fn device_for(
    store: &Store,
    headers: &HeaderMap,
    db: &str,
) -> Result<RequestingDevice, ApiError> {
    let token = token(headers).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "This device has no access: a device token is missing.",
        )
    })?;
    match store.device_for_token(&token).map_err(ApiError::storage)? {
        Some(device) if device.db == db => Ok(device),
        Some(_) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "This device belongs to another organisation.",
        )),
        None if store.token_was_revoked(&token).map_err(ApiError::storage)? => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "revoked",
            "This device was removed from the organisation.",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "This device token is not known.",
        )),
    }
}

/// The device token a request carries, however it carries it.
pub(crate) fn token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("authorization")?.to_str().ok()?;
    if let Some(token) = value.strip_prefix("Bearer ") {
        return Some(token.trim().to_owned());
    }
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = BASE64.decode(encoded.trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    text.split_once(':')
        .map(|(_, password)| password.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_carries_the_token_as_password() {
        let mut headers = HeaderMap::new();
        // "phone:s3cret"
        headers.insert(
            "authorization",
            "Basic cGhvbmU6czNjcmV0".parse().expect("header"),
        );
        assert_eq!(token(&headers).as_deref(), Some("s3cret"));
        headers.insert("authorization", "Bearer abc".parse().expect("header"));
        assert_eq!(token(&headers).as_deref(), Some("abc"));
    }
}
