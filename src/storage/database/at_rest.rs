//! Sealing at rest (see `domain::app_lock`): with the app lock on, every stored value that
//! can hold something personal is kept as `{<what the indexes need>, sealed: bytes}`, the
//! bytes being the whole value's JSON sealed by the device key and bound to the value's id.
//! The index fields are ids, kinds and stamps only: a note's `fields.case_id` (for
//! `notes_by_case`), a change's record id, device id and stamp, a page's id lists.
//!
//! Every reader takes sealed and readable values alike, so a lock being turned on or off
//! (one batch of rows per transaction, `convert_all`) can stop anywhere – a closed tab, a
//! full disk – and the data stays whole and readable; the next unlock goes on.

use super::*;
use crate::domain::app_lock::RestKey;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The property that holds a sealed value's bytes.
const SEALED: &str = "sealed";

thread_local! {
    // Asked of every row read (the whole directory at start-up): one JS string, made once.
    static SEALED_KEY: JsValue = JsValue::from_str(SEALED);
}
/// Rows converted per transaction when the lock is turned on or off.
const ROWS_PER_BATCH: usize = 1_000;

/// What this database seals with now: the device key once unlocked, and whether new values
/// are sealed (not while the lock is being removed). Cloned per operation, so no borrow is
/// held across an await.
#[derive(Clone, Default)]
pub(crate) struct Sealing {
    pub(super) key: Option<Rc<RestKey>>,
    pub(super) seal_writes: bool,
}

#[derive(Serialize)]
struct VisibleRow<'a> {
    id: &'a str,
    kind: RecordKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicted: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<CaseOf<'a>>,
}

#[derive(Serialize)]
struct CaseOf<'a> {
    case_id: &'a str,
}

#[derive(Serialize)]
struct VisibleChange<'a> {
    id: &'a str,
    record_id: &'a str,
    device_id: &'a str,
    stamp: &'a str,
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, StorageError> {
    serde_json::to_vec(value).map_err(|err| StorageError::Failed(err.to_string()))
}

impl Sealing {
    fn writing_key(&self) -> Option<&RestKey> {
        self.key.as_deref().filter(|_| self.seal_writes)
    }

    /// `visible` with the sealed bytes of `plain` added.
    fn sealed(
        &self,
        key: &RestKey,
        id: &str,
        visible: &impl Serialize,
        plain: &[u8],
    ) -> Result<JsValue, StorageError> {
        let value = to_js(visible)?;
        let bytes = js_sys::Uint8Array::from(key.seal(id, plain).as_slice());
        SEALED_KEY
            .with(|key| js_sys::Reflect::set(&value, key, &bytes))
            .map_err(|e| from_js_exception(&e))?;
        Ok(value)
    }

    /// The opened JSON text of a sealed value, or `None` for a readable one. (Text, not
    /// bytes: serde_json's reader of `&str` is already in the wasm for every record type, a
    /// reader of `&[u8]` would be a second copy of each.)
    pub(super) fn opened(&self, value: &JsValue) -> Result<Option<String>, StorageError> {
        let sealed = SEALED_KEY
            .with(|key| js_sys::Reflect::get(value, key))
            .unwrap_or(JsValue::UNDEFINED);
        let Some(bytes) = sealed.dyn_ref::<js_sys::Uint8Array>() else {
            return Ok(None);
        };
        let id = js_sys::Reflect::get(value, &"id".into())
            .ok()
            .and_then(|id| id.as_string())
            .unwrap_or_default();
        self.open(&id, &bytes.to_vec()).map(Some)
    }

    fn open(&self, id: &str, bytes: &[u8]) -> Result<String, StorageError> {
        let key = self.key.as_deref().ok_or(StorageError::Locked)?;
        let plain = key
            .open(id, bytes)
            .map_err(|_| StorageError::Unreadable(format!("sealed value {id} does not open")))?;
        String::from_utf8(plain).map_err(|err| StorageError::Unreadable(err.to_string()))
    }

