//! Date values of the `date:` field: single periods, comparisons and ranges, expanded
//! to day bounds.

use std::ops::Bound;

use time::{Date, Month};

use crate::query::ast::DateRange;
use crate::Result;

use super::error;

const DATE_FORMS: &str = "expected YYYY, YYYY-MM or YYYY-MM-DD, as in 2020, 2020-06 or 2020-06-01";

const RANGE_FORM: &str = "a date range is written [FROM TO UNTIL], as in [2015 TO 2020] or [2015-06-01 TO *]";

/// A single date or a comparison: `2020-06`, `>=2020-06-01`.
pub(super) fn date_word(text: &str, at: usize) -> Result<DateRange> {
    let (op, date) = ["<=", ">=", "<", ">"].into_iter().find_map(|op| text.strip_prefix(op).map(|rest| (op, rest))).unwrap_or(("", text));
    let date_at = at + op.len();
    if date.is_empty() {
        return Err(error(date_at, format!("expected a date after `{op}`: {DATE_FORMS}")));
    }
    let (first, last) = period(date, date_at)?;
    let (from, to) = match op {
        ">=" => (Bound::Included(first), Bound::Unbounded),
        ">" => (Bound::Excluded(last), Bound::Unbounded),
        "<=" => (Bound::Unbounded, Bound::Included(last)),
        "<" => (Bound::Unbounded, Bound::Excluded(first)),
        _ => (Bound::Included(first), Bound::Included(last)),
    };
    Ok(DateRange { from, to })
}

/// `[FROM TO UNTIL]` and its exclusive forms; `at` is the offset of the bracket.
pub(super) fn date_range(open: char, body: &str, body_start: usize, close: char, at: usize) -> Result<DateRange> {
    let parts = words_at(body, body_start);
    let [(from_at, from), (_, to_word), (to_at, to)] = parts[..] else {
        return Err(error(at, RANGE_FORM));
    };
    if !to_word.eq_ignore_ascii_case("TO") {
        return Err(error(at, RANGE_FORM));
    }
    let range = DateRange { from: side(from, from_at, Side::Lower, open == '[')?, to: side(to, to_at, Side::Upper, close == ']')? };
    if let (Some(first), Some(last)) = range.inclusive() {
        if first > last {
            return Err(error(at, "the date range is empty: its start comes after its end"));
        }
    }
    Ok(range)
}

enum Side {
    Lower,
    Upper,
}

/// One bound of a range: `*`, or a period. An inclusive bound takes in the whole
/// period, an exclusive one leaves out the whole period.
fn side(word: &str, at: usize, side: Side, inclusive: bool) -> Result<Bound<Date>> {
    if word == "*" {
        return Ok(Bound::Unbounded);
    }
    let (first, last) = period(word, at)?;
    Ok(match (side, inclusive) {
        (Side::Lower, true) => Bound::Included(first),
        (Side::Lower, false) => Bound::Excluded(last),
        (Side::Upper, true) => Bound::Included(last),
        (Side::Upper, false) => Bound::Excluded(first),
    })
}

/// The whitespace-separated words of `text`, with their offsets (`text` starts at `offset`).
fn words_at(text: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((offset + s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words
}

/// The first and last day of a year, month or day: `2020`, `2020-06`, `2020-06-01`,
/// `1-6-2020`. `at` is the offset of `text`, where every error points.
fn period(text: &str, at: usize) -> Result<(Date, Date)> {
    let bad_form = || error(at, format!("`{text}` is not a date: {DATE_FORMS}"));
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, lengths: std::ops::RangeInclusive<usize>| -> Result<u16> {
        if !lengths.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad_form());
        }
        s.parse().map_err(|_| bad_form())
    };
    let (year, month, day) = match parts[..] {
        [y] => (number(y, 4..=4)?, None, None),
        [y, m] => (number(y, 4..=4)?, Some(number(m, 1..=2)?), None),
        [y, m, d] if y.len() == 4 => (number(y, 4..=4)?, Some(number(m, 1..=2)?), Some(number(d, 1..=2)?)),
        [d, m, y] => (number(y, 4..=4)?, Some(number(m, 1..=2)?), Some(number(d, 1..=2)?)),
        _ => return Err(bad_form()),
    };
    let year = i32::from(year);
    let month_of = |m: u16| {
        u8::try_from(m)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(|| error(at, format!("`{text}` is not a date: there is no month {m}; {DATE_FORMS}")))
    };
    let day_of = |month: Month, d: u16| {
        u8::try_from(d)
            .ok()
            .and_then(|d| Date::from_calendar_date(year, month, d).ok())
            .ok_or_else(|| error(at, format!("`{text}` is not a date: {month} {year} has {} days; {DATE_FORMS}", month.length(year))))
    };
    let first_of = |month: Month| day_of(month, 1);
    match (month, day) {
        (None, _) => Ok((first_of(Month::January)?, day_of(Month::December, 31)?)),
        (Some(m), None) => {
            let month = month_of(m)?;
            Ok((first_of(month)?, day_of(month, u16::from(month.length(year)))?))
        }
        (Some(m), Some(d)) => {
            let day = day_of(month_of(m)?, d)?;
            Ok((day, day))
        }
    }
}
