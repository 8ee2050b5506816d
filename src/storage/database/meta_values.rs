//! Small text values kept in `meta` by key: sync's settings (as JSON) and this device's own
//! settings such as the name its notes are written under. In `meta` they are wiped with the
//! organisation and, with the app lock on, sealed (`at_rest`).

use super::*;

/// Prefix of this device's own settings.
const DEVICE_PREFIX: &str = "device.";

/// Whether the text under `key` is sealed with the lock on: sync's settings (they hold the
/// data key and the device token) and the device's own settings (a volunteer's name). The
/// rest of `meta` is positions, stamps and ids.
pub(super) fn is_sealed_key(key: &str) -> bool {
    key.starts_with(DEVICE_PREFIX) || key.starts_with("sync.config")
}

impl Database {
    /// The text stored under `key`, if any.
    pub(super) async fn meta_text(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        let stored: Option<JsValue> = tx.object_store(META)?.get(key).primitive()?.await?;
        stored
            .map(|value| self.sealing().meta_text(key, value))
            .transpose()
    }

    /// Stores `value` under `key`, in its own transaction.
    pub(super) async fn save_meta_text(
        &self,
        key: &str,
        value: String,
    ) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let value = match is_sealed_key(key) {
            true => self.sealing().meta(key, value),
            false => value.into(),
        };
        tx.object_store(META)?
            .put(value)
            .with_key(key)
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes the texts under `keys`, in one transaction.
    pub(super) async fn delete_meta(&self, keys: &[&str]) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        for key in keys {
            meta.delete(*key).primitive()?.await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn device_setting(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.meta_text(&format!("{DEVICE_PREFIX}{key}")).await
    }

    pub async fn save_device_setting(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.save_meta_text(&format!("{DEVICE_PREFIX}{key}"), value.to_owned())
            .await
    }
}
