//! The change log: every edit is an immutable change, and a record's current row is derived
//! from its changes. Sync (a later step) only has to move changes between devices.

use super::conflict::{Candidate, DELETION_CONFLICT};
use crate::domain::order::map_of;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Field name -> value. A BTreeMap keeps serialisation deterministic.
pub type Fields = BTreeMap<String, Value>;

/// What a record is. Stored as a lowercase string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The organisation's own profile (its name in the header); one per organisation.
    Organisation,
    Member,
    Offer,
    Request,
    Case,
    /// A case note: append-only, never edited (a correction is a new note).
    Note,
    /// A help category the organisation added itself.
    Category,
    /// What people call one of the organisation's devices (`device_name`).
    Device,
    /// The ids of a person's records that were erased (`erasure`): kept, so that they stay
    /// erased on every device.
    Erasure,
    /// A person's consent for one purpose, given or withdrawn (`consent`): append-only.
    Consent,
}

/// One user edit of one record, as it is stored and later synced. Never modified once written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: String,
    pub record_id: String,
    pub kind: RecordKind,
    /// Only the fields this edit set.
    pub fields: Fields,
    /// Hybrid logical clock stamp as text (see `hlc::Stamp`).
    pub stamp: String,
    pub device_id: String,
    /// Ids of the versions (changes) this edit was made on top of.
    pub replaces: Vec<String>,
    /// A deletion is a change too, so that it syncs and can race an edit visibly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deletes: bool,
}

/// The current view of a record, kept next to its changes so reading never replays a log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordRow {
    pub id: String,
    pub kind: RecordKind,
    pub fields: Fields,
    /// The changes that nothing replaces yet: what the next local edit replaces.
    pub heads: Vec<String>,
    /// Stamp of the newest change applied.
    pub updated: String,
    /// Deleted rows stay (with their fields) so a delete can be undone or shown as a conflict.
    #[serde(default)]
    pub deleted: bool,
    /// Fields that concurrent edits on different devices set differently, with every value:
    /// shown to a person to pick one (`fields` holds the newest meanwhile).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conflicts: Conflicts,
    /// 1 exactly when `conflicts` is not empty (set by `RecordRow::settle_marker`). IndexedDB
    /// indexes only rows that have it, so the conflicted records are found without reading
    /// every row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicted: Option<u8>,
}

/// Field name -> the concurrent values, newest first.
pub type Conflicts = BTreeMap<String, Vec<Candidate>>;

impl RecordRow {
    /// The row after applying `change` made on this device on top of the current heads.
    pub fn with_local_change(current: Option<&RecordRow>, change: &Change) -> RecordRow {
        let mut fields = current.map(|row| row.fields.clone()).unwrap_or_default();
        fields.extend(
            change
                .fields
                .iter()
                .map(|(name, value)| (name.clone(), value.clone())),
        );
        // A local edit is made on top of every head, so it settles the fields it sets; a
        // conflict in a field it leaves alone stays for a person to settle.
        let conflicts: Conflicts = current
            .map(|row| {
                // Made on top of every head, it also settles a delete that raced an edit.
                map_of(
                    row.conflicts
                        .iter()
                        .filter(|(name, _)| {
                            !change.fields.contains_key(*name) && *name != DELETION_CONFLICT
                        })
                        .map(|(name, candidates)| (name.clone(), candidates.clone())),
                )
            })
            .unwrap_or_default();
        RecordRow {
            id: change.record_id.clone(),
            kind: change.kind,
            fields,
            heads: vec![change.id.clone()],
            updated: change.stamp.clone(),
            deleted: change.deletes,
            conflicted: (!conflicts.is_empty()).then_some(1),
            conflicts,
        }
    }

    pub fn text(&self, field: &str) -> Option<&str> {
        self.fields.get(field).and_then(Value::as_str)
    }
}

/// A local edit: the change to store and the row it produces, written together in one transaction.
pub struct LocalEdit {
    pub change: Change,
    pub row: RecordRow,
}

impl LocalEdit {
    /// Builds the deletion of `current` (kept as a change, like any edit).
    pub fn delete(
        change_id: String,
        current: &RecordRow,
        stamp: String,
        device_id: &str,
    ) -> LocalEdit {
        let mut edit = LocalEdit::new(
            change_id,
            &current.id,
            current.kind,
            Fields::new(),
            stamp,
            device_id,
            Some(current),
        );
        edit.change.deletes = true;
        edit.row.deleted = true;
        edit
    }

    /// Builds the edit of `record_id` setting `fields`, on top of `current` (None for a new record).
    pub fn new(
        change_id: String,
        record_id: &str,
        kind: RecordKind,
        fields: Fields,
        stamp: String,
        device_id: &str,
        current: Option<&RecordRow>,
    ) -> LocalEdit {
        let change = Change {
            id: change_id,
            record_id: record_id.to_owned(),
            kind,
            fields,
            stamp,
            device_id: device_id.to_owned(),
            replaces: current.map(|row| row.heads.clone()).unwrap_or_default(),
            deletes: false,
        };
        let row = RecordRow::with_local_change(current, &change);
        LocalEdit { change, row }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(pairs: &[(&str, Value)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn a_first_edit_creates_the_row_and_replaces_nothing() {
        let edit = LocalEdit::new(
            "c1".into(),
            "r1",
            RecordKind::Organisation,
            fields(&[("name", json!("Brücke e.V."))]),
            "s1".into(),
            "dev",
            None,
        );
        assert!(edit.change.replaces.is_empty());
        assert_eq!(edit.row.text("name"), Some("Brücke e.V."));
        assert_eq!(edit.row.heads, vec!["c1".to_owned()]);
    }

    #[test]
    fn a_later_edit_replaces_the_heads_and_keeps_untouched_fields() {
        let first = LocalEdit::new(
            "c1".into(),
            "r1",
            RecordKind::Organisation,
            fields(&[("name", json!("A")), ("city", json!("Bochum"))]),
            "s1".into(),
            "dev",
            None,
        );
        let second = LocalEdit::new(
            "c2".into(),
            "r1",
            RecordKind::Organisation,
            fields(&[("name", json!("B"))]),
            "s2".into(),
            "dev",
            Some(&first.row),
        );
        assert_eq!(second.change.replaces, vec!["c1".to_owned()]);
        assert_eq!(second.row.text("name"), Some("B"));
        assert_eq!(second.row.text("city"), Some("Bochum"));
        assert_eq!(second.row.updated, "s2");
    }

    #[test]
    fn a_delete_keeps_the_fields_and_an_edit_on_top_restores() {
        let first = LocalEdit::new(
            "c1".into(),
            "r1",
            RecordKind::Member,
            fields(&[("name", json!("A"))]),
            "s1".into(),
            "dev",
            None,
        );
        let deleted = LocalEdit::delete("c2".into(), &first.row, "s2".into(), "dev");
        assert!(deleted.change.deletes && deleted.row.deleted);
        assert_eq!(deleted.row.text("name"), Some("A"));
        let restored = LocalEdit::new(
            "c3".into(),
            "r1",
            RecordKind::Member,
            Fields::new(),
            "s3".into(),
            "dev",
            Some(&deleted.row),
        );
        assert!(!restored.row.deleted);
    }

    #[test]
    fn kinds_are_stored_as_lowercase_words() {
        assert_eq!(
            serde_json::to_string(&RecordKind::Organisation)
                .ok()
                .as_deref(),
            Some("\"organisation\"")
        );
    }
}
