//! The language files the app loads when a language other than German is chosen
//! (`public/i18n/<code>.txt`, written from the Rust texts by a native test): one value per
//! line, in the order `Texts` declares its fields. Lines, not JSON: reading them is a split of
//! the downloaded text, and the strings borrow from it – no parser in the wasm. A line break
//! inside a text is written `\n`, a backslash `\\`.

use super::Direction;

/// The lines of one language file, read front to back.
pub struct Reader {
    lines: std::str::Split<'static, char>,
}

impl Reader {
    /// `text` lives as long as the app: a language once loaded stays (a few KB).
    pub fn new(text: &'static str) -> Reader {
        Reader {
            lines: text.split('\n'),
        }
    }

    fn line(&mut self) -> Option<&'static str> {
        self.lines.next()
    }

    /// True when every line was read (a trailing line break is fine): the file had exactly
    /// the fields of this version.
    pub fn is_done(&mut self) -> bool {
        matches!(self.lines.next(), None | Some("")) && self.lines.next().is_none()
    }
}

/// A field's value read from the next line(s).
pub trait Read: Sized {
    fn read(from: &mut Reader) -> Option<Self>;
}

impl Read for &'static str {
    fn read(from: &mut Reader) -> Option<Self> {
        let line = from.line()?;
        if !line.contains('\\') {
            return Some(line);
        }
        let mut text = String::with_capacity(line.len());
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, false) => text.push(c),
                (_, true) => match chars.next()? {
                    'n' => text.push('\n'),
                    '\\' => text.push('\\'),
                    _ => return None,
                },
            }
        }
        Some(Box::leak(text.into_boxed_str()))
    }
}

impl Read for Direction {
    fn read(from: &mut Reader) -> Option<Self> {
        match from.line()? {
            "ltr" => Some(Direction::LeftToRight),
            "rtl" => Some(Direction::RightToLeft),
            _ => None,
        }
    }
}

impl<const N: usize> Read for [&'static str; N] {
    fn read(from: &mut Reader) -> Option<Self> {
        let mut items = [""; N];
        for item in &mut items {
            *item = Read::read(from)?;
        }
        Some(items)
    }
}

/// A count, then one "code<TAB>name" line each.
impl Read for &'static [(&'static str, &'static str)] {
    fn read(from: &mut Reader) -> Option<Self> {
        let count: usize = from.line()?.parse().ok()?;
        let pairs = (0..count)
            .map(|_| from.line()?.split_once('\t'))
            .collect::<Option<Vec<_>>>()?;
        Some(Box::leak(pairs.into_boxed_slice()))
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
