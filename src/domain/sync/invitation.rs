//! The invitation code a coordinator's phone shows and a new phone types or scans: where the
//! server is, the one-time secret the server checks, and the data key, which the server never
//! sees. Base64url of a small JSON object, so it survives being read out or sent by message.

use crate::domain::order::sort_natural;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64URL;
use base64::Engine;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    /// The organisation's database URL on the sync server.
    #[serde(rename = "u")]
    pub database_url: String,
    /// One-time secret the server trades for a device token.
    #[serde(rename = "s")]
    pub secret: String,
    /// The data key (base64) and its epoch.
    #[serde(rename = "k")]
    pub key: String,
    #[serde(rename = "e")]
    pub epoch: u32,
    /// The organisation's older data keys (epoch, base64): a phone that joins after a device
    /// was removed must still open everything sealed before the last new key.
    #[serde(rename = "o", default, skip_serializing_if = "Vec::is_empty")]
    pub older_keys: Vec<(u32, String)>,
    /// For a plain CouchDB (no invitation endpoint): the CouchDB credentials ("name:password")
    /// the new device uses directly, instead of a one-time secret.
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
}

impl Invitation {
    /// An invitation to `database_url` that carries every data key of `keys` (epoch, base64):
    /// the newest as the one to seal with, all older ones to open with.
    pub fn with_keys(database_url: &str, keys: &[(u32, String)]) -> Option<Invitation> {
        let (epoch, key) = keys.iter().max_by_key(|(epoch, _)| *epoch)?.clone();
        let mut older_keys: Vec<(u32, String)> =
            keys.iter().filter(|(e, _)| *e != epoch).cloned().collect();
        sort_natural(&mut older_keys);
        Some(Invitation {
            database_url: database_url.to_owned(),
            secret: String::new(),
            key,
            epoch,
            older_keys,
            credentials: None,
        })
    }

    /// Every data key the invitation carries, the newest last.
    pub fn keys(&self) -> Vec<(u32, String)> {
        let mut keys = self.older_keys.clone();
        keys.push((self.epoch, self.key.clone()));
        keys
    }

    pub fn to_code(&self) -> String {
        // A struct of strings and a number always serialises.
        BASE64URL.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Reads a code as typed: spaces and line breaks (from copying) are ignored.
    pub fn from_code(code: &str) -> Option<Invitation> {
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let bytes = BASE64URL.decode(compact.trim_end_matches('=')).ok()?;
        let invitation: Invitation = serde_json::from_slice(&bytes).ok()?;
        let plausible = invitation.database_url.starts_with("http")
            && (!invitation.secret.is_empty() || invitation.credentials.is_some())
            && !invitation.key.is_empty();
        plausible.then_some(invitation)
    }
}

/// The relay's own address, from an organisation's database address on it
/// ("https://x.org/lotse/db/bruecke" -> "https://x.org/lotse"): where short codes are used.
pub fn relay_server(database_url: &str) -> Option<&str> {
    let url = database_url.trim_end_matches('/');
    let (server, name) = url.rsplit_once("/db/")?;
    (!name.is_empty() && !name.contains('/') && server.starts_with("http")).then_some(server)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation() -> Invitation {
        Invitation {
            database_url: "https://relay.example/db/bruecke".into(),
            secret: "0123456789abcdef0123456789abcdef".into(),
            key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".into(),
            epoch: 1,
            older_keys: Vec::new(),
            credentials: None,
        }
    }

    #[test]
    fn an_invitation_made_after_a_removal_carries_every_older_key() {
        let keys = [
            (2, "new".to_owned()),
            (1, "first".to_owned()),
            (3, "newest".to_owned()),
        ];
        let made = Invitation::with_keys("https://relay.example/db/bruecke", &keys).expect("keys");
        assert_eq!((made.epoch, made.key.as_str()), (3, "newest"));
        let read = Invitation::from_code(
            &Invitation {
                secret: "s".into(),
                ..made
            }
            .to_code(),
        )
        .expect("reads back");
        assert_eq!(
            read.keys(),
            [(1, "first"), (2, "new"), (3, "newest")].map(|(e, k)| (e, k.to_owned()))
        );
        assert_eq!(Invitation::with_keys("https://x/db/y", &[]), None);
    }

    #[test]
    fn a_code_reads_back_even_with_spaces_and_line_breaks() {
        let code = invitation().to_code();
        assert!(code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let (a, b) = code.split_at(code.len() / 2);
        assert_eq!(
            Invitation::from_code(&format!(" {a}\n {b} ")),
            Some(invitation())
        );
    }

    #[test]
    fn a_couchdb_invitation_carries_credentials_instead_of_a_secret() {
        let couch = Invitation {
            secret: String::new(),
            credentials: Some("lotse:geheim".into()),
            ..invitation()
        };
        assert_eq!(Invitation::from_code(&couch.to_code()), Some(couch));
    }

    #[test]
    fn the_relay_is_found_from_the_database_address() {
        assert_eq!(
            relay_server("https://x.org/lotse/db/bruecke/"),
            Some("https://x.org/lotse")
        );
        assert_eq!(
            relay_server("http://127.0.0.1:5984/db/bruecke"),
            Some("http://127.0.0.1:5984")
        );
        assert_eq!(relay_server("https://couch.example/bruecke"), None);
        assert_eq!(relay_server("https://x.org/db/"), None);
    }

    #[test]
    fn anything_else_is_no_invitation() {
        assert_eq!(Invitation::from_code(""), None);
        assert_eq!(Invitation::from_code("hallo"), None);
        let not_ours = BASE64URL.encode(br#"{"u":"ftp://x","s":"a","k":"b","e":1}"#);
        assert_eq!(Invitation::from_code(&not_ours), None);
    }
}
