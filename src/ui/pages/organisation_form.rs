//! The form for the organisation's name. What was typed stays in the field whatever happens:
//! a validation error or a failed save shows a message next to it and keeps the text.

use crate::domain::organisation::{parse_organisation_name, NameError, OrganisationProfile};
use crate::i18n::{texts, Texts};
use crate::ui::app_state::use_app_state;
use crate::ui::form_parts::Saving;
use crate::ui::locale_format::format_count;
use crate::ui::messages::save_failed_message;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

fn name_error_message(t: &'static Texts, error: NameError) -> String {
    match error {
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
    let draft = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<String>);
    let save_state = RwSignal::new(SaveState::Idle);
    let saving = Saving::new();
    let busy = saving.running();
    // Fill the field with the stored name once it is known, unless the user already typed.
    Effect::new(move |_| {
        if let Some(org) = state.organisation.get() {
            if draft.get_untracked().is_empty() {
                draft.set(org.name);
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_organisation_name(&draft.get_untracked()) {
            Err(err) => {
                field_error.set(Some(name_error_message(t, err)));
                save_state.set(SaveState::Idle);
            }
            Ok(name) => {
                field_error.set(None);
                saving.start(move || async move {
                    save_state.set(SaveState::Saving);
                    match state.save_organisation(OrganisationProfile { name }).await {
                        Ok(()) => save_state.set(SaveState::Saved),
                        Err(err) => save_state.set(SaveState::Failed(save_failed_message(t, &err))),
                    }
                });
            }
        }
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
                        aria-invalid=move || field_error.with(Option::is_some).then_some("true")
                        prop:value=move || draft.get()
                        on:input=move |ev| {
                            draft.set(event_target_value(&ev));
                            if save_state.get_untracked() == SaveState::Saved {
                                save_state.set(SaveState::Idle);
                            }
                        }
                    />
                    <p id="org-name-hint" class="hint">{t.org_name_hint}</p>
                    <p id="org-name-error" class="field-error">{move || field_error.get()}</p>
                </div>
                <button type="submit" disabled=busy aria-busy=move || busy.get().then_some("true")>
                    {move || if save_state.get() == SaveState::Saving { t.saving } else { t.save }}
                </button>
                <p class="form-status" role="status">
                    {move || match save_state.get() {
                        SaveState::Saved => Some(view! { <span class="ok">{t.saved}</span> }.into_any()),
                        SaveState::Failed(message) => Some(view! { <span class="field-error" role="alert">{message}</span> }.into_any()),
                        _ => None,
                    }}
                </p>
            </form>
        </section>
    }
}
