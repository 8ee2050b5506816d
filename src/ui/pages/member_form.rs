//! Add or edit a member. Every problem is shown next to its field, all at once, and nothing
//! typed is lost when something is wrong or saving fails.

use crate::domain::catalog::DISTRICTS;
use crate::domain::member::{Member, MemberDraft, MemberError, Role, MEMBER_NAME_MAX};
use crate::domain::phone::PhoneError;
use crate::i18n::{texts, Texts};
use crate::ui::app_state::use_app_state;
use crate::ui::availability_grid::AvailabilityGrid;
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::labels::role_label;
use crate::ui::language_editor::LanguageEditor;
use crate::ui::locale_format::format_count;
use crate::ui::messages::save_failed_message;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

fn phone_message(t: &'static Texts, position: usize, error: PhoneError) -> String {
    let why = match error {
        PhoneError::Empty => t.phone_empty,
        PhoneError::InvalidCharacters => t.phone_invalid,
        PhoneError::MissingAreaCode => t.phone_missing_area,
        PhoneError::TooShort => t.phone_too_short,
        PhoneError::TooLong => t.phone_too_long,
    };
    Texts::fill(
        t.phone_error,
        &[("position", &format_count(position)), ("why", why)],
    )
}

/// Messages per field for a failed validation.
#[derive(Clone, Default, PartialEq)]
struct Problems {
    name: Option<String>,
    phones: Option<String>,
    email: Option<String>,
    consent: Option<String>,
}

fn problems(t: &'static Texts, errors: &[MemberError]) -> Problems {
    let mut p = Problems::default();
    let mut phones = Vec::new();
    for error in errors {
        match error {
            MemberError::NameEmpty => p.name = Some(t.name_empty.to_owned()),
            MemberError::NameTooLong { max } => {
                p.name = Some(Texts::fill(t.too_long, &[("max", &format_count(*max))]))
            }
            MemberError::Phone { position, error } => {
                phones.push(phone_message(t, *position, *error))
            }
            MemberError::EmailInvalid => p.email = Some(t.email_invalid.to_owned()),
            MemberError::ConsentIncomplete => p.consent = Some(t.consent_incomplete.to_owned()),
        }
    }
    p.phones = (!phones.is_empty()).then(|| phones.join(" "));
    p
}

