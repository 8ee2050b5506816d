//! Entry point: only mounts the app (see `lotse::ui::App`).

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(lotse::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Lotse runs in the browser: build it with `trunk build --release` (see README).");
}
