//! Reach: how many different members could help with each kind of help in each language and
//! in each district – the count behind coverage and single points, made in one pass over the
//! active offers. It does not depend on a period, so switching the board's period reuses it.
//!
//! Speed matters here (thousands of members, ten thousand offers, at every opening of the
//! board): names are numbered once and the pairs (kind of help, language or district, member)
//! are sorted as plain integers, instead of sets of strings compared letter by letter.

use super::coverage::CoverageFilter;
use super::{offer_districts, speaks_usably};
use crate::domain::directory::Directory;
use crate::domain::member::Member;
use crate::domain::order::map_of;
use crate::domain::order::sort_with;
use std::collections::BTreeMap;
use std::collections::HashMap;

/// Who could help with one kind of help within one language or district.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Helpers {
    /// Different members.
    pub count: usize,
    /// One of them (the only one when `count` is 1).
    pub one: String,
}

/// (kind of help, language or district, who could help), sorted by the two names. A sorted
/// list rather than nested maps: a few hundred pairs, looked up by binary search, and no map
/// code of their own in the wasm.
pub type Pairs = Vec<(String, String, Helpers)>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    /// Members with an active offer of a kind of help who speak a language usably.
    pub by_language: Pairs,
    /// Members with an active offer of a kind of help covering a district.
    pub by_district: Pairs,
    /// Language -> members who speak it usably (whether they offer anything or not).
    pub speakers: BTreeMap<String, usize>,
}

impl Reach {
    pub fn helpers_in_language(&self, category: &str, language: &str) -> usize {
        self.by_language
            .binary_search_by(|(c, l, _)| (c.as_str(), l.as_str()).cmp(&(category, language)))
            .map_or(0, |at| self.by_language[at].2.count)
    }
}

/// Numbers names in the order they are first seen.
#[derive(Default)]
struct Numbering<'a> {
    numbers: HashMap<&'a str, usize>,
    names: Vec<&'a str>,
}

impl<'a> Numbering<'a> {
    fn number(&mut self, name: &'a str) -> u64 {
        let number = *self.numbers.entry(name).or_insert_with(|| {
            self.names.push(name);
            self.names.len() - 1
        });
        number as u64
    }
}

/// Packs (what, within, member) so that sorting the integers groups members by pair.
fn pack(what: u64, within: u64, member: u64) -> u64 {
    (what << 48) | (within << 32) | member
}

/// Counts the different members of each pair in `packed` (sorted and deduplicated).
fn count_pairs(
    packed: &[u64],
    categories: &Numbering,
    within: &Numbering,
    members: &[&Member],
) -> Pairs {
    let mut counted = Pairs::new();
    for group in packed.chunk_by(|a, b| a >> 32 == b >> 32) {
        let first = group[0];
        let what = categories.names[(first >> 48) as usize];
        let inside = within.names[((first >> 32) & 0xFFFF) as usize];
        let one = members[(first & 0xFFFF_FFFF) as usize];
        let helpers = Helpers {
            count: group.len(),
            one: one.id.clone(),
        };
        counted.push((what.to_owned(), inside.to_owned(), helpers));
    }
    sort_with(&mut counted, |a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    counted
}

/// The reach of the organisation's active offers, narrowed by `filter` (district, time).
pub fn reach(directory: &Directory, filter: &CoverageFilter) -> Reach {
    let members: Vec<&Member> = directory.members.values().collect();
    let member_numbers: HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(n, m)| (m.id.as_str(), n))
        .collect();
    let mut speakers: HashMap<&str, usize> = HashMap::new();
    for member in &members {
        for skill in &member.languages {
            if speaks_usably(member, &skill.code) {
                *speakers.entry(&skill.code).or_default() += 1;
            }
        }
    }
    let mut categories = Numbering::default();
    let mut languages = Numbering::default();
    let mut districts = Numbering::default();
    let mut by_language: Vec<u64> = Vec::new();
    let mut by_district: Vec<u64> = Vec::new();
    for offer in directory.offers.values().filter(|o| o.active) {
        let Some(&number) = member_numbers.get(offer.member_id.as_str()) else {
            continue;
        };
        let member = members[number];
        let covers = offer_districts(offer, member);
        if let Some(district) = &filter.district {
            if !covers.contains(&district.as_str()) {
                continue;
            }
        }
        let slots = if offer.availability.is_empty() {
            &member.availability
        } else {
            &offer.availability
        };
        if !filter.fits_time(slots) {
            continue;
        }
        let what = categories.number(&offer.category);
        for skill in &member.languages {
            if speaks_usably(member, &skill.code) {
                by_language.push(pack(what, languages.number(&skill.code), number as u64));
            }
        }
        for district in covers {
            by_district.push(pack(what, districts.number(district), number as u64));
        }
    }
    for packed in [&mut by_language, &mut by_district] {
        sort_with(packed, Ord::cmp);
        packed.dedup();
    }
    Reach {
        by_language: count_pairs(&by_language, &categories, &languages, &members),
        by_district: count_pairs(&by_district, &categories, &districts, &members),
        speakers: map_of(speakers.into_iter().map(|(code, n)| (code.to_owned(), n))),
    }
}
