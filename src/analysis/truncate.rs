//! Truncation: a word's first letters as a crude stem, which conflates derived forms
//! (`zwangere`, `zwangerschap`) that a suffix-stripping stemmer keeps apart.

use tantivy::tokenizer::Token;

use super::per_token::TokenRule;

/// Rule that keeps the first `self.0` characters of each token.
#[derive(Clone, Copy, Debug)]
pub struct Truncate(pub usize);

impl TokenRule for Truncate {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        if let Some((cut, _)) = token.text.char_indices().nth(self.0) {
            token.text.truncate(cut);
        }
        true
    }
}
