//! Repair of text extracted from PDF, before anything else reads it.
//!
//! In order: clean the lines ([`lines`](super::lines)), remove running footers and page
//! numbers ([`furniture`](super::furniture)), strip footnote markers and take the footnotes
//! out ([`footnotes`](super::footnotes)), find headings ([`sections`](super::sections)), then
//! join the lines of each paragraph. In hard-wrapped text a line break inside a paragraph
//! becomes a space, except that a word hyphenated or broken over two lines is joined again
//! (decided with the word list); blank lines stay paragraph breaks, headings, list items
//! and the closing keep their own lines, and a page break inside a sentence (a blank line
//! after an unfinished sentence, then lower case) is joined. Footnotes go last, under the
//! heading `Voetnoten`.
//!
//! Invariant: the letters of the text survive, in order; only hyphens at line ends,
//! footers, page numbers, footnote markers and markdown markup are removed (footnotes move).

use crate::lexicon;

use super::lines::{self, is_list_item, Layout, Line};
use super::sections::ends_sentence;
use super::{footnotes, furniture, sections};

/// The heading of the block of footnotes at the end of the body.
pub const FOOTNOTES_HEADING: &str = "Voetnoten";

/// Most blank lines a sentence may be broken over by a page break.
const MAX_PAGE_GAP: usize = 3;

/// The repaired text and what repair learned on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repaired {
    pub body: String,
    /// Byte offsets in `body` where heading lines start, ascending.
    pub heading_starts: Vec<usize>,
    /// The letter's own Kamerstuk, from its running footer.
    pub kamerstuk: Option<String>,
}

/// Repairs extracted letter text; see the module documentation.
pub(crate) fn repair(raw: &str) -> Repaired {
    let mut lines = lines::split(raw);
    let kamerstuk = furniture::remove(&mut lines);
    let notes = footnotes::extract(&mut lines);
    let layout = Layout::of(&lines);
    let headings = sections::mark_headings(&lines, &layout);

    let mut out = Output::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            match page_break_continuation(&lines, i, &layout, &headings) {
                Some(next) => {
                    out.join_soft(&lines[i - 1], &lines[next].text);
                    i = next + 1;
                }
                None => {
                    out.paragraph_break();
                    i += 1;
                }
            }
            continue;
        }
        let soft = i > 0 && is_soft_break(&lines, i - 1, &layout, &headings);
        if soft {
            out.join_soft(&lines[i - 1], &line.text);
        } else {
            out.new_line(&line.text, headings[i]);
        }
        i += 1;
    }
    if !notes.is_empty() {
        out.paragraph_break();
        out.new_line(FOOTNOTES_HEADING, true);
        for note in &notes {
            out.new_line(note, false);
        }
    }
    let (body, heading_starts) = out.finish();
    Repaired { body, heading_starts, kamerstuk }
}

/// Whether the break between line `i` and line `i + 1` (both non-blank) is a wrap inside a
/// paragraph.
fn is_soft_break(lines: &[Line], i: usize, layout: &Layout, headings: &[bool]) -> bool {
    let (a, b) = (&lines[i], &lines[i + 1]);
    if a.is_blank() || b.is_blank() || !layout.wrapped || a.hard_break {
        return false;
    }
    if headings[i] || headings[i + 1] || is_list_item(&b.text) {
        return false;
    }
    if i + 1 >= layout.closing_start || i < layout.body_start && i + 1 >= layout.body_start {
        return false;
    }
    if layout.spaced && !a.trailing_space && ends_sentence(&a.text) {
        return false;
    }
    // A short line ends its paragraph, unless it ends in a hyphen.
    let short = (a.chars() as f64) < layout.width as f64 * 0.6;
    !short || a.text.ends_with('-')
}

/// When the blank line(s) at `blank` split a sentence at a page break, the index of the
/// line that goes on with it.
fn page_break_continuation(lines: &[Line], blank: usize, layout: &Layout, headings: &[bool]) -> Option<usize> {
    let before = blank.checked_sub(1)?;
    let a = &lines[before];
    if a.is_blank() || headings[before] || !layout.wrapped || before < layout.body_start || ends_sentence(&a.text) {
        return None;
    }
    let next = (blank..lines.len().min(blank + MAX_PAGE_GAP + 1)).find(|&j| !lines[j].is_blank())?;
    let starts_lower = lines[next].text.starts_with(|c: char| c.is_lowercase());
    (starts_lower && next < layout.closing_start && !headings[next]).then_some(next)
}