/// /members/new and /members/:id/edit
#[component]
pub fn MemberFormPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let editing_id = params.read_untracked().get("id");
    let before: Option<Member> = editing_id.as_ref().and_then(|id| {
        state
            .directory
            .with_untracked(|d| d.members.get(id).cloned())
    });
    if editing_id.is_some() && before.is_none() {
        return view! { <section class="page"><p role="alert">{t.member_missing}</p></section> }
            .into_any();
    }
    let draft = before
        .as_ref()
        .map(MemberDraft::from_member)
        .unwrap_or_default();

    let name = RwSignal::new(draft.name);
    let phones = RwSignal::new(draft.phones);
    let email = RwSignal::new(draft.email);
    let languages = RwSignal::new(draft.languages);
    let district = RwSignal::new(draft.district);
    let skills = RwSignal::new(draft.skills);
    let availability = RwSignal::new(draft.availability);
    let role = RwSignal::new(draft.role);
    let consent_date = RwSignal::new(draft.consent_date);
    let consent_purpose = RwSignal::new(draft.consent_purpose);
    let consent_by = RwSignal::new(draft.consent_recorded_by);
    let found = RwSignal::new(Problems::default());
    let save_error = RwSignal::new(None::<String>);
    let saving = Saving::new();
    let navigate = use_navigate();
    let id_for_save = editing_id.clone().unwrap_or_default();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = MemberDraft {
            name: name.get_untracked(),
            phones: phones.get_untracked(),
            email: email.get_untracked(),
            languages: languages.get_untracked(),
            district: district.get_untracked(),
            skills: skills.get_untracked(),
            availability: availability.get_untracked(),
            role: role.get_untracked(),
            consent_date: consent_date.get_untracked(),
            consent_purpose: consent_purpose.get_untracked(),
            consent_recorded_by: consent_by.get_untracked(),
        };
        match draft.validate(&id_for_save) {
            Err(errors) => found.set(problems(t, &errors)),
            Ok(member) => {
                found.set(Problems::default());
                let before = before.clone();
                let navigate = navigate.clone();
                saving.start(move || async move {
                    match state.save(before.as_ref(), &member).await {
                        Ok(id) => navigate(&format!("/members/{id}"), Default::default()),
                        Err(err) => save_error.set(Some(save_failed_message(t, &err))),
                    }
                });
            }
        }
    };
    let text_input = move |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));

    view! {
        <section class="page" aria-labelledby="member-form-title">
            <h1 id="member-form-title">{if editing_id.is_some() { t.edit_member } else { t.add_member }}</h1>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="member-name">{t.name_label}</label>
                    <input id="member-name" type="text" dir="auto" autocomplete="off" maxlength=MEMBER_NAME_MAX * 2
                        aria-invalid=move || found.with(|p| p.name.is_some()).then_some("true")
                        aria-describedby="member-name-error"
                        prop:value=move || name.get() on:input=text_input(name)/>
                    <ErrorText id="member-name-error" message=Signal::derive(move || found.with(|p| p.name.clone()))/>
                </div>
                <div class="field">
                    <label for="member-phones">{t.phones_label}</label>
                    <input id="member-phones" type="tel" dir="ltr" autocomplete="off"
                        aria-invalid=move || found.with(|p| p.phones.is_some()).then_some("true")
                        aria-describedby="member-phones-hint member-phones-error"
                        prop:value=move || phones.get() on:input=text_input(phones)/>
                    <p id="member-phones-hint" class="hint">{t.phones_hint}</p>
                    <ErrorText id="member-phones-error" message=Signal::derive(move || found.with(|p| p.phones.clone()))/>
                </div>
                <div class="field">
                    <label for="member-email">{t.email_label}</label>
                    <input id="member-email" type="email" dir="ltr" autocomplete="off"
                        aria-invalid=move || found.with(|p| p.email.is_some()).then_some("true")
                        aria-describedby="member-email-error"
                        prop:value=move || email.get() on:input=text_input(email)/>
                    <ErrorText id="member-email-error" message=Signal::derive(move || found.with(|p| p.email.clone()))/>
                </div>
                <LanguageEditor languages=languages/>
                <div class="field">
                    <label for="member-district">{t.district_label}</label>
                    <input id="member-district" type="text" dir="auto" list="member-districts"
                        prop:value=move || district.get() on:input=text_input(district)/>
                    <datalist id="member-districts">
                        {DISTRICTS.iter().map(|d| view! { <option value=*d></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="member-skills">{t.skills_label}</label>
                    <textarea id="member-skills" dir="auto" rows="3" prop:value=move || skills.get() on:input=text_input(skills)></textarea>
                </div>
                <AvailabilityGrid selected=availability legend=t.availability_label/>
                <div class="field">
                    <label for="member-role">{t.role_label}</label>
                    <select id="member-role" on:change=move |ev| role.set(if event_target_value(&ev) == "coordinator" { Role::Coordinator } else { Role::Volunteer })>
                        <option value="volunteer" selected=move || role.get() == Role::Volunteer>{role_label(t, Role::Volunteer)}</option>
                        <option value="coordinator" selected=move || role.get() == Role::Coordinator>{role_label(t, Role::Coordinator)}</option>
                    </select>
                </div>
                <fieldset aria-describedby="consent-error">
                    <legend>{t.consent_label}</legend>
                    <div class="field">
                        <label for="consent-date">{t.consent_date}</label>
                        <input id="consent-date" type="date" prop:value=move || consent_date.get() on:input=text_input(consent_date)/>
                    </div>
                    <div class="field">
                        <label for="consent-purpose">{t.consent_purpose}</label>
                        <input id="consent-purpose" type="text" dir="auto" prop:value=move || consent_purpose.get() on:input=text_input(consent_purpose)/>
                    </div>
                    <div class="field">
                        <label for="consent-by">{t.consent_recorded_by}</label>
                        <input id="consent-by" type="text" dir="auto" prop:value=move || consent_by.get() on:input=text_input(consent_by)/>
                    </div>
                    <ErrorText id="consent-error" message=Signal::derive(move || found.with(|p| p.consent.clone()))/>
                </fieldset>
                <SubmitButton saving label=t.save/>
                <SaveStatus error=save_error.read_only()/>
            </form>
        </section>
    }
    .into_any()
}
