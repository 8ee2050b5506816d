//! Lotse: an offline-first app for volunteer-run migrant organisations.
//!
//! `domain` is plain Rust and builds everywhere, so most logic is tested natively with
//! `cargo test`, and so are the translations (`i18n`). Everything that needs a browser
//! (`storage`, `ui`) exists only on wasm32, which keeps native builds small and fast.

pub mod domain;

/// Every user-visible string in every language; plain data, checked by native tests.
pub mod i18n;

/// IndexedDB (wasm32 only); its errors are plain data, so their classification is tested
/// natively too.
pub mod storage;
/// Sync as the browser runs it: the requests to the relay (or CouchDB) and the run loop that
/// moves changes between them and storage. The protocol and its crypto are `domain::sync`.
#[cfg(target_arch = "wasm32")]
pub mod sync_client;
#[cfg(target_arch = "wasm32")]
pub mod ui;
/// The app lock as the browser runs it: the passphrase's PBKDF2 (WebCrypto) and quick unlock
/// with the phone's authenticator (WebAuthn PRF). Its rules and ciphers: `domain::app_lock`.
#[cfg(target_arch = "wasm32")]
pub mod unlock;
