//! /members/:id/consent: the consent form to print and sign, in the person's language (any
//! of the app's seven, whatever the app is shown in), with the organisation's name, every
//! purpose it asks for (its own too) and the text it added.

use crate::i18n::texts;
use crate::ui::parts::document_language::{
    direction, first_choice, DocumentLanguage, DocumentLanguagePicker, PrintButton,
};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::consent_labels::purpose_label;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConsentFormPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let language =
        DocumentLanguage::new(move || state.directory.with(|d| first_choice(d.members.get(&id()))));
    let form = move || {
        let dt = language.loaded()?;
        let name = state
            .directory
            .with(|d| d.members.get(&id()).map(|m| m.name.clone()))?;
        let organisation = state
            .organisation
            .with(|o| o.as_ref().map(|o| o.name.clone()))
            .unwrap_or_default();
        let (purposes, own_text) = state.purposes.with(|p| (p.all(), p.form_text.clone()));
        Some(view! {
            <article class="consent-form" lang=dt.lang dir=direction(dt)>
                <p class="consent-organisation" dir="auto">{organisation.clone()}</p>
                <h2>{dt.consent_form_title}</h2>
                <p>{crate::i18n::Texts::fill(dt.consent_form_intro, &[("organisation", &organisation)])}</p>
                <p>{dt.consent_form_name} ": " <strong dir="auto">{name}</strong></p>
                <table class="consent-purposes">
                    <thead><tr>
                        <th scope="col">{dt.consent_purposes}</th>
                        <th scope="col">{dt.consent_form_yes}</th>
                        <th scope="col">{dt.consent_form_no}</th>
                    </tr></thead>
                    <tbody>
                        {purposes.into_iter().map(|purpose| view! {
                            <tr>
                                <th scope="row" dir="auto">{purpose_label(dt, &purpose)}</th>
                                <td aria-hidden="true">"☐"</td>
                                <td aria-hidden="true">"☐"</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p>{dt.consent_form_rights}</p>
                {(!own_text.is_empty()).then(|| view! { <p dir="auto" class="consent-own-text">{own_text}</p> })}
                <div class="signature-lines">
                    <p>{dt.consent_form_place_date}</p>
                    <p>{dt.consent_form_signature}</p>
                </div>
            </article>
        }
        .into_any())
    };
    view! {
        <section class="page consent-form-page" aria-labelledby="consent-page-title">
            <h1 id="consent-page-title" class="no-print">{t.consent_print}</h1>
            <DocumentLanguagePicker language=language id="consent-form-language"/>
            <div class="actions no-print"><PrintButton label=t.data_print/></div>
            {move || form().unwrap_or_else(|| view! { <p role="status">{t.loading}</p> }.into_any())}
        </section>
    }
}
