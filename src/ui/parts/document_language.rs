//! A document printed for a person – what is held about them, a consent form – in a
//! language of their choice, not necessarily the app's: a picker, and that language's texts
//! loaded (from the service worker's cache when offline). A language file that cannot be had
//! is said next to the picker, and the document falls back to the app's language.

use crate::domain::member::{LanguageLevel, Member};
use crate::i18n::{texts, Direction, Texts, OFFERED};
use crate::ui::parts::loaded::{load, Loaded};
use crate::ui::state::language;
use leptos::prelude::*;

/// The language a document for `member` starts in: their own (native) language where the
/// app speaks it, else the app's.
pub fn first_choice(member: Option<&Member>) -> &'static str {
    member
        .and_then(|m| {
            m.languages
                .iter()
                .filter(|skill| skill.level == LanguageLevel::Native)
                .find_map(|skill| OFFERED.iter().find(|o| o.code == skill.code))
        })
        .map_or(texts().lang, |offered| offered.code)
}

/// `dir` of a document in `t`'s language.
pub fn direction(t: &'static Texts) -> &'static str {
    match t.dir {
        Direction::LeftToRight => "ltr",
        Direction::RightToLeft => "rtl",
    }
}

/// The chosen language (else `first`) and its texts, with whether they fell back.
#[derive(Clone, Copy)]
pub struct DocumentLanguage {
    chosen: RwSignal<Option<&'static str>>,
    first: Signal<&'static str>,
    pub texts: Loaded<(&'static Texts, bool)>,
}

impl DocumentLanguage {
    pub fn new(first: impl Fn() -> &'static str + Send + Sync + 'static) -> DocumentLanguage {
        let chosen = RwSignal::new(None::<&'static str>);
        let first = Signal::derive(first);
        let code = move || chosen.get().unwrap_or_else(|| first.get());
        let texts = load(move || {
            let code = code();
            async move {
                Ok(match language::load(code).await {
                    Some(found) => (found, false),
                    None => (texts(), true),
                })
            }
        });
        DocumentLanguage {
            chosen,
            first,
            texts,
        }
    }

    fn code(self) -> &'static str {
        self.chosen.get().unwrap_or_else(|| self.first.get())
    }

    /// The document's texts once loaded.
    pub fn loaded(self) -> Option<&'static Texts> {
        match self.texts.get() {
            Some(Ok((found, _))) => Some(found),
            _ => None,
        }
    }
}

/// The picker, with the message when the chosen language could not be loaded.
#[component]
pub fn DocumentLanguagePicker(language: DocumentLanguage, id: &'static str) -> impl IntoView {
    let t = texts();
    view! {
        <div class="field no-print">
            <label for=id>{t.data_language}</label>
            <select id=id on:change=move |ev| {
                let picked = event_target_value(&ev);
                language.chosen.set(OFFERED.iter().find(|o| o.code == picked).map(|o| o.code));
            }>
                {OFFERED.iter().map(|o| {
                    let code_of = o.code;
                    view! { <option value=o.code lang=o.code selected=move || language.code() == code_of>{o.native_name}</option> }
                }).collect_view()}
            </select>
            {move || matches!(language.texts.get(), Some(Ok((_, true)))).then(|| view! {
                <p class="field-error" role="alert">{t.data_language_failed}</p>
            })}
        </div>
    }
}

/// "Print / save as PDF".
#[component]
pub fn PrintButton(label: &'static str) -> impl IntoView {
    view! {
        <button type="button" on:click=|_| {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }>{label}</button>
    }
}
