//! The activity report ("Tätigkeitsbericht") for funders, the municipality and the general
//! meeting: what the organisation did in a fixed period, as counts only – never a name, a
//! free text or a date finer than the period. Counts go through `suppression` before they are
//! shown or exported.

use super::period::Period;
use crate::domain::calendar::Date;
use crate::domain::consent::{has_withdrawn, STATISTICS};
use crate::domain::directory::Directory;
use crate::domain::request::{HelpRequest, RequestStatus};
use std::collections::{BTreeMap, BTreeSet};

/// The periods a report can cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Month,
    Quarter,
    Year,
}

impl Span {
    /// The period of this span `back` spans before the one `today` is in.
    pub fn period(self, today: Date, back: i32) -> Period {
        match self {
            Span::Month => Period::month(today, back),
            Span::Quarter => Period::quarter(today, back),
            Span::Year => Period::year(today, back),
        }
    }
}

/// What became of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Done, with a helper.
    Helped,
    /// Closed as done with nobody assigned.
    ClosedWithoutHelp,
    Cancelled,
    /// Still open or assigned at the time of the report.
    Ongoing,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Helped,
        Outcome::ClosedWithoutHelp,
        Outcome::Cancelled,
        Outcome::Ongoing,
    ];

    pub fn of(request: &HelpRequest) -> Outcome {
        match request.status {
            RequestStatus::Done if request.helpers.is_empty() => Outcome::ClosedWithoutHelp,
            RequestStatus::Done => Outcome::Helped,
            RequestStatus::Cancelled => Outcome::Cancelled,
            RequestStatus::Open | RequestStatus::Assigned => Outcome::Ongoing,
        }
    }
}

/// Counts by some key, in the key's order.
pub type Counts = Vec<(String, usize)>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub period: Period,
    /// Requests taken in the period, by kind of help: counts per `Outcome::ALL`.
    pub by_kind: Vec<(String, [usize; 4])>,
    /// Requests helped, by each language they needed.
    pub languages: Counts,
    /// Requests helped, by the district of their helpers (a request with two helpers from two
    /// districts counts in both).
    pub districts: Counts,
    /// Different members who helped with a request taken in the period.
    pub volunteers: usize,
    /// Cases opened in the period.
    pub cases_opened: usize,
}

