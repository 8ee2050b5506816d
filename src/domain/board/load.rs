//! Load: who carries how much, against what they offered – and who offered help but was
//! never asked.

use crate::domain::calendar::Date;
use crate::domain::directory::Directory;
use crate::domain::offer::Period as Every;
use crate::domain::order::sort_with;
use crate::domain::request::{HelpRequest, RequestStatus};
use std::collections::{HashMap, HashSet};

/// Carrying clearly more than the others: at least this many requests at once (open plus
/// done in the last 30 days) – a helper with two is not overloaded, however idle the rest …
pub const HEAVY_AT_LEAST: usize = 3;
/// … and at least twice the median of the others who help at all (the lower median, without
/// the helper judged), so that in a busy month the whole organisation is not flagged.
pub const HEAVY_TIMES_MEDIAN: usize = 2;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelperLoad {
    pub member_id: String,
    /// Assigned requests still open (status assigned).
    pub open: usize,
    /// Done requests they helped with, by the day the help was due (its date, else the day
    /// it was taken), within the last 30 and 90 days.
    pub done_30: usize,
    pub done_90: usize,
    /// What their active offers add up to, per month (a week counted as 4).
    pub offered_per_month: usize,
    /// Open plus done in 30 days is more than they offered per month.
    pub over_capacity: bool,
    /// See `HEAVY_AT_LEAST` and `HEAVY_TIMES_MEDIAN`.
    pub carries_more: bool,
}

impl HelperLoad {
    pub fn current(&self) -> usize {
        self.open + self.done_30
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Everyone with an active offer or a request they help with, heaviest first.
    pub helpers: Vec<HelperLoad>,
    /// Members with an active offer who never helped with any request (of any state).
    pub unused: Vec<String>,
    /// The (lower) median `current()` of those who help at all.
    pub median: usize,
}

fn lower_median(sorted: &[usize]) -> usize {
    match sorted.len() {
        0 => 0,
        n => sorted[(n - 1) / 2],
    }
}

/// The lower median of `sorted` with one `value` taken out (if it is there).
fn median_without(sorted: &[usize], value: usize) -> usize {
    match sorted.binary_search(&value) {
        Ok(at) if sorted.len() > 1 => {
            let k = (sorted.len() - 2) / 2;
            if at > k {
                sorted[k]
            } else {
                sorted[k + 1]
            }
        }
        Ok(_) => 0,
        Err(_) => lower_median(sorted),
    }
}

fn due_day(request: &HelpRequest) -> Option<Date> {
    Date::parse(&request.date).or_else(|| Date::parse(&request.created))
}

pub fn load(directory: &Directory, today: Date) -> LoadReport {
    // Hash maps keyed by member id: thousands of ids, each looked up for every offer and
    // request (sorted maps compared the ids letter by letter, most of the board's opening time).
    let members: HashSet<&str> = directory.members.keys().map(String::as_str).collect();
    let mut rows: HashMap<&str, HelperLoad> = HashMap::new();
    let mut ever_helped: HashSet<&str> = HashSet::new();
    for offer in directory.offers.values().filter(|o| o.active) {
        let Some(&member) = members.get(offer.member_id.as_str()) else {
            continue;
        };
        let row = rows.entry(member).or_insert_with(|| HelperLoad {
            member_id: member.to_owned(),
            ..HelperLoad::default()
        });
        let times = usize::from(offer.capacity.times);
        row.offered_per_month += match offer.capacity.per {
            Every::Week => times * 4,
            Every::Month => times,
        };
    }
    for request in directory.requests.values() {
        for helper in &request.helpers {
            // A deleted member's name is gone from the requests' helper lists only visually.
            let Some(&helper) = members.get(helper.as_str()) else {
                continue;
            };
            ever_helped.insert(helper);
            let row = rows.entry(helper).or_insert_with(|| HelperLoad {
                member_id: helper.to_owned(),
                ..HelperLoad::default()
            });
            match request.status {
                RequestStatus::Assigned => row.open += 1,
                RequestStatus::Done => {
                    let age =
                        due_day(request).map(|d| today.days_since_epoch() - d.days_since_epoch());
                    if let Some(age) = age.filter(|a| *a >= 0) {
                        if age < 30 {
                            row.done_30 += 1;
                        }
                        if age < 90 {
                            row.done_90 += 1;
                        }
                    }
                }
                RequestStatus::Open | RequestStatus::Cancelled => {}
            }
        }
    }
    let mut busy: Vec<usize> = rows
        .values()
        .map(HelperLoad::current)
        .filter(|n| *n > 0)
        .collect();
    sort_with(&mut busy, Ord::cmp);
    let median = lower_median(&busy);
    let mut unused: Vec<String> = rows
        .values()
        .filter(|row| row.offered_per_month > 0 && !ever_helped.contains(row.member_id.as_str()))
        .map(|row| row.member_id.clone())
        .collect();
    sort_with(&mut unused, Ord::cmp);
    let mut helpers: Vec<HelperLoad> = rows
        .into_values()
        .map(|mut row| {
            let current = row.current();
            row.over_capacity = row.offered_per_month > 0 && current > row.offered_per_month;
            let others = median_without(&busy, current);
            row.carries_more =
                current >= HEAVY_AT_LEAST && current >= HEAVY_TIMES_MEDIAN * others.max(1);
            row
        })
        .collect();
    sort_with(&mut helpers, |a, b| {
        b.current()
            .cmp(&a.current())
            .then_with(|| b.done_90.cmp(&a.done_90))
            .then_with(|| a.member_id.cmp(&b.member_id))
    });
    LoadReport {
        helpers,
        unused,
        median,
    }
}
