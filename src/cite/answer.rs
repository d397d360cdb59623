//! Whether a letter answers a commitment or motion it cites: reports on what was
//! promised (a toezegging) or asked (a motion), rather than mentioning it in passing.
//!
//! Precision comes first, so only the ways letters to parliament introduce such a report
//! count, read in the citing sentence and the one after it:
//! - a toezegging named as promised (`heb ik toegezegd`, `heeft mijn ambtsvoorganger
//!   toegezegd`, `deze toezegging`) together with a report: the promise was to inform or
//!   come back (`te informeren`, `terug te komen`), or the letter says it is kept
//!   (`ingelost`, `kom ik … na`, `Inmiddels kan ik u melden`, `Met deze brief`);
//! - a motion introduced as what the letter responds to (`In reactie op de motie`, `Ten
//!   aanzien van (de uitvoering van) de motie`, `Inzake de motie`, `Naar aanleiding van
//!   de motie`, `Ter uitvoering van de motie`, `Met betrekking tot de motie`), before
//!   the citation, or stated to be adopted (`Deze motie is aangenomen`).
//!
//! A motion known only by its mover's name (`de motie van het lid van Baarle zal ik
//! hierbij betrekken`) or a toezegging listed without a word of its being kept is no
//! answer.

use super::text::fold;
use super::{sentence_span, Citation, CitationKind};

/// Words that name a toezegging as promised.
const PROMISED: &[&str] = &["toegezegd", "toezegging", "toe te zeggen"];

/// Words that report on it: the promise was to inform or to come back, or it is kept.
const REPORTED: &[&str] = &[
    "te informeren",
    "terug te komen",
    "te rapporteren",
    "ingelost",
    "gestand",
    "kom ik hiermee",
    "kom ik met deze brief",
    "kom ik deze toezegging na",
    "met deze brief",
    "met deze kamerbrief",
    "hierbij informeer",
    "inmiddels kan ik",
    "kan ik u melden",
    "kan ik u informeren",
];

/// How a letter introduces a motion it responds to (folded, before the citation).
const RESPONDS_TO_MOTION: &[&str] = &[
    "in reactie op de motie",
    "ten aanzien van de motie",
    "ten aanzien van de uitvoering van de motie",
    "inzake de motie",
    "naar aanleiding van de motie",
    "ter uitvoering van de motie",
    "met betrekking tot de motie",
    "uitvoering van de motie",
];

/// A motion stated to be adopted, in the sentence that cites it.
const ADOPTED: &[&str] = &["motie is aangenomen", "moties zijn aangenomen"];

/// Whether the letter `text` answers the commitment or motion `c` cites.
pub(crate) fn answers(text: &str, c: &Citation) -> bool {
    if !matches!(c.kind, CitationKind::Toezegging | CitationKind::Motie) {
        return false;
    }
    let (s, e) = sentence_span(text, c.start, c.end);
    let sentence = fold(&text[s..e]);
    match c.kind {
        CitationKind::Toezegging => {
            let next = fold(next_sentence(text, e));
            PROMISED.iter().any(|w| sentence.contains(w)) && REPORTED.iter().any(|w| sentence.contains(w) || next.contains(w))
        }
        CitationKind::Motie if !c.key.starts_with("motie-") => {
            let before = fold(&text[s..c.start.max(s)]);
            RESPONDS_TO_MOTION.iter().any(|w| before.contains(w)) || ADOPTED.iter().any(|w| sentence.contains(w))
        }
        _ => false,
    }
}

/// The sentence that starts after byte `end` (empty at the end of the text).
fn next_sentence(text: &str, end: usize) -> &str {
    let Some(rest) = text.get(end..) else { return "" };
    let start = end + (rest.len() - rest.trim_start().len());
    if start >= text.len() {
        return "";
    }
    let first = text[start..].chars().next().map_or(1, char::len_utf8);
    let (_, e) = sentence_span(text, start, start + first);
    text.get(start..e.max(start)).unwrap_or("")
}
