//! Opening a pulled `_changes` page. One document that cannot be opened (garbage, a key this
//! device never got, a field of the wrong type) must not stop the page: it is set aside with
//! its id and why, the rest goes on, and it is tried again when a new key arrives.
//!
//! Key documents decide the organisation's data keys. Two phones that remove devices at the
//! same time each make a key for the same new epoch; every phone takes the rotation whose key
//! document came FIRST in the feed (the server's order is the same for everyone), so all of
//! them end with the same key, and the phone whose rotation lost starts another one.

use super::device_key::{open_key_for, DeviceSecret};
use super::sealed::{open, open_key, KeyRing, OpenError, SealedChange, KEY_BYTES, KEY_DOCUMENT};
use crate::domain::change::Change;
use crate::domain::hlc::Stamp;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;

/// A `_changes` answer as CouchDB and the relay give it; documents stay JSON text until they
/// are known to be Lotse's.
#[derive(Deserialize)]
pub struct ChangesAnswer {
    pub results: Vec<ChangesRow>,
    /// A string (CouchDB 3, the relay) or a number (older CouchDB, pouchdb-server).
    pub last_seq: Option<Value>,
    #[serde(default)]
    pub pending: Option<u64>,
}

#[derive(Deserialize)]
pub struct ChangesRow {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub doc: Option<Box<RawValue>>,
}

/// This device as the recipient of key documents: its relay id and private key.
pub struct Recipient {
    pub id: String,
    pub secret: DeviceSecret,
}

/// Why a document was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetAsideReason {
    /// Sealed with a data key this device does not have (yet).
    MissingKey,
    /// Not a sealed change of Lotse's, changed on the way, or sealed with another key.
    Unreadable,
}

/// A document this device could not open: kept by id, shown, and tried again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    pub id: String,
    pub reason: SetAsideReason,
}

/// Which rotation took each key epoch: the first whose key document came in the feed.
/// Kept with the keys, since the winner's document for this device may come pages later.
pub type Claims = BTreeMap<u32, String>;

/// A key document's id: `key-{epoch}-{rotation}-{recipient}`. The rotation id ties together
/// the documents one removal wrote; repeating a push writes the same ids.
pub fn key_document_id(epoch: u32, rotation: &str, recipient: &str) -> String {
    format!("key-{epoch}-{rotation}-{recipient}")
}

/// The rotation a key document belongs to (its id, for documents from before rotation ids).
fn rotation_of(doc: &SealedChange) -> String {
    let mut parts = doc.id.splitn(4, '-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("key"), Some(_), Some(rotation), Some(_)) => rotation.to_owned(),
        _ => doc.id.clone(),
    }
}

/// A `_changes` page, opened.
#[derive(Debug, Default)]
pub struct OpenedPage {
    pub changes: Vec<Change>,
    /// Data keys learnt (epoch, key), to keep before the page's position is saved.
    pub new_keys: Vec<(u32, [u8; KEY_BYTES])>,
    pub set_aside: Vec<SetAside>,
    pub last_seq: String,
    /// Rows in the answer, Lotse's or not.
    pub rows: usize,
    /// What the server says is still after this page (0 if it does not say).
    pub pending: usize,
}

/// The answer is not a `_changes` answer at all (no position to go on from).
#[derive(Debug, PartialEq, Eq)]
pub struct NotAChangesAnswer;

