//! Leptos components, one per file; pages live in `pages/`.

mod app;
mod app_state;
mod bottom_nav;
mod header;
mod messages;
mod online_status;
mod pages;
mod service_worker;
mod storage_banner;
mod update_banner;

pub use app::App;
