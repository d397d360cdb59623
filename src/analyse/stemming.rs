//! Dutch stemming: the classic Snowball Dutch stemmer (`rust_stemmers::Algorithm::Dutch`)
//! with the inflection it misses resolved first.
//!
//! tantivy 0.27's own `Stemmer` runs the newer Snowball Dutch algorithm, whose stems
//! differ from what Lucene, PostgreSQL and Xapian produce; the classic one keeps
//! kamerzoek's terms comparable with theirs. It only cuts suffixes, though, so some
//! plurals never meet their singular (`moties`/`motie`, `brieven`/`brief`,
//! `kinderen`/`kind`), some singulars lose a letter of the word and meet another
//! (`arts` -> `art`, `kans` -> `kan`), and `weten` (to know) meets `wet` (law).
//! [`stem`] first asks `inflection` (plural rules checked against the OpenTaal word
//! list, and three short tables), and stems every other word the classic way. Indexing
//! and queries both stem through [`stem`], so they always agree.
//!
//! Every word of the Snowball project's test vocabulary keeps its classic stem except
//! the deliberate differences listed with their rule in
//! `tests/data/snowball-dutch/differences.tsv` (checked by `analyse/tests/stemming.rs`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::Token;

use super::inflection;
#[cfg(test)]
use super::inflection::Rule;
use super::per_token::TokenRule;

/// Words remembered before the cache starts over; a few megabytes, and enough for the
/// common words of a large collection to stay in it.
const CACHE_WORDS: usize = 100_000;

/// Rule that stems lower-cased, folded Dutch words as `stem` does; use it as
/// `PerToken(DutchStemmer::default())`.
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

/// `word` (lower case, folded) stemmed: by a rule of `inflection` where one applies
/// (plurals, over-cut singulars, false friends), else by the classic Snowball Dutch
/// algorithm; short words and numbers are left as they are.
pub fn stem(word: &str) -> Cow<'_, str> {
    if !needs_stemming(word) {
        return Cow::Borrowed(word);
    }
    match inflection::resolve(word) {
        Some(resolved) => Cow::Owned(resolved.stem),
        None => classic(word),
    }
}

/// [`stem`], with the rule that made the stem differ from the classic one (`None` where
/// the classic stem stands), for the list of differences.
#[cfg(test)]
fn stem_with_rule(word: &str) -> (Cow<'_, str>, Option<Rule>) {
    let stem = stem(word);
    // A rule may give the classic stem itself: no difference then.
    let rule = match inflection::resolve(word) {
        Some(resolved) if needs_stemming(word) && stem != classic(word) => Some(resolved.rule),
        _ => None,
    };
    (stem, rule)
}

/// `word` stemmed by the classic Snowball Dutch algorithm alone; short words and
/// numbers are left as they are.
pub(super) fn classic(word: &str) -> Cow<'_, str> {
    if !needs_stemming(word) {
        return Cow::Borrowed(word);
    }
    match Stemmer::create(Algorithm::Dutch).stem(word) {
        Cow::Owned(stem) if !stem.is_empty() => Cow::Owned(stem),
        // Unchanged (or, never seen, emptied): the word is its own stem.
        _ => Cow::Borrowed(word),
    }
}

/// The start of `term` (a stem, or a prefix of stems) that every word whose stem begins
/// with it is written with, as far as kamerzoek's rules go (the classic stemmer's own
/// changes, such as `maan` -> `man`, are the caller's to allow for): what a snippet may
/// look for in a text before analysing it. `reis` (`reizen`): `rei`; `lid` (`leden`):
/// `l`; `weet` (`weten`): `we`.
pub(crate) fn written_prefix(term: &str) -> &str {
    inflection::written_prefix(term)
}

