//! Timing rules of the lock: how long after a wrong passphrase the next try waits, and the
//! idle times a device can choose.

/// Five minutes, as the issue and most phone screen locks default to.
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

/// The idle times offered (minutes).
pub fn idle_choices() -> [u32; 6] {
    [1, 2, 5, 10, 15, 30]
}

/// Seconds to wait before the next try after `failures` wrong passphrases in a row: none for
/// the first two typos, then doubling from 2 s up to 5 minutes. (Someone who copied the
/// browser profile is slowed down by the KDF, not by this; this slows down guessing at the
/// phone itself.)
pub fn unlock_delay_seconds(failures: u32) -> u32 {
    match failures {
        0..=2 => 0,
        n => 2u32.saturating_pow(n - 2).min(300),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_with_each_wrong_passphrase_and_stays_bounded() {
        let waits: Vec<u32> = (0..12).map(unlock_delay_seconds).collect();
        assert_eq!(waits, [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300]);
        assert_eq!(unlock_delay_seconds(u32::MAX), 300);
    }

    #[test]
    fn the_default_idle_time_is_one_of_the_choices() {
        assert!(idle_choices().contains(&DEFAULT_IDLE_MINUTES));
    }
}
