//! How pages load data, in a real browser (headless Chromium via wasm-bindgen-test): a page
//! mounted with Leptos reads through `ui::loaded`, and an answer for a page the person already
//! left never replaces the page on screen.
//! Run: cargo test --target wasm32-unknown-unknown --test pages
#![cfg(target_arch = "wasm32")]

use futures_channel::oneshot;
use leptos::prelude::*;
use lotse::ui::parts::loaded::{load, show_loaded};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

type Answer = oneshot::Sender<Result<String, String>>;

/// Lets the browser run everything queued (tasks, reactive effects) once.
async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback(resolve.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn shown() -> String {
    text_of("shown")
}

/// The text of the element with `id` (each test mounts its own: they share one page).
fn text_of(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Waits (a bounded number of turns, not a time) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        next_turn().await;
    }
    panic!("never happened: {what}");
}

#[wasm_bindgen_test]
async fn a_slow_answer_for_the_page_left_behind_never_replaces_the_page_on_screen() {
    let case = RwSignal::new("A".to_owned());
    // Each read waits for the test to answer it.
    let waiting: Rc<RefCell<Vec<(String, Answer)>>> = Rc::default();
    let reads = waiting.clone();
    leptos::mount::mount_to_body(move || {
        let notes = load(move || {
            let (answer, answered) = oneshot::channel();
            reads.borrow_mut().push((case.get(), answer));
            async move { answered.await.unwrap_or_else(|_| Err("dropped".into())) }
        });
        view! { <div id="shown">{show_loaded(notes, |text| view! { <p>{text}</p> })}</div> }
    });
    let answer = |which: &str, text: &str| {
        let mut waiting = waiting.borrow_mut();
        let at = waiting.iter().position(|(case, _)| case == which);
        let (_, sender) = waiting.remove(at.expect("a read of that case"));
        let _ = sender.send(Ok(text.to_owned()));
    };

    until("the first read started", || waiting.borrow().len() == 1).await;
    assert_eq!(shown(), "Lädt …", "loading looks like loading");
    // The person opens case B before case A's notes arrived.
    case.set("B".to_owned());
    until("case B is read", || waiting.borrow().len() == 2).await;
    answer("B", "notes of B");
    until("B's notes are shown", || shown() == "notes of B").await;
    // A's answer arrives late: it must be dropped.
    answer("A", "notes of A");
    for _ in 0..20 {
        next_turn().await;
    }
    assert_eq!(shown(), "notes of B");

    // A failed read says why, in the same place.
    case.set("C".to_owned());
    until("case C is read", || waiting.borrow().len() == 1).await;
    let (_, sender) = waiting.borrow_mut().remove(0);
    let _ = sender.send(Err(
        "Gespeicherte Daten konnten nicht gelesen werden.".into()
    ));
    until("the failure is shown", || {
        shown().starts_with("Gespeicherte Daten")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_problem_shown_under_a_field_goes_when_the_stored_value_fills_it() {
    use lotse::domain::organisation::{parse_organisation_name, NameError};
    use lotse::ui::parts::form::{ErrorText, Form};
    let form: Form<String, NameError> = Form::new(String::new(), |_, _| "Name fehlt".into());
    leptos::mount::mount_to_body(move || {
        view! { <div id="problem-shown"><ErrorText id="problem" message=form.message("name")/></div> }
    });
    // Saved with an empty name: the problem is shown under the field.
    form.submit(
        |typed| parse_organisation_name(&typed).map_err(|err| vec![err]),
        |_| async { Ok(()) },
    );
    until("the problem is shown", || {
        text_of("problem-shown") == "Name fehlt"
    })
    .await;
    // Sync then brings the organisation's name: the message no longer describes the field.
    form.replace(|draft| *draft = "Brücke e. V.".into());
    until("the stale problem is gone", || {
        text_of("problem-shown").is_empty()
    })
    .await;
}
