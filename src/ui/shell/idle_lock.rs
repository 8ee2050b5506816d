//! Locks the app after the idle time of the lock record: no tap or key for that long, or
//! back from the background after longer than that (timers barely run in the background,
//! so coming back checks at once). And starts this tab again when another tab locked, or set
//! or removed the lock.

use crate::ui::state::app_lock::{lock_now, restart_when_another_tab_says, LockStatus};
use crate::ui::state::app_state::use_app_state;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// How often the idle time is checked while the app is in front.
const CHECK_EVERY: Duration = Duration::from_secs(10);

#[component]
pub fn IdleLock() -> impl IntoView {
    let state = use_app_state();
    let last_activity = StoredValue::new(js_sys::Date::now());
    let touched = move || last_activity.set_value(js_sys::Date::now());
    let check = move || {
        let idle_ms = state.lock.with_untracked(|lock| match lock {
            LockStatus::Unlocked(record) => Some(f64::from(record.idle_minutes) * 60_000.0),
            _ => None,
        });
        if let Some(idle_ms) = idle_ms {
            if js_sys::Date::now() - last_activity.get_value() >= idle_ms {
                lock_now();
            }
        }
    };
    let listeners = [
        window_event_listener(ev::pointerdown, move |_| touched()),
        window_event_listener(ev::keydown, move |_| touched()),
        window_event_listener(ev::visibilitychange, move |_| check()),
    ];
    let interval = set_interval_with_handle(check, CHECK_EVERY);
    let channel = restart_when_another_tab_says();
    on_cleanup(move || {
        if let Some(channel) = channel {
            channel.close();
        }
        for listener in listeners {
            listener.remove();
        }
        if let Ok(handle) = interval {
            handle.clear();
        }
    });
}
