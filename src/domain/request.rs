//! A help request: someone needs help of one kind, perhaps in certain languages, at a place and
//! time. It moves open -> assigned -> done (or cancelled) and records who helped and how it went.

use super::calendar::{slot_of, Date, Slot};
use super::change::RecordKind;
use super::form::{Checked, FieldProblem};
use super::record_data::{record_data, tidy};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    Low,
    #[default]
    Normal,
    High,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RequestStatus {
    #[default]
    Open,
    Assigned,
    Done,
    Cancelled,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HelpRequest {
    #[serde(skip)]
    pub id: String,
    /// Who needs help: a name or pseudonym; minimal data for non-members.
    pub person: String,
    /// Set when the person is a member.
    #[serde(default)]
    pub member_id: Option<String>,
    pub category: String,
    #[serde(default)]
    pub languages: Vec<String>,
    /// Place or institution, e.g. "Jobcenter Dortmund".
    #[serde(default)]
    pub place: String,
    /// "YYYY-MM-DD"; empty means flexible.
    #[serde(default)]
    pub date: String,
    /// "HH:MM"; empty means any time that day.
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub urgency: Urgency,
    #[serde(default)]
    pub status: RequestStatus,
    #[serde(default)]
    pub helpers: Vec<String>,
    #[serde(default)]
    pub outcome: String,
    /// Date the request was taken ("YYYY-MM-DD").
    #[serde(default)]
    pub created: String,
    /// Date a helper was first found for it ("YYYY-MM-DD"; empty while nobody is assigned):
    /// how long people wait for help.
    // Always written, even empty: a field left out of an edit is stored as null, and a null
    // where a text belongs would make the whole record unreadable.
    #[serde(default)]
    pub assigned: String,
}

record_data!(HelpRequest, RecordKind::Request);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    PersonEmpty,
    NoCategory,
    DateInvalid,
    TimeInvalid,
    TimeWithoutDate,
}

impl FieldProblem for RequestError {
    fn field(&self) -> &'static str {
        match self {
            RequestError::PersonEmpty => "person",
            RequestError::NoCategory => "category",
            // Date and time are shown as one "when": one message under both.
            RequestError::DateInvalid
            | RequestError::TimeInvalid
            | RequestError::TimeWithoutDate => "when",
        }
    }
}

/// What a person typed into the request form: up to two languages, each chosen or not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestDraft {
    pub person: String,
    /// Set when the person was picked from the members whose names match.
    pub member_id: Option<String>,
    pub category: String,
    pub language: String,
    pub second_language: String,
    pub place: String,
    pub date: String,
    pub time: String,
    pub urgency: Urgency,
}

impl RequestDraft {
    /// A saved request, to correct it.
    pub fn from_request(request: &HelpRequest) -> RequestDraft {
        let language = |n: usize| request.languages.get(n).cloned().unwrap_or_default();
        RequestDraft {
            person: request.person.clone(),
            member_id: request.member_id.clone(),
            category: request.category.clone(),
            language: language(0),
            second_language: language(1),
            place: request.place.clone(),
            date: request.date.clone(),
            time: request.time.clone(),
            urgency: request.urgency,
        }
    }

    /// `before` as corrected by this draft: what the form shows changes, the rest (status,
    /// helpers, outcome, when it was taken) stays.
    pub fn correct(self, before: &HelpRequest) -> Checked<HelpRequest, RequestError> {
        let typed = self.validate(before.created.clone())?;
        Ok(HelpRequest {
            id: before.id.clone(),
            status: before.status,
            helpers: before.helpers.clone(),
            outcome: before.outcome.clone(),
            assigned: before.assigned.clone(),
            ..typed
        })
    }

    /// The request as typed on `created` (its date), checked; languages not chosen are left out.
    pub fn validate(self, created: String) -> Checked<HelpRequest, RequestError> {
        let mut languages: Vec<String> = [self.language, self.second_language]
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        languages.dedup();
        HelpRequest {
            person: self.person,
            member_id: self.member_id,
            category: self.category,
            languages,
            place: self.place,
            date: self.date,
            time: self.time,
            urgency: self.urgency,
            created,
            ..Default::default()
        }
        .validated()
    }
}

