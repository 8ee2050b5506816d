//! "Heute": what needs attention today – case follow-ups that are due and requests still
//! waiting for a helper – and, for a new organisation, how to start.

use crate::domain::directory::Directory;
use crate::domain::today::today as today_view;
use crate::i18n::texts;
use crate::ui::pages::requests::request_item;
use crate::ui::settings::demo_panel::StartDemoButton;
use crate::ui::state::app_lock::LockStatus;
use crate::ui::state::app_state::{today, use_app_state, StorageStatus};
use crate::ui::state::preferences::{preference, set_preference};
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::labels::{category_label, date_label};
use leptos::prelude::*;

/// The suggestion to set the app lock was put off ("later") on this device.
const LOCK_HINT_KEY: &str = "lotse.lock_hint";

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let ready = move || state.storage.get() == StorageStatus::Ready;
    let sync = use_sync_state();
    // A device that holds nothing yet and belongs to no organisation: the one question of
    // a first start – join, start anew, or just try it.
    let first_start = move || {
        ready()
            && state.organisation.with(Option::is_none)
            && sync.config.with(Option::is_none)
            && state.directory.with(Directory::is_empty)
    };
    let needs_name = move || ready() && !first_start() && state.organisation.with(Option::is_none);
    // Once there is an organisation to protect: the lock, until it is set or put off.
    let lock_hint_dismissed = RwSignal::new(preference(LOCK_HINT_KEY).is_some());
    let suggest_lock = move || {
        ready()
            && !state.demo
            && !first_start()
            && state.lock.with(|lock| *lock == LockStatus::Off)
            && !lock_hint_dismissed.get()
    };
    let dismiss_lock_hint = move |_| {
        set_preference(LOCK_HINT_KEY, "later");
        lock_hint_dismissed.set(true);
    };
    let empty = move || ready() && !first_start() && state.directory.with(|d| d.members.is_empty());
    view! {
        <section class="page" aria-labelledby="home-title">
            <h1 id="home-title">{t.today_title}</h1>
            <Show when=first_start>
                <section class="card welcome" aria-labelledby="welcome-title">
                    <h2 id="welcome-title">{t.welcome_title}</h2>
                    <p>{t.home_intro}</p>
                    <p>{t.welcome_question}</p>
                    <ul class="choices">
                        <li>
                            <a href="/join" class="button">{t.start_join}</a>
                            <p class="hint">{t.start_join_hint}</p>
                        </li>
                        <li>
                            <a href="/settings" class="button button-secondary">{t.start_new}</a>
                            <p class="hint">{t.start_new_hint}</p>
                        </li>
                        <li>
                            <StartDemoButton label=t.start_demo/>
                            <p class="hint">{t.demo_hint}</p>
                        </li>
                    </ul>
                </section>
            </Show>
            <Show when=suggest_lock>
                <section class="card" aria-labelledby="lock-hint-title">
                    <h2 id="lock-hint-title">{t.lock_hint_title}</h2>
                    <p>{t.lock_hint}</p>
                    <a href="/settings#lock" class="button">{t.lock_hint_set}</a>
                    " "
                    <button type="button" class="button-secondary" on:click=dismiss_lock_hint>
                        {t.lock_hint_later}
                    </button>
                </section>
            </Show>
            <Show when=needs_name>
                <div class="card">
                    <p>{t.home_intro}</p>
                    <p>{t.home_name_missing}</p>
                    <a href="/settings" class="button">{t.home_go_to_settings}</a>
                </div>
            </Show>
            <Show when=empty>
                <div class="card">
                    <p>{t.home_no_members}</p>
                    <a href="/members/new" class="button">{t.add_member}</a>
                </div>
            </Show>
            <div class="actions">
                <a href="/helpers" class="button">{t.find_helpers}</a>
                <a href="/requests/new" class="button button-secondary">{t.new_request}</a>
            </div>
            {move || state.directory.with(|d| {
                let view = today_view(d, &today());
                view! {
                    <section aria-labelledby="due-title">
                        <h2 id="due-title">{t.due_follow_ups}</h2>
                        {view.follow_ups.is_empty().then(|| view! { <p>{t.nothing_due}</p> })}
                        <ul class="result-list">
                            {view.follow_ups.iter().map(|case| {
                                let (href, title) = (format!("/cases/{}", case.id), case.title.clone());
                                let due = date_label(&case.follow_up);
                                let overdue = case.is_overdue(&today());
                                view! {
                                    <li class="card result" class:overdue=overdue>
                                        <a href=href><span dir="auto">{title}</span></a>
                                        {overdue.then(|| view! { <p class="badge badge-warning">{t.overdue}</p> })}
                                        <p class="meta">{t.follow_up_label} " " {due}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                    <section aria-labelledby="open-title">
                        <h2 id="open-title">{t.requests_open}</h2>
                        {view.open_requests.is_empty().then(|| view! { <p>{t.nothing_open}</p> })}
                        <ul class="result-list">
                            {view.open_requests.iter().take(30).map(|r| request_item(r, category_label(t, d, &r.category))).collect_view()}
                        </ul>
                    </section>
                }
            })}
        </section>
    }
}
