//! Shown for any address the app does not know.

use crate::i18n::texts;
use leptos::prelude::*;

/// A short message and a way back.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="page">
            <h1>{t.not_found_title}</h1>
            <a href="/" class="button">{t.not_found_back}</a>
        </section>
    }
}
