//! The built app (Trunk's `dist/`): its files as they are, and `index.html` for any other
//! path, so that a reload on /helpers or /members/… opens the app there. Only files inside
//! the directory are served – no symlink out of it, no dotfile, no directory listing – and
//! every page carries a Content-Security-Policy that lets only the app's own scripts run:
//! files from this origin, the WebAssembly they start, and the one start-up script Trunk
//! writes into `index.html`, allowed by its hash (so an injected script never runs).

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeFile;

struct AppFiles {
    /// The directory, with symlinks resolved: what every served file must be inside of.
    root: PathBuf,
}

pub fn service(dir: &Path) -> Router {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    Router::new()
        .fallback(serve)
        .with_state(Arc::new(AppFiles { root }))
}

/// The file a request path names inside `root` (for a directory, its `index.html`), if it is
/// one: `None` for paths with a dot-segment (dotfiles, `..`) or that resolve (through a
/// symlink) outside `root`.
fn file_for(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative
        .split('/')
        .any(|segment| segment.starts_with('.') || segment.contains('\\'))
    {
        return None;
    }
    let real = root.join(relative).canonicalize().ok()?;
    let file = if real.is_dir() {
        real.join("index.html")
    } else {
        real
    };
    (file.starts_with(root) && file.is_file()).then_some(file)
}

async fn serve(State(app): State<Arc<AppFiles>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let dotted = path
        .trim_start_matches('/')
        .split('/')
        .any(|segment| segment.starts_with('.'));
    if dotted {
        return StatusCode::NOT_FOUND.into_response();
    }
    match file_for(&app.root, &path) {
        Some(file) if file.ends_with("index.html") => page(&file).await,
        Some(file) => {
            let mut response = match ServeFile::new(&file).oneshot(request).await {
                Ok(response) => response.map(Body::new),
                Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            };
            set_security_headers(&mut response, None);
            response
        }
        // Any other path is a page of the app (/helpers, /members/…).
        None => page(&app.root.join("index.html")).await,
    }
}

/// An HTML page with the policy that allows its start-up script.
async fn page(file: &Path) -> Response {
    let Ok(html) = tokio::fs::read_to_string(file).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let policy = content_security_policy(&html);
    let mut response = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response();
    set_security_headers(&mut response, Some(&policy));
    response
}

fn set_security_headers(response: &mut Response, policy: Option<&str>) {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if let Some(value) = policy.and_then(|p| HeaderValue::from_str(p).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The scripts written into the page itself, by their text.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close..];
    }
    scripts
}

/// The policy for the app's page. Sync may go to any CouchDB the organisation chose, so
/// `connect-src` is open; scripts, styles, frames and forms are not.
pub fn content_security_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .into_iter()
        .map(|script| {
            format!(
                " 'sha256-{}'",
                BASE64.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src *; worker-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_inline_start_up_script_is_allowed_by_its_hash() {
        let html = r#"<head><script type="module" src="/a.js"></script>
            <script type="module">import init from '/lotse.js'; await init();</script></head>"#;
        assert_eq!(
            inline_scripts(html),
            ["import init from '/lotse.js'; await init();"]
        );
        let policy = content_security_policy(html);
        let expected = BASE64.encode(Sha256::digest(
            b"import init from '/lotse.js'; await init();",
        ));
        assert!(policy.contains(&format!("'sha256-{expected}'")));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"));
    }

    #[test]
    fn nothing_outside_the_directory_nor_a_dotfile_is_served() {
        let outside = tempfile::tempdir().expect("dir");
        std::fs::write(outside.path().join("secret.sqlite"), "data").expect("file");
        let app = tempfile::tempdir().expect("dir");
        std::fs::write(app.path().join("app.js"), "js").expect("file");
        std::fs::write(app.path().join(".env"), "TOKEN=x").expect("file");
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path(), app.path().join("link")).expect("link");
        let root = app.path().canonicalize().expect("root");
        assert!(file_for(&root, "/app.js").is_some());
        assert_eq!(file_for(&root, "/.env"), None);
        assert_eq!(file_for(&root, "/link/secret.sqlite"), None);
        assert_eq!(file_for(&root, "/../secret.sqlite"), None);
        // A directory is served by its index.html, if it has one.
        assert_eq!(file_for(&root, "/"), None);
        std::fs::write(app.path().join("index.html"), "<html>").expect("file");
        assert_eq!(file_for(&root, "/"), Some(root.join("index.html")));
    }
}
