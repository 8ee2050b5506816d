//! Each metric on small hand-made organisations.

use super::coverage::{coverage, CoverageFilter};
use super::load::load;
use super::period::Period;
use super::single_points::{single_points, Within};
use super::unmet::unmet;
use crate::domain::calendar::{Date, DayPart, Slot, Weekday};
use crate::domain::directory::Directory;
use crate::domain::member::{LanguageLevel, LanguageSkill, Member};
use crate::domain::offer::{Capacity, CustomCategory, HelpOffer, Period as Every};
use crate::domain::request::{HelpRequest, RequestStatus};

const ESCORT: &str = "accompaniment";
const CHILDCARE: &str = "childcare";

fn date(text: &str) -> Date {
    Date::parse(text).expect("a date")
}

fn today() -> Date {
    date("2026-11-25")
}

fn member(id: &str, district: &str, languages: &[(&str, LanguageLevel)]) -> Member {
    Member {
        id: id.into(),
        name: format!("Name {id}"),
        district: district.into(),
        languages: languages
            .iter()
            .map(|(code, level)| LanguageSkill {
                code: (*code).into(),
                level: *level,
            })
            .collect(),
        availability: vec![Slot {
            day: Weekday::Tue,
            part: DayPart::Morning,
        }],
        ..Member::default()
    }
}

fn offer(id: &str, member: &str, category: &str, active: bool) -> HelpOffer {
    HelpOffer {
        id: id.into(),
        member_id: member.into(),
        category: category.into(),
        capacity: Capacity {
            times: 1,
            per: Every::Week,
        },
        active,
        ..HelpOffer::default()
    }
}

fn request(id: &str, category: &str, language: &str, created: &str) -> HelpRequest {
    HelpRequest {
        id: id.into(),
        person: "Familie X.".into(),
        category: category.into(),
        languages: if language.is_empty() {
            vec![]
        } else {
            vec![language.into()]
        },
        created: created.into(),
        ..HelpRequest::default()
    }
}

/// Farid (Dari native, Nordstadt) and Olga (Ukrainian native, Russian good, basic Dari) both
/// accompany; Ayşe's childcare offer is paused; an offer of a member who is gone (deleted on
/// another phone) is left over; the organisation's own kind of help "sewing" has Olga.
fn organisation() -> Directory {
    use LanguageLevel::*;
    let mut d = Directory::default();
    for m in [
        member("farid", "Nordstadt", &[("prs", Native), ("de", Good)]),
        member(
            "olga",
            "Hörde",
            &[("uk", Native), ("ru", Good), ("prs", Basic)],
        ),
        member("ayse", "Nordstadt", &[("tr", Native)]),
    ] {
        d.members.insert(m.id.clone(), m);
    }
    d.categories.insert(
        "sewing".into(),
        CustomCategory {
            id: "sewing".into(),
            name: "Nähkurs".into(),
        },
    );
    for o in [
        offer("o1", "farid", ESCORT, true),
        offer("o2", "olga", ESCORT, true),
        offer("o3", "ayse", CHILDCARE, false),
        offer("o4", "gone", ESCORT, true),
        offer("o5", "olga", "sewing", true),
    ] {
        d.insert_offer(o);
    }
    d
}

fn add(d: &mut Directory, request: HelpRequest) {
    d.requests.insert(request.id.clone(), request);
}

#[test]
fn periods_are_whole_months_quarters_and_years() {
    let last_month = Period::month(today(), 1);
    assert_eq!(
        (last_month.start, last_month.end),
        (date("2026-10-01"), date("2026-10-31"))
    );
    let january = Period::month(date("2026-01-15"), 1);
    assert_eq!(
        (january.start, january.end),
        (date("2025-12-01"), date("2025-12-31"))
    );
    let last_quarter = Period::quarter(today(), 1);
    assert_eq!(
        (last_quarter.start, last_quarter.end),
        (date("2026-07-01"), date("2026-09-30"))
    );
    let year = Period::year(today(), 0);
    assert!(
        year.contains("2026-01-01") && year.contains("2026-12-31") && !year.contains("2025-12-31")
    );
    assert!(!year.contains("not a date"));
}

