//! Markdown as the regulation collections write it, cleaned into searchable text.
//!
//! Only markup that would reach the index as words or clutter snippets is removed; the
//! words it marks up stay:
//!
//! | markdown | body |
//! |---|---|
//! | `##Besluit militair keuringsreglement BES` | `Besluit militair keuringsreglement BES` (a section heading) |
//! | `### Artikel  1  ` | `Artikel 1` (a section heading) |
//! | `<meta http-equiv='Content-Type' … />` | (nothing) |
//! | `a.  *keuring:* een onderzoek` | `a.  keuring: een onderzoek` |
//! | `**) Internationale` / `* onderdeel persoon` | `) Internationale` / `onderdeel persoon` |
//! | `5 * 3` | `5 * 3` (a star between spaces is not emphasis) |
//! | `de 23<sup>ste</sup> december`, `KVP<sub>j</sub>` | `de 23ste december`, `KVPj` |
//! | `Gelet op [artikel 14](../../BWBR0028079/README.md);` | `Gelet op artikel 14;` |
//! | `als volgt: ![250188](http://…/250188)` | `als volgt:` |
//! | `|:---|:---|` (a table rule) | (nothing) |
//!
//! Everything is one pass over the text with one output string; no pattern is compiled
//! and every look-ahead is bounded, so the cost stays linear in the text.

use crate::parse::Section;

/// Longest link text and link target looked ahead for, in bytes: a `[` without a close
/// this near is not a link.
const MAX_LINK_TEXT: usize = 1000;
const MAX_LINK_TARGET: usize = 2000;
/// Longest HTML tag looked ahead for, in bytes.
const MAX_TAG: usize = 300;
/// Inline HTML tags that are dropped (their content stays). Others (`<datum>` in a
/// regulation that describes a message format) are text.
const DROPPED_TAGS: &[&str] = &["sup", "sub", "span", "meta", "br", "b", "i", "u", "em", "strong", "p", "div", "font", "small"];

/// Cleans markdown `text` into a body and its sections.
///
/// Each heading line (`#` to `######`, with or without a space after the marks) starts a
/// section whose heading is the line's text with whitespace collapsed; text before the
/// first heading, if any, is a section without heading. Headings and paragraphs are
/// separated by a blank line; runs of blank lines become one. Text without headings is
/// one section with `heading: None` (none at all when the text is blank).
pub fn clean_markdown(text: &str) -> (String, Vec<Section>) {
    let mut body = String::with_capacity(text.len());
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut blank_before = false;
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() || is_table_rule(line) {
            blank_before |= line.is_empty();
            continue;
        }
        let undo = body.len();
        if let Some(heading) = heading_text(line) {
            separate(&mut body, true);
            let start = body.len();
            push_inline(&mut body, heading);
            let collapsed = collapse_whitespace(&body[start..]);
            body.truncate(start);
            if collapsed.is_empty() {
                body.truncate(undo);
                continue;
            }
            body.push_str(&collapsed);
            headings.push((start, collapsed));
            blank_before = true;
            continue;
        }
        separate(&mut body, blank_before);
        let start = body.len();
        push_inline(&mut body, line);
        // Removed markup (a bullet star, a tag) can leave spaces at either end.
        let kept = body[start..].trim_end().len();
        body.truncate(start + kept);
        let lead = kept - body[start..].trim_start().len();
        body.drain(start..start + lead);
        if kept == lead {
            body.truncate(undo);
            continue;
        }
        blank_before = false;
    }
    let sections = sections(&body, headings);
    (body, sections)
}

/// Starts a new line of `body`, after a blank line when `paragraph`.
fn separate(body: &mut String, paragraph: bool) {
    if !body.is_empty() {
        body.push_str(if paragraph { "\n\n" } else { "\n" });
    }
}

/// The text of a heading line, without its `#` marks (and closing marks), or `None` when
/// the line is no heading.
fn heading_text(line: &str) -> Option<&str> {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    if marks == 0 || marks > 6 {
        return None;
    }
    let text = line[marks..].trim();
    Some(text.trim_end_matches('#').trim_end())
}

