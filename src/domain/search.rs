//! "Who speaks Dari and can go to the Jobcenter on Tuesday morning?": free text over names,
//! skills and offers (forgiving case, diacritics and transliterations), combined with filters
//! for category, language, district and a day (and part of day).
//!
//! The index folds every member's text once; a keystroke then only folds the query and scans
//! precomputed strings, which keeps each search in the low milliseconds for thousands of members.

use super::calendar::{DayPart, Slot, Weekday};
use super::directory::Directory;
use super::text_key::{fold, skeleton};
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelperQuery {
    pub text: String,
    pub category: Option<String>,
    pub language: Option<String>,
    /// Folded district name to match.
    pub district: Option<String>,
    pub day: Option<Weekday>,
    pub part: Option<DayPart>,
}

impl HelperQuery {
    /// No text and no filter: everyone, in name order.
    pub fn is_everyone(&self) -> bool {
        self.text.trim().is_empty()
            && self.category.is_none()
            && self.language.is_none()
            && self.district.as_deref().is_none_or(str::is_empty)
            && self.day.is_none()
            && self.part.is_none()
    }
}

/// The first `limit` members in the index's name order, and how many there are: what the
/// directory shows before anything is typed, without building the index (a quarter of a
/// second for thousands of members on a slow phone, which opening the page need not wait for).
pub fn everyone(directory: &Directory, limit: usize) -> (Vec<Hit>, usize) {
    let mut names: Vec<(String, &str, &str)> = directory
        .members
        .values()
        .map(|m| (fold(&m.name), m.name.as_str(), m.id.as_str()))
        .collect();
    let shown = limit.min(names.len());
    if shown > 0 && shown < names.len() {
        names.select_nth_unstable(shown - 1);
    }
    names.truncate(shown);
    names.sort();
    let hits = names
        .into_iter()
        .map(|(_, _, id)| Hit {
            member_id: id.to_owned(),
            score: 0,
        })
        .collect();
    (hits, directory.members.len())
}

struct Entry {
    member_id: String,
    name: String,
    name_key: String,
    name_skeleton: String,
    other_key: String,
    languages: BTreeSet<String>,
    districts: BTreeSet<String>,
    /// Categories of active offers.
    categories: BTreeSet<String>,
    slots: BTreeSet<Slot>,
    /// Slots per category: an offer's own times, or the member's when the offer names none.
    category_slots: Vec<(String, Slot)>,
}

/// A search result, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub member_id: String,
    pub score: u32,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn build(directory: &Directory) -> SearchIndex {
        let mut entries: Vec<Entry> = directory
            .members
            .values()
            .map(|member| {
                let name_key = fold(&member.name);
                let mut other = vec![
                    member.skills.clone(),
                    member.district.clone(),
                    member.email.clone(),
                ];
                let mut languages: BTreeSet<String> =
                    member.languages.iter().map(|l| l.code.clone()).collect();
                let mut districts: BTreeSet<String> = BTreeSet::from([fold(&member.district)]);
                let mut categories = BTreeSet::new();
                let mut slots: BTreeSet<Slot> = member.availability.iter().copied().collect();
                let mut category_slots = Vec::new();
                for offer in directory.offers_of(&member.id).filter(|o| o.active) {
                    other.push(offer.note.clone());
                    if let Some(custom) = directory.categories.get(&offer.category) {
                        other.push(custom.name.clone());
                    }
                    languages.extend(offer.languages.iter().cloned());
                    districts.extend(offer.districts.iter().map(|d| fold(d)));
                    categories.insert(offer.category.clone());
                    slots.extend(offer.availability.iter().copied());
                    let times = if offer.availability.is_empty() {
                        &member.availability
                    } else {
                        &offer.availability
                    };
                    category_slots.extend(times.iter().map(|s| (offer.category.clone(), *s)));
                }
                districts.remove("");
                Entry {
                    member_id: member.id.clone(),
                    name: member.name.clone(),
                    name_skeleton: skeleton(&name_key),
                    name_key,
                    other_key: fold(&other.join(" ")),
                    languages,
                    districts,
                    categories,
                    slots,
                    category_slots,
                }
            })
            .collect();
        entries.sort_by(|a, b| {
            a.name_key
                .cmp(&b.name_key)
                .then_with(|| a.name.cmp(&b.name))
        });
        SearchIndex { entries }
    }

    /// Members matching every filter and every word of the text, best first, at most `limit`.
    /// Also returns how many matched in all.
    pub fn search(&self, query: &HelperQuery, limit: usize) -> (Vec<Hit>, usize) {
        let matches = self.find(query, None);
        (matches.top(self, limit), matches.total())
    }

    /// All matches of `query`. When `previous` holds the matches of a query this one only
    /// narrows (same filters, the text typed further), only those are searched again: typing
    /// a name then costs less with every letter.
    pub fn find(&self, query: &HelperQuery, previous: Option<&Matches>) -> Matches {
        let words: Vec<String> = fold(&query.text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        let skeletons: Vec<String> = words.iter().map(|w| skeleton(w)).collect();
        let district = query
            .district
            .as_deref()
            .map(fold)
            .filter(|d| !d.is_empty());
        let candidates: Vec<usize> = match previous.filter(|p| p.narrows_to(query, &words)) {
            Some(previous) => {
                let mut positions: Vec<usize> = previous
                    .found
                    .iter()
                    .map(|(position, _)| *position)
                    .collect();
                positions.sort_unstable();
                positions
            }
            None => (0..self.entries.len()).collect(),
        };
        let mut found: Vec<(usize, u32)> = Vec::new();
        'entries: for position in candidates {
            let entry = &self.entries[position];
            if !passes_filters(entry, query, district.as_deref()) {
                continue;
            }
            let mut score = 0;
            for (word, skel) in words.iter().zip(&skeletons) {
                match word_score(entry, word, skel) {
                    Some(s) => score += s,
                    None => continue 'entries,
                }
            }
            found.push((position, score));
        }
        // Stable: alphabetical order (the entries' order) among equal scores.
        found.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
        Matches {
            query: query.clone(),
            words,
            found,
        }
    }
}

