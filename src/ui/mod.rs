//! The Leptos interface, one component per file:
//! - `shell/`: the frame around every page (routes, header, navigation, banners);
//! - `state/`: what the whole app shares as context (data in memory, sync, search, language);
//! - `parts/`: what pages are built from (the form mechanism, loading, shared widgets);
//! - `text/`: how values read in the person's language;
//! - `pages/`: one file per page; `settings/`: the settings page and its panels.

mod pages;
pub mod parts;
mod settings;
mod shell;
mod state;
mod text;

pub use shell::app::App;
pub use state::language::prepare as prepare_language;
