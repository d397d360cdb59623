//! Apostrophes, straight and curly.
//!
//! Dutch writes the plural and genitive of many words with `'s` (`scenario’s`,
//! `vte’s`, `SMT’s`); the word without it is what a searcher types, so the suffix is
//! dropped. The clitics `'t`, `'n`, `'s`, `'k`, `'m` stand before a word with the
//! apostrophe in front, which UAX#29 splits off: the apostrophe is put back so that
//! the stop-word list can recognise them (`'t` rather than the letter `t`), except
//! at the start of a compound (`'s-Gravenhage`), whose parts stay inside it. Every
//! remaining apostrophe is written as `'`, so `zo’n` and `zo'n` are one term.

use std::mem;

use tantivy::tokenizer::Token;

use super::per_token::TokenRule;
use super::words::is_hyphen;

/// Rule for apostrophes (see the module documentation); use it as `PerToken(Apostrophes::default())`.
#[derive(Clone, Debug, Default)]
pub struct Apostrophes {
    buffer: String,
}

impl TokenRule for Apostrophes {
    fn apply(&mut self, text: &str, token: &mut Token) -> bool {
        if token.text.is_ascii() && !token.text.contains('\'') {
            attach_clitic_apostrophe(text, token);
        } else {
            drop_plural_s(&mut token.text);
            straighten(&mut token.text, &mut self.buffer);
        }
        true
    }
}

/// Characters written for an apostrophe: straight, curly (both ways round, as PDFs
/// and word processors produce them), the modifier letter and the full-width form.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}')
}

/// Turns the letter of `'t`, `'n`, `'s`, `'k`, `'m` back into the clitic, apostrophe
/// included, when an apostrophe stands right before it and does not follow a word.
fn attach_clitic_apostrophe(text: &str, token: &mut Token) {
    let is_clitic_letter = token.text.len() == 1 && matches!(token.text.as_bytes()[0].to_ascii_lowercase(), b't' | b'n' | b's' | b'k' | b'm');
    // The first part of a compound (`’t-shirt`, `'s-Gravenhage`) stays a letter:
    // its offsets must stay inside those of the joined word.
    let before_hyphen = text.get(token.offset_to..).and_then(|rest| rest.chars().next()).is_some_and(is_hyphen);
    if !is_clitic_letter || before_hyphen {
        return;
    }
    let Some(before) = text.get(..token.offset_from) else {
        return;
    };
    let mut preceding = before.chars().rev();
    let Some(apostrophe) = preceding.next().filter(|&c| is_apostrophe(c)) else {
        return;
    };
    if preceding.next().is_some_and(char::is_alphanumeric) {
        return;
    }
    token.offset_from -= apostrophe.len_utf8();
    token.text.insert(0, '\'');
}

/// Drops a final `'s` after a word: `scenario’s` -> `scenario`.
fn drop_plural_s(word: &mut String) {
    let Some(without_s) = word.strip_suffix(['s', 'S']) else {
        return;
    };
    let mut rest = without_s.chars().rev();
    let Some(apostrophe) = rest.next().filter(|&c| is_apostrophe(c)) else {
        return;
    };
    if rest.next().is_some_and(char::is_alphanumeric) {
        let keep = without_s.len() - apostrophe.len_utf8();
        word.truncate(keep);
    }
}

/// Writes every apostrophe as `'`.
fn straighten(word: &mut String, buffer: &mut String) {
    if !word.chars().any(|c| c != '\'' && is_apostrophe(c)) {
        return;
    }
    buffer.clear();
    buffer.extend(word.chars().map(|c| if is_apostrophe(c) { '\'' } else { c }));
    mem::swap(word, buffer);
}