/// A table's header rule: `| --- | --- |`, `|:---|:---|`.
fn is_table_rule(line: &str) -> bool {
    line.starts_with('|') && line.contains('-') && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends `line` to `out` without emphasis stars, inline HTML tags, images and link
/// targets. Every position the scan stops at is an ASCII byte, so every slice is on a
/// char boundary.
fn push_inline(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    // While inside a link's text: where its `]` is and where its target ends.
    let mut link: Option<(usize, usize)> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => {
                let end = i + bytes[i..].iter().take_while(|&&b| b == b'*').count();
                if !between_spaces(line, i, end) {
                    out.push_str(&line[copied..i]);
                    copied = end;
                }
                i = end;
            }
            b'<' => match tag_end(bytes, i) {
                Some(end) => {
                    out.push_str(&line[copied..i]);
                    copied = end;
                    i = end;
                }
                None => i += 1,
            },
            b'!' if bytes.get(i + 1) == Some(&b'[') => match link_at(bytes, i + 1) {
                Some((_, end)) => {
                    out.push_str(&line[copied..i]);
                    copied = end;
                    i = end;
                }
                None => i += 1,
            },
            b'[' if link.is_none() => {
                if let Some(found) = link_at(bytes, i) {
                    out.push_str(&line[copied..i]);
                    copied = i + 1;
                    link = Some(found);
                }
                i += 1;
            }
            b']' if link.is_some_and(|(close, _)| close == i) => {
                let (_, end) = link.take().unwrap_or((i, i + 1));
                out.push_str(&line[copied..i]);
                copied = end;
                i = end;
            }
            // On to the next byte that may start markup: most of a line is text.
            _ => i += 1 + bytes[i + 1..].iter().position(|&b| matches!(b, b'*' | b'<' | b'!' | b'[' | b']')).unwrap_or(bytes.len() - i - 1),
        }
    }
    out.push_str(&line[copied..]);
}

/// Whether the star run `start..end` stands between whitespace (`5 * 3`), so is no
/// emphasis. At the start of a line it is a list bullet or emphasis: dropped.
fn between_spaces(line: &str, start: usize, end: usize) -> bool {
    let before = line[..start].chars().next_back();
    let after = line[end..].chars().next();
    before.is_some_and(char::is_whitespace) && after.is_none_or(char::is_whitespace)
}

/// The end (exclusive) of a dropped inline HTML tag starting at `bytes[start] == b'<'`.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let limit = bytes.len().min(start + MAX_TAG);
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    while i < limit && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    let name = bytes.get(name_start..i)?;
    if !DROPPED_TAGS.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name)) {
        return None;
    }
    match bytes.get(i)? {
        b'>' | b'/' | b' ' | b'\t' => {}
        _ => return None,
    }
    let close = bytes[i..limit].iter().position(|&b| b == b'>' || b == b'<')?;
    (bytes[i + close] == b'>').then_some(i + close + 1)
}

/// A link `[text](target)` whose `[` is at `open`: the position of its `]` and the end
/// (exclusive) of its `)`. The text has no brackets and the target no whitespace, so each
/// look-ahead stops where the next one starts and a line of brackets costs linear time.
fn link_at(bytes: &[u8], open: usize) -> Option<(usize, usize)> {
    let text_end = bytes.len().min(open + 1 + MAX_LINK_TEXT);
    let close = open + 1 + bytes.get(open + 1..text_end)?.iter().position(|&b| b == b']' || b == b'[')?;
    if bytes[close] != b']' || bytes.get(close + 1) != Some(&b'(') {
        return None;
    }
    let target_start = close + 2;
    let target_end = bytes.len().min(target_start + MAX_LINK_TARGET);
    let target = bytes.get(target_start..target_end)?;
    let paren = target.iter().position(|&b| b == b')' || b.is_ascii_whitespace())?;
    (target[paren] == b')').then_some((close, target_start + paren + 1))
}

