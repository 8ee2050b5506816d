//! Storage in a real browser (headless Chromium via wasm-bindgen-test): the change log, device
//! identity, every schema upgrade with data written by the older schema, and the events that
//! tell the app about other tabs. Run: cargo test --target wasm32-unknown-unknown --test storage
#![cfg(target_arch = "wasm32")]

use indexed_db_futures::database::Database as IdbDatabase;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lotse::domain::calendar::Date;
use lotse::domain::change::{Change, Fields, RecordKind, RecordRow};
use lotse::domain::directory::Directory;
use lotse::domain::hlc::Stamp;
use lotse::domain::seed::{generate, SeedSize};
use lotse::storage::convert::from_js_exception;
use lotse::storage::error::StorageError;
use lotse::storage::schema::{
    SchemaVersion, CHANGES, CHANGE_PAGES, MIGRATION_DEVICE, RECORDS, RECORD_PAGES,
};
use lotse::storage::{Database, DatabaseEvent, Edit, EventSink, KnownRecords};
use serde::Serialize;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn unique_name(test: &str) -> String {
    format!("lotse-test-{test}-{}", js_sys::Math::random())
}

fn ignore_events() -> EventSink {
    Rc::new(|_| {})
}

fn recorder() -> (Rc<RefCell<Vec<DatabaseEvent>>>, EventSink) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    (seen, Rc::new(move |event| sink.borrow_mut().push(event)))
}

/// One edit on its own, as most UI actions are.
async fn edit(
    db: &Database,
    record_id: &str,
    kind: RecordKind,
    fields: Fields,
) -> Result<RecordRow, StorageError> {
    let mut rows = db
        .apply(vec![Edit::Set {
            record_id: record_id.to_owned(),
            kind,
            fields,
        }])
        .await?;
    Ok(rows.remove(0))
}

fn name_fields(name: &str) -> Fields {
    Fields::from([("name".to_owned(), json!(name))])
}

#[wasm_bindgen_test]
async fn a_device_keeps_its_id_across_reopening() {
    let name = unique_name("device");
    let first = Database::open(&name, ignore_events()).await.expect("open");
    let id = first.device_id().to_owned();
    first.close();
    let again = Database::open(&name, ignore_events())
        .await
        .expect("reopen");
    assert_eq!(again.device_id(), id);
    assert_eq!(id.len(), 36, "a UUID: {id}");
}

#[wasm_bindgen_test]
async fn an_edit_stores_the_change_and_the_row_together() {
    let name = unique_name("edit");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    assert_eq!(db.record("org").await, Ok(None));

    let first = edit(
        &db,
        "org",
        RecordKind::Organisation,
        name_fields("Brücke e.V."),
    )
    .await
    .expect("first edit");
    let second = edit(
        &db,
        "org",
        RecordKind::Organisation,
        name_fields("Köprü – Brücke e.V."),
    )
    .await
    .expect("second edit");

    let row = db.record("org").await.expect("read").expect("row exists");
    assert_eq!(row, second);
    assert_eq!(row.text("name"), Some("Köprü – Brücke e.V."));
    let changes = db.changes_of("org").await.expect("changes");
    assert_eq!(changes.len(), 2);
    assert_eq!(
        changes[1].replaces, first.heads,
        "the second edit names the version it replaced"
    );
    assert!(changes[0].stamp < changes[1].stamp);
    assert!(changes.iter().all(|c| c.device_id == db.device_id()));
}

#[wasm_bindgen_test]
async fn the_clock_continues_after_reopening() {
    let name = unique_name("clock");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    edit(&db, "org", RecordKind::Organisation, name_fields("A"))
        .await
        .expect("edit");
    db.close();
    let db = Database::open(&name, ignore_events())
        .await
        .expect("reopen");
    edit(&db, "org", RecordKind::Organisation, name_fields("B"))
        .await
        .expect("edit");
    let changes = db.changes_of("org").await.expect("changes");
    assert!(changes[0].stamp < changes[1].stamp, "{changes:?}");
}

