//! Fill the app with a made-up organisation, to try Lotse out before entering real people.

use crate::domain::seed::SeedSize;
use crate::i18n::{texts, Texts};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::locale_format::format_count;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A button that loads demo data, with the outcome in words.
#[component]
pub fn DemoPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let status = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let load = move |_| {
        busy.set(true);
        spawn_local(async move {
            let message = match state.load_demo(SeedSize::DEMO).await {
                Ok(count) => Texts::fill(t.demo_loaded, &[("count", &format_count(count))]),
                Err(err) => storage_error_message(t, &err).to_owned(),
            };
            status.set(Some(message));
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="demo-title">
            <h2 id="demo-title">{t.demo_title}</h2>
            <p>{t.demo_hint}</p>
            <button type="button" class="button-secondary" disabled=move || busy.get() on:click=load>{t.demo_load}</button>
            <p role="status">{move || status.get()}</p>
        </section>
    }
}
