//! PBKDF2-HMAC-SHA256 in WebCrypto: no wasm bytes, native speed, and the parameters checked
//! by `KdfParams::check` before anything is derived.

use super::{get, key_bytes, set, UnlockError};
use crate::domain::app_lock::KdfParams;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The 32-byte key the passphrase gives under `params`.
pub async fn derive(passphrase: &str, params: &KdfParams) -> Result<[u8; 32], UnlockError> {
    let salt = params.check().map_err(|_| UnlockError::NotSupported)?;
    let window = web_sys::window().ok_or(UnlockError::NotSupported)?;
    let crypto = window.crypto().map_err(UnlockError::from)?;
    let subtle = get(&crypto, "subtle");
    if subtle.is_undefined() {
        // WebCrypto needs a secure context (https or localhost).
        return Err(UnlockError::NotSecure);
    }
    let call = |name: &str, args: &js_sys::Array| -> Result<js_sys::Promise, UnlockError> {
        let function: js_sys::Function =
            get(&subtle, name).dyn_into().map_err(UnlockError::from)?;
        function
            .apply(&subtle, args)
            .map_err(UnlockError::from)?
            .dyn_into()
            .map_err(UnlockError::from)
    };
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let raw = super::bytes(passphrase.as_bytes());
    let import = js_sys::Array::of5(
        &"raw".into(),
        &raw,
        &"PBKDF2".into(),
        &false.into(),
        &usages,
    );
    let base = JsFuture::from(call("importKey", &import)?).await?;
    let algorithm = js_sys::Object::new();
    set(&algorithm, "name", "PBKDF2");
    set(&algorithm, "hash", "SHA-256");
    set(&algorithm, "salt", super::bytes(&salt));
    set(&algorithm, "iterations", params.iterations);
    let derive = js_sys::Array::of3(&algorithm, &base, &256.into());
    let bits = JsFuture::from(call("deriveBits", &derive)?).await?;
    key_bytes(&bits).ok_or_else(|| UnlockError::Failed("PBKDF2 gave no 32 bytes".into()))
}
