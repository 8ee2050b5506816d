//! Coverage: for each kind of help and language, how many different members could help –
//! and how often it was asked for. A 0 where people asked is where help is missing; a 1 is a
//! single point of failure.

use super::period::Period;
use super::{active_offers, asked_in, offer_districts, speaks_usably};
use crate::domain::calendar::Slot;
use crate::domain::catalog::CATEGORIES;
use crate::domain::directory::Directory;
use std::collections::{BTreeMap, BTreeSet};

/// Narrows who counts: helpers for this district, or free at this weekly time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageFilter {
    pub district: Option<String>,
    /// A day alone, a part of the day alone, or both.
    pub day: Option<crate::domain::calendar::Weekday>,
    pub part: Option<crate::domain::calendar::DayPart>,
}

impl CoverageFilter {
    fn fits_time(&self, slots: &[Slot]) -> bool {
        if self.day.is_none() && self.part.is_none() {
            return true;
        }
        slots.iter().any(|slot| {
            self.day.is_none_or(|day| slot.day == day)
                && self.part.is_none_or(|part| slot.part == part)
        })
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Different members with an active offer of the kind of help who speak the language.
    pub helpers: usize,
    /// Requests taken in the period for this kind of help needing this language.
    pub asked: usize,
}

impl Cell {
    /// Asked for, and nobody can help: what stands out most.
    pub fn is_gap(&self) -> bool {
        self.helpers == 0 && self.asked > 0
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// Rows: built-in kinds of help in catalogue order, then the organisation's own.
    pub categories: Vec<String>,
    /// Columns: every language someone speaks usably or was asked for, most speakers first.
    pub languages: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

impl Coverage {
    pub fn cell(&self, category: &str, language: &str) -> Cell {
        let row = self.categories.iter().position(|c| c == category);
        let column = self.languages.iter().position(|l| l == language);
        match (row, column) {
            (Some(r), Some(c)) => self.cells[r][c],
            _ => Cell::default(),
        }
    }
}

/// The coverage table over `directory`; requests are counted by the day they were taken.
pub fn coverage(directory: &Directory, period: &Period, filter: &CoverageFilter) -> Coverage {
    let mut categories: Vec<String> = CATEGORIES.iter().map(|c| (*c).to_owned()).collect();
    categories.extend(directory.categories.keys().cloned());
    // (category, language) -> members who can help.
    let mut helpers: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    let mut speakers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for member in directory.members.values() {
        for skill in &member.languages {
            if speaks_usably(member, &skill.code) {
                speakers.entry(&skill.code).or_default().insert(&member.id);
            }
        }
    }
    for (offer, member) in active_offers(directory) {
        if let Some(district) = &filter.district {
            if !offer_districts(offer, member).contains(&district.as_str()) {
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
        for skill in &member.languages {
            if speaks_usably(member, &skill.code) {
                helpers
                    .entry((&offer.category, &skill.code))
                    .or_default()
                    .insert(&member.id);
            }
        }
    }
    let asked = asked_in(directory, period);
    let mut languages: Vec<&str> = speakers.keys().copied().collect();
    for (_, language) in asked.keys() {
        if !languages.contains(language) {
            languages.push(language);
        }
    }
    languages.sort_by_key(|code| {
        (
            std::cmp::Reverse(speakers.get(code).map_or(0, BTreeSet::len)),
            *code,
        )
    });
    let cells = categories
        .iter()
        .map(|category| {
            languages
                .iter()
                .map(|language| Cell {
                    helpers: helpers
                        .get(&(category.as_str(), *language))
                        .map_or(0, BTreeSet::len),
                    asked: asked
                        .get(&(category.as_str(), *language))
                        .copied()
                        .unwrap_or(0),
                })
                .collect()
        })
        .collect();
    Coverage {
        categories,
        languages: languages.into_iter().map(str::to_owned).collect(),
        cells,
    }
}
