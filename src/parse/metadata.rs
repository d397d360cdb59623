//! Metadata from the repaired body, in the layouts letters come in:
//!
//! - a letterhead (`Datum 13 april 2026`, `Betreft Remotie Defensie`, an `Onze referentie`
//!   block), closed by `Hoogachtend,`, the sender in capitals and the signer;
//! - a printed Kamerstuk (`Nr. 96 BRIEF VAN DE MINISTER VAN DEFENSIE`,
//!   `Den Haag, 14 december 2015`), closed by `De Minister van Defensie,` and the signer;
//! - no header at all: the date is then inferred from the latest full date in the text.
//!
//! The sender is written as in a sentence: `Minister van Defensie`,
//! `Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties`.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_closing_line, SENDER_CLOSING};
use super::{dates, Metadata};

/// How many lines from the top header fields may stand.
const HEADER_LINES: usize = 60;
/// How many non-blank lines from the end the closing may start.
const CLOSING_LINES: usize = 12;

static KAMERSTUK_HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Nr\.\s*(\d+[A-Za-z]?)\s+(?i:brief van de)\s+(.+?)\s*$").expect("valid regex"));
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:Datum:?|Den Haag,|['’]s-Gravenhage,)\s*(.*)$").expect("valid regex"));
static SUBJECT_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:Betreft|Onderwerp):?\s*(.*)$").expect("valid regex"));
static REFERENCE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:onze referentie|ons kenmerk):?\s*(.*)$").expect("valid regex"));
/// Labels of a letterhead's margin column, which end a reference block.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:datum|betreft|onderwerp|bijlage\(?n?\)?|uw referentie|uw kenmerk|bij beantwoording|contactpersoon|retouradres)\b").expect("valid regex")
});

/// Reads the metadata of a repaired letter body (all but its Kamerstuk, which the
/// running footer states), with warnings for what is missing.
pub(crate) fn extract(body: &str) -> (Metadata, Vec<String>) {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let header = &lines[..lines.len().min(HEADER_LINES)];
    let mut meta = Metadata::default();
    let mut warnings = Vec::new();

    let kamerstuk_header = header.iter().find_map(|l| KAMERSTUK_HEADER.captures(l));
    meta.number = kamerstuk_header.as_ref().and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
    let header_sender = kamerstuk_header.as_ref().and_then(|c| c.get(2)).map(|m| m.as_str());

    meta.subject = labelled(header, &SUBJECT_LINE);
    meta.reference = reference(header);

    let stated = header.iter().enumerate().find_map(|(i, l)| {
        let value = DATE_LINE.captures(l)?.get(1)?.as_str();
        // A label alone on its line has its value on the next.
        let value = if value.is_empty() { next_non_blank(header, i)? } else { value };
        dates::first(value)
    });
    match stated {
        Some(date) => meta.date = Some(date),
        None => match dates::latest_mentioned(body) {
            Some(latest) => {
                meta.date = Some(latest);
                meta.date_inferred = true;
                warnings.push(format!("no date stated; inferred {latest} from the text"));
            }
            None => warnings.push("no date found".to_string()),
        },
    }

    let (closing_sender, signer) = closing(&lines);
    meta.sender = closing_sender.filter(|s| s.chars().any(char::is_lowercase)).or(header_sender).or(closing_sender).map(normalize_sender);
    meta.signer = signer.map(str::to_string);
    if meta.sender.is_none() {
        warnings.push("no sender found".to_string());
    }
    if meta.signer.is_none() {
        warnings.push("no signer found".to_string());
    }
    (meta, warnings)
}

/// The value of a `Label value` line, or of the line after a label standing alone.
fn labelled(header: &[&str], label: &Regex) -> Option<String> {
    header.iter().enumerate().find_map(|(i, l)| {
        let value = label.captures(l)?.get(1)?.as_str();
        let value = if value.is_empty() { next_non_blank(header, i)? } else { value };
        Some(value.to_string())
    })
}

/// The reference block under `Onze referentie`, its lines joined by spaces
/// (`D2025-003249 / MINDEF20260021334`): both numbers, as the letter prints them.
fn reference(header: &[&str]) -> Option<String> {
    let i = header.iter().position(|l| REFERENCE_LINE.is_match(l))?;
    let inline = REFERENCE_LINE.captures(header[i])?.get(1)?.as_str();
    if !inline.is_empty() {
        return Some(inline.to_string());
    }
    let block: Vec<&str> = header[i + 1..].iter().skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty() && !LABEL.is_match(l)).copied().collect();
    (!block.is_empty()).then(|| block.join(" "))
}

fn next_non_blank<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    lines.get(i + 1..)?.iter().find(|l| !l.is_empty()).copied()
}

