//! Texts that depend on a count. A template lists its forms by the plural category of the
//! language, as the browser's `Intl.PluralRules` names them (CLDR: zero, one, two, few, many,
//! other): `"one:{count} Änderung wartet.|other:{count} Änderungen warten."`. German needs two
//! forms, Arabic six, Russian three, Turkish one – each language lists what its grammar has,
//! instead of "Änderung(en)" in every language. A template without forms is its own form.

/// The form of `template` for `category`, else its `other` form, else the first one.
pub fn plural_form<'a>(template: &'a str, category: &str) -> &'a str {
    if !template.contains('|') {
        return template;
    }
    let forms = || template.split('|').filter_map(|form| form.split_once(':'));
    forms()
        .find(|(name, _)| *name == category)
        .or_else(|| forms().find(|(name, _)| *name == "other"))
        .or_else(|| forms().next())
        .map_or(template, |(_, text)| text)
}

/// The categories a form may be named by (what a native test checks every template against).
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[cfg(test)]
mod tests {
    use super::*;

    const GERMAN: &str = "one:{count} Änderung wartet.|other:{count} Änderungen warten.";

    #[test]
    fn picks_the_form_of_the_category() {
        assert_eq!(plural_form(GERMAN, "one"), "{count} Änderung wartet.");
        assert_eq!(plural_form(GERMAN, "other"), "{count} Änderungen warten.");
    }

    #[test]
    fn a_category_the_template_does_not_list_takes_its_other_form() {
        // Arabic's "two" asked of a German template (a language file older than the rules).
        assert_eq!(plural_form(GERMAN, "two"), "{count} Änderungen warten.");
        assert_eq!(plural_form("one:eins|few:wenige", "many"), "eins");
    }

    #[test]
    fn a_template_without_forms_is_used_as_it_is() {
        // A text containing a colon is not mistaken for forms.
        assert_eq!(plural_form("Найдено: {count}", "few"), "Найдено: {count}");
    }
}
