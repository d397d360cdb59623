//! Snippets: a short window of a letter's text around the words a query matched, with
//! the matched words marked. Matching uses the same analyzer as the index, so it is
//! stem-aware (`militair` marks `militairen`), and phrases are marked only where the
//! whole phrase occurs.

use std::collections::{HashMap, HashSet};

use tantivy::tokenizer::TextAnalyzer;

/// A piece of text with the byte ranges of the matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The text, whitespace collapsed, `…` where it was cut.
    pub text: String,
    /// Byte ranges `[start, end)` of `text` to highlight, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

/// A phrase to mark: analysed terms at their relative positions, with slop.
#[derive(Debug, Clone, Default)]
pub struct PhraseTarget {
    /// `(relative position, term)`, in order.
    pub terms: Vec<(usize, String)>,
    /// How many extra positions the phrase may stretch over.
    pub slop: u32,
}

/// What a query asks to mark in text.
#[derive(Debug, Clone, Default)]
pub struct Highlighter {
    /// Single analysed terms.
    pub terms: HashSet<String>,
    /// Analysed prefixes (`prefix*`).
    pub prefixes: Vec<String>,
    /// Phrases.
    pub phrases: Vec<PhraseTarget>,
}

struct Tok {
    term: String,
    position: usize,
    start: usize,
    end: usize,
}

impl Highlighter {
    /// True when there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.prefixes.is_empty() && self.phrases.is_empty()
    }

    /// Byte ranges of `text` that the query matched, sorted and merged.
    pub fn matches(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize)> {
        if self.is_empty() {
            return Vec::new();
        }
        let mut toks = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            toks.push(Tok { term: t.text.clone(), position: t.position, start: t.offset_from, end: t.offset_to });
        }
        let mut spans: Vec<(usize, usize)> = toks
            .iter()
            .filter(|t| self.terms.contains(&t.term) || self.prefixes.iter().any(|p| t.term.starts_with(p.as_str())))
            .map(|t| (t.start, t.end))
            .collect();
        if !self.phrases.is_empty() {
            let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
            for (i, t) in toks.iter().enumerate() {
                at.entry(t.position).or_default().push(i);
            }
            for phrase in &self.phrases {
                mark_phrase(phrase, &toks, &at, &mut spans);
            }
        }
        merge(spans)
    }

    /// A snippet of at most about `max_len` bytes of `text`, centred on the densest run
    /// of matches (the start of the text when nothing matched).
    ///
    /// A long text is read in parts of [`SCAN_BYTES`] until one holds a match: the
    /// densest run of the first part with matches, not of the whole text, as analysing
    /// a regulation of megabytes for 240 bytes of it took tens of milliseconds.
    pub fn snippet(&self, analyzer: &mut TextAnalyzer, text: &str, max_len: usize) -> Snippet {
        let mut spans = Vec::new();
        let mut start = 0;
        while start < text.len() && spans.is_empty() {
            let end = part_end(text, start + SCAN_BYTES);
            spans = self.matches(analyzer, &text[start..end]).into_iter().map(|(s, e)| (s + start, e + start)).collect();
            start = end;
        }
        let (from, to) = window(text, &spans, max_len);
        let inside: Vec<(usize, usize)> = spans
            .iter()
            .filter(|&&(s, e)| s >= from && e <= to)
            .map(|&(s, e)| (s - from, e - from))
            .collect();
        let (mut out, mut highlights) = collapse_whitespace(&text[from..to], &inside);
        if from > 0 {
            out.insert(0, '…');
            let shift = "…".len();
            for h in &mut highlights {
                h.0 += shift;
                h.1 += shift;
            }
        }
        if to < text.len() {
            out.push('…');
        }
        Snippet { text: out, highlights }
    }
}

fn mark_phrase(phrase: &PhraseTarget, toks: &[Tok], at: &HashMap<usize, Vec<usize>>, spans: &mut Vec<(usize, usize)>) {
    let Some((first_offset, first_term)) = phrase.terms.first() else { return };
    'start: for tok in toks.iter().filter(|t| &t.term == first_term) {
        let mut found = vec![(tok.start, tok.end)];
        let (mut prev_pos, mut prev_offset) = (tok.position, *first_offset);
        let mut slop_left = phrase.slop as usize;
        for (offset, term) in &phrase.terms[1..] {
            let want = prev_pos + offset.saturating_sub(prev_offset);
            let hit = (want..=want + slop_left).find_map(|p| {
                let ids = at.get(&p)?;
                ids.iter().find(|&&i| &toks[i].term == term).map(|&i| (p, i))
            });
            let Some((p, i)) = hit else { continue 'start };
            found.push((toks[i].start, toks[i].end));
            slop_left -= p - want;
            (prev_pos, prev_offset) = (p, *offset);
        }
        spans.extend(found);
    }
}

/// Sorts and merges overlapping ranges (a compound's joined token covers its parts).
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// The byte window `[from, to)` of about `max_len` bytes holding the most matches,
/// widened to whitespace so no word is cut.
/// How much of a text is analysed at a time when looking for matches to show.
pub const SCAN_BYTES: usize = 64 * 1024;

