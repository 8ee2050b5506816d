use super::*;
use proptest::prelude::*;
use serde_json::json;

fn change(
    id: &str,
    device: &str,
    stamp: &str,
    replaces: &[&str],
    fields: &[(&str, Value)],
) -> Change {
    Change {
        id: id.to_owned(),
        record_id: "r".to_owned(),
        kind: RecordKind::Organisation,
        fields: fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        stamp: stamp.to_owned(),
        device_id: device.to_owned(),
        replaces: replaces.iter().map(|s| (*s).to_owned()).collect(),
        deletes: false,
    }
}

fn deletion(id: &str, device: &str, stamp: &str, replaces: &[&str]) -> Change {
    Change {
        deletes: true,
        ..change(id, device, stamp, replaces, &[])
    }
}

#[test]
fn nothing_to_merge_is_no_record() {
    assert_eq!(merge(&[]), None);
}

#[test]
fn a_later_edit_replaces_an_earlier_one() {
    let a = change(
        "a",
        "phone1",
        "1",
        &[],
        &[("name", json!("Ali")), ("district", json!("Nord"))],
    );
    let b = change("b", "phone2", "2", &["a"], &[("name", json!("Ali K."))]);
    let merged = merge(&[b, a]).expect("record");
    assert_eq!(merged.fields["name"], json!("Ali K."));
    assert_eq!(merged.fields["district"], json!("Nord"));
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.heads, vec!["b".to_owned()]);
}

#[test]
fn concurrent_edits_of_different_fields_both_survive() {
    let base = change(
        "base",
        "p1",
        "1",
        &[],
        &[("name", json!("Olga")), ("phone", json!("+491"))],
    );
    let left = change("l", "p1", "2", &["base"], &[("name", json!("Olga M."))]);
    let right = change("r", "p2", "3", &["base"], &[("phone", json!("+492"))]);
    let merged = merge(&[base, left, right]).expect("record");
    assert_eq!(merged.fields["name"], json!("Olga M."));
    assert_eq!(merged.fields["phone"], json!("+492"));
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.heads, vec!["l".to_owned(), "r".to_owned()]);
}

#[test]
fn concurrent_edits_of_the_same_field_are_a_visible_conflict() {
    let base = change("base", "p1", "1", &[], &[("name", json!("Sirin"))]);
    let left = change("l", "p1", "2", &["base"], &[("name", json!("Şirin"))]);
    let right = change("r", "p2", "3", &["base"], &[("name", json!("Shirin"))]);
    let merged = merge(&[right.clone(), base.clone(), left.clone()]).expect("record");
    let candidates = &merged.conflicts["name"];
    assert_eq!(candidates.len(), 2);
    assert_eq!(candidates[0].value, json!("Shirin"), "newest first");
    assert_eq!(candidates[1].value, json!("Şirin"));
    assert_eq!(candidates[1].device_id, "p1");
    assert_eq!(merged.fields["name"], json!("Shirin"));

    // A person picks one: an edit on top of both heads resolves the conflict everywhere.
    let resolved = change("fix", "p3", "4", &["l", "r"], &[("name", json!("Şirin"))]);
    let merged = merge(&[base, left, right, resolved]).expect("record");
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.fields["name"], json!("Şirin"));
}

#[test]
fn the_same_value_written_concurrently_is_no_conflict() {
    let base = change("base", "p1", "1", &[], &[("name", json!("A"))]);
    let left = change("l", "p1", "2", &["base"], &[("name", json!("B"))]);
    let right = change("r", "p2", "3", &["base"], &[("name", json!("B"))]);
    assert!(merge(&[base, left, right])
        .expect("record")
        .conflicts
        .is_empty());
}

#[test]
fn a_delete_racing_an_edit_is_shown_not_dropped() {
    let base = change("base", "p1", "1", &[], &[("name", json!("Dari group"))]);
    let edit = change(
        "e",
        "p1",
        "2",
        &["base"],
        &[("note", json!("moved to Tuesday"))],
    );
    let delete = deletion("d", "p2", "3", &["base"]);
    let merged = merge(&[base.clone(), edit.clone(), delete.clone()]).expect("record");
    assert_eq!(
        merged.deletion,
        Deletion::DeletedWhileEdited {
            edits: vec!["e".to_owned()]
        }
    );
    assert_eq!(
        merged.fields["note"],
        json!("moved to Tuesday"),
        "the edit's data is kept"
    );
    // It is offered to a person like a field conflict: the delete and the edit, newest first,
    // and the row stays visible until someone decides.
    let racing: Vec<(Value, &str)> = merged.conflicts[DELETION_CONFLICT]
        .iter()
        .map(|c| (c.value.clone(), c.device_id.as_str()))
        .collect();
    assert_eq!(racing, vec![(json!(true), "p2"), (json!(false), "p1")]);
    let row = merged.clone().into_row();
    assert!(!row.deleted);
    assert_eq!(row.conflicted, Some(1));
    // An edit on top of both settles it, keeping the record.
    let keep = change("k", "p1", "4", &["d", "e"], &[]);
    let settled = crate::domain::change::RecordRow::with_local_change(Some(&row), &keep);
    assert!(settled.conflicts.is_empty() && !settled.deleted);

    // Confirming the delete on top of both: deleted for good.
    let confirm = deletion("c", "p1", "4", &["e", "d"]);
    assert_eq!(
        merge(&[base.clone(), edit.clone(), delete.clone(), confirm])
            .expect("r")
            .deletion,
        Deletion::Deleted
    );
    // Restoring instead: an edit on top of both brings it back.
    let restore = change(
        "u",
        "p1",
        "4",
        &["e", "d"],
        &[("name", json!("Dari group"))],
    );
    assert_eq!(
        merge(&[base, edit, delete, restore]).expect("r").deletion,
        Deletion::Alive
    );
}

