//! Numbered publications other than Kamerstukken: Handelingen and their Aanhangsel,
//! the Staatscourant, the Staatsblad, and toezeggingen (`TZ202604-190`).
//!
//! Keys:
//! - `Handelingen II 2010/11, nr. 108, item 5` -> `h-tk-20102011-108-5` (`I` -> `h-ek-…`;
//!   without an item `h-tk-20102011-108`; a page reference `blz. 1234` -> `h-tk-20042005-p1234`;
//!   without a chamber `h-?-…`, partial).
//! - `Aanhangsel Handelingen II 2014/15, nr. 12` -> `ah-tk-20142015-12`.
//! - `Staatscourant 2025, nr. 17540`, `Stcrt. 2025, 17540` -> `stcrt-2025-17540`; without a
//!   year (`Staatscourant nr. 17540`) -> `stcrt-?-17540`, partial: the number alone does not
//!   identify the issue, but it is what the letter gives and still narrows a search.
//! - `Stb. 1971, 231` -> `stb-1971-231`; `Stb. 226` -> `stb-?-226`, partial.
//! - `TZ202604-190`, `Kamerstuknummer TZ202604-190` -> `TZ202604-190`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::text::{char_at, re, window_before, MONTHS};
use super::{Citation, CitationKind};

static HANDELINGEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(Aanhangsel\s+(?:van\s+de\s+|bij\s+de\s+)?)?Handelingen(?:\s+(I{1,2}|EK|TK|(?:Tweede|Eerste)\s+Kamer))?\s*,?\s+(?:vergaderjaar\s+)?(\d{4})\s*[/–-]\s*(\d{4}|\d{2})\b,?\s*(?:(?:nr\.?|nummer)\s*(\d{1,4})|(?:blz\.?|p\.?|pag\.?)\s*(\d{1,5})|(\d{1,5}))(?:\s*,\s*items?\s*(\d{1,3}))?",
    )
});
/// The Aanhangsel named after the chamber and session: `Kamerstukken II 2011/12,
/// Aanhangsel 342`, `TK, 1994–1995, Aanhangsel, nr. 268`, `Tweede Kamer, vergaderjaar
/// 2012–2013, Aanhangsel van de Handelingen, 1835`: the chamber and session before the
/// word, the number after it.
static AANHANGSEL_CHAMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:Kamerstukken\s+(I{1,2})|(TK|EK|(?:Tweede|Eerste)\s+Kamer))\s*,?\s*(?:vergaderjaar\s+)?(\d{4})\s*[/–-]\s*(\d{4}|\d{2})\s*,?\s*$"));
/// A literal as a regex: its search is vectorised, unlike `str::match_indices`.
static AANHANGSEL_WORD: LazyLock<Regex> = LazyLock::new(|| re("Aanhangsel"));
static AANHANGSEL_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^Aanhangsel(?:\s+(?:van|bij)\s+de\s+[Hh]andelingen)?\s*,?\s*(?:nr\.?\s*)?(\d{1,5})"));
/// More items or answers of the same sitting or session: `items 8 en 32`, `1817 en 2117`.
static MORE_ITEMS: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:,|\ben\b)\s*(?:(?:item|nr\.?)\s*)?(\d{1,5})"));
/// A bare number followed by three digits is a dossier (`Handelingen TK 1990–1991, 21 062
/// nr. 4` cites a Kamerstuk), not a sitting.
static DOSSIER_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"^[ \u{a0}]?\d{3}\b"));
/// `Staatscourant`, `Stcrt.`, `Staatsblad`, `Stb.`, perhaps emphasised (`*Stb.*`) or with a
/// footnote number printed against it (`2Stb. 1995`).
static GAZETTE: LazyLock<Regex> = LazyLock::new(|| re(r"(?:Staatscourant|Stcrt\.?|Staatsblad|Stb\.?)\*?"));
/// `van 3 maart 2025, nr. 17540`.
static GAZETTE_DATED: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^\s*,?\s*van\s+\d{{1,2}}\s+(?:{MONTHS})\s+(\d{{4}})\s*,?\s*(?:(?:nr\.?|nummer)\s*)?(\d{{1,6}}[A-Z]?)")));
/// `1995, nr. 401`, `1993/68`, `1979-195`, `1967,132`.
static GAZETTE_YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,?\s*((?:18|19|20)\d{2})(?:\s*[,/–-]\s*|\s+)(?:(?:nr\.?|nummer)\s*)?(\d{1,6}[A-Z]?)"));
/// `527/1969`.
static GAZETTE_NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,?\s*(\d{1,6})\s*/\s*((?:18|19|20)\d{2})"));
/// `nr. 17540`, `226`: no year.
static GAZETTE_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,?\s*((?:nr\.?|nummer)\s*)?(\d{1,6}[A-Z]?)"));
/// `; 1968, 189`, `en 1976, nr. 248`: another issue of the same gazette.
static GAZETTE_MORE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:;|,|\ben\b)\s*((?:18|19|20)\d{2})\s*[,/–-]\s*(?:(?:nr\.?|nummer)\s*)?(\d{1,6}[A-Z]?)"));
static MONTH_NEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s+(?:{MONTHS})\b")));
static TOEZEGGING: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:(?:Kamerstuk(?:nummer)?|[Tt]oezegging)\s+)?(TZ\d{6}-\d{2,4})\b"));

