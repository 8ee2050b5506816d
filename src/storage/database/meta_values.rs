//! Small text values kept in `meta` by key: sync's settings (as JSON) and this device's own
//! settings such as the name its notes are written under. In `meta` they are wiped with the
//! organisation and, once the app lock exists, sealed with the rest.

use super::*;

/// Prefix of this device's own settings.
const DEVICE_PREFIX: &str = "device.";

impl Database {
    /// The text stored under `key`, if any.
    pub(super) async fn meta_text(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        Ok(tx.object_store(META)?.get(key).primitive()?.await?)
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
        tx.object_store(META)?
            .put(value)
            .with_key(key)
            .primitive()?
            .await?;
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
