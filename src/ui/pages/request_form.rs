//! Take a new help request.

use crate::domain::catalog::INSTITUTIONS;
use crate::domain::request::{HelpRequest, RequestError, Urgency};
use crate::i18n::texts;
use crate::ui::app_state::{today, use_app_state};
use crate::ui::choice_options::{category_options, language_options};
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::labels::urgency_label;
use crate::ui::messages::save_failed_message;
use crate::ui::search_index::use_search_index;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// /requests/new
#[component]
pub fn RequestFormPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let person = RwSignal::new(String::new());
    // Set when the person is one of the members (picked from the names that match).
    let member = RwSignal::new(None::<String>);
    let category = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let second_language = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let urgency = RwSignal::new(Urgency::Normal);
    let errors = RwSignal::new(Vec::<RequestError>::new());
    let save_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let saving = Saving::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let languages: Vec<String> = [language.get_untracked(), second_language.get_untracked()]
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        let request = HelpRequest {
            person: person.get_untracked(),
            member_id: member.get_untracked(),
            category: category.get_untracked(),
            languages,
            place: place.get_untracked(),
            date: date.get_untracked(),
            time: time.get_untracked(),
            urgency: urgency.get_untracked(),
            created: today(),
            ..Default::default()
        };
        match request.validated() {
            Err(found) => errors.set(found),
            Ok(request) => {
                errors.set(Vec::new());
                let navigate = navigate.clone();
                saving.start(move || async move {
                    match state.save(None, &request).await {
                        Ok(id) => navigate(&format!("/requests/{id}"), Default::default()),
                        Err(err) => save_error.set(Some(save_failed_message(t, &err))),
                    }
                });
            }
        }
    };
    let message = move |wanted: &'static [RequestError], text: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .any(|x| wanted.contains(x))
                    .then(|| text.to_owned())
            })
        })
    };
    let text_input = move |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));

    view! {
        <section class="page" aria-labelledby="request-form-title">
            <h1 id="request-form-title">{t.new_request}</h1>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="request-person">{t.request_person}</label>
                    <input id="request-person" type="text" dir="auto" autocomplete="off" aria-describedby="request-person-hint request-person-error"
                        aria-invalid=move || errors.with(|e| e.contains(&RequestError::PersonEmpty)).then_some("true")
                        prop:value=move || person.get()
                        on:input=move |ev| {
                            // Another name typed: no longer that member.
                            member.set(None);
                            person.set(event_target_value(&ev));
                        }/>
                    <p id="request-person-hint" class="hint">{t.request_person_hint}</p>
                    <ErrorText id="request-person-error" message=message(&[RequestError::PersonEmpty], t.name_empty)/>
                    <MemberLink person=person member=member/>
                </div>
                <div class="field">
                    <label for="request-category">{t.category_label}</label>
                    <select id="request-category" aria-describedby="request-category-error"
                        aria-invalid=move || errors.with(|e| e.contains(&RequestError::NoCategory)).then_some("true")
                        on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{t.choose}</option>
                        {category_options(category)}
                    </select>
                    <ErrorText id="request-category-error" message=message(&[RequestError::NoCategory], t.category_missing)/>
                </div>
                <div class="inline-fields">
                    <div class="field">
                        <label for="request-language">{t.request_language}</label>
                        <select id="request-language" on:change=move |ev| language.set(event_target_value(&ev))>
                            <option value="">{t.any}</option>
                            {language_options()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="request-language-2">{t.request_language_2}</label>
                        <select id="request-language-2" on:change=move |ev| second_language.set(event_target_value(&ev))>
                            <option value="">{t.any}</option>
                            {language_options()}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="request-place">{t.request_place}</label>
                    <input id="request-place" type="text" dir="auto" placeholder=t.request_place_example
                        list="institutions" prop:value=move || place.get() on:input=text_input(place)/>
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
                            prop:value=move || date.get() on:input=text_input(date)/>
                    </div>
                    <div class="field">
                        <label for="request-time">{t.request_time}</label>
                        <input id="request-time" type="time" aria-describedby="request-date-error"
                            prop:value=move || time.get() on:input=text_input(time)/>
                    </div>
                </div>
                <ErrorText id="request-date-error" message=message(
                    &[RequestError::DateInvalid, RequestError::TimeInvalid, RequestError::TimeWithoutDate], t.request_when_invalid)/>
                <div class="field">
                    <label for="request-urgency">{t.urgency_label}</label>
                    <select id="request-urgency" on:change=move |ev| urgency.set(match event_target_value(&ev).as_str() {
                        "high" => Urgency::High,
                        "low" => Urgency::Low,
                        _ => Urgency::Normal,
                    })>
                        <option value="normal">{urgency_label(t, Urgency::Normal)}</option>
                        <option value="high">{urgency_label(t, Urgency::High)}</option>
                        <option value="low">{urgency_label(t, Urgency::Low)}</option>
                    </select>
                </div>
                <SubmitButton saving label=t.save/>
                <SaveStatus error=save_error.read_only()/>
            </form>
        </section>
    }
}

/// Members whose names match what was typed as the person, to link the request to one of
/// them; once linked, the member with a way back.
#[component]
fn MemberLink(person: RwSignal<String>, member: RwSignal<Option<String>>) -> impl IntoView {
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