/// Writes rows exactly as schema v1 stored them (no `heads`, no change log).
async fn write_v1_rows(name: &str, rows: &[(&str, &str, &str)]) {
    let raw = IdbDatabase::open(name)
        .with_version(1u32)
        .await
        .expect("raw open at v1");
    let tx = raw
        .transaction(RECORDS)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("tx");
    let store = tx.object_store(RECORDS).expect("store");
    for (id, org_name, updated) in rows {
        let row = json!({ "id": id, "kind": "organisation", "fields": { "name": org_name }, "updated": updated });
        let js = row
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .expect("to js");
        store
            .put(js)
            .primitive()
            .expect("put")
            .await
            .expect("put done");
    }
    tx.commit().await.expect("commit");
    raw.close();
}

#[wasm_bindgen_test]
async fn upgrading_from_v1_keeps_every_record_and_starts_its_history() {
    let name = unique_name("v1");
    let v1 = Database::open_at(&name, SchemaVersion::V1, ignore_events())
        .await
        .expect("create v1");
    v1.close();
    write_v1_rows(
        &name,
        &[
            (
                "organisation",
                "جمعية الجسر",
                "1732000000000-000000-old-phone",
            ),
            ("other", "Мост", "1732000000001-000000-old-phone"),
        ],
    )
    .await;

    let db = Database::open(&name, ignore_events())
        .await
        .expect("upgrade to current");
    for (id, expected) in [("organisation", "جمعية الجسر"), ("other", "Мост")] {
        let row = db
            .record(id)
            .await
            .expect("read")
            .expect("row survived the upgrade");
        assert_eq!(row.text("name"), Some(expected));
        let changes = db.changes_of(id).await.expect("changes");
        assert_eq!(changes.len(), 1, "one change derived from the v1 row");
        assert_eq!(changes[0].device_id, MIGRATION_DEVICE);
        assert_eq!(row.heads, vec![changes[0].id.clone()]);
    }
    // And the upgraded database takes new edits on top of the migrated history.
    let edited = edit(
        &db,
        "organisation",
        RecordKind::Organisation,
        name_fields("Köprü"),
    )
    .await
    .expect("edit");
    assert_eq!(edited.heads.len(), 1);
    let changes = db.changes_of("organisation").await.expect("changes");
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].replaces, vec![changes[0].id.clone()]);
}

#[wasm_bindgen_test]
async fn a_fresh_database_has_every_store_of_the_current_schema() {
    let name = unique_name("fresh");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    db.close();
    let raw = IdbDatabase::open(&name).await.expect("raw open");
    assert_eq!(raw.version() as u32, SchemaVersion::CURRENT.number());
    let stores: Vec<String> = raw.object_store_names().collect();
    for store in [RECORDS, CHANGES, "meta", RECORD_PAGES, CHANGE_PAGES] {
        assert!(
            stores.iter().any(|s| s == store),
            "{store} missing in {stores:?}"
        );
    }
    raw.close();
}

#[wasm_bindgen_test]
async fn an_old_connection_hears_that_another_tab_upgraded() {
    let name = unique_name("versionchange");
    let (seen, on_event) = recorder();
    let old = Database::open_at(&name, SchemaVersion::V1, on_event)
        .await
        .expect("old tab");
    let new = Database::open(&name, ignore_events())
        .await
        .expect("new tab upgrades");
    assert_eq!(*seen.borrow(), vec![DatabaseEvent::VersionChanged]);
    // The old tab's connection is closed: using it fails with an app-wide error, not a panic.
    let err = old
        .record("organisation")
        .await
        .expect_err("closed connection");
    assert!(err.affects_whole_app(), "{err:?}");
    assert_eq!(new.record("organisation").await, Ok(None));
}

