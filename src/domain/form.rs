//! What every form shares in the domain: a validation returns all the problems it found, and
//! each problem names the field of the draft it belongs next to. The UI's one form mechanism
//! (`ui::form`) shows them by that name, so a new form only says how a problem reads.

/// A problem a validation found, tied to a field of the draft (its Rust field name).
pub trait FieldProblem {
    /// The draft field the message is shown next to, or [`WHOLE_FORM`].
    fn field(&self) -> &'static str;
}

/// For problems that belong to no single field: shown by the submit button.
pub const WHOLE_FORM: &str = "";

/// What a validation gives: the checked value, or every problem found (not just the first).
pub type Checked<T, E> = Result<T, Vec<E>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{Case, CaseNote};
    use crate::domain::member::MemberDraft;
    use crate::domain::offer::{CustomCategory, OfferDraft};
    use crate::domain::organisation::parse_organisation_name;
    use crate::domain::request::{RequestDraft, Urgency};

    fn fields<E: FieldProblem>(checked: Result<impl Sized, Vec<E>>) -> Vec<&'static str> {
        match checked {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(FieldProblem::field).collect(),
        }
    }

    #[test]
    fn every_problem_of_an_empty_member_draft_names_its_field() {
        let draft = MemberDraft {
            phones: "12ab, 0171 1234567".into(),
            email: "not an address".into(),
            consent_date: "2026-01-02".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(draft.validate("m1")),
            ["name", "phones", "email", "consent"]
        );
    }

    #[test]
    fn a_request_draft_keeps_the_chosen_languages_only_and_tells_which_field_is_wrong() {
        let draft = RequestDraft {
            person: "  Amal  ".into(),
            category: "translation".into(),
            second_language: "fa".into(),
            urgency: Urgency::High,
            ..Default::default()
        };
        let request = draft.clone().validate("2026-12-01".into()).unwrap();
        assert_eq!(request.languages, ["fa"]);
        assert_eq!(request.person, "Amal");
        assert_eq!(request.created, "2026-12-01");
        let same_twice = RequestDraft {
            language: "fa".into(),
            ..draft.clone()
        };
        assert_eq!(
            same_twice.validate(String::new()).unwrap().languages,
            ["fa"]
        );
        let wrong = RequestDraft {
            person: " ".into(),
            category: String::new(),
            time: "10:00".into(),
            ..draft
        };
        assert_eq!(
            fields(wrong.validate(String::new())),
            ["person", "category", "when"]
        );
    }

    #[test]
    fn an_offer_draft_reads_districts_and_times_as_typed() {
        let draft = OfferDraft {
            category: "translation".into(),
            districts: " Nord, ,Mitte ".into(),
            times: " 3 ".into(),
            active: true,
            ..Default::default()
        };
        let offer = draft.clone().validate("o1", "m1").unwrap();
        assert_eq!(offer.districts, ["Mitte", "Nord"]);
        assert_eq!(offer.capacity.times, 3);
        assert_eq!((offer.id.as_str(), offer.member_id.as_str()), ("o1", "m1"));
        let not_a_number = OfferDraft {
            times: "drei".into(),
            category: String::new(),
            ..draft.clone()
        };
        assert_eq!(
            fields(not_a_number.validate("", "m1")),
            ["category", "times"]
        );
        // Without a member the form has no field to fix: the message goes to the whole form.
        assert_eq!(fields(draft.validate("", "")), [WHOLE_FORM]);
    }

    #[test]
    fn names_of_cases_categories_notes_and_the_organisation_are_required() {
        let case = Case {
            title: "  Familie   K. ".into(),
            ..Default::default()
        };
        assert_eq!(case.validated().unwrap().title, "Familie K.");
        assert_eq!(fields(Case::default().validated()), ["title"]);
        assert_eq!(fields(CustomCategory::default().validated()), ["name"]);
        let note = CaseNote {
            follow_up: "morgen".into(),
            ..Default::default()
        };
        assert_eq!(fields(note.validated()), ["text", "author", "follow_up"]);
        assert_eq!(
            fields(parse_organisation_name(" ").map_err(|e| vec![e])),
            ["name"]
        );
    }
}
