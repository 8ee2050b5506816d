//! Pulled data stored packed. A first sync brings thousands of records, and IndexedDB costs
//! about 50 µs per row written, whatever the row holds (measured in headless Chromium: 10,000
//! rows 0.5 s; the same data as 10 rows of 1,000, 15 ms). So the changes of a pulled batch are
//! stored as one row of `change_pages`, and the rows of the records the batch brings for the
//! first time as rows of `record_pages`: one for the people (drawn first when the directory
//! opens), one for the rest of the directory, one for notes (read per case only). A page holds
//! JSON text (parsed by serde_json in one go, not field by field across the JS boundary) and
//! lists its record ids for a multi-entry index. A bulk import stores its rows the same way.
//!
//! Pages are never rewritten (but for an erasure, `drop_from_record_pages`): a record that changes later (a local edit, a later pull) gets
//! its row in `records`, and a row there always wins over a paged one. Rows with conflicts
//! and the organisation's profile go to `records` from the start (they are looked up alone).

use super::*;
use crate::domain::order::sort_natural;
use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashSet;

/// Record pages start with what they hold: the people (members and custom categories, shown
/// first when the directory opens), the rest of the directory, or notes (read per case).
pub(super) const PEOPLE: &str = "p-";
pub(super) const DIRECTORY: &str = "d-";
const NOTES: &str = "n-";
/// Above this many record pages, a pull does not list every held record id up front (it
/// reads the history of each record it touches instead): the lists cost more than they save.
const MAX_PAGES_TO_LIST: u32 = 40;
/// Rows per page when many records are stored at once (an import): a lookup of one record
/// parses its whole page.
pub(super) const ROWS_PER_PAGE: usize = 1_000;
/// A batch touching fewer records reads their histories one by one: cheaper than listing.
pub(super) const RECORDS_WORTH_LISTING: usize = 100;

/// What a record page shows (with the lock on, all but its `rows` text).
#[derive(Serialize)]
struct RecordPageOut<'a> {
    id: &'a str,
    records: Vec<&'a str>,
    /// The cases the page's notes belong to (empty for directory pages).
    cases: Vec<&'a str>,
}

#[derive(Serialize)]
struct ChangePageOut<'a> {
    id: &'a str,
    records: Vec<&'a str>,
}

const ROWS: &str = "rows";
const CHANGES_TEXT: &str = "changes";

#[derive(Deserialize)]
struct RecordList {
    records: Vec<String>,
}

/// Whether a record goes into a page when it first arrives (see the module text).
pub(super) fn pageable(row: &RecordRow) -> bool {
    // Erasures are read by kind before every pulled batch (`erasure::ledger`).
    row.conflicts.is_empty() && !matches!(row.kind, RecordKind::Organisation | RecordKind::Erasure)
}

/// Writes the rows of newly arrived records as up to three pages (see `PEOPLE`).
pub(super) fn put_record_pages(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    rows: &[&RecordRow],
    sealing: &Sealing,
) -> Result<(), StorageError> {
    let page_of = |row: &RecordRow| match row.kind {
        RecordKind::Member | RecordKind::Category => PEOPLE,
        RecordKind::Note => NOTES,
        _ => DIRECTORY,
    };
    for prefix in [PEOPLE, DIRECTORY, NOTES] {
        let rows: Vec<&RecordRow> = rows
            .iter()
            .copied()
            .filter(|row| page_of(row) == prefix)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let page = record_page(&format!("{prefix}{}", new_id()?), &rows, sealing)?;
        drop(store.put(page).primitive()?);
    }
    Ok(())
}

fn record_page(id: &str, rows: &[&RecordRow], sealing: &Sealing) -> Result<JsValue, StorageError> {
    let mut cases: Vec<&str> = rows.iter().filter_map(|row| row.text("case_id")).collect();
    sort_natural(&mut cases);
    cases.dedup();
    let visible = RecordPageOut {
        id,
        records: rows.iter().map(|row| row.id.as_str()).collect(),
        cases,
    };
    sealing.page(&visible, id, ROWS, to_json(rows)?)
}