/// Skips words the stemmer cannot change: the classic algorithm removes suffixes only
/// after the third letter (R1 starts at 3 at the earliest), numbers have no suffixes,
/// and only non-ASCII words have accents for it to remove.
fn needs_stemming(word: &str) -> bool {
    !word.is_ascii() || (word.len() > 3 && !word.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b','))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read;

    use super::*;

    fn gzipped_lines(path: &str) -> Vec<String> {
        let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
        let file = std::fs::File::open(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        let mut text = String::new();
        flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap_or_else(|error| panic!("{path}: {error}"));
        text.lines().map(str::to_owned).collect()
    }

    /// The Snowball test vocabulary: each word with its classic stem.
    fn vocabulary() -> Vec<(String, String)> {
        let words = gzipped_lines("data/snowball-dutch/voc.txt.gz");
        let stems = gzipped_lines("data/snowball-dutch/output.txt.gz");
        assert_eq!(words.len(), stems.len());
        words.into_iter().zip(stems).collect()
    }

    const DIFFERENCES: &str = "tests/data/snowball-dutch/differences.tsv";

    /// The differences file as this build would write it.
    fn differences() -> (String, BTreeMap<&'static str, usize>) {
        let mut file = String::from("word\tclassic\tkamerzoek\trule\n");
        let mut per_rule = BTreeMap::new();
        for (word, expected) in vocabulary() {
            if let (stem, Some(rule)) = stem_with_rule(&word) {
                file.push_str(&format!("{word}\t{expected}\t{stem}\t{}\n", rule.name()));
                *per_rule.entry(rule.name()).or_insert(0) += 1;
            }
        }
        (file, per_rule)
    }

    #[test]
    fn the_classic_stemmer_reproduces_the_snowball_vocabulary() {
        let wrong: Vec<String> = vocabulary()
            .into_iter()
            .filter(|(word, expected)| classic(word) != expected.as_str())
            .map(|(word, expected)| format!("{word} -> {}, expected {expected}", classic(&word)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Set `KAMERZOEK_WRITE_DIFFERENCES=1` to write the file after changing a rule, then
    /// review what changed.
    #[test]
    fn the_differences_file_names_every_difference_and_its_rule() {
        let (expected, per_rule) = differences();
        let path = format!("{}/{DIFFERENCES}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("KAMERZOEK_WRITE_DIFFERENCES").is_some() {
            std::fs::write(&path, &expected).expect("write the differences");
        }
        println!("differences per rule: {per_rule:?}");
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        let (old, new): (std::collections::HashSet<&str>, std::collections::HashSet<&str>) = (written.lines().collect(), expected.lines().collect());
        let mut changed: Vec<String> = old.difference(&new).map(|l| format!("- {l}")).collect();
        changed.extend(new.difference(&old).map(|l| format!("+ {l}")));
        changed.sort();
        assert!(written == expected, "{DIFFERENCES} is out of date (KAMERZOEK_WRITE_DIFFERENCES=1 rewrites it):\n{}", changed.join("\n"));
    }

    #[test]
    fn the_cached_rule_stems_as_stem_does() {
        let mut stemmer = DutchStemmer::default();
        let vocabulary = vocabulary();
        // The second pass answers from the cache.
        for _ in 0..2 {
            for (word, _) in &vocabulary {
                let mut token = Token { text: word.clone(), ..Token::default() };
                stemmer.apply("", &mut token);
                assert_eq!(token.text, stem(word), "{word}");
            }
        }
    }

    /// Each irregular plural's singular is its own classic stem ([`written_prefix`]
    /// relies on it).
    #[test]
    fn irregular_singulars_are_their_own_classic_stems() {
        for word in [
            "kind",
            "lid",
            "schip",
            "stad",
            "smid",
            "volk",
            "lied",
            "kalf",
            "lam",
            "rund",
            "ei",
            "gelid",
            "man",
            "criterium",
            "centrum",
            "museum",
            "politicus",
            "technicus",
            "academicus",
        ] {
            assert_eq!(classic(word), word);
        }
    }

    /// Every word a rule stems, in the Snowball vocabulary and the whole OpenTaal list,
    /// is written (folded) starting with the [`written_prefix`] of its stem and of every
    /// prefix of its stem, allowing for the classic stemmer's undoubled vowel (`kazen`
    /// -> `kas`, `ka`).
    #[test]
    fn words_start_with_the_written_prefix_of_their_stem() {
        let mut words: Vec<String> = vocabulary().into_iter().map(|(word, _)| word).collect();
        words.extend(gzipped_lines("data/opentaal/words.txt.gz"));
        let mut folded = String::new();
        let mut wrong = Vec::new();
        for word in words {
            // Folded first, as the analyzer gives words to the stemmer.
            crate::analyse::fold_into(word.trim(), &mut folded);
            if !needs_stemming(&folded) || inflection::resolve(&folded).is_none() {
                continue;
            }
            let stem = stem(&folded);
            for (end, c) in stem.char_indices() {
                let prefix = written_prefix(&stem[..end + c.len_utf8()]);
                let mut shorter = prefix.chars();
                shorter.next_back();
                if !folded.starts_with(prefix) && !folded.starts_with(shorter.as_str()) {
                    wrong.push(format!("{folded} -> {stem}: {} written {prefix}", &stem[..end + c.len_utf8()]));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        for (term, written) in [
            ("lid", "l"),
            ("kamerlid", "kamerl"),
            ("schi", "sch"),
            ("bewindsman", "bewinds"),
            ("bewindsma", "bewinds"),
            ("man", "man"),
            ("weet", "we"),
            ("reis", "rei"),
            ("motie", "motie"),
            ("kind", "kind"),
        ] {
            assert_eq!(written_prefix(term), written, "{term}");
        }
    }

    /// Every plural the rules find in the whole OpenTaal list has its singular's stem,
    /// and every rule's stem is a nonempty term.
    #[test]
    fn a_plural_meets_its_singular_across_the_word_list() {
        let mut apart = Vec::new();
        let mut fired = 0;
        for word in gzipped_lines("data/opentaal/words.txt.gz") {
            let word = word.trim().to_lowercase();
            if !needs_stemming(&word) {
                continue;
            }
            let Some(resolved) = inflection::resolve(&word) else {
                continue;
            };
            fired += 1;
            assert!(!resolved.stem.is_empty(), "{word}");
            if let Some(singular) = resolved.singular {
                if stem(&word) != stem(&singular) {
                    apart.push(format!("{word} -> {}, {singular} -> {}", stem(&word), stem(&singular)));
                }
            }
        }
        assert!(fired > 10_000, "{fired}");
        assert!(apart.is_empty(), "{}", apart.join("\n"));
    }
}
