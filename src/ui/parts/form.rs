//! The one way a form is built. A form holds a draft (the domain's own draft type), binds
//! each input to a part of it with `bind:`, checks it with the domain's validation on submit,
//! shows every problem next to the field it names (`FieldProblem::field`), and saves through
//! one submission at a time: while it runs the submit button is disabled and the status says
//! so, a double tap stores once, and whatever was typed stays when saving fails.

use crate::domain::form::{Checked, FieldProblem, WHOLE_FORM};
use crate::i18n::{texts, Texts};
use crate::storage::error::StorageError;
use crate::ui::text::messages::save_failed_message;
use leptos::prelude::*;
use leptos::tachys::reactive_graph::bind::IntoSplitSignal;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

thread_local! {
    // Drafts of new records left unsaved during this visit, by form (see `Form::kept`).
    static KEPT: RefCell<HashMap<String, Box<dyn Any>>> = RefCell::new(HashMap::new());
}

/// A form over a draft `D` whose validation reports problems `E`.
pub struct Form<D: 'static, E: 'static> {
    draft: RwSignal<D>,
    problems: RwSignal<Vec<E>>,
    describe: fn(&'static Texts, &E) -> String,
    submission: Submission,
    /// Where the draft is kept while the person is elsewhere (see `kept`).
    kept_as: StoredValue<Option<String>>,
}

impl<D, E> Clone for Form<D, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D, E> Copy for Form<D, E> {}

impl<D, E> Form<D, E>
where
    D: Clone + Send + Sync + 'static,
    E: FieldProblem + Clone + Send + Sync + 'static,
{
    /// A form starting from `start`; `describe` says a problem in the reader's language.
    pub fn new(start: D, describe: fn(&'static Texts, &E) -> String) -> Form<D, E> {
        Form {
            draft: RwSignal::new(start),
            problems: RwSignal::new(Vec::new()),
            describe,
            submission: Submission::new(),
            kept_as: StoredValue::new(None),
        }
    }

    /// Keeps what is typed under `key` for the rest of the visit: leaving the form half
    /// filled (back, another page) and coming back finds it as it was; saving forgets it.
    /// Only for new records – a kept edit of a stored one could write back values that sync
    /// has changed since.
    pub fn kept(self, key: String) -> Form<D, E> {
        let found = KEPT.with(|kept| {
            kept.borrow()
                .get(&key)
                .and_then(|draft| draft.downcast_ref::<D>().cloned())
        });
        if let Some(draft) = found {
            self.draft.set(draft);
        }
        let draft = self.draft;
        let remembered = key.clone();
        Effect::new(move |_| {
            let typed = draft.get();
            KEPT.with(|kept| {
                kept.borrow_mut()
                    .insert(remembered.clone(), Box::new(typed) as Box<dyn Any>)
            });
        });
        self.kept_as.set_value(Some(key));
        self
    }

    /// One field of the draft, for `bind:value` / `bind:checked` or a widget that edits it.
    pub fn part<T>(self, read: fn(&D) -> &T, write: fn(&mut D) -> &mut T) -> Part<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let draft = self.draft;
        let saved = self.submission.saved;
        Part {
            // A memo: typing in one field does not redraw the others.
            value: Signal::derive(move || draft.with(|d| read(d).clone())),
            set: SignalSetter::map(move |value| {
                draft.update(|d| *write(d) = value);
                saved.set(false);
            }),
        }
    }

    /// The draft as typed so far (for parts of the page that react to it).
    pub fn draft(self) -> Signal<D> {
        self.draft.into()
    }

    /// Changes the draft without counting as an edit (a reset after saving, a stored value
    /// that arrived late). The problems found in the old draft no longer describe it: a
    /// "name missing" under a name that sync has just filled in would be a lie.
    pub fn replace(self, change: impl FnOnce(&mut D)) {
        self.draft.update(change);
        self.problems.set(Vec::new());
    }

    /// The message for `field`, if the last check found a problem there.
    pub fn message(self, field: &'static str) -> Signal<Option<String>> {
        let (problems, describe) = (self.problems, self.describe);
        Signal::derive(move || {
            let t = texts();
            let found: Vec<String> = problems.with(|all| {
                all.iter()
                    .filter(|p| p.field() == field)
                    .map(|p| describe(t, p))
                    .collect()
            });
            let mut found = found;
            found.dedup();
            (!found.is_empty()).then(|| found.join(" "))
        })
    }

    /// `aria-invalid` for the input of `field`.
    pub fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
        let problems = self.problems;
        move || {
            problems
                .with(|all| all.iter().any(|p| p.field() == field))
                .then_some("true")
        }
    }

    /// What the submit button and the status line show.
    pub fn submission(self) -> Submission {
        let message = self.message(WHOLE_FORM);
        Submission {
            whole_form: Some(message),
            ..self.submission
        }
    }

    /// Checks the draft with `check`; if it passes, saves it with `save` unless a save is
    /// already running. Problems are shown until the next submit.
    pub fn submit<T, F>(self, check: impl FnOnce(D) -> Checked<T, E>, save: impl FnOnce(T) -> F)
    where
        F: Future<Output = Result<(), Failure>> + 'static,
    {
        // Checked before anything else, so the second tap of a double tap sees it even
        // before the button has been redrawn as disabled.
        if self.submission.running.get_untracked() {
            return;
        }
        match check(self.draft.get_untracked()) {
            Err(found) => self.problems.set(found),
            Ok(value) => {
                self.problems.set(Vec::new());
                let saving = save(value);
                let kept_as = self.kept_as.get_value();
                self.submission.run(async move {
                    saving.await?;
                    if let Some(key) = kept_as {
                        KEPT.with(|kept| kept.borrow_mut().remove(&key));
                    }
                    Ok(())
                });
            }
        }
    }
}

