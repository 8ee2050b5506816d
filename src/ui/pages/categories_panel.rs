//! The organisation's own help categories, next to the built-in ones.

use crate::domain::offer::CustomCategory;
use crate::domain::record_data::tidy;
use crate::i18n::texts;
use crate::ui::app_state::use_app_state;
use crate::ui::form_parts::{ErrorText, SaveStatus, Saving, SubmitButton};
use crate::ui::messages::save_failed_message;
use leptos::prelude::*;

/// Lists custom categories and adds new ones (kept exactly as named, in every language).
#[component]
pub fn CategoriesPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let name = RwSignal::new(String::new());
    let name_error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<String>);
    let saving = Saving::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = tidy(&name.get_untracked());
        if typed.is_empty() {
            name_error.set(Some(t.name_empty.to_owned()));
            return;
        }
        name_error.set(None);
        saving.start(move || async move {
            match state
                .save(
                    None,
                    &CustomCategory {
                        id: String::new(),
                        name: typed,
                    },
                )
                .await
            {
                Ok(_) => {
                    name.set(String::new());
                    save_error.set(None);
                }
                Err(err) => save_error.set(Some(save_failed_message(t, &err))),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="categories-title">
            <h2 id="categories-title">{t.custom_categories}</h2>
            <ul class="chips">
                {move || state.directory.with(|d| d.categories.values().map(|c| view! { <li dir="auto">{c.name.clone()}</li> }).collect_view())}
            </ul>
            <form on:submit=on_submit novalidate>
                <div class="field">
                    <label for="category-name">{t.category_name}</label>
                    <input id="category-name" type="text" dir="auto" aria-describedby="category-name-error"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <ErrorText id="category-name-error" message=name_error.into()/>
                </div>
                <SubmitButton saving label=t.add_category/>
                <SaveStatus error=save_error.read_only()/>
            </form>
        </section>
    }
}
