//! Helpers for a request, ranked by fit and by how much they already carry, so that the same
//! few people are not always asked. Every point of the score has a reason the UI can show.

use super::calendar::Date;
use super::directory::Directory;
use super::member::{LanguageLevel, Member};
use super::offer::HelpOffer;
use super::request::HelpRequest;
use super::text_key::fold;
use crate::domain::order::sort_with;

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
    /// They offer this other kind of help (a category key or custom category id), not the one
    /// asked for.
    OffersOther {
        category: String,
    },
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

/// The helpers suggested for a request, in three groups. A needed language is a requirement,
/// not one weight among others: someone who cannot talk with the person cannot help them,
/// however well the rest fits – so those who speak it come first, whatever their score.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelperSuggestions {
    /// Offer this help and speak a needed language (everyone who offers it, when the request
    /// needs no language), best fit and least load first.
    pub fitting: Vec<Suggestion>,
    /// Offer this help but speak none of the needed languages: listed apart and marked, for
    /// when nobody fitting can (an interpreter would be needed on top).
    pub without_language: Vec<Suggestion>,
    /// Speak a needed language well (good or native) and offer other help: they could be
    /// asked – in a small organisation the only Tigrinya speaker is often the only way.
    pub could_ask: Vec<Suggestion>,
}

/// What the scoring of one member for one request needs, computed once per request.
struct Context<'a> {
    request: &'a HelpRequest,
    slot: Option<super::calendar::Slot>,
    day: Option<super::calendar::Weekday>,
    place: String,
    active_counts: std::collections::BTreeMap<&'a str, usize>,
    recent_counts: std::collections::BTreeMap<&'a str, usize>,
}

/// The best needed language `member` speaks (an offer's languages count as good), if any.
fn best_language(
    request: &HelpRequest,
    member: &Member,
    offer: &HelpOffer,
) -> Option<(LanguageLevel, String)> {
    request
        .languages
        .iter()
        .filter_map(|code| {
            let level = member.speaks(code).or_else(|| {
                offer
                    .languages
                    .contains(code)
                    .then_some(LanguageLevel::Good)
            })?;
            Some((level, code.clone()))
        })
        .max()
}

