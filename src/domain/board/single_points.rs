//! Single points of failure: every kind of help, in a language or in a district, that rests on
//! exactly one person – if she moves away or burns out, nobody is left.

use super::asked_in;
use super::coverage::CoverageFilter;
use super::period::Period;
use super::reach::{reach, Pairs, Reach};
use crate::domain::directory::Directory;
use crate::domain::order::sort_with;

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
    single_points_of(
        &reach(directory, &CoverageFilter::default()),
        directory,
        period,
    )
}

/// The single points from a reach already made.
pub fn single_points_of(reach: &Reach, directory: &Directory, period: &Period) -> Vec<SinglePoint> {
    let asked = asked_in(directory, period);
    let alone = |pairs: &'_ Pairs| {
        pairs
            .iter()
            .filter(|(_, _, helpers)| helpers.count == 1)
            .map(|(category, within, helpers)| {
                (category.clone(), within.clone(), helpers.one.clone())
            })
            .collect::<Vec<_>>()
    };
    let in_languages = alone(&reach.by_language)
        .into_iter()
        .map(|(category, code, member_id)| {
            let asked = asked
                .get(&(category.as_str(), code.as_str()))
                .copied()
                .unwrap_or(0);
            SinglePoint {
                category,
                within: Within::Language(code),
                member_id,
                asked,
            }
        });
    let in_districts =
        alone(&reach.by_district)
            .into_iter()
            .map(|(category, district, member_id)| SinglePoint {
                category,
                within: Within::District(district),
                member_id,
                asked: 0,
            });
    let mut points: Vec<SinglePoint> = in_languages.chain(in_districts).collect();
    sort_with(&mut points, |a, b| {
        b.asked
            .cmp(&a.asked)
            .then_with(|| a.within.cmp(&b.within))
            .then_with(|| a.category.cmp(&b.category))
    });
    points
}
