//! How much this device stores, and whether the browser promised to keep it.

use crate::domain::byte_size::{format_bytes, percent_used};
use crate::i18n::{texts, Texts};
use crate::storage::estimate::{estimate, is_persisted, request_persistence};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Persistence {
    Unknown,
    Granted,
    NotGranted,
    Denied,
}

/// Storage used / available and persistent-storage status with a button to ask for it.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let t = texts();
    // Plain signals filled by a task, not a Resource: the async-resource machinery would add
    // several kilobytes to the app for two numbers.
    let usage = RwSignal::new(None);
    let persistence = RwSignal::new(Persistence::Unknown);
    spawn_local(async move {
        usage.set(Some(estimate().await));
        let granted = is_persisted().await.unwrap_or(false);
        persistence.set(if granted {
            Persistence::Granted
        } else {
            Persistence::NotGranted
        });
    });
    let ask = move |_| {
        spawn_local(async move {
            let granted = request_persistence().await.unwrap_or(false);
            persistence.set(if granted {
                Persistence::Granted
            } else {
                Persistence::Denied
            });
        });
    };
    let usage_text = move || {
        usage.get().map(|result| match result {
            Ok(use_) if use_.quota_bytes > 0 => Texts::fill(
                t.storage_used,
                &[
                    ("used", &format_bytes(use_.used_bytes, t.decimal_separator)),
                    (
                        "quota",
                        &format_bytes(use_.quota_bytes, t.decimal_separator),
                    ),
                    (
                        "percent",
                        &percent_used(use_.used_bytes, use_.quota_bytes).to_string(),
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
                <button type="button" on:click=ask>{t.persist_request}</button>
            </Show>
        </section>
    }
}
