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

/// Saving a form, once at a time: while a save runs, another submit does nothing and the
/// submit button is disabled and marked busy – a double tap on a slow phone stores once.
/// Every form saves through it.
#[derive(Clone, Copy)]
pub struct Saving {
    running: RwSignal<bool>,
}

impl Saving {
    pub fn new() -> Saving {
        Saving {
            running: RwSignal::new(false),
        }
    }

    /// Starts `save` unless one is running; set free again when it is done.
    pub fn start<F>(self, save: impl FnOnce() -> F)
    where
        F: std::future::Future<Output = ()> + 'static,
    {
        // Checked and set before anything else runs, so the second tap of a double tap sees it
        // even before the button has been redrawn as disabled.
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        let saving = save();
        leptos::task::spawn_local(async move {
            saving.await;
            self.running.set(false);
        });
    }

    pub fn running(self) -> Signal<bool> {
        self.running.into()
    }
}

impl Default for Saving {
    fn default() -> Self {
        Self::new()
    }
}

/// A form's submit button: disabled and busy while `saving` runs.
#[component]
pub fn SubmitButton(
    saving: Saving,
    label: &'static str,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let running = saving.running();
    view! {
        <button type="submit" class=class disabled=move || running.get()
            aria-busy=move || running.get().then_some("true")>{label}</button>
    }
}
