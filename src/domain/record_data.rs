//! Typed records on top of the generic change log: each record type converts to and from the
//! field map that changes carry, and an edit stores only the fields that changed, so that two
//! volunteers editing different fields of one record never conflict.

use super::change::{Fields, RecordKind, RecordRow};
use crate::domain::order::map_of;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

pub trait RecordData: Serialize + DeserializeOwned + Sized {
    const KIND: RecordKind;

    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);

    /// The typed record of a stored row; `None` for another kind, a deleted or an unreadable row.
    fn from_row(row: &RecordRow) -> Option<Self> {
        if row.kind != Self::KIND || row.deleted {
            return None;
        }
        // Inserted one by one rather than collected (see `order::map_of`).
        let mut object = serde_json::Map::new();
        for (name, value) in row.fields.clone() {
            object.insert(name, value);
        }
        let mut record: Self = serde_json::from_value(Value::Object(object)).ok()?;
        record.set_id(row.id.clone());
        Some(record)
    }

    fn to_fields(&self) -> Fields {
        match serde_json::to_value(self) {
            Ok(Value::Object(object)) => map_of(object),
            _ => Fields::new(),
        }
    }
}

/// Implements `RecordData` for a record struct with a `#[serde(skip)] id: String` field.
macro_rules! record_data {
    ($type:ty, $kind:expr) => {
        impl $crate::domain::record_data::RecordData for $type {
            const KIND: $crate::domain::change::RecordKind = $kind;
            fn id(&self) -> &str {
                &self.id
            }
            fn set_id(&mut self, id: String) {
                self.id = id;
            }
        }
    };
}
pub(crate) use record_data;

/// Trims and joins runs of whitespace (including newlines) into single spaces, as names and
/// titles are stored.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fields of `after` that differ from `before`; a field that disappeared becomes null.
pub fn changed_fields(before: &Fields, after: &Fields) -> Fields {
    let mut changed: Fields = map_of(
        after
            .iter()
            .filter(|(name, value)| before.get(*name) != Some(value))
            .map(|(n, v)| (n.clone(), v.clone())),
    );
    for name in before.keys().filter(|name| !after.contains_key(*name)) {
        changed.insert(name.clone(), Value::Null);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_changed_fields_are_written() {
        let before = Fields::from([
            ("name".into(), json!("Ana")),
            ("district".into(), json!("Nord")),
            ("x".into(), json!(1)),
        ]);
        let after = Fields::from([
            ("name".into(), json!("Ana")),
            ("district".into(), json!("Süd")),
        ]);
        let changed = changed_fields(&before, &after);
        assert_eq!(
            changed,
            Fields::from([("district".into(), json!("Süd")), ("x".into(), Value::Null)])
        );
    }
}