/// `part!(form, field)`: the part of `form`'s draft called `field`.
macro_rules! part {
    ($form:expr, $field:ident) => {
        $form.part(|draft| &draft.$field, |draft| &mut draft.$field)
    };
}
pub(crate) use part;

/// One field of a form's draft: read it, set it, bind it.
pub struct Part<T: Send + Sync + 'static> {
    value: Signal<T>,
    set: SignalSetter<T>,
}

impl<T: Send + Sync> Clone for Part<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync> Copy for Part<T> {}

impl<T: Clone + Send + Sync + 'static> Part<T> {
    pub fn signal(self) -> Signal<T> {
        self.value
    }

    pub fn get(self) -> T {
        self.value.get()
    }

    pub fn with<R>(self, f: impl FnOnce(&T) -> R) -> R {
        self.value.with(f)
    }

    pub fn set(self, value: T) {
        self.set.set(value);
    }

    pub fn update(self, change: impl FnOnce(&mut T)) {
        let mut value = self.value.get_untracked();
        change(&mut value);
        self.set.set(value);
    }
}

impl<T: Clone + Send + Sync + 'static> IntoSplitSignal for Part<T> {
    type Value = T;
    type Read = Signal<T>;
    type Write = SignalSetter<T>;

    fn into_split_signal(self) -> (Signal<T>, SignalSetter<T>) {
        (self.value, self.set)
    }
}

/// Why saving (or whatever a form sends) failed, in the reader's words.
pub struct Failure(pub String);

/// A failed save into storage: why, and that nothing typed is lost.
impl From<StorageError> for Failure {
    fn from(error: StorageError) -> Failure {
        Failure(save_failed_message(texts(), &error))
    }
}

/// A form's save in progress or done; the part of a form its button and status line need.
#[derive(Clone, Copy)]
pub struct Submission {
    running: RwSignal<bool>,
    failed: RwSignal<Option<String>>,
    saved: RwSignal<bool>,
    whole_form: Option<Signal<Option<String>>>,
}

impl Submission {
    /// For an action that is not a form (a delete button next to one): its failure is shown
    /// in the same status line.
    pub fn new() -> Submission {
        Submission {
            running: RwSignal::new(false),
            failed: RwSignal::new(None),
            saved: RwSignal::new(false),
            whole_form: None,
        }
    }

    /// Whether it runs now (tracked): a button of an action disables itself with it.
    pub fn is_running(self) -> bool {
        self.running.get()
    }

    /// Runs `work` unless something runs already; says "saved" or why it failed.
    pub fn run<F>(self, work: F)
    where
        F: Future<Output = Result<(), Failure>> + 'static,
    {
        self.run_boxed(Box::pin(work));
    }

    // One task type for every form: spawned generic, each form's save was a copy of the
    // task machinery.
    fn run_boxed(self, work: Pin<Box<dyn Future<Output = Result<(), Failure>>>>) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        self.failed.set(None);
        leptos::task::spawn_local(async move {
            let outcome = work.await;
            self.running.set(false);
            match outcome {
                Ok(()) => self.saved.set(true),
                Err(Failure(message)) => self.failed.set(Some(message)),
            }
        });
    }
}

impl Default for Submission {
    fn default() -> Self {
        Self::new()
    }
}

/// The message under a field; referenced by the field's aria-describedby.
#[component]
pub fn ErrorText(id: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    view! { <p id=id class="field-error">{move || message.get()}</p> }
}

/// A form's submit button: disabled and busy while its submission runs.
#[component]
pub fn SubmitButton(
    form: Submission,
    label: &'static str,
    #[prop(optional)] class: &'static str,
    /// Also disabled while this holds (the wait after a wrong passphrase).
    #[prop(optional, into)]
    held: Option<Signal<bool>>,
) -> impl IntoView {
    let running = form.running;
    let disabled = move || running.get() || held.is_some_and(|held| held.get());
    view! {
        <button type="submit" class=class disabled=disabled
            aria-busy=move || running.get().then_some("true")>{label}</button>
    }
}

/// The line under a form: "saving …", "saved", or why not (then the form keeps its input).
#[component]
pub fn FormStatus(
    form: Submission,
    /// Forms that stay on the page after saving say so; the others move on.
    #[prop(optional)]
    says_saved: bool,
    /// What it says while running, if not "saving" (an unlock).
    #[prop(optional)]
    busy: Option<&'static str>,
) -> impl IntoView {
    let t = texts();
    let Submission {
        running,
        failed,
        saved,
        whole_form,
    } = form;
    let problem = move || {
        failed
            .get()
            .or_else(|| whole_form.and_then(|message| message.get()))
    };
    view! {
        <p class="form-status" role="status">
            {move || running.get().then_some(busy.unwrap_or(t.saving))}
            {move || (says_saved && saved.get() && !running.get()).then(|| view! { <span class="ok">{t.saved}</span> })}
        </p>
        <p class="form-status">
            {move || problem().map(|message| view! { <span class="field-error" role="alert">{message}</span> })}
        </p>
    }
}
