//! The device key and what it does: seal each stored value (XChaCha20-Poly1305, the cipher
//! sync already ships, so no new crate), bound to the value's id so that rows cannot be
//! swapped; and be wrapped (sealed itself) by a key from the passphrase or an authenticator.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::cell::Cell;

pub const DEVICE_KEY_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
/// What a wrapped device key is bound to: a wrapped key cannot pass for anything else.
const WRAP_CONTEXT: &[u8] = b"lotse device key v1";

/// Nonces without a call into the browser per row: a random prefix drawn once per opened
/// database, then a counter. 128 random bits make a repeated prefix out of reach; the counter
/// never repeats within one.
pub struct NonceSource {
    prefix: [u8; 16],
    counter: Cell<u64>,
}

impl NonceSource {
    pub fn new(prefix: [u8; 16]) -> NonceSource {
        NonceSource {
            prefix,
            counter: Cell::new(0),
        }
    }

    fn next(&self) -> [u8; NONCE_BYTES] {
        let count = self.counter.get();
        self.counter.set(count.wrapping_add(1));
        let mut nonce = [0; NONCE_BYTES];
        nonce[..16].copy_from_slice(&self.prefix);
        nonce[16..].copy_from_slice(&count.to_le_bytes());
        nonce
    }
}

/// The key a sealed value or a wrapped key does not open with (a wrong passphrase, a changed
/// row), or bytes too short to be sealed at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnwrapError {
    WrongKey,
    Malformed,
}

/// The random key everything personal on this device is sealed with.
pub struct RestKey {
    bytes: [u8; DEVICE_KEY_BYTES],
    cipher: XChaCha20Poly1305,
    nonces: NonceSource,
}

impl RestKey {
    pub fn new(bytes: [u8; DEVICE_KEY_BYTES], nonces: NonceSource) -> RestKey {
        RestKey {
            bytes,
            cipher: XChaCha20Poly1305::new(&bytes.into()),
            nonces,
        }
    }

    /// The raw key, to wrap it once more (a new quick unlock).
    pub fn bytes(&self) -> &[u8; DEVICE_KEY_BYTES] {
        &self.bytes
    }

    /// nonce || ciphertext || tag of `plain`, bound to `id`.
    pub fn seal(&self, id: &str, plain: &[u8]) -> Vec<u8> {
        let nonce = self.nonces.next();
        seal_with(&self.cipher, &nonce, id.as_bytes(), plain)
    }

    pub fn open(&self, id: &str, sealed: &[u8]) -> Result<Vec<u8>, UnwrapError> {
        open_with(&self.cipher, id.as_bytes(), sealed)
    }
}

fn seal_with(
    cipher: &XChaCha20Poly1305,
    nonce: &[u8; NONCE_BYTES],
    aad: &[u8],
    plain: &[u8],
) -> Vec<u8> {
    let payload = Payload { msg: plain, aad };
    // Encryption fails only for messages of 256 GiB and more.
    let sealed = cipher
        .encrypt(XNonce::from_slice(nonce), payload)
        .unwrap_or_default();
    let mut out = Vec::with_capacity(NONCE_BYTES + sealed.len());
    out.extend_from_slice(nonce);
    out.extend_from_slice(&sealed);
    out
}

fn open_with(
    cipher: &XChaCha20Poly1305,
    aad: &[u8],
    sealed: &[u8],
) -> Result<Vec<u8>, UnwrapError> {
    if sealed.len() < NONCE_BYTES + 16 {
        return Err(UnwrapError::Malformed);
    }
    let (nonce, body) = sealed.split_at(NONCE_BYTES);
    cipher
        .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad })
        .map_err(|_| UnwrapError::WrongKey)
}

/// The device key sealed by `wrapping` (from the passphrase or an authenticator), as base64.
pub fn wrap_key(
    wrapping: &[u8; 32],
    device_key: &[u8; DEVICE_KEY_BYTES],
    nonce: [u8; NONCE_BYTES],
) -> String {
    let cipher = XChaCha20Poly1305::new(wrapping.into());
    BASE64.encode(seal_with(&cipher, &nonce, WRAP_CONTEXT, device_key))
}

/// The device key, if `wrapping` is the key that wrapped it.
pub fn unwrap_key(
    wrapping: &[u8; 32],
    wrapped: &str,
) -> Result<[u8; DEVICE_KEY_BYTES], UnwrapError> {
    let sealed = BASE64.decode(wrapped).map_err(|_| UnwrapError::Malformed)?;
    let cipher = XChaCha20Poly1305::new(wrapping.into());
    let key = open_with(&cipher, WRAP_CONTEXT, &sealed)?;
    <[u8; DEVICE_KEY_BYTES]>::try_from(key.as_slice()).map_err(|_| UnwrapError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> RestKey {
        RestKey::new([9; 32], NonceSource::new([4; 16]))
    }

    #[test]
    fn a_wrapped_key_opens_with_its_wrapping_key_only() {
        let wrapped = wrap_key(&[1; 32], &[9; 32], [5; 24]);
        assert_eq!(unwrap_key(&[1; 32], &wrapped), Ok([9; 32]));
        assert_eq!(unwrap_key(&[2; 32], &wrapped), Err(UnwrapError::WrongKey));
        assert_eq!(unwrap_key(&[1; 32], "%%"), Err(UnwrapError::Malformed));
        let cut = BASE64.encode(&BASE64.decode(&wrapped).unwrap()[..30]);
        assert_eq!(unwrap_key(&[1; 32], &cut), Err(UnwrapError::Malformed));
        // A value sealed by the device key is no wrapped key, even under the same key.
        let not_wrapped =
            BASE64.encode(RestKey::new([1; 32], NonceSource::new([0; 16])).seal("x", &[9; 32]));
        assert_eq!(
            unwrap_key(&[1; 32], &not_wrapped),
            Err(UnwrapError::WrongKey)
        );
    }

    #[test]
    fn sealed_values_hide_their_text_open_under_their_own_id_and_never_share_a_nonce() {
        let key = key();
        let a = key.seal("m1", b"Amal Haddad, 0171 1234567");
        let b = key.seal("m1", b"Amal Haddad, 0171 1234567");
        assert_ne!(a, b);
        assert_ne!(a[..24], b[..24]);
        assert!(!a.windows(4).any(|w| w == b"Amal"));
        assert_eq!(key.open("m1", &a).unwrap(), b"Amal Haddad, 0171 1234567");
        assert_eq!(key.open("m2", &a), Err(UnwrapError::WrongKey));
        let other = RestKey::new([8; 32], NonceSource::new([4; 16]));
        assert_eq!(other.open("m1", &a), Err(UnwrapError::WrongKey));
        let mut changed = a.clone();
        changed[30] ^= 1;
        assert_eq!(key.open("m1", &changed), Err(UnwrapError::WrongKey));
        assert_eq!(key.open("m1", &a[..20]), Err(UnwrapError::Malformed));
    }
}
