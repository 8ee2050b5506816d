//! Small pieces every form uses: the message next to a field, and the save outcome.

use leptos::prelude::*;

/// The message under a field; referenced by the field's aria-describedby.
#[component]
pub fn ErrorText(id: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=id class="field-error">{move || message.get()}</p> }
}

/// Why saving failed, announced to screen readers; the form keeps its input.
#[component]
pub fn SaveStatus(error: ReadSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="form-status">
            {move || error.get().map(|message| view! { <span class="field-error" role="alert">{message}</span> })}
        </p>
    }
}
