//! Storage sizes in a readable unit for the settings page ("1.2 MB"); the UI writes the number
//! and unit the way the chosen language does (Intl).

/// An amount of storage in the unit it reads best in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ByteAmount {
    /// Whole kilobytes and bytes; one decimal from megabytes on.
    pub value: f64,
    /// The unit's identifier as `Intl.NumberFormat` knows it.
    pub unit: &'static str,
}

/// Picks decimal units (as phones and browsers report storage): whole kB, one decimal from
/// MB on.
pub fn readable_bytes(bytes: u64) -> ByteAmount {
    const UNITS: [(&str, u64); 3] = [
        ("gigabyte", 1_000_000_000),
        ("megabyte", 1_000_000),
        ("kilobyte", 1_000),
    ];
    for (unit, size) in UNITS {
        if bytes >= size {
            let decimals = if size >= 1_000_000 { 10.0 } else { 1.0 };
            let value = (bytes as f64 / size as f64 * decimals).round() / decimals;
            return ByteAmount { value, unit };
        }
    }
    ByteAmount {
        value: bytes as f64,
        unit: "byte",
    }
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
        let amount = |value, unit| ByteAmount { value, unit };
        assert_eq!(readable_bytes(0), amount(0.0, "byte"));
        assert_eq!(readable_bytes(999), amount(999.0, "byte"));
        assert_eq!(readable_bytes(48_213), amount(48.0, "kilobyte"));
        assert_eq!(readable_bytes(1_234_567), amount(1.2, "megabyte"));
        assert_eq!(readable_bytes(296_000_000_000), amount(296.0, "gigabyte"));
        assert_eq!(readable_bytes(999_999), amount(1000.0, "kilobyte"));
        assert_eq!(readable_bytes(1_950_000), amount(2.0, "megabyte"));
        assert_eq!(
            readable_bytes(u64::MAX),
            amount(18_446_744_073.7, "gigabyte")
        );
    }

    #[test]
    fn percentages_are_safe_at_the_edges() {
        assert_eq!(percent_used(5, 0), 0);
        assert_eq!(percent_used(1, 3), 33);
        assert_eq!(percent_used(10, 5), 100);
        assert_eq!(percent_used(u64::MAX, u64::MAX), 100);
    }
}
