//! Snippets: a short window of a letter's text around the words a query matched, with
//! the matched words marked. Matching uses the same analyzer as the index, so it is
//! stem-aware (`militair` marks `militairen`), and phrases are marked only where the
//! whole phrase occurs.

use std::collections::HashMap;

use tantivy::tokenizer::TextAnalyzer;

use crate::analyse;
use window::{collapse_whitespace, part_end, window};

mod window;
use crate::analyse::pool::{Kind, Pooled};

/// The Dutch analyzer for marking matches, lent from this thread's pool.
pub(crate) fn pooled_analyzer() -> Pooled {
    Pooled::lend(Kind::Dutch)
}

/// A piece of text with the byte ranges of the matched words in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The text, whitespace collapsed, `…` where it was cut.
    pub text: String,
    /// Byte ranges `[start, end)` of `text` to highlight, sorted, not overlapping.
    pub highlights: Vec<(usize, usize)>,
}

pub use crate::query::highlight::{Highlighter, PhraseTarget};

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
        let wanted = |term: &str| self.terms.contains(term) || self.prefixes.iter().any(|p| term.starts_with(p.as_str()));
        let mut spans = Vec::new();
        let mut stream = analyzer.token_stream(text);
        if self.phrases.is_empty() {
            // Only single words to mark: no token is kept.
            while let Some(t) = stream.next() {
                if wanted(&t.text) {
                    spans.push((t.offset_from, t.offset_to));
                }
            }
            return merge(spans);
        }
        let mut toks = Vec::new();
        while let Some(t) = stream.next() {
            toks.push(Tok { term: t.text.clone(), position: t.position, start: t.offset_from, end: t.offset_to });
        }
        spans.extend(toks.iter().filter(|t| wanted(&t.term)).map(|t| (t.start, t.end)));
        let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, t) in toks.iter().enumerate() {
            at.entry(t.position).or_default().push(i);
        }
        for phrase in &self.phrases {
            mark_phrase(phrase, &toks, &at, &mut spans);
        }
        merge(spans)
    }

    /// A snippet of at most about `max_len` bytes of `text`, centred on the densest run
    /// of matches (the start of the text when nothing matched).
    ///
    /// A long text is read in parts of [`SCAN_BYTES`] until one holds a match: the
    /// densest run of the first part with matches, not of the whole text, as analysing
    /// a regulation of megabytes for 240 bytes of it took tens of milliseconds. Parts
    /// without an anchor of the query ([`Highlighter::anchors`]) are skipped unread, in
    /// the others only the words with an anchor are analysed (unless the query has a
    /// phrase), and at most [`SCAN_LIMIT`] bytes of parts with an anchor are looked into.
    pub fn snippet(&self, analyzer: &mut TextAnalyzer, text: &str, max_len: usize) -> Snippet {
        let anchors = self.anchors();
        let mut folded = String::new();
        let mut spans = Vec::new();
        let (mut start, mut analysed) = (0, 0);
        while start < text.len() && spans.is_empty() && analysed < SCAN_LIMIT {
            let end = part_end(text, start + SCAN_BYTES);
            let part = &text[start..end];
            let found = match &anchors {
                None => Some(self.matches(analyzer, part)),
                Some(anchors) if self.phrases.is_empty() => self.anchored_matches(analyzer, part, anchors, &mut folded),
                Some(anchors) => holds_any(part, anchors, &mut folded).then(|| self.matches(analyzer, part)),
            };
            if let Some(found) = found {
                spans = found.into_iter().map(|(s, e)| (s + start, e + start)).collect();
                analysed += part.len();
            }
            start = end;
        }
        let (from, to) = window(text, &spans, max_len);
        let inside: Vec<(usize, usize)> = spans.iter().filter(|&&(s, e)| s >= from && e <= to).map(|&(s, e)| (s - from, e - from)).collect();
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

    /// The matches in `part` of a query without phrases, found by analysing only the
    /// words that hold an anchor, each run of them with a word of context either side
    /// (for hyphens and compounds); `None` when no word holds one. Analysing the whole
    /// part took about a millisecond a hit, most of a query with snippets.
    fn anchored_matches(&self, analyzer: &mut TextAnalyzer, part: &str, anchors: &[String], folded: &mut String) -> Option<Vec<(usize, usize)>> {
        if !holds_any(part, anchors, folded) {
            return None;
        }
        let words = words_of(part);
        let anchored: Vec<bool> = words.iter().map(|&(s, e)| holds_any(&part[s..e], anchors, folded)).collect();
        if !anchored.contains(&true) {
            return None;
        }
        let mut spans = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if !anchored[i] {
                i += 1;
                continue;
            }
            let mut last = i;
            while last + 1 < words.len() && anchored[last + 1] {
                last += 1;
            }
            // An elided word (`alcohol- en drugsgebruik`) is completed by words ahead.
            let ahead = if words[i..=last].iter().any(|&(s, e)| analyse::holds_elided(&part[s..e])) { analyse::ELISION_LOOK_AHEAD } else { 1 };
            let (from, to) = (words[i.saturating_sub(1)].0, words[(last + ahead).min(words.len() - 1)].1);
            spans.extend(self.matches(analyzer, &part[from..to]).into_iter().map(|(s, e)| (s + from, e + from)));
            i = last + 1;
        }
        Some(merge(spans))
    }

    /// What every word the query marks starts with, as folded text spells it: each
    /// term, prefix and phrase word up to [`ANCHOR_LETTERS`] letters and digits. The
    /// classic Dutch stemmer cuts a word's end; besides, it writes `heden` as `heid`
    /// (after the third letter: an anchor stops before an `h` there) and a final double
    /// vowel single (`maan` -> `man`, `tweede` -> `twed`: a term that may be such a stem,
    /// or a prefix that may be a whole one, is anchored without its last letter).
    /// A part of a text whose folded form holds no anchor holds no match and is skipped
    /// without analysing it (a rare word deep in a regulation of megabytes had all of
    /// it analysed). `None` when some term starts with no letter or digit (a clitic):
    /// then no part is skipped.
    fn anchors(&self) -> Option<Vec<String>> {
        let phrase_words = self.phrases.iter().flat_map(|p| p.terms.iter().map(|(_, t)| t));
        self.terms
            .iter()
            .chain(&self.prefixes)
            .chain(phrase_words)
            .map(|term| {
                // A stem from a plural rule may not be how its word starts (`leden` -> `lid`).
                let term = analyse::written_prefix(term);
                let letters = term.chars().count() - usize::from(undoubled(term));
                let anchor: String = term
                    .chars()
                    .enumerate()
                    .take_while(|&(i, c)| i < letters && c.is_ascii_alphanumeric() && !(i >= 3 && c == 'h'))
                    .map(|(_, c)| c)
                    .take(ANCHOR_LETTERS)
                    .collect();
                (!anchor.is_empty()).then_some(anchor)
            })
            .collect()
    }
}

