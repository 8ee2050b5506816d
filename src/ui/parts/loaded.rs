//! The one way a page reads data that is not in memory (notes from storage, lists from the
//! relay): read now, and again whenever a signal the read uses changes (or on `refetch`). An
//! answer to an older read is dropped – a slow answer for the case opened before never
//! replaces the one on screen – and "loading" and "could not be read" look the same on every
//! page. (Leptos' `LocalResource` does the same; this is its part Lotse needs, at a fraction
//! of its wasm: its async machinery was instantiated for every type read.)

use crate::i18n::texts;
use leptos::prelude::*;
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

/// What a page read: nothing yet, the value, or why not in the reader's words.
pub struct Loaded<T: 'static> {
    answer: RwSignal<Option<Result<T, String>>, LocalStorage>,
    again: Trigger,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    /// The latest answer (tracked).
    pub fn get(self) -> Option<Result<T, String>> {
        self.answer.get()
    }

    /// Reads again now (after this page changed what it reads).
    pub fn refetch(self) {
        self.again.notify();
    }
}

/// Reads with `read` now and again whenever a signal `read` used changes.
pub fn load<T, F>(read: impl Fn() -> F + 'static) -> Loaded<T>
where
    T: 'static,
    F: Future<Output = Result<T, String>> + 'static,
{
    let answer = RwSignal::new_local(None);
    let again = Trigger::new();
    // Which read is the latest; an answer to any other one is stale.
    let latest = Rc::new(Cell::new(0u64));
    Effect::new(move |_| {
        again.track();
        let reading = read();
        let this = latest.get() + 1;
        latest.set(this);
        let latest = latest.clone();
        leptos::task::spawn_local(async move {
            let found = reading.await;
            if latest.get() == this {
                answer.set(Some(found));
            }
        });
    });
    Loaded { answer, again }
}

/// What `loaded` holds, shown by `show`: "Loading …" until the first answer, the reason when
/// it could not be read. While it reads again, the previous answer stays on screen.
pub fn show_loaded<T, V>(loaded: Loaded<T>, show: impl Fn(T) -> V + Send + 'static) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let t = texts();
    move || match loaded.get() {
        None => view! { <p role="status">{t.loading}</p> }.into_any(),
        Some(Err(message)) => {
            view! { <p class="field-error" role="alert">{message}</p> }.into_any()
        }
        Some(Ok(value)) => show(value).into_any(),
    }
}
