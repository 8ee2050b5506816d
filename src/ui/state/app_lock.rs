//! The app lock as the app runs it (rules and ciphers: `domain::app_lock`; sealing in
//! storage: `storage::database::at_rest`; the browser's KDF and authenticator: `unlock`).
//!
//! Locking is a reload: whatever the pages held in memory (the directory, a half-read case)
//! is gone with the page, not cleared signal by signal, and the app starts at the lock
//! screen, which reads nothing but the lock record.

use crate::domain::app_lock::{
    unlock_delay_seconds, unwrap_key, wrap_key, KdfParams, LockRecord, Migration, NonceSource,
    RestKey, DEVICE_KEY_BYTES,
};
use crate::storage::error::StorageError;
use crate::storage::{random_bytes, Database};
use crate::ui::state::app_state::AppState;
use crate::unlock::{authenticator, passphrase, UnlockError};
use leptos::prelude::*;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum LockStatus {
    /// No lock on this device (or storage is still opening).
    Off,
    /// At the lock screen: nothing personal is read.
    Locked(LockRecord),
    /// Unlocked; the record is what settings show and change.
    Unlocked(LockRecord),
}

impl LockStatus {
    pub fn record(&self) -> Option<&LockRecord> {
        match self {
            LockStatus::Off => None,
            LockStatus::Locked(record) | LockStatus::Unlocked(record) => Some(record),
        }
    }
}

/// Why unlocking or changing the lock did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum LockError {
    /// Wrong passphrase; the next try waits this many seconds.
    WrongPassphrase {
        wait_seconds: u32,
    },
    Unlock(UnlockError),
    Storage(StorageError),
}

impl From<StorageError> for LockError {
    fn from(err: StorageError) -> Self {
        LockError::Storage(err)
    }
}

impl From<UnlockError> for LockError {
    fn from(err: UnlockError) -> Self {
        LockError::Unlock(err)
    }
}

fn device_key(bytes: [u8; DEVICE_KEY_BYTES]) -> Result<RestKey, StorageError> {
    Ok(RestKey::new(bytes, NonceSource::new(random_bytes()?)))
}

/// Where the tabs of this browser tell each other that the lock changed.
const LOCK_CHANNEL: &str = "lotse-lock";

/// The channel the tabs share, if the browser has one.
fn lock_channel() -> Option<web_sys::BroadcastChannel> {
    web_sys::BroadcastChannel::new(LOCK_CHANNEL).ok()
}

/// Listens for another tab locking, or setting or removing the lock, and starts this page
/// again then. The channel is returned to be closed when the listening part goes.
pub fn restart_when_another_tab_says() -> Option<web_sys::BroadcastChannel> {
    let channel = lock_channel()?;
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        |message: web_sys::MessageEvent| {
            if message.data().as_f64() != Some(this_tab()) {
                restart();
            }
        },
    );
    channel.set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(
        on_message.as_ref(),
    )));
    // Kept as long as the page: the channel calls it (once per mounted listener).
    on_message.forget();
    Some(channel)
}

/// Every other tab starts again: after "lock now" at the lock screen, and after the lock was
/// set or removed – a tab still running without the key (or with it) would otherwise go on
/// writing readable values into a locked database (or sealed ones into an unlocked one).
fn restart_other_tabs() {
    if let Some(channel) = lock_channel() {
        let _ = channel.post_message(&this_tab().into());
        channel.close();
    }
}

thread_local! {
    // A channel also hears the other channels of its own page: the message says which tab
    // sent it.
    static THIS_TAB: f64 = js_sys::Math::random();
}

/// This page's mark on the lock channel.
fn this_tab() -> f64 {
    THIS_TAB.with(|tab| *tab)
}

/// Restarts this page, at the lock screen if the lock is on.
pub fn restart() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Locks now, in every tab: each page starts again, at the lock screen.
pub fn lock_now() {
    restart_other_tabs();
    restart();
}

impl AppState {
    fn opened_database(self) -> Result<Rc<Database>, StorageError> {
        self.db
            .get_value()
            .ok_or_else(|| StorageError::Unavailable("the database is not open".into()))
    }

    /// The lock record as it is now (set, being changed).
    fn lock_record(self) -> Option<LockRecord> {
        self.lock.with_untracked(|lock| lock.record().cloned())
    }

    /// Wrong passphrases so far, to wait before the next try (survives a reload).
    pub async fn unlock_wait(self) -> u32 {
        match self.opened_database() {
            Ok(db) => unlock_delay_seconds(db.unlock_failures().await.unwrap_or(0)),
            Err(_) => 0,
        }
    }

    /// Unlocks with the passphrase: derives its key, unwraps the device key, reads the data.
    pub async fn unlock_with_passphrase(self, typed: &str) -> Result<(), LockError> {
        let db = self.opened_database()?;
        let record = self.lock_record().ok_or(StorageError::Locked)?;
        let wrapping = passphrase::derive(typed, &record.kdf).await?;
        match unwrap_key(&wrapping, &record.wrapped) {
            Ok(key) => {
                db.save_unlock_failures(0).await?;
                self.unlocked(db, key, record).await
            }
            Err(_) => {
                let failures = db.unlock_failures().await?.saturating_add(1);
                db.save_unlock_failures(failures).await?;
                Err(LockError::WrongPassphrase {
                    wait_seconds: unlock_delay_seconds(failures),
                })
            }
        }
    }

