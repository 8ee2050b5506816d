//! Small per-device UI preferences in localStorage (the language, the demo switch, a hint
//! put off): nothing personal, readable before the database opens – and before an unlock.

pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn preference(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores it if the browser keeps local settings (it is only a preference otherwise).
pub fn set_preference(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}
