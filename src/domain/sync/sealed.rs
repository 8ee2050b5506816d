//! Change documents as the server sees them: sealed with the organisation's data key
//! (XChaCha20-Poly1305, RustCrypto), so whoever runs the server reads ids, stamps, device ids
//! and sizes – nothing else.
//!
//! One change from the design (written down as asked): the record id travels inside the
//! ciphertext too, with the kind and the fields. The server needs only the document id (to
//! store each once) and its own sequence; record ids would let it group one person's history.
//! The visible parts are bound to the ciphertext as associated data, so a server that swaps
//! them between documents or edits them makes the document unreadable, not wrong.

use crate::domain::change::Change;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const NONCE_BYTES: usize = 24;
pub const KEY_BYTES: usize = 32;

/// One change, sealed: the JSON document that is pushed and pulled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealedChange {
    #[serde(rename = "_id")]
    pub id: String,
    /// Hybrid logical clock stamp.
    pub stamp: String,
    pub device: String,
    /// Which data key sealed it (a new epoch after a device is removed).
    pub epoch: u32,
    /// Base64 of nonce || ciphertext || tag.
    pub sealed: String,
    /// "key" for a new data key (see `seal_key`); absent for a change.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// The device a key document is sealed for (see `device_key`); absent otherwise.
    #[serde(rename = "for", default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
}

/// The `type` of a document that carries a new data key.
pub const KEY_DOCUMENT: &str = "key";

/// What a key document holds.
#[derive(Serialize, Deserialize)]
pub(super) struct NewKey {
    pub(super) epoch: u32,
    pub(super) key: String,
}

impl NewKey {
    /// The epoch and key of an opened key document.
    pub(super) fn read(plaintext: &[u8]) -> Result<(u32, [u8; KEY_BYTES]), OpenError> {
        let new: NewKey = serde_json::from_slice(plaintext).map_err(|_| OpenError::Malformed)?;
        let key = BASE64.decode(new.key).map_err(|_| OpenError::Malformed)?;
        let key = <[u8; KEY_BYTES]>::try_from(key.as_slice()).map_err(|_| OpenError::Malformed)?;
        Ok((new.epoch, key))
    }
}

/// The organisation's data keys by epoch: the newest seals, all of them open.
#[derive(Clone, Default)]
pub struct KeyRing {
    keys: BTreeMap<u32, [u8; KEY_BYTES]>,
}

/// Sealing failed: only for a change too large to encrypt (gigabytes); nothing is sent then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SealError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// Sealed with a key this device never received (it was removed before that epoch).
    UnknownEpoch(u32),
    /// Not base64, too short, or not a change once opened.
    Malformed,
    /// The ciphertext or its visible parts were changed, or another key sealed it.
    Tampered,
}

impl KeyRing {
    pub fn add(&mut self, epoch: u32, key: [u8; KEY_BYTES]) {
        self.keys.insert(epoch, key);
    }

    /// The key of one epoch, if this device has it.
    pub fn get(&self, epoch: u32) -> Option<&[u8; KEY_BYTES]> {
        self.keys.get(&epoch)
    }

    /// The newest epoch and its key: what new changes are sealed with.
    pub fn current(&self) -> Option<(u32, &[u8; KEY_BYTES])> {
        self.keys
            .iter()
            .next_back()
            .map(|(epoch, key)| (*epoch, key))
    }
}

/// What the ciphertext is bound to: everything the server can see of the document.
fn associated_data(
    id: &str,
    stamp: &str,
    device: &str,
    epoch: u32,
    doc_type: Option<&str>,
) -> Vec<u8> {
    // Length-prefixed so that no two different headers give the same bytes.
    let mut data = Vec::new();
    for part in [id.as_bytes(), stamp.as_bytes(), device.as_bytes()] {
        data.extend_from_slice(&(part.len() as u64).to_le_bytes());
        data.extend_from_slice(part);
    }
    data.extend_from_slice(&epoch.to_le_bytes());
    if let Some(doc_type) = doc_type {
        data.extend_from_slice(doc_type.as_bytes());
    }
    data
}

/// The associated data of a key document: its visible parts and, when it is sealed for one
/// device, that device's id.
pub(super) fn key_document_data(
    id: &str,
    stamp: &str,
    device: &str,
    epoch: u32,
    recipient: Option<&str>,
) -> Vec<u8> {
    let mut data = associated_data(id, stamp, device, epoch, Some(KEY_DOCUMENT));
    if let Some(recipient) = recipient {
        data.extend_from_slice(&(recipient.len() as u64).to_le_bytes());
        data.extend_from_slice(recipient.as_bytes());
    }
    data
}