/// The body being written, one output line per paragraph, heading or list item.
#[derive(Default)]
struct Output {
    lines: Vec<(String, bool)>,
}

impl Output {
    fn new_line(&mut self, text: &str, heading: bool) {
        self.lines.push((text.to_string(), heading));
    }

    /// A blank line, never two in a row and never first.
    fn paragraph_break(&mut self) {
        if self.lines.last().is_some_and(|(t, _)| !t.is_empty()) {
            self.lines.push((String::new(), false));
        }
    }

    /// Continues the current line with `next`, the line after `prev` in the text.
    fn join_soft(&mut self, prev: &Line, next: &str) {
        let Some((current, _)) = self.lines.last_mut().filter(|(t, _)| !t.is_empty()) else {
            self.new_line(next, false);
            return;
        };
        join_lines(current, next, prev.trailing_space);
    }

    fn finish(self) -> (String, Vec<usize>) {
        let mut body = String::new();
        let mut starts = Vec::new();
        let mut lines = self.lines;
        while lines.last().is_some_and(|(t, _)| t.is_empty()) {
            lines.pop();
        }
        for (n, (text, heading)) in lines.iter().enumerate() {
            if n > 0 {
                body.push('\n');
            }
            if *heading {
                starts.push(body.len());
            }
            body.push_str(text);
        }
        (body, starts)
    }
}

/// Appends the wrapped line `next` to `current`, repairing a word split over the break.
/// `spaced` says whether the extracted line ended in whitespace.
pub(crate) fn join_lines(current: &mut String, next: &str, spaced: bool) {
    let next = next.trim_start();
    let right = first_word(next);
    if let Some(left) = current.strip_suffix('-').map(last_word).filter(|l| !l.is_empty()) {
        match hyphen_break(left, right) {
            HyphenBreak::Join => {
                current.pop();
            }
            HyphenBreak::KeepHyphen => {}
            HyphenBreak::KeepHyphenSpace => current.push(' '),
        }
    } else if spaced || !joins_broken_word(last_word(current), right) {
        current.push(' ');
    }
    current.push_str(next);
}

/// What a hyphen at the end of a line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HyphenBreak {
    /// A hyphenation: `bevin-` + `dingen` is `bevindingen`.
    Join,
    /// A real hyphen: `re-` + `integratie`, `IT-` + `gebied`.
    KeepHyphen,
    /// A hyphen standing for a shared compound part: `thuiswerk-` + `en internetvergoeding`.
    KeepHyphenSpace,
}

/// Decides a hyphen at a line end between `left` (the word before it) and `right` (the
/// first word of the next line, possibly with trailing punctuation).
pub(crate) fn hyphen_break(left: &str, right: &str) -> HyphenBreak {
    let right = right.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = right.chars().next() else {
        return HyphenBreak::KeepHyphen;
    };
    if matches!(right, "en" | "of" | "tot" | "noch" | "als") {
        return HyphenBreak::KeepHyphenSpace;
    }
    // Abbreviations and names keep their hyphen (`IT-`, `HR-`, `P&O-`, `COVID-19-`), and so
    // does a hyphen before a capital or a number (`Noord-Holland`, `2026-2028`).
    let abbreviation = left.chars().skip(1).any(char::is_uppercase)
        || left.chars().any(|c| c.is_ascii_digit() || c == '&')
        || (left.chars().count() == 1 && left.chars().all(char::is_uppercase));
    if abbreviation || !first.is_lowercase() {
        return HyphenBreak::KeepHyphen;
    }
    let joined = format!("{left}{right}");
    let hyphenated = format!("{left}-{right}");
    if lexicon::contains(&joined) {
        HyphenBreak::Join
    } else if lexicon::contains(&hyphenated) {
        HyphenBreak::KeepHyphen
    } else if lexicon::is_compound(&joined) {
        HyphenBreak::Join
    } else if ends_with_vowel(left) && first_is_vowel(right) {
        // Dutch writes a hyphen where two vowels would merge: `zee-egel`, `auto-ongeluk`.
        HyphenBreak::KeepHyphen
    } else {
        HyphenBreak::Join
    }
}

