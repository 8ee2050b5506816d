//! How this device reaches its organisation's sync server and opens what it keeps: stored by
//! storage (in `meta`), used by the sync run, plain data so its rules are tested natively.

use super::pull::Claims;
use super::rotation::PendingRotation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How this device reaches its organisation's sync server, and the data keys by epoch.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncConfig {
    /// The organisation's database URL, e.g. `https://relay.example/db/bruecke`.
    pub database_url: String,
    pub token: String,
    /// Base64 data keys by key epoch.
    pub keys: Vec<(u32, String)>,
    /// On a relay: this device's X25519 private key (hex), to open a new data key sealed for
    /// it when another device is removed (see `domain::sync::device_key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_secret: Option<String>,
    /// Which rotation took each key epoch (see `domain::sync::pull`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub claims: Claims,
    /// A device removal this device started and has not finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_rotation: Option<PendingRotation>,
    /// This device was removed from the organisation: its keys are gone, it syncs no more.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

impl SyncConfig {
    /// The settings of a device that learnt it was removed: no keys, no device secret, no
    /// token – nothing that opens the organisation's data or the relay any more.
    pub fn forgotten(&self) -> SyncConfig {
        SyncConfig {
            database_url: self.database_url.clone(),
            removed: true,
            ..SyncConfig::default()
        }
    }

    /// Whether the server is a Lotse relay (its device keys are 64 hex digits), which has
    /// invitations and a device list; a plain CouchDB is reached with "name:password" or,
    /// without users, with no credentials.
    pub fn is_relay(&self) -> bool {
        self.token.len() == 64 && self.token.chars().all(|c| c.is_ascii_hexdigit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relay_is_known_by_its_device_key_and_a_removed_device_forgets_everything() {
        let relay = SyncConfig {
            database_url: "https://relay.example/db/bruecke".into(),
            token: "ab".repeat(32),
            keys: vec![(1, "key".into())],
            device_secret: Some("secret".into()),
            ..SyncConfig::default()
        };
        assert!(relay.is_relay());
        let couch = SyncConfig {
            token: "name:password".into(),
            ..relay.clone()
        };
        assert!(!couch.is_relay());
        let forgotten = relay.forgotten();
        assert!(forgotten.removed);
        assert_eq!(forgotten.database_url, relay.database_url);
        assert!(forgotten.keys.is_empty() && forgotten.token.is_empty());
        assert_eq!(forgotten.device_secret, None);
    }
}