/// Opens every document of `answer` that this device can open, sets the others aside, and
/// learns the data keys of the rotations that win (`claims` records them).
pub fn open_page(
    answer: ChangesAnswer,
    keys: &mut KeyRing,
    claims: &mut Claims,
    me: Option<&Recipient>,
) -> Result<OpenedPage, NotAChangesAnswer> {
    let last_seq = match answer.last_seq {
        Some(Value::String(seq)) => seq,
        Some(Value::Number(seq)) => seq.to_string(),
        _ => return Err(NotAChangesAnswer),
    };
    let mut page = OpenedPage {
        last_seq,
        rows: answer.results.len(),
        pending: answer.pending.unwrap_or(0) as usize,
        ..OpenedPage::default()
    };
    for row in &answer.results {
        let Some(doc) = &row.doc else { continue };
        let set_aside = |reason| SetAside {
            id: row.id.clone().unwrap_or_default(),
            reason,
        };
        let sealed: SealedChange = match serde_json::from_str(doc.get()) {
            Ok(sealed) => sealed,
            // Documents without a seal are not Lotse's (a CouchDB design document, say).
            Err(_) => match serde_json::from_str::<serde_json::Map<String, Value>>(doc.get()) {
                Ok(other) if !other.contains_key("sealed") => continue,
                _ => {
                    page.set_aside.push(set_aside(SetAsideReason::Unreadable));
                    continue;
                }
            },
        };
        let opened = if sealed.doc_type.as_deref() == Some(KEY_DOCUMENT) {
            learn_key(&sealed, keys, claims, me).map(|learnt| {
                if let Some(key) = learnt {
                    page.new_keys.push(key);
                }
            })
        } else {
            // A stamp this device cannot read would sort before every real one: the change is
            // set aside (and shown), not merged with a made-up order.
            open(&sealed, keys).and_then(|change| match change.stamp.parse::<Stamp>() {
                Ok(_) => {
                    page.changes.push(change);
                    Ok(())
                }
                Err(_) => Err(OpenError::Malformed),
            })
        };
        match opened {
            Ok(()) => {}
            Err(OpenError::UnknownEpoch(_)) => page.set_aside.push(SetAside {
                id: sealed.id,
                reason: SetAsideReason::MissingKey,
            }),
            Err(_) => page.set_aside.push(SetAside {
                id: sealed.id,
                reason: SetAsideReason::Unreadable,
            }),
        }
    }
    Ok(page)
}

