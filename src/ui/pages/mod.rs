//! One file per page (and per settings panel).

mod case_detail;
mod cases;
mod categories_panel;
mod demo_panel;
mod device_list;
mod helpers;
mod home;
mod invitation_list;
mod member_detail;
mod member_form;
mod not_found;
mod offer_form;
mod organisation_form;
mod removed_panel;
mod request_detail;
mod request_form;
mod requests;
mod settings;
mod storage_panel;
mod sync_panel;

pub use case_detail::CaseDetailPage;
pub use cases::CasesPage;
pub use helpers::HelpersPage;
pub use home::HomePage;
pub use member_detail::MemberDetailPage;
pub use member_form::MemberFormPage;
pub use not_found::NotFoundPage;
pub use offer_form::OfferFormPage;
pub use request_detail::RequestDetailPage;
pub use request_form::RequestFormPage;
pub use requests::RequestsPage;
pub use settings::SettingsPage;
