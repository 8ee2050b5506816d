//! Settings → Sync on a device that was removed from the organisation: its keys are gone;
//! what it changed and never sent can be saved as a file for a coordinator before the
//! organisation's data is deleted from it.

use crate::domain::change::Change;
use crate::i18n::texts;
use crate::ui::parts::loaded::load;
use crate::ui::state::app_state::use_app_state;
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::locale_format::format_counted;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

/// More than one device ever writes before it syncs.
const MOST_UNSENT: usize = 100_000;

/// The unsent changes as a file: what a coordinator can read (or, later, import) to type
/// them in again.
fn unsent_file(device: &str, changes: &[Change]) -> String {
    let file = json!({ "lotse_unsent_changes": 1, "device": device, "changes": changes });
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&file.to_string()))
    )
}

#[component]
pub fn RemovedPanel() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let unsent = load(move || async move {
        let db = state
            .database()
            .await
            .map_err(|err| storage_error_message(t, &err).to_owned())?;
        db.unpushed(MOST_UNSENT)
            .await
            .map_err(|err| storage_error_message(t, &err).to_owned())
    });
    let busy = RwSignal::new(false);
    let wipe = move |_| {
        busy.set(true);
        spawn_local(async move { sync.wipe(state).await });
    };
    let device = move || state.device_id.get().unwrap_or_default();
    view! {
        <p role="alert">{t.sync_removed_here}</p>
        {move || unsent.get().and_then(Result::ok).filter(|c: &Vec<Change>| !c.is_empty()).map(|changes| view! {
            <p>{format_counted(t.sync_removed_unsent, changes.len())}</p>
            <p>
                <a class="button" href=unsent_file(&device(), &changes)
                    download=format!("lotse-unsent-{}.json", device())>{t.sync_save_unsent}</a>
            </p>
        })}
        <button type="button" class="button-danger" disabled=move || busy.get() on:click=wipe>
            {t.sync_wipe}
        </button>
    }
}