#[wasm_bindgen_test]
async fn an_upgrade_waiting_for_another_tab_is_reported_as_blocked() {
    let name = unique_name("blocked");
    let created = Database::open_at(&name, SchemaVersion::V1, ignore_events())
        .await
        .expect("v1");
    created.close();
    // A connection that (unlike Lotse's) does not close itself when asked.
    let stubborn = Rc::new(RefCell::new(Some(
        IdbDatabase::open(&name)
            .with_version(1u32)
            .await
            .expect("raw"),
    )));
    let seen = Rc::new(RefCell::new(Vec::new()));
    let on_event: EventSink = {
        let seen = seen.clone();
        let stubborn = stubborn.clone();
        Rc::new(move |event| {
            seen.borrow_mut().push(event);
            // The user closes the other tab.
            if let Some(db) = stubborn.borrow_mut().take() {
                db.close();
            }
        })
    };
    let db = Database::open(&name, on_event)
        .await
        .expect("opens once the other tab is gone");
    assert_eq!(*seen.borrow(), vec![DatabaseEvent::Blocked]);
    assert_eq!(db.record("x").await, Ok(None));
}

#[wasm_bindgen_test]
fn browser_exceptions_are_classified_by_name() {
    let quota = web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError")
        .expect("exception");
    assert_eq!(
        from_js_exception(&JsValue::from(quota)),
        StorageError::QuotaExceeded
    );
    let other = js_sys::Error::new("boom");
    assert!(matches!(
        from_js_exception(&JsValue::from(other)),
        StorageError::Failed(_)
    ));
}

fn note_fields(case_id: &str, text: &str) -> Fields {
    Fields::from([
        ("case_id".to_owned(), json!(case_id)),
        ("author".to_owned(), json!("Olga")),
        ("text".to_owned(), json!(text)),
        ("written".to_owned(), json!("2026-11-25T10:00")),
    ])
}

fn set(record_id: &str, kind: RecordKind, fields: Fields) -> Edit {
    Edit::Set {
        record_id: record_id.to_owned(),
        kind,
        fields,
    }
}

#[wasm_bindgen_test]
async fn upgrading_from_v2_finds_existing_notes_by_case() {
    let name = unique_name("v2");
    let v2 = Database::open_at(&name, SchemaVersion::V2, ignore_events())
        .await
        .expect("create v2");
    v2.apply(vec![
        set(
            "n1",
            RecordKind::Note,
            note_fields("case-a", "Erstgespräch"),
        ),
        set(
            "n2",
            RecordKind::Note,
            note_fields("case-b", "Anderer Fall"),
        ),
        set("m1", RecordKind::Member, name_fields("Ayşe")),
    ])
    .await
    .expect("v2 data");
    v2.close();
    let db = Database::open(&name, ignore_events())
        .await
        .expect("upgrade to v3");
    let notes = db.notes_of_case("case-a").await.expect("notes");
    assert_eq!(
        notes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        vec!["n1"]
    );
    assert_eq!(db.load_directory().await.expect("members").members.len(), 1);
}

#[wasm_bindgen_test]
async fn edits_made_together_are_stored_together_or_not_at_all() {
    let name = unique_name("atomic");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    db.apply(vec![
        set(
            "case",
            RecordKind::Case,
            Fields::from([("title".to_owned(), json!("Familie K."))]),
        ),
        set(
            "n1",
            RecordKind::Note,
            note_fields("case", "Antrag abgegeben"),
        ),
    ])
    .await
    .expect("note with its case");

    // Notes are append-only: changing one fails, and the case edit in the same action with it.
    let err = db
        .apply(vec![
            set(
                "case",
                RecordKind::Case,
                Fields::from([("follow_up".to_owned(), json!("2026-12-01"))]),
            ),
            set(
                "n1",
                RecordKind::Note,
                note_fields("case", "rewritten history"),
            ),
        ])
        .await
        .expect_err("notes cannot be edited");
    assert_eq!(err, StorageError::NotEditable);
    let case = db.record("case").await.expect("read").expect("case");
    assert_eq!(
        case.fields.get("follow_up"),
        None,
        "rolled back with the failed note edit"
    );
    assert_eq!(db.changes_of("case").await.expect("changes").len(), 1);
    let err = db
        .apply(vec![Edit::Delete {
            record_id: "n1".into(),
        }])
        .await
        .expect_err("no deleting notes");
    assert_eq!(err, StorageError::NotEditable);
}

