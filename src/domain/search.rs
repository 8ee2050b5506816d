//! "Who speaks Dari and can go to the Jobcenter on Tuesday morning?": free text over names,
//! skills and offers (forgiving case, diacritics and transliterations) and over the languages
//! and kinds of help themselves, by the words people type for them in any app language
//! ("Dari", "Darice", "دری", "Dolmetschen"; see `vocabulary`), combined with filters for
//! category, language, district and a day (and part of day).
//!
//! The index folds every member's text once; a keystroke then only folds the query and scans
//! precomputed strings, which keeps each search in the low milliseconds for thousands of members.

use super::calendar::{DayPart, Slot, Weekday};
use super::directory::Directory;
use super::text_key::{fold, skeleton};
use super::vocabulary::{Meaning, Vocabulary};
use crate::domain::order::{set_of, sort_natural, sort_with};
use std::collections::{BTreeSet, HashMap};

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

/// A part of a query that can be dropped to find more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Text,
    Category,
    Language,
    District,
    /// Day and part of day together ("Tuesday morning").
    Time,
}

impl HelperQuery {
    /// The filters (and text) this query uses, in the order of the form.
    pub fn active_filters(&self) -> Vec<Filter> {
        [
            (Filter::Text, !self.text.trim().is_empty()),
            (Filter::Category, self.category.is_some()),
            (Filter::Language, self.language.is_some()),
            (
                Filter::District,
                self.district.as_deref().is_some_and(|d| !d.is_empty()),
            ),
            (Filter::Time, self.day.is_some() || self.part.is_some()),
        ]
        .into_iter()
        .filter_map(|(filter, active)| active.then_some(filter))
        .collect()
    }

    /// The same query without `filter`.
    pub fn without(&self, filter: Filter) -> HelperQuery {
        let mut looser = self.clone();
        match filter {
            Filter::Text => looser.text.clear(),
            Filter::Category => looser.category = None,
            Filter::Language => looser.language = None,
            Filter::District => looser.district = None,
            Filter::Time => (looser.day, looser.part) = (None, None),
        }
        looser
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
    sort_natural(&mut names);
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
    /// Which letter pairs occur in `name_key` (see `pairs`).
    name_pairs: u128,
    /// Which letter pairs occur in `other_key` (see `pairs`): most entries lack a word's
    /// pairs, and are passed over without scanning their skills and notes.
    other_pairs: u128,
    languages: BTreeSet<String>,
    districts: BTreeSet<String>,
    /// Categories of active offers.
    categories: BTreeSet<String>,
    slots: BTreeSet<Slot>,
    /// Slots per category: an offer's own times, or the member's when the offer names none.
    category_slots: Vec<(String, Slot)>,
}

/// `fold(text)`, from `cache` when the same text was folded before.
fn fold_once<'a>(cache: &mut HashMap<&'a str, String>, text: &'a str) -> String {
    cache.entry(text).or_insert_with(|| fold(text)).clone()
}

/// A search result, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub member_id: String,
    pub score: u32,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Every word of every name's consonant skeleton with its entry, sorted: the members a
    /// skeleton can newly match are found by binary search, not by reading all entries.
    skeleton_words: Vec<(String, usize)>,
    vocabulary: Vocabulary,
}

