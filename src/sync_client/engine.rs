//! One sync run: finish a removal this device started, pull (key documents first, so nothing
//! new is sealed with a key a removed device knows), try again what was set aside when a new
//! key came, then push.

use super::http::{request, request_as, HttpError};
use super::removal::finish_rotation;
use crate::domain::change::{Change, RecordRow};
use crate::domain::ids::to_hex;
use crate::domain::sync::device_key::{
    device_id_of_token, key_from_hex, DeviceSecret, DEVICE_KEY_BYTES,
};
use crate::domain::sync::pull::{open_page, ChangesAnswer, Claims, Recipient, SetAside};
use crate::domain::sync::push::{confirmed_prefix, read_push_reply};
use crate::domain::sync::refusal::Refusal;
use crate::domain::sync::rotation::{next_epoch, RotationOutcome};
use crate::domain::sync::sealed::{seal, KeyRing, KEY_BYTES, NONCE_BYTES};
use crate::domain::sync::settings::SyncConfig;
use crate::storage::error::StorageError;
use crate::storage::{Database, KnownRecords};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use futures_channel::oneshot;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashSet};
use wasm_bindgen_futures::spawn_local;

const PUSH_BATCH: usize = 200;
const PULL_BATCH: usize = 1_000;

#[derive(Clone, Debug, PartialEq)]
pub enum SyncError {
    NoConnection,
    /// Something answered that is not the sync server (a Wi-Fi login page, a proxy), or the
    /// answer was cut: nothing counts as sent.
    NotTheServer,
    /// The server said no (see `Refusal::kind` for what it means).
    Refused(Refusal),
    /// This device has no data key to seal with (it was never given one).
    MissingKey,
    /// Sealing failed (a change too large to encrypt).
    Unreadable,
    Storage(StorageError),
}

