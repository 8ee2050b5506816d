//! The lock screen: all a locked device shows. Nothing personal – not the organisation's
//! name, not a member, not a count – because nothing is read before the unlock.

use crate::domain::app_lock::UnlockDraft;
use crate::i18n::texts;
use crate::storage::{delete_database, DATABASE_NAME};
use crate::ui::parts::form::{
    part, ErrorText, Failure, Form, FormStatus, Submission, SubmitButton,
};
use crate::ui::shell::language_picker::LanguagePicker;
use crate::ui::state::app_lock::{restart_when_another_tab_says, LockStatus};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::lock_messages::{lock_failure, nothing_typed};
use crate::unlock::authenticator;
use leptos::prelude::*;
use std::time::Duration;

#[component]
pub fn LockScreen() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(UnlockDraft::default(), nothing_typed);
    let passphrase = part!(form, passphrase);
    // Seconds until the next try may be made, counted down (it survives a reload: the
    // count of wrong tries is stored).
    let wait = RwSignal::new(0u32);
    leptos::task::spawn_local(async move { wait.set(state.unlock_wait().await) });
    let ticking = set_interval_with_handle(
        move || {
            if wait.get_untracked() > 0 {
                wait.update(|w| *w -= 1);
            }
        },
        Duration::from_secs(1),
    );
    // Another tab removing the lock (or unlocking it away) leaves this one stale otherwise.
    let channel = restart_when_another_tab_says();
    on_cleanup(move || {
        if let Ok(handle) = ticking {
            handle.clear();
        }
        if let Some(channel) = channel {
            channel.close();
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if wait.get_untracked() > 0 {
            return;
        }
        form.submit(UnlockDraft::validate, move |typed| async move {
            state.unlock_with_passphrase(&typed).await.map_err(|err| {
                if let crate::ui::state::app_lock::LockError::WrongPassphrase { wait_seconds } = err
                {
                    wait.set(wait_seconds);
                }
                lock_failure(texts(), &err)
            })
        });
    };
    let has_quick = move || {
        state
            .lock
            .with(|lock| matches!(lock, LockStatus::Locked(r) if r.quick.is_some()))
    };
    let quick_available = LocalResource::new(authenticator::available);
    let quick = Submission::new();
    let unlock_quick = move |_| {
        quick.run(async move {
            state
                .unlock_with_authenticator()
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    let waiting_text = move || {
        let seconds = wait.get();
        (seconds > 0).then(|| t.lock_wait.replace("{seconds}", &seconds.to_string()))
    };
    view! {
        <main id="main" class="lock-screen" aria-labelledby="lock-title">
            <span class="app-logo" aria-hidden="true"></span>
            <h1 id="lock-title">{t.lock_title}</h1>
            <p>{t.lock_intro}</p>
            <form class="card" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="unlock-passphrase">{t.lock_passphrase}</label>
                    <input id="unlock-passphrase" type="password" autocomplete="current-password"
                        aria-describedby="unlock-passphrase-error"
                        aria-invalid=form.invalid("passphrase") bind:value=passphrase/>
                    <ErrorText id="unlock-passphrase-error" message=form.message("passphrase")/>
                </div>
                <SubmitButton form=form.submission() label=t.lock_unlock
                    held=Signal::derive(move || wait.get() > 0)/>
                <p class="hint" role="status">{waiting_text}</p>
                <FormStatus form=form.submission() busy=t.lock_unlocking/>
            </form>
            <Show when=move || has_quick() && quick_available.get() == Some(true)>
                <div class="card">
                    <button type="button" on:click=unlock_quick disabled=move || quick.is_running()>
                        {t.lock_unlock_quick}
                    </button>
                    <FormStatus form=quick busy=t.lock_unlocking/>
                </div>
            </Show>
            <ForgottenPassphrase/>
            <LanguagePicker/>
        </main>
    }
}

/// The honest way out: this device is emptied and joins again by invitation.
#[component]
fn ForgottenPassphrase() -> impl IntoView {
    let t = texts();
    let confirming = RwSignal::new(false);
    let wiping = Submission::new();
    let wipe = move |_| {
        wiping.run(async move {
            delete_database(DATABASE_NAME).await?;
            if let Some(window) = web_sys::window() {
                let _ = window.location().replace("/");
            }
            Ok::<(), Failure>(())
        });
    };
    view! {
        <details class="card">
            <summary>{t.lock_forgotten}</summary>
            <p>{t.lock_forgotten_text}</p>
            <Show when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="button-danger" on:click=move |_| confirming.set(true)>
                        {t.lock_wipe}
                    </button>
                }>
                <p role="alert">{t.lock_wipe_confirm_text}</p>
                <button type="button" class="button-danger" on:click=wipe disabled=move || wiping.is_running()>
                    {t.lock_wipe_confirm}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| confirming.set(false)>
                    {t.cancel}
                </button>
            </Show>
            <FormStatus form=wiping/>
        </details>
    }
}