impl SearchIndex {
    pub fn build(directory: &Directory) -> SearchIndex {
        // A few dozen district names stand on thousands of offers: each is folded once.
        let mut folded_districts: HashMap<&str, String> = HashMap::new();
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
                    set_of(member.languages.iter().map(|l| l.code.clone()));
                let mut districts: BTreeSet<String> =
                    BTreeSet::from([fold_once(&mut folded_districts, &member.district)]);
                let mut categories = BTreeSet::new();
                let mut slots: BTreeSet<Slot> = set_of(member.availability.iter().copied());
                let mut category_slots = Vec::new();
                for offer in directory.offers_of(&member.id).filter(|o| o.active) {
                    other.push(offer.note.clone());
                    if let Some(custom) = directory.categories.get(&offer.category) {
                        other.push(custom.name.clone());
                    }
                    languages.extend(offer.languages.iter().cloned());
                    districts.extend(
                        offer
                            .districts
                            .iter()
                            .map(|d| fold_once(&mut folded_districts, d)),
                    );
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
                let other_key = fold(&other.join(" "));
                Entry {
                    member_id: member.id.clone(),
                    name: member.name.clone(),
                    name_skeleton: skeleton(&name_key),
                    name_pairs: pairs(&name_key),
                    name_key,
                    other_pairs: pairs(&other_key),
                    other_key,
                    languages,
                    districts,
                    categories,
                    slots,
                    category_slots,
                }
            })
            .collect();
        sort_with(&mut entries, |a, b| {
            a.name_key
                .cmp(&b.name_key)
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut skeleton_words: Vec<(String, usize)> = entries
            .iter()
            .enumerate()
            .flat_map(|(position, entry)| {
                entry
                    .name_skeleton
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(move |w| (w.to_owned(), position))
            })
            .collect();
        sort_natural(&mut skeleton_words);
        SearchIndex {
            entries,
            skeleton_words,
            vocabulary: Vocabulary::new(),
        }
    }

    /// Entries with a name skeleton word equal to `skel`, or starting with it from three
    /// consonants on – the skeleton rule of `word_score`.
    fn skeleton_matches(&self, skel: &str) -> Vec<usize> {
        if skel.is_empty() {
            return Vec::new();
        }
        let start = self
            .skeleton_words
            .partition_point(|(word, _)| word.as_str() < skel);
        self.skeleton_words[start..]
            .iter()
            .take_while(|(word, _)| word == skel || (skel.len() >= 3 && word.starts_with(skel)))
            .map(|(_, position)| *position)
            .collect()
    }

    /// Everyone, in name order: the first `limit` and how many there are. The same as
    /// `everyone`, without folding every name again (the entries are kept in that order).
    pub fn first(&self, limit: usize) -> (Vec<Hit>, usize) {
        let hits = self
            .entries
            .iter()
            .take(limit)
            .map(|entry| Hit {
                member_id: entry.member_id.clone(),
                score: 0,
            })
            .collect();
        (hits, self.entries.len())
    }

    /// Members whose name matches every word of `text` (no skills, offers or filters), best
    /// first, at most `limit`: "is the person who needs help one of our members?"
    pub fn by_name(&self, text: &str, limit: usize) -> Vec<Hit> {
        let words = query_words(text);
        if words.is_empty() {
            return Vec::new();
        }
        let keys: Vec<WordKeys> = words.iter().map(|w| self.keys_of(w)).collect();
        let found: Vec<(usize, u32)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(position, entry)| {
                let scores = words
                    .iter()
                    .zip(&keys)
                    .map(|(word, keys)| name_score(entry, word, keys));
                scores.sum::<Option<u32>>().map(|score| (position, score))
            })
            .collect();
        self.hits(best_first(&found, limit))
    }

    fn keys_of(&self, word: &str) -> WordKeys {
        WordKeys {
            skeleton: skeleton(word),
            by_skeleton: word.chars().count() >= SKELETON_MIN,
            pairs: pairs(word),
            meanings: self.vocabulary.meanings(word),
        }
    }

    fn hits(&self, found: Vec<(usize, u32)>) -> Vec<Hit> {
        found
            .into_iter()
            .filter_map(|(position, score)| {
                self.entries.get(position).map(|e| Hit {
                    member_id: e.member_id.clone(),
                    score,
                })
            })
            .collect()
    }

    /// Members matching every filter and every word of the text, best first, at most `limit`.
    /// Also returns how many matched in all.
    pub fn search(&self, query: &HelperQuery, limit: usize) -> (Vec<Hit>, usize) {
        let matches = self.find(query, None);
        (matches.top(self, limit), matches.total())
    }

    /// For a query that found nobody: each filter whose dropping alone finds someone, with how
    /// many it finds, most first – "without the district: 3", so the person knows what to
    /// loosen (the same help in another district, another day).
    pub fn loosen(&self, query: &HelperQuery) -> Vec<(Filter, usize)> {
        let mut found: Vec<(Filter, usize)> = query
            .active_filters()
            .into_iter()
            .map(|filter| (filter, self.find(&query.without(filter), None).total()))
            .filter(|(_, count)| *count > 0)
            .collect();
        sort_with(&mut found, |a, b| b.1.cmp(&a.1));
        found
    }

