//! What Lotse holds about one person, for their right of access (GDPR Art. 15): their member
//! record, their offers, the requests they asked for and those they help with, the cases about
//! them with every note, and who changed each of these records when (device and time, from
//! the change log). One definition, so that the readable document and the JSON file hold
//! the same.
//!
//! Found by the links Lotse keeps (a request's or a case's member, an offer's member, a
//! request's helpers) and, for cases – which are opened with a title, not a member – by a
//! title that is the member's name (letter case and accents aside). A name typed into some
//! other record's free text is not found: the page says so.

use super::calendar::Date;
use super::case::{Case, CaseNote};
use super::change::{Change, Fields, RecordKind};
use super::consent::{self, ConsentEvent};
use super::device_name::name_of_device;
use super::directory::Directory;
use super::hlc::Stamp;
use super::member::Member;
use super::offer::HelpOffer;
use super::order::sort_with;
use super::record_data::RecordData;
use super::request::HelpRequest;
use super::text_key::fold;
use serde_json::{json, Map, Value};

/// The records about one member (notes are read per case, with `Held::cases`).
pub struct Held<'a> {
    pub member: &'a Member,
    pub offers: Vec<&'a HelpOffer>,
    /// Requests they asked for help with.
    pub asked: Vec<&'a HelpRequest>,
    /// Requests they help (or helped) with.
    pub helping: Vec<&'a HelpRequest>,
    pub cases: Vec<&'a Case>,
    /// Every consent given or withdrawn, newest first.
    pub consents: Vec<&'a ConsentEvent>,
}

/// Whether a case is about the member: linked to them, or titled with their name (a case is
/// usually opened under the person's or family's name).
fn is_about(case: &Case, member: &Member) -> bool {
    case.member_id.as_deref() == Some(member.id.as_str())
        || (!member.name.trim().is_empty() && fold(&case.title) == fold(&member.name))
}

/// The member a case is about, if any (see `is_about`).
pub fn member_of_case<'a>(directory: &'a Directory, case: &Case) -> Option<&'a Member> {
    if let Some(member) = case
        .member_id
        .as_ref()
        .and_then(|id| directory.members.get(id))
    {
        return Some(member);
    }
    directory.members.values().find(|m| is_about(case, m))
}

/// What the directory holds about `member_id`; `None` for no such member.
pub fn held_about<'a>(directory: &'a Directory, member_id: &'a str) -> Option<Held<'a>> {
    let member = directory.members.get(member_id)?;
    let (helping, asked) = directory.requests_of_member(member_id);
    Some(Held {
        member,
        offers: directory.offers_of(member_id).collect(),
        asked,
        helping,
        cases: directory
            .cases
            .values()
            .filter(|c| is_about(c, member))
            .collect(),
        consents: consent::history(directory, member_id),
    })
}

impl Held<'_> {
    /// Every record of it (the member, offers, requests, cases), for reading their history;
    /// notes are added by the caller once read.
    pub fn record_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.member.id.as_str()];
        ids.extend(self.offers.iter().map(|o| o.id.as_str()));
        ids.extend(
            self.asked
                .iter()
                .chain(&self.helping)
                .map(|r| r.id.as_str()),
        );
        ids.extend(self.cases.iter().map(|c| c.id.as_str()));
        ids.extend(self.consents.iter().map(|c| c.id.as_str()));
        ids
    }
}

/// One change to one of the records, as the history lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryLine {
    pub record_id: String,
    pub kind: RecordKind,
    /// "2026-11-25 14:03 UTC"; empty for a stamp that cannot be read.
    pub when: String,
    /// The device's name where the organisation gave it one, else its id.
    pub device: String,
    /// The fields the change set (nothing for a deletion).
    pub fields: Vec<String>,
    pub deleted: bool,
}

/// "YYYY-MM-DD HH:MM UTC" of a moment in milliseconds since 1970.
fn moment(millis: u64) -> String {
    const DAY: u64 = 86_400_000;
    let day = Date {
        year: 1970,
        month: 1,
        day: 1,
    }
    .plus_days((millis / DAY) as i64);
    let minutes = millis % DAY / 60_000;
    format!("{day} {:02}:{:02} UTC", minutes / 60, minutes % 60)
}

