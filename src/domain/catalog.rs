//! What the app ships with: help categories (from the field research, see DOMAIN.md) and the
//! languages members commonly speak. Labels are translated in `i18n`; an organisation's own
//! categories are records (`CustomCategory`) and keep the name it gave.

/// Keys of the built-in help categories, in the order forms offer them. "health" includes
/// caring for relatives (dementia), "legal" is orientation only: pointing to professional
/// counselling, never legal advice.
pub const CATEGORIES: [&str; 13] = [
    "childcare",
    "translation",
    "accompaniment",
    "forms",
    "jobs",
    "housing",
    "health",
    "school",
    "legal",
    "emotional",
    "transport",
    "language_practice",
    "other",
];

/// ISO 639 codes of languages offered in forms and filters (any code may be stored).
pub const LANGUAGES: [&str; 26] = [
    "de", "ar", "tr", "ku", "fa", "prs", "ps", "ru", "uk", "pl", "ro", "bg", "sq", "bs", "ti",
    "am", "so", "en", "fr", "es", "it", "el", "ur", "vi", "zh", "ckb",
];

/// German offices people are accompanied to. Their names stay German in every language (they
/// are what is written on the letters and the doors); each language explains them.
pub const INSTITUTIONS: [&str; 7] = [
    "Jobcenter",
    "Ausländerbehörde",
    "Jugendamt",
    "Familienkasse",
    "Sozialamt",
    "Bürgeramt",
    "Agentur für Arbeit",
];

/// Places the organisations of the study work in; suggestions only, any district may be typed.
pub const DISTRICTS: [&str; 16] = [
    "Dortmund-Nordstadt",
    "Dortmund-Eving",
    "Dortmund-Scharnhorst",
    "Dortmund-Hörde",
    "Dortmund-Innenstadt-West",
    "Bochum-Mitte",
    "Bochum-Wattenscheid",
    "Bochum-Langendreer",
    "Bochum-Hamme",
    "Duisburg-Marxloh",
    "Duisburg-Hochfeld",
    "Duisburg-Meiderich",
    "Duisburg-Rheinhausen",
    "Duisburg-Hamborn",
    "Gelsenkirchen-Ückendorf",
    "Herne-Mitte",
];

/// Whether `key` is one of the built-in categories (otherwise it is a custom category's id).
pub fn is_builtin_category(key: &str) -> bool {
    CATEGORIES.contains(&key)
}
