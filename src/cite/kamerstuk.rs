//! Kamerstukken: `Kamerstukken II 2015/16, 33 763, nr. 96`, `36800-X nr 43`,
//! `kst-33763-96`, `Kamerstukken 26 643 en 31 490, nr. 683`, `nr. 171 en 172`, …
//!
//! A phrase is anchored on a five-digit dossier number (`33763` or `33 763`) and read
//! forwards with small anchored patterns: an optional suffix (`X`, `-X`, `-07`), then
//! the paper number(s). The keys are the official publication identifiers
//! (zoek.officielebekendmakingen.nl): a budget chapter or sub-dossier is part of the
//! dossier (`kst-36800-X-43`, `kst-21501-07-1750`; a Roman numeral in capitals however
//! written), a rijkswet number in brackets is not (`34 356 (R2064), nr. 3` is
//! `kst-34356-3`), a paper number keeps its letter (`nr. 42e`), and an Eerste Kamer
//! paper is its capital letter (`35 570, C`). A dossier counts as a citation only when the
//! phrase says so: `Kamerstuk…`/`kst-` before it, `nr.` after it, or a three-part dash
//! form (`36800-X-108`). Two-part dash forms (`33763-174`) need the `Kamerstuk` prefix
//! in running text (`2026-2028` and postcodes look alike), but are accepted by
//! [`normalize`](super::normalize), where the whole input is one citation.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{char_at, char_before, re, window_before, MONTHS};
use super::{kamerstuk_key, Citation, CitationKind, Phrase};

