//! The relay over real TCP: idle and half-sent connections are closed, a connection over the
//! cap is closed at once, and the app's files come with their security headers and never
//! from outside the app's directory.

use lotse_relay::store::Store;
use lotse_relay::{serve, ConnectionLimits, Proxy};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn start(limits: ConnectionLimits, app_dir: Option<&Path>) -> String {
    let store = Arc::new(Store::in_memory().expect("store"));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    let app = lotse_relay::app(store, app_dir, Proxy::None);
    tokio::spawn(serve(listener, app, limits, std::future::pending()));
    address
}

/// Waits until the server closes `stream` (reads return 0 or fail); everything else it sent
/// before is returned.
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&got).into_owned(),
            Ok(n) => got.extend_from_slice(&buffer[..n]),
        }
    }
}

async fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    until_closed(&mut stream).await
}

fn limits(max_connections: usize) -> ConnectionLimits {
    ConnectionLimits {
        max_connections,
        header_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(2),
    }
}

#[tokio::test]
async fn idle_and_half_sent_connections_are_closed_and_the_cap_holds() {
    let address = start(limits(2), None).await;
    // Two connections that say nothing, or send half a request, hold the only two places.
    let mut idle = TcpStream::connect(&address).await.expect("connect");
    let mut half = TcpStream::connect(&address).await.expect("connect");
    half.write_all(b"POST /db/x/_bulk_docs HTTP/1.1\r\nhost: x\r\n")
        .await
        .expect("write");
    // A third is closed at once, without an answer.
    let mut third = TcpStream::connect(&address).await.expect("connect");
    assert_eq!(until_closed(&mut third).await, "");
    // The server closes the idle and the half-sent one by itself...
    until_closed(&mut idle).await;
    until_closed(&mut half).await;
    // ...and answers again once their places are free (the server frees them right after
    // closing; until then a new connection is still over the cap).
    let mut answered = false;
    for _ in 0..200 {
        if get(&address, "/db").await.contains("Welcome") {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(answered, "the relay answers again");
}

#[tokio::test]
async fn a_body_that_never_finishes_is_given_up() {
    let address = start(limits(8), None).await;
    let mut stream = TcpStream::connect(&address).await.expect("connect");
    stream
        .write_all(b"POST /db/x/_bulk_docs HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"docs\":[")
        .await
        .expect("write");
    let answer = until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

#[tokio::test]
async fn the_app_comes_with_its_policy_and_nothing_outside_it_is_served() {
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("relay.sqlite"), "all the data").expect("file");
    let app = tempfile::tempdir().expect("dir");
    std::fs::write(
        app.path().join("index.html"),
        "<html><script type=\"module\">start()</script></html>",
    )
    .expect("index");
    std::fs::write(app.path().join("app.js"), "start()").expect("js");
    std::fs::write(app.path().join(".htpasswd"), "admin:secret").expect("dotfile");
    std::os::unix::fs::symlink(outside.path(), app.path().join("data")).expect("link");
    let address = start(limits(8), Some(app.path())).await;

    let page = get(&address, "/helpers").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let lower = page.to_ascii_lowercase();
    assert!(lower.contains("content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    assert!(lower.contains("frame-ancestors 'none'"));
    assert!(lower.contains("x-content-type-options: nosniff"));
    let script = get(&address, "/app.js").await;
    assert!(script
        .to_ascii_lowercase()
        .contains("x-content-type-options: nosniff"));
    assert!(script.ends_with("start()"));
    for path in [
        "/.htpasswd",
        "/data/relay.sqlite",
        "/../relay.sqlite",
        "/%2e%2e/relay.sqlite",
    ] {
        let answer = get(&address, path).await;
        assert!(
            !answer.contains("all the data") && !answer.contains("admin:secret"),
            "{path}: {answer}"
        );
    }
}
