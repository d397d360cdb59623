//! The Dutch word list (OpenTaal), compiled into the binary.
//!
//! `build.rs` turns `data/opentaal/words.txt.gz` (about 405,000 lowercased entries, names and
//! abbreviations included, each also without diacritics, as the analyzer folds words before
//! it looks them up) into an `fst::Set` that is embedded here, so lookups need no file
//! at run time. The list knows inflected forms (`bevindingen`, `verzuimende`) and many
//! compounds, but Dutch makes new compounds freely, so [`compound_parts`] decides whether an
//! unknown word is built from known ones.

use std::sync::LazyLock;

use fst::Set;

mod compounds;

pub(crate) use compounds::{compound_head, compound_parts};

static FST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

static WORDS: LazyLock<Set<&'static [u8]>> = LazyLock::new(|| Set::new(FST_BYTES).expect("build.rs writes a valid fst"));

static COMMON_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/common.fst"));

static COMMON: LazyLock<Set<&'static [u8]>> = LazyLock::new(|| Set::new(COMMON_BYTES).expect("build.rs writes a valid fst"));

/// True when `word` (lowercase) is in common use: one of the 45,670 words of the
/// Snowball Dutch vocabulary, drawn from running text. The word list also holds names
/// and rare words (`reint`, `staak`) that a short compound part is seldom.
pub fn is_common(word: &str) -> bool {
    COMMON.contains(word)
}

/// True when `word` is in the list, ignoring case. Typographic apostrophes count as `'`
/// (`regio’s`), and a word with diacritics the list lacks is also tried without them
/// (`ééntje`-style emphasis accents).
pub fn contains(word: &str) -> bool {
    // Analysed words are lowercase ASCII mostly: look them up as they are.
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`') {
        return !word.is_empty() && WORDS.contains(word);
    }
    let key = normalize(word);
    if key.is_empty() {
        return false;
    }
    if WORDS.contains(&key) {
        return true;
    }
    let folded = crate::fold::folded(&key);
    folded != key && WORDS.contains(&folded)
}

/// The lengths in bytes of the list's words that `text` starts with, shortest first:
/// one walk down the list instead of a lookup per length. `text` is matched as it is
/// (lowercase it first).
pub fn prefix_words(text: &str) -> impl Iterator<Item = usize> + '_ {
    let fst = WORDS.as_fst();
    let mut node = Some(fst.root());
    text.bytes()
        .enumerate()
        .map_while(move |(i, b)| {
            let current = node.take()?;
            let next = fst.node(current.transition(current.find_input(b)?).addr);
            let is_word = next.is_final();
            node = Some(next);
            Some((i + 1, is_word))
        })
        .filter_map(|(len, is_word)| is_word.then_some(len))
}

/// True when `word` is made of listed words by the rules of [`compound_parts`] (the
/// one splitter, which the analyzer indexes parts with), each hyphenated piece on its
/// own (`re-integratieproces`). Whether `word` itself is in the list does not matter.
pub fn is_compound(word: &str) -> bool {
    let key = normalize(word);
    match key.contains('-') {
        true => key.split('-').all(|piece| contains(piece) || compound_parts(piece).is_some()) && key.split('-').count() > 1,
        false => compound_parts(&key).is_some(),
    }
}

/// Lowercase with typographic apostrophes made plain, the form the list is stored in.
fn normalize(word: &str) -> String {
    word.chars().map(|c| if matches!(c, '’' | '‘' | '`') { '\'' } else { c }).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_words_are_the_listed_prefixes() {
        let found: Vec<usize> = prefix_words("personeelsbeleid").collect();
        let expected: Vec<usize> = (1..="personeelsbeleid".len()).filter(|&n| contains(&"personeelsbeleid"[..n])).collect();
        assert_eq!(found, expected);
        assert!(found.contains(&"personeel".len()));
        assert!(found.contains(&"personeelsbeleid".len()));
        assert_eq!(prefix_words("").count(), 0);
    }

    #[test]
    fn words_in_the_list() {
        for (word, expected) in [
            ("bevindingen", true),
            ("Bevindingen", true),
            ("VERZUIMENDE", true),
            ("re-integratie", true),
            ("veiligheidsregio's", true),
            ("veiligheidsregio’s", true),
            ("continuïteit", true),
            ("defensieonderdelen", true),
            ("bevin", false),
            ("talentmana", false),
            ("heidsdomein", false),
            ("", false),
            ("   ", false),
        ] {
            assert_eq!(contains(word), expected, "{word}");
        }
    }

    #[test]
    fn compounds() {
        for (word, expected) in [
            ("veiligheidsdomein", Some(vec!["veiligheid", "domein"])),
            // A part that is a compound and no word in common use is split too.
            ("thuiswerkvoorzieningen", Some(vec!["thuis", "werk", "voorzieningen"])),
            ("verbetermaatregelen", Some(vec!["verbeter", "maatregelen"])),
            ("Defensieorganisatie", Some(vec!["defensie", "organisatie"])),
            ("re-integratieproces", Some(vec!["re-integratie", "proces"])),
            ("veiligheidsre", None),
            // Deliberately no compound since one splitter serves both the index and PDF
            // repair: `mana` is listed but short and not in common use.
            ("talentmana", None),
            ("verzui", None),
            ("huis", None),
            ("", None),
        ] {
            let expected = expected.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
            if !word.contains('-') {
                assert_eq!(compound_parts(&word.to_lowercase()), expected, "{word}");
            }
            assert_eq!(is_compound(word), expected.is_some(), "{word}");
        }
    }
}
