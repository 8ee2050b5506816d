//! /board/report, "Tätigkeitsbericht": what the organisation did in a month, a quarter or a
//! year, for funders, the municipality and the general meeting – counts only, small ones
//! hidden (`domain::board::suppression`), printable on A4 (print CSS) and as CSV for Excel.

use crate::domain::board::csv::csv;
use crate::domain::board::period::Period;
use crate::domain::board::report::{report, Counts, Report, Span};
use crate::domain::board::suppression::{suppress, SafeTable, Shown};
use crate::domain::directory::Directory;
use crate::domain::markup::Markup;
use crate::i18n::{texts, Texts};
use crate::ui::parts::figure_table::{figure_table, Figure};
use crate::ui::state::app_state::{today_date, use_app_state};
use crate::ui::text::labels::{category_label, language_name};
use crate::ui::text::locale_format::{format_count, format_month};
use leptos::prelude::*;

const SMALL: &str = "< 5";

fn shown(value: Shown) -> String {
    match value {
        Shown::Count(n) => format_count(n),
        Shown::Hidden => SMALL.to_owned(),
    }
}

/// The period's name: "Oktober 2026", "3. Quartal 2026", "2025".
fn period_name(t: &'static Texts, span: Span, period: &Period) -> String {
    match span {
        Span::Month => format_month(period.start),
        Span::Quarter => Texts::fill(
            t.report_quarter_label,
            &[
                ("n", &((period.start.month - 1) / 3 + 1).to_string()),
                ("year", &period.start.year.to_string()),
            ],
        ),
        Span::Year => period.start.year.to_string(),
    }
}

/// A report's table as text, headings and totals included: what the page and the CSV show.
struct Table {
    title: &'static str,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The table of `rows` (a label and its counts) made safe, with a total row and – for more
/// than one column – a total column.
fn table_of(
    t: &'static Texts,
    title: &'static str,
    head: Vec<String>,
    rows: Vec<(String, Vec<usize>)>,
) -> Table {
    let (labels, counts): (Vec<String>, Vec<Vec<usize>>) = rows.into_iter().unzip();
    let SafeTable {
        cells,
        row_totals,
        column_totals,
        total: grand,
    } = suppress(&counts);
    let many_columns = counts.first().is_some_and(|row| row.len() > 1);
    let mut rows: Vec<Vec<String>> = labels
        .into_iter()
        .zip(cells)
        .zip(row_totals)
        .map(|((label, cells), row_total)| {
            let mut row = vec![label];
            row.extend(cells.into_iter().map(shown));
            if many_columns {
                row.push(shown(row_total));
            }
            row
        })
        .collect();
    if !rows.is_empty() {
        let mut last = vec![t.report_total.to_owned()];
        last.extend(column_totals.into_iter().map(shown));
        if many_columns {
            last.push(shown(grand));
        }
        rows.push(last);
    }
    Table { title, head, rows }
}

fn tables(t: &'static Texts, d: &Directory, found: &Report) -> Vec<Table> {
    let outcomes = vec![
        t.category_label.to_owned(),
        t.report_helped.to_owned(),
        t.report_closed_without.to_owned(),
        t.report_cancelled.to_owned(),
        t.report_ongoing.to_owned(),
        t.report_total.to_owned(),
    ];
    let kinds = table_of(
        t,
        t.report_requests,
        outcomes,
        found
            .by_kind
            .iter()
            .map(|(kind, counts)| (category_label(t, d, kind), counts.to_vec()))
            .collect(),
    );
    // One column of counts by name: languages, districts.
    let single = |title, column: &str, counts: &Counts, name: &dyn Fn(&str) -> String| {
        let head = vec![column.to_owned(), t.board_count.to_owned()];
        let rows = counts
            .iter()
            .map(|(key, n)| (name(key), vec![*n]))
            .collect();
        table_of(t, title, head, rows)
    };
    let languages = single(
        t.report_languages,
        t.language_label,
        &found.languages,
        &|code| language_name(t, code),
    );
    let districts = single(
        t.report_districts,
        t.district_label,
        &found.districts,
        &|name| name.to_owned(),
    );
    // Each on its own: neither is part of a sum with the other.
    let facts = Table {
        title: t.report_facts,
        head: vec![t.report_facts.to_owned(), t.board_count.to_owned()],
        rows: [
            (t.report_volunteers, found.volunteers),
            (t.report_cases, found.cases_opened),
        ]
        .into_iter()
        .map(|(label, n)| vec![label.to_owned(), shown(suppress(&[vec![n]]).total)])
        .collect(),
    };
    vec![facts, kinds, languages, districts]
}

/// The tables that have rows, each under its heading.
fn tables_markup(tables: &[Table]) -> String {
    let mut m = Markup::default();
    for table in tables.iter().filter(|table| !table.rows.is_empty()) {
        let rows: Vec<Vec<Figure>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| Figure::text(cell.as_str())).collect())
            .collect();
        m.open("section", &[("class", "report-table")])
            .element("h2", &[], table.title);
        figure_table(&mut m, "", &table.head, &rows);
        m.close("section");
    }
    m.into_string()
}

