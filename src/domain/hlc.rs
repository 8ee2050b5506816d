//! Hybrid logical clock (Kulkarni et al.): stamps that follow wall-clock time where clocks agree
//! and still order causally related edits when a phone's clock is wrong.
//!
//! Stamps are stored as fixed-width strings so that IndexedDB and any server sort them
//! correctly as plain strings, and so that no u64 has to cross into JavaScript.

use std::cmp::Ordering;
use std::fmt;

/// Width of the wall-clock part: 13 decimal digits reach the year 2286.
const MILLIS_WIDTH: usize = 13;
/// Width of the counter part; a counter that would overflow moves the stamp a millisecond on.
const COUNTER_WIDTH: usize = 6;
const COUNTER_MAX: u32 = 999_999;
/// The largest wall-clock part that fits the width. A stamp must never grow a digit: as text
/// it would sort before every other (and the parser refuses it).
const MILLIS_MAX: u64 = 9_999_999_999_999;
/// How far ahead of this device's wall clock another device's stamp may pull the clock: a
/// day covers phones whose clock is hours off or in another time zone setting; a phone whose
/// clock says 2286 must not drag every other phone there.
pub const MAX_AHEAD_MILLIS: u64 = 24 * 60 * 60 * 1000;

/// One point in hybrid logical time, unique per device.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub millis: u64,
    pub counter: u32,
    /// Breaks ties so that two devices never produce equal stamps.
    pub device: String,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.millis, self.counter, &self.device).cmp(&(other.millis, other.counter, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:0mw$}-{:0cw$}-{}",
            self.millis,
            self.counter,
            self.device,
            mw = MILLIS_WIDTH,
            cw = COUNTER_WIDTH
        )
    }
}

/// Why a stored stamp string could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StampParseError(pub String);

impl std::str::FromStr for Stamp {
    type Err = StampParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || StampParseError(text.to_owned());
        let mut parts = text.splitn(3, '-');
        let millis = parts.next().ok_or_else(bad)?;
        let counter = parts.next().ok_or_else(bad)?;
        let device = parts.next().ok_or_else(bad)?;
        if millis.len() != MILLIS_WIDTH || counter.len() != COUNTER_WIDTH || device.is_empty() {
            return Err(bad());
        }
        Ok(Stamp {
            millis: millis.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            device: device.to_owned(),
        })
    }
}

/// The clock of one device. Persist `last()` and restore it with `resume` so that stamps keep
/// growing across restarts even if the wall clock jumps back.
#[derive(Clone, Debug)]
pub struct Clock {
    device: String,
    millis: u64,
    counter: u32,
}

impl Clock {
    pub fn new(device: impl Into<String>) -> Self {
        Clock {
            device: device.into(),
            millis: 0,
            counter: 0,
        }
    }

    /// A clock that continues after `last`, the newest stamp this device has issued or seen.
    pub fn resume(device: impl Into<String>, last: Option<&Stamp>) -> Self {
        let mut clock = Clock::new(device);
        if let Some(last) = last {
            clock.millis = last.millis;
            clock.counter = last.counter;
        }
        clock
    }

    /// A new stamp for a local event, later than every stamp issued or observed before.
    pub fn tick(&mut self, now_millis: u64) -> Stamp {
        let now_millis = now_millis.min(MILLIS_MAX);
        if now_millis > self.millis {
            self.millis = now_millis;
            self.counter = 0;
        } else {
            self.advance_counter();
        }
        self.current()
    }

