//! Try Lotse with a made-up organisation: a database of its own, never synced, gone in one tap.

use crate::i18n::texts;
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Starts the demo, or – while it is shown – ends it and deletes its data.
#[component]
pub fn DemoPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    view! {
        <section class="card" aria-labelledby="demo-title">
            <h2 id="demo-title">{t.demo_title}</h2>
            {if state.demo {
                view! { <p>{t.demo_active_hint}</p> <EndDemoButton label=t.demo_end_delete/> }.into_any()
            } else {
                view! { <p>{t.demo_hint}</p> <StartDemoButton/> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn StartDemoButton(#[prop(optional)] label: Option<&'static str>) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let problem = RwSignal::new(None::<&'static str>);
    let start = move |_| {
        if !state.start_demo() {
            problem.set(Some(t.err_unavailable));
        }
    };
    view! {
        <button type="button" class="button-secondary" on:click=start>{label.unwrap_or(t.demo_load)}</button>
        <p class="field-error" role="alert">{move || problem.get()}</p>
    }
}

/// Ends the demo; the app starts again at the page it is on (a join link keeps its code).
#[component]
pub fn EndDemoButton(label: &'static str) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let end = move |_| {
        busy.set(true);
        let here = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_else(|| "/".to_owned());
        spawn_local(async move {
            if let Err(err) = state.end_demo(&here).await {
                problem.set(Some(storage_error_message(t, &err)));
                busy.set(false);
            }
        });
    };
    view! {
        <button type="button" class="button-secondary" disabled=move || busy.get() on:click=end>{label}</button>
        <p class="field-error" role="alert">{move || problem.get()}</p>
    }
}
