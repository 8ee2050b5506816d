//! Erasing a person (GDPR Art. 17): what goes, what stays anonymous, and the erasure record
//! that carries it to every device.
//!
//! What goes is what the access page shows (`person_data::held_about`): the member, their
//! offers, the requests they asked for, the cases about them and every note of those cases.
//! Rows, pages and change history go, not only a deleted mark: a deletion keeps the fields.
//!
//! What stays: a request they asked for counts in the board's and the report's figures, so an
//! anonymous copy takes its place – kind of help, languages, dates, status, helpers; no person,
//! no place, no outcome text (an open one is counted as cancelled: nobody will help a person
//! who is gone). Requests they helped with keep their outcome; the helper's id stays in them,
//! but with the member erased no device can turn it into a name again.
//!
//! The erasure record holds record ids only. Every device that receives it removes the same,
//! and keeps it: a change of an erased record that arrives later (from a phone that was offline,
//! a restored backup) is dropped on arrival, so an erased person never comes back.

use super::change::{Change, Fields, RecordKind};
use super::directory::Directory;
use super::form::{Checked, FieldProblem};
use super::person_data::held_about;
use super::request::{HelpRequest, RequestStatus};
use super::text_key::fold;
use serde_json::Value;
use std::collections::HashSet;

/// The field of an erasure record that lists the erased record ids.
const ERASED_RECORDS: &str = "records";

/// Another record whose free text mentions the erased name: for a person to review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub kind: RecordKind,
    pub id: String,
    /// What the record is called where it is listed (a request's person, a case's title).
    pub label: String,
}

/// What an erasure removes and what it leaves for the figures: a person's (`plan`) or what
/// retention found due; `AppState::erase` writes it.
#[derive(Clone, Debug, Default)]
pub struct Erasure {
    /// Every record that goes (a person's erasure: the member first).
    pub erased: Vec<String>,
    /// What the erasure record keeps for the figures.
    pub figures: ErasedFigures,
    /// The anonymous copies that keep the figures of the requests erased.
    pub anonymous: Vec<HelpRequest>,
}

/// What erasing one member does.
pub struct ErasurePlan {
    pub erasure: Erasure,
    /// Requests they helped with: they stay, with their outcome.
    pub helped: Vec<String>,
    pub mentions: Vec<Mention>,
}

/// What erasures leave for the board's and the report's figures, with no name: the report
/// counts the cases opened in a period, and the helpers of each month (an erased member who
/// helped still helped then, from their district).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ErasedFigures {
    /// The opening days of erased cases ("YYYY-MM-DD").
    pub cases_opened: Vec<String>,
    /// Erased members who helped with requests that stay, with their district ("" for none).
    pub helpers: Vec<(String, String)>,
    /// The erasure records read, so that one read twice counts once.
    read: HashSet<String>,
}

const CASES_OPENED: &str = "cases_opened";
const HELPERS: &str = "helpers";

impl ErasedFigures {
    /// Adds what the erasure record `record_id` keeps (once, however often it is read).
    pub fn add(&mut self, record_id: &str, fields: &Fields) {
        if !self.read.insert(record_id.to_owned()) {
            return;
        }
        let texts = |value: Option<&Value>| -> Vec<String> {
            value
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        };
        self.cases_opened.extend(texts(fields.get(CASES_OPENED)));
        if let Some(Value::Object(helpers)) = fields.get(HELPERS) {
            for (id, district) in helpers {
                let district = district.as_str().unwrap_or_default().to_owned();
                self.helpers.push((id.clone(), district));
            }
        }
    }

    /// The district of an erased member who helped; `None` for anyone else.
    pub fn district_of(&self, member_id: &str) -> Option<&str> {
        self.helpers
            .iter()
            .find(|(id, _)| id == member_id)
            .map(|(_, district)| district.as_str())
    }
}

