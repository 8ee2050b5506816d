//! Quick unlock with the phone's own authenticator (fingerprint, face, screen lock) through
//! WebAuthn's PRF extension: the authenticator turns a stored salt into a secret only it can
//! compute, after the person proved themselves to it; that secret wraps the device key a
//! second time. Nothing is sent anywhere: the challenge is random and never checked by a
//! server, because the secret itself is what matters.

use super::{bytes, get, key_bytes, set, UnlockError};
use crate::domain::app_lock::{unwrap_key, wrap_key, QuickUnlock, RestKey, DEVICE_KEY_BYTES};
use crate::storage::random_bytes;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const TIMEOUT_MS: u32 = 60_000;

fn random<const N: usize>() -> Result<[u8; N], UnlockError> {
    random_bytes().map_err(|err| UnlockError::Failed(format!("{err:?}")))
}

/// Whether this browser has a platform authenticator that verifies the person.
pub async fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let class = get(&window, "PublicKeyCredential");
    let Ok(check) =
        get(&class, "isUserVerifyingPlatformAuthenticatorAvailable").dyn_into::<js_sys::Function>()
    else {
        return false;
    };
    let Ok(promise) = check
        .call0(&class)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    else {
        return false;
    };
    matches!(JsFuture::from(promise).await, Ok(answer) if answer.as_bool() == Some(true))
}

/// `navigator.credentials.<method>({ publicKey })`.
async fn credentials(method: &str, public_key: &js_sys::Object) -> Result<JsValue, UnlockError> {
    let window = web_sys::window().ok_or(UnlockError::NotSupported)?;
    let container = get(&window.navigator(), "credentials");
    let function: js_sys::Function = get(&container, method)
        .dyn_into()
        .map_err(|_| UnlockError::NotSupported)?;
    let options = js_sys::Object::new();
    set(&options, "publicKey", public_key.clone());
    let promise: js_sys::Promise = function
        .call1(&container, &options)
        .map_err(UnlockError::from)?
        .dyn_into()
        .map_err(UnlockError::from)?;
    let credential = JsFuture::from(promise).await?;
    if credential.is_null() || credential.is_undefined() {
        return Err(UnlockError::Cancelled);
    }
    Ok(credential)
}

/// `{ prf: { eval: { first: salt } } }`
fn prf_input(salt: &[u8]) -> js_sys::Object {
    let values = js_sys::Object::new();
    set(&values, "first", bytes(salt));
    let prf = js_sys::Object::new();
    set(&prf, "eval", values);
    let extensions = js_sys::Object::new();
    set(&extensions, "prf", prf);
    extensions
}

/// The PRF extension's results of a credential: (enabled, the first secret if given).
fn prf_output(credential: &JsValue) -> Result<(bool, Option<[u8; 32]>), UnlockError> {
    let results: js_sys::Function = get(credential, "getClientExtensionResults")
        .dyn_into()
        .map_err(|_| UnlockError::NotSupported)?;
    let outputs = results.call0(credential).map_err(UnlockError::from)?;
    let prf = get(&outputs, "prf");
    let enabled = get(&prf, "enabled").as_bool().unwrap_or(false);
    let first = key_bytes(&get(&get(&prf, "results"), "first"));
    Ok((enabled || first.is_some(), first))
}

/// The authenticator's secret for `salt` with the credential `id` (the person is asked).
async fn secret(id: &[u8], salt: &[u8]) -> Result<[u8; 32], UnlockError> {
    let allowed = js_sys::Object::new();
    set(&allowed, "type", "public-key");
    set(&allowed, "id", bytes(id));
    let public_key = js_sys::Object::new();
    set(&public_key, "challenge", bytes(&random::<32>()?));
    set(
        &public_key,
        "allowCredentials",
        js_sys::Array::of1(&allowed),
    );
    set(&public_key, "userVerification", "required");
    set(&public_key, "timeout", TIMEOUT_MS);
    set(&public_key, "extensions", prf_input(salt));
    let credential = credentials("get", &public_key).await?;
    prf_output(&credential)?.1.ok_or(UnlockError::NotSupported)
}

/// Creates a credential on this device's authenticator and wraps the device key with its
/// secret. Fails with `NotSupported` where the authenticator has no PRF.
pub async fn enrol(device_key: &RestKey) -> Result<QuickUnlock, UnlockError> {
    let salt = random::<32>()?;
    let rp = js_sys::Object::new();
    set(&rp, "name", "Lotse");
    let user = js_sys::Object::new();
    set(&user, "id", bytes(&random::<16>()?));
    set(&user, "name", "Lotse");
    set(&user, "displayName", "Lotse");
    let params = js_sys::Array::new();
    for alg in [-7, -257] {
        let param = js_sys::Object::new();
        set(&param, "type", "public-key");
        set(&param, "alg", alg);
        params.push(&param);
    }
    let selection = js_sys::Object::new();
    set(&selection, "authenticatorAttachment", "platform");
    set(&selection, "userVerification", "required");
    set(&selection, "residentKey", "discouraged");
    let public_key = js_sys::Object::new();
    set(&public_key, "rp", rp);
    set(&public_key, "user", user);
    set(&public_key, "challenge", bytes(&random::<32>()?));
    set(&public_key, "pubKeyCredParams", params);
    set(&public_key, "authenticatorSelection", selection);
    set(&public_key, "timeout", TIMEOUT_MS);
    set(&public_key, "extensions", prf_input(&salt));
    let credential = credentials("create", &public_key).await?;
    let (enabled, first) = prf_output(&credential)?;
    if !enabled {
        return Err(UnlockError::NotSupported);
    }
    let id = js_sys::Uint8Array::new(&get(&credential, "rawId")).to_vec();
    // Most authenticators only evaluate the PRF when asked with `get`.
    let secret = match first {
        Some(secret) => secret,
        None => secret(&id, &salt).await?,
    };
    Ok(QuickUnlock {
        credential: BASE64.encode(&id),
        salt: BASE64.encode(salt),
        wrapped: wrap_key(&secret, device_key.bytes(), random()?),
    })
}

/// The device key, after the person proved themselves to the authenticator.
pub async fn unlock(quick: &QuickUnlock) -> Result<[u8; DEVICE_KEY_BYTES], UnlockError> {
    let id = BASE64
        .decode(&quick.credential)
        .map_err(|_| UnlockError::WrongKey)?;
    let salt = BASE64
        .decode(&quick.salt)
        .map_err(|_| UnlockError::WrongKey)?;
    let secret = secret(&id, &salt).await?;
    unwrap_key(&secret, &quick.wrapped).map_err(|_| UnlockError::WrongKey)
}
