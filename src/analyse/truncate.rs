//! Truncation: a word's first letters as a crude stem, which conflates derived forms
//! (`zwangere`, `zwangerschap`) that a suffix-stripping stemmer keeps apart.

use tantivy::tokenizer::Token;

use super::per_token::TokenRule;

/// Rule that keeps the first `self.0` characters of each token.
#[derive(Clone, Copy, Debug)]
pub struct Truncate(pub usize);

impl TokenRule for Truncate {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        let cut = first_letters(&token.text, self.0).len();
        token.text.truncate(cut);
        true
    }
}

/// The first `n` characters of `word`.
pub fn first_letters(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((cut, _)) => &word[..cut],
        None => word,
    }
}
