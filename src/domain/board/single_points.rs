//! Single points of failure: every kind of help, in a language or in a district, that rests on
//! exactly one person – if she moves away or burns out, nobody is left.

use super::period::Period;
use super::{active_offers, asked_in, offer_districts, speaks_usably};
use crate::domain::directory::Directory;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Within {
    Language(String),
    District(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SinglePoint {
    pub category: String,
    pub within: Within,
    /// The one member it rests on.
    pub member_id: String,
    /// Requests taken in the period for this kind of help in this language (requests name no
    /// district, so 0 for districts).
    pub asked: usize,
}

/// Every combination resting on one person, most asked for first.
pub fn single_points(directory: &Directory, period: &Period) -> Vec<SinglePoint> {
    let mut helpers: BTreeMap<(&str, Within), BTreeSet<&str>> = BTreeMap::new();
    for (offer, member) in active_offers(directory) {
        for skill in &member.languages {
            if speaks_usably(member, &skill.code) {
                helpers
                    .entry((&offer.category, Within::Language(skill.code.clone())))
                    .or_default()
                    .insert(&member.id);
            }
        }
        for district in offer_districts(offer, member) {
            helpers
                .entry((&offer.category, Within::District(district.to_owned())))
                .or_default()
                .insert(&member.id);
        }
    }
    let asked = asked_in(directory, period);
    let mut points: Vec<SinglePoint> = helpers
        .into_iter()
        .filter(|(_, members)| members.len() == 1)
        .filter_map(|((category, within), members)| {
            let member_id = (*members.iter().next()?).to_owned();
            let asked = match &within {
                Within::Language(code) => {
                    asked.get(&(category, code.as_str())).copied().unwrap_or(0)
                }
                Within::District(_) => 0,
            };
            Some(SinglePoint {
                category: category.to_owned(),
                within,
                member_id,
                asked,
            })
        })
        .collect();
    points.sort_by(|a, b| {
        b.asked
            .cmp(&a.asked)
            .then_with(|| a.within.cmp(&b.within))
            .then_with(|| a.category.cmp(&b.category))
    });
    points
}