#[wasm_bindgen_test]
async fn a_delete_is_a_change_and_keeps_the_row() {
    let name = unique_name("delete");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    edit(&db, "m1", RecordKind::Member, name_fields("Hans"))
        .await
        .expect("create");
    let rows = db
        .apply(vec![Edit::Delete {
            record_id: "m1".into(),
        }])
        .await
        .expect("delete");
    assert!(rows[0].deleted);
    let stored = db.record("m1").await.expect("read").expect("row kept");
    assert!(stored.deleted);
    assert_eq!(stored.text("name"), Some("Hans"));
    let changes = db.changes_of("m1").await.expect("changes");
    assert!(changes[1].deletes);
    let missing = db
        .apply(vec![Edit::Delete {
            record_id: "nobody".into(),
        }])
        .await
        .expect_err("nothing to delete");
    assert_eq!(missing, StorageError::NotFound("nobody".into()));
}

#[wasm_bindgen_test]
async fn an_imported_demo_organisation_reads_back_completely() {
    let name = unique_name("import");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let today = Date::parse("2026-11-25").expect("date");
    let records = generate(SeedSize::DEMO, 11, today);
    assert_eq!(db.import(&records).await, Ok(records.len()));
    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), SeedSize::DEMO.members);
    assert_eq!(directory.offers.len(), SeedSize::DEMO.offers);
    assert_eq!(directory.cases.len(), SeedSize::DEMO.cases);
    let a_case = directory.cases.keys().next().expect("a case").clone();
    let notes = db.notes_of_case(&a_case).await.expect("notes");
    assert!(notes
        .iter()
        .all(|n| n.kind == RecordKind::Note && n.fields["case_id"] == json!(a_case)));
}

/// A change as another phone made it, on top of `replaces`.
fn remote_change(
    id: &str,
    record_id: &str,
    fields: Fields,
    replaces: &[String],
    millis: u64,
) -> Change {
    Change {
        id: id.to_owned(),
        record_id: record_id.to_owned(),
        kind: RecordKind::Member,
        fields,
        stamp: Stamp {
            millis,
            counter: 0,
            device: "other-phone".to_owned(),
        }
        .to_string(),
        device_id: "other-phone".to_owned(),
        replaces: replaces.to_vec(),
        deletes: false,
    }
}

#[wasm_bindgen_test]
async fn upgrading_from_v3_queues_every_existing_change_for_the_first_push() {
    let name = unique_name("v3");
    let v3 = Database::open_at(&name, SchemaVersion::V3, ignore_events())
        .await
        .expect("create v3");
    edit(&v3, "m1", RecordKind::Member, name_fields("Ayşe"))
        .await
        .expect("m1");
    edit(&v3, "m2", RecordKind::Member, name_fields("Olga"))
        .await
        .expect("m2");
    v3.close();
    let db = Database::open(&name, ignore_events())
        .await
        .expect("upgrade to v4");
    let waiting = db.unpushed(10).await.expect("unpushed");
    assert_eq!(
        waiting
            .iter()
            .map(|c| c.record_id.as_str())
            .collect::<Vec<_>>(),
        vec!["m1", "m2"],
        "oldest first"
    );
    assert_eq!(db.unpushed_count().await.expect("count"), 2);
    // Acknowledged in two batches; the next edit is the only one left.
    db.mark_pushed(&db.unpushed(1).await.expect("first"))
        .await
        .expect("ack 1");
    assert_eq!(db.unpushed(10).await.expect("rest").len(), 1);
    assert_eq!(db.unpushed_count().await.expect("count"), 1);
    db.mark_pushed(&waiting).await.expect("ack all");
    assert!(db.unpushed(10).await.expect("none").is_empty());
    assert_eq!(db.unpushed_count().await.expect("count"), 0);
    edit(&db, "m1", RecordKind::Member, name_fields("Ayşe K."))
        .await
        .expect("edit");
    let next = db.unpushed(10).await.expect("next");
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].fields["name"], json!("Ayşe K."));
}

