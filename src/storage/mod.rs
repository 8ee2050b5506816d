//! The only code that touches browser storage (wasm32 only, except `error`).
//!
//! What is stored where (IndexedDB database `lotse`, see `schema` for versions; the demo
//! organisation lives in a database of its own, `lotse-demo`, with the same schema):
//! - `records`: the current row of every record (`domain::change::RecordRow`), key `id`,
//!   indexes `by_kind` and `notes_by_case`. Read by the UI; never written without its change.
//! - `changes`: every edit ever made (`domain::change::Change`), key `id`, index `by_record`.
//!   Immutable; this is what sync moves between phones. Index `by_device_stamp` finds this
//!   device's changes not yet pushed.
//! - `record_pages`, `change_pages`: what pulls brought, packed many records or changes to a
//!   row (see `database::pages`); a row in `records` supersedes a paged one.
//! - `meta`: this device's id, the last hybrid-logical-clock stamp it issued or saw, and sync's
//!   settings, pushed stamps and server position; the app lock's record (`lock`).
//!
//! With the app lock on, every value that can hold something personal is sealed by the
//! device key (`database::at_rest`): what stays readable is ids, kinds and stamps.
//!
//! localStorage holds nothing but small UI preferences. Errors leave this module as
//! `StorageError`, never as IndexedDB or JS types.

#[cfg(target_arch = "wasm32")]
pub mod convert;
#[cfg(target_arch = "wasm32")]
mod database;
pub mod error;
#[cfg(target_arch = "wasm32")]
pub mod estimate;
#[cfg(target_arch = "wasm32")]
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub use database::{
    delete_database, new_id, random_bytes, AppliedBatch, Database, DatabaseEvent, Edit, EventSink,
    KnownRecords, PendingRest, DATABASE_NAME, DEMO_DATABASE_NAME,
};
