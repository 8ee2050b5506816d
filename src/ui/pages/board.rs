//! /board, "Überblick": the board's view of the organisation from the data on this device –
//! coverage, what rests on one person, who carries how much, what went unmet, the last twelve
//! months. Every figure is computed by `domain::board` and leads to the records behind it;
//! charts come with their numbers as tables. The figures are written as markup
//! (`domain::markup`): thousands of them, built by the browser in one step.

use crate::domain::board::coverage::{coverage_of, Cell, CoverageFilter};
use crate::domain::board::load::load;
use crate::domain::board::period::Period;
use crate::domain::board::reach::{reach, Reach};
use crate::domain::board::single_points::{single_points_of, Within};
use crate::domain::board::trends::{leading_kinds, trends, Month};
use crate::domain::board::unmet::unmet;
use crate::domain::calendar::{DayPart, Weekday};
use crate::domain::catalog::DISTRICTS;
use crate::domain::directory::Directory;
use crate::domain::markup::Markup;
use crate::i18n::{texts, Texts};
use crate::ui::parts::figure_table::{figure_table, Figure};
use crate::ui::state::app_state::{today_date, use_app_state};
use crate::ui::text::labels::{
    category_label, day_part_label, language_name, person_label, weekday_label,
};
use crate::ui::text::locale_format::{format_count, format_month};
use leptos::prelude::*;

/// How many names a list shows: a large organisation has thousands of members who were never
/// asked, and drawing every one would make the page slow to open (the count says how many).
const LISTED: usize = 30;

/// "… und 970 weitere" under a list cut at `LISTED`.
fn more_line(m: &mut Markup, t: &'static Texts, total: usize) {
    if total > LISTED {
        let more = Texts::fill(t.board_more, &[("count", &format_count(total - LISTED))]);
        m.element("p", &[("class", "hint")], &more);
    }
}

fn member_name(d: &Directory, id: &str) -> String {
    d.members
        .get(id)
        .map_or_else(|| id.to_owned(), |m| m.name.clone())
}

/// A list of links (names, requests), cut at `LISTED`.
fn link_list<'a>(
    m: &mut Markup,
    t: &'static Texts,
    total: usize,
    links: impl Iterator<Item = (String, String)> + 'a,
) {
    m.open("ul", &[("class", "board-list")]);
    for (href, text) in links.take(LISTED) {
        m.open("li", &[]).link(&href, &text).close("li");
    }
    m.close("ul");
    more_line(m, t, total);
}

/// A section headed `title` (its `id` names the region for screen readers).
fn section(m: &mut Markup, id: &str, title: &str, hint: Option<&str>) {
    m.open("section", &[("aria-labelledby", id)])
        .element("h2", &[("id", id)], title);
    if let Some(hint) = hint {
        m.element("p", &[("class", "hint")], hint);
    }
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let this_year = RwSignal::new(false);
    let period = Memo::new(move |_| {
        if this_year.get() {
            Period::year(today_date(), 0)
        } else {
            Period::month(today_date(), 1)
        }
    });
    // Who could help with what: made once per directory and kept while the period changes
    // (the slowest part of the page over thousands of offers).
    let everyone = Memo::new(move |_| {
        state
            .directory
            .with(|d| reach(d, &CoverageFilter::default()))
    });
    view! {
        <section class="page board" aria-labelledby="board-title">
            <h1 id="board-title">{t.nav_board}</h1>
            <p>{t.board_intro}</p>
            <a href="/board/report" class="button">{t.report_open}</a>
            <div class="field">
                <label for="board-period">{t.board_period}</label>
                <select id="board-period" on:change=move |ev| this_year.set(event_target_value(&ev) == "year")>
                    <option value="month" selected=move || !this_year.get()>{t.board_last_month}</option>
                    <option value="year" selected=move || this_year.get()>{t.board_this_year}</option>
                </select>
            </div>
            <CoverageSection period everyone/>
            <div inner_html=move || state.directory.with(|d| everyone.with(|r| {
                let mut m = Markup::default();
                single_points_section(&mut m, t, d, r, &period.get());
                m.into_string()
            }))></div>
            <div inner_html=move || state.directory.with(|d| {
                let mut m = Markup::default();
                load_section(&mut m, t, d);
                m.into_string()
            })></div>
            <div inner_html=move || state.directory.with(|d| {
                let mut m = Markup::default();
                unmet_section(&mut m, t, d, &period.get());
                m.into_string()
            })></div>
            <div inner_html=move || state.directory.with(|d| {
                let mut m = Markup::default();
                trends_section(&mut m, t, d);
                m.into_string()
            })></div>
        </section>
    }
}

