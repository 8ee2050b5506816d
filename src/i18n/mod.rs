//! Every user-visible string. One `Texts` value per language: a missing string is a compile
//! error, because every field must be filled. German is the default language.
//!
//! Adding a language: copy `en.rs` to `<code>.rs`, translate it, and add the code to the
//! `languages!` line below.

mod choice;
#[cfg(test)]
mod tests;

pub use choice::{best_match, by_code, set_current, texts};

/// Declares each language's module (it defines `pub static TEXTS`) and lists them in `ALL`,
/// in the order the language picker shows them. The first one is the default.
macro_rules! languages {
    ($($code:ident),+) => {
        $(mod $code;)+
        pub static ALL: &[&Texts] = &[$(&$code::TEXTS),+];
    };
}

languages!(de, en, tr, ar, ru, uk, fa);

/// Which way a language's script runs; decides `<html dir>` and with it the whole layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    pub fn as_html(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// The wording of the whole interface in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Texts {
    /// BCP 47 code: `<html lang>` and the language picker's value.
    pub lang: &'static str,
    /// The locale dates and numbers are written in (`Intl`): e.g. British English, whose
    /// day-month order is the one people in Germany read.
    pub locale: &'static str,
    /// The language's name in itself, as the language picker lists it.
    pub native_name: &'static str,
    pub dir: Direction,
    pub language_section: &'static str,
    pub language_picker_label: &'static str,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_today: &'static str,
    pub nav_helpers: &'static str,
    pub nav_requests: &'static str,
    pub nav_cases: &'static str,
    pub nav_settings: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub offline_hint: &'static str,
    pub today_title: &'static str,
    pub home_intro: &'static str,
    pub home_name_missing: &'static str,
    pub home_go_to_settings: &'static str,
    pub home_no_members: &'static str,
    pub find_helpers: &'static str,
    pub due_follow_ups: &'static str,
    pub nothing_due: &'static str,
    pub nothing_open: &'static str,
    pub settings_title: &'static str,
    pub org_section: &'static str,
    pub org_name_label: &'static str,
    pub org_name_hint: &'static str,
    pub org_name_empty: &'static str,
    /// `{max}` is replaced by the limit.
    pub org_name_too_long: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub storage_section: &'static str,
    /// `{used}` and `{quota}` are sizes, `{percent}` a number.
    pub storage_used: &'static str,
    pub storage_unknown: &'static str,
    pub persist_granted: &'static str,
    pub persist_not_granted: &'static str,
    pub persist_request: &'static str,
    pub persist_denied: &'static str,
    pub device_section: &'static str,
    pub device_id_label: &'static str,
    pub loading: &'static str,
    /// In place of a list while storage cannot be read: not "none yet".
    pub data_unreadable: &'static str,
    pub not_found_title: &'static str,
    pub not_found_back: &'static str,
    pub update_available: &'static str,
    pub update_now: &'static str,
    pub reload: &'static str,
    pub err_unavailable: &'static str,
    pub err_blocked: &'static str,
    pub err_version_changed: &'static str,
    pub err_schema_too_new: &'static str,
    pub err_quota: &'static str,
    pub err_unreadable: &'static str,
    pub err_failed: &'static str,
    pub err_kept_input: &'static str,
    pub helpers_title: &'static str,
    pub add_member: &'static str,
    pub edit_member: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub results_label: &'static str,
    pub results_count: &'static str,
    /// `{shown}` and `{total}`: numbers.
    pub results_more: &'static str,
    pub any: &'static str,
    pub choose: &'static str,
    pub category_label: &'static str,
    pub category_missing: &'static str,
    pub language_label: &'static str,
    pub languages_label: &'static str,
    pub level_label: &'static str,
    pub level_native: &'static str,
    pub level_good: &'static str,
    pub level_basic: &'static str,
    pub add_language: &'static str,
    pub remove_language: &'static str,
    pub district_label: &'static str,
    pub day_label: &'static str,
    pub day_part_label: &'static str,
    pub availability_label: &'static str,
    pub skills_label: &'static str,
    pub name_label: &'static str,
    pub name_empty: &'static str,
    /// `{max}`: the limit.
    pub too_long: &'static str,
    pub phones_label: &'static str,
    pub phones_hint: &'static str,
    /// `{position}`: which number, `{why}`: one of the phone_* reasons.
    pub phone_error: &'static str,
    pub phone_empty: &'static str,
    pub phone_invalid: &'static str,
    pub phone_missing_area: &'static str,
    pub phone_too_short: &'static str,
    pub phone_too_long: &'static str,
    pub email_label: &'static str,
    pub email_invalid: &'static str,
    pub role_label: &'static str,
    pub role_volunteer: &'static str,
    pub role_coordinator: &'static str,
    pub consent_label: &'static str,
    pub consent_date: &'static str,
    pub consent_purpose: &'static str,
    pub consent_recorded_by: &'static str,
    pub consent_incomplete: &'static str,
    pub consent_missing: &'static str,
    pub member_missing: &'static str,
    pub edit: &'static str,
    pub delete_member: &'static str,
    pub delete_member_confirm: &'static str,
    pub delete_confirm: &'static str,
    pub cancel: &'static str,
    pub call: &'static str,
    /// `{name}` in all contact labels is the member's name.
    pub call_label: &'static str,
    pub whatsapp_label: &'static str,
    pub signal_label: &'static str,
    pub copy: &'static str,
    pub copy_label: &'static str,
    pub copied: &'static str,
    pub offers_title: &'static str,
    pub add_offer: &'static str,
    pub edit_offer: &'static str,
    pub edit_offer_label: &'static str,
    pub delete_offer: &'static str,
    pub offer_missing: &'static str,
    pub paused: &'static str,
    pub pause: &'static str,
    pub resume: &'static str,
    pub offer_languages: &'static str,
    pub offer_districts: &'static str,
    pub offer_availability: &'static str,
    pub capacity_label: &'static str,
    pub capacity_per: &'static str,
    pub capacity_invalid: &'static str,
    pub per_week: &'static str,
    pub per_month: &'static str,
    pub note_label: &'static str,
    pub offer_active: &'static str,
    pub requests_title: &'static str,
    pub new_request: &'static str,
    pub requests_open: &'static str,
    pub requests_assigned: &'static str,
    pub requests_finished: &'static str,
    pub request_person: &'static str,
    pub request_person_hint: &'static str,
    /// Members whose name matches the person typed, to link the request to.
    pub request_member_matches: &'static str,
    pub request_linked_member: &'static str,
    pub request_unlink: &'static str,
    /// On a member's page: the requests they help with and those they asked for.
    pub member_requests_title: &'static str,
    pub member_helps_with: &'static str,
    pub member_asked_for: &'static str,
    pub member_no_requests: &'static str,
    pub request_language: &'static str,
    pub request_language_2: &'static str,
    pub request_place: &'static str,
    pub request_place_example: &'static str,
    pub request_date: &'static str,
    pub request_time: &'static str,
    pub request_when: &'static str,
    pub request_when_invalid: &'static str,
    pub request_missing: &'static str,
    pub flexible: &'static str,
    pub urgency_label: &'static str,
    pub urgency_low: &'static str,
    pub urgency_normal: &'static str,
    pub urgency_high: &'static str,
    pub status_label: &'static str,
    pub status_open: &'static str,
    pub status_assigned: &'static str,
    pub status_done: &'static str,
    pub status_cancelled: &'static str,
    pub assigned_helpers: &'static str,
    pub nobody_assigned: &'static str,
    pub suggestions_title: &'static str,
    pub no_suggestions: &'static str,
    pub assign: &'static str,
    pub assign_label: &'static str,
    pub finish_title: &'static str,
    pub outcome_label: &'static str,
    pub mark_done: &'static str,
    pub cancel_request: &'static str,
    /// `{language}` and `{level}`.
    pub reason_speaks: &'static str,
    pub reason_speaks_none: &'static str,
    pub reason_same_district: &'static str,
    pub reason_available: &'static str,
    pub reason_not_available: &'static str,
    pub reason_busy: &'static str,
    pub reason_at_capacity: &'static str,
    pub cases_title: &'static str,
    pub case_title_label: &'static str,
    pub case_title_hint: &'static str,
    pub new_case: &'static str,
    pub case_open: &'static str,
    pub case_closed: &'static str,
    pub case_missing: &'static str,
    pub close_case: &'static str,
    pub reopen_case: &'static str,
    pub follow_up_label: &'static str,
    pub notes_title: &'static str,
    pub add_note_title: &'static str,
    pub correct_note_title: &'static str,
    pub correct_note: &'static str,
    pub note_corrected: &'static str,
    pub note_author: &'static str,
    pub note_text: &'static str,
    pub note_empty: &'static str,
    pub date_invalid: &'static str,
    pub save_note: &'static str,
    pub custom_categories: &'static str,
    pub category_name: &'static str,
    pub add_category: &'static str,
    pub demo_title: &'static str,
    pub demo_hint: &'static str,
    pub demo_load: &'static str,
    pub demo_loaded: &'static str,
    pub sync_section: &'static str,
    pub sync_intro: &'static str,
    pub sync_server_label: &'static str,
    pub sync_server_hint: &'static str,
    pub sync_token_label: &'static str,
    pub sync_connect: &'static str,
    pub sync_join_label: &'static str,
    /// The relay's address, typed with a short invitation code.
    pub sync_relay_label: &'static str,
    pub sync_relay_hint: &'static str,
    pub sync_join: &'static str,
    pub sync_invite: &'static str,
    pub sync_qr_label: &'static str,
    pub sync_invite_hint: &'static str,
    pub sync_now: &'static str,
    pub sync_never: &'static str,
    /// `{time}`: a time of day.
    pub sync_last: &'static str,
    /// `{done}`, `{total}`: numbers.
    pub sync_progress: &'static str,
    pub sync_running: &'static str,
    pub sync_waiting: &'static str,
    pub sync_all_sent: &'static str,
    pub sync_no_connection: &'static str,
    pub sync_refused: &'static str,
    pub sync_invitation_expired: &'static str,
    pub sync_invitation_used: &'static str,
    pub sync_invitation_invalid: &'static str,
    pub sync_missing_key: &'static str,
    pub sync_unreadable: &'static str,
    pub sync_code_invalid: &'static str,
    pub sync_url_invalid: &'static str,
    pub sync_token_empty: &'static str,
    pub sync_use_invitation: &'static str,
    pub conflict_badge: &'static str,
    pub conflict_title: &'static str,
    pub conflict_hint: &'static str,
    pub conflict_take: &'static str,
    pub conflict_this_device: &'static str,
    /// `{id}`: the start of a device's id.
    pub conflict_other_device: &'static str,
    pub conflict_deleted: &'static str,
    pub conflict_was_deleted: &'static str,
    pub conflict_was_edited: &'static str,
    pub conflict_keep: &'static str,
    pub conflict_delete: &'static str,
    pub sync_devices: &'static str,
    pub sync_remove: &'static str,
    pub sync_removed: &'static str,
    pub sync_revoked: &'static str,
    pub sync_not_the_server: &'static str,
    /// `{count}`: this device's changes still waiting.
    pub sync_nothing_lost: &'static str,
    /// `{count}`: documents; `{ids}`: their ids.
    pub sync_set_aside: &'static str,
    /// `{devices}`: the devices, named like `conflict_other_device`.
    pub sync_clock_ahead: &'static str,
    /// `{device}`: the device's label.
    pub sync_remove_confirm: &'static str,
    pub sync_remove_yes: &'static str,
    /// `{reason}`: why it stopped.
    pub sync_remove_unfinished: &'static str,
    pub sync_open_invitations: &'static str,
    /// `{time}`: date and time the invitation ends.
    pub sync_invitation_until: &'static str,
    pub sync_invitation_cancel: &'static str,
    pub sync_invitation_cancelled: &'static str,
    pub sync_removed_here: &'static str,
    /// `{count}`: changes that never reached the server.
    pub sync_removed_unsent: &'static str,
    pub sync_save_unsent: &'static str,
    pub sync_wipe: &'static str,
    pub sync_wiped: &'static str,
    /// Labels of the built-in help categories, in the order of `domain::catalog::CATEGORIES`.
    pub categories: [&'static str; 13],
    /// What each of `domain::catalog::INSTITUTIONS` is, in its order; the names stay German.
    pub institutions: [&'static str; 7],
    /// Language names by code; codes not listed are shown as they are.
    pub language_names: &'static [(&'static str, &'static str)],
    /// Short weekday names, Monday first.
    pub weekdays: [&'static str; 7],
    /// Morning, afternoon, evening.
    pub day_parts: [&'static str; 3],
}

impl Texts {
    /// Fills `{name}` placeholders; unknown placeholders stay visible rather than vanish.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(template.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}
