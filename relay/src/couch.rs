//! The CouchDB subset: what Lotse's sync and CouchDB's replication protocol need. Every
//! handler's SQLite work runs on a blocking thread (`blocking`).

use crate::api_error::ApiError;
use crate::auth::device_for;
use crate::blocking::blocking;
use crate::limits::{
    MAX_BODY_BYTES, MAX_BULK_GET_BYTES, MAX_BULK_GET_IDS, MAX_CHANGES, MAX_DOC_BYTES,
    MAX_PAGE_BYTES, MAX_PURGE_IDS,
};
use crate::store::{PutError, RequestingDevice, Store, Stored};
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

pub fn routes(store: Arc<Store>) -> Router {
    Router::new()
        .route("/", get(welcome))
        .route("/{db}", get(database_info))
        .route("/{db}/", get(database_info))
        .route("/{db}/_bulk_docs", post(bulk_docs))
        .route("/{db}/_changes", get(changes))
        .route("/{db}/_revs_diff", post(revs_diff))
        .route("/{db}/_bulk_get", post(bulk_get))
        .route("/{db}/_purge", post(purge))
        .route("/{db}/_ensure_full_commit", post(ensure_full_commit))
        .route("/{db}/_local/{id}", get(get_local).put(put_local))
        .route(
            "/{db}/_lotse/invitations",
            post(crate::invitations::create).get(crate::invitations::list),
        )
        .route(
            "/{db}/_lotse/invitations/{id}",
            axum::routing::delete(crate::invitations::cancel),
        )
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

/// The device asking for the database named in the path, after checking it may use it.
pub(crate) fn open_db(
    store: &Store,
    headers: &HeaderMap,
    db: &str,
) -> Result<RequestingDevice, ApiError> {
    let device = device_for(store, headers, db)?;
    if !store.database_exists(db).map_err(ApiError::storage)? {
        return Err(ApiError::not_found(
            "This organisation has no database on this relay.",
        ));
    }
    Ok(device)
}

async fn database_info(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        open_db(&store, &headers, &db)?;
        let (count, seq) = store.info(&db).map_err(ApiError::storage)?;
        Ok(Json(json!({
            "db_name": db,
            "doc_count": count,
            "doc_del_count": 0,
            "update_seq": seq.to_string(),
            "instance_start_time": "0",
        })))
    })
    .await
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

fn is_base64(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

/// A sealed change document as Lotse writes it (`SealedChange`): an id, a stamp, a device, a
/// key epoch, the sealed text, and for a key document its type and recipient; a replicator
/// adds `_rev` and `_revisions`. Anything else – another field, a field of another type, a
/// document over `MAX_DOC_BYTES` – would stop every phone that pulls it, so it is refused.
fn check_doc(doc: &Value) -> Result<(), String> {
    let Some(object) = doc.as_object() else {
        return Err("every document must be a JSON object".into());
    };
    let short_text = |value: &Value, most: usize| {
        value
            .as_str()
            .is_some_and(|text| !text.is_empty() && text.len() <= most)
    };
    match object.get("_id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() && !id.starts_with('_') && id.len() <= 200 => {}
        _ => return Err("every document needs an \"_id\" (text, not starting with \"_\")".into()),
    }
    for (field, value) in object {
        let fits = match field.as_str() {
            "_id" | "_rev" | "_revisions" => true,
            "stamp" | "device" => short_text(value, 128),
            "for" => short_text(value, 64),
            "epoch" => value.as_u64().is_some_and(|e| e <= u64::from(u32::MAX)),
            "sealed" => value.as_str().is_some_and(is_base64),
            "type" => value.as_str() == Some("key"),
            other => return Err(format!("\"{other}\" is not a field of a sealed change")),
        };
        if !fits {
            return Err(format!("\"{field}\" has the wrong type or length"));
        }
    }
    if let Some(missing) = ["stamp", "device", "epoch", "sealed"]
        .into_iter()
        .find(|field| !object.contains_key(*field))
    {
        return Err(format!("\"{missing}\" is missing"));
    }
    if doc.to_string().len() > MAX_DOC_BYTES {
        return Err(format!("it is larger than {} KB", MAX_DOC_BYTES / 1024));
    }
    Ok(())
}

async fn bulk_docs(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<BulkDocs>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        let device = open_db(&store, &headers, &db)?;
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
        let stored = store.put_docs(&device, request.docs).map_err(|err| match err {
            PutError::Quota(bytes) => ApiError::new(
                StatusCode::FORBIDDEN,
                "quota_exceeded",
                format!(
                    "This organisation has used the {} MB it may keep on this relay. Nothing was stored.",
                    bytes / (1024 * 1024)
                ),
            ),
            PutError::Storage(err) => ApiError::storage(err),
        })?;
        let answer: Vec<Value> = stored
            .into_iter()
            .map(|s| match s {
                Stored::Ok { id, rev } => json!({ "ok": true, "id": id, "rev": rev }),
                Stored::Conflict { id } => json!({
                    "id": id, "error": "conflict",
                    "reason": "A different document with this id exists; change documents are never edited."
                }),
                Stored::Forbidden { id } => json!({
                    "id": id, "error": "forbidden",
                    "reason": "Sealed with a key that was replaced before this device joined."
                }),
            })
            .collect();
        Ok((StatusCode::CREATED, Json(answer)))
    })
    .await
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
    blocking(move || {
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
            .changes(&db, since, limit, MAX_PAGE_BYTES)
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
        let pending = store
            .count_after(&db, last_seq)
            .map_err(ApiError::storage)?;
        Ok(Json(
            json!({ "results": results, "last_seq": last_seq.to_string(), "pending": pending }),
        ))
    })
    .await
}