/// The plan for the member `member_id`, with the ids of the notes of their cases (read from
/// storage); `None` for no such member.
pub fn plan(directory: &Directory, member_id: &str, note_ids: &[String]) -> Option<ErasurePlan> {
    let held = held_about(directory, member_id)?;
    let mut erased: Vec<String> = vec![held.member.id.clone()];
    erased.extend(held.offers.iter().map(|o| o.id.clone()));
    erased.extend(held.asked.iter().map(|r| r.id.clone()));
    erased.extend(held.cases.iter().map(|c| c.id.clone()));
    erased.extend(held.consents.iter().map(|c| c.id.clone()));
    erased.extend(note_ids.iter().cloned());
    let gone: HashSet<&str> = erased.iter().map(String::as_str).collect();
    let helped: Vec<String> = held
        .helping
        .iter()
        .filter(|r| !gone.contains(r.id.as_str()))
        .map(|r| r.id.clone())
        .collect();
    let mut figures = ErasedFigures {
        cases_opened: held.cases.iter().map(|c| c.opened.clone()).collect(),
        ..ErasedFigures::default()
    };
    if !helped.is_empty() {
        figures
            .helpers
            .push((held.member.id.clone(), held.member.district.clone()));
    }
    let mentions = mentions(directory, &held.member.name, &gone);
    Some(ErasurePlan {
        erasure: Erasure {
            anonymous: held.asked.iter().map(|r| anonymous_copy(r)).collect(),
            figures,
            erased,
        },
        helped,
        mentions,
    })
}

/// A request's figures without the person: see the module text.
pub fn anonymous_copy(request: &HelpRequest) -> HelpRequest {
    let status = match request.status {
        RequestStatus::Open | RequestStatus::Assigned => RequestStatus::Cancelled,
        done => done,
    };
    HelpRequest {
        id: String::new(),
        person: String::new(),
        member_id: None,
        place: String::new(),
        date: String::new(),
        time: String::new(),
        outcome: String::new(),
        status,
        ..request.clone()
    }
}

/// Records not erased whose free text holds the name (letter case and accents aside).
fn mentions(directory: &Directory, name: &str, gone: &HashSet<&str>) -> Vec<Mention> {
    let name = fold(name);
    if name.is_empty() {
        return Vec::new();
    }
    let says = |texts: &[&str]| texts.iter().any(|text| fold(text).contains(&name));
    let mut found = Vec::new();
    let mut add = |kind: RecordKind, id: &str, label: &str| {
        if !gone.contains(id) && !found.iter().any(|m: &Mention| m.id == id) {
            found.push(Mention {
                kind,
                id: id.to_owned(),
                label: label.to_owned(),
            });
        }
    };
    for member in directory.members.values() {
        if says(&[&member.name, &member.skills]) {
            add(RecordKind::Member, &member.id, &member.name);
        }
    }
    // An offer is reviewed on its member's page.
    for offer in directory.offers.values() {
        if let Some(member) = directory.members.get(&offer.member_id) {
            if says(&[&offer.note]) && !gone.contains(offer.id.as_str()) {
                add(RecordKind::Member, &member.id, &member.name);
            }
        }
    }
    for request in directory.requests.values() {
        if says(&[&request.person, &request.place, &request.outcome]) {
            add(RecordKind::Request, &request.id, &request.person);
        }
    }
    for case in directory.cases.values() {
        if says(&[&case.title]) {
            add(RecordKind::Case, &case.id, &case.title);
        }
    }
    found
}

/// Why an erasure was not confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmError {
    /// The name typed is not the person's.
    NameDiffers,
}

impl FieldProblem for ConfirmError {
    fn field(&self) -> &'static str {
        "confirm"
    }
}

/// An erasure is confirmed by typing the person's name (letter case and accents aside): a tap
/// alone could erase the wrong person, and nothing brings them back.
pub fn confirm(typed: &str, name: &str) -> Checked<(), ConfirmError> {
    let typed = fold(typed);
    match !typed.is_empty() && typed == fold(name) {
        true => Ok(()),
        false => Err(vec![ConfirmError::NameDiffers]),
    }
}

