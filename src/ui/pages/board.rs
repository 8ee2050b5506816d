//! /board, "Überblick": the board's view of the organisation from the data on this device –
//! coverage, what rests on one person, who carries how much, what went unmet. Every figure is
//! computed by `domain::board` and leads to the records behind it; tables carry the numbers.

use crate::domain::board::coverage::{coverage, Cell, CoverageFilter};
use crate::domain::board::load::load;
use crate::domain::board::period::Period;
use crate::domain::board::single_points::{single_points, Within};
use crate::domain::board::trends::trends;
use crate::domain::board::unmet::unmet;
use crate::domain::calendar::{DayPart, Weekday};
use crate::domain::catalog::DISTRICTS;
use crate::domain::directory::Directory;
use crate::i18n::{texts, Texts};
use crate::ui::state::app_state::{today_date, use_app_state};
use crate::ui::text::labels::{category_label, day_part_label, language_name, weekday_label};
use crate::ui::text::locale_format::{format_count, format_month};
use leptos::prelude::*;
use leptos_router::components::A;

/// How many names a list shows: a large organisation has thousands of members who were never
/// asked, and drawing every one would make the page slow to open (the count says how many).
const LISTED: usize = 30;

/// "… und 970 weitere" under a list cut at `LISTED`.
fn more_line(t: &'static Texts, total: usize) -> Option<impl IntoView> {
    (total > LISTED).then(|| {
        view! { <p class="hint">{Texts::fill(t.board_more, &[("count", &format_count(total - LISTED))])}</p> }
    })
}