/// Sections from heading starts: each runs to the next heading; text before the first
/// heading is a section without heading when it is not blank.
pub(super) fn sections(body: &str, headings: Vec<(usize, String)>) -> Vec<Section> {
    let mut sections = Vec::with_capacity(headings.len() + 1);
    let first = headings.first().map_or(body.len(), |(start, _)| *start);
    if !body[..first].trim().is_empty() {
        sections.push(Section { heading: None, start: 0, end: first });
    }
    let ends: Vec<usize> = headings.iter().skip(1).map(|(start, _)| *start).chain([body.len()]).collect();
    for ((start, heading), end) in headings.into_iter().zip(ends) {
        sections.push(Section { heading: Some(heading), start, end });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> String {
        clean_markdown(text).0
    }

    #[test]
    fn inline_markup() {
        for (text, expected) in [
            ("a.  *keuring:* een onderzoek", "a.  keuring: een onderzoek"),
            ("**vet** en *schuin*", "vet en schuin"),
            ("wedstrijden**) |", "wedstrijden) |"),
            ("* onderdeel persoon", "onderdeel persoon"),
            ("5 * 3 = 15", "5 * 3 = 15"),
            ("x *", "x *"),
            ("de 23<sup>ste</sup> december", "de 23ste december"),
            ("*KVP<sub>j</sub> * = percentage", "KVPj * = percentage"),
            ("<span class=\"x\">tekst</span>", "tekst"),
            ("regel<br/>regel<BR>", "regelregel"),
            ("het veld <datum> bevat", "het veld <datum> bevat"),
            ("a < b > c", "a < b > c"),
            ("<sup", "<sup"),
            ("Gelet op [artikel 14, tweede lid](../../BWBR0028079/README.md);", "Gelet op artikel 14, tweede lid;"),
            ("[*artikel 3*](x.md) en [b](y)", "artikel 3 en b"),
            ("als volgt:  ![250188](http://wetten.overheid.nl/Illustration/250188)", "als volgt:"),
            ("[vervallen]", "[vervallen]"),
            ("[vervallen] (zie boven)", "[vervallen] (zie boven)"),
            ("[a](b c)", "[a](b c)"),
            ("[[a](b)", "[a"),
            ("! [a](b)", "! a"),
            ("ä*ö*ü [é](ß) <sup>ø</sup>", "äöü é ø"),
        ] {
            assert_eq!(body(text), expected, "{text}");
        }
    }

    #[test]
    fn lines_and_headings() {
        let text = "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />\n\n\
                    ##Besluit keuringsreglement\n\n### Artikel  1  \n\nIn dit besluit:  \n\n\n\
                    a.  *keuring:* een onderzoek;  \n\n###Bijlage I \n\nNiet opgenomen.\n";
        let (body, sections) = clean_markdown(text);
        assert_eq!(
            body,
            "Besluit keuringsreglement\n\nArtikel 1\n\nIn dit besluit:\n\na.  keuring: een onderzoek;\n\n\
             Bijlage I\n\nNiet opgenomen."
        );
        let headings: Vec<_> = sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, [Some("Besluit keuringsreglement"), Some("Artikel 1"), Some("Bijlage I")]);
        assert_eq!(&body[sections[1].start..sections[1].end], "Artikel 1\n\nIn dit besluit:\n\na.  keuring: een onderzoek;\n\n");
        assert_eq!(sections[2].end, body.len());
    }

    #[test]
    fn sections_without_headings() {
        let (body, sections) = clean_markdown("1. De noodrem werd geactiveerd.\nRegel twee.");
        assert_eq!(body, "1. De noodrem werd geactiveerd.\nRegel twee.");
        assert_eq!(sections, [Section { heading: None, start: 0, end: body.len() }]);
        assert_eq!(clean_markdown("  \n\n"), (String::new(), vec![]));
    }

    #[test]
    fn text_before_first_heading_and_odd_headings() {
        let (body, sections) = clean_markdown("Inleiding\n# Een ##\n####### geen kop\n##\n## *Twee*");
        assert_eq!(body, "Inleiding\n\nEen\n\n####### geen kop\n\nTwee");
        let headings: Vec<_> = sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, [None, Some("Een"), Some("Twee")]);
        assert_eq!((sections[0].start, sections[0].end), (0, "Inleiding\n\n".len()));
    }

    #[test]
    fn table_rules_go_blank_lines_collapse() {
        assert_eq!(body("|a |b |\n|:---|:---|\n| 1 | 2 |\n\n\n\nslot"), "|a |b |\n| 1 | 2 |\n\nslot");
    }
}
