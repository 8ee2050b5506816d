//! Inviting another phone and joining with an invitation. On the relay, the inviting phone
//! shows a short code (see `domain::sync::short_code`): the relay keeps the invitation sealed
//! with a key from that code and hands it to whoever brings the code's verifier, once. A plain
//! CouchDB has no invitations: its (long) code carries the CouchDB credentials and the key.

use super::engine::{confirmed, database, random_bytes, relay_list, SyncError};
use super::http::request;
use crate::domain::ids::to_hex;
use crate::domain::sync::device_key::{DeviceSecret, DEVICE_KEY_BYTES};
use crate::domain::sync::invitation::{relay_server, Invitation};
use crate::domain::sync::refusal::Refusal;
use crate::domain::sync::sealed::NONCE_BYTES;
use crate::domain::sync::settings::SyncConfig;
use crate::domain::sync::short_code::{ShortCode, CODE_BYTES};
use serde_json::{json, Value};

/// What the inviting phone shows.
#[derive(Clone, Debug, PartialEq)]
pub enum InvitationCode {
    /// On a relay: the short code and the relay's address (the QR code carries both).
    Short { code: String, server: String },
    /// On a plain CouchDB: one long code with everything in it.
    Long(String),
}

/// Makes a one-time invitation for another phone.
pub async fn create_invitation(config: &SyncConfig) -> Result<InvitationCode, SyncError> {
    let url = config.database_url.trim_end_matches('/');
    // Every key, not only the newest: what was sealed before a removal must open too.
    let mut invitation = Invitation::with_keys(url, &config.keys).ok_or(SyncError::MissingKey)?;
    if !config.is_relay() {
        // A plain CouchDB has no one-time secrets: the code carries its credentials (revoked
        // by changing that CouchDB user's password).
        invitation.credentials = Some(config.token.clone());
        return Ok(InvitationCode::Long(invitation.to_code()));
    }
    // A relay's databases are all under /db/ (its device key must never go into a code).
    // Not a relay's address: nothing there hands out invitations.
    let server = relay_server(url).ok_or_else(|| {
        SyncError::Refused(Refusal {
            status: 404,
            ..Refusal::because("not a relay")
        })
    })?;
    let code = ShortCode::from_bytes(random_bytes::<CODE_BYTES>()?);
    let sealed = code
        .seal(&invitation, random_bytes::<NONCE_BYTES>()?)
        .map_err(|_| SyncError::Unreadable)?;
    let answer = request(
        "POST",
        &format!("{url}/_lotse/invitations"),
        Some(&config.token),
        Some(&json!({ "verifier": code.verifier(), "sealed": sealed })),
    )
    .await?;
    // The relay answers with the expiry; anything else did not keep the invitation.
    answer
        .get("expires")
        .and_then(Value::as_i64)
        .ok_or(SyncError::NotTheServer)?;
    Ok(InvitationCode::Short {
        code: code.to_text(),
        server: server.to_owned(),
    })
}

/// Trades a short code for this device's own token and the sealed invitation, which only
/// the code opens: the database's address and the data key.
pub async fn join_by_code(
    server: &str,
    code: &ShortCode,
    device_name: &str,
) -> Result<SyncConfig, SyncError> {
    let server = server.trim().trim_end_matches('/');
    let secret = DeviceSecret::from_bytes(random_bytes::<DEVICE_KEY_BYTES>()?);
    let answer = request(
        "POST",
        &format!("{server}/_lotse/join"),
        None,
        Some(&json!({
            "secret": code.verifier(),
            "device": device_name,
            "public_key": to_hex(&secret.public_key()),
        })),
    )
    .await?;
    let token = answer.get("token").and_then(Value::as_str);
    let invitation = answer
        .get("sealed")
        .and_then(Value::as_str)
        .and_then(|sealed| code.open(sealed));
    let (Some(token), Some(invitation)) = (token, invitation) else {
        return Err(SyncError::Refused(Refusal::because("invitation not valid")));
    };
    Ok(SyncConfig {
        keys: invitation.keys(),
        database_url: invitation.database_url,
        token: token.to_owned(),
        device_secret: Some(to_hex(&secret.to_bytes())),
        ..SyncConfig::default()
    })
}

/// Joins with a long code: a relay's one-time secret (codes made before short codes), or a
/// plain CouchDB's credentials. The data key comes with the code.
pub async fn join(invitation: &Invitation, device_name: &str) -> Result<SyncConfig, SyncError> {
    let url = invitation.database_url.trim_end_matches('/');
    if let Some(credentials) = &invitation.credentials {
        return Ok(SyncConfig {
            database_url: url.to_owned(),
            token: credentials.clone(),
            keys: invitation.keys(),
            ..SyncConfig::default()
        });
    }
    let secret = DeviceSecret::from_bytes(random_bytes::<DEVICE_KEY_BYTES>()?);
    let answer = request(
        "POST",
        &format!("{url}/_lotse/join"),
        None,
        Some(&json!({
            "secret": invitation.secret,
            "device": device_name,
            "public_key": to_hex(&secret.public_key()),
        })),
    )
    .await?;
    let token = answer
        .get("token")
        .and_then(Value::as_str)
        .ok_or(SyncError::NotTheServer)?;
    Ok(SyncConfig {
        database_url: url.to_owned(),
        token: token.to_owned(),
        keys: invitation.keys(),
        device_secret: Some(to_hex(&secret.to_bytes())),
        ..SyncConfig::default()
    })
}

/// An invitation that can still be used, as the relay lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenInvitation {
    pub id: String,
    /// Unix seconds.
    pub expires: i64,
    /// Made on this device.
    pub mine: bool,
}

/// The organisation's open invitations (a relay's; a plain CouchDB has none).
pub async fn list_invitations(config: &SyncConfig) -> Result<Vec<OpenInvitation>, SyncError> {
    relay_list(config, "invitations", invitation_from).await
}

fn invitation_from(row: &Value) -> Option<OpenInvitation> {
    Some(OpenInvitation {
        id: row.get("id")?.as_str()?.to_owned(),
        expires: row.get("expires")?.as_i64()?,
        mine: row.get("mine")?.as_bool()?,
    })
}

/// Withdraws an open invitation: its code lets no one in any more.
pub async fn cancel_invitation(config: &SyncConfig, id: &str) -> Result<(), SyncError> {
    let answer = request(
        "DELETE",
        &format!("{}/_lotse/invitations/{id}", database(config)),
        Some(&config.token),
        None,
    )
    .await?;
    confirmed(&answer)
}
