//! Headings and sections.
//!
//! A heading is a short line without final punctuation that starts with a capital or a
//! section number and introduces text: it follows a blank line, a finished sentence or
//! another heading, and the next line starts a sentence. Only the letter proper is searched
//! (after the salutation or the place-and-date line, before the closing), so letterhead,
//! addressee and signature lines are never headings. Not headings either: list items, chart
//! and table captions (`Grafiek 1: ...`: they label a picture that the text lacks) and, in
//! hard-wrapped text, lines nearly as wide as the text (the wrapped lines of a paragraph).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{is_list_item, Layout, Line};
use super::Section;

/// Longest heading, in characters and in words.
const MAX_CHARS: usize = 90;
const MAX_WORDS: usize = 12;
/// In wrapped text a heading is shorter than this share of the line width.
const MAX_WIDTH_SHARE: f64 = 0.85;

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}(?:\.\d{1,2})*\.? \p{Lu}").expect("valid regex"));
static CAPTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:grafiek|figuur|tabel|afbeelding|bijlage|kader|bron)\b").expect("valid regex"));

/// For each line, whether it is a heading.
pub(crate) fn mark_headings(lines: &[Line], layout: &Layout) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    for i in layout.body_start..layout.closing_start.min(lines.len()) {
        let after_break = match i.checked_sub(1) {
            None => true,
            Some(p) if p < layout.body_start => true,
            Some(p) => lines[p].is_blank() || marks[p] || ends_sentence(&lines[p].text),
        };
        marks[i] = after_break && is_heading_text(&lines[i], layout) && introduces_text(lines, i, layout);
    }
    marks
}

fn is_heading_text(line: &Line, layout: &Layout) -> bool {
    let text = &line.text;
    let chars = line.chars();
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(first);
    let fits = !layout.wrapped || (chars as f64) < layout.width as f64 * MAX_WIDTH_SHARE;
    (first.is_uppercase() || NUMBERED.is_match(text))
        && chars <= MAX_CHARS
        && text.split(' ').count() <= MAX_WORDS
        && fits
        && !matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '-')
        && !is_list_item(text)
        && !CAPTION.is_match(text)
        && !opens_more_than_it_closes(text)
}

/// A line that opens a quotation or bracket it does not close goes on in the next line:
/// a sentence, not a heading (`Mijn ambtsvoorganger liet in zijn brief “Stand van zaken`).
fn opens_more_than_it_closes(text: &str) -> bool {
    let count = |set: &[char]| text.chars().filter(|c| set.contains(c)).count();
    count(&['“', '‘', '«', '(', '[']) > count(&['”', '’', '»', ')', ']'])
}

/// The next non-blank line, before the closing, starts a sentence.
fn introduces_text(lines: &[Line], i: usize, layout: &Layout) -> bool {
    let next = (i + 1..layout.closing_start.min(lines.len())).find(|&j| !lines[j].is_blank());
    next.is_some_and(|j| {
        let first = lines[j].text.chars().next();
        first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) || is_list_item(&lines[j].text)
    })
}

/// Ends in a full stop, question mark, exclamation mark or colon, possibly inside quotes or
/// brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '’', '”', ')', '»']);
    trimmed.ends_with(['.', '!', '?', ':'])
}

