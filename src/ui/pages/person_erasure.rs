//! /members/:id/erase: erasing a person (GDPR Art. 17, `domain::erasure`) – what goes, what
//! stays anonymous, which other records name the person, and a confirmation by typing their
//! name; afterwards, the records to review. The form is built outside what is loaded, so a
//! sync arriving keeps what was typed.

use crate::domain::case::CaseNote;
use crate::domain::change::RecordKind;
use crate::domain::erasure::{confirm, plan, ConfirmError, ErasurePlan, Mention};
use crate::domain::person_data::held_about;
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::parts::loaded::{load, show_loaded};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::{category_label, kind_label, person_label};
use crate::ui::text::locale_format::format_count;
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What an erasure left to do: the person's name and the records that mention it.
#[derive(Clone)]
struct Erased {
    pub name: String,
    pub mentions: Vec<Mention>,
}

fn confirm_message(t: &'static Texts, _: &ConfirmError) -> String {
    t.erase_confirm_wrong.to_owned()
}

/// The records that mention the person, as links to review them ("Anfrage: Frau S. – Formulare").
fn mention_list(mentions: Vec<Mention>) -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    (!mentions.is_empty()).then(|| {
        let items = mentions
            .into_iter()
            .map(|m| {
                let section = match m.kind {
                    RecordKind::Request => "requests",
                    RecordKind::Case => "cases",
                    _ => "members",
                };
                let category = state.directory.with_untracked(|d| {
                    d.requests
                        .get(&m.id)
                        .map(|r| format!(" – {}", category_label(t, d, &r.category)))
                        .unwrap_or_default()
                });
                let label = format!(
                    "{}: {}{category}",
                    kind_label(t, m.kind),
                    person_label(t, &m.label)
                );
                view! { <li><a href=format!("/{section}/{}", m.id) dir="auto">{label}</a></li> }
            })
            .collect_view();
        view! { <p>{t.erase_mentions}</p><ul class="mentions">{items}</ul> }
    })
}

/// The erasure form for `member_id`; `notes` are the notes of their cases (read by the page),
/// `done` hears what is left to review once the person is erased.
#[component]
fn ErasureForm(
    member_id: Signal<String>,
    notes: Signal<Vec<CaseNote>>,
    done: WriteSignal<Option<Erased>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(String::new(), confirm_message);
    let typed = form.part(|typed| typed, |typed| typed);
    let name = move || {
        state.directory.with(|d| {
            d.members
                .get(&member_id.get())
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    let note_ids = move || notes.with(|n| n.iter().map(|n| n.id.clone()).collect::<Vec<_>>());
    // Planned from the directory as it is now (a sync may have brought more since the page
    // opened): shown as counts, and planned again when the erasure is confirmed.
    let planned = move || {
        state
            .directory
            .with(|d| plan(d, &member_id.get(), &note_ids()))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person = name();
        let expected = person.clone();
        form.submit(
            move |typed| confirm(&typed, &expected),
            move |()| async move {
                let Some(planned) = untrack(planned) else {
                    return Ok(());
                };
                state.erase(&planned.erasure).await?;
                done.set(Some(Erased {
                    name: person,
                    mentions: planned.mentions,
                }));
                Ok(())
            },
        );
    };
    view! {
        <section class="erasure" aria-labelledby="erase-title">
            <h1 id="erase-title">{t.erase_title}</h1>
            <p>{t.erase_intro}</p>
            {move || planned().map(|ErasurePlan { erasure, helped, mentions }| view! {
                <ul>
                    <li>{Texts::fill(t.erase_goes, &[("count", &format_count(erasure.erased.len()))])}</li>
                    <li>{Texts::fill(t.erase_anonymous, &[("count", &format_count(erasure.anonymous.len()))])}</li>
                    <li>{Texts::fill(t.erase_helped, &[("count", &format_count(helped.len()))])}</li>
                </ul>
                {mention_list(mentions)}
            })}
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="erase-confirm">{move || Texts::fill(t.erase_confirm_label, &[("name", &name())])}</label>
                    <input id="erase-confirm" type="text" dir="auto" autocomplete="off"
                        aria-describedby="erase-confirm-problem"
                        aria-invalid=form.invalid("confirm") bind:value=typed/>
                    <ErrorText id="erase-confirm-problem" message=form.message("confirm")/>
                </div>
                <SubmitButton form=form.submission() label=t.erase_button class="button-danger"/>
                <FormStatus form=form.submission()/>
            </form>
        </section>
    }
}

/// /members/:id/erase
#[component]
pub fn PersonErasurePage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    // The notes of the person's cases go with them: read from storage.
    let notes = load(move || {
        let cases: Vec<String> = state.directory.with(|d| {
            held_about(d, &id())
                .map(|held| held.cases.iter().map(|c| c.id.clone()).collect())
                .unwrap_or_default()
        });
        async move {
            let mut all = Vec::new();
            for case in &cases {
                let found = state.notes_of(case).await;
                all.extend(found.map_err(|err| storage_error_message(t, &err).to_owned())?);
            }
            Ok(all)
        }
    });
    let read_notes = Signal::derive(move || match notes.get() {
        Some(Ok(found)) => found,
        _ => Vec::new(),
    });
    let (erased, set_erased) = signal(None::<Erased>);
    let known = move || state.directory.with(|d| d.members.contains_key(&id()));
    move || match (erased.get(), known()) {
        (Some(Erased { name, mentions }), _) => view! {
            <section class="page" aria-labelledby="erase-page-title">
                <h1 id="erase-page-title">{t.erase_title}</h1>
                <p role="status">{Texts::fill(t.erase_done, &[("name", &name)])}</p>
                {mention_list(mentions)}
                <p><a href="/helpers" class="button button-secondary">{t.nav_helpers}</a></p>
            </section>
        }
        .into_any(),
        (None, false) => {
            view! { <section class="page"><p>{t.member_missing}</p></section> }.into_any()
        }
        (None, true) => view! {
            <section class="page">
                // "Loading" or why the notes could not be read, as on every page; the form
                // is there meanwhile (storage finds a case's notes itself when erasing).
                {show_loaded(notes, |_| ())}
                <ErasureForm member_id=Signal::derive(id) notes=read_notes done=set_erased/>
            </section>
        }
        .into_any(),
    }
}
