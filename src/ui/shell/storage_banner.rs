//! App-wide storage problems, shown above every page until they are solved.

use crate::i18n::texts;
use crate::storage::error::StorageError;
use crate::ui::state::app_state::{use_app_state, StorageStatus};
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;

/// An alert when storage is unavailable, blocked by another tab or upgraded elsewhere.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let problem = move || match state.storage.get() {
        StorageStatus::Failed(err) if err.affects_whole_app() => Some(err),
        _ => None,
    };
    view! {
        {move || problem().map(|err| {
            let offer_reload = err == StorageError::VersionChanged;
            view! {
                <div class="banner banner-error" role="alert">
                    <p>{storage_error_message(t, &err)}</p>
                    {offer_reload.then(|| view! {
                        <button type="button" on:click=|_| reload_page()>{t.reload}</button>
                    })}
                </div>
            }
        })}
    }
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        // If reloading fails there is nothing better to do than leave the message up.
        let _ = window.location().reload();
    }
}
