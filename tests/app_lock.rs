//! The app lock in a real browser's IndexedDB: turning it on seals every value that can hold
//! something personal (rows, changes, pages, notes, the device's settings), a migration cut
//! off in the middle loses nothing and resumes, writes made while locked-on stay sealed, a
//! database without its key reads nothing, and turning the lock off opens everything again.
//! Run: cargo test --target wasm32-unknown-unknown --test app_lock
#![cfg(target_arch = "wasm32")]

use lotse::domain::app_lock::{KdfParams, LockRecord, Migration, NonceSource, RestKey};
use lotse::domain::change::RecordKind;
use lotse::storage::error::StorageError;
use lotse::storage::{Database, Edit, KnownRecords};
use serde_json::json;
use wasm_bindgen_test::*;

mod support;

use support::{fields, ignore_events, pulled_change, raw_text};

wasm_bindgen_test_configure!(run_in_browser);

/// What is typed on the phones; none of it may be readable while the lock is on.
const SECRETS: [&str; 6] = [
    "Aylin Kaya",
    "0171 5550101",
    "Jobcenter-Termin wegen Aufenthalt",
    "Anna Schmidt",
    "Selin Demir",
    "Familie Kaya",
];

fn key() -> RestKey {
    RestKey::new([7; 32], NonceSource::new([1; 16]))
}

/// A pulled batch (pages), local edits (rows and changes), a note and a device setting.
async fn organisation(db: &Database) {
    let pulled = vec![
        pulled_change(
            "c-m",
            "aylin",
            RecordKind::Member,
            json!({ "name": "Aylin Kaya", "phones": ["0171 5550101"] }),
            1,
        ),
        pulled_change(
            "c-c",
            "case-a",
            RecordKind::Case,
            json!({ "title": "Familie Kaya", "member_id": "aylin", "opened": "2026-11-01" }),
            2,
        ),
        pulled_change(
            "c-n",
            "note-a",
            RecordKind::Note,
            json!({ "case_id": "case-a", "author": "Anna Schmidt", "text": "Jobcenter-Termin wegen Aufenthalt", "written": "2026-11-02" }),
            3,
        ),
    ];
    db.apply_pulled(pulled, "1", &[], &mut KnownRecords::default())
        .await
        .expect("pull");
    db.apply(vec![
        Edit::Set {
            record_id: "aylin".into(),
            kind: RecordKind::Member,
            fields: fields(json!({ "district": "Marxloh" })),
        },
        Edit::Set {
            record_id: "note-b".into(),
            kind: RecordKind::Note,
            fields: fields(
                json!({ "case_id": "case-a", "author": "Anna Schmidt", "text": "Rückruf" }),
            ),
        },
    ])
    .await
    .expect("local edits");
    db.save_device_setting("note_author", "Anna Schmidt")
        .await
        .expect("setting");
}

/// What the app reads, in a form to compare before and after.
async fn seen(db: &Database) -> String {
    let directory = db.load_directory().await.expect("directory");
    let mut notes: Vec<String> = db
        .notes_of_case("case-a")
        .await
        .expect("notes")
        .into_iter()
        .map(|row| format!("{}={:?}", row.id, row.fields))
        .collect();
    notes.sort();
    let history = db.changes_of("aylin").await.expect("history").len();
    let unpushed = db.unpushed(100).await.expect("unpushed").len();
    let author = db.device_setting("note_author").await.expect("setting");
    format!(
        "{:?} {:?} {notes:?} {history} {unpushed} {author:?}",
        directory.members, directory.cases
    )
}

fn readable(raw: &str) -> Vec<&'static str> {
    SECRETS.into_iter().filter(|s| raw.contains(s)).collect()
}

