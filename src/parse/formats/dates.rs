//! Dates as metadata fields state them: `2017-01-04`, `2017-01-04T09:30:00Z`,
//! `14 december 2015`, `Donderdag 5 april 2018`. Unlike dates in running text, the whole
//! field must be one date: anything else is not a date.

use time::{Date, Month};

/// The date a metadata field states, or `None` when it states none or an impossible one.
pub(crate) fn parse_field(field: &str) -> Option<Date> {
    let field = field.trim();
    iso(field).or_else(|| dutch(field))
}

/// `YYYY-MM-DD`, alone or at the start of an ISO timestamp (`T` or space, then a time).
fn iso(field: &str) -> Option<Date> {
    let (day, rest) = (field.get(..10)?, field.get(10..)?);
    if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
        return None;
    }
    let mut parts = day.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// `[weekday] D month YYYY`, month written out or abbreviated (`5 apr. 2018`).
fn dutch(field: &str) -> Option<Date> {
    let mut words = field.split_whitespace().peekable();
    if words.peek().is_some_and(|w| is_weekday(w)) {
        words.next();
    }
    let day: u8 = words.next()?.trim_end_matches('e').parse().ok()?;
    let month = month(words.next()?)?;
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    Date::from_calendar_date(year, month, day).ok()
}

fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
    let word = word.trim_end_matches(',');
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

fn month(word: &str) -> Option<Month> {
    const MONTHS: [(&str, Month); 12] = [
        ("januari", Month::January),
        ("februari", Month::February),
        ("maart", Month::March),
        ("april", Month::April),
        ("mei", Month::May),
        ("juni", Month::June),
        ("juli", Month::July),
        ("augustus", Month::August),
        ("september", Month::September),
        ("oktober", Month::October),
        ("november", Month::November),
        ("december", Month::December),
    ];
    let word = word.trim_end_matches('.').to_lowercase();
    if word == "mrt" {
        return Some(Month::March);
    }
    // A month is its full name or an abbreviation of at least three letters of it.
    MONTHS.iter().find(|(name, _)| word.len() >= 3 && name.starts_with(&word)).map(|&(_, month)| month)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fields() {
        for (field, expected) in [
            ("2017-01-04", Some(date!(2017 - 01 - 04))),
            (" 2017-01-04 ", Some(date!(2017 - 01 - 04))),
            ("2017-01-04T09:30:00Z", Some(date!(2017 - 01 - 04))),
            ("2017-01-04 09:30", Some(date!(2017 - 01 - 04))),
            ("14 december 2015", Some(date!(2015 - 12 - 14))),
            ("Donderdag 5 april 2018", Some(date!(2018 - 04 - 05))),
            ("donderdag, 5 april 2018", Some(date!(2018 - 04 - 05))),
            ("5 apr. 2018", Some(date!(2018 - 04 - 05))),
            ("3 mrt 2021", Some(date!(2021 - 03 - 03))),
            ("1e januari 2024", Some(date!(2024 - 01 - 01))),
            ("2017-02-30", None),
            ("2017-1-4", None),
            ("20170104", None),
            ("2017-01-04x", None),
            ("31 februari 2024", None),
            ("5 april", None),
            ("april 2018", None),
            ("5 april 2018 en later", None),
            ("5 ma 2018", None),
            ("", None),
            ("2017-01-0é", None),
        ] {
            assert_eq!(parse_field(field), expected, "{field}");
        }
    }
}
