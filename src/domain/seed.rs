//! Realistic made-up data for a demo organisation and for benchmarks: names of many origins,
//! Ruhr districts, languages that go with the names, offers, requests, cases and notes.
//! Deterministic for a given seed, so benchmark runs compare like with like.

use super::calendar::{DayPart, Slot, Weekday};
use super::case::{Case, CaseNote, CaseStatus};
use super::catalog::{CATEGORIES, DISTRICTS};
use super::change::{Fields, RecordKind};
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
    pub requests: usize,
    pub cases: usize,
    pub notes: usize,
}

impl SeedSize {
    /// A small organisation to try the app with.
    pub const DEMO: SeedSize = SeedSize {
        members: 60,
        offers: 110,
        requests: 25,
        cases: 12,
        notes: 40,
    };
    /// The scale the app must stay smooth at.
    pub const LARGE: SeedSize = SeedSize {
        members: 5_000,
        offers: 10_000,
        requests: 2_000,
        cases: 1_000,
        notes: 20_000,
    };
}

pub struct SeedRecord {
    pub id: String,
    pub kind: RecordKind,
    pub fields: Fields,
}

/// Origins with typical first names, family names and the languages people of that origin
/// often speak (first one natively).
const ORIGINS: [(&[&str], &[&str], &[&str]); 10] = [
    (
        &[
            "Ayşe", "Mehmet", "Elif", "Mustafa", "Zeynep", "Emre", "Fatma", "Hüseyin",
        ],
        &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk"],
        &["tr", "de", "ku"],
    ),
    (
        &[
            "Muhammad", "Fatima", "Ahmad", "Aisha", "Omar", "Layla", "Youssef", "Mariam",
        ],
        &[
            "Al-Khatib",
            "Haddad",
            "Nasser",
            "Hamdan",
            "Saleh",
            "Mansour",
        ],
        &["ar", "de", "en"],
    ),
    (
        &[
            "Farid", "Zahra", "Mohammad", "Maryam", "Hamid", "Soraya", "Ali", "Parwin",
        ],
        &["Ahmadi", "Karimi", "Rahimi", "Hosseini", "Noori", "Sultani"],
        &["prs", "fa", "ps", "de"],
    ),
    (
        &[
            "Olga",
            "Iryna",
            "Oleksandr",
            "Natalia",
            "Dmytro",
            "Svitlana",
            "Andrii",
            "Tetiana",
        ],
        &[
            "Petrenko",
            "Kovalenko",
            "Shevchenko",
            "Bondarenko",
            "Melnyk",
            "Tkachenko",
        ],
        &["uk", "ru", "de", "en"],
    ),
    (
        &["Rojda", "Azad", "Berivan", "Şivan", "Dilan", "Rêzan"],
        &["Amed", "Botan", "Zana", "Baran", "Ronahî"],
        &["ku", "tr", "ar", "de"],
    ),
    (
        &[
            "Agnieszka",
            "Piotr",
            "Katarzyna",
            "Łukasz",
            "Magdalena",
            "Tomasz",
        ],
        &["Nowak", "Kowalski", "Wójcik", "Zieliński", "Lewandowski"],
        &["pl", "de"],
    ),
    (
        &["Ioana", "Andrei", "Elena", "Mihai", "Ștefan", "Cristina"],
        &["Popescu", "Ionescu", "Dumitru", "Stan", "Gheorghe"],
        &["ro", "de", "en"],
    ),
    (
        &["Senait", "Yonas", "Helen", "Tesfay", "Mebrat", "Daniel"],
        &["Tesfamariam", "Haile", "Gebremedhin", "Tekle", "Berhane"],
        &["ti", "am", "en", "de"],
    ),
    (
        &["Hodan", "Abdi", "Amina", "Hassan", "Faduma", "Mahad"],
        &["Warsame", "Mohamed", "Farah", "Jama", "Osman"],
        &["so", "ar", "en", "de"],
    ),
    (
        &[
            "Anna", "Jürgen", "Sabine", "Thomas", "Gül", "Markus", "Ülkü",
        ],
        &["Müller", "Schmidt", "Schäfer", "Becker", "Wagner", "Köhler"],
        &["de", "en", "fr"],
    ),
];