    /// All matches of `query`. When `previous` holds the matches of a query this one only
    /// narrows (same filters, the text typed further), only those are searched again: typing
    /// a name then costs less with every letter.
    pub fn find(&self, query: &HelperQuery, previous: Option<&Matches>) -> Matches {
        let words = query_words(&query.text);
        let keys: Vec<WordKeys> = words.iter().map(|w| self.keys_of(w)).collect();
        let district = query
            .district
            .as_deref()
            .map(fold)
            .filter(|d| !d.is_empty());
        let narrowing = previous
            .map(|p| (p, p.narrowing(query, &words, &self.vocabulary)))
            .filter(|(_, n)| *n != Narrowing::Unrelated);
        let candidates: Vec<usize> = match narrowing {
            Some((previous, narrowing)) => {
                let mut positions: Vec<usize> = previous
                    .found
                    .iter()
                    .map(|(position, _)| *position)
                    .collect();
                // The last word just became long enough for skeletons: they can add members
                // the previous matches lack, and only those.
                if narrowing == Narrowing::WithinOrBySkeleton {
                    if let Some(last) = keys.last() {
                        positions.extend(self.skeleton_matches(&last.skeleton));
                    }
                }
                positions.sort_unstable();
                positions.dedup();
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
            for (word, keys) in words.iter().zip(&keys) {
                match word_score(entry, word, keys) {
                    Some(s) => score += s,
                    None => continue 'entries,
                }
            }
            found.push((position, score));
        }
        // Kept in the entries' (alphabetical) order: `top` picks the best few when asked,
        // instead of every keystroke sorting thousands of matches of one letter.
        Matches {
            query: query.clone(),
            words,
            found,
        }
    }
}

/// Every match of one query, as positions in the index that made it (in its order; `top`
/// gives the best).
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
        index.hits(best_first(&self.found, limit))
    }

    /// How the new query relates to these matches: same filters and the text only typed
    /// further (extra words, or the last word longer) narrows; see `Narrowing` for skeletons.
    fn narrowing(
        &self,
        query: &HelperQuery,
        words: &[String],
        vocabulary: &Vocabulary,
    ) -> Narrowing {
        let same_filters = HelperQuery {
            text: String::new(),
            ..self.query.clone()
        } == HelperQuery {
            text: String::new(),
            ..query.clone()
        };
        if !same_filters || words.len() < self.words.len() {
            return Narrowing::Unrelated;
        }
        let Some((last, earlier)) = self.words.split_last() else {
            return Narrowing::Within;
        };
        let kept = earlier.iter().zip(words).all(|(old, new)| old == new);
        let new_last = &words[earlier.len()];
        if !kept || !new_last.starts_with(last.as_str()) {
            return Narrowing::Unrelated;
        }
        // A word that just came to stand for a language or a kind of help ("Dar" -> "Dari")
        // finds its speakers and helpers, whom the shorter word did not.
        let (old_meanings, new_meanings) =
            (vocabulary.meanings(last), vocabulary.meanings(new_last));
        if !new_meanings.iter().all(|m| old_meanings.contains(m)) {
            return Narrowing::Unrelated;
        }
        // Skeleton matches only shrink as a word grows once the word is long enough and its
        // skeleton already had three consonants (then the rule is "starts with"); before
        // that – at four letters, or when the third consonant arrives – they can grow.
        let (old_skel, new_skel) = (skeleton(last), skeleton(new_last));
        let skeleton_shrinks = last.chars().count() >= SKELETON_MIN
            && old_skel.len() >= 3
            && new_skel.starts_with(&old_skel);
        let skeleton_may_grow = new_last.chars().count() >= SKELETON_MIN && !skeleton_shrinks;
        // Only the last word may have changed that way: with more words, search afresh.
        match (skeleton_may_grow, words.len() == self.words.len()) {
            (false, _) => Narrowing::Within,
            (true, true) => Narrowing::WithinOrBySkeleton,
            (true, false) => Narrowing::Unrelated,
        }
    }
}

/// How a new query relates to the matches of an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Narrowing {
    Unrelated,
    /// Every new match is among the earlier ones.
    Within,
    /// Every new match is among the earlier ones or matches the last word by skeleton.
    WithinOrBySkeleton,
}

