//! The language picker: every language in its own name and script (a language not used yet
//! on this device is loaded when chosen, from the service worker's cache when offline).

use crate::i18n::{texts, OFFERED};
use crate::ui::state::language::use_language_choice;
use leptos::prelude::*;

/// A labelled select; choosing re-renders the app in the new language at once.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let t = texts();
    let choice = use_language_choice();
    let current = move || choice.map(|c| c.code()).unwrap_or(t.lang);
    let on_change = move |ev| {
        if let Some(choice) = choice {
            choice.choose(&event_target_value(&ev));
        }
    };
    view! {
        <section class="card" aria-labelledby="language-title" id="language">
            <h2 id="language-title">{t.language_section}</h2>
            <label for="language-picker">{t.language_picker_label}</label>
            <select id="language-picker" on:change=on_change>
                {OFFERED.iter().map(|language| view! {
                    <option value=language.code lang=language.code
                        selected=move || current() == language.code>
                        {language.native_name}
                    </option>
                }).collect_view()}
            </select>
        </section>
    }
}
