//! One case: its notes as a timeline and the form to add one. Notes are never edited: a
//! correction is a new note that supersedes the old one, which stays visible, struck through.

use crate::domain::case::{timeline, CaseNote, CaseStatus, NoteError};
use crate::domain::consent::{has_consented, CASE_NOTES};
use crate::domain::person_data::member_of_case;
use crate::i18n::{texts, Texts};
use crate::ui::parts::conflict_panel::ConflictPanel;
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::parts::loaded::{load, show_loaded};
use crate::ui::state::app_state::{now_local, today, use_app_state};
use crate::ui::text::labels::{date_label, written_label};
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn note_problem(t: &'static Texts, error: &NoteError) -> String {
    match error {
        NoteError::AuthorEmpty => t.name_empty,
        NoteError::TextEmpty => t.note_empty,
        NoteError::FollowUpInvalid => t.date_invalid,
    }
    .to_owned()
}

/// /cases/:id
#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let case = move || state.directory.with(|d| d.cases.get(&id()).cloned());
    // Notes live in storage, not in memory: read for the case on screen, again after a note
    // was added; an answer for a case left behind is dropped.
    let notes = load(move || {
        let id = id();
        async move {
            state
                .notes_of(&id)
                .await
                .map_err(|err| storage_error_message(t, &err).to_owned())
        }
    });

    // Half a note typed, then "back": it is still here on return.
    let form = Form::new(CaseNote::default(), note_problem).kept(format!(
        "note:{}",
        params.read_untracked().get("id").unwrap_or_default()
    ));
    // The note being corrected (shown in the heading; its id goes into the draft).
    let supersedes = RwSignal::new(None::<CaseNote>);
    let text = part!(form, text);
    // Who writes on this device, as last time – unless something was typed already.
    let usual_author = load(move || async move { Ok(state.note_author().await.ok().flatten()) });
    Effect::new(move |_| {
        if let Some(Ok(Some(name))) = usual_author.get() {
            if form.draft().with_untracked(|d| d.author.is_empty()) {
                form.replace(|d| d.author = name);
            }
        }
    });
    // Notes about a member who has not consented to case notes: asked first (once per note).
    let asking = RwSignal::new(false);
    let without_consent = move || {
        let case = case()?;
        state.directory.with(|d| {
            let member = member_of_case(d, &case)?;
            (!has_consented(d, &member.id, CASE_NOTES)).then(|| member.name.clone())
        })
    };
    let save_note = move |confirmed: bool| {
        let Some(case) = case() else { return };
        if !confirmed && without_consent().is_some() {
            asking.set(true);
            return;
        }
        asking.set(false);
        form.submit(
            |draft| {
                CaseNote {
                    supersedes: supersedes.get_untracked().map(|n| n.id),
                    written: now_local(),
                    ..draft
                }
                .validated()
            },
            move |note| async move {
                let author = note.author.clone();
                state.add_note(&case, note).await?;
                // Remembering is a convenience: a failure here loses nothing typed.
                let _ = state.remember_note_author(&author).await;
                // The author stays for the next note; the text was saved.
                form.replace(|draft| {
                    draft.text.clear();
                    draft.follow_up.clear();
                });
                supersedes.set(None);
                notes.refetch();
                Ok(())
            },
        );
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_note(false);
    };
    let submission = form.submission();
    let toggle_status = move |_| {
        let Some(before) = case() else { return };
        let after = before.toggled(&today());
        submission.run(async move {
            state.save(Some(&before), &after).await?;
            Ok(())
        });
    };

    view! {
        <section class="page">
            {move || match case() {
                None => view! { <p>{t.case_missing}</p> }.into_any(),
                Some(c) => view! {
                    <div class="page-head">
                        <h1 dir="auto">{c.title.clone()}</h1>
                        <button type="button" class="button-secondary" on:click=toggle_status>
                            {if c.status == CaseStatus::Open { t.close_case } else { t.reopen_case }}
                        </button>
                    </div>
                    <ConflictPanel record_id=c.id.clone()/>
                    <p class="meta">
                        {if c.status == CaseStatus::Closed { t.case_closed } else { t.case_open }}
                        {(!c.follow_up.is_empty()).then(|| format!(" · {} {}", t.follow_up_label, date_label(&c.follow_up)))}
                    </p>
                }.into_any(),
            }}
            <h2>{t.notes_title}</h2>
            {show_loaded(notes, move |all| view! { <ol class="timeline">
                {timeline(&all).into_iter().map(|entry| {
                    let note = entry.note.clone();
                    let corrected = entry.corrected_by.is_some();
                    let for_correction = note.clone();
                    view! {
                        <li class="card note" class:corrected=corrected>
                            <p class="meta">{written_label(&note.written)} " · " <span dir="auto">{note.author.clone()}</span></p>
                            <p dir="auto" class="note-text">{note.text.clone()}</p>
                            {corrected.then(|| view! { <p class="badge">{t.note_corrected}</p> })}
                            {(!note.follow_up.is_empty()).then(|| view! { <p class="meta">{t.follow_up_label} " " {date_label(&note.follow_up)}</p> })}
                            {(!corrected).then(|| view! {
                                <button type="button" class="button-secondary" on:click=move |_| {
                                    text.set(for_correction.text.clone());
                                    supersedes.set(Some(for_correction.clone()));
                                }>{t.correct_note}</button>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol> })}
            <form class="card" on:submit=on_submit novalidate aria-labelledby="note-form-title">
                <h2 id="note-form-title">{move || if supersedes.with(Option::is_some) { t.correct_note_title } else { t.add_note_title }}</h2>
                <div class="field">
                    <label for="note-author">{t.note_author}</label>
                    <input id="note-author" type="text" dir="auto" aria-describedby="note-author-error"
                        aria-invalid=form.invalid("author") bind:value=part!(form, author)/>
                    <ErrorText id="note-author-error" message=form.message("author")/>
                </div>
                <div class="field">
                    <label for="note-text">{t.note_text}</label>
                    <textarea id="note-text" dir="auto" rows="4" aria-describedby="note-text-error"
                        aria-invalid=form.invalid("text") bind:value=text></textarea>
                    <ErrorText id="note-text-error" message=form.message("text")/>
                </div>
                <div class="field">
                    <label for="note-follow-up">{t.follow_up_label}</label>
                    <input id="note-follow-up" type="date" aria-describedby="note-follow-up-error"
                        aria-invalid=form.invalid("follow_up") bind:value=part!(form, follow_up)/>
                    <ErrorText id="note-follow-up-error" message=form.message("follow_up")/>
                </div>
                <Show when=move || asking.get()>
                    <div class="warning" role="alert">
                        <p>{move || Texts::fill(t.consent_note_ask, &[("name", &without_consent().unwrap_or_default())])}</p>
                        <button type="button" on:click=move |_| save_note(true)>{t.consent_note_anyway}</button>
                    </div>
                </Show>
                <div class="actions">
                    <SubmitButton form=submission label=t.save_note/>
                    <Show when=move || supersedes.with(Option::is_some)>
                        <button type="button" class="button-secondary" on:click=move |_| {
                            supersedes.set(None);
                            text.set(String::new());
                        }>{t.cancel}</button>
                    </Show>
                </div>
                <FormStatus form=submission/>
            </form>
        </section>
    }
}
