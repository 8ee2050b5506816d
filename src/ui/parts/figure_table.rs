//! The one way the board and the report draw a table of figures: column headings, and rows
//! whose first cell names the row. A figure may lead to the records behind it, carry a marker
//! class (a gap, a single person), a note ("3× gefragt") and badges. Written as markup (see
//! `domain::markup`): tables of hundreds of figures are built by the browser in one step.

use crate::domain::markup::Markup;

/// One cell: its text, and what may come with it.
#[derive(Clone, Debug, Default)]
pub struct Figure {
    pub text: String,
    /// Where the figure leads (the records behind it).
    pub href: Option<String>,
    /// What a screen reader says for the link, when the text alone is not enough.
    pub label: Option<String>,
    /// Marks the cell ("coverage-gap", …); on a row's first figure, the whole row ("heavy").
    pub class: &'static str,
    /// A small line under the figure.
    pub note: Option<String>,
    pub badges: Vec<&'static str>,
}

impl Figure {
    pub fn text(text: impl Into<String>) -> Figure {
        Figure {
            text: text.into(),
            ..Figure::default()
        }
    }

    pub fn link(mut self, href: String) -> Figure {
        self.href = Some(href);
        self
    }
}

fn content(m: &mut Markup, figure: &Figure) {
    match &figure.href {
        Some(href) => {
            let label = figure.label.as_deref().unwrap_or_default();
            m.open("a", &[("href", href), ("aria-label", label)])
                .element("span", &[("dir", "auto")], &figure.text)
                .close("a");
        }
        None => {
            m.element("span", &[("dir", "auto")], &figure.text);
        }
    }
    for badge in &figure.badges {
        m.element("span", &[("class", "badge badge-warning")], badge);
    }
    if let Some(note) = &figure.note {
        m.element("small", &[], note);
    }
}

/// A table with `head` as column headings; each row's first figure heads the row. It scrolls
/// inside its own frame on a narrow screen.
pub fn figure_table(m: &mut Markup, class: &str, head: &[String], rows: &[Vec<Figure>]) {
    m.open("div", &[("class", "table-scroll"), ("tabindex", "0")])
        .open("table", &[("class", class)])
        .open("thead", &[])
        .open("tr", &[]);
    for heading in head {
        m.element("th", &[("scope", "col")], heading);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for row in rows {
        let Some((first, cells)) = row.split_first() else {
            continue;
        };
        m.open("tr", &[("class", first.class)])
            .open("th", &[("scope", "row")]);
        content(m, first);
        m.close("th");
        for cell in cells {
            m.open("td", &[("class", cell.class)]);
            content(m, cell);
            m.close("td");
        }
        m.close("tr");
    }
    m.close("tbody").close("table").close("div");
}
