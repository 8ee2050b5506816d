//! One sync run, joining by invitation, and inviting.

use super::http::{request, request_as, HttpError};
use crate::domain::change::{Change, RecordRow};
use crate::domain::ids::to_hex;
use crate::domain::sync::device_key::{
    device_id_of_token, key_from_hex, open_key_for, seal_key_for, DeviceSecret, DEVICE_KEY_BYTES,
};
use crate::domain::sync::sealed::{
    open, open_key, seal, KeyRing, OpenError, SealedChange, KEY_BYTES, KEY_DOCUMENT, NONCE_BYTES,
};
use crate::storage::{Database, KnownRecords, SyncConfig};
use crate::storage_error::StorageError;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use futures_channel::oneshot;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};
use wasm_bindgen_futures::spawn_local;

const PUSH_BATCH: usize = 200;
const PULL_BATCH: usize = 1_000;

#[derive(Clone, Debug, PartialEq)]
pub enum SyncError {
    NoConnection,
    /// The server said no, with its reason ("invitation expired").
    Refused(String),
    /// A pulled change was sealed with a key this device does not have.
    MissingKey,
    /// A pulled change could not be opened: changed on the way, or not Lotse's.
    Unreadable,
    Storage(StorageError),
}

impl From<HttpError> for SyncError {
    fn from(err: HttpError) -> Self {
        match err {
            HttpError::NoConnection => SyncError::NoConnection,
            HttpError::Refused { status, reason } if reason.is_empty() => {
                SyncError::Refused(format!("HTTP {status}"))
            }
            HttpError::Refused { reason, .. } => SyncError::Refused(reason),
            HttpError::BadAnswer => SyncError::Refused("unexpected answer".into()),
        }
    }
}

