//! Helpers for a request, ranked by fit and by how much they already carry, so that the same
//! few people are not always asked. Every point of the score has a reason the UI can show.

use super::calendar::Date;
use super::directory::Directory;
use super::member::LanguageLevel;
use super::request::HelpRequest;
use super::text_key::fold;

/// Why a helper fits (or what speaks against them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    Speaks {
        code: String,
        level: LanguageLevel,
    },
    SpeaksNone,
    SameDistrict,
    AvailableThen,
    NotAvailableThen,
    /// Requests they are currently helping with.
    Busy {
        active: usize,
    },
    /// They already help as often as their offer says.
    AtCapacity,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub member_id: String,
    pub offer_id: String,
    pub score: i32,
    pub reasons: Vec<Reason>,
}

/// Days looked back to count how much someone helped recently.
pub const LOAD_WINDOW_DAYS: i64 = 30;

/// The weights of the score, and why each has its size. Language counts most: a helper who
/// cannot talk with the person cannot help, whatever else fits, so speaking none costs as much
/// as speaking it natively gains.
pub mod weights {
    /// Speaks a needed language natively: can explain a letter from the Ausländerbehörde.
    pub const NATIVE: i32 = 40;
    /// Speaks it well: enough for an appointment, a little less sure than native.
    pub const GOOD: i32 = 30;
    /// Speaks a little: better than nothing, far from enough on its own.
    pub const BASIC: i32 = 10;
    /// Speaks none of the needed languages (the request needs an interpreter on top).
    pub const SPEAKS_NONE: i32 = -40;
    /// Usually free at the request's time: worth more than a district, since a helper can
    /// travel, but not come when they work.
    pub const AVAILABLE: i32 = 25;
    /// Usually not free then: can still be asked, so less than the gain of being free.
    pub const NOT_AVAILABLE: i32 = -15;
    /// Lives or helps in the request's district: shorter ways, known offices.
    pub const SAME_DISTRICT: i32 = 10;
    /// For each request they are helping with now: three open ones outweigh a good language.
    pub const PER_ACTIVE: i32 = -8;
    /// For each request they helped with in the last `LOAD_WINDOW_DAYS`: spreads the load
    /// over weeks, gently.
    pub const PER_RECENT: i32 = -2;
    /// Already gives as much as their offer says: moved well down, still listed.
    pub const AT_CAPACITY: i32 = -30;

    // The order of importance, checked when the weights are changed (the build fails):
    // not speaking the language is never made up by time and place together...
    const _: () = assert!(NATIVE - SPEAKS_NONE > AVAILABLE - NOT_AVAILABLE + SAME_DISTRICT);
    const _: () = assert!(NATIVE > GOOD && GOOD > BASIC && BASIC > 0);
    // ...and three open requests weigh more than the step from good to native.
    const _: () = assert!(-3 * PER_ACTIVE > NATIVE - GOOD);
}