/// The changes of the records, oldest first, with the devices' names from `directory`.
pub fn history(directory: &Directory, changes: &[Change]) -> Vec<HistoryLine> {
    let mut lines: Vec<(Option<Stamp>, HistoryLine)> = changes
        .iter()
        .map(|change| {
            let stamp: Option<Stamp> = change.stamp.parse().ok();
            let device = name_of_device(&directory.devices, &change.device_id)
                .map_or_else(|| change.device_id.clone(), str::to_owned);
            let line = HistoryLine {
                record_id: change.record_id.clone(),
                kind: change.kind,
                when: stamp.as_ref().map(|s| moment(s.millis)).unwrap_or_default(),
                device,
                fields: change.fields.keys().cloned().collect(),
                deleted: change.deletes,
            };
            (stamp, line)
        })
        .collect();
    sort_with(&mut lines, |a, b| a.0.cmp(&b.0));
    lines.into_iter().map(|(_, line)| line).collect()
}

/// A record as the JSON file shows it: its id and its fields.
fn record_json(id: &str, fields: Fields) -> Value {
    let mut object = Map::new();
    object.insert("id".to_owned(), Value::String(id.to_owned()));
    for (name, value) in fields {
        object.insert(name, value);
    }
    Value::Object(object)
}

fn records<T: RecordData>(list: &[&T]) -> Value {
    Value::Array(
        list.iter()
            .map(|r| record_json(r.id(), r.to_fields()))
            .collect(),
    )
}

