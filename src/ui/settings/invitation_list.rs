//! Settings → Sync → the organisation's open invitations: when each ends, and withdrawing
//! one (a code shown to the wrong person, or not needed any more). Read again whenever this
//! device makes a new one.

use crate::domain::sync::settings::SyncConfig;
use crate::i18n::{texts, Texts};
use crate::sync_client::{cancel_invitation, list_invitations, InvitationCode, OpenInvitation};
use crate::ui::parts::loaded::load;
use crate::ui::shell::sync_line::sync_error_message;
use crate::ui::state::sync_state::use_sync_state;
use crate::ui::text::locale_format::format_moment;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn InvitationList(
    /// The invitation this device showed last: a new one is listed at once.
    made: RwSignal<Option<InvitationCode>>,
) -> impl IntoView {
    let t = texts();
    let sync = use_sync_state();
    let message = RwSignal::new(None::<String>);
    let config = move || sync.config.get_untracked().filter(SyncConfig::is_relay);
    // Again whenever this device made a new invitation. Offline, or a relay without the
    // list: the section is left out.
    let open = load(move || {
        made.track();
        let config = config();
        async move {
            match config {
                Some(config) => Ok(list_invitations(&config).await.unwrap_or_default()),
                None => Ok(Vec::new()),
            }
        }
    });
    let withdraw = move |id: String| {
        let Some(config) = config() else { return };
        spawn_local(async move {
            match cancel_invitation(&config, &id).await {
                Ok(()) => {
                    message.set(Some(t.sync_invitation_cancelled.to_owned()));
                    open.refetch();
                }
                Err(err) => message.set(Some(sync_error_message(t, &err, 0))),
            }
        });
    };
    let row = move |invitation: OpenInvitation| {
        let until = Texts::fill(
            t.sync_invitation_until,
            &[("time", &format_moment(invitation.expires))],
        );
        let label = format!("{} – {until}", t.sync_invitation_cancel);
        let id = invitation.id.clone();
        view! {
            <li>
                <p>{until}</p>
                <button type="button" class="button-secondary" aria-label=label
                    on:click=move |_| withdraw(id.clone())>{t.sync_invitation_cancel}</button>
            </li>
        }
    };
    view! {
        {move || open.get().and_then(Result::ok).filter(|list| !list.is_empty()).map(|list| view! {
            <h3>{t.sync_open_invitations}</h3>
            <ul class="candidates">{list.into_iter().map(row).collect_view()}</ul>
        })}
        <p role="status">{move || message.get()}</p>
    }
}
