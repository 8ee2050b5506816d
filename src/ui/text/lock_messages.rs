//! What the lock screen and the lock's settings say when something did not work.

use crate::domain::app_lock::NothingTyped;
use crate::i18n::Texts;
use crate::ui::parts::form::Failure;
use crate::ui::state::app_lock::LockError;
use crate::ui::text::messages::save_failed_message;
use crate::unlock::UnlockError;

pub fn lock_failure(t: &'static Texts, error: &LockError) -> Failure {
    Failure(match error {
        LockError::WrongPassphrase { .. } => t.lock_wrong.to_owned(),
        LockError::Unlock(UnlockError::WrongKey) => t.lock_quick_wrong.to_owned(),
        LockError::Unlock(UnlockError::NotSupported) => t.lock_not_supported.to_owned(),
        LockError::Unlock(UnlockError::NotSecure) => t.lock_not_secure.to_owned(),
        LockError::Unlock(UnlockError::Cancelled) => t.lock_cancelled.to_owned(),
        LockError::Unlock(UnlockError::Failed(_)) => t.err_failed.to_owned(),
        LockError::Storage(err) => save_failed_message(t, err),
    })
}

/// A passphrase field left empty (the lock screen, turning the lock off).
pub fn nothing_typed(t: &'static Texts, _: &NothingTyped) -> String {
    t.lock_passphrase_missing.to_owned()
}
