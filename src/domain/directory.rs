//! Everything the organisation knows, in memory, kept in step with storage row by row.
//! Notes are not held here: they are read per case when a case is opened.

use super::case::Case;
use super::change::{RecordKind, RecordRow};
use super::consent::ConsentEvent;
use super::device_name::DeviceName;
use super::erasure::ErasedFigures;
use super::member::Member;
use super::offer::{CustomCategory, HelpOffer};
use super::record_data::RecordData;
use super::request::HelpRequest;
use crate::domain::order::sort_with;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// Revisions are unique in the whole program, so a reloaded directory never repeats one.
static NEXT_PEOPLE_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_people_revision() -> u64 {
    NEXT_PEOPLE_REVISION.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Directory {
    pub members: BTreeMap<String, Member>,
    /// Read freely; add and remove only through `apply` or `insert_offer`.
    pub offers: BTreeMap<String, HelpOffer>,
    /// Offer ids by member id, kept in step with `offers` so that listing a member's offers
    /// does not scan every offer (thousands, for each of thousands of members).
    offers_by_member: BTreeMap<String, BTreeSet<String>>,
    pub requests: BTreeMap<String, HelpRequest>,
    pub cases: BTreeMap<String, Case>,
    pub categories: BTreeMap<String, CustomCategory>,
    /// What people call the organisation's devices, by record id (see `device_name`).
    pub devices: BTreeMap<String, DeviceName>,
    /// What erasures left for the figures (see `erasure`).
    pub erased: ErasedFigures,
    /// Consents given and withdrawn, every event (see `consent`).
    pub consents: BTreeMap<String, ConsentEvent>,
    /// Changes whenever members, offers or categories do (not requests or cases), so that
    /// what is derived from people alone (the search index) is rebuilt only when it must be.
    people_revision: u64,
}

/// What storage reads after the people: offers, requests and cases.
#[derive(Clone, Debug, Default)]
pub struct DirectoryRest {
    pub offers: Vec<HelpOffer>,
    pub requests: Vec<HelpRequest>,
    pub cases: Vec<Case>,
    pub devices: Vec<DeviceName>,
    /// The erasure records (see `erasure`).
    pub erasures: Vec<RecordRow>,
    pub consents: Vec<ConsentEvent>,
}

fn put<T: RecordData>(map: &mut BTreeMap<String, T>, row: &RecordRow) {
    match T::from_row(row) {
        Some(record) => {
            map.insert(row.id.clone(), record);
        }
        // Deleted (or unreadable): it leaves the lists; its row and changes stay stored.
        None => {
            map.remove(&row.id);
        }
    }
}

impl Directory {
    /// Nothing read or nothing kept: no members, offers, requests, cases or categories.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
            && self.offers.is_empty()
            && self.requests.is_empty()
            && self.cases.is_empty()
            && self.categories.is_empty()
    }

    pub fn people_revision(&self) -> u64 {
        self.people_revision
    }

    /// Takes a stored row into account; rows of other kinds are ignored.
    pub fn apply(&mut self, row: &RecordRow) {
        match row.kind {
            RecordKind::Member => {
                put(&mut self.members, row);
                self.people_revision = next_people_revision();
            }
            RecordKind::Offer => match HelpOffer::from_row(row) {
                Some(offer) => self.insert_offer(offer),
                None => self.remove_offer(&row.id),
            },
            RecordKind::Request => put(&mut self.requests, row),
            RecordKind::Case => put(&mut self.cases, row),
            RecordKind::Category => {
                put(&mut self.categories, row);
                self.people_revision = next_people_revision();
            }
            RecordKind::Device => put(&mut self.devices, row),
            RecordKind::Erasure => self.erased.add(&row.id, &row.fields),
            RecordKind::Consent => put(&mut self.consents, row),
            RecordKind::Organisation | RecordKind::Note => {}
        }
    }

    /// Drops erased records (see `erasure`) from the lists, as the deletion of each would.
    pub fn forget<'a>(&mut self, ids: impl IntoIterator<Item = &'a String>) {
        for id in ids {
            for kind in [
                RecordKind::Member,
                RecordKind::Offer,
                RecordKind::Request,
                RecordKind::Case,
                RecordKind::Consent,
            ] {
                self.apply(&RecordRow {
                    id: id.clone(),
                    kind,
                    fields: Default::default(),
                    heads: Vec::new(),
                    updated: String::new(),
                    deleted: true,
                    conflicts: Default::default(),
                    conflicted: None,
                });
            }
        }
    }

    /// Adds or replaces an offer, keeping the by-member index in step. Offers must be added
    /// this way (or through `apply`), never into `offers` directly.
    pub fn insert_offer(&mut self, offer: HelpOffer) {
        self.people_revision = next_people_revision();
        self.remove_offer(&offer.id);
        self.offers_by_member
            .entry(offer.member_id.clone())
            .or_default()
            .insert(offer.id.clone());
        self.offers.insert(offer.id.clone(), offer);
    }

    fn remove_offer(&mut self, offer_id: &str) {
        self.people_revision = next_people_revision();
        if let Some(old) = self.offers.remove(offer_id) {
            if let Some(ids) = self.offers_by_member.get_mut(&old.member_id) {
                ids.remove(offer_id);
            }
        }
    }

    /// A directory from typed records, as storage loads them.
    pub fn from_records(
        members: Vec<Member>,
        offers: Vec<HelpOffer>,
        requests: Vec<HelpRequest>,
        cases: Vec<Case>,
        categories: Vec<CustomCategory>,
    ) -> Directory {
        fn by_id<T: RecordData>(records: Vec<T>) -> BTreeMap<String, T> {
            records
                .into_iter()
                .map(|r| (r.id().to_owned(), r))
                .collect()
        }
        let mut directory = Directory {
            members: by_id(members),
            categories: by_id(categories),
            people_revision: next_people_revision(),
            ..Directory::default()
        };
        directory.add_rest(DirectoryRest {
            offers,
            requests,
            cases,
            devices: Vec::new(),
            erasures: Vec::new(),
            consents: Vec::new(),
        });
        directory
    }

    /// Adds what is read after the people (see `from_records`), for a directory that was
    /// shown with its members before its offers were read.
    pub fn add_rest(&mut self, rest: DirectoryRest) {
        let DirectoryRest {
            offers,
            requests,
            cases,
            devices,
            erasures,
            consents,
        } = rest;
        self.consents
            .extend(consents.into_iter().map(|c| (c.id().to_owned(), c)));
        for row in &erasures {
            self.erased.add(&row.id, &row.fields);
        }
        self.devices
            .extend(devices.into_iter().map(|d| (d.id().to_owned(), d)));
        for offer in offers {
            self.insert_offer(offer);
        }
        self.requests
            .extend(requests.into_iter().map(|r| (r.id().to_owned(), r)));
        self.cases
            .extend(cases.into_iter().map(|c| (c.id().to_owned(), c)));
    }

    /// A member's offers, active ones first.
    pub fn offers_of<'a>(&'a self, member_id: &'a str) -> impl Iterator<Item = &'a HelpOffer> + 'a {
        let ids = self.offers_by_member.get(member_id);
        let mut offers: Vec<&HelpOffer> = ids
            .into_iter()
            .flatten()
            .filter_map(|id| self.offers.get(id))
            .collect();
        sort_with(&mut offers, |a, b| b.active.cmp(&a.active));
        offers.into_iter()
    }

    /// The requests a member helps with, and those they asked for help with themselves:
    /// open and assigned ones first, then the newest.
    pub fn requests_of_member(&self, member_id: &str) -> (Vec<&HelpRequest>, Vec<&HelpRequest>) {
        let newest_active_first = |list: &mut Vec<&HelpRequest>| {
            sort_with(list, |a, b| {
                b.is_active()
                    .cmp(&a.is_active())
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| b.created.cmp(&a.created))
            });
        };
        let mut helping: Vec<&HelpRequest> = self
            .requests
            .values()
            .filter(|r| r.helpers.iter().any(|h| h == member_id))
            .collect();
        let mut asked: Vec<&HelpRequest> = self
            .requests
            .values()
            .filter(|r| r.member_id.as_deref() == Some(member_id))
            .collect();
        newest_active_first(&mut helping);
        newest_active_first(&mut asked);
        (helping, asked)
    }

    /// How many requests each member currently helps with, in one pass over all requests.
    pub fn active_assignment_counts(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for request in self.requests.values().filter(|r| r.is_active()) {
            for helper in &request.helpers {
                *counts.entry(helper.as_str()).or_insert(0) += 1;
            }
        }
        counts
    }

    /// How many requests each member helped with since `since` ("YYYY-MM-DD"), in one pass.
    pub fn assignment_counts_since(&self, since: &str) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for request in self.requests.values() {
            let when = if request.date.is_empty() {
                &request.created
            } else {
                &request.date
            };
            if when.as_str() >= since {
                for helper in &request.helpers {
                    *counts.entry(helper.as_str()).or_insert(0) += 1;
                }
            }
        }
        counts
    }
}

