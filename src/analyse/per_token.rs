//! The adapter that turns a one-token-at-a-time rule into a tantivy `TokenFilter`.
//!
//! Most rules of the chain look at one token, rewrite it in place or drop it. They
//! implement [`TokenRule`]; [`PerToken`] does the tantivy plumbing once for all of
//! them. A rule owns its scratch buffers, which the analyzer keeps between texts, so
//! a rule never allocates per token once its buffers have grown.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// A rule that rewrites or drops one token at a time.
pub trait TokenRule: Clone + Send + Sync + 'static {
    /// Rewrites `token` in place; returns `false` to drop it. `text` is the analysed
    /// text, for rules that look at what surrounds the token.
    fn apply(&mut self, text: &str, token: &mut Token) -> bool;
}

/// Token filter that applies a [`TokenRule`] to every token.
#[derive(Clone, Copy, Debug, Default)]
pub struct PerToken<R>(pub R);

impl<R: TokenRule> TokenFilter for PerToken<R> {
    type Tokenizer<T: Tokenizer> = PerTokenFilter<T, R>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PerTokenFilter<T, R> {
        PerTokenFilter { inner: tokenizer, rule: self.0 }
    }
}

/// [`PerToken`] applied to a tokenizer.
#[derive(Clone)]
pub struct PerTokenFilter<T, R> {
    inner: T,
    rule: R,
}

impl<T: Tokenizer, R: TokenRule> Tokenizer for PerTokenFilter<T, R> {
    type TokenStream<'a> = PerTokenStream<'a, T::TokenStream<'a>, R>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PerTokenStream { text, tail: self.inner.token_stream(text), rule: &mut self.rule }
    }
}

/// Stream of [`PerTokenFilter`].
pub struct PerTokenStream<'a, S, R> {
    text: &'a str,
    tail: S,
    rule: &'a mut R,
}

impl<S: TokenStream, R: TokenRule> TokenStream for PerTokenStream<'_, S, R> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            // No rule may leave an empty term behind.
            if self.rule.apply(self.text, token) && !token.text.is_empty() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
