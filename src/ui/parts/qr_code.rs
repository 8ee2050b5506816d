//! A QR code as inline SVG (qrcodegen computes the modules; no image file, no network).

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules, and the side length in modules including a 4-module
/// quiet zone; None if the text is too long for any QR code.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((path, size + 8))
}

/// `text` as a QR code; dark on white in both colour schemes (cameras need the contrast).
#[component]
pub fn QrCodeImage(text: String, label: &'static str) -> impl IntoView {
    qr_path(&text).map(|(path, side)| {
        view! {
            <svg class="qr-code" role="img" aria-label=label viewBox=format!("0 0 {side} {side}")
                shape-rendering="crispEdges">
                <rect width=side.to_string() height=side.to_string() fill="#ffffff"></rect>
                <path d=path fill="#000000"></path>
            </svg>
        }
    })
}