#[cfg(test)]
impl Directory {
    /// A directory from stored rows, as applying them one by one gives it (tests only).
    pub fn from_rows_for_test(rows: &[RecordRow]) -> Directory {
        let mut directory = Directory::default();
        for row in rows {
            directory.apply(row);
        }
        directory
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordRow;
    use crate::domain::offer::HelpOffer;
    use crate::domain::request::HelpRequest;

    fn offer_row(id: &str, member: &str, deleted: bool) -> RecordRow {
        let offer = HelpOffer {
            member_id: member.into(),
            category: "forms".into(),
            active: true,
            ..Default::default()
        };
        RecordRow {
            id: id.into(),
            kind: RecordKind::Offer,
            fields: offer.to_fields(),
            heads: vec![],
            updated: String::new(),
            deleted,
            conflicts: Default::default(),
            conflicted: None,
        }
    }

    #[test]
    fn only_changes_to_people_change_the_people_revision() {
        let mut d = Directory::from_records(vec![], vec![], vec![], vec![], vec![]);
        let loaded = d.people_revision();
        assert_ne!(
            loaded,
            Directory::from_records(vec![], vec![], vec![], vec![], vec![]).people_revision()
        );
        let request = crate::domain::request::HelpRequest {
            person: "R.".into(),
            ..Default::default()
        };
        d.apply(&RecordRow {
            id: "r1".into(),
            kind: RecordKind::Request,
            fields: request.to_fields(),
            heads: vec![],
            updated: String::new(),
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        });
        assert_eq!(
            d.people_revision(),
            loaded,
            "a request is not about people's offers"
        );
        d.apply(&offer_row("o1", "m1", false));
        assert_ne!(d.people_revision(), loaded);
    }

    #[test]
    fn people_first_then_the_rest_is_the_whole_directory() {
        let member = |id: &str| Member {
            id: id.into(),
            name: format!("Name {id}"),
            ..Default::default()
        };
        let offer = |id: &str, member: &str| HelpOffer {
            id: id.into(),
            member_id: member.into(),
            category: "forms".into(),
            active: true,
            ..Default::default()
        };
        let request = HelpRequest {
            id: "r1".into(),
            person: "R.".into(),
            helpers: vec!["m1".into()],
            ..Default::default()
        };
        let case = Case {
            id: "c1".into(),
            ..Default::default()
        };
        let offers = vec![offer("o1", "m1"), offer("o2", "m1"), offer("o3", "m2")];
        let whole = Directory::from_records(
            vec![member("m1"), member("m2")],
            offers.clone(),
            vec![request.clone()],
            vec![case.clone()],
            vec![],
        );
        let mut staged = Directory::from_records(
            vec![member("m1"), member("m2")],
            vec![],
            vec![],
            vec![],
            vec![],
        );
        let people_only = staged.people_revision();
        staged.add_rest(DirectoryRest {
            offers,
            requests: vec![request],
            cases: vec![case],
            devices: vec![],
            erasures: vec![],
            consents: vec![],
        });
        assert_ne!(
            staged.people_revision(),
            people_only,
            "the offers change the people"
        );
        assert_eq!(staged.members, whole.members);
        assert_eq!(staged.offers, whole.offers);
        assert_eq!(staged.offers_by_member, whole.offers_by_member);
        assert_eq!(staged.requests, whole.requests);
        assert_eq!(staged.cases, whole.cases);
        assert_eq!(staged.offers_of("m1").count(), 2);
    }

    #[test]
    fn a_members_requests_are_those_they_help_with_and_those_they_asked_for() {
        use crate::domain::request::RequestStatus;
        let request =
            |id: &str, helpers: &[&str], member: Option<&str>, status, date: &str| HelpRequest {
                id: id.into(),
                person: "P.".into(),
                member_id: member.map(Into::into),
                helpers: helpers.iter().map(|h| (*h).into()).collect(),
                status,
                date: date.into(),
                ..Default::default()
            };
        let d = Directory::from_records(
            vec![],
            vec![],
            vec![
                request("old", &["m1"], None, RequestStatus::Done, "2026-12-01"),
                request(
                    "now",
                    &["m1", "m2"],
                    None,
                    RequestStatus::Assigned,
                    "2026-11-01",
                ),
                request(
                    "other",
                    &["m2"],
                    None,
                    RequestStatus::Assigned,
                    "2026-11-02",
                ),
                request("own", &[], Some("m1"), RequestStatus::Open, "2026-11-03"),
            ],
            vec![],
            vec![],
        );
        let (helping, asked) = d.requests_of_member("m1");
        let ids = |list: Vec<&HelpRequest>| list.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(helping),
            vec!["now", "old"],
            "active first, then newest"
        );
        assert_eq!(ids(asked), vec!["own"]);
        let (helping, asked) = d.requests_of_member("m3");
        assert!(helping.is_empty() && asked.is_empty());
    }

    #[test]
    fn a_members_offers_follow_moves_and_deletes() {
        let mut d = Directory::default();
        d.apply(&offer_row("o1", "m1", false));
        d.apply(&offer_row("o2", "m1", false));
        assert_eq!(d.offers_of("m1").count(), 2);
        d.apply(&offer_row("o2", "m2", false));
        assert_eq!(
            d.offers_of("m1").map(|o| o.id.as_str()).collect::<Vec<_>>(),
            vec!["o1"]
        );
        assert_eq!(d.offers_of("m2").count(), 1);
        d.apply(&offer_row("o1", "m1", true));
        assert_eq!(d.offers_of("m1").count(), 0);
        assert!(!d.offers.contains_key("o1"));
    }
}
