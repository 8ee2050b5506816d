//! Leptos components, one per file; pages live in `pages/`.

mod app;
mod app_state;
mod availability_grid;
mod bottom_nav;
mod choice_options;
mod conflict_panel;
mod contact_links;
mod form;
mod header;
mod labels;
mod language;
mod language_editor;
mod language_picker;
pub mod loaded;
mod locale_format;
mod messages;
mod online_status;
mod pages;
mod qr_code;
mod search_index;
mod service_worker;
mod storage_banner;
mod sync_line;
mod sync_state;
mod update_banner;
mod when_loaded;

pub use app::App;