/// A line may break between the groups of a dossier number. Four digits are a dossier
/// of the years before 1970 only after [`OLD_PREFIX`].
static DOSSIER: LazyLock<Regex> = LazyLock::new(|| re(r"\d{1,2}[ \u{a0}\n]?\d{3}"));
static DOSSIER_HERE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{2}[ \u{a0}\n]?\d{3}"));
/// `Kamerstuk`, `Kamerstukken II 2015/16,`, `Kamerstukken I, 2010/11,`, `kst-` right
/// before the dossier: a prefix that makes a dossier number a citation by itself.
/// A footnote number printed against it (`8Kamerstukken II`) is no part of it.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:(?:\b|\d)(?:[Kk]amerstuk(?:ken|nummer)?|KAMERSTUK(?:KEN)?|Bijl(?:agen|\.)?\s*(?:bij\s+de\s+)?Hand(?:elingen|\.)?)(?:\s*,?\s+{CHAMBER})?(?:\s*,?\s+{SESSION})?\s*,?\s*|\bkst-)$"
    ))
});
/// A chamber and session before the dossier (`Tweede Kamer, vergaderjaar 2010–2011,`,
/// `EK, 2006–2007,`, `TK 25 444`, `Handelingen TK 1990–1991,`): a citation only with a
/// paper number or an Eerste Kamer letter after the dossier.
static CHAMBER_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?:\b|\d)(?:Handelingen(?:\s+{CHAMBER})?|{CHAMBER_WORDS})(?:\s*,?\s+{SESSION})?\s*,?\s*$")));
/// Before a four-digit dossier of the years before 1970 (`Kamerstukken II 1968/69, 9 925,
/// nr. 2`, `Zitting 1958-1959-5380, nr. 3`) the session must be written.
static OLD_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?:(?:\b|\d)(?:[Kk]amerstuk(?:ken)?|Bijl(?:agen|\.)?\s*(?:bij\s+de\s+)?Hand(?:elingen|\.)?|Handelingen|{CHAMBER_WORDS})(?:\s*,?\s+{CHAMBER})?\s*,?\s+{SESSION}\s*,?\s*|\b[Zz]itting\s+\d{{4}}\s*[-–]\s*\d{{4}}\s*[-–]\s*)$"
    ))
});
const CHAMBER: &str = r"(?:I{1,2}|EK|TK|(?:Tweede|Eerste)\s+Kamer)";
const CHAMBER_WORDS: &str = r"(?:EK|TK|(?:Tweede|Eerste)\s+Kamer)";
const SESSION: &str = r"(?:vergaderjaar\s+)?\d{4}\s*[/–-]\s*\d{2,4}";
/// The running footer of a printed Kamerstuk names the paper itself, not a cited one:
/// a whole line of chamber, session, dossier and paper, perhaps with the page number.
static FOOTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:Tweede|Eerste) Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, \d{2}\s?\d{3}(?:[ -][A-Z]{1,5})?, (?:nr\. ?\d{1,4}[a-z]?|[A-Z]{1,2})(?:\s+\d{1,3})?\s*$",
    )
});
/// A rijkswet number, `(R2064)` or `(R 1669)`: read past, not part of the key.
static RIJKSWET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\(\s*R\s?\d{3,4}\s*\)"));
/// Capitals, or a Roman numeral in lower case (`36800-x-43`).
static SUFFIX_DASH_LETTERS: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[-–]\s*([A-Z]{1,5}|[ivx]{1,5}[ab]?)"));
static SUFFIX_SPACE_LETTERS: LazyLock<Regex> = LazyLock::new(|| re(r"^\s+([A-Z]{1,5})"));
/// What may follow a suffix written after a space, so that `33 763 En` is no suffix.
static AFTER_SPACE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\s*[,;)\-–]|\s+(?:nrs?|nummers?|en|van)\b|\s*$)"));
static SUFFIX_DASH_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[-–]\s*(\d{1,2})"));
/// A digit suffix (`21 501-07`) is only a suffix when a paper number follows.
static AFTER_DIGIT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\s*,?\s*(?:[Nn]rs?|[Nn]ummers?)\b|[-–]\d)"));
static MORE_DOSSIER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:,|\s+en)\s+"));
static NR_INTRO: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,?\s*(?:[Nn]rs?\.?|[Nn]ummers?|NRS?\.?|letter)\s*"));
/// A paper number, with a letter for a later version (`42e`), or an Eerste Kamer paper's capitals.
static NR: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\d{1,4}[a-z]?|[A-Z]{1,2})"));
/// An Eerste Kamer paper written without `nr.`: `Kamerstukken I 2020/21, 35 570, C`.
static EK_LETTER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*,\s*([A-Z]{1,2})"));
static DASH_NR: LazyLock<Regex> = LazyLock::new(|| re(r"^[-–](\d{1,4})"));
/// `nrs. 2–3`: two papers, only after a plural `nrs.`.
static RANGE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[–-]\s*(\d{1,4})"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:,|\ben\b|&|t/m|tot\s+en\s+met)\s*((?:(?:[Nn]rs?\.?|[Nn]ummers?)\s*)?)(\d{1,4})"));
/// `nr. 4 (…) en nr. 6`: a second paper of the same dossier a little further on.
/// Page references may stand between (`nr. 4, p. 12 en 13, en nr. 6`).
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:[^().;:]|\b(?:p|pp|blz|pag)\.){0,60}?\ben\s+((?:[Nn]rs?\.?|[Nn]ummers?)\s*)(\d{1,4})"));
/// `en 1985–1986, 17 931 nr. 68`: a session year, not a paper number.
static YEAR_RANGE_NEXT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[–/-]\s*\d{2,4}"));
static MONTH_NEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^\s+(?:{MONTHS})\b")));

/// One dossier as written: digits without spaces, optional suffix, and its extent.
struct Dossier {
    number: String,
    suffix: Option<String>,
    start: usize,
    end: usize,
    /// Whether the suffix was joined with a dash (`36800-X`), which makes a following
    /// `-108` part of an unambiguous three-part form.
    dashed_suffix: bool,
}

/// One paper number and the span that names it.
struct Item {
    nr: String,
    start: usize,
    end: usize,
}

