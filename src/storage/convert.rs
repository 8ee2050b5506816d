//! Conversions between Rust values, JS values and `StorageError`.

use crate::storage::error::StorageError;
use indexed_db_futures::error::{Error as IdbError, OpenDbError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Plain JS objects (not `Map`s) so that stored data stays readable by any IndexedDB tool and
/// by the sync code that will ship it as JSON.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|err| StorageError::Failed(format!("could not prepare data: {err}")))
}

pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|err| StorageError::Unreadable(err.to_string()))
}

/// Classifies any JS exception by its name; DOMExceptions and plain JS errors both have one.
pub fn from_js_exception(value: &JsValue) -> StorageError {
    if let Some(dom) = value.dyn_ref::<web_sys::DomException>() {
        return StorageError::from_exception(&dom.name(), &dom.message());
    }
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return StorageError::from_exception(
            &String::from(error.name()),
            &String::from(error.message()),
        );
    }
    StorageError::Failed(format!("{value:?}"))
}

impl From<IdbError> for StorageError {
    fn from(err: IdbError) -> Self {
        match err {
            IdbError::DomException(dom) => from_js_exception(dom.as_ref()),
            IdbError::Serialisation(err) => StorageError::Unreadable(err.to_string()),
            IdbError::MissingData(err) => StorageError::Unreadable(err.to_string()),
            IdbError::Unknown(err) => StorageError::Failed(err.to_string()),
        }
    }
}

impl From<OpenDbError> for StorageError {
    fn from(err: OpenDbError) -> Self {
        match err {
            OpenDbError::Base(err) => match StorageError::from(err) {
                // Failing to open at all means there is no usable storage in this browser.
                StorageError::Failed(detail) => StorageError::Unavailable(detail),
                other => other,
            },
            other => StorageError::Unavailable(other.to_string()),
        }
    }
}
