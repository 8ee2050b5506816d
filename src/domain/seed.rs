//! Realistic made-up data for a demo organisation and for benchmarks: names of many origins,
//! Ruhr districts, languages that go with the names, offers, requests, cases and notes.
//! Deterministic for a given seed, so benchmark runs compare like with like.

use super::calendar::{Date, DayPart, Slot, Weekday};
use super::case::{Case, CaseNote, CaseStatus};
use super::catalog::{CATEGORIES, DISTRICTS};
use super::change::{Fields, RecordKind};
use super::consent::{self, ConsentEvent, ConsentWay};
use super::ids::uuid_v4_from_bytes;
use super::member::{Consent, LanguageLevel, LanguageSkill, Member, Role};
use super::offer::{Capacity, HelpOffer, Period};
use super::record_data::RecordData;
use super::request::{HelpRequest, RequestStatus, Urgency};

/// How many records of each kind to make.
#[derive(Clone, Copy, Debug)]
pub struct SeedSize {
    pub members: usize,
    pub offers: usize,
    /// Requests around today: open, assigned, recently done.
    pub requests: usize,
    pub cases: usize,
    pub notes: usize,
    /// Past requests spread over the twelve months before today (done, cancelled, some
    /// without a helper), so that the board's trends and reports show a real year.
    pub history: usize,
    /// Consents per purpose for most members (the demo shows contact links in requests);
    /// not for the benchmark organisation, whose figures compare across versions.
    pub consents: bool,
}

impl SeedSize {
    /// A small organisation to try the app with.
    pub const DEMO: SeedSize = SeedSize {
        members: 60,
        offers: 110,
        requests: 25,
        cases: 12,
        notes: 40,
        history: 150,
        consents: true,
    };
    /// The scale the app must stay smooth at.
    pub const LARGE: SeedSize = SeedSize {
        members: 5_000,
        offers: 10_000,
        requests: 2_000,
        cases: 1_000,
        notes: 20_000,
        history: 2_000,
        consents: false,
    };
}

pub struct SeedRecord {
    pub id: String,
    pub kind: RecordKind,
    pub fields: Fields,
}

/// Origins with typical women's and men's first names, family names and the languages people
/// of that origin often speak (first one natively).
struct Origin {
    women: &'static [&'static str],
    men: &'static [&'static str],
    families: &'static [&'static str],
    languages: &'static [&'static str],
}

const ORIGINS: [Origin; 10] = [
    Origin {
        women: &["Ayşe", "Elif", "Zeynep", "Fatma"],
        men: &["Mehmet", "Mustafa", "Emre", "Hüseyin"],
        families: &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"],
        languages: &["tr", "de", "ku"],
    },
    Origin {
        women: &["Fatima", "Aisha", "Layla", "Mariam"],
        men: &["Muhammad", "Ahmad", "Omar", "Youssef"],
        families: &[
            "Al-Khatib",
            "Haddad",
            "Nasser",
            "Hamdan",
            "Saleh",
            "Mansour",
        ],
        languages: &["ar", "de", "en"],
    },
    Origin {
        women: &["Zahra", "Maryam", "Soraya", "Parwin"],
        men: &["Farid", "Mohammad", "Hamid", "Ali"],
        families: &["Ahmadi", "Karimi", "Rahimi", "Hosseini", "Noori", "Sultani"],
        languages: &["prs", "fa", "ps", "de"],
    },
    Origin {
        women: &["Olga", "Iryna", "Natalia", "Svitlana", "Tetiana"],
        men: &["Oleksandr", "Dmytro", "Andrii"],
        families: &[
            "Petrenko",
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Melnyk",
            "Tkachenko",
        ],
        languages: &["uk", "ru", "de", "en"],
    },
    Origin {
        women: &["Rojda", "Berivan", "Dilan", "Rêzan"],
        men: &["Azad", "Şivan"],
        families: &["Amed", "Botan", "Zana", "Baran", "Ronahî"],
        languages: &["ku", "tr", "ar", "de"],
    },
    Origin {
        women: &["Agnieszka", "Katarzyna", "Magdalena"],
        men: &["Piotr", "Łukasz", "Tomasz"],
        // Polish family names agree with the person: Kowalska, Kowalski.
        families: &["Nowak", "Wójcik"],
        languages: &["pl", "de"],
    },
    Origin {
        women: &["Ioana", "Elena", "Cristina"],
        men: &["Andrei", "Mihai", "Ștefan"],
        families: &["Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe"],
        languages: &["ro", "de", "en"],
    },
    Origin {
        women: &["Senait", "Helen", "Mebrat"],
        men: &["Yonas", "Tesfay", "Daniel"],
        families: &["Tesfamariam", "Haile", "Gebremedhin", "Tekle", "Berhane"],
        languages: &["ti", "am", "en", "de"],
    },
    Origin {
        women: &["Hodan", "Amina", "Faduma"],
        men: &["Abdi", "Hassan", "Mahad"],
        families: &["Warsame", "Mohamed", "Farah", "Jama", "Osman"],
        languages: &["so", "ar", "en", "de"],
    },
    Origin {
        women: &["Anna", "Sabine", "Gül", "Ülkü"],
        men: &["Jürgen", "Thomas", "Markus"],
        families: &["Müller", "Schmidt", "Schäfer", "Becker", "Wagner", "Köhler"],
        languages: &["de", "en", "fr"],
    },
];