#[wasm_bindgen_test]
async fn a_record_pulled_over_several_batches_merges_its_whole_history() {
    let name = unique_name("pull-pages");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    // The first page brings the member; the second an edit of it (twice: a repeated change
    // in one page is harmless) and a member that is new.
    let created = remote_change("p1", "m3", name_fields("Şirin"), &[], 1);
    db.apply_pulled(vec![created], "1", &[], &mut KnownRecords::default())
        .await
        .expect("page 1");
    let edited = remote_change(
        "p2",
        "m3",
        Fields::from([("district".to_owned(), json!("Marxloh"))]),
        &["p1".to_owned()],
        2,
    );
    let other = remote_change("p3", "m4", name_fields("Olga"), &[], 3);
    let applied = db
        .apply_pulled(
            vec![edited.clone(), edited, other],
            "2",
            &[],
            &mut KnownRecords::default(),
        )
        .await
        .expect("page 2");
    assert_eq!(applied.new_changes, 2, "the repeated change counted once");
    assert_eq!(
        db.changes_of("m3").await.expect("history").len(),
        2,
        "the repeated change is stored once"
    );
    // The row holds both changes: the name from the first page, the district from the second.
    let row = db.record("m3").await.expect("read").expect("m3");
    assert_eq!(row.fields["name"], json!("Şirin"));
    assert_eq!(row.fields["district"], json!("Marxloh"));
    assert_eq!(row.heads, vec!["p2".to_owned()]);
    assert_eq!(applied.rows.len(), 2);
    assert_eq!(
        db.record("m4").await.expect("read").expect("m4").fields["name"],
        json!("Olga")
    );
}

#[wasm_bindgen_test]
async fn pulled_changes_merge_with_local_ones_and_the_position_is_kept() {
    let name = unique_name("pull");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let local = edit(
        &db,
        "m1",
        RecordKind::Member,
        Fields::from([
            ("name".to_owned(), json!("Farid")),
            ("district".to_owned(), json!("Nord")),
        ]),
    )
    .await
    .expect("local");
    // Another phone changed the district of the same version, and added a member.
    let theirs = remote_change(
        "r1",
        "m1",
        Fields::from([("district".to_owned(), json!("Eving"))]),
        &local.heads,
        1,
    );
    let new_member = remote_change("r2", "m2", name_fields("Olga"), &[], 2);
    let applied = db
        .apply_pulled(
            vec![theirs.clone(), new_member.clone()],
            "2",
            &[],
            &mut KnownRecords::default(),
        )
        .await
        .expect("apply");
    assert_eq!(applied.new_changes, 2);
    assert_eq!(db.sync_position().await.expect("position"), "2");
    let row = db.record("m1").await.expect("read").expect("m1");
    // The rows handed back for the in-memory view are the ones stored.
    let returned: Vec<&RecordRow> = applied.rows.iter().filter(|r| r.id == "m1").collect();
    assert_eq!(returned, vec![&row]);
    assert_eq!(applied.rows.len(), 2);
    assert_eq!(row.fields["name"], json!("Farid"));
    assert_eq!(row.fields["district"], json!("Eving"));
    assert_eq!(row.heads, vec!["r1".to_owned()]);
    assert!(db.record("m2").await.expect("read").is_some());
    // The same batch again (a retried pull) changes nothing; pulled changes are not pushed back.
    assert_eq!(
        db.apply_pulled(
            vec![theirs, new_member],
            "2",
            &[],
            &mut KnownRecords::default()
        )
        .await
        .expect("again")
        .new_changes,
        0
    );
    assert!(db
        .unpushed(10)
        .await
        .expect("unpushed")
        .iter()
        .all(|c| c.device_id == db.device_id()));
    // The next local edit is stamped after what was seen from the other phone.
    let next = edit(&db, "m2", RecordKind::Member, name_fields("Olga P."))
        .await
        .expect("edit");
    assert!(next.updated.as_str() > "0");
    assert_eq!(next.heads.len(), 1);
}

