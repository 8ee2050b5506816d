//! The short invitation code a person can read out or type: 128 random bits as 26 letters
//! and digits (Crockford's base32, in groups of four; I, L and O are read as 1, 1 and 0).
//!
//! The data key must never reach the server, and 26 characters cannot carry it. So the
//! inviting phone derives two values from the code (HKDF-SHA256): a verifier, which the relay
//! stores the hash of and trades once for a device token, and a sealing key, with which the
//! invitation itself (database address, data key and epoch) is sealed before the relay keeps
//! it. The relay holds the sealed invitation but not the code, so it cannot open it; the new
//! phone, which has the code, can.

use super::invitation::Invitation;
use super::sealed::{decrypt_with, encrypt, SealError, KEY_BYTES, NONCE_BYTES};
use crate::domain::ids::to_hex;
use hkdf::Hkdf;
use sha2::Sha256;

pub const CODE_BYTES: usize = 16;
const GROUP: usize = 4;
/// Binds the sealed invitation to its purpose: it cannot pass for any other sealed thing.
const ASSOCIATED_DATA: &[u8] = b"lotse invitation";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortCode([u8; CODE_BYTES]);

/// Crockford's base32 digits: no I, L, O or U, so nothing reads as something else.
const DIGITS: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 128 bits in five-bit digits; the last digit's two low bits are zero.
const CODE_DIGITS: usize = 26;

fn digit_value(c: char) -> Option<u8> {
    // An Arabic or Persian keyboard types its own digits.
    let c = match crate::domain::text_key::ascii_digit(c).to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    DIGITS
        .iter()
        .position(|d| char::from(*d) == c)
        .map(|v| v as u8)
}

impl ShortCode {
    /// A code from random bytes (the browser draws them from `crypto.getRandomValues`).
    pub fn from_bytes(bytes: [u8; CODE_BYTES]) -> ShortCode {
        ShortCode(bytes)
    }

    /// "7KQ3-…": groups of four, as shown and as typed.
    pub fn to_text(&self) -> String {
        let value = u128::from_be_bytes(self.0);
        let mut text = String::new();
        for i in 0..CODE_DIGITS {
            if i > 0 && i % GROUP == 0 {
                text.push('-');
            }
            // Five bits each from the top; the last digit has three bits and two zeros.
            let digit = match 123usize.checked_sub(5 * i) {
                Some(shift) => (value >> shift) & 0x1f,
                None => (value << 2) & 0x1f,
            };
            text.push(char::from(DIGITS[digit as usize]));
        }
        text
    }

    /// Reads a code as typed: any case, with or without dashes and spaces, I and L for 1,
    /// O for 0.
    pub fn parse(text: &str) -> Option<ShortCode> {
        let digits: Vec<u8> = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(digit_value)
            .collect::<Option<_>>()?;
        if digits.len() != CODE_DIGITS || digits[CODE_DIGITS - 1] & 0b11 != 0 {
            return None;
        }
        let (last, rest) = digits.split_last()?;
        let value = rest
            .iter()
            .fold(0u128, |value, digit| (value << 5) | u128::from(*digit));
        Some(ShortCode(
            ((value << 3) | u128::from(last >> 2)).to_be_bytes(),
        ))
    }

    /// The verifier (hex, sent to the relay) and the sealing key (kept on the phones).
    fn derive(&self) -> (String, [u8; KEY_BYTES]) {
        let mut okm = [0u8; 64];
        // 64 bytes is far below HKDF-SHA256's limit of 8160, so expand cannot fail.
        let _ = Hkdf::<Sha256>::new(None, &self.0).expand(b"lotse invitation v1", &mut okm);
        let (verifier, key) = okm.split_at(32);
        let hex = to_hex(verifier);
        let mut sealing = [0u8; KEY_BYTES];
        sealing.copy_from_slice(key);
        (hex, sealing)
    }

    /// What the relay checks when the code is used; it keeps only its hash.
    pub fn verifier(&self) -> String {
        self.derive().0
    }

    /// The invitation, sealed for the relay to keep until the new phone fetches it.
    pub fn seal(
        &self,
        invitation: &Invitation,
        nonce: [u8; NONCE_BYTES],
    ) -> Result<String, SealError> {
        let plaintext = serde_json::to_vec(invitation).map_err(|_| SealError)?;
        encrypt(&plaintext, ASSOCIATED_DATA, &self.derive().1, nonce)
    }

