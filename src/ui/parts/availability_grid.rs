//! Weekday x part-of-day checkboxes for "usually available".

use crate::domain::calendar::{DayPart, Slot, Weekday};
use crate::i18n::texts;
use crate::ui::parts::form::Part;
use crate::ui::text::labels::{day_part_label, slot_label, weekday_label};
use leptos::prelude::*;

/// A grid of 7 x 3 checkboxes bound to `selected`; each has a full accessible name
/// ("Dienstag vormittags") while the grid shows short headers.
#[component]
pub fn AvailabilityGrid(selected: Part<Vec<Slot>>, legend: &'static str) -> impl IntoView {
    let t = texts();
    view! {
        <fieldset class="availability">
            <legend>{legend}</legend>
            <div class="grid-frame">
            <table>
                <thead>
                    <tr>
                        <td></td>
                        {DayPart::ALL.iter().map(|part| view! { <th scope="col">{day_part_label(t, *part)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {Weekday::ALL.iter().map(|day| {
                        let day = *day;
                        view! {
                            <tr>
                                <th scope="row">{weekday_label(t, day)}</th>
                                {DayPart::ALL.iter().map(|part| {
                                    let slot = Slot { day, part: *part };
                                    view! {
                                        // The label makes the whole 44 px cell the touch target.
                                        <td><label class="slot-target">
                                            <input
                                                type="checkbox"
                                                aria-label=slot_label(t, slot)
                                                prop:checked=move || selected.with(|s| s.contains(&slot))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    selected.update(|s| {
                                                        s.retain(|x| *x != slot);
                                                        if on {
                                                            s.push(slot);
                                                        }
                                                    });
                                                }
                                            />
                                        </label></td>
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </fieldset>
    }
}
