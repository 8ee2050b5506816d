//! The sync status, always in view under the header once a device syncs: when it last
//! worked, what waits to go up, and what went wrong, in plain words.

use crate::domain::sync::refusal::RefusalKind;
use crate::i18n::{texts, Texts};
use crate::sync_client::SyncError;
use crate::ui::parts::form::Failure;
use crate::ui::state::sync_state::{use_sync_state, SyncStatus};
use crate::ui::text::locale_format::{format_count, format_counted, format_time_of_day};
use leptos::prelude::*;

/// The sentence for a failed sync.
pub fn sync_error_message(t: &'static Texts, err: &SyncError, waiting: usize) -> String {
    match err {
        // "0 changes will be sent later" says nothing: say what holds and what happens.
        SyncError::NoConnection if waiting == 0 => t.sync_unreachable.to_owned(),
        SyncError::NoConnection => format_counted(t.sync_no_connection, waiting),
        // "Nothing is lost" is said when something waits to be sent.
        SyncError::NotTheServer if waiting == 0 => t.sync_not_the_server.to_owned(),
        SyncError::NotTheServer => format!(
            "{} {}",
            t.sync_not_the_server,
            format_counted(t.sync_nothing_lost, waiting)
        ),
        SyncError::Refused(refusal) => match refusal.kind() {
            RefusalKind::InvitationExpired => t.sync_invitation_expired.to_owned(),
            RefusalKind::InvitationUsed => t.sync_invitation_used.to_owned(),
            RefusalKind::InvitationInvalid => t.sync_invitation_invalid.to_owned(),
            RefusalKind::Removed => t.sync_revoked.to_owned(),
            RefusalKind::KeyNotAccepted => t.sync_key_not_accepted.to_owned(),
            RefusalKind::NoSuchDatabase => t.sync_no_database.to_owned(),
            RefusalKind::NotAllowed => t.sync_not_allowed.to_owned(),
            RefusalKind::RemovalUnfinished => t.sync_removal_busy.to_owned(),
            // The server's English reason is for whoever runs it, not for the volunteer.
            RefusalKind::Other => {
                Texts::fill(t.sync_refused, &[("status", &refusal.status.to_string())])
            }
        },
        SyncError::MissingKey => t.sync_missing_key.to_owned(),
        SyncError::Unreadable => t.sync_unreadable.to_owned(),
        SyncError::Storage(err) => {
            crate::ui::text::messages::storage_error_message(t, err).to_owned()
        }
    }
}

/// One line: the state of sync right now.
pub fn sync_summary(t: &'static Texts) -> impl Fn() -> Option<String> {
    let sync = use_sync_state();
    move || {
        sync.config.with(Option::is_some).then_some(())?;
        let waiting = sync.waiting.get();
        let status = sync.status.get();
        Some(match status {
            SyncStatus::Failed(err) => sync_error_message(t, &err, waiting),
            SyncStatus::Running => match sync.progress.get() {
                Some((done, total)) => Texts::fill(
                    t.sync_progress,
                    &[
                        ("done", &format_count(done)),
                        ("total", &format_count(total)),
                    ],
                ),
                None => t.sync_running.to_owned(),
            },
            SyncStatus::Idle => {
                let last = sync.last_synced.get().map_or_else(
                    || t.sync_never.to_owned(),
                    |time| Texts::fill(t.sync_last, &[("time", &format_time_of_day(&time))]),
                );
                if waiting > 0 {
                    let waits = format_counted(t.sync_waiting, waiting);
                    format!("{last} {waits}")
                } else {
                    last
                }
            }
        })
    }
}

/// Under the header, on every page, for devices that sync.
#[component]
pub fn SyncLine() -> impl IntoView {
    let t = texts();
    let summary = sync_summary(t);
    let failed = move || matches!(use_sync_state().status.get(), SyncStatus::Failed(_));
    view! {
        {move || summary().map(|text| view! {
            <p class="sync-line" class:sync-failed=failed role="status">{text}</p>
        })}
    }
}

/// A sync form that could not reach or set up the server says why, like the status line.
impl From<SyncError> for Failure {
    fn from(error: SyncError) -> Failure {
        Failure(sync_error_message(texts(), &error, 0))
    }
}
