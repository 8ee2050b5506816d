//! Small settings of this device that belong with its data (kept in `meta`, so they are
//! wiped with the organisation and, once the app lock exists, sealed with the rest), such as
//! the name this device writes its notes under.

use super::*;

const PREFIX: &str = "device.";

impl Database {
    pub async fn device_setting(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        Ok(tx
            .object_store(META)?
            .get(format!("{PREFIX}{key}"))
            .primitive()?
            .await?)
    }

    pub async fn save_device_setting(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(META)?
            .put(value.to_owned())
            .with_key(format!("{PREFIX}{key}"))
            .primitive()?
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
