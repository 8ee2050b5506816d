//! Help requests: open ones first, then those being handled, then the finished.

use crate::domain::order::sort_with;
use crate::domain::request::{HelpRequest, RequestStatus};
use crate::i18n::texts;
use crate::ui::parts::when_loaded::WhenReadable;
use crate::ui::state::app_state::{today, use_app_state};
use crate::ui::text::labels::{
    category_label, person_label, status_label, urgency_label, when_label,
};
use leptos::prelude::*;

/// A list item linking to the request.
pub fn request_item(request: &HelpRequest, category: String) -> impl IntoView {
    let t = texts();
    let (href, person) = (
        format!("/requests/{}", request.id),
        person_label(t, &request.person),
    );
    let overdue = request.is_overdue(&today());
    view! {
        <li class="card result" class:overdue=overdue>
            <a href=href><span dir="auto">{person}</span>" – "{category}</a>
            {overdue.then(|| view! { <p class="badge badge-warning">{t.overdue}</p> })}
            <p class="meta">
                {status_label(t, request.status)} " · " {urgency_label(t, request.urgency)} " · "
                {when_label(t, &request.date, &request.time)}
            </p>
            {(!request.place.is_empty()).then(|| view! { <p class="meta" dir="auto">{request.place.clone()}</p> })}
        </li>
    }
}

/// /requests
#[component]
pub fn RequestsPage() -> impl IntoView {
    let state = use_app_state();
    let t = texts();
    let group = move |statuses: &'static [RequestStatus]| {
        move || {
            state.directory.with(|d| {
                let mut list: Vec<&HelpRequest> = d
                    .requests
                    .values()
                    .filter(|r| statuses.contains(&r.status))
                    .collect();
                sort_with(&mut list, |a, b| {
                    b.urgency.cmp(&a.urgency).then_with(|| b.date.cmp(&a.date))
                });
                list.into_iter()
                    .take(100)
                    .map(|r| request_item(r, category_label(t, d, &r.category)))
                    .collect_view()
            })
        }
    };
    view! {
        <section class="page" aria-labelledby="requests-title">
            <div class="page-head">
                <h1 id="requests-title">{t.requests_title}</h1>
                <a href="/requests/new" class="button">{t.new_request}</a>
            </div>
            <WhenReadable>
            <h2>{t.requests_open}</h2>
            <ul class="result-list">{group(&[RequestStatus::Open])}</ul>
            <h2>{t.requests_assigned}</h2>
            <ul class="result-list">{group(&[RequestStatus::Assigned])}</ul>
            <h2>{t.requests_finished}</h2>
            <ul class="result-list">{group(&[RequestStatus::Done, RequestStatus::Cancelled])}</ul>
            </WhenReadable>
        </section>
    }
}
