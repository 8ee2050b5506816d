//! A member of the organisation: who they are, how to reach them, what languages they speak,
//! when they are usually available, and the consent under which their data is kept.

use super::calendar::Slot;
use super::change::RecordKind;
use super::form::FieldProblem;
use super::phone::{normalize_phone, PhoneError};
use super::record_data::{record_data, tidy};
use crate::domain::order::sort_natural;
use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum LanguageLevel {
    Basic,
    #[default]
    Good,
    Native,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageSkill {
    pub code: String,
    pub level: LanguageLevel,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Volunteer,
    Coordinator,
}

/// Consent to keep this person's data: when, for what, and who recorded it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub date: String,
    pub purpose: String,
    pub recorded_by: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub skills: String,
    #[serde(default)]
    pub availability: Vec<Slot>,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub consent: Option<Consent>,
}

record_data!(Member, RecordKind::Member);

impl Member {
    pub fn speaks(&self, code: &str) -> Option<LanguageLevel> {
        self.languages
            .iter()
            .filter(|l| l.code == code)
            .map(|l| l.level)
            .max()
    }
}

/// What a person typed into the member form, before checking.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MemberDraft {
    pub name: String,
    pub phones: String,
    pub email: String,
    pub languages: Vec<LanguageSkill>,
    pub district: String,
    pub skills: String,
    pub availability: Vec<Slot>,
    pub role: Role,
    pub consent_date: String,
    pub consent_purpose: String,
    pub consent_recorded_by: String,
}

/// One problem with a draft, tied to the field it belongs next to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberError {
    NameEmpty,
    NameTooLong {
        max: usize,
    },
    /// The 1-based position of the number in the phone field, and why.
    Phone {
        position: usize,
        error: PhoneError,
    },
    EmailInvalid,
    ConsentIncomplete,
}

impl FieldProblem for MemberError {
    fn field(&self) -> &'static str {
        match self {
            MemberError::NameEmpty | MemberError::NameTooLong { .. } => "name",
            MemberError::Phone { .. } => "phones",
            MemberError::EmailInvalid => "email",
            // Date, purpose and who recorded it are checked together: one message for the group.
            MemberError::ConsentIncomplete => "consent",
        }
    }
}

pub const MEMBER_NAME_MAX: usize = 120;

impl MemberDraft {
    pub fn from_member(member: &Member) -> MemberDraft {
        let consent = member.consent.clone().unwrap_or_default();
        MemberDraft {
            name: member.name.clone(),
            phones: member.phones.join(", "),
            email: member.email.clone(),
            languages: member.languages.clone(),
            district: member.district.clone(),
            skills: member.skills.clone(),
            availability: member.availability.clone(),
            role: member.role,
            consent_date: consent.date,
            consent_purpose: consent.purpose,
            consent_recorded_by: consent.recorded_by,
        }
    }

    /// Checks everything and returns the member, or every problem found (not just the first).
    pub fn validate(&self, id: &str) -> Result<Member, Vec<MemberError>> {
        let mut errors = Vec::new();
        let name = tidy(&self.name);
        if name.is_empty() {
            errors.push(MemberError::NameEmpty);
        } else if name.chars().count() > MEMBER_NAME_MAX {
            errors.push(MemberError::NameTooLong {
                max: MEMBER_NAME_MAX,
            });
        }
        let mut phones = Vec::new();
        let typed = self
            .phones
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty());
        for (index, typed) in typed.enumerate() {
            match normalize_phone(typed) {
                Ok(phone) if !phones.contains(&phone) => phones.push(phone),
                Ok(_) => {}
                Err(error) => errors.push(MemberError::Phone {
                    position: index + 1,
                    error,
                }),
            }
        }
        let email = self.email.trim().to_owned();
        if !email.is_empty() && !looks_like_email(&email) {
            errors.push(MemberError::EmailInvalid);
        }
        let consent_parts = [
            &self.consent_date,
            &self.consent_purpose,
            &self.consent_recorded_by,
        ];
        let filled = consent_parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .count();
        let consent = match filled {
            0 => None,
            3 => Some(Consent {
                date: self.consent_date.trim().to_owned(),
                purpose: self.consent_purpose.trim().to_owned(),
                recorded_by: self.consent_recorded_by.trim().to_owned(),
            }),
            _ => {
                errors.push(MemberError::ConsentIncomplete);
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut languages: Vec<LanguageSkill> = Vec::new();
        for skill in &self.languages {
            match languages.iter_mut().find(|l| l.code == skill.code) {
                Some(existing) => existing.level = existing.level.max(skill.level),
                None => languages.push(skill.clone()),
            }
        }
        let mut availability = self.availability.clone();
        sort_natural(&mut availability);
        availability.dedup();
        Ok(Member {
            id: id.to_owned(),
            name,
            phones,
            email,
            languages,
            district: self.district.trim().to_owned(),
            skills: self.skills.trim().to_owned(),
            availability,
            role: self.role,
            consent,
        })
    }
}

fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.contains(' ')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{DayPart, Weekday};
    use crate::domain::record_data::RecordData;

    fn draft() -> MemberDraft {
        MemberDraft {
            name: " Ayşe  Yılmaz ".into(),
            phones: "0171 2345678, +90 532 123 45 67".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_draft_becomes_a_tidy_member() {
        let mut d = draft();
        d.languages = vec![
            LanguageSkill {
                code: "tr".into(),
                level: LanguageLevel::Native,
            },
            LanguageSkill {
                code: "de".into(),
                level: LanguageLevel::Good,
            },
            LanguageSkill {
                code: "tr".into(),
                level: LanguageLevel::Basic,
            },
        ];
        let slot = Slot {
            day: Weekday::Tue,
            part: DayPart::Morning,
        };
        d.availability = vec![slot, slot];
        let member = d.validate("m1").expect("valid");
        assert_eq!(member.name, "Ayşe Yılmaz");
        assert_eq!(
            member.phones,
            vec!["+491712345678".to_owned(), "+905321234567".to_owned()]
        );
        assert_eq!(member.speaks("tr"), Some(LanguageLevel::Native));
        assert_eq!(member.availability, vec![slot]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let d = MemberDraft {
            name: "  ".into(),
            phones: "0171 2345678; 12345".into(),
            email: "ayse@".into(),
            consent_date: "2026-11-01".into(),
            ..Default::default()
        };
        let errors = d.validate("m1").expect_err("invalid");
        assert_eq!(
            errors,
            vec![
                MemberError::NameEmpty,
                MemberError::Phone {
                    position: 2,
                    error: PhoneError::MissingAreaCode
                },
                MemberError::EmailInvalid,
                MemberError::ConsentIncomplete,
            ]
        );
    }

    #[test]
    fn members_round_trip_through_fields() {
        let mut d = draft();
        d.consent_date = "2026-11-01".into();
        d.consent_purpose = "Vermittlung von Hilfe".into();
        d.consent_recorded_by = "Olga".into();
        let member = d.validate("m1").expect("valid");
        let row = crate::domain::change::RecordRow {
            id: "m1".into(),
            kind: RecordKind::Member,
            fields: member.to_fields(),
            heads: vec![],
            updated: String::new(),
            deleted: false,
            conflicts: Default::default(),
            conflicted: None,
        };
        assert_eq!(Member::from_row(&row), Some(member));
    }
}
