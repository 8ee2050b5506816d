//! What the relay refuses so that one organisation, one removed phone or one stranger cannot
//! stop it: documents of another shape, answers too large to send, an organisation over its
//! quota, invitations of removed devices, writing under a closed key, removing the last
//! device; and connections that are idle or never finish.

mod common;

use axum::http::StatusCode;
use common::{relay, relay_with, sealed, sealed_with};
use lotse_relay::limits::{MAX_BULK_GET_IDS, MAX_PAGE_BYTES};
use lotse_relay::store::Store;
use serde_json::{json, Value};

fn ids(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str().map(str::to_owned))
        .collect()
}

/// A document of about `kb` KB.
fn big(id: &str, kb: usize) -> Value {
    let mut doc = sealed(id);
    doc["sealed"] = json!("A".repeat(kb * 1024));
    doc
}

#[tokio::test]
async fn a_document_a_phone_could_not_read_is_refused_and_nothing_is_stored() {
    let relay = relay();
    let mut wrong = sealed("b");
    wrong["epoch"] = json!("2");
    let mut extra = sealed("c");
    extra["views"] = json!({ "all": "function (doc) {}" });
    for doc in [wrong, extra, json!({ "_id": "d" }), big("e", 300)] {
        let (status, answer) = relay
            .post(
                "/db/bruecke/_bulk_docs",
                json!({ "docs": [sealed("a"), doc] }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
        assert!(answer["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("Document 2: ")));
    }
    assert_eq!(relay.store.info("bruecke").expect("info").0, 0);
}

#[tokio::test]
async fn a_small_bulk_get_cannot_ask_for_a_huge_answer() {
    let relay = relay();
    for batch in 0..3 {
        let docs: Vec<Value> = (0..10)
            .map(|n| big(&format!("big{batch}-{n}"), 200))
            .collect();
        let (status, _) = relay
            .post("/db/bruecke/_bulk_docs", json!({ "docs": docs }))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    // The same large document asked for 2,000 times: a request of a few KB.
    let same: Vec<Value> = (0..2_000).map(|_| json!({ "id": "big0-0" })).collect();
    let (status, answer) = relay
        .post("/db/bruecke/_bulk_get", json!({ "docs": same }))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer["reason"].as_str().is_some_and(|r| r.contains("500")));
    let many: Vec<Value> = (0..MAX_BULK_GET_IDS)
        .map(|_| json!({ "id": "big0-0" }))
        .collect();
    let (status, answer) = relay
        .post("/db/bruecke/_bulk_get", json!({ "docs": many }))
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer["reason"]
        .as_str()
        .is_some_and(|r| r.contains("fewer")));
    // Asking for what a replicator asks for works.
    let few: Vec<Value> = (0..10)
        .map(|n| json!({ "id": format!("big1-{n}") }))
        .collect();
    let (status, answer) = relay
        .post("/db/bruecke/_bulk_get", json!({ "docs": few }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["results"].as_array().map(Vec::len), Some(10));

    // `_changes` pages stop at a size, and the next page goes on from there.
    let (_, first) = relay
        .get("/db/bruecke/_changes?since=0&limit=1000&include_docs=true")
        .await;
    let first_ids = ids(&first);
    assert!(first_ids.len() < 30, "{} documents", first_ids.len());
    assert!(first.to_string().len() <= MAX_PAGE_BYTES + 300 * 1024);
    assert_eq!(first["pending"], json!(30 - first_ids.len()));
    let since = first["last_seq"].as_str().unwrap_or_default().to_owned();
    let (_, second) = relay
        .get(&format!(
            "/db/bruecke/_changes?since={since}&include_docs=true"
        ))
        .await;
    let expected: Vec<String> = (0..3)
        .flat_map(|batch| (0..10).map(move |n| format!("big{batch}-{n}")))
        .collect();
    assert_eq!([first_ids, ids(&second)].concat(), expected);
}

#[tokio::test]
async fn an_organisation_over_its_quota_is_told_so_and_nothing_is_stored() {
    let relay = relay_with(Store::in_memory().expect("store").with_quota(1024 * 1024));
    let docs = |from: usize| -> Vec<Value> {
        (from..from + 4)
            .map(|n| big(&format!("d{n}"), 200))
            .collect()
    };
    let (status, _) = relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": docs(0) }))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, answer) = relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": docs(4) }))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["error"], "quota_exceeded");
    assert!(answer["reason"]
        .as_str()
        .is_some_and(|r| r.contains("1 MB")));
    assert_eq!(relay.store.info("bruecke").expect("info").0, 4);
}

