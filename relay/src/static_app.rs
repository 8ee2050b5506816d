//! The built app (Trunk's `dist/`): files as they are, any other path gets `index.html` so
//! that a reload on /helpers or /members/… opens the app there.

use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))
}
