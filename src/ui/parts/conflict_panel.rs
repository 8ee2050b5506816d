//! Concurrent edits of the same field on two devices: shown on the record with every value,
//! who made it and when; the person takes one, and that choice syncs like any edit.

use crate::domain::change::{RecordKind, RecordRow};
use crate::domain::device_name::{name_of_device, DeviceName};
use crate::domain::hlc::Stamp;
use crate::domain::merge::{Candidate, DELETION_CONFLICT};
use crate::i18n::{texts, Texts};
use crate::ui::parts::loaded::load;
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::labels::{device_label, field_label};
use crate::ui::text::locale_format::format_time_of_day;
use crate::ui::text::messages::save_failed_message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::collections::BTreeMap;

/// A stored value as a person reads it.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Null => "–".to_owned(),
        other => other.to_string(),
    }
}

/// "this device · 10:42" or "device 3f2a9c1b · 10:40".
fn made_by(
    t: &'static Texts,
    names: &BTreeMap<String, DeviceName>,
    candidate: &Candidate,
    this_device: &str,
) -> String {
    let id = &candidate.device_id;
    let device = device_label(t, name_of_device(names, id), id, id == this_device);
    // The time of day comes from the stamp's wall-clock part.
    match candidate.stamp.parse::<Stamp>() {
        Ok(stamp) => {
            let date = js_sys::Date::new(&(stamp.millis as f64).into());
            let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
            format!("{device} · {}", format_time_of_day(&time))
        }
        Err(_) => device,
    }
}

/// Shown on a record's page when it has conflicts.
#[component]
pub fn ConflictPanel(record_id: String) -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let problem = RwSignal::new(None::<String>);
    let id = record_id.clone();
    // Read the stored row (with every candidate) whenever the record's conflict state moves
    // (the set of conflicted ids is set anew whenever a stored row changes it).
    let row = load(move || {
        let id = id.clone();
        let conflicted = state.conflicts.with(|ids| ids.contains(&id));
        async move {
            let found = if conflicted {
                state.row(&id).await.ok().flatten()
            } else {
                None
            };
            Ok(found.filter(|r: &RecordRow| !r.conflicts.is_empty()))
        }
    });
    let this_device = move || state.device_id.get().unwrap_or_default();
    let take = move |kind: RecordKind, field: String, value: Value| {
        let id = record_id.clone();
        spawn_local(async move {
            match state.resolve(&id, kind, &field, value).await {
                Ok(()) => problem.set(None),
                Err(err) => problem.set(Some(save_failed_message(t, &err))),
            }
        });
    };
    view! {
        {move || row.get().and_then(Result::ok).flatten().map(|row| {
            let kind = row.kind;
            let take = take.clone();
            view! {
                <section class="card conflict" aria-labelledby="conflict-title">
                    <h2 id="conflict-title">{t.conflict_title}</h2>
                    <p>{t.conflict_hint}</p>
                    {row.conflicts.into_iter().map(|(field, candidates)| {
                        let label = field_label(t, &field);
                        let take = take.clone();
                        view! {
                            <h3>{label.clone()}</h3>
                            <ul class="candidates">
                                {candidates.into_iter().map(|candidate| {
                                    let deletion = field == DELETION_CONFLICT;
                                    let text = match (deletion, &candidate.value) {
                                        (true, Value::Bool(true)) => t.conflict_was_deleted.to_owned(),
                                        (true, _) => t.conflict_was_edited.to_owned(),
                                        (false, value) => value_text(value),
                                    };
                                    let button = match (deletion, &candidate.value) {
                                        (true, Value::Bool(true)) => t.conflict_delete,
                                        (true, _) => t.conflict_keep,
                                        (false, _) => t.conflict_take,
                                    };
                                    let by = state.directory.with_untracked(|d| made_by(t, &d.devices, &candidate, &this_device()));
                                    // Starts with the visible words, so speech input finds it.
                                    let name = format!("{button} – {text} ({label})");
                                    let take = take.clone();
                                    let field = field.clone();
                                    let value = candidate.value.clone();
                                    view! {
                                        <li>
                                            <p><bdi>{text}</bdi></p>
                                            <p class="meta">{by}</p>
                                            <button type="button" class="button-secondary" aria-label=name
                                                on:click=move |_| take(kind, field.clone(), value.clone())>
                                                {button}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    }).collect_view()}
                    <p class="field-error" role="alert">{move || problem.get()}</p>
                </section>
            }
        })}
    }
}
