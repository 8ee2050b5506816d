//! Checks a compiler cannot make: every translation has the same placeholders as German,
//! nothing is left empty or untranslated, every catalogue language has a name.

use super::lines::Reader;
use super::{best_match, by_code, register, Direction, Texts, ALL, OFFERED};
use crate::domain::catalog::{INSTITUTIONS, LANGUAGES};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Every string of a language by a readable key ("categories[2]", "language_names.prs").
fn strings(texts: &Texts) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(Value::Object(fields)) = serde_json::to_value(texts) else {
        panic!("Texts serialises to an object");
    };
    for (key, value) in fields {
        match value {
            Value::String(text) => {
                out.insert(key, text);
            }
            Value::Array(items) => {
                for (index, item) in items.into_iter().enumerate() {
                    match item {
                        Value::String(text) => {
                            out.insert(format!("{key}[{index}]"), text);
                        }
                        Value::Array(pair) => {
                            let code = pair[0].as_str().unwrap_or_default().to_owned();
                            let name = pair[1].as_str().unwrap_or_default().to_owned();
                            out.insert(format!("{key}.{code}"), name);
                        }
                        other => panic!("unexpected {other}"),
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

fn german() -> &'static Texts {
    ALL[0]
}

#[test]
fn german_is_the_default_and_codes_are_unique() {
    assert_eq!(german().lang, "de");
    let codes: BTreeSet<_> = ALL.iter().map(|t| t.lang).collect();
    assert_eq!(codes.len(), ALL.len());
    assert_eq!(
        codes,
        BTreeSet::from(["ar", "de", "en", "fa", "ru", "tr", "uk"])
    );
}

#[test]
fn arabic_and_persian_run_right_to_left_the_others_left_to_right() {
    for texts in ALL {
        let expected = if matches!(texts.lang, "ar" | "fa") {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        assert_eq!(texts.dir, expected, "{}", texts.lang);
    }
}

#[test]
fn every_translation_has_the_placeholders_of_german() {
    let reference = strings(german());
    for texts in ALL {
        let translated = strings(texts);
        assert_eq!(
            translated.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>(),
            "{} lists other keys than German",
            texts.lang
        );
        for (key, german_text) in &reference {
            assert_eq!(
                placeholders(&translated[key]),
                placeholders(german_text),
                "{}: {key} = {:?}",
                texts.lang,
                translated[key]
            );
        }
    }
}

#[test]
fn counted_texts_name_their_forms_by_the_plural_categories_and_have_an_other_form() {
    use super::plural::CATEGORIES;
    for texts in ALL {
        for (key, text) in strings(texts).into_iter().filter(|(_, t)| t.contains('|')) {
            let names: Vec<&str> = text
                .split('|')
                .map(|form| form.split_once(':').map_or("", |(name, _)| name))
                .collect();
            assert!(
                names.iter().all(|name| CATEGORIES.contains(name)),
                "{}: {key} names a form that is no plural category: {names:?}",
                texts.lang
            );
            assert!(
                names.contains(&"other"),
                "{}: {key} has no other form",
                texts.lang
            );
        }
    }
}

#[test]
fn nothing_is_left_empty_or_in_german() {
    // The same in several languages: the product name, loanwords, proper names of languages.
    let may_match_german = |key: &str| {
        matches!(
            key,
            "app_name" | "dir" | "online" | "offline" | "name_label" | "phones_label"
        ) || key == "consent_form_name" || matches!(key, "org_section" | "urgency_normal")
            // Only placeholders and punctuation, or the same words in English.
            || matches!(key, "coverage_cell" | "single_district")
            || matches!(
                key,
                "language_names.prs"
                    | "language_names.so"
                    | "language_names.ti"
                    | "language_names.ur"
            )
    };
    let reference = strings(german());
    let mut untranslated = Vec::new();
    for texts in ALL.iter().filter(|t| t.lang != "de") {
        for (key, text) in strings(texts) {
            if text.trim().is_empty() || (text == reference[&key] && !may_match_german(&key)) {
                untranslated.push(format!("{}: {key} = {text:?}", texts.lang));
            }
        }
    }
    assert!(untranslated.is_empty(), "{untranslated:#?}");
}

#[test]
fn every_catalogue_language_has_a_name_in_every_language() {
    for texts in ALL {
        for code in LANGUAGES {
            assert!(
                texts.language_names.iter().any(|(c, _)| *c == code),
                "{}: no name for {code}",
                texts.lang
            );
        }
    }
}

#[test]
fn institutions_are_explained_without_renaming_them() {
    // The name stays German (it is what the letter says); the explanation is translated and
    // must not just repeat it.
    for texts in ALL {
        for (name, explanation) in INSTITUTIONS.iter().zip(texts.institutions) {
            assert!(!explanation.trim().is_empty(), "{}: {name}", texts.lang);
            assert_ne!(explanation.trim(), *name, "{}", texts.lang);
        }
    }
}

#[test]
fn german_institutions_keep_their_names() {
    for texts in ALL {
        assert!(
            texts.request_place_example.contains("Jobcenter"),
            "{}: {}",
            texts.lang,
            texts.request_place_example
        );
    }
}

#[test]
fn the_browser_languages_choose_the_first_one_lotse_speaks() {
    assert_eq!(best_match(["ar-SY", "de-DE"]), "ar");
    assert_eq!(best_match(["sq", "uk-UA", "en"]), "uk");
    assert_eq!(best_match(["EN_us"]), "en");
    assert_eq!(best_match(["prs-AF"]), "fa");
    assert_eq!(best_match(["sq", "so"]), "de");
    assert_eq!(best_match(std::iter::empty()), "de");
    assert_eq!(by_code("tr").map(|t| t.lang), Some("tr"));
    assert!(by_code("tr-TR").is_none());
}

#[test]
fn contact_buttons_say_in_their_accessible_name_what_they_show() {
    // WCAG 2.5.3: speech-input users say the visible word; it must be part of the name.
    for texts in ALL {
        let contains =
            |label: &str, visible: &str| label.to_lowercase().contains(&visible.to_lowercase());
        assert!(contains(texts.call_label, texts.call), "{}", texts.lang);
        assert!(contains(texts.copy_label, texts.copy), "{}", texts.lang);
        assert!(contains(texts.whatsapp_label, "WhatsApp"), "{}", texts.lang);
        assert!(contains(texts.signal_label, "Signal"), "{}", texts.lang);
    }
}

#[test]
fn the_offered_languages_are_those_of_the_texts() {
    let offered: Vec<_> = OFFERED
        .iter()
        .map(|o| (o.code, o.native_name, o.dir))
        .collect();
    let texts: Vec<_> = ALL.iter().map(|t| (t.lang, t.native_name, t.dir)).collect();
    assert_eq!(offered, texts);
}

/// The language files the app loads must be these texts: written anew with
/// `LOTSE_WRITE_TEXTS=1 cargo test --lib i18n`, and read back to exactly the same texts.
#[test]
fn the_language_files_in_public_are_these_texts_and_read_back_to_them() {
    let write = std::env::var_os("LOTSE_WRITE_TEXTS").is_some();
    for texts in ALL.iter().skip(1) {
        let path = format!(
            "{}/public/i18n/{}.txt",
            env!("CARGO_MANIFEST_DIR"),
            texts.lang
        );
        let file = texts.to_lines();
        if write {
            std::fs::write(&path, &file).expect("public/i18n is writable");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == file,
            "{path} is not up to date: run LOTSE_WRITE_TEXTS=1 cargo test --lib i18n"
        );
        let mut lines = Reader::new(Box::leak(file.into_boxed_str()));
        let back = Texts::from_lines(&mut lines).expect("the file reads back");
        assert!(
            lines.is_done(),
            "{}: nothing after the last field",
            texts.lang
        );
        assert_eq!(strings(&back), strings(texts), "{}", texts.lang);
        assert_eq!(back.dir, texts.dir);
    }
}

#[test]
fn a_file_of_another_version_or_language_is_refused() {
    let arabic = ALL.iter().find(|t| t.lang == "ar").unwrap().to_lines();
    assert!(
        register("xx", arabic.clone()).is_none(),
        "not the language asked for"
    );
    let cut: String = arabic.lines().take(100).collect::<Vec<_>>().join("\n");
    assert!(register("ar-cut", cut).is_none());
    let longer = format!("{arabic}one more field\n");
    let mut lines = Reader::new(Box::leak(longer.into_boxed_str()));
    assert!(Texts::from_lines(&mut lines).is_some());
    assert!(!lines.is_done(), "a field too many is noticed");
    let mut lines = Reader::new("zwei\\nZeilen \\\\ und\n");
    let escaped: &str = super::lines::Read::read(&mut lines);
    assert_eq!(escaped, "zwei\nZeilen \\ und");
    assert!(!lines.failed());
    let mut lines = Reader::new("kaputt \\x\n");
    let _: &str = super::lines::Read::read(&mut lines);
    assert!(lines.failed(), "an unknown escape is not a text");
}

/// The helper search reads language and category names from `domain::vocabulary` (only German
/// texts are in the wasm): every name the interface shows must be there.
#[test]
fn the_search_vocabulary_knows_every_name_the_interface_gives_a_language_or_a_kind_of_help() {
    use crate::domain::catalog::CATEGORIES;
    use crate::domain::vocabulary::{CATEGORY_WORDS, LANGUAGE_WORDS};
    let words = |table: &[(&str, &'static [&'static str])], key: &str| {
        table
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, w)| w.to_vec())
            .unwrap_or_default()
    };
    for texts in ALL {
        for (code, name) in texts.language_names {
            assert!(
                words(LANGUAGE_WORDS, code).contains(name),
                "{}: {code} {name}",
                texts.lang
            );
        }
        for (key, label) in CATEGORIES.iter().zip(texts.categories) {
            assert!(
                words(CATEGORY_WORDS, key).contains(&label),
                "{}: {key} {label}",
                texts.lang
            );
        }
    }
}
