//! Sentence boundaries around a citation, good enough for Dutch letter prose.
//!
//! A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or
//! brackets) when whitespace and then a capital, a digit, an opening quote or a
//! bullet follow, and the word before the full stop is not an abbreviation (`nr.`,
//! `jl.`, `c.s.`, `o.a.`, …) or an initial (`J.A. Hennis`). A blank line always ends
//! a sentence, and so does the line break after a heading (a short line that starts with
//! a capital and ends without punctuation, followed by a line that starts with one).
//! Other single line breaks do not: letters extracted from PDF are hard-wrapped.

use super::text::{ceil_boundary, floor_boundary};

/// Abbreviations (lowercase, without the final full stop) that never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "nr", "nrs", "jl", "c.s", "o.a", "e.a", "a.s", "d.d", "t.a.v", "m.b.t", "i.v.m", "n.a.v", "z.g", "e.d", "i.p.v", "t.z.t", "bijv", "blz", "p", "pag", "art",
    "artt", "jo", "ca", "resp", "mr", "dr", "drs", "ir", "prof", "ing", "zgn", "vgl", "stcrt", "stb", "incl", "excl", "max", "min", "mln", "mld", "mrd", "vs",
    "st", "ex", "red", "vz",
];

const CLOSERS: &[char] = &[')', ']', '"', '\'', '”', '’', '»'];

/// The byte span of the sentence around `start..end`, without surrounding whitespace.
///
/// Offsets outside the text are clamped and moved onto char boundaries, so any input is
/// safe; the result always contains `start..end` (after clamping).
pub fn sentence_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let start = floor_boundary(text, start.min(end));
    let end = ceil_boundary(text, end.max(start));
    let mut s = sentence_start(text, start);
    let mut e = sentence_end(text, end);
    while s < start && text[s..].starts_with(char::is_whitespace) {
        s += text[s..].chars().next().map_or(1, char::len_utf8);
    }
    while e > end && text[..e].ends_with(char::is_whitespace) {
        e -= text[..e].chars().next_back().map_or(1, char::len_utf8);
    }
    (s, e)
}

/// Where the sentence holding byte `pos` begins.
///
/// Scans backwards, so the cost is the length of the sentence, not of the text before
/// it: the first boundary found from the back is the nearest one, because a boundary
/// further back resumes at or before the terminator that was found first.
fn sentence_start(text: &str, pos: usize) -> usize {
    for (i, c) in text[..pos].char_indices().rev() {
        let after = i + c.len_utf8();
        let next = match c {
            '.' | '!' | '?' => boundary_after(text, i, after),
            '\n' => blank_line_end(text, after).or_else(|| heading_end(text, i)),
            _ => None,
        };
        if let Some(next) = next.filter(|&n| n <= pos) {
            return next;
        }
    }
    0
}

/// Where the sentence holding byte `pos` ends (exclusive).
fn sentence_end(text: &str, pos: usize) -> usize {
    for (off, c) in text[pos..].char_indices() {
        let i = pos + off;
        let after = i + c.len_utf8();
        match c {
            '.' | '!' | '?' if boundary_after(text, i, after).is_some() => return skip_closers(text, after),
            '\n' if blank_line_end(text, after).is_some() || heading_end(text, i).is_some() => return i,
            _ => {}
        }
    }
    text.len()
}