    /// Takes note of a stamp from another device so that later local stamps sort after it –
    /// unless it is more than `MAX_AHEAD_MILLIS` ahead of this device's wall clock: then the
    /// clock is left as it is and `false` returned (the change itself is kept; stamps only
    /// order what `replaces` leaves concurrent, so nothing is lost).
    pub fn observe(&mut self, remote: &Stamp, now_millis: u64) -> bool {
        if remote.millis > now_millis.saturating_add(MAX_AHEAD_MILLIS).min(MILLIS_MAX) {
            return false;
        }
        let newest = now_millis
            .min(MILLIS_MAX)
            .max(self.millis)
            .max(remote.millis);
        let counter = match (newest == self.millis, newest == remote.millis) {
            (true, true) => self.counter.max(remote.counter),
            (true, false) => self.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        self.millis = newest;
        self.counter = counter;
        true
    }

    fn advance_counter(&mut self) {
        if self.counter < COUNTER_MAX {
            self.counter += 1;
        } else if self.millis < MILLIS_MAX {
            self.millis += 1;
            self.counter = 0;
        }
        // At the very end of the width the stamp stays where it is rather than grow a digit.
    }

    /// The newest stamp issued or observed.
    pub fn current(&self) -> Stamp {
        Stamp {
            millis: self.millis,
            counter: self.counter,
            device: self.device.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_sort_as_strings_the_way_they_sort_as_values() {
        let mut clock = Clock::new("a");
        let stamps: Vec<Stamp> = [5, 5, 1_700_000_000_000, 3, 1_700_000_000_001]
            .iter()
            .map(|t| clock.tick(*t))
            .collect();
        for pair in stamps.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].to_string() < pair[1].to_string());
        }
    }

    #[test]
    fn a_clock_never_goes_back_when_the_wall_clock_does() {
        let mut clock = Clock::new("phone");
        let late = clock.tick(10_000);
        let early = clock.tick(2_000);
        assert!(early > late);
        assert_eq!(early.millis, 10_000);
        assert_eq!(early.counter, 1);
    }

    #[test]
    fn after_observing_a_remote_stamp_local_stamps_sort_after_it() {
        let mut slow = Clock::new("slow");
        let mut fast = Clock::new("fast");
        let remote = fast.tick(1_000_000 + 7_200_000);
        slow.observe(&remote, 1_000_000);
        assert!(slow.tick(1_000_001) > remote);
    }

    #[test]
    fn a_stamp_from_far_in_the_future_does_not_drag_the_clock_there() {
        let now = 1_764_000_000_000;
        let mut wild = Clock::new("wild");
        let from_2286 = wild.tick(9_999_999_000_000);
        let mut phone = Clock::new("phone");
        assert!(!phone.observe(&from_2286, now));
        let next = phone.tick(now + 1);
        assert_eq!(next.millis, now + 1);
        // A few hours ahead is followed, as before.
        let hours_ahead = Clock::new("fast").tick(now + 3 * 3_600_000);
        assert!(phone.observe(&hours_ahead, now));
        assert!(phone.tick(now + 2) > hours_ahead);
    }

    #[test]
    fn a_clock_at_the_end_of_its_width_never_grows_a_digit() {
        let mut clock = Clock::new("d");
        let mut previous = clock.tick(u64::MAX);
        for _ in 0..COUNTER_MAX + 5 {
            let next = clock.tick(u64::MAX);
            assert!(next >= previous);
            previous = next;
        }
        let text = previous.to_string();
        assert_eq!(text.parse::<Stamp>(), Ok(previous));
        assert!(text.starts_with("9999999999999-"));
    }

    #[test]
    fn counter_overflow_moves_to_the_next_millisecond() {
        let mut clock = Clock::resume(
            "d",
            Some(&Stamp {
                millis: 9,
                counter: COUNTER_MAX,
                device: "d".into(),
            }),
        );
        let next = clock.tick(1);
        assert_eq!((next.millis, next.counter), (10, 0));
    }

    #[test]
    fn stamps_round_trip_through_text_even_with_dashes_in_the_device_id() {
        let stamp = Stamp {
            millis: 1_732_000_000_123,
            counter: 42,
            device: "0b6c-4f1e-9a".into(),
        };
        let text = stamp.to_string();
        assert_eq!(text, "1732000000123-000042-0b6c-4f1e-9a");
        assert_eq!(text.parse::<Stamp>(), Ok(stamp));
    }

    #[test]
    fn malformed_stamps_are_rejected() {
        for text in [
            "",
            "12-3-x",
            "1732000000123-000042-",
            "abcdefghijklm-000001-d",
        ] {
            assert!(text.parse::<Stamp>().is_err(), "{text:?} should not parse");
        }
    }
}