/// Members with an active offer in the request's category, best fit first; excludes those
/// already assigned to it. `today` is "YYYY-MM-DD".
pub fn rank_helpers(directory: &Directory, request: &HelpRequest, today: &str) -> Vec<Suggestion> {
    let since = Date::parse(today)
        .map(|d| d.plus_days(-LOAD_WINDOW_DAYS).to_string())
        .unwrap_or_default();
    let slot = request.slot();
    let day = Date::parse(&request.date).map(Date::weekday);
    // The request's place, folded once for comparing with every candidate's districts.
    let place = fold(&request.place);
    let active_counts = directory.active_assignment_counts();
    let recent_counts = directory.assignment_counts_since(&since);
    let mut suggestions: Vec<Suggestion> = Vec::new();
    for offer in directory
        .offers
        .values()
        .filter(|o| o.active && o.category == request.category)
    {
        if request.helpers.contains(&offer.member_id) {
            continue;
        }
        let Some(member) = directory.members.get(&offer.member_id) else {
            continue;
        };
        if suggestions.iter().any(|s| s.member_id == member.id) {
            continue;
        }
        let mut score = 0;
        let mut reasons = Vec::new();

        if !request.languages.is_empty() {
            let best = request
                .languages
                .iter()
                .filter_map(|code| {
                    let level = member.speaks(code).or_else(|| {
                        offer
                            .languages
                            .contains(code)
                            .then_some(LanguageLevel::Good)
                    })?;
                    Some((level, code))
                })
                .max();
            match best {
                Some((level, code)) => {
                    score += match level {
                        LanguageLevel::Native => weights::NATIVE,
                        LanguageLevel::Good => weights::GOOD,
                        LanguageLevel::Basic => weights::BASIC,
                    };
                    reasons.push(Reason::Speaks {
                        code: code.clone(),
                        level,
                    });
                }
                None => {
                    score += weights::SPEAKS_NONE;
                    reasons.push(Reason::SpeaksNone);
                }
            }
        }

        let districts = std::iter::once(&member.district).chain(offer.districts.iter());
        if !place.is_empty()
            && districts
                .map(|d| fold(d))
                .any(|d| !d.is_empty() && place.contains(&d))
        {
            score += weights::SAME_DISTRICT;
            reasons.push(Reason::SameDistrict);
        }

        let times = if offer.availability.is_empty() {
            &member.availability
        } else {
            &offer.availability
        };
        let available = match (slot, day) {
            (Some(slot), _) => Some(times.contains(&slot)),
            (None, Some(day)) => Some(times.iter().any(|s| s.day == day)),
            (None, None) => None,
        };
        match available {
            Some(true) => {
                score += weights::AVAILABLE;
                reasons.push(Reason::AvailableThen);
            }
            Some(false) => {
                score += weights::NOT_AVAILABLE;
                reasons.push(Reason::NotAvailableThen);
            }
            None => {}
        }

        let active = active_counts.get(member.id.as_str()).copied().unwrap_or(0);
        if active > 0 {
            score += weights::PER_ACTIVE * active as i32;
            reasons.push(Reason::Busy { active });
        }
        let recent = recent_counts.get(member.id.as_str()).copied().unwrap_or(0);
        let allowed = match offer.capacity.per {
            super::offer::Period::Week => usize::from(offer.capacity.times) * 4,
            super::offer::Period::Month => usize::from(offer.capacity.times),
        };
        score += weights::PER_RECENT * recent as i32;
        // More open assignments than the offer's weekly (or monthly) number, or as many in the
        // last weeks as it allows: this person already gives what they offered.
        if active >= usize::from(offer.capacity.times) || recent >= allowed {
            score += weights::AT_CAPACITY;
            reasons.push(Reason::AtCapacity);
        }
        suggestions.push(Suggestion {
            member_id: member.id.clone(),
            offer_id: offer.id.clone(),
            score,
            reasons,
        });
    }
    suggestions.sort_by(|a, b| {
        b.score.cmp(&a.score).then_with(|| {
            let name = |s: &Suggestion| {
                directory
                    .members
                    .get(&s.member_id)
                    .map(|m| m.name.clone())
                    .unwrap_or_default()
            };
            name(a).cmp(&name(b))
        })
    });
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixture::{organisation, request};

    #[test]
    fn helpers_are_ranked_by_language_time_and_place() {
        let d = organisation();
        let r = request("r1", "accompaniment", &["prs"], "2026-11-24", "09:30");
        let ranked = rank_helpers(&d, &r, "2026-11-20");
        let ids: Vec<&str> = ranked.iter().map(|s| s.member_id.as_str()).collect();
        assert_eq!(
            ids[0], "m1",
            "native Dari speaker, free Tuesday morning, Nordstadt: {ranked:?}"
        );
        assert_eq!(ids[1], "m6", "basic Dari, free then, Nordstadt");
        assert!(!ids.contains(&"m5"), "paused offer");
        assert!(!ids.contains(&"m3"), "no accompaniment offer");
        assert!(ranked[0].reasons.contains(&Reason::Speaks {
            code: "prs".into(),
            level: LanguageLevel::Native
        }));
        assert!(ranked[0].reasons.contains(&Reason::AvailableThen));
        assert!(ranked[0].reasons.contains(&Reason::SameDistrict));
        let hans = ranked
            .iter()
            .find(|s| s.member_id == "m2")
            .expect("Hans offers accompaniment");
        assert!(hans.reasons.contains(&Reason::SpeaksNone));
    }

    #[test]
    fn those_who_already_carry_a_lot_move_down() {
        let mut d = organisation();
        let r = request("r1", "accompaniment", &["prs"], "2026-11-24", "09:30");
        for n in 0..3 {
            let mut busy = request(&format!("b{n}"), "accompaniment", &[], "2026-11-18", "");
            busy.assign("m1");
            d.requests.insert(busy.id.clone(), busy);
        }
        let ranked = rank_helpers(&d, &r, "2026-11-20");
        assert_eq!(ranked[0].member_id, "m6", "{ranked:?}");
        let farid = ranked
            .iter()
            .find(|s| s.member_id == "m1")
            .expect("still listed");
        assert!(farid.reasons.contains(&Reason::Busy { active: 3 }));
    }

    #[test]
    fn assigned_helpers_are_not_suggested_again() {
        let d = organisation();
        let mut r = request("r1", "accompaniment", &[], "", "");
        r.assign("m1");
        assert!(rank_helpers(&d, &r, "2026-11-20")
            .iter()
            .all(|s| s.member_id != "m1"));
    }
}
