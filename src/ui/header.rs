//! The top bar: the organisation's name and whether the phone is online.

use super::app_state::use_app_state;
use super::online_status::OnlineStatus;
use crate::i18n::texts;
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
    view! {
        <header class="app-header">
            <span class="app-logo" aria-hidden="true"></span>
            <p class="app-title" dir="auto">{move || name().unwrap_or_else(|| texts().app_name.to_owned())}</p>
            <OnlineStatus/>
        </header>
    }
}
