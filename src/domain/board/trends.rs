//! Trends over the twelve months up to the current one: how many requests came in per month
//! (by kind of help), what share of those closed was helped, how long people waited for a
//! helper, and how many members helped. Each month counts the requests taken in it.

use super::period::Period;
use super::report::Outcome;
use crate::domain::calendar::Date;
use crate::domain::directory::Directory;
use crate::domain::order::sort_with;
use std::collections::BTreeMap;
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq)]
pub struct Month {
    pub period: Period,
    /// Requests taken in the month, by kind of help.
    pub by_kind: BTreeMap<String, usize>,
    pub requests: usize,
    /// Of those taken in the month and closed (helped, closed without help, cancelled), the
    /// share helped, in percent; `None` when none was closed.
    pub helped_percent: Option<u32>,
    /// Median days from taking a request to its first helper, over those that found one.
    pub median_days_to_helper: Option<i64>,
    /// Different members helping with a request taken in the month.
    pub active_helpers: usize,
}

impl Month {
    /// Requests of each of `kinds` in order, then those of every other kind together.
    pub fn stacked(&self, kinds: &[String]) -> Vec<usize> {
        let mut counts: Vec<usize> = kinds
            .iter()
            .map(|kind| self.by_kind.get(kind).copied().unwrap_or(0))
            .collect();
        counts.push(self.requests - counts.iter().sum::<usize>());
        counts
    }
}

/// The `n` kinds of help asked for most over `months`, most first (ties by name): the ones a
/// chart names, the rest drawn together.
pub fn leading_kinds(months: &[Month], n: usize) -> Vec<String> {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for month in months {
        for (kind, count) in &month.by_kind {
            *totals.entry(kind).or_default() += count;
        }
    }
    let mut kinds: Vec<(&str, usize)> = totals.into_iter().collect();
    sort_with(&mut kinds, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    kinds
        .into_iter()
        .take(n)
        .map(|(kind, _)| kind.to_owned())
        .collect()
}

/// The twelve months ending with the one `today` is in, oldest first.
pub fn trends(directory: &Directory, today: Date) -> Vec<Month> {
    let mut months: Vec<Month> = (0..12)
        .rev()
        .map(|back| Month {
            period: Period::month(today, back),
            by_kind: BTreeMap::new(),
            requests: 0,
            helped_percent: None,
            median_days_to_helper: None,
            active_helpers: 0,
        })
        .collect();
    let mut waits: Vec<Vec<i64>> = vec![Vec::new(); 12];
    let mut helpers: Vec<HashSet<&str>> = vec![HashSet::new(); 12];
    let members: HashSet<&str> = directory.members.keys().map(String::as_str).collect();
    let first = months[0].period.start;
    let month_number = |d: Date| i64::from(d.year) * 12 + i64::from(d.month);
    let mut closed = [0usize; 12];
    let mut helped = [0usize; 12];
    for request in directory.requests.values() {
        let Some(taken) = Date::parse(&request.created) else {
            continue;
        };
        let Ok(at) = usize::try_from(month_number(taken) - month_number(first)) else {
            continue;
        };
        if at >= 12 {
            continue;
        }
        let month = &mut months[at];
        month.requests += 1;
        *month.by_kind.entry(request.category.clone()).or_default() += 1;
        let outcome = Outcome::of(request);
        if outcome != Outcome::Ongoing {
            closed[at] += 1;
            helped[at] += usize::from(outcome == Outcome::Helped);
        }
        if let Some(found) = Date::parse(&request.assigned) {
            waits[at].push(found.days_since_epoch() - taken.days_since_epoch());
        }
        for helper in &request.helpers {
            // An erased member who helped still helped then.
            if members.contains(helper.as_str()) || directory.erased.district_of(helper).is_some() {
                helpers[at].insert(helper);
            }
        }
    }
    for (at, month) in months.iter_mut().enumerate() {
        month.helped_percent = (closed[at] > 0).then(|| (helped[at] * 100 / closed[at]) as u32);
        let mut days = std::mem::take(&mut waits[at]);
        sort_with(&mut days, Ord::cmp);
        month.median_days_to_helper = (!days.is_empty()).then(|| days[(days.len() - 1) / 2]);
        month.active_helpers = helpers[at].len();
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::member::Member;
    use crate::domain::request::{HelpRequest, RequestStatus};

    #[test]
    fn twelve_months_of_requests_help_waits_and_helpers() {
        let today = Date::parse("2026-11-25").expect("date");
        let mut d = Directory::default();
        d.members.insert(
            "farid".into(),
            Member {
                id: "farid".into(),
                ..Member::default()
            },
        );
        let mut add =
            |id: &str, created: &str, assigned: &str, status: RequestStatus, helpers: &[&str]| {
                d.requests.insert(
                    id.into(),
                    HelpRequest {
                        id: id.into(),
                        category: "accompaniment".into(),
                        created: created.into(),
                        assigned: assigned.into(),
                        status,
                        helpers: helpers.iter().map(|h| (*h).to_owned()).collect(),
                        ..HelpRequest::default()
                    },
                );
            };
        add(
            "a",
            "2026-10-01",
            "2026-10-01",
            RequestStatus::Done,
            &["farid"],
        );
        add(
            "b",
            "2026-10-05",
            "2026-10-09",
            RequestStatus::Done,
            &["farid"],
        );
        add("c", "2026-10-07", "", RequestStatus::Cancelled, &[]);
        add("d", "2026-10-08", "", RequestStatus::Open, &[]);
        add(
            "e",
            "2026-11-02",
            "2026-11-03",
            RequestStatus::Assigned,
            &["gone"],
        );
        // Older than the twelve months.
        add("f", "2025-11-30", "", RequestStatus::Done, &[]);
        let months = trends(&d, today);
        assert_eq!(months.len(), 12);
        assert_eq!(
            months[0].period.start,
            Date::parse("2025-12-01").expect("date")
        );
        let october = &months[10];
        assert_eq!(october.requests, 4);
        assert_eq!(october.by_kind.get("accompaniment"), Some(&4));
        // Three closed (two helped, one cancelled): 66 %; the open one does not count.
        assert_eq!(october.helped_percent, Some(66));
        // Waits of 0 and 4 days: the lower median.
        assert_eq!(october.median_days_to_helper, Some(0));
        assert_eq!(october.active_helpers, 1);
        let november = &months[11];
        assert_eq!((november.requests, november.helped_percent), (1, None));
        assert_eq!(november.median_days_to_helper, Some(1));
        assert_eq!(november.active_helpers, 0, "a deleted helper is nobody now");
        assert!(months[..10].iter().all(|m| m.requests == 0));
    }

    #[test]
    fn the_most_asked_kinds_are_named_and_the_rest_drawn_together() {
        let month = |kinds: &[(&str, usize)]| Month {
            period: Period::month(Date::parse("2026-11-25").expect("date"), 0),
            by_kind: kinds.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect(),
            requests: kinds.iter().map(|(_, n)| n).sum(),
            helped_percent: None,
            median_days_to_helper: None,
            active_helpers: 0,
        };
        let months = [
            month(&[("forms", 3), ("childcare", 1), ("health", 2)]),
            month(&[("childcare", 2), ("translation", 5)]),
        ];
        // translation 5, forms 3, childcare 3 (tie: by name), health 2.
        let kinds = leading_kinds(&months, 2);
        assert_eq!(kinds, ["translation", "childcare"]);
        assert_eq!(months[0].stacked(&kinds), [0, 1, 5]);
        assert_eq!(months[1].stacked(&kinds), [5, 2, 0]);
        assert!(leading_kinds(&[], 4).is_empty());
    }
}