/// The end of a part of `text` that starts before `at`: `at` moved on to whitespace (so
/// no word is cut), on a char boundary; the end of the text if that comes first.
fn part_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    text[i..].find(char::is_whitespace).map_or(text.len(), |ws| i + ws)
}

fn window(text: &str, spans: &[(usize, usize)], max_len: usize) -> (usize, usize) {
    if text.len() <= max_len {
        return (0, text.len());
    }
    let lead = max_len / 5;
    let mut best = (0usize, 0usize);
    for (i, &(s, _)) in spans.iter().enumerate() {
        let from = s.saturating_sub(lead);
        let count = spans[i..].iter().take_while(|&&(_, e)| e <= from + max_len).count();
        if count > best.1 {
            best = (from, count);
        }
    }
    let from = if best.0 == 0 { 0 } else { word_start(text, best.0) };
    let to = word_end(text, (from + max_len).min(text.len()));
    (from, to.max(from))
}

/// Moves `i` forward to the start of a word (after whitespace), staying on char boundaries.
fn word_start(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    match text[i..].find(char::is_whitespace) {
        Some(ws) if ws < 40 => {
            let j = i + ws;
            j + text[j..].find(|c: char| !c.is_whitespace()).unwrap_or(0)
        }
        _ => i,
    }
}

/// Moves `i` back to the end of a word (before whitespace), staying on char boundaries.
fn word_end(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i -= 1;
    }
    if i >= text.len() {
        return text.len();
    }
    match text[..i].rfind(char::is_whitespace) {
        Some(ws) if i - ws < 40 => text[..ws].trim_end().len(),
        _ => i,
    }
}

/// Collapses each run of whitespace to one space and trims the ends, moving the
/// highlight ranges along.
fn collapse_whitespace(text: &str, spans: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut in_space = true; // drops leading whitespace
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            map[i] = out.len();
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            map[i] = out.len();
            out.push(c);
            in_space = false;
            // Bytes inside the character map to its end, so no range splits it.
            map[i + 1..i + c.len_utf8()].fill(out.len());
        }
    }
    map[text.len()] = out.len();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let highlights = spans
        .iter()
        .map(|&(s, e)| (map[s].min(trimmed), map[e].min(trimmed)))
        .filter(|(s, e)| s < e)
        .collect();
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    fn marked(h: &Highlighter, text: &str) -> Vec<String> {
        let mut a = analysis::dutch_analyzer();
        let s = h.snippet(&mut a, text, 400);
        s.highlights.iter().map(|&(b, e)| s.text[b..e].to_string()).collect()
    }

    #[test]
    fn a_long_text_is_read_in_parts_until_one_matches() {
        let mut h = Highlighter::default();
        h.terms.insert(stem("remotie"));
        // The only match lies beyond the first parts: it is still found and shown.
        let late = format!("{} de remotie van militairen {}", "aanloop ".repeat(3 * SCAN_BYTES / 8), "slot ".repeat(50));
        assert_eq!(marked(&h, &late), ["remotie"]);
        // A match in the first part is shown without reading the rest.
        let early = format!("eerst remotie, {} en later remotie remotie remotie", "tussentekst ".repeat(SCAN_BYTES / 6));
        let mut a = analysis::dutch_analyzer();
        let s = h.snippet(&mut a, &early, 100);
        assert!(s.text.starts_with("eerst remotie"), "{}", s.text);
        assert_eq!(part_end(&early, 3), "eerst".len(), "a part ends where a word does");
        assert_eq!(part_end(&early, early.len() + 10), early.len());
    }

    #[test]
    fn marks_every_form_of_a_stem() {
        let mut h = Highlighter::default();
        h.terms.insert(stem("militair"));
        let text = "Remotie voor militairen bestaat nog niet; een militair advies volgt.";
        assert_eq!(marked(&h, text), ["militairen", "militair"]);
    }

    #[test]
    fn marks_a_phrase_only_where_it_occurs_whole() {
        let mut h = Highlighter::default();
        h.phrases.push(PhraseTarget { terms: vec![(0, stem("sociale")), (1, stem("partners"))], slop: 0 });
        let text = "met de sociale partners; sociale cohesie en partners elders";
        assert_eq!(marked(&h, text), ["sociale", "partners"]);
    }

    #[test]
    fn window_is_centred_on_matches_and_cut_on_words() {
        let mut h = Highlighter::default();
        h.terms.insert(stem("remotie"));
        let text = format!("{} remotie voor burgers {}", "aanloop ".repeat(100), "slot ".repeat(100));
        let mut a = analysis::dutch_analyzer();
        let s = h.snippet(&mut a, &text, 120);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        assert_eq!(s.highlights.len(), 1);
        let (b, e) = s.highlights[0];
        assert_eq!(&s.text[b..e], "remotie");
        assert!(!s.text.contains("  "));
    }

    fn stem(word: &str) -> String {
        let mut a = analysis::dutch_analyzer();
        let mut stream = a.token_stream(word);
        stream.next().map(|t| t.text.clone()).unwrap_or_default()
    }
}