fn cell_class(cell: Cell) -> &'static str {
    match cell.helpers {
        0 if cell.asked > 0 => "coverage-gap",
        0 => "coverage-none",
        1 => "coverage-one",
        _ => "",
    }
}

#[component]
fn CoverageSection(period: Memo<Period>, everyone: Memo<Reach>) -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let district = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let part = RwSignal::new(String::new());
    let filter = Memo::new(move |_| CoverageFilter {
        district: Some(district.get()).filter(|d| !d.trim().is_empty()),
        day: Weekday::from_code(&day.get()),
        part: DayPart::from_code(&part.get()),
    });
    // Without a filter, the page's reach; with one, its own.
    let narrowed = Memo::new(move |_| {
        let filter = filter.get();
        (filter != CoverageFilter::default()).then(|| state.directory.with(|d| reach(d, &filter)))
    });
    let table = move || {
        let filter = filter.get();
        state.directory.with(|d| {
            let table = narrowed.with(|own| match own {
                Some(own) => coverage_of(d, own, &period.get()),
                None => everyone.with(|r| coverage_of(d, r, &period.get())),
            });
            let query = |category: &str, language: &str| {
                let mut href = format!("/helpers?category={category}&language={language}");
                for (key, value) in [
                    ("district", filter.district.clone().unwrap_or_default()),
                    ("day", day.get_untracked()),
                    ("part", part.get_untracked()),
                ] {
                    if !value.is_empty() {
                        href.push_str(&format!("&{key}={}", js_sys::encode_uri_component(&value)));
                    }
                }
                href
            };
            let names: Vec<String> = table
                .languages
                .iter()
                .map(|c| language_name(t, c))
                .collect();
            let mut head = vec![t.category_label.to_owned()];
            head.extend(names.iter().cloned());
            let rows =
                table
                    .categories
                    .iter()
                    .zip(&table.cells)
                    .map(|(category, row)| {
                        let label = category_label(t, d, category);
                        let cells = row.iter().zip(&table.languages).zip(&names).map(
                            |((cell, code), name)| {
                                let count = format_count(cell.helpers);
                                let label = Texts::fill(
                                    t.coverage_cell,
                                    &[("category", &label), ("language", name), ("count", &count)],
                                );
                                Figure {
                                    href: (cell.helpers > 0).then(|| query(category, code)),
                                    label: Some(label),
                                    class: cell_class(*cell),
                                    note: (cell.asked > 0).then(|| {
                                        Texts::fill(
                                            t.coverage_asked,
                                            &[("count", &format_count(cell.asked))],
                                        )
                                    }),
                                    ..Figure::text(count)
                                }
                            },
                        );
                        let cells: Vec<Figure> = cells.collect();
                        std::iter::once(Figure::text(label)).chain(cells).collect()
                    })
                    .collect::<Vec<Vec<Figure>>>();
            let mut m = Markup::default();
            figure_table(&mut m, "coverage", &head, &rows);
            m.into_string()
        })
    };
    view! {
        <section aria-labelledby="coverage-title">
            <h2 id="coverage-title">{t.coverage_title}</h2>
            <p class="hint">{t.coverage_hint}</p>
            <div class="filter-grid">
                <div class="field">
                    <label for="coverage-district">{t.district_label}</label>
                    <input id="coverage-district" type="text" list="coverage-districts" dir="auto"
                        bind:value=district/>
                    <datalist id="coverage-districts">
                        {DISTRICTS.iter().map(|d| view! { <option value=*d></option> }).collect_view()}
                    </datalist>
                </div>
                <div class="field">
                    <label for="coverage-day">{t.day_label}</label>
                    <select id="coverage-day" on:change=move |ev| day.set(event_target_value(&ev))>
                        <option value="">{t.any}</option>
                        {Weekday::ALL.iter().map(|d| view! { <option value=d.code()>{weekday_label(t, *d)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="coverage-part">{t.day_part_label}</label>
                    <select id="coverage-part" on:change=move |ev| part.set(event_target_value(&ev))>
                        <option value="">{t.any}</option>
                        {DayPart::ALL.iter().map(|p| view! { <option value=p.code()>{day_part_label(t, *p)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <div inner_html=table></div>
        </section>
    }
}

fn single_points_section(
    m: &mut Markup,
    t: &'static Texts,
    d: &Directory,
    everyone: &Reach,
    period: &Period,
) {
    let points = single_points_of(everyone, d, period);
    section(m, "single-title", t.single_title, Some(t.single_hint));
    if points.is_empty() {
        m.element("p", &[], t.single_none);
    }
    m.open("ul", &[("class", "board-list")]);
    for point in points.iter().take(20) {
        let category = category_label(t, d, &point.category);
        let what = match &point.within {
            Within::Language(code) => Texts::fill(
                t.single_language,
                &[
                    ("category", &category),
                    ("language", &language_name(t, code)),
                ],
            ),
            Within::District(district) => Texts::fill(
                t.single_district,
                &[("category", &category), ("district", district)],
            ),
        };
        m.open("li", &[])
            .element("span", &[("dir", "auto")], &what)
            .text(": ")
            .link(
                &format!("/members/{}", point.member_id),
                &member_name(d, &point.member_id),
            );
        if point.asked > 0 {
            let asked = Texts::fill(t.coverage_asked, &[("count", &format_count(point.asked))]);
            m.text(" · ").element("small", &[], &asked);
        }
        m.close("li");
    }
    m.close("ul").close("section");
}

fn load_section(m: &mut Markup, t: &'static Texts, d: &Directory) {
    let report = load(d, today_date());
    let head = [
        t.name_label,
        t.load_open,
        t.load_done_30,
        t.load_done_90,
        t.load_offered,
    ]
    .map(str::to_owned);
    let rows: Vec<Vec<Figure>> = report
        .helpers
        .iter()
        .filter(|h| h.current() > 0 || h.done_90 > 0)
        .take(LISTED)
        .map(|h| {
            let marks = [
                h.carries_more.then_some(t.load_carries_more),
                h.over_capacity.then_some(t.load_over_capacity),
            ];
            let name = Figure {
                badges: marks.into_iter().flatten().collect(),
                class: if h.carries_more || h.over_capacity {
                    "heavy"
                } else {
                    ""
                },
                ..Figure::text(member_name(d, &h.member_id))
                    .link(format!("/members/{}", h.member_id))
            };
            let counts = [h.open, h.done_30, h.done_90, h.offered_per_month];
            std::iter::once(name)
                .chain(counts.map(|n| Figure::text(format_count(n))))
                .collect()
        })
        .collect();
    section(m, "load-title", t.load_title, Some(t.load_hint));
    figure_table(m, "load", &head, &rows);
    if report.unused.is_empty() {
        m.element("h3", &[], t.unused_title)
            .element("p", &[], t.unused_none);
    } else {
        m.open("details", &[])
            .open("summary", &[])
            .open("h3", &[])
            .text(t.unused_title)
            .text(": ")
            .element("strong", &[], &format_count(report.unused.len()))
            .close("h3")
            .close("summary");
        let links = report
            .unused
            .iter()
            .map(|id| (format!("/members/{id}"), member_name(d, id)));
        link_list(m, t, report.unused.len(), links);
        m.close("details");
    }
    m.close("section");
}

fn unmet_section(m: &mut Markup, t: &'static Texts, d: &Directory, period: &Period) {
    let found = unmet(d, period, today_date());
    section(m, "unmet-title", t.unmet_title, None);
    m.element("h3", &[], t.unmet_waiting);
    let buckets = [t.unmet_week, t.unmet_month, t.unmet_longer];
    for (ids, label) in found.waiting.iter().zip(buckets) {
        m.open("details", &[])
            .open("summary", &[])
            .text(label)
            .text(": ")
            .element("strong", &[], &format_count(ids.len()))
            .close("summary");
        let links = ids
            .iter()
            .filter_map(|id| d.requests.get(id).map(|r| (id, r)))
            .map(|(id, r)| {
                let what = format!(
                    "{} – {}",
                    person_label(t, &r.person),
                    category_label(t, d, &r.category)
                );
                (format!("/requests/{id}"), what)
            });
        link_list(m, t, ids.len(), links);
        m.close("details");
    }
    m.element("h3", &[], t.unmet_without);
    if found.without_help.is_empty() {
        m.element("p", &[], t.unmet_without_none);
    } else {
        let head = [t.category_label, t.language_label, t.board_count].map(str::to_owned);
        let rows: Vec<Vec<Figure>> = found
            .without_help
            .iter()
            .map(|(category, language, count)| {
                let language = if language.is_empty() {
                    t.request_language_none.to_owned()
                } else {
                    language_name(t, language)
                };
                vec![
                    Figure::text(category_label(t, d, category)),
                    Figure::text(language),
                    Figure::text(format_count(*count)),
                ]
            })
            .collect();
        figure_table(m, "unmet", &head, &rows);
    }
    m.close("section");
}

/// How many kinds of help the trend chart names; the rest are drawn together.
const CHART_KINDS: usize = 4;

/// Twelve months as bars in a 240 x 100 box (each 16 wide, a gap of 4), each bar a stack of
/// parts (`kind-0`, `kind-1`, … from the bottom) – drawn by the app, no charting library.
fn bar_chart(
    m: &mut Markup,
    t: &'static Texts,
    what: &str,
    (first, last): (&str, &str),
    months: &[Vec<usize>],
) {
    let highest = months
        .iter()
        .map(|parts| parts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let label = Texts::fill(t.trends_chart, &[("what", what)]);
    m.open("figure", &[("class", "trend")])
        .open("figcaption", &[])
        .text(what)
        .text(" ")
        .element("small", &[], &format!("(max. {})", format_count(highest)))
        .close("figcaption")
        .open(
            "svg",
            &[
                ("class", "trends"),
                ("viewBox", "0 0 240 100"),
                ("role", "img"),
                ("aria-label", &label),
            ],
        )
        .open(
            "line",
            &[
                ("x1", "0"),
                ("y1", "95"),
                ("x2", "240"),
                ("y2", "95"),
                ("class", "trend-axis"),
            ],
        )
        .close("line");
    for (n, parts) in months.iter().enumerate() {
        let mut bottom = 95;
        for (part, value) in parts.iter().enumerate().filter(|(_, v)| **v > 0) {
            let height = (value * 90 / highest).max(1);
            bottom -= height;
            m.open(
                "rect",
                &[
                    ("x", &(n * 20 + 2).to_string()),
                    ("y", &bottom.to_string()),
                    ("width", "16"),
                    ("height", &height.to_string()),
                    ("class", &format!("trend-bar kind-{part}")),
                ],
            )
            .close("rect");
        }
    }
    m.close("svg")
        .open("div", &[("class", "trend-months"), ("aria-hidden", "true")])
        .element("span", &[], first)
        .element("span", &[], last)
        .close("div")
        .close("figure");
}

/// The twelve months as charts – requests by kind of help, share helped, days until a helper
/// was found, active helpers – and every figure in the table under them, for screen readers
/// and for print.
fn trends_section(m: &mut Markup, t: &'static Texts, d: &Directory) {
    let months = trends(d, today_date());
    let kinds = leading_kinds(&months, CHART_KINDS);
    let mut kind_names: Vec<String> = kinds.iter().map(|k| category_label(t, d, k)).collect();
    kind_names.push(t.trends_other.to_owned());
    section(m, "trends-title", t.trends_title, Some(t.trends_hint));
    m.open("div", &[("class", "trend-charts")]);
    let stacks: Vec<Vec<usize>> = months.iter().map(|month| month.stacked(&kinds)).collect();
    let names: Vec<String> = months
        .iter()
        .map(|month| format_month(month.period.start))
        .collect();
    let ends = (
        names.first().map_or("", String::as_str),
        names.last().map_or("", String::as_str),
    );
    // The chart by kind with its legend: one place in the grid of charts.
    m.open("div", &[]);
    bar_chart(m, t, t.trends_by_kind, ends, &stacks);
    m.open("ul", &[("class", "trend-legend")]);
    for (n, name) in kind_names.iter().enumerate() {
        m.open("li", &[])
            .element(
                "span",
                &[
                    ("class", &format!("swatch kind-{n}")),
                    ("aria-hidden", "true"),
                ],
                "",
            )
            .element("span", &[("dir", "auto")], name)
            .close("li");
    }
    m.close("ul").close("div");
    let single = |value: fn(&Month) -> usize| -> Vec<Vec<usize>> {
        months.iter().map(|month| vec![value(month)]).collect()
    };
    bar_chart(
        m,
        t,
        t.trends_helped,
        ends,
        &single(|m| m.helped_percent.unwrap_or(0) as usize),
    );
    bar_chart(
        m,
        t,
        t.trends_wait,
        ends,
        &single(|m| m.median_days_to_helper.unwrap_or(0).max(0) as usize),
    );
    bar_chart(m, t, t.trends_helpers, ends, &single(|m| m.active_helpers));
    m.close("div");
    let dash = || "–".to_owned();
    let mut head = vec![t.trends_month.to_owned()];
    head.extend(kind_names);
    head.extend(
        [
            t.trends_requests,
            t.trends_helped,
            t.trends_wait,
            t.trends_helpers,
        ]
        .map(str::to_owned),
    );
    let rows: Vec<Vec<Figure>> = months
        .iter()
        .zip(stacks)
        .zip(&names)
        .map(|((month, stack), name)| {
            let mut row = vec![Figure::text(name.as_str())];
            row.extend(stack.into_iter().map(|n| Figure::text(format_count(n))));
            row.extend(
                [
                    format_count(month.requests),
                    month
                        .helped_percent
                        .map_or_else(dash, |p| format!("{} %", format_count(p as usize))),
                    month
                        .median_days_to_helper
                        .map_or_else(dash, |days| format_count(days.max(0) as usize)),
                    format_count(month.active_helpers),
                ]
                .map(Figure::text),
            );
            row
        })
        .collect();
    figure_table(m, "trends-table", &head, &rows);
    m.close("section");
}
