//! Lotse's sync relay: one binary and one SQLite file. It speaks the part of CouchDB's HTTP
//! API that Lotse and CouchDB's replicators use (`_bulk_docs`, `_changes`, `_revs_diff`,
//! `_bulk_get`, `_local` checkpoints, database info) under `/db/{organisation}/`, plus joining
//! by invitation (`_lotse/invitations`, `_lotse/join`; `/_lotse/join` for short codes), and serves the
//! built app at `/`. It stores sealed change documents it cannot read (see
//! `lotse::domain::sync::sealed`): immutable, so it never has to resolve anything.
//!
//! What it limits, so that one organisation or one stranger cannot take it down, is in
//! `Limits` and `limits.rs`; `serve` closes idle and half-sent connections and caps them.

mod api_error;
mod auth;
mod blocking;
mod client;
mod couch;
mod invitations;
pub mod limits;
mod serve;
mod static_app;
pub mod store;

pub use client::Proxy;
pub use limits::MAX_BODY_BYTES;
pub use serve::{serve, ConnectionLimits};

use axum::routing::post;
use axum::{Extension, Router};
use std::path::Path;
use std::sync::Arc;
use store::Store;

/// The relay's HTTP service: the CouchDB subset under `/db`, the app (if a directory with the
/// built app is given) everywhere else. `proxy` says whether the client's address is taken
/// from a reverse proxy's `X-Forwarded-For` (for the join rate limit).
pub fn app(store: Arc<Store>, app_dir: Option<&Path>, proxy: Proxy) -> Router {
    let router = Router::new()
        .route("/_lotse/join", post(invitations::join_by_code))
        .with_state(store.clone())
        .nest("/db", couch::routes(store))
        .layer(Extension(proxy));
    match app_dir {
        Some(dir) => router.fallback_service(static_app::service(dir)),
        None => router,
    }
}
