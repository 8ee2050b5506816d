//! Lotse's sync relay: one binary and one SQLite file. It speaks the part of CouchDB's HTTP
//! API that Lotse and CouchDB's replicators use (`_bulk_docs`, `_changes`, `_revs_diff`,
//! `_bulk_get`, `_local` checkpoints, database info) under `/db/{organisation}/`, plus joining
//! by invitation (`_lotse/invitations`, `_lotse/join`; `/_lotse/join` for short codes), and serves the
//! built app at `/`. It stores sealed change documents it cannot read (see
//! `lotse::domain::sync::sealed`): immutable, so it never has to resolve anything.

mod api_error;
mod auth;
mod couch;
mod invitations;
mod static_app;
pub mod store;

use axum::routing::post;
use axum::Router;
use std::path::Path;
use std::sync::Arc;
use store::Store;

/// Largest request body accepted: a few thousand sealed changes.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The relay's HTTP service: the CouchDB subset under `/db`, the app (if a directory with the
/// built app is given) everywhere else.
pub fn app(store: Arc<Store>, app_dir: Option<&Path>) -> Router {
    let router = Router::new()
        .route("/_lotse/join", post(invitations::join_by_code))
        .with_state(store.clone())
        .nest("/db", couch::routes(store));
    match app_dir {
        Some(dir) => router.fallback_service(static_app::service(dir)),
        None => router,
    }
}
