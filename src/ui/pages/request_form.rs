//! Take a new help request.

use crate::domain::catalog::INSTITUTIONS;
use crate::domain::request::{HelpRequest, RequestDraft, RequestError, Urgency};
use crate::i18n::{texts, Texts};
use crate::ui::parts::choice_options::{category_options, language_options};
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, Part, SubmitButton};
use crate::ui::state::app_state::{today, use_app_state};
use crate::ui::state::search_index::use_search_index;
use crate::ui::text::labels::urgency_label;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

fn request_problem(t: &'static Texts, error: &RequestError) -> String {
    match error {
        RequestError::PersonEmpty => t.name_empty,
        RequestError::NoCategory => t.category_missing,
        RequestError::DateInvalid | RequestError::TimeInvalid | RequestError::TimeWithoutDate => {
            t.request_when_invalid
        }
    }
    .to_owned()
}

/// /requests/new and /requests/:id/edit
#[component]
pub fn RequestFormPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let editing_id = use_params_map().read_untracked().get("id");
    let before: Option<HelpRequest> = editing_id.as_ref().and_then(|id| {
        state
            .directory
            .with_untracked(|d| d.requests.get(id).cloned())
    });
    if editing_id.is_some() && before.is_none() {
        return view! { <section class="page"><p role="alert">{t.request_missing}</p></section> }
            .into_any();
    }
    let start = before
        .as_ref()
        .map(RequestDraft::from_request)
        .unwrap_or_default();
    let form = Form::new(start, request_problem);
    // A new request half taken is kept for the visit (a correction is not: see `Form::kept`).
    let form = if before.is_none() {
        form.kept("request-new".to_owned())
    } else {
        form
    };
    let navigate = use_navigate();
    let heading = if before.is_some() {
        t.edit_request
    } else {
        t.new_request
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (before, navigate) = (before.clone(), navigate.clone());
        let checked_before = before.clone();
        form.submit(
            move |draft| match &checked_before {
                Some(before) => draft.correct(before),
                None => draft.validate(today()),
            },
            move |request| async move {
                let id = state.save(before.as_ref(), &request).await?;
                navigate(&format!("/requests/{id}"), Default::default());
                Ok(())
            },
        );
    };
    let (person, member, urgency) = (
        part!(form, person),
        part!(form, member_id),
        part!(form, urgency),
    );

    view! {
        <section class="page" aria-labelledby="request-form-title">
            <h1 id="request-form-title">{heading}</h1>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="request-person">{t.request_person}</label>
                    <input id="request-person" type="text" dir="auto" autocomplete="off" aria-describedby="request-person-hint request-person-error"
                        aria-invalid=form.invalid("person") bind:value=person
                        // Another name typed: no longer that member.
                        on:input=move |_| member.set(None)/>
                    <p id="request-person-hint" class="hint">{t.request_person_hint}</p>
                    <ErrorText id="request-person-error" message=form.message("person")/>
                    <MemberLink person=person member=member/>
                </div>
                <div class="field">
                    <label for="request-category">{t.category_label}</label>
                    <select id="request-category" aria-describedby="request-category-error"
                        aria-invalid=form.invalid("category") bind:value=part!(form, category)>
                        <option value="">{t.choose}</option>
                        {category_options(part!(form, category).signal())}
                    </select>
                    <ErrorText id="request-category-error" message=form.message("category")/>
                </div>
                <div class="inline-fields">
                    <div class="field">
                        <label for="request-language">{t.request_language}</label>
                        <select id="request-language" aria-describedby="request-language-hint" bind:value=part!(form, language)>
                            <option value="">{t.request_language_none}</option>
                            {language_options(part!(form, language).signal())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="request-language-2">{t.request_language_2}</label>
                        <select id="request-language-2" aria-describedby="request-language-hint" bind:value=part!(form, second_language)>
                            <option value="">{t.request_language_none}</option>
                            {language_options(part!(form, second_language).signal())}
                        </select>
                    </div>
                </div>
                <p id="request-language-hint" class="hint">{t.request_language_hint}</p>
                <div class="field">
                    <label for="request-place">{t.request_place}</label>
                    <input id="request-place" type="text" dir="auto" placeholder=t.request_place_example
                        list="institutions" bind:value=part!(form, place)/>
                    // Offices keep their German names (as on the letters), explained in the
                    // reader's language.
                    <datalist id="institutions">
                        {INSTITUTIONS.iter().zip(t.institutions).map(|(name, what)| view! {
                            <option value=*name label=format!("{name} – {what}")></option>
                        }).collect_view()}
                    </datalist>
                </div>
                <div class="inline-fields">
                    <div class="field">
                        <label for="request-date">{t.request_date}</label>
                        <input id="request-date" type="date" aria-describedby="request-date-error"
                            aria-invalid=form.invalid("when") bind:value=part!(form, date)/>
                    </div>
                    <div class="field">
                        <label for="request-time">{t.request_time}</label>
                        <input id="request-time" type="time" aria-describedby="request-date-error"
                            aria-invalid=form.invalid("when") bind:value=part!(form, time)/>
                    </div>
                </div>
                <ErrorText id="request-date-error" message=form.message("when")/>
                <div class="field">
                    <label for="request-urgency">{t.urgency_label}</label>
                    <select id="request-urgency" on:change=move |ev| urgency.set(match event_target_value(&ev).as_str() {
                        "high" => Urgency::High,
                        "low" => Urgency::Low,
                        _ => Urgency::Normal,
                    })>
                        <option value="normal" selected=move || urgency.get() == Urgency::Normal>{urgency_label(t, Urgency::Normal)}</option>
                        <option value="high" selected=move || urgency.get() == Urgency::High>{urgency_label(t, Urgency::High)}</option>
                        <option value="low" selected=move || urgency.get() == Urgency::Low>{urgency_label(t, Urgency::Low)}</option>
                    </select>
                </div>
                <SubmitButton form=form.submission() label=t.save/>
                <FormStatus form=form.submission()/>
            </form>
        </section>
    }
    .into_any()
}

