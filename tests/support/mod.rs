//! What the browser tests that look into raw IndexedDB share: a database without event
//! handling, another phone's changes as a pull brings them, and every stored value as text.
#![allow(dead_code)]

use indexed_db_futures::database::Database as IdbDatabase;
use indexed_db_futures::prelude::*;
use lotse::domain::change::{Change, Fields, RecordKind};
use lotse::domain::hlc::Stamp;
use lotse::storage::schema::{CHANGES, CHANGE_PAGES, META, RECORDS, RECORD_PAGES};
use lotse::storage::EventSink;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::JsValue;

pub fn ignore_events() -> EventSink {
    Rc::new(|_| {})
}

pub fn fields(value: Value) -> Fields {
    serde_json::from_value(value).expect("fields")
}

/// A change made on "phone-b" at `millis`, as a pull brings it.
pub fn pulled_change(
    id: &str,
    record: &str,
    kind: RecordKind,
    value: Value,
    millis: u64,
) -> Change {
    Change {
        id: id.to_owned(),
        record_id: record.to_owned(),
        kind,
        fields: fields(value),
        stamp: Stamp {
            millis,
            counter: 0,
            device: "phone-b".to_owned(),
        }
        .to_string(),
        device_id: "phone-b".to_owned(),
        replaces: Vec::new(),
        deletes: false,
    }
}

/// Every value in every store that can hold personal data, as JSON text (sealed bytes show
/// as numbers): what someone with the browser profile reads.
pub async fn raw_text(name: &str) -> String {
    let raw = IdbDatabase::open(name).await.expect("raw open");
    let mut text = String::new();
    for store in [RECORDS, CHANGES, RECORD_PAGES, CHANGE_PAGES, META] {
        let tx = raw.transaction(store).build().expect("tx");
        let values = tx
            .object_store(store)
            .expect("store")
            .get_all::<JsValue>()
            .primitive()
            .expect("get all")
            .await
            .expect("read");
        for value in values {
            let value = value.expect("value");
            text.push_str(&String::from(
                js_sys::JSON::stringify(&value).expect("json"),
            ));
        }
    }
    raw.close();
    text
}
