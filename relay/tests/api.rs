//! The relay's HTTP API as a client sees it: tokens, organisations kept apart, the CouchDB
//! subset, and clear 4xx answers for bad requests that change nothing.

mod common;

use axum::http::StatusCode;
use common::{expect_told_to_wait, relay, sealed};
use serde_json::{json, Value};

#[tokio::test]
async fn push_then_pull_in_pages_with_the_position_to_resume_from() {
    let relay = relay();
    let (status, answer) = relay
        .post(
            "/db/bruecke/_bulk_docs",
            json!({ "docs": [sealed("a"), sealed("b"), sealed("c")] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(answer.as_array().map(Vec::len), Some(3));
    assert!(answer
        .as_array()
        .is_some_and(|a| a.iter().all(|r| r["ok"] == true)));

    let (_, page) = relay
        .get("/db/bruecke/_changes?since=0&limit=2&include_docs=true")
        .await;
    let ids: Vec<&str> = page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(page["results"][0]["doc"]["sealed"], "c2VhbGVka");
    assert_eq!(page["pending"], 1);
    let since = page["last_seq"].as_str().unwrap_or_default().to_owned();
    let (_, rest) = relay
        .get(&format!(
            "/db/bruecke/_changes?since={since}&include_docs=true"
        ))
        .await;
    assert_eq!(rest["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(rest["results"][0]["id"], "c");

    let (_, info) = relay.get("/db/bruecke/").await;
    assert_eq!(info["doc_count"], 3);
}

#[tokio::test]
async fn a_retried_push_is_acknowledged_without_a_duplicate() {
    let relay = relay();
    relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": [sealed("a")] }))
        .await;
    let (status, answer) = relay
        .post(
            "/db/bruecke/_bulk_docs",
            json!({ "docs": [sealed("a"), sealed("b")] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(answer
        .as_array()
        .is_some_and(|a| a.iter().all(|r| r["ok"] == true)));
    assert_eq!(relay.store.info("bruecke").expect("info").0, 2);
    // Other content under a known id is refused: change documents are never edited.
    let mut edited = sealed("a");
    edited["sealed"] = json!("b3RoZXI=");
    let (_, answer) = relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": [edited] }))
        .await;
    assert_eq!(answer[0]["error"], "conflict");
}

#[tokio::test]
async fn every_endpoint_needs_a_valid_token_for_its_own_organisation() {
    let relay = relay();
    relay.store.create_database("other").expect("db");
    let other_token = relay
        .store
        .add_device("other", "their phone")
        .expect("token");
    for (method, path) in [
        ("GET", "/db/bruecke/"),
        ("GET", "/db/bruecke/_changes"),
        ("POST", "/db/bruecke/_bulk_docs"),
        ("POST", "/db/bruecke/_revs_diff"),
        ("POST", "/db/bruecke/_bulk_get"),
        ("GET", "/db/bruecke/_local/checkpoint"),
        ("PUT", "/db/bruecke/_local/checkpoint"),
        ("GET", "/db/bruecke/some-doc"),
        ("GET", "/db/bruecke/_lotse/devices"),
        ("PUT", "/db/bruecke/_lotse/device_key"),
    ] {
        let body = (method != "GET").then(|| json!({ "docs": [sealed("x")] }).to_string());
        let (status, answer) = relay.call(method, path, None, body.clone()).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{method} {path} without a token"
        );
        assert!(answer["reason"].as_str().is_some_and(|r| !r.is_empty()));
        let (status, answer) = relay
            .call(method, path, Some("not-a-token"), body.clone())
            .await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{method} {path} with a wrong token"
        );
        // A mistyped key is not a removal: the app must not tell the phone it was removed.
        assert_eq!(answer["error"], "unauthorized", "{method} {path}");
        let (status, _) = relay.call(method, path, Some(&other_token), body).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{method} {path} with another organisation's token"
        );
    }
    assert_eq!(
        relay.store.info("bruecke").expect("info").0,
        0,
        "nothing was written"
    );
}

#[tokio::test]
async fn bad_bodies_get_a_clear_4xx_and_change_nothing() {
    let relay = relay();
    let token = relay.token.clone();
    let cases = [
        ("{not json".to_owned(), StatusCode::BAD_REQUEST),
        (json!({ "documents": [] }).to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({ "docs": [sealed("ok"), { "no_id": true }] }).to_string(), StatusCode::BAD_REQUEST),
        (json!({ "docs": [sealed("ok"), 42] }).to_string(), StatusCode::BAD_REQUEST),
        (json!({ "docs": [{ "_id": "_design/x" }] }).to_string(), StatusCode::BAD_REQUEST),
        (
            json!({ "docs": [{ "_id": "big", "sealed": "A".repeat(lotse_relay::MAX_BODY_BYTES) }] }).to_string(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (body, expected) in cases {
        let (status, answer) = relay
            .call(
                "POST",
                "/db/bruecke/_bulk_docs",
                Some(&token),
                Some(body.clone()),
            )
            .await;
        assert_eq!(status, expected, "{}", &body[..body.len().min(60)]);
        assert!(
            answer["reason"].as_str().is_some_and(|r| r.len() > 10),
            "a reason in words: {answer}"
        );
    }
    assert_eq!(
        relay.store.info("bruecke").expect("info").0,
        0,
        "nothing was stored"
    );
    let (status, answer) = relay.get("/db/bruecke/_changes?since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(answer["reason"].as_str().is_some());
}

#[tokio::test]
async fn the_replication_protocol_endpoints_answer_like_couchdb() {
    let relay = relay();
    relay
        .post("/db/bruecke/_bulk_docs", json!({ "docs": [sealed("a")] }))
        .await;
    // _revs_diff: an id the relay holds is never missing (documents are immutable).
    let (_, diff) = relay
        .post(
            "/db/bruecke/_revs_diff",
            json!({ "a": ["1-abc"], "b": ["1-def"] }),
        )
        .await;
    assert_eq!(diff, json!({ "b": { "missing": ["1-def"] } }));
    // _bulk_get with revision history.
    let (_, got) = relay
        .post(
            "/db/bruecke/_bulk_get",
            json!({ "docs": [{ "id": "a" }, { "id": "zz" }] }),
        )
        .await;
    assert_eq!(got["results"][0]["docs"][0]["ok"]["_id"], "a");
    assert_eq!(got["results"][0]["docs"][0]["ok"]["_revisions"]["start"], 1);
    assert_eq!(got["results"][1]["docs"][0]["error"]["error"], "not_found");
    // Replicated in with new_edits=false and a foreign revision: stored once, same content.
    let mut foreign = sealed("c");
    foreign["_rev"] = json!("1-0123456789abcdef");
    let (status, _) = relay
        .post(
            "/db/bruecke/_bulk_docs",
            json!({ "docs": [foreign], "new_edits": false }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, doc) = relay.get("/db/bruecke/c?revs=true").await;
    assert_eq!(doc["_id"], "c");
    // Checkpoints.
    let (status, saved) = relay
        .call(
            "PUT",
            "/db/bruecke/_local/phone-1",
            Some(&relay.token.clone()),
            Some(json!({ "last_seq": "2" }).to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(saved["rev"], "0-1");
    let (_, checkpoint) = relay.get("/db/bruecke/_local/phone-1").await;
    assert_eq!(checkpoint["last_seq"], "2");
    let (status, _) = relay.get("/db/bruecke/_local/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_invitation_gives_a_new_phone_its_own_token_once() {
    let relay = relay();
    let (status, invitation) = relay
        .post("/db/bruecke/_lotse/invitations", json!({}))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let secret = invitation["secret"].as_str().unwrap_or_default().to_owned();
    assert_eq!(secret.len(), 32, "128 bits");
    let (status, joined) = relay.join(&secret, "Olgas Handy").await;
    assert_eq!(status, StatusCode::CREATED);
    let token = joined["token"].as_str().unwrap_or_default().to_owned();
    let (status, _) = relay.call("GET", "/db/bruecke/", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK, "the new token works");
    let (status, again) = relay.join(&secret, "Olgas Handy").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(again["reason"], "invitation already used");
    // Only a device of the organisation can invite.
    let (status, _) = relay
        .call(
            "POST",
            "/db/bruecke/_lotse/invitations",
            None,
            Some("{}".into()),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_short_code_invitation_hands_out_its_sealed_invitation_once() {
    let relay = relay();
    let verifier = "ab".repeat(32);
    let (status, _) = relay
        .post(
            "/db/bruecke/_lotse/invitations",
            json!({ "verifier": verifier, "sealed": "c2VhbGVk" }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // The new phone knows only the server and the code: the verifier finds the organisation.
    let join = |secret: String| {
        let body = json!({ "secret": secret, "device": "Lotse 2" }).to_string();
        relay.call("POST", "/_lotse/join", None, Some(body))
    };
    let (status, joined) = join(verifier.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(joined["db"], "bruecke");
    assert_eq!(joined["sealed"], "c2VhbGVk");
    let token = joined["token"].as_str().unwrap_or_default().to_owned();
    let (status, _) = relay.call("GET", "/db/bruecke/", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK, "the new token works");
    let (status, again) = join(verifier.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(again["reason"], "invitation already used");
    let (status, _) = join("cd".repeat(32)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // What a phone must send to invite with a short code.
    for (body, why) in [
        (
            json!({ "verifier": "xyz", "sealed": "c2VhbGVk" }),
            "verifier",
        ),
        (json!({ "verifier": "ab".repeat(32) }), "both"),
        (
            json!({ "verifier": "ef".repeat(32), "sealed": "x".repeat(9000) }),
            "8192",
        ),
    ] {
        let (status, answer) = relay.post("/db/bruecke/_lotse/invitations", body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            answer["reason"].as_str().is_some_and(|r| r.contains(why)),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn an_expired_invitation_is_refused_in_plain_words() {
    let relay = relay();
    let secret = relay
        .store
        .create_invitation("bruecke", None, 1)
        .expect("old invitation");
    let (status, answer) = relay.join(&secret, "x").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(answer["reason"], "invitation expired");
}

#[tokio::test]
async fn a_stranger_guessing_codes_is_stopped_without_blocking_anyone_else() {
    let relay = relay();
    let stranger = "198.51.100.7:5000";
    let guess = |n: u32, short: bool| {
        let (path, secret) = if short {
            ("/_lotse/join", format!("{n:064x}"))
        } else {
            ("/db/bruecke/_lotse/join", format!("{n:032x}"))
        };
        let body = json!({ "secret": secret, "device": "x" }).to_string();
        relay.call_from(stranger, "POST", path, None, Some(body))
    };
    // Wrong long codes for the organisation and wrong short codes count together.
    for n in 0..20 {
        assert_eq!(guess(n, n % 2 == 0).await.0, StatusCode::FORBIDDEN);
    }
    let secret = relay.invitation();
    let body = json!({ "secret": secret, "device": "x" }).to_string();
    expect_told_to_wait(
        relay
            .call_from(
                stranger,
                "POST",
                "/db/bruecke/_lotse/join",
                None,
                Some(body),
            )
            .await,
    );
    // The organisation's new phone, elsewhere, joins at once, by long or short code.
    assert_eq!(relay.join(&secret, "y").await.0, StatusCode::CREATED);
    let verifier = "ab".repeat(32);
    relay
        .post(
            "/db/bruecke/_lotse/invitations",
            json!({ "verifier": verifier, "sealed": "c2VhbGVk" }),
        )
        .await;
    let body = json!({ "secret": verifier, "device": "z" }).to_string();
    let (status, _) = relay.call("POST", "/_lotse/join", None, Some(body)).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn joins_for_made_up_organisations_leave_no_lasting_rows() {
    let relay = relay();
    for n in 0..100 {
        let body = json!({ "secret": "00", "device": "x" }).to_string();
        let path = format!("/db/made-up-{n}/_lotse/join");
        relay
            .call_from("198.51.100.8:1", "POST", &path, None, Some(body))
            .await;
    }
    // Counted per client and stopped at the limit: not a row per made-up name.
    assert_eq!(
        relay
            .store
            .failed_joins("198.51.100.8", 0)
            .expect("count")
            .0,
        lotse_relay::limits::MAX_FAILED_JOINS_PER_CLIENT
    );
}

#[tokio::test]
async fn a_removed_device_is_locked_out_at_once() {
    let relay = relay();
    let second = relay.second_device().await;
    let (status, listed) = relay.get("/db/bruecke/_lotse/devices").await;
    assert_eq!(status, StatusCode::OK);
    let devices = listed["devices"].as_array().cloned().unwrap_or_default();
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0]["this"], true);
    assert_eq!(devices[1]["name"], "Lotse 2");
    let id = devices[1]["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(id.len(), 16);
    // Another organisation cannot remove it.
    relay.store.create_database("other").expect("db");
    let other = relay.store.add_device("other", "x").expect("token");
    let (status, _) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/devices/{id}"),
            Some(&other),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/devices/{id}"),
            Some(&relay.token.clone()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, answer) = relay
        .call("GET", "/db/bruecke/_changes", Some(&second), None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Said as its own error: the phone forgets the organisation on it, and only on it.
    assert_eq!(answer["error"], "revoked");
    let (status, _) = relay
        .call(
            "DELETE",
            &format!("/db/bruecke/_lotse/devices/{id}"),
            Some(&relay.token.clone()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_device_registers_its_public_key_for_the_others_to_seal_keys_to() {
    let relay = relay();
    let second = relay.second_device().await;
    let key = "AB".repeat(32);
    let body = |key: &str| Some(json!({ "public_key": key }).to_string());
    for bad in ["", "abc", &"zz".repeat(32), &"ab".repeat(33)] {
        let (status, answer) = relay
            .call(
                "PUT",
                "/db/bruecke/_lotse/device_key",
                Some(&second),
                body(bad),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad:?}");
        assert!(answer["reason"]
            .as_str()
            .is_some_and(|r| r.contains("64 hexadecimal")));
    }
    let (status, _) = relay
        .call(
            "PUT",
            "/db/bruecke/_lotse/device_key",
            Some(&second),
            body(&key),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // A phone can also bring its key when it joins (a bad one is refused before the
    // invitation is used).
    let secret = relay.invitation();
    let joining = |key: &str| json!({ "secret": secret, "device": "Lotse 3", "public_key": key });
    let (status, _) = relay.post("/db/bruecke/_lotse/join", joining("nope")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = relay
        .post("/db/bruecke/_lotse/join", joining(&"cd".repeat(32)))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, listed) = relay.get("/db/bruecke/_lotse/devices").await;
    let devices = listed["devices"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        devices[0]["public_key"],
        Value::Null,
        "the first has none yet"
    );
    assert_eq!(devices[1]["public_key"], json!(key.to_ascii_lowercase()));
    assert_eq!(devices[2]["public_key"], json!("cd".repeat(32)));
}
