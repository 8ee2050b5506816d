//! Markup written as text, for the large read-only parts of the board and the report (tables
//! of hundreds of figures, charts, lists of names): set as one `inner_html`, the browser
//! builds them in one step instead of thousands of calls from the wasm, and each shape costs
//! no code of its own (a `view!` per shape made the board page tens of KB of wasm). Forms and
//! anything interactive stay `view!`; links here are plain `<a>`, which the router handles.
//! Every text and attribute value is escaped: names and places are typed by people.

/// HTML being written, element by element. (Its methods are never inlined: the board calls
/// them a few hundred times, and each inlined copy was code in the wasm.)
#[derive(Default)]
pub struct Markup(String);

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

impl Markup {
    /// Opens `tag` with `attributes` (an empty value leaves the attribute out).
    #[inline(never)]
    pub fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) -> &mut Markup {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attributes.iter().filter(|(_, v)| !v.is_empty()) {
            self.0.push(' ');
            self.0.push_str(name);
            self.0.push_str("=\"");
            escape_into(&mut self.0, value);
            self.0.push('"');
        }
        self.0.push('>');
        self
    }

    #[inline(never)]
    pub fn close(&mut self, tag: &str) -> &mut Markup {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    #[inline(never)]
    pub fn text(&mut self, text: &str) -> &mut Markup {
        escape_into(&mut self.0, text);
        self
    }

    /// `<tag attributes>text</tag>`.
    #[inline(never)]
    pub fn element(&mut self, tag: &str, attributes: &[(&str, &str)], text: &str) -> &mut Markup {
        self.open(tag, attributes).text(text).close(tag)
    }

    /// A link to `href` whose text may be in any direction (a name, a place).
    #[inline(never)]
    pub fn link(&mut self, href: &str, text: &str) -> &mut Markup {
        self.open("a", &[("href", href)])
            .element("span", &[("dir", "auto")], text)
            .close("a")
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_empty_attributes_left_out() {
        let mut m = Markup::default();
        m.open("td", &[("class", ""), ("title", "\"x\" & 'y'")])
            .text("<script>alert(1)</script>")
            .close("td");
        assert_eq!(
            m.into_string(),
            "<td title=\"&quot;x&quot; &amp; &#39;y&#39;\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"
        );
    }

    #[test]
    fn a_link_keeps_its_text_direction_to_the_browser() {
        let mut m = Markup::default();
        m.link("/members/a?b=1&c=2", "فاطمة");
        assert_eq!(
            m.into_string(),
            "<a href=\"/members/a?b=1&amp;c=2\"><span dir=\"auto\">فاطمة</span></a>"
        );
    }
}