/// The folded words of what was typed.
fn query_words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The best `limit` of `found` (entries in index order): highest score first, and among
/// equal scores the index's (alphabetical) order – without sorting all of them.
fn best_first(found: &[(usize, u32)], limit: usize) -> Vec<(usize, u32)> {
    let rank = |(position, score): &(usize, u32)| (std::cmp::Reverse(*score), *position);
    let mut best = found.to_vec();
    let shown = limit.min(best.len());
    if shown > 0 && shown < best.len() {
        best.select_nth_unstable_by_key(shown - 1, rank);
    }
    best.truncate(shown);
    best.sort_unstable_by_key(rank);
    best
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

/// How well one query word matches a member; `None` if it does not match at all. A name
/// counts most; a language they speak or a kind of help they offer, named by the word, as much
/// as a skill.
fn word_score(entry: &Entry, word: &str, keys: &WordKeys) -> Option<u32> {
    name_score(entry, word, keys).or_else(|| {
        let may_contain = entry.other_pairs & keys.pairs == keys.pairs;
        let stands_for = || {
            keys.meanings.iter().any(|meaning| match meaning {
                Meaning::Language(code) => entry.languages.contains(*code),
                Meaning::Category(key) => entry.categories.contains(*key),
            })
        };
        ((may_contain && entry.other_key.contains(word)) || stands_for()).then_some(10)
    })
}

/// What is derived from a query word once, not for every member.
struct WordKeys {
    skeleton: String,
    /// Whether the word is long enough to match by skeleton at all.
    by_skeleton: bool,
    pairs: u128,
    /// The languages and kinds of help the word stands for.
    meanings: Vec<Meaning>,
}

/// A 128-bit summary of the letter pairs in `text` (each pair sets one bit, chosen by a hash;
/// a one-letter text sets the bit of that letter): if `text` contains `word`, every bit of
/// `pairs(word)` is set in `pairs(text)`. The converse need not hold – a set bit only says
/// "maybe", so a match is still checked.
fn pairs(text: &str) -> u128 {
    let mut bits = 0u128;
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let pair = match previous {
            Some(p) => (u32::from(p).wrapping_mul(31)).wrapping_add(u32::from(c)),
            None => u32::from(c),
        };
        // Single letters too, so a one-letter word is covered.
        bits |= bit(pair) | bit(u32::from(c));
        previous = Some(c);
    }
    bits
}

/// One of 128 bits, chosen by a multiplicative hash of `value`.
fn bit(value: u32) -> u128 {
    1u128 << (value.wrapping_mul(2_654_435_761) >> 25)
}

