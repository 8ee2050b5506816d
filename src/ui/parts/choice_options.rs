//! The `<option>` lists that several forms and filters share.

use crate::domain::catalog::{CATEGORIES, LANGUAGES};
use crate::i18n::texts;
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::language_name;
use leptos::prelude::*;

/// Every kind of help: the built-in ones in the current language, then the organisation's own
/// under the names it gave. The one equal to `current` is selected (forms that edit).
pub fn category_options(current: Signal<String>) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let built_in = CATEGORIES
        .iter()
        .enumerate()
        .map(|(i, key)| view! { <option value=*key selected=move || current.get() == *key>{t.categories[i]}</option> })
        .collect_view();
    let custom = move || {
        state.directory.with(|d| {
            d.categories
                .values()
                .map(|c| {
                    let id = c.id.clone();
                    view! { <option value=c.id.clone() selected=move || current.get() == id>{c.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    view! { {built_in} {custom} }
}

/// Every language the catalogue offers, by its name in the current language; the one equal to
/// `current` is selected (a form that edits, a filter cleared from elsewhere).
pub fn language_options(current: Signal<String>) -> impl IntoView {
    let t = texts();
    LANGUAGES
        .iter()
        .map(|code| view! { <option value=*code selected=move || current.get() == *code>{language_name(t, code)}</option> })
        .collect_view()
}
