//! A new data key for one device. When a device is removed, the key that replaces the data
//! key goes to each device that stays, sealed so that opening it takes BOTH that device's own
//! X25519 private key (its public key was registered with the relay when it joined) and the
//! old data key:
//! - the removed device knows the old key, but not the private key of a device that stays: a
//!   copy of the feed (a backup, the relay's file) does not give it the new key;
//! - the relay lists the public keys and could put its own in place of a device's, but it
//!   never had the old data key.
//!
//! Only the relay and the removed device together could; that would take comparing keys
//! between phones by hand.
//!
//! Sealing: a fresh X25519 key pair per document; its shared secret with the recipient's
//! public key and the old data key, through HKDF-SHA256 salted with both public keys, give the
//! XChaCha20-Poly1305 key. The document's visible parts, the recipient included, are
//! associated data.

use super::sealed::{
    decrypt_with, encrypt, key_document_data, KeyRing, NewKey, OpenError, SealError, SealedChange,
    KEY_BYTES, KEY_DOCUMENT, NONCE_BYTES,
};
use crate::domain::ids::to_hex;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};

pub const DEVICE_KEY_BYTES: usize = 32;

/// This device's private key (never leaves the phone).
#[derive(Clone)]
pub struct DeviceSecret(StaticSecret);

impl DeviceSecret {
    /// From 32 random bytes (the browser's CSPRNG).
    pub fn from_bytes(bytes: [u8; DEVICE_KEY_BYTES]) -> Self {
        DeviceSecret(StaticSecret::from(bytes))
    }

    pub fn to_bytes(&self) -> [u8; DEVICE_KEY_BYTES] {
        self.0.to_bytes()
    }

    /// What the relay lists for this device, for others to seal keys to.
    pub fn public_key(&self) -> [u8; DEVICE_KEY_BYTES] {
        PublicKey::from(&self.0).to_bytes()
    }
}

/// 32 bytes from 64 hex digits; `None` for anything else.
pub fn key_from_hex(text: &str) -> Option<[u8; DEVICE_KEY_BYTES]> {
    if text.len() != 2 * DEVICE_KEY_BYTES || !text.is_ascii() {
        return None;
    }
    let mut key = [0u8; DEVICE_KEY_BYTES];
    for (n, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * n..2 * n + 2], 16).ok()?;
    }
    Some(key)
}

/// A relay device's id as the relay names it: the first 16 hex digits of its token's
/// SHA-256 (so a device knows its own id without asking).
pub fn device_id_of_token(token: &str) -> String {
    to_hex(&Sha256::digest(token.as_bytes())[..8])
}

fn sealing_key(
    shared: &[u8; 32],
    previous_key: &[u8; KEY_BYTES],
    ephemeral_public: &[u8; DEVICE_KEY_BYTES],
    recipient_public: &[u8; DEVICE_KEY_BYTES],
) -> [u8; KEY_BYTES] {
    let mut salt = [0u8; 2 * DEVICE_KEY_BYTES];
    salt[..DEVICE_KEY_BYTES].copy_from_slice(ephemeral_public);
    salt[DEVICE_KEY_BYTES..].copy_from_slice(recipient_public);
    let mut secret = [0u8; 32 + KEY_BYTES];
    secret[..32].copy_from_slice(shared);
    secret[32..].copy_from_slice(previous_key);
    let mut key = [0u8; KEY_BYTES];
    // 32 bytes is far below HKDF-SHA256's limit, so expand cannot fail.
    let _ = Hkdf::<Sha256>::new(Some(&salt), &secret).expand(b"lotse device key v1", &mut key);
    key
}

