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

/// Writes the lower-cased, folded form of `text` into `output`.
pub fn fold_into(text: &str, output: &mut String) {
    output.clear();
    push_folded(text, output, |_| false);
}

/// Appends the lower-cased, folded form of `text` to `output`, leaving out the
/// characters `skip` names. Runs of ASCII are copied and lower-cased whole: snippets
/// fold whole parts of long letters to look for the query's words.
pub(crate) fn push_folded(text: &str, output: &mut String, skip: impl Fn(char) -> bool) {
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !b.is_ascii() || skip(char::from(b))).unwrap_or(rest.len());
        let start = output.len();
        output.push_str(&rest[..run]);
        output[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if skip(c) {
            continue;
        }
        if let Some(folded) = fold_latin(c) {
            output.push_str(folded);
        } else if !is_dropped(c) {
            output.extend(c.to_lowercase());
        }
    }
}

/// Combining diacritical marks and invisible format characters.
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks
        | '\u{1AB0}'..='\u{1AFF}' // … extended
        | '\u{1DC0}'..='\u{1DFF}' // … supplement
        | '\u{20D0}'..='\u{20FF}' // … for symbols
        | '\u{FE20}'..='\u{FE2F}' // combining half marks
        | '\u{00AD}'              // soft hyphen
        | '\u{200B}'..='\u{200D}' // zero-width space, non-joiner, joiner
        | '\u{2060}'              // word joiner
        | '\u{FEFF}'              // zero-width no-break space
    )
}

/// The lower-case ASCII spelling of a Latin letter with a diacritic or a ligature.
fn fold_latin(c: char) -> Option<&'static str> {
    let folded = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ'..='ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' | 'ſ' => "s",
        'Þ' | 'þ' => "th",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' => "z",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    };
    Some(folded)
}