/// Seals `plaintext` bound to `aad`: base64 of nonce || ciphertext || tag.
pub(super) fn encrypt(
    plaintext: &[u8],
    aad: &[u8],
    key: &[u8; KEY_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> Result<String, SealError> {
    let ciphertext = XChaCha20Poly1305::new(key.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| SealError)?;
    let mut sealed = nonce.to_vec();
    sealed.extend_from_slice(&ciphertext);
    Ok(BASE64.encode(sealed))
}

/// Opens what `encrypt` sealed with `key` and `aad`.
pub(super) fn decrypt_with(
    sealed: &str,
    aad: &[u8],
    key: &[u8; KEY_BYTES],
) -> Result<Vec<u8>, OpenError> {
    let bytes = BASE64
        .decode(sealed.as_bytes())
        .map_err(|_| OpenError::Malformed)?;
    if bytes.len() < NONCE_BYTES {
        return Err(OpenError::Malformed);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    XChaCha20Poly1305::new(key.into())
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .map_err(|_| OpenError::Tampered)
}

fn decrypt(doc: &SealedChange, keys: &KeyRing) -> Result<Vec<u8>, OpenError> {
    let key = keys
        .keys
        .get(&doc.epoch)
        .ok_or(OpenError::UnknownEpoch(doc.epoch))?;
    let aad = associated_data(
        &doc.id,
        &doc.stamp,
        &doc.device,
        doc.epoch,
        doc.doc_type.as_deref(),
    );
    decrypt_with(&doc.sealed, &aad, key)
}

/// A new data key (epoch `new_epoch`), sealed with the current one: after a device is removed,
/// the devices that stay learn the new key from this document in the feed, before any change
/// sealed with it. A removed device's token no longer reads the feed.
#[allow(clippy::too_many_arguments)]
pub fn seal_key(
    id: &str,
    stamp: &str,
    device: &str,
    new_epoch: u32,
    new_key: &[u8; KEY_BYTES],
    epoch: u32,
    key: &[u8; KEY_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> Result<SealedChange, SealError> {
    let plaintext = serde_json::to_vec(&NewKey {
        epoch: new_epoch,
        key: BASE64.encode(new_key),
    })
    .map_err(|_| SealError)?;
    let aad = associated_data(id, stamp, device, epoch, Some(KEY_DOCUMENT));
    Ok(SealedChange {
        id: id.to_owned(),
        stamp: stamp.to_owned(),
        device: device.to_owned(),
        epoch,
        sealed: encrypt(&plaintext, &aad, key, nonce)?,
        doc_type: Some(KEY_DOCUMENT.to_owned()),
        recipient: None,
    })
}

/// Opens a key document: the new epoch and its key.
pub fn open_key(doc: &SealedChange, keys: &KeyRing) -> Result<(u32, [u8; KEY_BYTES]), OpenError> {
    // One sealed for a device opens only with that device's secret (`device_key`).
    if doc.doc_type.as_deref() != Some(KEY_DOCUMENT) || doc.recipient.is_some() {
        return Err(OpenError::Malformed);
    }
    NewKey::read(&decrypt(doc, keys)?)
}

/// Seals `change` with the data key of `epoch`. `nonce` must be random (24 bytes are enough
/// to draw at random without ever repeating in practice); the browser draws it from
/// `crypto.getRandomValues`.
pub fn seal(
    change: &Change,
    epoch: u32,
    key: &[u8; KEY_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> Result<SealedChange, SealError> {
    let plaintext = serde_json::to_vec(change).map_err(|_| SealError)?;
    let aad = associated_data(&change.id, &change.stamp, &change.device_id, epoch, None);
    let sealed = encrypt(&plaintext, &aad, key, nonce)?;
    Ok(SealedChange {
        id: change.id.clone(),
        stamp: change.stamp.clone(),
        device: change.device_id.clone(),
        epoch,
        sealed,
        doc_type: None,
        recipient: None,
    })
}

/// Opens a pulled document; checks that what the server showed is what was sealed.
pub fn open(doc: &SealedChange, keys: &KeyRing) -> Result<Change, OpenError> {
    if doc.doc_type.is_some() {
        return Err(OpenError::Malformed);
    }
    let plaintext = decrypt(doc, keys)?;
    let change: Change = serde_json::from_slice(&plaintext).map_err(|_| OpenError::Malformed)?;
    if change.id != doc.id || change.stamp != doc.stamp || change.device_id != doc.device {
        return Err(OpenError::Tampered);
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;
    use serde_json::json;

    fn change() -> Change {
        Change {
            id: "c1".to_owned(),
            record_id: "member-7".to_owned(),
            kind: RecordKind::Member,
            fields: [
                ("name".to_owned(), json!("Şirin Yıldız")),
                (
                    "skills".to_owned(),
                    json!("Begleitung zur Ausländerbehörde, Diabetes"),
                ),
            ]
            .into_iter()
            .collect(),
            stamp: "000000001000-0000-phone1".to_owned(),
            device_id: "phone1".to_owned(),
            replaces: vec!["c0".to_owned()],
            deletes: false,
        }
    }

    fn seal(
        change: &Change,
        epoch: u32,
        key: &[u8; KEY_BYTES],
        nonce: [u8; NONCE_BYTES],
    ) -> SealedChange {
        super::seal(change, epoch, key, nonce).expect("a small change seals")
    }

    fn ring() -> KeyRing {
        let mut keys = KeyRing::default();
        keys.add(1, [7; KEY_BYTES]);
        keys
    }

    #[test]
    fn a_sealed_change_opens_to_the_same_change() {
        let doc = seal(&change(), 1, &[7; KEY_BYTES], [3; NONCE_BYTES]);
        assert_eq!(open(&doc, &ring()), Ok(change()));
    }

    #[test]
    fn the_server_sees_no_personal_data_nor_record_or_kind() {
        let doc = seal(&change(), 1, &[7; KEY_BYTES], [3; NONCE_BYTES]);
        let visible = serde_json::to_string(&doc).unwrap_or_default();
        for secret in [
            "Şirin",
            "Yıldız",
            "Ausländerbehörde",
            "Diabetes",
            "skills",
            "member",
            "c0",
        ] {
            assert!(!visible.contains(secret), "{secret} visible in {visible}");
        }
        assert!(visible.contains("\"_id\":\"c1\""));
    }

    #[test]
    fn a_changed_ciphertext_or_visible_part_does_not_open() {
        let doc = seal(&change(), 1, &[7; KEY_BYTES], [3; NONCE_BYTES]);
        let mut bytes = BASE64.decode(&doc.sealed).unwrap_or_default();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let flipped = SealedChange {
            sealed: BASE64.encode(&bytes),
            ..doc.clone()
        };
        assert_eq!(open(&flipped, &ring()), Err(OpenError::Tampered));
        let restamped = SealedChange {
            stamp: "999999999999-0000-phone1".to_owned(),
            ..doc.clone()
        };
        assert_eq!(open(&restamped, &ring()), Err(OpenError::Tampered));
        let renamed = SealedChange {
            id: "c2".to_owned(),
            ..doc.clone()
        };
        assert_eq!(open(&renamed, &ring()), Err(OpenError::Tampered));
        let garbage = SealedChange {
            sealed: "not base64!".to_owned(),
            ..doc
        };
        assert_eq!(open(&garbage, &ring()), Err(OpenError::Malformed));
    }

    #[test]
    fn another_key_or_an_unknown_epoch_does_not_open() {
        let doc = seal(&change(), 1, &[8; KEY_BYTES], [3; NONCE_BYTES]);
        assert_eq!(open(&doc, &ring()), Err(OpenError::Tampered));
        let later = seal(&change(), 2, &[9; KEY_BYTES], [3; NONCE_BYTES]);
        assert_eq!(open(&later, &ring()), Err(OpenError::UnknownEpoch(2)));
    }

    #[test]
    fn a_new_key_travels_sealed_with_the_old_one_and_only_as_a_key() {
        let doc = super::seal_key(
            "k2",
            "s",
            "phone1",
            2,
            &[9; KEY_BYTES],
            1,
            &[7; KEY_BYTES],
            [5; NONCE_BYTES],
        )
        .expect("sealed");
        assert!(!serde_json::to_string(&doc)
            .unwrap_or_default()
            .contains(&BASE64.encode([9u8; KEY_BYTES])));
        assert_eq!(open_key(&doc, &ring()), Ok((2, [9; KEY_BYTES])));
        assert_eq!(open(&doc, &ring()), Err(OpenError::Malformed));
        // A server that strips the type cannot make it read as a change either.
        let stripped = SealedChange {
            doc_type: None,
            ..doc
        };
        assert_eq!(open(&stripped, &ring()), Err(OpenError::Tampered));
        assert_eq!(open_key(&stripped, &ring()), Err(OpenError::Malformed));
    }

    #[test]
    fn after_a_key_rotation_old_changes_still_open_and_new_ones_use_the_new_key() {
        let mut keys = ring();
        let old = seal(&change(), 1, &[7; KEY_BYTES], [3; NONCE_BYTES]);
        keys.add(2, [9; KEY_BYTES]);
        let (epoch, key) = keys
            .current()
            .map(|(e, k)| (e, *k))
            .unwrap_or((0, [0; KEY_BYTES]));
        assert_eq!(epoch, 2);
        let new = seal(&change(), epoch, &key, [4; NONCE_BYTES]);
        assert_eq!(open(&old, &keys), Ok(change()));
        assert_eq!(open(&new, &keys), Ok(change()));
    }
}
