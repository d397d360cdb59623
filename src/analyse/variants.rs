//! A letter's text analysed once for its two indexed forms.
//!
//! A letter's `text` is indexed two ways: stemmed ([`super::DUTCH`]) and with words cut
//! short, each compound followed by its parts cut alike ([`super::TRUNCATED`]). The two
//! analyzers share everything up to the stop words; run as two analyzers they segment,
//! fold and filter the text twice. [`TextVariants`] reads the text once (a plain word
//! itself, anything else with the shared chain) and derives both token lists from
//! each token, from the forms of each distinct word
//! worked out once ([`WordForms`], which outlives one text), so the indexer receives
//! the tokens ready made. The lists are exactly what the two analyzers give
//! (checked by tests), so queries analysed by them still match.

use tantivy::tokenizer::TextAnalyzer;

use super::encoded::TokenEncoder;
use super::forms::{Forms, WordForms};

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
    /// A chunk of text and the sentinel after it, for the shared chain.
    chunk: String,
    /// A plain word lower-cased.
    lower: String,
}

impl Default for TextVariants {
    fn default() -> Self {
        TextVariants { words: super::unstemmed_words(), forms: WordForms::default(), chunk: String::new(), lower: String::new() }
    }
}

/// A word after every chunk the shared chain analyses: where it lands tells how many
/// positions the chunk took (stop words take theirs unseen). No rule of the chain
/// looks across whitespace, so a chunk analysed alone gives what it gives in its text.
const SENTINEL: &str = " zz";

/// The encoders of one text's two forms and its marks.
struct Written {
    main: TokenEncoder,
    truncated: TokenEncoder,
    marks: Vec<Mark>,
    /// Only the stemmed form is wanted.
    stems_only: bool,
}

impl TextVariants {
    /// The two forms of `text`. Offsets beyond 4 GiB are not expected of a letter
    /// (the reader stops lines at 64 MiB).
    ///
    /// The text is read chunk by chunk between ASCII whitespace (no word holds any).
    /// Most chunks are one plain word (ASCII letters and digits, with punctuation
    /// before or after it that no rule of the chain takes into a word; 94 % of the
    /// regulations' chunks): its token is the word lower-cased, worked out here without
    /// the chain. Any other chunk goes through the chain. On the regulations this
    /// takes 42 % fewer instructions than the chain over the whole text.
    pub fn analyze(&mut self, text: &str) -> Variants {
        // Sized for Dutch prose (a word every seven bytes; encoded forms a little
        // shorter than the text), so the buffers of a long letter grow rarely.
        let mut out = Written {
            main: TokenEncoder::with_capacity(text.len()),
            truncated: TokenEncoder::with_capacity(text.len()),
            marks: Vec::with_capacity(text.len() / 6),
            stems_only: false,
        };
        self.read(text, &mut out);
        Variants { text: out.main.finish(), truncated: out.truncated.finish(), marks: out.marks }
    }

    /// `text` as [`super::dutch_analyzer`] gives it, encoded: a letter's title, a
    /// heading, its sender.
    pub fn stemmed(&mut self, text: &str) -> String {
        let mut out = Written { main: TokenEncoder::with_capacity(text.len()), truncated: TokenEncoder::default(), marks: Vec::new(), stems_only: true };
        self.read(text, &mut out);
        out.main.finish()
    }

    fn read(&mut self, text: &str, out: &mut Written) {
        let mut position = 0;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at].is_ascii_whitespace() {
                at += 1;
                continue;
            }
            let start = at;
            let mut chunk = Chunk::default();
            while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
                chunk.read(bytes[at], at);
                at += 1;
            }
            // ASCII whitespace lies on char boundaries.
            match chunk.word(at) {
                Some(None) => {}
                Some(Some(word)) => {
                    self.lower.clear();
                    self.lower.push_str(&text[word.clone()]);
                    self.lower.make_ascii_lowercase();
                    let forms = self.forms.of(&self.lower);
                    if !forms.stop {
                        push_word(out, forms, word.start, word.end, position);
                    }
                    position += forms.positions;
                }
                // No word segment without a letter or digit.
                None if !text[start..at].chars().any(char::is_alphanumeric) => {}
                _ => {
                    // An elided word is completed by a word ahead: the chain reads the
                    // words it may look at with it.
                    let end = if elided(&bytes[start..at]) { group_end(bytes, at) } else { at };
                    position = self.chain(out, &text[start..end], start, position);
                    at = end;
                }
            }
        }
    }

    /// Analyses `chunk` (at `start` in its text) with the shared chain, its first word at
    /// `position`; returns the position after it.
    fn chain(&mut self, out: &mut Written, chunk: &str, start: usize, position: usize) -> usize {
        self.chunk.clear();
        self.chunk.push_str(chunk);
        self.chunk.push_str(SENTINEL);
        let mut stream = self.words.token_stream(&self.chunk);
        while let Some(word) = stream.next() {
            if word.offset_from >= chunk.len() {
                return position + word.position;
            }
            let forms = self.forms.of(&word.text);
            push_token(out, forms, start + word.offset_from, start + word.offset_to, position + word.position);
        }
        // The sentinel always comes out; this is not reached.
        position
    }
}

