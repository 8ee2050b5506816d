//! Where the key that opens this device's data comes from (see `domain::app_lock`): a
//! passphrase, stretched by WebCrypto's PBKDF2, or a platform authenticator (fingerprint,
//! the phone's screen lock) through WebAuthn's PRF extension. Browser APIs only; the rules
//! and the ciphers are in the domain.

pub mod authenticator;
pub mod passphrase;

use wasm_bindgen::JsValue;

/// Why no key came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// The passphrase (or the authenticator's answer) does not open the device key.
    WrongKey,
    /// The browser or the authenticator cannot do this (no PRF, no platform authenticator).
    NotSupported,
    /// The page is not a secure context (plain http to an address other than this device):
    /// browsers offer WebCrypto only over https.
    NotSecure,
    /// The person cancelled the fingerprint or screen-lock prompt, or it timed out.
    Cancelled,
    /// Anything else the browser reported.
    Failed(String),
}

impl From<JsValue> for UnlockError {
    fn from(err: JsValue) -> Self {
        let name = js_sys::Reflect::get(&err, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match name.as_str() {
            "NotAllowedError" | "AbortError" => UnlockError::Cancelled,
            "NotSupportedError" | "SecurityError" => UnlockError::NotSupported,
            _ => UnlockError::Failed(format!("{name}: {err:?}")),
        }
    }
}

/// `object[key] = value` on a plain object being built.
fn set(object: &js_sys::Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property of a plain object created here cannot fail.
    let _ = js_sys::Reflect::set(object, &key.into(), &value.into());
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn bytes(value: &[u8]) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(value)
}

/// The 32 bytes of an ArrayBuffer (or view) the browser gave, if it has that many.
fn key_bytes(buffer: &JsValue) -> Option<[u8; 32]> {
    if buffer.is_undefined() || buffer.is_null() {
        return None;
    }
    <[u8; 32]>::try_from(js_sys::Uint8Array::new(buffer).to_vec().as_slice()).ok()
}