/// The report over `directory` for `period`; requests count by the day they were taken.
pub fn report(directory: &Directory, period: Period) -> Report {
    let mut by_kind: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut languages: BTreeMap<&str, usize> = BTreeMap::new();
    let mut districts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut volunteers: BTreeSet<&str> = BTreeSet::new();
    // Whoever withdrew their consent to the statistics is not counted: not a request they
    // asked for, not as a helper, not a case of theirs.
    let left_out = |member_id: &str| has_withdrawn(directory, member_id, STATISTICS);
    for request in directory.requests.values() {
        if !period.contains(&request.created) || request.member_id.as_deref().is_some_and(left_out)
        {
            continue;
        }
        let outcome = Outcome::of(request);
        let index = Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(3);
        by_kind.entry(&request.category).or_default()[index] += 1;
        if outcome != Outcome::Helped {
            continue;
        }
        for language in &request.languages {
            *languages.entry(language).or_default() += 1;
        }
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for id in request.helpers.iter().filter(|id| !left_out(id)) {
            // An erased member who helped counts with the district the erasure kept.
            let district = match directory.members.get(id) {
                Some(helper) => helper.district.as_str(),
                None => match directory.erased.district_of(id) {
                    Some(district) => district,
                    None => continue,
                },
            };
            volunteers.insert(id);
            if !district.is_empty() && seen.insert(district) {
                *districts.entry(district).or_default() += 1;
            }
        }
    }
    let owned = |map: BTreeMap<&str, usize>| -> Counts {
        map.into_iter().map(|(k, n)| (k.to_owned(), n)).collect()
    };
    Report {
        period,
        by_kind: by_kind
            .into_iter()
            .map(|(k, counts)| (k.to_owned(), counts))
            .collect(),
        languages: owned(languages),
        districts: owned(districts),
        volunteers: volunteers.len(),
        cases_opened: directory
            .cases
            .values()
            .filter(|case| !case.member_id.as_deref().is_some_and(left_out))
            .map(|case| &case.opened)
            .chain(&directory.erased.cases_opened)
            .filter(|opened| period.contains(opened))
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Case;
    use crate::domain::consent::ConsentEvent;
    use crate::domain::member::Member;

    fn request(
        id: &str,
        category: &str,
        created: &str,
        status: RequestStatus,
        helpers: &[&str],
    ) -> HelpRequest {
        HelpRequest {
            id: id.into(),
            person: "Familie X.".into(),
            category: category.into(),
            languages: vec!["prs".into()],
            created: created.into(),
            status,
            helpers: helpers.iter().map(|h| (*h).to_owned()).collect(),
            ..HelpRequest::default()
        }
    }

    #[test]
    fn a_quarter_counts_requests_taken_in_it_by_outcome_and_who_helped() {
        let today = Date::parse("2026-11-25").expect("date");
        let mut d = Directory::default();
        for (id, district) in [("farid", "Nordstadt"), ("olga", "Hörde")] {
            d.members.insert(
                id.into(),
                Member {
                    id: id.into(),
                    name: id.into(),
                    district: district.into(),
                    ..Member::default()
                },
            );
        }
        for r in [
            request(
                "a",
                "accompaniment",
                "2026-07-03",
                RequestStatus::Done,
                &["farid", "olga"],
            ),
            request("b", "accompaniment", "2026-08-03", RequestStatus::Done, &[]),
            request(
                "c",
                "accompaniment",
                "2026-09-03",
                RequestStatus::Cancelled,
                &[],
            ),
            request(
                "d",
                "childcare",
                "2026-09-30",
                RequestStatus::Assigned,
                &["farid"],
            ),
            // Another quarter.
            request(
                "e",
                "childcare",
                "2026-10-01",
                RequestStatus::Done,
                &["farid"],
            ),
            // A helper deleted since: the help counts, the person does not.
            request(
                "f",
                "childcare",
                "2026-07-10",
                RequestStatus::Done,
                &["gone"],
            ),
        ] {
            d.requests.insert(r.id.clone(), r);
        }
        d.cases.insert(
            "case".into(),
            Case {
                id: "case".into(),
                title: "Familie R.".into(),
                opened: "2026-08-15".into(),
                ..Case::default()
            },
        );
        let last_quarter = Span::Quarter.period(today, 1);
        let found = report(&d, last_quarter);
        assert_eq!(
            found.by_kind,
            vec![
                ("accompaniment".to_owned(), [1, 1, 1, 0]),
                ("childcare".to_owned(), [1, 0, 0, 1]),
            ]
        );
        assert_eq!(found.languages, vec![("prs".to_owned(), 2)]);
        assert_eq!(
            found.districts,
            vec![("Hörde".to_owned(), 1), ("Nordstadt".to_owned(), 1)]
        );
        assert_eq!(found.volunteers, 2);
        assert_eq!(found.cases_opened, 1);
        assert_eq!(
            report(&d, Span::Month.period(today, 1)).by_kind,
            vec![("childcare".to_owned(), [1, 0, 0, 0])]
        );

        // Olga withdraws her consent to the statistics; the family of the case and of
        // request "b" is a member who withdrew too. Farid never said no: he still counts.
        let withdrawn = |id: &str, member: &str| ConsentEvent {
            id: id.into(),
            member_id: member.into(),
            purpose: STATISTICS.into(),
            given: false,
            date: "2026-10-01".into(),
            ..ConsentEvent::default()
        };
        d.consents.insert("w1".into(), withdrawn("w1", "olga"));
        d.consents.insert("w2".into(), withdrawn("w2", "rahimi"));
        d.cases.get_mut("case").expect("case").member_id = Some("rahimi".into());
        d.requests.get_mut("b").expect("b").member_id = Some("rahimi".into());
        let without = report(&d, last_quarter);
        assert_eq!(
            without.by_kind,
            vec![
                ("accompaniment".to_owned(), [1, 0, 1, 0]),
                ("childcare".to_owned(), [1, 0, 0, 1]),
            ]
        );
        assert_eq!(without.volunteers, 1, "only Farid");
        assert_eq!(without.districts, vec![("Nordstadt".to_owned(), 1)]);
        assert_eq!(without.cases_opened, 0);
    }
}
