//! How consent reads: a purpose's name (the standard ones translated, the organisation's own
//! as it named them) and one event of the history.

use crate::domain::consent::{
    ConsentEvent, ConsentWay, CASE_NOTES, CONTACT, PARTNER, PASS_ON, STATISTICS,
};
use crate::i18n::{Texts, OFFERED};

pub fn purpose_label(t: &'static Texts, purpose: &str) -> String {
    match purpose {
        CONTACT => t.purpose_contact,
        PASS_ON => t.purpose_pass_on,
        CASE_NOTES => t.purpose_case_notes,
        PARTNER => t.purpose_partner,
        STATISTICS => t.purpose_statistics,
        own => own,
    }
    .to_owned()
}

pub fn way_label(t: &'static Texts, way: ConsentWay) -> &'static str {
    match way {
        ConsentWay::Signed => t.consent_way_signed,
        ConsentWay::Verbal => t.consent_way_verbal,
    }
}

/// "Notizen zu Fällen: erteilt am 2026-11-30 (mündlich, erfasst von Olga, informiert auf Türkçe)"
pub fn consent_line(t: &'static Texts, event: &ConsentEvent) -> String {
    let language = OFFERED
        .iter()
        .find(|o| o.code == event.language)
        .map_or(event.language.as_str(), |o| o.native_name);
    Texts::fill(
        t.consent_event,
        &[
            ("purpose", &purpose_label(t, &event.purpose)),
            (
                "state",
                if event.given {
                    t.consent_given
                } else {
                    t.consent_withdrawn
                },
            ),
            ("date", &event.date),
            ("way", way_label(t, event.way)),
            ("recorder", &event.recorded_by),
            ("language", language),
        ],
    )
}
