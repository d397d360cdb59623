//! Analysed text handed to tantivy as text: terms and their positions written into one
//! string, which the [`TokenDecoder`] (registered as [`DECODED`]) reads back.
//!
//! The indexer analyses a letter on its own threads ([`super::TextVariants`]); tantivy
//! must then only file the terms. Its own way to take analysed text, a pre-tokenized
//! value, costs more than the analysis it saves: tantivy serialises the token list as
//! JSON into its document buffer, parses it back and copies it once more, allocating
//! for every token. Written here, a token costs its bytes and one separator, and reading
//! it back allocates nothing.
//!
//! The format: each token is its term preceded by the step from the previous position,
//! as separators: [`SAME`] for the same position, [`NEXT`] for the next, and one
//! [`SKIP`] before it for every position left out (a removed stop word). Terms never
//! hold these characters: analysed terms hold no whitespace or control characters
//! (one that did would have them replaced, never misread).

use std::borrow::Cow;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name under which [`TokenDecoder`] is registered.
pub const DECODED: &str = "kz_decoded";

/// Before a token at the same position as the one before it.
pub const SAME: char = '\u{2}';
/// Before a token at the next position.
pub const NEXT: char = ' ';
/// One position left out.
pub const SKIP: char = '\u{1}';

fn is_separator(c: char) -> bool {
    c == SAME || c == NEXT || c == SKIP
}

/// `term` as the encoding writes it: any separator character replaced by `_`.
pub(super) fn clean(term: &str) -> Cow<'_, str> {
    if term.contains(is_separator) {
        Cow::Owned(term.chars().map(|c| if is_separator(c) { '_' } else { c }).collect())
    } else {
        Cow::Borrowed(term)
    }
}

/// Writes tokens in the format above.
#[derive(Debug, Default, Clone)]
pub struct TokenEncoder {
    out: String,
    last: Option<usize>,
}

impl TokenEncoder {
    /// An encoder with room for `bytes` of encoded text.
    pub fn with_capacity(bytes: usize) -> TokenEncoder {
        TokenEncoder { out: String::with_capacity(bytes), last: None }
    }

    /// Appends a token; positions must not decrease.
    #[cfg(test)]
    pub fn push(&mut self, position: usize, term: &str) {
        self.push_clean(position, &clean(term));
    }

    /// Appends a token known to hold no separator (a [`clean`] term, as
    /// [`super::forms::Forms`] holds them).
    pub(super) fn push_clean(&mut self, position: usize, term: &str) {
        debug_assert!(!term.contains(is_separator));
        let step = match self.last {
            None => position + 1,
            Some(last) => position.saturating_sub(last),
        };
        self.last = Some(position.max(self.last.unwrap_or(0)));
        for _ in 1..step {
            self.out.push(SKIP);
        }
        self.out.push(if step == 0 { SAME } else { NEXT });
        self.out.push_str(term);
    }

    /// Bytes written so far: where the next token's separators start.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// The encoded text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Tokenizer that reads back what a [`TokenEncoder`] wrote. Offsets are those of the
/// terms in the encoded text (tantivy does not index offsets).
#[derive(Clone, Debug, Default)]
pub struct TokenDecoder {
    token: Token,
}

impl Tokenizer for TokenDecoder {
    type TokenStream<'a> = DecodedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> DecodedStream<'a> {
        self.token.reset();
        DecodedStream { text, at: 0, position: None, token: &mut self.token }
    }
}

/// Stream of [`TokenDecoder`].
pub struct DecodedStream<'a> {
    text: &'a str,
    at: usize,
    position: Option<usize>,
    token: &'a mut Token,
}

impl TokenStream for DecodedStream<'_> {
    fn advance(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut step = 0usize;
        let mut seen = false;
        while let Some(&b) = bytes.get(self.at) {
            match b {
                0x01 => step += 1,
                b' ' => {
                    step += 1;
                    seen = true;
                }
                0x02 => seen = true,
                _ => break,
            }
            self.at += 1;
            if seen {
                break;
            }
        }
        let start = self.at;
        while self.at < bytes.len() && !matches!(bytes[self.at], 0x01 | 0x02 | b' ') {
            self.at += 1;
        }
        if start == self.at {
            return false;
        }
        let position = match self.position {
            None => step.saturating_sub(1),
            Some(p) => p + step,
        };
        self.position = Some(position);
        self.token.text.clear();
        // The separators are ASCII, so `start..at` lies on char boundaries.
        self.token.text.push_str(&self.text[start..self.at]);
        self.token.position = position;
        self.token.position_length = 1;
        self.token.offset_from = start;
        self.token.offset_to = self.at;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The (position, term) pairs of an encoded text, for tests.
#[cfg(test)]
pub(crate) fn decode(text: &str) -> Vec<(usize, String)> {
    let mut decoder = TokenDecoder::default();
    let mut stream = decoder.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.position, t.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn positions_survive_gaps_and_repeats() {
        let tokens = [(2, "reintegratie"), (2, "re"), (3, "integratie"), (6, "verlof")];
        let mut e = TokenEncoder::default();
        for (p, t) in tokens {
            e.push(p, t);
        }
        let text = e.finish();
        assert_eq!(text, "\u{1}\u{1} reintegratie\u{2}re integratie\u{1}\u{1} verlof");
        let expected: Vec<(usize, String)> = tokens.iter().map(|&(p, t)| (p, t.to_string())).collect();
        assert_eq!(decode(&text), expected);
    }

    #[test]
    fn nothing_encodes_to_nothing() {
        assert_eq!(decode(&TokenEncoder::default().finish()), []);
        assert_eq!(decode("\u{1}\u{2} "), []);
    }

    proptest! {
        #[test]
        fn decoding_gives_back_what_was_encoded(
            steps in proptest::collection::vec((0usize..4, "[a-z0-9'&.\u{1}\u{2} -]{1,8}"), 0..40)
        ) {
            let mut e = TokenEncoder::default();
            let mut position = 0;
            let mut expected = Vec::new();
            for (i, (step, term)) in steps.iter().enumerate() {
                position = if i == 0 { *step } else { position + step };
                let clean: String = term.chars().map(|c| if is_separator(c) { '_' } else { c }).collect();
                e.push(position, term);
                expected.push((position, clean));
            }
            prop_assert_eq!(decode(&e.finish()), expected);
        }

        #[test]
        fn decoding_anything_never_panics(text in "\\PC{0,60}") {
            for (_, term) in decode(&text) {
                prop_assert!(!term.is_empty());
            }
        }
    }
}