impl From<StorageError> for SyncError {
    fn from(err: StorageError) -> Self {
        SyncError::Storage(err)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncReport {
    pub pushed: usize,
    /// New changes from others: when more than 0, the directory must be read again.
    pub pulled: usize,
    /// Data keys learnt from the feed (another device removed one), to keep in the settings.
    pub new_keys: Vec<(u32, String)>,
    /// The rows the pulled changes rebuilt, for the in-memory view.
    pub rows: Vec<RecordRow>,
}

pub(super) fn random_bytes<const N: usize>() -> Result<[u8; N], SyncError> {
    let mut bytes = [0u8; N];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(SyncError::Storage(StorageError::Unavailable(
            "no crypto".into(),
        )))?;
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| SyncError::Storage(StorageError::Unavailable("no randomness".into())))?;
    Ok(bytes)
}

/// A new organisation data key (base64), drawn by the browser's CSPRNG.
pub fn random_key() -> Result<String, SyncError> {
    Ok(BASE64.encode(random_bytes::<KEY_BYTES>()?))
}

fn key_ring(config: &SyncConfig) -> KeyRing {
    let mut keys = KeyRing::default();
    for (epoch, key) in &config.keys {
        let bytes = BASE64.decode(key).unwrap_or_default();
        if let Ok(key) = <[u8; KEY_BYTES]>::try_from(bytes.as_slice()) {
            keys.add(*epoch, key);
        }
    }
    keys
}

/// This device as the recipient of key documents: its relay id and private key.
struct Recipient {
    id: String,
    secret: DeviceSecret,
}

fn recipient(config: &SyncConfig) -> Option<Recipient> {
    let secret = key_from_hex(config.device_secret.as_deref()?)?;
    Some(Recipient {
        id: device_id_of_token(&config.token),
        secret: DeviceSecret::from_bytes(secret),
    })
}

/// On a relay, makes this device's key pair and registers the public half, once (devices
/// that joined bring it along; the first device and older ones get it here). Returns the
/// settings to save, or `None` when there is nothing to do.
pub async fn ensure_device_key(config: &SyncConfig) -> Result<Option<SyncConfig>, SyncError> {
    if !config.is_relay() || config.device_secret.is_some() {
        return Ok(None);
    }
    let secret = DeviceSecret::from_bytes(random_bytes::<DEVICE_KEY_BYTES>()?);
    let url = config.database_url.trim_end_matches('/');
    request(
        "PUT",
        &format!("{url}/_lotse/device_key"),
        Some(&config.token),
        Some(&json!({ "public_key": to_hex(&secret.public_key()) })),
    )
    .await?;
    let mut updated = config.clone();
    updated.device_secret = Some(to_hex(&secret.to_bytes()));
    Ok(Some(updated))
}

/// Pushes everything waiting, then pulls until the server has nothing new. `progress` hears
/// (pulled so far, still pending on the server) after every pulled batch.
pub async fn sync_once(
    db: &Database,
    config: &SyncConfig,
    mut progress: impl FnMut(usize, usize),
) -> Result<SyncReport, SyncError> {
    let mut keys = key_ring(config);
    let (epoch, key) = keys.current().ok_or(SyncError::MissingKey)?;
    let key = *key;
    let me = recipient(config);
    let mut report = SyncReport::default();
    let url = config.database_url.trim_end_matches('/');

    loop {
        let batch = db.unpushed(PUSH_BATCH).await?;
        if batch.is_empty() {
            break;
        }
        let docs = batch
            .iter()
            .map(|change| {
                let sealed = seal(change, epoch, &key, random_bytes::<NONCE_BYTES>()?)
                    .map_err(|_| SyncError::Unreadable)?;
                serde_json::to_value(sealed).map_err(|_| SyncError::Unreadable)
            })
            .collect::<Result<Vec<Value>, SyncError>>()?;
        let answer = request(
            "POST",
            &format!("{url}/_bulk_docs"),
            Some(&config.token),
            Some(&json!({ "docs": docs })),
        )
        .await?;
        // "conflict" means the server already holds a change with this id: an earlier push
        // whose answer was lost (sealed again with a new nonce, so the bytes differ).
        let refused = answer.as_array().into_iter().flatten().find(|row| {
            row.get("ok") != Some(&Value::Bool(true))
                && row.get("error").and_then(Value::as_str) != Some("conflict")
        });
        if let Some(row) = refused {
            let reason = row
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or("refused");
            return Err(SyncError::Refused(reason.to_owned()));
        }
        db.mark_pushed(&batch).await?;
        report.pushed += batch.len();
    }

    // The next page is requested while the current one is opened and stored, so the network
    // and IndexedDB work at the same time.
    let fetch_page = |since: String| {
        let (sender, receiver) = oneshot::channel();
        let page_url = format!("{url}/_changes?since={since}&limit={PULL_BATCH}&include_docs=true");
        let token = config.token.clone();
        spawn_local(async move {
            let _ = sender.send(request_as::<ChangesAnswer>("GET", &page_url, Some(&token)).await);
        });
        receiver
    };
    let mut next = Some(fetch_page(db.sync_position().await?));
    let mut known = KnownRecords::default();
    while let Some(page) = next.take() {
        let answer = page.await.map_err(|_| SyncError::NoConnection)??;
        let page = read_page(answer, &mut keys, me.as_ref())?;
        report.new_keys.extend(page.new_keys.iter().cloned());
        if page.rows == 0 {
            break;
        }
        if page.rows == PULL_BATCH || page.pending > 0 {
            next = Some(fetch_page(page.last_seq.clone()));
        }
        let applied = db
            .apply_pulled(page.changes, &page.last_seq, &mut known)
            .await?;
        report.pulled += applied.new_changes;
        report.rows.extend(applied.rows);
        progress(report.pulled, page.pending);
    }
    Ok(report)
}

/// One `_changes` answer, opened.
struct Page {
    changes: Vec<Change>,
    new_keys: Vec<(u32, String)>,
    last_seq: String,
    /// Rows in the answer, Lotse's or not.
    rows: usize,
    /// What the server says is still after this page (0 if it does not say).
    pending: usize,
}

/// A `_changes` answer as CouchDB and the relay give it; documents stay JSON text until
/// they are known to be Lotse's.
#[derive(Deserialize)]
struct ChangesAnswer {
    #[serde(default)]
    results: Vec<ChangesRow>,
    /// A string (CouchDB 3, the relay) or a number (older CouchDB, pouchdb-server).
    last_seq: Option<Value>,
    #[serde(default)]
    pending: Option<u64>,
}

#[derive(Deserialize)]
struct ChangesRow {
    #[serde(default)]
    doc: Option<Box<RawValue>>,
}

fn read_page(
    answer: ChangesAnswer,
    keys: &mut KeyRing,
    me: Option<&Recipient>,
) -> Result<Page, SyncError> {
    let mut changes: Vec<Change> = Vec::with_capacity(answer.results.len());
    let mut new_keys = Vec::new();
    for row in &answer.results {
        let Some(doc) = &row.doc else { continue };
        let sealed: SealedChange = match serde_json::from_str(doc.get()) {
            Ok(sealed) => sealed,
            // Documents without a seal are not Lotse's (a CouchDB design document, say).
            Err(_) => match serde_json::from_str::<serde_json::Map<String, Value>>(doc.get()) {
                Ok(other) if !other.contains_key("sealed") => continue,
                _ => return Err(SyncError::Unreadable),
            },
        };
        if sealed.doc_type.as_deref() == Some(KEY_DOCUMENT) {
            let opened = match (&sealed.recipient, me) {
                // Sealed for one device: only that one opens it; the others get their own.
                (Some(recipient), Some(me)) if *recipient == me.id => {
                    open_key_for(&sealed, &me.id, &me.secret, keys)
                }
                (Some(_), _) => continue,
                // Sealed with the previous data key (before devices had keys of their own).
                (None, _) => open_key(&sealed, keys),
            };
            match opened {
                Ok((epoch, key)) => {
                    keys.add(epoch, key);
                    new_keys.push((epoch, BASE64.encode(key)));
                }
                Err(OpenError::UnknownEpoch(_)) => return Err(SyncError::MissingKey),
                Err(_) => return Err(SyncError::Unreadable),
            }
            continue;
        }
        match open(&sealed, keys) {
            Ok(change) => changes.push(change),
            Err(OpenError::UnknownEpoch(_)) => return Err(SyncError::MissingKey),
            Err(_) => return Err(SyncError::Unreadable),
        }
    }
    let last_seq = match answer.last_seq {
        Some(Value::String(seq)) => seq,
        Some(other) => other.to_string(),
        None => return Err(SyncError::Refused("no last_seq".into())),
    };
    Ok(Page {
        changes,
        new_keys,
        last_seq,
        rows: answer.results.len(),
        pending: answer.pending.unwrap_or(0) as usize,
    })
}

/// Whether a new organisation may be started on this database with this token: the token
/// must work and the database must be empty (a database with data is joined by invitation,
/// which brings its key).
pub async fn check_empty(database_url: &str, token: &str) -> Result<bool, SyncError> {
    let url = database_url.trim_end_matches('/');
    let info = request("GET", &format!("{url}/"), Some(token), None).await?;
    Ok(info.get("doc_count").and_then(Value::as_u64).unwrap_or(0) == 0)
}

/// A device of the organisation as the server lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub id: String,
    pub name: String,
    pub this: bool,
    /// Its X25519 public key, once it has registered one.
    pub public_key: Option<[u8; DEVICE_KEY_BYTES]>,
}