    /// Unlocks with the phone's authenticator (fingerprint, screen lock).
    pub async fn unlock_with_authenticator(self) -> Result<(), LockError> {
        let db = self.opened_database()?;
        let record = self.lock_record().ok_or(StorageError::Locked)?;
        let quick = record.quick.clone().ok_or(UnlockError::NotSupported)?;
        let key = authenticator::unlock(&quick).await?;
        db.save_unlock_failures(0).await?;
        self.unlocked(db, key, record).await
    }

    async fn unlocked(
        self,
        db: Rc<Database>,
        key: [u8; DEVICE_KEY_BYTES],
        record: LockRecord,
    ) -> Result<(), LockError> {
        db.use_key(Some(device_key(key)?), record.seals_writes());
        self.lock.set(LockStatus::Unlocked(record.clone()));
        self.load(db.clone()).await;
        self.wake_waiting();
        // A lock turned on or off when the tab was closed goes on where it stopped.
        match record.migration {
            Migration::Sealed => {}
            Migration::Sealing => self.finish_sealing(&db, record).await?,
            Migration::Opening => self.finish_opening(&db).await?,
        }
        Ok(())
    }

    /// Sets the lock: the record (with the wrapped key) is stored before the first sealed
    /// value, so no value is ever sealed by a key this device could not find again.
    pub async fn set_lock(self, typed: &str) -> Result<(), LockError> {
        let db = self.database().await?;
        let kdf = KdfParams::new(random_bytes()?);
        let wrapping = passphrase::derive(typed, &kdf).await?;
        let key: [u8; DEVICE_KEY_BYTES] = random_bytes()?;
        let record = LockRecord::new(kdf, wrap_key(&wrapping, &key, random_bytes()?));
        db.save_lock_record(Some(&record)).await?;
        db.use_key(Some(device_key(key)?), true);
        restart_other_tabs();
        self.lock.set(LockStatus::Unlocked(record.clone()));
        self.finish_sealing(&db, record).await
    }

    async fn finish_sealing(self, db: &Database, mut record: LockRecord) -> Result<(), LockError> {
        self.convert(db, true).await?;
        record.migration = Migration::Sealed;
        db.save_lock_record(Some(&record)).await?;
        self.lock.set(LockStatus::Unlocked(record));
        Ok(())
    }

    /// Removes the lock, after the passphrase proves it is the person who set it.
    pub async fn remove_lock(self, typed: &str) -> Result<(), LockError> {
        let db = self.database().await?;
        let mut record = self.lock_record().ok_or(StorageError::Locked)?;
        let wrapping = passphrase::derive(typed, &record.kdf).await?;
        let key = unwrap_key(&wrapping, &record.wrapped)
            .map_err(|_| LockError::WrongPassphrase { wait_seconds: 0 })?;
        record.migration = Migration::Opening;
        db.save_lock_record(Some(&record)).await?;
        db.use_key(Some(device_key(key)?), false);
        restart_other_tabs();
        self.lock.set(LockStatus::Unlocked(record));
        self.finish_opening(&db).await
    }

    async fn finish_opening(self, db: &Database) -> Result<(), LockError> {
        self.convert(db, false).await?;
        db.save_lock_record(None).await?;
        db.use_key(None, false);
        self.lock.set(LockStatus::Off);
        Ok(())
    }

    /// Seals (or opens) everything stored, saying how far it got in `lock_progress`.
    async fn convert(self, db: &Database, seal: bool) -> Result<(), StorageError> {
        let progress = self.lock_progress;
        let converted = db
            .convert_all(seal, None, &move |done, total| {
                progress.set(Some((done, total)))
            })
            .await;
        progress.set(None);
        converted.map(drop)
    }

    /// Changes the record (idle time, quick unlock) and stores it.
    async fn change_lock(self, change: impl FnOnce(&mut LockRecord)) -> Result<(), LockError> {
        let db = self.database().await?;
        let mut record = self.lock_record().ok_or(StorageError::Locked)?;
        change(&mut record);
        db.save_lock_record(Some(&record)).await?;
        self.lock.set(LockStatus::Unlocked(record));
        Ok(())
    }

    pub async fn set_idle_minutes(self, minutes: u32) -> Result<(), LockError> {
        self.change_lock(|record| record.idle_minutes = minutes)
            .await
    }

    /// Adds the phone's authenticator as a second way to unlock.
    pub async fn add_quick_unlock(self) -> Result<(), LockError> {
        let key = self
            .database()
            .await?
            .device_key()
            .ok_or(StorageError::Locked)?;
        let quick = authenticator::enrol(&key).await?;
        self.change_lock(|record| record.quick = Some(quick)).await
    }

    pub async fn remove_quick_unlock(self) -> Result<(), LockError> {
        self.change_lock(|record| record.quick = None).await
    }
}
