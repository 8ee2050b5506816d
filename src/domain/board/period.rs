//! The periods the board looks at: whole calendar months, quarters and years (fixed periods
//! only – two overlapping custom ranges could be subtracted from each other to reveal a
//! single person in a report).

use crate::domain::calendar::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// First day, inclusive.
    pub start: Date,
    /// Last day, inclusive.
    pub end: Date,
}

fn first_of(year: i32, month: u32) -> Date {
    Date {
        year,
        month,
        day: 1,
    }
}

/// The first day of the month `months` after (or before) `year`-`month`.
fn month_start(year: i32, month: u32, months: i32) -> Date {
    let index = year * 12 + month as i32 - 1 + months;
    first_of(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

impl Period {
    /// The calendar month `back` months before the one `today` is in (0: this month).
    pub fn month(today: Date, back: i32) -> Period {
        let start = month_start(today.year, today.month, -back);
        let next = month_start(start.year, start.month, 1);
        Period {
            start,
            end: next.plus_days(-1),
        }
    }

    /// The calendar quarter `back` quarters before the one `today` is in.
    pub fn quarter(today: Date, back: i32) -> Period {
        let first_month = (today.month - 1) / 3 * 3 + 1;
        let start = month_start(today.year, first_month, -3 * back);
        let next = month_start(start.year, start.month, 3);
        Period {
            start,
            end: next.plus_days(-1),
        }
    }

    /// The calendar year `back` years before the one `today` is in.
    pub fn year(today: Date, back: i32) -> Period {
        let year = today.year - back;
        Period {
            start: first_of(year, 1),
            end: Date {
                year,
                month: 12,
                day: 31,
            },
        }
    }

    /// Whether the day written `date` ("YYYY-MM-DD") lies in the period.
    pub fn contains(&self, date: &str) -> bool {
        Date::parse(date).is_some_and(|d| self.start <= d && d <= self.end)
    }
}
