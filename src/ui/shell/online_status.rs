//! A visible online/offline indicator, driven by the browser's connectivity events.

use crate::i18n::texts;
use leptos::ev;
use leptos::prelude::*;

/// Whether the browser believes it is online, updated on every `online`/`offline` event.
pub fn use_online() -> ReadSignal<bool> {
    let is_online = || {
        web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true)
    };
    let (online, set_online) = signal(is_online());
    let on = window_event_listener(ev::online, move |_| set_online.set(true));
    let off = window_event_listener(ev::offline, move |_| set_online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}

/// "Online" / "Offline" badge; offline also explains that work is kept on the device.
#[component]
pub fn OnlineStatus() -> impl IntoView {
    let online = use_online();
    let t = texts();
    view! {
        <p class="online-status" class:offline=move || !online.get() role="status">
            <span class="dot" aria-hidden="true"></span>
            <span>{move || if online.get() { t.online } else { t.offline }}</span>
            <span class="visually-hidden">{move || if online.get() { "" } else { t.offline_hint }}</span>
        </p>
    }
}
