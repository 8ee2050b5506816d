//! Choosing a passphrase: the rules (length, typed twice) and a strength hint. The hint is
//! an estimate of guessing work from length and variety; it advises, only the length is a
//! rule (a long sentence in one's own language is a good passphrase and must not be refused
//! for lacking digits).

use crate::domain::form::{Checked, FieldProblem};

/// Characters at least (NIST SP 800-63B's minimum for a memorised secret).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// What the hint next to the field says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Fair,
    Strong,
}

impl Strength {
    /// About how many bits of guessing work: length times the bits of the alphabets used,
    /// counted by distinct characters so that "aaaaaaaaaa" or "12121212" stay weak.
    pub fn of(passphrase: &str) -> Strength {
        let chars: Vec<char> = passphrase.chars().collect();
        let mut distinct = chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let alphabet: u32 = [
            (chars.iter().any(char::is_ascii_lowercase), 26),
            (chars.iter().any(char::is_ascii_uppercase), 26),
            (chars.iter().any(char::is_ascii_digit), 10),
            (
                chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' '),
                33,
            ),
            // Arabic, Cyrillic, umlauts...: a large alphabet of its own.
            (chars.iter().any(|c| !c.is_ascii()), 60),
        ]
        .iter()
        .filter(|(used, _)| *used)
        .map(|(_, size)| size)
        .sum();
        let bits_per_char = f64::from(alphabet.max(1)).log2();
        // A character repeated adds little: count distinct ones fully, repeats at a quarter.
        let effective = distinct.len() as f64 + (chars.len() - distinct.len()) as f64 / 4.0;
        match effective * bits_per_char {
            bits if bits >= 70.0 => Strength::Strong,
            bits if bits >= 45.0 => Strength::Fair,
            _ => Strength::Weak,
        }
    }
}

/// The passphrase form: typed twice, so a typo does not lock the person out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LockDraft {
    pub passphrase: String,
    pub repeat: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockProblem {
    TooShort,
    Mismatch,
}

impl FieldProblem for LockProblem {
    fn field(&self) -> &'static str {
        match self {
            LockProblem::TooShort => "passphrase",
            LockProblem::Mismatch => "repeat",
        }
    }
}

impl LockDraft {
    /// The passphrase as typed (spaces are part of it: never trimmed).
    pub fn validate(self) -> Checked<String, LockProblem> {
        let mut problems = Vec::new();
        if self.passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            problems.push(LockProblem::TooShort);
        }
        if self.repeat != self.passphrase {
            problems.push(LockProblem::Mismatch);
        }
        match problems.is_empty() {
            true => Ok(self.passphrase),
            false => Err(problems),
        }
    }
}

/// The passphrase typed to unlock (or to turn the lock off).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnlockDraft {
    pub passphrase: String,
}

/// Nothing typed: said next to the field, without spending a try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NothingTyped;

impl FieldProblem for NothingTyped {
    fn field(&self) -> &'static str {
        "passphrase"
    }
}

impl UnlockDraft {
    pub fn validate(self) -> Checked<String, NothingTyped> {
        match self.passphrase.is_empty() {
            true => Err(vec![NothingTyped]),
            false => Ok(self.passphrase),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_mistyped_passphrases_are_refused_next_to_their_field() {
        let draft = |p: &str, r: &str| LockDraft {
            passphrase: p.into(),
            repeat: r.into(),
        };
        assert_eq!(
            draft("kurz", "kurz").validate(),
            Err(vec![LockProblem::TooShort])
        );
        assert_eq!(
            draft("lang genug", "lang genau").validate(),
            Err(vec![LockProblem::Mismatch])
        );
        assert_eq!(
            draft(" مرحبا بكم ", " مرحبا بكم ").validate(),
            Ok(" مرحبا بكم ".into())
        );
        assert_eq!(LockProblem::Mismatch.field(), "repeat");
        let empty = UnlockDraft::default();
        assert_eq!(empty.validate(), Err(vec![NothingTyped]));
    }

    #[test]
    fn the_hint_rewards_length_and_variety_not_repetition() {
        assert_eq!(Strength::of("aaaaaaaaaaaa"), Strength::Weak);
        assert_eq!(Strength::of("12121212"), Strength::Weak);
        assert_eq!(Strength::of("sommer24"), Strength::Weak);
        assert_eq!(Strength::of("Sommer2024!"), Strength::Fair);
        assert_eq!(Strength::of("der Bus kommt um acht"), Strength::Strong);
        assert_eq!(Strength::of("قهوة مع الجيران صباحا"), Strength::Strong);
    }
}
