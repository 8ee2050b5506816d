//! Consent per purpose (GDPR Art. 6(1)(a), 7, 9(2)(a)): for each purpose, a person's consent
//! is given or withdrawn on a date, in a way (a signed form, verbally), recorded by someone,
//! after being informed in a language. Every such event is a record of its own, never
//! edited, so the history stays as it happened and two phones recording at once never
//! conflict; the newest event of a purpose is what holds now.
//!
//! Lotse acts on three purposes: no case note without `CASE_NOTES` unless the volunteer
//! confirms, no call or message link for a request's helper without their `PASS_ON`, and a
//! withdrawn `STATISTICS` leaves the person out of the report. The organisation can name
//! purposes of its own (`OrganisationPurposes`); they are recorded and printed alike.

use super::calendar::Date;
use super::change::{Fields, RecordKind, RecordRow};
use super::directory::Directory;
use super::form::{Checked, FieldProblem};
use super::record_data::{record_data, tidy};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Keep the person's contact data and offers.
pub const CONTACT: &str = "contact";
/// Pass their contact details on to others for a request (a helper's number to the person
/// helped, or the other way round).
pub const PASS_ON: &str = "pass_on";
pub const CASE_NOTES: &str = "case_notes";
/// Pass data to a partner organisation (a referral).
pub const PARTNER: &str = "partner";
/// Be counted in the organisation's anonymised statistics (the report).
pub const STATISTICS: &str = "statistics";
/// The purposes every organisation has, in the order the form lists them.
pub const STANDARD_PURPOSES: [&str; 5] = [CONTACT, PASS_ON, CASE_NOTES, PARTNER, STATISTICS];

/// How the consent (or its withdrawal) was expressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentWay {
    #[default]
    Signed,
    Verbal,
}

/// One consent given or withdrawn, for one purpose of one person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    #[serde(skip)]
    pub id: String,
    pub member_id: String,
    /// A standard purpose's key, or the name of one the organisation added.
    pub purpose: String,
    pub given: bool,
    /// The day the person gave or withdrew it ("YYYY-MM-DD").
    pub date: String,
    #[serde(default)]
    pub way: ConsentWay,
    pub recorded_by: String,
    /// The language the person was informed in (a language code).
    pub language: String,
    /// When it was recorded (ISO 8601 to the millisecond): orders two events of one day.
    #[serde(default)]
    pub recorded_at: String,
}

record_data!(ConsentEvent, RecordKind::Consent);

/// The consent that holds now for `purpose`: the newest event, if any.
pub fn current<'a>(
    directory: &'a Directory,
    member_id: &str,
    purpose: &str,
) -> Option<&'a ConsentEvent> {
    directory
        .consents
        .values()
        .filter(|c| c.member_id == member_id && c.purpose == purpose)
        .max_by(|a, b| (&a.date, &a.recorded_at, &a.id).cmp(&(&b.date, &b.recorded_at, &b.id)))
}

/// Whether the person has consented to `purpose` (given, not withdrawn since).
pub fn has_consented(directory: &Directory, member_id: &str, purpose: &str) -> bool {
    current(directory, member_id, purpose).is_some_and(|c| c.given)
}

/// Whether the person withdrew (or refused) `purpose`: only then is it left out where
/// leaving out is the rule (the statistics count everyone who did not say no).
pub fn has_withdrawn(directory: &Directory, member_id: &str, purpose: &str) -> bool {
    current(directory, member_id, purpose).is_some_and(|c| !c.given)
}

/// Every event of the person, newest first: the history shown and exported.
pub fn history<'a>(directory: &'a Directory, member_id: &str) -> Vec<&'a ConsentEvent> {
    let mut events: Vec<&ConsentEvent> = directory
        .consents
        .values()
        .filter(|c| c.member_id == member_id)
        .collect();
    events.sort_by(|a, b| (&b.date, &b.recorded_at, &b.id).cmp(&(&a.date, &a.recorded_at, &a.id)));
    events
}

/// The consent form of the member page: which purposes, given or withdrawn, when, how, by
/// whom, in which language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsentDraft {
    pub purposes: Vec<String>,
    pub given: bool,
    pub date: String,
    pub way: ConsentWay,
    pub recorded_by: String,
    pub language: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentProblem {
    NoPurpose,
    BadDate,
    /// A date after today: consent is recorded when it was given.
    FutureDate,
    NoRecorder,
    NoLanguage,
}

impl FieldProblem for ConsentProblem {
    fn field(&self) -> &'static str {
        match self {
            ConsentProblem::NoPurpose => "purposes",
            ConsentProblem::BadDate | ConsentProblem::FutureDate => "date",
            ConsentProblem::NoRecorder => "recorded_by",
            ConsentProblem::NoLanguage => "language",
        }
    }
}

