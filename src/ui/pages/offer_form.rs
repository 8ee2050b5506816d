//! Add or edit a help offer of one member.

use crate::domain::catalog::LANGUAGES;
use crate::domain::offer::{Capacity, HelpOffer, OfferError, Period};
use crate::i18n::texts;
use crate::ui::app_state::use_app_state;
use crate::ui::availability_grid::AvailabilityGrid;
use crate::ui::choice_options::category_options;
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::labels::language_name;
use crate::ui::messages::{save_failed_message, storage_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

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

    let start_member_id = start.member_id.clone();
    let category = RwSignal::new(start.category.clone());
    let languages = RwSignal::new(start.languages.clone());
    let districts = RwSignal::new(start.districts.join(", "));
    let availability = RwSignal::new(start.availability.clone());
    let times = RwSignal::new(start.capacity.times.to_string());
    let per = RwSignal::new(start.capacity.per);
    let note = RwSignal::new(start.note.clone());
    let active = RwSignal::new(start.active);
    let category_error = RwSignal::new(None::<String>);
    let capacity_error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<String>);
    let navigate = use_navigate();

    let saving = Saving::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let offer = HelpOffer {
            id: start.id.clone(),
            member_id: member_id.clone(),
            category: category.get_untracked(),
            languages: languages.get_untracked(),
            districts: districts
                .get_untracked()
                .split(',')
                .map(str::to_owned)
                .collect(),
            availability: availability.get_untracked(),
            capacity: Capacity {
                times: times.get_untracked().trim().parse().unwrap_or(0),
                per: per.get_untracked(),
            },
            note: note.get_untracked(),
            active: active.get_untracked(),
        };
        match offer.validated() {
            Err(errors) => {
                category_error.set(
                    errors
                        .contains(&OfferError::NoCategory)
                        .then(|| t.category_missing.to_owned()),
                );
                capacity_error.set(
                    errors
                        .contains(&OfferError::CapacityZero)
                        .then(|| t.capacity_invalid.to_owned()),
                );
                if errors.contains(&OfferError::NoMember) {
                    save_error.set(Some(t.member_missing.to_owned()));
                }
            }
            Ok(offer) => {
                category_error.set(None);
                capacity_error.set(None);
                let before = before.clone();
                let navigate = navigate.clone();
                saving.start(move || async move {
                    match state.save(before.as_ref(), &offer).await {
                        Ok(_) => {
                            navigate(&format!("/members/{}", offer.member_id), Default::default())
                        }
                        Err(err) => save_error.set(Some(save_failed_message(t, &err))),
                    }
                });
            }
        }
    };
    let member_name = member.map(|m| m.name).unwrap_or_default();
    let delete = offer_id.clone().map(|id| {
        let navigate = use_navigate();
        let member_id = start_member_id.clone();
        move |_| {
            let (id, member_id, navigate) = (id.clone(), member_id.clone(), navigate.clone());
            spawn_local(async move {
                match state.delete(&id).await {
                    Ok(()) => navigate(&format!("/members/{member_id}"), Default::default()),
                    Err(err) => save_error.set(Some(storage_error_message(t, &err).to_owned())),
                }
            });
        }
    });

    view! {
        <section class="page" aria-labelledby="offer-form-title">
            <h1 id="offer-form-title">{if offer_id.is_some() { t.edit_offer } else { t.add_offer }}</h1>
            <p dir="auto">{member_name}</p>
            <form on:submit=on_submit novalidate class="card">
                <div class="field">
                    <label for="offer-category">{t.category_label}</label>
                    <select id="offer-category" aria-describedby="offer-category-error"
                        aria-invalid=move || category_error.with(Option::is_some).then_some("true")
                        on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{t.choose}</option>
                        {category_options(category)}
                    </select>
                    <ErrorText id="offer-category-error" message=category_error.into()/>
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
                    <input id="offer-districts" type="text" dir="auto" prop:value=move || districts.get()
                        on:input=move |ev| districts.set(event_target_value(&ev))/>
                </div>
                <AvailabilityGrid selected=availability legend=t.offer_availability/>
                <div class="inline-fields">
                    <div class="field">
                        <label for="offer-times">{t.capacity_label}</label>
                        <input id="offer-times" type="number" min="1" max="50" inputmode="numeric"
                            aria-describedby="offer-times-error"
                            aria-invalid=move || capacity_error.with(Option::is_some).then_some("true")
                            prop:value=move || times.get() on:input=move |ev| times.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="offer-per">{t.capacity_per}</label>
                        <select id="offer-per" on:change=move |ev| per.set(if event_target_value(&ev) == "month" { Period::Month } else { Period::Week })>
                            <option value="week" selected=move || per.get() == Period::Week>{t.per_week}</option>
                            <option value="month" selected=move || per.get() == Period::Month>{t.per_month}</option>
                        </select>
                    </div>
                </div>
                <ErrorText id="offer-times-error" message=capacity_error.into()/>
                <div class="field">
                    <label for="offer-note">{t.note_label}</label>
                    <textarea id="offer-note" dir="auto" rows="2" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>
                    <span>{t.offer_active}</span>
                </label>
                <div class="actions">
                    <SubmitButton saving label=t.save/>
                    {delete.map(|delete| view! {
                        <button type="button" class="button-danger" on:click=delete>{t.delete_offer}</button>
                    })}
                </div>
                <SaveStatus error=save_error.read_only()/>
            </form>
        </section>
    }
    .into_any()
}
