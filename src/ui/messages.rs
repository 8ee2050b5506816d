//! Plain-words messages for storage errors.

use crate::i18n::Texts;
use crate::storage_error::StorageError;

pub fn storage_error_message(t: &'static Texts, error: &StorageError) -> &'static str {
    match error {
        StorageError::Unavailable(_) => t.err_unavailable,
        StorageError::Blocked => t.err_blocked,
        StorageError::VersionChanged => t.err_version_changed,
        StorageError::QuotaExceeded => t.err_quota,
        StorageError::Unreadable(_) => t.err_unreadable,
        StorageError::Failed(_) | StorageError::NotEditable | StorageError::NotFound(_) => {
            t.err_failed
        }
    }
}
