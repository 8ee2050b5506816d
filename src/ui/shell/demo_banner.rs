//! Under the header on every page while the demo is shown: that its data is made up and
//! stays on this device, and the way out.

use crate::i18n::texts;
use crate::ui::settings::demo_panel::EndDemoButton;
use crate::ui::state::app_state::use_app_state;
use leptos::prelude::*;

#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    state.demo.then(|| {
        view! {
            <aside class="banner banner-info demo-banner" aria-label=t.demo_title>
                <p>{t.demo_banner}</p>
                <EndDemoButton label=t.demo_end/>
            </aside>
        }
    })
}
