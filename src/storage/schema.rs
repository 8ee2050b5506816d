//! Schema versions and the upgrade step of each. A step only ever moves data forward; every
//! step is tested by opening a database written by the version before it (tests/storage.rs).

use super::convert::{from_js, to_js};
use crate::domain::change::{Change, Fields, RecordKind, RecordRow};
use crate::storage::error::StorageError;
use indexed_db_futures::database::Database as IdbDatabase;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionRef;
use indexed_db_futures::KeyPath;
use serde::Deserialize;
use wasm_bindgen::JsValue;

pub const RECORDS: &str = "records";
pub const CHANGES: &str = "changes";
pub const META: &str = "meta";
pub const RECORDS_BY_KIND: &str = "by_kind";
pub const CHANGES_BY_RECORD: &str = "by_record";
/// Notes by the case they belong to (`fields.case_id`; other records have no such field).
pub const NOTES_BY_CASE: &str = "notes_by_case";
/// Changes by [device id, stamp]: a device's own changes in the order it made them, so sync
/// finds what is not yet pushed from one remembered stamp, without a separate outbox.
pub const CHANGES_BY_DEVICE: &str = "by_device_stamp";
/// Rows with concurrent edits a person has to settle (only they have `conflicted`).
pub const RECORDS_CONFLICTED: &str = "conflicted";
/// Rows of records first met in a pull, many to a page (see `database::pages`).
pub const RECORD_PAGES: &str = "record_pages";
/// Pulled changes, many to a page.
pub const CHANGE_PAGES: &str = "change_pages";
/// Pages by the ids of the records they hold (multi-entry: one index entry per record).
pub const PAGES_BY_RECORD: &str = "by_record";
/// Record pages by the cases their notes belong to (multi-entry).
pub const PAGES_BY_CASE: &str = "by_case";

/// Device id written by the v1 -> v2 step onto the changes it derives from v1 rows.
pub const MIGRATION_DEVICE: &str = "schema-v2-migration";

/// Every schema Lotse has shipped, oldest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SchemaVersion {
    /// `meta` and `records` (rows without change history).
    V1 = 1,
    /// Adds the `changes` log, records' `heads`, and the lookup indexes.
    V2 = 2,
    /// Adds the index of case notes by case, so a case opens without reading every note.
    V3 = 3,
    /// Adds the index of changes by device and stamp, for pushing to a sync server, and of
    /// rows with conflicts.
    V4 = 4,
    /// Adds the packed pages of pulled records and changes, so a first sync writes a few
    /// large rows instead of two per record.
    V5 = 5,
}

impl SchemaVersion {
    pub const CURRENT: SchemaVersion = SchemaVersion::V5;
    const ALL: [SchemaVersion; 5] = [
        SchemaVersion::V1,
        SchemaVersion::V2,
        SchemaVersion::V3,
        SchemaVersion::V4,
        SchemaVersion::V5,
    ];

    pub fn number(self) -> u32 {
        self as u32
    }

    /// The steps that take a database from `old` (0 = new) up to `target`, in order.
    fn steps(old: u32, target: SchemaVersion) -> impl Iterator<Item = SchemaVersion> {
        Self::ALL
            .into_iter()
            .filter(move |v| v.number() > old && *v <= target)
    }
}

/// Runs inside the browser's `upgradeneeded` transaction; only IndexedDB requests are awaited.
pub async fn upgrade(
    db: &IdbDatabase,
    old: u32,
    target: SchemaVersion,
) -> Result<(), StorageError> {
    for step in SchemaVersion::steps(old, target) {
        match step {
            SchemaVersion::V1 => create_v1(db)?,
            SchemaVersion::V2 => upgrade_to_v2(db).await?,
            SchemaVersion::V3 => upgrade_to_v3(db)?,
            SchemaVersion::V4 => upgrade_to_v4(db)?,
            SchemaVersion::V5 => create_v5(db)?,
        }
    }
    Ok(())
}