/// What members write about themselves, as a woman and as a man would (job titles agree).
const SKILLS: [(&str, &str); 12] = [
    (
        "kennt sich mit Jobcenter-Anträgen aus",
        "kennt sich mit Jobcenter-Anträgen aus",
    ),
    (
        "Erzieherin, kann abends Kinder betreuen",
        "Erzieher, kann abends Kinder betreuen",
    ),
    ("hat ein Auto", "hat ein Auto"),
    (
        "Krankenpflegerin, begleitet zu Ärzten",
        "Krankenpfleger, begleitet zu Ärzten",
    ),
    ("hilft bei Bewerbungen", "hilft bei Bewerbungen"),
    ("Lehrerin, Hausaufgabenhilfe", "Lehrer, Hausaufgabenhilfe"),
    ("Umzüge und Möbel aufbauen", "Umzüge und Möbel aufbauen"),
    ("kennt die Ausländerbehörde", "kennt die Ausländerbehörde"),
    (
        "Pflege von Angehörigen mit Demenz",
        "Pflege von Angehörigen mit Demenz",
    ),
    ("gute Nerven, hört zu", "gute Nerven, hört zu"),
    (
        "Schulanmeldung, Elternabende",
        "Schulanmeldung, Elternabende",
    ),
    (
        "Computer und Online-Formulare",
        "Computer und Online-Formulare",
    ),
];

const PLACES: [&str; 10] = [
    "Jobcenter Dortmund",
    "Ausländerbehörde Bochum",
    "Jugendamt Duisburg",
    "Kinderarztpraxis Nordstadt",
    "Grundschule am Nordmarkt",
    "Familienkasse",
    "Sozialamt Bochum",
    "Agentur für Arbeit Duisburg",
    "Klinikum Dortmund",
    "Wohnungsgesellschaft Vivawest",
];

const NOTES: [&str; 8] = [
    "Erstgespräch geführt, Unterlagen für den Weiterbewilligungsantrag fehlen noch.",
    "Termin beim Jobcenter begleitet, Antrag abgegeben.",
    "Kita-Platz angefragt, Warteliste. Nachfragen in zwei Wochen.",
    "Brief der Familienkasse übersetzt und erklärt.",
    "Mutter braucht Begleitung zur Fachärztin, Dolmetschen Dari.",
    "Schule angerufen, Elternabend nächste Woche, Begleitung zugesagt.",
    "An die Migrationsberatung der AWO verwiesen (Aufenthaltsfragen).",
    "Wohnungsbesichtigung organisiert, Unterlagen zusammengestellt.",
];

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*: plenty for made-up data, and the same on every platform.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn id(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid_v4_from_bytes(bytes)
    }
    fn slots(&mut self, count: usize) -> Vec<Slot> {
        let mut slots: Vec<Slot> = (0..count)
            .map(|_| Slot {
                day: *self.pick(&Weekday::ALL),
                part: *self.pick(&DayPart::ALL),
            })
            .collect();
        slots.sort();
        slots.dedup();
        slots
    }
}

