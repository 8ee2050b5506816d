//! The settings page and its panels: the organisation's name and kinds of help, the app
//! lock, sync (joining,
//! devices, invitations, a removed phone), how long finished things are kept, storage, demo
//! data.

mod categories_panel;
mod consent_panel;
pub mod demo_panel;
mod device_list;
mod device_name_form;
mod invitation_list;
mod lock_panel;
mod organisation_form;
mod page;
mod removed_panel;
mod retention_panel;
mod storage_panel;
mod sync_panel;

pub use page::SettingsPage;
pub use sync_panel::{DemoNoSync, JoinForm};
