//! Sealed documents: stored once, never edited, listed in arrival order; `_local`
//! checkpoints, the one thing that is overwritten.

use super::{sha256_hex, RequestingDevice, Store};
use rusqlite::{params, OptionalExtension};
use serde_json::Value;

/// A document as stored: its id, revision and the JSON body (with `_id` and `_rev`).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredDoc {
    pub seq: i64,
    pub id: String,
    pub rev: String,
    pub body: Value,
}

/// What happened to one document of a `_bulk_docs` request.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// New, or the very same document again (a retried push).
    Ok { id: String, rev: String },
    /// The id exists with other content: change documents are never edited.
    Conflict { id: String },
    /// Refused: sealed with a key older than the device's own (it joined after a removal).
    Forbidden { id: String },
}

/// Why a push stored nothing.
#[derive(Debug)]
pub enum PutError {
    /// The organisation would keep more than its quota (bytes allowed).
    Quota(i64),
    Storage(rusqlite::Error),
}

impl From<rusqlite::Error> for PutError {
    fn from(err: rusqlite::Error) -> Self {
        PutError::Storage(err)
    }
}

/// A `docs` row selected as (seq, id, rev, body).
fn stored_doc(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredDoc> {
    let body: String = row.get(3)?;
    Ok(StoredDoc {
        seq: row.get(0)?,
        id: row.get(1)?,
        rev: row.get(2)?,
        body: serde_json::from_str(&body).unwrap_or(Value::Null),
    })
}

/// The revision of an immutable document: derived from its content, so the same document
/// pushed twice gets the same revision on every server.
pub fn revision_of(body: &Value) -> String {
    let mut content = body.clone();
    if let Some(object) = content.as_object_mut() {
        object.remove("_rev");
        object.remove("_revisions");
    }
    let digest = sha256_hex(content.to_string().as_bytes());
    format!("1-{}", &digest[..32])
}

fn epoch_of(doc: &Value) -> i64 {
    doc.get("epoch").and_then(Value::as_i64).unwrap_or(0)
}

fn is_key_document(doc: &Value) -> bool {
    doc.get("type").and_then(Value::as_str) == Some("key")
}

impl Store {
    /// Stores the documents that are new; the same document again is fine, another with a
    /// known id is a conflict, and a change sealed with a key older than the one the device
    /// joined with is refused (a device invited after a removal never writes under the closed
    /// key; a phone that was there before may still send its offline edits under it). One
    /// transaction: a failure, or a push over the quota, stores none of them.
    pub fn put_docs(
        &self,
        device: &RequestingDevice,
        docs: Vec<Value>,
    ) -> Result<Vec<Stored>, PutError> {
        let db = device.db.as_str();
        self.write(|tx| {
            let (used, key_epoch): (i64, i64) = tx.query_row(
                "SELECT bytes, key_epoch FROM databases WHERE name = ?1",
                [db],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let mut added = 0i64;
            let mut newest_key = key_epoch;
            let mut results = Vec::with_capacity(docs.len());
            for mut doc in docs {
                let id = doc
                    .get("_id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                if !is_key_document(&doc) && epoch_of(&doc) < device.joined_epoch {
                    results.push(Stored::Forbidden { id });
                    continue;
                }
                let rev = revision_of(&doc);
                if super::purge::was_purged(tx, db, &id)? {
                    // An erased person's change, pushed by a phone that had not heard yet.
                    results.push(Stored::Ok { id, rev });
                    continue;
                }
                if let Some(object) = doc.as_object_mut() {
                    object.insert("_rev".to_owned(), Value::String(rev.clone()));
                    object.remove("_revisions");
                }
                let existing: Option<String> = tx
                    .prepare_cached("SELECT rev FROM docs WHERE db = ?1 AND id = ?2")?
                    .query_row(params![db, id], |row| row.get(0))
                    .optional()?;
                match existing {
                    Some(known) if known == rev => results.push(Stored::Ok { id, rev }),
                    Some(_) => results.push(Stored::Conflict { id }),
                    None => {
                        let body = doc.to_string();
                        added += body.len() as i64;
                        if is_key_document(&doc) {
                            newest_key = newest_key.max(epoch_of(&doc));
                        }
                        tx.prepare_cached(
                            "INSERT INTO docs (db, id, rev, body) VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![db, id, rev, body])?;
                        results.push(Stored::Ok { id, rev });
                    }
                }
            }
            if added > 0 && used + added > self.quota_bytes {
                // Rolled back with the transaction: nothing of this push is kept.
                return Err(PutError::Quota(self.quota_bytes));
            }
            tx.execute(
                "UPDATE databases SET bytes = bytes + ?2, key_epoch = ?3 WHERE name = ?1",
                params![db, added, newest_key],
            )?;
            Ok(results)
        })
    }

    /// Documents after `since` in arrival order: at most `limit`, and no more than `max_bytes`
    /// of them (but always one, whatever its size, so a page never comes back empty while
    /// there is more).
    pub fn changes(
        &self,
        db: &str,
        since: i64,
        limit: i64,
        max_bytes: usize,
    ) -> rusqlite::Result<Vec<StoredDoc>> {
        self.read(|c| {
            let mut statement = c.prepare_cached(
                "SELECT seq, id, rev, body FROM docs WHERE db = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let mut rows = statement.query(params![db, since, limit])?;
            let mut docs = Vec::new();
            let mut bytes = 0usize;
            while let Some(row) = rows.next()? {
                let size = row.get_ref(3)?.as_str().map(str::len).unwrap_or(0);
                if !docs.is_empty() && bytes + size > max_bytes {
                    break;
                }
                bytes += size;
                docs.push(stored_doc(row)?);
            }
            Ok(docs)
        })
    }

    /// How many documents of `db` come after sequence number `seq`.
    pub fn count_after(&self, db: &str, seq: i64) -> rusqlite::Result<i64> {
        self.read(|c| {
            c.prepare_cached("SELECT COUNT(*) FROM docs WHERE db = ?1 AND seq > ?2")?
                .query_row(params![db, seq], |row| row.get(0))
        })
    }

    /// (number of documents, last sequence number) of `db`.
    pub fn info(&self, db: &str) -> rusqlite::Result<(i64, i64)> {
        self.read(|c| {
            c.prepare_cached("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM docs WHERE db = ?1")?
                .query_row([db], |row| Ok((row.get(0)?, row.get(1)?)))
        })
    }

    pub fn get_doc(&self, db: &str, id: &str) -> rusqlite::Result<Option<StoredDoc>> {
        self.read(|c| {
            c.prepare_cached("SELECT seq, id, rev, body FROM docs WHERE db = ?1 AND id = ?2")?
                .query_row(params![db, id], stored_doc)
                .optional()
        })
    }

    pub fn get_local(&self, db: &str, id: &str) -> rusqlite::Result<Option<Value>> {
        let body: Option<String> = self.read(|c| {
            c.prepare_cached("SELECT body FROM local_docs WHERE db = ?1 AND id = ?2")?
                .query_row(params![db, id], |row| row.get(0))
                .optional()
        })?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }

    /// Replaces a checkpoint; returns its new revision. Checkpoints are the one thing that is
    /// overwritten (each replicator keeps its own).
    pub fn put_local(&self, db: &str, id: &str, mut body: Value) -> rusqlite::Result<String> {
        self.write(|tx| {
            let old: Option<String> = tx
                .query_row(
                    "SELECT body FROM local_docs WHERE db = ?1 AND id = ?2",
                    params![db, id],
                    |row| row.get(0),
                )
                .optional()?;
            let generation = old
                .and_then(|b| serde_json::from_str::<Value>(&b).ok())
                .and_then(|b| {
                    b.get("_rev")?
                        .as_str()?
                        .strip_prefix("0-")?
                        .parse::<u64>()
                        .ok()
                })
                .unwrap_or(0)
                + 1;
            let rev = format!("0-{generation}");
            if let Some(object) = body.as_object_mut() {
                object.insert("_id".to_owned(), Value::String(format!("_local/{id}")));
                object.insert("_rev".to_owned(), Value::String(rev.clone()));
            }
            tx.execute(
                "INSERT INTO local_docs (db, id, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (db, id) DO UPDATE SET body = excluded.body",
                params![db, id, body.to_string()],
            )?;
            Ok::<_, rusqlite::Error>(rev)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn store() -> (Store, RequestingDevice) {
        crate::store::with_one_device(Store::in_memory().expect("store"))
    }

    #[test]
    fn the_same_document_twice_is_stored_once_other_content_is_a_conflict() {
        let (store, device) = store();
        let doc = json!({"_id": "c1", "sealed": "AAAA"});
        let first = store.put_docs(&device, vec![doc.clone()]).expect("put");
        let again = store.put_docs(&device, vec![doc]).expect("put");
        assert_eq!(first, again);
        let other = store
            .put_docs(&device, vec![json!({"_id": "c1", "sealed": "BBBB"})])
            .expect("put");
        assert_eq!(other, vec![Stored::Conflict { id: "c1".into() }]);
        assert_eq!(store.info("org").expect("info"), (1, 1));
    }

    #[test]
    fn changes_come_in_arrival_order_from_a_position_and_pages_stop_at_a_size() {
        let (store, device) = store();
        for id in ["a", "b", "c"] {
            store
                .put_docs(&device, vec![json!({"_id": id, "sealed": "A".repeat(100)})])
                .expect("put");
        }
        let ids = |docs: Vec<StoredDoc>| docs.into_iter().map(|d| d.id).collect::<Vec<_>>();
        let changes =
            |since, limit, bytes| store.changes("org", since, limit, bytes).expect("changes");
        assert_eq!(ids(changes(0, 2, usize::MAX)), ["a", "b"]);
        assert_eq!(ids(changes(2, 10, usize::MAX)), ["c"]);
        // Two documents do not fit in 250 bytes; one always comes, however small the limit.
        assert_eq!(ids(changes(0, 10, 250)), ["a"]);
        assert_eq!(ids(changes(1, 10, 1)), ["b"]);
    }

    #[test]
    fn a_push_over_the_quota_stores_nothing() {
        let (store, device) = store();
        let store = store.with_quota(1_000);
        let doc = |id: &str| json!({"_id": id, "sealed": "A".repeat(300)});
        store
            .put_docs(&device, vec![doc("a"), doc("b")])
            .expect("under the quota");
        assert!(matches!(
            store.put_docs(&device, vec![doc("c"), doc("d")]),
            Err(PutError::Quota(1_000))
        ));
        assert_eq!(store.info("org").expect("info").0, 2);
        // The same documents again add nothing and are fine.
        store.put_docs(&device, vec![doc("a")]).expect("a repeat");
    }

    #[test]
    fn a_checkpoint_is_replaced_with_a_new_revision() {
        let (store, _) = store();
        assert_eq!(
            store
                .put_local("org", "cp", json!({"last_seq": 3}))
                .expect("put"),
            "0-1"
        );
        assert_eq!(
            store
                .put_local("org", "cp", json!({"last_seq": 9}))
                .expect("put"),
            "0-2"
        );
        assert_eq!(
            store
                .get_local("org", "cp")
                .expect("get")
                .and_then(|b| b["last_seq"].as_i64()),
            Some(9)
        );
    }
}
