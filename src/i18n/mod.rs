//! Every user-visible string. One `Texts` value per language: a missing string is a compile
//! error, because every field must be filled. German is the default language.
//!
//! Adding a language: copy `en.rs` to `<code>.rs`, translate it, and add the code to the
//! `languages!` line below.

mod choice;
pub mod lines;
pub mod plural;
// Native only: there every language is built in.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use choice::{best_match, by_code, register, set_current, texts};

/// Declares each language's module (it defines `pub static TEXTS`) and lists them in `ALL`,
/// in the order the language picker shows them. The first one is the default and the only
/// one built into the wasm: the others are written to `public/i18n/<code>.txt` (a native test
/// keeps them in step) and loaded when chosen – each phone downloads the language it reads,
/// not seven, and the service worker keeps them all for offline.
macro_rules! languages {
    ($default:ident $(, $code:ident)+) => {
        mod $default;
        $(#[cfg(not(target_arch = "wasm32"))] mod $code;)+
        #[cfg(not(target_arch = "wasm32"))]
        pub static ALL: &[&Texts] = &[&$default::TEXTS $(, &$code::TEXTS)+];
        #[cfg(target_arch = "wasm32")]
        pub static ALL: &[&Texts] = &[&$default::TEXTS];
    };
}

languages!(de, en, tr, ar, ru, uk, fa);

/// A language the interface is offered in, known before its texts are loaded: what the
/// language picker lists and the browser's preferences are matched against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offered {
    pub code: &'static str,
    /// Its name in itself.
    pub native_name: &'static str,
    pub dir: Direction,
}

/// Every language of `ALL`, in its order (a native test checks they agree).
pub static OFFERED: &[Offered] = &[
    Offered {
        code: "de",
        native_name: "Deutsch",
        dir: Direction::LeftToRight,
    },
    Offered {
        code: "en",
        native_name: "English",
        dir: Direction::LeftToRight,
    },
    Offered {
        code: "tr",
        native_name: "Türkçe",
        dir: Direction::LeftToRight,
    },
    Offered {
        code: "ar",
        native_name: "العربية",
        dir: Direction::RightToLeft,
    },
    Offered {
        code: "ru",
        native_name: "Русский",
        dir: Direction::LeftToRight,
    },
    Offered {
        code: "uk",
        native_name: "Українська",
        dir: Direction::LeftToRight,
    },
    Offered {
        code: "fa",
        native_name: "فارسی",
        dir: Direction::RightToLeft,
    },
];

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

