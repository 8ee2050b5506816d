//! What the relay limits, and why each limit has its size. A sealed change is a few KB (a
//! long case note a few tens); a phone pushes 200 at a time and pulls 1,000.

/// Largest request body accepted: a push of 200 changes with room to spare.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Largest single document: a change with a very long note, sealed and base64-encoded.
pub const MAX_DOC_BYTES: usize = 256 * 1024;

/// Most documents one `_changes` answer carries, whatever the client asks.
pub const MAX_CHANGES: i64 = 2_000;

/// Most bytes of documents one `_changes` answer carries (at least one document always
/// comes): a phone on prepaid data gets its pages in pieces it can finish.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Most ids one `_bulk_get` may ask for (CouchDB's replicators ask for 100 at a time).
pub const MAX_BULK_GET_IDS: usize = 500;

/// Most ids one `_purge` may name (CouchDB's own default, `max_document_id_number`).
pub const MAX_PURGE_IDS: usize = 100;

/// Most bytes one `_bulk_get` answer may carry; a request for more is refused, not served
/// (1.6 KB asking for the same large document 2,000 times made 400 MB).
pub const MAX_BULK_GET_BYTES: usize = 16 * 1024 * 1024;

/// Failed joins one client address may make per window. Invitation codes carry 128 bits, so
/// this is not what stops guessing; it stops one stranger from filling the relay's log and,
/// with the ceiling below, from blocking everyone else's joining.
pub const MAX_FAILED_JOINS_PER_CLIENT: i64 = 20;

/// Failed joins on the whole relay per window: high enough that one address never reaches
/// it, low enough that many addresses together cannot make the relay count forever.
pub const MAX_FAILED_JOINS: i64 = 10_000;

/// The window the join limits count in.
pub const FAILED_JOIN_WINDOW_SECONDS: i64 = 600;
