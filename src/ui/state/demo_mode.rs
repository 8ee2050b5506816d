//! Whether this device shows the demo organisation instead of its own: a per-device switch in
//! localStorage, read before the database is opened (the demo is a database of its own, so
//! trying Lotse out never mixes made-up people into a real organisation or its sync).

use super::preferences::{local_storage, preference};

const STORAGE_KEY: &str = "lotse.demo";

/// True while the demo is shown.
pub fn is_on() -> bool {
    preference(STORAGE_KEY).is_some_and(|value| value == "1")
}

/// Switches to the demo (`on`) or back, and starts the app again at `path`: every signal,
/// the open database and sync start from the other organisation. False if the browser keeps
/// no local settings (then nothing changed).
pub fn switch(on: bool, path: &str) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    let stored = if on {
        storage.set_item(STORAGE_KEY, "1")
    } else {
        storage.remove_item(STORAGE_KEY)
    };
    if stored.is_err() || is_on() != on {
        return false;
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    true
}
