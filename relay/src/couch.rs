//! The CouchDB subset: what Lotse's sync and CouchDB's replication protocol need.

use crate::api_error::ApiError;
use crate::auth::device_for;
use crate::store::{Store, Stored};
use crate::MAX_BODY_BYTES;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::Arc;

type Shared = State<Arc<Store>>;

/// Most documents one `_changes` answer carries, whatever the client asks.
const MAX_CHANGES: i64 = 2_000;

pub fn routes(store: Arc<Store>) -> Router {
    Router::new()
        .route("/", get(welcome))
        .route("/{db}", get(database_info))
        .route("/{db}/", get(database_info))
        .route("/{db}/_bulk_docs", post(bulk_docs))
        .route("/{db}/_changes", get(changes))
        .route("/{db}/_revs_diff", post(revs_diff))
        .route("/{db}/_bulk_get", post(bulk_get))
        .route("/{db}/_ensure_full_commit", post(ensure_full_commit))
        .route("/{db}/_local/{id}", get(get_local).put(put_local))
        .route("/{db}/_lotse/invitations", post(crate::invitations::create))
        .route("/{db}/_lotse/join", post(crate::invitations::join))
        .route(
            "/{db}/_lotse/devices",
            get(crate::invitations::list_devices),
        )
        .route(
            "/{db}/_lotse/device_key",
            axum::routing::put(crate::invitations::set_device_key),
        )
        .route(
            "/{db}/_lotse/devices/{id}",
            axum::routing::delete(crate::invitations::remove_device),
        )
        .route("/{db}/{id}", get(get_doc))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(store)
}

async fn welcome() -> Json<Value> {
    Json(json!({ "couchdb": "Welcome", "version": "3.3.0", "vendor": { "name": "lotse-relay" } }))
}

/// The database named in the path, after checking the device may use it.
fn open_db(store: &Store, headers: &HeaderMap, db: &str) -> Result<(), ApiError> {
    device_for(store, headers, db)?;
    if !store.database_exists(db).map_err(ApiError::storage)? {
        return Err(ApiError::not_found(
            "This organisation has no database on this relay.",
        ));
    }
    Ok(())
}

async fn database_info(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    let (count, seq) = store.info(&db).map_err(ApiError::storage)?;
    Ok(Json(json!({
        "db_name": db,
        "doc_count": count,
        "doc_del_count": 0,
        "update_seq": seq.to_string(),
        "instance_start_time": "0",
    })))
}

#[derive(Deserialize)]
struct BulkDocs {
    docs: Vec<Value>,
    #[serde(default = "yes")]
    #[allow(dead_code)] // Accepted: documents are immutable, so both modes store the same.
    new_edits: bool,
}

fn yes() -> bool {
    true
}

/// A sealed change document must have a string `_id`; anything else is refused as a whole.
fn check_doc(doc: &Value) -> Result<(), String> {
    let Some(object) = doc.as_object() else {
        return Err("every document must be a JSON object".into());
    };
    match object.get("_id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() && !id.starts_with('_') => Ok(()),
        _ => Err("every document needs an \"_id\" (text, not starting with \"_\")".into()),
    }
}

async fn bulk_docs(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<BulkDocs>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    open_db(&store, &headers, &db)?;
    let Json(request) = body?;
    if let Some((n, problem)) = request
        .docs
        .iter()
        .enumerate()
        .find_map(|(n, doc)| check_doc(doc).err().map(|p| (n, p)))
    {
        return Err(ApiError::bad_request(format!(
            "Document {}: {problem}. Nothing was stored.",
            n + 1
        )));
    }
    let stored = store
        .put_docs(&db, request.docs)
        .map_err(ApiError::storage)?;
    let answer: Vec<Value> = stored
        .into_iter()
        .map(|s| match s {
            Stored::Ok { id, rev } => json!({ "ok": true, "id": id, "rev": rev }),
            Stored::Conflict { id } => json!({
                "id": id, "error": "conflict",
                "reason": "A different document with this id exists; change documents are never edited."
            }),
        })
        .collect();
    Ok((StatusCode::CREATED, Json(answer)))
}

#[derive(Deserialize)]
struct ChangesQuery {
    since: Option<String>,
    limit: Option<i64>,
    include_docs: Option<bool>,
}