/// The fields of the erasure record of these records, with what it keeps for the figures.
pub fn erasure_fields(erased: &[String], figures: &ErasedFigures) -> Fields {
    let texts = |list: &[String]| Value::Array(list.iter().cloned().map(Value::String).collect());
    let helpers = figures
        .helpers
        .iter()
        .map(|(id, district)| (id.clone(), Value::String(district.clone())))
        .collect();
    Fields::from([
        (ERASED_RECORDS.to_owned(), texts(erased)),
        (CASES_OPENED.to_owned(), texts(&figures.cases_opened)),
        (HELPERS.to_owned(), Value::Object(helpers)),
    ])
}

/// The record ids an erasure record's fields name (nothing for other fields).
pub fn erased_by(fields: &Fields) -> impl Iterator<Item = &str> {
    fields
        .get(ERASED_RECORDS)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// Whether a change belongs to a record the ledger erased: the record itself, or a note of an
/// erased case (written on a phone that had not heard of the erasure yet).
pub fn is_erased(change: &Change, ledger: &HashSet<String>) -> bool {
    ledger.contains(&change.record_id)
        || (change.kind == RecordKind::Note
            && change
                .fields
                .get("case_id")
                .and_then(Value::as_str)
                .is_some_and(|case| ledger.contains(case)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Case;
    use crate::domain::member::Member;
    use crate::domain::offer::HelpOffer;
    use crate::domain::record_data::RecordData;
    use serde_json::json;

    fn directory() -> Directory {
        let mut d = Directory::default();
        for (id, name, skills, district) in [
            ("aylin", "Aylin Kaya", "", "Nordstadt"),
            (
                "farid",
                "Farid Ahmadi",
                "kennt aylin kaya aus dem Kurs",
                "Hörde",
            ),
        ] {
            d.members.insert(
                id.into(),
                Member {
                    id: id.into(),
                    name: name.into(),
                    skills: skills.into(),
                    district: district.into(),
                    ..Member::default()
                },
            );
        }
        d.insert_offer(HelpOffer {
            id: "o1".into(),
            member_id: "aylin".into(),
            category: "childcare".into(),
            active: true,
            ..HelpOffer::default()
        });
        for (id, asker, helpers, status, outcome) in [
            (
                "r1",
                Some("aylin"),
                vec!["farid"],
                RequestStatus::Done,
                "Termin geklappt, Aylin war froh",
            ),
            ("r2", Some("aylin"), vec![], RequestStatus::Open, ""),
            (
                "r3",
                Some("farid"),
                vec!["aylin"],
                RequestStatus::Done,
                "gut",
            ),
            (
                "r4",
                None,
                vec![],
                RequestStatus::Open,
                "Schwester von Aylin Kaya",
            ),
        ] {
            d.requests.insert(
                id.into(),
                HelpRequest {
                    id: id.into(),
                    person: match asker {
                        Some("aylin") => "Aylin Kaya",
                        Some(_) => "Farid Ahmadi",
                        None => "Frau S.",
                    }
                    .into(),
                    member_id: asker.map(str::to_owned),
                    category: "forms".into(),
                    languages: vec!["tr".into()],
                    place: "Jobcenter Mitte".into(),
                    created: "2026-03-04".into(),
                    assigned: "2026-03-05".into(),
                    helpers: helpers.into_iter().map(str::to_owned).collect(),
                    status,
                    outcome: outcome.into(),
                    ..HelpRequest::default()
                },
            );
        }
        d.cases.insert(
            "c1".into(),
            Case {
                id: "c1".into(),
                title: "Familie Kaya".into(),
                member_id: Some("aylin".into()),
                opened: "2026-02-10".into(),
                ..Case::default()
            },
        );
        d
    }

    #[test]
    fn the_member_their_offers_asked_requests_cases_and_notes_go() {
        let d = directory();
        let plan = plan(&d, "aylin", &["n1".to_owned()]).expect("aylin is held");
        let mut erased = plan.erasure.erased.clone();
        erased.sort();
        assert_eq!(erased, ["aylin", "c1", "n1", "o1", "r1", "r2"]);
        assert_eq!(plan.erasure.erased[0], "aylin", "the member comes first");
        // The request they helped with stays; the other member is not touched.
        assert_eq!(plan.helped, ["r3"]);
        assert!(!plan
            .erasure
            .erased
            .iter()
            .any(|id| id == "farid" || id == "r3"));
    }

    #[test]
    fn asked_requests_stay_as_anonymous_figures() {
        let d = directory();
        let plan = plan(&d, "aylin", &[]).expect("aylin is held");
        assert_eq!(plan.erasure.anonymous.len(), 2);
        for copy in &plan.erasure.anonymous {
            assert_eq!(copy.person, "");
            assert_eq!(copy.member_id, None);
            assert_eq!(copy.place, "");
            assert_eq!(copy.outcome, "");
            // What the figures count stays.
            assert_eq!(copy.category, "forms");
            assert_eq!(copy.languages, ["tr"]);
            assert_eq!(copy.created, "2026-03-04");
        }
        let done = plan
            .erasure
            .anonymous
            .iter()
            .find(|c| c.status == RequestStatus::Done);
        assert_eq!(
            done.map(|c| c.helpers.clone()),
            Some(vec!["farid".to_owned()])
        );
        // The open one is counted as cancelled: nobody is to help a person who is gone.
        assert!(plan
            .erasure
            .anonymous
            .iter()
            .any(|c| c.status == RequestStatus::Cancelled && c.helpers.is_empty()));
        let fields = plan.erasure.anonymous[0].to_fields();
        assert!(!fields.values().any(|v| v.to_string().contains("Aylin")));
    }

    #[test]
    fn records_that_mention_the_name_are_listed_not_erased() {
        let d = directory();
        let plan = plan(&d, "aylin", &[]).expect("aylin is held");
        let mut found: Vec<(RecordKind, &str)> = plan
            .mentions
            .iter()
            .map(|m| (m.kind, m.id.as_str()))
            .collect();
        found.sort_by_key(|(_, id)| *id);
        // Farid's skills, the request "Schwester von Aylin Kaya"; not the erased r1 whose
        // outcome says "Aylin", and not the member herself.
        assert_eq!(
            found,
            [(RecordKind::Member, "farid"), (RecordKind::Request, "r4")]
        );
    }

    #[test]
    fn only_the_persons_name_confirms() {
        assert_eq!(confirm(" aylin  KAYA ", "Aylin Kaya"), Ok(()));
        assert_eq!(confirm("Aylın Kaya", "Aylin Kaya"), Ok(()));
        for wrong in ["", "Aylin", "Farid Ahmadi"] {
            assert_eq!(
                confirm(wrong, "Aylin Kaya"),
                Err(vec![ConfirmError::NameDiffers])
            );
        }
        // A member without a name cannot be confirmed by an empty field.
        assert!(confirm("", "").is_err());
    }

    #[test]
    fn the_record_names_ids_dates_and_a_district_only_and_reads_back() {
        let d = directory();
        let plan = plan(&d, "aylin", &[]).expect("aylin is held");
        let fields = erasure_fields(&plan.erasure.erased, &plan.erasure.figures);
        let mut ids: Vec<&str> = erased_by(&fields).collect();
        ids.sort();
        assert_eq!(ids, ["aylin", "c1", "o1", "r1", "r2"]);
        let text = serde_json::to_string(&fields).unwrap_or_default();
        assert!(!text.contains("Aylin") && !text.contains("Kaya"), "{text}");
        let mut read = ErasedFigures::default();
        read.add("e1", &fields);
        read.add("e1", &fields);
        assert_eq!(
            (&read.cases_opened, &read.helpers),
            (
                &plan.erasure.figures.cases_opened,
                &plan.erasure.figures.helpers
            ),
            "read twice, counted once"
        );
        assert_eq!(read.cases_opened, ["2026-02-10"]);
        assert_eq!(read.district_of("aylin"), Some("Nordstadt"));
        assert_eq!(read.district_of("farid"), None);
        assert_eq!(erased_by(&Fields::new()).count(), 0);
    }

    #[test]
    fn the_boards_and_the_reports_figures_stay_as_they_were() {
        use crate::domain::board::period::Period;
        use crate::domain::board::report::report;
        use crate::domain::board::trends::trends;
        use crate::domain::calendar::Date;
        let before = directory();
        let today = Date::parse("2026-11-25").expect("date");
        let year = Period::year(today, 0);
        let plan = plan(&before, "aylin", &[]).expect("aylin is held");
        // What every device holds once the erasure arrived: the records gone, the copies
        // there, the record's figures read.
        let mut after = before.clone();
        after.forget(&plan.erasure.erased);
        for (n, copy) in plan.erasure.anonymous.iter().enumerate() {
            let mut copy = copy.clone();
            copy.id = format!("anonymous-{n}");
            after.requests.insert(copy.id.clone(), copy);
        }
        after.erased.add(
            "e1",
            &erasure_fields(&plan.erasure.erased, &plan.erasure.figures),
        );
        let (report_before, report_after) = (report(&before, year), report(&after, year));
        assert_eq!(report_after.volunteers, report_before.volunteers);
        assert_eq!(report_after.districts, report_before.districts);
        assert_eq!(report_after.languages, report_before.languages);
        assert_eq!(report_after.cases_opened, report_before.cases_opened);
        let (trends_before, trends_after) = (trends(&before, today), trends(&after, today));
        for (b, a) in trends_before.iter().zip(&trends_after) {
            assert_eq!(
                (a.requests, &a.by_kind, a.active_helpers),
                (b.requests, &b.by_kind, b.active_helpers)
            );
        }
        // Every request still counts; her open one is no longer waiting: cancelled, not helped.
        let forms = |r: &crate::domain::board::report::Report| {
            r.by_kind
                .iter()
                .find(|(kind, _)| kind == "forms")
                .map(|(_, counts)| *counts)
                .unwrap_or_default()
        };
        let (b, a) = (forms(&report_before), forms(&report_after));
        assert_eq!(a.iter().sum::<usize>(), b.iter().sum::<usize>());
        // [helped, closed without help, cancelled, ongoing]
        assert_eq!(a, [b[0], b[1], b[2] + 1, b[3] - 1], "before {b:?}");
    }

    #[test]
    fn a_late_change_of_an_erased_record_or_of_a_note_in_an_erased_case_is_caught() {
        let ledger: HashSet<String> = ["aylin".to_owned(), "c1".to_owned()].into();
        let change = |record: &str, kind: RecordKind, fields: Fields| Change {
            id: "x".into(),
            record_id: record.into(),
            kind,
            fields,
            stamp: "s".into(),
            device_id: "d".into(),
            replaces: Vec::new(),
            deletes: false,
        };
        assert!(is_erased(
            &change("aylin", RecordKind::Member, Fields::new()),
            &ledger
        ));
        let note = Fields::from([("case_id".to_owned(), json!("c1"))]);
        assert!(is_erased(&change("n9", RecordKind::Note, note), &ledger));
        let other = Fields::from([("case_id".to_owned(), json!("c2"))]);
        assert!(!is_erased(&change("n8", RecordKind::Note, other), &ledger));
        assert!(!is_erased(
            &change("farid", RecordKind::Member, Fields::new()),
            &ledger
        ));
    }
}
