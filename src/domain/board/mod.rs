//! The board's view of the organisation ("Überblick"), as pure functions over the directory:
//! who can help with what in which language, what rests on a single person, who carries how
//! much, and what went unmet. Each metric says what it counts, which date it uses and what it
//! leaves out, so that a number means the same on every device holding the same data.
//!
//! Common rules: a member counts as a helper for a kind of help when they have an active
//! (not paused) offer of it – deleted members and their offers are not in the directory at
//! all; a member "speaks" a language when their level is native or good (basic knowledge is
//! not enough to interpret at an office); a request belongs to a period by the day it was
//! taken (`created`).

pub mod coverage;
pub mod csv;
pub mod load;
pub mod period;
pub mod reach;
pub mod report;
pub mod single_points;
pub mod suppression;
#[cfg(test)]
mod tests;
pub mod trends;
pub mod unmet;

use super::directory::Directory;
use super::member::{LanguageLevel, Member};
use super::offer::HelpOffer;
use period::Period;
use std::collections::BTreeMap;

/// How often each kind of help was asked for in each language by requests taken in `period`
/// (a request needing two languages counts in both).
pub fn asked_in<'a>(
    directory: &'a Directory,
    period: &Period,
) -> BTreeMap<(&'a str, &'a str), usize> {
    let mut asked = BTreeMap::new();
    for request in directory.requests.values() {
        if period.contains(&request.created) {
            for language in &request.languages {
                *asked
                    .entry((request.category.as_str(), language.as_str()))
                    .or_default() += 1;
            }
        }
    }
    asked
}

/// Whether `member` can help in `code`.
pub fn speaks_usably(member: &Member, code: &str) -> bool {
    matches!(
        member.speaks(code),
        Some(LanguageLevel::Native | LanguageLevel::Good)
    )
}

/// The districts an offer covers: the ones it names, else its member's.
pub fn offer_districts<'a>(offer: &'a HelpOffer, member: &'a Member) -> Vec<&'a str> {
    if offer.districts.is_empty() {
        (!member.district.is_empty())
            .then_some(member.district.as_str())
            .into_iter()
            .collect()
    } else {
        offer.districts.iter().map(String::as_str).collect()
    }
}