/// Writes the forms of a plain word read without the chain: a compound as the chain
/// gives it, the word and then each part (but stop words), all with the word's offsets.
fn push_word(out: &mut Written, forms: Forms, from: usize, to: usize, position: usize) {
    push_token(out, forms, from, to, position);
    if out.stems_only {
        for part in forms.parts() {
            out.main.push_clean(position + part.at, part.stem);
        }
        return;
    }
    for part in forms.parts() {
        out.marks.push(Mark { from: from as u32, to: to as u32, encoded: out.main.len() as u32, position: (position + part.at) as u32 });
        out.main.push_clean(position + part.at, part.stem);
        out.truncated.push_clean(position + part.at, part.truncated);
    }
}

/// Writes one token's forms: its stem and its first letters.
fn push_token(out: &mut Written, forms: Forms, from: usize, to: usize, position: usize) {
    if out.stems_only {
        out.main.push_clean(position, forms.stem);
        return;
    }
    out.marks.push(Mark { from: from as u32, to: to as u32, encoded: out.main.len() as u32, position: position as u32 });
    out.main.push_clean(position, forms.stem);
    out.truncated.push_clean(position, forms.truncated);
}

/// True when a chunk holds an elided word (`thuiswerk-`, `reis-,`): a hyphen after a
/// letter, at its end or before a comma.
fn elided(chunk: &[u8]) -> bool {
    holds_elided(&String::from_utf8_lossy(chunk))
}

/// True when text between whitespace holds an elided word (`thuiswerk-`, `reis-,`): a
/// hyphen after a letter, at its end or before a comma. What completes it lies in the
/// next [`super::elision::LOOK_AHEAD`] words.
pub(crate) fn holds_elided(text: &str) -> bool {
    let mut before = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if super::is_hyphen(c) && before.is_some_and(char::is_alphabetic) && chars.peek().is_none_or(|&n| n == ',') {
            return true;
        }
        before = Some(c);
    }
    false
}

/// Where the text an elided word's chunk ending at `at` may be completed from ends:
/// past the chunks of as many words as [`super::elision`] looks ahead (more when one
/// of them is elided too).
fn group_end(bytes: &[u8], mut at: usize) -> usize {
    let mut words_left = super::elision::LOOK_AHEAD;
    while words_left > 0 && at < bytes.len() {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let chunk = &bytes[start..at];
        if elided(chunk) {
            words_left = super::elision::LOOK_AHEAD;
        } else if String::from_utf8_lossy(chunk).chars().any(char::is_alphanumeric) {
            words_left -= 1;
        }
    }
    at
}

/// What one chunk (text between whitespace) is, read byte by byte: one plain word,
/// which the shared chain reads as the word lower-cased, is ASCII letters and digits
/// with nothing around them but punctuation that never joins a word (no apostrophe,
/// hyphen, ampersand or underscore).
#[derive(Default)]
struct Chunk {
    /// Where the word starts and ends, once seen.
    start: Option<usize>,
    end: Option<usize>,
    /// Something the chain must read: another byte, or a second word.
    other: bool,
}

impl Chunk {
    fn read(&mut self, b: u8, at: usize) {
        if b.is_ascii_alphanumeric() {
            if self.start.is_none() {
                self.start = Some(at);
            } else if self.end.is_some() {
                self.other = true;
            }
        } else if b.is_ascii_punctuation() && !matches!(b, b'\'' | b'-' | b'&' | b'_') {
            if self.start.is_some() && self.end.is_none() {
                self.end = Some(at);
            }
        } else {
            self.other = true;
        }
    }

