//! Raw text into cleaned lines, and the facts about the layout that repair and heading
//! detection need: is the text hard-wrapped, how wide, where the letter proper starts and
//! where the closing starts.

use std::sync::LazyLock;

use regex::Regex;

/// One line of the extracted text, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// Trimmed, whitespace runs collapsed, markdown markup removed.
    pub text: String,
    /// The extracted line ended in whitespace. PDF extraction writes a space where the
    /// line break fell between words, so a line that ends in a letter without one may end
    /// inside a word (`veiligheidsre` / `gio’s`).
    pub trailing_space: bool,
    /// A markdown line break (two trailing spaces) in a markdown text.
    pub hard_break: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

static MD_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]\n]*)\]\([^)\s]*\)").expect("valid regex"));

/// Splits `raw` into cleaned lines. Form feeds (page breaks from `pdftotext`) become blank
/// lines; soft hyphens are dropped except at a line end, where they become a plain hyphen
/// for the hyphenation repair to judge.
pub(crate) fn split(raw: &str) -> Vec<Line> {
    let markdown = looks_like_markdown(raw);
    raw.split(['\n', '\r', '\u{c}', '\u{2028}', '\u{2029}']).map(|line| clean(line, markdown)).collect()
}

/// Markdown from a PDF-to-markdown converter: bold runs or block quotes.
fn looks_like_markdown(raw: &str) -> bool {
    raw.contains("**") || raw.lines().any(|l| l.trim_start().starts_with("> "))
}

fn clean(line: &str, markdown: bool) -> Line {
    let trailing: String = line.chars().rev().take_while(|c| c.is_whitespace()).collect();
    let trailing_space = !trailing.is_empty();
    let hard_break = markdown && trailing.chars().filter(|c| *c == ' ').count() >= 2;

    let mut text = line.trim().to_string();
    if text.ends_with('\u{ad}') {
        text.pop();
        text.push('-');
    }
    text.retain(|c| c != '\u{ad}');
    if markdown {
        text = strip_markdown(&text);
    }
    Line { text: collapse_whitespace(&text), trailing_space, hard_break }
}

/// Removes emphasis stars, block-quote marks and link targets; the words stay.
fn strip_markdown(text: &str) -> String {
    let mut t = text.trim_start();
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    let bullet = t.starts_with("* ");
    let body = if bullet { &t[2..] } else { t };
    let body = MD_LINK.replace_all(body, "$1");
    let body: String = body.chars().filter(|c| *c != '*').collect();
    if bullet {
        format!("· {body}")
    } else {
        body
    }
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// List bullets seen in extracted letters.
pub(crate) fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some('·' | '•' | '–' | '-' | '▪' | '◦' | '○' | '■' | '●' | '—' | '\u{f0b7}'), Some(' ')))
}

/// The shape of a letter's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Paragraphs are hard-wrapped (PDF text); otherwise each line is a paragraph.
    pub wrapped: bool,
    /// Typical full line length in characters (the 90th percentile).
    pub width: usize,
    /// Most lines end in whitespace, so a line that ends a sentence without it ends its
    /// paragraph (the year-report layout, which leaves no blank line between paragraphs).
    pub spaced: bool,
    /// First line of the letter proper: after the salutation or the place-and-date line.
    pub body_start: usize,
    /// First line of the closing (`Hoogachtend,`, `De Minister van Defensie,`), or the
    /// number of lines when there is none.
    pub closing_start: usize,
}

/// Text whose typical line is longer than this has a paragraph per line.
const MAX_WRAP_WIDTH: usize = 110;
/// Text whose typical line is shorter than this is a list or an address, not wrapped prose.
const MIN_WRAP_WIDTH: usize = 40;

static SALUTATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:(zeer )?geachte\b)").expect("valid regex"));
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:Den Haag|['’]s-Gravenhage),|^Datum\b|^Betreft\b").expect("valid regex"));
static GREETING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:hoogachtend|met (vriendelijke|hartelijke) groet(en)?|met de meeste hoogachting)\b").expect("valid regex"));
/// `De Minister van Defensie,` / `DE STAATSSECRETARIS VAN DEFENSIE,` above a signature.
pub(crate) static SENDER_CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:De|DE)\s+((?:Minister|MINISTER|Staatssecretaris|STAATSSECRETARIS|Minister-[Pp]resident|MINISTER-PRESIDENT)\b[^.;:]*?)\s*,?$")
        .expect("valid regex")
});

