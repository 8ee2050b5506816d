//! Settings → Sync: join by invitation, or start the organisation on a server; once set up,
//! the status, "sync now" and inviting another device.

use super::device_list::DeviceList;
use super::invitation_list::InvitationList;
use super::removed_panel::RemovedPanel;
use crate::domain::sync::invitation::{relay_server, Invitation};
use crate::domain::sync::join_link::JoinLink;
use crate::domain::sync::short_code::ShortCode;
use crate::i18n::{texts, Texts};
use crate::storage::SyncConfig;
use crate::sync::{check_empty, create_invitation, join, join_by_code, random_key, InvitationCode};
use crate::ui::app_state::use_app_state;
use crate::ui::form_parts::{Saving, SubmitButton};
use crate::ui::locale_format::format_count;
use crate::ui::qr_code::QrCodeImage;
use crate::ui::sync_line::{sync_error_message, sync_summary};
use crate::ui::sync_state::use_sync_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SyncPanel() -> impl IntoView {
    let t = texts();
    let sync = use_sync_state();
    let configured = move || sync.config.with(Option::is_some);
    let removed = move || sync.config.with(|c| c.as_ref().is_some_and(|c| c.removed));
    // After a removed device deleted the organisation's data, the app starts again here.
    let wiped = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|hash| hash == "#wiped");
    view! {
        <section class="card" aria-labelledby="sync-title">
            <h2 id="sync-title">{t.sync_section}</h2>
            <p>{t.sync_intro}</p>
            {(wiped && !configured()).then(|| view! { <p role="status">{t.sync_wiped}</p> })}
            <Show when=configured fallback=|| view! { <JoinForm/> <ConnectForm/> }>
                <Show when=removed fallback=|| view! { <SyncControls/> }>
                    <RemovedPanel/>
                </Show>
            </Show>
        </section>
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The link in the invitation's QR code (see `JoinLink`).
fn join_link(code: &InvitationCode) -> String {
    let link = match code {
        InvitationCode::Short { code, server } => JoinLink {
            code: code.clone(),
            server: Some(server.clone()),
        },
        InvitationCode::Long(code) => JoinLink {
            code: code.clone(),
            server: None,
        },
    };
    link.to_url(&origin())
}

/// The code and the relay's address from a join link this page was opened with.
fn from_link() -> (Option<String>, Option<String>) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    match JoinLink::from_fragment(&hash) {
        Some(link) => (Some(link.code), link.server),
        None => (None, None),
    }
}

/// Whether `text` is an address the app can reach (the relay's, or a database's).
fn is_web_address(text: &str) -> bool {
    text.starts_with("https://") || text.starts_with("http://")
}

/// What a typed invitation code turned out to be.
enum Joining {
    Short(ShortCode),
    Long(Invitation),
}

/// A new phone joins with what another device shows: a short code and the relay's address,
/// or a long code (a plain CouchDB's, or one made before short codes).
#[component]
fn JoinForm() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let (linked_code, linked_server) = from_link();
    let code = RwSignal::new(linked_code.unwrap_or_default());
    // Usually the app comes from the relay itself.
    let server = RwSignal::new(linked_server.unwrap_or_else(origin));
    let problem = RwSignal::new(None::<String>);
    let server_problem = RwSignal::new(None::<String>);
    let saving = Saving::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        let address = server.get_untracked().trim().to_owned();
        // A short code needs the relay's address; a long code carries its own.
        let joining = match (ShortCode::parse(&typed), Invitation::from_code(&typed)) {
            (Some(short), _) => Some(Joining::Short(short)),
            (None, Some(long)) => Some(Joining::Long(long)),
            (None, None) => None,
        };
        let address_missing =
            matches!(joining, Some(Joining::Short(_))) && !is_web_address(&address);
        problem.set(joining.is_none().then(|| t.sync_code_invalid.to_owned()));
        server_problem.set(address_missing.then(|| t.sync_url_invalid.to_owned()));
        let Some(joining) = joining.filter(|_| !address_missing) else {
            return;
        };
        // The relay learns only this device's random id: names of people stay on the phones.
        let name = format!(
            "Lotse {}",
            state.device_id.get_untracked().unwrap_or_default()
        );
        saving.start(move || async move {
            let config = match joining {
                Joining::Short(short) => join_by_code(&address, &short, &name).await,
                Joining::Long(long) => join(&long, &name).await,
            };
            let joined = match config {
                Ok(config) => sync.set_up(state, config).await,
                Err(err) => Err(err),
            };
            if let Err(err) = joined {
                problem.set(Some(sync_error_message(t, &err, 0)));
            }
        });
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="sync-code">{t.sync_join_label}</label>
                <textarea id="sync-code" rows="2" autocomplete="off" spellcheck="false" dir="ltr"
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby="sync-code-problem"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))></textarea>
                <p id="sync-code-problem" class="field-error" role="alert">{move || problem.get()}</p>
            </div>
            <div class="field">
                <label for="sync-relay">{t.sync_relay_label}</label>
                <input id="sync-relay" type="url" autocomplete="off" dir="ltr"
                    aria-invalid=move || server_problem.with(Option::is_some).then_some("true")
                    aria-describedby="sync-relay-hint sync-relay-problem"
                    prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev))/>
                <p id="sync-relay-hint" class="hint">{t.sync_relay_hint}</p>
                <p id="sync-relay-problem" class="field-error" role="alert">{move || server_problem.get()}</p>
            </div>
            <SubmitButton saving label=t.sync_join/>
        </form>
    }
}