/// All Kamerstuk phrases in `text`, in text order. `lenient` accepts a bare two-part
/// dash form (`33763-174`), for input known to be exactly one citation.
pub(crate) fn find(text: &str, lenient: bool) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = DOSSIER.find_at(text, at) {
        let old = m.as_str().bytes().filter(u8::is_ascii_digit).count() == 4;
        let phrase = match old {
            true => old_phrase(text, m.start(), m.end()),
            false if stands_alone(text, m.start(), m.end()) => parse_phrase(text, m.start(), m.end(), lenient),
            false => None,
        };
        match phrase {
            Some(p) => {
                at = p.end.max(m.start() + 1);
                out.push(p);
            }
            None => at = m.start() + 1, // the match starts with an ASCII digit
        }
        if at >= text.len() {
            break;
        }
    }
    out
}

/// A dossier number is not part of a longer number, an amount or a code.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before_ok = match char_before(text, start) {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '/' | '€' | '$' | '+') => false,
        // `1.234 567`, `ISBN 90-74442-33-1`: part of a longer number
        Some('.' | ',' | '-' | '–') => !char_before(text, start - 1).is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    };
    before_ok && ends_alone(text, end)
}

fn ends_alone(text: &str, end: usize) -> bool {
    match char_at(text, end) {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('.' | ',') => !char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// Whether the line around `at` is the running footer of a printed Kamerstuk.
fn on_footer_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    FOOTER_LINE.is_match(&text[start..end])
}

fn parse_phrase(text: &str, dstart: usize, dend: usize, lenient: bool) -> Option<Phrase> {
    let window = window_before(text, dstart, 80);
    if window.contains("vergaderjaar") && on_footer_line(text, dstart) {
        return None;
    }
    let window_start = dstart - window.len();
    let after_digits = |m: regex::Match| window_start + m.start() + m.as_str().bytes().take_while(u8::is_ascii_digit).count();
    let prefix = PREFIX.find(window).map(after_digits);
    let chamber = prefix.is_none().then(|| CHAMBER_PREFIX.find(window).map(after_digits)).flatten();
    let mut dossiers = vec![read_dossier(text, dstart, dend)];
    if prefix.is_some() {
        read_more_dossiers(text, &mut dossiers);
    }
    let cited = prefix.is_some() || chamber.is_some();
    let mut items = read_items(text, dossiers.last()?.end, cited);
    if dossiers.len() > 1 && items.as_ref().is_none_or(|(list, _)| list.len() != 1) {
        // `Kamerstukken A en B, nr. N` names one combined paper; anything else is read
        // from the first dossier alone and the rest are found on their own.
        dossiers.truncate(1);
        items = read_items(text, dossiers[0].end, cited);
    }
    let Some((items, dashed)) = items else {
        return prefix.map(|p| dossier_only(dossiers, p));
    };
    if dashed && prefix.is_none() && !lenient && !dossiers[0].dashed_suffix {
        return None;
    }
    Some(build(dossiers, items, prefix.or(chamber)))
}

/// A four-digit dossier (`Kamerstukken II 1955/56, 4100 XIII, nr. 12`): only with the
/// session before it and a paper number after it.
fn old_phrase(text: &str, dstart: usize, dend: usize) -> Option<Phrase> {
    // Cheap first: a session ends right before (`1968/69, 9 925`, `1958-1959-5380`).
    let before = text[..dstart].trim_end_matches(' ');
    let before = before.strip_suffix(',').or_else(|| before.strip_suffix('-')).unwrap_or(before).trim_end_matches(' ');
    if !before.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let window = window_before(text, dstart, 60);
    let named = ["amer", "Hand", "itting", "EK", "TK"].iter().any(|w| window.contains(w));
    if !named || !ends_alone(text, dend) {
        return None;
    }
    if char_before(text, dstart).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let m = OLD_PREFIX.find(window)?;
    let prefix = dstart - window.len() + m.start() + m.as_str().bytes().take_while(u8::is_ascii_digit).count();
    let dossier = read_dossier(text, dstart, dend);
    match read_items(text, dossier.end, true)? {
        (items, false) => Some(build(vec![dossier], items, Some(prefix))),
        (_, true) => None,
    }
}

fn read_dossier(text: &str, start: usize, end: usize) -> Dossier {
    let number: String = text[start..end].chars().filter(char::is_ascii_digit).collect();
    let rest = &text[end..];
    let not_letter = |at: usize| !char_at(text, at).is_some_and(char::is_alphanumeric);
    let mut dossier = Dossier { number, suffix: None, start, end, dashed_suffix: false };
    if let Some(m) = RIJKSWET.find(rest) {
        dossier.end = end + m.end();
    } else if let Some(c) = SUFFIX_DASH_LETTERS.captures(rest).filter(|c| not_letter(end + c.get(0).map_or(0, |m| m.end()))) {
        dossier.suffix = Some(c[1].to_uppercase());
        dossier.end = end + c.get(0).map_or(0, |m| m.end());
        dossier.dashed_suffix = true;
    } else if let Some(c) = SUFFIX_SPACE_LETTERS.captures(rest) {
        let suffix_end = end + c.get(0).map_or(0, |m| m.end());
        if not_letter(suffix_end) && AFTER_SPACE_SUFFIX.is_match(&text[suffix_end..]) {
            dossier.suffix = Some(c[1].to_string());
            dossier.end = suffix_end;
        }
    }
    if dossier.suffix.is_none() {
        if let Some(c) = SUFFIX_DASH_DIGITS.captures(rest) {
            let suffix_end = end + c.get(0).map_or(0, |m| m.end());
            let digit_next = char_at(text, suffix_end).is_some_and(|c| c.is_ascii_digit());
            if !digit_next && AFTER_DIGIT_SUFFIX.is_match(&text[suffix_end..]) {
                dossier.suffix = Some(c[1].to_string());
                dossier.end = suffix_end;
                dossier.dashed_suffix = true;
            }
        }
    }
    dossier
}

fn read_more_dossiers(text: &str, dossiers: &mut Vec<Dossier>) {
    while let Some(last) = dossiers.last() {
        let Some(sep) = MORE_DOSSIER.find(&text[last.end..]) else {
            return;
        };
        let start = last.end + sep.end();
        let Some(d) = DOSSIER_HERE.find(&text[start..]) else {
            return;
        };
        let end = start + d.end();
        if !stands_alone(text, start, end) {
            return;
        }
        let next = read_dossier(text, start, end);
        dossiers.push(next);
    }
}

/// The paper numbers after a dossier, and whether they were written in dash form.
/// `cited` (the phrase says `Kamerstuk…`) lets an Eerste Kamer letter stand without `nr.`.
fn read_items(text: &str, from: usize, cited: bool) -> Option<(Vec<Item>, bool)> {
    let rest = &text[from..];
    if let Some(c) = EK_LETTER.captures(rest).filter(|_| cited) {
        let end = from + c.get(0).map_or(0, |m| m.end());
        if !char_at(text, end).is_some_and(char::is_alphanumeric) {
            return Some((vec![Item { nr: c[1].to_string(), start: from, end }], false));
        }
    }
    if let Some(intro) = NR_INTRO.find(rest) {
        let at = from + intro.end();
        let nr = NR.find(&text[at..])?;
        let end = at + nr.end();
        if char_at(text, end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let mut items = vec![Item { nr: nr.as_str().to_string(), start: from, end }];
        let plural = intro.as_str().trim_start_matches([',', ' ']).to_lowercase().starts_with("nrs") || intro.as_str().contains("ummers");
        if plural {
            read_range(text, &mut items);
        }
        read_list(text, &mut items);
        read_continuation(text, &mut items);
        return Some((items, false));
    }
    let c = DASH_NR.captures(rest)?;
    let end = from + c.get(0).map_or(0, |m| m.end());
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((vec![Item { nr: c[1].to_string(), start: from, end }], true))
}

/// `nrs. 2–3`: the second paper of two in a row. A wider range (`nrs. 12–14`) is left
/// at its first paper, as each citation has a span of its own in the text.
fn read_range(text: &str, items: &mut Vec<Item>) {
    let Some(last) = items.last() else { return };
    let Some(c) = RANGE.captures(&text[last.end..]) else { return };
    let (Some(whole), Some(to)) = (c.get(0), c.get(1)) else { return };
    let end = last.end + whole.end();
    let (Ok(first), Ok(upto)) = (last.nr.parse::<u32>(), to.as_str().parse::<u32>()) else { return };
    if upto != first + 1 || char_at(text, end).is_some_and(char::is_alphanumeric) {
        return;
    }
    items.push(Item { nr: to.as_str().to_string(), start: last.end + to.start(), end });
}

fn read_list(text: &str, items: &mut Vec<Item>) {
    while let Some(last) = items.last() {
        let Some(c) = LIST_ITEM.captures(&text[last.end..]) else {
            return;
        };
        let (Some(whole), Some(intro), Some(nr)) = (c.get(0), c.get(1), c.get(2)) else {
            return;
        };
        let end = last.end + whole.end();
        if char_at(text, end).is_some_and(char::is_alphanumeric) || MONTH_NEXT.is_match(&text[end..]) || YEAR_RANGE_NEXT.is_match(&text[end..]) {
            return;
        }
        let start = last.end + if intro.is_empty() { nr.start() } else { intro.start() };
        items.push(Item { nr: nr.as_str().to_string(), start, end });
    }
}

fn read_continuation(text: &str, items: &mut Vec<Item>) {
    let Some(last) = items.last() else { return };
    let Some(c) = CONTINUATION.captures(&text[last.end..]) else {
        return;
    };
    let (Some(whole), Some(intro)) = (c.get(0), c.get(1)) else {
        return;
    };
    let end = last.end + whole.end();
    if char_at(text, end).is_some_and(char::is_alphanumeric) || MONTH_NEXT.is_match(&text[end..]) {
        return;
    }
    let start = last.end + intro.start();
    items.push(Item { nr: c[2].to_string(), start, end });
    read_list(text, items);
}

/// A Kamerstuk citation whose `text` is filled in later by [`fill_text`].
fn cited(key: String, start: usize, end: usize, partial: bool) -> Citation {
    Citation { key, kind: CitationKind::Kamerstuk, text: String::new(), start, end, partial, title: None, motion_by: None, answers: false }
}

fn text_of(text: &str, start: usize, end: usize) -> String {
    text.get(start..end).unwrap_or_default().to_string()
}

/// `Kamerstuk 36 800 X` without a paper number: the dossier, marked partial.
fn dossier_only(dossiers: Vec<Dossier>, prefix: usize) -> Phrase {
    let citations: Vec<Citation> = dossiers
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let start = if i == 0 { prefix } else { d.start };
            let key = match &d.suffix {
                Some(s) => format!("kst-{}-{s}", d.number),
                None => format!("kst-{}", d.number),
            };
            cited(key, start, d.end, true)
        })
        .collect();
    let end = dossiers.last().map_or(prefix, |d| d.end);
    Phrase { start: prefix, end, citations }
}

