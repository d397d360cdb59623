//! Hyphenated compounds: `re-integratie` is found as `re-integratie`,
//! `reintegratie` and `integratie`.
//!
//! A written word with hyphens (see [`super::words`]) becomes first the joined word
//! (hyphens removed) at position `p` with `position_length` = number of parts and
//! offsets over the whole written word, then each part at `p`, `p + 1`, … with its
//! own offsets. Every later token moves `parts - 1` positions on, so the word after
//! the compound is at `p + parts` and phrases across the compound line up.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::words::is_hyphen;

/// Token filter that expands hyphenated compounds into the joined word and its parts.
#[derive(Clone, Copy, Debug, Default)]
pub struct HyphenatedCompounds;

impl TokenFilter for HyphenatedCompounds {
    type Tokenizer<T: Tokenizer> = HyphenatedCompoundsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> HyphenatedCompoundsFilter<T> {
        HyphenatedCompoundsFilter { inner: tokenizer, parts: Vec::new() }
    }
}

/// [`HyphenatedCompounds`] applied to a tokenizer.
#[derive(Clone)]
pub struct HyphenatedCompoundsFilter<T> {
    inner: T,
    /// Byte ranges of the current compound's parts, kept to reuse the allocation.
    parts: Vec<Range<usize>>,
}

impl<T: Tokenizer> Tokenizer for HyphenatedCompoundsFilter<T> {
    type TokenStream<'a> = HyphenatedCompoundsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.parts.clear();
        HyphenatedCompoundsStream { text, tail: self.inner.token_stream(text), parts: &mut self.parts, next_part: 0, first_position: 0, shift: 0 }
    }
}

/// Stream of [`HyphenatedCompoundsFilter`].
pub struct HyphenatedCompoundsStream<'a, T> {
    text: &'a str,
    tail: T,
    parts: &'a mut Vec<Range<usize>>,
    /// Index in `parts` of the next part to emit; `parts.len()` when none is left.
    next_part: usize,
    first_position: usize,
    /// How far tokens after the compounds seen so far move on.
    shift: usize,
}

impl<T: TokenStream> HyphenatedCompoundsStream<'_, T> {
    fn emit_next_part(&mut self) {
        let range = self.parts[self.next_part].clone();
        let token = self.tail.token_mut();
        token.text.clear();
        token.text.push_str(&self.text[range.clone()]);
        token.offset_from = range.start;
        token.offset_to = range.end;
        token.position = self.first_position + self.next_part;
        token.position_length = 1;
        self.next_part += 1;
    }

    /// Finds the parts of the current token; leaves `parts` empty for a plain word.
    fn split_parts(&mut self) {
        self.parts.clear();
        self.next_part = 0;
        let token = self.tail.token();
        let Some(written) = self.text.get(token.offset_from..token.offset_to) else {
            return;
        };
        if !written.contains(is_hyphen) {
            return;
        }
        let mut start = token.offset_from;
        for (index, hyphen) in written.match_indices(is_hyphen) {
            let at = token.offset_from + index;
            self.parts.push(start..at);
            start = at + hyphen.len();
        }
        self.parts.push(start..token.offset_to);
        // The tokenizer only glues letters, but an empty part must never become a token.
        self.parts.retain(|part| !part.is_empty());
    }
}

impl<T: TokenStream> TokenStream for HyphenatedCompoundsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.next_part < self.parts.len() {
            self.emit_next_part();
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        self.tail.token_mut().position += self.shift;
        self.split_parts();
        if self.parts.len() > 1 {
            let token = self.tail.token_mut();
            token.text.retain(|c| !is_hyphen(c));
            token.position_length = self.parts.len();
            self.first_position = token.position;
            self.shift += self.parts.len() - 1;
        } else {
            self.parts.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
