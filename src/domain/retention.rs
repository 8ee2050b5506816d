//! How long the organisation keeps what is finished (GDPR Art. 5(1)(e), storage limitation):
//! closed cases, finished requests and members who left (deleted members, whose rows a
//! deletion keeps), each for a number of months the organisation sets. What is due is listed,
//! and erased on confirmation like a person's erasure (`erasure`): gone from every device and
//! the server, the figures of the board and the report kept without names.

use super::calendar::Date;
use super::case::{Case, CaseStatus};
use super::change::{Fields, RecordRow};
use super::directory::Directory;
use super::erasure::{anonymous_copy, ErasedFigures, Erasure};
use super::form::{Checked, FieldProblem};
use super::hlc::Stamp;
use super::request::{HelpRequest, RequestStatus};
use super::text_key::ascii_digit;
use serde_json::Value;

/// Longest period that can be set: twenty years.
pub const MAX_MONTHS: u32 = 240;

const CASES: &str = "keep_closed_cases_months";
const REQUESTS: &str = "keep_finished_requests_months";
const MEMBERS: &str = "keep_left_members_months";

/// Months each kind is kept after it was finished; `None` keeps it without limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub cases: Option<u32>,
    pub requests: Option<u32>,
    pub members: Option<u32>,
}

impl Retention {
    /// The rules kept on the organisation's record.
    pub fn from_row(row: &RecordRow) -> Retention {
        let months = |field: &str| {
            row.fields
                .get(field)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        Retention {
            cases: months(CASES),
            requests: months(REQUESTS),
            members: months(MEMBERS),
        }
    }

    /// The fields of the organisation's record that hold the rules.
    pub fn to_fields(&self) -> Fields {
        let value = |months: Option<u32>| months.map_or(Value::Null, Value::from);
        Fields::from([
            (CASES.to_owned(), value(self.cases)),
            (REQUESTS.to_owned(), value(self.requests)),
            (MEMBERS.to_owned(), value(self.members)),
        ])
    }

    pub fn is_set(&self) -> bool {
        self.cases.is_some() || self.requests.is_some() || self.members.is_some()
    }
}

/// The months as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RetentionDraft {
    pub cases: String,
    pub requests: String,
    pub members: String,
}

impl RetentionDraft {
    pub fn of(rules: &Retention) -> RetentionDraft {
        let text = |months: Option<u32>| months.map(|n| n.to_string()).unwrap_or_default();
        RetentionDraft {
            cases: text(rules.cases),
            requests: text(rules.requests),
            members: text(rules.members),
        }
    }

    /// Each field empty (no limit) or a whole number of months from 1 to `MAX_MONTHS`,
    /// in any digits a keyboard types.
    pub fn validate(self) -> Checked<Retention, RetentionError> {
        let mut problems = Vec::new();
        let mut months = |typed: &str, field: &'static str| {
            let digits: String = typed.trim().chars().map(ascii_digit).collect();
            if digits.is_empty() {
                return None;
            }
            match digits.parse::<u32>() {
                Ok(n) if (1..=MAX_MONTHS).contains(&n) => Some(n),
                _ => {
                    problems.push(RetentionError::NotMonths { field });
                    None
                }
            }
        };
        let rules = Retention {
            cases: months(&self.cases, "cases"),
            requests: months(&self.requests, "requests"),
            members: months(&self.members, "members"),
        };
        match problems.is_empty() {
            true => Ok(rules),
            false => Err(problems),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetentionError {
    /// Not a whole number of months in range (the draft field named).
    NotMonths { field: &'static str },
}

impl FieldProblem for RetentionError {
    fn field(&self) -> &'static str {
        match self {
            RetentionError::NotMonths { field } => field,
        }
    }
}

/// The day `months` months before `today` (the last day of a shorter month where the day
/// does not exist there).
pub fn months_before(today: Date, months: u32) -> Date {
    let total = i64::from(today.year) * 12 + i64::from(today.month) - 1 - i64::from(months);
    let (year, month) = (total.div_euclid(12) as i32, total.rem_euclid(12) as u32 + 1);
    let first = Date {
        year,
        month,
        day: 1,
    };
    // The last day of that month: the day before the first of the next.
    let last = Date {
        year: year + i32::from(month == 12),
        month: month % 12 + 1,
        day: 1,
    }
    .plus_days(-1);
    Date {
        day: today.day.min(last.day),
        ..first
    }
}

/// A member who left (a deleted member row), as retention needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct LeftMember {
    pub id: String,
    pub name: String,
    pub district: String,
    /// The day of the deletion.
    pub left: Date,
    /// Their offers (deleted with them).
    pub offers: Vec<String>,
}

impl LeftMember {
    /// The members of deleted member rows, with the offer rows of each; a row whose stamp
    /// cannot be read is left out (its day is unknown, so it is never due).
    pub fn from_rows(members: &[RecordRow], offers: &[RecordRow]) -> Vec<LeftMember> {
        members
            .iter()
            .filter(|row| row.deleted)
            .filter_map(|row| {
                let stamp: Stamp = row.updated.parse().ok()?;
                let left = Date {
                    year: 1970,
                    month: 1,
                    day: 1,
                }
                .plus_days((stamp.millis / 86_400_000) as i64);
                Some(LeftMember {
                    id: row.id.clone(),
                    name: row.text("name").unwrap_or_default().to_owned(),
                    district: row.text("district").unwrap_or_default().to_owned(),
                    left,
                    offers: offers
                        .iter()
                        .filter(|o| o.text("member_id") == Some(row.id.as_str()))
                        .map(|o| o.id.clone())
                        .collect(),
                })
            })
            .collect()
    }
}

/// What is due for erasure today.
#[derive(Debug, Default)]
pub struct Due<'a> {
    pub cases: Vec<&'a Case>,
    pub requests: Vec<&'a HelpRequest>,
    pub members: Vec<&'a LeftMember>,
}

