//! Holds back what depends on stored data until storage has been read: edit forms that copy
//! a stored record once, and lists whose "none yet" would be untrue while storage fails.

use crate::i18n::texts;
use crate::ui::state::app_state::{use_app_state, StorageStatus};
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

/// A list from the directory: "Loading …" while storage opens, and while storage cannot be
/// read the truth ("cannot be read, not lost") instead of an empty list or "0 found".
#[component]
pub fn WhenReadable(children: ChildrenFn) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    move || match state.storage.get() {
        StorageStatus::Ready => children().into_any(),
        StorageStatus::Opening => view! { <p role="status">{t.loading}</p> }.into_any(),
        // Another tab that upgraded or blocks the database leaves what was read on screen.
        StorageStatus::Failed(_) if state.directory.with(|d| !d.is_empty()) => {
            children().into_any()
        }
        StorageStatus::Failed(_) => view! { <p class="card">{t.data_unreadable}</p> }.into_any(),
    }
}