/// A request from the past year: taken on a weekday, helped (or not) within days.
fn past_request(rng: &mut Random, members: &[Member], today: Date) -> HelpRequest {
    let created = on_a_weekday(today.plus_days(-(20 + rng.below(345) as i64)), -1);
    let date = on_a_weekday(created.plus_days(2 + rng.below(12) as i64), 1);
    let (person, language) = rng.family();
    // Most were helped; some cancelled, some closed with nobody found.
    let roll = rng.below(100);
    let status = if roll < 12 {
        RequestStatus::Cancelled
    } else {
        RequestStatus::Done
    };
    let helped = roll >= 18;
    let helpers = if helped {
        vec![rng.pick(members).id.clone()]
    } else {
        Vec::new()
    };
    let assigned = if helped {
        created
            .plus_days(*rng.pick(&[0, 0, 1, 1, 2, 3, 5, 8]))
            .min(date)
            .to_string()
    } else {
        String::new()
    };
    HelpRequest {
        id: rng.id(),
        person,
        member_id: None,
        category: (*rng.pick(&CATEGORIES)).to_owned(),
        languages: vec![language],
        place: (*rng.pick(&PLACES)).to_owned(),
        date: date.to_string(),
        time: rng.office_time(),
        urgency: rng.urgency(),
        status,
        outcome: if helped && status == RequestStatus::Done {
            "Erledigt.".to_owned()
        } else {
            String::new()
        },
        helpers,
        created: created.to_string(),
        assigned,
    }
}

/// `date`, or the nearest weekday in the direction of `step` (offices close at weekends).
fn on_a_weekday(mut date: Date, step: i64) -> Date {
    while matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
        date = date.plus_days(step);
    }
    date
}

impl Random {
    /// A family asking for help, as a request names it ("Familie K."), and its first language.
    fn family(&mut self) -> (String, String) {
        let origin = self.pick(&ORIGINS);
        let initial = self.pick(origin.families).chars().next().unwrap_or('X');
        (
            format!("Familie {initial}."),
            origin.languages[0].to_owned(),
        )
    }

    /// An appointment in office hours, 08:00 to 15:45.
    fn office_time(&mut self) -> String {
        format!("{:02}:{:02}", 8 + self.below(8), 15 * self.below(4))
    }

    fn urgency(&mut self) -> Urgency {
        *self.pick(&[
            Urgency::Low,
            Urgency::Normal,
            Urgency::Normal,
            Urgency::High,
        ])
    }
}

fn record<T: RecordData>(value: &T) -> SeedRecord {
    SeedRecord {
        id: value.id().to_owned(),
        kind: T::KIND,
        fields: value.to_fields(),
    }
}

