//! The frame around every page: the app and its routes, the header, the navigation, the
//! banners (storage, update), the sync line and the service worker.

pub mod app;
pub mod bottom_nav;
pub mod demo_banner;
pub mod header;
pub mod idle_lock;
pub mod language_picker;
pub mod lock_screen;
pub mod online_status;
pub mod service_worker;
pub mod storage_banner;
pub mod sync_line;
pub mod update_banner;