#[test]
fn coverage_counts_members_with_an_active_offer_who_speak_the_language_usably() {
    let mut d = organisation();
    let year = Period::year(today(), 0);
    add(&mut d, request("r1", CHILDCARE, "tr", "2026-05-02"));
    add(&mut d, request("r2", ESCORT, "ti", "2026-06-02"));
    add(&mut d, request("r3", ESCORT, "ti", "2025-06-02"));
    let table = coverage(&d, &year, &CoverageFilter::default());
    // Olga's basic Dari does not count; the member who is gone does not either.
    assert_eq!(table.cell(ESCORT, "prs").helpers, 1);
    assert_eq!(table.cell(ESCORT, "uk").helpers, 1);
    assert_eq!(table.cell(ESCORT, "de").helpers, 1);
    // Ayşe's childcare offer is paused: a gap, asked for in the period.
    let childcare_tr = table.cell(CHILDCARE, "tr");
    assert_eq!((childcare_tr.helpers, childcare_tr.asked), (0, 1));
    assert!(childcare_tr.is_gap());
    // Tigrinya: nobody speaks it, asked once this year (the one from last year is outside).
    assert!(table.languages.contains(&"ti".to_owned()));
    assert_eq!(table.cell(ESCORT, "ti").asked, 1);
    // The organisation's own kind of help is a row like the others.
    assert_eq!(table.categories.last().map(String::as_str), Some("sewing"));
    assert_eq!(table.cell("sewing", "uk").helpers, 1);
}

#[test]
fn coverage_filters_by_district_and_time() {
    let d = organisation();
    let year = Period::year(today(), 0);
    let nordstadt = CoverageFilter {
        district: Some("Nordstadt".into()),
        ..CoverageFilter::default()
    };
    let table = coverage(&d, &year, &nordstadt);
    assert_eq!(table.cell(ESCORT, "prs").helpers, 1);
    assert_eq!(table.cell(ESCORT, "uk").helpers, 0, "Olga lives in Hörde");
    let evening = CoverageFilter {
        part: Some(DayPart::Evening),
        ..CoverageFilter::default()
    };
    assert_eq!(coverage(&d, &year, &evening).cell(ESCORT, "prs").helpers, 0);
    let tuesday = CoverageFilter {
        day: Some(Weekday::Tue),
        ..CoverageFilter::default()
    };
    assert_eq!(coverage(&d, &year, &tuesday).cell(ESCORT, "prs").helpers, 1);
}

#[test]
fn a_single_point_of_failure_names_its_person_most_asked_first() {
    let mut d = organisation();
    let year = Period::year(today(), 0);
    add(&mut d, request("r1", ESCORT, "prs", "2026-05-02"));
    add(&mut d, request("r2", ESCORT, "prs", "2026-06-02"));
    let points = single_points(&d, &year);
    let first = &points[0];
    assert_eq!(
        (
            first.category.as_str(),
            &first.within,
            first.member_id.as_str(),
            first.asked
        ),
        (ESCORT, &Within::Language("prs".into()), "farid", 2)
    );
    assert!(points
        .iter()
        .any(|p| p.within == Within::District("Hörde".into()) && p.member_id == "olga"));
    assert!(
        !points.iter().any(|p| p.category == CHILDCARE),
        "a paused offer is nobody's"
    );
    // A second Dari speaker who accompanies ends it.
    let mut more = d.clone();
    more.members.insert(
        "zahra".into(),
        member("zahra", "Hörde", &[("prs", LanguageLevel::Good)]),
    );
    more.insert_offer(offer("o6", "zahra", ESCORT, true));
    assert!(!single_points(&more, &year)
        .iter()
        .any(|p| p.category == ESCORT && p.within == Within::Language("prs".into())));
}

#[test]
fn load_counts_open_and_recent_help_against_what_was_offered() {
    let mut d = organisation();
    for (n, status, date_) in [
        (1, RequestStatus::Assigned, ""),
        (2, RequestStatus::Assigned, ""),
        (3, RequestStatus::Done, "2026-11-20"),
        (4, RequestStatus::Done, "2026-10-01"),
        (5, RequestStatus::Done, "2026-01-01"),
        (6, RequestStatus::Cancelled, "2026-11-20"),
    ] {
        let mut r = request(&format!("f{n}"), ESCORT, "prs", "2026-09-01");
        r.status = status;
        r.date = date_.into();
        r.helpers = vec!["farid".into()];
        add(&mut d, r);
    }
    let mut olga = request("o1", ESCORT, "uk", "2026-11-01");
    olga.status = RequestStatus::Assigned;
    olga.helpers = vec!["olga".into()];
    add(&mut d, olga);
    // Moved from assigned back to open (unassigned): nobody's load.
    add(&mut d, request("open", ESCORT, "uk", "2026-11-01"));
    let report = load(&d, today());
    let farid = &report.helpers[0];
    assert_eq!(farid.member_id, "farid");
    assert_eq!((farid.open, farid.done_30, farid.done_90), (2, 1, 2));
    assert_eq!(farid.offered_per_month, 4);
    assert!(!farid.over_capacity);
    // 3 at once while the only other helper (Olga) has 1: clearly more.
    assert_eq!(report.median, 1);
    assert!(farid.carries_more);
    // Ayşe's offer is paused, so she offers nothing; nobody with an active offer went unasked.
    assert!(report.unused.is_empty());
    let mut quiet = d.clone();
    quiet.members.insert(
        "zahra".into(),
        member("zahra", "Hörde", &[("prs", LanguageLevel::Good)]),
    );
    quiet.insert_offer(offer("o6", "zahra", ESCORT, true));
    for n in 0..3 {
        let mut r = request(&format!("z{n}"), ESCORT, "uk", "2026-11-01");
        r.status = RequestStatus::Assigned;
        r.helpers = vec!["olga".into()];
        add(&mut quiet, r);
    }
    let report = load(&quiet, today());
    assert_eq!(report.unused, vec!["zahra".to_owned()]);
    let olga = report
        .helpers
        .iter()
        .find(|h| h.member_id == "olga")
        .expect("olga");
    // Olga: 4 open against 4 + 4 offered a month – not over capacity; Farid has 3: not twice.
    assert!(!olga.carries_more && !olga.over_capacity);
    assert!(!report.helpers.iter().any(|h| h.carries_more));
}

