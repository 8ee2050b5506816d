//! Main navigation: a bottom bar on phones, a top bar on wide screens (see style/main.css).

use crate::i18n::texts;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the main pages; the router marks the current one with aria-current="page".
#[component]
pub fn BottomNav() -> impl IntoView {
    let t = texts();
    view! {
        <nav class="bottom-nav" aria-label=t.nav_label>
            <A href="/" exact=true>
                <span class="nav-icon icon-home" aria-hidden="true"></span>
                <span>{t.nav_home}</span>
            </A>
            <A href="/settings">
                <span class="nav-icon icon-settings" aria-hidden="true"></span>
                <span>{t.nav_settings}</span>
            </A>
        </nav>
    }
}
