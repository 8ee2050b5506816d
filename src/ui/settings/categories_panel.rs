//! The organisation's own help categories, next to the built-in ones.

use crate::domain::offer::{CategoryError, CustomCategory};
use crate::i18n::texts;
use crate::ui::parts::form::{part, ErrorText, Form, FormStatus, SubmitButton};
use crate::ui::state::app_state::use_app_state;
use leptos::prelude::*;

/// Lists custom categories and adds new ones (kept exactly as named, in every language).
#[component]
pub fn CategoriesPanel() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let form = Form::new(CustomCategory::default(), |t, _: &CategoryError| {
        t.name_empty.to_owned()
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.submit(CustomCategory::validated, move |category| async move {
            state.save(None, &category).await?;
            form.replace(|draft| draft.name.clear());
            Ok(())
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
                        aria-invalid=form.invalid("name") bind:value=part!(form, name)/>
                    <ErrorText id="category-name-error" message=form.message("name")/>
                </div>
                <SubmitButton form=form.submission() label=t.add_category/>
                <FormStatus form=form.submission()/>
            </form>
        </section>
    }
}