/// Members whose names match what was typed as the person, to link the request to one of
/// them; once linked, the member with a way back.
#[component]
fn MemberLink(person: Part<String>, member: Part<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let index = use_search_index();
    let t = texts();
    let matches = Memo::new(move |_| {
        let typed = person.get();
        if member.with(Option::is_some) || typed.trim().chars().count() < 2 {
            return Vec::new();
        }
        let Some(index) = index else {
            return Vec::new();
        };
        let hits = index.with(|index| index.0.by_name(&typed, 4));
        state.directory.with(|d| {
            hits.iter()
                .filter_map(|hit| d.members.get(&hit.member_id))
                .map(|m| (m.id.clone(), m.name.clone(), m.district.clone()))
                .collect::<Vec<_>>()
        })
    });
    let linked = move || {
        let id = member.get()?;
        let name = state
            .directory
            .with(|d| d.members.get(&id).map(|m| m.name.clone()))?;
        Some(view! {
            <p class="linked-member">
                {t.request_linked_member}" "
                <a href=format!("/members/{id}") dir="auto">{name}</a>
                " "
                <button type="button" class="button-secondary" on:click=move |_| member.set(None)>{t.request_unlink}</button>
            </p>
        })
    };
    view! {
        {linked}
        <Show when=move || matches.with(|m| !m.is_empty())>
            <p id="request-member-matches" class="hint">{t.request_member_matches}</p>
            <ul class="chips" aria-labelledby="request-member-matches">
                <For each=move || matches.get() key=|m| m.0.clone() let:found>
                    {
                        let (id, name, district) = found;
                        let shown = if district.is_empty() { name.clone() } else { format!("{name} ({district})") };
                        view! {
                            <li>
                                <button type="button" class="button-secondary" dir="auto" on:click=move |_| {
                                    person.set(name.clone());
                                    member.set(Some(id.clone()));
                                }>{shown}</button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}
