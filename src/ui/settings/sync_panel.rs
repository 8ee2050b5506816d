//! Settings → Sync: join by invitation, or start the organisation on a server; once set up,
//! the status, "sync now" and inviting another device.

use super::demo_panel::EndDemoButton;
use super::device_list::DeviceList;
use super::device_name_form::{device_name_message, DeviceNameForm};
use super::invitation_list::InvitationList;
use super::removed_panel::RemovedPanel;
use crate::domain::device_name::name_of_device;
use crate::domain::sync::join_link::JoinLink;
use crate::domain::sync::settings::SyncConfig;
use crate::domain::sync::setup_form::{
    ConnectDraft, ConnectProblem, Connecting, JoinDraft, JoinProblem, Joining,
};
use crate::i18n::{texts, Texts};
use crate::sync_client::{
    check_empty, create_invitation, join, join_by_code, random_key, InvitationCode,
};
use crate::ui::parts::form::{part, ErrorText, Failure, Form, FormStatus, SubmitButton};
use crate::ui::parts::qr_code::QrCodeImage;
use crate::ui::shell::sync_line::{sync_error_message, sync_summary};
use crate::ui::state::app_state::use_app_state;
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::labels::device_label;
use crate::ui::text::locale_format::{format_count, format_counted};
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
            <Show when=configured fallback=|| view! { <SetUpChoices/> }>
                <Show when=removed fallback=|| view! { <SyncControls/> }>
                    <RemovedPanel/>
                </Show>
            </Show>
        </section>
    }
}

/// Two ways in, each under its own heading: most phones join; only the first one starts
/// the organisation on a server.
#[component]
fn SetUpChoices() -> impl IntoView {
    let t = texts();
    if use_app_state().demo {
        return view! { <DemoNoSync/> }.into_any();
    }
    view! {
        <section class="setup-choice" aria-labelledby="sync-join-title">
            <h3 id="sync-join-title">{t.join_title}</h3>
            <p class="hint">{t.sync_join_intro}</p>
            <JoinForm/>
        </section>
        <section class="setup-choice" aria-labelledby="sync-connect-title">
            <h3 id="sync-connect-title">{t.sync_connect_title}</h3>
            <p class="hint">{t.sync_connect_intro}</p>
            <ConnectForm/>
        </section>
    }
    .into_any()
}

