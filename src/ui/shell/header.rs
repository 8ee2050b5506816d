//! The top bar: the organisation's name, whether the phone is online, locking it (with the
//! app lock on), the way to the language picker.

use crate::i18n::texts;
use crate::ui::shell::online_status::OnlineStatus;
use crate::ui::state::app_lock::{lock_now, LockStatus};
use crate::ui::state::app_state::use_app_state;
use leptos::prelude::*;

/// Header with the organisation's name (falls back to "Lotse" until one is set).
#[component]
pub fn AppHeader() -> impl IntoView {
    let state = use_app_state();
    let name = move || {
        state
            .organisation
            .with(|org| org.as_ref().map(|o| o.name.clone()))
    };
    let lock_on = move || {
        state
            .lock
            .with(|lock| matches!(lock, LockStatus::Unlocked(_)))
    };
    view! {
        <header class="app-header">
            <span class="app-logo" aria-hidden="true"></span>
            <p class="app-title" dir="auto" title=name>{move || name().unwrap_or_else(|| texts().app_name.to_owned())}</p>
            <OnlineStatus/>
            // On a shared phone: locked before it is handed on.
            <Show when=lock_on>
                <button type="button" class="header-button" on:click=move |_| lock_now()>
                    <span class="nav-icon icon-lock" aria-hidden="true"></span>
                    <span class="visually-hidden">{texts().lock_now}</span>
                </button>
            </Show>
            // A globe anyone recognises, whatever language the app opened in.
            <a class="language-link" href="/settings#language">
                <span class="nav-icon icon-language" aria-hidden="true"></span>
                <span class="visually-hidden">{texts().language_picker_label} </span>
                <span class="language-code">{texts().lang.to_uppercase()}</span>
            </a>
        </header>
    }
}
