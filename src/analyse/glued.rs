//! Sentences glued by text extraction: `verliep.Het`, `betreft:De`.
//!
//! Text taken from PDFs and web pages often loses the space after a full stop. UAX#29
//! keeps `verliep.Het` as one word (a full stop between letters is part of a word, as
//! in `z.g.`), so neither `verliep` nor `het` is found. [`GluedSentences`] splits a
//! word at a `.`, `:` or `;` that has a lower-case letter before it and an upper-case
//! letter after it; abbreviations (`z.g.`, `K.M.`, `o.a.`) and web addresses
//! (`www.belgium.be`) have no such pair and stay whole. Each piece gets a position of
//! its own and every later token moves on, so phrases still line up.

use std::ops::Range;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter that splits words glued at a sentence end; put it before folding,
/// which loses the case it looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct GluedSentences;

impl TokenFilter for GluedSentences {
    type Tokenizer<T: Tokenizer> = GluedSentencesFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GluedSentencesFilter<T> {
        GluedSentencesFilter { inner: tokenizer, pieces: Vec::new() }
    }
}

/// [`GluedSentences`] applied to a tokenizer.
#[derive(Clone)]
pub struct GluedSentencesFilter<T> {
    inner: T,
    /// Byte ranges (in the text) of the current word's pieces, reused between words.
    pieces: Vec<Range<usize>>,
}

impl<T: Tokenizer> Tokenizer for GluedSentencesFilter<T> {
    type TokenStream<'a> = GluedSentencesStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.pieces.clear();
        GluedSentencesStream { text, tail: self.inner.token_stream(text), pieces: &mut self.pieces, next: 0, first_position: 0, shift: 0 }
    }
}

/// Stream of [`GluedSentencesFilter`].
pub struct GluedSentencesStream<'a, T> {
    text: &'a str,
    tail: T,
    pieces: &'a mut Vec<Range<usize>>,
    /// Index in `pieces` of the next piece to emit.
    next: usize,
    first_position: usize,
    /// How far tokens after the split words seen so far move on.
    shift: usize,
}

/// The byte ranges of the sentences glued in `word` (which starts at `at` in the
/// text), or one range for the whole word.
fn split_glued(word: &str, at: usize, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start = 0;
    let mut previous: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | ':' | ';') {
            let before = previous.is_some_and(char::is_lowercase);
            let after = chars.peek().is_some_and(|&(_, n)| n.is_uppercase());
            if before && after && i > start {
                out.push(at + start..at + i);
                start = i + c.len_utf8();
            }
        }
        previous = Some(c);
    }
    out.push(at + start..at + word.len());
}

impl<T: TokenStream> TokenStream for GluedSentencesStream<'_, T> {
    fn advance(&mut self) -> bool {
        if self.next < self.pieces.len() {
            let range = self.pieces[self.next].clone();
            let token = self.tail.token_mut();
            token.text.clear();
            token.text.push_str(&self.text[range.clone()]);
            token.offset_from = range.start;
            token.offset_to = range.end;
            token.position = self.first_position + self.next;
            self.next += 1;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        token.position += self.shift;
        self.pieces.clear();
        self.next = 0;
        // Only a token that is its written word (not a rewritten compound) is split.
        let written = self.text.get(token.offset_from..token.offset_to);
        let Some(word) = written.filter(|w| *w == token.text && token.position_length == 1) else {
            return true;
        };
        split_glued(word, token.offset_from, self.pieces);
        if self.pieces.len() < 2 {
            self.pieces.clear();
            return true;
        }
        self.first_position = token.position;
        self.shift += self.pieces.len() - 1;
        self.advance()
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
