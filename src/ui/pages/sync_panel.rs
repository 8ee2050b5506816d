//! Settings → Sync: join by invitation, or start the organisation on a server; once set up,
//! the status, "sync now" and inviting another device.

use super::device_list::DeviceList;
use crate::domain::sync::invitation::Invitation;
use crate::i18n::texts;
use crate::storage::SyncConfig;
use crate::sync::{check_empty, create_invitation, join, random_key};
use crate::ui::app_state::use_app_state;
use crate::ui::qr_code::QrCodeImage;
use crate::ui::sync_line::{sync_error_message, sync_summary};
use crate::ui::sync_state::use_sync_state;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SyncPanel() -> impl IntoView {
    let t = texts();
    let sync = use_sync_state();
    let configured = move || sync.is_some_and(|s| s.config.with(Option::is_some));
    view! {
        <section class="card" aria-labelledby="sync-title">
            <h2 id="sync-title">{t.sync_section}</h2>
            <p>{t.sync_intro}</p>
            <Show when=configured fallback=|| view! { <JoinForm/> <ConnectForm/> }>
                <SyncControls/>
            </Show>
        </section>
    }
}

const JOIN_FRAGMENT: &str = "#join=";

/// The link in the invitation's QR code. The code travels in the fragment, which browsers
/// never send to a server.
fn join_link(code: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/settings{JOIN_FRAGMENT}{code}")
}

/// The code from a join link this page was opened with, if any.
fn code_from_link() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix(JOIN_FRAGMENT).map(str::to_owned)
}

/// A new phone joins with the code another device shows.
#[component]
fn JoinForm() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let sync = use_sync_state();
    let code = RwSignal::new(code_from_link().unwrap_or_default());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(invitation) = Invitation::from_code(&code.get_untracked()) else {
            problem.set(Some(t.sync_code_invalid.to_owned()));
            return;
        };
        // The relay learns only this device's random id: names of people stay on the phones.
        let name = format!(
            "Lotse {}",
            state.device_id.get_untracked().unwrap_or_default()
        );
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let joined = match join(&invitation, &name).await {
                Ok(config) => match sync {
                    Some(sync) => sync.set_up(state, config).await,
                    None => Ok(()),
                },
                Err(err) => Err(err),
            };
            busy.set(false);
            if let Err(err) = joined {
                problem.set(Some(sync_error_message(t, &err, 0)));
            }
        });
    };
    view! {
        <form on:submit=submit novalidate>
            <div class="field">
                <label for="sync-code">{t.sync_join_label}</label>
                <textarea id="sync-code" rows="3" autocomplete="off" spellcheck="false"
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    aria-describedby="sync-code-problem"
                    prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))></textarea>
                <p id="sync-code-problem" class="field-error" role="alert">{move || problem.get()}</p>
            </div>
            <button type="submit" disabled=move || busy.get()>{t.sync_join}</button>
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
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let address = url.get_untracked().trim().trim_end_matches('/').to_owned();
        let key_text = token.get_untracked().trim().to_owned();
        let address_ok = address.starts_with("https://") || address.starts_with("http://");
        url_problem.set((!address_ok).then(|| t.sync_url_invalid.to_owned()));
        token_problem.set(key_text.is_empty().then(|| t.sync_token_empty.to_owned()));
        if !address_ok || key_text.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let outcome = async {
                if !check_empty(&address, &key_text).await? {
                    return Ok(Some(t.sync_use_invitation.to_owned()));
                }
                let config = SyncConfig {
                    database_url: address,
                    token: key_text,
                    keys: vec![(1, random_key()?)],
                };
                if let Some(sync) = sync {
                    sync.set_up(state, config).await?;
                }
                Ok(None)
            }
            .await;
            busy.set(false);
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
            <button type="submit" class="button-secondary" disabled=move || busy.get()>{t.sync_connect}</button>
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
    let code = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let progress = move || sync.and_then(|s| s.progress.get());
    let sync_now = move |_| {
        if let Some(sync) = sync {
            sync.run(state);
        }
    };
    let invite = move |_| {
        let Some(config) = sync.and_then(|s| s.config.get_untracked()) else {
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
        <DeviceList/>
        {move || code.get().map(|code| view! {
            // The QR code holds a link that opens Lotse on the new phone with the code filled in.
            <QrCodeImage text=join_link(&code) label=t.sync_qr_label/>
            <div class="field">
                <label for="sync-invitation">{t.sync_join_label}</label>
                <textarea id="sync-invitation" rows="4" readonly spellcheck="false" dir="ltr">{code}</textarea>
                <p class="hint">{t.sync_invite_hint}</p>
            </div>
        })}
    }
}
