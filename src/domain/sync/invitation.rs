//! The invitation code a coordinator's phone shows and a new phone types or scans: where the
//! server is, the one-time secret the server checks, and the data key, which the server never
//! sees. Base64url of a small JSON object, so it survives being read out or sent by message.

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
    /// For a plain CouchDB (no invitation endpoint): the CouchDB credentials ("name:password")
    /// the new device uses directly, instead of a one-time secret.
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<String>,
}

impl Invitation {
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
            credentials: None,
        }
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