impl ConsentDraft {
    /// One event per chosen purpose.
    pub fn validate(
        self,
        member_id: &str,
        today: Date,
        recorded_at: &str,
    ) -> Checked<Vec<ConsentEvent>, ConsentProblem> {
        let mut problems = Vec::new();
        if self.purposes.is_empty() {
            problems.push(ConsentProblem::NoPurpose);
        }
        match Date::parse(self.date.trim()) {
            None => problems.push(ConsentProblem::BadDate),
            Some(date) if date > today => problems.push(ConsentProblem::FutureDate),
            Some(_) => {}
        }
        let recorded_by = tidy(&self.recorded_by);
        if recorded_by.is_empty() {
            problems.push(ConsentProblem::NoRecorder);
        }
        if self.language.trim().is_empty() {
            problems.push(ConsentProblem::NoLanguage);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(self
            .purposes
            .iter()
            .map(|purpose| ConsentEvent {
                id: String::new(),
                member_id: member_id.to_owned(),
                purpose: purpose.clone(),
                given: self.given,
                date: self.date.trim().to_owned(),
                way: self.way,
                recorded_by: recorded_by.clone(),
                language: self.language.trim().to_owned(),
                recorded_at: recorded_at.to_owned(),
            })
            .collect())
    }
}

const PURPOSES_FIELD: &str = "consent_purposes";
const FORM_TEXT_FIELD: &str = "consent_text";

/// What the organisation adds to consent: purposes of its own and a text printed on the form
/// (who its data-protection contact is, say). Kept on the organisation's record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrganisationPurposes {
    pub purposes: Vec<String>,
    pub form_text: String,
}

impl OrganisationPurposes {
    pub fn from_row(row: &RecordRow) -> OrganisationPurposes {
        let purposes = row
            .fields
            .get(PURPOSES_FIELD)
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        OrganisationPurposes {
            purposes,
            form_text: row.text(FORM_TEXT_FIELD).unwrap_or_default().to_owned(),
        }
    }

    pub fn to_fields(&self) -> Fields {
        Fields::from([
            (
                PURPOSES_FIELD.to_owned(),
                Value::from(self.purposes.clone()),
            ),
            (
                FORM_TEXT_FIELD.to_owned(),
                Value::from(self.form_text.clone()),
            ),
        ])
    }

    /// The standard purposes, then the organisation's own.
    pub fn all(&self) -> Vec<String> {
        STANDARD_PURPOSES
            .iter()
            .map(|p| (*p).to_owned())
            .chain(self.purposes.iter().cloned())
            .collect()
    }
}

/// The settings form: the organisation's purposes one per line, and the form's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PurposesDraft {
    pub purposes: String,
    pub form_text: String,
}

/// A purpose of the organisation's that is too long to print on one line of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PurposeTooLong;

impl FieldProblem for PurposeTooLong {
    fn field(&self) -> &'static str {
        "purposes"
    }
}

/// Longest purpose name the organisation may add.
pub const PURPOSE_MAX_CHARS: usize = 120;

impl PurposesDraft {
    pub fn of(settings: &OrganisationPurposes) -> PurposesDraft {
        PurposesDraft {
            purposes: settings.purposes.join("\n"),
            form_text: settings.form_text.clone(),
        }
    }