/// True when `term` may end as a stem whose double vowel the stemmer made single: an
/// `a`, `e`, `o` or `u` before a last letter that is none of these (the stemmer counts a
/// `y` or `i` as a consonant next to vowels).
fn undoubled(term: &str) -> bool {
    let mut end = term.chars().rev();
    matches!((end.next(), end.next()), (Some(d), Some(v)) if "aeou".contains(v) && !"aeou".contains(d))
}

/// The longest anchor: long enough to be rare in a text, short enough to be cheap.
const ANCHOR_LETTERS: usize = 8;

/// True when the folded form of `part` (lower case, no diacritics, hyphens and `&`
/// dropped, as a joined compound `re-integratie` -> `reintegratie` is written) holds
/// one of `anchors`.
fn holds_any(part: &str, anchors: &[String], folded: &mut String) -> bool {
    folded.clear();
    analyse::push_folded(part, folded, |c| analyse::is_hyphen(c) || c == '&');
    anchors.iter().any(|a| folded.contains(a.as_str()))
}

/// The byte ranges of the runs of non-whitespace in `text`.
fn words_of(text: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    words
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

/// How much of a text is analysed at a time when looking for matches to show: the
/// analyzer reads about 15 MB/s, so a part costs about a millisecond.
pub const SCAN_BYTES: usize = 16 * 1024;

/// The most text with an anchor one snippet looks into: a hit that matched in its
/// title or on a common word's anchor alone can leave every part of a long letter to
/// analyse (tens of milliseconds); past this, the snippet shows the text's start.
pub const SCAN_LIMIT: usize = 16 * SCAN_BYTES;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse;

    fn marked(h: &Highlighter, text: &str) -> Vec<String> {
        let mut a = analyse::dutch_analyzer();
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
        let mut a = analyse::dutch_analyzer();
        let s = h.snippet(&mut a, &early, 100);
        assert!(s.text.starts_with("eerst remotie"), "{}", s.text);
        assert_eq!(part_end(&early, 3), "eerst".len(), "a part ends where a word does");
        assert_eq!(part_end(&early, early.len() + 10), early.len());
    }

    #[test]
    fn parts_without_an_anchor_are_skipped_and_nothing_is_missed() {
        let filler = "aanloop ".repeat(3 * SCAN_BYTES / 8);
        // Matches deep in a long text, written with capitals, diacritics, a hyphen.
        for (query, text, found) in [
            ("reintegratie", format!("{filler} de RE-INTEGRATIE van militairen"), "RE-INTEGRATIE"),
            ("coëfficiënt", format!("{filler} de Coëfficiënten zijn"), "Coëfficiënten"),
            ("vergaderingen", format!("{filler} na de Vergadering."), "Vergadering"),
            ("bevoegdheden", format!("{filler} de bevoegdheid"), "bevoegdheid"),
            ("bevoegdheid", format!("{filler} de Bevoegdheden"), "Bevoegdheden"),
            ("120.000", format!("{filler} kost 120.000 euro"), "120.000"),
        ] {
            let mut h = Highlighter::default();
            h.terms.insert(stem(query));
            assert_eq!(marked(&h, &text), [found], "{query}");
        }
        let mut h = Highlighter::default();
        h.terms.insert(stem("remotie"));
        assert_eq!(h.anchors(), Some(vec!["remotie".to_string()]));
        let prefix = Highlighter { prefixes: vec!["aansc".into(), "man".into()], ..Highlighter::default() };
        assert_eq!(prefix.anchors(), Some(vec!["aansc".to_string(), "ma".to_string()]));
        let mut folded = String::new();
        assert!(!holds_any(&filler, &h.anchors().unwrap(), &mut folded));
        assert!(holds_any("de Re-motie", &h.anchors().unwrap(), &mut folded));
        // A term that starts with no letter or digit turns skipping off.
        h.terms.insert("'s".to_string());
        assert_eq!(h.anchors(), None);
    }

    /// Whether a token is an elided compound's full form: longer than the word it
    /// stands at (`opgeschaald` at `op-`).
    fn elided_form(text: &str, t: &analyse::AnalyzedToken) -> bool {
        t.text.chars().count() > text[t.start..t.end].chars().count() + 1
    }

    #[test]
    fn every_word_of_the_bundled_letters_holds_its_anchor() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut analyzer = analyse::dutch_analyzer();
        let (mut folded, mut words) = (String::new(), 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let tokens = analyse::tokens(&mut analyzer, &text);
            for t in &tokens {
                // An elided compound's full form (`op- of afgeschaald`: `opgeschaald`)
                // stands before its elided word, with its place and offsets: its
                // written word does not spell it, and a snippet may miss it.
                if elided_form(&text, t) {
                    continue;
                }
                let h = Highlighter { terms: [t.text.clone()].into(), ..Highlighter::default() };
                let Some(anchors) = h.anchors() else { continue };
                let written = &text[t.start..t.end];
                assert!(holds_any(written, &anchors, &mut folded), "{written:?} -> {:?}, anchor {anchors:?}", t.text);
                words += 1;
            }
        }
        assert!(words > 3000, "{words} words");
        // And every word of the Snowball project's vocabulary, with its stem.
        let read = |name: &str| {
            let path = format!("{}/data/snowball-dutch/{name}", env!("CARGO_MANIFEST_DIR"));
            let mut text = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()), &mut text).unwrap();
            text
        };
        let (vocabulary, stems) = (read("voc.txt.gz"), read("output.txt.gz"));
        for (word, stem) in vocabulary.lines().zip(stems.lines()) {
            let h = Highlighter { terms: [stem.to_string()].into(), ..Highlighter::default() };
            if let Some(anchors) = h.anchors() {
                assert!(holds_any(word, &anchors, &mut folded), "{word:?} -> {stem:?}, anchor {anchors:?}");
            }
        }
    }

    #[test]
    fn words_with_an_anchor_mark_what_the_whole_part_marks() {
        // Every 7th word of each bundled letter, alone, with the next word, and as a
        // prefix: analysing only the anchored words and their neighbours must mark
        // exactly what analysing the whole letter marks.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut analyzer = analyse::dutch_analyzer();
        let (mut folded, mut checked, mut marked_some) = (String::new(), 0, 0);
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // An elided compound's full form is left out: its anchor is not written
            // (`op- of afgeschaald`), and a snippet may miss it.
            let terms: Vec<String> = analyse::tokens(&mut analyzer, &text).into_iter().filter(|t| !elided_form(&text, t)).map(|t| t.text).collect();
            for (i, term) in terms.iter().enumerate().step_by(7) {
                let next = terms.get(i + 1).cloned().unwrap_or_default();
                let prefix: String = term.chars().take(4).collect();
                for h in [
                    Highlighter { terms: [term.clone()].into(), ..Highlighter::default() },
                    Highlighter { terms: [term.clone(), next].into(), ..Highlighter::default() },
                    Highlighter { prefixes: vec![prefix], ..Highlighter::default() },
                ] {
                    let Some(anchors) = h.anchors() else { continue };
                    // The marks of elided words by their full forms aside (see above).
                    let elided = |&(_, e): &(usize, usize)| text[e..].starts_with('-');
                    let whole: Vec<(usize, usize)> = h.matches(&mut analyzer, &text).into_iter().filter(|m| !elided(m)).collect();
                    let anchored: Vec<(usize, usize)> =
                        h.anchored_matches(&mut analyzer, &text, &anchors, &mut folded).unwrap_or_default().into_iter().filter(|m| !elided(m)).collect();
                    assert_eq!(anchored, whole, "{:?} {:?}", h.terms, h.prefixes);
                    checked += 1;
                    marked_some += usize::from(!whole.is_empty());
                }
            }
        }
        assert!(checked > 1000 && marked_some * 10 > checked * 9, "{marked_some} of {checked}");
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
        let mut a = analyse::dutch_analyzer();
        let s = h.snippet(&mut a, &text, 120);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'), "{}", s.text);
        assert_eq!(s.highlights.len(), 1);
        let (b, e) = s.highlights[0];
        assert_eq!(&s.text[b..e], "remotie");
        assert!(!s.text.contains("  "));
    }

    fn stem(word: &str) -> String {
        let mut a = analyse::dutch_analyzer();
        let mut stream = a.token_stream(word);
        stream.next().map(|t| t.text.clone()).unwrap_or_default()
    }
}