/// If the terminator at `i` ends a sentence, the offset where the next one may begin.
fn boundary_after(text: &str, i: usize, after: usize) -> Option<usize> {
    if text[i..].starts_with('.') && is_abbreviation(&text[..i]) {
        return None;
    }
    let after = skip_closers(text, after);
    let rest = &text[after..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() && !rest.is_empty() {
        return None; // `3.2`, `www.defensie.nl`: no whitespace after the stop
    }
    let next = trimmed.chars().next()?;
    let starts_sentence = next.is_uppercase() || next.is_ascii_digit() || matches!(next, '“' | '‘' | '"' | '\'' | '«' | '(' | '·' | '•' | '–' | '-' | '*');
    starts_sentence.then_some(text.len() - trimmed.len())
}

fn skip_closers(text: &str, mut at: usize) -> usize {
    while let Some(c) = text[at..].chars().next().filter(|c| CLOSERS.contains(c)) {
        at += c.len_utf8();
    }
    at
}

/// After a `\n` at `after - 1`: if only blanks and another `\n` follow, where the text resumes.
fn blank_line_end(text: &str, after: usize) -> Option<usize> {
    let rest = &text[after..];
    let blanks = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\u{a0}']).len();
    if rest[blanks..].starts_with('\n') {
        let tail = &rest[blanks..];
        Some(after + blanks + (tail.len() - tail.trim_start().len()))
    } else {
        None
    }
}

/// Headings are at most this many characters; hard-wrapped lines are longer.
const HEADING_MAX_CHARS: usize = 60;

/// If the line ending in the `\n` at `i` is a heading, where the next line's text begins.
fn heading_end(text: &str, i: usize) -> Option<usize> {
    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    let line = text[line_start..i].trim();
    let first = line.chars().next()?;
    let last = line.chars().next_back()?;
    let short = line.chars().count() <= HEADING_MAX_CHARS;
    let opens = first.is_uppercase() || first.is_ascii_digit();
    let unfinished = last.is_ascii_punctuation() || matches!(last, '–' | '’' | '”');
    let rest = &text[i + 1..];
    let next_at = i + 1 + (rest.len() - rest.trim_start().len());
    let next_opens = text[next_at..].chars().next().is_some_and(char::is_uppercase);
    (short && opens && !unfinished && next_opens).then_some(next_at)
}

/// Whether the word that ends `head` (the text before a full stop) is an abbreviation
/// or an initial.
fn is_abbreviation(head: &str) -> bool {
    let word_start = head.char_indices().rev().find(|&(_, c)| !(c.is_alphabetic() || c == '.')).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[word_start..];
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    match (letters.next(), letters.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_uppercase() || word.len() == 1 && c == 'p',
        _ => {
            // `J.A.`, `c.s.`, `t.a.v.`: single letters joined by full stops
            let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() <= 1);
            dotted || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_of<'a>(text: &'a str, needle: &str) -> &'a str {
        let start = text.find(needle).expect("needle in text");
        let (s, e) = sentence_span(text, start, start + needle.len());
        &text[s..e]
    }

    #[test]
    fn sentences_table() {
        let cases = [
            ("Eerste zin. Tweede zin met ZZ erin. Derde.", "ZZ", "Tweede zin met ZZ erin."),
            ("Motie nr. 171 verzoekt ZZ. Daarna.", "ZZ", "Motie nr. 171 verzoekt ZZ."),
            ("Van 15 april jl. heb ik ZZ benoemd. Volgende.", "ZZ", "Van 15 april jl. heb ik ZZ benoemd."),
            ("De motie-Struijs c.s. over ZZ is af. Ja.", "ZZ", "De motie-Struijs c.s. over ZZ is af."),
            ("Dit o.a. door ZZ. Nee.", "ZZ", "Dit o.a. door ZZ."),
            ("J.A. Hennis zegt ZZ. Oké.", "ZZ", "J.A. Hennis zegt ZZ."),
            ("Zie p. 12 voor ZZ. Klaar.", "ZZ", "Zie p. 12 voor ZZ."),
            ("Alinea een.\n\nKop zonder punt\n\nTekst met ZZ", "ZZ", "Tekst met ZZ"),
            ("Hard-\ngewrapte regel met\nZZ loopt door. Nieuw.", "ZZ", "Hard-\ngewrapte regel met\nZZ loopt door."),
            ("In 2016. 12% wil ZZ. Eind.", "ZZ", "12% wil ZZ."),
            ("Brief (Kamerstuk 33763, nr. 176 van 3 april jl.) valt ZZ. Na.", "ZZ", "Brief (Kamerstuk 33763, nr. 176 van 3 april jl.) valt ZZ."),
            ("Zie www.defensie.nl voor ZZ. Klaar.", "ZZ", "Zie www.defensie.nl voor ZZ."),
            ("Vraag? Antwoord met ZZ! Slot.", "ZZ", "Antwoord met ZZ!"),
            ("Vorige alinea.\nKop van een alinea\nTekst met ZZ hier.", "ZZ", "Tekst met ZZ hier."),
            ("Tekst met ZZ hier\nVolgende kop\nTekst.", "ZZ", "Tekst met ZZ hier"),
        ];
        for (text, needle, expected) in cases {
            assert_eq!(sentence_of(text, needle), expected, "{text:?}");
        }
    }

    #[test]
    fn out_of_range_offsets_are_clamped() {
        let text = "Één zin.";
        assert_eq!(sentence_span(text, 1, 100), (0, text.len()));
        assert_eq!(sentence_span("", 5, 2), (0, 0));
    }
}
