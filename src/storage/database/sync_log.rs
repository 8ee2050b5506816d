//! Storage for sync: this device's changes the server has not got yet (found through the
//! by-device-and-stamp index from one remembered stamp), and applying pulled changes together
//! with the server position they were read up to – one transaction, so a cut connection
//! costs at most one batch and never applies a batch twice or skips one.

use super::*;
use crate::domain::erasure::{erased_by, is_erased};
use crate::domain::merge::merge;
use crate::domain::sync::pull::SetAside;
use crate::domain::sync::settings::SyncConfig;
use indexed_db_futures::KeyRange;
use std::collections::{BTreeMap, BTreeSet};

const PUSHED_PREFIX: &str = "sync.pushed.";
const SINCE_KEY: &str = "sync.since";
const CONFIG_KEY: &str = "sync.config";
/// Pulled documents this device could not open (JSON list of `SetAside`).
const SET_ASIDE_KEY: &str = "sync.set_aside";

/// What a pulled batch changed here: how many changes were new, and the rebuilt rows (for the
/// in-memory view, so a sync does not read everything again).
#[derive(Debug, Default)]
pub struct AppliedBatch {
    pub new_changes: usize,
    pub rows: Vec<RecordRow>,
    /// Devices whose stamps were too far ahead of this device's clock to follow.
    pub clock_ahead: BTreeSet<String>,
    /// Records an erasure in the batch removed here (to drop from the in-memory view).
    pub erased: HashSet<String>,
}

/// The by-device-and-stamp keys of `device`'s changes after the last stamp it pushed.
async fn unpushed_range(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    device: &str,
) -> Result<KeyRange<JsValue>, StorageError> {
    let pushed: Option<String> = meta
        .get(format!("{PUSHED_PREFIX}{device}"))
        .primitive()?
        .await?;
    let lower = js_sys::Array::of2(&device.into(), &pushed.unwrap_or_default().into());
    // "\u{10FFFF}" sorts after every stamp.
    let upper = js_sys::Array::of2(&device.into(), &"\u{10FFFF}".into());
    Ok(KeyRange::Bound(
        JsValue::from(lower),
        true,
        JsValue::from(upper),
        false,
    ))
}

impl Database {
    fn device_ids_to_push(&self) -> [&str; 2] {
        // Changes written by the v1 -> v2 migration are this device's too.
        [self.device_id.as_str(), schema::MIGRATION_DEVICE]
    }

    /// Up to `limit` of this device's changes the server has not acknowledged, oldest first.
    pub async fn unpushed(&self, limit: usize) -> Result<Vec<Change>, StorageError> {
        let tx = self.idb.transaction([CHANGES, META]).build()?;
        let meta = tx.object_store(META)?;
        let changes = tx.object_store(CHANGES)?;
        let index = changes.index(CHANGES_BY_DEVICE)?;
        let mut found = Vec::new();
        let sealing = self.sealing();
        for device in self.device_ids_to_push() {
            let left = limit.saturating_sub(found.len()) as u32;
            if left == 0 {
                break;
            }
            let rows = index
                .get_all::<JsValue>()
                .with_query::<JsValue, _>(unpushed_range(&meta, device).await?)
                .with_limit(left)
                .primitive()?
                .await?;
            for row in rows {
                found.push(sealing.read::<Change>(row?)?);
            }
        }
        Ok(found)
    }

    /// How many of this device's changes wait for the server: counted by the index, without
    /// reading them (the status line asks after every sync).
    pub async fn unpushed_count(&self) -> Result<usize, StorageError> {
        let tx = self.idb.transaction([CHANGES, META]).build()?;
        let meta = tx.object_store(META)?;
        let changes = tx.object_store(CHANGES)?;
        let index = changes.index(CHANGES_BY_DEVICE)?;
        let mut count = 0;
        for device in self.device_ids_to_push() {
            let waiting = index
                .count()
                .with_query::<JsValue, _>(unpushed_range(&meta, device).await?)
                .primitive()?
                .await?;
            count += waiting as usize;
        }
        Ok(count)
    }