/// All such publications in `text`, in no particular order.
pub(crate) fn find(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    // Patterns start with a word, not a word boundary, so that the regex engine can skip
    // to the word; the boundary is checked by hand (a footnote number may stand against it).
    for c in HANDELINGEN.captures_iter(text) {
        if c.get(0).is_some_and(|m| starts_word(text, m.start())) {
            handelingen(text, &c, &mut out);
        }
    }
    for m in AANHANGSEL_WORD.find_iter(text) {
        aanhangsel_after(text, m.start(), &mut out);
    }
    for m in GAZETTE.find_iter(text) {
        if starts_word(text, m.start()) && !char_at(text, m.end()).is_some_and(|c| c.is_alphabetic()) {
            gazette(text, m, &mut out);
        }
    }
    for c in TOEZEGGING.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        out.push(make(m.as_str(), c[1].to_string(), CitationKind::Toezegging, m.start(), m.end(), false));
    }
    out
}

fn make(text: &str, key: String, kind: CitationKind, start: usize, end: usize, partial: bool) -> Citation {
    Citation { key, kind, text: text.to_string(), start, end, partial, title: None, motion_by: None, answers: false }
}

/// Not inside a word: a letter does not stand right before `at` (a digit may).
fn starts_word(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(char::is_alphabetic)
}

fn ends_cleanly(text: &str, end: usize) -> bool {
    !char_at(text, end).is_some_and(char::is_alphanumeric)
}

/// `2010/11` -> `20102011`; `1999/00` -> `19992000`; `2010/2011` -> `20102011`.
pub(crate) fn session(first: &str, second: &str) -> Option<String> {
    let y1: u32 = first.parse().ok()?;
    let y2: u32 = match second.len() {
        4 => second.parse().ok()?,
        2 => {
            let short: u32 = second.parse().ok()?;
            let century = y1 / 100 * 100;
            if short < y1 % 100 {
                century + 100 + short
            } else {
                century + short
            }
        }
        _ => return None,
    };
    (y2 == y1 + 1).then(|| format!("{y1}{y2}"))
}

fn chamber_of(name: Option<&str>) -> (&'static str, bool) {
    match name {
        Some(n) if n == "I" || n == "EK" || n.starts_with("Eerste") => ("ek", false),
        Some(_) => ("tk", false),
        None => ("?", true),
    }
}

fn handelingen(text: &str, c: &Captures, out: &mut Vec<Citation>) -> Option<()> {
    let m = c.get(0)?;
    if !ends_cleanly(text, m.end()) {
        return None;
    }
    if c.get(7).is_some() && DOSSIER_TAIL.is_match(&text[m.end()..]) {
        return None;
    }
    let years = session(&c[3], &c[4])?;
    let (chamber, partial) = chamber_of(c.get(2).map(|m| m.as_str()));
    let (kind, head) = if c.get(1).is_some() { (CitationKind::Aanhangsel, "ah") } else { (CitationKind::Handelingen, "h") };
    let number = match (c.get(5).or(c.get(7)), c.get(6)) {
        (Some(nr), _) => nr.as_str().to_string(),
        (None, Some(page)) => format!("p{}", page.as_str()),
        (None, None) => return None,
    };
    let start = m.start();
    let Some(item) = c.get(8) else {
        let key = format!("{head}-{chamber}-{years}-{number}");
        let more_answers = kind == CitationKind::Aanhangsel;
        out.push(make(&text[start..m.end()], key, kind, start, m.end(), partial));
        if more_answers {
            more(text, m.end(), |nr| format!("{head}-{chamber}-{years}-{nr}"), kind, partial, out);
        }
        return Some(());
    };
    out.push(make(&text[start..m.end()], format!("{head}-{chamber}-{years}-{number}-{}", item.as_str()), kind, start, m.end(), partial));
    more(text, m.end(), |it| format!("{head}-{chamber}-{years}-{number}-{it}"), kind, partial, out);
    Some(())
}

