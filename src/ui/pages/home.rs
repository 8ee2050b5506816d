//! Start page: what Lotse is for, and the first step if the organisation is not set up yet.

use crate::i18n::texts;
use crate::ui::app_state::{use_app_state, StorageStatus};
use leptos::prelude::*;
use leptos_router::components::A;

/// Welcome and, until the organisation has a name, a pointer to the settings.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let needs_name = move || {
        state.storage.get() == StorageStatus::Ready && state.organisation.with(Option::is_none)
    };
    view! {
        <section class="page" aria-labelledby="home-title">
            <h1 id="home-title">{t.home_title}</h1>
            <p>{t.home_intro}</p>
            <Show when=needs_name>
                <div class="card">
                    <p>{t.home_name_missing}</p>
                    <A href="/settings" {..} class="button">{t.home_go_to_settings}</A>
                </div>
            </Show>
        </section>
    }
}
