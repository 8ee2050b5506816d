//! The languages someone speaks, each with a level; rows can be added and removed.

use crate::domain::member::{LanguageLevel, LanguageSkill};
use crate::i18n::texts;
use crate::ui::parts::choice_options::language_options;
use crate::ui::parts::form::Part;
use crate::ui::text::labels::{language_name, language_with_level, level_label};
use leptos::prelude::*;

/// Edits `languages` in place.
#[component]
pub fn LanguageEditor(languages: Part<Vec<LanguageSkill>>) -> impl IntoView {
    let t = texts();
    let new_code = RwSignal::new(String::new());
    let new_level = RwSignal::new(LanguageLevel::Good);
    let add = move |_| {
        let code = new_code.get_untracked();
        if code.is_empty() {
            return;
        }
        languages.update(|list| {
            list.retain(|l| l.code != code);
            list.push(LanguageSkill {
                code,
                level: new_level.get_untracked(),
            });
        });
        new_code.set(String::new());
    };
    view! {
        <fieldset class="languages">
            <legend>{t.languages_label}</legend>
            <ul class="chips">
                {move || languages.get().into_iter().map(|skill| {
                    let code = skill.code.clone();
                    let name = language_name(t, &skill.code);
                    let remove_label = crate::i18n::Texts::fill(t.remove_language, &[("language", &name)]);
                    view! {
                        <li>
                            <span>{language_with_level(t, &skill)}</span>
                            <button type="button" class="chip-remove" aria-label=remove_label
                                on:click=move |_| languages.update(|l| l.retain(|x| x.code != code))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="inline-fields">
                <div class="field">
                    <label for="new-language">{t.language_label}</label>
                    <select id="new-language" prop:value=move || new_code.get() on:change=move |ev| new_code.set(event_target_value(&ev))>
                        <option value="">{t.choose}</option>
                        {language_options(new_code.into())}
                    </select>
                </div>
                <div class="field">
                    <label for="new-language-level">{t.level_label}</label>
                    <select id="new-language-level" on:change=move |ev| new_level.set(match event_target_value(&ev).as_str() {
                        "native" => LanguageLevel::Native,
                        "basic" => LanguageLevel::Basic,
                        _ => LanguageLevel::Good,
                    })>
                        <option value="good">{level_label(t, LanguageLevel::Good)}</option>
                        <option value="native">{level_label(t, LanguageLevel::Native)}</option>
                        <option value="basic">{level_label(t, LanguageLevel::Basic)}</option>
                    </select>
                </div>
                <button type="button" class="button-secondary" on:click=add>{t.add_language}</button>
            </div>
        </fieldset>
    }
}
