//! Lower-casing and diacritic folding: `continuïteit` = `continuiteit`,
//! `Curaçao` = `curacao`, `enquête` = `enquete`.
//!
//! Dutch spelling moves diacritics around (`reïntegratie`, `re-integratie`,
//! `reintegratie`) and searchers leave them out, so terms carry none. Latin letters
//! with diacritics (Latin-1 and Latin Extended-A, which cover Dutch, French, German
//! and the Scandinavian and Central European names in the letters) fold to their base
//! letters, combining marks (decomposed text) are dropped, and the ligatures that PDF
//! extraction produces (`ﬁnanciën`, `ĳ`) are spelled out. Other scripts are only
//! lower-cased. Invisible format characters (soft hyphen, zero-width joiners) are
//! removed, so `re\u{AD}integratie` is `reintegratie`.

use std::mem;

use tantivy::tokenizer::Token;

use super::per_token::TokenRule;
pub use crate::fold::fold_into;
pub(crate) use crate::fold::push_folded;

/// Rule that lower-cases and folds diacritics (see the module documentation); use it
/// as `PerToken(FoldDiacritics::default())`.
#[derive(Clone, Debug, Default)]
pub struct FoldDiacritics {
    buffer: String,
}

impl TokenRule for FoldDiacritics {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        if token.text.is_ascii() {
            token.text.make_ascii_lowercase();
        } else {
            fold_into(&token.text, &mut self.buffer);
            mem::swap(&mut token.text, &mut self.buffer);
        }
        true
    }
}
