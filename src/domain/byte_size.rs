//! Human-readable storage sizes for the settings page ("1,2 MB").

/// Formats `bytes` with decimal units (as phones and browsers report storage) and the given
/// decimal separator, one decimal place from MB on.
pub fn format_bytes(bytes: u64, decimal_separator: char) -> String {
    const UNITS: [(&str, f64); 3] = [("GB", 1e9), ("MB", 1e6), ("kB", 1e3)];
    for (unit, size) in UNITS {
        let value = bytes as f64 / size;
        if value >= 1.0 {
            let text = if unit == "kB" {
                format!("{value:.0}")
            } else {
                format!("{value:.1}")
            };
            return format!(
                "{} {unit}",
                text.replace('.', &decimal_separator.to_string())
            );
        }
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
    }

    #[test]
    fn percentages_are_safe_at_the_edges() {
        assert_eq!(percent_used(5, 0), 0);
        assert_eq!(percent_used(1, 3), 33);
        assert_eq!(percent_used(10, 5), 100);
    }
}