/// Whether `left` at the end of a line and `right` at the start of the next, with no space
/// between them in the extracted text, are the two halves of one word: the joined form is a
/// word or compound and the halves are not both words (`talentmana` + `gement`, `veilig` +
/// `heidsdomein`; never `de` + `defensie`).
pub(crate) fn joins_broken_word(left: &str, right: &str) -> bool {
    let right = right.trim_end_matches(|c: char| !c.is_alphanumeric());
    let plain = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '’' || c == '\'');
    if !plain(left) || !plain(right) || !right.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    if lexicon::contains(left) && lexicon::contains(right) {
        return false;
    }
    let joined = format!("{left}{right}");
    lexicon::contains(&joined) || lexicon::is_compound(&joined)
}

/// The word before the end of `text`: back to whitespace or an opening bracket or quote.
fn last_word(text: &str) -> &str {
    let start =
        text.char_indices().rev().find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '“' | '‘' | '«' | '"' | '/')).map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

fn first_word(text: &str) -> &str {
    text.split(char::is_whitespace).next().unwrap_or("")
}

const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'y', 'A', 'E', 'I', 'O', 'U'];

fn ends_with_vowel(word: &str) -> bool {
    word.ends_with(VOWELS)
}

fn first_is_vowel(word: &str) -> bool {
    word.starts_with(VOWELS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use HyphenBreak::*;

    #[test]
    fn hyphens_at_line_ends() {
        // (left, right, expected): lines of the seed letters and their look-alikes.
        for (left, right, expected) in [
            ("bevin", "dingen", Join),
            ("verzui", "mende", Join),
            ("verschil", "lende", Join),
            ("verbeter", "maatregelen", Join),
            ("bedrijfs", "leven", Join),
            ("ontwikke", "lingen", Join),
            ("leidingge", "venden", Join),
            ("overeen", "komen", Join),
            ("produc", "tiever", Join),
            ("maatre", "gelen", Join),
            ("bijvoor", "beeld", Join),
            ("samenwer", "ken", Join),
            ("kantoor", "ruimte,", Join),
            ("thuiswerkvoorzie", "ningen.", Join),
            ("scenario’s", "ontwikke", Join),
            ("Defensie", "onderdeel", Join),
            ("re", "integratie", KeepHyphen),
            ("IT", "gebied", KeepHyphen),
            ("HR", "model", KeepHyphen),
            ("P&O", "functionarissen", KeepHyphen),
            ("I", "agenda", KeepHyphen),
            ("Staten", "Generaal", KeepHyphen),
            ("2026", "2028", KeepHyphen),
            ("thuiswerk", "en", KeepHyphenSpace),
            ("bewakings", "en", KeepHyphenSpace),
            ("zee", "egel", KeepHyphen),
        ] {
            assert_eq!(hyphen_break(left, right), expected, "{left}- {right}");
        }
    }

    #[test]
    fn words_broken_without_hyphen() {
        for (left, right, expected) in [
            ("veiligheidsre", "gio’s,", true),
            ("veilig", "heidsdomein", true),
            ("talentmana", "gement", true),
            ("defensieonder", "delen", true),
            ("de", "defensie", false),
            ("sociale", "partners", false),
            ("Lanschot", "heb", false),
            ("2022", "zijn", false),
            ("partners", "Aan", false),
            ("", "x", false),
        ] {
            assert_eq!(joins_broken_word(left, right), expected, "{left} + {right}");
        }
    }

    #[test]
    fn joining_wrapped_lines() {
        for (current, next, spaced, expected) in [
            ("bevin-", "dingen van onder andere", false, "bevindingen van onder andere"),
            ("Met verschil-", "lende leerinterventies", false, "Met verschillende leerinterventies"),
            ("De verbeter-", " maatregelen zullen", false, "De verbetermaatregelen zullen"),
            ("ondersteuning op IT-", "gebied", false, "ondersteuning op IT-gebied"),
            ("een thuiswerk-", "en een internetvergoeding", false, "een thuiswerk- en een internetvergoeding"),
            ("in het nationale veilig", "heidsdomein structureel", false, "in het nationale veiligheidsdomein structureel"),
            ("over de", "re-integratie", true, "over de re-integratie"),
            ("al geruime tijd", "speciale aandacht.", true, "al geruime tijd speciale aandacht."),
            ("hybride dreigingen", "en meer", false, "hybride dreigingen en meer"),
        ] {
            let mut text = current.to_string();
            join_lines(&mut text, next, spaced);
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn last_words() {
        for (text, expected) in [("de (SEH", "SEH"), ("op IT", "IT"), ("", ""), ("één", "één")] {
            assert_eq!(last_word(text), expected);
        }
    }
}
