//! Sync between devices, as a protocol in plain Rust: what a server keeps (`Feed`: an
//! append-only list of change documents with sequence numbers, the contract of CouchDB's
//! `_bulk_docs` + `_changes`) and what a device keeps (`Replica`: its changes, the ones the
//! server has not acknowledged yet, and how far it has pulled). Change documents are never
//! edited, so the server resolves nothing: duplicates, replays and any arrival order are
//! harmless, and every device that holds the same changes shows the same records (`merge`).
//!
//! The transport (HTTP, encryption, IndexedDB) builds on these rules; the property test in
//! `tests.rs` runs them through thousands of random schedules with lost requests, lost
//! responses, duplicated and reordered batches and wrong clocks.

pub mod device_key;
mod feed;
pub mod invitation;
pub mod join_link;
pub mod pull;
pub mod purge;
pub mod push;
pub mod refusal;
mod replica;
pub mod rotation;
pub mod sealed;
pub mod settings;
pub mod setup_form;
pub mod short_code;
// proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use feed::{Feed, PulledBatch};
pub use replica::Replica;