    /// The server holds these (acknowledged); remembers the newest stamp per device.
    pub async fn mark_pushed(&self, changes: &[Change]) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        for device in self.device_ids_to_push() {
            let newest = changes
                .iter()
                .filter(|c| c.device_id == device)
                .map(|c| c.stamp.clone())
                .max();
            if let Some(stamp) = newest {
                meta.put(stamp)
                    .with_key(format!("{PUSHED_PREFIX}{device}"))
                    .primitive()?
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Stores pulled changes this device does not have (one change page), rebuilds the rows of
    /// the records they touch from all their changes (the deterministic merge; records met for
    /// the first time into record pages, the others as single rows), moves the clock past
    /// them, and saves the server position and the documents of the page that were set aside
    /// – all in one transaction, so a document passed over is never forgotten. `known`
    /// carries what this run of pulls knows about the records held here. Returns what was new.
    pub async fn apply_pulled(
        &self,
        pulled: Vec<Change>,
        position: &str,
        set_aside: &[SetAside],
        known: &mut KnownRecords,
    ) -> Result<AppliedBatch, StorageError> {
        // Own changes coming back are already here. By record, each change once (a batch
        // may repeat one).
        let mut batch: BTreeMap<String, BTreeMap<String, Change>> = BTreeMap::new();
        for change in pulled {
            if change.device_id != self.device_id {
                batch
                    .entry(change.record_id.clone())
                    .or_default()
                    .insert(change.id.clone(), change);
            }
        }
        let (tx, raw_tx) = self.write_transaction()?;
        let sealing = self.sealing();
        let written = async move {
            let records = tx.object_store(RECORDS)?;
            let record_pages = tx.object_store(RECORD_PAGES)?;
            // Erasures: those of the batch are carried out below; a change of a record erased
            // here before (or by the batch) is not taken, and the server is asked to forget it.
            let mut ledger = erasure::ledger(&records, &sealing).await?;
            let newly_erased: HashSet<String> = batch
                .values()
                .flat_map(BTreeMap::values)
                .filter(|c| c.kind == RecordKind::Erasure)
                .flat_map(|c| erased_by(&c.fields))
                .filter(|id| !ledger.contains(*id))
                .map(str::to_owned)
                .collect();
            ledger.extend(newly_erased.iter().cloned());
            let mut refused = Vec::new();
            batch.retain(|_, changes| {
                changes.retain(|id, change| {
                    let erased = is_erased(change, &ledger);
                    if erased {
                        refused.push(id.clone());
                    }
                    !erased
                });
                !changes.is_empty()
            });
            if batch.len() >= pages::RECORDS_WORTH_LISTING {
                known.learn(&records, &record_pages).await?;
            }
            // Records held here have a history to merge with (and may hold some of these
            // changes already); the others are merged from the batch alone.
            let held: HashSet<&str> = batch
                .keys()
                .map(String::as_str)
                .filter(|id| known.holds(id) != Some(false))
                .collect();
            let mut stored: BTreeMap<String, Vec<Change>> = BTreeMap::new();
            for change in stored_changes(&tx, &held, &sealing).await? {
                stored
                    .entry(change.record_id.clone())
                    .or_default()
                    .push(change);
            }
            let now = js_sys::Date::now() as u64;
            let mut clock_ahead = BTreeSet::new();
            let mut new_changes: Vec<Change> = Vec::new();
            let mut rows = Vec::with_capacity(batch.len());
            // Where in `rows` the records met for the first time are that go into a page.
            let mut paged = Vec::new();
            known.add(batch.keys().map(String::as_str));
            for (record_id, in_batch) in batch {
                // The record's whole history: what is stored, then what is new of the batch.
                let mut all = stored.remove(&record_id).unwrap_or_default();
                let stored_len = all.len();
                for change in in_batch.into_values() {
                    if !all[..stored_len].iter().any(|h| h.id == change.id) {
                        all.push(change);
                    }
                }
                if all.len() == stored_len {
                    continue;
                }
                for change in &all[stored_len..] {
                    let followed = change
                        .stamp
                        .parse::<Stamp>()
                        .map(|stamp| self.clock.borrow_mut().observe(&stamp, now));
                    if followed != Ok(true) {
                        clock_ahead.insert(change.device_id.clone());
                    }
                }
                if let Some(merged) = merge(&all) {
                    let row = merged.into_row();
                    if stored_len == 0 && pages::pageable(&row) {
                        paged.push(rows.len());
                    } else {
                        drop(records.put(sealing.row(&row)?).primitive()?);
                    }
                    rows.push(row);
                }
                new_changes.extend(all.drain(stored_len..));
            }
            let paged: Vec<&RecordRow> = paged.into_iter().map(|at| &rows[at]).collect();
            pages::put_record_pages(&record_pages, &paged, &sealing)?;
            pages::put_change_page(&tx.object_store(CHANGE_PAGES)?, &new_changes, &sealing)?;
            let erased = match newly_erased.is_empty() {
                true => HashSet::new(),
                false => erasure::remove_records(&tx, &newly_erased, &sealing).await?,
            };
            let meta = tx.object_store(META)?;
            erasure::queue_purge(&meta, refused).await?;
            if !set_aside.is_empty() {
                let mut kept = read_set_aside(&meta).await?;
                for doc in set_aside {
                    if !kept.iter().any(|k| k.id == doc.id) {
                        kept.push(doc.clone());
                    }
                }
                write_set_aside(&meta, &kept).await?;
            }
            meta.put(position.to_owned())
                .with_key(SINCE_KEY)
                .primitive()?
                .await?;
            let stamp = self.clock.borrow().current().to_string();
            meta.put(stamp)
                .with_key(LAST_STAMP_KEY)
                .primitive()?
                .await?;
            tx.commit().await?;
            Ok::<_, StorageError>(AppliedBatch {
                new_changes: new_changes.len(),
                rows,
                clock_ahead,
                erased,
            })
        }
        .await;
        written.map_err(|err| aborted_because(&raw_tx, err))
    }

    /// Every row with concurrent edits a person has to settle (through the sparse index).
    pub async fn conflicted(&self) -> Result<Vec<RecordRow>, StorageError> {
        let tx = self.idb.transaction(RECORDS).build()?;
        let store = tx.object_store(RECORDS)?;
        let found = store
            .index(RECORDS_CONFLICTED)?
            .get_all::<JsValue>()
            .primitive()?
            .await?;
        let sealing = self.sealing();
        found.map(|js| sealing.read::<RecordRow>(js?)).collect()
    }

    /// The server position pulled up to ("0" before the first pull).
    pub async fn sync_position(&self) -> Result<String, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        let since: Option<String> = tx.object_store(META)?.get(SINCE_KEY).primitive()?.await?;
        Ok(since.unwrap_or_else(|| "0".to_owned()))
    }

    /// The pulled documents this device could not open, oldest first.
    pub async fn set_aside_documents(&self) -> Result<Vec<SetAside>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        read_set_aside(&tx.object_store(META)?).await
    }