#[tokio::test]
async fn open_invitations_are_listed_withdrawn_and_die_with_their_device() {
    let relay = relay();
    let second = relay.second_device().await;
    let invite = |token: String| {
        let relay = &relay;
        async move {
            let (status, made) = relay
                .post_as(&token, "/db/bruecke/_lotse/invitations", json!({}))
                .await;
            assert_eq!(status, StatusCode::CREATED);
            made["secret"].as_str().unwrap_or_default().to_owned()
        }
    };
    let mine = invite(relay.token.clone()).await;
    let theirs = invite(second.clone()).await;
    let (_, listed) = relay.get("/db/bruecke/_lotse/invitations").await;
    let open = listed["invitations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(open.len(), 2);
    assert_eq!(open.iter().filter(|i| i["mine"] == true).count(), 1);
    // Withdrawn: its code no longer works.
    let id = open
        .iter()
        .find(|i| i["mine"] == true)
        .and_then(|i| i["id"].as_str())
        .unwrap_or_default()
        .to_owned();
    let (status, _) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/invitations/{id}"),
            Some(&relay.token.clone()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(relay.join(&mine, "x").await.0, StatusCode::FORBIDDEN);
    // The second phone is removed: the invitation it made dies with it.
    let second_id = relay.device_ids().await[1].clone();
    let (status, _) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/devices/{second_id}"),
            Some(&relay.token.clone()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = relay.join(&theirs, "removed phone's friend").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["reason"], "invitation not valid");
    let (_, listed) = relay.get("/db/bruecke/_lotse/invitations").await;
    assert_eq!(listed["invitations"], json!([]));
}

#[tokio::test]
async fn a_device_that_joined_after_a_new_key_never_writes_under_the_old_one() {
    let relay = relay();
    let early = relay.second_device().await;
    // A device was removed: the new key (epoch 2) is in the feed.
    let mut key = sealed_with("key-2-r-x", 2);
    key["type"] = json!("key");
    key["for"] = json!("0123456789abcdef");
    relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": [key] }))
        .await;
    let late = relay.second_device().await;
    let (status, answer) = relay
        .post_as(
            &late,
            "/db/bruecke/_bulk_docs",
            json!({ "docs": [sealed_with("late-old", 1), sealed_with("late-new", 2)] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(answer[0]["error"], "forbidden");
    assert_eq!(answer[1]["ok"], true);
    // A phone that was there before still sends the edits it made offline under the old key.
    let (_, answer) = relay
        .post_as(
            &early,
            "/db/bruecke/_bulk_docs",
            json!({ "docs": [sealed_with("offline-edit", 1)] }),
        )
        .await;
    assert_eq!(answer[0]["ok"], true);
    assert!(relay
        .store
        .get_doc("bruecke", "late-old")
        .expect("get")
        .is_none());
}

#[tokio::test]
async fn a_device_cannot_remove_itself_and_the_last_device_stays() {
    let relay = relay();
    let own = relay.device_ids().await[0].clone();
    let (status, answer) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/devices/{own}"),
            Some(&relay.token.clone()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(answer["reason"]
        .as_str()
        .is_some_and(|r| r.contains("itself")));
    assert_eq!(relay.device_ids().await.len(), 1);
}

#[test]
fn asking_for_help_creates_no_data_file() {
    let dir = tempfile::tempdir().expect("dir");
    for args in [vec!["--help"], vec![], vec!["nonsense"]] {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_lotse-relay"))
            .args(&args)
            .current_dir(dir.path())
            .output()
            .expect("runs");
        assert_eq!(status.status.success(), args == ["--help"], "{args:?}");
        assert!(String::from_utf8_lossy(&status.stderr).contains("usage"));
    }
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}
