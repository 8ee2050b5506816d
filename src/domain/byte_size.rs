//! Human-readable storage sizes for the settings page ("1,2 MB").

/// Formats `bytes` with decimal units (as phones and browsers report storage) and the given
/// decimal separator: whole kB, one decimal from MB on. Integer arithmetic only: float
/// formatting would add kilobytes to the app for one line of text.
pub fn format_bytes(bytes: u64, decimal_separator: char) -> String {
    const UNITS: [(&str, u128); 2] = [("GB", 1_000_000_000), ("MB", 1_000_000)];
    let exact = u128::from(bytes);
    for (unit, size) in UNITS {
        if exact >= size {
            let tenths = (exact * 10 + size / 2) / size;
            return format!("{}{decimal_separator}{} {unit}", tenths / 10, tenths % 10);
        }
    }
    if bytes >= 1_000 {
        return format!("{} kB", (exact + 500) / 1_000);
    }
    format!("{bytes} B")
}

/// Share of `used` in `quota` as whole percent, never dividing by zero.
pub fn percent_used(used: u64, quota: u64) -> u8 {
    if quota == 0 {
        return 0;
    }
    ((used as f64 / quota as f64) * 100.0)
        .round()
        .clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_pick_a_readable_unit() {
        assert_eq!(format_bytes(0, ','), "0 B");
        assert_eq!(format_bytes(999, ','), "999 B");
        assert_eq!(format_bytes(48_213, ','), "48 kB");
        assert_eq!(format_bytes(1_234_567, ','), "1,2 MB");
        assert_eq!(format_bytes(296_000_000_000, '.'), "296.0 GB");
        assert_eq!(format_bytes(999_999, ','), "1000 kB");
        assert_eq!(format_bytes(1_950_000, ','), "2,0 MB");
        assert_eq!(format_bytes(u64::MAX, ','), "18446744073,7 GB");
    }

    #[test]
    fn percentages_are_safe_at_the_edges() {
        assert_eq!(percent_used(5, 0), 0);
        assert_eq!(percent_used(1, 3), 33);
        assert_eq!(percent_used(10, 5), 100);
        assert_eq!(percent_used(u64::MAX, u64::MAX), 100);
    }
}
