//! Dutch stop words: the Snowball list, plus the clitics written with an apostrophe.
//!
//! The Snowball Dutch list is the one Lucene, PostgreSQL and Xapian use, so results
//! compare with theirs. A stop word is skipped but its position stays used: the
//! positions of the other tokens are not renumbered, so a phrase query
//! `minister van defensie`, analysed the same way, lines up with the text.

use std::sync::LazyLock;

use tantivy::tokenizer::Token;

use super::per_token::TokenRule;

/// The Snowball Dutch stop-word list (snowballstem.org, `dutch/stop.txt`), in its
/// original order. All entries are lower-case ASCII, so folding leaves them as they are.
pub const SNOWBALL_DUTCH: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was", "op", "aan", "met", "als", "voor", "had", "er",
    "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit", "der",
    "daar", "haar", "naar", "heb", "hoe", "heeft", "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden",
    "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles", "onder", "ja", "eens", "hier", "wie", "werd",
    "altijd", "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen", "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest", "andere",
];

/// Reduced forms of words on the Snowball list (`'t` = het, `'n` = een, `zo'n` = zo een,
/// `m'n` = mijn, `z'n` = zijn, `d'r` = haar or er, `'s` = des, `'k` = ik, `'m` = hem),
/// as the `Apostrophes` rule writes them.
pub const CLITICS: &[&str] = &["'t", "'n", "'s", "'k", "'m", "zo'n", "m'n", "z'n", "d'r"];

/// Every stop word packed into a `u64` (see [`pack`]), sorted for binary search:
/// comparing integers rather than strings makes the check a few nanoseconds.
static STOP_WORDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut words: Vec<u64> = SNOWBALL_DUTCH.iter().chain(CLITICS).filter_map(|word| pack(word)).collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// The bytes of a term of at most eight bytes as one number; `None` for a longer term,
/// which is never a stop word. Terms hold no NUL bytes, so the zero padding keeps
/// different terms apart.
fn pack(term: &str) -> Option<u64> {
    let bytes = term.as_bytes();
    if bytes.len() > 8 {
        return None;
    }
    let mut packed = [0; 8];
    packed[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(packed))
}

/// Whether a folded token is a Dutch stop word.
pub fn is_stop_word(term: &str) -> bool {
    match pack(term) {
        Some(packed) if !term.contains('\0') => STOP_WORDS.binary_search(&packed).is_ok(),
        _ => false,
    }
}

/// Rule that removes Dutch stop words and keeps their positions; use it as
/// `PerToken(DutchStopWords)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DutchStopWords;

impl TokenRule for DutchStopWords {
    fn apply(&mut self, _text: &str, token: &mut Token) -> bool {
        !is_stop_word(&token.text)
    }
}
