//! The words people type for a language or a kind of help, in every language of the
//! interface and in the common spellings ("Dari", "Darice", "دری"; "Dolmetschen", "ترجمة"), so
//! that the helper search finds a Dari speaker by typing "Dari" in any app language. Only
//! German texts are built into the app (the others are loaded when chosen), so the search
//! cannot read the translations at run time: they are here, and a native test checks that
//! every name the interface uses for a language or a kind of help is among them.

/// Keys with the words that stand for them.
pub type WordTable = &'static [(&'static str, &'static [&'static str])];

/// Language codes (`catalog::LANGUAGES`) with the names people write for them.
pub const LANGUAGE_WORDS: WordTable = &[
    (
        "de",
        &[
            "Deutsch",
            "German",
            "Almanca",
            "الألمانية",
            "немецкий",
            "німецька",
            "آلمانی",
        ],
    ),
    (
        "ar",
        &[
            "Arabisch",
            "Arabic",
            "Arapça",
            "العربية",
            "арабский",
            "арабська",
            "عربی",
            "عربي",
            "Arabi",
        ],
    ),
    (
        "tr",
        &[
            "Türkisch",
            "Turkish",
            "Türkçe",
            "التركية",
            "турецкий",
            "турецька",
            "ترکی",
        ],
    ),
    (
        "ku",
        &[
            "Kurdisch (Kurmancî)",
            "Kurdish (Kurmanji)",
            "Kürtçe (Kurmanci)",
            "الكردية (الكرمانجية)",
            "курдский (курманджи)",
            "курдська (курманджі)",
            "کردی (کرمانجی)",
            "Kurmancî",
            "Kurdî",
            "Kurdish",
            "Kurdisch",
            "كردي",
        ],
    ),
    (
        "fa",
        &[
            "Persisch (Farsi)",
            "Persian (Farsi)",
            "Farsça",
            "الفارسية",
            "персидский (фарси)",
            "перська (фарсі)",
            "فارسی",
            "Farsi",
            "Persian",
            "فارسي",
        ],
    ),
    (
        "prs",
        &["Dari", "Darice", "الدرية", "дари", "дарі", "دری", "دري"],
    ),
    (
        "ps",
        &[
            "Paschtu",
            "Pashto",
            "Peştuca",
            "البشتو",
            "пушту",
            "پشتو",
            "Paschto",
            "پښتو",
        ],
    ),
    (
        "ru",
        &[
            "Russisch",
            "Russian",
            "Rusça",
            "الروسية",
            "русский",
            "російська",
            "روسی",
            "Русский",
        ],
    ),
    (
        "uk",
        &[
            "Ukrainisch",
            "Ukrainian",
            "Ukraynaca",
            "الأوكرانية",
            "украинский",
            "українська",
            "اوکراینی",
            "Українська",
        ],
    ),
    (
        "pl",
        &[
            "Polnisch",
            "Polish",
            "Lehçe",
            "البولندية",
            "польский",
            "польська",
            "لهستانی",
            "Polski",
        ],
    ),
    (
        "ro",
        &[
            "Rumänisch",
            "Romanian",
            "Rumence",
            "الرومانية",
            "румынский",
            "румунська",
            "رومانیایی",
            "Română",
        ],
    ),
    (
        "bg",
        &[
            "Bulgarisch",
            "Bulgarian",
            "Bulgarca",
            "البلغارية",
            "болгарский",
            "болгарська",
            "بلغاری",
            "Български",
        ],
    ),
    (
        "sq",
        &[
            "Albanisch",
            "Albanian",
            "Arnavutça",
            "الألبانية",
            "албанский",
            "албанська",
            "آلبانیایی",
            "Shqip",
        ],
    ),
    (
        "bs",
        &[
            "Bosnisch/Kroatisch/Serbisch",
            "Bosnian/Croatian/Serbian",
            "Boşnakça/Hırvatça/Sırpça",
            "البوسنية/الكرواتية/الصربية",
            "боснийский/хорватский/сербский",
            "боснійська/хорватська/сербська",
            "بوسنیایی/کرواتی/صربی",
            "Bosanski",
            "Hrvatski",
            "Srpski",
        ],
    ),
    (
        "ti",
        &[
            "Tigrinya",
            "Tigrinya dili",
            "التغرينية",
            "тигринья",
            "تیگرینیا",
            "Tigrinisch",
            "ትግርኛ",
        ],
    ),
    (
        "am",
        &[
            "Amharisch",
            "Amharic",
            "Amharca",
            "الأمهرية",
            "амхарский",
            "амхарська",
            "امهری",
            "አማርኛ",
        ],
    ),
    (
        "so",
        &[
            "Somali",
            "Somalice",
            "الصومالية",
            "сомали",
            "сомалі",
            "سومالیایی",
            "Soomaali",
        ],
    ),
    (
        "en",
        &[
            "Englisch",
            "English",
            "İngilizce",
            "الإنجليزية",
            "английский",
            "англійська",
            "انگلیسی",
        ],
    ),
    (
        "fr",
        &[
            "Französisch",
            "French",
            "Fransızca",
            "الفرنسية",
            "французский",
            "французька",
            "فرانسوی",
            "Français",
        ],
    ),
    (
        "es",
        &[
            "Spanisch",
            "Spanish",
            "İspanyolca",
            "الإسبانية",
            "испанский",
            "іспанська",
            "اسپانیایی",
            "Español",
        ],
    ),
    (
        "it",
        &[
            "Italienisch",
            "Italian",
            "İtalyanca",
            "الإيطالية",
            "итальянский",
            "італійська",
            "ایتالیایی",
            "Italiano",
        ],
    ),
    (
        "el",
        &[
            "Griechisch",
            "Greek",
            "Yunanca",
            "اليونانية",
            "греческий",
            "грецька",
            "یونانی",
            "Ελληνικά",
        ],
    ),
    ("ur", &["Urdu", "Urduca", "الأردية", "урду", "اردو"]),
    (
        "vi",
        &[
            "Vietnamesisch",
            "Vietnamese",
            "Vietnamca",
            "الفيتنامية",
            "вьетнамский",
            "в'єтнамська",
            "ویتنامی",
            "Tiếng Việt",
        ],
    ),
    (
        "zh",
        &[
            "Chinesisch",
            "Chinese",
            "Çince",
            "الصينية",
            "китайский",
            "китайська",
            "چینی",
            "中文",
        ],
    ),
    (
        "ckb",
        &[
            "Kurdisch (Sorani)",
            "Kurdish (Sorani)",
            "Kürtçe (Sorani)",
            "الكردية (السورانية)",
            "курдский (сорани)",
            "курдська (сорані)",
            "کردی (سورانی)",
            "Sorani",
            "کوردی",
            "Zentralkurdisch",
        ],
    ),
];

