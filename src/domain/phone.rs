//! Phone numbers as volunteers type them ("0171 234 5678", "+49 (231) 12 34 56",
//! "00963 944 123 456") stored as E.164 ("+491712345678"). Numbers without a country code
//! are German. Hand-written instead of the `phonenumber` crate: its metadata would add far
//! more to the app than the whole rest of Lotse; we only need normalising, not formatting.

/// Why a typed phone number was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    /// Letters or symbols other than spaces, dashes, dots, slashes and brackets.
    InvalidCharacters,
    /// A number without the leading 0 or country code, e.g. "1234567".
    MissingAreaCode,
    TooShort,
    TooLong,
}

/// E.164 allows at most 15 digits; shorter than 7 is no reachable number.
const MIN_DIGITS: usize = 7;
const MAX_DIGITS: usize = 15;

pub fn normalize_phone(input: &str) -> Result<String, PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    // "+49 (0)171 ..." is a common way to write a German number; the (0) is not dialled.
    let without_trunk_zero = trimmed.replace("(0)", "");
    let (international, rest) = match without_trunk_zero.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, without_trunk_zero.as_str()),
    };
    let mut digits = String::new();
    for c in rest.chars().map(super::text_key::ascii_digit) {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneError::InvalidCharacters),
        }
    }
    let full = if international {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("49{rest}")
    } else {
        return Err(PhoneError::MissingAreaCode);
    };
    if full.starts_with('0') {
        return Err(PhoneError::InvalidCharacters);
    }
    match full.len() {
        n if n < MIN_DIGITS => Err(PhoneError::TooShort),
        n if n > MAX_DIGITS => Err(PhoneError::TooLong),
        _ => Ok(format!("+{full}")),
    }
}

/// Country codes of the numbers members commonly have, longest first where they share a
/// start: Germany and its neighbours, and the countries people came from (Syria, Iraq,
/// Afghanistan, Iran, Turkey, Ukraine, Russia, Eritrea, Somalia, ...). Any other code is read
/// by its length rule in `split_country`.
const COUNTRY_CODES: [&str; 24] = [
    "49", "90", "963", "964", "93", "98", "380", "7", "291", "252", "251", "48", "40", "359",
    "355", "387", "385", "381", "43", "41", "31", "33", "44", "1",
];

/// The country code of an E.164 number's digits, and the rest.
fn split_country(digits: &str) -> (&str, &str) {
    let known = COUNTRY_CODES
        .iter()
        .filter(|code| digits.starts_with(**code))
        .max_by_key(|code| code.len());
    let length = known.map_or(2, |code| code.len());
    digits.split_at(length.min(digits.len()))
}

/// A stored (E.164) number as people write it: "+49 171 2345678" for a German mobile,
/// "+49 231 1234567" otherwise in Germany (the area code is not known exactly, so the first
/// three digits stand apart, as they do for most large towns and every mobile network),
/// "+963 944 123 456" elsewhere (groups of three). Links keep the E.164 form.
pub fn display_phone(e164: &str) -> String {
    let Some(digits) = e164
        .strip_prefix('+')
        .filter(|d| d.chars().all(|c| c.is_ascii_digit()))
    else {
        return e164.to_owned();
    };
    let (country, rest) = split_country(digits);
    let groups: Vec<&str> = if country == "49" {
        let (prefix, subscriber) = rest.split_at(3.min(rest.len()));
        vec![prefix, subscriber]
    } else {
        // Threes, and a last group of four rather than a digit alone ("123 4567").
        let mut groups = Vec::new();
        let mut left = rest;
        while left.len() > 4 || (left.len() == 4 && groups.is_empty()) {
            let (group, more) = left.split_at(3);
            groups.push(group);
            left = more;
        }
        groups.push(left);
        groups
    };
    let mut shown = format!("+{country}");
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        shown.push(' ');
        shown.push_str(group);
    }
    shown
}

/// Links that open a call or a chat with a stored (E.164) number.
pub struct ContactLinks {
    pub tel: String,
    pub whatsapp: String,
    pub signal: String,
}

pub fn contact_links(e164: &str) -> ContactLinks {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    ContactLinks {
        tel: format!("tel:+{digits}"),
        whatsapp: format!("https://wa.me/{digits}"),
        signal: format!("https://signal.me/#p/+{digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_typed_with_arabic_digits_is_stored_as_digits() {
        assert_eq!(
            normalize_phone("٠١٧١ ١٢٣٤٥٦٧"),
            Ok("+491711234567".to_owned())
        );
        assert_eq!(
            normalize_phone("۰۱۷۱ ۱۲۳۴۵۶۷"),
            Ok("+491711234567".to_owned())
        );
    }

    #[test]
    fn a_stored_number_is_shown_grouped_as_people_write_it() {
        assert_eq!(display_phone("+4915517302174"), "+49 155 17302174");
        assert_eq!(display_phone("+492311234567"), "+49 231 1234567");
        assert_eq!(display_phone("+963944123456"), "+963 944 123 456");
        assert_eq!(display_phone("+905321234567"), "+90 532 123 4567");
        assert_eq!(display_phone("+79161234567"), "+7 916 123 4567");
        assert_eq!(display_phone("not a number"), "not a number");
        for typed in ["0155 17302174", "+963 944 123 456", "+90 532 123 4567"] {
            let stored = normalize_phone(typed).unwrap();
            assert_eq!(
                normalize_phone(&display_phone(&stored)),
                Ok(stored),
                "{typed}"
            );
        }
    }

    #[test]
    fn german_numbers_get_the_country_code() {
        assert_eq!(normalize_phone("0171 234 5678"), Ok("+491712345678".into()));
        assert_eq!(
            normalize_phone("(0231) 12-34-56"),
            Ok("+49231123456".into())
        );
        assert_eq!(
            normalize_phone(" 0049 171/2345678 "),
            Ok("+491712345678".into())
        );
    }

    #[test]
    fn international_numbers_keep_theirs() {
        assert_eq!(
            normalize_phone("+963 944 123 456"),
            Ok("+963944123456".into())
        );
        assert_eq!(
            normalize_phone("00 90 532 123 45 67"),
            Ok("+905321234567".into())
        );
        assert_eq!(
            normalize_phone("+49 (0)171 2345678"),
            Ok("+491712345678".into())
        );
    }

    #[test]
    fn bad_numbers_say_why() {
        assert_eq!(normalize_phone("  "), Err(PhoneError::Empty));
        assert_eq!(
            normalize_phone("0171-CALLME"),
            Err(PhoneError::InvalidCharacters)
        );
        assert_eq!(normalize_phone("2345678"), Err(PhoneError::MissingAreaCode));
        assert_eq!(normalize_phone("0171"), Err(PhoneError::TooShort));
        assert_eq!(
            normalize_phone("+49 171 2345 6789 0123"),
            Err(PhoneError::TooLong)
        );
    }

    #[test]
    fn links_use_the_forms_each_app_expects() {
        let links = contact_links("+491712345678");
        assert_eq!(links.tel, "tel:+491712345678");
        assert_eq!(links.whatsapp, "https://wa.me/491712345678");
        assert_eq!(links.signal, "https://signal.me/#p/+491712345678");
    }
}
