//! Elided compounds (samentrekkingen): `thuiswerk- en een internetvergoeding` speaks of
//! a `thuiswerkvergoeding`, `in- en doorstroom` of `instroom`, `op- of afgeschaald` of
//! `opgeschaald`, `(vrouwen)vesten` of `vrouwenvesten`.
//!
//! [`ElidedCompounds`] puts the compound an elided word stands for before it, at its
//! position and with its offsets (as a synonym), so a search for that compound finds
//! it (before: the elided word may be a compound followed by its parts). An elided word is a word written with a hyphen and then a space or a comma
//! (`thuiswerk-`, `reis-,`); its compound is completed by the next word (the head)
//! when what stands between holds a conjunction (`en`, `of`, `tot`, `noch`, `als`) and
//! otherwise only stop words and other elided words (`reis-, verblijf- en
//! verhuiskosten`). The elided word takes what follows the head's first part:
//!
//! - of a solid compound, what follows its first part and linking element
//!   (`internetvergoeding` -> `vergoeding`, `drugspreventie` -> `preventie`);
//! - of a hyphenated compound, what follows its first hyphen (`HR-transitie`);
//! - of a word that starts with a prefix (`doorstroom`, `afgeschaald`, `verkoop`),
//!   what follows the prefix, when the elided word is a prefix too (`in-`, `op-`,
//!   `aan-`).
//!
//! A word in parentheses glued to the next (`(vrouwen)vesten`, `(her)keuring`) is
//! followed by the two joined.
//!
//! Put it after [`super::SplitCompounds`] (a compound's parts follow it with its
//! offsets, and are no words of their own here) and before stop words: `in` and `op`
//! are stop words.

use std::collections::VecDeque;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::stop_words::is_stop_word;
use super::words::is_hyphen;
use crate::lexicon::compound_head;

/// Words that join an elided word to the head it shares.
const CONJUNCTIONS: &[&str] = &["en", "of", "tot", "noch", "als"];

/// Words between an elided word and its head, at most (`thuiswerk- en een …`).
const MAX_BETWEEN: usize = 6;

/// Words after an elided word that decide its compound, at most: those between, and
/// the head.
pub(super) const LOOK_AHEAD: usize = MAX_BETWEEN + 1;

/// Prefixes that an elided word may be and a head may start with: separable (`in- en
/// doorstroom`, `op- of afschalen`) and inseparable (`aan- en verkoop`).
const PREFIXES: &[&str] = &[
    "aan", "achter", "af", "be", "bij", "binnen", "buiten", "door", "her", "in", "mee", "na", "om", "onder", "ont", "op", "over", "rond", "terug", "toe",
    "uit", "ver", "voor", "weg",
];

/// Token filter that puts the compound each elided word stands for before it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ElidedCompounds;

impl TokenFilter for ElidedCompounds {
    type Tokenizer<T: Tokenizer> = ElidedCompoundsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ElidedCompoundsFilter<T> {
        ElidedCompoundsFilter { inner: tokenizer }
    }
}

/// [`ElidedCompounds`] applied to a tokenizer.
#[derive(Clone)]
pub struct ElidedCompoundsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ElidedCompoundsFilter<T> {
    type TokenStream<'a> = ElidedCompoundsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ElidedCompoundsStream {
            text,
            tail: self.inner.token_stream(text),
            ahead: VecDeque::new(),
            current: Token::default(),
            owned: false,
            elided: None,
            word_end: 0,
        }
    }
}

/// Stream of [`ElidedCompoundsFilter`]. Tokens pass through untouched and uncopied
/// but for an elided word, whose head is looked for among the tokens after it (kept
/// in `ahead` until they are passed on).
pub struct ElidedCompoundsStream<'a, T> {
    text: &'a str,
    tail: T,
    /// Tokens read ahead, next first.
    ahead: VecDeque<Token>,
    /// The current token when it is not the tail's own (read ahead, or a full form).
    current: Token,
    owned: bool,
    /// The elided word, to pass on after its full compound (the current token).
    elided: Option<Token>,
    /// Where the current word ends: a token that starts before it is a part of it.
    word_end: usize,
}

