//! A document given as fields (id, title, date, text, …) made into a [`Letter`].

use std::collections::BTreeMap;

use time::Date;

use super::markdown::clean_markdown;
use crate::parse::{Letter, Metadata, Section};

/// Longest title taken from the start of the text, in characters.
const MAX_TITLE_CHARS: usize = 80;
/// A sentence this short (`1.`, `Ja.`) is no title on its own.
const MIN_SENTENCE_CHARS: usize = 20;

/// A document as a collection states it, before it becomes a [`Letter`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    /// The document's id.
    pub id: String,
    /// Its title, when the collection gives one.
    pub title: Option<String>,
    /// Its date, when stated.
    pub date: Option<Date>,
    /// Who sent it (`Minister van Defensie`), when stated.
    pub sender: Option<String>,
    /// The text: plain text or markdown.
    pub text: String,
    /// Other metadata, by field name.
    pub extra: BTreeMap<String, String>,
    /// Problems met reading the fields, for the user.
    pub warnings: Vec<String>,
}

/// Makes a letter of a document given as fields. The text is not PDF output, so it is
/// not repaired: markdown markup is removed and headings become sections (see
/// [`clean_markdown`]). The title is the `title` field, else the first heading, else the
/// first sentence or line of the body cut to about 80 characters, else the id.
pub fn letter_from_fields(fields: Fields) -> Letter {
    let (body, sections) = clean_markdown(&fields.text);
    let stated = fields.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let title_derived = stated.is_none();
    let title = stated.unwrap_or_else(|| derived_title(&fields.id, &body, &sections));
    Letter {
        id: fields.id,
        title,
        title_derived,
        meta: Metadata { date: fields.date, sender: fields.sender, ..Metadata::default() },
        body,
        sections,
        warnings: fields.warnings,
        extra: fields.extra,
    }
}

fn derived_title(id: &str, body: &str, sections: &[Section]) -> String {
    if let Some(heading) = sections.iter().find_map(|s| s.heading.as_deref()) {
        return heading.to_string();
    }
    match body.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(line) => title_from_line(line),
        None => id.to_string(),
    }
}

/// The first sentence of `line` when it ends within the title length, else the line cut
/// at a word boundary with `…`.
pub(crate) fn title_from_line(line: &str) -> String {
    let mut chars = 0;
    let mut last_space = None;
    let mut iter = line.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        chars += 1;
        if chars > MAX_TITLE_CHARS {
            let cut = last_space.unwrap_or(at);
            return format!("{}…", line[..cut].trim_end());
        }
        let next_is_space = iter.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '?' | '!') && next_is_space && chars >= MIN_SENTENCE_CHARS {
            return line[..at + c.len_utf8()].to_string();
        }
        if c.is_whitespace() {
            last_space = Some(at);
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_lines() {
        for (line, expected) in [
            ("Korte regel", "Korte regel"),
            ("1. De noodrem werd geactiveerd; het ging om kwaad opzet. 2. De treinbestuurder moet", "1. De noodrem werd geactiveerd; het ging om kwaad opzet."),
            (
                "Ja. Dat klopt, en het is een heel lange zin die nergens eindigt want hij gaat maar door en door",
                "Ja. Dat klopt, en het is een heel lange zin die nergens eindigt want hij gaat…",
            ),
            ("z.o.z. De zin", "z.o.z. De zin"),
            (&"a".repeat(100), &format!("{}…", "a".repeat(80))),
            ("Is het echt 3.5 procent? Ja, dat is het zeker.", "Is het echt 3.5 procent?"),
        ] {
            assert_eq!(title_from_line(line), expected, "{line}");
        }
    }

    #[test]
    fn letter_fields() {
        let letter = letter_from_fields(Fields {
            id: "184501".into(),
            text: "1. De noodrem werd geactiveerd; het ging om kwaad opzet. 2. Verder.".into(),
            sender: Some("Minister van Mobiliteit".into()),
            ..Fields::default()
        });
        assert_eq!(letter.title, "1. De noodrem werd geactiveerd; het ging om kwaad opzet.");
        assert_eq!(letter.meta.sender.as_deref(), Some("Minister van Mobiliteit"));
        assert!(!letter.meta.date_inferred);
        assert_eq!(letter.sections.len(), 1);

        let titled = letter_from_fields(Fields { id: "x".into(), title: Some("  ".into()), text: "## Kop\n\ntekst".into(), ..Fields::default() });
        assert_eq!(titled.title, "Kop");
        let empty = letter_from_fields(Fields { id: "x".into(), ..Fields::default() });
        assert_eq!((empty.title.as_str(), empty.sections.len()), ("x", 0));
    }
}
