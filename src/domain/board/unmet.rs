//! Unmet needs: requests still waiting for a helper, by how long they have waited, and what
//! went without help in the period – by kind of help and language ("no one speaks Tigrinya").

use super::period::Period;
use super::report::Outcome;
use crate::domain::calendar::Date;
use crate::domain::directory::Directory;
use crate::domain::order::sort_with;
use crate::domain::request::RequestStatus;
use std::collections::BTreeMap;

/// Waiting up to a week, up to a month, longer (by the day the request was taken).
pub const WAITING_BUCKETS: [i64; 2] = [7, 30];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unmet {
    /// Open requests without a helper: ids waiting up to 7 days, 8–30 days, more than 30.
    pub waiting: [Vec<String>; 3],
    /// Taken in the period and cancelled, or closed as done with nobody assigned: how many,
    /// by (kind of help, language – empty when none was needed), most first.
    pub without_help: Vec<(String, String, usize)>,
}

pub fn unmet(directory: &Directory, period: &Period, today: Date) -> Unmet {
    let mut waiting: [Vec<String>; 3] = Default::default();
    let mut without: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (id, request) in &directory.requests {
        if request.status == RequestStatus::Open && request.helpers.is_empty() {
            let age = Date::parse(&request.created)
                .map_or(0, |d| today.days_since_epoch() - d.days_since_epoch());
            let bucket = WAITING_BUCKETS
                .iter()
                .take_while(|limit| age > **limit)
                .count();
            waiting[bucket].push(id.clone());
        }
        let unhelped = matches!(
            Outcome::of(request),
            Outcome::Cancelled | Outcome::ClosedWithoutHelp
        );
        if unhelped && period.contains(&request.created) {
            let languages = if request.languages.is_empty() {
                vec![String::new()]
            } else {
                request.languages.clone()
            };
            for language in languages {
                *without
                    .entry((request.category.clone(), language))
                    .or_default() += 1;
            }
        }
    }
    let mut without_help: Vec<(String, String, usize)> =
        without.into_iter().map(|((c, l), n)| (c, l, n)).collect();
    sort_with(&mut without_help, |a, b| {
        b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1)))
    });
    Unmet {
        waiting,
        without_help,
    }
}
