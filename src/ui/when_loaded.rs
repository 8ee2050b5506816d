//! Holds back a page until storage has been read, for pages that copy stored data once.

use crate::i18n::texts;
use crate::ui::app_state::{use_app_state, StorageStatus};
use leptos::prelude::*;

/// Shows "Loading …" while the database opens. An edit form built before then would start
/// empty, and saving it would overwrite the stored record with the blanks.
#[component]
pub fn WhenLoaded(children: ChildrenFn) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    view! {
        <Show
            when=move || state.storage.with(|s| *s != StorageStatus::Opening)
            fallback=move || view! { <p role="status" class="page">{t.loading}</p> }
        >
            {children()}
        </Show>
    }
}