#[wasm_bindgen_test]
async fn a_lock_seals_everything_personal_survives_an_interruption_and_opens_again() {
    let name = format!("lotse-lock-{}", js_sys::Math::random());
    let db = Database::open(&name, ignore_events()).await.expect("open");
    organisation(&db).await;
    let before = seen(&db).await;
    assert!(
        readable(&raw_text(&name).await).len() >= 4,
        "the test sees the texts before"
    );

    // Turning the lock on: the record first, then batches; the tab closes after one batch.
    let mut record = LockRecord::new(KdfParams::new([2; 16]), "AAAA".into());
    db.save_lock_record(Some(&record)).await.expect("record");
    db.use_key(Some(key()), true);
    db.convert_all(true, Some(1), &|_, _| {})
        .await
        .expect("one batch");
    db.close();
    let db = Database::open(&name, ignore_events())
        .await
        .expect("reopen");
    assert_eq!(db.lock_record().await.expect("lock"), Some(record.clone()));
    db.use_key(Some(key()), true);
    assert_eq!(seen(&db).await, before, "half sealed, everything reads");
    assert!(!readable(&raw_text(&name).await).is_empty(), "not done yet");
    db.convert_all(true, None, &|_, _| {})
        .await
        .expect("resume");
    record.migration = Migration::Sealed;
    db.save_lock_record(Some(&record)).await.expect("sealed");
    let raw = raw_text(&name).await;
    assert_eq!(readable(&raw), Vec::<&str>::new(), "{raw}");
    assert!(raw.contains("case-a"), "ids stay for the indexes");
    assert_eq!(seen(&db).await, before, "sealed, everything reads");

    // Writes with the lock on are sealed: a new member, a pulled batch.
    db.apply(vec![Edit::Set {
        record_id: "selin".into(),
        kind: RecordKind::Member,
        fields: fields(json!({ "name": "Selin Demir" })),
    }])
    .await
    .expect("sealed write");
    db.apply_pulled(
        vec![pulled_change(
            "c-m2",
            "aylin",
            RecordKind::Member,
            json!({ "languages": [{ "code": "tr", "level": "native" }], "name": "Aylin Kaya" }),
            4,
        )],
        "2",
        &[],
        &mut KnownRecords::default(),
    )
    .await
    .expect("sealed pull");
    assert_eq!(readable(&raw_text(&name).await), Vec::<&str>::new());
    let sealed_view = seen(&db).await;
    assert!(sealed_view.contains("Selin Demir"));

    // Without the key (a locked app) nothing reads; with another key neither.
    db.close();
    let locked = Database::open(&name, ignore_events())
        .await
        .expect("locked");
    assert_eq!(locked.record("aylin").await, Err(StorageError::Locked));
    assert_eq!(
        locked.device_setting("note_author").await,
        Err(StorageError::Locked)
    );
    locked.use_key(Some(RestKey::new([8; 32], NonceSource::new([1; 16]))), true);
    assert!(matches!(
        locked.record("aylin").await,
        Err(StorageError::Unreadable(_))
    ));

    // Turning it off: writes readable again, every value opened; interrupted here too.
    record.migration = Migration::Opening;
    locked
        .save_lock_record(Some(&record))
        .await
        .expect("opening");
    locked.use_key(Some(key()), false);
    locked
        .convert_all(false, Some(1), &|_, _| {})
        .await
        .expect("one batch");
    assert_eq!(seen(&locked).await, sealed_view);
    locked
        .convert_all(false, None, &|_, _| {})
        .await
        .expect("the rest");
    locked.save_lock_record(None).await.expect("off");
    locked.use_key(None, false);
    assert_eq!(
        seen(&locked).await,
        sealed_view,
        "opened, everything reads without a key"
    );
    assert!(readable(&raw_text(&name).await).len() >= 4);
    assert_eq!(locked.lock_record().await.expect("no lock"), None);
}

#[wasm_bindgen_test]
async fn a_database_written_by_an_older_schema_is_upgraded_then_sealed_whole() {
    use lotse::storage::schema::SchemaVersion;
    let name = format!("lotse-lock-v4-{}", js_sys::Math::random());
    // Written by the last schema before pages: every row and change a single value.
    let v4 = Database::open_at(&name, SchemaVersion::V4, ignore_events())
        .await
        .expect("v4");
    v4.apply(vec![
        Edit::Set {
            record_id: "aylin".into(),
            kind: RecordKind::Member,
            fields: fields(json!({ "name": "Aylin Kaya", "phones": ["0171 5550101"] })),
        },
        Edit::Set {
            record_id: "note-a".into(),
            kind: RecordKind::Note,
            fields: fields(json!({ "case_id": "case-a", "author": "Anna Schmidt", "text": "Jobcenter-Termin wegen Aufenthalt" })),
        },
    ])
    .await
    .expect("v4 edits");
    v4.close();
    let db = Database::open(&name, ignore_events())
        .await
        .expect("upgrade");
    let before = (
        db.record("aylin").await.expect("row"),
        db.notes_of_case("case-a").await.expect("notes"),
        db.changes_of("aylin").await.expect("history"),
    );
    db.use_key(Some(key()), true);
    db.convert_all(true, None, &|_, _| {}).await.expect("seal");
    assert_eq!(readable(&raw_text(&name).await), Vec::<&str>::new());
    let after = (
        db.record("aylin").await.expect("row"),
        db.notes_of_case("case-a").await.expect("notes"),
        db.changes_of("aylin").await.expect("history"),
    );
    assert_eq!(after, before);
}
