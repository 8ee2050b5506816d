//! Forgetting documents for good (CouchDB's `_purge`): a person erased in Lotse is erased here
//! too. The rows go, their bytes are overwritten (`secure_delete`, set when the file opens)
//! and the write-ahead log that still held them is emptied into the file; the ids are kept,
//! so that a phone that was offline and pushes one of them again is told "stored" and the
//! document is not kept. Key documents are never purged: the organisation needs them.

use super::{lock, Store};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Whether `id` was purged from `db` (a push of it is answered, not stored).
pub(super) fn was_purged(tx: &Transaction<'_>, db: &str, id: &str) -> rusqlite::Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM purged WHERE db = ?1 AND id = ?2")?
        .query_row(params![db, id], |_| Ok(()))
        .optional()?
        .is_some())
}

impl Store {
    /// Purges each document whose revision is among those asked (documents are immutable:
    /// each has one). Returns, per id asked, the revisions purged – none for an id the relay
    /// does not hold (it is remembered as purged all the same) or holds with another revision.
    pub fn purge(
        &self,
        db: &str,
        asked: &HashMap<String, Vec<String>>,
    ) -> rusqlite::Result<HashMap<String, Vec<String>>> {
        let purged = self.write(|tx| {
            let mut purged = HashMap::with_capacity(asked.len());
            let mut freed = 0i64;
            for (id, revs) in asked {
                let held: Option<(String, i64, bool)> = tx
                    .prepare_cached(
                        "SELECT rev, length(body), json_extract(body, '$.type') IS 'key'
                         FROM docs WHERE db = ?1 AND id = ?2",
                    )?
                    .query_row(params![db, id], |row| {
                        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
                    })
                    .optional()?;
                let done = match held {
                    Some((_, _, true)) => continue,
                    Some((rev, bytes, false)) if revs.contains(&rev) => {
                        tx.prepare_cached("DELETE FROM docs WHERE db = ?1 AND id = ?2")?
                            .execute(params![db, id])?;
                        freed += bytes;
                        vec![rev]
                    }
                    Some(_) => {
                        purged.insert(id.clone(), Vec::new());
                        continue;
                    }
                    None => Vec::new(),
                };
                tx.prepare_cached("INSERT OR IGNORE INTO purged (db, id) VALUES (?1, ?2)")?
                    .execute(params![db, id])?;
                purged.insert(id.clone(), done);
            }
            tx.execute(
                "UPDATE databases SET bytes = MAX(0, bytes - ?2) WHERE name = ?1",
                params![db, freed],
            )?;
            Ok::<_, rusqlite::Error>(purged)
        })?;
        // The zeroed pages go into the file and the log that held the old ones is emptied
        // (a reader still on an old snapshot leaves it for the next purge; never an error).
        let connection = lock(&self.writer);
        connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(purged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{with_one_device, RequestingDevice, Stored};
    use serde_json::json;

    fn store() -> (Store, RequestingDevice) {
        with_one_device(Store::in_memory().expect("store"))
    }

    fn doc(id: &str, sealed: &str) -> serde_json::Value {
        json!({ "_id": id, "stamp": "s", "device": "d", "epoch": 0, "sealed": sealed })
    }

    fn rev(stored: &[Stored]) -> String {
        match &stored[0] {
            Stored::Ok { rev, .. } => rev.clone(),
            other => panic!("not stored: {other:?}"),
        }
    }

    #[test]
    fn a_purged_document_is_gone_and_a_push_of_it_again_is_answered_not_kept() {
        let (store, device) = store();
        let first = rev(&store
            .put_docs(&device, vec![doc("a", "AAAA")])
            .expect("put"));
        store
            .put_docs(&device, vec![doc("b", "BBBB")])
            .expect("put");
        let asked = HashMap::from([
            ("a".to_owned(), vec![first.clone()]),
            ("never".to_owned(), vec!["1-x".to_owned()]),
        ]);
        let purged = store.purge("org", &asked).expect("purge");
        assert_eq!(purged["a"], [first]);
        assert!(purged["never"].is_empty());
        assert!(store.get_doc("org", "a").expect("read").is_none());
        assert!(store.get_doc("org", "b").expect("read").is_some());
        assert_eq!(store.info("org").expect("info").0, 1);
        // A phone that was offline pushes it again: told it is stored, and it is not kept.
        let again = store
            .put_docs(&device, vec![doc("a", "AAAA")])
            .expect("put");
        assert!(matches!(&again[0], Stored::Ok { id, .. } if id == "a"));
        assert!(store.get_doc("org", "a").expect("read").is_none());
        let late = store
            .put_docs(&device, vec![doc("never", "CCCC")])
            .expect("put");
        assert!(matches!(&late[0], Stored::Ok { .. }));
        assert!(store.get_doc("org", "never").expect("read").is_none());
    }

    #[test]
    fn another_revision_or_a_key_document_is_not_purged() {
        let (store, device) = store();
        store
            .put_docs(&device, vec![doc("a", "AAAA")])
            .expect("put");
        let key = json!({ "_id": "k", "stamp": "s", "device": "d", "epoch": 1, "sealed": "KKKK",
                          "type": "key", "for": "d" });
        let key_rev = rev(&store.put_docs(&device, vec![key]).expect("put"));
        let asked = HashMap::from([
            ("a".to_owned(), vec!["1-other".to_owned()]),
            ("k".to_owned(), vec![key_rev]),
        ]);
        let purged = store.purge("org", &asked).expect("purge");
        assert!(purged["a"].is_empty());
        assert!(!purged.contains_key("k"));
        assert!(store.get_doc("org", "a").expect("read").is_some());
        assert!(store.get_doc("org", "k").expect("read").is_some());
    }

    #[test]
    fn the_file_and_its_log_no_longer_hold_the_bytes() {
        let dir = std::env::temp_dir().join(format!("lotse-purge-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("relay.sqlite");
        let (store, device) = with_one_device(Store::open(&path).expect("open"));
        let secret = "U2VhbGVkQnl0ZXNPZkFuRXJhc2VkUGVyc29uc0NoYW5nZQ";
        let kept = "S2VwdEJ5dGVzT2ZBbm90aGVyUGVyc29uc0NoYW5nZQ";
        let first = rev(&store
            .put_docs(&device, vec![doc("a", secret)])
            .expect("put"));
        store.put_docs(&device, vec![doc("b", kept)]).expect("put");
        let on_disk = |needle: &str| {
            ["relay.sqlite", "relay.sqlite-wal"].iter().any(|name| {
                std::fs::read(dir.join(name))
                    .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            })
        };
        assert!(on_disk(secret), "the test must see the bytes before");
        store
            .purge("org", &HashMap::from([("a".to_owned(), vec![first])]))
            .expect("purge");
        assert!(
            !on_disk(secret),
            "the purged document's bytes are still in the file"
        );
        assert!(on_disk(kept));
        drop(store);
        std::fs::remove_dir_all(&dir).ok();
    }
}