/// In the demo: no sync, and the way to a real organisation.
#[component]
pub fn DemoNoSync() -> impl IntoView {
    let t = texts();
    view! {
        <p role="status">{t.demo_no_sync}</p>
        <EndDemoButton label=t.demo_end/>
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
/// A new phone joins with what another device shows: a short code and the relay's address,
/// or a long code (a plain CouchDB's, or one made before short codes).
#[component]
pub fn JoinForm() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let (linked_code, linked_server) = from_link();
    let form = Form::new(
        JoinDraft {
            code: linked_code.unwrap_or_default(),
            // Usually the app comes from the relay itself.
            server: linked_server.unwrap_or_else(origin),
            device_name: String::new(),
        },
        |t, problem: &JoinProblem| match problem {
            JoinProblem::CodeInvalid => t.sync_code_invalid.to_owned(),
            JoinProblem::ServerInvalid => t.sync_url_invalid.to_owned(),
            JoinProblem::DeviceName(problem) => device_name_message(t, problem),
        },
    );
    // What this device holds before it belongs to any organisation, and what the person
    // chose to do with it: joining would otherwise send it to every phone of the organisation.
    let local_count = move || {
        state.directory.with(|d| {
            d.members.len() + d.offers.len() + d.requests.len() + d.cases.len() + d.categories.len()
        })
    };
    let keep_local = RwSignal::new(None::<bool>);
    let asking = RwSignal::new(false);
    let go = move || {
        if local_count() > 0 && keep_local.get_untracked().is_none() {
            asking.set(true);
            return;
        }
        let discard = keep_local.get_untracked() == Some(false);
        form.submit(JoinDraft::check, move |(joining, device_name)| async move {
            // The relay learns only this device's random id: names of people stay on the
            // phones. Read from the open database: a tap while it was still opening (a busy
            // phone) sent "Lotse " with no id, and the other phones could not tell it apart.
            let name = format!("Lotse {}", state.this_device_id().await?);
            let config = match joining {
                Joining::Short { code, server } => join_by_code(&server, &code, &name).await?,
                Joining::Long(long) => join(&long, &name).await?,
            };
            // Only once the invitation worked: a mistyped code deletes nothing.
            if discard {
                state.discard_local_data().await?;
            }
            sync.set_up(state, config).await?;
            if device_name.is_some() {
                // Joined either way: a name that could not be stored is typed again in
                // the settings, where it can always be changed.
                let _ = state.name_this_device(device_name, None).await;
            }
            Ok(())
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go();
    };
    let answer = move |keep: bool| {
        keep_local.set(Some(keep));
        asking.set(false);
        go();
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="sync-code">{t.sync_join_label}</label>
                <textarea id="sync-code" rows="2" autocomplete="off" spellcheck="false" dir="ltr"
                    aria-invalid=form.invalid("code") aria-describedby="sync-code-problem"
                    bind:value=part!(form, code)></textarea>
                <ErrorText id="sync-code-problem" message=form.message("code")/>
            </div>
            <div class="field">
                <label for="sync-relay">{t.sync_relay_label}</label>
                <input id="sync-relay" type="url" autocomplete="off" dir="ltr"
                    aria-invalid=form.invalid("server") aria-describedby="sync-relay-hint sync-relay-problem"
                    bind:value=part!(form, server)/>
                <p id="sync-relay-hint" class="hint">{t.sync_relay_hint}</p>
                <ErrorText id="sync-relay-problem" message=form.message("server")/>
            </div>
            <div class="field">
                <label for="join-device-name">{t.device_name_label}</label>
                <input id="join-device-name" type="text" dir="auto" autocomplete="off"
                    aria-invalid=form.invalid("device_name") aria-describedby="join-device-name-hint join-device-name-problem"
                    bind:value=part!(form, device_name)/>
                <p id="join-device-name-hint" class="hint">{t.device_name_hint}</p>
                <ErrorText id="join-device-name-problem" message=form.message("device_name")/>
            </div>
            <Show when=move || asking.get() fallback=move || view! { <SubmitButton form=form.submission() label=t.sync_join/> }>
                <div class="card local-data" role="group" aria-labelledby="join-local-question">
                    <p id="join-local-question">{move || format_counted(t.join_local_question, local_count())}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| answer(true)>{t.join_local_keep}</button>
                        <button type="button" class="button-danger" on:click=move |_| answer(false)>{t.join_local_discard}</button>
                        <button type="button" class="button-secondary" on:click=move |_| asking.set(false)>{t.cancel}</button>
                    </div>
                </div>
            </Show>
            <FormStatus form=form.submission()/>
        </form>
    }
}

/// The first device starts the organisation on a server set up with `lotse-relay create-org`.
#[component]
fn ConnectForm() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let form = Form::new(ConnectDraft::default(), |t, problem: &ConnectProblem| {
        match problem {
            ConnectProblem::UrlInvalid => t.sync_url_invalid,
            ConnectProblem::TokenEmpty => t.sync_token_empty,
        }
        .to_owned()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(ConnectDraft::validate, move |connecting| async move {
            let Connecting { address, token } = connecting;
            if !check_empty(&address, &token).await? {
                return Err(Failure(t.sync_use_invitation.to_owned()));
            }
            let config = SyncConfig {
                database_url: address,
                token,
                keys: vec![(1, random_key()?)],
                // The device key is made and registered by the first sync run
                // (`ensure_device_key`).
                ..SyncConfig::default()
            };
            sync.set_up(state, config).await?;
            Ok(())
        });
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="sync-url">{t.sync_server_label}</label>
                <input id="sync-url" type="url" autocomplete="off" placeholder=t.sync_server_hint dir="ltr"
                    aria-invalid=form.invalid("url") aria-describedby="sync-url-problem"
                    bind:value=part!(form, url)/>
                <ErrorText id="sync-url-problem" message=form.message("url")/>
            </div>
            <div class="field">
                <label for="sync-token">{t.sync_token_label}</label>
                <input id="sync-token" type="text" autocomplete="off" spellcheck="false" dir="ltr"
                    aria-invalid=form.invalid("token") aria-describedby="sync-token-problem"
                    bind:value=part!(form, token)/>
                <ErrorText id="sync-token-problem" message=form.message("token")/>
            </div>
            <SubmitButton form=form.submission() label=t.sync_connect class="button-secondary"/>
            <FormStatus form=form.submission()/>
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
                    <textarea id="sync-invitation" class="invitation-code" rows=if server.is_some() { "2" } else { "4" }
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
        <DeviceNameForm/>
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
    let state = use_app_state();
    let clock_ahead = move || {
        let devices = sync.clock_ahead.get();
        (!devices.is_empty()).then(|| {
            let names: Vec<String> = state.directory.with(|d| {
                devices
                    .iter()
                    .map(|id| device_label(t, name_of_device(&d.devices, id), id, false))
                    .collect()
            });
            Texts::fill(t.sync_clock_ahead, &[("devices", &names.join(", "))])
        })
    };
    view! {
        {move || set_aside().map(|text| view! { <p class="sync-warning" dir="auto">{text}</p> })}
        {move || clock_ahead().map(|text| view! { <p class="sync-warning">{text}</p> })}
        {move || (sync.unpurged.get() > 0).then(|| view! {
            <p class="sync-warning">{Texts::fill(t.purge_waiting, &[("count", &format_count(sync.unpurged.get()))])}</p>
        })}
    }
}
