//! A small organisation for tests: a few members of different origins with offers.

use super::calendar::{DayPart, Slot, Weekday};
use super::directory::Directory;
use super::member::{LanguageLevel, LanguageSkill, Member};
use super::offer::{Capacity, HelpOffer, Period};
use super::request::{HelpRequest, RequestStatus};

pub fn slot(day: Weekday, part: DayPart) -> Slot {
    Slot { day, part }
}

fn member(
    id: &str,
    name: &str,
    district: &str,
    languages: &[(&str, LanguageLevel)],
    availability: &[Slot],
) -> Member {
    Member {
        id: id.into(),
        name: name.into(),
        phones: vec!["+491712345678".into()],
        district: district.into(),
        languages: languages
            .iter()
            .map(|(code, level)| LanguageSkill {
                code: (*code).into(),
                level: *level,
            })
            .collect(),
        availability: availability.to_vec(),
        ..Default::default()
    }
}

fn offer(id: &str, member_id: &str, category: &str, times: u8) -> HelpOffer {
    HelpOffer {
        id: id.into(),
        member_id: member_id.into(),
        category: category.into(),
        capacity: Capacity {
            times,
            per: Period::Week,
        },
        active: true,
        ..Default::default()
    }
}

pub fn organisation() -> Directory {
    use DayPart::*;
    use LanguageLevel::*;
    use Weekday::*;
    let mut d = Directory::default();
    for m in [
        member(
            "m1",
            "Farid Ahmadi",
            "Dortmund-Nordstadt",
            &[("prs", Native), ("fa", Good), ("de", Good)],
            &[slot(Tue, Morning), slot(Thu, Evening)],
        ),
        member(
            "m2",
            "Hans Müller",
            "Bochum-Mitte",
            &[("de", Native)],
            &[slot(Tue, Morning)],
        ),
        member(
            "m3",
            "Şirin Yıldız",
            "Dortmund-Nordstadt",
            &[("tr", Native), ("ku", Good), ("de", Good)],
            &[slot(Mon, Afternoon)],
        ),
        member(
            "m4",
            "Muhammad Al-Khatib",
            "Duisburg-Marxloh",
            &[("ar", Native), ("de", Basic)],
            &[slot(Tue, Morning), slot(Tue, Afternoon)],
        ),
        member(
            "m5",
            "Olga Petrenko",
            "Dortmund-Eving",
            &[("uk", Native), ("ru", Native), ("de", Good)],
            &[slot(Wed, Evening)],
        ),
        member(
            "m6",
            "Zahra Karimi",
            "Dortmund-Nordstadt",
            &[("prs", Basic), ("de", Native)],
            &[slot(Tue, Morning)],
        ),
    ] {
        d.members.insert(m.id.clone(), m);
    }
    let mut paused = offer("o7", "m5", "accompaniment", 2);
    paused.active = false;
    for o in [
        offer("o1", "m1", "accompaniment", 2),
        offer("o2", "m1", "translation", 3),
        offer("o3", "m2", "accompaniment", 1),
        offer("o4", "m3", "childcare", 2),
        offer("o5", "m4", "accompaniment", 2),
        offer("o6", "m6", "accompaniment", 2),
        paused,
    ] {
        d.insert_offer(o);
    }
    d
}

pub fn request(
    id: &str,
    category: &str,
    languages: &[&str],
    date: &str,
    time: &str,
) -> HelpRequest {
    HelpRequest {
        id: id.into(),
        person: "Familie R.".into(),
        category: category.into(),
        languages: languages.iter().map(|l| (*l).to_owned()).collect(),
        place: "Jobcenter Dortmund-Nordstadt".into(),
        date: date.into(),
        time: time.into(),
        status: RequestStatus::Open,
        created: "2026-11-20".into(),
        ..Default::default()
    }
}
