//! The language this person reads on this device: the one they chose, else the first of the
//! browser's languages Lotse speaks. Kept in localStorage – a per-device preference that must
//! be known before the first paint, which asynchronous IndexedDB could not give.

use super::preferences::{preference, set_preference};
use crate::i18n::{best_match, by_code, register, set_current, texts, Texts};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const STORAGE_KEY: &str = "lotse.language";

/// Settles the language before anything is rendered: the one chosen on this device, else the
/// browser's; its texts loaded if they are not built in. Without them (a first visit that
/// broke off), German – the choice stays, and the next start tries again.
pub async fn prepare() {
    let code = saved_choice()
        .unwrap_or_else(|| best_match(browser_languages().iter().map(String::as_str)).to_owned());
    if let Some(language) = load(&code).await {
        show_in(language);
    }
}

/// The texts of `code`: built in or loaded before, else fetched from `/i18n/<code>.txt`
/// (the service worker has it offline). Also for a document made in another language than
/// the app's (a person's data, in their language).
pub async fn load(code: &str) -> Option<&'static Texts> {
    if let Some(known) = by_code(code) {
        return Some(known);
    }
    let file = fetch_text(&format!("/i18n/{code}.txt")).await?;
    register(code, file)
}

async fn fetch_text(url: &str) -> Option<String> {
    let answer = JsFuture::from(web_sys::window()?.fetch_with_str(url))
        .await
        .ok()?;
    let response: web_sys::Response = answer.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// The current language's code; the root view re-renders the app when it changes.
#[derive(Clone, Copy)]
pub struct LanguageChoice(RwSignal<&'static str>);

impl LanguageChoice {
    /// Provides the language settled by `prepare` to all pages.
    pub fn start() -> Self {
        let choice = LanguageChoice(RwSignal::new(texts().lang));
        provide_context(choice);
        choice
    }

    /// The code in force; reading it subscribes to changes.
    pub fn code(self) -> &'static str {
        self.0.get()
    }

    /// Switches the whole interface (once its texts are at hand) and remembers the choice on
    /// this device.
    pub fn choose(self, code: &str) {
        let code = code.to_owned();
        leptos::task::spawn_local(async move {
            let Some(language) = load(&code).await else {
                return;
            };
            show_in(language);
            remember(language.lang);
            self.0.set(language.lang);
        });
    }
}

pub fn use_language_choice() -> Option<LanguageChoice> {
    use_context::<LanguageChoice>()
}

/// Makes `language` the one texts are read in, and tells the browser (`<html lang dir>`): the
/// layout mirrors for right-to-left scripts, and screen readers pick the right voice.
fn show_in(language: &'static Texts) {
    set_current(language);
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        // Attributes on <html> cannot fail to be set; if they did, only the layout direction
        // would be off, never the data.
        let _ = root.set_attribute("lang", language.lang);
        let _ = root.set_attribute("dir", language.dir.as_html());
    }
    debug_assert_eq!(texts().lang, language.lang);
}

// Without local storage (disabled in some private modes) the choice lasts the visit.
fn saved_choice() -> Option<String> {
    preference(STORAGE_KEY)
}

fn remember(code: &str) {
    set_preference(STORAGE_KEY, code);
}

fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if tags.is_empty() {
        tags.extend(navigator.language());
    }
    tags
}
