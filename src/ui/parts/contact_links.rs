//! One-tap ways to reach someone: call, WhatsApp, Signal, or copy the number.

use crate::domain::phone::contact_links;
use crate::domain::phone::display_phone;
use crate::i18n::{texts, Texts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Links for one stored (E.164) phone number of `name`.
#[component]
pub fn ContactLinks(phone: String, name: String) -> impl IntoView {
    let t = texts();
    let links = contact_links(&phone);
    let copied = RwSignal::new(false);
    let number = phone.clone();
    let copy = move |_| {
        let number = number.clone();
        spawn_local(async move {
            // navigator.clipboard is missing outside secure contexts; the number stays visible.
            let Some(clipboard) = web_sys::window()
                .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
                .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok())
            else {
                return;
            };
            copied.set(JsFuture::from(clipboard.write_text(&number)).await.is_ok());
        });
    };
    let label = |template: &str| Texts::fill(template, &[("name", &name)]);
    view! {
        <div class="contact-links">
            <a class="button" href=links.tel aria-label=label(t.call_label)>{t.call}</a>
            <a class="button button-secondary" href=links.whatsapp target="_blank" rel="noopener noreferrer"
                aria-label=label(t.whatsapp_label)>"WhatsApp"</a>
            <a class="button button-secondary" href=links.signal target="_blank" rel="noopener noreferrer"
                aria-label=label(t.signal_label)>"Signal"</a>
            <button type="button" class="button-secondary" on:click=copy aria-label=label(t.copy_label)>
                {move || if copied.get() { t.copied } else { t.copy }}
            </button>
            <span class="phone-number" dir="ltr">{display_phone(&phone)}</span>
        </div>
    }
}
