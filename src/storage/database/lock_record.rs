//! The app lock's own record in `meta` – the one readable thing a locked device keeps about
//! it (`domain::app_lock::LockRecord`) – and the count of wrong passphrases in a row, kept so
//! that reloading the page does not reset the wait.

use super::*;
use crate::domain::app_lock::{LockRecord, LockRecordError};

const LOCK_KEY: &str = "lock";
const FAILURES_KEY: &str = "lock.failures";

/// Keys `wipe_organisation` keeps: the lock belongs to the device, not the organisation.
pub(super) fn is_lock_key(key: &str) -> bool {
    key == LOCK_KEY || key == FAILURES_KEY
}

impl Database {
    /// The lock set on this device, if any. A damaged, weakened or newer record is an error:
    /// the data stays sealed and untouched rather than being treated as unlocked.
    pub async fn lock_record(&self) -> Result<Option<LockRecord>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        let stored: Option<String> = tx.object_store(META)?.get(LOCK_KEY).primitive()?.await?;
        stored
            .map(|text| {
                LockRecord::from_json(&text).map_err(|err| match err {
                    LockRecordError::TooNew(_) => StorageError::SchemaTooNew,
                    other => StorageError::Unreadable(format!("lock record: {other:?}")),
                })
            })
            .transpose()
    }

    /// Stores the lock record, or removes it (`None`: the lock is off).
    pub async fn save_lock_record(&self, record: Option<&LockRecord>) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        match record {
            Some(record) => {
                meta.put(record.to_json())
                    .with_key(LOCK_KEY)
                    .primitive()?
                    .await?;
            }
            None => {
                meta.delete(LOCK_KEY).primitive()?.await?;
                meta.delete(FAILURES_KEY).primitive()?.await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Wrong passphrases in a row.
    pub async fn unlock_failures(&self) -> Result<u32, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        let stored: Option<String> = tx
            .object_store(META)?
            .get(FAILURES_KEY)
            .primitive()?
            .await?;
        Ok(stored.and_then(|n| n.parse().ok()).unwrap_or(0))
    }

    pub async fn save_unlock_failures(&self, failures: u32) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(META)?
            .put(failures.to_string())
            .with_key(FAILURES_KEY)
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