/// Makes the records; `today` ("YYYY-MM-DD") anchors request dates and follow-ups.
pub fn generate(size: SeedSize, seed: u64, today: Date) -> Vec<SeedRecord> {
    let mut rng = Random(seed | 1);
    let mut out =
        Vec::with_capacity(size.members + size.offers + size.requests + size.cases + size.notes);
    let mut members: Vec<Member> = Vec::with_capacity(size.members);
    for n in 0..size.members {
        let origin = rng.pick(&ORIGINS);
        let languages = origin.languages;
        let woman = rng.chance(60);
        let first = *rng.pick(if woman { origin.women } else { origin.men });
        let mut skills = vec![LanguageSkill {
            code: languages[0].to_owned(),
            level: LanguageLevel::Native,
        }];
        for code in &languages[1..] {
            if rng.chance(60) {
                let level = *rng.pick(&[
                    LanguageLevel::Good,
                    LanguageLevel::Basic,
                    LanguageLevel::Good,
                ]);
                skills.push(LanguageSkill {
                    code: (*code).to_owned(),
                    level,
                });
            }
        }
        let phone = format!("+4915{}{:08}", 1 + rng.below(8), rng.below(100_000_000));
        let member = Member {
            id: rng.id(),
            name: format!("{first} {}", rng.pick(origin.families)),
            phones: vec![phone],
            email: String::new(),
            languages: skills,
            district: (*rng.pick(&DISTRICTS)).to_owned(),
            skills: {
                let (as_woman, as_man) = *rng.pick(&SKILLS);
                if woman { as_woman } else { as_man }.to_owned()
            },
            availability: {
                let count = 1 + rng.below(5);
                rng.slots(count)
            },
            role: if n % 25 == 0 {
                Role::Coordinator
            } else {
                Role::Volunteer
            },
            consent: Some(Consent {
                date: today.plus_days(-(rng.below(700) as i64)).to_string(),
                purpose: "Vermittlung von Hilfe im Verein".to_owned(),
                recorded_by: "Vorstand".to_owned(),
            }),
        };
        out.push(record(&member));
        members.push(member);
    }
    if members.is_empty() {
        return out;
    }
    for _ in 0..size.offers {
        let member = rng.pick(&members);
        let offer = HelpOffer {
            id: rng.id(),
            member_id: member.id.clone(),
            category: (*rng.pick(&CATEGORIES)).to_owned(),
            languages: member.languages.iter().map(|l| l.code.clone()).collect(),
            districts: vec![member.district.clone()],
            availability: Vec::new(),
            capacity: Capacity {
                times: 1 + rng.below(3) as u8,
                per: if rng.chance(70) {
                    Period::Week
                } else {
                    Period::Month
                },
            },
            note: String::new(),
            active: rng.chance(90),
        };
        out.push(record(&offer));
    }
    for n in 0..size.requests {
        // The first is always a member asking for help, still open: every demo shows one.
        let first = n == 0;
        let status = if first {
            RequestStatus::Open
        } else {
            *rng.pick(&[
                RequestStatus::Open,
                RequestStatus::Assigned,
                RequestStatus::Done,
                RequestStatus::Done,
            ])
        };
        let helpers = if status == RequestStatus::Open {
            Vec::new()
        } else {
            vec![rng.pick(&members).id.clone()]
        };
        // Done is in the past; what is still to do mostly lies ahead (a few are overdue).
        let offset = match status {
            RequestStatus::Done => -(1 + rng.below(20) as i64),
            _ if rng.chance(15) => -(1 + rng.below(5) as i64),
            _ => rng.below(21) as i64,
        };
        // Offices open Monday to Friday: an appointment on a weekend moves to the Monday, or
        // back to the Friday when it is done (so that it stays in the past).
        let step = if status == RequestStatus::Done { -1 } else { 1 };
        let date = on_a_weekday(today.plus_days(offset), step);
        // Members ask for help too; then the request names them.
        let (person, member_id, languages) = if first || rng.chance(20) {
            let member = rng.pick(&members);
            let languages = member
                .languages
                .iter()
                .take(1)
                .map(|l| l.code.clone())
                .collect();
            (member.name.clone(), Some(member.id.clone()), languages)
        } else {
            let (person, language) = rng.family();
            (person, None, vec![language])
        };
        let mut request = HelpRequest {
            id: rng.id(),
            person,
            member_id,
            category: (*rng.pick(&CATEGORIES)).to_owned(),
            languages,
            place: (*rng.pick(&PLACES)).to_owned(),
            date: date.to_string(),
            time: rng.office_time(),
            urgency: rng.urgency(),
            status,
            helpers,
            outcome: if status == RequestStatus::Done {
                "Erledigt.".to_owned()
            } else {
                String::new()
            },
            // Taken before the appointment, never after today.
            created: date
                .plus_days(-(1 + rng.below(14) as i64))
                .min(today)
                .to_string(),
            assigned: String::new(),
        };
        if !request.helpers.is_empty() {
            // Found on the day it was taken, or a day later.
            let found = Date::parse(&request.created)
                .map(|d| d.plus_days(rng.below(2) as i64).min(today).to_string());
            request.assigned = found.unwrap_or_default();
        }
        out.push(record(&request));
    }
    for _ in 0..size.history {
        out.push(record(&past_request(&mut rng, &members, today)));
    }
    let mut case_ids = Vec::with_capacity(size.cases);
    for _ in 0..size.cases {
        let origin = rng.pick(&ORIGINS);
        let case = Case {
            id: rng.id(),
            title: format!("Familie {}", rng.pick(origin.families)),
            member_id: None,
            status: if rng.chance(85) {
                CaseStatus::Open
            } else {
                CaseStatus::Closed
            },
            follow_up: if rng.chance(60) {
                today.plus_days(rng.below(20) as i64 - 7).to_string()
            } else {
                String::new()
            },
            opened: today.plus_days(-(rng.below(300) as i64)).to_string(),
            closed: String::new(),
        };
        case_ids.push(case.id.clone());
        out.push(record(&case));
    }
    if !case_ids.is_empty() {
        for n in 0..size.notes {
            let note = CaseNote {
                id: rng.id(),
                case_id: rng.pick(&case_ids).clone(),
                author: rng.pick(&members).name.clone(),
                text: (*rng.pick(&NOTES)).to_owned(),
                follow_up: String::new(),
                supersedes: None,
                written: format!(
                    "{}T{:02}:{:02}",
                    today.plus_days(-((n % 300) as i64)),
                    8 + rng.below(12),
                    rng.below(60)
                ),
            };
            out.push(record(&note));
        }
    }
    // Last, so that everything before draws the same random numbers as without consents.
    if size.consents {
        for member in &members {
            if !rng.chance(85) {
                continue;
            }
            let date = member
                .consent
                .as_ref()
                .map_or(today.to_string(), |c| c.date.clone());
            let language = member
                .languages
                .first()
                .map(|l| l.code.as_str())
                .filter(|code| ["de", "en", "tr", "ar", "ru", "uk", "fa"].contains(code))
                .unwrap_or("de");
            let event = |purpose: &str, given: bool, rng: &mut Random| ConsentEvent {
                id: rng.id(),
                member_id: member.id.clone(),
                purpose: purpose.to_owned(),
                given,
                date: date.clone(),
                way: ConsentWay::Signed,
                recorded_by: "Vorstand".to_owned(),
                language: language.to_owned(),
                recorded_at: format!("{date}T10:00"),
            };
            for purpose in [consent::CONTACT, consent::PASS_ON, consent::CASE_NOTES] {
                let given = event(purpose, true, &mut rng);
                out.push(record(&given));
            }
            if rng.chance(10) {
                let withdrawn = event(consent::STATISTICS, false, &mut rng);
                out.push(record(&withdrawn));
            }
        }
    }
    out
}