    /// A value as stored: sealed with what the indexes need left visible, or as it is.
    pub(super) fn row(&self, row: &RecordRow) -> Result<JsValue, StorageError> {
        let Some(key) = self.writing_key() else {
            return to_js(row);
        };
        let visible = VisibleRow {
            id: &row.id,
            kind: row.kind,
            conflicted: row.conflicted,
            fields: (row.kind == RecordKind::Note)
                .then(|| row.text("case_id"))
                .flatten()
                .map(|case_id| CaseOf { case_id }),
        };
        self.sealed(key, &row.id, &visible, &json(row)?)
    }

    pub(super) fn change(&self, change: &Change) -> Result<JsValue, StorageError> {
        let Some(key) = self.writing_key() else {
            return to_js(change);
        };
        let visible = VisibleChange {
            id: &change.id,
            record_id: &change.record_id,
            device_id: &change.device_id,
            stamp: &change.stamp,
        };
        self.sealed(key, &change.id, &visible, &json(change)?)
    }

    /// A stored row or change, sealed or not.
    pub(super) fn read<T: DeserializeOwned>(&self, value: JsValue) -> Result<T, StorageError> {
        match self.opened(&value)? {
            Some(plain) => serde_json::from_str(&plain)
                .map_err(|err| StorageError::Unreadable(err.to_string())),
            None => from_js(value),
        }
    }

    /// A page: its id lists visible, its JSON text (`field`: "rows" or "changes") sealed.
    pub(super) fn page(
        &self,
        visible: &impl Serialize,
        id: &str,
        field: &str,
        text: String,
    ) -> Result<JsValue, StorageError> {
        match self.writing_key() {
            Some(key) => self.sealed(key, id, visible, text.as_bytes()),
            None => {
                let value = to_js(visible)?;
                js_sys::Reflect::set(&value, &field.into(), &text.into())
                    .map_err(|e| from_js_exception(&e))?;
                Ok(value)
            }
        }
    }

    /// A page's JSON text, sealed or not.
    pub(super) fn page_json(&self, page: &JsValue, field: &str) -> Result<String, StorageError> {
        match self.opened(page)? {
            Some(plain) => Ok(plain),
            None => js_sys::Reflect::get(page, &field.into())
                .ok()
                .and_then(|text| text.as_string())
                .ok_or_else(|| StorageError::Unreadable(format!("a page without {field}"))),
        }
    }

    /// A text of `meta` as stored: sealed bytes (bound to its key) or the text.
    pub(super) fn meta(&self, key: &str, text: String) -> JsValue {
        match self.writing_key() {
            Some(rest) => {
                js_sys::Uint8Array::from(rest.seal(key, text.as_bytes()).as_slice()).into()
            }
            None => text.into(),
        }
    }

    pub(super) fn meta_text(&self, key: &str, value: JsValue) -> Result<String, StorageError> {
        match value.dyn_ref::<js_sys::Uint8Array>() {
            Some(bytes) => self.open(key, &bytes.to_vec()),
            None => value
                .as_string()
                .ok_or_else(|| StorageError::Unreadable(format!("meta {key} is no text"))),
        }
    }
}

/// Which store a batch converts, and how one value of it is rewritten.
#[derive(Clone, Copy)]
enum Kind {
    Rows,
    Changes,
    RecordPages,
    ChangePages,
}

impl Database {
    pub(super) fn sealing(&self) -> Sealing {
        self.sealing.borrow().clone()
    }

    /// Gives the database its device key (after an unlock, or when the lock is set).
    pub fn use_key(&self, key: Option<RestKey>, seal_writes: bool) {
        *self.sealing.borrow_mut() = Sealing {
            key: key.map(Rc::new),
            seal_writes,
        };
    }

    /// The device key, to wrap it once more (a quick unlock added after unlocking).
    pub fn device_key(&self) -> Option<Rc<RestKey>> {
        self.sealing.borrow().key.clone()
    }

