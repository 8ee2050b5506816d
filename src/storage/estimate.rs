//! How much the browser lets Lotse store, and whether it promised to keep it.

use super::convert::from_js_exception;
use crate::storage::error::StorageError;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageUse {
    pub used_bytes: u64,
    pub quota_bytes: u64,
}

fn storage_manager() -> Result<web_sys::StorageManager, StorageError> {
    let navigator = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .navigator();
    // Missing in insecure contexts and old browsers: report, do not crash.
    let manager = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .map_err(|err| from_js_exception(&err))?;
    manager
        .dyn_into::<web_sys::StorageManager>()
        .map_err(|_| StorageError::Unavailable("navigator.storage is not available".into()))
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, StorageError> {
    let promise = promise.map_err(|err| from_js_exception(&err))?;
    JsFuture::from(promise)
        .await
        .map_err(|err| from_js_exception(&err))
}

pub async fn estimate() -> Result<StorageUse, StorageError> {
    let result = call(storage_manager()?.estimate()).await?;
    let number = |name: &str| {
        js_sys::Reflect::get(&result, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as u64
    };
    Ok(StorageUse {
        used_bytes: number("usage"),
        quota_bytes: number("quota"),
    })
}

/// Whether the browser has promised not to evict Lotse's data under storage pressure.
pub async fn is_persisted() -> Result<bool, StorageError> {
    Ok(call(storage_manager()?.persisted())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Asks for persistent storage; browsers decide silently (Chromium) or ask the user (Firefox).
pub async fn request_persistence() -> Result<bool, StorageError> {
    Ok(call(storage_manager()?.persist())
        .await?
        .as_bool()
        .unwrap_or(false))
}
