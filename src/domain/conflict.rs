//! What a record's conflicts are made of: the values concurrent edits wrote into one field.
//! Its own module because both the stored row (`change`) and the merge that makes them
//! (`merge`) need it, and neither should import the other for it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One of several values that concurrent edits wrote into the same field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub value: Value,
    pub change_id: String,
    pub device_id: String,
    pub stamp: String,
}

/// The pseudo-field under which a delete that raced an edit appears among the conflicts: its
/// candidates are the racing versions, `true` for the delete, `false` for an edit.
pub const DELETION_CONFLICT: &str = "_deleted";