fn create_v1(db: &IdbDatabase) -> Result<(), StorageError> {
    db.create_object_store(META).build()?;
    db.create_object_store(RECORDS)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    Ok(())
}

/// A record row as v1 stored it: no `heads`, because v1 kept no changes.
#[derive(Deserialize)]
struct RowV1 {
    id: String,
    kind: RecordKind,
    fields: Fields,
    updated: String,
}

/// Gives every v1 row a change in the new log, so history starts complete and later edits
/// (and sync) can name the version they replace.
async fn upgrade_to_v2(db: &IdbDatabase) -> Result<(), StorageError> {
    let changes = db
        .create_object_store(CHANGES)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    changes
        .create_index(CHANGES_BY_RECORD, KeyPath::from("record_id"))
        .build()?;
    let upgrade_tx: &TransactionRef = changes.transaction();
    let records = upgrade_tx.object_store(RECORDS)?;
    records
        .create_index(RECORDS_BY_KIND, KeyPath::from("kind"))
        .build()?;

    let old_rows = records.get_all::<JsValue>().primitive()?.await?;
    for old_row in old_rows {
        let old: RowV1 = from_js(old_row?)?;
        let change = Change {
            id: format!("v1-{}", old.id),
            record_id: old.id.clone(),
            kind: old.kind,
            fields: old.fields.clone(),
            stamp: old.updated.clone(),
            device_id: MIGRATION_DEVICE.to_owned(),
            replaces: Vec::new(),
            deletes: false,
        };
        let row = RecordRow {
            id: old.id,
            kind: old.kind,
            fields: old.fields,
            heads: vec![change.id.clone()],
            updated: old.updated,
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        };
        changes.put(to_js(&change)?).await?;
        records.put(to_js(&row)?).await?;
    }
    Ok(())
}

/// An index only; IndexedDB fills it from the existing rows itself.
fn upgrade_to_v3(db: &IdbDatabase) -> Result<(), StorageError> {
    // The upgrade transaction is reached through a store created in it; v3 creates none, so
    // a throwaway store gives access and is removed again in the same transaction.
    let scratch = db.create_object_store("v3-upgrade").build()?;
    let records = scratch.transaction().object_store(RECORDS)?;
    records
        .create_index(NOTES_BY_CASE, KeyPath::from("fields.case_id"))
        .build()?;
    db.delete_object_store("v3-upgrade")?;
    Ok(())
}

/// An index only, like v3.
fn upgrade_to_v4(db: &IdbDatabase) -> Result<(), StorageError> {
    let scratch = db.create_object_store("v4-upgrade").build()?;
    let changes = scratch.transaction().object_store(CHANGES)?;
    changes
        .create_index(CHANGES_BY_DEVICE, KeyPath::from(["device_id", "stamp"]))
        .build()?;
    scratch
        .transaction()
        .object_store(RECORDS)?
        .create_index(RECORDS_CONFLICTED, KeyPath::from("conflicted"))
        .build()?;
    db.delete_object_store("v4-upgrade")?;
    Ok(())
}

/// Two new, empty stores: existing rows stay where they are (a row outside the pages always
/// wins over a paged one, see `database::pages`).
fn create_v5(db: &IdbDatabase) -> Result<(), StorageError> {
    let record_pages = db
        .create_object_store(RECORD_PAGES)
        .with_key_path(KeyPath::from("id"))
        .build()?;
    record_pages
        .create_index(PAGES_BY_RECORD, KeyPath::from("records"))
        .with_multi_entry(true)
        .build()?;
    record_pages
        .create_index(PAGES_BY_CASE, KeyPath::from("cases"))
        .with_multi_entry(true)
        .build()?;
    db.create_object_store(CHANGE_PAGES)
        .with_key_path(KeyPath::from("id"))
        .build()?
        .create_index(PAGES_BY_RECORD, KeyPath::from("records"))
        .with_multi_entry(true)
        .build()?;
    Ok(())
}