/// One key document: the key it brings, if its rotation is the first for its epoch and it is
/// sealed for this device.
fn learn_key(
    doc: &SealedChange,
    keys: &mut KeyRing,
    claims: &mut Claims,
    me: Option<&Recipient>,
) -> Result<Option<(u32, [u8; KEY_BYTES])>, OpenError> {
    let opened = match (&doc.recipient, me) {
        (Some(recipient), _) => {
            // Sealed for one device, with the new epoch visible: the claim is decided before
            // (and whether or not) this device can open it.
            let rotation = rotation_of(doc);
            let winner = claims.entry(doc.epoch).or_insert_with(|| rotation.clone());
            if *winner != rotation || keys.get(doc.epoch).is_some() {
                return Ok(None);
            }
            match me {
                Some(me) if *recipient == me.id => open_key_for(doc, &me.id, &me.secret, keys)?,
                _ => return Ok(None),
            }
        }
        // Sealed with the previous data key (before devices had keys of their own).
        (None, _) => {
            let (epoch, key) = open_key(doc, keys)?;
            if claims.contains_key(&epoch) || keys.get(epoch).is_some() {
                return Ok(None);
            }
            claims.insert(epoch, rotation_of(doc));
            (epoch, key)
        }
    };
    keys.add(opened.0, opened.1);
    Ok(Some(opened))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;
    use crate::domain::sync::device_key::seal_key_for;
    use crate::domain::sync::sealed::seal;
    use serde_json::json;

    const OLD: [u8; KEY_BYTES] = [1; KEY_BYTES];

    fn change(id: &str) -> Change {
        Change {
            id: id.to_owned(),
            record_id: format!("member-{id}"),
            kind: RecordKind::Member,
            fields: [("name".to_owned(), json!("Farid"))].into_iter().collect(),
            stamp: "1732000000000-000000-phone".to_owned(),
            device_id: "phone".to_owned(),
            replaces: Vec::new(),
            deletes: false,
        }
    }

    fn sealed_doc(id: &str, epoch: u32, key: &[u8; KEY_BYTES]) -> Value {
        sealed_change(&change(id), epoch, key)
    }

    fn sealed_change(change: &Change, epoch: u32, key: &[u8; KEY_BYTES]) -> Value {
        serde_json::to_value(seal(change, epoch, key, [7; 24]).expect("seal")).expect("json")
    }

    fn answer(docs: Vec<Value>) -> ChangesAnswer {
        let results: Vec<Value> = docs
            .into_iter()
            .enumerate()
            .map(|(n, doc)| json!({ "seq": (n + 1).to_string(), "id": doc["_id"], "doc": doc }))
            .collect();
        serde_json::from_value(json!({ "results": results, "last_seq": "9", "pending": 0 }))
            .expect("answer")
    }

    fn old_ring() -> KeyRing {
        let mut keys = KeyRing::default();
        keys.add(1, OLD);
        keys
    }

    fn ids(page: &OpenedPage) -> Vec<&str> {
        page.changes.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn a_document_that_cannot_be_opened_is_set_aside_and_the_rest_goes_on() {
        let mut garbage = sealed_doc("b", 1, &OLD);
        garbage["sealed"] = json!("bm90IGEgc2VhbA==");
        let mut wrong_type = sealed_doc("d", 1, &OLD);
        wrong_type["epoch"] = json!("one");
        // A stamp from before the fixed width (the benchmark's old fixtures wrote these).
        let mut old_stamp = change("f");
        old_stamp.stamp = "000000001000-0000-phone".to_owned();
        let docs = vec![
            sealed_doc("a", 1, &OLD),
            garbage,
            sealed_doc("c", 7, &[9; KEY_BYTES]),
            wrong_type,
            json!({ "_id": "_design/x", "views": {} }),
            sealed_doc("e", 1, &OLD),
            sealed_change(&old_stamp, 1, &OLD),
        ];
        let page =
            open_page(answer(docs), &mut old_ring(), &mut Claims::new(), None).expect("an answer");
        assert_eq!(ids(&page), ["a", "e"]);
        assert_eq!(
            page.set_aside,
            [
                ("b", SetAsideReason::Unreadable),
                ("c", SetAsideReason::MissingKey),
                ("d", SetAsideReason::Unreadable),
                ("f", SetAsideReason::Unreadable)
            ]
            .map(|(id, reason)| SetAside {
                id: id.to_owned(),
                reason
            })
        );
        assert_eq!((page.last_seq.as_str(), page.rows), ("9", 7));
    }

    #[test]
    fn an_answer_without_a_position_is_not_a_changes_answer() {
        let answer: ChangesAnswer =
            serde_json::from_value(json!({ "results": [] })).expect("shape");
        assert!(open_page(answer, &mut old_ring(), &mut Claims::new(), None).is_err());
        assert!(serde_json::from_str::<ChangesAnswer>("{}").is_err());
        assert!(serde_json::from_str::<ChangesAnswer>("<html>Login</html>").is_err());
    }

    fn phone(seed: u8) -> Recipient {
        Recipient {
            id: format!("device{seed}"),
            secret: DeviceSecret::from_bytes([seed; 32]),
        }
    }

    /// Rotation `rotation` of epoch 2 with `key`, sealed for `to`.
    fn key_doc(rotation: &str, key: &[u8; KEY_BYTES], to: &Recipient) -> Value {
        let id = key_document_id(2, rotation, &to.id);
        let doc = seal_key_for(
            &id,
            "1732000000000-000000-x",
            "x",
            2,
            key,
            &OLD,
            &to.id,
            &to.secret.public_key(),
            [3; 32],
            [4; 24],
        )
        .expect("seal");
        serde_json::to_value(doc).expect("json")
    }

    #[test]
    fn two_rotations_of_one_epoch_end_with_the_same_key_on_every_phone() {
        let (a, b, c) = (phone(1), phone(2), phone(3));
        let (first, second) = ([5; KEY_BYTES], [6; KEY_BYTES]);
        // Rotation "r1" reached the feed first; "r2" (made at the same time elsewhere) after it,
        // and the winner's document for c only on a later page.
        let page_one = vec![
            key_doc("r1", &first, &a),
            key_doc("r2", &second, &a),
            key_doc("r2", &second, &b),
            key_doc("r1", &first, &b),
            key_doc("r2", &second, &c),
        ];
        let page_two = vec![key_doc("r1", &first, &c), sealed_doc("z", 2, &first)];
        for me in [&a, &b, &c] {
            let (mut keys, mut claims) = (old_ring(), Claims::new());
            for docs in [page_one.clone(), page_two.clone()] {
                open_page(answer(docs), &mut keys, &mut claims, Some(me)).expect("page");
            }
            assert_eq!(keys.get(2), Some(&first), "{}", me.id);
            assert_eq!(claims.get(&2).map(String::as_str), Some("r1"));
        }
    }

    #[test]
    fn a_change_sealed_with_a_key_learnt_on_the_same_page_opens() {
        let me = phone(1);
        let new = [5; KEY_BYTES];
        let docs = vec![key_doc("r1", &new, &me), sealed_doc("a", 2, &new)];
        let mut keys = old_ring();
        let page = open_page(answer(docs), &mut keys, &mut Claims::new(), Some(&me)).expect("page");
        assert_eq!(ids(&page), ["a"]);
        assert_eq!(page.new_keys, [(2, new)]);
    }
}
