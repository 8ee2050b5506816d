//! The language files the app loads when a language other than German is chosen
//! (`public/i18n/<code>.txt`, written from the Rust texts by a native test): one value per
//! line, in the order `Texts` declares its fields. Lines, not JSON: reading them is a split of
//! the downloaded text, and the strings borrow from it – no parser in the wasm. A line break
//! inside a text is written `\n`, a backslash `\\`.

use super::Direction;

/// The lines of one language file, read front to back.
pub struct Reader {
    lines: std::str::Split<'static, char>,
    /// A line was missing or unreadable: the file is not one of this version's.
    failed: bool,
}

impl Reader {
    /// `text` lives as long as the app: a language once loaded stays (a few KB).
    pub fn new(text: &'static str) -> Reader {
        Reader {
            lines: text.split('\n'),
            failed: false,
        }
    }

    fn line(&mut self) -> Option<&'static str> {
        let line = self.lines.next();
        self.failed |= line.is_none();
        line
    }

    /// Notes that what was read is not a value (the reading goes on; see `Read`).
    fn fail<T>(&mut self, instead: T) -> T {
        self.failed = true;
        instead
    }

    pub fn failed(&self) -> bool {
        self.failed
    }

    /// True when every line was read (a trailing line break is fine): the file had exactly
    /// the fields of this version.
    pub fn is_done(&mut self) -> bool {
        matches!(self.lines.next(), None | Some("")) && self.lines.next().is_none()
    }
}

/// A field's value read from the next line(s). Reading never stops half-way: a value that
/// cannot be read marks the reader as failed (`Reader::failed`) and reads as empty. (With an
/// `Option` per field, the check after each of some 450 texts was 22 KB of the wasm.)
pub trait Read: Sized {
    fn read(from: &mut Reader) -> Self;

    /// Reads into `slot` (what `Texts::from_lines` calls, once per field).
    #[inline(never)]
    fn read_into(slot: &mut Self, from: &mut Reader) {
        *slot = Self::read(from);
    }
}

impl Read for &'static str {
    fn read(from: &mut Reader) -> Self {
        let line = from.line().unwrap_or_default();
        if !line.contains('\\') {
            return line;
        }
        let mut text = String::with_capacity(line.len());
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, false) => text.push(c),
                (_, true) => match chars.next() {
                    Some('n') => text.push('\n'),
                    Some('\\') => text.push('\\'),
                    _ => return from.fail(""),
                },
            }
        }
        Box::leak(text.into_boxed_str())
    }
}

impl Read for Direction {
    fn read(from: &mut Reader) -> Self {
        match from.line() {
            Some("ltr") => Direction::LeftToRight,
            Some("rtl") => Direction::RightToLeft,
            _ => from.fail(Direction::LeftToRight),
        }
    }
}

impl<const N: usize> Read for [&'static str; N] {
    fn read(from: &mut Reader) -> Self {
        let mut items = [""; N];
        for item in &mut items {
            *item = Read::read(from);
        }
        items
    }
}

/// A count, then one "code<TAB>name" line each.
impl Read for &'static [(&'static str, &'static str)] {
    fn read(from: &mut Reader) -> Self {
        let Some(count) = from.line().and_then(|line| line.parse::<usize>().ok()) else {
            return from.fail(&[]);
        };
        let pairs = (0..count)
            .map(|_| from.line()?.split_once('\t'))
            .collect::<Option<Vec<_>>>();
        match pairs {
            Some(pairs) => Box::leak(pairs.into_boxed_slice()),
            None => from.fail(&[]),
        }
    }
}

/// A field's value as line(s) of a language file.
#[cfg(not(target_arch = "wasm32"))]
pub trait Write {
    fn write(&self, out: &mut String);
}

#[cfg(not(target_arch = "wasm32"))]
impl Write for &'static str {
    fn write(&self, out: &mut String) {
        out.push_str(&self.replace('\\', "\\\\").replace('\n', "\\n"));
        out.push('\n');
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Write for Direction {
    fn write(&self, out: &mut String) {
        out.push_str(self.as_html());
        out.push('\n');
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<const N: usize> Write for [&'static str; N] {
    fn write(&self, out: &mut String) {
        for item in self {
            item.write(out);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Write for &'static [(&'static str, &'static str)] {
    fn write(&self, out: &mut String) {
        out.push_str(&format!("{}\n", self.len()));
        for (code, name) in self.iter() {
            assert!(!code.contains(['\t', '\n']) && !name.contains(['\t', '\n']));
            out.push_str(&format!("{code}\t{name}\n"));
        }
    }
}
