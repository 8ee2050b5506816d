//! Syncing this device with its organisation's server (the relay or any CouchDB): push this
//! device's changes sealed, pull the others' and open them, in batches that each commit with
//! their position, so a cut connection costs at most one batch. The rules are the tested
//! protocol of `domain::sync`; this is its transport.

mod engine;
mod http;
mod joining;
mod purge;
mod removal;

pub use engine::{check_empty, ensure_device_key, random_key, sync_once, SyncError, SyncReport};
pub use joining::{
    cancel_invitation, create_invitation, join, join_by_code, list_invitations, InvitationCode,
    OpenInvitation,
};
pub use removal::{list_devices, remove_device, Device};