/// Seals data key `new_key` of `new_epoch` for the device `recipient` with public key
/// `recipient_public`, bound to `previous_key` (the key of epoch `new_epoch - 1`).
/// `ephemeral` and `nonce` must be random.
#[allow(clippy::too_many_arguments)]
pub fn seal_key_for(
    id: &str,
    stamp: &str,
    device: &str,
    new_epoch: u32,
    new_key: &[u8; KEY_BYTES],
    previous_key: &[u8; KEY_BYTES],
    recipient: &str,
    recipient_public: &[u8; DEVICE_KEY_BYTES],
    ephemeral: [u8; DEVICE_KEY_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> Result<SealedChange, SealError> {
    let ephemeral = StaticSecret::from(ephemeral);
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(*recipient_public));
    let key = sealing_key(
        shared.as_bytes(),
        previous_key,
        &ephemeral_public,
        recipient_public,
    );
    let plaintext = serde_json::to_vec(&NewKey {
        epoch: new_epoch,
        key: BASE64.encode(new_key),
    })
    .map_err(|_| SealError)?;
    let aad = key_document_data(id, stamp, device, new_epoch, Some(recipient));
    let sealed = encrypt(&plaintext, &aad, &key, nonce)?;
    // The ephemeral public key goes in front, in the same base64 text.
    let mut bytes = ephemeral_public.to_vec();
    bytes.extend(BASE64.decode(sealed).map_err(|_| SealError)?);
    Ok(SealedChange {
        id: id.to_owned(),
        stamp: stamp.to_owned(),
        device: device.to_owned(),
        epoch: new_epoch,
        sealed: BASE64.encode(bytes),
        doc_type: Some(KEY_DOCUMENT.to_owned()),
        recipient: Some(recipient.to_owned()),
    })
}

/// Opens a key document sealed for this device (`me`, with `secret`), with the previous
/// epoch's key from `keys`.
pub fn open_key_for(
    doc: &SealedChange,
    me: &str,
    secret: &DeviceSecret,
    keys: &KeyRing,
) -> Result<(u32, [u8; KEY_BYTES]), OpenError> {
    if doc.doc_type.as_deref() != Some(KEY_DOCUMENT) || doc.recipient.as_deref() != Some(me) {
        return Err(OpenError::Malformed);
    }
    let previous_epoch = doc.epoch.checked_sub(1).ok_or(OpenError::Malformed)?;
    let previous_key = keys
        .get(previous_epoch)
        .ok_or(OpenError::UnknownEpoch(previous_epoch))?;
    let bytes = BASE64
        .decode(doc.sealed.as_bytes())
        .map_err(|_| OpenError::Malformed)?;
    if bytes.len() < DEVICE_KEY_BYTES {
        return Err(OpenError::Malformed);
    }
    let (ephemeral_public, rest) = bytes.split_at(DEVICE_KEY_BYTES);
    let ephemeral_public =
        <[u8; DEVICE_KEY_BYTES]>::try_from(ephemeral_public).map_err(|_| OpenError::Malformed)?;
    let shared = secret.0.diffie_hellman(&PublicKey::from(ephemeral_public));
    let key = sealing_key(
        shared.as_bytes(),
        previous_key,
        &ephemeral_public,
        &secret.public_key(),
    );
    let aad = key_document_data(&doc.id, &doc.stamp, &doc.device, doc.epoch, Some(me));
    let plaintext = decrypt_with(&BASE64.encode(rest), &aad, &key)?;
    NewKey::read(&plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::sealed::open_key;

    fn secret(seed: u8) -> DeviceSecret {
        DeviceSecret::from_bytes([seed; 32])
    }

    /// The keys a device that stays holds: epoch 1.
    fn old_keys() -> KeyRing {
        let mut keys = KeyRing::default();
        keys.add(1, [1; 32]);
        keys
    }

    /// The epoch-2 key sealed for `recipient`, bound to the epoch-1 key `[1; 32]`.
    fn sealed_for(recipient: &str, public: &[u8; 32]) -> SealedChange {
        seal_key_for(
            "key-2-a",
            "1700000000000-0000-phone-a",
            "phone-a",
            2,
            &[9; 32],
            &[1; 32],
            recipient,
            public,
            [7; 32],
            [3; 24],
        )
        .expect("seal")
    }

    #[test]
    fn the_recipient_opens_its_key_document() {
        let b = secret(2);
        let doc = sealed_for("bbbb", &b.public_key());
        assert_eq!(
            open_key_for(&doc, "bbbb", &b, &old_keys()),
            Ok((2, [9; 32]))
        );
        // Only what the server may see is visible.
        let json = serde_json::to_string(&doc).expect("json");
        assert!(json.contains("\"for\":\"bbbb\""));
        assert!(!json.contains(&BASE64.encode([9u8; 32])));
    }

    #[test]
    fn the_removed_device_does_not_open_it_with_every_old_data_key() {
        let b = secret(2);
        let doc = sealed_for("bbbb", &b.public_key());
        // Another device (the removed one), with its own secret, under either name.
        let c = secret(3);
        assert_eq!(
            open_key_for(&doc, "cccc", &c, &old_keys()),
            Err(OpenError::Malformed)
        );
        assert_eq!(
            open_key_for(&doc, "bbbb", &c, &old_keys()),
            Err(OpenError::Tampered)
        );
        // The old data key alone, the way key documents used to be sealed, does not either.
        let mut every = old_keys();
        every.add(2, [9; 32]);
        assert!(open_key(&doc, &every).is_err());
    }

    #[test]
    fn a_relay_that_lists_its_own_public_key_still_lacks_the_old_data_key() {
        // The relay put its key in place of device B's, so the document is sealed to it.
        let relay = secret(4);
        let doc = sealed_for("bbbb", &relay.public_key());
        assert_eq!(
            open_key_for(&doc, "bbbb", &relay, &KeyRing::default()),
            Err(OpenError::UnknownEpoch(1))
        );
        let mut guessed = KeyRing::default();
        guessed.add(1, [5; 32]);
        assert_eq!(
            open_key_for(&doc, "bbbb", &relay, &guessed),
            Err(OpenError::Tampered)
        );
    }

    #[test]
    fn a_document_readdressed_or_changed_on_the_server_does_not_open() {
        let b = secret(2);
        let mut moved = sealed_for("bbbb", &b.public_key());
        moved.epoch = 3;
        let mut keys = old_keys();
        keys.add(2, [9; 32]);
        assert_eq!(
            open_key_for(&moved, "bbbb", &b, &keys),
            Err(OpenError::Tampered)
        );
        let mut renamed = sealed_for("bbbb", &b.public_key());
        renamed.id = "key-2-b".into();
        assert_eq!(
            open_key_for(&renamed, "bbbb", &b, &old_keys()),
            Err(OpenError::Tampered)
        );
    }

    #[test]
    fn keys_travel_as_hex_and_back() {
        let key = secret(5).public_key();
        assert_eq!(key_from_hex(&to_hex(&key)), Some(key));
        assert_eq!(key_from_hex(&to_hex(&key).to_uppercase()), Some(key));
        assert_eq!(key_from_hex("ab"), None);
        assert_eq!(key_from_hex(&"zz".repeat(32)), None);
        assert_eq!(key_from_hex(&"é".repeat(32)), None);
    }

    #[test]
    fn a_device_id_is_the_start_of_its_tokens_hash() {
        // sha256("abc") = ba7816bf8f01cfea...
        assert_eq!(device_id_of_token("abc"), "ba7816bf8f01cfea");
    }
}