/// How well one query word matches a member's name; `None` if it does not.
fn name_score(entry: &Entry, word: &str, keys: &WordKeys) -> Option<u32> {
    // Without the word's letter pairs the name cannot hold it: only the skeleton may match.
    if entry.name_pairs & keys.pairs == keys.pairs {
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
    }
    let skel = keys.skeleton.as_str();
    if keys.by_skeleton
        && entry
            .name_skeleton
            .split(' ')
            .any(|w| w == skel || (skel.len() >= 3 && w.starts_with(skel)))
    {
        return Some(20);
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
        for directory in [organisation(), demo_directory()] {
            let index = SearchIndex::build(&directory);
            assert!(HelperQuery::default().is_everyone());
            for limit in [0, 1, 5, 12, 1_000] {
                assert_eq!(
                    everyone(&directory, limit),
                    index.search(&HelperQuery::default(), limit)
                );
                assert_eq!(everyone(&directory, limit), index.first(limit));
            }
        }
        assert!(!text("a").is_everyone());
    }

    #[test]
    fn a_person_is_found_among_members_by_name_only() {
        let directory = organisation();
        let index = SearchIndex::build(&directory);
        let named = |text: &str| -> Vec<String> {
            index
                .by_name(text, 5)
                .iter()
                .map(|h| directory.members[&h.member_id].name.clone())
                .collect()
        };
        assert_eq!(named("farid"), vec!["Farid Ahmadi"]);
        assert_eq!(named("ahmadi far"), vec!["Farid Ahmadi"]);
        assert_eq!(named("mueller"), vec!["Hans Müller"]);
        // Districts, skills and offers are no names: the helper search finds by them, this not.
        assert!(!index.search(&text("nordstadt"), 50).0.is_empty());
        assert!(named("nordstadt").is_empty());
        assert!(named("").is_empty());
        assert!(named("   ").is_empty());
        assert!(index.by_name("a", 2).len() <= 2);
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
    fn a_language_or_a_kind_of_help_is_found_by_the_word_typed_for_it_in_any_language() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        for typed in ["Dari", "darice", "دری", "Дари"] {
            assert_eq!(
                names(&index, &d, &text(typed)),
                vec!["Farid Ahmadi", "Zahra Karimi"],
                "{typed}"
            );
        }
        for typed in ["Arabisch", "العربية", "Arapça"] {
            assert_eq!(
                names(&index, &d, &text(typed)),
                vec!["Muhammad Al-Khatib"],
                "{typed}"
            );
        }
        assert_eq!(
            names(&index, &d, &text("Dolmetschen")),
            vec!["Farid Ahmadi"]
        );
        assert_eq!(names(&index, &d, &text("ترجمة")), vec!["Farid Ahmadi"]);
        // With another word: a Dari speaker who accompanies to offices.
        assert_eq!(
            names(&index, &d, &text("dari begleitung")),
            vec!["Farid Ahmadi", "Zahra Karimi"]
        );
        // A name still comes before a language that shares its letters.
        assert_eq!(names(&index, &d, &text("farid"))[0], "Farid Ahmadi");
    }

    #[test]
    fn an_empty_result_says_which_filter_to_drop_to_find_someone() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        // Dari accompaniment in Bochum on Monday: nobody; in Bochum no Dari speaker lives.
        let query = HelperQuery {
            category: Some("accompaniment".into()),
            language: Some("prs".into()),
            district: Some("Bochum".into()),
            day: Some(Weekday::Mon),
            ..Default::default()
        };
        assert_eq!(index.search(&query, 10).1, 0);
        assert_eq!(index.loosen(&query), vec![], "no single filter is enough");
        let tuesday = HelperQuery {
            day: Some(Weekday::Tue),
            ..query.clone()
        };
        // Two Dari speakers elsewhere, or Hans in Bochum, who speaks no Dari.
        assert_eq!(
            index.loosen(&tuesday),
            vec![(Filter::District, 2), (Filter::Language, 1)]
        );
        let nordstadt_monday = HelperQuery {
            district: Some("Nordstadt".into()),
            ..query
        };
        assert_eq!(index.loosen(&nordstadt_monday), vec![(Filter::Time, 2)]);
        assert_eq!(
            nordstadt_monday.active_filters(),
            [
                Filter::Category,
                Filter::Language,
                Filter::District,
                Filter::Time
            ]
        );
    }

    #[test]
    fn typing_a_language_letter_by_letter_finds_what_a_fresh_search_finds() {
        let d = organisation();
        let index = SearchIndex::build(&d);
        let mut previous: Option<Matches> = None;
        for typed in [
            "d", "da", "dar", "dari", "a", "ar", "ara", "arab", "arabisch", "dolm",
        ] {
            let query = text(typed);
            let narrowed = index.find(&query, previous.as_ref());
            assert_eq!(narrowed, index.find(&query, None), "{typed}");
            previous = Some(narrowed);
        }
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
            "muhammad alie",
            "m",
            "mo",
            "moh",
            "moha",
            "mohammed",
            "s",
            "si",
            "sir",
            "siri",
            "sirin",
        ] {
            let query = text(typed);
            let narrowed = index.find(&query, previous.as_ref());
            assert_eq!(narrowed, index.find(&query, None), "{typed}");
            previous = Some(narrowed);
        }
        // Skeleton matching starts at four letters: "moh" -> "mohm" may find new members.
        let moh = index.find(&text("moh"), None);
        assert_eq!(
            moh.narrowing(&text("mohm"), &["mohm".to_owned()], &Vocabulary::new()),
            Narrowing::WithinOrBySkeleton
        );
        let category = HelperQuery {
            category: Some("childcare".into()),
            ..text("mu")
        };
        assert_eq!(
            index.find(&text("m"), None).narrowing(
                &category,
                &["mu".to_owned()],
                &Vocabulary::new()
            ),
            Narrowing::Unrelated
        );
    }

    /// The seeded demo organisation (60 members of many origins) as a directory.
    fn demo_directory() -> Directory {
        let seeded = crate::domain::seed::generate(
            crate::domain::seed::SeedSize::DEMO,
            3,
            crate::domain::calendar::Date {
                year: 2026,
                month: 11,
                day: 26,
            },
        );
        let rows: Vec<_> = seeded
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
        Directory::from_rows_for_test(&rows)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The pair summary never rules out a text that contains the word: skipping by it
        /// loses no match.
        #[test]
        fn a_contained_word_always_passes_the_pair_summary(
            text in "[a-zäöüşçğı0-9 ]{0,80}",
            start in 0usize..80,
            len in 1usize..12,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let start = start.min(chars.len());
            let end = (start + len).min(chars.len());
            let word: String = chars[start..end].iter().collect();
            let (text_bits, word_bits) = (pairs(&text), pairs(&word));
            proptest::prop_assert_eq!(text_bits & word_bits, word_bits);
        }

        /// Typing letter by letter (and deleting) gives what a fresh search gives, whatever
        /// is typed: narrowing never loses a match.
        #[test]
        fn typing_letter_by_letter_finds_what_a_fresh_search_finds(
            typed in "[a-zäöüşıç ]{1,14}",
            backspaces in 0usize..4,
        ) {
            let directory = demo_directory();
            let index = SearchIndex::build(&directory);
            let mut previous: Option<Matches> = None;
            let mut steps: Vec<String> = (1..=typed.chars().count())
                .map(|n| typed.chars().take(n).collect())
                .collect();
            let full = typed.chars().count();
            steps.extend((1..=backspaces.min(full)).map(|n| typed.chars().take(full - n).collect()));
            for step in steps {
                let query = text(&step);
                let narrowed = index.find(&query, previous.as_ref());
                proptest::prop_assert_eq!(&narrowed, &index.find(&query, None), "{}", step);
                previous = Some(narrowed);
            }
        }
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
