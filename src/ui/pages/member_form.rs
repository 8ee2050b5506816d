//! Add or edit a member. Every problem is shown next to its field, all at once, and nothing
//! typed is lost when something is wrong or saving fails.

use crate::domain::catalog::DISTRICTS;
use crate::domain::member::{Member, MemberDraft, MemberError, Role, MEMBER_NAME_MAX};
use crate::domain::phone::PhoneError;
use crate::i18n::{texts, Texts};
use crate::ui::parts::availability_grid::AvailabilityGrid;
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::parts::language_editor::LanguageEditor;
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::role_label;
use crate::ui::text::locale_format::format_count;
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

/// A problem with the draft in the reader's language.
fn member_problem(t: &'static Texts, error: &MemberError) -> String {
    match error {
        MemberError::NameEmpty => t.name_empty.to_owned(),
        MemberError::NameTooLong { max } => {
            Texts::fill(t.too_long, &[("max", &format_count(*max))])
        }
        MemberError::Phone { position, error } => phone_message(t, *position, *error),
        MemberError::EmailInvalid => t.email_invalid.to_owned(),
        MemberError::ConsentIncomplete => t.consent_incomplete.to_owned(),
    }
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

    let form = Form::new(draft, member_problem);
    // A new member half typed is kept for the visit (an edit is not: see `Form::kept`).
    let form = if before.is_none() {
        form.kept("member-new".to_owned())
    } else {
        form
    };
    let navigate = use_navigate();
    let id_for_save = editing_id.clone().unwrap_or_default();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (before, navigate) = (before.clone(), navigate.clone());
        form.submit(
            |draft| draft.validate(&id_for_save),
            move |member| async move {
                let id = state.save(before.as_ref(), &member).await?;
                navigate(&format!("/members/{id}"), Default::default());
                Ok(())
            },
        );
    };
    let role = part!(form, role);

    view! {
        <section class="page" aria-labelledby="member-form-title">
            <h1 id="member-form-title">{if editing_id.is_some() { t.edit_member } else { t.add_member }}</h1>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="member-name">{t.name_label}</label>
                    <input id="member-name" type="text" dir="auto" autocomplete="off" maxlength=MEMBER_NAME_MAX * 2
                        aria-invalid=form.invalid("name") aria-describedby="member-name-error"
                        bind:value=part!(form, name)/>
                    <ErrorText id="member-name-error" message=form.message("name")/>
                </div>
                <div class="field">
                    <label for="member-phones">{t.phones_label}</label>
                    <input id="member-phones" type="tel" dir="ltr" autocomplete="off"
                        aria-invalid=form.invalid("phones") aria-describedby="member-phones-hint member-phones-error"
                        bind:value=part!(form, phones)/>
                    <p id="member-phones-hint" class="hint">{t.phones_hint}</p>
                    <ErrorText id="member-phones-error" message=form.message("phones")/>
                </div>
                <div class="field">
                    <label for="member-email">{t.email_label}</label>
                    <input id="member-email" type="email" dir="ltr" autocomplete="off"
                        aria-invalid=form.invalid("email") aria-describedby="member-email-error"
                        bind:value=part!(form, email)/>
                    <ErrorText id="member-email-error" message=form.message("email")/>
                </div>
                <LanguageEditor languages=part!(form, languages)/>
                <div class="field">
                    <label for="member-district">{t.district_label}</label>
                    <input id="member-district" type="text" dir="auto" list="member-districts"
                        bind:value=part!(form, district)/>
                    <datalist id="member-districts">
                        {DISTRICTS.iter().map(|d| view! { <option value=*d></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="member-skills">{t.skills_label}</label>
                    <textarea id="member-skills" dir="auto" rows="3" bind:value=part!(form, skills)></textarea>
                </div>
                <AvailabilityGrid selected=part!(form, availability) legend=t.availability_label/>
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
                        <input id="consent-date" type="date" bind:value=part!(form, consent_date)/>
                    </div>
                    <div class="field">
                        <label for="consent-purpose">{t.consent_purpose}</label>
                        <input id="consent-purpose" type="text" dir="auto" bind:value=part!(form, consent_purpose)/>
                    </div>
                    <div class="field">
                        <label for="consent-by">{t.consent_recorded_by}</label>
                        <input id="consent-by" type="text" dir="auto" bind:value=part!(form, consent_recorded_by)/>
                    </div>
                    <ErrorText id="consent-error" message=form.message("consent")/>
                </fieldset>
                <SubmitButton form=form.submission() label=t.save/>
                <FormStatus form=form.submission()/>
            </form>
        </section>
    }
    .into_any()
}
