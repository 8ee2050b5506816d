//! One member: how to reach them, what they speak, when they can, what they offer.

use super::requests::request_item;
use crate::domain::member::Member;
use crate::domain::offer::HelpOffer;
use crate::domain::request::HelpRequest;
use crate::i18n::texts;
use crate::ui::pages::member_consents::MemberConsents;
use crate::ui::parts::conflict_panel::ConflictPanel;
use crate::ui::parts::contact_links::ContactLinks;
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::{
    category_label, language_name, language_with_level, role_label, slot_label,
};
use crate::ui::text::locale_format::format_list;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The member page at /members/:id.
#[component]
pub fn MemberDetailPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // A memo: the page is rebuilt when this member changes, not at every write elsewhere
    // (recording a consent would otherwise close its own form and lose "saved").
    let member = Memo::new(move |_| state.directory.with(|d| d.members.get(&id()).cloned()));
    let error = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(false);
    let navigate = use_navigate();

    let delete = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match state.delete_member(&id()).await {
                Ok(()) => navigate("/helpers", Default::default()),
                Err(err) => error.set(Some(storage_error_message(t, &err).to_owned())),
            }
        });
    };

    view! {
        <section class="page">
            {move || match member.get() {
                None => view! { <p>{t.member_missing}</p> }.into_any(),
                Some(m) => member_view(m).into_any(),
            }}
            <p class="field-error" role="alert">{move || error.get()}</p>
            {move || {
                let delete = delete.clone();
                match (member.with(Option::is_some), confirm_delete.get()) {
                    (false, _) => None,
                    (true, false) => Some(view! {
                        <button type="button" class="button-danger" on:click=move |_| confirm_delete.set(true)>{t.delete_member}</button>
                    }.into_any()),
                    (true, true) => Some(view! {
                        <div class="card confirm" role="group" aria-label=t.delete_member>
                            <p>{t.delete_member_confirm}</p>
                            <button type="button" class="button-danger" on:click=delete>{t.delete_confirm}</button>
                            <button type="button" class="button-secondary" on:click=move |_| confirm_delete.set(false)>{t.cancel}</button>
                        </div>
                    }.into_any()),
                }
            }}
        </section>
    }
}

fn member_view(m: Member) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let id = m.id.clone();
    let offers = move || {
        state
            .directory
            .with(|d| d.offers_of(&id).cloned().collect::<Vec<_>>())
    };
    view! {
        <div class="page-head">
            <h1 dir="auto">{m.name.clone()}</h1>
            <a href=format!("/members/{}/edit", m.id) class="button button-secondary">{t.edit}</a>
        </div>
        <p class="meta">{role_label(t, m.role)}</p>
        <ConflictPanel record_id=m.id.clone()/>
        {m.phones.iter().map(|phone| view! { <ContactLinks phone=phone.clone() name=m.name.clone()/> }).collect_view()}
        {(!m.email.is_empty()).then(|| view! { <p><a href=format!("mailto:{}", m.email)>{m.email.clone()}</a></p> })}
        <dl class="facts">
            <dt>{t.languages_label}</dt>
            <dd>{format_list(m.languages.iter().map(|l| language_with_level(t, l)))}</dd>
            <dt>{t.district_label}</dt>
            <dd dir="auto">{m.district.clone()}</dd>
            <dt>{t.availability_label}</dt>
            <dd>{format_list(m.availability.iter().map(|s| slot_label(t, *s)))}</dd>
            <dt>{t.skills_label}</dt>
            <dd dir="auto">{m.skills.clone()}</dd>
            <dt>{t.consent_label}</dt>
            <dd>{match m.consent.as_ref() {
                // Purpose and recorder are typed text: each keeps its own direction.
                Some(c) => view! {
                    {crate::ui::text::labels::date_label(&c.date)} " – " <bdi>{c.purpose.clone()}</bdi>
                    " (" <bdi>{c.recorded_by.clone()}</bdi> ")"
                }.into_any(),
                None => t.consent_missing.into_any(),
            }}</dd>
        </dl>
        <section aria-labelledby="offers-title">
            <div class="page-head">
                <h2 id="offers-title">{t.offers_title}</h2>
                <a href=format!("/members/{}/offers/new", m.id) class="button">{t.add_offer}</a>
            </div>
            <ul class="result-list">
                {move || offers().into_iter().map(offer_item).collect_view()}
            </ul>
        </section>
        <MemberRequests member_id=m.id.clone()/>
        <MemberConsents member_id=m.id.clone()/>
        <p class="actions">
            <a href=format!("/members/{}/data", m.id) class="button button-secondary">{t.data_open}</a>
            <a href=format!("/members/{}/erase", m.id) class="button button-secondary">{t.erase_open}</a>
        </p>
    }
}

fn offer_item(offer: HelpOffer) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let label = state
        .directory
        .with_untracked(|d| category_label(t, d, &offer.category));
    let languages = format_list(offer.languages.iter().map(|c| language_name(t, c)));
    let toggled = HelpOffer {
        active: !offer.active,
        ..offer.clone()
    };
    let before = offer.clone();
    let toggle = move |_| {
        let (before, after) = (before.clone(), toggled.clone());
        spawn_local(async move {
            // A failed pause leaves the offer as it was; the status line shows the truth.
            let _ = state.save(Some(&before), &after).await;
        });
    };
    view! {
        <li class="card" class:paused=!offer.active>
            <p class="offer-title">
                <strong>{label.clone()}</strong>
                {(!offer.active).then(|| view! { <span class="badge">{t.paused}</span> })}
            </p>
            <p class="meta">{languages}</p>
            {(!offer.note.is_empty()).then(|| view! { <p dir="auto">{offer.note.clone()}</p> })}
            <div class="actions">
                <a href=format!("/offers/{}/edit", offer.id) class="button button-secondary"
                    aria-label=crate::i18n::Texts::fill(t.edit_offer_label, &[("category", &label)])>{t.edit}</a>
                <button type="button" class="button-secondary" on:click=toggle>
                    {if offer.active { t.pause } else { t.resume }}
                </button>
            </div>
        </li>
    }
}

/// The requests a member helps with and those they asked for: who carries what, and the
/// member's own history with the organisation.
#[component]
fn MemberRequests(member_id: String) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let lists = move || {
        state.directory.with(|d| {
            let (helping, asked) = d.requests_of_member(&member_id);
            let items = |list: Vec<&HelpRequest>| {
                list.into_iter()
                    .map(|r| (r.clone(), category_label(t, d, &r.category)))
                    .collect::<Vec<_>>()
            };
            (items(helping), items(asked))
        })
    };
    let group = |title: &'static str, list: Vec<(HelpRequest, String)>| {
        (!list.is_empty()).then(|| {
            view! {
                <h3>{title}</h3>
                <ul class="result-list" aria-label=title>
                    {list.iter().map(|(r, category)| request_item(r, category.clone())).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <section aria-labelledby="member-requests-title">
            <h2 id="member-requests-title">{t.member_requests_title}</h2>
            {move || {
                let (helping, asked) = lists();
                if helping.is_empty() && asked.is_empty() {
                    return view! { <p>{t.member_no_requests}</p> }.into_any();
                }
                view! { {group(t.member_helps_with, helping)} {group(t.member_asked_for, asked)} }.into_any()
            }}
        </section>
    }
}
