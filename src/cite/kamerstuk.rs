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

/// A line may break between the groups of a dossier number.
static DOSSIER: LazyLock<Regex> = LazyLock::new(|| re(r"\d{2}[ \u{a0}\n]?\d{3}"));
static DOSSIER_HERE: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{2}[ \u{a0}\n]?\d{3}"));
/// `Kamerstuk`, `Kamerstukken II 2015/16,`, `kst-` right before the dossier.
/// A footnote number printed against it (`8Kamerstukken II`) is no part of it.
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?:\b|\d)(?:[Kk]amerstuk(?:ken|nummer)?|KAMERSTUK(?:KEN)?|Bijl(?:agen|\.)?\s*(?:bij\s+de\s+)?Hand(?:elingen|\.)?)(?:\s+(?:I{1,2}|EK|TK))?(?:\s+\d{4}\s*[/–-]\s*\d{2,4})?\s*,?\s*|\bkst-)$",
    )
});
/// The running footer of a printed Kamerstuk names the paper itself, not a cited one.
static FOOTER: LazyLock<Regex> = LazyLock::new(|| re(r"(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[–-]\s*\d{4},?\s*$"));
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
        let phrase = if stands_alone(text, m.start(), m.end()) { parse_phrase(text, m.start(), m.end(), lenient) } else { None };
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
    let after_ok = match char_at(text, end) {
        None => true,
        Some(c) if c.is_ascii_digit() => false,
        Some('.' | ',') => !char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    };
    before_ok && after_ok
}

fn parse_phrase(text: &str, dstart: usize, dend: usize, lenient: bool) -> Option<Phrase> {
    let window = window_before(text, dstart, 80);
    if FOOTER.is_match(window) {
        return None;
    }
    let window_start = dstart - window.len();
    let prefix = PREFIX.find(window).map(|m| window_start + m.start() + m.as_str().bytes().take_while(u8::is_ascii_digit).count());
    let mut dossiers = vec![read_dossier(text, dstart, dend)];
    if prefix.is_some() {
        read_more_dossiers(text, &mut dossiers);
    }
    let mut items = read_items(text, dossiers.last()?.end, prefix.is_some());
    if dossiers.len() > 1 && items.as_ref().is_none_or(|(list, _)| list.len() != 1) {
        // `Kamerstukken A en B, nr. N` names one combined paper; anything else is read
        // from the first dossier alone and the rest are found on their own.
        dossiers.truncate(1);
        items = read_items(text, dossiers[0].end, prefix.is_some());
    }
    let Some((items, dashed)) = items else {
        return prefix.map(|p| dossier_only(dossiers, p));
    };
    if dashed && prefix.is_none() && !lenient && !dossiers[0].dashed_suffix {
        return None;
    }
    Some(build(dossiers, items, prefix))
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
