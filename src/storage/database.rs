//! Opening the database and the few operations the app performs on it.

use super::convert::{from_js, from_js_exception, to_js};
use super::schema::{
    self, SchemaVersion, CHANGES, CHANGES_BY_DEVICE, CHANGES_BY_RECORD, CHANGE_PAGES, META,
    NOTES_BY_CASE, PAGES_BY_CASE, PAGES_BY_RECORD, RECORDS, RECORDS_BY_KIND, RECORDS_CONFLICTED,
    RECORD_PAGES,
};
use crate::domain::change::{Change, Fields, LocalEdit, RecordKind, RecordRow};
use crate::domain::directory::{Directory, DirectoryRest};
use crate::domain::hlc::{Clock, Stamp};
use crate::domain::ids::uuid_v4_from_bytes;
use crate::domain::order::sort_with;
use crate::domain::record_data::RecordData;
use crate::domain::seed::SeedRecord;
use crate::storage::error::StorageError;
use indexed_db_futures::database::Database as IdbDatabase;
use indexed_db_futures::future::GetAllPrimitiveRequest;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

mod at_rest;
mod erasure;
mod lock_record;
mod meta_values;
mod pages;
mod sync_log;

use at_rest::Sealing;
pub use pages::KnownRecords;
use pages::PagedRows;
pub use sync_log::AppliedBatch;

pub const DATABASE_NAME: &str = "lotse";
/// The made-up organisation to try Lotse with: apart from the real one, never synced.
pub const DEMO_DATABASE_NAME: &str = "lotse-demo";

/// Deletes a whole database (one no connection of this tab holds open).
pub async fn delete_database(name: &str) -> Result<(), StorageError> {
    IdbDatabase::delete_by_name(name)?.await?;
    Ok(())
}
const DEVICE_ID_KEY: &str = "device_id";
const LAST_STAMP_KEY: &str = "last_stamp";

/// Things that happen to an open (or opening) database that the whole app must react to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatabaseEvent {
    /// Our upgrade waits for another tab that still has the old version open.
    Blocked,
    /// Another tab upgraded the database; our connection is closed and the tab must reload.
    VersionChanged,
}

/// Offers, requests and cases, asked for by `Database::read_directory` and still on their way.
pub struct PendingRest<'db> {
    offers: GetAllPrimitiveRequest<JsValue>,
    requests: GetAllPrimitiveRequest<JsValue>,
    cases: GetAllPrimitiveRequest<JsValue>,
    devices: GetAllPrimitiveRequest<JsValue>,
    erasures: GetAllPrimitiveRequest<JsValue>,
    consents: GetAllPrimitiveRequest<JsValue>,
    pages: GetAllPrimitiveRequest<JsValue>,
    sealing: Sealing,
    /// Dropping the transaction would abort the reads.
    _tx: Transaction<'db>,
}

impl PendingRest<'_> {
    pub async fn read(self) -> Result<DirectoryRest, StorageError> {
        let (offers, requests, cases) =
            (self.offers.await?, self.requests.await?, self.cases.await?);
        let devices = self.devices.await?;
        let sealing = &self.sealing;
        let erasures = self
            .erasures
            .await?
            .map(|js| sealing.read::<RecordRow>(js?))
            .collect::<Result<Vec<_>, _>>()?;
        let consents = self.consents.await?;
        let paged = PagedRows::parse(self.pages.await?, sealing)?;
        Ok(DirectoryRest {
            offers: typed(offers, &paged, sealing),
            requests: typed(requests, &paged, sealing),
            cases: typed(cases, &paged, sealing),
            devices: typed(devices, &paged, sealing),
            erasures,
            consents: typed(consents, &paged, sealing),
        })
    }
}

/// One action on one record, as part of `Database::apply`.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Create the record or set these fields on it.
    Set {
        record_id: String,
        kind: RecordKind,
        fields: Fields,
    },
    Delete {
        record_id: String,
    },
}

impl Edit {
    fn record_id(&self) -> &str {
        match self {
            Edit::Set { record_id, .. } | Edit::Delete { record_id } => record_id,
        }
    }
}

/// Where a database reports `DatabaseEvent`s; called from browser event handlers.
pub type EventSink = Rc<dyn Fn(DatabaseEvent)>;

/// An open Lotse database, with this device's identity and clock.
pub struct Database {
    idb: IdbDatabase,
    device_id: String,
    clock: RefCell<Clock>,
    /// The device key and whether writes are sealed (the app lock; none without it).
    sealing: RefCell<Sealing>,
    /// Whether the schema has the pages of pulled data (not when tests open an older one).
    has_pages: bool,
    /// Kept alive as long as the connection: it closes it when another tab upgrades.
    _on_version_change: Closure<dyn FnMut(web_sys::Event)>,
}

