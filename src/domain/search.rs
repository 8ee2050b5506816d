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

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Members matching every filter and every word of the text, best first, at most `limit`.
    /// Also returns how many matched in all.
    pub fn search(&self, query: &HelperQuery, limit: usize) -> (Vec<Hit>, usize) {
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
        let mut hits: Vec<Hit> = Vec::new();
        for entry in &self.entries {
            if !passes_filters(entry, query, district.as_deref()) {
                continue;
            }
            let mut score = 0;
            let mut all_words = true;
            for (word, skel) in words.iter().zip(&skeletons) {
                match word_score(entry, word, skel) {
                    Some(s) => score += s,
                    None => {
                        all_words = false;
                        break;
                    }
                }
            }
            if all_words {
                hits.push(Hit {
                    member_id: entry.member_id.clone(),
                    score,
                });
            }
        }
        let total = hits.len();
        // Stable sort keeps alphabetical order among equal scores.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits.truncate(limit);
        (hits, total)
    }
}

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
    if word.chars().count() >= 4
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
    fn exact_name_matches_rank_first_and_limits_report_the_total() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let (hits, total) = index.search(&text("a"), 2);
        assert_eq!((hits.len(), total), (2, 6));
        let (hits, _) = index.search(&text("farid"), 10);
        assert_eq!(hits[0].member_id, "m1");
    }
}
