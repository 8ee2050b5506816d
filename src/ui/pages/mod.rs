//! One file per page.

mod home;
mod not_found;
mod organisation_form;
mod settings;
mod storage_panel;

pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use settings::SettingsPage;