impl Database {
    /// Opens (creating or upgrading as needed) the current schema.
    pub async fn open(name: &str, on_event: EventSink) -> Result<Database, StorageError> {
        Self::open_at(name, SchemaVersion::CURRENT, on_event).await
    }

    /// Opens at a given schema version; older versions exist so tests can write old data.
    pub async fn open_at(
        name: &str,
        version: SchemaVersion,
        on_event: EventSink,
    ) -> Result<Database, StorageError> {
        let on_blocked = on_event.clone();
        let idb = IdbDatabase::open(name)
            .with_version(version.number())
            .with_on_blocked(move |_| {
                on_blocked(DatabaseEvent::Blocked);
                Ok(())
            })
            .with_on_upgrade_needed_fut(move |event, db| async move {
                schema::upgrade(&db, event.old_version() as u32, version)
                    .await
                    .map_err(|err| {
                        indexed_db_futures::error::JSError::from(JsValue::from_str(&format!(
                            "{err:?}"
                        )))
                        .into()
                    })
            })
            .await?;

        let on_version_change = {
            let raw: web_sys::IdbDatabase = idb.as_sys().clone().unchecked_into();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                raw.close();
                on_event(DatabaseEvent::VersionChanged);
            })
        };
        idb.as_sys()
            .set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));

        let (device_id, last_stamp) = load_or_create_identity(&idb).await?;
        let clock = RefCell::new(Clock::resume(device_id.clone(), last_stamp.as_ref()));
        Ok(Database {
            idb,
            device_id,
            clock,
            sealing: RefCell::new(Sealing::default()),
            has_pages: version >= SchemaVersion::V5,
            _on_version_change: on_version_change,
        })
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// A read-write transaction over everything an edit touches, and a handle to ask it why
    /// it aborted: its requests only report "aborted", the transaction knows the cause
    /// (QuotaExceededError, say).
    fn write_transaction(
        &self,
    ) -> Result<(Transaction<'_>, web_sys::IdbTransaction), StorageError> {
        let stores: &[&str] = if self.has_pages {
            &[RECORDS, CHANGES, META, RECORD_PAGES, CHANGE_PAGES]
        } else {
            &[RECORDS, CHANGES, META]
        };
        let tx = self
            .idb
            .transaction(stores)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let raw: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        Ok((tx, raw))
    }

    /// Applies edits made together (a note and its case's follow-up date, say): every change,
    /// every new row and the clock are written in ONE transaction, so a record never exists
    /// without the change that made it and a half-applied action cannot happen.
    pub async fn apply(&self, edits: Vec<Edit>) -> Result<Vec<RecordRow>, StorageError> {
        let change_ids = edits
            .iter()
            .map(|_| new_id())
            .collect::<Result<Vec<_>, _>>()?;
        let (tx, raw_tx) = self.write_transaction()?;
        let written = async move {
            let rows = self.write_edits(&tx, edits, change_ids).await?;
            tx.commit().await?;
            Ok::<_, StorageError>(rows)
        }
        .await;
        written.map_err(|err| aborted_because(&raw_tx, err))
    }

    /// The writes of `apply`, inside a transaction of the caller's (an erasure writes its
    /// record in the one that removes the records).
    async fn write_edits(
        &self,
        tx: &Transaction<'_>,
        edits: Vec<Edit>,
        change_ids: Vec<String>,
    ) -> Result<Vec<RecordRow>, StorageError> {
        let records = tx.object_store(RECORDS)?;
        let changes = tx.object_store(CHANGES)?;
        let record_pages = match self.has_pages {
            true => Some(tx.object_store(RECORD_PAGES)?),
            false => None,
        };
        let sealing = self.sealing();
        let mut rows = Vec::with_capacity(edits.len());
        let mut stamp = String::new();
        for (edit, change_id) in edits.into_iter().zip(change_ids) {
            let current: Option<RecordRow> =
                match records.get(edit.record_id()).primitive()?.await? {
                    Some(js) => Some(sealing.read::<RecordRow>(js)?),
                    None => match &record_pages {
                        Some(pages) => pages::paged_row(pages, edit.record_id(), &sealing).await?,
                        None => None,
                    },
                };
            stamp = self
                .clock
                .borrow_mut()
                .tick(js_sys::Date::now() as u64)
                .to_string();
            let local = match (edit, current) {
                (
                    Edit::Set {
                        kind: RecordKind::Note,
                        ..
                    },
                    Some(_),
                ) => return Err(StorageError::NotEditable),
                (
                    Edit::Set {
                        record_id,
                        kind,
                        fields,
                    },
                    current,
                ) => LocalEdit::new(
                    change_id,
                    &record_id,
                    kind,
                    fields,
                    stamp.clone(),
                    &self.device_id,
                    current.as_ref(),
                ),
                (Edit::Delete { .. }, Some(current)) if current.kind == RecordKind::Note => {
                    return Err(StorageError::NotEditable)
                }
                (Edit::Delete { .. }, Some(current)) => {
                    LocalEdit::delete(change_id, &current, stamp.clone(), &self.device_id)
                }
                (Edit::Delete { record_id }, None) => {
                    return Err(StorageError::NotFound(record_id))
                }
            };
            changes
                .add(sealing.change(&local.change)?)
                .primitive()?
                .await?;
            records.put(sealing.row(&local.row)?).primitive()?.await?;
            rows.push(local.row);
        }
        tx.object_store(META)?
            .put(stamp)
            .with_key(LAST_STAMP_KEY)
            .primitive()?
            .await?;
        Ok(rows)
    }

    /// Stores many new records at once (demo data, benchmarks): one transaction, a change per
    /// record (this device's own: they wait in `changes` to be pushed) and the rows packed in
    /// pages of up to a thousand, as a first sync stores them. The records must be new (their
    /// ids not yet used here): a row already in `records` would win over the paged one.
    pub async fn import(&self, records: &[SeedRecord]) -> Result<usize, StorageError> {
        let mut prepared = Vec::with_capacity(records.len());
        let mut last_stamp = String::new();
        let sealing = self.sealing();
        for record in records {
            let stamp = self
                .clock
                .borrow_mut()
                .tick(js_sys::Date::now() as u64)
                .to_string();
            last_stamp.clone_from(&stamp);
            let edit = LocalEdit::new(
                new_id()?,
                &record.id,
                record.kind,
                record.fields.clone(),
                stamp,
                &self.device_id,
                None,
            );
            prepared.push((sealing.change(&edit.change)?, edit.row));
        }
        let (tx, raw_tx) = self.write_transaction()?;
        let written = async move {
            let store_changes = tx.object_store(CHANGES)?;
            // Requests go out when built; awaiting each would cost an event-loop turn per record.
            // A failing one aborts the transaction, which `commit` then reports.
            let mut rows = Vec::with_capacity(prepared.len());
            for (change, row) in prepared {
                drop(store_changes.add(change).primitive()?);
                rows.push(row);
            }
            let (paged, single): (Vec<&RecordRow>, Vec<&RecordRow>) = rows
                .iter()
                .partition(|row| self.has_pages && pages::pageable(row));
            let store_records = tx.object_store(RECORDS)?;
            for row in single {
                drop(store_records.put(sealing.row(row)?).primitive()?);
            }
            if !paged.is_empty() {
                let record_pages = tx.object_store(RECORD_PAGES)?;
                for page in paged.chunks(pages::ROWS_PER_PAGE) {
                    pages::put_record_pages(&record_pages, page, &sealing)?;
                }
            }
            tx.object_store(META)?
                .put(last_stamp)
                .with_key(LAST_STAMP_KEY)
                .primitive()?
                .await?;
            tx.commit().await?;
            Ok::<_, StorageError>(records.len())
        }
        .await;
        written.map_err(|err| aborted_because(&raw_tx, err))
    }

    /// All live records of the five directory types (see `read_directory`).
    pub async fn load_directory(&self) -> Result<Directory, StorageError> {
        let (mut directory, rest) = self.read_directory().await?;
        directory.add_rest(rest.read().await?);
        Ok(directory)
    }

    /// All live records of the five directory types, deserialised straight from JS into typed
    /// records (no intermediate field map), in two steps: the people (members and custom
    /// categories) as soon as they are read, so a list of helpers can be shown while offers,
    /// requests and cases are still read and converted (with thousands of offers, half of
    /// opening the app); then those, through `PendingRest`. The reads are issued at once, so
    /// IndexedDB fetches the next kind while this thread converts the previous one. Records
    /// that arrived by sync are in pages, read (and parsed) with the people.
    pub async fn read_directory(&self) -> Result<(Directory, PendingRest<'_>), StorageError> {
        let tx = self.idb.transaction([RECORDS, RECORD_PAGES]).build()?;
        let store = tx.object_store(RECORDS)?;
        let index = store.index(RECORDS_BY_KIND)?;
        let request = |kind: RecordKind| -> Result<_, StorageError> {
            Ok(index
                .get_all::<JsValue>()
                .with_query::<JsValue, _>(to_js(&kind)?)
                .primitive()?)
        };
        // In the order they are needed: IndexedDB answers them in the order asked.
        let record_pages = tx.object_store(RECORD_PAGES)?;
        let members = request(RecordKind::Member)?;
        let categories = request(RecordKind::Category)?;
        let people_pages = pages::pages_of(&record_pages, pages::PEOPLE)?;
        let offers = request(RecordKind::Offer)?;
        let requests = request(RecordKind::Request)?;
        let cases = request(RecordKind::Case)?;
        let devices = request(RecordKind::Device)?;
        let erasures = request(RecordKind::Erasure)?;
        let consents = request(RecordKind::Consent)?;
        let rest_pages = pages::pages_of(&record_pages, pages::DIRECTORY)?;
        let (members, categories) = (members.await?, categories.await?);
        let sealing = self.sealing();
        let paged = PagedRows::parse(people_pages.await?, &sealing)?;
        let people = Directory::from_records(
            typed(members, &paged, &sealing),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            typed(categories, &paged, &sealing),
        );
        let rest = PendingRest {
            offers,
            requests,
            cases,
            devices,
            erasures,
            consents,
            pages: rest_pages,
            sealing,
            _tx: tx,
        };
        Ok((people, rest))
    }

    /// The notes of one case, through the `notes_by_case` index and the pages' `by_case`.
    pub async fn notes_of_case(&self, case_id: &str) -> Result<Vec<RecordRow>, StorageError> {
        let tx = self.idb.transaction([RECORDS, RECORD_PAGES]).build()?;
        let store = tx.object_store(RECORDS)?;
        let index = store.index(NOTES_BY_CASE)?;
        let found = index
            .get_all::<JsValue>()
            .with_query(case_id)
            .primitive()?
            .await?;
        let sealing = self.sealing();
        let mut notes = found
            .map(|js| sealing.read::<RecordRow>(js?))
            .filter(|row| !matches!(row, Ok(r) if r.kind != RecordKind::Note))
            .collect::<Result<Vec<_>, _>>()?;
        let newer: HashSet<String> = notes.iter().map(|row| row.id.clone()).collect();
        let record_pages = tx.object_store(RECORD_PAGES)?;
        notes.extend(pages::paged_notes(&record_pages, case_id, &newer, &sealing).await?);
        Ok(notes)
    }

    /// The deleted offers of one member (for the rare "keep" of a member whose delete raced
    /// an edit).
    pub async fn deleted_offers_of(&self, member_id: &str) -> Result<Vec<RecordRow>, StorageError> {
        let mut offers = self.deleted_rows(RecordKind::Offer).await?;
        offers.retain(|row| row.text("member_id") == Some(member_id));
        Ok(offers)
    }

    /// Every deleted row of `kind` (rows and pages, read through all of that kind): a
    /// deletion keeps the fields, so retention finds the members who left here.
    pub async fn deleted_rows(&self, kind: RecordKind) -> Result<Vec<RecordRow>, StorageError> {
        let tx = self.idb.transaction([RECORDS, RECORD_PAGES]).build()?;
        let sealing = self.sealing();
        let rows = tx
            .object_store(RECORDS)?
            .index(RECORDS_BY_KIND)?
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(to_js(&kind)?)
            .primitive()?
            .await?
            .map(|js| sealing.read::<RecordRow>(js?))
            .collect::<Result<Vec<_>, _>>()?;
        let newer: HashSet<String> = rows.iter().map(|row| row.id.clone()).collect();
        let mut all = rows;
        let record_pages = tx.object_store(RECORD_PAGES)?;
        let prefix = match kind {
            RecordKind::Member | RecordKind::Category => pages::PEOPLE,
            _ => pages::DIRECTORY,
        };
        for page in pages::pages_of(&record_pages, prefix)?.await? {
            all.extend(
                pages::page_rows(page?, &sealing)?
                    .into_iter()
                    .filter(|row| row.kind == kind && !newer.contains(&row.id)),
            );
        }
        all.retain(|row| row.deleted);
        Ok(all)
    }

    pub async fn record(&self, record_id: &str) -> Result<Option<RecordRow>, StorageError> {
        let tx = self.idb.transaction([RECORDS, RECORD_PAGES]).build()?;
        let found = tx
            .object_store(RECORDS)?
            .get(record_id)
            .primitive()?
            .await?;
        let sealing = self.sealing();
        match found {
            Some(js) => Ok(Some(sealing.read(js)?)),
            None => pages::paged_row(&tx.object_store(RECORD_PAGES)?, record_id, &sealing).await,
        }
    }

    /// Every change of one record, oldest first.
    pub async fn changes_of(&self, record_id: &str) -> Result<Vec<Change>, StorageError> {
        let tx = self.idb.transaction([CHANGES, CHANGE_PAGES]).build()?;
        let mut changes = stored_changes(&tx, &HashSet::from([record_id]), &self.sealing()).await?;
        sort_with(&mut changes, |a, b| a.stamp.cmp(&b.stamp));
        Ok(changes)
    }

    /// Closes the connection so another version can open (used by tests and on reload).
    pub fn close(self) {
        self.idb.close();
    }
}

