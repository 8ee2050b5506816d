//! Weekdays, parts of the day and dates as plain strings ("2026-11-24", "09:30"), as forms
//! produce them and as they sort. Availability is a set of weekday x part-of-day slots.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// The day's code in forms and URLs ("mon" … "sun"), the same as it is stored.
    pub fn code(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    pub fn from_code(code: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|day| day.code() == code)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    /// The part's code in forms and URLs, the same as it is stored.
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
        }
    }

    pub fn from_code(code: &str) -> Option<DayPart> {
        DayPart::ALL.into_iter().find(|part| part.code() == code)
    }

    /// Morning until 12:00, afternoon until 17:00, evening after.
    pub fn of_time(time: &str) -> Option<DayPart> {
        let (hours, minutes) = time.split_once(':')?;
        let hours: u32 = hours.parse().ok()?;
        let minutes: u32 = minutes.parse().ok()?;
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(match hours {
            0..=11 => DayPart::Morning,
            12..=16 => DayPart::Afternoon,
            _ => DayPart::Evening,
        })
    }
}

/// One weekly slot, e.g. Tuesday morning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub day: Weekday,
    pub part: DayPart,
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.day.code(), self.part.code())
    }
}

/// A calendar date from "YYYY-MM-DD" (what `<input type=date>` gives).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[((self.days_since_epoch() + 3).rem_euclid(7)) as usize]
    }

    /// The date `days` days later (or earlier, if negative).
    pub fn plus_days(self, days: i64) -> Date {
        // civil_from_days
        let z = self.days_since_epoch() + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The weekly slot a dated appointment falls into, if it has a time.
pub fn slot_of(date: &str, time: &str) -> Option<Slot> {
    Some(Slot {
        day: Date::parse(date)?.weekday(),
        part: DayPart::of_time(time)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_parts_go_through_forms_by_the_codes_they_are_stored_with() {
        for day in Weekday::ALL {
            assert_eq!(Weekday::from_code(day.code()), Some(day));
            assert_eq!(serde_json::to_value(day).ok(), Some(day.code().into()));
        }
        for part in DayPart::ALL {
            assert_eq!(DayPart::from_code(part.code()), Some(part));
            assert_eq!(serde_json::to_value(part).ok(), Some(part.code().into()));
        }
        assert_eq!(Weekday::from_code("Mon"), None);
        let slot = Slot {
            day: Weekday::Tue,
            part: DayPart::Morning,
        };
        assert_eq!(slot.to_string(), "tue-morning");
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(
            Date::parse("2026-11-24").map(Date::weekday),
            Some(Weekday::Tue)
        );
        assert_eq!(
            Date::parse("2024-02-29").map(Date::weekday),
            Some(Weekday::Thu)
        );
        assert_eq!(
            Date::parse("1970-01-01").map(Date::weekday),
            Some(Weekday::Thu)
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-1",
            "",
            "heute",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
    }

    #[test]
    fn adding_days_crosses_months_and_years() {
        let date = Date::parse("2026-12-30").expect("date");
        assert_eq!(date.plus_days(3).to_string(), "2027-01-02");
        assert_eq!(date.plus_days(-30).to_string(), "2026-11-30");
    }

    #[test]
    fn times_fall_into_parts_of_the_day() {
        assert_eq!(DayPart::of_time("09:30"), Some(DayPart::Morning));
        assert_eq!(DayPart::of_time("12:00"), Some(DayPart::Afternoon));
        assert_eq!(DayPart::of_time("18:15"), Some(DayPart::Evening));
        assert_eq!(DayPart::of_time("25:00"), None);
        assert_eq!(
            slot_of("2026-11-24", "10:00"),
            Some(Slot {
                day: Weekday::Tue,
                part: DayPart::Morning
            })
        );
    }
}
