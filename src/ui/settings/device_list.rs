//! Settings → Sync → the organisation's devices: who syncs, and removing a lost phone (asked
//! first; this device itself is never offered, and the relay refuses it too).

use crate::domain::device_name::{name_of_listed, DeviceName};
use crate::domain::sync::settings::SyncConfig;
use crate::i18n::{texts, Texts};
use crate::sync_client::{list_devices, remove_device, Device};
use crate::ui::parts::loaded::load;
use crate::ui::shell::sync_line::sync_error_message;
use crate::ui::state::app_state::{now_local, use_app_state};
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::labels::device_label;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// A listed device as people know it: by the name its phone was given (synced encrypted),
/// else by the start of its random id (the server never learns names).
fn listed_label(
    t: &'static Texts,
    names: &BTreeMap<String, DeviceName>,
    device: &Device,
) -> String {
    let app_id = device.name.trim_start_matches("Lotse ");
    let name = name_of_listed(names, &device.id, &device.name).and_then(DeviceName::given_name);
    device_label(t, name, app_id, device.this)
}

/// The organisation's devices; removing one locks it out and rotates the data key.
#[component]
pub fn DeviceList() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    // Again after every sync: a phone that just joined shows up without a reload. Only a
    // relay keeps a device list; a plain CouchDB manages its users itself; offline, or on a
    // CouchDB without the list, the section stays empty.
    let listed = load(move || {
        sync.last_synced.track();
        let config = sync.config.get_untracked().filter(SyncConfig::is_relay);
        async move {
            match config {
                Some(config) => list_devices(&config)
                    .await
                    .map_err(|err| sync_error_message(t, &err, 0)),
                None => Ok(Vec::new()),
            }
        }
    });
    // A list the relay did not give (offline, told to wait) is not an empty organisation: the
    // last list read stays on screen until the next one comes.
    let known = RwSignal::new(Vec::<Device>::new());
    Effect::new(move |_| {
        if let Some(Ok(list)) = listed.get() {
            known.set(list);
        }
    });
    let devices = move || known.get();
    // A named device records the id the relay lists it by, once: the relay calls the first
    // device only "first device", and the others find its name by that id.
    Effect::new(move |_| {
        let own = devices().into_iter().find(|d| d.this);
        let named = state.own_device_name();
        if let (Some(own), Some(named)) = (own, named) {
            if named.relay_id.as_deref() != Some(own.id.as_str()) {
                spawn_local(async move {
                    let _ = state.name_this_device(None, Some(own.id)).await;
                });
            }
        }
    });
    let message = RwSignal::new(None::<String>);
    // The device whose removal waits for "yes".
    let asking = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let remove = move |id: String| {
        let Some(config) = sync.config.get_untracked() else {
            return;
        };
        // Its name goes with it: nobody needs to know what a removed phone was called.
        let name_record = devices()
            .into_iter()
            .find(|d| d.id == id)
            .and_then(|device| {
                state.directory.with_untracked(|d| {
                    name_of_listed(&d.devices, &device.id, &device.name).map(|n| n.id.clone())
                })
            });
        busy.set(true);
        spawn_local(async move {
            let outcome = match state.database().await {
                Ok(db) => {
                    let (saved, outcome) = remove_device(&db, &config, &id, &now_local()).await;
                    sync.config.set(Some(saved));
                    outcome
                }
                Err(err) => Err(err.into()),
            };
            busy.set(false);
            asking.set(None);
            match outcome {
                Ok(()) => {
                    if let Some(record) = name_record {
                        let _ = state.delete(&record).await;
                    }
                    message.set(Some(t.sync_removed.to_owned()));
                    // The new key is taken from the feed, before anything else is sealed.
                    sync.run(state);
                    listed.refetch();
                }
                Err(err) => message.set(Some(Texts::fill(
                    t.sync_remove_unfinished,
                    &[("reason", &sync_error_message(t, &err, 0))],
                ))),
            }
        });
    };
    view! {
        <Show when=move || !devices().is_empty()>
            <h3>{t.sync_devices}</h3>
            <ul class="candidates">
                {move || devices().into_iter().map(|device| {
                    let label = state.directory.with(|d| listed_label(t, &d.devices, &device));
                    let id = device.id.clone();
                    let removable = !device.this;
                    let name = format!("{} – {label}", t.sync_remove);
                    let is_asked = {
                        let id = id.clone();
                        move || asking.get().as_deref() == Some(id.as_str())
                    };
                    view! {
                        <li>
                            <p>{label.clone()}</p>
                            {removable.then(|| {
                                let ask = id.clone();
                                let confirm = id.clone();
                                view! {
                                    <Show when=is_asked.clone() fallback=move || {
                                        let ask = ask.clone();
                                        view! {
                                            <button type="button" class="button-secondary" aria-label=name.clone()
                                                on:click=move |_| asking.set(Some(ask.clone()))>{t.sync_remove}</button>
                                        }
                                    }>
                                        <p role="alert">{Texts::fill(t.sync_remove_confirm, &[("device", &label)])}</p>
                                        <div class="actions">
                                            <button type="button" class="button-danger" disabled=move || busy.get()
                                                on:click={
                                                    let confirm = confirm.clone();
                                                    move |_| remove(confirm.clone())
                                                }>{t.sync_remove_yes}</button>
                                            <button type="button" class="button-secondary"
                                                on:click=move |_| asking.set(None)>{t.cancel}</button>
                                        </div>
                                    </Show>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
        <p role="status">{move || message.get()}</p>
    }
}
