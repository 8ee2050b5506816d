//! /members/:id/data: what this device holds about one person, for their right of access
//! (GDPR Art. 15) – a document in a language of the person's choice, to print or save as PDF,
//! and the same as a JSON file (`domain::person_data` says what belongs to it). The document
//! is read-only and long, so it is written as markup (`domain::markup`) in one step. It links
//! to the erasure (Art. 17, `person_erasure`).

use crate::domain::case::{timeline, CaseNote, CaseStatus};
use crate::domain::change::Change;
use crate::domain::directory::Directory;
use crate::domain::markup::Markup;
use crate::domain::person_data::{export_json, held_about, history, Held, HistoryLine};
use crate::domain::request::HelpRequest;
use crate::i18n::{texts, Texts};
use crate::ui::parts::document_language::{
    direction, first_choice, DocumentLanguage, DocumentLanguagePicker, PrintButton,
};
use crate::ui::parts::figure_table::{figure_table, Figure};
use crate::ui::parts::loaded::{load, show_loaded};
use crate::ui::state::app_state::{today_date, use_app_state};
use crate::ui::text::consent_labels::consent_line;
use crate::ui::text::labels::{
    category_label, field_label, kind_label, language_with_level, person_label, role_label,
    slot_label, status_label,
};
use crate::ui::text::messages::storage_error_message;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn heading(m: &mut Markup, title: &str) {
    m.element("h2", &[], title);
}

/// A list of lines, or "none".
fn lines(m: &mut Markup, t: &'static Texts, items: Vec<String>) {
    if items.is_empty() {
        m.element("p", &[], t.data_none);
        return;
    }
    m.open("ul", &[]);
    for item in items {
        m.element("li", &[("dir", "auto")], &item);
    }
    m.close("ul");
}

fn request_line(t: &'static Texts, d: &Directory, r: &HelpRequest) -> String {
    let parts = [
        person_label(t, &r.person),
        category_label(t, d, &r.category),
        r.date.clone(),
        status_label(t, r.status).to_owned(),
        r.place.clone(),
        r.outcome.clone(),
    ];
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" – ")
}

/// The document, in `t`'s language.
fn document(
    t: &'static Texts,
    d: &Directory,
    organisation: &str,
    held: &Held,
    notes: &[CaseNote],
    changes: &[HistoryLine],
) -> String {
    let mut m = Markup::default();
    let member = held.member;
    m.element(
        "h1",
        &[],
        &Texts::fill(t.data_title, &[("name", &member.name)]),
    );
    let today = today_date().to_string();
    // Without the organisation's name (not given yet), the day alone.
    let as_of = if organisation.trim().is_empty() {
        today
    } else {
        Texts::fill(
            t.data_as_of,
            &[("organisation", organisation), ("date", &today)],
        )
    };
    m.element("p", &[], &as_of);

    heading(&mut m, t.data_contact);
    let languages: Vec<String> = member
        .languages
        .iter()
        .map(|skill| language_with_level(t, skill))
        .collect();
    let availability: Vec<String> = member
        .availability
        .iter()
        .map(|s| slot_label(t, *s))
        .collect();
    let consent = member.consent.as_ref().map_or_else(
        || t.consent_missing.to_owned(),
        |c| format!("{} – {} – {}", c.date, c.purpose, c.recorded_by),
    );
    m.open("dl", &[("class", "facts")]);
    for (label, value) in [
        (t.name_label, member.name.clone()),
        (t.phones_label, member.phones.join(", ")),
        (t.email_label, member.email.clone()),
        (t.district_label, member.district.clone()),
        (t.languages_label, languages.join(", ")),
        (t.skills_label, member.skills.clone()),
        (t.availability_label, availability.join(", ")),
        (t.role_label, role_label(t, member.role).to_owned()),
        (t.consent_label, consent),
    ] {
        let value = if value.is_empty() {
            t.data_none.to_owned()
        } else {
            value
        };
        m.element("dt", &[], label)
            .element("dd", &[("dir", "auto")], &value);
    }
    m.close("dl");

    heading(&mut m, t.data_offers);
    let offers = held
        .offers
        .iter()
        .map(|o| {
            let mut line = category_label(t, d, &o.category);
            if !o.active {
                line.push_str(&format!(" ({})", t.paused));
            }
            if !o.note.is_empty() {
                line.push_str(&format!(" – {}", o.note));
            }
            line
        })
        .collect();
    lines(&mut m, t, offers);
    heading(&mut m, t.data_asked);
    lines(
        &mut m,
        t,
        held.asked.iter().map(|r| request_line(t, d, r)).collect(),
    );
    heading(&mut m, t.data_helping);
    lines(
        &mut m,
        t,
        held.helping.iter().map(|r| request_line(t, d, r)).collect(),
    );

    heading(&mut m, t.data_cases);
    if held.cases.is_empty() {
        m.element("p", &[], t.data_none);
    }
    for case in &held.cases {
        let status = match case.status {
            CaseStatus::Open => t.case_open,
            CaseStatus::Closed => t.case_closed,
        };
        let title = format!("{} – {} – {}", case.title, case.opened, status);
        m.element("h3", &[("dir", "auto")], &title);
        let of_case: Vec<CaseNote> = notes
            .iter()
            .filter(|n| n.case_id == case.id)
            .cloned()
            .collect();
        let written = timeline(&of_case)
            .into_iter()
            .map(|entry| {
                let note = entry.note;
                format!("{} – {}: {}", note.written, note.author, note.text)
            })
            .collect();
        lines(&mut m, t, written);
    }

    heading(&mut m, t.consent_title);
    lines(
        &mut m,
        t,
        held.consents
            .iter()
            .map(|event| consent_line(t, event))
            .collect(),
    );

    heading(&mut m, t.data_history);
    let head = [t.data_when, t.data_device, t.data_record, t.data_fields].map(str::to_owned);
    let rows: Vec<Vec<Figure>> = changes
        .iter()
        .map(|line| {
            let what = if line.deleted {
                t.data_deleted.to_owned()
            } else {
                let names: Vec<String> = line.fields.iter().map(|f| field_label(t, f)).collect();
                names.join(", ")
            };
            vec![
                Figure::text(line.when.as_str()),
                Figure::text(line.device.as_str()),
                Figure::text(kind_label(t, line.kind)),
                Figure::text(what),
            ]
        })
        .collect();
    figure_table(&mut m, "history", &head, &rows);
    m.element("p", &[("class", "hint")], t.data_free_text);
    m.into_string()
}

