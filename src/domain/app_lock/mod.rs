//! The app lock: a passphrase (and, where the browser has one, a fingerprint or the phone's
//! screen lock) that keeps what Lotse stores on this device unreadable to whoever picks up
//! the phone or copies the browser profile.
//!
//! Everything personal is sealed under a random device key (`RestKey`); the device key is
//! kept only wrapped, by a key derived from the passphrase (`kdf`) and optionally by one an
//! authenticator gives (`QuickUnlock`). The wrapped keys and the KDF's parameters are the
//! `LockRecord`, the one thing stored readable. The browser side (WebCrypto's PBKDF2,
//! WebAuthn's PRF) lives in `crate::unlock`; here is what native tests reach.

mod delay;
mod kdf;
mod passphrase;
mod rest_key;

pub use delay::{idle_choices, unlock_delay_seconds, DEFAULT_IDLE_MINUTES};
pub use kdf::{KdfParams, KDF_MAX_ITERATIONS, KDF_MIN_ITERATIONS};
pub use passphrase::{
    LockDraft, LockProblem, NothingTyped, Strength, UnlockDraft, MIN_PASSPHRASE_CHARS,
};
pub use rest_key::{unwrap_key, wrap_key, NonceSource, RestKey, UnwrapError, DEVICE_KEY_BYTES};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// How far the stored data is: a lock being turned on seals row by row, in batches, and one
/// being turned off opens them again; a closed tab in the middle resumes where it stopped,
/// because every reader takes sealed and readable rows alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Migration {
    /// The lock was set; rows written before may still be readable.
    Sealing,
    /// Every row is sealed.
    Sealed,
    /// The lock is being removed; rows are being opened.
    Opening,
}

/// A second wrapper of the device key, by a secret a platform authenticator derives (WebAuthn
/// PRF) for one credential and salt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuickUnlock {
    /// The credential's id (base64).
    pub credential: String,
    /// The PRF input (base64); the authenticator's answer to it unwraps the key.
    pub salt: String,
    pub wrapped: String,
}

/// What is stored readable: how to derive the key from the passphrase, the wrapped device
/// key, the quick unlock if set, the idle time and how far the data is sealed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockRecord {
    pub version: u32,
    pub kdf: KdfParams,
    /// The device key sealed by the passphrase's key (base64).
    pub wrapped: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick: Option<QuickUnlock>,
    pub idle_minutes: u32,
    pub migration: Migration,
}

/// The lock record's format; a newer one is refused (the app was rolled back).
pub const LOCK_VERSION: u32 = 1;

/// Why a stored lock record cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockRecordError {
    Malformed,
    /// Written by a newer Lotse.
    TooNew(u32),
    /// KDF parameters outside the sane bounds: a weakened record is refused, not used.
    UnsafeKdf,
}

impl LockRecord {
    pub fn new(kdf: KdfParams, wrapped: String) -> LockRecord {
        LockRecord {
            version: LOCK_VERSION,
            kdf,
            wrapped,
            quick: None,
            idle_minutes: DEFAULT_IDLE_MINUTES,
            migration: Migration::Sealing,
        }
    }

    /// Reads a stored record and checks it before anything derives a key from it.
    pub fn from_json(text: &str) -> Result<LockRecord, LockRecordError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let version: Version =
            serde_json::from_str(text).map_err(|_| LockRecordError::Malformed)?;
        if version.version > LOCK_VERSION {
            return Err(LockRecordError::TooNew(version.version));
        }
        let record: LockRecord =
            serde_json::from_str(text).map_err(|_| LockRecordError::Malformed)?;
        record.kdf.check().map_err(|_| LockRecordError::UnsafeKdf)?;
        if BASE64.decode(&record.wrapped).is_err() || !idle_choices().contains(&record.idle_minutes)
        {
            return Err(LockRecordError::Malformed);
        }
        Ok(record)
    }

    pub fn to_json(&self) -> String {
        // A struct of strings and numbers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether rows written now are sealed (not while the lock is being removed).
    pub fn seals_writes(&self) -> bool {
        self.migration != Migration::Opening
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> LockRecord {
        LockRecord::new(KdfParams::new([7; 16]), BASE64.encode([1u8; 72]))
    }

    #[test]
    fn a_stored_record_reads_back_and_a_damaged_or_weakened_one_is_refused() {
        let stored = record().to_json();
        assert_eq!(LockRecord::from_json(&stored), Ok(record()));
        assert_eq!(
            LockRecord::from_json("{\"version\":1}"),
            Err(LockRecordError::Malformed)
        );
        let newer = stored.replace("\"version\":1", "\"version\":2");
        assert_eq!(
            LockRecord::from_json(&newer),
            Err(LockRecordError::TooNew(2))
        );
        let weakened = stored.replace("600000", "1000");
        assert_eq!(
            LockRecord::from_json(&weakened),
            Err(LockRecordError::UnsafeKdf)
        );
        let odd_idle = stored.replace("\"idle_minutes\":5", "\"idle_minutes\":0");
        assert_eq!(
            LockRecord::from_json(&odd_idle),
            Err(LockRecordError::Malformed)
        );
    }

    #[test]
    fn writes_are_sealed_unless_the_lock_is_being_removed() {
        let mut lock = record();
        assert!(lock.seals_writes());
        lock.migration = Migration::Sealed;
        assert!(lock.seals_writes());
        lock.migration = Migration::Opening;
        assert!(!lock.seals_writes());
    }
}