/// Every match of one query, best first, as positions in the index that made it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matches {
    query: HelperQuery,
    words: Vec<String>,
    found: Vec<(usize, u32)>,
}

impl Matches {
    pub fn total(&self) -> usize {
        self.found.len()
    }

    /// The best `limit` matches; `index` must be the index that found them.
    pub fn top(&self, index: &SearchIndex, limit: usize) -> Vec<Hit> {
        self.found
            .iter()
            .take(limit)
            .filter_map(|(position, score)| {
                index.entries.get(*position).map(|e| Hit {
                    member_id: e.member_id.clone(),
                    score: *score,
                })
            })
            .collect()
    }

    /// Whether every match of the new query is among these: same filters, and the text only
    /// typed further (extra words, or the last word longer). A word reaching the length at
    /// which consonant skeletons count could match more, so that case searches afresh.
    fn narrows_to(&self, query: &HelperQuery, words: &[String]) -> bool {
        let same_filters = HelperQuery {
            text: String::new(),
            ..self.query.clone()
        } == HelperQuery {
            text: String::new(),
            ..query.clone()
        };
        if !same_filters || words.len() < self.words.len() {
            return false;
        }
        let Some((last, earlier)) = self.words.split_last() else {
            return true;
        };
        let kept = earlier.iter().zip(words).all(|(old, new)| old == new);
        let new_last = &words[earlier.len()];
        let skeleton_starts =
            new_last.chars().count() >= SKELETON_MIN && last.chars().count() < SKELETON_MIN;
        kept && new_last.starts_with(last.as_str()) && !skeleton_starts
    }
}

/// Words at least this long also match by consonant skeleton.
const SKELETON_MIN: usize = 4;

fn passes_filters(entry: &Entry, query: &HelperQuery, district: Option<&str>) -> bool {
    if let Some(category) = &query.category {
        if !entry.categories.contains(category) {
            return false;
        }
    }
    if let Some(language) = &query.language {
        if !entry.languages.contains(language) {
            return false;
        }
    }
    if let Some(district) = district {
        if !entry.districts.iter().any(|d| d.contains(district)) {
            return false;
        }
    }
    if let Some(day) = query.day {
        let fits = |slot: &Slot| slot.day == day && query.part.is_none_or(|part| slot.part == part);
        let available = match &query.category {
            // With a category, the time must be one at which that offer is given.
            Some(category) => entry
                .category_slots
                .iter()
                .any(|(c, s)| c == category && fits(s)),
            None => entry.slots.iter().any(fits),
        };
        if !available {
            return false;
        }
    }
    true
}

