//! The relay as a client sees it, for the HTTP tests: requests by path with a device token,
//! from a client address of the test's choosing.
#![allow(dead_code)] // Each test file uses its own part of the harness.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use lotse_relay::store::Store;
use lotse_relay::Proxy;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use tower::ServiceExt;

/// Where requests come from unless a test says otherwise.
pub const CLIENT: &str = "203.0.113.1:40000";

pub struct Relay {
    pub app: axum::Router,
    pub store: Arc<Store>,
    pub token: String,
}

pub fn relay() -> Relay {
    relay_with(Store::in_memory().expect("store"))
}

pub fn relay_with(store: Store) -> Relay {
    let store = Arc::new(store);
    store.create_database("bruecke").expect("db");
    let token = store.add_device("bruecke", "phone 1").expect("token");
    Relay {
        app: lotse_relay::app(store.clone(), None, Proxy::None),
        store,
        token,
    }
}

impl Relay {
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (StatusCode, Value) {
        self.call_from(CLIENT, method, path, token, body).await
    }

    /// A request from the client at `address`.
    pub async fn call_from(
        &self,
        address: &str,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let mut request = request
            .body(body.map(Body::from).unwrap_or_else(Body::empty))
            .expect("request");
        let address: SocketAddr = address.parse().expect("address");
        request.extensions_mut().insert(ConnectInfo(address));
        let response = self.app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call("GET", path, Some(&self.token.clone()), None)
            .await
    }

    /// A long-code invitation secret for "bruecke" that does not expire.
    pub fn invitation(&self) -> String {
        self.store
            .create_invitation("bruecke", None, i64::MAX)
            .expect("invitation")
    }

    /// A second phone of "bruecke", joined by invitation: its token.
    pub async fn second_device(&self) -> String {
        let secret = self.invitation();
        let (_, joined) = self.join(&secret, "Lotse 2").await;
        joined["token"].as_str().unwrap_or_default().to_owned()
    }

    /// A new phone trading an invitation secret for its token (no token of its own yet).
    pub async fn join(&self, secret: &str, device: &str) -> (StatusCode, Value) {
        let body = json!({ "secret": secret, "device": device }).to_string();
        self.call("POST", "/db/bruecke/_lotse/join", None, Some(body))
            .await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.post_as(&self.token.clone(), path, body).await
    }

    pub async fn post_as(&self, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.call("POST", path, Some(token), Some(body.to_string()))
            .await
    }

    /// The ids of this device's organisation's devices, this one first.
    pub async fn device_ids(&self) -> Vec<String> {
        let (_, listed) = self.get("/db/bruecke/_lotse/devices").await;
        listed["devices"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["id"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Even a right code is refused while the limit holds, with when to try again.
pub fn expect_told_to_wait((status, answer): (StatusCode, Value)) {
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even a right code waits"
    );
    assert!(answer["reason"]
        .as_str()
        .is_some_and(|r| r.contains("10 minutes")));
}

/// A sealed change document as a phone pushes it.
pub fn sealed(id: &str) -> Value {
    sealed_with(id, 1)
}

pub fn sealed_with(id: &str, epoch: u32) -> Value {
    json!({ "_id": id, "stamp": "1764000000000-000000-p1", "device": "p1", "epoch": epoch, "sealed": format!("c2VhbGVk{}", id.replace('-', "")) })
}