/// The score of `member` through `offer`, and every reason for it.
fn score(context: &Context, member: &Member, offer: &HelpOffer) -> Suggestion {
    let request = context.request;
    let mut score = 0;
    let mut reasons = Vec::new();
    if !request.languages.is_empty() {
        match best_language(request, member, offer) {
            Some((level, code)) => {
                score += match level {
                    LanguageLevel::Native => weights::NATIVE,
                    LanguageLevel::Good => weights::GOOD,
                    LanguageLevel::Basic => weights::BASIC,
                };
                reasons.push(Reason::Speaks { code, level });
            }
            None => {
                score += weights::SPEAKS_NONE;
                reasons.push(Reason::SpeaksNone);
            }
        }
    }

    let districts = std::iter::once(&member.district).chain(offer.districts.iter());
    if !context.place.is_empty()
        && districts
            .map(|d| fold(d))
            .any(|d| !d.is_empty() && context.place.contains(&d))
    {
        score += weights::SAME_DISTRICT;
        reasons.push(Reason::SameDistrict);
    }

    let times = if offer.availability.is_empty() {
        &member.availability
    } else {
        &offer.availability
    };
    let available = match (context.slot, context.day) {
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

    let active = context
        .active_counts
        .get(member.id.as_str())
        .copied()
        .unwrap_or(0);
    if active > 0 {
        score += weights::PER_ACTIVE * active as i32;
        reasons.push(Reason::Busy { active });
    }
    let recent = context
        .recent_counts
        .get(member.id.as_str())
        .copied()
        .unwrap_or(0);
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
    Suggestion {
        member_id: member.id.clone(),
        offer_id: offer.id.clone(),
        score,
        reasons,
    }
}

/// Highest score first; equal scores by name, so the order is the same on every device.
fn best_first(directory: &Directory, suggestions: &mut [Suggestion]) {
    let name = |s: &Suggestion| {
        directory
            .members
            .get(&s.member_id)
            .map(|m| m.name.as_str())
            .unwrap_or_default()
    };
    sort_with(suggestions, |a, b| {
        b.score.cmp(&a.score).then_with(|| name(a).cmp(name(b)))
    });
}

/// The helpers for `request` in its three groups (see `HelperSuggestions`); those already
/// assigned to it are left out. `today` is "YYYY-MM-DD".
pub fn suggest_helpers(
    directory: &Directory,
    request: &HelpRequest,
    today: &str,
) -> HelperSuggestions {
    let since = Date::parse(today)
        .map(|d| d.plus_days(-LOAD_WINDOW_DAYS).to_string())
        .unwrap_or_default();
    let context = Context {
        request,
        slot: request.slot(),
        day: Date::parse(&request.date).map(Date::weekday),
        // The request's place, folded once for comparing with every candidate's districts.
        place: fold(&request.place),
        active_counts: directory.active_assignment_counts(),
        recent_counts: directory.assignment_counts_since(&since),
    };
    let mut offering: Vec<Suggestion> = Vec::new();
    for offer in directory
        .offers
        .values()
        .filter(|o| o.active && o.category == request.category)
    {
        let Some(member) = directory.members.get(&offer.member_id) else {
            continue;
        };
        if request.helpers.contains(&member.id) || offering.iter().any(|s| s.member_id == member.id)
        {
            continue;
        }
        offering.push(score(&context, member, offer));
    }
    let (mut without_language, mut fitting): (Vec<_>, Vec<_>) = offering
        .into_iter()
        .partition(|s| s.reasons.contains(&Reason::SpeaksNone));
    let mut could_ask = Vec::new();
    if !request.languages.is_empty() {
        for member in directory.members.values() {
            let listed = |list: &[Suggestion]| list.iter().any(|s| s.member_id == member.id);
            if request.helpers.contains(&member.id) || listed(&fitting) || listed(&without_language)
            {
                continue;
            }
            // Their best other offer, if they speak a needed language well enough to help
            // without someone translating.
            let best = directory
                .offers_of(&member.id)
                .filter(|o| o.active)
                .filter(|o| {
                    best_language(request, member, o)
                        .is_some_and(|(level, _)| level >= LanguageLevel::Good)
                })
                .map(|o| {
                    let mut suggestion = score(&context, member, o);
                    suggestion.reasons.push(Reason::OffersOther {
                        category: o.category.clone(),
                    });
                    suggestion
                })
                .max_by_key(|s| s.score);
            could_ask.extend(best);
        }
    }
    best_first(directory, &mut fitting);
    best_first(directory, &mut without_language);
    best_first(directory, &mut could_ask);
    HelperSuggestions {
        fitting,
        without_language,
        could_ask,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixture::{organisation, request};
    use crate::domain::member::LanguageSkill;

    fn ids(list: &[Suggestion]) -> Vec<&str> {
        list.iter().map(|s| s.member_id.as_str()).collect()
    }

    fn busy(d: &mut Directory, helper: &str, count: usize) {
        for n in 0..count {
            let mut other = request(
                &format!("busy-{helper}-{n}"),
                "forms",
                &[],
                "2026-11-18",
                "",
            );
            other.assign(helper);
            d.requests.insert(other.id.clone(), other);
        }
    }

    fn offer(d: &mut Directory, id: &str, member: &str, category: &str) {
        d.insert_offer(HelpOffer {
            id: id.into(),
            member_id: member.into(),
            category: category.into(),
            active: true,
            ..Default::default()
        });
    }

    #[test]
    fn helpers_are_ranked_by_language_time_and_place() {
        let d = organisation();
        let r = request("r1", "accompaniment", &["prs"], "2026-11-24", "09:30");
        let found = suggest_helpers(&d, &r, "2026-11-20");
        assert_eq!(
            ids(&found.fitting),
            ["m1", "m6"],
            "the native Dari speaker free on Tuesday morning in the Nordstadt, then the basic one"
        );
        assert!(found.fitting[0].reasons.contains(&Reason::Speaks {
            code: "prs".into(),
            level: LanguageLevel::Native
        }));
        assert!(found.fitting[0].reasons.contains(&Reason::AvailableThen));
        assert!(found.fitting[0].reasons.contains(&Reason::SameDistrict));
        // Hans and Muhammad offer accompaniment but speak no Dari: apart and marked.
        assert_eq!(ids(&found.without_language), ["m2", "m4"]);
        assert!(found
            .without_language
            .iter()
            .all(|s| s.reasons.contains(&Reason::SpeaksNone)));
        assert!(
            !ids(&found.without_language).contains(&"m5"),
            "paused offer"
        );
        assert!(
            found.could_ask.is_empty(),
            "every Dari speaker already offers it"
        );
    }

    /// The Dari translation case of the issue: the only native speaker is busy, at capacity
    /// and not free then; someone who speaks no Dari is free and near. The speaker still
    /// comes first – the other one cannot do the job without an interpreter.
    #[test]
    fn a_needed_language_comes_before_every_other_fit() {
        let mut d = organisation();
        offer(&mut d, "o-sirin", "m3", "translation");
        busy(&mut d, "m1", 3);
        // Monday afternoon in the Nordstadt: Şirin's time and place, not Farid's time.
        let r = request("r1", "translation", &["prs"], "2026-11-23", "15:00");
        let found = suggest_helpers(&d, &r, "2026-11-20");
        assert_eq!(ids(&found.fitting), ["m1"]);
        assert_eq!(ids(&found.without_language), ["m3"]);
        assert!(
            found.without_language[0].score > found.fitting[0].score,
            "on points alone the non-speaker would have come first"
        );
        assert!(found.fitting[0].reasons.contains(&Reason::AtCapacity));
    }

    /// The Arabic accompaniment case: speakers of the language who offer other help are
    /// shown as people who could be asked; a basic speaker is not among them.
    #[test]
    fn speakers_who_offer_other_help_could_be_asked() {
        let mut d = organisation();
        let speaker = |id: &str, name: &str, level| Member {
            id: id.into(),
            name: name.into(),
            languages: vec![LanguageSkill {
                code: "ar".into(),
                level,
            }],
            ..Default::default()
        };
        for m in [
            speaker("m7", "Amal Haddad", LanguageLevel::Native),
            speaker("m8", "Karim Nasser", LanguageLevel::Good),
            speaker("m9", "Lena Vogel", LanguageLevel::Basic),
            speaker("m10", "Rania Saleh", LanguageLevel::Native),
        ] {
            d.members.insert(m.id.clone(), m);
        }
        offer(&mut d, "o-amal", "m7", "childcare");
        offer(&mut d, "o-karim", "m8", "forms");
        offer(&mut d, "o-lena", "m9", "school");
        // Rania offers nothing (yet): not suggested, she has not said she helps.
        busy(&mut d, "m7", 2);
        let r = request("r1", "accompaniment", &["ar"], "2026-11-24", "09:30");
        let found = suggest_helpers(&d, &r, "2026-11-20");
        assert_eq!(ids(&found.fitting), ["m4"]);
        assert_eq!(
            ids(&found.could_ask),
            ["m8", "m7"],
            "Karim carries less than Amal"
        );
        assert!(found.could_ask[0].reasons.contains(&Reason::OffersOther {
            category: "forms".into()
        }));
    }

    #[test]
    fn without_a_needed_language_everyone_who_offers_the_help_fits() {
        let d = organisation();
        let r = request("r1", "accompaniment", &[], "", "");
        let found = suggest_helpers(&d, &r, "2026-11-20");
        assert_eq!(found.fitting.len(), 4);
        assert!(found.without_language.is_empty() && found.could_ask.is_empty());
    }

    #[test]
    fn those_who_already_carry_a_lot_move_down() {
        let mut d = organisation();
        let r = request("r1", "accompaniment", &["prs"], "2026-11-24", "09:30");
        busy(&mut d, "m1", 3);
        let found = suggest_helpers(&d, &r, "2026-11-20");
        assert_eq!(ids(&found.fitting), ["m6", "m1"]);
        assert!(found.fitting[1]
            .reasons
            .contains(&Reason::Busy { active: 3 }));
    }

    #[test]
    fn assigned_helpers_are_not_suggested_again() {
        let d = organisation();
        let mut r = request("r1", "accompaniment", &["prs"], "", "");
        r.assign("m1");
        let found = suggest_helpers(&d, &r, "2026-11-20");
        for list in [&found.fitting, &found.without_language, &found.could_ask] {
            assert!(list.iter().all(|s| s.member_id != "m1"));
        }
    }
}
