//! Settings → consent: purposes of the organisation's own (beside the five every
//! organisation has) and a text it adds to the printed form. On the organisation's record,
//! so every device asks for and prints the same.

use crate::domain::consent::{PurposeTooLong, PurposesDraft, PURPOSE_MAX_CHARS};
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::state::app_state::use_app_state;
use leptos::prelude::*;

fn too_long(t: &'static Texts, _: &PurposeTooLong) -> String {
    t.consent_purpose_too_long
        .replace("{max}", &PURPOSE_MAX_CHARS.to_string())
}

#[component]
pub fn ConsentPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(PurposesDraft::default(), too_long);
    // The stored settings once known (sync may bring them), unless someone typed.
    Effect::new(move |_| {
        let stored = PurposesDraft::of(&state.purposes.get());
        if form
            .draft()
            .with_untracked(|d| *d == PurposesDraft::default())
        {
            form.replace(|draft| *draft = stored);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(PurposesDraft::validate, move |purposes| async move {
            state.save_purposes(purposes).await?;
            Ok(())
        });
    };
    view! {
        <section class="card" aria-labelledby="consent-settings-title">
            <h2 id="consent-settings-title">{t.consent_title}</h2>
            <p class="hint">{t.consent_settings_hint}</p>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="consent-own-purposes">{t.consent_settings_purposes}</label>
                    <textarea id="consent-own-purposes" dir="auto" rows="3"
                        aria-describedby="consent-own-purposes-error"
                        aria-invalid=form.invalid("purposes") bind:value=part!(form, purposes)></textarea>
                    <ErrorText id="consent-own-purposes-error" message=form.message("purposes")/>
                </div>
                <div class="field">
                    <label for="consent-own-text">{t.consent_settings_text}</label>
                    <textarea id="consent-own-text" dir="auto" rows="3" bind:value=part!(form, form_text)></textarea>
                </div>
                <SubmitButton form=form.submission() label=t.consent_settings_save/>
                <FormStatus form=form.submission() says_saved=true/>
            </form>
        </section>
    }
}
