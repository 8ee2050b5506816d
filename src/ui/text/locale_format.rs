//! Dates, times and numbers written the way the chosen language writes them, by the browser's
//! `Intl` (no locale data in the app). Formatters are built once per language and reused:
//! building one costs far more than using it, and lists format hundreds of dates.

use crate::domain::byte_size::ByteAmount;
use crate::domain::calendar::Date;
use crate::i18n::plural::plural_form;
use crate::i18n::{texts, Texts};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type DateTimeFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "DateTimeFormat")]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "NumberFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "NumberFormat", js_name = format)]
    fn format_number(this: &NumberFormat, value: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = ListFormat)]
    type ListFormat;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "ListFormat")]
    fn new(locale: &str, options: &JsValue) -> Result<ListFormat, JsValue>;
    #[wasm_bindgen(method, js_class = "ListFormat", js_name = format)]
    fn format_list(this: &ListFormat, items: &js_sys::Array) -> String;

    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type PluralRules;
    #[wasm_bindgen(catch, constructor, js_namespace = Intl, js_class = "PluralRules")]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method, js_class = "PluralRules")]
    fn select(this: &PluralRules, count: f64) -> String;
}

/// The formatters of one language.
struct Formatters {
    locale: &'static str,
    date: Option<DateTimeFormat>,
    weekday_date: Option<DateTimeFormat>,
    weekday_date_time: Option<DateTimeFormat>,
    time: Option<DateTimeFormat>,
    number: Option<NumberFormat>,
    list: Option<ListFormat>,
    plural: Option<PluralRules>,
}

thread_local! {
    static CACHE: RefCell<Option<Formatters>> = const { RefCell::new(None) };
}

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object.into()
}

fn date_format(locale: &str, pairs: &[(&str, &str)]) -> Option<DateTimeFormat> {
    DateTimeFormat::new(locale, &options(pairs)).ok()
}

fn with_formatters<R>(use_them: impl FnOnce(&Formatters) -> R) -> R {
    let locale = texts().locale;
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.as_ref().is_some_and(|f| f.locale != locale) {
            *cache = None;
        }
        use_them(cache.get_or_insert_with(|| build(locale)))
    })
}

fn build(locale: &'static str) -> Formatters {
    // Gregorian in every language (Persian would default to the Solar Hijri calendar): the
    // dates are appointments and deadlines in Germany, as printed on the letters people bring.
    let dates = format!("{locale}-u-ca-gregory");
    // Month as a word: "3 Apr" cannot be read as March 4th in any language.
    let day = [("day", "numeric"), ("month", "short"), ("year", "numeric")];
    Formatters {
        locale,
        date: date_format(&dates, &day),
        weekday_date: date_format(&dates, &[&[("weekday", "short")][..], &day].concat()),
        weekday_date_time: date_format(
            &dates,
            &[
                &[("weekday", "short")][..],
                &day,
                &[("hour", "2-digit"), ("minute", "2-digit")],
            ]
            .concat(),
        ),
        time: date_format(&dates, &[("hour", "2-digit"), ("minute", "2-digit")]),
        number: NumberFormat::new(locale, &JsValue::UNDEFINED).ok(),
        list: ListFormat::new(locale, &options(&[("type", "conjunction")])).ok(),
        plural: PluralRules::new(locale).ok(),
    }
}

fn js_date(date: Date, hour: u32, minute: u32) -> js_sys::Date {
    js_sys::Date::new_with_year_month_day_hr_min(
        date.year as u32,
        date.month as i32 - 1,
        date.day as i32,
        hour as i32,
        minute as i32,
    )
}

/// "25. Nov. 2026", "25 Nov 2026", "٢٥ نوفمبر ٢٠٢٦" ...
pub fn format_date(date: Date) -> String {
    with_formatters(|f| match &f.date {
        Some(format) => format.format(&js_date(date, 12, 0)),
        None => date.to_string(),
    })
}

/// "November 2026", "نوفمبر ٢٠٢٦" … (a report's month).
pub fn format_month(date: Date) -> String {
    let locale = format!("{}-u-ca-gregory", texts().locale);
    match date_format(&locale, &[("month", "long"), ("year", "numeric")]) {
        Some(format) => format.format(&js_date(date, 12, 0)),
        None => format!("{}-{:02}", date.year, date.month),
    }
}

/// An appointment: the date with its weekday, and the time of day when one was given as
/// "HH:MM" (a time in any other shape is appended as it was typed).
pub fn format_appointment(date: Date, time: &str) -> String {
    let parsed = time
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(h, m)| *h < 24 && *m < 60);
    with_formatters(|f| match (&f.weekday_date_time, &f.weekday_date, parsed) {
        (Some(format), _, Some((hour, minute))) => format.format(&js_date(date, hour, minute)),
        (_, Some(format), None) if time.trim().is_empty() => format.format(&js_date(date, 12, 0)),
        (_, Some(format), None) => format!("{} {time}", format.format(&js_date(date, 12, 0))),
        _ => format!("{date} {time}").trim_end().to_owned(),
    })
}

/// A moment given in Unix seconds, with weekday and time of day in this device's time zone
/// (when an invitation ends, say).
pub fn format_moment(unix_seconds: i64) -> String {
    let moment = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    with_formatters(|f| match &f.weekday_date_time {
        Some(format) => format.format(&moment),
        None => String::from(moment.to_iso_string()),
    })
}

/// A count: "5.000", "5,000", "٥٬٠٠٠", "۵٬۰۰۰" ...
pub fn format_count(count: usize) -> String {
    with_formatters(|f| match &f.number {
        Some(format) => format.format_number(count as f64),
        None => count.to_string(),
    })
}

/// A text about `count` things in the form the language's grammar asks for ("1 Änderung
/// wartet", "3 Änderungen warten", "تغييران"): the template's forms (see `i18n::plural`)
/// chosen by the browser's plural rules, `{count}` written as `format_count` writes it.
pub fn format_counted(template: &str, count: usize) -> String {
    let category = with_formatters(|f| match &f.plural {
        Some(rules) => rules.select(count as f64),
        None if count == 1 => "one".to_owned(),
        None => "other".to_owned(),
    });
    Texts::fill(
        plural_form(template, &category),
        &[("count", &format_count(count))],
    )
}

/// "1,2 MB", "1.2 MB", "١٫٢ ميغابايت" ...
pub fn format_bytes(amount: ByteAmount) -> String {
    let locale = texts().locale;
    let unit_options = options(&[("style", "unit"), ("unit", amount.unit)]);
    match NumberFormat::new(locale, &unit_options) {
        Ok(format) => format.format_number(amount.value),
        Err(_) => format!("{} {}", amount.value, amount.unit),
    }
}

/// "Arabisch, Dari und Deutsch", "العربية والدرية والألمانية" ...
pub fn format_list(items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    with_formatters(|f| match &f.list {
        Some(format) => {
            let array: js_sys::Array = items.iter().map(|item| JsValue::from_str(item)).collect();
            format.format_list(&array)
        }
        None => items.join(", "),
    })
}

/// A time of day given as "…THH:MM" or "HH:MM": "10:42", "10:42 AM", "۱۰:۴۲" …
pub fn format_time_of_day(text: &str) -> String {
    let time = text.rsplit('T').next().unwrap_or(text);
    let parsed = time
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<i32>().ok()?, m.parse::<i32>().ok()?)));
    with_formatters(|f| match (&f.time, parsed) {
        (Some(format), Some((hour, minute))) => format.format(
            &js_sys::Date::new_with_year_month_day_hr_min(2026, 0, 1, hour, minute),
        ),
        _ => time.to_owned(),
    })
}