async fn changes(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    Query(query): Query<ChangesQuery>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    let since = match query.since.as_deref() {
        None | Some("0") | Some("") => 0,
        Some("now") => store.info(&db).map_err(ApiError::storage)?.1,
        Some(text) => text.trim_matches('"').parse::<i64>().map_err(|_| {
            ApiError::bad_request("\"since\" must be a sequence number from an earlier answer.")
        })?,
    };
    let limit = query.limit.unwrap_or(MAX_CHANGES).clamp(1, MAX_CHANGES);
    let docs = store
        .changes(&db, since, limit)
        .map_err(ApiError::storage)?;
    let last_seq = docs.last().map(|d| d.seq).unwrap_or(since);
    let include_docs = query.include_docs.unwrap_or(false);
    let results: Vec<Value> = docs
        .into_iter()
        .map(|d| {
            let mut row =
                json!({ "seq": d.seq.to_string(), "id": d.id, "changes": [{ "rev": d.rev }] });
            if include_docs {
                row["doc"] = d.body;
            }
            row
        })
        .collect();
    let pending = store.info(&db).map_err(ApiError::storage)?.1 - last_seq;
    Ok(Json(
        json!({ "results": results, "last_seq": last_seq.to_string(), "pending": pending.max(0) }),
    ))
}

/// Which of the given revisions the relay lacks. Documents are immutable: an id the relay
/// has is not missing, whichever server gave it its revision.
async fn revs_diff(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<HashMap<String, Vec<String>>>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    let Json(asked) = body?;
    let mut missing = Map::new();
    for (id, revs) in asked {
        if store
            .get_doc(&db, &id)
            .map_err(ApiError::storage)?
            .is_none()
        {
            missing.insert(id, json!({ "missing": revs }));
        }
    }
    Ok(Json(Value::Object(missing)))
}

#[derive(Deserialize)]
struct BulkGet {
    docs: Vec<BulkGetItem>,
}

#[derive(Deserialize)]
struct BulkGetItem {
    id: String,
}

async fn bulk_get(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<BulkGet>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    let Json(request) = body?;
    let mut results = Vec::with_capacity(request.docs.len());
    for item in request.docs {
        let found = store.get_doc(&db, &item.id).map_err(ApiError::storage)?;
        let docs = match found {
            Some(doc) => json!([{ "ok": with_revisions(doc.body, &doc.rev) }]),
            None => {
                json!([{ "error": { "id": item.id, "error": "not_found", "reason": "missing" } }])
            }
        };
        results.push(json!({ "id": item.id, "docs": docs }));
    }
    Ok(Json(json!({ "results": results })))
}

/// A stored document with the revision history replicators ask for (`revs=true`).
fn with_revisions(mut body: Value, rev: &str) -> Value {
    if let Some((generation, hash)) = rev.split_once('-') {
        body["_revisions"] =
            json!({ "start": generation.parse::<u64>().unwrap_or(1), "ids": [hash] });
    }
    body
}

#[derive(Deserialize)]
struct DocQuery {
    revs: Option<bool>,
    open_revs: Option<String>,
}

async fn get_doc(
    State(store): Shared,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
    Query(query): Query<DocQuery>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    let doc = store
        .get_doc(&db, &id)
        .map_err(ApiError::storage)?
        .ok_or_else(|| ApiError::not_found("missing"))?;
    let body = if query.revs.unwrap_or(false) {
        with_revisions(doc.body, &doc.rev)
    } else {
        doc.body
    };
    // `open_revs` asks for a list of leaf revisions; an immutable document has exactly one.
    if query.open_revs.is_some() {
        return Ok(Json(json!([{ "ok": body }])));
    }
    Ok(Json(body))
}

async fn ensure_full_commit(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    open_db(&store, &headers, &db)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "ok": true, "instance_start_time": "0" })),
    ))
}

async fn get_local(
    State(store): Shared,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    open_db(&store, &headers, &db)?;
    store
        .get_local(&db, &id)
        .map_err(ApiError::storage)?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("missing"))
}

async fn put_local(
    State(store): Shared,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    open_db(&store, &headers, &db)?;
    let Json(body) = body?;
    if !body.is_object() {
        return Err(ApiError::bad_request("A checkpoint must be a JSON object."));
    }
    let rev = store.put_local(&db, &id, body).map_err(ApiError::storage)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "ok": true, "id": format!("_local/{id}"), "rev": rev })),
    ))
}