    /// Rewrites every stored value sealed (`seal`) or readable, one batch per transaction;
    /// values already in that form are left as they are, so it resumes wherever it stopped.
    /// `max_batches` stops early (tests interrupt a migration with it); `progress` hears
    /// (values gone through, values in all) after each batch. Returns how many values it
    /// rewrote.
    pub async fn convert_all(
        &self,
        seal: bool,
        max_batches: Option<usize>,
        progress: &dyn Fn(usize, usize),
    ) -> Result<usize, StorageError> {
        let mut stores = vec![(RECORDS, Kind::Rows), (CHANGES, Kind::Changes)];
        if self.has_pages {
            stores.push((RECORD_PAGES, Kind::RecordPages));
            stores.push((CHANGE_PAGES, Kind::ChangePages));
        }
        let mut all = Vec::with_capacity(stores.len());
        for (store, kind) in stores {
            let tx = self.idb.transaction(store).build()?;
            let keys = tx
                .object_store(store)?
                .get_all_keys::<String>()
                .primitive()?;
            let keys: Vec<String> = keys.await?.collect::<Result<_, _>>()?;
            all.push((store, kind, keys));
        }
        let total: usize = all.iter().map(|(_, _, keys)| keys.len()).sum();
        let (mut batches, mut done, mut rewritten) = (0, 0, 0);
        for (store, kind, keys) in &all {
            for chunk in keys.chunks(ROWS_PER_BATCH) {
                if max_batches.is_some_and(|max| batches >= max) {
                    return Ok(rewritten);
                }
                rewritten += self.convert_batch(store, *kind, chunk, seal).await?;
                batches += 1;
                done += chunk.len();
                progress(done, total);
            }
        }
        rewritten += self.convert_meta(seal).await?;
        Ok(rewritten)
    }

    async fn convert_batch(
        &self,
        store: &str,
        kind: Kind,
        keys: &[String],
        seal: bool,
    ) -> Result<usize, StorageError> {
        let reading = self.sealing();
        let writing = Sealing {
            key: reading.key.clone(),
            seal_writes: seal,
        };
        if seal && writing.key.is_none() {
            return Err(StorageError::Locked);
        }
        // The same transaction as every edit's: an edit made meanwhile waits for the batch.
        let (tx, raw_tx) = self.write_transaction()?;
        let converted = async {
            let values = tx.object_store(store)?;
            let reads = keys
                .iter()
                .map(|key| values.get(key.as_str()).primitive())
                .collect::<Result<Vec<_>, _>>()?;
            let mut count = 0;
            for read in reads {
                let Some(value): Option<JsValue> = read.await? else {
                    continue;
                };
                if reading.opened(&value)?.is_some() == seal {
                    continue;
                }
                let new = match kind {
                    Kind::Rows => writing.row(&reading.read::<RecordRow>(value)?)?,
                    Kind::Changes => writing.change(&reading.read::<Change>(value)?)?,
                    Kind::RecordPages => pages::reseal(&reading, &writing, value, "rows")?,
                    Kind::ChangePages => pages::reseal(&reading, &writing, value, "changes")?,
                };
                drop(values.put(new).primitive()?);
                count += 1;
            }
            tx.commit().await?;
            Ok::<_, StorageError>(count)
        }
        .await;
        converted.map_err(|err| aborted_because(&raw_tx, err))
    }

    /// The texts of `meta` that hold something personal: sync's settings (the data key, the
    /// device token) and this device's own settings (the name notes are written under).
    async fn convert_meta(&self, seal: bool) -> Result<usize, StorageError> {
        let reading = self.sealing();
        let writing = Sealing {
            key: reading.key.clone(),
            seal_writes: seal,
        };
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let mut count = 0;
        for key in meta.get_all_keys::<String>().primitive()?.await? {
            let key = key?;
            if !meta_values::is_sealed_key(&key) {
                continue;
            }
            let Some(value): Option<JsValue> = meta.get(key.as_str()).primitive()?.await? else {
                continue;
            };
            if value.is_instance_of::<js_sys::Uint8Array>() == seal {
                continue;
            }
            let text = reading.meta_text(&key, value)?;
            meta.put(writing.meta(&key, text))
                .with_key(key.as_str())
                .primitive()?
                .await?;
            count += 1;
        }
        tx.commit().await?;
        Ok(count)
    }
}
