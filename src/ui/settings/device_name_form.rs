//! Settings → Sync → the name of this device, as the others see it in their device list.

use crate::domain::device_name::{parse_device_name, DeviceNameError};
use crate::i18n::{texts, Texts};
use crate::ui::parts::form::{ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::state::app_state::use_app_state;
use crate::ui::text::locale_format::format_count;
use leptos::prelude::*;

pub fn device_name_message(t: &'static Texts, problem: &DeviceNameError) -> String {
    match *problem {
        DeviceNameError::Empty => t.device_name_empty.to_owned(),
        DeviceNameError::TooLong { max } => {
            Texts::fill(t.org_name_too_long, &[("max", &format_count(max))])
        }
    }
}

#[component]
pub fn DeviceNameForm() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(String::new(), device_name_message);
    let name = form.part(|name| name, |name| name);
    // The stored name once it is known (sync may bring it), unless the person already typed.
    Effect::new(move |_| {
        if let Some(stored) = state.own_device_name() {
            if form.draft().with_untracked(String::is_empty) {
                form.replace(|draft| *draft = stored.name);
            }
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(
            |typed| parse_device_name(&typed).map_err(|err| vec![err]),
            move |name| async move {
                state.name_this_device(Some(name), None).await?;
                Ok(())
            },
        );
    };
    view! {
        <form class="device-name" on:submit=on_submit novalidate>
            <div class="field">
                <label for="device-name">{t.device_name_label}</label>
                <input id="device-name" type="text" dir="auto" autocomplete="off"
                    aria-describedby="device-name-hint device-name-problem"
                    aria-invalid=form.invalid("device_name") bind:value=name/>
                <p id="device-name-hint" class="hint">{t.device_name_hint}</p>
                <ErrorText id="device-name-problem" message=form.message("device_name")/>
            </div>
            <SubmitButton form=form.submission() label=t.save class="button-secondary"/>
            <FormStatus form=form.submission() says_saved=true/>
        </form>
    }
}
