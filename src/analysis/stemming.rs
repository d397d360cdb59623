//! The classic Snowball Dutch stemmer (`rust_stemmers::Algorithm::Dutch`).
//!
//! tantivy 0.27's own `Stemmer` runs the newer Snowball Dutch algorithm, whose stems
//! differ from what Lucene, PostgreSQL and Xapian produce; the classic one keeps
//! kamerzoek's terms comparable with theirs and is checked word for word against the
//! Snowball project's test vocabulary.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Token;

use super::per_token::TokenRule;

/// Rule that stems lower-cased Dutch words with the classic Snowball algorithm; use it
/// as `PerToken(DutchStemmer)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DutchStemmer;

impl TokenRule for DutchStemmer {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        if !needs_stemming(&token.text) {
            return true;
        }
        // Copy the stem into the token's own buffer rather than taking the stemmer's
        // string, so the buffer keeps its capacity for the next token. An empty stem
        // (which the algorithm never produces) would leave the word as it was.
        if let Cow::Owned(stem) = Stemmer::create(Algorithm::Dutch).stem(&token.text) {
            if !stem.is_empty() {
                token.text.clear();
                token.text.push_str(&stem);
            }
        }
        true
    }
}

/// Skips words the stemmer cannot change: the classic algorithm removes suffixes only
/// after the third letter (R1 starts at 3 at the earliest), numbers have no suffixes,
/// and only non-ASCII words have accents for it to remove.
fn needs_stemming(word: &str) -> bool {
    !word.is_ascii()
        || (word.len() > 3
            && !word
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
}