pub(super) fn put_change_page(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    changes: &[Change],
    sealing: &Sealing,
) -> Result<(), StorageError> {
    if changes.is_empty() {
        return Ok(());
    }
    let page = change_page(&new_id()?, changes, sealing)?;
    drop(store.put(page).primitive()?);
    Ok(())
}

fn change_page(id: &str, changes: &[Change], sealing: &Sealing) -> Result<JsValue, StorageError> {
    let mut records: Vec<&str> = changes.iter().map(|c| c.record_id.as_str()).collect();
    sort_natural(&mut records);
    records.dedup();
    let visible = ChangePageOut { id, records };
    sealing.page(&visible, id, CHANGES_TEXT, to_json(changes)?)
}

/// A page rewritten sealed or readable (`writing`), its id lists as they are.
pub(super) fn reseal(
    reading: &Sealing,
    writing: &Sealing,
    page: JsValue,
    field: &str,
) -> Result<JsValue, StorageError> {
    #[derive(Deserialize, Serialize)]
    struct Visible {
        id: String,
        records: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cases: Option<Vec<String>>,
    }
    let text = reading.page_json(&page, field)?;
    let visible: Visible = from_js(page)?;
    writing.page(&visible, &visible.id, field, text)
}

/// The primary keys `index` holds under `key`.
pub(super) async fn keys_under(
    index: &indexed_db_futures::index::Index<'_>,
    key: &str,
) -> Result<Vec<String>, StorageError> {
    let keys = index.get_all_keys::<String>().with_query(key).primitive()?;
    Ok(keys.await?.collect::<Result<Vec<_>, _>>()?)
}

/// The ids of the pages of `store` that hold any of the records.
async fn pages_holding(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    record_ids: &HashSet<String>,
) -> Result<Vec<String>, StorageError> {
    let index = store.index(PAGES_BY_RECORD)?;
    let mut page_ids = Vec::new();
    for id in record_ids {
        page_ids.extend(keys_under(&index, id).await?);
    }
    sort_natural(&mut page_ids);
    page_ids.dedup();
    Ok(page_ids)
}

/// Rewrites the record pages that hold any of the records without them (an erasure: the one
/// time a page is rewritten); a page left empty is removed.
pub(super) async fn drop_from_record_pages(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    record_ids: &HashSet<String>,
    sealing: &Sealing,
) -> Result<(), StorageError> {
    for page_id in pages_holding(store, record_ids).await? {
        let Some(page) = store.get(page_id.as_str()).primitive()?.await? else {
            continue;
        };
        let rows = page_rows(page, sealing)?;
        let kept: Vec<&RecordRow> = rows
            .iter()
            .filter(|r| !record_ids.contains(&r.id))
            .collect();
        if kept.is_empty() {
            drop(store.delete(page_id.as_str()).primitive()?);
        } else {
            drop(
                store
                    .put(record_page(&page_id, &kept, sealing)?)
                    .primitive()?,
            );
        }
    }
    Ok(())
}

/// Rewrites the change pages that hold changes of the records without them; returns the ids
/// of the changes removed.
pub(super) async fn drop_from_change_pages(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    record_ids: &HashSet<String>,
    sealing: &Sealing,
) -> Result<Vec<String>, StorageError> {
    let mut removed = Vec::new();
    for page_id in pages_holding(store, record_ids).await? {
        let Some(page) = store.get(page_id.as_str()).primitive()?.await? else {
            continue;
        };
        let (gone, kept): (Vec<Change>, Vec<Change>) = page_changes(page, sealing)?
            .into_iter()
            .partition(|c| record_ids.contains(&c.record_id));
        removed.extend(gone.into_iter().map(|c| c.id));
        if kept.is_empty() {
            drop(store.delete(page_id.as_str()).primitive()?);
        } else {
            drop(
                store
                    .put(change_page(&page_id, &kept, sealing)?)
                    .primitive()?,
            );
        }
    }
    Ok(removed)
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|err| StorageError::Failed(err.to_string()))
}

