//! Asks the server to forget the change documents of erased records (see
//! `domain::sync::purge`): after every push, in pieces of at most `PURGE_BATCH`, until the
//! server confirms; what it has not confirmed waits for the next sync.

use super::engine::{database, SyncError};
use super::http::request_text;
use crate::domain::sync::purge::{read_bulk_get, read_purge_reply};
use crate::domain::sync::settings::SyncConfig;
use crate::storage::Database;
use serde_json::json;

/// Ids per request: CouchDB's default limit for `_purge`.
const PURGE_BATCH: usize = 100;

pub(super) async fn purge(config: &SyncConfig, db: &Database) -> Result<(), SyncError> {
    let url = database(config);
    let token = Some(config.token.as_str());
    let waiting = db.waiting_purge().await?;
    for ids in waiting.chunks(PURGE_BATCH) {
        let docs: Vec<_> = ids.iter().map(|id| json!({ "id": id })).collect();
        let text = request_text(
            "POST",
            &format!("{url}/_bulk_get"),
            token,
            Some(&json!({ "docs": docs })),
        )
        .await?;
        let revisions = read_bulk_get(&text).ok_or(SyncError::NotTheServer)?;
        let mut forgotten: Vec<String> = revisions.missing.into_iter().collect();
        if !revisions.held.is_empty() {
            let body = serde_json::to_value(&revisions.held).map_err(|_| SyncError::Unreadable)?;
            let text = request_text("POST", &format!("{url}/_purge"), token, Some(&body)).await?;
            forgotten
                .extend(read_purge_reply(&text, &revisions.held).ok_or(SyncError::NotTheServer)?);
        }
        db.purged(&forgotten).await?;
    }
    Ok(())
}