/// The demo organisation as another phone's changes, one per record.
fn demo_as_pulled() -> Vec<Change> {
    let today = Date::parse("2026-11-25").expect("date");
    generate(SeedSize::DEMO, 11, today)
        .into_iter()
        .enumerate()
        .map(|(n, record)| Change {
            id: format!("pulled-{n}"),
            kind: record.kind,
            ..remote_change(
                &format!("pulled-{n}"),
                &record.id,
                record.fields,
                &[],
                1 + n as u64,
            )
        })
        .collect()
}

/// Every case's notes belong to it, none is listed twice, and together they are the demo's.
async fn expect_every_demo_note_once(db: &Database, directory: &Directory) {
    let mut ids = std::collections::BTreeSet::new();
    for case_id in directory.cases.keys() {
        for note in db.notes_of_case(case_id).await.expect("notes") {
            assert_eq!(note.text("case_id"), Some(case_id.as_str()));
            assert!(ids.insert(note.id), "a note listed twice");
        }
    }
    assert_eq!(ids.len(), SeedSize::DEMO.notes);
}

#[wasm_bindgen_test]
async fn a_first_sync_is_stored_in_pages_and_reads_back_everywhere() {
    let name = unique_name("pages");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let pulled = demo_as_pulled();
    let mut known = KnownRecords::default();
    let (first, second) = pulled.split_at(150);
    for (batch, position) in [(first, "1"), (second, "2")] {
        db.apply_pulled(batch.to_vec(), position, &[], &mut known)
            .await
            .expect("apply");
    }
    // Packed: a few pages instead of two rows per record.
    let raw = IdbDatabase::open(&name).await.expect("raw open");
    let count = |store: &'static str| {
        let tx = raw.transaction(store).build().expect("tx");
        async move {
            tx.object_store(store)
                .expect("store")
                .count()
                .await
                .expect("count")
        }
    };
    assert_eq!(count(RECORDS).await, 0);
    assert_eq!(count(CHANGES).await, 0);
    assert_eq!(count(CHANGE_PAGES).await, 2);
    // Per batch: the people, the rest of the directory, the notes.
    assert!((2..=6).contains(&count(RECORD_PAGES).await));
    raw.close();

    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), SeedSize::DEMO.members);
    assert_eq!(directory.offers.len(), SeedSize::DEMO.offers);
    assert_eq!(
        directory.requests.len(),
        SeedSize::DEMO.requests + SeedSize::DEMO.history
    );
    assert_eq!(directory.cases.len(), SeedSize::DEMO.cases);
    expect_every_demo_note_once(&db, &directory).await;

    // A paged member edited here: the new row wins everywhere, the history is whole.
    let member = pulled
        .iter()
        .find(|c| c.kind == RecordKind::Member)
        .expect("a member");
    edit(
        &db,
        &member.record_id,
        RecordKind::Member,
        name_fields("Edited Here"),
    )
    .await
    .expect("edit");
    let row = db
        .record(&member.record_id)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(row.fields["name"], json!("Edited Here"));
    assert_eq!(row.heads.len(), 1);
    assert_eq!(
        db.changes_of(&member.record_id)
            .await
            .expect("history")
            .len(),
        2
    );
    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), SeedSize::DEMO.members, "not twice");
    assert_eq!(directory.members[&member.record_id].name, "Edited Here");

    // A later, small pull edits another paged member: merged with its paged history.
    let other = pulled
        .iter()
        .filter(|c| c.kind == RecordKind::Member)
        .nth(1)
        .expect("another member");
    let later = remote_change(
        "later-1",
        &other.record_id,
        Fields::from([("district".to_owned(), json!("Marxloh"))]),
        std::slice::from_ref(&other.id),
        10_000,
    );
    let applied = db
        .apply_pulled(
            vec![later.clone(), other.clone()],
            "3",
            &[],
            &mut KnownRecords::default(),
        )
        .await
        .expect("later pull");
    assert_eq!(
        applied.new_changes, 1,
        "the repeated first change is not new"
    );
    let row = db
        .record(&other.record_id)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(row.fields["district"], json!("Marxloh"));
    assert_eq!(row.fields["name"], other.fields["name"]);
    assert_eq!(row.heads, vec!["later-1".to_owned()]);

    // A paged member deleted here leaves the directory.
    let third = pulled
        .iter()
        .filter(|c| c.kind == RecordKind::Member)
        .nth(2)
        .expect("a third member");
    db.apply(vec![Edit::Delete {
        record_id: third.record_id.clone(),
    }])
    .await
    .expect("delete");
    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), SeedSize::DEMO.members - 1);
    assert!(!directory.members.contains_key(&third.record_id));
}

