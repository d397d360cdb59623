//! Dutch dates in running text: `13 april 2026`, `1 januari 2024`, `4 december 2020`.
//! Only full dates (day, month name, year) count: `15 april jl.` and `juli 2022` name no
//! day of a known year.

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Month};

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,2})(?:e|ste|de)?\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan\.|feb\.|febr\.|mrt\.|apr\.|jun\.|jul\.|aug\.|sep\.|sept\.|okt\.|nov\.|dec\.)\s*(\d{4})\b",
    )
    .expect("valid regex")
});

/// Every full date in `text`, in order of appearance; impossible ones (`31 februari`) are
/// skipped.
pub(crate) fn find_all(text: &str) -> impl Iterator<Item = Date> + '_ {
    FULL_DATE.captures_iter(text).filter_map(|caps| {
        let day: u8 = caps.get(1)?.as_str().parse().ok()?;
        let month = month(caps.get(2)?.as_str())?;
        let year: i32 = caps.get(3)?.as_str().parse().ok()?;
        Date::from_calendar_date(year, month, day).ok()
    })
}

/// Words before a date that put it in the future of the letter: `per 1 september 2026`,
/// `vanaf`, `met ingang van`, `uiterlijk`, `tot`.
static FUTURE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:per|vanaf|m\.i\.v\.|met ingang van|uiterlijk|tot|tot en met|t/m|voor)\s*$").expect("valid regex"));

/// The latest full date the text mentions as past or present, for a letter that states no
/// date of its own. Dates announced as future (`per 1 september 2026`) are left out: a
/// letter can only refer back to dates up to its own.
pub(crate) fn latest_mentioned(text: &str) -> Option<Date> {
    FULL_DATE
        .captures_iter(text)
        .filter(|caps| caps.get(0).is_some_and(|m| !announced_as_future(&text[..m.start()])))
        .filter_map(|caps| first(caps.get(0)?.as_str()))
        .max()
}

/// True when `before` (the text up to a date) ends in a [`FUTURE_MARKER`]. Only its last
/// few bytes are matched: an end-anchored regex run on the whole prefix scans all of it,
/// once per date, which made a long letter quadratic (100 MB took minutes).
fn announced_as_future(before: &str) -> bool {
    // The longest marker, `met ingang van`, is 14 bytes; 32 also leaves room for the
    // character before it, which `\b` looks at.
    const WINDOW: usize = 32;
    let before = before.trim_end();
    let mut from = before.len().saturating_sub(WINDOW);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    FUTURE_MARKER.is_match(&before[from..])
}

/// The first full date in `text`.
pub(crate) fn first(text: &str) -> Option<Date> {
    find_all(text).next()
}

fn month(name: &str) -> Option<Month> {
    let name = name.to_lowercase();
    let key = name.get(..3)?;
    Some(match key {
        "jan" => Month::January,
        "feb" => Month::February,
        "maa" | "mrt" => Month::March,
        "apr" => Month::April,
        "mei" => Month::May,
        "jun" => Month::June,
        "jul" => Month::July,
        "aug" => Month::August,
        "sep" => Month::September,
        "okt" => Month::October,
        "nov" => Month::November,
        "dec" => Month::December,
        _ => return None,
    })
}

/// `2 juni 2026`: a date as a Dutch reader writes it.
pub(crate) fn format_dutch(date: Date) -> String {
    const MONTHS: [&str; 12] = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let month = MONTHS[usize::from(u8::from(date.month())) - 1];
    format!("{} {} {}", date.day(), month, date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn full_dates() {
        for (text, expected) in [
            ("Datum 13 april 2026", vec![date!(2026 - 04 - 13)]),
            ("Den Haag, 14 december 2015", vec![date!(2015 - 12 - 14)]),
            ("op 2 juni 2026 en 17 september 2025", vec![date!(2026 - 06 - 02), date!(2025 - 09 - 17)]),
            ("van 23 januari\u{a0}2014", vec![date!(2014 - 01 - 23)]),
            ("1e  Januari   2024", vec![date!(2024 - 01 - 01)]),
            ("3 mrt. 2021", vec![date!(2021 - 03 - 03)]),
            ("van 15 april jl. en 25 juni", vec![]),
            ("juli 2022", vec![]),
            ("31 februari 2024", vec![]),
            ("112 juni 2026", vec![]),
        ] {
            assert_eq!(find_all(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn latest_mentioned_dates() {
        for (text, expected) in [
            ("op 2 juni 2026 en 17 september 2025", Some(date!(2026 - 06 - 02))),
            ("(Kamerstuk 36800-X-108 d.d. 2 juli 2026). Het wordt mogelijk om per 1 september 2026 te werken.", Some(date!(2026 - 07 - 02))),
            ("vanaf 1 januari 2030 en met ingang van 1 mei 2031", None),
            ("van 15 april jl.", None),
            ("tot\n\n   31 december 2026", None),
            ("met ingang van 1 mei 2031", None),
            // `per` must be a word of its own, also when the text before it is long.
            (&*format!("{}koper 1 mei 2020", "x".repeat(100)), Some(date!(2020 - 05 - 01))),
            (&*format!("{} per 1 mei 2020", "é".repeat(100)), None),
        ] {
            assert_eq!(latest_mentioned(text), expected, "{text}");
        }
    }

    #[test]
    fn dutch_format() {
        assert_eq!(format_dutch(date!(2026 - 06 - 02)), "2 juni 2026");
        assert_eq!(format_dutch(date!(2015 - 12 - 14)), "14 december 2015");
    }
}
