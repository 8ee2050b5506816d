//! Cases: people or families supported over time. Open cases first.

use crate::domain::case::{Case, CaseStatus};
use crate::domain::record_data::tidy;
use crate::i18n::texts;
use crate::ui::app_state::{today, use_app_state};
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::labels::date_label;
use crate::ui::messages::save_failed_message;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// /cases
#[component]
pub fn CasesPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let title = RwSignal::new(String::new());
    let title_error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let saving = Saving::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = tidy(&title.get_untracked());
        if typed.is_empty() {
            title_error.set(Some(t.name_empty.to_owned()));
            return;
        }
        title_error.set(None);
        let case = Case {
            title: typed,
            opened: today(),
            ..Default::default()
        };
        let navigate = navigate.clone();
        saving.start(move || async move {
            match state.save(None, &case).await {
                Ok(id) => navigate(&format!("/cases/{id}"), Default::default()),
                Err(err) => save_error.set(Some(save_failed_message(t, &err))),
            }
        });
    };
    let cases = move || {
        state.directory.with(|d| {
            let mut list: Vec<Case> = d.cases.values().cloned().collect();
            list.sort_by(|a, b| {
                (
                    a.status == CaseStatus::Closed,
                    a.follow_up.is_empty(),
                    &a.follow_up,
                    &a.title,
                )
                    .cmp(&(
                        b.status == CaseStatus::Closed,
                        b.follow_up.is_empty(),
                        &b.follow_up,
                        &b.title,
                    ))
            });
            list
        })
    };
    view! {
        <section class="page" aria-labelledby="cases-title">
            <h1 id="cases-title">{t.cases_title}</h1>
            <form class="card" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="case-title">{t.case_title_label}</label>
                    <input id="case-title" type="text" dir="auto" autocomplete="off" aria-describedby="case-title-hint case-title-error"
                        prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                    <p id="case-title-hint" class="hint">{t.case_title_hint}</p>
                    <ErrorText id="case-title-error" message=title_error.into()/>
                </div>
                <SubmitButton saving label=t.new_case/>
                <SaveStatus error=save_error.read_only()/>
            </form>
            <ul class="result-list">
                {move || cases().into_iter().take(200).map(|case| view! {
                    <li class="card result">
                        <A href=format!("/cases/{}", case.id)><span dir="auto">{case.title.clone()}</span></A>
                        <p class="meta">
                            {if case.status == CaseStatus::Closed { t.case_closed.to_owned() } else { t.case_open.to_owned() }}
                            {(!case.follow_up.is_empty()).then(|| format!(" · {} {}", t.follow_up_label, date_label(&case.follow_up)))}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
