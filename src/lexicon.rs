//! The Dutch word list (OpenTaal), compiled into the binary.
//!
//! `build.rs` turns `data/opentaal/words.txt.gz` (about 405,000 lowercased entries, names and
//! abbreviations included, each also without diacritics, as the analyzer folds words before
//! it looks them up) into an `fst::Set` that is embedded here, so lookups need no file
//! at run time. The list knows inflected forms (`bevindingen`, `verzuimende`) and many
//! compounds, but Dutch makes new compounds freely, so [`split_compound`] decides whether an
//! unknown word is built from known ones.

use std::sync::LazyLock;

use fst::Set;

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

/// Shortest compound part, in letters: shorter entries of the list are mostly abbreviations
/// and names (`aad`, `abn`) that would let almost anything split.
const MIN_PART: usize = 3;

/// Linking elements allowed between compound parts (`veiligheid·s·domein`,
/// `gezondheid·s·zorg`, `pannen·koek` is covered by the plural being in the list).
const LINKS: [&str; 4] = ["s", "e", "en", "-"];

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

/// True when `word` splits into two or more words of the list, each at least three letters,
/// optionally joined by a linking `s`, `e`, `en` or a hyphen (`veiligheidsdomein`,
/// `verbetermaatregelen`). Whether `word` itself is in the list does not matter.
pub fn is_compound(word: &str) -> bool {
    split_compound(word).is_some()
}

/// The parts of a compound, lowercased, without linking elements:
/// `veiligheidsdomein` → `["veiligheid", "domein"]`. Prefers the split into the fewest parts
/// and, among those, the longest first part. `None` when `word` does not split into two or
/// more list words.
pub fn split_compound(word: &str) -> Option<Vec<String>> {
    let key = normalize(word);
    // Boundaries between characters, so every slice below is valid UTF-8.
    let bounds: Vec<usize> = key.char_indices().map(|(i, _)| i).chain([key.len()]).collect();
    let n = bounds.len() - 1;
    if n < 2 * MIN_PART {
        return None;
    }
    // best[i]: (parts, end of first part, start of the rest) for the best split of key[i..].
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, n, n));
    for i in (0..n).rev() {
        for j in (i + MIN_PART..=n).rev() {
            // The whole word as one part is no split.
            if i == 0 && j == n {
                continue;
            }
            let part = &key[bounds[i]..bounds[j]];
            if !WORDS.contains(part) {
                continue;
            }
            let mut consider = |k: usize| {
                if let Some((parts, _, _)) = best[k] {
                    let better = match best[i] {
                        None => true,
                        Some((p, _, _)) => parts + 1 < p,
                    };
                    if better {
                        best[i] = Some((parts + 1, j, k));
                    }
                }
            };
            consider(j);
            if j < n {
                for link in LINKS {
                    let k = j + link.chars().count();
                    if k < n && key[bounds[j]..bounds[k]] == *link {
                        consider(k);
                    }
                }
            }
        }
    }
    let (parts, _, _) = best[0]?;
    if parts < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(parts);
    let mut i = 0;
    while i < n {
        let (_, end, next) = best[i]?;
        out.push(key[bounds[i]..bounds[end]].to_string());
        i = next;
    }
    Some(out)
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
            ("thuiswerkvoorzieningen", Some(vec!["thuiswerk", "voorzieningen"])),
            ("verbetermaatregelen", Some(vec!["verbeter", "maatregelen"])),
            ("Defensieorganisatie", Some(vec!["defensie", "organisatie"])),
            ("re-integratieproces", Some(vec!["re-integratie", "proces"])),
            ("veiligheidsre", None),
            // Pieces of a word broken over two lines can still split: `mana` is a word.
            ("talentmana", Some(vec!["talent", "mana"])),
            ("verzui", None),
            ("huis", None),
            ("", None),
        ] {
            let expected = expected.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(split_compound(word), expected, "{word}");
            assert_eq!(is_compound(word), expected.is_some(), "{word}");
        }
    }
}