/// Built-in categories (`catalog::CATEGORIES`) with the words of their names in every
/// language and what people call that help.
pub const CATEGORY_WORDS: WordTable = &[
    (
        "childcare",
        &[
            "Kinderbetreuung",
            "Childcare",
            "Çocuk bakımı",
            "رعاية الأطفال",
            "Присмотр за детьми",
            "Догляд за дітьми",
            "نگهداری از کودک",
            "Babysitter",
            "Kita",
            "Kinder",
        ],
    ),
    (
        "translation",
        &[
            "Übersetzen / Dolmetschen",
            "Translating / interpreting",
            "Çeviri / tercümanlık",
            "ترجمة تحريرية / شفهية",
            "Письменный / устный перевод",
            "Письмовий / усний переклад",
            "ترجمه / ترجمه شفاهی",
            "Dolmetscher",
            "Dolmetschen",
            "Übersetzer",
            "Sprachmittler",
            "interpreting",
            "tercüman",
        ],
    ),
    (
        "accompaniment",
        &[
            "Begleitung zu Ämtern und Terminen",
            "Going along to offices and appointments",
            "Resmi kurum ve randevulara eşlik",
            "مرافقة إلى الدوائر والمواعيد",
            "Сопровождение в ведомства и на приёмы",
            "Супровід в установи та на прийоми",
            "همراهی به ادارات و قرارها",
            "begleiten",
            "Arbeitsagentur",
            "Termin",
        ],
    ),
    (
        "forms",
        &[
            "Formulare und Briefe",
            "Forms and letters",
            "Formlar ve mektuplar",
            "استمارات ورسائل",
            "Анкеты и письма",
            "Анкети й листи",
            "فرم‌ها و نامه‌ها",
            "Antrag",
            "Anträge",
            "Formular",
            "Brief",
        ],
    ),
    (
        "jobs",
        &[
            "Arbeit und Bewerbung",
            "Work and job applications",
            "İş ve iş başvurusu",
            "العمل وطلبات التوظيف",
            "Работа и поиск работы",
            "Робота й пошук роботи",
            "کار و درخواست شغل",
            "Bewerbung",
            "Lebenslauf",
            "Arbeit",
            "Job",
        ],
    ),
    (
        "housing",
        &[
            "Wohnen und Ankommen",
            "Housing and settling in",
            "Konut ve yerleşme",
            "السكن والاستقرار",
            "Жильё и обустройство",
            "Житло та облаштування",
            "مسکن و جاافتادن",
            "Wohnung",
            "Wohnungssuche",
            "Umzug",
        ],
    ),
    (
        "health",
        &[
            "Gesundheit und Pflege (auch Demenz)",
            "Health and care (dementia too)",
            "Sağlık ve bakım (demans dahil)",
            "الصحة والرعاية (ومنها الخرف)",
            "Здоровье и уход (в т. ч. деменция)",
            "Здоров'я та догляд (зокрема деменція)",
            "سلامت و مراقبت (از جمله زوال عقل)",
            "Arzt",
            "Ärztin",
            "Pflege",
            "Demenz",
        ],
    ),
    (
        "school",
        &[
            "Schule und Hausaufgaben",
            "School and homework",
            "Okul ve ödevler",
            "المدرسة والواجبات",
            "Школа и домашние задания",
            "Школа й домашні завдання",
            "مدرسه و تکلیف",
            "Nachhilfe",
            "Hausaufgaben",
        ],
    ),
    (
        "legal",
        &[
            "Orientierung Aufenthalt / Recht (keine Rechtsberatung)",
            "Residence / legal orientation (no legal advice)",
            "Oturum / hukuk yönlendirmesi (hukuki danışmanlık değil)",
            "توجيه في الإقامة / القانون (ليس استشارة قانونية)",
            "Вид на жительство / право: ориентация (не юридическая консультация)",
            "Посвідка на проживання / право: орієнтація (не юридична консультація)",
            "راهنمایی اقامت / حقوق (نه مشاوره حقوقی)",
        ],
    ),
    (
        "emotional",
        &[
            "Zuhören und Beistand",
            "Listening and support",
            "Dinleme ve destek",
            "الاستماع والمساندة",
            "Выслушать и поддержать",
            "Вислухати й підтримати",
            "گوش دادن و همراهی",
        ],
    ),
    (
        "transport",
        &[
            "Fahrten",
            "Rides",
            "Araçla götürme",
            "التوصيل بالسيارة",
            "Поездки",
            "Поїздки",
            "رساندن با ماشین",
            "Auto",
            "Fahrdienst",
            "fahren",
        ],
    ),
    (
        "language_practice",
        &[
            "Sprache üben",
            "Language practice",
            "Dil pratiği",
            "ممارسة اللغة",
            "Языковая практика",
            "Мовна практика",
            "تمرین زبان",
            "Deutsch üben",
            "Sprachcafé",
        ],
    ),
    (
        "other",
        &[
            "Sonstiges",
            "Other",
            "Diğer",
            "أخرى",
            "Другое",
            "Інше",
            "دیگر",
        ],
    ),
];

