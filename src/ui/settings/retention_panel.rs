//! Settings → how long finished things are kept (`domain::retention`): the months per kind,
//! what is due now, and erasing it after a second, explicit step.

use crate::domain::retention::{due, LeftMember, RetentionDraft, RetentionError};
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, Part, Submission, SubmitButton};
use crate::ui::parts::loaded::{load, show_loaded};
use crate::ui::state::app_state::{today_date, use_app_state};
use crate::ui::text::labels::{category_label, person_label};
use crate::ui::text::locale_format::format_count;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;

fn retention_message(t: &'static Texts, _: &RetentionError) -> String {
    t.retention_not_months.to_owned()
}

#[component]
pub fn RetentionPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(RetentionDraft::default(), retention_message);
    // The stored rules once they are known (sync may bring them), unless someone typed.
    Effect::new(move |_| {
        let stored = RetentionDraft::of(&state.retention.get());
        if form
            .draft()
            .with_untracked(|d| *d == RetentionDraft::default())
        {
            form.replace(|draft| *draft = stored);
        }
    });
    let (cases, requests, members) = (
        part!(form, cases),
        part!(form, requests),
        part!(form, members),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(RetentionDraft::validate, move |rules| async move {
            state.save_retention(rules).await?;
            Ok(())
        });
    };
    // Members who left are deleted rows, read from storage (again after every change) – and
    // only while the organisation keeps them for a limited time: the read goes through every
    // page of the directory.
    let left = load(move || {
        state.directory.track();
        let limited = state.retention.get().members.is_some();
        async move {
            if !limited {
                return Ok(Vec::new());
            }
            state
                .left_members()
                .await
                .map_err(|err| storage_error_message(t, &err).to_owned())
        }
    });
    let erasing = Submission::new();
    let confirming = RwSignal::new(false);
    let erased = RwSignal::new(None::<usize>);
    let erase_due = move |left: &[LeftMember]| {
        let plan = state.directory.with_untracked(|d| {
            let due = due(d, left, &state.retention.get_untracked(), today_date());
            (due.count(), due.erasure(d))
        });
        let (count, plan) = plan;
        erasing.run(async move {
            state.erase(&plan).await?;
            confirming.set(false);
            erased.set(Some(count));
            Ok(())
        });
    };
    let shown = move |left: Vec<LeftMember>| {
        let rules = state.retention.get();
        if !rules.is_set() {
            return ().into_any();
        }
        state.directory.with(|d| {
            let due = due(d, &left, &rules, today_date());
            if due.count() == 0 {
                return view! { <p>{t.retention_nothing_due}</p> }.into_any();
            }
            let summary = Texts::fill(
                t.retention_due,
                &[
                    ("cases", &format_count(due.cases.len())),
                    ("requests", &format_count(due.requests.len())),
                    ("members", &format_count(due.members.len())),
                ],
            );
            let mut lines: Vec<String> = due
                .cases
                .iter()
                .map(|c| format!("{} – {}", c.title, c.opened))
                .collect();
            lines.extend(due.requests.iter().map(|r| {
                let person = person_label(t, &r.person);
                format!("{person} – {} – {}", category_label(t, d, &r.category), r.created)
            }));
            lines.extend(due.members.iter().map(|m| format!("{} – {}", m.name, m.left)));
            let items = lines
                .into_iter()
                .map(|line| view! { <li dir="auto">{line}</li> })
                .collect_view();
            let left = left.clone();
            view! {
                // Folded: a first run can list hundreds.
                <details>
                    <summary>{summary}</summary>
                    <ul class="due">{items}</ul>
                </details>
                <Show when=move || confirming.get() fallback=move || view! {
                    <button type="button" class="button-secondary" on:click=move |_| confirming.set(true)>{t.retention_erase}</button>
                }>
                    <p role="alert">{t.retention_confirm}</p>
                    <button type="button" class="button-danger" disabled=move || erasing.is_running()
                        on:click={
                            let left = left.clone();
                            move |_| erase_due(&left)
                        }>{t.erase_button}</button>
                </Show>
            }
            .into_any()
        })
    };
    view! {
        <section class="card" aria-labelledby="retention-title">
            <h2 id="retention-title">{t.retention_title}</h2>
            <p class="hint">{t.retention_intro}</p>
            <form on:submit=on_submit novalidate>
                <MonthsField id="retention-cases" error_id="retention-cases-error" label=t.retention_cases part=cases problem=form.message("cases") invalid=form.invalid("cases")/>
                <MonthsField id="retention-requests" error_id="retention-requests-error" label=t.retention_requests part=requests problem=form.message("requests") invalid=form.invalid("requests")/>
                <MonthsField id="retention-members" error_id="retention-members-error" label=t.retention_members part=members problem=form.message("members") invalid=form.invalid("members")/>
                <SubmitButton form=form.submission() label=t.retention_save class="button-secondary"/>
                <FormStatus form=form.submission() says_saved=true/>
            </form>
            {show_loaded(left, shown)}
            {move || erased.get().map(|count| view! {
                <p role="status">{Texts::fill(t.retention_erased, &[("count", &format_count(count))])}</p>
            })}
            <FormStatus form=erasing/>
        </section>
    }
}

/// One number of months, with its problem under it.
#[component]
fn MonthsField(
    id: &'static str,
    error_id: &'static str,
    label: &'static str,
    part: Part<String>,
    problem: Signal<Option<String>>,
    invalid: impl Fn() -> Option<&'static str> + Copy + Send + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" inputmode="numeric" autocomplete="off"
                aria-describedby=error_id aria-invalid=invalid bind:value=part/>
            <ErrorText id=error_id message=problem/>
        </div>
    }
}
