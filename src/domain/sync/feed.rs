//! What the server keeps: every change document once, in arrival order.

use crate::domain::change::Change;
use std::collections::HashSet;

/// A page of the feed: the changes after a position, and the position to ask from next.
#[derive(Clone, Debug, PartialEq)]
pub struct PulledBatch {
    pub changes: Vec<Change>,
    /// The sequence number of the last change in `changes` (or the asked-for position when
    /// there is nothing new): saved by the device together with the changes it applied.
    pub last_seq: u64,
}

/// The server side of sync: accepts documents idempotently and lists them by sequence.
#[derive(Default)]
pub struct Feed {
    /// Sequence number n is `docs[n - 1]`.
    docs: Vec<Change>,
    ids: HashSet<String>,
}

impl Feed {
    /// Stores the documents it does not have yet. Returns the ids it now holds of those sent
    /// (all of them): a repeated push after a lost response is acknowledged, not duplicated.
    pub fn push(&mut self, docs: Vec<Change>) -> Vec<String> {
        let mut acknowledged = Vec::with_capacity(docs.len());
        for doc in docs {
            acknowledged.push(doc.id.clone());
            if self.ids.insert(doc.id.clone()) {
                self.docs.push(doc);
            }
        }
        acknowledged
    }

    /// At most `limit` documents after sequence number `since`.
    pub fn pull(&self, since: u64, limit: usize) -> PulledBatch {
        let start = usize::try_from(since)
            .unwrap_or(usize::MAX)
            .min(self.docs.len());
        let changes: Vec<Change> = self.docs[start..].iter().take(limit).cloned().collect();
        let last_seq = since + changes.len() as u64;
        PulledBatch { changes, last_seq }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;

    fn doc(id: &str) -> Change {
        Change {
            id: id.to_owned(),
            record_id: "r".to_owned(),
            kind: RecordKind::Member,
            fields: Default::default(),
            stamp: "0".to_owned(),
            device_id: "d".to_owned(),
            replaces: Vec::new(),
            deletes: false,
        }
    }

    #[test]
    fn a_repeated_push_is_acknowledged_but_stored_once() {
        let mut feed = Feed::default();
        assert_eq!(feed.push(vec![doc("a"), doc("b")]), vec!["a", "b"]);
        assert_eq!(feed.push(vec![doc("b"), doc("c")]), vec!["b", "c"]);
        assert_eq!(feed.len(), 3);
    }

    #[test]
    fn pulling_pages_through_the_feed_in_order() {
        let mut feed = Feed::default();
        feed.push(vec![doc("a"), doc("b"), doc("c")]);
        let first = feed.pull(0, 2);
        assert_eq!(
            first
                .changes
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(first.last_seq, 2);
        let rest = feed.pull(first.last_seq, 2);
        assert_eq!(rest.changes.len(), 1);
        assert_eq!(rest.last_seq, 3);
        let nothing = feed.pull(rest.last_seq, 2);
        assert!(nothing.changes.is_empty());
        assert_eq!(nothing.last_seq, 3);
        // A position beyond the end (a server restored from an older backup) is not a panic.
        assert!(feed.pull(99, 2).changes.is_empty());
    }
}