    pub fn validate(self) -> Checked<OrganisationPurposes, PurposeTooLong> {
        let mut purposes: Vec<String> = Vec::new();
        for line in self.purposes.lines().map(tidy).filter(|l| !l.is_empty()) {
            if line.chars().count() > PURPOSE_MAX_CHARS {
                return Err(vec![PurposeTooLong]);
            }
            // A standard key typed as a name would act as that purpose: refused by renaming.
            if !purposes.contains(&line) && !STANDARD_PURPOSES.contains(&line.as_str()) {
                purposes.push(line);
            }
        }
        Ok(OrganisationPurposes {
            purposes,
            form_text: self.form_text.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, purpose: &str, given: bool, date: &str, at: &str) -> ConsentEvent {
        ConsentEvent {
            id: id.into(),
            member_id: "aylin".into(),
            purpose: purpose.into(),
            given,
            date: date.into(),
            recorded_by: "Olga".into(),
            language: "tr".into(),
            recorded_at: at.into(),
            ..ConsentEvent::default()
        }
    }

    fn directory(events: &[ConsentEvent]) -> Directory {
        let mut d = Directory::default();
        for e in events {
            d.consents.insert(e.id.clone(), e.clone());
        }
        d
    }

    #[test]
    fn the_newest_event_of_a_purpose_holds_and_the_history_keeps_every_one() {
        let d = directory(&[
            event("a", CASE_NOTES, true, "2026-03-01", "2026-03-01T10:00"),
            event("b", CASE_NOTES, false, "2026-06-01", "2026-06-01T09:00"),
            event("c", CASE_NOTES, true, "2026-06-01", "2026-06-01T11:00"),
            event("d", STATISTICS, false, "2026-02-01", "2026-02-01T10:00"),
        ]);
        assert!(has_consented(&d, "aylin", CASE_NOTES));
        assert!(!has_withdrawn(&d, "aylin", CASE_NOTES));
        assert!(has_withdrawn(&d, "aylin", STATISTICS));
        assert!(
            !has_consented(&d, "aylin", PASS_ON),
            "never asked is no consent"
        );
        assert!(!has_withdrawn(&d, "aylin", PASS_ON), "nor a withdrawal");
        assert!(!has_consented(&d, "farid", CASE_NOTES));
        let order: Vec<&str> = history(&d, "aylin").iter().map(|e| e.id.as_str()).collect();
        assert_eq!(order, ["c", "b", "a", "d"]);
    }

    #[test]
    fn a_draft_gives_one_event_per_purpose_and_says_what_is_missing_next_to_it() {
        let today = Date::parse("2026-12-01").expect("date");
        let draft = ConsentDraft {
            purposes: vec![CONTACT.into(), CASE_NOTES.into()],
            given: true,
            date: "2026-11-30".into(),
            way: ConsentWay::Verbal,
            recorded_by: "  Olga  Petrova ".into(),
            language: "tr".into(),
        };
        let events = draft
            .clone()
            .validate("aylin", today, "2026-12-01T10:00")
            .expect("valid");
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].purpose, CASE_NOTES);
        assert_eq!(events[0].recorded_by, "Olga Petrova");
        assert!(events
            .iter()
            .all(|e| e.given && e.way == ConsentWay::Verbal));
        let wrong = ConsentDraft {
            purposes: Vec::new(),
            date: "2026-12-02".into(),
            recorded_by: " ".into(),
            language: String::new(),
            ..draft.clone()
        };
        let fields: Vec<&str> = wrong
            .validate("aylin", today, "")
            .unwrap_err()
            .iter()
            .map(FieldProblem::field)
            .collect();
        assert_eq!(fields, ["purposes", "date", "recorded_by", "language"]);
        let odd = ConsentDraft {
            date: "30.11.".into(),
            ..draft
        };
        assert_eq!(
            odd.validate("aylin", today, ""),
            Err(vec![ConsentProblem::BadDate])
        );
    }

    #[test]
    fn a_persons_consents_go_with_their_erasure_and_into_what_they_are_shown() {
        use crate::domain::erasure::plan;
        use crate::domain::member::Member;
        use crate::domain::person_data::held_about;
        let mut d = directory(&[event("a", CASE_NOTES, true, "2026-03-01", "")]);
        d.members.insert(
            "aylin".into(),
            Member {
                id: "aylin".into(),
                name: "Aylin Kaya".into(),
                ..Member::default()
            },
        );
        let held = held_about(&d, "aylin").expect("held");
        assert_eq!(held.consents.len(), 1);
        assert!(held.record_ids().contains(&"a"));
        let erasure = plan(&d, "aylin", &[]).expect("plan").erasure;
        assert!(erasure.erased.contains(&"a".to_owned()));
    }

    #[test]
    fn the_organisations_purposes_are_one_per_line_tidied_and_never_a_standard_key() {
        let draft = PurposesDraft {
            purposes: " Fotos auf der Website \n\nFotos auf der Website\nstatistics\n".into(),
            form_text: " Datenschutz: Frau Yilmaz, 0231 1234 ".into(),
        };
        let settings = draft.validate().expect("valid");
        assert_eq!(settings.purposes, ["Fotos auf der Website"]);
        assert_eq!(settings.form_text, "Datenschutz: Frau Yilmaz, 0231 1234");
        assert_eq!(settings.all().len(), 6);
        let row = RecordRow {
            id: "organisation".into(),
            kind: RecordKind::Organisation,
            fields: settings.to_fields(),
            heads: Vec::new(),
            updated: String::new(),
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        };
        assert_eq!(OrganisationPurposes::from_row(&row), settings);
        let long = PurposesDraft {
            purposes: "x".repeat(PURPOSE_MAX_CHARS + 1),
            ..PurposesDraft::default()
        };
        assert_eq!(long.validate(), Err(vec![PurposeTooLong]));
    }
}
