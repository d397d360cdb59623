//! The classic Snowball Dutch stemmer (`rust_stemmers::Algorithm::Dutch`).
//!
//! tantivy 0.27's own `Stemmer` runs the newer Snowball Dutch algorithm, whose stems
//! differ from what Lucene, PostgreSQL and Xapian produce; the classic one keeps
//! kamerzoek's terms comparable with theirs and is checked word for word against the
//! Snowball project's test vocabulary.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Token;

use super::per_token::TokenRule;

/// Words remembered before the cache starts over; a few megabytes, and enough for the
/// common words of a large collection to stay in it.
const CACHE_WORDS: usize = 100_000;

/// Rule that stems lower-cased Dutch words with the classic Snowball algorithm; use it
/// as `PerToken(DutchStemmer::default())`.
///
/// The algorithm allocates for every word it changes and costs far more than the rest
/// of the chain, while word frequencies are skewed: the stems of recent words are kept
/// in a bounded cache, so most tokens are a lookup and a copy.
#[derive(Debug, Default)]
pub struct DutchStemmer {
    stems: HashMap<String, String, BuildHasherDefault<WordHasher>>,
}

impl Clone for DutchStemmer {
    /// A copy starts with an empty cache: analyzers are cloned per indexing thread.
    fn clone(&self) -> Self {
        DutchStemmer::default()
    }
}

impl TokenRule for DutchStemmer {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        if !needs_stemming(&token.text) {
            return true;
        }
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = stem(&token.text).into_owned();
        if self.stems.len() >= CACHE_WORDS {
            self.stems.clear();
        }
        let word = std::mem::replace(&mut token.text, stem);
        self.stems.insert(word, token.text.clone());
        true
    }
}

/// FxHash (as in rustc and tantivy): the cache's keys are short words from our own
/// text, so a fast hash matters more than resistance to chosen collisions.
#[derive(Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// `word` (lower case, folded) stemmed by the classic Snowball Dutch algorithm;
/// short words and numbers are left as they are.
pub fn stem(word: &str) -> Cow<'_, str> {
    if !needs_stemming(word) {
        return Cow::Borrowed(word);
    }
    match Stemmer::create(Algorithm::Dutch).stem(word) {
        Cow::Owned(stem) if !stem.is_empty() => Cow::Owned(stem),
        // Unchanged (or, never seen, emptied): the word is its own stem.
        _ => Cow::Borrowed(word),
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