/// The first device starts the organisation on a server set up with `lotse-relay create-org`.
#[component]
fn ConnectForm() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let url = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let url_problem = RwSignal::new(None::<String>);
    let token_problem = RwSignal::new(None::<String>);
    let saving = Saving::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked().trim().trim_end_matches('/').to_owned();
        let key_text = token.get_untracked().trim().to_owned();
        let address_ok = is_web_address(&address);
        url_problem.set((!address_ok).then(|| t.sync_url_invalid.to_owned()));
        // A relay always gives a device key; a plain CouchDB may let its network in without
        // a login (it says so itself if it wants one).
        let key_missing = key_text.is_empty() && relay_server(&address).is_some();
        token_problem.set(key_missing.then(|| t.sync_token_empty.to_owned()));
        if !address_ok || key_missing {
            return;
        }
        saving.start(move || async move {
            let outcome = async {
                if !check_empty(&address, &key_text).await? {
                    return Ok(Some(t.sync_use_invitation.to_owned()));
                }
                let config = SyncConfig {
                    database_url: address,
                    token: key_text,
                    keys: vec![(1, random_key()?)],
                    // The device key is made and registered by the first sync run
                    // (`ensure_device_key`).
                    ..SyncConfig::default()
                };
                sync.set_up(state, config).await?;
                Ok(None)
            }
            .await;
            match outcome {
                Ok(problem) => url_problem.set(problem),
                Err(err) => url_problem.set(Some(sync_error_message(t, &err, 0))),
            }
        });
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="sync-url">{t.sync_server_label}</label>
                <input id="sync-url" type="url" autocomplete="off" placeholder=t.sync_server_hint dir="ltr"
                    aria-invalid=move || url_problem.with(Option::is_some).then_some("true")
                    aria-describedby="sync-url-problem"
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                <p id="sync-url-problem" class="field-error" role="alert">{move || url_problem.get()}</p>
            </div>
            <div class="field">
                <label for="sync-token">{t.sync_token_label}</label>
                <input id="sync-token" type="text" autocomplete="off" spellcheck="false" dir="ltr"
                    aria-invalid=move || token_problem.with(Option::is_some).then_some("true")
                    aria-describedby="sync-token-problem"
                    prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
                <p id="sync-token-problem" class="field-error" role="alert">{move || token_problem.get()}</p>
            </div>
            <SubmitButton saving label=t.sync_connect class="button-secondary"/>
        </form>
    }
}

/// Status, sync now, invite.
#[component]
fn SyncControls() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let summary = sync_summary(t);
    let code = RwSignal::new(None::<InvitationCode>);
    let problem = RwSignal::new(None::<String>);
    let progress = move || sync.progress.get();
    let sync_now = move |_| sync.run(state);
    let invite = move |_| {
        let Some(config) = sync.config.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match create_invitation(&config).await {
                Ok(new_code) => {
                    problem.set(None);
                    code.set(Some(new_code));
                }
                Err(err) => problem.set(Some(sync_error_message(t, &err, 0))),
            }
        });
    };
    view! {
        <p role="status">{summary}</p>
        {move || progress().map(|(done, total)| view! {
            <progress max=total.max(1).to_string() value=done.to_string() aria-label=t.sync_running></progress>
        })}
        <div class="actions">
            <button type="button" on:click=sync_now>{t.sync_now}</button>
            <button type="button" class="button-secondary" on:click=invite>{t.sync_invite}</button>
        </div>
        <p class="field-error" role="alert">{move || problem.get()}</p>
        {move || code.get().map(|code| {
            let link = join_link(&code);
            let (shown, server) = match code {
                InvitationCode::Short { code, server } => (code, Some(server)),
                InvitationCode::Long(code) => (code, None),
            };
            view! {
                // The QR code holds a link that opens Lotse on the new phone with the code filled in.
                <QrCodeImage text=link label=t.sync_qr_label/>
                <div class="field">
                    <label for="sync-invitation">{t.sync_join_label}</label>
                    <textarea id="sync-invitation" class="invitation-code" rows=if server.is_some() { "1" } else { "4" }
                        readonly spellcheck="false" dir="ltr">{shown}</textarea>
                </div>
                {server.map(|server| view! {
                    <div class="field">
                        <label for="sync-invitation-relay">{t.sync_relay_label}</label>
                        <input id="sync-invitation-relay" type="url" readonly dir="ltr" value=server/>
                    </div>
                })}
                <p class="hint">{t.sync_invite_hint}</p>
            }
        })}
        <SyncWarnings/>
        <InvitationList made=code/>
        <DeviceList/>
    }
}

/// What a coordinator should know about this device's sync: documents it could not open (by
/// id, so they can be found on the server) and devices whose clocks run far ahead.
#[component]
fn SyncWarnings() -> impl IntoView {
    let t = texts();
    let sync = use_sync_state();
    let set_aside = move || {
        let docs = sync.set_aside.get();
        (!docs.is_empty()).then(|| {
            let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
            Texts::fill(
                t.sync_set_aside,
                &[
                    ("count", &format_count(docs.len())),
                    ("ids", &ids.join(", ")),
                ],
            )
        })
    };
    let clock_ahead = move || {
        let devices = sync.clock_ahead.get();
        (!devices.is_empty()).then(|| {
            let names: Vec<String> = devices
                .iter()
                .map(|id| {
                    Texts::fill(
                        t.conflict_other_device,
                        &[("id", &id.chars().take(8).collect::<String>())],
                    )
                })
                .collect();
            Texts::fill(t.sync_clock_ahead, &[("devices", &names.join(", "))])
        })
    };
    view! {
        {move || set_aside().map(|text| view! { <p class="sync-warning" dir="auto">{text}</p> })}
        {move || clock_ahead().map(|text| view! { <p class="sync-warning">{text}</p> })}
    }
}
