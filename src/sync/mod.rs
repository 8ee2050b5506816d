//! Syncing this device with its organisation's server (the relay or any CouchDB): push this
//! device's changes sealed, pull the others' and open them, in batches that each commit with
//! their position, so a cut connection costs at most one batch. The rules are the tested
//! protocol of `domain::sync`; this is its transport.

mod engine;
mod http;
mod joining;

pub use engine::{
    check_empty, ensure_device_key, list_devices, random_key, remove_device, sync_once, Device,
    SyncError, SyncReport,
};
pub use joining::{create_invitation, join, join_by_code, InvitationCode};