fn member_name(d: &Directory, id: &str) -> String {
    d.members
        .get(id)
        .map_or_else(|| id.to_owned(), |m| m.name.clone())
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
    view! {
        <section class="page board" aria-labelledby="board-title">
            <h1 id="board-title">{t.nav_board}</h1>
            <p>{t.board_intro}</p>
            <A href="/board/report" {..} class="button">{t.report_open}</A>
            <div class="field">
                <label for="board-period">{t.board_period}</label>
                <select id="board-period" on:change=move |ev| this_year.set(event_target_value(&ev) == "year")>
                    <option value="month" selected=move || !this_year.get()>{t.board_last_month}</option>
                    <option value="year" selected=move || this_year.get()>{t.board_this_year}</option>
                </select>
            </div>
            <CoverageSection period/>
            {move || state.directory.with(|d| single_points_section(t, d, &period.get()))}
            {move || state.directory.with(|d| load_section(t, d))}
            {move || state.directory.with(|d| unmet_section(t, d, &period.get()))}
            {move || state.directory.with(|d| trends_section(t, d))}
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
fn CoverageSection(period: Memo<Period>) -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let district = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let part = RwSignal::new(String::new());
    let filter = move || CoverageFilter {
        district: Some(district.get()).filter(|d| !d.trim().is_empty()),
        day: Weekday::from_code(&day.get()),
        part: DayPart::from_code(&part.get()),
    };
    let table = move || {
        let filter = filter();
        state.directory.with(|d| {
            let table = coverage(d, &period.get(), &filter);
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
            let names: Vec<String> = table.languages.iter().map(|c| language_name(t, c)).collect();
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="coverage">
                        <thead>
                            <tr>
                                <th scope="col">{t.category_label}</th>
                                {names.iter().map(|n| view! { <th scope="col">{n.clone()}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {table.categories.iter().zip(&table.cells).map(|(category, row)| {
                                let label = category_label(t, d, category);
                                view! {
                                    <tr>
                                        <th scope="row">{label.clone()}</th>
                                        {row.iter().zip(&table.languages).zip(&names).map(|((cell, code), name)| {
                                            let count = format_count(cell.helpers);
                                            let asked = (cell.asked > 0).then(|| Texts::fill(t.coverage_asked, &[("count", &format_count(cell.asked))]));
                                            let described = Texts::fill(t.coverage_cell, &[("category", &label), ("language", name), ("count", &count)]);
                                            let figure = if cell.helpers > 0 {
                                                view! { <A href=query(category, code) attr:aria-label=described>{count}</A> }.into_any()
                                            } else {
                                                view! { <span>{count}</span> }.into_any()
                                            };
                                            view! {
                                                <td class=cell_class(*cell)>
                                                    {figure}
                                                    {asked.map(|a| view! { <small>{a}</small> })}
                                                </td>
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
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
            {table}
        </section>
    }
}

fn single_points_section(t: &'static Texts, d: &Directory, period: &Period) -> impl IntoView {
    let points = single_points(d, period);
    let items = points
        .iter()
        .take(20)
        .map(|point| {
            let category = category_label(t, d, &point.category);
            let what = match &point.within {
                Within::Language(code) => Texts::fill(
                    t.single_language,
                    &[("category", &category), ("language", &language_name(t, code))],
                ),
                Within::District(district) => Texts::fill(
                    t.single_district,
                    &[("category", &category), ("district", district)],
                ),
            };
            let asked = (point.asked > 0)
                .then(|| Texts::fill(t.coverage_asked, &[("count", &format_count(point.asked))]));
            let name = member_name(d, &point.member_id);
            view! {
                <li>
                    <span dir="auto">{what}</span>": "
                    <A href=format!("/members/{}", point.member_id)><span dir="auto">{name}</span></A>
                    {asked.map(|a| view! { " · " <small>{a}</small> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="single-title">
            <h2 id="single-title">{t.single_title}</h2>
            <p class="hint">{t.single_hint}</p>
            {points.is_empty().then(|| view! { <p>{t.single_none}</p> })}
            <ul class="board-list">{items}</ul>
        </section>
    }
}

fn load_section(t: &'static Texts, d: &Directory) -> impl IntoView {
    let report = load(d, today_date());
    let rows = report
        .helpers
        .iter()
        .filter(|h| h.current() > 0 || h.done_90 > 0)
        .take(30)
        .map(|h| {
            let marks = [
                h.carries_more.then_some(t.load_carries_more),
                h.over_capacity.then_some(t.load_over_capacity),
            ];
            let name = member_name(d, &h.member_id);
            view! {
                <tr class:heavy=h.carries_more || h.over_capacity>
                    <th scope="row">
                        <A href=format!("/members/{}", h.member_id)><span dir="auto">{name}</span></A>
                        {marks.into_iter().flatten().map(|m| view! { <span class="badge badge-warning">{m}</span> }).collect_view()}
                    </th>
                    <td>{format_count(h.open)}</td>
                    <td>{format_count(h.done_30)}</td>
                    <td>{format_count(h.done_90)}</td>
                    <td>{format_count(h.offered_per_month)}</td>
                </tr>
            }
        })
        .collect_view();
    let unused = report
        .unused
        .iter()
        .take(LISTED)
        .map(|id| {
            let name = member_name(d, id);
            view! { <li><A href=format!("/members/{id}")><span dir="auto">{name}</span></A></li> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="load-title">
            <h2 id="load-title">{t.load_title}</h2>
            <p class="hint">{t.load_hint}</p>
            <div class="table-scroll" tabindex="0">
                <table class="load">
                    <thead>
                        <tr>
                            <th scope="col">{t.name_label}</th>
                            <th scope="col">{t.load_open}</th>
                            <th scope="col">{t.load_done_30}</th>
                            <th scope="col">{t.load_done_90}</th>
                            <th scope="col">{t.load_offered}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {if report.unused.is_empty() {
                view! { <h3>{t.unused_title}</h3> <p>{t.unused_none}</p> }.into_any()
            } else {
                view! {
                    <details>
                        <summary><h3>{t.unused_title}": "<strong>{format_count(report.unused.len())}</strong></h3></summary>
                        <ul class="board-list">{unused}</ul>
                        {more_line(t, report.unused.len())}
                    </details>
                }.into_any()
            }}
        </section>
    }
}

fn unmet_section(t: &'static Texts, d: &Directory, period: &Period) -> impl IntoView {
    let found = unmet(d, period, today_date());
    let buckets = [t.unmet_week, t.unmet_month, t.unmet_longer];
    let waiting = found
        .waiting
        .iter()
        .zip(buckets)
        .map(|(ids, label)| {
            let links = ids
                .iter()
                .take(LISTED)
                .filter_map(|id| d.requests.get(id).map(|r| (id, r)))
                .map(|(id, r)| {
                    let what = format!("{} – {}", r.person, category_label(t, d, &r.category));
                    view! { <li><A href=format!("/requests/{id}")><span dir="auto">{what}</span></A></li> }
                })
                .collect_view();
            view! {
                <details>
                    <summary>{label}": "<strong>{format_count(ids.len())}</strong></summary>
                    <ul class="board-list">{links}</ul>
                    {more_line(t, ids.len())}
                </details>
            }
        })
        .collect_view();
    let without = found
        .without_help
        .iter()
        .map(|(category, language, count)| {
            let language = if language.is_empty() {
                t.request_language_none.to_owned()
            } else {
                language_name(t, language)
            };
            view! {
                <tr>
                    <th scope="row">{category_label(t, d, category)}</th>
                    <td>{language}</td>
                    <td>{format_count(*count)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="unmet-title">
            <h2 id="unmet-title">{t.unmet_title}</h2>
            <h3>{t.unmet_waiting}</h3>
            {waiting}
            <h3>{t.unmet_without}</h3>
            {found.without_help.is_empty().then(|| view! { <p>{t.unmet_without_none}</p> })}
            {(!found.without_help.is_empty()).then(|| view! {
                <div class="table-scroll" tabindex="0">
                <table class="unmet">
                    <thead>
                        <tr>
                            <th scope="col">{t.category_label}</th>
                            <th scope="col">{t.language_label}</th>
                            <th scope="col">{t.board_count}</th>
                        </tr>
                    </thead>
                    <tbody>{without}</tbody>
                </table>
                </div>
            })}
        </section>
    }
}

/// Requests per month as bars drawn by the app (no charting library), and every figure of the
/// twelve months in the table under it – for screen readers and for print.
fn trends_section(t: &'static Texts, d: &Directory) -> impl IntoView {
    let months = trends(d, today_date());
    let highest = months.iter().map(|m| m.requests).max().unwrap_or(0).max(1);
    // 12 bars in a 240 x 100 box, each 16 wide with a gap of 4.
    let bars = months
        .iter()
        .enumerate()
        .map(|(n, month)| {
            let height = (month.requests * 90 / highest).max(usize::from(month.requests > 0));
            let x = (n * 20 + 2).to_string();
            let y = (95 - height).to_string();
            view! { <rect x=x y=y width="16" height=height.to_string() class="trend-bar"></rect> }
        })
        .collect_view();
    let dash = || "–".to_owned();
    let rows = months
        .iter()
        .map(|month| {
            view! {
                <tr>
                    <th scope="row">{format_month(month.period.start)}</th>
                    <td>{format_count(month.requests)}</td>
                    <td>{month.helped_percent.map_or_else(dash, |p| format!("{} %", format_count(p as usize)))}</td>
                    <td>{month.median_days_to_helper.map_or_else(dash, |days| format_count(days.max(0) as usize))}</td>
                    <td>{format_count(month.active_helpers)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="trends-title">
            <h2 id="trends-title">{t.trends_title}</h2>
            <p class="hint">{t.trends_hint}</p>
            <svg class="trends" viewBox="0 0 240 100" role="img" aria-label=t.trends_chart>
                <line x1="0" y1="95" x2="240" y2="95" class="trend-axis"></line>
                {bars}
            </svg>
            <div class="table-scroll" tabindex="0">
                <table class="trends-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.trends_month}</th>
                            <th scope="col">{t.trends_requests}</th>
                            <th scope="col">{t.trends_helped}</th>
                            <th scope="col">{t.trends_wait}</th>
                            <th scope="col">{t.trends_helpers}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
