//! Entry point: settles the language and mounts the app (see `lotse::ui::App`).

#[cfg(target_arch = "wasm32")]
fn main() {
    // The first paint is in the person's language: its texts are settled first.
    wasm_bindgen_futures::spawn_local(async {
        lotse::ui::prepare_language().await;
        leptos::mount::mount_to_body(lotse::ui::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Lotse runs in the browser: build it with `trunk build --release` (see README).");
}