/// Declares `Texts` from its fields, with the reading (and on native, the writing) of the
/// language files in `public/i18n/` field by field in the same order (see `lines`).
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident: $ty:ty,)+) => {
        /// The wording of the whole interface in one language.
        #[derive(Clone, Copy)]
        #[cfg_attr(test, derive(serde::Serialize))]
        pub struct Texts {
            $($(#[$doc])* pub $name: $ty,)+
        }

        impl Texts {
            /// The texts of a language file, every field in order; `None` if it is not one
            /// of this version's files.
            pub fn from_lines(lines: &mut lines::Reader) -> Option<Texts> {
                // Each field is read in place: built as a struct literal, every field cost
                // the copying of its value (some 450 of them, 23 KB of the wasm).
                let mut texts = de::TEXTS;
                $(lines::Read::read_into(&mut texts.$name, lines);)+
                (!lines.failed()).then_some(texts)
            }

            /// A language file of these texts (what `from_lines` reads).
            #[cfg(not(target_arch = "wasm32"))]
            pub fn to_lines(&self) -> String {
                let mut out = String::new();
                $(lines::Write::write(&self.$name, &mut out);)+
                out
            }
        }
    };
}

texts! {
    /// BCP 47 code: `<html lang>` and the language picker's value.
    lang: &'static str,
    /// The locale dates and numbers are written in (`Intl`): e.g. British English, whose
    /// day-month order is the one people in Germany read.
    locale: &'static str,
    /// The language's name in itself, as the language picker lists it.
    native_name: &'static str,
    dir: Direction,
    language_section: &'static str,
    language_picker_label: &'static str,
    app_name: &'static str,
    skip_to_content: &'static str,
    nav_label: &'static str,
    nav_today: &'static str,
    nav_helpers: &'static str,
    nav_requests: &'static str,
    nav_cases: &'static str,
    nav_settings: &'static str,
    nav_board: &'static str,
    board_intro: &'static str,
    board_period: &'static str,
    board_last_month: &'static str,
    board_this_year: &'static str,
    coverage_title: &'static str,
    coverage_hint: &'static str,
    coverage_asked: &'static str,
    coverage_cell: &'static str,
    single_title: &'static str,
    single_hint: &'static str,
    single_language: &'static str,
    single_district: &'static str,
    single_none: &'static str,
    load_title: &'static str,
    load_hint: &'static str,
    load_open: &'static str,
    load_done_30: &'static str,
    load_done_90: &'static str,
    load_offered: &'static str,
    load_carries_more: &'static str,
    load_over_capacity: &'static str,
    unused_title: &'static str,
    unused_none: &'static str,
    unmet_title: &'static str,
    unmet_waiting: &'static str,
    unmet_week: &'static str,
    unmet_month: &'static str,
    unmet_longer: &'static str,
    unmet_without: &'static str,
    unmet_without_none: &'static str,
    board_count: &'static str,
    board_more: &'static str,
    trends_title: &'static str,
    trends_hint: &'static str,
    trends_month: &'static str,
    trends_requests: &'static str,
    trends_helped: &'static str,
    trends_wait: &'static str,
    trends_helpers: &'static str,
    trends_chart: &'static str,
    /// The kinds of help beyond the four most asked, together in the chart.
    trends_other: &'static str,
    trends_by_kind: &'static str,
    report_title: &'static str,
    report_open: &'static str,
    report_intro: &'static str,
    report_span: &'static str,
    report_month: &'static str,
    report_quarter: &'static str,
    report_year: &'static str,
    report_which: &'static str,
    report_quarter_label: &'static str,
    report_requests: &'static str,
    report_helped: &'static str,
    report_closed_without: &'static str,
    report_cancelled: &'static str,
    report_ongoing: &'static str,
    report_total: &'static str,
    report_languages: &'static str,
    report_districts: &'static str,
    report_volunteers: &'static str,
    report_cases: &'static str,
    report_print: &'static str,
    report_csv: &'static str,
    report_none: &'static str,
    report_facts: &'static str,
    online: &'static str,
    offline: &'static str,
    offline_hint: &'static str,
    today_title: &'static str,
    home_intro: &'static str,
    home_name_missing: &'static str,
    home_go_to_settings: &'static str,
    welcome_title: &'static str,
    welcome_question: &'static str,
    start_join: &'static str,
    start_join_hint: &'static str,
    start_new: &'static str,
    start_new_hint: &'static str,
    start_demo: &'static str,
    join_title: &'static str,
    joined: &'static str,
    home_no_members: &'static str,
    find_helpers: &'static str,
    due_follow_ups: &'static str,
    nothing_due: &'static str,
    nothing_open: &'static str,
    settings_title: &'static str,
    org_section: &'static str,
    org_name_label: &'static str,
    org_name_hint: &'static str,
    org_name_empty: &'static str,
    /// `{max}` is replaced by the limit.
    org_name_too_long: &'static str,
    save: &'static str,
    saving: &'static str,
    saved: &'static str,
    storage_section: &'static str,
    /// `{used}` and `{quota}` are sizes, `{percent}` a number.
    storage_used: &'static str,
    storage_unknown: &'static str,
    persist_granted: &'static str,
    persist_not_granted: &'static str,
    persist_request: &'static str,
    persist_why: &'static str,
    persist_denied: &'static str,
    device_section: &'static str,
    device_id_label: &'static str,
    loading: &'static str,
    /// In place of a list while storage cannot be read: not "none yet".
    data_unreadable: &'static str,
    not_found_title: &'static str,
    not_found_back: &'static str,
    update_available: &'static str,
    update_now: &'static str,
    reload: &'static str,
    err_unavailable: &'static str,
    err_blocked: &'static str,
    err_version_changed: &'static str,
    err_schema_too_new: &'static str,
    err_quota: &'static str,
    err_unreadable: &'static str,
    /// A write or read came after the app locked itself.
    err_locked: &'static str,
    lock_title: &'static str,
    lock_intro: &'static str,
    lock_passphrase: &'static str,
    lock_unlock: &'static str,
    lock_unlocking: &'static str,
    lock_unlock_quick: &'static str,
    /// {seconds}: a number
    lock_wait: &'static str,
    lock_passphrase_missing: &'static str,
    lock_wrong: &'static str,
    lock_quick_wrong: &'static str,
    lock_not_supported: &'static str,
    lock_not_secure: &'static str,
    lock_cancelled: &'static str,
    lock_forgotten: &'static str,
    lock_forgotten_text: &'static str,
    lock_wipe: &'static str,
    lock_wipe_confirm_text: &'static str,
    lock_wipe_confirm: &'static str,
    lock_settings_title: &'static str,
    lock_why: &'static str,
    lock_new_passphrase: &'static str,
    /// {count}: minimum number of characters
    lock_rules: &'static str,
    lock_strength_weak: &'static str,
    lock_strength_fair: &'static str,
    lock_strength_strong: &'static str,
    lock_repeat: &'static str,
    /// {count}: minimum number of characters
    lock_too_short: &'static str,
    lock_mismatch: &'static str,
    lock_only_device: &'static str,
    lock_turn_on: &'static str,
    lock_sealing: &'static str,
    lock_is_on: &'static str,
    lock_now: &'static str,
    lock_idle: &'static str,
    /// {count}: minutes
    lock_idle_minutes: &'static str,
    lock_quick_title: &'static str,
    lock_quick_unavailable: &'static str,
    lock_quick_hint: &'static str,
    lock_quick_add: &'static str,
    lock_quick_on: &'static str,
    lock_quick_remove: &'static str,
    lock_turn_off: &'static str,
    lock_turn_off_hint: &'static str,
    lock_turn_off_button: &'static str,
    lock_opening: &'static str,
    lock_hint_title: &'static str,
    lock_hint: &'static str,
    lock_hint_set: &'static str,
    lock_hint_later: &'static str,
    kind_consent: &'static str,
    purpose_contact: &'static str,
    purpose_pass_on: &'static str,
    purpose_case_notes: &'static str,
    purpose_partner: &'static str,
    purpose_statistics: &'static str,
    consent_way_signed: &'static str,
    consent_way_verbal: &'static str,
    /// {purpose}, {state} (given/withdrawn), {date}, {way}, {recorder}, {language}
    consent_event: &'static str,
    consent_given: &'static str,
    consent_withdrawn: &'static str,
    consent_never: &'static str,
    consent_title: &'static str,
    consent_print: &'static str,
    consent_record: &'static str,
    consent_purposes: &'static str,
    consent_what: &'static str,
    consent_event_date: &'static str,
    consent_way: &'static str,
    consent_language: &'static str,
    consent_save: &'static str,
    consent_history: &'static str,
    consent_no_purpose: &'static str,
    consent_bad_date: &'static str,
    consent_future_date: &'static str,
    consent_no_recorder: &'static str,
    consent_no_language: &'static str,
    consent_form_title: &'static str,
    /// {organisation}: its name
    consent_form_intro: &'static str,
    consent_form_name: &'static str,
    consent_form_yes: &'static str,
    consent_form_no: &'static str,
    consent_form_rights: &'static str,
    consent_form_place_date: &'static str,
    consent_form_signature: &'static str,
    /// {name}: the member the case is about
    consent_note_ask: &'static str,
    consent_note_anyway: &'static str,
    consent_pass_on_missing: &'static str,
    consent_settings_hint: &'static str,
    consent_settings_purposes: &'static str,
    consent_settings_text: &'static str,
    consent_settings_save: &'static str,
    /// {max}: a number
    consent_purpose_too_long: &'static str,
    err_failed: &'static str,
    err_kept_input: &'static str,
    helpers_title: &'static str,
    add_member: &'static str,
    edit_member: &'static str,
    search_label: &'static str,
    search_placeholder: &'static str,
    filters_more: &'static str,
    filters_chosen: &'static str,
    results_label: &'static str,
    results_count: &'static str,
    /// `{shown}` and `{total}`: numbers.
    results_more: &'static str,
    /// `{count}`: how many more the button adds.
    show_more: &'static str,
    loosen_intro: &'static str,
    /// `{filter}`: what would be dropped; `{count}`: how many that finds.
    loosen_without: &'static str,
    /// The typed text, as a filter one can drop.
    search_text_label: &'static str,
    /// Day and part of day together, as a filter one can drop.
    time_label: &'static str,
    any: &'static str,
    choose: &'static str,
    category_label: &'static str,
    category_missing: &'static str,
    language_label: &'static str,
    languages_label: &'static str,
    level_label: &'static str,
    level_native: &'static str,
    level_good: &'static str,
    level_basic: &'static str,
    add_language: &'static str,
    remove_language: &'static str,
    district_label: &'static str,
    day_label: &'static str,
    day_part_label: &'static str,
    availability_label: &'static str,
    skills_label: &'static str,
    name_label: &'static str,
    name_empty: &'static str,
    /// `{max}`: the limit.
    too_long: &'static str,
    phones_label: &'static str,
    phones_hint: &'static str,
    /// `{position}`: which number, `{why}`: one of the phone_* reasons.
    phone_error: &'static str,
    phone_empty: &'static str,
    phone_invalid: &'static str,
    phone_missing_area: &'static str,
    phone_too_short: &'static str,
    phone_too_long: &'static str,
    email_label: &'static str,
    email_invalid: &'static str,
    role_label: &'static str,
    role_volunteer: &'static str,
    role_coordinator: &'static str,
    consent_label: &'static str,
    consent_date: &'static str,
    consent_purpose: &'static str,
    consent_recorded_by: &'static str,
    consent_incomplete: &'static str,
    consent_missing: &'static str,
    /// The link on a member's page to what Lotse holds about them (GDPR Art. 15).
    data_open: &'static str,
    data_intro: &'static str,
    data_language: &'static str,
    /// The document's language file could not be downloaded (offline before it was ever loaded).
    data_language_failed: &'static str,
    data_print: &'static str,
    data_json: &'static str,
    /// The document's own words, in the language chosen for it.
    data_title: &'static str,
    data_as_of: &'static str,
    data_contact: &'static str,
    data_offers: &'static str,
    data_asked: &'static str,
    data_helping: &'static str,
    data_cases: &'static str,
    data_history: &'static str,
    data_when: &'static str,
    data_device: &'static str,
    data_record: &'static str,
    data_fields: &'static str,
    data_deleted: &'static str,
    data_none: &'static str,
    data_free_text: &'static str,
    /// Member page: the link to erasing a person (on the data page).
    erase_open: &'static str,
    erase_title: &'static str,
    erase_intro: &'static str,
    erase_goes: &'static str,
    erase_anonymous: &'static str,
    erase_helped: &'static str,
    erase_mentions: &'static str,
    erase_confirm_label: &'static str,
    erase_confirm_wrong: &'static str,
    erase_button: &'static str,
    erase_done: &'static str,
    /// Shown for the person of a request kept anonymous after an erasure.
    erased_person: &'static str,
    /// Settings: how long finished things are kept, and erasing what is due.
    retention_title: &'static str,
    retention_intro: &'static str,
    retention_cases: &'static str,
    retention_requests: &'static str,
    retention_members: &'static str,
    retention_not_months: &'static str,
    retention_due: &'static str,
    retention_nothing_due: &'static str,
    retention_erase: &'static str,
    retention_confirm: &'static str,
    retention_erased: &'static str,
    retention_save: &'static str,
    /// Sync panel: erased records the server has not forgotten yet.
    purge_waiting: &'static str,
    kind_member: &'static str,
    kind_offer: &'static str,
    kind_request: &'static str,
    kind_case: &'static str,
    kind_note: &'static str,
    member_missing: &'static str,
    edit: &'static str,
    delete_member: &'static str,
    delete_member_confirm: &'static str,
    delete_confirm: &'static str,
    cancel: &'static str,
    call: &'static str,
    /// `{name}` in all contact labels is the member's name.
    call_label: &'static str,
    whatsapp_label: &'static str,
    signal_label: &'static str,
    copy: &'static str,
    copy_label: &'static str,
    copied: &'static str,
    offers_title: &'static str,
    add_offer: &'static str,
    edit_offer: &'static str,
    edit_offer_label: &'static str,
    delete_offer: &'static str,
    offer_missing: &'static str,
    paused: &'static str,
    pause: &'static str,
    resume: &'static str,
    offer_languages: &'static str,
    offer_districts: &'static str,
    offer_availability: &'static str,
    capacity_label: &'static str,
    capacity_per: &'static str,
    capacity_invalid: &'static str,
    per_week: &'static str,
    per_month: &'static str,
    note_label: &'static str,
    offer_active: &'static str,
    requests_title: &'static str,
    new_request: &'static str,
    requests_open: &'static str,
    requests_assigned: &'static str,
    requests_finished: &'static str,
    request_person: &'static str,
    request_person_hint: &'static str,
    /// Members whose name matches the person typed, to link the request to.
    request_member_matches: &'static str,
    request_linked_member: &'static str,
    request_unlink: &'static str,
    /// On a member's page: the requests they help with and those they asked for.
    member_requests_title: &'static str,
    member_helps_with: &'static str,
    member_asked_for: &'static str,
    member_no_requests: &'static str,
    request_language: &'static str,
    request_language_2: &'static str,
    /// The empty choice of a request's language: no language is required.
    request_language_none: &'static str,
    request_language_hint: &'static str,
    request_place: &'static str,
    request_place_example: &'static str,
    request_date: &'static str,
    request_time: &'static str,
    request_when: &'static str,
    request_when_invalid: &'static str,
    request_missing: &'static str,
    flexible: &'static str,
    urgency_label: &'static str,
    urgency_low: &'static str,
    urgency_normal: &'static str,
    urgency_high: &'static str,
    status_label: &'static str,
    status_open: &'static str,
    status_assigned: &'static str,
    status_done: &'static str,
    status_cancelled: &'static str,
    assigned_helpers: &'static str,
    nobody_assigned: &'static str,
    suggestions_title: &'static str,
    no_suggestions: &'static str,
    suggestions_without_language: &'static str,
    suggestions_could_ask: &'static str,
    no_speaking_helper: &'static str,
    assign: &'static str,
    assign_label: &'static str,
    finish_title: &'static str,
    outcome_label: &'static str,
    mark_done: &'static str,
    cancel_request: &'static str,
    edit_request: &'static str,
    unassign: &'static str,
    /// `{name}`: the helper.
    unassign_label: &'static str,
    cancel_request_confirm: &'static str,
    cancel_request_yes: &'static str,
    keep_request: &'static str,
    reopen_request: &'static str,
    delete_request: &'static str,
    delete_request_confirm: &'static str,
    delete_request_yes: &'static str,
    /// `{language}` and `{level}`.
    reason_speaks: &'static str,
    reason_speaks_none: &'static str,
    reason_same_district: &'static str,
    reason_available: &'static str,
    reason_not_available: &'static str,
    reason_busy: &'static str,
    reason_at_capacity: &'static str,
    /// `{category}`: the kind of help they offer instead.
    reason_offers_other: &'static str,
    cases_title: &'static str,
    case_title_label: &'static str,
    case_title_hint: &'static str,
    new_case: &'static str,
    case_open: &'static str,
    case_closed: &'static str,
    case_missing: &'static str,
    close_case: &'static str,
    reopen_case: &'static str,
    follow_up_label: &'static str,
    /// A request past its date, a follow-up past due.
    overdue: &'static str,
    notes_title: &'static str,
    add_note_title: &'static str,
    correct_note_title: &'static str,
    correct_note: &'static str,
    note_corrected: &'static str,
    note_author: &'static str,
    note_text: &'static str,
    note_empty: &'static str,
    date_invalid: &'static str,
    save_note: &'static str,
    custom_categories: &'static str,
    category_name: &'static str,
    add_category: &'static str,
    demo_title: &'static str,
    demo_hint: &'static str,
    demo_load: &'static str,
    demo_org_name: &'static str,
    demo_banner: &'static str,
    demo_end: &'static str,
    demo_active_hint: &'static str,
    demo_end_delete: &'static str,
    demo_no_sync: &'static str,
    join_local_question: &'static str,
    join_local_keep: &'static str,
    join_local_discard: &'static str,
    sync_section: &'static str,
    sync_intro: &'static str,
    sync_server_label: &'static str,
    sync_server_hint: &'static str,
    sync_token_label: &'static str,
    sync_connect: &'static str,
    sync_join_label: &'static str,
    /// The relay's address, typed with a short invitation code.
    sync_relay_label: &'static str,
    sync_relay_hint: &'static str,
    sync_join: &'static str,
    sync_invite: &'static str,
    sync_qr_label: &'static str,
    sync_invite_hint: &'static str,
    sync_now: &'static str,
    sync_never: &'static str,
    /// `{time}`: a time of day.
    sync_last: &'static str,
    /// `{done}`, `{total}`: numbers.
    sync_progress: &'static str,
    sync_running: &'static str,
    sync_waiting: &'static str,
    sync_all_sent: &'static str,
    sync_no_connection: &'static str,
    sync_refused: &'static str,
    sync_key_not_accepted: &'static str,
    sync_no_database: &'static str,
    sync_not_allowed: &'static str,
    sync_unreachable: &'static str,
    sync_removal_busy: &'static str,
    sync_join_intro: &'static str,
    sync_connect_title: &'static str,
    sync_connect_intro: &'static str,
    sync_invitation_expired: &'static str,
    sync_invitation_used: &'static str,
    sync_invitation_invalid: &'static str,
    sync_missing_key: &'static str,
    sync_unreadable: &'static str,
    sync_code_invalid: &'static str,
    sync_url_invalid: &'static str,
    sync_token_empty: &'static str,
    sync_use_invitation: &'static str,
    conflict_badge: &'static str,
    conflict_title: &'static str,
    conflict_hint: &'static str,
    conflict_take: &'static str,
    conflict_this_device: &'static str,
    /// `{id}`: the start of a device's id.
    conflict_other_device: &'static str,
    conflict_deleted: &'static str,
    conflict_was_deleted: &'static str,
    conflict_was_edited: &'static str,
    conflict_keep: &'static str,
    conflict_delete: &'static str,
    sync_devices: &'static str,
    device_name_label: &'static str,
    device_name_hint: &'static str,
    device_name_empty: &'static str,
    device_this_named: &'static str,
    sync_remove: &'static str,
    sync_removed: &'static str,
    sync_revoked: &'static str,
    sync_not_the_server: &'static str,
    /// `{count}`: this device's changes still waiting.
    sync_nothing_lost: &'static str,
    /// `{count}`: documents; `{ids}`: their ids.
    sync_set_aside: &'static str,
    /// `{devices}`: the devices, named like `conflict_other_device`.
    sync_clock_ahead: &'static str,
    /// `{device}`: the device's label.
    sync_remove_confirm: &'static str,
    sync_remove_yes: &'static str,
    /// `{reason}`: why it stopped.
    sync_remove_unfinished: &'static str,
    sync_open_invitations: &'static str,
    /// `{time}`: date and time the invitation ends.
    sync_invitation_until: &'static str,
    sync_invitation_cancel: &'static str,
    sync_invitation_cancelled: &'static str,
    sync_removed_here: &'static str,
    /// `{count}`: changes that never reached the server.
    sync_removed_unsent: &'static str,
    sync_save_unsent: &'static str,
    sync_wipe: &'static str,
    sync_wiped: &'static str,
    /// Labels of the built-in help categories, in the order of `domain::catalog::CATEGORIES`.
    categories: [&'static str; 13],
    /// What each of `domain::catalog::INSTITUTIONS` is, in its order; the names stay German.
    institutions: [&'static str; 7],
    /// Language names by code; codes not listed are shown as they are.
    language_names: &'static [(&'static str, &'static str)],
    /// Short weekday names, Monday first.
    weekdays: [&'static str; 7],
    /// Morning, afternoon, evening.
    day_parts: [&'static str; 3],
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
