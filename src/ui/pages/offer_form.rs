//! Add or edit a help offer of one member.

use crate::domain::catalog::LANGUAGES;
use crate::domain::offer::{HelpOffer, OfferDraft, OfferError, Period};
use crate::i18n::{texts, Texts};
use crate::ui::parts::availability_grid::AvailabilityGrid;
use crate::ui::parts::choice_options::category_options;
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::language_name;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

fn offer_problem(t: &'static Texts, error: &OfferError) -> String {
    match error {
        OfferError::NoMember => t.member_missing,
        OfferError::NoCategory => t.category_missing,
        OfferError::CapacityZero => t.capacity_invalid,
    }
    .to_owned()
}

/// /members/:id/offers/new and /offers/:offer/edit
#[component]
pub fn OfferFormPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let offer_id = params.read_untracked().get("offer");
    let before: Option<HelpOffer> = offer_id.as_ref().and_then(|id| {
        state
            .directory
            .with_untracked(|d| d.offers.get(id).cloned())
    });
    let member_id = before
        .as_ref()
        .map(|o| o.member_id.clone())
        .or_else(|| params.read_untracked().get("id"))
        .unwrap_or_default();
    let member = state
        .directory
        .with_untracked(|d| d.members.get(&member_id).cloned());
    let missing = match (&offer_id, &before, &member) {
        (Some(_), None, _) => Some(t.offer_missing),
        (_, _, None) => Some(t.member_missing),
        _ => None,
    };
    if let Some(missing) = missing {
        return view! { <section class="page"><p role="alert">{missing}</p></section> }.into_any();
    }
    let start_member_id = member_id.clone();
    let start = before.clone().unwrap_or_else(|| HelpOffer {
        member_id: member_id.clone(),
        languages: member
            .iter()
            .flat_map(|m| m.languages.iter().map(|l| l.code.clone()))
            .collect(),
        districts: member
            .iter()
            .map(|m| m.district.clone())
            .filter(|d| !d.is_empty())
            .collect(),
        active: true,
        ..Default::default()
    });

    let form = Form::new(OfferDraft::from_offer(&start), offer_problem);
    // A new offer half filled in is kept for the visit (an edit is not: see `Form::kept`).
    let form = if offer_id.is_none() {
        form.kept(format!("offer-new:{member_id}"))
    } else {
        form
    };
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (before, navigate) = (before.clone(), navigate.clone());
        let (id, member_id) = (start.id.clone(), member_id.clone());
        form.submit(
            move |draft| draft.validate(&id, &member_id),
            move |offer| async move {
                state.save(before.as_ref(), &offer).await?;
                navigate(&format!("/members/{}", offer.member_id), Default::default());
                Ok(())
            },
        );
    };
    let member_name = member.map(|m| m.name).unwrap_or_default();
    let submission = form.submission();
    let delete = offer_id.clone().map(|id| {
        let navigate = use_navigate();
        let member_id = start_member_id.clone();
        move |_| {
            let (id, member_id, navigate) = (id.clone(), member_id.clone(), navigate.clone());
            submission.run(async move {
                state.delete(&id).await?;
                navigate(&format!("/members/{member_id}"), Default::default());
                Ok(())
            });
        }
    });
    let (languages, per) = (part!(form, languages), part!(form, per));

    view! {
        <section class="page" aria-labelledby="offer-form-title">
            <h1 id="offer-form-title">{if offer_id.is_some() { t.edit_offer } else { t.add_offer }}</h1>
            <p dir="auto">{member_name}</p>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="offer-category">{t.category_label}</label>
                    <select id="offer-category" aria-describedby="offer-category-error"
                        aria-invalid=form.invalid("category") bind:value=part!(form, category)>
                        <option value="">{t.choose}</option>
                        {category_options(part!(form, category).signal())}
                    </select>
                    <ErrorText id="offer-category-error" message=form.message("category")/>
                </div>
                <fieldset class="checkbox-list">
                    <legend>{t.offer_languages}</legend>
                    {LANGUAGES.iter().map(|code| view! {
                        <label class="checkbox">
                            <input type="checkbox"
                                prop:checked=move || languages.with(|l| l.iter().any(|c| c == code))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    languages.update(|l| {
                                        l.retain(|c| c != code);
                                        if on { l.push((*code).to_owned()); }
                                    });
                                }/>
                            <span>{language_name(t, code)}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="offer-districts">{t.offer_districts}</label>
                    <input id="offer-districts" type="text" dir="auto" bind:value=part!(form, districts)/>
                </div>
                <AvailabilityGrid selected=part!(form, availability) legend=t.offer_availability/>
                <div class="inline-fields">
                    <div class="field">
                        <label for="offer-times">{t.capacity_label}</label>
                        <input id="offer-times" type="number" min="1" max="50" inputmode="numeric"
                            aria-describedby="offer-times-error"
                            aria-invalid=form.invalid("times") bind:value=part!(form, times)/>
                    </div>
                    <div class="field">
                        <label for="offer-per">{t.capacity_per}</label>
                        <select id="offer-per" on:change=move |ev| per.set(if event_target_value(&ev) == "month" { Period::Month } else { Period::Week })>
                            <option value="week" selected=move || per.get() == Period::Week>{t.per_week}</option>
                            <option value="month" selected=move || per.get() == Period::Month>{t.per_month}</option>
                        </select>
                    </div>
                </div>
                <ErrorText id="offer-times-error" message=form.message("times")/>
                <div class="field">
                    <label for="offer-note">{t.note_label}</label>
                    <textarea id="offer-note" dir="auto" rows="2" bind:value=part!(form, note)></textarea>
                </div>
                <label class="checkbox">
                    <input type="checkbox" bind:checked=part!(form, active)/>
                    <span>{t.offer_active}</span>
                </label>
                <div class="actions">
                    <SubmitButton form=submission label=t.save/>
                    {delete.map(|delete| view! {
                        <button type="button" class="button-danger" on:click=delete>{t.delete_offer}</button>
                    })}
                </div>
                <FormStatus form=submission/>
            </form>
        </section>
    }
    .into_any()
}