use super::catalog::INSTITUTIONS;
use super::text_key::fold;
use crate::domain::order::sort_natural;

/// What a typed word can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Meaning {
    /// A language code.
    Language(&'static str),
    /// A built-in category key.
    Category(&'static str),
}

/// Words of names that say nothing on their own ("Orientation / law (no legal advice)").
const NOT_MEANINGFUL: [&str; 8] = ["und", "and", "auch", "keine", "oder", "with", "also", "ve"];

/// Typed words shorter than this stand for a language or a kind of help only when they are a
/// whole word ("دری", "job"); from here on their beginning is enough ("Dar" is not yet Dari,
/// "Dolm" is already Dolmetschen) – shorter prefixes would add half the organisation to a
/// name being typed.
const PREFIX_FROM: usize = 4;

/// The folded words, sorted, each with what it stands for.
pub struct Vocabulary {
    words: Vec<(String, Meaning)>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

impl Vocabulary {
    pub fn new() -> Vocabulary {
        let languages = LANGUAGE_WORDS
            .iter()
            .map(|(code, names)| (Meaning::Language(code), *names));
        let categories = CATEGORY_WORDS
            .iter()
            .map(|(key, names)| (Meaning::Category(key), *names));
        // The offices people are accompanied to stand for that help too ("Jobcenter").
        let offices = std::iter::once((Meaning::Category("accompaniment"), &INSTITUTIONS[..]));
        let mut words: Vec<(String, Meaning)> = languages
            .chain(categories)
            .chain(offices)
            .flat_map(|(meaning, names)| {
                names.iter().flat_map(move |name| {
                    fold(name)
                        .split(' ')
                        .filter(|w| w.chars().count() >= 3 && !NOT_MEANINGFUL.contains(w))
                        .map(|w| (w.to_owned(), meaning))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        sort_natural(&mut words);
        words.dedup();
        Vocabulary { words }
    }

    /// What the folded word `typed` stands for (nothing for most words).
    pub fn meanings(&self, typed: &str) -> Vec<Meaning> {
        let length = typed.chars().count();
        if length < 3 {
            return Vec::new();
        }
        let start = self.words.partition_point(|(w, _)| w.as_str() < typed);
        let mut found: Vec<Meaning> = self.words[start..]
            .iter()
            .take_while(|(w, _)| w.starts_with(typed))
            .filter(|(w, _)| length >= PREFIX_FROM || w == typed)
            .map(|(_, meaning)| *meaning)
            .collect();
        sort_natural(&mut found);
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{CATEGORIES, LANGUAGES};

    #[test]
    fn every_catalogue_language_and_category_has_words() {
        for code in LANGUAGES {
            assert!(
                LANGUAGE_WORDS
                    .iter()
                    .any(|(c, w)| *c == code && !w.is_empty()),
                "{code}"
            );
        }
        for key in CATEGORIES {
            assert!(
                CATEGORY_WORDS
                    .iter()
                    .any(|(c, w)| *c == key && !w.is_empty()),
                "{key}"
            );
        }
    }

    #[test]
    fn dari_is_found_however_it_is_written_and_a_beginning_is_enough_from_four_letters() {
        let words = Vocabulary::new();
        let dari = vec![Meaning::Language("prs")];
        for typed in ["Dari", "dari", "Darice", "دری", "дари"] {
            assert_eq!(words.meanings(&fold(typed)), dari, "{typed}");
        }
        assert_eq!(
            words.meanings(&fold("Dar")),
            vec![],
            "three letters: only a whole word"
        );
        assert_eq!(
            words.meanings(&fold("Arabisch")),
            vec![Meaning::Language("ar")]
        );
        assert_eq!(
            words.meanings(&fold("العربية")),
            vec![Meaning::Language("ar")]
        );
        assert_eq!(
            words.meanings(&fold("Dolmetschen")),
            vec![Meaning::Category("translation")]
        );
        assert_eq!(
            words.meanings(&fold("Kinderbetr")),
            vec![Meaning::Category("childcare")]
        );
        assert_eq!(
            words.meanings(&fold("Jobcenter")),
            vec![Meaning::Category("accompaniment")]
        );
        assert!(words.meanings(&fold("keine")).is_empty());
        assert!(
            words.meanings(&fold("Farid")).is_empty(),
            "a name is no language"
        );
    }
}
