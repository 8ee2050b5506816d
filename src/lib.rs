//! Lotse: an offline-first app for volunteer-run migrant organisations.
//!
//! `domain` is plain Rust and builds everywhere, so most logic is tested natively with
//! `cargo test`. Everything that needs a browser (`storage`, `ui`, `i18n`) exists only on
//! wasm32, which keeps native builds small and fast.

pub mod domain;

/// Storage errors are plain data so that their classification is tested natively too.
pub mod storage_error;

#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
