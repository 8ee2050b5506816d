//! Turning domain values into the words shown, in the current language.

use crate::domain::calendar::{Date, DayPart, Slot, Weekday};
use crate::domain::catalog::CATEGORIES;
use crate::domain::change::RecordKind;
use crate::domain::directory::Directory;
use crate::domain::matching::Reason;
use crate::domain::member::{LanguageLevel, LanguageSkill, Role};
use crate::domain::merge::DELETION_CONFLICT;
use crate::domain::request::{RequestStatus, Urgency};
use crate::i18n::Texts;
use crate::ui::text::locale_format::{format_appointment, format_counted, format_date};

/// A built-in category in the current language, or a custom one by the name it was given.
pub fn category_label(t: &'static Texts, directory: &Directory, key: &str) -> String {
    if let Some(index) = CATEGORIES.iter().position(|c| *c == key) {
        return t.categories[index].to_owned();
    }
    directory
        .categories
        .get(key)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| key.to_owned())
}

/// What kind of record something is ("Anfrage"); empty for kinds people never look up.
pub fn kind_label(t: &'static Texts, kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Member => t.kind_member,
        RecordKind::Offer => t.kind_offer,
        RecordKind::Request => t.kind_request,
        RecordKind::Case => t.kind_case,
        RecordKind::Note => t.kind_note,
        RecordKind::Consent => t.kind_consent,
        RecordKind::Organisation
        | RecordKind::Category
        | RecordKind::Device
        | RecordKind::Erasure => "",
    }
}

/// Who a request is for; the anonymous copy an erasure keeps (`domain::erasure`) says so.
pub fn person_label(t: &'static Texts, person: &str) -> String {
    match person.is_empty() {
        true => t.erased_person.to_owned(),
        false => person.to_owned(),
    }
}

/// A device as people know it: its name ("Telefon von Amal"), else the start of its random
/// id ("Gerät 3f2a9c1b"); this device says so.
pub fn device_label(t: &'static Texts, name: Option<&str>, id: &str, this: bool) -> String {
    match (name, this) {
        (Some(name), true) => Texts::fill(t.device_this_named, &[("name", name)]),
        (None, true) => t.conflict_this_device.to_owned(),
        (Some(name), false) => name.to_owned(),
        (None, false) => Texts::fill(
            t.conflict_other_device,
            &[("id", &id.chars().take(8).collect::<String>())],
        ),
    }
}

pub fn language_name(t: &'static Texts, code: &str) -> String {
    t.language_names
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| (*name).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// "Persisch (Farsi) – gut": a dash, as the names of languages have parentheses of their own.
pub fn language_with_level(t: &'static Texts, skill: &LanguageSkill) -> String {
    format!(
        "{} – {}",
        language_name(t, &skill.code),
        level_label(t, skill.level)
    )
}

pub fn level_label(t: &'static Texts, level: LanguageLevel) -> &'static str {
    match level {
        LanguageLevel::Native => t.level_native,
        LanguageLevel::Good => t.level_good,
        LanguageLevel::Basic => t.level_basic,
    }
}

pub fn weekday_label(t: &'static Texts, day: Weekday) -> &'static str {
    t.weekdays[Weekday::ALL.iter().position(|d| *d == day).unwrap_or(0)]
}

pub fn day_part_label(t: &'static Texts, part: DayPart) -> &'static str {
    t.day_parts[DayPart::ALL.iter().position(|p| *p == part).unwrap_or(0)]
}

pub fn slot_label(t: &'static Texts, slot: Slot) -> String {
    format!(
        "{} {}",
        weekday_label(t, slot.day),
        day_part_label(t, slot.part)
    )
}

pub fn role_label(t: &'static Texts, role: Role) -> &'static str {
    match role {
        Role::Volunteer => t.role_volunteer,
        Role::Coordinator => t.role_coordinator,
    }
}

pub fn status_label(t: &'static Texts, status: RequestStatus) -> &'static str {
    match status {
        RequestStatus::Open => t.status_open,
        RequestStatus::Assigned => t.status_assigned,
        RequestStatus::Done => t.status_done,
        RequestStatus::Cancelled => t.status_cancelled,
    }
}

pub fn urgency_label(t: &'static Texts, urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Low => t.urgency_low,
        Urgency::Normal => t.urgency_normal,
        Urgency::High => t.urgency_high,
    }
}

/// "25. Nov. 2026" for "2026-11-25", in the current language; text that is no date is shown
/// as it is.
pub fn date_label(text: &str) -> String {
    match Date::parse(text) {
        Some(date) => format_date(date),
        None => text.to_owned(),
    }
}

/// When a note was written ("2026-11-11T08:54", device time), as the language writes a date
/// and time; text of another shape is shown as it is.
pub fn written_label(written: &str) -> String {
    let (date, time) = written.split_once('T').unwrap_or((written, ""));
    match Date::parse(date) {
        Some(date) => format_appointment(date, time),
        None => written.to_owned(),
    }
}

/// "Di., 25. Nov. 2026, 09:30" for a request's appointment; "flexible" without a date.
pub fn when_label(t: &'static Texts, date: &str, time: &str) -> String {
    match Date::parse(date) {
        Some(date) => format_appointment(date, time),
        None => t.flexible.to_owned(),
    }
}

pub fn reason_label(t: &'static Texts, directory: &Directory, reason: &Reason) -> String {
    match reason {
        Reason::Speaks { code, level } => Texts::fill(
            t.reason_speaks,
            &[
                ("language", &language_name(t, code)),
                ("level", level_label(t, *level)),
            ],
        ),
        Reason::SpeaksNone => t.reason_speaks_none.to_owned(),
        Reason::SameDistrict => t.reason_same_district.to_owned(),
        Reason::AvailableThen => t.reason_available.to_owned(),
        Reason::NotAvailableThen => t.reason_not_available.to_owned(),
        Reason::Busy { active } => format_counted(t.reason_busy, *active),
        Reason::AtCapacity => t.reason_at_capacity.to_owned(),
        Reason::OffersOther { category } => Texts::fill(
            t.reason_offers_other,
            &[("category", &category_label(t, directory, category))],
        ),
    }
}

/// The label a stored field has in the forms (the conflict panel and a person's history
/// name fields by it); a field without one keeps its stored name.
pub fn field_label(t: &'static Texts, field: &str) -> String {
    let label = match field {
        "name" => t.name_label,
        "phones" => t.phones_label,
        "email" => t.email_label,
        "languages" => t.languages_label,
        "district" | "districts" => t.district_label,
        "skills" => t.skills_label,
        "availability" => t.availability_label,
        "role" => t.role_label,
        "consent" => t.consent_label,
        "person" => t.request_person,
        "category" => t.category_label,
        "place" => t.request_place,
        "date" => t.request_date,
        "time" => t.request_time,
        "urgency" => t.urgency_label,
        "status" => t.status_label,
        "helpers" => t.assigned_helpers,
        "outcome" => t.outcome_label,
        "title" => t.case_title_label,
        "follow_up" => t.follow_up_label,
        "note" => t.note_label,
        "active" => t.offer_active,
        "capacity" => t.capacity_label,
        "author" => t.note_author,
        "text" => t.note_text,
        DELETION_CONFLICT => t.conflict_deleted,
        _ => return field.to_owned(),
    };
    label.to_owned()
}
