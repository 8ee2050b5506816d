//! One request: what is needed, the best-fitting helpers with the reasons why, assigning them,
//! and closing the request with what came of it.

use crate::domain::consent::{has_consented, PASS_ON};
use crate::domain::matching::{suggest_helpers, Suggestion};
use crate::domain::member::Member;
use crate::domain::request::HelpRequest;
use crate::i18n::texts;
use crate::ui::parts::conflict_panel::ConflictPanel;
use crate::ui::parts::contact_links::ContactLinks;
use crate::ui::state::app_state::{today, use_app_state};
use crate::ui::text::labels::{
    category_label, language_name, person_label, reason_label, status_label, urgency_label,
    when_label,
};
use crate::ui::text::locale_format::format_list;
use crate::ui::text::messages::save_failed_message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Suggestions shown; the rest would only be scrolled past.
const SUGGESTIONS: usize = 8;

/// What the page is asking "yes" for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asked {
    Cancel,
    Delete,
}

/// /requests/:id
#[component]
pub fn RequestDetailPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let request = move || state.directory.with(|d| d.requests.get(&id()).cloned());
    let error = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(String::new());
    // A cancel or a delete waits for "yes" here.
    let asking = RwSignal::new(None::<Asked>);
    let navigate = use_navigate();
    let delete = move |_| {
        let (navigate, id) = (navigate.clone(), id());
        spawn_local(async move {
            match state.delete(&id).await {
                Ok(()) => navigate("/requests", Default::default()),
                Err(err) => error.set(Some(save_failed_message(t, &err))),
            }
        });
    };

    // Every change of the request goes through here; a failure leaves the request unchanged
    // and says why, and the typed outcome stays in its field.
    let update = move |change: Box<dyn FnOnce(&mut HelpRequest)>| {
        let Some(before) = request() else { return };
        let mut after = before.clone();
        change(&mut after);
        spawn_local(async move {
            match state.save(Some(&before), &after).await {
                Ok(_) => error.set(None),
                Err(err) => error.set(Some(save_failed_message(t, &err))),
            }
        });
    };

    view! {
        <section class="page">
            {move || match request() {
                None => view! { <p>{t.request_missing}</p> }.into_any(),
                Some(r) => {
                    let (category, helpers, person_member) = state.directory.with(|d| (
                        category_label(t, d, &r.category),
                        r.helpers.iter().filter_map(|h| d.members.get(h).cloned()).collect::<Vec<_>>(),
                        r.member_id.as_ref().and_then(|id| d.members.get(id)).map(|m| (m.id.clone(), m.name.clone())),
                    ));
                    let active = r.is_active();
                    let delete = delete.clone();
                    view! {
                        <div class="page-head">
                            <h1><span dir="auto">{person_label(t, &r.person)}</span>" – "{category}</h1>
                            <a href=format!("/requests/{}/edit", r.id) class="button button-secondary">{t.edit_request}</a>
                        </div>
                        <ConflictPanel record_id=r.id.clone()/>
                        <dl class="facts">
                            <dt>{t.status_label}</dt><dd>{status_label(t, r.status)}</dd>
                            <dt>{t.urgency_label}</dt><dd>{urgency_label(t, r.urgency)}</dd>
                            <dt>{t.request_when}</dt><dd>{when_label(t, &r.date, &r.time)}</dd>
                            {person_member.map(|(id, name)| view! {
                                <dt>{t.request_linked_member}</dt>
                                <dd><a href=format!("/members/{id}")><span dir="auto">{name}</span></a></dd>
                            })}
                            <dt>{t.request_place}</dt><dd dir="auto">{r.place.clone()}</dd>
                            <dt>{t.languages_label}</dt>
                            <dd>{format_list(r.languages.iter().map(|c| language_name(t, c)))}</dd>
                            {(!r.outcome.is_empty()).then(|| view! { <dt>{t.outcome_label}</dt><dd dir="auto">{r.outcome.clone()}</dd> })}
                        </dl>
                        <section aria-labelledby="assigned-title">
                            <h2 id="assigned-title">{t.assigned_helpers}</h2>
                            {if helpers.is_empty() { Some(view! { <p>{t.nobody_assigned}</p> }) } else { None }}
                            <ul class="result-list">
                                {helpers.into_iter().map(|m| {
                                    let (href, name) = (format!("/members/{}", m.id), m.name.clone());
                                    let unassign_label = crate::i18n::Texts::fill(t.unassign_label, &[("name", &m.name)]);
                                    let helper = m.id.clone();
                                    view! {
                                        <li class="card">
                                            <a href=href><span dir="auto">{name}</span></a>
                                            <HelperContact member=m.clone()/>
                                            <button type="button" class="button-secondary" aria-label=unassign_label
                                                on:click=move |_| {
                                                    let helper = helper.clone();
                                                    update(Box::new(move |r| r.unassign(&helper)))
                                                }>{t.unassign}</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                        {active.then(|| view! { <Suggestions request=r.clone() on_assign=Callback::new(move |member_id: String| {
                            update(Box::new(move |r| r.assign_on(&member_id, &today())))
                        })/> })}
                        {active.then(|| view! {
                            <section class="card" aria-labelledby="finish-title">
                                <h2 id="finish-title">{t.finish_title}</h2>
                                <div class="field">
                                    <label for="request-outcome">{t.outcome_label}</label>
                                    <textarea id="request-outcome" dir="auto" rows="3" prop:value=move || outcome.get()
                                        on:input=move |ev| outcome.set(event_target_value(&ev))></textarea>
                                </div>
                                <div class="actions">
                                    <button type="button" on:click=move |_| {
                                        let text = outcome.get_untracked();
                                        update(Box::new(move |r| r.finish(&text)))
                                    }>{t.mark_done}</button>
                                    <button type="button" class="button-secondary"
                                        on:click=move |_| asking.set(Some(Asked::Cancel))>{t.cancel_request}</button>
                                </div>
                                <Show when=move || asking.get() == Some(Asked::Cancel)>
                                    <p role="alert">{t.cancel_request_confirm}</p>
                                    <div class="actions">
                                        <button type="button" class="button-danger" on:click=move |_| {
                                            asking.set(None);
                                            update(Box::new(HelpRequest::cancel))
                                        }>{t.cancel_request_yes}</button>
                                        <button type="button" class="button-secondary"
                                            on:click=move |_| asking.set(None)>{t.keep_request}</button>
                                    </div>
                                </Show>
                            </section>
                        })}
                        // Cancelled or done by mistake: one tap undoes it.
                        {(!active).then(|| view! {
                            <div class="actions">
                                <button type="button" class="button-secondary"
                                    on:click=move |_| update(Box::new(HelpRequest::reopen))>{t.reopen_request}</button>
                            </div>
                        })}
                        <div class="actions">
                            <button type="button" class="button-danger"
                                on:click=move |_| asking.set(Some(Asked::Delete))>{t.delete_request}</button>
                        </div>
                        <Show when=move || asking.get() == Some(Asked::Delete)>
                            <p role="alert">{t.delete_request_confirm}</p>
                            <div class="actions">
                                <button type="button" class="button-danger" on:click=delete.clone()>{t.delete_request_yes}</button>
                                <button type="button" class="button-secondary"
                                    on:click=move |_| asking.set(None)>{t.keep_request}</button>
                            </div>
                        </Show>
                    }.into_any()
                }
            }}
            <p class="field-error" role="alert">{move || error.get()}</p>
        </section>
    }
}

/// The helpers for an active request: those who offer the help and speak a needed language
/// first, then – apart and marked – those who offer it without the language, and speakers of
/// the language who offer other help; each with its reasons, contact and "assign".
#[component]
fn Suggestions(request: HelpRequest, on_assign: Callback<String>) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let needs_language = !request.languages.is_empty();
    let (groups, nobody_offers) = state.directory.with(|d| {
        let found = suggest_helpers(d, &request, &today());
        let nobody_offers = found.fitting.is_empty() && found.without_language.is_empty();
        let cards = |list: Vec<Suggestion>| {
            list.into_iter()
                .take(SUGGESTIONS)
                .filter_map(|s| {
                    let member = d.members.get(&s.member_id)?.clone();
                    let reasons: Vec<String> =
                        s.reasons.iter().map(|r| reason_label(t, d, r)).collect();
                    Some((member, reasons))
                })
                .collect::<Vec<_>>()
        };
        (
            [
                (
                    "suggestions-title",
                    t.suggestions_title,
                    cards(found.fitting),
                ),
                (
                    "suggestions-without-language",
                    t.suggestions_without_language,
                    cards(found.without_language),
                ),
                (
                    "suggestions-could-ask",
                    t.suggestions_could_ask,
                    cards(found.could_ask),
                ),
            ],
            nobody_offers,
        )
    });
    let nobody_speaks = needs_language && !nobody_offers && groups[0].2.is_empty();
    let card = move |(member, reasons): (Member, Vec<String>)| {
        let member_id = member.id.clone();
        let assign_label = crate::i18n::Texts::fill(t.assign_label, &[("name", &member.name)]);
        let (href, name) = (format!("/members/{}", member.id), member.name.clone());
        view! {
            <li class="card">
                <a href=href><span dir="auto">{name}</span></a>
                <ul class="chips">
                    {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
                <HelperContact member=member.clone()/>
                <button type="button" aria-label=assign_label on:click=move |_| on_assign.run(member_id.clone())>{t.assign}</button>
            </li>
        }
    };
    view! {
        {groups.into_iter().enumerate().map(|(place, (id, title, cards))| {
            // The first group always shows (with why it is empty); the others only with people.
            (place == 0 || !cards.is_empty()).then(|| view! {
                <section aria-labelledby=id class:apart={place > 0}>
                    <h2 id=id>{title}</h2>
                    {(place == 0 && nobody_offers).then(|| view! { <p>{t.no_suggestions}</p> })}
                    {(place == 0 && nobody_speaks).then(|| view! { <p>{t.no_speaking_helper}</p> })}
                    <ol class="result-list">{cards.into_iter().map(card).collect_view()}</ol>
                </section>
            })
        }).collect_view()}
    }
}

/// A helper's call and message links – only with their consent to pass their contact on for
/// a request (`consent::PASS_ON`); without it, the way to their page, where it is recorded.
#[component]
fn HelperContact(member: Member) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let consented = {
        let id = member.id.clone();
        move || state.directory.with(|d| has_consented(d, &id, PASS_ON))
    };
    let Some(phone) = member.phones.first().cloned() else {
        return ().into_any();
    };
    let name = member.name.clone();
    let href = format!("/members/{}#consents", member.id);
    view! {
        <Show when=consented
            fallback=move || view! {
                <p class="hint">{t.consent_pass_on_missing}</p>
                <a class="button button-secondary" href=href.clone()>{t.consent_record}</a>
            }>
            <ContactLinks phone=phone.clone() name=name.clone()/>
        </Show>
    }
    .into_any()
}
