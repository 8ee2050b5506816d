//! The form for the organisation's name. What was typed stays in the field whatever happens:
//! a validation error or a failed save shows a message next to it and keeps the text.

use crate::domain::organisation::{parse_organisation_name, NameError, OrganisationProfile};
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::locale_format::format_count;
use leptos::prelude::*;

fn name_error_message(t: &'static Texts, error: &NameError) -> String {
    match *error {
        NameError::Empty => t.org_name_empty.to_owned(),
        NameError::TooLong { max } => {
            Texts::fill(t.org_name_too_long, &[("max", &format_count(max))])
        }
    }
}

/// Edit the organisation's name, shown in the header on every device.
#[component]
pub fn OrganisationForm() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(String::new(), name_error_message);
    let name = form.part(|name| name, |name| name);
    // Fill the field with the stored name once it is known, unless the user already typed.
    Effect::new(move |_| {
        if let Some(org) = state.organisation.get() {
            if form.draft().with_untracked(String::is_empty) {
                form.replace(|draft| *draft = org.name);
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(
            |typed| parse_organisation_name(&typed).map_err(|err| vec![err]),
            move |name| async move {
                state
                    .save_organisation(OrganisationProfile { name })
                    .await?;
                Ok(())
            },
        );
    };

    view! {
        <section class="card" aria-labelledby="org-title">
            <h2 id="org-title">{t.org_section}</h2>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="org-name">{t.org_name_label}</label>
                    <input
                        id="org-name"
                        name="org-name"
                        type="text"
                        dir="auto"
                        autocomplete="organization"
                        aria-describedby="org-name-hint org-name-error"
                        aria-invalid=form.invalid("name")
                        bind:value=name
                    />
                    <p id="org-name-hint" class="hint">{t.org_name_hint}</p>
                    <ErrorText id="org-name-error" message=form.message("name")/>
                </div>
                <SubmitButton form=form.submission() label=t.save/>
                <FormStatus form=form.submission() says_saved=true/>
            </form>
        </section>
    }
}