fn from_json<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, StorageError> {
    serde_json::from_str(text).map_err(|err| StorageError::Unreadable(err.to_string()))
}

/// The rows of a stored record page.
pub(super) fn page_rows(page: JsValue, sealing: &Sealing) -> Result<Vec<RecordRow>, StorageError> {
    from_json(&sealing.page_json(&page, ROWS)?)
}

/// The changes of a stored change page.
pub(super) fn page_changes(page: JsValue, sealing: &Sealing) -> Result<Vec<Change>, StorageError> {
    from_json(&sealing.page_json(&page, CHANGES_TEXT)?)
}

/// The paged row of one record, if a page holds it.
pub(super) async fn paged_row(
    pages: &indexed_db_futures::object_store::ObjectStore<'_>,
    record_id: &str,
    sealing: &Sealing,
) -> Result<Option<RecordRow>, StorageError> {
    let page: Option<JsValue> = pages
        .index(PAGES_BY_RECORD)?
        .get(record_id)
        .primitive()?
        .await?;
    match page {
        Some(page) => Ok(page_rows(page, sealing)?
            .into_iter()
            .find(|row| row.id == record_id)),
        None => Ok(None),
    }
}

/// The record pages whose ids start with `prefix` ("p-" or "d-"), asked for at once and
/// read later.
pub(super) fn pages_of(
    pages: &indexed_db_futures::object_store::ObjectStore<'_>,
    prefix: &str,
) -> Result<GetAllPrimitiveRequest<JsValue>, StorageError> {
    // "x." sorts right after every "x-..." id.
    let range = KeyRange::Bound(
        JsValue::from_str(prefix),
        false,
        JsValue::from_str(&prefix.replace('-', ".")),
        true,
    );
    Ok(pages
        .get_all::<JsValue>()
        .with_query::<JsValue, _>(range)
        .primitive()?)
}

/// A directory row from a page, its fields left as JSON text until its kind is wanted: typed
/// straight from that text. (Through `RecordRow` and `RecordData::from_row` instead, opening
/// a synced directory of 5,000 members took 0.33 s longer at 4x throttling; this way costs
/// a JSON reader per record type in the wasm, 8 KB brotli.)
#[derive(Deserialize)]
pub(super) struct PagedRow {
    id: String,
    kind: RecordKind,
    #[serde(default)]
    deleted: bool,
    fields: Box<RawValue>,
}

/// Every row of the directory pages.
#[derive(Default)]
pub(super) struct PagedRows(Vec<PagedRow>);

impl PagedRows {
    pub(super) fn parse(
        pages: impl Iterator<Item = Result<JsValue, indexed_db_futures::error::Error>>,
        sealing: &Sealing,
    ) -> Result<PagedRows, StorageError> {
        let mut rows = Vec::new();
        for page in pages {
            let text = sealing.page_json(&page?, ROWS)?;
            rows.extend(from_json::<Vec<PagedRow>>(&text)?);
        }
        Ok(PagedRows(rows))
    }

    /// The live records of `T`'s kind whose ids are not in `newer` (ids with a row outside
    /// the pages); an unreadable row is skipped, as in `typed`.
    pub(super) fn typed<T: RecordData>(&self, newer: &HashSet<String>) -> Vec<T> {
        self.0
            .iter()
            .filter(|row| row.kind == T::KIND && !row.deleted && !newer.contains(&row.id))
            .filter_map(|row| {
                let mut record: T = serde_json::from_str(row.fields.get()).ok()?;
                record.set_id(row.id.clone());
                Some(record)
            })
            .collect()
    }
}

