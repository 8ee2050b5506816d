//! Lotse: an offline-first app for volunteer-run migrant organisations.
//!
//! `domain` is plain Rust and builds everywhere, so most logic is tested natively with
//! `cargo test`, and so are the translations (`i18n`). Everything that needs a browser
//! (`storage`, `ui`) exists only on wasm32, which keeps native builds small and fast.

pub mod domain;

/// Every user-visible string in every language; plain data, checked by native tests.
pub mod i18n;

/// Storage errors are plain data so that their classification is tested natively too.
pub mod storage_error;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
