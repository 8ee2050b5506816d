//! Plain-words messages for storage errors.

use crate::i18n::Texts;
use crate::storage::error::StorageError;

pub fn storage_error_message(t: &'static Texts, error: &StorageError) -> &'static str {
    match error {
        StorageError::Unavailable(_) => t.err_unavailable,
        StorageError::Blocked => t.err_blocked,
        StorageError::VersionChanged => t.err_version_changed,
        StorageError::SchemaTooNew => t.err_schema_too_new,
        StorageError::QuotaExceeded => t.err_quota,
        StorageError::Unreadable(_) => t.err_unreadable,
        StorageError::Locked => t.err_locked,
        StorageError::Failed(_) | StorageError::NotEditable | StorageError::NotFound(_) => {
            t.err_failed
        }
    }
}

/// A failed save, said next to the form that still holds the input: why, and that nothing
/// typed is lost.
pub fn save_failed_message(t: &'static Texts, error: &StorageError) -> String {
    format!("{} {}", storage_error_message(t, error), t.err_kept_input)
}
