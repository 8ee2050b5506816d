//! "Update available" notice with a button that switches to the new version.

use crate::i18n::texts;
use crate::ui::shell::service_worker::ServiceWorkerUpdate;
use leptos::prelude::*;

/// Shown when a new version is installed and waiting for the user's confirmation.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_context::<ServiceWorkerUpdate>();
    let t = texts();
    view! {
        {move || update.filter(|u| u.available.get()).map(|u| view! {
            <div class="banner banner-info" role="status">
                <p>{t.update_available}</p>
                <button type="button" on:click=move |_| u.apply()>{t.update_now}</button>
            </div>
        })}
    }
}