/// The directory a seeded organisation gives, its records applied as storage applies rows
/// (tests only).
#[cfg(test)]
pub fn seeded_directory(size: SeedSize, seed: u64, today: Date) -> super::directory::Directory {
    let mut directory = super::directory::Directory::default();
    for r in generate(size, seed, today) {
        directory.apply(&super::change::RecordRow {
            id: r.id,
            kind: r.kind,
            fields: r.fields,
            heads: vec![],
            updated: String::new(),
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        });
    }
    directory
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Date;
    use crate::domain::directory::Directory;

    #[test]
    fn every_demo_has_an_open_request_of_a_member_who_asks_for_help() {
        // A member asking for help is what the request page links back to a member: a demo
        // without one (a one-in-fifteen chance before) left that part of the app unseen.
        let today = Date::parse("2026-11-25").expect("date");
        for seed in 0..60 {
            let d = demo_directory(seed, today);
            assert!(
                d.requests
                    .values()
                    .any(|r| r.status == RequestStatus::Open && r.member_id.is_some()),
                "seed {seed}"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_organisation() {
        let today = Date::parse("2026-11-25").expect("date");
        let a = generate(SeedSize::DEMO, 7, today);
        let b = generate(SeedSize::DEMO, 7, today);
        let consents = a.iter().filter(|r| r.kind == RecordKind::Consent).count();
        assert_eq!(a.len() - consents, 60 + 110 + 25 + 12 + 40 + 150);
        // Three purposes for most members, the statistics withdrawn by a few.
        assert!((120..=185).contains(&consents), "{consents}");
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.id == y.id && x.fields == y.fields));
    }

    fn demo_directory(seed: u64, today: Date) -> Directory {
        seeded_directory(SeedSize::DEMO, seed, today)
    }

    #[test]
    fn demo_requests_read_true_offices_on_weekdays_nothing_done_in_the_future() {
        let today = Date::parse("2026-11-29").expect("a Sunday");
        for seed in 1..40 {
            let directory = demo_directory(seed, today);
            for r in directory.requests.values() {
                let date = Date::parse(&r.date).expect("a date");
                assert!(
                    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{} at {} on a weekend",
                    r.date,
                    r.place
                );
                let hour: u32 = r.time[..2].parse().expect("HH:MM");
                assert!((8..16).contains(&hour), "{} outside office hours", r.time);
                if r.status == RequestStatus::Done {
                    assert!(date < today, "done on {} after today", r.date);
                }
                let created = Date::parse(&r.created).expect("a date");
                assert!(
                    created <= today && created <= date,
                    "taken {} for {}",
                    r.created,
                    r.date
                );
                if let Some(member) = &r.member_id {
                    assert_eq!(directory.members[member].name, r.person);
                }
                if !r.assigned.is_empty() {
                    let assigned = Date::parse(&r.assigned).expect("a date");
                    assert!(
                        created <= assigned && assigned <= today,
                        "found {} for {}",
                        r.assigned,
                        r.created
                    );
                }
            }
        }
    }

    #[test]
    fn a_year_of_history_spread_over_the_months() {
        let today = Date::parse("2026-11-25").expect("date");
        let directory = demo_directory(3, today);
        let mut months = std::collections::BTreeSet::new();
        let (mut cancelled, mut unhelped) = (0, 0);
        for r in directory.requests.values() {
            let created = Date::parse(&r.created).expect("a date");
            assert!(created.days_since_epoch() > today.days_since_epoch() - 366);
            months.insert((created.year, created.month));
            cancelled += usize::from(r.status == RequestStatus::Cancelled);
            unhelped += usize::from(r.status == RequestStatus::Done && r.helpers.is_empty());
        }
        assert!(months.len() >= 12, "requests in {} months", months.len());
        assert!(cancelled > 0 && unhelped > 0);
    }

    #[test]
    fn job_titles_agree_with_first_names() {
        let today = Date::parse("2026-11-25").expect("date");
        let women: Vec<&str> = ORIGINS
            .iter()
            .flat_map(|o| o.women.iter().copied())
            .collect();
        for seed in 1..40 {
            for member in demo_directory(seed, today).members.values() {
                let first = member.name.split(' ').next().unwrap_or_default();
                let (as_woman, as_man) = SKILLS
                    .iter()
                    .find(|(w, m)| member.skills == *w || member.skills == *m)
                    .expect("a seeded skill");
                let expected = if women.contains(&first) {
                    as_woman
                } else {
                    as_man
                };
                assert_eq!(&member.skills, expected, "{}", member.name);
            }
        }
    }

    #[test]
    fn every_seeded_record_reads_back_as_its_type() {
        let today = Date::parse("2026-11-25").expect("date");
        let directory = seeded_directory(SeedSize::DEMO, 3, today);
        assert_eq!(directory.members.len(), 60);
        assert_eq!(directory.offers.len(), 110);
        assert_eq!(directory.requests.len(), 25 + 150);
        assert_eq!(directory.cases.len(), 12);
        assert!(directory
            .offers
            .values()
            .all(|o| directory.members.contains_key(&o.member_id)));
    }
}
