//! Asks the server to forget the change documents of erased records (see
//! `domain::sync::purge`): after every push, in pieces of at most `PURGE_BATCH`, until the
//! server confirms; what it has not confirmed waits for the next sync.

use super::engine::{database, SyncError};
use super::http::request;
use crate::domain::sync::purge::{read_bulk_get, read_purge_reply};
use crate::domain::sync::settings::SyncConfig;
use crate::storage::Database;
use serde_json::{json, Value};

/// Ids per request: CouchDB's default limit for `_purge`.
const PURGE_BATCH: usize = 100;

pub(super) async fn purge(config: &SyncConfig, db: &Database) -> Result<(), SyncError> {
    let url = database(config);
    let waiting = db.waiting_purge().await?;
    for ids in waiting.chunks(PURGE_BATCH) {
        let docs: Vec<Value> = ids.iter().map(|id| json!({ "id": id })).collect();
        let answer = post(
            config,
            &format!("{url}/_bulk_get"),
            &json!({ "docs": docs }),
        )
        .await?;
        let revisions = read_bulk_get(&answer).ok_or(SyncError::NotTheServer)?;
        let mut forgotten = revisions.missing;
        if !revisions.held.is_empty() {
            let asked = Value::Object(revisions.held);
            let answer = post(config, &format!("{url}/_purge"), &asked).await?;
            let purged = asked
                .as_object()
                .and_then(|asked| read_purge_reply(&answer, asked));
            forgotten.extend(purged.ok_or(SyncError::NotTheServer)?);
        }
        db.purged(&forgotten).await?;
    }
    Ok(())
}

async fn post(config: &SyncConfig, url: &str, body: &Value) -> Result<Value, SyncError> {
    Ok(request("POST", url, Some(&config.token), Some(body)).await?)
}
