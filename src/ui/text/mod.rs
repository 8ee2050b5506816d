//! How values read in the person's language: labels of catalogue entries, dates and numbers,
//! and the messages for storage errors.

pub mod consent_labels;
pub mod labels;
pub mod locale_format;
pub mod lock_messages;
pub mod messages;
