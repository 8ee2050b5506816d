//! What a device keeps for sync: its changes, which of its own the server has not
//! acknowledged, and how far it has read the server's feed.

use super::feed::PulledBatch;
use crate::domain::change::Change;
use crate::domain::merge::{merge, MergedRecord};
use std::collections::BTreeMap;

/// One device's side of sync.
pub struct Replica {
    changes: BTreeMap<String, Change>,
    /// Ids of local changes not yet acknowledged by the server, oldest first.
    outbox: Vec<String>,
    /// Position in the server's feed up to which everything has been applied.
    since: u64,
}

impl Default for Replica {
    fn default() -> Self {
        Self::new()
    }
}

impl Replica {
    pub fn new() -> Self {
        Replica {
            changes: BTreeMap::new(),
            outbox: Vec::new(),
            since: 0,
        }
    }

    /// A change made on this device: kept, and queued for the server.
    pub fn record_local(&mut self, change: Change) {
        if !self.changes.contains_key(&change.id) {
            self.outbox.push(change.id.clone());
            self.changes.insert(change.id.clone(), change);
        }
    }

    /// The next batch to push: the oldest unacknowledged local changes.
    pub fn outgoing(&self, limit: usize) -> Vec<Change> {
        self.outbox
            .iter()
            .take(limit)
            .filter_map(|id| self.changes.get(id).cloned())
            .collect()
    }

    /// The server holds these now; they leave the outbox.
    pub fn acknowledge(&mut self, ids: &[String]) {
        self.outbox.retain(|id| !ids.contains(id));
    }

    /// Applies a pulled batch and moves the read position, as one step (on the phone: one
    /// IndexedDB transaction), so a cut connection costs at most this batch. Changes already
    /// held (own ones coming back, a batch delivered twice) are ignored.
    pub fn apply(&mut self, batch: PulledBatch) {
        for change in batch.changes {
            self.changes.entry(change.id.clone()).or_insert(change);
        }
        self.since = self.since.max(batch.last_seq);
    }

    pub fn since(&self) -> u64 {
        self.since
    }

    pub fn waiting(&self) -> usize {
        self.outbox.len()
    }

    /// The merged state of one record on this device.
    pub fn record(&self, record_id: &str) -> Option<MergedRecord> {
        let of_record: Vec<Change> = self
            .changes
            .values()
            .filter(|c| c.record_id == record_id)
            .cloned()
            .collect();
        merge(&of_record)
    }

    /// What the next local edit of `record_id` is made on top of.
    pub fn heads(&self, record_id: &str) -> Vec<String> {
        self.record(record_id).map(|r| r.heads).unwrap_or_default()
    }

    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.changes.values()
    }
}
