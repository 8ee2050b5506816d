//! Settings → Sync → the organisation's devices: who syncs, and removing a lost phone.

use crate::i18n::{texts, Texts};
use crate::storage::SyncConfig;
use crate::sync::{list_devices, remove_device, Device};
use crate::ui::app_state::{now_local, use_app_state};
use crate::ui::sync_line::sync_error_message;
use crate::ui::sync_state::use_sync_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The organisation's devices; removing one locks it out and rotates the data key.
#[component]
pub fn DeviceList() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let devices = RwSignal::new(Vec::<Device>::new());
    let message = RwSignal::new(None::<String>);
    let load = move || {
        // Only a relay keeps a device list; a plain CouchDB manages its users itself.
        let Some(config) = sync
            .and_then(|s| s.config.get_untracked())
            .filter(SyncConfig::is_relay)
        else {
            return;
        };
        spawn_local(async move {
            // Offline or a CouchDB without the list: the section stays empty.
            if let Ok(list) = list_devices(&config).await {
                devices.set(list);
            }
        });
    };
    load();
    let remove = move |id: String| {
        let (Some(sync), Some(config)) = (sync, sync.and_then(|s| s.config.get_untracked())) else {
            return;
        };
        let this_device = state.device_id.get_untracked().unwrap_or_default();
        spawn_local(async move {
            let stamp = now_local();
            let outcome = match remove_device(&config, &id, &this_device, &stamp).await {
                Ok(rotated) => sync.replace_config(state, rotated).await,
                Err(err) => Err(err),
            };
            match outcome {
                Ok(()) => {
                    message.set(Some(t.sync_removed.to_owned()));
                    load();
                }
                Err(err) => message.set(Some(sync_error_message(t, &err, 0))),
            }
        });
    };
    view! {
        <Show when=move || devices.with(|d| !d.is_empty())>
            <h3>{t.sync_devices}</h3>
            <ul class="candidates">
                {move || devices.get().into_iter().map(|device| {
                    // Named by the start of their random id: the server never learns names.
                    let short: String = device.name.trim_start_matches("Lotse ").chars().take(8).collect();
                    let label = if device.this {
                        t.conflict_this_device.to_owned()
                    } else {
                        Texts::fill(t.conflict_other_device, &[("id", &short)])
                    };
                    let id = device.id.clone();
                    let name = format!("{} – {label}", t.sync_remove);
                    view! {
                        <li>
                            <p>{label}</p>
                            {(!device.this).then(|| view! {
                                <button type="button" class="button-secondary" aria-label=name
                                    on:click=move |_| remove(id.clone())>{t.sync_remove}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        <p role="status">{move || message.get()}</p>
    }
}