fn csv_link(title: &str, period: &str, tables: &[Table]) -> String {
    let mut rows = vec![vec![title.to_owned(), period.to_owned()], Vec::new()];
    for table in tables {
        rows.push(vec![table.title.to_owned()]);
        rows.push(table.head.clone());
        rows.extend(table.rows.iter().cloned());
        rows.push(Vec::new());
    }
    format!(
        "data:text/csv;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&csv(&rows)))
    )
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let span = RwSignal::new(Span::Quarter);
    // How many spans back: 1 is the last complete one.
    let back = RwSignal::new(1);
    let period = Memo::new(move |_| span.get().period(today_date(), back.get()));
    let choices = move || {
        let span = span.get();
        let count = match span {
            Span::Month => 12,
            Span::Quarter => 8,
            Span::Year => 3,
        };
        (0..count)
            .map(|n| {
                let name = period_name(t, span, &span.period(today_date(), n));
                view! { <option value=n.to_string() selected=move || back.get() == n>{name}</option> }
            })
            .collect_view()
    };
    let organisation = move || {
        state
            .organisation
            .with(|o| o.as_ref().map(|o| o.name.clone()))
            .unwrap_or_default()
    };
    let body = move || {
        let period = period.get();
        let name = period_name(t, span.get(), &period);
        state.directory.with(|d| {
            let found = report(d, period);
            let tables = tables(t, d, &found);
            let title = format!("{} – {}", t.report_title, organisation());
            let href = csv_link(&title, &name, &tables);
            let file = format!("taetigkeitsbericht-{}.csv", period.start);
            let empty = found.by_kind.is_empty();
            view! {
                <p class="report-period"><strong>{name}</strong></p>
                {empty.then(|| view! { <p>{t.report_none}</p> })}
                <div inner_html=tables_markup(&tables)></div>
                <div class="actions no-print">
                    <button type="button" on:click=|_| {
                        if let Some(window) = web_sys::window() {
                            let _ = window.print();
                        }
                    }>{t.report_print}</button>
                    <a class="button button-secondary" href=href download=file>{t.report_csv}</a>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <section class="page board report" aria-labelledby="report-title">
            <h1 id="report-title">{t.report_title}<span dir="auto">{move || { let o = organisation(); (!o.is_empty()).then(|| format!(" – {o}")) }}</span></h1>
            <p class="hint">{t.report_intro}</p>
            <div class="inline-fields no-print">
                <div class="field">
                    <label for="report-span">{t.report_span}</label>
                    <select id="report-span" on:change=move |ev| {
                        span.set(match event_target_value(&ev).as_str() {
                            "month" => Span::Month,
                            "year" => Span::Year,
                            _ => Span::Quarter,
                        });
                        back.set(1);
                    }>
                        <option value="month">{t.report_month}</option>
                        <option value="quarter" selected>{t.report_quarter}</option>
                        <option value="year">{t.report_year}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="report-which">{t.report_which}</label>
                    <select id="report-which" on:change=move |ev| back.set(event_target_value(&ev).parse().unwrap_or(1))>
                        {choices}
                    </select>
                </div>
            </div>
            {body}
        </section>
    }
}