fn aanhangsel_after(text: &str, at: usize, out: &mut Vec<Citation>) -> Option<()> {
    let window = window_before(text, at, 80);
    let c = AANHANGSEL_CHAMBER.captures(window)?;
    let n = AANHANGSEL_NUMBER.captures(&text[at..])?;
    let (whole, number) = (n.get(0)?, n.get(1)?);
    let end = at + whole.end();
    let start = at - window.len() + c.get(0)?.start();
    if !ends_cleanly(text, end) || !starts_word(text, start) {
        return None;
    }
    let years = session(&c[3], &c[4])?;
    let (chamber, _) = chamber_of(c.get(1).or(c.get(2)).map(|m| m.as_str()));
    out.push(make(&text[start..end], format!("ah-{chamber}-{years}-{}", number.as_str()), CitationKind::Aanhangsel, start, end, false));
    more(text, end, |nr| format!("ah-{chamber}-{years}-{nr}"), CitationKind::Aanhangsel, false, out);
    Some(())
}

/// The numbers listed after a citation (`items 8 en 32`): one citation each, keyed by `key`.
fn more(text: &str, mut at: usize, key: impl Fn(&str) -> String, kind: CitationKind, partial: bool, out: &mut Vec<Citation>) {
    while let Some(c) = MORE_ITEMS.captures(&text[at..]) {
        let (Some(whole), Some(nr)) = (c.get(0), c.get(1)) else { return };
        let end = at + whole.end();
        if !ends_cleanly(text, end) || MONTH_NEXT.is_match(&text[end..]) || DOSSIER_TAIL.is_match(&text[end..]) {
            return;
        }
        out.push(make(nr.as_str(), key(nr.as_str()), kind, at + nr.start(), end, partial));
        at = end;
    }
}

/// The Staatscourant or Staatsblad issue(s) after a gazette's name `name`.
fn gazette(text: &str, name: regex::Match, out: &mut Vec<Citation>) {
    let (head, kind) = match name.as_str().trim_start_matches(|c: char| c.is_ascii_digit()).starts_with("Staatsc") || name.as_str().contains("Stcrt") {
        true => ("stcrt", CitationKind::Staatscourant),
        false => ("stb", CitationKind::Staatsblad),
    };
    let start = name.start();
    let rest = &text[name.end()..];
    let (year, number, end) = if let Some(c) = GAZETTE_DATED.captures(rest).or_else(|| GAZETTE_YEAR_FIRST.captures(rest)) {
        (Some(c.get(1).map_or("", |m| m.as_str())), c.get(2).map_or("", |m| m.as_str()), c.get(0).map_or(0, |m| m.end()))
    } else if let Some(c) = GAZETTE_NUMBER_FIRST.captures(rest) {
        (Some(c.get(2).map_or("", |m| m.as_str())), c.get(1).map_or("", |m| m.as_str()), c.get(0).map_or(0, |m| m.end()))
    } else if let Some(c) = GAZETTE_NUMBER.captures(rest) {
        let number = c.get(2).map_or("", |m| m.as_str());
        let looks_like_year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
        if c.get(1).is_none() && looks_like_year {
            return; // `Staatscourant 2025` names a volume, not a publication
        }
        (None, number, c.get(0).map_or(0, |m| m.end()))
    } else {
        return;
    };
    let end = name.end() + end;
    if !ends_cleanly(text, end) || MONTH_NEXT.is_match(&text[end..]) {
        return; // `Belgisch Staatsblad 8 maart 2017` is a date of publication
    }
    out.push(make(&text[start..end], format!("{head}-{}-{number}", year.unwrap_or("?")), kind, start, end, year.is_none()));
    let mut at = end;
    while let Some(c) = GAZETTE_MORE.captures(&text[at..]) {
        let (Some(whole), Some(y), Some(nr)) = (c.get(0), c.get(1), c.get(2)) else { return };
        let end = at + whole.end();
        if !ends_cleanly(text, end) {
            return;
        }
        out.push(make(&text[at + y.start()..end], format!("{head}-{}-{}", y.as_str(), nr.as_str()), kind, at + y.start(), end, false));
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_table() {
        for (a, b, expected) in [
            ("2010", "11", Some("20102011")),
            ("1999", "00", Some("19992000")),
            ("2015", "2016", Some("20152016")),
            ("2015", "17", None),
            ("2015", "123", None),
        ] {
            assert_eq!(session(a, b).as_deref(), expected, "{a}/{b}");
        }
    }
}
