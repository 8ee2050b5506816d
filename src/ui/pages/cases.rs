//! Cases: people or families supported over time. Open cases first.

use crate::domain::case::{Case, CaseError, CaseStatus};
use crate::domain::order::sort_with;
use crate::i18n::texts;
use crate::ui::parts::form::{ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::parts::when_loaded::WhenReadable;
use crate::ui::state::app_state::{today, use_app_state};
use crate::ui::text::labels::date_label;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// /cases
#[component]
pub fn CasesPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(String::new(), |t, _: &CaseError| t.name_empty.to_owned());
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        form.submit(
            |title| {
                Case {
                    title,
                    opened: today(),
                    ..Default::default()
                }
                .validated()
            },
            move |case| async move {
                let id = state.save(None, &case).await?;
                navigate(&format!("/cases/{id}"), Default::default());
                Ok(())
            },
        );
    };
    let cases = move || {
        state.directory.with(|d| {
            let mut list: Vec<Case> = d.cases.values().cloned().collect();
            sort_with(&mut list, |a, b| {
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
                        aria-invalid=form.invalid("title") bind:value=form.part(|title| title, |title| title)/>
                    <p id="case-title-hint" class="hint">{t.case_title_hint}</p>
                    <ErrorText id="case-title-error" message=form.message("title")/>
                </div>
                <SubmitButton form=form.submission() label=t.new_case/>
                <FormStatus form=form.submission()/>
            </form>
            <WhenReadable>
            <ul class="result-list">
                {move || cases().into_iter().take(200).map(|case| {
                    let overdue = case.is_overdue(&today());
                    view! {
                    <li class="card result" class:overdue=overdue>
                        <a href=format!("/cases/{}", case.id)><span dir="auto">{case.title.clone()}</span></a>
                        {overdue.then(|| view! { <p class="badge badge-warning">{t.overdue}</p> })}
                        <p class="meta">
                            {if case.status == CaseStatus::Closed { t.case_closed.to_owned() } else { t.case_open.to_owned() }}
                            {(!case.follow_up.is_empty()).then(|| format!(" · {} {}", t.follow_up_label, date_label(&case.follow_up)))}
                        </p>
                    </li>
                    }
                }).collect_view()}
            </ul>
            </WhenReadable>
        </section>
    }
}
