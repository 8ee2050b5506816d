//! Which offers were deleted together with their member. Deleting a member deletes their
//! offers in the same transaction; keeping the member after all (a delete that raced an edit)
//! must bring back those offers – and not the ones deleted on their own before.

use super::change::RecordRow;
use super::conflict::DELETION_CONFLICT;
use super::hlc::Stamp;

/// How long before the member's delete an offer's delete may be to count as made with it.
/// Both are written in one transaction on one device, so their stamps are milliseconds apart;
/// two seconds leaves room for a slow phone, while an offer deleted on its own was deleted
/// at least minutes earlier (a person opened it, chose delete and confirmed).
pub const TOGETHER_MILLIS: u64 = 2_000;

/// The stamp of the delete that raced an edit of `member`, if there is one.
pub fn racing_delete(member: &RecordRow) -> Option<Stamp> {
    member
        .conflicts
        .get(DELETION_CONFLICT)?
        .iter()
        .find(|candidate| candidate.value == true)?
        .stamp
        .parse()
        .ok()
}

/// Whether `offer` (a deleted offer row of the member) was deleted by the member's delete
/// stamped `member_delete`: by the same device, at most `TOGETHER_MILLIS` before it.
pub fn deleted_together(offer: &RecordRow, member_delete: &Stamp) -> bool {
    offer.updated.parse::<Stamp>().is_ok_and(|stamp| {
        stamp.device == member_delete.device
            && stamp.millis <= member_delete.millis
            && member_delete.millis - stamp.millis <= TOGETHER_MILLIS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;
    use crate::domain::conflict::Candidate;
    use serde_json::json;

    fn stamp(millis: u64, device: &str) -> Stamp {
        Stamp {
            millis,
            counter: 0,
            device: device.to_owned(),
        }
    }

    fn offer_deleted_at(at: &Stamp) -> RecordRow {
        RecordRow {
            id: "offer".into(),
            kind: RecordKind::Offer,
            fields: Default::default(),
            heads: Vec::new(),
            updated: at.to_string(),
            deleted: true,
            conflicts: Default::default(),
            conflicted: None,
        }
    }

    #[test]
    fn an_offer_deleted_in_the_same_moment_by_the_same_device_was_deleted_with_the_member() {
        let member = stamp(1_764_000_010_000, "phone-a");
        assert!(deleted_together(
            &offer_deleted_at(&stamp(1_764_000_009_990, "phone-a")),
            &member
        ));
        assert!(deleted_together(&offer_deleted_at(&member), &member));
        // Deleted on its own a minute before, on another phone, or after the member.
        for other in [
            stamp(1_764_000_010_000 - 60_000, "phone-a"),
            stamp(1_764_000_009_990, "phone-b"),
            stamp(1_764_000_010_001, "phone-a"),
        ] {
            assert!(
                !deleted_together(&offer_deleted_at(&other), &member),
                "{other}"
            );
        }
        let mut unreadable = offer_deleted_at(&member);
        unreadable.updated = "yesterday".into();
        assert!(!deleted_together(&unreadable, &member));
    }

    #[test]
    fn the_racing_delete_is_the_candidate_that_deletes() {
        let delete = stamp(1_764_000_010_000, "phone-a");
        let mut member = offer_deleted_at(&delete);
        member.kind = RecordKind::Member;
        let candidate = |value, at: &Stamp| Candidate {
            value,
            change_id: "c".into(),
            device_id: at.device.clone(),
            stamp: at.to_string(),
        };
        member.conflicts.insert(
            DELETION_CONFLICT.to_owned(),
            vec![
                candidate(json!(false), &stamp(1_764_000_011_000, "phone-b")),
                candidate(json!(true), &delete),
            ],
        );
        assert_eq!(racing_delete(&member), Some(delete));
        member.conflicts.clear();
        assert_eq!(racing_delete(&member), None);
    }
}
