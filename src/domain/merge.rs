//! The deterministic merge: a record's state is a function of the *set* of its changes, so
//! every device that holds the same changes shows the same record, whatever order they arrived
//! in. Concurrent edits of different fields both survive; concurrent edits of the same field
//! become a visible conflict; a delete that raced an edit is shown, never silently applied.
//!
//! "Concurrent" is decided by the `replaces` links: change B knows change A if A can be reached
//! from B by following `replaces`. Wall-clock stamps only break ties for display order.

use super::change::{Change, Fields, RecordKind, RecordRow};
pub use super::conflict::{Candidate, DELETION_CONFLICT};
use crate::domain::order::{set_of, sort_with};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Whether the record is deleted, and whether a delete raced an edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deletion {
    Alive,
    Deleted,
    /// Deleted on one device while another edited it: a person decides (restore or confirm).
    DeletedWhileEdited {
        edits: Vec<String>,
    },
}

/// The merged state of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedRecord {
    pub id: String,
    pub kind: RecordKind,
    /// For a conflicting field: the candidate with the newest stamp, so the record stays usable.
    pub fields: Fields,
    /// Fields with more than one concurrent value, candidates newest first.
    pub conflicts: BTreeMap<String, Vec<Candidate>>,
    pub deletion: Deletion,
    /// Changes that no other change replaces: what the next edit replaces. Sorted.
    pub heads: Vec<String>,
    /// The newest stamp among the changes.
    pub updated: String,
}

impl MergedRecord {
    /// The row to store, with the conflict marker in step.
    pub fn into_row(self) -> RecordRow {
        RecordRow {
            id: self.id,
            kind: self.kind,
            fields: self.fields,
            heads: self.heads,
            updated: self.updated,
            // A delete that raced an edit keeps the record visible until a person decides.
            deleted: self.deletion == Deletion::Deleted,
            conflicted: (!self.conflicts.is_empty()).then_some(1),
            conflicts: self.conflicts,
        }
    }
}

/// Merges all known changes of one record. `None` for an empty set.
pub fn merge(changes: &[Change]) -> Option<MergedRecord> {
    let mut by_id: BTreeMap<&str, &Change> = BTreeMap::new();
    for change in changes {
        // Duplicates (the same change received twice) are harmless: ids are unique.
        by_id.insert(change.id.as_str(), change);
    }
    let first = by_id.values().next()?;
    let history = History::new(&by_id);

    let heads: Vec<&Change> = by_id
        .values()
        .copied()
        .filter(|c| !history.is_replaced(&c.id))
        .collect();
    let mut fields = Fields::new();
    let mut conflicts = BTreeMap::new();
    let field_names: BTreeSet<&str> = set_of(
        by_id
            .values()
            .flat_map(|c| c.fields.keys().map(String::as_str)),
    );
    for name in field_names {
        let writers: Vec<&Change> = by_id
            .values()
            .copied()
            .filter(|c| c.fields.contains_key(name))
            .collect();
        let mut latest: Vec<&Change> = writers
            .iter()
            .copied()
            .filter(|c| !writers.iter().any(|other| history.knows(&other.id, &c.id)))
            .collect();
        sort_with(&mut latest, |a, b| {
            (&b.stamp, &b.id).cmp(&(&a.stamp, &a.id))
        });
        let candidates: Vec<Candidate> = latest
            .iter()
            .map(|c| Candidate {
                value: c.fields[name].clone(),
                change_id: c.id.clone(),
                device_id: c.device_id.clone(),
                stamp: c.stamp.clone(),
            })
            .collect();
        fields.insert(name.to_owned(), candidates[0].value.clone());
        let distinct: BTreeSet<String> = set_of(candidates.iter().map(|c| c.value.to_string()));
        if distinct.len() > 1 {
            conflicts.insert(name.to_owned(), candidates);
        }
    }

    let deleting_heads: Vec<&Change> = heads.iter().copied().filter(|c| c.deletes).collect();
    let deletion = if deleting_heads.is_empty() {
        Deletion::Alive
    } else {
        let edits: Vec<String> = heads
            .iter()
            .filter(|c| !c.deletes)
            .map(|c| c.id.clone())
            .collect();
        if edits.is_empty() {
            Deletion::Deleted
        } else {
            // Shown like a field conflict, so a person decides: delete, or keep the edit.
            let mut racing: Vec<&Change> = heads.clone();
            sort_with(&mut racing, |a, b| {
                (&b.stamp, &b.id).cmp(&(&a.stamp, &a.id))
            });
            let candidates = racing
                .iter()
                .map(|c| Candidate {
                    value: Value::Bool(c.deletes),
                    change_id: c.id.clone(),
                    device_id: c.device_id.clone(),
                    stamp: c.stamp.clone(),
                })
                .collect();
            conflicts.insert(DELETION_CONFLICT.to_owned(), candidates);
            Deletion::DeletedWhileEdited { edits }
        }
    };

    Some(MergedRecord {
        id: first.record_id.clone(),
        kind: first.kind,
        fields,
        conflicts,
        deletion,
        heads: heads.iter().map(|c| c.id.clone()).collect(),
        updated: by_id
            .values()
            .map(|c| c.stamp.clone())
            .max()
            .unwrap_or_default(),
    })
}

/// Which change knows which: the transitive closure of `replaces`, over the changes present.
struct History {
    known_by: HashMap<String, BTreeSet<String>>,
    replaced: BTreeSet<String>,
}

impl History {
    fn new(by_id: &BTreeMap<&str, &Change>) -> History {
        let mut known_by: HashMap<String, BTreeSet<String>> = HashMap::new();
        for id in by_id.keys() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<&str> = by_id[id].replaces.iter().map(String::as_str).collect();
            while let Some(next) = stack.pop() {
                if seen.insert(next.to_owned()) {
                    if let Some(change) = by_id.get(next) {
                        stack.extend(change.replaces.iter().map(String::as_str));
                    }
                }
            }
            known_by.insert((*id).to_owned(), seen);
        }
        let replaced = by_id
            .values()
            .flat_map(|c| c.replaces.iter().cloned())
            .collect();
        History { known_by, replaced }
    }

    /// Whether `later` was made on top of (a descendant of) `earlier`.
    fn knows(&self, later: &str, earlier: &str) -> bool {
        self.known_by
            .get(later)
            .is_some_and(|known| known.contains(earlier))
    }

    fn is_replaced(&self, id: &str) -> bool {
        self.replaced.contains(id)
    }
}

// Property tests need proptest, which is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests;