/// Typed records from stored rows, then from the pages those rows do not supersede; deleted
/// rows are left out, and an unreadable row is skipped rather than hiding all the others.
fn typed<T: RecordData>(
    rows: impl Iterator<Item = Result<JsValue, indexed_db_futures::error::Error>>,
    paged: &PagedRows,
    sealing: &Sealing,
) -> Vec<T> {
    #[derive(serde::Deserialize)]
    struct TypedRow<T> {
        id: String,
        #[serde(default)]
        deleted: bool,
        fields: T,
    }
    let mut newer = HashSet::new();
    let mut records: Vec<T> = rows
        .filter_map(|js| {
            let js = js.ok()?;
            match sealing.opened(&js).ok()? {
                Some(plain) => serde_json::from_str::<TypedRow<T>>(&plain).ok(),
                None => serde_wasm_bindgen::from_value::<TypedRow<T>>(js).ok(),
            }
        })
        .filter_map(|row| {
            newer.insert(row.id.clone());
            (!row.deleted).then(|| {
                let mut record = row.fields;
                record.set_id(row.id);
                record
            })
        })
        .collect();
    records.extend(paged.typed::<T>(&newer));
    records
}

/// Every stored change of these records, from `changes` and the change pages, each once.
async fn stored_changes(
    tx: &Transaction<'_>,
    record_ids: &HashSet<&str>,
    sealing: &Sealing,
) -> Result<Vec<Change>, StorageError> {
    let store = tx.object_store(CHANGES)?;
    let index = store.index(CHANGES_BY_RECORD)?;
    let reads = record_ids
        .iter()
        .map(|id| index.get_all::<JsValue>().with_query(*id).primitive())
        .collect::<Result<Vec<_>, _>>()?;
    let mut changes = Vec::new();
    for read in reads {
        for js in read.await? {
            changes.push(sealing.read::<Change>(js?)?);
        }
    }
    let mut seen: HashSet<String> = changes.iter().map(|c| c.id.clone()).collect();
    let change_pages = tx.object_store(CHANGE_PAGES)?;
    for change in pages::paged_changes(&change_pages, record_ids, sealing).await? {
        if seen.insert(change.id.clone()) {
            changes.push(change);
        }
    }
    Ok(changes)
}

