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

use super::text::{char_at, re, MONTHS};
use super::{Citation, CitationKind};

static HANDELINGEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(Aanhangsel\s+(?:van\s+de\s+|bij\s+de\s+)?)?Handelingen(?:\s+(I{1,2}|EK|TK))?\s+(\d{4})\s*[/–-]\s*(\d{4}|\d{2})\b,?\s*(?:(?:nr\.?|nummer)\s*(\d{1,4})|(?:blz\.?|p\.?|pag\.?)\s*(\d{1,5})|(\d{1,5}))(?:\s*,\s*item\s*(\d{1,3}))?",
    )
});
static STAATSCOURANT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:Staatscourant|Stcrt\.?)\s*(?:van\s+\d{{1,2}}\s+(?:{MONTHS})\s+(\d{{4}})\s*,?\s*|((?:19|20)\d{{2}})\s*,?\s*)?((?:nr\.?|nummer)\s*)?(\d{{1,6}})"
    ))
});
static STAATSBLAD: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:Staatsblad|Stb\.)\s*(?:((?:18|19|20)\d{2})\s*,?\s*)?((?:nr\.?|nummer)\s*)?(\d{1,4})"));
static MONTH_NEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s+(?:{MONTHS})\b")));
static TOEZEGGING: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:(?:Kamerstuk(?:nummer)?|[Tt]oezegging)\s+)?(TZ\d{6}-\d{2,4})\b"));

/// All such publications in `text`, in no particular order.
pub(crate) fn find(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    for c in HANDELINGEN.captures_iter(text) {
        if let Some(cit) = handelingen(text, &c) {
            out.push(cit);
        }
    }
    for c in STAATSCOURANT.captures_iter(text) {
        if let Some(cit) = numbered(text, &c, "stcrt", CitationKind::Staatscourant) {
            out.push(cit);
        }
    }
    for c in STAATSBLAD.captures_iter(text) {
        if let Some(cit) = numbered(text, &c, "stb", CitationKind::Staatsblad) {
            out.push(cit);
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

fn handelingen(text: &str, c: &Captures) -> Option<Citation> {
    let m = c.get(0)?;
    if !ends_cleanly(text, m.end()) {
        return None;
    }
    let years = session(&c[3], &c[4])?;
    let (chamber, partial) = match c.get(2).map(|m| m.as_str()) {
        Some("I" | "EK") => ("ek", false),
        Some(_) => ("tk", false),
        None => ("?", true),
    };
    let (kind, head) = if c.get(1).is_some() { (CitationKind::Aanhangsel, "ah") } else { (CitationKind::Handelingen, "h") };
    let number = match (c.get(5).or(c.get(7)), c.get(6)) {
        (Some(nr), _) => nr.as_str().to_string(),
        (None, Some(page)) => format!("p{}", page.as_str()),
        (None, None) => return None,
    };
    let mut key = format!("{head}-{chamber}-{years}-{number}");
    if let Some(item) = c.get(8) {
        key.push('-');
        key.push_str(item.as_str());
    }
    Some(make(m.as_str(), key, kind, m.start(), m.end(), partial))
}

/// Staatscourant and Staatsblad share a shape: name, optional year, optional `nr.`, number.
fn numbered(text: &str, c: &Captures, head: &str, kind: CitationKind) -> Option<Citation> {
    let m = c.get(0)?;
    if !ends_cleanly(text, m.end()) || MONTH_NEXT.is_match(&text[m.end()..]) {
        return None; // `Belgisch Staatsblad 8 maart 2017` is a date of publication
    }
    let groups = c.len();
    let number = c.get(groups - 1)?.as_str();
    let has_nr_word = c.get(groups - 2).is_some();
    let year = (1..groups - 2).find_map(|i| c.get(i)).map(|y| y.as_str());
    let looks_like_year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
    if year.is_none() && !has_nr_word && looks_like_year {
        return None; // `Staatscourant 2025` names a volume, not a publication
    }
    let key = format!("{head}-{}-{number}", year.unwrap_or("?"));
    Some(make(m.as_str(), key, kind, m.start(), m.end(), year.is_none()))
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