/// How well one query word matches a member; `None` if it does not match at all.
fn word_score(entry: &Entry, word: &str, skel: &str) -> Option<u32> {
    let name_words = || entry.name_key.split(' ');
    if name_words().any(|w| w == word) {
        return Some(100);
    }
    if name_words().any(|w| w.starts_with(word)) {
        return Some(60);
    }
    if entry.name_key.contains(word) {
        return Some(30);
    }
    if word.chars().count() >= SKELETON_MIN
        && entry
            .name_skeleton
            .split(' ')
            .any(|w| w == skel || (skel.len() >= 3 && w.starts_with(skel)))
    {
        return Some(20);
    }
    if entry.other_key.contains(word) {
        return Some(10);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixture::organisation;

    fn names(index: &SearchIndex, directory: &Directory, query: &HelperQuery) -> Vec<String> {
        let (hits, _) = index.search(query, 50);
        hits.iter()
            .map(|h| directory.members[&h.member_id].name.clone())
            .collect()
    }

    fn text(text: &str) -> HelperQuery {
        HelperQuery {
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn everyone_without_an_index_is_what_the_index_shows_for_an_empty_query() {
        let seeded = crate::domain::seed::generate(
            crate::domain::seed::SeedSize::DEMO,
            3,
            crate::domain::calendar::Date {
                year: 2026,
                month: 11,
                day: 26,
            },
        );
        let records: Vec<_> = seeded
            .iter()
            .map(|r| {
                crate::domain::change::LocalEdit::new(
                    format!("c-{}", r.id),
                    &r.id,
                    r.kind,
                    r.fields.clone(),
                    "1".into(),
                    "d",
                    None,
                )
                .row
            })
            .collect();
        for directory in [organisation(), Directory::from_rows_for_test(&records)] {
            let index = SearchIndex::build(&directory);
            assert!(HelperQuery::default().is_everyone());
            for limit in [0, 1, 5, 12, 1_000] {
                assert_eq!(
                    everyone(&directory, limit),
                    index.search(&HelperQuery::default(), limit)
                );
            }
        }
        assert!(!text("a").is_everyone());
    }

    #[test]
    fn names_are_found_whatever_the_spelling() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        assert_eq!(names(&index, &d, &text("mueller")), vec!["Hans Müller"]);
        assert_eq!(names(&index, &d, &text("SIRIN")), vec!["Şirin Yıldız"]);
        assert_eq!(
            names(&index, &d, &text("Mohammed")),
            vec!["Muhammad Al-Khatib"]
        );
        assert_eq!(names(&index, &d, &text("olg pet")), vec!["Olga Petrenko"]);
        assert!(names(&index, &d, &text("nobody")).is_empty());
    }

    #[test]
    fn who_speaks_dari_and_can_accompany_on_tuesday_morning() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let query = HelperQuery {
            category: Some("accompaniment".into()),
            language: Some("prs".into()),
            day: Some(Weekday::Tue),
            part: Some(DayPart::Morning),
            ..Default::default()
        };
        assert_eq!(
            names(&index, &d, &query),
            vec!["Farid Ahmadi", "Zahra Karimi"]
        );
        let evening = HelperQuery {
            part: Some(DayPart::Evening),
            ..query.clone()
        };
        assert!(
            names(&index, &d, &evening).is_empty(),
            "nobody offers accompaniment on Tuesday evening"
        );
    }

    #[test]
    fn paused_offers_do_not_count_and_districts_filter() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let accompaniment = HelperQuery {
            category: Some("accompaniment".into()),
            ..Default::default()
        };
        assert!(!names(&index, &d, &accompaniment).contains(&"Olga Petrenko".to_owned()));
        let nordstadt = HelperQuery {
            district: Some("nordstadt".into()),
            ..Default::default()
        };
        assert_eq!(
            names(&index, &d, &nordstadt),
            vec!["Farid Ahmadi", "Şirin Yıldız", "Zahra Karimi"]
        );
    }

    #[test]
    fn typing_further_searches_within_the_previous_matches_with_the_same_result() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let mut previous: Option<Matches> = None;
        for typed in [
            "m",
            "mu",
            "muh",
            "muha",
            "muham",
            "muhammad a",
            "muhammad al",
        ] {
            let query = text(typed);
            let narrowed = index.find(&query, previous.as_ref());
            assert_eq!(narrowed, index.find(&query, None), "{typed}");
            previous = Some(narrowed);
        }
        // Skeleton matching starts at four letters: "moh" -> "mohm" may find new members.
        let moh = index.find(&text("moh"), None);
        assert!(!moh.narrows_to(&text("mohm"), &["mohm".to_owned()]));
        let category = HelperQuery {
            category: Some("childcare".into()),
            ..text("mu")
        };
        assert!(!index
            .find(&text("m"), None)
            .narrows_to(&category, &["mu".to_owned()]));
    }

    #[test]
    fn exact_name_matches_rank_first_and_limits_report_the_total() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let (hits, total) = index.search(&text("a"), 2);
        assert_eq!((hits.len(), total), (2, 6));
        let (hits, _) = index.search(&text("farid"), 10);
        assert_eq!(hits[0].member_id, "m1");
    }
}
