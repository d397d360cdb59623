//! The one folding of text to search terms: lower case, no diacritics, ligatures spelled
//! out, combining marks and invisible format characters dropped (see
//! `analyse::folding` for why). The analyzer, the word list (at build time too: `build.rs`
//! includes this file), citation keys and acronyms all fold with it, so a word folded
//! anywhere meets itself everywhere. Depends on nothing but `std`.

/// Writes the lower-cased, folded form of `text` into `output`.
pub fn fold_into(text: &str, output: &mut String) {
    output.clear();
    push_folded(text, output, |_| false);
}

/// The lower-cased, folded form of `text`.
pub fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_folded(text, &mut out, |_| false);
    out
}

/// Appends the lower-cased, folded form of `text` to `output`, leaving out the
/// characters `skip` names. Runs of ASCII are copied and lower-cased whole: snippets
/// fold whole parts of long letters to look for the query's words.
pub fn push_folded(text: &str, output: &mut String, skip: impl Fn(char) -> bool) {
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !b.is_ascii() || skip(char::from(b))).unwrap_or(rest.len());
        let start = output.len();
        output.push_str(&rest[..run]);
        output[start..].make_ascii_lowercase();
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if !skip(c) {
            push_folded_char(c, output);
        }
    }
}

/// Appends the lower-cased, folded form of `c` (nothing for a dropped character).
pub fn push_folded_char(c: char, output: &mut String) {
    if let Some(folded) = fold_latin(c) {
        output.push_str(folded);
    } else if !is_dropped(c) {
        output.extend(c.to_lowercase());
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

#[cfg(test)]
mod tests {
    /// Words of the letters and regulations, and the word list's folded forms, meet.
    #[test]
    fn one_folding_for_terms_keys_and_the_word_list() {
        for (written, expected) in [
            ("Curaçao", "curacao"),
            ("continuïteit", "continuiteit"),
            ("Enquête", "enquete"),
            ("ﬁnanciën", "financien"),
            ("re\u{AD}integratie", "reintegratie"),
            ("Ĳsselmeer", "ijsselmeer"),
            ("Øresund", "oresund"),
            ("Straße", "strasse"),
        ] {
            assert_eq!(super::folded(written), expected, "{written}");
        }
        // The word list finds a word with or without its diacritics, both ways.
        assert!(crate::lexicon::contains("coördinatie") && crate::lexicon::contains("coordinatie"));
        assert!(crate::lexicon::contains("enquête") && crate::lexicon::contains("enquete"));
    }
}
