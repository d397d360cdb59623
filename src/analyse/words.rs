//! Splitting text into written words.
//!
//! A written word is a run of UAX#29 word segments that a reader sees as one word:
//! a single segment with alphanumeric content (`Defensie`, `2026`, `120.000`, `zo’n`),
//! or several such segments glued by an in-word hyphen or ampersand with letters on
//! both sides and no space (`re-integratie`, `P&O-functionarissen`). The token's text
//! is the written slice, hyphens included; [`super::compounds`] splits it into parts.
//!
//! Number ranges (`2026-2028`), case numbers (`36800-X`) and suspended hyphens
//! (`in- en doorstroom`) are not glued: a digit or a space next to the hyphen ends
//! the word.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::segments::Segments;

/// Tokenizer that emits written words (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct WordTokenizer {
    token: Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream { text, segments: Segments::new(text), pending: None, next_position: 0, token: &mut self.token }
    }
}

/// Stream of written words over one text.
pub struct WordStream<'a> {
    text: &'a str,
    segments: Segments<'a>,
    /// One segment read ahead while deciding whether a hyphen glues two words.
    pending: Option<(usize, &'a str)>,
    next_position: usize,
    token: &'a mut Token,
}

impl<'a> WordStream<'a> {
    fn next_segment(&mut self) -> Option<(usize, &'a str)> {
        self.pending.take().or_else(|| self.segments.next())
    }

    /// Extends a word ending at `end` over glued continuations; returns the new end.
    fn glue(&mut self, mut end: usize) -> usize {
        loop {
            let Some((joint_start, joint)) = self.next_segment() else {
                return end;
            };
            if joint_start != end || !is_joiner(joint) || !ends_with_letter(&self.text[..end]) {
                self.pending = Some((joint_start, joint));
                return end;
            }
            // The joiner itself is never a word, so it may be dropped when no
            // letter follows it.
            let Some((next_start, next)) = self.next_segment() else {
                return end;
            };
            let adjacent = next_start == joint_start + joint.len();
            if !(adjacent && is_word_like(next) && starts_with_letter(next)) {
                self.pending = Some((next_start, next));
                return end;
            }
            end = next_start + next.len();
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((start, segment)) = self.next_segment() {
            if !is_word_like(segment) {
                continue;
            }
            let end = self.glue(start + segment.len());
            self.token.text.clear();
            self.token.text.push_str(&self.text[start..end]);
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.next_position;
            self.token.position_length = 1;
            self.next_position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Characters that split a written word into compound parts.
pub(crate) fn is_hyphen(c: char) -> bool {
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN are what word processors put in
    // compounds; en and em dashes mark ranges and asides and do not glue.
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// A segment that may glue two words: one hyphen, or an ampersand (`P&O`, `R&D`).
fn is_joiner(segment: &str) -> bool {
    let mut chars = segment.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_hyphen(c) || c == '&')
}

/// Whether a UAX#29 segment is a word rather than space or punctuation.
fn is_word_like(segment: &str) -> bool {
    match segment.as_bytes().first() {
        Some(b) if b.is_ascii_alphanumeric() => true,
        Some(b) if b.is_ascii() && segment.len() == 1 => false,
        _ => segment.chars().any(char::is_alphanumeric),
    }
}

fn starts_with_letter(segment: &str) -> bool {
    segment.chars().next().is_some_and(char::is_alphabetic)
}

/// Whether the last alphanumeric character is a letter; combining marks after it
/// (`e` + U+0301) do not count.
fn ends_with_letter(text: &str) -> bool {
    text.chars().rev().find(|c| c.is_alphanumeric()).is_some_and(char::is_alphabetic)
}