    /// Replaces the list of set-aside documents (after some opened on a retry).
    pub async fn replace_set_aside(&self, kept: &[SetAside]) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        write_set_aside(&tx.object_store(META)?, kept).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes the organisation's data from this device (it was removed from the
    /// organisation): every record, change and page, the sync settings and position, in one
    /// transaction. The device's own id and clock stay: they are not the organisation's.
    pub async fn wipe_organisation(&self) -> Result<(), StorageError> {
        let (tx, raw_tx) = self.write_transaction()?;
        let wiped = async {
            let stores: &[&str] = if self.has_pages {
                &[RECORDS, CHANGES, RECORD_PAGES, CHANGE_PAGES]
            } else {
                &[RECORDS, CHANGES]
            };
            for name in stores {
                tx.object_store(name)?.clear()?.await?;
            }
            let meta = tx.object_store(META)?;
            for key in meta.get_all_keys::<String>().primitive()?.await? {
                let key = key?;
                if key != DEVICE_ID_KEY && key != LAST_STAMP_KEY && !lock_record::is_lock_key(&key)
                {
                    meta.delete(key).primitive()?.await?;
                }
            }
            tx.commit().await?;
            Ok::<_, StorageError>(())
        }
        .await;
        wiped.map_err(|err| aborted_because(&raw_tx, err))
    }

    pub async fn sync_config(&self) -> Result<Option<SyncConfig>, StorageError> {
        let stored = self.meta_text(CONFIG_KEY).await?;
        Ok(stored.and_then(|json| serde_json::from_str(&json).ok()))
    }

    pub async fn save_sync_config(&self, config: &SyncConfig) -> Result<(), StorageError> {
        let json =
            serde_json::to_string(config).map_err(|err| StorageError::Failed(err.to_string()))?;
        self.save_meta_text(CONFIG_KEY, json).await
    }
}

async fn read_set_aside(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<Vec<SetAside>, StorageError> {
    let stored: Option<String> = meta.get(SET_ASIDE_KEY).primitive()?.await?;
    Ok(stored
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

async fn write_set_aside(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    kept: &[SetAside],
) -> Result<(), StorageError> {
    let json = serde_json::to_string(kept).map_err(|err| StorageError::Failed(err.to_string()))?;
    meta.put(json).with_key(SET_ASIDE_KEY).primitive()?.await?;
    Ok(())
}
