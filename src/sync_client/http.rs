//! JSON over `fetch`, with the failures sync must tell apart: no connection at all, the
//! server answering with an error (CouchDB's `{"error", "reason"}`), and something else
//! answering in its place (a Wi-Fi login page, a proxy): a 2xx that is not the JSON asked
//! for is an error, never a success.

use crate::domain::sync::refusal::Refusal;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq)]
pub enum HttpError {
    /// The request did not get an answer (offline, server down, cut connection).
    NoConnection,
    /// The server answered with an error status and said why.
    Refused(Refusal),
    /// The answer was not the JSON expected: not the server speaking (a login page), or cut.
    BadAnswer,
}

/// A relay device token goes as Bearer; CouchDB credentials ("name:password") as Basic.
fn authorization(token: &str) -> String {
    if token.contains(':') {
        format!("Basic {}", BASE64.encode(token))
    } else {
        format!("Bearer {token}")
    }
}

/// Sends a request and returns the JSON answer of a 2xx response. Callers check its shape:
/// any JSON is not yet the answer they asked for.
pub async fn request(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<Value, HttpError> {
    request_as(method, url, token, body).await
}

/// Like `request`, read straight into `T` (no JSON tree in between: a pulled page of a
/// thousand changes is read once).
pub async fn request_as<T: DeserializeOwned>(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<T, HttpError> {
    let text = request_text(method, url, token, body).await?;
    serde_json::from_str(&text).map_err(|_| HttpError::BadAnswer)
}

/// The text of a 2xx answer; otherwise the status and the reason CouchDB gives.
pub async fn request_text(
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<String, HttpError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(|_| HttpError::BadAnswer)?;
    let _ = headers.set("accept", "application/json");
    if let Some(token) = token.filter(|t| !t.is_empty()) {
        let _ = headers.set("authorization", &authorization(token));
    }
    if let Some(body) = body {
        let _ = headers.set("content-type", "application/json");
        init.set_body(&body.to_string().into());
    }
    init.set_headers(&headers);
    // The service worker and HTTP cache must not answer sync requests.
    init.set_cache(web_sys::RequestCache::NoStore);
    let window = web_sys::window().ok_or(HttpError::NoConnection)?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| HttpError::NoConnection)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| HttpError::BadAnswer)?;
    let text = JsFuture::from(response.text().map_err(|_| HttpError::BadAnswer)?)
        .await
        .map_err(|_| HttpError::NoConnection)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        return Ok(text);
    }
    // CouchDB and the relay say why in JSON; an error page without it (a login portal's 511,
    // a proxy's 502) is not the server speaking.
    let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if json.get("error").is_none() {
        return Err(HttpError::BadAnswer);
    }
    let said = |key: &str| {
        json.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Err(HttpError::Refused(Refusal {
        status: response.status(),
        error: said("error"),
        reason: said("reason"),
    }))
}