#[wasm_bindgen_test]
async fn the_same_batch_paged_twice_by_two_tabs_reads_back_once() {
    let name = unique_name("two-tabs");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let pulled = demo_as_pulled();
    let (first, second) = pulled.split_at(150);
    // Two tabs pull the same two batches at once, each in its own run: the first tab learns
    // what is held before the second stores the second batch, and stores it again itself.
    let mut tabs = [KnownRecords::default(), KnownRecords::default()];
    for (tab, batch, position) in [
        (0, first, "1"),
        (1, first, "1"),
        (1, second, "2"),
        (0, second, "2"),
    ] {
        db.apply_pulled(batch.to_vec(), position, &[], &mut tabs[tab])
            .await
            .expect("apply");
    }
    let directory = db.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), SeedSize::DEMO.members);
    assert_eq!(directory.offers.len(), SeedSize::DEMO.offers);
    expect_every_demo_note_once(&db, &directory).await;
    let twice = &second[0].record_id;
    assert_eq!(db.changes_of(twice).await.expect("history").len(), 1);
}

#[wasm_bindgen_test]
async fn documents_set_aside_are_kept_with_the_position_of_their_page_once_each() {
    use lotse::domain::sync::pull::{SetAside, SetAsideReason};
    let name = unique_name("set-aside");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let aside = |id: &str| SetAside {
        id: id.to_owned(),
        reason: SetAsideReason::MissingKey,
    };
    let member = remote_change("p1", "m1", name_fields("Farid"), &[], 1);
    db.apply_pulled(
        vec![member],
        "7",
        &[aside("bad-1")],
        &mut KnownRecords::default(),
    )
    .await
    .expect("page");
    // The same document on a page pulled again (two tabs) is listed once.
    db.apply_pulled(
        Vec::new(),
        "9",
        &[aside("bad-1"), aside("bad-2")],
        &mut KnownRecords::default(),
    )
    .await
    .expect("page");
    assert_eq!(db.sync_position().await.expect("position"), "9");
    assert_eq!(
        db.set_aside_documents().await.expect("list"),
        [aside("bad-1"), aside("bad-2")]
    );
    assert!(
        db.record("m1").await.expect("read").is_some(),
        "the rest was applied"
    );
    db.replace_set_aside(&[aside("bad-2")])
        .await
        .expect("replace");
    assert_eq!(
        db.set_aside_documents().await.expect("list"),
        [aside("bad-2")]
    );
}