/// The cause the transaction gives for aborting, if it has one; otherwise the request's error.
fn aborted_because(raw_tx: &web_sys::IdbTransaction, err: StorageError) -> StorageError {
    raw_tx
        .error()
        .map(|cause| from_js_exception(&cause))
        .unwrap_or(err)
}

/// This device's id (created on first use) and the newest stamp it issued.
async fn load_or_create_identity(
    idb: &IdbDatabase,
) -> Result<(String, Option<Stamp>), StorageError> {
    let tx = idb
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let meta = tx.object_store(META)?;
    let device_id: Option<String> = meta.get(DEVICE_ID_KEY).primitive()?.await?;
    let device_id = match device_id {
        Some(id) => id,
        None => {
            let id = new_id()?;
            meta.put(id.clone())
                .with_key(DEVICE_ID_KEY)
                .primitive()?
                .await?;
            id
        }
    };
    let last: Option<String> = meta.get(LAST_STAMP_KEY).primitive()?.await?;
    tx.commit().await?;
    // An unreadable stamp only costs clock continuity, never data: start the clock afresh.
    let last_stamp = last.and_then(|text| text.parse::<Stamp>().ok());
    Ok((device_id, last_stamp))
}

/// A random UUID v4 from the browser's CSPRNG (works without a secure context, unlike randomUUID).
pub fn new_id() -> Result<String, StorageError> {
    Ok(uuid_v4_from_bytes(random_bytes()?))
}

/// Bytes from the browser's CSPRNG (ids, keys, salts, nonces).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], StorageError> {
    let crypto = web_sys::window()
        .ok_or_else(|| StorageError::Unavailable("no window".into()))?
        .crypto()
        .map_err(|err| from_js_exception(&err))?;
    let mut bytes = [0u8; N];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|err| from_js_exception(&err))?;
    Ok(bytes)
}