impl<T: TokenStream> TokenStream for ElidedCompoundsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(elided) = self.elided.take() {
            self.current = elided;
            self.owned = true;
            return true;
        }
        if let Some(next) = self.ahead.pop_front() {
            self.current = next;
            self.owned = true;
        } else if self.tail.advance() {
            self.owned = false;
        } else {
            return false;
        }
        let (from, to) = {
            let t = self.token();
            (t.offset_from, t.offset_to)
        };
        // Parts of a compound share its offsets (or lie within them): no words here.
        if from < self.word_end {
            return true;
        }
        self.word_end = to;
        let word = self.token().text.chars().all(char::is_alphabetic);
        if word && (self.elided_at(to) || self.in_parentheses(from, to)) {
            if !self.owned {
                self.current = self.tail.token().clone();
                self.owned = true;
            }
            if let Some(full) = self.full_form() {
                self.elided = Some(std::mem::replace(&mut self.current, full));
            }
        }
        true
    }

    fn token(&self) -> &Token {
        if self.owned {
            &self.current
        } else {
            self.tail.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.owned {
            &mut self.current
        } else {
            self.tail.token_mut()
        }
    }
}

impl<T: TokenStream> ElidedCompoundsStream<'_, T> {
    /// True when a word ending at `end` is written with a hyphen and then a space, a
    /// comma or nothing more: `thuiswerk- en`.
    fn elided_at(&self, end: usize) -> bool {
        let mut rest = self.text.get(end..).unwrap_or("").chars();
        matches!(rest.next(), Some(c) if is_hyphen(c)) && rest.next().is_none_or(|c| c.is_whitespace() || c == ',')
    }

    /// True when the word at `from..to` stands in parentheses glued to a next word:
    /// `(vrouwen)vesten`.
    fn in_parentheses(&self, from: usize, to: usize) -> bool {
        let before = self.text.get(..from).and_then(|t| t.chars().next_back());
        let mut after = self.text.get(to..).unwrap_or("").chars();
        before == Some('(') && after.next() == Some(')') && after.next().is_some_and(char::is_alphabetic)
    }

    /// The full compound of the current word, from the words ahead.
    fn full_form(&mut self) -> Option<Token> {
        let word = self.current.clone();
        let glued = self.in_parentheses(word.offset_from, word.offset_to);
        // The words ahead: the first token of each, read until the head.
        let mut end = word.offset_to;
        let mut between = 0;
        let mut joined = false;
        let mut i = 0;
        loop {
            if i == self.ahead.len() {
                if !self.tail.advance() {
                    return None;
                }
                self.ahead.push_back(self.tail.token().clone());
            }
            let t = &self.ahead[i];
            i += 1;
            if t.offset_from < end {
                continue;
            }
            end = t.offset_to;
            if glued {
                // `(vrouwen)vesten`: the next word, right after the parenthesis.
                if t.offset_from != word.offset_to + 1 {
                    return None;
                }
                return Some(synonym(&word, format!("{}{}", word.text, t.text)));
            }
            let filler = is_stop_word(&t.text) || CONJUNCTIONS.contains(&t.text.as_str()) || self.elided_at(t.offset_to);
            if filler {
                joined |= CONJUNCTIONS.contains(&t.text.as_str());
                between += 1;
                if between > MAX_BETWEEN {
                    return None;
                }
                continue;
            }
            if !joined {
                return None;
            }
            let head = self.head_of(t, &word.text)?;
            return Some(synonym(&word, format!("{}{head}", word.text)));
        }
    }

    /// What the elided word `elided` takes of the head word `head`.
    fn head_of(&self, head: &Token, elided: &str) -> Option<String> {
        let written = self.text.get(head.offset_from..head.offset_to)?;
        if let Some(hyphen) = written.find(is_hyphen) {
            let rest = &written[hyphen..];
            let mut folded = String::new();
            super::push_folded(rest, &mut folded, is_hyphen);
            return (!folded.is_empty()).then_some(folded);
        }
        if let Some(rest) = compound_head(&head.text) {
            return Some(rest.to_string());
        }
        // The elision says the head is a compound: any two listed words will do
        // (`stief- of pleegkinderen`, where `pleeg` alone is too rare a part).
        if let Some(rest) = two_words(&head.text) {
            return Some(rest.to_string());
        }
        if !PREFIXES.contains(&elided) {
            return None;
        }
        let prefix = PREFIXES.iter().filter(|p| head.text.starts_with(**p) && head.text.len() > p.len() + 2).max_by_key(|p| p.len())?;
        Some(head.text[prefix.len()..].to_string())
    }
}

/// What follows the shortest listed word of at least four letters that `word` starts
/// with, when that is a listed word of at least four letters too.
fn two_words(word: &str) -> Option<&str> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(4).collect();
    bounds.into_iter().find_map(|k| {
        let (first, rest) = word.split_at(k);
        (rest.chars().count() >= 4 && crate::lexicon::contains(first) && crate::lexicon::contains(rest)).then_some(rest)
    })
}

/// `text` at the position and offsets of `word`, as one word.
fn synonym(word: &Token, text: String) -> Token {
    Token { text, position_length: 1, ..word.clone() }
}