/// The sender line of the closing and the signer under it.
fn closing<'a>(lines: &[&'a str]) -> (Option<&'a str>, Option<&'a str>) {
    let non_blank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let tail = &non_blank[non_blank.len().saturating_sub(CLOSING_LINES)..];
    let Some(start) = tail.iter().position(|&i| is_closing_line(lines[i])) else {
        return (None, None);
    };
    let closing = &tail[start..];
    let sender_at = closing.iter().position(|&i| !is_greeting(lines[i]) && SENDER_CLOSING.is_match(lines[i]));
    let sender = sender_at.and_then(|s| SENDER_CLOSING.captures(lines[closing[s]])?.get(1)).map(|m| m.as_str());
    let after = sender_at.map_or(1, |s| s + 1);
    let signer = closing.get(after..).and_then(|rest| rest.iter().map(|&i| lines[i]).find(|l| is_name(l)));
    (sender, signer)
}

fn is_greeting(line: &str) -> bool {
    is_closing_line(line) && !SENDER_CLOSING.is_match(line)
}

/// `Derk Boswijk`, `J.A. Hennis-Plasschaert`, `R.W. Knops`.
fn is_name(line: &str) -> bool {
    let words = line.split(' ').count();
    line.starts_with(|c: char| c.is_uppercase())
        && (1..=6).contains(&words)
        && line.chars().count() <= 60
        && !line.chars().any(|c| c.is_ascii_digit())
        && !line.ends_with([',', ':', ';'])
}

/// Words that stay lower case inside a title: `Minister van Binnenlandse Zaken en ...`.
const LOWER_IN_TITLE: &[&str] = &["van", "voor", "de", "der", "den", "het", "en", "op", "in", "of", "bij", "met", "'t"];

/// `DE STAATSSECRETARIS VAN DEFENSIE,` → `Staatssecretaris van Defensie`;
/// `De Minister van Defensie,` → `Minister van Defensie`.
pub(crate) fn normalize_sender(raw: &str) -> String {
    let trimmed = raw.trim().trim_end_matches([',', '.', '*']).trim();
    let trimmed = trimmed.strip_prefix("De ").or_else(|| trimmed.strip_prefix("DE ")).unwrap_or(trimmed);
    let shouting = !trimmed.chars().any(char::is_lowercase);
    let words: Vec<String> = trimmed
        .split_whitespace()
        .enumerate()
        .map(|(n, word)| {
            if !shouting {
                return if n == 0 { capitalize(word) } else { word.to_string() };
            }
            let lower = word.to_lowercase();
            if n > 0 && LOWER_IN_TITLE.contains(&lower.as_str()) {
                lower
            } else {
                lower.split('-').map(capitalize).collect::<Vec<_>>().join("-")
            }
        })
        .collect();
    words.join(" ")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn senders() {
        for (raw, expected) in [
            ("DE STAATSSECRETARIS VAN DEFENSIE,", "Staatssecretaris van Defensie"),
            ("MINISTER VAN DEFENSIE", "Minister van Defensie"),
            ("STAATSSECRETARIS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
            ("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties,", "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
            ("MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN SPORT", "Minister van Volksgezondheid, Welzijn en Sport"),
            ("MINISTER-PRESIDENT", "Minister-President"),
            ("minister van Defensie", "Minister van Defensie"),
        ] {
            assert_eq!(normalize_sender(raw), expected, "{raw}");
        }
    }

    #[test]
    fn names() {
        for (line, expected) in [
            ("Derk Boswijk", true),
            ("J.A. Hennis-Plasschaert", true),
            ("R.W. Knops", true),
            ("Hoogachtend,", false),
            ("Bezuidenhoutseweg 67", false),
            ("de Kamer wordt geïnformeerd over de voortgang van het beleid", false),
        ] {
            assert_eq!(is_name(line), expected, "{line}");
        }
    }

    #[test]
    fn letterhead_block() {
        let body = "Onze referentie\n\nD2025-003249 /\nMINDEF20260021334\n\nBij beantwoording, datum,\n\n\
                    Datum 13 april 2026\nBetreft Remotie Defensie\n\nGeachte voorzitter,\n\nTekst.\n\n\
                    Hoogachtend,\n\nDE STAATSSECRETARIS VAN DEFENSIE\n\nDerk Boswijk";
        let (meta, warnings) = extract(body);
        assert_eq!(meta.reference.as_deref(), Some("D2025-003249 / MINDEF20260021334"));
        assert_eq!(meta.subject.as_deref(), Some("Remotie Defensie"));
        assert_eq!(meta.date, Some(time::macros::date!(2026 - 04 - 13)));
        assert_eq!(meta.sender.as_deref(), Some("Staatssecretaris van Defensie"));
        assert_eq!(meta.signer.as_deref(), Some("Derk Boswijk"));
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn labels_on_their_own_line() {
        let (meta, warnings) = extract("Datum\n13 april 2026\nBetreft\nRemotie Defensie\n\nTekst.");
        assert_eq!(meta.date, Some(time::macros::date!(2026 - 04 - 13)));
        assert_eq!(meta.subject.as_deref(), Some("Remotie Defensie"));
        assert_eq!(warnings, ["no sender found", "no signer found"]);
    }
}
