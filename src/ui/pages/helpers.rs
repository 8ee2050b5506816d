//! "Who can help?": search by name or skill, filter by category, language, district and day.

use crate::domain::calendar::{DayPart, Weekday};
use crate::domain::catalog::DISTRICTS;
use crate::domain::directory::Directory;
use crate::domain::search::{everyone, Filter, HelperQuery, Matches};
use crate::i18n::{texts, Texts};
use crate::ui::parts::choice_options::{category_options, language_options};
use crate::ui::parts::when_loaded::WhenReadable;
use crate::ui::state::app_state::{use_app_state, StorageStatus};
use crate::ui::state::search_index::{use_built_search_index, use_search_index, SharedIndex};
use crate::ui::text::labels::{category_label, day_part_label, language_with_level, weekday_label};
use crate::ui::text::locale_format::{format_count, format_list};
use leptos::prelude::*;

/// Results shown at once (three phone screens); more are counted and narrowed down by typing.
/// Every keystroke may replace all of them, so fewer cards is a faster keystroke.
const SHOWN: usize = 12;
/// How many more each "show more" adds: a coordinator can browse every member.
const MORE: usize = 48;

fn some(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// The helper directory with search and filters.
#[component]
pub fn HelpersPage() -> impl IntoView {
    let t = texts();
    let state = use_app_state();
    let index = use_search_index();
    let built_index = use_built_search_index();
    // A link can set the filters (the board's figures lead here): /helpers?language=prs …
    let asked = leptos_router::hooks::use_query_map().get_untracked();
    let from_link = |key: &str| asked.get(key).unwrap_or_default();
    let text = RwSignal::new(String::new());
    let category = RwSignal::new(from_link("category"));
    let language = RwSignal::new(from_link("language"));
    let district = RwSignal::new(from_link("district"));
    let day = RwSignal::new(from_link("day"));
    let part = RwSignal::new(from_link("part"));
    let previous = StoredValue::new(None::<(SharedIndex, Matches)>);
    let query = Memo::new(move |_| HelperQuery {
        text: text.get(),
        category: some(category.get()),
        language: some(language.get()),
        district: some(district.get()),
        day: Weekday::from_code(&day.get()),
        part: DayPart::from_code(&part.get()),
    });
    // "Show more" pressed this many times for this query; another query starts again with
    // the first few (a keystroke redraws every card shown).
    let more = RwSignal::new(0usize);
    Effect::new(move |_| {
        query.track();
        // Only when it changes: setting it notifies, and every keystroke would search and
        // redraw the cards twice.
        if more.get_untracked() != 0 {
            more.set(0);
        }
    });
    let limit = move || SHOWN + more.get() * MORE;
    let results = Memo::new(move |_| {
        let query = query.get();
        let limit = limit();
        if query.is_everyone() {
            previous.set_value(None);
            let revision = state.directory.with(|d| d.people_revision());
            // Once built, the index has everyone in name order already; before (opening the
            // page), the names are sorted from the directory.
            return match built_index(revision) {
                Some(index) => index.0.first(limit),
                None => state.directory.with(|d| everyone(d, limit)),
            };
        }
        let Some(index) = index.map(|index| index.get()) else {
            return Default::default();
        };
        // The matches of the last keystroke, kept to search only within them when typing on.
        // Taken, not copied: it is replaced by this keystroke's matches below.
        let earlier = previous
            .try_update_value(Option::take)
            .flatten()
            .filter(|(i, _)| *i == index)
            .map(|(_, m)| m);
        let matches = index.0.find(&query, earlier.as_ref());
        let shown = (matches.top(&index.0, limit), matches.total());
        previous.set_value(Some((index, matches)));
        shown
    });
    // What each card shows. Read again when the people change (their offers arrive after
    // opening, a sync brings an edit) and when a conflict mark comes or goes.
    let cards = Memo::new(move |_| {
        let hits = results.get().0;
        state.directory.with(|d| {
            state.conflicts.with(|conflicts| {
                hits.iter()
                    .filter_map(|hit| {
                        let conflicted = conflicts.contains(&hit.member_id);
                        CardText::of(d, t, &hit.member_id, conflicted)
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let select = move |signal: RwSignal<String>| move |ev| signal.set(event_target_value(&ev));
    // Nobody found: which filter to drop finds someone, and how many.
    let loosen = Memo::new(move |_| {
        if results.with(|(_, total)| *total > 0) {
            return Vec::new();
        }
        let query = query.get();
        match index.map(|index| index.get()) {
            Some(index) if !query.is_everyone() => index.0.loosen(&query),
            _ => Vec::new(),
        }
    });
    let drop_filter = move |filter: Filter| match filter {
        Filter::Text => text.set(String::new()),
        Filter::Category => category.set(String::new()),
        Filter::Language => language.set(String::new()),
        Filter::District => district.set(String::new()),
        Filter::Time => {
            day.set(String::new());
            part.set(String::new());
        }
    };
    let filter_name = move |filter: Filter| match filter {
        Filter::Text => t.search_text_label,
        Filter::Category => t.category_label,
        Filter::Language => t.language_label,
        Filter::District => t.district_label,
        Filter::Time => t.time_label,
    };
    // The list opens without the index; the index is built just after the complete list
    // has been drawn (and again after the people change), ready for the first letter typed.
    // Not before everything is read: the members come first, their offers a moment later,
    // and the list with them is already on screen when this runs.
    Effect::new(move |_| {
        state.directory.with(|d| d.people_revision());
        if state.storage.get() != StorageStatus::Ready {
            return;
        }
        if let Some(index) = index {
            set_timeout(
                move || {
                    let _ = index.try_get_untracked();
                },
                std::time::Duration::from_millis(100),
            );
        }
    });

    // How many filters beyond the search box are set (what the folded summary says).
    let chosen = move || {
        [category, language, district, day, part]
            .iter()
            .filter(|f| f.with(|v| !v.is_empty()))
            .count()
    };
    // Open where there is room (a laptop); on a phone the results come first.
    let filters_open = chosen() > 0
        || web_sys::window()
            .and_then(|w| w.match_media("(min-width: 48rem)").ok().flatten())
            .is_some_and(|query| query.matches());

    view! {
        <section class="page" aria-labelledby="helpers-title">
            <div class="page-head">
                <h1 id="helpers-title">{t.helpers_title}</h1>
                <a href="/members/new" class="button">{t.add_member}</a>
            </div>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="helper-search">{t.search_label}</label>
                    <input id="helper-search" type="search" dir="auto" autocomplete="off" placeholder=t.search_placeholder
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
                <details class="more-filters" prop:open=filters_open>
                <summary>
                    <span>{t.filters_more}</span>
                    {move || (chosen() > 0).then(|| view! {
                        <span class="badge">{Texts::fill(t.filters_chosen, &[("count", &format_count(chosen()))])}</span>
                    })}
                </summary>
                <div class="filter-grid">
                    <div class="field">
                        <label for="filter-category">{t.category_label}</label>
                        <select id="filter-category" prop:value=move || category.get() on:change=select(category)>
                            <option value="">{t.any}</option>
                            {category_options(category.into())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-language">{t.language_label}</label>
                        <select id="filter-language" prop:value=move || language.get() on:change=select(language)>
                            <option value="">{t.any}</option>
                            {language_options(language.into())}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-district">{t.district_label}</label>
                        <input id="filter-district" type="text" list="districts" dir="auto" prop:value=move || district.get()
                            on:input=move |ev| district.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="filter-day">{t.day_label}</label>
                        <select id="filter-day" prop:value=move || day.get() on:change=select(day)>
                            <option value="">{t.any}</option>
                            {Weekday::ALL.iter().map(|d| view! { <option value=d.code()>{weekday_label(t, *d)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="filter-part">{t.day_part_label}</label>
                        <select id="filter-part" prop:value=move || part.get() on:change=select(part)>
                            <option value="">{t.any}</option>
                            {DayPart::ALL.iter().map(|p| view! { <option value=p.code()>{day_part_label(t, *p)}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                </details>
                <datalist id="districts">
                    {DISTRICTS.iter().map(|d| view! { <option value=*d></option> }).collect_view()}
                </datalist>
            </form>
            <WhenReadable>
            <p role="status" class="result-count">
                {move || {
                    let (hits, total) = results.get();
                    let shown = format_count(hits.len());
                    let total_text = format_count(total);
                    if total > hits.len() {
                        Texts::fill(t.results_more, &[("shown", &shown), ("total", &total_text)])
                    } else {
                        Texts::fill(t.results_count, &[("count", &total_text)])
                    }
                }}
            </p>
            <Show when=move || !loosen.with(Vec::is_empty)>
                <div class="card loosen">
                    <p>{t.loosen_intro}</p>
                    <ul class="chips">
                        {move || loosen.get().into_iter().map(|(filter, count)| {
                            let label = Texts::fill(t.loosen_without, &[("filter", filter_name(filter)), ("count", &format_count(count))]);
                            view! { <li><button type="button" class="button-secondary" on:click=move |_| drop_filter(filter)>{label}</button></li> }
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <ul class="result-list" aria-label=t.results_label>
                {move || (0..limit()).map(|place| view! { <HelperCard place cards/> }).collect_view()}
            </ul>
            {move || {
                let (hits, total) = results.get();
                (total > hits.len()).then(|| {
                    let label = Texts::fill(t.show_more, &[("count", &format_count(MORE.min(total - hits.len())))]);
                    view! { <button type="button" class="button-secondary show-more" on:click=move |_| more.update(|m| *m += 1)>{label}</button> }
                })
            }}
            </WhenReadable>
        </section>
    }
}

/// What one result card says.
#[derive(Clone, Debug, Default, PartialEq)]
struct CardText {
    member_id: String,
    name: String,
    conflicted: bool,
    languages: String,
    district: String,
    offers: String,
}

impl CardText {
    fn of(d: &Directory, t: &'static Texts, member_id: &str, conflicted: bool) -> Option<Self> {
        let member = d.members.get(member_id)?;
        Some(CardText {
            member_id: member.id.clone(),
            name: member.name.clone(),
            conflicted,
            languages: format_list(member.languages.iter().map(|l| language_with_level(t, l))),
            district: member.district.clone(),
            offers: format_list(
                d.offers_of(&member.id)
                    .filter(|o| o.active)
                    .map(|o| category_label(t, d, &o.category)),
            ),
        })
    }
}

/// The result card in place `place` (0 = first), hidden while there are fewer results. The cards stay and
/// only their texts change as the results do: a keystroke that brings other people updates
/// a few text nodes per card instead of building twelve cards and removing twelve.
#[component]
fn HelperCard(place: usize, cards: Memo<Vec<CardText>>) -> impl IntoView {
    let t = texts();
    let card = Memo::new(move |_| cards.with(|cards| cards.get(place).cloned()));
    let text = move |field: fn(&CardText) -> &String| {
        move || card.with(|c| c.as_ref().map(|c| field(c).clone()).unwrap_or_default())
    };
    view! {
        <li class="card result" hidden=move || card.with(Option::is_none)>
            <a href=move || card.with(|c| c.as_ref().map(|c| format!("/members/{}", c.member_id)))
                dir="auto">{text(|c| &c.name)}</a>
            {move || card.with(|c| c.as_ref().is_some_and(|c| c.conflicted))
                .then(|| view! { <span class="badge badge-warning">{t.conflict_badge}</span> })}
            <p class="meta">{text(|c| &c.languages)}</p>
            <p class="meta" dir="auto">{text(|c| &c.district)}</p>
            <p class="meta">{text(|c| &c.offers)}</p>
        </li>
    }
}
