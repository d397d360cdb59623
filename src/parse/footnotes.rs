//! Footnotes. PDF extraction glues a footnote's number to the word it follows
//! (`Rijk 20251`, `I-agenda2`) and puts the footnote text where the page ended. A run of
//! lines numbered on from the last footnote (`1 Kamerstuk 31 490, nr. 243`) counts as
//! footnotes only when every number is found glued to a word earlier in the text; then the
//! markers are stripped and the footnote lines are taken out, to be kept at the end of the
//! body (they carry citations).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_list_item, Line};

static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2}) \S").expect("valid regex"));

/// Characters that may follow a footnote marker within its token (`werkgevers.3` is rare,
/// `I-agenda2,` common).
const AFTER_MARKER: &[char] = &[',', '.', ';', ':', ')', ']', '’', '”', '"', '\'', '!', '?'];

/// Strips footnote markers and takes footnote lines out of `lines`; returns the footnotes
/// in order, each as one line (`1 Kamerstuk 31 490, nr. 243`).
pub(crate) fn extract(lines: &mut Vec<Line>) -> Vec<String> {
    let mut notes = Vec::new();
    let mut next_number = 1;
    let mut floor = 0; // footnote markers of a run lie after the previous run
    let mut i = 0;
    while i < lines.len() {
        let Some((first, run_end, texts)) = footnote_run(lines, i, next_number) else {
            i += 1;
            continue;
        };
        let numbers = first..first + texts.len();
        match find_markers(&lines[floor..i], numbers.clone()) {
            Some(markers) => {
                for (line, at, len) in markers {
                    lines[floor + line].text.replace_range(at..at + len, "");
                }
                lines.drain(i..run_end);
                notes.extend(texts);
                next_number = numbers.end;
                floor = i;
            }
            None => i = run_end,
        }
    }
    notes
}

/// The footnote run starting at line `start`, when that line is footnote `expected`:
/// (first number, end line, footnote texts with wrapped lines joined).
fn footnote_run(lines: &[Line], start: usize, expected: usize) -> Option<(usize, usize, Vec<String>)> {
    if start > 0 && !lines[start - 1].is_blank() {
        return None;
    }
    let mut texts: Vec<String> = Vec::new();
    let mut end = start;
    while let Some(line) = lines.get(end) {
        let number = footnote_number(&line.text);
        if number == Some(expected + texts.len()) {
            texts.push(line.text.clone());
        } else if let Some(last) = texts.last_mut().filter(|_| is_continuation(&line.text)) {
            last.push(' ');
            last.push_str(&line.text);
        } else {
            break;
        }
        end += 1;
    }
    (!texts.is_empty()).then_some((expected, end, texts))
}

fn footnote_number(text: &str) -> Option<usize> {
    let caps = FOOTNOTE.captures(text)?;
    caps.get(1)?.as_str().parse().ok()
}

/// A wrapped footnote goes on in lower case or with a link.
fn is_continuation(text: &str) -> bool {
    !is_list_item(text) && (text.starts_with(|c: char| c.is_lowercase()) || text.starts_with("http") || text.starts_with("www."))
}

/// Finds the marker of every number in `numbers` in `lines`, each before the next one's
/// marker, taking the one nearest before (markers stand on the footnote's page). Returns
/// (line, byte offset, byte length) per marker.
fn find_markers(lines: &[Line], numbers: std::ops::Range<usize>) -> Option<Vec<(usize, usize, usize)>> {
    let mut found = Vec::new();
    let mut bound = (lines.len(), 0usize); // (line, byte offset): search strictly before
    for number in numbers.rev() {
        let digits = number.to_string();
        let hit = (0..bound.0.min(lines.len()) + 1).rev().filter(|&l| l < lines.len()).find_map(|l| {
            let limit = if l == bound.0 { bound.1 } else { usize::MAX };
            last_marker(&lines[l].text, &digits, limit).map(|at| (l, at))
        })?;
        found.push((hit.0, hit.1, digits.len()));
        bound = hit;
    }
    Some(found)
}

/// Byte offset of the last marker `digits` in `text` that starts before `limit`.
fn last_marker(text: &str, digits: &str, limit: usize) -> Option<usize> {
    let mut best = None;
    let mut offset = 0;
    for token in text.split(' ') {
        let core = token.trim_end_matches(AFTER_MARKER);
        if let Some(prefix) = core.strip_suffix(digits) {
            let at = offset + prefix.len();
            if at < limit && is_marker_prefix(prefix) {
                best = Some(at);
            }
        }
        offset += token.len() + 1;
    }
    best
}

/// The text a marker may be glued to: a word with a lower-case letter (`I-agenda`, not
/// `CO` of `CO2`), possibly ending in punctuation, or a year (`2025` of `Rijk 20251`).
fn is_marker_prefix(prefix: &str) -> bool {
    let Some(last) = prefix.chars().last() else {
        return false;
    };
    let year = prefix.len() == 4 && prefix.bytes().all(|b| b.is_ascii_digit()) && (prefix.starts_with("19") || prefix.starts_with("20"));
    let word = (last.is_alphabetic() || AFTER_MARKER.contains(&last)) && prefix.chars().any(char::is_lowercase);
    year || word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn markers_stripped_and_notes_taken_out() {
        let mut lines = split(
            "Strategisch Personeelsbeleid Rijk 20251 en de Strategische I-agenda2 \n\
             \n\
             gaven op de verschillende domeinen al richting. \n\
             \n\
             1 Kamerstuk 31 490, nr. 243\n\
             2 Kamerstukken 26 643 en 31 490, nr. 683\n\
             – De ICT-voorzieningen worden goed gewaardeerd.",
        );
        let notes = extract(&mut lines);
        assert_eq!(notes, ["1 Kamerstuk 31 490, nr. 243", "2 Kamerstukken 26 643 en 31 490, nr. 683"]);
        assert_eq!(
            texts(&lines),
            [
                "Strategisch Personeelsbeleid Rijk 2025 en de Strategische I-agenda",
                "",
                "gaven op de verschillende domeinen al richting.",
                "",
                "– De ICT-voorzieningen worden goed gewaardeerd.",
            ]
        );
    }

    #[test]
    fn numbered_lines_without_markers_stay() {
        let raw = "Het gaat om 2021 en CO2.\n\n1 Kamerstuk 31 490, nr. 243\n";
        let mut lines = split(raw);
        assert!(extract(&mut lines).is_empty());
        assert_eq!(texts(&lines), ["Het gaat om 2021 en CO2.", "", "1 Kamerstuk 31 490, nr. 243", ""]);
    }

    #[test]
    fn marker_prefixes() {
        for (prefix, expected) in [("I-agenda", true), ("2025", true), ("werkgevers.", true), ("CO", false), ("202", false), ("nr.", true), ("", false)] {
            assert_eq!(is_marker_prefix(prefix), expected, "{prefix}");
        }
    }
}
