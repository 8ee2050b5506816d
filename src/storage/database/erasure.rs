//! Erasure in storage (see `domain::erasure`): records removed with their notes, rows, pages
//! and change history, in the transaction that writes the erasure record; the ledger of erased
//! ids read from the erasure records; and the ids of removed changes the server is still to
//! forget, kept until it confirms.

use super::*;
use crate::domain::erasure::erased_by;

/// Change ids the server is to forget, one per line (ids hold no line breaks), kept until it
/// confirms.
const PURGE_KEY: &str = "sync.purge";

/// Every record id an erasure record here names.
pub(super) async fn ledger(
    records: &indexed_db_futures::object_store::ObjectStore<'_>,
    sealing: &Sealing,
) -> Result<HashSet<String>, StorageError> {
    let rows = records
        .index(RECORDS_BY_KIND)?
        .get_all::<JsValue>()
        .with_query::<JsValue, _>(to_js(&RecordKind::Erasure)?)
        .primitive()?
        .await?;
    let mut ids = HashSet::new();
    for row in rows {
        let row: RecordRow = sealing.read(row?)?;
        ids.extend(erased_by(&row.fields).map(str::to_owned));
    }
    Ok(ids)
}

/// Removes the records and the notes of any case among them – rows, pages, changes – and
/// queues the removed changes' ids for the server. Returns every record id removed. Deletes
/// are not awaited one by one: a failing one aborts the transaction, which commit reports.
pub(super) async fn remove_records(
    tx: &Transaction<'_>,
    record_ids: &HashSet<String>,
    sealing: &Sealing,
) -> Result<HashSet<String>, StorageError> {
    let records = tx.object_store(RECORDS)?;
    let record_pages = tx.object_store(RECORD_PAGES)?;
    let mut all = record_ids.clone();
    for id in record_ids {
        all.extend(pages::keys_under(&records.index(NOTES_BY_CASE)?, id).await?);
        all.extend(
            pages::paged_notes(&record_pages, id, &HashSet::new(), sealing)
                .await?
                .into_iter()
                .map(|row| row.id),
        );
    }
    let changes = tx.object_store(CHANGES)?;
    let by_record = changes.index(CHANGES_BY_RECORD)?;
    let mut removed = Vec::new();
    for id in &all {
        drop(records.delete(id.as_str()).primitive()?);
        for key in pages::keys_under(&by_record, id).await? {
            drop(changes.delete(key.as_str()).primitive()?);
            removed.push(key);
        }
    }
    pages::drop_from_record_pages(&record_pages, &all, sealing).await?;
    let change_pages = tx.object_store(CHANGE_PAGES)?;
    removed.extend(pages::drop_from_change_pages(&change_pages, &all, sealing).await?);
    queue_purge(&tx.object_store(META)?, removed).await?;
    Ok(all)
}

/// Adds change ids to those the server is to forget.
pub(super) async fn queue_purge(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    ids: Vec<String>,
) -> Result<(), StorageError> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut waiting = read_purge(meta).await?;
    for id in ids {
        if !waiting.contains(&id) {
            waiting.push(id);
        }
    }
    write_purge(meta, &waiting).await
}

async fn read_purge(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> Result<Vec<String>, StorageError> {
    let stored: Option<String> = meta.get(PURGE_KEY).primitive()?.await?;
    Ok(stored
        .iter()
        .flat_map(|text| text.lines())
        .map(str::to_owned)
        .collect())
}

async fn write_purge(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
    waiting: &[String],
) -> Result<(), StorageError> {
    meta.put(waiting.join("\n"))
        .with_key(PURGE_KEY)
        .primitive()?
        .await?;
    Ok(())
}

impl Database {
    /// Erases the records (with the notes of erased cases) from this device and writes `edits`
    /// – the erasure record and the anonymous copies – in ONE transaction: a closed tab leaves
    /// either all of it or none. Returns the rows the edits wrote and every id removed.
    pub async fn erase(
        &self,
        erased: &[String],
        edits: Vec<Edit>,
    ) -> Result<(Vec<RecordRow>, HashSet<String>), StorageError> {
        if !self.has_pages {
            return Err(StorageError::Failed(
                "erasure needs the current schema".into(),
            ));
        }
        let change_ids = edits
            .iter()
            .map(|_| new_id())
            .collect::<Result<Vec<_>, _>>()?;
        let ids: HashSet<String> = erased.iter().cloned().collect();
        let (tx, raw_tx) = self.write_transaction()?;
        let written = async move {
            let removed = remove_records(&tx, &ids, &self.sealing()).await?;
            let rows = self.write_edits(&tx, edits, change_ids).await?;
            tx.commit().await?;
            Ok::<_, StorageError>((rows, removed))
        }
        .await;
        written.map_err(|err| aborted_because(&raw_tx, err))
    }

    /// The ids of removed changes the server has not confirmed forgetting.
    pub async fn waiting_purge(&self) -> Result<Vec<String>, StorageError> {
        let tx = self.idb.transaction(META).build()?;
        read_purge(&tx.object_store(META)?).await
    }

    /// The server forgot these.
    pub async fn purged(&self, ids: &[String]) -> Result<(), StorageError> {
        let tx = self
            .idb
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let mut waiting = read_purge(&meta).await?;
        waiting.retain(|id| !ids.contains(id));
        write_purge(&meta, &waiting).await?;
        tx.commit().await?;
        Ok(())
    }
}