/// Sections of `body` given the byte offsets where heading lines start (ascending). Text
/// before the first heading is a section without heading unless it is blank.
pub(crate) fn build(body: &str, heading_starts: &[usize]) -> Vec<Section> {
    let mut sections = Vec::with_capacity(heading_starts.len() + 1);
    let first = heading_starts.first().copied().unwrap_or(body.len());
    if !body[..first].trim().is_empty() {
        sections.push(Section { heading: None, start: 0, end: first });
    }
    for (n, &start) in heading_starts.iter().enumerate() {
        let end = heading_starts.get(n + 1).copied().unwrap_or(body.len());
        let line_end = body[start..].find('\n').map_or(body.len(), |e| start + e);
        sections.push(Section { heading: Some(body[start..line_end].to_string()), start, end });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split;

    fn headings(raw: &str) -> Vec<String> {
        let lines = split(raw);
        let layout = Layout::of(&lines);
        let marks = mark_headings(&lines, &layout);
        lines.iter().zip(marks).filter(|(_, m)| *m).map(|(l, _)| l.text.clone()).collect()
    }

    #[test]
    fn paragraph_per_line() {
        let raw = "Geachte voorzitter,\nMet deze brief informeer ik u.\n\nVerhouding met sociale partners\n\
                   Aan het lid Van Lanschot heb ik toegezegd.\n\nGrafiek 1: aantal medewerkers\n\n\
                   Er zijn enkele situaties:\n· Een verslechtering van de veiligheidssituatie\n\n\
                   Spoedeisende hulp (SEH-) artsen\nAan het lid Ten Hove.\n\nHoogachtend,\n\nDerk Boswijk\n";
        assert_eq!(headings(raw), ["Verhouding met sociale partners", "Spoedeisende hulp (SEH-) artsen"]);
    }

    #[test]
    fn wrapped_text() {
        let raw = "Nationaal en civiel-militaire samenwerking\n\
                   Defensie voert in samenwerking met Justitie en Veiligheid, veiligheidsre\n\
                   gio’s, bedrijfsleven en politie het programma Civiel-Militaire Samenwerking \n\
                   uit. In dit programma wordt de rol van Defensie in het nationale veilig\n\
                   heidsdomein structureel verstevigd en de civiel-militaire samenwerking \n\
                   rechtspositionele aspecten te verbeteren.\n\
                   3.2 Een goede werkgever, verbonden met de samenleving\n\
                   HR-transitie\n\
                   Het arbeidsvoorwaardenakkoord van juli 2022 realiseert belangrijke \n\
                   Kamer aan de orde gekomen (algemeen overleg Personeel van 23 januari \n";
        assert_eq!(headings(raw), ["Nationaal en civiel-militaire samenwerking", "3.2 Een goede werkgever, verbonden met de samenleving", "HR-transitie"]);
    }

    #[test]
    fn a_line_that_opens_a_quotation_goes_on() {
        // Letter 001 as a PDF sets the line break inside the quoted title.
        let raw = "Geachte voorzitter,\nmeld ik u het volgende.\n\n\
                   Mijn ambtsvoorganger liet in zijn brief “Stand van zaken maatregelenbrief\n\
                   Onze mensen, onze toekomst: meer, beter en sneller” (Kamerstuk 33763-174\n\
                   van 17 december 2025) weten dat Defensie de benodigde capaciteit in kaart brengt.\n\n\
                   Spoedeisende hulp (SEH-) artsen\nAan het lid Ten Hove.\n";
        assert_eq!(headings(raw), ["Spoedeisende hulp (SEH-) artsen"]);
    }

    #[test]
    fn sentence_ends() {
        for (text, expected) in [
            ("te verbeteren.", true),
            ("(Kamerstuk 33 763, nr. 38).", true),
            ("het volgende op:", true),
            ("«thuis zouden zitten.»", true),
            ("al geruime tijd", false),
            ("bevin-", false),
        ] {
            assert_eq!(ends_sentence(text), expected, "{text}");
        }
    }

    #[test]
    fn sections_cover_the_body() {
        let body = "Geachte voorzitter,\n\n1. Urgentie\n\nTekst.\n\n2. Opgave\n\nMeer.";
        let sections = build(body, &[21, 42]);
        assert_eq!(
            sections,
            [
                Section { heading: None, start: 0, end: 21 },
                Section { heading: Some("1. Urgentie".into()), start: 21, end: 42 },
                Section { heading: Some("2. Opgave".into()), start: 42, end: body.len() },
            ]
        );
        assert_eq!(build("\n", &[]), []);
    }
}
