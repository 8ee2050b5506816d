//! A member's consents on their page: what holds now for each purpose, recording a consent
//! given or withdrawn (several purposes at once, as a signed form lists them), the history,
//! and the printable form in the person's language (`consent_form`).

use crate::domain::consent::{current, history, ConsentDraft, ConsentProblem, ConsentWay};
use crate::i18n::{texts, Texts, OFFERED};
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::parts::loaded::load;
use crate::ui::state::app_state::{now_precise, today, today_date, use_app_state};
use crate::ui::text::consent_labels::{consent_line, purpose_label, way_label};
use leptos::prelude::*;

fn consent_problem(t: &'static Texts, problem: &ConsentProblem) -> String {
    match problem {
        ConsentProblem::NoPurpose => t.consent_no_purpose,
        ConsentProblem::BadDate => t.consent_bad_date,
        ConsentProblem::FutureDate => t.consent_future_date,
        ConsentProblem::NoRecorder => t.consent_no_recorder,
        ConsentProblem::NoLanguage => t.consent_no_language,
    }
    .to_owned()
}

#[component]
pub fn MemberConsents(member_id: String) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let start = ConsentDraft {
        given: true,
        date: today(),
        language: t.lang.to_owned(),
        ..ConsentDraft::default()
    };
    let form = Form::new(start, consent_problem);
    let (purposes, date, way, recorded_by, language, given) = (
        part!(form, purposes),
        part!(form, date),
        part!(form, way),
        part!(form, recorded_by),
        part!(form, language),
        part!(form, given),
    );
    // The volunteer who records, as for notes – unless something was typed already.
    let usual = load(move || async move { Ok(state.note_author().await.ok().flatten()) });
    Effect::new(move |_| {
        if let Some(Ok(Some(name))) = usual.get() {
            if recorded_by.with(String::is_empty) {
                form.replace(|d| d.recorded_by = name);
            }
        }
    });
    let all_purposes = move || state.purposes.with(|p| p.all());
    let states = {
        let member_id = member_id.clone();
        move || {
            state.directory.with(|d| {
                all_purposes()
                    .into_iter()
                    .map(|purpose| {
                        let now = match current(d, &member_id, &purpose) {
                            Some(event) => consent_line(t, event),
                            None => format!("{}: {}", purpose_label(t, &purpose), t.consent_never),
                        };
                        view! { <li dir="auto">{now}</li> }
                    })
                    .collect_view()
            })
        }
    };
    let events = {
        let member_id = member_id.clone();
        move || {
            state.directory.with(|d| {
                history(d, &member_id)
                    .into_iter()
                    .map(|event| view! { <li dir="auto">{consent_line(t, event)}</li> })
                    .collect_view()
            })
        }
    };
    let on_submit = {
        let member_id = member_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let member_id = member_id.clone();
            form.submit(
                move |draft| draft.validate(&member_id, today_date(), &now_precise()),
                move |events| async move {
                    let recorder = events.first().map(|e| e.recorded_by.clone());
                    state.record_consents(events).await?;
                    // Who records on this device is who writes its notes: remembered alike
                    // (a convenience: failing to remember loses nothing).
                    if let Some(name) = recorder {
                        let _ = state.remember_note_author(&name).await;
                    }
                    form.replace(|d| d.purposes.clear());
                    Ok(())
                },
            );
        }
    };
    let print = format!("/members/{member_id}/consent");
    view! {
        <section class="member-consents" aria-labelledby="consents-title" id="consents">
            <h2 id="consents-title">{t.consent_title}</h2>
            <ul class="consent-states">{states}</ul>
            <p><a href=print class="button button-secondary">{t.consent_print}</a></p>
            <details class="card">
                <summary>{t.consent_record}</summary>
                <form on:submit=on_submit novalidate>
                    <fieldset aria-describedby="consent-purposes-error">
                        <legend>{t.consent_purposes}</legend>
                        {move || all_purposes().into_iter().enumerate().map(|(n, purpose)| {
                            let id = format!("consent-purpose-{n}");
                            let label_for = id.clone();
                            let key = purpose.clone();
                            let checked = {
                                let key = key.clone();
                                move || purposes.with(|chosen| chosen.contains(&key))
                            };
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input type="checkbox" id=id prop:checked=checked on:change=move |_| {
                                        let key = key.clone();
                                        purposes.update(|chosen| match chosen.iter().position(|p| *p == key) {
                                            Some(at) => { chosen.remove(at); }
                                            None => chosen.push(key),
                                        });
                                    }/>
                                    <span dir="auto">{purpose_label(t, &purpose)}</span>
                                </label>
                            }
                        }).collect_view()}
                        <ErrorText id="consent-purposes-error" message=form.message("purposes")/>
                    </fieldset>
                    <div class="field">
                        <label for="consent-given">{t.consent_what}</label>
                        <select id="consent-given" on:change=move |ev| given.set(event_target_value(&ev) == "given")>
                            <option value="given" selected=move || given.get()>{t.consent_given}</option>
                            <option value="withdrawn" selected=move || !given.get()>{t.consent_withdrawn}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="consent-event-date">{t.consent_event_date}</label>
                        <input id="consent-event-date" type="date" aria-describedby="consent-event-date-error"
                            aria-invalid=form.invalid("date") bind:value=date/>
                        <ErrorText id="consent-event-date-error" message=form.message("date")/>
                    </div>
                    <div class="field">
                        <label for="consent-way">{t.consent_way}</label>
                        <select id="consent-way" on:change=move |ev| {
                            way.set(if event_target_value(&ev) == "verbal" { ConsentWay::Verbal } else { ConsentWay::Signed })
                        }>
                            <option value="signed" selected=move || way.get() == ConsentWay::Signed>{way_label(t, ConsentWay::Signed)}</option>
                            <option value="verbal" selected=move || way.get() == ConsentWay::Verbal>{way_label(t, ConsentWay::Verbal)}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="consent-recorder">{t.consent_recorded_by}</label>
                        <input id="consent-recorder" type="text" dir="auto" aria-describedby="consent-recorder-error"
                            aria-invalid=form.invalid("recorded_by") bind:value=recorded_by/>
                        <ErrorText id="consent-recorder-error" message=form.message("recorded_by")/>
                    </div>
                    <div class="field">
                        <label for="consent-language">{t.consent_language}</label>
                        <select id="consent-language" on:change=move |ev| language.set(event_target_value(&ev))>
                            {OFFERED.iter().map(|o| {
                                let code = o.code;
                                view! { <option value=code lang=code selected=move || language.with(|l| l == code)>{o.native_name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <SubmitButton form=form.submission() label=t.consent_save/>
                    <FormStatus form=form.submission() says_saved=true/>
                </form>
            </details>
            <h3>{t.consent_history}</h3>
            <ol class="consent-history">{events}</ol>
        </section>
    }
}
