//! Coverage: for each kind of help and language, how many different members could help –
//! and how often it was asked for. A 0 where people asked is where help is missing; a 1 is a
//! single point of failure.

use super::asked_in;
use super::period::Period;
use super::reach::{reach, Reach};
use crate::domain::calendar::Slot;
use crate::domain::catalog::CATEGORIES;
use crate::domain::directory::Directory;
use crate::domain::order::sort_with;

/// Narrows who counts: helpers for this district, or free at this weekly time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoverageFilter {
    pub district: Option<String>,
    /// A day alone, a part of the day alone, or both.
    pub day: Option<crate::domain::calendar::Weekday>,
    pub part: Option<crate::domain::calendar::DayPart>,
}

impl CoverageFilter {
    pub(super) fn fits_time(&self, slots: &[Slot]) -> bool {
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
    coverage_of(directory, &reach(directory, filter), period)
}

/// The coverage table from a reach already made (the board keeps it while the period changes).
pub fn coverage_of(directory: &Directory, reach: &Reach, period: &Period) -> Coverage {
    let mut categories: Vec<String> = CATEGORIES.iter().map(|c| (*c).to_owned()).collect();
    categories.extend(directory.categories.keys().cloned());
    let asked = asked_in(directory, period);
    let mut languages: Vec<&str> = reach.speakers.keys().map(String::as_str).collect();
    for (_, language) in asked.keys() {
        if !languages.contains(language) {
            languages.push(language);
        }
    }
    let speakers = |code: &str| reach.speakers.get(code).copied().unwrap_or(0);
    sort_with(&mut languages, |a, b| {
        speakers(b).cmp(&speakers(a)).then_with(|| a.cmp(b))
    });
    let cells = categories
        .iter()
        .map(|category| {
            languages
                .iter()
                .map(|language| {
                    let pair = (category.as_str(), *language);
                    Cell {
                        helpers: reach.helpers_in_language(category, language),
                        asked: asked.get(&pair).copied().unwrap_or(0),
                    }
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