impl HelpRequest {
    pub fn validated(mut self) -> Result<HelpRequest, Vec<RequestError>> {
        let mut errors = Vec::new();
        self.person = tidy(&self.person);
        self.place = self.place.trim().to_owned();
        self.date = self.date.trim().to_owned();
        self.time = self.time.trim().to_owned();
        if self.person.is_empty() {
            errors.push(RequestError::PersonEmpty);
        }
        if self.category.is_empty() {
            errors.push(RequestError::NoCategory);
        }
        if !self.date.is_empty() && Date::parse(&self.date).is_none() {
            errors.push(RequestError::DateInvalid);
        }
        if !self.time.is_empty() {
            if super::calendar::DayPart::of_time(&self.time).is_none() {
                errors.push(RequestError::TimeInvalid);
            } else if self.date.is_empty() {
                errors.push(RequestError::TimeWithoutDate);
            }
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// The weekly slot of the appointment, if date and time are known.
    pub fn slot(&self) -> Option<Slot> {
        slot_of(&self.date, &self.time)
    }

    /// Still open or assigned after its date ("YYYY-MM-DD" `today`): it needs a look – done
    /// and not marked, or missed.
    pub fn is_overdue(&self, today: &str) -> bool {
        self.is_active() && Date::parse(&self.date).is_some() && self.date.as_str() < today
    }

    /// Whether the request still takes up its helpers' time.
    pub fn is_active(&self) -> bool {
        matches!(self.status, RequestStatus::Open | RequestStatus::Assigned)
    }

    pub fn assign(&mut self, helper: &str) {
        if !self.helpers.iter().any(|h| h == helper) {
            self.helpers.push(helper.to_owned());
        }
        if self.status == RequestStatus::Open {
            self.status = RequestStatus::Assigned;
        }
    }

    /// Assigns `helper` on the day `on` ("YYYY-MM-DD"), kept when it is the first helper.
    pub fn assign_on(&mut self, helper: &str, on: &str) {
        if self.helpers.is_empty() {
            self.assigned = on.to_owned();
        }
        self.assign(helper);
    }

    pub fn finish(&mut self, outcome: &str) {
        self.status = RequestStatus::Done;
        self.outcome = outcome.trim().to_owned();
    }

    /// Takes `helper` off the request; with nobody left it waits for a helper again.
    pub fn unassign(&mut self, helper: &str) {
        self.helpers.retain(|h| h != helper);
        if self.helpers.is_empty() {
            // Waiting again: the next helper found starts the clock anew.
            self.assigned.clear();
            if self.status == RequestStatus::Assigned {
                self.status = RequestStatus::Open;
            }
        }
    }

    /// Cancels the request; `reopened` undoes it.
    pub fn cancel(&mut self) {
        self.status = RequestStatus::Cancelled;
    }

    /// Active again after a cancel (or a "done" marked by mistake): assigned when someone
    /// still is, else open.
    pub fn reopen(&mut self) {
        self.status = if self.helpers.is_empty() {
            RequestStatus::Open
        } else {
            RequestStatus::Assigned
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record_data::{changed_fields, RecordData};

    #[test]
    fn a_correction_changes_what_the_form_shows_and_keeps_the_rest() {
        let mut before = RequestDraft {
            person: "Familie R.".into(),
            category: "translation".into(),
            language: "prs".into(),
            ..Default::default()
        }
        .validate("2026-11-20".into())
        .unwrap();
        before.id = "r1".into();
        before.assign("m1");
        before.outcome = "Termin war gut".into();
        let mut draft = RequestDraft::from_request(&before);
        assert_eq!(draft.language, "prs");
        draft.category = "accompaniment".into();
        draft.second_language = "ar".into();
        let after = draft.correct(&before).unwrap();
        assert_eq!(after.category, "accompaniment");
        assert_eq!(after.languages, ["prs", "ar"]);
        assert_eq!(
            (
                after.id.as_str(),
                after.status,
                after.helpers.clone(),
                after.created.as_str()
            ),
            (
                "r1",
                RequestStatus::Assigned,
                vec!["m1".to_owned()],
                "2026-11-20"
            )
        );
        assert_eq!(after.outcome, "Termin war gut");
    }

    #[test]
    fn unassigning_the_last_helper_reopens_and_a_cancel_can_be_undone() {
        let mut request = HelpRequest::default();
        request.assign("m1");
        request.assign("m2");
        request.unassign("m1");
        assert_eq!(request.status, RequestStatus::Assigned);
        request.cancel();
        request.reopen();
        assert_eq!(request.status, RequestStatus::Assigned, "m2 still helps");
        request.unassign("m2");
        assert_eq!(request.status, RequestStatus::Open);
        request.cancel();
        assert_eq!(request.status, RequestStatus::Cancelled);
        request.reopen();
        assert_eq!(request.status, RequestStatus::Open);
    }

    #[test]
    fn an_active_request_past_its_date_is_overdue() {
        let request = HelpRequest {
            date: "2026-11-30".into(),
            ..Default::default()
        };
        assert!(request.is_overdue("2026-12-01"));
        assert!(
            !request.is_overdue("2026-11-30"),
            "on the day itself it is not"
        );
        let done = HelpRequest {
            status: RequestStatus::Done,
            ..request.clone()
        };
        assert!(!done.is_overdue("2026-12-01"));
        let flexible = HelpRequest::default();
        assert!(!flexible.is_overdue("2026-12-01"), "no date, never overdue");
    }
    use crate::domain::calendar::{DayPart, Weekday};

    #[test]
    fn a_request_needs_a_person_and_a_category_and_sane_dates() {
        let request = HelpRequest {
            date: "2026-02-30".into(),
            time: "9 Uhr".into(),
            ..Default::default()
        };
        assert_eq!(
            request.validated(),
            Err(vec![
                RequestError::PersonEmpty,
                RequestError::NoCategory,
                RequestError::DateInvalid,
                RequestError::TimeInvalid
            ])
        );
        let no_date = HelpRequest {
            person: "F.".into(),
            category: "forms".into(),
            time: "10:00".into(),
            ..Default::default()
        };
        assert_eq!(
            no_date.validated(),
            Err(vec![RequestError::TimeWithoutDate])
        );
    }

    #[test]
    fn the_life_of_a_request() {
        let mut request = HelpRequest {
            person: "Familie K.".into(),
            category: "accompaniment".into(),
            date: "2026-11-24".into(),
            time: "09:00".into(),
            ..Default::default()
        };
        assert_eq!(
            request.slot(),
            Some(Slot {
                day: Weekday::Tue,
                part: DayPart::Morning
            })
        );
        request.assign("m1");
        request.assign("m1");
        // Corrected, unassigned, assigned again: every edit reads back as a request.
        let mut stored = HelpRequest {
            person: "Familie R.".into(),
            category: "accompaniment".into(),
            ..HelpRequest::default()
        };
        stored.assign_on("m1", "2026-11-02");
        let mut fields = stored.to_fields();
        let corrected = RequestDraft {
            place: "Jobcenter Nord".into(),
            ..RequestDraft::from_request(&stored)
        }
        .correct(&stored)
        .expect("valid");
        assert_eq!(
            corrected.assigned, "2026-11-02",
            "a correction keeps when help was found"
        );
        let mut unassigned = corrected.clone();
        unassigned.unassign("m1");
        for (before, after) in [(&stored, &corrected), (&corrected, &unassigned)] {
            fields.extend(changed_fields(&before.to_fields(), &after.to_fields()));
            let row = crate::domain::change::RecordRow {
                id: "r".into(),
                kind: RecordKind::Request,
                fields: fields.clone(),
                heads: vec![],
                updated: String::new(),
                deleted: false,
                conflicts: Default::default(),
                conflicted: None,
            };
            let read = HelpRequest::from_row(&row).expect("the stored request reads back");
            assert_eq!(read.assigned, after.assigned);
        }
        let mut dated = HelpRequest::default();
        dated.assign_on("m1", "2026-11-02");
        dated.assign_on("m2", "2026-11-05");
        assert_eq!(
            dated.assigned, "2026-11-02",
            "the day the first helper was found"
        );
        dated.unassign("m1");
        dated.unassign("m2");
        assert_eq!(dated.assigned, "", "waiting again");
        assert_eq!(
            (request.status, request.helpers.len()),
            (RequestStatus::Assigned, 1)
        );
        request.finish("  Termin wahrgenommen, Antrag abgegeben ");
        assert_eq!(request.status, RequestStatus::Done);
        assert_eq!(request.outcome, "Termin wahrgenommen, Antrag abgegeben");
        assert!(!request.is_active());
    }
}
