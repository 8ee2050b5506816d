//! One file per page (the settings page and its panels are in `settings/`).

mod board;
mod case_detail;
mod cases;
mod consent_form;
mod helpers;
mod home;
mod join;
mod member_consents;
mod member_detail;
mod member_form;
mod not_found;
mod offer_form;
mod person_data;
mod person_erasure;
mod report;
mod request_detail;
mod request_form;
mod requests;

pub use board::BoardPage;
pub use case_detail::CaseDetailPage;
pub use cases::CasesPage;
pub use consent_form::ConsentFormPage;
pub use helpers::HelpersPage;
pub use home::HomePage;
pub use join::JoinPage;
pub use member_detail::MemberDetailPage;
pub use member_form::MemberFormPage;
pub use not_found::NotFoundPage;
pub use offer_form::OfferFormPage;
pub use person_data::PersonDataPage;
pub use person_erasure::PersonErasurePage;
pub use report::ReportPage;
pub use request_detail::RequestDetailPage;
pub use request_form::RequestFormPage;
pub use requests::RequestsPage;