/// How many non-blank lines from the end a closing may start.
const CLOSING_REACH: usize = 12;

impl Layout {
    pub(crate) fn of(lines: &[Line]) -> Layout {
        let mut lengths: Vec<usize> = lines.iter().filter(|l| !l.is_blank()).map(Line::chars).collect();
        lengths.sort_unstable();
        let width = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0);
        let wrapped = (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width);
        let spaced_lines = lines.iter().filter(|l| !l.is_blank() && l.trailing_space).count();
        let spaced = spaced_lines * 2 > lengths.len();

        let salutation = lines.iter().position(|l| SALUTATION.is_match(&l.text));
        let place_date = lines.iter().take(60).rposition(|l| PLACE_DATE.is_match(&l.text));
        let body_start = match (salutation, place_date) {
            (Some(i), _) | (None, Some(i)) => i + 1,
            (None, None) => 0,
        };

        let non_blank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
        let reach = non_blank.len().saturating_sub(CLOSING_REACH);
        let closing_start = non_blank[reach..].iter().copied().filter(|&i| i >= body_start).find(|&i| is_closing_line(&lines[i].text)).unwrap_or(lines.len());
        Layout { wrapped, width, spaced, body_start, closing_start }
    }
}

/// `Hoogachtend,` or a sender line over a signature; a sentence that happens to start with
/// `De Minister` is neither, so the sender line must end in a comma or be in capitals.
pub(crate) fn is_closing_line(text: &str) -> bool {
    if GREETING.is_match(text) {
        return true;
    }
    SENDER_CLOSING.is_match(text) && text.chars().count() <= 120 && (text.ends_with(',') || !text.chars().any(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        for (raw, markdown, text, trailing, hard) in [
            ("Plein 4  ", true, "Plein 4", true, true),
            ("**Onze referentie**", true, "Onze referentie", false, false),
            ("[www.defensie.nl](http://www.defensie.nl)", true, "www.defensie.nl", false, false),
            ("> Retouradres Postbus 20701 2500 ES Den Haag  ", true, "Retouradres Postbus 20701 2500 ES Den Haag", true, true),
            ("*DE STAATSSECRETARIS VAN DEFENSIE*", true, "DE STAATSSECRETARIS VAN DEFENSIE", false, false),
            (" Nr. 96  BRIEF VAN DE MINISTER VAN DEFENSIE  ", false, "Nr. 96 BRIEF VAN DE MINISTER VAN DEFENSIE", true, false),
            ("1. Urgentie  ", false, "1. Urgentie", true, false),
            ("veiligheidsre", false, "veiligheidsre", false, false),
            ("bevin\u{ad}", false, "bevin-", false, false),
            ("ver\u{ad}zuim ", false, "verzuim", true, false),
            ("a\u{a0}\tb", false, "a b", false, false),
        ] {
            let line = clean(raw, markdown);
            assert_eq!((line.text.as_str(), line.trailing_space, line.hard_break), (text, trailing, hard), "{raw:?}");
        }
    }

    #[test]
    fn list_items() {
        for (text, expected) in [
            ("· de enquête vrijwillig invullen", true),
            ("– De ICT-voorzieningen", true),
            ("- punt", true),
            ("-termijnen", false),
            ("re-integratie", false),
            ("·", false),
        ] {
            assert_eq!(is_list_item(text), expected, "{text}");
        }
    }

    #[test]
    fn closing_lines() {
        for (text, expected) in [
            ("Hoogachtend,", true),
            ("Met vriendelijke groet,", true),
            ("De Minister van Defensie,", true),
            ("DE STAATSSECRETARIS VAN DEFENSIE,", true),
            ("DE STAATSSECRETARIS VAN DEFENSIE", true),
            ("De Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,", true),
            ("De Minister van Defensie heeft besloten om", false),
            ("Derk Boswijk", false),
        ] {
            assert_eq!(is_closing_line(text), expected, "{text}");
        }
    }
}