/// What storage holds beyond the directory: the notes of the person's cases and every change.
#[derive(Clone)]
struct Beyond {
    notes: Vec<CaseNote>,
    changes: Vec<Change>,
}

/// /members/:id/data
#[component]
pub fn PersonDataPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let beyond = load(move || {
        let id = id();
        // The directory as it is when the page opens (and again once storage has read it).
        let (cases, records) = state.directory.with(|d| {
            held_about(d, &id).map_or_else(Default::default, |held| {
                let cases: Vec<String> = held.cases.iter().map(|c| c.id.clone()).collect();
                let records: Vec<String> =
                    held.record_ids().into_iter().map(str::to_owned).collect();
                (cases, records)
            })
        });
        async move {
            state
                .held_beyond(&cases, &records)
                .await
                .map(|(notes, changes)| Beyond { notes, changes })
                .map_err(|err| storage_error_message(t, &err).to_owned())
        }
    });
    // The document's language: chosen here, else the person's own.
    let language =
        DocumentLanguage::new(move || state.directory.with(|d| first_choice(d.members.get(&id()))));
    let organisation = move || {
        state
            .organisation
            .with(|o| o.as_ref().map(|o| o.name.clone()))
            .unwrap_or_default()
    };
    let shown = move |found: Beyond| {
        let Some(dt) = language.loaded() else {
            return view! { <p role="status">{t.loading}</p> }.into_any();
        };
        state.directory.with(|d| {
            let member_id = id();
            let Some(held) = held_about(d, &member_id) else {
                return view! { <p>{t.member_missing}</p> }.into_any();
            };
            let lines = history(d, &found.changes);
            let body = document(dt, d, &organisation(), &held, &found.notes, &lines);
            let json = export_json(&organisation(), today_date(), &held, &found.notes, &lines);
            let href = format!(
                "data:application/json;charset=utf-8,{}",
                String::from(js_sys::encode_uri_component(&json))
            );
            let file = format!("auskunft-{}-{}.json", held.member.id, today_date());
            let dir = direction(dt);
            view! {
                <div class="actions no-print">
                    <PrintButton label=t.data_print/>
                    <a class="button button-secondary" href=href download=file>{t.data_json}</a>
                </div>
                <article class="person-data" lang=dt.lang dir=dir inner_html=body></article>
            }
            .into_any()
        })
    };
    view! {
        <section class="page person-data-page" aria-labelledby="data-page-title">
            <h1 id="data-page-title" class="no-print">{t.data_open}</h1>
            <p class="hint no-print">{t.data_intro}</p>
            <DocumentLanguagePicker language=language id="data-language"/>
            {show_loaded(beyond, shown)}
            <p class="no-print">
                <a href=move || format!("/members/{}/erase", id()) class="button button-secondary">{t.erase_open}</a>
            </p>
        </section>
    }
}