/// Which of the given revisions the relay lacks. Documents are immutable: an id the relay
/// has is not missing, whichever server gave it its revision.
async fn revs_diff(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<HashMap<String, Vec<String>>>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
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
    })
    .await
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
    blocking(move || {
        open_db(&store, &headers, &db)?;
        let Json(request) = body?;
        if request.docs.len() > MAX_BULK_GET_IDS {
            return Err(too_many_at_once(format!(
                "Ask for at most {MAX_BULK_GET_IDS} documents at once."
            )));
        }
        let mut results = Vec::with_capacity(request.docs.len());
        let mut bytes = 0usize;
        for item in request.docs {
            let found = store.get_doc(&db, &item.id).map_err(ApiError::storage)?;
            let docs = match found {
                Some(doc) => {
                    let body = with_revisions(doc.body, &doc.rev);
                    bytes += body.to_string().len();
                    json!([{ "ok": body }])
                }
                None => {
                    json!([{ "error": { "id": item.id, "error": "not_found", "reason": "missing" } }])
                }
            };
            if bytes > MAX_BULK_GET_BYTES {
                return Err(too_many_at_once(format!(
                    "The answer would be larger than {} MB: ask for fewer documents at once.",
                    MAX_BULK_GET_BYTES / (1024 * 1024)
                )));
            }
            results.push(json!({ "id": item.id, "docs": docs }));
        }
        Ok(Json(json!({ "results": results })))
    })
    .await
}

/// CouchDB's `_purge` (see `store::purge`): `{id: [revisions]}`, answered with what was purged.
async fn purge(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
    body: Result<Json<HashMap<String, Vec<String>>>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        open_db(&store, &headers, &db)?;
        let Json(asked) = body?;
        if asked.len() > MAX_PURGE_IDS {
            return Err(too_many_at_once(format!(
                "Purge at most {MAX_PURGE_IDS} documents at once."
            )));
        }
        let purged = store.purge(&db, &asked).map_err(ApiError::storage)?;
        Ok((
            StatusCode::CREATED,
            Json(json!({ "purge_seq": null, "purged": purged })),
        ))
    })
    .await
}

fn too_many_at_once(reason: String) -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", reason)
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
    blocking(move || {
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
    })
    .await
}

async fn ensure_full_commit(
    State(store): Shared,
    headers: HeaderMap,
    Path(db): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        open_db(&store, &headers, &db)?;
        Ok((
            StatusCode::CREATED,
            Json(json!({ "ok": true, "instance_start_time": "0" })),
        ))
    })
    .await
}

async fn get_local(
    State(store): Shared,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        open_db(&store, &headers, &db)?;
        store
            .get_local(&db, &id)
            .map_err(ApiError::storage)?
            .map(Json)
            .ok_or_else(|| ApiError::not_found("missing"))
    })
    .await
}

async fn put_local(
    State(store): Shared,
    headers: HeaderMap,
    Path((db, id)): Path<(String, String)>,
    body: Result<Json<Value>, JsonRejection>,
) -> Result<impl IntoResponse, ApiError> {
    blocking(move || {
        open_db(&store, &headers, &db)?;
        let Json(body) = body?;
        if !body.is_object() || body.to_string().len() > MAX_DOC_BYTES {
            return Err(ApiError::bad_request(
                "A checkpoint must be a JSON object of at most 256 KB.",
            ));
        }
        let rev = store.put_local(&db, &id, body).map_err(ApiError::storage)?;
        Ok((
            StatusCode::CREATED,
            Json(json!({ "ok": true, "id": format!("_local/{id}"), "rev": rev })),
        ))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Value {
        json!({ "_id": "c1", "stamp": "1764000000000-000000-p", "device": "p", "epoch": 1, "sealed": "AAAA" })
    }

    #[test]
    fn only_the_shape_of_a_sealed_change_is_stored() {
        assert_eq!(check_doc(&doc()), Ok(()));
        let mut key = doc();
        key["type"] = json!("key");
        key["for"] = json!("0123456789abcdef");
        key["_rev"] = json!("1-abc");
        assert_eq!(check_doc(&key), Ok(()));
        let changed = |field: &str, value: Value| {
            let mut doc = doc();
            doc[field] = value;
            check_doc(&doc)
        };
        for (field, value) in [
            ("epoch", json!("one")),
            ("epoch", json!(-1)),
            ("epoch", json!(1u64 << 40)),
            ("sealed", json!(42)),
            ("sealed", json!("<html>")),
            ("stamp", json!("")),
            ("device", json!("d".repeat(200))),
            ("type", json!("design")),
            ("views", json!({})),
            ("sealed", json!("A".repeat(MAX_DOC_BYTES))),
        ] {
            assert!(changed(field, value.clone()).is_err(), "{field}: {value}");
        }
        let mut missing = doc();
        missing.as_object_mut().map(|o| o.remove("epoch"));
        assert!(check_doc(&missing).is_err());
    }
}
