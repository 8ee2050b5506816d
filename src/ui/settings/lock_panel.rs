//! Settings → the app lock: set it (passphrase twice, a strength hint, what happens if it is
//! forgotten), then lock now, the idle time, quick unlock with the phone's authenticator,
//! and turning it off with the passphrase.

use crate::domain::app_lock::{
    idle_choices, LockDraft, LockProblem, Migration, Strength, UnlockDraft, MIN_PASSPHRASE_CHARS,
};
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, Submission, SubmitButton};
use crate::ui::state::app_lock::{lock_now, LockStatus};
use crate::ui::state::app_state::use_app_state;
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::lock_messages::{lock_failure, nothing_typed};
use crate::unlock::authenticator;
use leptos::prelude::*;

fn lock_problem(t: &'static Texts, problem: &LockProblem) -> String {
    match problem {
        LockProblem::TooShort => t
            .lock_too_short
            .replace("{count}", &MIN_PASSPHRASE_CHARS.to_string()),
        LockProblem::Mismatch => t.lock_mismatch.to_owned(),
    }
}

#[component]
pub fn LockPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let is_on = move || {
        state
            .lock
            .with(|lock| matches!(lock, LockStatus::Unlocked(_)))
    };
    view! {
        <section class="card" aria-labelledby="lock-settings-title" id="lock">
            <h2 id="lock-settings-title">{t.lock_settings_title}</h2>
            <LockProgress/>
            <Show when=is_on fallback=SetLockForm>
                <LockOptions/>
            </Show>
        </section>
    }
}

/// How far turning the lock on (or off) has got: it rewrites every stored value once, which
/// takes seconds for a large organisation.
#[component]
fn LockProgress() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let opening = move || {
        state.lock.with(|lock| {
            lock.record()
                .is_some_and(|r| r.migration == Migration::Opening)
        })
    };
    move || {
        state.lock_progress.get().map(|(done, total)| {
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            view! {
                <p id="lock-progress-label" role="status">
                    {if opening() { t.lock_opening } else { t.lock_sealing }} " " {format!("{percent} %")}
                </p>
                <progress aria-labelledby="lock-progress-label" max=total.to_string() value=done.to_string()></progress>
            }
        })
    }
}

