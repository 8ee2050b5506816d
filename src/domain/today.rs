//! The "today" view: case follow-ups that are due and requests still waiting for help.

use super::case::{Case, CaseStatus};
use super::directory::Directory;
use super::request::{HelpRequest, RequestStatus};
use crate::domain::order::sort_with;

pub struct Today<'a> {
    /// Open cases whose follow-up date is today or earlier, oldest first.
    pub follow_ups: Vec<&'a Case>,
    /// Open requests: most urgent first, then by date (undated last).
    pub open_requests: Vec<&'a HelpRequest>,
}

pub fn today<'a>(directory: &'a Directory, today: &str) -> Today<'a> {
    let mut follow_ups: Vec<&Case> = directory
        .cases
        .values()
        .filter(|c| {
            c.status == CaseStatus::Open && !c.follow_up.is_empty() && c.follow_up.as_str() <= today
        })
        .collect();
    sort_with(&mut follow_ups, |a, b| {
        a.follow_up
            .cmp(&b.follow_up)
            .then_with(|| a.title.cmp(&b.title))
    });
    let mut open_requests: Vec<&HelpRequest> = directory
        .requests
        .values()
        .filter(|r| r.status == RequestStatus::Open)
        .collect();
    sort_with(&mut open_requests, |a, b| {
        b.urgency
            .cmp(&a.urgency)
            .then_with(|| (a.date.is_empty(), &a.date).cmp(&(b.date.is_empty(), &b.date)))
    });
    Today {
        follow_ups,
        open_requests,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::Case;
    use crate::domain::fixture::{organisation, request};
    use crate::domain::request::Urgency;

    #[test]
    fn due_follow_ups_and_open_requests() {
        let mut d = organisation();
        for (id, follow_up, status) in [
            ("c1", "2026-11-25", CaseStatus::Open),
            ("c2", "2026-11-26", CaseStatus::Open),
            ("c3", "2026-11-01", CaseStatus::Closed),
        ] {
            let case = Case {
                id: id.into(),
                title: id.into(),
                follow_up: follow_up.into(),
                status,
                ..Default::default()
            };
            d.cases.insert(id.into(), case);
        }
        let mut urgent = request("r2", "forms", &[], "", "");
        urgent.urgency = Urgency::High;
        let mut done = request("r3", "forms", &[], "2026-11-01", "");
        done.finish("ok");
        for r in [request("r1", "forms", &[], "2026-11-30", ""), urgent, done] {
            d.requests.insert(r.id.clone(), r);
        }
        let view = today(&d, "2026-11-25");
        assert_eq!(
            view.follow_ups
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            vec!["c1"]
        );
        assert_eq!(
            view.open_requests
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            vec!["r2", "r1"]
        );
    }
}
