//! A case: a person or family supported over time, with a timeline of notes. Notes are
//! append-only: a mistake is corrected by a new note that supersedes the old one, so what was
//! written (and who wrote it) is never lost.

use super::calendar::Date;
use super::change::RecordKind;
use super::form::{Checked, FieldProblem};
use super::record_data::{record_data, tidy};
use crate::domain::order::sort_with;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseStatus {
    #[default]
    Open,
    Closed,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Case {
    #[serde(skip)]
    pub id: String,
    /// Name or pseudonym of the person or family.
    pub title: String,
    #[serde(default)]
    pub member_id: Option<String>,
    #[serde(default)]
    pub status: CaseStatus,
    /// Next follow-up ("YYYY-MM-DD"), taken from the newest note that set one.
    #[serde(default)]
    pub follow_up: String,
    #[serde(default)]
    pub opened: String,
    /// The day it was closed ("YYYY-MM-DD"; empty while open, and for cases closed before
    /// Lotse noted the day): retention counts from it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closed: String,
}

record_data!(Case, RecordKind::Case);

impl Case {
    /// Closed (on `today`, "YYYY-MM-DD") if open, open again if closed.
    pub fn toggled(&self, today: &str) -> Case {
        let (status, closed) = match self.status {
            CaseStatus::Open => (CaseStatus::Closed, today.to_owned()),
            CaseStatus::Closed => (CaseStatus::Open, String::new()),
        };
        Case {
            status,
            closed,
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseNote {
    #[serde(skip)]
    pub id: String,
    pub case_id: String,
    pub author: String,
    pub text: String,
    /// When to look at the case again ("YYYY-MM-DD"), if at all.
    #[serde(default)]
    pub follow_up: String,
    /// The note this one corrects.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// When it was written (ISO date-time, device clock).
    pub written: String,
}

record_data!(CaseNote, RecordKind::Note);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteError {
    TextEmpty,
    AuthorEmpty,
    FollowUpInvalid,
}

impl Case {
    /// An open case whose follow-up date has passed ("YYYY-MM-DD" `today`).
    pub fn is_overdue(&self, today: &str) -> bool {
        self.status == CaseStatus::Open
            && Date::parse(&self.follow_up).is_some()
            && self.follow_up.as_str() < today
    }
}

impl FieldProblem for NoteError {
    fn field(&self) -> &'static str {
        match self {
            NoteError::TextEmpty => "text",
            NoteError::AuthorEmpty => "author",
            NoteError::FollowUpInvalid => "follow_up",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseError {
    TitleEmpty,
}

impl FieldProblem for CaseError {
    fn field(&self) -> &'static str {
        "title"
    }
}

impl Case {
    /// A case as opened: its title tidied, and required (it is how the case is found again).
    pub fn validated(mut self) -> Checked<Case, CaseError> {
        self.title = tidy(&self.title);
        if self.title.is_empty() {
            return Err(vec![CaseError::TitleEmpty]);
        }
        Ok(self)
    }
}

impl CaseNote {
    pub fn validated(mut self) -> Result<CaseNote, Vec<NoteError>> {
        let mut errors = Vec::new();
        self.text = self.text.trim().to_owned();
        self.author = self.author.trim().to_owned();
        self.follow_up = self.follow_up.trim().to_owned();
        if self.text.is_empty() {
            errors.push(NoteError::TextEmpty);
        }
        if self.author.is_empty() {
            errors.push(NoteError::AuthorEmpty);
        }
        if !self.follow_up.is_empty() && Date::parse(&self.follow_up).is_none() {
            errors.push(NoteError::FollowUpInvalid);
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

/// A case's notes for display: oldest first, each with the note that corrected it (if any).
pub struct TimelineEntry<'a> {
    pub note: &'a CaseNote,
    pub corrected_by: Option<&'a CaseNote>,
}

pub fn timeline<'a>(notes: &'a [CaseNote]) -> Vec<TimelineEntry<'a>> {
    let mut sorted: Vec<&CaseNote> = notes.iter().collect();
    sort_with(&mut sorted, |a, b| {
        (&a.written, &a.id).cmp(&(&b.written, &b.id))
    });
    sorted
        .iter()
        .map(|note| TimelineEntry {
            note,
            corrected_by: sorted
                .iter()
                .rev()
                .copied()
                .find(|n| n.supersedes.as_deref() == Some(note.id.as_str())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_case_past_its_follow_up_is_overdue() {
        let case = Case {
            follow_up: "2026-11-30".into(),
            ..Default::default()
        };
        assert!(case.is_overdue("2026-12-01"));
        assert!(!case.is_overdue("2026-11-30"));
        let closed = Case {
            status: CaseStatus::Closed,
            ..case
        };
        assert!(!closed.is_overdue("2026-12-01"));
        assert!(!Case::default().is_overdue("2026-12-01"));
    }

    fn note(id: &str, written: &str, text: &str, supersedes: Option<&str>) -> CaseNote {
        CaseNote {
            id: id.into(),
            case_id: "c".into(),
            author: "Olga".into(),
            text: text.into(),
            written: written.into(),
            supersedes: supersedes.map(str::to_owned),
            ..Default::default()
        }
    }

    #[test]
    fn a_correction_points_at_the_note_it_corrects_and_both_stay() {
        let notes = vec![
            note(
                "n2",
                "2026-11-02T10:00",
                "Termin am 5.12., nicht 4.12.",
                Some("n1"),
            ),
            note("n1", "2026-11-01T09:00", "Termin Jobcenter am 4.12.", None),
        ];
        let entries = timeline(&notes);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].note.id, "n1");
        assert_eq!(entries[0].corrected_by.map(|n| n.id.as_str()), Some("n2"));
        assert!(entries[1].corrected_by.is_none());
    }

    #[test]
    fn empty_notes_are_refused() {
        let empty = CaseNote {
            follow_up: "morgen".into(),
            ..Default::default()
        };
        assert_eq!(
            empty.validated(),
            Err(vec![
                NoteError::TextEmpty,
                NoteError::AuthorEmpty,
                NoteError::FollowUpInvalid
            ])
        );
    }

    #[test]
    fn closing_notes_the_day_and_reopening_forgets_it() {
        let open = Case {
            title: "Familie K.".into(),
            ..Case::default()
        };
        let closed = open.toggled("2026-12-01");
        assert_eq!(
            (closed.status, closed.closed.as_str()),
            (CaseStatus::Closed, "2026-12-01")
        );
        let again = closed.toggled("2026-12-05");
        assert_eq!(
            (again.status, again.closed.as_str()),
            (CaseStatus::Open, "")
        );
    }
}