fn build(dossiers: Vec<Dossier>, items: Vec<Item>, prefix: Option<usize>) -> Phrase {
    let first = prefix.unwrap_or(dossiers[0].start);
    let mut citations = Vec::new();
    if dossiers.len() == 1 {
        let d = &dossiers[0];
        for (k, item) in items.iter().enumerate() {
            let start = if k == 0 { first } else { item.start };
            let key = kamerstuk_key(&d.number, d.suffix.as_deref(), &item.nr);
            citations.push(cited(key, start, item.end, false));
        }
    } else {
        let item = &items[0];
        let last = dossiers.len() - 1;
        for (i, d) in dossiers.iter().enumerate() {
            let start = if i == 0 { first } else { d.start };
            let end = if i == last { item.end } else { d.end };
            let key = kamerstuk_key(&d.number, d.suffix.as_deref(), &item.nr);
            citations.push(cited(key, start, end, false));
        }
    }
    let end = citations.last().map_or(first, |c| c.end);
    Phrase { start: first, end, citations }
}

/// Fills in each citation's `text` from its span.
pub(crate) fn fill_text(text: &str, phrases: &mut [Phrase]) {
    for p in phrases {
        for c in &mut p.citations {
            c.text = text_of(text, c.start, c.end);
        }
    }
}
