//! Which language is in force: chosen by the person, else the browser's first one Lotse speaks.

use super::{Texts, ALL};
use std::cell::Cell;

thread_local! {
    // The browser runs the app on one thread; a language switch re-renders the whole tree,
    // so every component reads the new texts while it is being built.
    static CURRENT: Cell<&'static Texts> = Cell::new(ALL[0]);
}

/// The texts in force.
pub fn texts() -> &'static Texts {
    CURRENT.with(Cell::get)
}

pub fn set_current(language: &'static Texts) {
    CURRENT.with(|current| current.set(language));
}

/// The language with exactly this code, if Lotse speaks it.
pub fn by_code(code: &str) -> Option<&'static Texts> {
    ALL.iter().copied().find(|t| t.lang == code)
}

/// The first of the browser's preferred languages (`navigator.languages`, best first) that
/// Lotse speaks, matched on the primary subtag ("ar-SY" is Arabic); German if none.
pub fn best_match<'a>(preferences: impl IntoIterator<Item = &'a str>) -> &'static Texts {
    preferences
        .into_iter()
        .find_map(|tag| {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            // Dari is written in Persian script and its readers read Persian.
            let primary = if primary == "prs" {
                "fa".to_owned()
            } else {
                primary
            };
            by_code(&primary)
        })
        .unwrap_or(ALL[0])
}
