//! What the whole app shares, provided as context: the organisation's data in memory and its
//! storage (`app_state`), sync (`sync_state`), the search index and the chosen language.

pub mod app_lock;
pub mod app_state;
pub mod demo_mode;
pub mod language;
pub mod preferences;
pub mod search_index;
pub mod sync_state;