impl From<HttpError> for SyncError {
    fn from(err: HttpError) -> Self {
        match err {
            HttpError::NoConnection => SyncError::NoConnection,
            HttpError::Refused(refusal) => SyncError::Refused(refusal),
            HttpError::BadAnswer => SyncError::NotTheServer,
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
    /// The settings as saved when this run changed them (a new key, a finished removal).
    pub config: Option<SyncConfig>,
    /// The rows the pulled changes rebuilt, for the in-memory view.
    pub rows: Vec<RecordRow>,
    /// Devices whose clocks are too far ahead to follow.
    pub clock_ahead: BTreeSet<String>,
    /// Records that erasures from others removed here.
    pub erased: HashSet<String>,
    /// Erased records' documents the server has not forgotten (it refused, or went away).
    pub unpurged: usize,
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

pub(super) fn key_ring(config: &SyncConfig) -> KeyRing {
    let mut keys = KeyRing::default();
    for (epoch, key) in &config.keys {
        let bytes = BASE64.decode(key).unwrap_or_default();
        if let Ok(key) = <[u8; KEY_BYTES]>::try_from(bytes.as_slice()) {
            keys.add(*epoch, key);
        }
    }
    keys
}

pub(super) fn recipient(config: &SyncConfig) -> Option<Recipient> {
    let secret = key_from_hex(config.device_secret.as_deref()?)?;
    Some(Recipient {
        id: device_id_of_token(&config.token),
        secret: DeviceSecret::from_bytes(secret),
    })
}

pub(super) fn database(config: &SyncConfig) -> &str {
    config.database_url.trim_end_matches('/')
}

/// On a relay, makes this device's key pair and registers the public half, once (devices
/// that joined bring it along; the first device and older ones get it here). Returns the
/// settings to save, or `None` when there is nothing to do.
pub async fn ensure_device_key(config: &SyncConfig) -> Result<Option<SyncConfig>, SyncError> {
    if !config.is_relay() || config.device_secret.is_some() {
        return Ok(None);
    }
    let secret = DeviceSecret::from_bytes(random_bytes::<DEVICE_KEY_BYTES>()?);
    let answer = request(
        "PUT",
        &format!("{}/_lotse/device_key", database(config)),
        Some(&config.token),
        Some(&json!({ "public_key": to_hex(&secret.public_key()) })),
    )
    .await?;
    confirmed(&answer)?;
    let mut updated = config.clone();
    updated.device_secret = Some(to_hex(&secret.to_bytes()));
    Ok(Some(updated))
}

/// One of the relay's lists (`_lotse/devices`, `_lotse/invitations`): the array under the
/// same name, every row read by `read`; a row or an answer of another shape is not the
/// relay's answer.
pub(super) async fn relay_list<T>(
    config: &SyncConfig,
    name: &str,
    read: fn(&Value) -> Option<T>,
) -> Result<Vec<T>, SyncError> {
    let url = format!("{}/_lotse/{name}", database(config));
    let answer = request("GET", &url, Some(&config.token), None).await?;
    answer
        .get(name)
        .and_then(Value::as_array)
        .ok_or(SyncError::NotTheServer)?
        .iter()
        .map(|row| read(row).ok_or(SyncError::NotTheServer))
        .collect()
}

/// CouchDB's `{"ok": true}`, or the answer is not the server's.
pub(super) fn confirmed(answer: &Value) -> Result<(), SyncError> {
    if answer.get("ok") == Some(&Value::Bool(true)) {
        Ok(())
    } else {
        Err(SyncError::NotTheServer)
    }
}

/// The settings this run works with, saved whenever they change (before the pulled page that
/// changed them is applied: a key learnt is never lost behind a saved position).
struct Settings<'a> {
    db: &'a Database,
    config: SyncConfig,
    changed: bool,
}

impl Settings<'_> {
    async fn save(&mut self) -> Result<(), SyncError> {
        self.db.save_sync_config(&self.config).await?;
        self.changed = true;
        Ok(())
    }
}

/// One run: finishes a pending removal, pulls until the server has nothing new, retries what
/// was set aside if a key came, pushes everything waiting, and asks the server to forget what
/// erasures removed. `progress` hears (pulled so
/// far, still pending on the server) after every pulled batch.
pub async fn sync_once(
    db: &Database,
    config: &SyncConfig,
    mut progress: impl FnMut(usize, usize),
) -> Result<SyncReport, SyncError> {
    let mut settings = Settings {
        db,
        config: config.clone(),
        changed: false,
    };
    let mut report = SyncReport::default();
    // A rotation that lost to another phone's starts again; twice more at most per run.
    for _ in 0..3 {
        if let Some(pending) = settings.config.pending_rotation.clone() {
            if !pending.sent {
                settings.config.pending_rotation = Some(finish_rotation(&settings.config).await?);
                settings.save().await?;
            }
        }
        let learnt = pull(&mut settings, &mut report, &mut progress).await?;
        if learnt {
            retry_set_aside(&mut settings, &mut report).await?;
        }
        if !settle_rotation(&mut settings).await? {
            break;
        }
    }
    push(&settings.config, db, &mut report).await?;
    // What the server refuses to forget (or a connection lost now) waits and is counted: the
    // sync itself went well. This device's own storage failing is an error like any other.
    match super::purge::purge(&settings.config, db).await {
        Ok(()) => {}
        Err(SyncError::Storage(err)) => return Err(SyncError::Storage(err)),
        Err(_) => report.unpurged = db.waiting_purge().await?.len(),
    }
    if settings.changed {
        report.config = Some(settings.config);
    }
    Ok(report)
}

/// After reading the feed: a rotation whose key came first is done; one that lost starts
/// again at the next epoch. Returns whether there is a rotation to send again.
async fn settle_rotation(settings: &mut Settings<'_>) -> Result<bool, SyncError> {
    let Some(pending) = settings.config.pending_rotation.clone() else {
        return Ok(false);
    };
    match pending.outcome(&settings.config.claims) {
        RotationOutcome::Open => Ok(!pending.sent),
        RotationOutcome::Won => {
            settings.config.pending_rotation = None;
            settings.save().await?;
            Ok(false)
        }
        RotationOutcome::Lost => {
            let held = settings.config.keys.iter().map(|(epoch, _)| *epoch);
            let mut again = pending;
            again.epoch = next_epoch(held, &settings.config.claims);
            again.rotation = to_hex(&random_bytes::<8>()?);
            again.key = random_key()?;
            again.sent = false;
            settings.config.pending_rotation = Some(again);
            settings.save().await?;
            Ok(true)
        }
    }
}

/// Pulls every page after the saved position. Returns whether a data key was learnt.
async fn pull(
    settings: &mut Settings<'_>,
    report: &mut SyncReport,
    progress: &mut impl FnMut(usize, usize),
) -> Result<bool, SyncError> {
    let url = database(&settings.config).to_owned();
    let token = settings.config.token.clone();
    let mut keys = key_ring(&settings.config);
    let mut claims: Claims = settings.config.claims.clone();
    let me = recipient(&settings.config);
    let mut learnt = false;
    // The next page is requested while the current one is opened and stored, so the network
    // and IndexedDB work at the same time.
    let fetch_page = |since: String| {
        let (sender, receiver) = oneshot::channel();
        let page_url = format!("{url}/_changes?since={since}&limit={PULL_BATCH}&include_docs=true");
        let token = token.clone();
        spawn_local(async move {
            let answer = request_as::<ChangesAnswer>("GET", &page_url, Some(&token), None).await;
            let _ = sender.send(answer);
        });
        receiver
    };
    let mut next = Some(fetch_page(settings.db.sync_position().await?));
    let mut known = KnownRecords::default();
    while let Some(page) = next.take() {
        let answer = page.await.map_err(|_| SyncError::NoConnection)??;
        let page = open_page(answer, &mut keys, &mut claims, me.as_ref())
            .map_err(|_| SyncError::NotTheServer)?;
        if !page.new_keys.is_empty() || claims != settings.config.claims {
            for (epoch, key) in &page.new_keys {
                settings.config.keys.push((*epoch, BASE64.encode(key)));
            }
            settings.config.claims = claims.clone();
            settings.save().await?;
            learnt |= !page.new_keys.is_empty();
        }
        if page.rows == 0 {
            break;
        }
        if page.rows == PULL_BATCH || page.pending > 0 {
            next = Some(fetch_page(page.last_seq.clone()));
        }
        let applied = settings
            .db
            .apply_pulled(page.changes, &page.last_seq, &page.set_aside, &mut known)
            .await?;
        report.pulled += applied.new_changes;
        report.rows.extend(applied.rows);
        report.clock_ahead.extend(applied.clock_ahead);
        report.erased.extend(applied.erased);
        progress(report.pulled, page.pending);
    }
    Ok(learnt)
}

/// Fetches the set-aside documents again and opens what the keys now open; the rest stays
/// set aside.
async fn retry_set_aside(
    settings: &mut Settings<'_>,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let waiting = settings.db.set_aside_documents().await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let url = database(&settings.config).to_owned();
    let mut results = Vec::with_capacity(waiting.len());
    for doc in &waiting {
        let id = String::from(js_sys::encode_uri_component(&doc.id));
        let doc_url = format!("{url}/{id}");
        match request("GET", &doc_url, Some(&settings.config.token), None).await {
            Ok(found) => results.push(json!({ "id": doc.id, "doc": found })),
            // Gone from the server: nothing left to open.
            Err(HttpError::Refused(Refusal { status: 404, .. })) => {}
            Err(err) => return Err(err.into()),
        }
    }
    // Read as a `_changes` page, through the same code as every pulled page.
    let text = json!({ "results": results, "last_seq": "" }).to_string();
    let answer: ChangesAnswer = serde_json::from_str(&text).map_err(|_| SyncError::NotTheServer)?;
    let mut keys = key_ring(&settings.config);
    let mut claims = settings.config.claims.clone();
    let page = open_page(
        answer,
        &mut keys,
        &mut claims,
        recipient(&settings.config).as_ref(),
    )
    .map_err(|_| SyncError::NotTheServer)?;
    let still: Vec<SetAside> = page.set_aside;
    if still.len() == waiting.len() {
        return Ok(());
    }
    let position = settings.db.sync_position().await?;
    let applied = settings
        .db
        .apply_pulled(page.changes, &position, &[], &mut KnownRecords::default())
        .await?;
    settings.db.replace_set_aside(&still).await?;
    report.pulled += applied.new_changes;
    report.rows.extend(applied.rows);
    report.erased.extend(applied.erased);
    Ok(())
}

/// Pushes this device's waiting changes, sealed with the newest key. A change counts as sent
/// only when a well-formed answer names it as stored (see `domain::sync::push`).
async fn push(
    config: &SyncConfig,
    db: &Database,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let keys = key_ring(config);
    let (epoch, key) = keys.current().ok_or(SyncError::MissingKey)?;
    let url = database(config);
    loop {
        let batch: Vec<Change> = db.unpushed(PUSH_BATCH).await?;
        if batch.is_empty() {
            return Ok(());
        }
        let docs = batch
            .iter()
            .map(|change| {
                let sealed = seal(change, epoch, key, random_bytes::<NONCE_BYTES>()?)
                    .map_err(|_| SyncError::Unreadable)?;
                serde_json::to_value(sealed).map_err(|_| SyncError::Unreadable)
            })
            .collect::<Result<Vec<Value>, SyncError>>()?;
        let body = json!({ "docs": docs });
        let text = super::http::request_text(
            "POST",
            &format!("{url}/_bulk_docs"),
            Some(&config.token),
            Some(&body),
        )
        .await?;
        let reply = read_push_reply(&text).ok_or(SyncError::NotTheServer)?;
        let sent = confirmed_prefix(&batch, &reply);
        db.mark_pushed(&batch[..sent]).await?;
        report.pushed += sent;
        if sent < batch.len() {
            return Err(reply.refused.map_or(SyncError::NotTheServer, |reason| {
                SyncError::Refused(Refusal::because(&reason))
            }));
        }
    }
}

/// Whether a new organisation may be started on this database with this token: the token
/// must work and the database must be empty (a database with data is joined by invitation,
/// which brings its key).
pub async fn check_empty(database_url: &str, token: &str) -> Result<bool, SyncError> {
    let url = database_url.trim_end_matches('/');
    let info = request("GET", &format!("{url}/"), Some(token), None).await?;
    let count = info
        .get("doc_count")
        .and_then(Value::as_u64)
        .ok_or(SyncError::NotTheServer)?;
    Ok(count == 0)
}
