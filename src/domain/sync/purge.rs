//! Asking the server to forget an erased person's change documents: CouchDB's `_purge`, which
//! names each document with its revision. The revisions are read with `_bulk_get` first (this
//! device never kept them). Only the server's own word counts, as for a push: an id counts as
//! forgotten when `_bulk_get` says the server does not have it, or `_purge` names it as purged;
//! anything else (a login page, a cut answer) leaves the ids waiting for the next sync.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
struct BulkGetAnswer {
    results: Vec<BulkGetResult>,
}

#[derive(Deserialize)]
struct BulkGetResult {
    id: String,
    docs: Vec<BulkGetDoc>,
}

#[derive(Deserialize)]
struct BulkGetDoc {
    ok: Option<RevisionOnly>,
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct RevisionOnly {
    #[serde(rename = "_rev")]
    rev: String,
}

/// What `_bulk_get` said about the ids asked.
#[derive(Debug, Default, PartialEq)]
pub struct HeldRevisions {
    /// Id -> the revisions the server holds: what `_purge` is to name.
    pub held: HashMap<String, Vec<String>>,
    /// Ids the server does not hold: forgotten already.
    pub missing: HashSet<String>,
}

/// Reads a `_bulk_get` answer; `None` if it is not one.
pub fn read_bulk_get(text: &str) -> Option<HeldRevisions> {
    let answer: BulkGetAnswer = serde_json::from_str(text).ok()?;
    let mut read = HeldRevisions::default();
    for result in answer.results {
        let revs: Vec<String> = result
            .docs
            .iter()
            .filter_map(|doc| doc.ok.as_ref().map(|ok| ok.rev.clone()))
            .collect();
        if !revs.is_empty() {
            read.held.insert(result.id, revs);
        } else if result.docs.iter().any(|doc| doc.error.is_some()) {
            read.missing.insert(result.id);
        }
    }
    Some(read)
}

#[derive(Deserialize)]
struct PurgeAnswer {
    purged: HashMap<String, Vec<String>>,
}

/// The ids a `_purge` answer names as purged (with every revision asked); `None` if it is not
/// CouchDB's answer.
pub fn read_purge_reply(text: &str, asked: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    let answer: PurgeAnswer = serde_json::from_str(text).ok()?;
    Some(
        asked
            .iter()
            .filter(|(id, revs)| {
                answer
                    .purged
                    .get(*id)
                    .is_some_and(|done| revs.iter().all(|rev| done.contains(rev)))
            })
            .map(|(id, _)| id.clone())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_get_gives_the_revisions_held_and_the_ids_missing() {
        let text = r#"{"results":[
            {"id":"a","docs":[{"ok":{"_id":"a","_rev":"1-abc","sealed":"x"}}]},
            {"id":"b","docs":[{"error":{"id":"b","error":"not_found","reason":"missing"}}]}
        ]}"#;
        let read = read_bulk_get(text).expect("an answer");
        assert_eq!(read.held["a"], ["1-abc"]);
        assert_eq!(read.missing, HashSet::from(["b".to_owned()]));
        for not_an_answer in ["<html>Login</html>", "{}", r#"{"results":[{"id":"a"}]"#] {
            assert_eq!(read_bulk_get(not_an_answer), None, "{not_an_answer}");
        }
    }

    #[test]
    fn only_ids_purged_with_every_revision_count() {
        let asked = HashMap::from([
            ("a".to_owned(), vec!["1-abc".to_owned()]),
            ("b".to_owned(), vec!["1-def".to_owned()]),
        ]);
        let text = r#"{"purge_seq":null,"purged":{"a":["1-abc"],"b":[]}}"#;
        assert_eq!(read_purge_reply(text, &asked), Some(vec!["a".to_owned()]));
        assert_eq!(read_purge_reply("<html></html>", &asked), None);
        assert_eq!(read_purge_reply(r#"{"ok":true}"#, &asked), None);
    }
}
