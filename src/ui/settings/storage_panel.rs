//! How much this device stores, and whether the browser promised to keep it.

use crate::domain::byte_size::{percent_used, readable_bytes};
use crate::i18n::{texts, Texts};
use crate::storage::estimate::estimate;
use crate::ui::state::app_state::{use_app_state, Persistence};
use crate::ui::text::locale_format::{format_bytes, format_count};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Storage used / available and persistent-storage status with a button to ask for it.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let persistence = state.persistence;
    // Plain signals filled by a task, not a Resource: the async-resource machinery would add
    // several kilobytes to the app for two numbers.
    let usage = RwSignal::new(None);
    spawn_local(async move { usage.set(Some(estimate().await)) });
    let ask = move |_| spawn_local(state.request_persistence(true));
    let usage_text = move || {
        usage.get().map(|result| match result {
            Ok(use_) if use_.quota_bytes > 0 => Texts::fill(
                t.storage_used,
                &[
                    ("used", &format_bytes(readable_bytes(use_.used_bytes))),
                    ("quota", &format_bytes(readable_bytes(use_.quota_bytes))),
                    (
                        "percent",
                        &format_count(percent_used(use_.used_bytes, use_.quota_bytes).into()),
                    ),
                ],
            ),
            _ => t.storage_unknown.to_owned(),
        })
    };

    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{t.storage_section}</h2>
            <p>{move || usage_text().unwrap_or_else(|| t.loading.to_owned())}</p>
            <p role="status">
                {move || match persistence.get() {
                    Persistence::Unknown => t.loading,
                    Persistence::Granted => t.persist_granted,
                    Persistence::NotGranted => t.persist_not_granted,
                    Persistence::Denied => t.persist_denied,
                }}
            </p>
            <Show when=move || persistence.get() != Persistence::Granted>
                <p class="hint" id="persist-why">{t.persist_why}</p>
                <button type="button" aria-describedby="persist-why" on:click=ask>{t.persist_request}</button>
            </Show>
        </section>
    }
}
