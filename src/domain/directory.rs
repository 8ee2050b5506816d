//! Everything the organisation knows, in memory, kept in step with storage row by row.
//! Notes are not held here: they are read per case when a case is opened.

use super::case::Case;
use super::change::{RecordKind, RecordRow};
use super::member::Member;
use super::offer::{CustomCategory, HelpOffer};
use super::record_data::RecordData;
use super::request::HelpRequest;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Directory {
    pub members: BTreeMap<String, Member>,
    pub offers: BTreeMap<String, HelpOffer>,
    pub requests: BTreeMap<String, HelpRequest>,
    pub cases: BTreeMap<String, Case>,
    pub categories: BTreeMap<String, CustomCategory>,
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
    /// Takes a stored row into account; rows of other kinds are ignored.
    pub fn apply(&mut self, row: &RecordRow) {
        match row.kind {
            RecordKind::Member => put(&mut self.members, row),
            RecordKind::Offer => put(&mut self.offers, row),
            RecordKind::Request => put(&mut self.requests, row),
            RecordKind::Case => put(&mut self.cases, row),
            RecordKind::Category => put(&mut self.categories, row),
            RecordKind::Organisation | RecordKind::Note => {}
        }
    }

    pub fn from_rows<'a>(rows: impl IntoIterator<Item = &'a RecordRow>) -> Directory {
        let mut directory = Directory::default();
        for row in rows {
            directory.apply(row);
        }
        directory
    }

    /// A member's offers, active ones first.
    pub fn offers_of<'a>(&'a self, member_id: &'a str) -> impl Iterator<Item = &'a HelpOffer> + 'a {
        let mut offers: Vec<&HelpOffer> = self
            .offers
            .values()
            .filter(|o| o.member_id == member_id)
            .collect();
        offers.sort_by_key(|o| !o.active);
        offers.into_iter()
    }

    /// Requests a member currently helps with (assigned and not finished).
    pub fn active_assignments(&self, member_id: &str) -> usize {
        self.requests
            .values()
            .filter(|r| r.is_active() && r.helpers.iter().any(|h| h == member_id))
            .count()
    }

    /// Requests a member helped with since `since` ("YYYY-MM-DD", inclusive), finished or not.
    pub fn assignments_since(&self, member_id: &str, since: &str) -> usize {
        self.requests
            .values()
            .filter(|r| r.helpers.iter().any(|h| h == member_id))
            .filter(|r| {
                let when = if r.date.is_empty() {
                    &r.created
                } else {
                    &r.date
                };
                when.as_str() >= since
            })
            .count()
    }
}
