//! Search keys: text folded so that case, diacritics and common transliterations do not
//! matter. "Müller" and "Mueller" both become "muller", "Şirin" and "Shirin" both "sirin";
//! the consonant skeleton lets "Mohammed" find "Muhammad" ("mhmd").
//!
//! The same folding is applied to the query and to the stored text, so a rule only has to be
//! consistent, not linguistically exact. A hand-written table instead of Unicode
//! normalisation tables keeps the app small; it covers the Latin letters of the languages
//! members speak (German, Turkish, Kurdish, Polish, Romanian, Albanian, French, ...), and
//! folds Arabic letter variants.

/// A digit as an ASCII digit: Arabic-Indic (٠–٩) and Persian (۰–۹) digits, which Arabic and
/// Persian keyboards type, become 0–9; every other character stays.
pub fn ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        other => other,
    }
}

/// Lowercase, without diacritics, with transliteration variants unified, doubled letters
/// collapsed, and anything that is not a letter or digit turned into single spaces.
pub fn fold(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Fold::One(f) => plain.push(f),
            Fold::Two(a, b) => {
                plain.push(a);
                plain.push(b);
            }
            Fold::Separator => plain.push(' '),
            Fold::Drop => {}
        }
    }
    let unified = unify_transliterations(&plain);
    let mut out = String::with_capacity(unified.len());
    let mut last: Option<char> = None;
    for c in unified.chars() {
        if c == ' ' && (last == Some(' ') || last.is_none()) {
            continue;
        }
        if Some(c) == last && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        last = Some(c);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The consonant skeleton of folded text, word by word: the first letter, then the
/// consonants without repeats ("muhamad" -> "mhmd", "mohamed" -> "mhmd"). Vowels are what
/// transliterations of Arabic, Persian or Kurdish names disagree on most.
pub fn skeleton(folded: &str) -> String {
    folded
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            let mut out: String = chars.next().into_iter().collect();
            let mut last = out.chars().next();
            for c in chars {
                if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
                    continue;
                }
                if Some(c) != last {
                    out.push(c);
                }
                last = Some(c);
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

enum Fold {
    One(char),
    Two(char, char),
    Separator,
    /// Arabic vowel marks: dropped entirely, not turned into a word break.
    Drop,
}

fn fold_char(c: char) -> Fold {
    let one = match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => c.to_ascii_lowercase(),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => 'a',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'đ' | 'Ď' | 'Đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ə' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė'
        | 'Ę' | 'Ě' | 'Ə' => 'e',
        'ğ' | 'Ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            'i'
        }
        'ł' | 'ľ' | 'Ł' | 'Ľ' => 'l',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => 'o',
        'ř' | 'Ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' => 's',
        'ť' | 'ț' | 'Ť' | 'Ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            'u'
        }
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'ß' => return Fold::Two('s', 's'),
        'æ' | 'Æ' => return Fold::Two('a', 'e'),
        'œ' | 'Œ' => return Fold::Two('o', 'e'),
        // Arabic-script letter variants that people type interchangeably.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        '\u{064B}'..='\u{065F}' | '\u{0670}' => return Fold::Drop,
        _ if c.is_alphanumeric() => return lower(c),
        _ => return Fold::Separator,
    };
    Fold::One(one)
}

fn lower(c: char) -> Fold {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(a), None) => Fold::One(a),
        (Some(a), Some(b)) => Fold::Two(a, b),
        _ => Fold::Separator,
    }
}

/// German umlaut spellings and common Turkish/Arabic transliterations, unified in one pass
/// (this runs for every member when the search index is built).
fn unify_transliterations(text: &str) -> String {
    // By first letter, longest first ("sch" before "sh"): most letters start no rule, and
    // this runs over every member's skills and notes when the search index is built.
    fn rules(c: char) -> &'static [(&'static str, char)] {
        match c {
            's' => &[("sch", 's'), ("sh", 's')],
            'a' => &[("ae", 'a')],
            'o' => &[("oe", 'o')],
            'u' => &[("ue", 'u')],
            'c' => &[("ch", 'c')],
            'k' => &[("kh", 'h')],
            'p' => &[("ph", 'f')],
            'w' => &[("w", 'v')],
            _ => &[],
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for (from, to) in rules(c) {
            if let Some(after) = rest.strip_prefix(from) {
                out.push(*to);
                rest = after;
                continue 'outer;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umlauts_and_their_spellings_meet() {
        assert_eq!(fold("Müller"), fold("Mueller"));
        assert_eq!(fold("Müller"), "muler");
        assert_eq!(fold("Straße"), fold("STRASSE"));
    }

    #[test]
    fn turkish_and_other_latin_letters_fold() {
        assert_eq!(fold("Şirin"), "sirin");
        assert_eq!(fold("Shirin"), "sirin");
        assert_eq!(fold("İlknur Çelik"), "ilknur celik");
        assert_eq!(fold("Łukasz Wójcik"), fold("Lukasz Wojcik"));
        assert_eq!(fold("Ștefan"), "stefan");
    }

    #[test]
    fn punctuation_becomes_single_spaces() {
        assert_eq!(fold("  Al-Hassan,  Omar!"), "al hasan omar");
    }

    #[test]
    fn other_scripts_are_kept_and_lowercased() {
        assert_eq!(fold("Ольга Петренко"), "ольга петренко");
        assert_eq!(fold("أحمد"), fold("احمد"));
        assert_eq!(fold("فاطمة"), "فاطمه");
    }

    #[test]
    fn skeletons_let_transliterations_of_one_name_meet() {
        assert_eq!(skeleton(&fold("Mohammed")), skeleton(&fold("Muhammad")));
        assert_eq!(skeleton(&fold("Mohamed")), "mhmd");
        assert_eq!(skeleton(&fold("Youssef")), skeleton(&fold("Yusuf")));
        assert_ne!(skeleton(&fold("Ali")), skeleton(&fold("Olga")));
    }
}