/// A request kept only for the figures (an anonymous copy): nothing left to erase.
fn is_anonymous(request: &HelpRequest) -> bool {
    request.person.is_empty()
        && request.member_id.is_none()
        && request.place.is_empty()
        && request.outcome.is_empty()
}

/// The last day a request was worked on: its appointment, the day it found a helper, the day
/// it was taken – whichever is latest.
fn last_day(request: &HelpRequest) -> Option<Date> {
    [&request.date, &request.assigned, &request.created]
        .into_iter()
        .filter_map(|day| Date::parse(day))
        .max_by_key(|day| day.days_since_epoch())
}

fn before(day: Date, cutoff: Date) -> bool {
    day.days_since_epoch() < cutoff.days_since_epoch()
}

pub fn due<'a>(
    directory: &'a Directory,
    left: &'a [LeftMember],
    rules: &Retention,
    today: Date,
) -> Due<'a> {
    let cutoff = |months: Option<u32>| months.map(|m| months_before(today, m));
    let mut due = Due::default();
    if let Some(cutoff) = cutoff(rules.cases) {
        due.cases = directory
            .cases
            .values()
            .filter(|case| case.status == CaseStatus::Closed)
            .filter(|case| {
                // Closed before Lotse noted the day: the day it was opened.
                let day = Date::parse(&case.closed).or_else(|| Date::parse(&case.opened));
                day.is_some_and(|day| before(day, cutoff))
            })
            .collect();
    }
    if let Some(cutoff) = cutoff(rules.requests) {
        due.requests = directory
            .requests
            .values()
            .filter(|r| matches!(r.status, RequestStatus::Done | RequestStatus::Cancelled))
            .filter(|r| !is_anonymous(r))
            .filter(|r| last_day(r).is_some_and(|day| before(day, cutoff)))
            .collect();
    }
    if let Some(cutoff) = cutoff(rules.members) {
        due.members = left.iter().filter(|m| before(m.left, cutoff)).collect();
    }
    due
}

