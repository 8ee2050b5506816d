//! The passphrase's key derivation: PBKDF2-HMAC-SHA256 (run by WebCrypto, so it costs no
//! wasm), with OWASP's current minimum of 600,000 iterations. The parameters are stored with
//! the wrapped key; bounds are checked when they are read, so a record someone edited to a
//! handful of iterations (to make guessing cheap) is refused instead of used.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// OWASP Password Storage Cheat Sheet (2023 onwards) for PBKDF2-HMAC-SHA256.
pub const KDF_MIN_ITERATIONS: u32 = 600_000;
/// Far beyond what a cheap phone derives in a few seconds: more only locks people out.
pub const KDF_MAX_ITERATIONS: u32 = 10_000_000;
const SALT_MIN_BYTES: usize = 16;
const SALT_MAX_BYTES: usize = 64;
pub const KDF_NAME: &str = "PBKDF2-SHA256";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub name: String,
    pub iterations: u32,
    /// Base64 of the random salt.
    pub salt: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfBounds;

impl KdfParams {
    /// Today's parameters with a fresh random salt.
    pub fn new(salt: [u8; SALT_MIN_BYTES]) -> KdfParams {
        KdfParams {
            name: KDF_NAME.to_owned(),
            iterations: KDF_MIN_ITERATIONS,
            salt: BASE64.encode(salt),
        }
    }

    /// The salt, once the parameters are known to be sane.
    pub fn check(&self) -> Result<Vec<u8>, OutOfBounds> {
        let salt = BASE64.decode(&self.salt).map_err(|_| OutOfBounds)?;
        let sane = self.name == KDF_NAME
            && (KDF_MIN_ITERATIONS..=KDF_MAX_ITERATIONS).contains(&self.iterations)
            && (SALT_MIN_BYTES..=SALT_MAX_BYTES).contains(&salt.len());
        match sane {
            true => Ok(salt),
            false => Err(OutOfBounds),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_outside_the_bounds_are_refused() {
        let fresh = KdfParams::new([3; 16]);
        assert_eq!(fresh.check(), Ok(vec![3; 16]));
        let cases = [
            KdfParams {
                iterations: KDF_MIN_ITERATIONS - 1,
                ..fresh.clone()
            },
            KdfParams {
                iterations: KDF_MAX_ITERATIONS + 1,
                ..fresh.clone()
            },
            KdfParams {
                salt: BASE64.encode([1u8; 8]),
                ..fresh.clone()
            },
            KdfParams {
                salt: BASE64.encode([1u8; 65]),
                ..fresh.clone()
            },
            KdfParams {
                salt: "not base64!".into(),
                ..fresh.clone()
            },
            KdfParams {
                name: "PBKDF2-SHA1".into(),
                ..fresh.clone()
            },
        ];
        for params in cases {
            assert_eq!(params.check(), Err(OutOfBounds), "{params:?}");
        }
        let strongest = KdfParams {
            iterations: KDF_MAX_ITERATIONS,
            salt: BASE64.encode([1u8; 64]),
            ..fresh
        };
        assert!(strongest.check().is_ok());
    }
}
