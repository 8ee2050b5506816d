//! Asking the server to forget an erased person's change documents: CouchDB's `_purge`, which
//! names each document with its revision. The revisions are read with `_bulk_get` first (this
//! device never kept them). Only the server's own word counts, as for a push: an id counts as
//! forgotten when `_bulk_get` says the server does not have it, or `_purge` names it as purged;
//! anything else (a login page, a cut answer) leaves the ids waiting for the next sync.
//!
//! A server that refuses to purge (pouchdb-server answers `_purge` with 400) does not stop
//! sync: the ids wait, and the device says how many (`SyncReport::unpurged`).
//!
//! The answers are read as JSON trees: typed readers for two small answers would cost the
//! app more bytes than they save.

use serde_json::{Map, Value};

/// What `_bulk_get` said about the ids asked.
#[derive(Debug, Default, PartialEq)]
pub struct HeldRevisions {
    /// `{id: [revisions]}`: what `_purge` is to name.
    pub held: Map<String, Value>,
    /// Ids the server does not hold: forgotten already.
    pub missing: Vec<String>,
}

/// Reads a `_bulk_get` answer; `None` if it is not one.
pub fn read_bulk_get(answer: &Value) -> Option<HeldRevisions> {
    let mut read = HeldRevisions::default();
    for result in answer.get("results")?.as_array()? {
        let id = result.get("id")?.as_str()?.to_owned();
        let docs = result.get("docs")?.as_array()?;
        let revs: Vec<Value> = docs
            .iter()
            .filter_map(|doc| doc.get("ok")?.get("_rev").cloned())
            .collect();
        // Not held: CouchDB says `{"error": …}`, pouchdb-server an empty `{}`.
        if revs.is_empty() {
            read.missing.push(id);
        } else {
            read.held.insert(id, Value::Array(revs));
        }
    }
    Some(read)
}

/// The ids a `_purge` answer names as purged with every revision asked; `None` if it is not
/// CouchDB's answer.
pub fn read_purge_reply(answer: &Value, asked: &Map<String, Value>) -> Option<Vec<String>> {
    let purged = answer.get("purged")?.as_object()?;
    Some(
        asked
            .iter()
            .filter(|(id, revs)| {
                let done = purged.get(*id).and_then(Value::as_array);
                let revs = revs.as_array().into_iter().flatten();
                done.is_some_and(|done| revs.clone().all(|rev| done.contains(rev)))
            })
            .map(|(id, _)| id.clone())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bulk_get_gives_the_revisions_held_and_the_ids_missing() {
        let answer = json!({"results": [
            {"id": "a", "docs": [{"ok": {"_id": "a", "_rev": "1-abc", "sealed": "x"}}]},
            {"id": "b", "docs": [{"error": {"id": "b", "error": "not_found", "reason": "missing"}}]},
            {"id": "c", "docs": [{}]}
        ]});
        let read = read_bulk_get(&answer).expect("an answer");
        assert_eq!(read.held["a"], json!(["1-abc"]));
        assert_eq!(
            read.missing,
            ["b", "c"],
            "pouchdb-server answers {{}} for a missing one"
        );
        for not_an_answer in [
            json!("<html>Login</html>"),
            json!({}),
            json!({"results": [{"id": "a"}]}),
        ] {
            assert_eq!(read_bulk_get(&not_an_answer), None, "{not_an_answer}");
        }
    }

    #[test]
    fn only_ids_purged_with_every_revision_count() {
        let asked = json!({"a": ["1-abc"], "b": ["1-def"]});
        let asked = asked.as_object().expect("object");
        let answer = json!({"purge_seq": null, "purged": {"a": ["1-abc"], "b": []}});
        assert_eq!(read_purge_reply(&answer, asked), Some(vec!["a".to_owned()]));
        assert_eq!(read_purge_reply(&json!("<html></html>"), asked), None);
        assert_eq!(read_purge_reply(&json!({"ok": true}), asked), None);
    }
}
