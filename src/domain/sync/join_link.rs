//! The link in an invitation's QR code: it opens Lotse on the new phone with the code (and,
//! for a short code, the relay's address) filled in:
//! `<origin>/settings#join=<code>&server=<address, URI-encoded>`. Both travel in the fragment,
//! which browsers never send to a server.

const FRAGMENT: &str = "#join=";
const SERVER_PART: &str = "&server=";

/// What a join link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinLink {
    pub code: String,
    /// The relay's address, for a short code (a long code carries its own).
    pub server: Option<String>,
}

impl JoinLink {
    /// The link, opened at `origin` (where the app is served).
    pub fn to_url(&self, origin: &str) -> String {
        let server = self
            .server
            .as_deref()
            .map(|server| format!("{SERVER_PART}{}", encode_component(server)))
            .unwrap_or_default();
        format!("{origin}/settings{FRAGMENT}{}{server}", self.code)
    }

    /// What a page's fragment (`location.hash`, "#join=…") carries, if it is a join link.
    pub fn from_fragment(hash: &str) -> Option<JoinLink> {
        let fragment = hash.strip_prefix(FRAGMENT)?;
        Some(match fragment.split_once(SERVER_PART) {
            Some((code, server)) => JoinLink {
                code: code.to_owned(),
                server: decode_component(server),
            },
            None => JoinLink {
                code: fragment.to_owned(),
                server: None,
            },
        })
    }
}

/// What JavaScript's `encodeURIComponent` writes: letters, digits and `-_.!~*'()` as they
/// are, every other byte of the UTF-8 as `%XX`.
fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The reverse of `encode_component`; `None` for a broken escape or bytes that are not UTF-8.
fn decode_component(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_code_link_carries_the_relay_encoded_as_javascript_would() {
        let link = JoinLink {
            code: "DHGM-C38X".into(),
            server: Some("http://127.0.0.1:40997/lotse".into()),
        };
        let url = link.to_url("https://relay.example");
        // As `encodeURIComponent` writes it (the e2e test compares with the browser's own).
        assert_eq!(
            url,
            "https://relay.example/settings#join=DHGM-C38X&server=http%3A%2F%2F127.0.0.1%3A40997%2Flotse"
        );
        let hash = &url[url.find('#').unwrap_or(0)..];
        assert_eq!(JoinLink::from_fragment(hash), Some(link));
    }

    #[test]
    fn a_long_code_link_has_no_server_and_anything_else_is_no_link() {
        let link = JoinLink {
            code: "eyJ1Ijoi".into(),
            server: None,
        };
        assert_eq!(JoinLink::from_fragment("#join=eyJ1Ijoi"), Some(link));
        assert_eq!(JoinLink::from_fragment("#wiped"), None);
        assert_eq!(JoinLink::from_fragment(""), None);
        let broken = JoinLink::from_fragment("#join=X&server=%E2%28%A1").map(|l| l.server);
        assert_eq!(
            broken,
            Some(None),
            "a broken address is left for the person to type"
        );
    }

    #[test]
    fn addresses_with_any_letters_survive_the_round_trip() {
        for server in [
            "https://verein-brücke.de/lotse",
            "http://[::1]:5984",
            "https://x.org/?a=b&c",
        ] {
            assert_eq!(
                decode_component(&encode_component(server)).as_deref(),
                Some(server)
            );
        }
    }
}
