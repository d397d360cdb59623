//! Page furniture: running footers and page numbers that PDF extraction leaves between the
//! lines of the text. The running footer of a Kamerstuk names the letter's own Kamerstuk,
//! which is kept as metadata before the footer is removed.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use crate::keys::kamerstuk_key;

/// `Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1`, optionally followed by the page
/// number the footer shares a line with.
static KAMERSTUK_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Tweede Kamer, vergaderjaar \d{4}\s*[–—-]\s*\d{4}, (\d{1,3}(?: \d{3})*|\d{4,6})(?:[ -]([A-Z]{1,5}))?, nr\. ?(\d+)(?: \d{1,3})?$")
        .expect("valid regex")
});

/// Lines that only carry a page number or an identifier of the printed edition.
static PAGE_FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,3}|(?i:pagina) \d{1,3}(?: (?:van|/) \d{1,3})?|\d{1,3} ?/ ?\d{1,3}|ISSN \d{4} ?- ?\d{3}[\dX]|kst-\d+(?:-[A-Z0-9]+)*|Eerste Kamer, vergaderjaar \d{4}\s*[–—-]\s*\d{4}, .*)$",
    )
    .expect("valid regex")
});

/// Removes footers and page numbers from `lines`; returns the Kamerstuk key of the first
/// Kamerstuk footer.
pub(crate) fn remove(lines: &mut Vec<Line>) -> Option<String> {
    let mut kamerstuk = None;
    lines.retain(|line| {
        if let Some(key) = kamerstuk_footer(&line.text) {
            kamerstuk.get_or_insert(key);
            return false;
        }
        !PAGE_FURNITURE.is_match(&line.text)
    });
    kamerstuk
}

/// The Kamerstuk key of a running footer line, e.g. `kst-36360-X-1`.
pub(crate) fn kamerstuk_footer(text: &str) -> Option<String> {
    let caps = KAMERSTUK_FOOTER.captures(text)?;
    let dossier: String = caps.get(1)?.as_str().chars().filter(char::is_ascii_digit).collect();
    let suffix = caps.get(2).map(|m| m.as_str());
    Some(kamerstuk_key(&dossier, suffix, caps.get(3)?.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers() {
        for (text, expected) in [
            ("Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1", Some("kst-36360-X-1")),
            ("Tweede Kamer, vergaderjaar 2015–2016, 33 763, nr. 96 2", Some("kst-33763-96")),
            ("Tweede Kamer, vergaderjaar 2020-2021, 31490, nr. 289", Some("kst-31490-289")),
            ("Tweede Kamer, vergaderjaar 2022–2023, 36 200 VIII, nr. 4", Some("kst-36200-VIII-4")),
            ("In de Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1", None),
            ("Tweede Kamer, vergaderjaar 2022–2023", None),
        ] {
            assert_eq!(kamerstuk_footer(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn furniture() {
        for (text, expected) in [
            ("2", true),
            ("Pagina 2 van 5", true),
            ("2/5", true),
            ("ISSN 0921 - 7371", true),
            ("kst-36360-X-1", true),
            ("1 Kamerstuk 31 490, nr. 243", false),
            ("2014", false),
            ("2026-2028", false),
        ] {
            assert_eq!(PAGE_FURNITURE.is_match(text), expected, "{text}");
        }
    }
}
