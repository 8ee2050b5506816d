//! Registers the service worker (public/sw.js, generated per build) and tells the UI when a
//! new version is installed and waiting. The new version only takes over when the user
//! confirms, and the page then reloads, so files of two versions never mix.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Message understood by sw.js: stop waiting and take over.
const SKIP_WAITING: &str = "skip-waiting";
const UPDATE_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Whether an update is waiting, and the means to apply it.
#[derive(Clone, Copy)]
pub struct ServiceWorkerUpdate {
    pub available: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl ServiceWorkerUpdate {
    /// Lets the waiting worker take over; the `controllerchange` handler then reloads.
    pub fn apply(&self) {
        let waiting = self
            .registration
            .with_value(|reg| reg.as_ref().and_then(|r| r.waiting()));
        if let Some(worker) = waiting {
            if let Err(err) = worker.post_message(&JsValue::from_str(SKIP_WAITING)) {
                warn("could not ask the new version to take over", &err);
            }
        }
    }
}

/// Starts registration in the background and returns the update state for the UI.
pub fn start() -> ServiceWorkerUpdate {
    let update = ServiceWorkerUpdate {
        available: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    let Some(container) = container() else {
        return update;
    };
    reload_when_a_new_version_takes_over(&container);
    spawn_local(async move {
        let registered = JsFuture::from(container.register("/sw.js")).await;
        match registered.and_then(|reg| reg.dyn_into::<ServiceWorkerRegistration>()) {
            Ok(registration) => watch_for_updates(&container, registration, update),
            // Without a worker the app still runs online; offline use needs a later visit.
            Err(err) => warn("service worker registration failed", &err),
        }
    });
    update
}

/// `navigator.serviceWorker`, which only exists in secure contexts (https, localhost).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .dyn_into()
        .ok()
}

fn reload_when_a_new_version_takes_over(container: &ServiceWorkerContainer) {
    // On the very first visit the first worker also takes control; that must not reload.
    let had_controller = container.controller().is_some();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if had_controller {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    // Lives as long as the page, like the container it listens to.
    on_change.forget();
}

fn watch_for_updates(
    container: &ServiceWorkerContainer,
    registration: ServiceWorkerRegistration,
    update: ServiceWorkerUpdate,
) {
    // A new version may already be waiting, or still installing: the browser checks for one
    // on every navigation, often before this code runs.
    if container.controller().is_some() && registration.waiting().is_some() {
        update.available.set(true);
    }
    if let Some(installing) = registration.installing() {
        announce_when_installed(container.clone(), installing, update);
    }
    let reg = registration.clone();
    let container_for_found = container.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        if let Some(installing) = reg.installing() {
            announce_when_installed(container_for_found.clone(), installing, update);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    // Volunteers keep the app open for hours: look for a new version when the phone comes
    // back online and every hour, not only when the page is loaded.
    let reg = registration.clone();
    // The listener stays for the page's lifetime; its handle is only needed to remove it.
    let _listener = window_event_listener(leptos::ev::online, move |_| check_for_update(&reg));
    let reg = registration.clone();
    // Same for the interval: it lives as long as the page.
    let _interval = set_interval_with_handle(move || check_for_update(&reg), UPDATE_CHECK_EVERY);
    update.registration.set_value(Some(registration));
}

fn check_for_update(registration: &ServiceWorkerRegistration) {
    if let Ok(promise) = registration.update() {
        spawn_local(async move {
            // A failed check (offline) is simply retried later; nothing to tell the user.
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Shows "update available" once `worker` is installed, if it is an update (a controller exists)
/// and not the very first installation.
fn announce_when_installed(
    container: ServiceWorkerContainer,
    worker: web_sys::ServiceWorker,
    update: ServiceWorkerUpdate,
) {
    let watched = worker.clone();
    let on_state = Closure::<dyn FnMut()>::new(move || {
        if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            update.available.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

fn warn(context: &str, err: &JsValue) {
    web_sys::console::warn_2(&JsValue::from_str(&format!("Lotse: {context}")), err);
}
