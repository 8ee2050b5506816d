//! The organisation's profile: for now its name, shown in the app's header.

use super::change::{Fields, RecordRow};
use super::form::FieldProblem;
use super::record_data::tidy;
use serde_json::Value;

/// All devices of one organisation edit the same profile record, so its id is fixed.
pub const ORGANISATION_RECORD_ID: &str = "organisation";
pub const NAME_FIELD: &str = "name";
/// Long enough for "Verein zur Förderung der Integration ... e.V.", short enough for a header.
pub const NAME_MAX_CHARS: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationProfile {
    pub name: String,
}

/// Why a typed organisation name was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong { max: usize },
}

impl FieldProblem for NameError {
    fn field(&self) -> &'static str {
        "name"
    }
}

impl OrganisationProfile {
    pub fn from_row(row: &RecordRow) -> Option<OrganisationProfile> {
        row.text(NAME_FIELD).map(|name| OrganisationProfile {
            name: name.to_owned(),
        })
    }

    pub fn to_fields(&self) -> Fields {
        Fields::from([(NAME_FIELD.to_owned(), Value::String(self.name.clone()))])
    }
}

/// Cleans a typed name (surrounding and repeated whitespace) and checks it. Any script is fine.
pub fn parse_organisation_name(input: &str) -> Result<String, NameError> {
    let name = tidy(input);
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(NameError::TooLong {
            max: NAME_MAX_CHARS,
        });
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_are_accepted_and_tidied() {
        assert_eq!(
            parse_organisation_name("  Brücke   e.V. "),
            Ok("Brücke e.V.".to_owned())
        );
        assert_eq!(
            parse_organisation_name("جمعية الجسر"),
            Ok("جمعية الجسر".to_owned())
        );
        assert_eq!(
            parse_organisation_name("Мост\tДортмунд"),
            Ok("Мост Дортмунд".to_owned())
        );
    }

    #[test]
    fn blank_names_are_rejected() {
        assert_eq!(parse_organisation_name(" \n\t "), Err(NameError::Empty));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let at_limit = "ü".repeat(NAME_MAX_CHARS);
        assert!(parse_organisation_name(&at_limit).is_ok());
        let over = "ü".repeat(NAME_MAX_CHARS + 1);
        assert_eq!(
            parse_organisation_name(&over),
            Err(NameError::TooLong {
                max: NAME_MAX_CHARS
            })
        );
    }

    #[test]
    fn markup_is_just_text_in_a_name() {
        let typed = "<img src=x onerror=alert(1)>";
        assert_eq!(parse_organisation_name(typed), Ok(typed.to_owned()));
    }
}
