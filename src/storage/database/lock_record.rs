//! The app lock's own record in `meta` – the one readable thing a locked device keeps about
//! it (`domain::app_lock::LockRecord`) – and the count of wrong passphrases in a row, kept so
//! that reloading the page does not reset the wait. Both are `meta` texts that are never
//! sealed (`meta_values::is_sealed_key`): they must be read before the unlock.

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
        self.meta_text(LOCK_KEY)
            .await?
            .map(|text| {
                LockRecord::from_json(&text).map_err(|err| match err {
                    LockRecordError::TooNew(_) => StorageError::SchemaTooNew,
                    other => StorageError::Unreadable(format!("lock record: {other:?}")),
                })
            })
            .transpose()
    }

    /// Stores the lock record, or removes it with the count of wrong tries (`None`: the lock
    /// is off).
    pub async fn save_lock_record(&self, record: Option<&LockRecord>) -> Result<(), StorageError> {
        match record {
            Some(record) => self.save_meta_text(LOCK_KEY, record.to_json()).await,
            None => self.delete_meta(&[LOCK_KEY, FAILURES_KEY]).await,
        }
    }

    /// Wrong passphrases in a row.
    pub async fn unlock_failures(&self) -> Result<u32, StorageError> {
        let stored = self.meta_text(FAILURES_KEY).await?;
        Ok(stored.and_then(|n| n.parse().ok()).unwrap_or(0))
    }

    pub async fn save_unlock_failures(&self, failures: u32) -> Result<(), StorageError> {
        self.save_meta_text(FAILURES_KEY, failures.to_string())
            .await
    }
}
