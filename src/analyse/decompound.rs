//! Solid compounds: `personeelsbeleid` is also found as `personeel` and `beleid`.
//!
//! Dutch writes compounds as one word, so a question about `drugsgebruik` misses an
//! answer that speaks of `gebruik van drugs`, and `beleid` misses `remotiebeleid`.
//! [`SplitCompounds`] treats a solid compound as a hyphenated one is treated
//! ([`super::compounds`]): the word at position `p` with `position_length` = its number
//! of parts, then each part at `p`, `p + 1`, …, all with the word's offsets; the next
//! word is at `p + parts`. So a part finds the compound, and the compound, analysed the
//! same way in a query, finds its parts written apart (`personeel beleid`) or
//! hyphenated, through the phrase of its parts, while the word itself (a rarer term)
//! ranks the solid form first.

//!
//! Which words are compounds, and of what, is [`crate::lexicon::compound_parts`].

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::lexicon::compound_parts;

/// Token filter that splits each solid compound into its parts, at positions of their
/// own (see the module docs); put it after folding and before stop words and
/// stemming, so the parts are stemmed like words. A joined hyphenated compound and its
/// written parts are left as they are.
#[derive(Clone, Copy, Debug, Default)]
pub struct SplitCompounds;

impl TokenFilter for SplitCompounds {
    type Tokenizer<T: Tokenizer> = SplitCompoundsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SplitCompoundsFilter<T> {
        SplitCompoundsFilter { inner: tokenizer, pending: Vec::new() }
    }
}

/// [`SplitCompounds`] applied to a tokenizer.
pub struct SplitCompoundsFilter<T> {
    inner: T,
    /// Parts still to emit for the current word, last part first.
    pending: Vec<String>,
}

impl<T: Clone> Clone for SplitCompoundsFilter<T> {
    fn clone(&self) -> Self {
        SplitCompoundsFilter { inner: self.inner.clone(), pending: Vec::new() }
    }
}

impl<T: Tokenizer> Tokenizer for SplitCompoundsFilter<T> {
    type TokenStream<'a> = SplitCompoundsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.pending.clear();
        SplitCompoundsStream { tail: self.inner.token_stream(text), pending: &mut self.pending, next_part: 0, shift: 0, covered_end: 0 }
    }
}

/// Stream of [`SplitCompoundsFilter`].
pub struct SplitCompoundsStream<'a, T> {
    tail: T,
    pending: &'a mut Vec<String>,
    /// The position of the next part to emit.
    next_part: usize,
    /// How far tokens after the compounds split so far move on.
    shift: usize,
    /// Where the last joined hyphenated compound's positions end (after the shift).
    covered_end: usize,
}

impl<T: TokenStream> TokenStream for SplitCompoundsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop() {
            let token = self.tail.token_mut();
            token.text = part;
            token.position = self.next_part;
            token.position_length = 1;
            self.next_part += 1;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        token.position += self.shift;
        if token.position_length > 1 {
            self.covered_end = token.position + token.position_length;
            return true;
        }
        if token.position < self.covered_end {
            return true;
        }
        if let Some(parts) = compound_parts(&token.text) {
            let token = self.tail.token_mut();
            token.position_length = parts.len();
            self.next_part = token.position;
            self.shift += parts.len() - 1;
            self.pending.extend(parts.into_iter().rev());
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
