//! What can go wrong when Lotse stores data, as plain values the UI turns into messages.
//! Classified here (not in `storage`) so the rules are tested natively.

/// A storage failure, one variant per situation the user has to be told about differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refuses to open (disabled, some private modes, broken profile).
    Unavailable(String),
    /// Opening waits because another tab still holds an older version of the database open.
    Blocked,
    /// Another tab upgraded the database; this tab's connection was closed and must reload.
    VersionChanged,
    /// The stored database was written by a newer Lotse than this one (an older version was
    /// deployed again): this version cannot open it, leaves it untouched, and reloading does
    /// not help – only the newer version does.
    SchemaTooNew,
    /// The device (or the browser's share of it) is full.
    QuotaExceeded,
    /// Stored data could not be read back as expected.
    Unreadable(String),
    /// A case note was to be changed or deleted: notes are append-only.
    NotEditable,
    /// The app lock is on and this device's data is not unlocked (it locked meanwhile).
    Locked,
    /// The record to change is not (or no longer) stored.
    NotFound(String),
    /// Anything else the browser reported.
    Failed(String),
}

impl StorageError {
    /// Classifies a DOMException (or JS error) by its `name`, keeping its message for details.
    pub fn from_exception(name: &str, message: &str) -> StorageError {
        match name {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            // Raised only when opening asks for a lower version than the stored one.
            "VersionError" => StorageError::SchemaTooNew,
            "InvalidStateError" if message.contains("closing") || message.contains("closed") => {
                StorageError::VersionChanged
            }
            "SecurityError" | "UnknownError" | "NotAllowedError" => {
                StorageError::Unavailable(format!("{name}: {message}"))
            }
            _ => StorageError::Failed(format!("{name}: {message}")),
        }
    }

    /// Whether the whole app, not just one form, is affected and must say so on every page.
    pub fn affects_whole_app(&self) -> bool {
        matches!(
            self,
            StorageError::Unavailable(_)
                | StorageError::Blocked
                | StorageError::VersionChanged
                | StorageError::SchemaTooNew
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_errors_are_recognised_by_name() {
        assert_eq!(
            StorageError::from_exception("QuotaExceededError", "The quota has been exceeded."),
            StorageError::QuotaExceeded
        );
    }

    #[test]
    fn a_connection_closed_by_an_upgrade_elsewhere_means_reload() {
        let err = StorageError::from_exception(
            "InvalidStateError",
            "Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.",
        );
        assert_eq!(err, StorageError::VersionChanged);
        assert!(err.affects_whole_app());
    }

    #[test]
    fn a_database_newer_than_the_app_is_not_mistaken_for_an_upgrade_elsewhere() {
        // Opening with a lower version than stored (an older deployment after a rollback).
        let err = StorageError::from_exception(
            "VersionError",
            "The requested version (5) is less than the existing version (6).",
        );
        assert_eq!(err, StorageError::SchemaTooNew);
        assert!(err.affects_whole_app());
    }

    #[test]
    fn disabled_storage_is_unavailable_and_keeps_the_browser_detail() {
        let err = StorageError::from_exception("SecurityError", "access denied");
        assert_eq!(
            err,
            StorageError::Unavailable("SecurityError: access denied".into())
        );
    }

    #[test]
    fn other_failures_are_not_mistaken_for_app_wide_ones() {
        let err = StorageError::from_exception("DataError", "bad key");
        assert!(!err.affects_whole_app());
    }
}