const SKILLS: [&str; 12] = [
    "kennt sich mit Jobcenter-Anträgen aus",
    "Erzieherin, kann abends Kinder betreuen",
    "hat ein Auto",
    "Krankenpfleger, begleitet zu Ärzten",
    "hilft bei Bewerbungen",
    "Lehrerin, Hausaufgabenhilfe",
    "Umzüge und Möbel aufbauen",
    "kennt die Ausländerbehörde",
    "Pflege von Angehörigen mit Demenz",
    "gute Nerven, hört zu",
    "Schulanmeldung, Elternabende",
    "Computer und Online-Formulare",
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

fn record<T: RecordData>(value: &T) -> SeedRecord {
    SeedRecord {
        id: value.id().to_owned(),
        kind: T::KIND,
        fields: value.to_fields(),
    }
}

/// Makes the records; `today` ("YYYY-MM-DD") anchors request dates and follow-ups.
pub fn generate(size: SeedSize, seed: u64, today: super::calendar::Date) -> Vec<SeedRecord> {
    let mut rng = Random(seed | 1);
    let mut out =
        Vec::with_capacity(size.members + size.offers + size.requests + size.cases + size.notes);
    let mut members: Vec<Member> = Vec::with_capacity(size.members);
    for n in 0..size.members {
        let (first, last, languages) = *rng.pick(&ORIGINS);
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
            name: format!("{} {}", rng.pick(first), rng.pick(last)),
            phones: vec![phone],
            email: String::new(),
            languages: skills,
            district: (*rng.pick(&DISTRICTS)).to_owned(),
            skills: (*rng.pick(&SKILLS)).to_owned(),
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
    for _ in 0..size.requests {
        let (_, last, languages) = *rng.pick(&ORIGINS);
        let status = *rng.pick(&[
            RequestStatus::Open,
            RequestStatus::Assigned,
            RequestStatus::Done,
            RequestStatus::Done,
        ]);
        let helpers = if status == RequestStatus::Open {
            Vec::new()
        } else {
            vec![rng.pick(&members).id.clone()]
        };
        let request = HelpRequest {
            id: rng.id(),
            person: format!("Familie {}.", rng.pick(last).chars().next().unwrap_or('X')),
            member_id: None,
            category: (*rng.pick(&CATEGORIES)).to_owned(),
            languages: vec![languages[0].to_owned()],
            place: (*rng.pick(&PLACES)).to_owned(),
            date: today.plus_days(rng.below(40) as i64 - 20).to_string(),
            time: format!("{:02}:{:02}", 8 + rng.below(11), 15 * rng.below(4)),
            urgency: *rng.pick(&[
                Urgency::Low,
                Urgency::Normal,
                Urgency::Normal,
                Urgency::High,
            ]),
            status,
            helpers,
            outcome: if status == RequestStatus::Done {
                "Erledigt.".to_owned()
            } else {
                String::new()
            },
            created: today.plus_days(-(rng.below(30) as i64)).to_string(),
        };
        out.push(record(&request));
    }
    let mut case_ids = Vec::with_capacity(size.cases);
    for _ in 0..size.cases {
        let (_, last, _) = *rng.pick(&ORIGINS);
        let case = Case {
            id: rng.id(),
            title: format!("Familie {}", rng.pick(last)),
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Date;
    use crate::domain::change::RecordRow;
    use crate::domain::directory::Directory;

    #[test]
    fn the_same_seed_gives_the_same_organisation() {
        let today = Date::parse("2026-11-25").expect("date");
        let a = generate(SeedSize::DEMO, 7, today);
        let b = generate(SeedSize::DEMO, 7, today);
        assert_eq!(a.len(), 60 + 110 + 25 + 12 + 40);
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.id == y.id && x.fields == y.fields));
    }

    #[test]
    fn every_seeded_record_reads_back_as_its_type() {
        let today = Date::parse("2026-11-25").expect("date");
        let rows: Vec<RecordRow> = generate(SeedSize::DEMO, 3, today)
            .into_iter()
            .map(|r| RecordRow {
                id: r.id,
                kind: r.kind,
                fields: r.fields,
                heads: vec![],
                updated: String::new(),
                deleted: false,
                conflicts: Default::default(),
                conflicted: None,
            })
            .collect();
        let mut directory = Directory::default();
        rows.iter().for_each(|row| directory.apply(row));
        assert_eq!(directory.members.len(), 60);
        assert_eq!(directory.offers.len(), 110);
        assert_eq!(directory.requests.len(), 25);
        assert_eq!(directory.cases.len(), 12);
        assert!(directory
            .offers
            .values()
            .all(|o| directory.members.contains_key(&o.member_id)));
    }
}