    /// The invitation the relay handed back; None if it was not sealed with this code.
    pub fn open(&self, sealed: &str) -> Option<Invitation> {
        let plaintext = decrypt_with(sealed, ASSOCIATED_DATA, &self.derive().1).ok()?;
        serde_json::from_slice(&plaintext).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_typed_with_arabic_or_persian_digits_is_the_same_code() {
        let code = ShortCode::from_bytes([0x5a; CODE_BYTES]);
        let text = code.to_text();
        let arabic: String = text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap(),
                None => c,
            })
            .collect();
        let persian: String = text
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x06F0 + d).unwrap(),
                None => c,
            })
            .collect();
        assert_ne!(arabic, text, "the code has digits to write differently");
        assert_eq!(ShortCode::parse(&arabic), Some(code));
        assert_eq!(ShortCode::parse(&persian), Some(code));
    }

    fn invitation() -> Invitation {
        Invitation {
            database_url: "https://relay.example/db/bruecke".into(),
            secret: String::new(),
            key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".into(),
            epoch: 2,
            older_keys: vec![(1, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=".into())],
            credentials: None,
        }
    }

    const BYTES: [u8; CODE_BYTES] = [
        0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd,
        0xef,
    ];

    #[test]
    fn a_code_is_26_characters_in_groups_and_reads_back_however_it_is_typed() {
        let code = ShortCode::from_bytes(BYTES);
        let text = code.to_text();
        assert_eq!(text.replace('-', "").len(), 26);
        assert!(text.split('-').all(|group| group.len() <= 4));
        assert_eq!(ShortCode::parse(&text), Some(code));
        assert_eq!(ShortCode::parse(&text.to_lowercase()), Some(code));
        assert_eq!(ShortCode::parse(&text.replace('-', " ")), Some(code));
        let misread = text.replace('1', "l").replace('0', "O");
        assert_eq!(ShortCode::parse(&misread), Some(code));
    }

    #[test]
    fn every_bit_of_the_code_survives_the_round_trip() {
        for bytes in [[0u8; CODE_BYTES], [0xff; CODE_BYTES], BYTES] {
            let code = ShortCode::from_bytes(bytes);
            assert_eq!(ShortCode::parse(&code.to_text()), Some(code));
        }
        assert_eq!(
            ShortCode::from_bytes([0; CODE_BYTES]).to_text(),
            "0000-0000-0000-0000-0000-0000-00"
        );
        assert_eq!(
            ShortCode::from_bytes([0xff; CODE_BYTES]).to_text(),
            "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW"
        );
        for bit in 0..128 {
            let mut bytes = [0u8; CODE_BYTES];
            bytes[bit / 8] = 0x80 >> (bit % 8);
            let code = ShortCode::from_bytes(bytes);
            assert_eq!(ShortCode::parse(&code.to_text()), Some(code), "bit {bit}");
        }
    }

    #[test]
    fn a_mistyped_or_shortened_code_is_no_code() {
        let text = ShortCode::from_bytes(BYTES).to_text();
        assert_eq!(ShortCode::parse(&text[..text.len() - 1]), None);
        assert_eq!(ShortCode::parse(&format!("{text}7")), None);
        assert_eq!(
            ShortCode::parse(&text.replacen(|c: char| c.is_alphanumeric(), "U", 1)),
            None
        );
        assert_eq!(ShortCode::parse(""), None);
    }

    #[test]
    fn the_sealed_invitation_opens_with_the_code_only() {
        let code = ShortCode::from_bytes(BYTES);
        let sealed = code.seal(&invitation(), [7; NONCE_BYTES]).expect("sealed");
        assert_eq!(code.open(&sealed), Some(invitation()));
        let mut other = BYTES;
        other[0] ^= 1;
        assert_eq!(ShortCode::from_bytes(other).open(&sealed), None);
        assert!(
            !sealed.contains("AAECAwQF"),
            "the data key is not readable in it"
        );
    }

    #[test]
    fn the_verifier_does_not_give_away_the_sealing_key_or_the_code() {
        let code = ShortCode::from_bytes(BYTES);
        let verifier = code.verifier();
        assert_eq!(verifier.len(), 64);
        assert_eq!(
            verifier,
            ShortCode::from_bytes(BYTES).verifier(),
            "deterministic"
        );
        assert_ne!(verifier, to_hex(&code.derive().1));
        assert!(!verifier.contains(&to_hex(&BYTES)));
    }
}