    /// `Some(Some(word))` for one plain word, `Some(None)` for punctuation alone,
    /// `None` for what the chain must read; `end` is where the chunk ends.
    fn word(&self, end: usize) -> Option<Option<std::ops::Range<usize>>> {
        match (self.other, self.start) {
            (true, _) => None,
            (false, None) => Some(None),
            (false, Some(start)) => Some(Some(start..self.end.unwrap_or(end))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::encoded::decode;
    use crate::analyse::{dutch_analyzer, truncated_analyzer};

    /// Where each token of the Dutch analyzer lies and stands.
    fn spans(text: &str) -> Vec<(u32, u32, u32)> {
        let mut analyzer = dutch_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.offset_from as u32, t.offset_to as u32, t.position as u32));
        }
        out
    }

    fn marks(v: &Variants) -> Vec<(u32, u32, u32)> {
        v.marks.iter().map(|m| (m.from, m.to, m.position)).collect()
    }

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
            assert_eq!(marks(&v), spans(&text), "offsets");
            assert_eq!(variants.stemmed(&text), v.text, "stemmed alone");
            assert!(decode(&v.text).windows(2).any(|w| w[0].0 == w[1].0), "some compound was split");
            letters += 1;
        }
        assert!(letters >= 5);
    }

    #[test]
    fn every_short_mix_of_words_and_marks_gives_what_the_analyzers_give() {
        // Every sequence of up to three pieces: plain words (a clitic letter among them)
        // beside every mark that may or may not join a word.
        let pieces = ["t", "de", "Wet", "2", "a1", "'", "’", "-", "&", "_", ".", ",", ":", ";", "(", "\"", "%", "é", "\u{ad}", " ", "\n"];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts.iter().flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}"))).collect();
            texts.extend(longer.into_iter().filter(|t| t.chars().count() <= 6));
        }
        texts.sort();
        texts.dedup();
        assert!(texts.len() > 9000);
        let mut variants = TextVariants::default();
        for text in &texts {
            let v = variants.analyze(text);
            assert_eq!(decode(&v.text), run(&mut dutch_analyzer(), text), "{text:?}");
            assert_eq!(decode(&v.truncated), run(&mut truncated_analyzer(), text), "{text:?}");
            assert_eq!(marks(&v), spans(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_words_and_the_chain_give_what_the_analyzers_give(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Defensie", "militairen", "de", "Het", "personeelsbeleid", "re-integratie", "2026", "120.000", "2,5",
                "art5", "A4", "z.g.", "verliep.Het", "betreft:De", "zo'n", "’t", "'s-Gravenhage", "scenario’s", "SMT's",
                "coördinatie", "één", "P&O", "a_b", "Wet", "t", "s", "’", "'", "-", "&", "_", ".", ",", ":", ";", "(", ")",
                "thuiswerk-", "in-", "reis-,", "en", "of", "een", "internetvergoeding", "doorstroom", "(vrouwen)vesten",
                "drugspreventie", "HR-transitie", "remotiebeleid",
                "\"", "?", "!", "/", "%", "+", "…", "–", "\u{ad}", "\u{a0}", "e\u{301}", " ", " ", " ", "\n", "\t", "\r\n",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            let v = TextVariants::default().analyze(&text);
            proptest::prop_assert_eq!(decode(&v.text), run(&mut dutch_analyzer(), &text));
            proptest::prop_assert_eq!(decode(&v.truncated), run(&mut truncated_analyzer(), &text));
            proptest::prop_assert_eq!(marks(&v), spans(&text));
        }
    }

    #[test]
    fn compounds_are_followed_by_their_parts() {
        let v = TextVariants::default().analyze("het personeelsbeleid en re-integratie");
        let terms = |e: &str| decode(e).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(terms(&v.truncated), ["perso", "perso", "belei", "reint", "re", "integ"]);
        assert_eq!(terms(&v.text), ["personeelsbeleid", "personel", "beleid", "reintegratie", "re", "integratie"]);
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
        let of = |range: std::ops::Range<u32>| -> Vec<String> { all.iter().filter(|(p, _)| range.contains(&(*p as u32))).map(|(_, t)| t.clone()).collect() };
        let tail = decode(whole.slice(start, text.len())).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(of(whole.positions(start, text.len())), tail);
        let head = decode(whole.slice(0, start)).into_iter().map(|(_, t)| t).collect::<Vec<_>>();
        assert_eq!(of(whole.positions(0, start)), head);
        assert!(whole.positions(text.len(), text.len()).is_empty());
        assert_eq!(whole.positions(0, start).end, whole.positions(start, text.len()).start);
    }
}