#[test]
fn one_helper_far_above_the_others_is_named() {
    let mut d = organisation();
    for n in 0..6 {
        let mut r = request(&format!("f{n}"), ESCORT, "prs", "2026-11-01");
        r.status = RequestStatus::Assigned;
        r.helpers = vec!["farid".into()];
        add(&mut d, r);
    }
    let mut r = request("o", ESCORT, "uk", "2026-11-01");
    r.status = RequestStatus::Assigned;
    r.helpers = vec!["olga".into()];
    add(&mut d, r);
    let report = load(&d, today());
    let farid = &report.helpers[0];
    assert!(farid.carries_more, "6 at once, the other helper 1");
    assert!(farid.over_capacity, "6 against 4 offered a month");
}

#[test]
fn unmet_needs_are_waiting_requests_by_age_and_what_went_without_help() {
    let mut d = organisation();
    add(&mut d, request("new", ESCORT, "prs", "2026-11-22"));
    add(&mut d, request("weeks", ESCORT, "prs", "2026-11-01"));
    add(&mut d, request("old", ESCORT, "prs", "2026-08-01"));
    let mut assigned = request("assigned", ESCORT, "prs", "2026-08-01");
    assigned.status = RequestStatus::Assigned;
    assigned.helpers = vec!["farid".into()];
    add(&mut d, assigned);
    for (id, status, helpers) in [
        ("c1", RequestStatus::Cancelled, vec![]),
        ("c2", RequestStatus::Cancelled, vec!["farid".to_owned()]),
        ("d1", RequestStatus::Done, vec![]),
        ("d2", RequestStatus::Done, vec!["farid".to_owned()]),
    ] {
        let mut r = request(id, ESCORT, "ti", "2026-10-10");
        r.status = status;
        r.helpers = helpers;
        add(&mut d, r);
    }
    let found = unmet(&d, &Period::month(today(), 1), today());
    assert_eq!(
        found.waiting,
        [
            vec!["new".to_owned()],
            vec!["weeks".to_owned()],
            vec!["old".to_owned()]
        ]
    );
    // Two cancelled and one closed without anybody: three in Tigrinya went without help.
    assert_eq!(
        found.without_help,
        vec![(ESCORT.to_owned(), "ti".to_owned(), 3)]
    );
    // Outside the period they do not count.
    assert!(unmet(&d, &Period::month(today(), 0), today())
        .without_help
        .is_empty());
}

/// Timing of each metric over the benchmark organisation (run by hand with
/// `cargo test --release --lib board_timing -- --ignored --nocapture`).
#[test]
#[ignore]
fn board_timing() {
    use crate::domain::seed::{seeded_directory, SeedSize};
    let d = seeded_directory(SeedSize::LARGE, 7, today());
    let p = Period::month(today(), 1);
    let y = Period::year(today(), 0);
    let time = |name: &str, f: &dyn Fn()| {
        let start = std::time::Instant::now();
        for _ in 0..10 {
            f();
        }
        println!("{name}: {:?}", start.elapsed() / 10);
    };
    time("coverage", &|| {
        drop(coverage(&d, &p, &CoverageFilter::default()))
    });
    time("single", &|| drop(single_points(&d, &p)));
    time("load", &|| drop(load(&d, today())));
    time("unmet", &|| drop(unmet(&d, &y, today())));
    time("trends", &|| drop(super::trends::trends(&d, today())));
    time("report", &|| drop(super::report::report(&d, y)));
    let everyone = super::reach::reach(&d, &CoverageFilter::default());
    time(
        "period switch: coverage_of + single_points_of + unmet",
        &|| {
            drop(super::coverage::coverage_of(&d, &everyone, &y));
            drop(super::single_points::single_points_of(&everyone, &d, &y));
            drop(unmet(&d, &y, today()));
        },
    );
}
