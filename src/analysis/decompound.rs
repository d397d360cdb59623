//! Solid compounds: `personeelsbeleid` is also found as `personeel` and `beleid`.
//!
//! Dutch writes compounds as one word, so a question about `drugsgebruik` misses an
//! answer that speaks of `gebruik van drugs`. [`Decompound`] keeps every word and
//! follows a compound with its parts, at the word's position and offsets (like
//! synonyms), so a field analysed with it matches a query word against the parts of
//! the text's compounds and a query compound's parts against the text's words.
//!
//! [`compound_parts`] is stricter than [`crate::lexicon::split_compound`], which
//! accepts any split into listed words: ranking is hurt more by a false split
//! (`evaluatie` -> `eva` + `lua` + `tie`) than helped by a missed one. A part has at
//! least four letters, the first is no verb prefix (`onder·zoek`) and the last no
//! suffix (`vernieling·en`); among the splits into the fewest parts the one whose
//! shortest part (with its linking element) is longest wins (`veiligheid·s·lekken`,
//! not `veiligheidslek·ken`), and on a tie the one with a linking element.

use std::collections::HashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use crate::lexicon;

/// Shortest part, in letters: three-letter list entries are mostly abbreviations and
/// names that let almost any word split.
const MIN_PART: usize = 4;

/// Most parts a word is split into; longer chains are rare and mostly false.
const MAX_PARTS: usize = 3;

/// Longest word split, in letters: the longest real compounds have about fifty, and
/// splitting costs the square of the length (a run of garbage letters must stay cheap).
const MAX_LETTERS: usize = 64;

/// Linking elements between parts (`veiligheid·s·domein`, `pann·en·koek`).
const LINKS: [&str; 3] = ["s", "e", "en"];

/// Words that start verbs and nouns as prefixes, not as compound parts:
/// `onderzoek`, `overleg`, `voorstel` are no compounds of `zoek`, `leg`, `stel`.
const PREFIXES: &[&str] = &[
    "onder", "over", "voor", "door", "tegen", "achter", "boven", "binnen", "buiten", "terug", "samen", "mede", "weder",
    "toe", "uit", "aan", "ver", "her", "ont",
];

/// Endings that the word list also holds as words but that are derivational or
/// inflectional suffixes (`vernieling·en`, `zwanger·schap`, `moge·lijk`).
const SUFFIXES: &[&str] = &[
    "ingen", "heid", "heden", "lijk", "lijke", "lijks", "isch", "ische", "baar", "bare", "loos", "loze", "achtig",
    "achtige", "schap", "schappen", "ling", "lingen", "isme", "iteit", "ering", "eringen", "atie", "aties", "tjes",
    "elijk", "erij", "erijen", "ster", "sters", "ende", "ties",
];

/// Words remembered by one filter before its cache starts over.
const CACHE_WORDS: usize = 50_000;

/// The compound parts of a lowercased word, without linking elements, or `None` when
/// it is no compound by the rules above: `personeelsbeleid` -> `personeel`, `beleid`.
pub fn compound_parts(word: &str) -> Option<Vec<String>> {
    if !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
    let n = bounds.len() - 1;
    if !(2 * MIN_PART..=MAX_LETTERS).contains(&n) {
        return None;
    }
    // best[i]: (parts, shortest part, end of the first part, start of the rest) of the
    // best split of word[i..].
    let mut best: Vec<Option<(usize, usize, usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, usize::MAX, n, n));
    // Lowercase ASCII words (nearly all) find every listed part starting at `i` in one
    // walk down the word list; others look each candidate up.
    let ascii = word.bytes().all(|b| b.is_ascii_lowercase());
    let mut ends: Vec<usize> = Vec::new();
    for i in (0..n).rev() {
        if ascii {
            ends.clear();
            ends.extend(lexicon::prefix_words(&word[bounds[i]..]).map(|len| bounds[i] + len));
        }
        for j in (i + MIN_PART..=n).rev() {
            if i == 0 && j == n {
                continue;
            }
            let part = &word[bounds[i]..bounds[j]];
            let listed = if ascii { ends.contains(&bounds[j]) } else { lexicon::contains(part) };
            if (i == 0 && PREFIXES.contains(&part)) || (j == n && SUFFIXES.contains(&part)) || !listed {
                continue;
            }
            // A linking element counts towards its part's length, and wins a tie:
            // `staat·s·veiligheid` over `staats·veiligheid`.
            let mut consider = |k: usize, linked: bool| {
                let Some((parts, shortest, _, _)) = best[k] else { return };
                let candidate = (parts + 1, shortest.min(k - i));
                let better = match best[i] {
                    None => true,
                    Some((p, s, _, _)) => candidate.0 < p || (candidate.0 == p && (candidate.1 > s || (candidate.1 == s && linked))),
                };
                if candidate.0 <= MAX_PARTS && better {
                    best[i] = Some((candidate.0, candidate.1, j, k));
                }
            };
            consider(j, false);
            for link in LINKS {
                let k = j + link.len();
                if k < n && word.get(bounds[j]..bounds[k]) == Some(link) {
                    consider(k, true);
                }
            }
        }
    }
    let (parts, _, _, _) = best[0]?;
    if parts < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(parts);
    let mut i = 0;
    while i < n {
        let (_, _, end, next) = best[i]?;
        out.push(word[bounds[i]..bounds[end]].to_string());
        i = next;
    }
    Some(out)
}

/// Token filter that follows each solid compound with its parts; put it after folding
/// and stop words and before stemming, so the parts are stemmed like words.
#[derive(Clone, Copy, Debug, Default)]
pub struct Decompound;

impl TokenFilter for Decompound {
    type Tokenizer<T: Tokenizer> = DecompoundFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DecompoundFilter<T> {
        DecompoundFilter { inner: tokenizer, cache: HashMap::new(), pending: Vec::new() }
    }
}

/// [`Decompound`] applied to a tokenizer.
pub struct DecompoundFilter<T> {
    inner: T,
    /// Splits of recent words (`None`: no compound), since splitting costs dozens of
    /// word-list lookups and words repeat.
    cache: HashMap<String, Option<Vec<String>>>,
    /// Parts still to emit for the current word, last part first.
    pending: Vec<String>,
}

impl<T: Clone> Clone for DecompoundFilter<T> {
    /// A copy starts with an empty cache, as analyzers are cloned per thread.
    fn clone(&self) -> Self {
        DecompoundFilter { inner: self.inner.clone(), cache: HashMap::new(), pending: Vec::new() }
    }
}

impl<T: Tokenizer> Tokenizer for DecompoundFilter<T> {
    type TokenStream<'a> = DecompoundStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.pending.clear();
        DecompoundStream { tail: self.inner.token_stream(text), cache: &mut self.cache, pending: &mut self.pending }
    }
}

/// Stream of [`DecompoundFilter`].
pub struct DecompoundStream<'a, T> {
    tail: T,
    cache: &'a mut HashMap<String, Option<Vec<String>>>,
    pending: &'a mut Vec<String>,
}

impl<T: TokenStream> TokenStream for DecompoundStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(part) = self.pending.pop() {
            let token = self.tail.token_mut();
            token.text = part;
            token.position_length = 1;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token();
        // A joined hyphenated compound is followed by its written parts already.
        if token.position_length == 1 {
            if !self.cache.contains_key(&token.text) {
                if self.cache.len() >= CACHE_WORDS {
                    self.cache.clear();
                }
                self.cache.insert(token.text.clone(), compound_parts(&token.text));
            }
            if let Some(Some(parts)) = self.cache.get(&token.text) {
                self.pending.extend(parts.iter().rev().cloned());
            }
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
