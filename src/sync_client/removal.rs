//! The organisation's devices on the relay, and removing one (see
//! `domain::sync::rotation`): the new key is drawn and saved first, then the device is
//! revoked and the key sealed for every device that stays – this one included, so that its
//! own key document in the feed says whether its rotation came first.

use super::engine::{
    confirmed, database, key_ring, random_bytes, random_key, relay_list, SyncError,
};
use super::http::{request, request_text, HttpError};
use crate::domain::ids::to_hex;
use crate::domain::sync::device_key::{key_from_hex, seal_key_for, DEVICE_KEY_BYTES};
use crate::domain::sync::pull::key_document_id;
use crate::domain::sync::push::read_push_reply;
use crate::domain::sync::refusal::{Refusal, REMOVAL_UNFINISHED};
use crate::domain::sync::rotation::{next_epoch, PendingRotation};
use crate::domain::sync::sealed::{KEY_BYTES, NONCE_BYTES};
use crate::domain::sync::settings::SyncConfig;
use crate::storage::Database;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde_json::{json, Value};

/// A device of the organisation as the server lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub id: String,
    pub name: String,
    pub this: bool,
    /// Its X25519 public key, once it has registered one.
    pub public_key: Option<[u8; DEVICE_KEY_BYTES]>,
}

fn device_from(row: &Value) -> Option<Device> {
    Some(Device {
        id: row.get("id")?.as_str()?.to_owned(),
        name: row.get("name")?.as_str()?.to_owned(),
        this: row.get("this")?.as_bool()?,
        public_key: row
            .get("public_key")
            .and_then(Value::as_str)
            .and_then(key_from_hex),
    })
}

pub async fn list_devices(config: &SyncConfig) -> Result<Vec<Device>, SyncError> {
    relay_list(config, "devices", device_from).await
}

/// Starts removing `device_id`: the new key is drawn and the rotation saved before anything
/// is sent, then it is finished as far as the connection allows. Returns the settings as
/// saved, and how far it got: an error leaves the rotation to be finished by the next sync,
/// except when the relay refused the removal itself (then it is dropped).
pub async fn remove_device(
    db: &Database,
    config: &SyncConfig,
    device_id: &str,
    stamp: &str,
) -> (SyncConfig, Result<(), SyncError>) {
    let mut saved = config.clone();
    let started = async {
        if saved.pending_rotation.is_some() {
            return Err(SyncError::Refused(Refusal::because(REMOVAL_UNFINISHED)));
        }
        let held = saved.keys.iter().map(|(epoch, _)| *epoch);
        saved.pending_rotation = Some(PendingRotation {
            removing: device_id.to_owned(),
            rotation: to_hex(&random_bytes::<8>()?),
            epoch: next_epoch(held, &saved.claims),
            key: random_key()?,
            stamp: stamp.to_owned(),
            sent: false,
        });
        db.save_sync_config(&saved).await?;
        Ok(())
    }
    .await;
    if let Err(err) = started {
        return (config.clone(), Err(err));
    }
    match finish_rotation(&saved).await {
        Ok(sent) => saved.pending_rotation = Some(sent),
        Err(SyncError::Refused(reason)) => {
            // The relay will not remove it (this device, the last one): nothing to finish.
            saved.pending_rotation = None;
            let outcome = db.save_sync_config(&saved).await.map_err(SyncError::from);
            return (saved, outcome.and(Err(SyncError::Refused(reason))));
        }
        Err(err) => return (saved, Err(err)),
    }
    let outcome = db.save_sync_config(&saved).await.map_err(SyncError::from);
    (saved, outcome)
}

/// Revokes the device of the pending rotation (again, if an earlier answer was lost) and puts
/// the new key into the feed for every device that stays. Every step may be repeated. Returns
/// the rotation marked as sent.
pub(super) async fn finish_rotation(config: &SyncConfig) -> Result<PendingRotation, SyncError> {
    let mut pending = config
        .pending_rotation
        .clone()
        .ok_or(SyncError::MissingKey)?;
    let url = database(config);
    let revoked = request(
        "DELETE",
        &format!("{url}/_lotse/devices/{}", pending.removing),
        Some(&config.token),
        None,
    )
    .await;
    match revoked {
        Ok(answer) => confirmed(&answer)?,
        // Revoked by an earlier try whose answer was lost.
        Err(HttpError::Refused(Refusal { status: 404, .. })) => {}
        Err(err) => return Err(err.into()),
    }
    let devices = list_devices(config).await?;
    if devices.iter().any(|d| d.id == pending.removing) {
        // The relay still lists it: whatever said "ok" was not the relay.
        return Err(SyncError::NotTheServer);
    }
    let keys = key_ring(config);
    let previous = pending
        .epoch
        .checked_sub(1)
        .and_then(|epoch| keys.get(epoch))
        .ok_or(SyncError::MissingKey)?;
    let new_key = BASE64
        .decode(&pending.key)
        .ok()
        .and_then(|bytes| <[u8; KEY_BYTES]>::try_from(bytes.as_slice()).ok())
        .ok_or(SyncError::MissingKey)?;
    let this_device = devices
        .iter()
        .find(|d| d.this)
        .map(|d| d.id.clone())
        .unwrap_or_default();
    let mut docs = Vec::new();
    for device in &devices {
        let Some(public_key) = device.public_key else {
            continue;
        };
        let sealed = seal_key_for(
            &key_document_id(pending.epoch, &pending.rotation, &device.id),
            &pending.stamp,
            &this_device,
            pending.epoch,
            &new_key,
            previous,
            &device.id,
            &public_key,
            random_bytes::<DEVICE_KEY_BYTES>()?,
            random_bytes::<NONCE_BYTES>()?,
        )
        .map_err(|_| SyncError::Unreadable)?;
        docs.push(serde_json::to_value(sealed).map_err(|_| SyncError::Unreadable)?);
    }
    let text = request_text(
        "POST",
        &format!("{url}/_bulk_docs"),
        Some(&config.token),
        Some(&json!({ "docs": docs })),
    )
    .await?;
    let reply = read_push_reply(&text).ok_or(SyncError::NotTheServer)?;
    let all_stored = docs.iter().all(|doc| {
        doc.get("_id")
            .and_then(Value::as_str)
            .is_some_and(|id| reply.stored.contains(id))
    });
    if !all_stored {
        return Err(reply.refused.map_or(SyncError::NotTheServer, |reason| {
            SyncError::Refused(Refusal::because(&reason))
        }));
    }
    pending.sent = true;
    Ok(pending)
}
