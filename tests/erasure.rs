//! Erasure in a real browser's IndexedDB: the erased records leave rows, pages, changes and
//! notes on the device that erases and on a device that pulls the erasure; a late change of an
//! erased record is not taken; the change ids wait for the server to forget them.
//! Run: cargo test --target wasm32-unknown-unknown --test erasure
#![cfg(target_arch = "wasm32")]

use lotse::domain::change::{Change, RecordKind};
use lotse::domain::erasure::{erasure_fields, ErasedFigures};
use lotse::storage::{Database, Edit, KnownRecords};
use serde_json::json;
use wasm_bindgen_test::*;

mod support;

use support::{ignore_events, pulled_change, raw_text};

wasm_bindgen_test_configure!(run_in_browser);

const NAME: &str = "Aylin Kaya";

/// What another phone wrote about Aylin (and about Farid, who stays).
fn first_sync() -> Vec<Change> {
    vec![
        pulled_change(
            "c-m",
            "aylin",
            RecordKind::Member,
            json!({ "name": NAME, "phones": ["0171 5550101"] }),
            1,
        ),
        pulled_change(
            "c-f",
            "farid",
            RecordKind::Member,
            json!({ "name": "Farid Ahmadi" }),
            2,
        ),
        pulled_change(
            "c-o",
            "offer-a",
            RecordKind::Offer,
            json!({ "member_id": "aylin", "category": "forms", "active": true, "note": "Aylin Kaya kann Formulare" }),
            3,
        ),
        pulled_change(
            "c-c",
            "case-a",
            RecordKind::Case,
            json!({ "title": "Familie Kaya", "member_id": "aylin", "opened": "2026-11-01" }),
            4,
        ),
        pulled_change(
            "c-n",
            "note-a",
            RecordKind::Note,
            json!({ "case_id": "case-a", "author": "Anna", "text": "Aylin Kaya braucht Hilfe beim Jobcenter", "written": "2026-11-02" }),
            5,
        ),
    ]
}

async fn pulled(name: &str, changes: Vec<Change>, position: &str) -> Database {
    let db = Database::open(name, ignore_events()).await.expect("open");
    db.apply_pulled(changes, position, &[], &mut KnownRecords::default())
        .await
        .expect("pull");
    db
}

#[wasm_bindgen_test]
async fn an_erased_person_leaves_rows_pages_changes_and_notes_here_and_on_a_phone_that_pulls_it() {
    let here = format!("lotse-erasure-a-{}", js_sys::Math::random());
    let db = pulled(&here, first_sync(), "1").await;
    // Written here after the sync: an edit (a row outside the pages) and a note in the case.
    db.apply(vec![
        Edit::Set {
            record_id: "aylin".into(),
            kind: RecordKind::Member,
            fields: serde_json::from_value(json!({ "district": "Marxloh" })).expect("fields"),
        },
        Edit::Set {
            record_id: "note-b".into(),
            kind: RecordKind::Note,
            fields: serde_json::from_value(
                json!({ "case_id": "case-a", "author": "Anna", "text": "Rückruf an Aylin Kaya" }),
            )
            .expect("fields"),
        },
    ])
    .await
    .expect("local edits");
    assert!(
        raw_text(&here).await.contains(NAME),
        "the test must see the name before"
    );

    let erased: Vec<String> = ["aylin", "offer-a", "case-a", "note-a"]
        .map(String::from)
        .to_vec();
    let (_, removed) = db
        .erase(
            &erased,
            vec![Edit::Set {
                record_id: "erasure-1".into(),
                kind: RecordKind::Erasure,
                fields: erasure_fields(&erased, &ErasedFigures::default()),
            }],
        )
        .await
        .expect("erase");
    assert!(removed.contains("note-b"), "the case's other note goes too");
    let left = raw_text(&here).await;
    assert!(!left.contains(NAME) && !left.contains("5550101"), "{left}");
    assert!(left.contains("Farid Ahmadi"), "others stay");
    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.keys().collect::<Vec<_>>(), ["farid"]);
    assert!(directory.offers.is_empty() && directory.cases.is_empty());
    assert!(db.notes_of_case("case-a").await.expect("notes").is_empty());
    let mut waiting = db.waiting_purge().await.expect("waiting");
    waiting.sort();
    assert!(["c-c", "c-m", "c-n", "c-o"]
        .iter()
        .all(|id| waiting.contains(&id.to_string())));
    db.purged(&waiting).await.expect("purged");
    assert!(db.waiting_purge().await.expect("waiting").is_empty());
    // The erasure itself is an ordinary change to push.
    let unpushed = db.unpushed(50).await.expect("unpushed");
    assert!(unpushed.iter().any(|c| c.kind == RecordKind::Erasure));
    assert!(!unpushed
        .iter()
        .any(|c| c.record_id == "aylin" || c.record_id == "note-b"));

    // Another phone that synced before pulls the erasure.
    let there = format!("lotse-erasure-b-{}", js_sys::Math::random());
    let other = pulled(&there, first_sync(), "1").await;
    let erasure = pulled_change(
        "c-e",
        "erasure-1",
        RecordKind::Erasure,
        json!({ "records": erased }),
        10,
    );
    let applied = other
        .apply_pulled(vec![erasure], "2", &[], &mut KnownRecords::default())
        .await
        .expect("pull the erasure");
    assert!(applied.erased.contains("aylin") && applied.erased.contains("note-a"));
    let left = raw_text(&there).await;
    assert!(!left.contains(NAME), "{left}");
    assert!(left.contains("Farid Ahmadi"));

    // A phone that was offline sends an edit of Aylin and a note in her case: not taken.
    let late = vec![
        pulled_change(
            "c-late",
            "aylin",
            RecordKind::Member,
            json!({ "name": NAME }),
            11,
        ),
        pulled_change(
            "c-late-n",
            "note-c",
            RecordKind::Note,
            json!({ "case_id": "case-a", "text": "Aylin Kaya" }),
            12,
        ),
    ];
    let applied = other
        .apply_pulled(late, "3", &[], &mut KnownRecords::default())
        .await
        .expect("pull the late changes");
    assert_eq!(applied.new_changes, 0);
    assert!(!raw_text(&there).await.contains(NAME));
    let waiting = other.waiting_purge().await.expect("waiting");
    assert!(waiting.contains(&"c-late".to_owned()) && waiting.contains(&"c-late-n".to_owned()));
    assert_eq!(other.sync_position().await.expect("position"), "3");
}
