//! Plain-Rust core of Lotse: records, validation, the change log and its clock, search,
//! matching. Nothing here may import leptos, web-sys or wasm-bindgen.

pub mod app_lock;
pub mod board;
pub mod byte_size;
pub mod calendar;
pub mod case;
pub mod catalog;
pub mod change;
pub mod conflict;
pub mod consent;
pub mod deleted_together;
pub mod device_name;
pub mod directory;
pub mod erasure;
#[cfg(test)]
mod fixture;
pub mod form;
pub mod hlc;
pub mod ids;
pub mod markup;
pub mod matching;
pub mod member;
pub mod merge;
pub mod offer;
pub mod order;
pub mod organisation;
pub mod person_data;
pub mod phone;
pub mod record_data;
pub mod request;
pub mod retention;
pub mod search;
pub mod seed;
pub mod sync;
pub mod text_key;
pub mod today;
pub mod vocabulary;
