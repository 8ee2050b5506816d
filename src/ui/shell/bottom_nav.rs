//! Main navigation: a bottom bar on phones, a top bar on wide screens (see style/main.css).

use crate::i18n::texts;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to the main pages; the router marks the current one with aria-current="page".
#[component]
pub fn BottomNav() -> impl IntoView {
    let t = texts();
    let item = |href: &'static str, icon: &'static str, label: &'static str, exact: bool| {
        view! {
            <A href=href exact=exact>
                <span class=format!("nav-icon icon-{icon}") aria-hidden="true"></span>
                <span>{label}</span>
            </A>
        }
    };
    view! {
        <nav class="bottom-nav" aria-label=t.nav_label>
            {item("/", "home", t.nav_today, true)}
            {item("/helpers", "helpers", t.nav_helpers, false)}
            {item("/requests", "requests", t.nav_requests, false)}
            {item("/cases", "cases", t.nav_cases, false)}
            {item("/board", "board", t.nav_board, false)}
            {item("/settings", "settings", t.nav_settings, false)}
        </nav>
    }
}
