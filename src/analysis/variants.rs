//! A letter's text analysed once for its two indexed forms.
//!
//! A letter's `text` is indexed two ways: stemmed ([`super::DUTCH`]) and with words cut
//! short, each compound followed by its parts cut alike ([`super::TRUNCATED`]). The two
//! analyzers share everything up to the stop words; run as two analyzers they segment,
//! fold and filter the text twice. [`TextVariants`] runs the shared chain once and
//! derives both token lists from each token, from the forms of each distinct word
//! worked out once ([`WordForms`], which outlives one text), so the indexer receives
//! the tokens ready made. The lists are exactly what the two analyzers give
//! (checked by tests), so queries analysed by them still match.

use tantivy::tokenizer::TextAnalyzer;

use super::encoded::TokenEncoder;
use super::forms::WordForms;

/// The two forms of one text, each encoded for the [`super::TokenDecoder`].
#[derive(Debug, Default, Clone)]
pub struct Variants {
    /// As [`super::dutch_analyzer`] gives them.
    pub text: String,
    /// As [`super::truncated_analyzer`] gives them.
    pub truncated: String,
    /// For each token of `text`, in order: its byte range in the analysed text, where
    /// it starts in `text` and its position, to cut out the tokens of a range
    /// ([`Variants::slice`]) and to find the positions of a range ([`Variants::positions`]).
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    from: u32,
    to: u32,
    encoded: u32,
    position: u32,
}

impl Variants {
    /// The encoded tokens of `text` that lie within `start..end` of the analysed text:
    /// a section's terms are its letter's, not analysed again. Their positions keep
    /// their distances (which is all a phrase needs).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let (first, last) = self.tokens_within(start, end);
        let at = |i: usize| self.marks.get(i).map_or(self.text.len(), |m| m.encoded as usize);
        &self.text[at(first)..at(last)]
    }

    /// The positions of the tokens that lie within `start..end` of the analysed text,
    /// as a range from the first one's to just past the last one's; an empty range where
    /// the next token would be when none does.
    pub fn positions(&self, start: usize, end: usize) -> std::ops::Range<u32> {
        let (first, last) = self.tokens_within(start, end);
        let next = |i: usize| match self.marks.get(i) {
            Some(m) => m.position,
            None => self.marks.last().map_or(0, |m| m.position + 1),
        };
        if first == last {
            let at = next(first);
            return at..at;
        }
        let end = self.marks[first..last].iter().map(|m| m.position).max().unwrap_or(0) + 1;
        self.marks[first].position..end
    }

    /// The indices of the first token within `start..end` and of the one after the last.
    fn tokens_within(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.marks.partition_point(|m| (m.from as usize) < start);
        let last = first + self.marks[first..].iter().take_while(|m| m.to as usize <= end).count();
        (first, last)
    }
}

/// Analyses texts into [`Variants`]; keep one per thread, as its memory of words
/// grows with use.
pub struct TextVariants {
    words: TextAnalyzer,
    forms: WordForms,
}

impl Default for TextVariants {
    fn default() -> Self {
        TextVariants { words: super::unstemmed_words(), forms: WordForms::default() }
    }
}

impl TextVariants {
    /// The two forms of `text`. Offsets beyond 4 GiB are not expected of a letter
    /// (the reader stops lines at 64 MiB).
    pub fn analyze(&mut self, text: &str) -> Variants {
        // Sized for Dutch prose (a word every seven bytes; encoded forms a little
        // shorter than the text), so the buffers of a long letter grow rarely.
        let (mut main, mut truncated) = (TokenEncoder::with_capacity(text.len()), TokenEncoder::with_capacity(text.len()));
        let mut marks = Vec::with_capacity(text.len() / 6);
        let mut stream = self.words.token_stream(text);
        while let Some(word) = stream.next() {
            let forms = self.forms.of(&word.text);
            marks.push(Mark {
                from: word.offset_from as u32,
                to: word.offset_to as u32,
                encoded: main.len() as u32,
                position: word.position as u32,
            });
            main.push_clean(word.position, forms.stem);
            truncated.push_clean(word.position, forms.truncated);
            // A joined hyphenated compound is followed by its written parts already.
            if word.position_length == 1 {
                for part in forms.parts() {
                    truncated.push_clean(word.position, part);
                }
            }
        }
        Variants { text: main.finish(), truncated: truncated.finish(), marks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::encoded::decode;
    use crate::analysis::{dutch_analyzer, truncated_analyzer};

    fn run(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.position, t.text.clone()));
        }
        out
    }

    #[test]
    fn gives_what_the_two_analyzers_give_on_every_seed_letter() {
        let mut variants = TextVariants::default();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut letters = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let v = variants.analyze(&text);
            assert_eq!(decode(&v.text), run(&mut dutch_analyzer(), &text), "text");
            assert_eq!(decode(&v.truncated), run(&mut truncated_analyzer(), &text), "truncated");
            assert!(decode(&v.truncated).len() > decode(&v.text).len(), "some compound was split");
            letters += 1;
        }
        assert!(letters >= 5);
    }

    #[test]
    fn compounds_are_followed_by_their_parts() {
        let v = TextVariants::default().analyze("het personeelsbeleid en re-integratie");
        let terms = |e: &str| decode(e).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(terms(&v.truncated), ["perso", "perso", "belei", "reint", "re", "integ"]);
        assert_eq!(terms(&v.text), ["personeelsbeleid", "reintegratie", "re", "integratie"]);
    }

    #[test]
    fn a_slice_is_the_range_analysed_alone() {
        let text = "Eerste zin over verlof. Tweede zin over de zorgplicht van re-integratie.";
        let start = text.find("Tweede").unwrap();
        let mut variants = TextVariants::default();
        let whole = variants.analyze(text);
        let alone = run(&mut dutch_analyzer(), &text[start..]);
        let sliced = decode(whole.slice(start, text.len()));
        // The same terms, at positions shifted by one constant.
        let shift = sliced[0].0 - alone[0].0;
        assert_eq!(sliced.iter().map(|(p, t)| (p - shift, t.clone())).collect::<Vec<_>>(), alone);
        assert_eq!(whole.slice(text.len(), text.len()), "");
        assert_eq!(decode(whole.slice(0, start)), run(&mut dutch_analyzer(), &text[..start]));
    }

    #[test]
    fn positions_of_a_range_are_those_of_its_tokens() {
        let text = "Eerste zin over verlof. Tweede zin over de zorgplicht van re-integratie.";
        let mut variants = TextVariants::default();
        let whole = variants.analyze(text);
        let start = text.find("Tweede").unwrap();
        let all = decode(&whole.text);
        let of = |range: std::ops::Range<u32>| -> Vec<String> {
            all.iter().filter(|(p, _)| range.contains(&(*p as u32))).map(|(_, t)| t.clone()).collect()
        };
        let tail = decode(whole.slice(start, text.len())).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(of(whole.positions(start, text.len())), tail);
        let head = decode(whole.slice(0, start)).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(of(whole.positions(0, start)), head);
        assert!(whole.positions(text.len(), text.len()).is_empty());
        assert_eq!(whole.positions(0, start).end, whole.positions(start, text.len()).start);
    }
}
