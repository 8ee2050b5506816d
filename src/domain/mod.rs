//! Plain-Rust core of Lotse: records, validation, the change log and its clock.
//! Nothing here may import leptos, web-sys or wasm-bindgen.

pub mod byte_size;
pub mod change;
pub mod hlc;
pub mod ids;
pub mod merge;
pub mod organisation;