pub async fn list_devices(config: &SyncConfig) -> Result<Vec<Device>, SyncError> {
    let url = config.database_url.trim_end_matches('/');
    let answer = request(
        "GET",
        &format!("{url}/_lotse/devices"),
        Some(&config.token),
        None,
    )
    .await?;
    Ok(answer
        .get("devices")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|d| Device {
            id: d
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            name: d
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            this: d.get("this").and_then(Value::as_bool).unwrap_or(false),
            public_key: d
                .get("public_key")
                .and_then(Value::as_str)
                .and_then(key_from_hex),
        })
        .collect())
}

/// Removes a device (its token stops working at once) and rotates the data key: a new key
/// goes into the feed sealed for each device that stays, to its own public key and bound to
/// the old data key (see `device_key`: neither the removed device nor the relay can open
/// it), and this device seals everything from now on with it. A device that never registered a key (it has not synced since keys came
/// in) gets none and has to be invited again. Returns the settings with the new key.
pub async fn remove_device(
    config: &SyncConfig,
    device_id: &str,
    this_device: &str,
    stamp: &str,
) -> Result<SyncConfig, SyncError> {
    let url = config.database_url.trim_end_matches('/');
    request(
        "DELETE",
        &format!("{url}/_lotse/devices/{device_id}"),
        Some(&config.token),
        None,
    )
    .await?;
    let keys = key_ring(config);
    let (epoch, key) = keys.current().ok_or(SyncError::MissingKey)?;
    let new_epoch = epoch + 1;
    let new_key = random_bytes::<KEY_BYTES>()?;
    let mut docs = Vec::new();
    for device in list_devices(config).await? {
        let Some(public_key) = device.public_key.filter(|_| !device.this) else {
            continue;
        };
        let doc_id = format!(
            "key-{new_epoch}-{}",
            BASE64.encode(random_bytes::<9>()?).replace(['/', '+'], "_")
        );
        let sealed = seal_key_for(
            &doc_id,
            stamp,
            this_device,
            new_epoch,
            &new_key,
            key,
            &device.id,
            &public_key,
            random_bytes::<DEVICE_KEY_BYTES>()?,
            random_bytes::<NONCE_BYTES>()?,
        )
        .map_err(|_| SyncError::Unreadable)?;
        docs.push(serde_json::to_value(sealed).map_err(|_| SyncError::Unreadable)?);
    }
    if !docs.is_empty() {
        request(
            "POST",
            &format!("{url}/_bulk_docs"),
            Some(&config.token),
            Some(&json!({ "docs": docs })),
        )
        .await?;
    }
    let mut rotated = config.clone();
    rotated.keys.push((new_epoch, BASE64.encode(new_key)));
    Ok(rotated)
}