#[wasm_bindgen_test]
async fn wiping_the_organisation_leaves_nothing_of_it_and_keeps_the_device() {
    use lotse::domain::sync::settings::SyncConfig;
    let name = unique_name("wipe");
    let db = Database::open(&name, ignore_events()).await.expect("open");
    let device = db.device_id().to_owned();
    edit(&db, "m1", RecordKind::Member, name_fields("Olga"))
        .await
        .expect("own edit");
    let pulled = remote_change("p1", "m2", name_fields("Farid"), &[], 1);
    db.apply_pulled(vec![pulled], "3", &[], &mut KnownRecords::default())
        .await
        .expect("pulled");
    let config = SyncConfig {
        database_url: "https://relay.example/db/x".into(),
        token: "ab".repeat(32),
        keys: vec![(1, "a2V5".into())],
        ..SyncConfig::default()
    };
    db.save_sync_config(&config).await.expect("config");
    db.wipe_organisation().await.expect("wipe");
    assert_eq!(db.sync_config().await.expect("config"), None);
    assert_eq!(db.sync_position().await.expect("position"), "0");
    assert_eq!(db.unpushed_count().await.expect("count"), 0);
    let directory = db.load_directory().await.expect("directory");
    assert!(directory.members.is_empty(), "no member left");
    assert!(db.record("m2").await.expect("read").is_none());
    db.close();
    let reopened = Database::open(&name, ignore_events())
        .await
        .expect("reopen");
    assert_eq!(reopened.device_id(), device, "the device keeps its id");
}

#[wasm_bindgen_test]
async fn a_database_newer_than_this_version_is_refused_and_left_untouched() {
    let name = unique_name("too-new");
    let newer = Database::open(&name, ignore_events()).await.expect("open");
    edit(&newer, "m1", RecordKind::Member, name_fields("Olga"))
        .await
        .expect("edit");
    newer.close();
    // An older deployment (its newest schema is V4) opens what the newer one wrote.
    let older = Database::open_at(&name, SchemaVersion::V4, ignore_events()).await;
    assert_eq!(older.err(), Some(StorageError::SchemaTooNew));
    let again = Database::open(&name, ignore_events())
        .await
        .expect("reopen");
    let row = again
        .record("m1")
        .await
        .expect("read")
        .expect("still there");
    assert_eq!(row.fields["name"], json!("Olga"));
}

#[wasm_bindgen_test]
async fn upgrading_v4_to_v5_keeps_rows_changes_and_what_waits_and_pages_what_comes_next() {
    let name = unique_name("v4-v5");
    let v4 = Database::open_at(&name, SchemaVersion::V4, ignore_events())
        .await
        .expect("open v4");
    edit(&v4, "m1", RecordKind::Member, name_fields("Ayşe"))
        .await
        .expect("own edit");
    edit(
        &v4,
        "m1",
        RecordKind::Member,
        Fields::from([("district".to_owned(), json!("Marxloh"))]),
    )
    .await
    .expect("second edit");
    v4.close();

    let v5 = Database::open(&name, ignore_events())
        .await
        .expect("upgrade");
    assert_eq!(
        v5.unpushed_count().await.expect("waiting"),
        2,
        "the own edits still wait"
    );
    assert_eq!(v5.changes_of("m1").await.expect("history").len(), 2);
    let row = v5.record("m1").await.expect("read").expect("kept");
    assert_eq!(
        (row.fields["name"].clone(), row.fields["district"].clone()),
        (json!("Ayşe"), json!("Marxloh"))
    );
    // A first sync of many new records now goes into pages, next to the old rows.
    let batch: Vec<Change> = (0..120)
        .map(|n| {
            remote_change(
                &format!("q{n}"),
                &format!("n{n}"),
                name_fields("Neu"),
                &[],
                2 + n,
            )
        })
        .collect();
    v5.apply_pulled(batch, "2", &[], &mut KnownRecords::default())
        .await
        .expect("pulled in v5");
    let directory = v5.load_directory().await.expect("directory");
    assert_eq!(directory.members.len(), 121);
    let raw = IdbDatabase::open(&name).await.expect("raw open");
    let tx = raw.transaction(RECORD_PAGES).build().expect("tx");
    let pages = tx
        .object_store(RECORD_PAGES)
        .expect("store")
        .count()
        .await
        .expect("count");
    assert!(pages >= 1, "the new records went into pages");
}
