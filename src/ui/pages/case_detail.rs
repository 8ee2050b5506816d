//! One case: its notes as a timeline and the form to add one. Notes are never edited: a
//! correction is a new note that supersedes the old one, which stays visible, struck through.

use crate::domain::case::{timeline, Case, CaseNote, CaseStatus, NoteError};
use crate::i18n::texts;
use crate::ui::app_state::{now_local, use_app_state};
use crate::ui::conflict_panel::ConflictPanel;
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::labels::date_label;
use crate::ui::messages::{save_failed_message, storage_error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

/// /cases/:id
#[component]
pub fn CaseDetailPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let case = move || state.directory.with(|d| d.cases.get(&id()).cloned());
    let notes = RwSignal::new(Vec::<CaseNote>::new());
    let load_error = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            match state.notes_of(&id()).await {
                Ok(found) => notes.set(found),
                Err(err) => load_error.set(Some(storage_error_message(t, &err).to_owned())),
            }
        })
    };
    // Notes live in storage, not in memory: read them when the case (or storage) is ready.
    Effect::new(move |_| {
        if state.storage.get() == crate::ui::app_state::StorageStatus::Ready && case().is_some() {
            reload();
        }
    });

    let author = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    let supersedes = RwSignal::new(None::<CaseNote>);
    let errors = RwSignal::new(Vec::<NoteError>::new());
    let save_error = RwSignal::new(None::<String>);
    let saving = Saving::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(case) = case() else { return };
        let note = CaseNote {
            author: author.get_untracked(),
            text: text.get_untracked(),
            follow_up: follow_up.get_untracked(),
            supersedes: supersedes.get_untracked().map(|n| n.id),
            written: now_local(),
            ..Default::default()
        };
        match note.validated() {
            Err(found) => errors.set(found),
            Ok(note) => {
                errors.set(Vec::new());
                saving.start(move || async move {
                    match state.add_note(&case, note).await {
                        Ok(()) => {
                            // The author stays for the next note; the text was saved.
                            text.set(String::new());
                            follow_up.set(String::new());
                            supersedes.set(None);
                            save_error.set(None);
                            reload();
                        }
                        Err(err) => save_error.set(Some(save_failed_message(t, &err))),
                    }
                });
            }
        }
    };
    let toggle_status = move |_| {
        let Some(before) = case() else { return };
        let status = if before.status == CaseStatus::Open {
            CaseStatus::Closed
        } else {
            CaseStatus::Open
        };
        let after = Case {
            status,
            ..before.clone()
        };
        spawn_local(async move {
            if let Err(err) = state.save(Some(&before), &after).await {
                save_error.set(Some(storage_error_message(t, &err).to_owned()));
            }
        });
    };
    let message = move |wanted: NoteError, text: &'static str| {
        Signal::derive(move || errors.with(|e| e.contains(&wanted).then(|| text.to_owned())))
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
            <p class="field-error" role="alert">{move || load_error.get()}</p>
            <h2>{t.notes_title}</h2>
            <ol class="timeline">
                {move || notes.with(|all| timeline(all).into_iter().map(|entry| {
                    let note = entry.note.clone();
                    let corrected = entry.corrected_by.is_some();
                    let for_correction = note.clone();
                    view! {
                        <li class="card note" class:corrected=corrected>
                            <p class="meta">{note.written.replace('T', " ")} " · " <span dir="auto">{note.author.clone()}</span></p>
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
                }).collect_view())}
            </ol>
            <form class="card" on:submit=on_submit novalidate aria-labelledby="note-form-title">
                <h2 id="note-form-title">{move || if supersedes.with(Option::is_some) { t.correct_note_title } else { t.add_note_title }}</h2>
                <div class="field">
                    <label for="note-author">{t.note_author}</label>
                    <input id="note-author" type="text" dir="auto" aria-describedby="note-author-error"
                        prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev))/>
                    <ErrorText id="note-author-error" message=message(NoteError::AuthorEmpty, t.name_empty)/>
                </div>
                <div class="field">
                    <label for="note-text">{t.note_text}</label>
                    <textarea id="note-text" dir="auto" rows="4" aria-describedby="note-text-error"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <ErrorText id="note-text-error" message=message(NoteError::TextEmpty, t.note_empty)/>
                </div>
                <div class="field">
                    <label for="note-follow-up">{t.follow_up_label}</label>
                    <input id="note-follow-up" type="date" aria-describedby="note-follow-up-error"
                        prop:value=move || follow_up.get() on:input=move |ev| follow_up.set(event_target_value(&ev))/>
                    <ErrorText id="note-follow-up-error" message=message(NoteError::FollowUpInvalid, t.date_invalid)/>
                </div>
                <div class="actions">
                    <SubmitButton saving label=t.save_note/>
                    <Show when=move || supersedes.with(Option::is_some)>
                        <button type="button" class="button-secondary" on:click=move |_| {
                            supersedes.set(None);
                            text.set(String::new());
                        }>{t.cancel}</button>
                    </Show>
                </div>
                <SaveStatus error=save_error.read_only()/>
            </form>
        </section>
    }
}
