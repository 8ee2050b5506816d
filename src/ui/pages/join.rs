//! /join: what an invited volunteer opens first – the invitation code (or the QR code's link)
//! and the relay's address, nothing else in the way.

use crate::i18n::texts;
use crate::ui::settings::{DemoNoSync, JoinForm};
use crate::ui::state::app_state::use_app_state;
use crate::ui::state::sync_state::use_sync_state;
use leptos::prelude::*;

#[component]
pub fn JoinPage() -> impl IntoView {
    let t = texts();
    let sync = use_sync_state();
    let joined = move || sync.config.with(Option::is_some);
    let demo = use_app_state().demo;
    view! {
        <section class="page" aria-labelledby="join-title">
            <h1 id="join-title">{t.join_title}</h1>
            <div class="card">
                <Show when=joined fallback=move || if demo { view! { <DemoNoSync/> }.into_any() } else { view! { <JoinForm/> }.into_any() }>
                    <p role="status">{t.joined}</p>
                    <a href="/" class="button">{t.today_title}</a>
                </Show>
            </div>
        </section>
    }
}