impl Due<'_> {
    pub fn count(&self) -> usize {
        self.cases.len() + self.requests.len() + self.members.len()
    }

    /// The erasure of everything due (notes go with their cases in storage).
    pub fn erasure(&self, directory: &Directory) -> Erasure {
        let mut erased: Vec<String> = self.cases.iter().map(|c| c.id.clone()).collect();
        erased.extend(self.requests.iter().map(|r| r.id.clone()));
        let mut figures = ErasedFigures::default();
        figures.cases_opened = self.cases.iter().map(|c| c.opened.clone()).collect();
        for member in &self.members {
            erased.push(member.id.clone());
            erased.extend(member.offers.iter().cloned());
            let helped = directory
                .requests
                .values()
                .any(|r| r.helpers.contains(&member.id));
            if helped {
                figures
                    .helpers
                    .push((member.id.clone(), member.district.clone()));
            }
        }
        Erasure {
            erased,
            figures,
            anonymous: self.requests.iter().map(|r| anonymous_copy(r)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;
    use serde_json::json;

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month() {
        assert_eq!(months_before(day("2026-12-01"), 24), day("2024-12-01"));
        assert_eq!(months_before(day("2026-03-31"), 1), day("2026-02-28"));
        assert_eq!(months_before(day("2028-03-31"), 1), day("2028-02-29"));
        assert_eq!(months_before(day("2026-01-15"), 13), day("2024-12-15"));
    }

    #[test]
    fn months_are_whole_numbers_in_range_or_nothing() {
        let draft = RetentionDraft {
            cases: " ٢٤ ".into(),
            requests: String::new(),
            members: "6".into(),
        };
        assert_eq!(
            draft.validate(),
            Ok(Retention {
                cases: Some(24),
                requests: None,
                members: Some(6)
            })
        );
        let wrong = RetentionDraft {
            cases: "0".into(),
            requests: "zwei".into(),
            members: "241".into(),
        };
        let fields: Vec<&str> = wrong
            .validate()
            .err()
            .unwrap_or_default()
            .iter()
            .map(FieldProblem::field)
            .collect();
        assert_eq!(fields, ["cases", "requests", "members"]);
    }

    #[test]
    fn the_rules_live_on_the_organisations_record() {
        let rules = Retention {
            cases: Some(24),
            requests: None,
            members: Some(12),
        };
        let row = RecordRow {
            id: "organisation".into(),
            kind: RecordKind::Organisation,
            fields: rules.to_fields(),
            heads: Vec::new(),
            updated: String::new(),
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        };
        assert_eq!(Retention::from_row(&row), rules);
        assert!(rules.is_set() && !Retention::default().is_set());
    }

    fn directory() -> Directory {
        let mut d = Directory::default();
        for (id, status, opened, closed) in [
            ("old-closed", CaseStatus::Closed, "2023-01-10", "2024-06-01"),
            (
                "recently-closed",
                CaseStatus::Closed,
                "2023-01-10",
                "2026-06-01",
            ),
            ("old-open", CaseStatus::Open, "2020-01-10", ""),
            ("closed-before-dates", CaseStatus::Closed, "2022-05-05", ""),
        ] {
            d.cases.insert(
                id.into(),
                Case {
                    id: id.into(),
                    title: "Familie".into(),
                    status,
                    opened: opened.into(),
                    closed: closed.into(),
                    ..Case::default()
                },
            );
        }
        for (id, status, created, date, person, helpers) in [
            (
                "old-done",
                RequestStatus::Done,
                "2024-01-05",
                "2024-02-01",
                "Frau S.",
                vec!["left-1"],
            ),
            (
                "old-but-met-lately",
                RequestStatus::Done,
                "2024-01-05",
                "2026-03-01",
                "Herr T.",
                vec![],
            ),
            (
                "old-open",
                RequestStatus::Open,
                "2023-01-05",
                "",
                "Frau U.",
                vec![],
            ),
            (
                "old-anonymous",
                RequestStatus::Done,
                "2023-01-05",
                "",
                "",
                vec![],
            ),
        ] {
            d.requests.insert(
                id.into(),
                HelpRequest {
                    id: id.into(),
                    person: person.into(),
                    status,
                    created: created.into(),
                    date: date.into(),
                    category: "forms".into(),
                    helpers: helpers.into_iter().map(str::to_owned).collect(),
                    ..HelpRequest::default()
                },
            );
        }
        d
    }

    fn deleted(id: &str, kind: RecordKind, fields: serde_json::Value, millis: u64) -> RecordRow {
        RecordRow {
            id: id.into(),
            kind,
            fields: serde_json::from_value(fields).expect("fields"),
            heads: Vec::new(),
            updated: Stamp {
                millis,
                counter: 0,
                device: "d".into(),
            }
            .to_string(),
            deleted: true,
            conflicts: Default::default(),
            conflicted: None,
        }
    }

    #[test]
    fn what_was_finished_longer_ago_than_the_rules_say_is_due() {
        let d = directory();
        // Left in March 2024 and in November 2026.
        let members = [
            deleted(
                "left-1",
                RecordKind::Member,
                json!({ "name": "Olga", "district": "Hörde" }),
                1_710_000_000_000,
            ),
            deleted(
                "left-2",
                RecordKind::Member,
                json!({ "name": "Petro" }),
                1_795_000_000_000,
            ),
        ];
        let offers = [deleted(
            "offer-1",
            RecordKind::Offer,
            json!({ "member_id": "left-1" }),
            1_710_000_000_000,
        )];
        let left = LeftMember::from_rows(&members, &offers);
        assert_eq!(left[0].left, day("2024-03-09"));
        let rules = Retention {
            cases: Some(24),
            requests: Some(12),
            members: Some(6),
        };
        let due = due(&d, &left, &rules, day("2026-12-01"));
        fn ids(mut list: Vec<&str>) -> Vec<&str> {
            list.sort();
            list
        }
        assert_eq!(
            ids(due.cases.iter().map(|c| c.id.as_str()).collect()),
            ["closed-before-dates", "old-closed"]
        );
        assert_eq!(
            ids(due.requests.iter().map(|r| r.id.as_str()).collect()),
            ["old-done"]
        );
        assert_eq!(due.members.len(), 1);
        assert_eq!(due.members[0].offers, ["offer-1"]);
        assert_eq!(due.count(), 4);

        let erasure = due.erasure(&d);
        let mut erased = erasure.erased.clone();
        erased.sort();
        assert_eq!(
            erased,
            [
                "closed-before-dates",
                "left-1",
                "offer-1",
                "old-closed",
                "old-done"
            ]
        );
        // The figures stay: the cases' opening days, the request without its person, the
        // helper who left with her district.
        assert_eq!(erasure.figures.cases_opened.len(), 2);
        assert_eq!(erasure.anonymous.len(), 1);
        assert_eq!(erasure.anonymous[0].person, "");
        assert_eq!(erasure.figures.district_of("left-1"), Some("Hörde"));
        // Nothing is due without rules.
        assert_eq!(
            super::due(&d, &left, &Retention::default(), day("2026-12-01")).count(),
            0
        );
    }
}