#[test]
fn duplicates_change_nothing() {
    let a = change("a", "p1", "1", &[], &[("name", json!("X"))]);
    let b = change("b", "p1", "2", &["a"], &[("name", json!("Y"))]);
    assert_eq!(
        merge(&[a.clone(), b.clone()]),
        merge(&[b.clone(), a.clone(), b, a])
    );
}

#[test]
fn merging_a_linear_local_history_matches_the_incremental_row() {
    use crate::domain::change::LocalEdit;
    let mut row = None;
    let mut all = Vec::new();
    for (i, name) in ["A", "B", "C"].iter().enumerate() {
        let fields = Fields::from([
            ("name".to_owned(), json!(name)),
            (format!("f{i}"), json!(i)),
        ]);
        let edit = LocalEdit::new(
            format!("c{i}"),
            "r",
            RecordKind::Organisation,
            fields,
            format!("{i}"),
            "p",
            row.as_ref(),
        );
        all.push(edit.change);
        row = Some(edit.row);
    }
    let row = row.expect("row");
    let merged = merge(&all).expect("merged");
    assert_eq!(merged.fields, row.fields);
    assert_eq!(merged.heads, row.heads);
    assert_eq!(merged.updated, row.updated);
}

/// One step of a random schedule: a device edits or deletes, or learns another's changes.
#[derive(Clone, Debug)]
enum Step {
    Edit {
        device: usize,
        field: usize,
        value: u8,
    },
    Delete {
        device: usize,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

const DEVICES: usize = 3;
const FIELD_NAMES: [&str; 3] = ["name", "phone", "district"];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..DEVICES, 0..FIELD_NAMES.len(), 0u8..4).prop_map(|(device, field, value)| Step::Edit { device, field, value }),
        1 => (0..DEVICES).prop_map(|device| Step::Delete { device }),
        3 => (0..DEVICES, 0..DEVICES).prop_map(|(from, to)| Step::Sync { from, to }),
    ]
}

/// Runs a schedule; returns what each device holds and every change made.
fn run(schedule: &[Step]) -> (Vec<Vec<Change>>, Vec<Change>) {
    let mut held: Vec<Vec<Change>> = vec![Vec::new(); DEVICES];
    let mut made = Vec::new();
    for (n, step) in schedule.iter().enumerate() {
        match *step {
            Step::Edit { device, .. } | Step::Delete { device } => {
                let heads = merge(&held[device]).map(|m| m.heads).unwrap_or_default();
                let replaces: Vec<&str> = heads.iter().map(String::as_str).collect();
                let id = format!("c{n}");
                let stamp = format!("{n:04}");
                let device_id = format!("d{device}");
                let new = match *step {
                    Step::Edit { field, value, .. } => change(
                        &id,
                        &device_id,
                        &stamp,
                        &replaces,
                        &[(FIELD_NAMES[field], json!(value))],
                    ),
                    _ => deletion(&id, &device_id, &stamp, &replaces),
                };
                held[device].push(new.clone());
                made.push(new);
            }
            Step::Sync { from, to } => {
                let incoming = held[from].clone();
                held[to].extend(incoming);
            }
        }
    }
    (held, made)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_order_and_any_duplicates_give_the_same_record(
        schedule in prop::collection::vec(step(), 1..40),
        seed in any::<u64>(),
    ) {
        let (_, made) = run(&schedule);
        let mut shuffled = made.clone();
        shuffled.extend(made.iter().take((seed % 5) as usize).cloned());
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(merge(&made), merge(&shuffled));
    }

    #[test]
    fn devices_that_hold_the_same_changes_agree_and_nothing_unreplaced_is_lost(
        schedule in prop::collection::vec(step(), 1..40),
    ) {
        let (mut held, made) = run(&schedule);
        // Final full sync: every device receives everything.
        for device in held.iter_mut() {
            device.extend(made.iter().cloned());
        }
        let results: Vec<_> = held.iter().map(|h| merge(h)).collect();
        for other in &results[1..] {
            prop_assert_eq!(&results[0], other);
        }
        if let Some(merged) = &results[0] {
            if let Some(lost) = first_lost_value(&made, merged) {
                prop_assert!(false, "{}", lost);
            }
        }
    }
}

/// The first value some change wrote into a field that no later change (one made knowing it)
/// replaced, yet the merged record shows neither as the value nor among the conflict
/// candidates; None if nothing was lost. Shared with the sync protocol's property test.
pub(crate) fn first_lost_value(changes: &[Change], merged: &MergedRecord) -> Option<String> {
    for change in changes {
        for (name, value) in &change.fields {
            let replaced = changes.iter().any(|later| {
                later.id != change.id
                    && later.fields.contains_key(name)
                    && knows(changes, &later.id, &change.id)
            });
            let visible = merged.fields.get(name) == Some(value)
                || merged
                    .conflicts
                    .get(name)
                    .is_some_and(|candidates| candidates.iter().any(|c| &c.value == value));
            if !replaced && !visible {
                return Some(format!("{name} = {value} from {} lost", change.id));
            }
        }
    }
    None
}

/// Reference implementation of "later was made knowing earlier", straight from the links.
fn knows(all: &[Change], later: &str, earlier: &str) -> bool {
    let mut stack = vec![later.to_owned()];
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        for c in all.iter().filter(|c| c.id == id) {
            for r in &c.replaces {
                if r == earlier {
                    return true;
                }
                if seen.insert(r.clone()) {
                    stack.push(r.clone());
                }
            }
        }
    }
    false
}
