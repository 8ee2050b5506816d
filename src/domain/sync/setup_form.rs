//! What a person types to set up sync, checked before anything goes over the network: the
//! invitation a new phone joins with, and the relay (or CouchDB) the first device connects to.

use super::invitation::{relay_server, Invitation};
use super::short_code::ShortCode;
use crate::domain::device_name::{parse_device_name, DeviceNameError};
use crate::domain::form::{Checked, FieldProblem};

/// The addresses sync accepts (a relay on a laptop in the office may be plain http).
pub fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// The join form as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JoinDraft {
    pub code: String,
    pub server: String,
    /// What the others will see this device as ("Telefon von Amal"); may stay empty.
    pub device_name: String,
}

/// What a typed invitation turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Joining {
    /// A short code, redeemed at the relay the person named.
    Short { code: ShortCode, server: String },
    /// A long code (a plain CouchDB's, or one made before short codes) carries its server.
    Long(Invitation),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinProblem {
    CodeInvalid,
    ServerInvalid,
    DeviceName(DeviceNameError),
}

impl FieldProblem for JoinProblem {
    fn field(&self) -> &'static str {
        match self {
            JoinProblem::CodeInvalid => "code",
            JoinProblem::ServerInvalid => "server",
            JoinProblem::DeviceName(problem) => problem.field(),
        }
    }
}

impl JoinDraft {
    /// The invitation and the device's name (none if left empty), or every problem at once.
    pub fn check(self) -> Checked<(Joining, Option<String>), JoinProblem> {
        let name = match self.device_name.trim() {
            "" => Ok(None),
            typed => parse_device_name(typed)
                .map(Some)
                .map_err(JoinProblem::DeviceName),
        };
        match (self.validate(), name) {
            (Ok(joining), Ok(name)) => Ok((joining, name)),
            (Err(mut found), Err(problem)) => {
                found.push(problem);
                Err(found)
            }
            (Err(found), Ok(_)) => Err(found),
            (Ok(_), Err(problem)) => Err(vec![problem]),
        }
    }

    pub fn validate(self) -> Checked<Joining, JoinProblem> {
        let server = self.server.trim().to_owned();
        match (
            ShortCode::parse(&self.code),
            Invitation::from_code(&self.code),
        ) {
            (Some(code), _) if is_web_address(&server) => Ok(Joining::Short { code, server }),
            // Only a short code needs the relay's address.
            (Some(_), _) => Err(vec![JoinProblem::ServerInvalid]),
            (None, Some(long)) => Ok(Joining::Long(long)),
            (None, None) if is_web_address(&server) => Err(vec![JoinProblem::CodeInvalid]),
            (None, None) => Err(vec![JoinProblem::CodeInvalid, JoinProblem::ServerInvalid]),
        }
    }
}

/// The form of the organisation's first device, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConnectDraft {
    pub url: String,
    pub token: String,
}

/// A checked connection: the database's address without a trailing slash, and the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connecting {
    pub address: String,
    pub token: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectProblem {
    UrlInvalid,
    TokenEmpty,
}

impl FieldProblem for ConnectProblem {
    fn field(&self) -> &'static str {
        match self {
            ConnectProblem::UrlInvalid => "url",
            ConnectProblem::TokenEmpty => "token",
        }
    }
}

impl ConnectDraft {
    pub fn validate(self) -> Checked<Connecting, ConnectProblem> {
        let address = self.url.trim().trim_end_matches('/').to_owned();
        let token = self.token.trim().to_owned();
        let mut problems = Vec::new();
        if !is_web_address(&address) {
            problems.push(ConnectProblem::UrlInvalid);
        }
        // A relay always gives a device key; a plain CouchDB may let its network in without
        // a login (it says so itself if it wants one).
        if token.is_empty() && relay_server(&address).is_some() {
            problems.push(ConnectProblem::TokenEmpty);
        }
        if problems.is_empty() {
            Ok(Connecting { address, token })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(code: &str, server: &str) -> JoinDraft {
        JoinDraft {
            code: code.into(),
            server: server.into(),
            device_name: String::new(),
        }
    }

    #[test]
    fn a_device_name_is_optional_and_checked_with_the_rest() {
        let short = ShortCode::from_bytes([7; 16]).to_text();
        let named = JoinDraft {
            device_name: "  Telefon von Amal ".into(),
            ..draft(&short, "https://relay.example")
        };
        let (_, name) = named.check().expect("valid");
        assert_eq!(name.as_deref(), Some("Telefon von Amal"));
        assert_eq!(
            draft(&short, "https://relay.example")
                .check()
                .map(|(_, n)| n),
            Ok(None)
        );
        let too_long = JoinDraft {
            device_name: "x".repeat(41),
            ..draft("hello", "https://relay.example")
        };
        assert_eq!(
            too_long.check().map(|_| ()),
            Err(vec![
                JoinProblem::CodeInvalid,
                JoinProblem::DeviceName(DeviceNameError::TooLong { max: 40 })
            ])
        );
    }

    #[test]
    fn a_short_code_needs_the_relays_address_and_a_long_one_does_not() {
        let short = ShortCode::from_bytes([7; 16]).to_text();
        assert!(matches!(
            draft(&short, " http://127.0.0.1:8080 ").validate(),
            Ok(Joining::Short { server, .. }) if server == "http://127.0.0.1:8080"
        ));
        assert_eq!(
            draft(&short, "verein.example").validate(),
            Err(vec![JoinProblem::ServerInvalid])
        );
        assert_eq!(
            draft("hello", "https://relay.example").validate(),
            Err(vec![JoinProblem::CodeInvalid])
        );
        assert_eq!(
            draft("hello", "").validate(),
            Err(vec![JoinProblem::CodeInvalid, JoinProblem::ServerInvalid])
        );
    }

    #[test]
    fn a_relay_needs_its_device_key_and_the_address_loses_its_trailing_slash() {
        let connect = |url: &str, token: &str| {
            ConnectDraft {
                url: url.into(),
                token: token.into(),
            }
            .validate()
        };
        assert_eq!(
            connect(" https://couch.example/lotse/ ", " key "),
            Ok(Connecting {
                address: "https://couch.example/lotse".into(),
                token: "key".into()
            })
        );
        assert_eq!(
            connect("couch.example", "").map_err(|p| p.len()),
            Err(1),
            "a plain CouchDB may go without a key"
        );
    }
}