#[component]
fn SetLockForm() -> impl IntoView {
    let state = use_app_state();
    let sync = use_sync_state();
    let t = texts();
    let form = Form::new(LockDraft::default(), lock_problem);
    let (passphrase, repeat) = (part!(form, passphrase), part!(form, repeat));
    let strength = move || {
        passphrase.with(|typed| {
            (!typed.is_empty()).then(|| match Strength::of(typed) {
                Strength::Weak => t.lock_strength_weak,
                Strength::Fair => t.lock_strength_fair,
                Strength::Strong => t.lock_strength_strong,
            })
        })
    };
    let alone = move || sync.config.with(Option::is_none);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(LockDraft::validate, move |typed| async move {
            state
                .set_lock(&typed)
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    view! {
        <p>{t.lock_why}</p>
        <form on:submit=on_submit novalidate>
            <div class="field">
                <label for="lock-passphrase">{t.lock_new_passphrase}</label>
                <input id="lock-passphrase" type="password" autocomplete="new-password"
                    aria-describedby="lock-passphrase-hint lock-passphrase-error"
                    aria-invalid=form.invalid("passphrase") bind:value=passphrase/>
                <p id="lock-passphrase-hint" class="hint" aria-live="polite">
                    {t.lock_rules.replace("{count}", &MIN_PASSPHRASE_CHARS.to_string())} " "
                    <strong>{strength}</strong>
                </p>
                <ErrorText id="lock-passphrase-error" message=form.message("passphrase")/>
            </div>
            <div class="field">
                <label for="lock-repeat">{t.lock_repeat}</label>
                <input id="lock-repeat" type="password" autocomplete="new-password"
                    aria-describedby="lock-repeat-error"
                    aria-invalid=form.invalid("repeat") bind:value=repeat/>
                <ErrorText id="lock-repeat-error" message=form.message("repeat")/>
            </div>
            <p class="hint">{t.lock_forgotten_text}</p>
            <Show when=alone>
                <p class="warning" role="note">{t.lock_only_device}</p>
            </Show>
            <SubmitButton form=form.submission() label=t.lock_turn_on/>
            <FormStatus form=form.submission() busy=t.lock_sealing/>
        </form>
    }
}

#[component]
fn LockOptions() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let record = move || state.lock.with(|lock| lock.record().cloned());
    let idle = Submission::new();
    let on_idle = move |ev| {
        let Ok(minutes) = event_target_value(&ev).parse::<u32>() else {
            return;
        };
        idle.run(async move {
            state
                .set_idle_minutes(minutes)
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    let current_idle = move || record().map(|r| r.idle_minutes).unwrap_or_default();
    view! {
        <p>{t.lock_is_on}</p>
        <p><button type="button" on:click=move |_| lock_now()>{t.lock_now}</button></p>
        <div class="field">
            <label for="lock-idle">{t.lock_idle}</label>
            <select id="lock-idle" on:change=on_idle disabled=move || idle.is_running()>
                {idle_choices().into_iter().map(|minutes| view! {
                    <option value=minutes.to_string() selected=move || current_idle() == minutes>
                        {t.lock_idle_minutes.replace("{count}", &minutes.to_string())}
                    </option>
                }).collect_view()}
            </select>
        </div>
        <FormStatus form=idle says_saved=true/>
        <QuickUnlockOption/>
        <TurnOffForm/>
    }
}

#[component]
fn QuickUnlockOption() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let available = LocalResource::new(authenticator::available);
    let has_quick = move || {
        state
            .lock
            .with(|lock| lock.record().is_some_and(|r| r.quick.is_some()))
    };
    let action = Submission::new();
    let add = move |_| {
        action.run(async move {
            state
                .add_quick_unlock()
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    let remove = move |_| {
        action.run(async move {
            state
                .remove_quick_unlock()
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    view! {
        <h3>{t.lock_quick_title}</h3>
        <Show when=move || available.get() == Some(true)
            fallback=move || view! { <p class="hint">{t.lock_quick_unavailable}</p> }>
            <Show when=has_quick
                fallback=move || view! {
                    <p class="hint">{t.lock_quick_hint}</p>
                    <button type="button" on:click=add disabled=move || action.is_running()>
                        {t.lock_quick_add}
                    </button>
                }>
                <p>{t.lock_quick_on}</p>
                <button type="button" class="button-secondary" on:click=remove
                    disabled=move || action.is_running()>{t.lock_quick_remove}</button>
            </Show>
        </Show>
        <FormStatus form=action says_saved=true/>
    }
}

#[component]
fn TurnOffForm() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(UnlockDraft::default(), nothing_typed);
    let passphrase = part!(form, passphrase);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(UnlockDraft::validate, move |typed| async move {
            state
                .remove_lock(&typed)
                .await
                .map_err(|err| lock_failure(texts(), &err))
        });
    };
    view! {
        <details>
            <summary>{t.lock_turn_off}</summary>
            <p class="hint">{t.lock_turn_off_hint}</p>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="lock-off-passphrase">{t.lock_passphrase}</label>
                    <input id="lock-off-passphrase" type="password" autocomplete="current-password"
                        aria-describedby="lock-off-passphrase-error"
                        aria-invalid=form.invalid("passphrase") bind:value=passphrase/>
                    <ErrorText id="lock-off-passphrase-error" message=form.message("passphrase")/>
                </div>
                <SubmitButton form=form.submission() label=t.lock_turn_off_button/>
                <FormStatus form=form.submission() busy=t.lock_opening/>
            </form>
        </details>
    }
}