/// The notes of a case held in pages, unless `newer` has a row for them; each once (two tabs
/// pulling the same batch at once can page the same new record twice).
pub(super) async fn paged_notes(
    pages: &indexed_db_futures::object_store::ObjectStore<'_>,
    case_id: &str,
    newer: &HashSet<String>,
    sealing: &Sealing,
) -> Result<Vec<RecordRow>, StorageError> {
    let found = pages
        .index(PAGES_BY_CASE)?
        .get_all::<JsValue>()
        .with_query(case_id)
        .primitive()?
        .await?;
    let mut seen = newer.clone();
    let mut notes = Vec::new();
    for page in found {
        for row in page_rows(page?, sealing)? {
            if row.kind == RecordKind::Note
                && row.text("case_id") == Some(case_id)
                && seen.insert(row.id.clone())
            {
                notes.push(row);
            }
        }
    }
    Ok(notes)
}

/// The changes of the given records held in change pages, each page read once however many
/// of the records it holds.
pub(super) async fn paged_changes(
    pages: &indexed_db_futures::object_store::ObjectStore<'_>,
    record_ids: &HashSet<&str>,
    sealing: &Sealing,
) -> Result<Vec<Change>, StorageError> {
    let index = pages.index(PAGES_BY_RECORD)?;
    let lookups = record_ids
        .iter()
        .map(|id| index.get_all_keys::<String>().with_query(*id).primitive())
        .collect::<Result<Vec<_>, _>>()?;
    let mut page_ids = Vec::new();
    for lookup in lookups {
        for key in lookup.await? {
            page_ids.push(key?);
        }
    }
    sort_natural(&mut page_ids);
    page_ids.dedup();
    let reads = page_ids
        .iter()
        .map(|id| pages.get(id.as_str()).primitive())
        .collect::<Result<Vec<_>, _>>()?;
    let mut changes = Vec::new();
    for read in reads {
        let page: Option<JsValue> = read.await?;
        if let Some(page) = page {
            changes.extend(
                page_changes(page, sealing)?
                    .into_iter()
                    .filter(|c| record_ids.contains(c.record_id.as_str())),
            );
        }
    }
    Ok(changes)
}

/// Which records this device holds, as far as one run of pulls knows: learnt once, when a
/// batch touches many records, from the keys of `records` and the id lists of the record
/// pages, then kept up to date by the run itself. A record nobody here holds has no stored
/// history, so its pulled changes are merged without reading any.
#[derive(Default)]
pub struct KnownRecords {
    ids: Option<HashSet<String>>,
    /// Listing was tried (it is not when there are too many pages).
    tried: bool,
}

impl KnownRecords {
    /// `Some(held)` when known; `None` when the record's history must be read to tell.
    pub(super) fn holds(&self, record_id: &str) -> Option<bool> {
        self.ids.as_ref().map(|ids| ids.contains(record_id))
    }

    pub(super) fn add<'a>(&mut self, record_ids: impl Iterator<Item = &'a str>) {
        if let Some(ids) = self.ids.as_mut() {
            ids.extend(record_ids.map(str::to_owned));
        }
    }

    /// Lists the held records, once per run, unless there are too many pages to list.
    pub(super) async fn learn(
        &mut self,
        records: &indexed_db_futures::object_store::ObjectStore<'_>,
        record_pages: &indexed_db_futures::object_store::ObjectStore<'_>,
    ) -> Result<(), StorageError> {
        if self.tried {
            return Ok(());
        }
        self.tried = true;
        if record_pages.count().primitive()?.await? > MAX_PAGES_TO_LIST {
            return Ok(());
        }
        let mut ids: HashSet<String> = HashSet::new();
        for key in records.get_all_keys::<String>().primitive()?.await? {
            ids.insert(key?);
        }
        for page in record_pages.get_all::<JsValue>().primitive()?.await? {
            ids.extend(from_js::<RecordList>(page?)?.records);
        }
        self.ids = Some(ids);
        Ok(())
    }
}
