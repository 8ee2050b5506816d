//! Which language is in force: chosen by the person, else the browser's first one Lotse speaks.

use super::lines::Reader;
use super::{Texts, ALL, OFFERED};
use std::cell::{Cell, RefCell};

thread_local! {
    // The browser runs the app on one thread; a language switch re-renders the whole tree,
    // so every component reads the new texts while it is being built.
    static CURRENT: Cell<&'static Texts> = Cell::new(ALL[0]);
    // The languages at hand: the built-in ones, then those loaded from their files.
    static LOADED: RefCell<Vec<&'static Texts>> = RefCell::new(ALL.to_vec());
}

/// The texts in force.
pub fn texts() -> &'static Texts {
    CURRENT.with(Cell::get)
}

pub fn set_current(language: &'static Texts) {
    CURRENT.with(|current| current.set(language));
}

/// The language with exactly this code, if its texts are at hand.
pub fn by_code(code: &str) -> Option<&'static Texts> {
    LOADED.with(|loaded| loaded.borrow().iter().copied().find(|t| t.lang == code))
}

/// Takes in the language file of `code` (kept for the rest of the visit); `None` if it is not
/// a complete file of this version for that language.
pub fn register(code: &str, file: String) -> Option<&'static Texts> {
    if let Some(known) = by_code(code) {
        return Some(known);
    }
    let mut lines = Reader::new(Box::leak(file.into_boxed_str()));
    let texts = Texts::from_lines(&mut lines).filter(|t| t.lang == code)?;
    if !lines.is_done() {
        return None;
    }
    let texts: &'static Texts = Box::leak(Box::new(texts));
    LOADED.with(|loaded| loaded.borrow_mut().push(texts));
    Some(texts)
}

/// The first of the browser's preferred languages (`navigator.languages`, best first) that
/// Lotse speaks, matched on the primary subtag ("ar-SY" is Arabic); German if none.
pub fn best_match<'a>(preferences: impl IntoIterator<Item = &'a str>) -> &'static str {
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
            OFFERED.iter().find(|o| o.code == primary).map(|o| o.code)
        })
        .unwrap_or(OFFERED[0].code)
}