/// The JSON file: everything held about the person, with the organisation and the day.
pub fn export_json(
    organisation: &str,
    today: Date,
    held: &Held,
    notes: &[CaseNote],
    history: &[HistoryLine],
) -> String {
    let cases: Vec<Value> = held
        .cases
        .iter()
        .map(|case| {
            let of_case: Vec<&CaseNote> = notes.iter().filter(|n| n.case_id == case.id).collect();
            let mut value = record_json(&case.id, case.to_fields());
            if let Value::Object(object) = &mut value {
                object.insert("notes".to_owned(), records(&of_case));
            }
            value
        })
        .collect();
    let history: Vec<Value> = history
        .iter()
        .map(|line| {
            json!({
                "record": line.record_id,
                "kind": line.kind,
                "when": line.when,
                "device": line.device,
                "fields": line.fields,
                "deleted": line.deleted,
            })
        })
        .collect();
    let document = json!({
        "organisation": organisation,
        "exported": today.to_string(),
        "member": record_json(&held.member.id, held.member.to_fields()),
        "offers": records(&held.offers),
        "requests_asked": records(&held.asked),
        "requests_helping": records(&held.helping),
        "cases": cases,
        "consents": records(&held.consents),
        "history": history,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;
    use crate::domain::device_name::{device_record_id, DeviceName};
    use crate::domain::offer::HelpOffer;

    fn directory() -> Directory {
        let mut d = Directory::default();
        for (id, name) in [("aylin", "Aylin Kaya"), ("farid", "Farid Ahmadi")] {
            d.members.insert(
                id.into(),
                Member {
                    id: id.into(),
                    name: name.into(),
                    ..Member::default()
                },
            );
        }
        d.insert_offer(HelpOffer {
            id: "o1".into(),
            member_id: "aylin".into(),
            category: "childcare".into(),
            active: true,
            ..HelpOffer::default()
        });
        d.insert_offer(HelpOffer {
            id: "o2".into(),
            member_id: "farid".into(),
            category: "forms".into(),
            active: true,
            ..HelpOffer::default()
        });
        for (id, asker, helpers) in [
            ("r1", Some("aylin"), vec![]),
            ("r2", None, vec!["aylin"]),
            ("r3", Some("farid"), vec![]),
        ] {
            d.requests.insert(
                id.into(),
                HelpRequest {
                    id: id.into(),
                    member_id: asker.map(str::to_owned),
                    helpers: helpers.into_iter().map(str::to_owned).collect(),
                    ..HelpRequest::default()
                },
            );
        }
        for (id, title, member) in [
            ("c1", "Familie K.", Some("aylin")),
            ("c2", "Familie K.", None),
            ("c3", "aylin  KAYA", None),
            ("c4", "Aylin Kayas Nachbarin", None),
        ] {
            d.cases.insert(
                id.into(),
                Case {
                    id: id.into(),
                    title: title.into(),
                    member_id: member.map(str::to_owned),
                    ..Case::default()
                },
            );
        }
        d.devices.insert(
            device_record_id("dev-a"),
            DeviceName {
                id: device_record_id("dev-a"),
                device: "dev-a".into(),
                name: "Handy Anna".into(),
                ..DeviceName::default()
            },
        );
        d
    }

    #[test]
    fn what_is_held_about_a_member_follows_every_link_and_nothing_else() {
        let d = directory();
        let held = held_about(&d, "aylin").expect("a member");
        assert_eq!(held.member.name, "Aylin Kaya");
        let ids = |list: Vec<&str>| list.into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            ids(held.offers.iter().map(|o| o.id.as_str()).collect()),
            ["o1"]
        );
        assert_eq!(
            ids(held.asked.iter().map(|r| r.id.as_str()).collect()),
            ["r1"]
        );
        assert_eq!(
            ids(held.helping.iter().map(|r| r.id.as_str()).collect()),
            ["r2"]
        );
        // Linked, or titled with her name; a title that only contains it is not hers.
        assert_eq!(
            ids(held.cases.iter().map(|c| c.id.as_str()).collect()),
            ["c1", "c3"]
        );
        assert_eq!(held.record_ids(), ["aylin", "o1", "r1", "r2", "c1", "c3"]);
        assert!(held_about(&d, "nobody").is_none());
    }

    fn change(record: &str, stamp: &str, device: &str, fields: &[&str], deletes: bool) -> Change {
        Change {
            id: format!("{record}-{stamp}"),
            record_id: record.into(),
            kind: RecordKind::Member,
            fields: fields
                .iter()
                .map(|f| ((*f).to_owned(), Value::Null))
                .collect(),
            stamp: stamp.into(),
            device_id: device.into(),
            replaces: vec![],
            deletes,
        }
    }

    #[test]
    fn the_history_is_oldest_first_with_times_and_device_names() {
        let d = directory();
        // 1764600000000 ms = 2025-12-01 14:40 UTC.
        let later = Stamp {
            millis: 1_764_600_000_000 + 60_000,
            counter: 0,
            device: "dev-b".into(),
        }
        .to_string();
        let earlier = Stamp {
            millis: 1_764_600_000_000,
            counter: 0,
            device: "dev-a".into(),
        }
        .to_string();
        let lines = history(
            &d,
            &[
                change("aylin", &later, "dev-b", &["phones"], false),
                change("aylin", &earlier, "dev-a", &["name", "phones"], false),
                change("aylin", "garbled", "dev-a", &[], true),
            ],
        );
        // The unreadable stamp sorts first and shows no time.
        assert_eq!(lines[0].when, "");
        assert!(lines[0].deleted);
        assert_eq!(lines[1].when, "2025-12-01 14:40 UTC");
        assert_eq!(lines[1].device, "Handy Anna");
        assert_eq!(lines[1].fields, ["name", "phones"]);
        assert_eq!(lines[2].when, "2025-12-01 14:41 UTC");
        assert_eq!(
            lines[2].device, "dev-b",
            "a device without a name shows its id"
        );
    }

    #[test]
    fn the_json_file_holds_every_record_and_every_note_of_the_persons_cases() {
        let d = directory();
        let held = held_about(&d, "aylin").expect("a member");
        let notes = [
            CaseNote {
                id: "n1".into(),
                case_id: "c1".into(),
                text: "Termin beim Jobcenter am Montag".into(),
                ..CaseNote::default()
            },
            CaseNote {
                id: "n2".into(),
                case_id: "c2".into(),
                text: "not hers".into(),
                ..CaseNote::default()
            },
        ];
        let today = Date::parse("2026-12-01").expect("date");
        let text = export_json("Brücke e.V.", today, &held, &notes, &[]);
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value["organisation"], "Brücke e.V.");
        assert_eq!(value["exported"], "2026-12-01");
        assert_eq!(value["member"]["id"], "aylin");
        assert_eq!(value["member"]["name"], "Aylin Kaya");
        assert_eq!(value["offers"][0]["category"], "childcare");
        assert_eq!(value["requests_asked"][0]["id"], "r1");
        assert_eq!(value["requests_helping"][0]["id"], "r2");
        assert_eq!(
            value["cases"][0]["notes"][0]["text"],
            "Termin beim Jobcenter am Montag"
        );
        assert_eq!(value["cases"][0]["notes"].as_array().map(Vec::len), Some(1));
        assert!(!text.contains("Farid"), "nothing about anyone else");
    }
}
