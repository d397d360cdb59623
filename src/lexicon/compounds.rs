//! Solid compounds: which words of the list a word is made of.
//!
//! Dutch writes compounds as one word (`personeelsbeleid`) and makes new ones freely, so
//! the word list cannot hold them all. [`compound_parts`] decides whether a word is
//! built from listed words, and is strict about it: a false split (`evaluatie` into
//! `eva`, `lua` and `tie`) makes a part find words it has nothing to do with, where a
//! missed one only misses. A part has at least four letters (and one of four or five is a
//! word in common use, not a name or a rare word), the first is no verb prefix
//! (`onder·zoek`) and the last no suffix (`vernieling·en`); among the splits into the
//! fewest parts the one whose shortest part (with its linking element) is longest wins
//! (`veiligheid·s·lekken`, not `veiligheidslek·ken`), and on a tie the one with a
//! linking element.
//!
//! The analyzer indexes the parts (`analyse::decompound`); repairing PDF text asks it
//! whether two halves of a word broken over lines make one.

use std::collections::HashMap;

use crate::lexicon;

/// Shortest part, in letters: three-letter list entries are mostly abbreviations and
/// names that let almost any word split.
const MIN_PART: usize = 4;

/// A part this short must also be a word in common use ([`lexicon::is_common`]): the
/// list's short entries include names and rare words that split words falsely
/// (`reint·gratie`, `beveiliging·staak` where `beveiliging·s·taak` is meant). A word in
/// common use itself has no part of [`MIN_PART`] letters: `kantoren` is no
/// `kant·oren`.
const SHORT_PART: usize = 5;

/// Heads shorter than [`MIN_PART`] that Dutch compounds end with often enough to be
/// split off: laws (`veteranen·wet`, `kernenergie·wet`).
const SHORT_HEADS: &[&str] = &["wet"];

/// Shortest common word starting with `s` that takes an `s` between two parts from the
/// linking element (`stelling` does, `staken` does not: `rijks·taken`).
const LINKED_S_HEAD: usize = 7;

/// Shortest head, in letters, of a compound whose modifier is no listed word.
const HEAD_ONLY: usize = 6;

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
    "onder", "over", "voor", "door", "tegen", "achter", "boven", "binnen", "buiten", "terug", "samen", "mede", "weder", "neder", "toe", "uit", "aan", "ver",
    "her", "ont",
];

/// Endings that the word list also holds as words but that are derivational or
/// inflectional suffixes (`vernieling·en`, `zwanger·schap`, `moge·lijk`).
const SUFFIXES: &[&str] = &[
    "ingen", "heid", "heden", "lijk", "lijke", "lijks", "isch", "ische", "baar", "bare", "loos", "loze", "achtig", "achtige", "schap", "schappen", "ling",
    "lingen", "isme", "iteit", "ering", "eringen", "atie", "aties", "tjes", "elijk", "erij", "erijen", "ster", "sters", "ende", "ties",
];

/// Words whose splits a thread remembers before it starts over.
const CACHE_WORDS: usize = 50_000;

/// The compound parts of a lowercased word, without linking elements, or `None` when
/// it is no compound by the rules above: `personeelsbeleid` -> `personeel`, `beleid`.
pub fn compound_parts(word: &str) -> Option<Vec<String>> {
    Some(split(word)?.into_iter().map(|(part, _)| word[part].to_string()).collect())
}

/// What follows a compound's first part and its linking element: the word it
/// modifies (`personeelsbeleid` -> `beleid`, `defensiepersoneelsbeleid` ->
/// `personeelsbeleid`), which an elided compound shares (`materieel- en
/// personeelsbeleid`). `None` when the word is no compound.
pub fn compound_head(word: &str) -> Option<&str> {
    let (_, rest) = split(word)?.into_iter().next()?;
    word.get(rest..)
}

/// The best split of `word`: each part's byte range, and where what follows it (after
/// its linking element) starts.
fn split(word: &str) -> Option<Vec<(std::ops::Range<usize>, usize)>> {
    // Splitting costs dozens of word-list lookups and words repeat (a query's words are
    // analysed several times, by analyzers cloned per query): each thread remembers
    // the splits of recent words.
    thread_local! {
        static SPLITS: std::cell::RefCell<HashMap<String, Split>> = std::cell::RefCell::new(HashMap::new());
    }
    if let Some(known) = SPLITS.with(|s| s.borrow().get(word).cloned()) {
        return known;
    }
    let found = split_uncached(word);
    SPLITS.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= CACHE_WORDS {
            s.clear();
        }
        s.insert(word.to_string(), found.clone());
    });
    found
}

/// A word's parts (byte ranges) and where what follows each starts; `None`: no compound.
type Split = Option<Vec<(std::ops::Range<usize>, usize)>>;

fn split_uncached(word: &str) -> Split {
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
    if plural_of_a_simple_word(word) {
        return None;
    }
    let mut ends: Vec<usize> = Vec::new();
    for i in (0..n).rev() {
        if ascii {
            ends.clear();
            ends.extend(lexicon::prefix_words(&word[bounds[i]..]).map(|len| bounds[i] + len));
        }
        for j in (i + 1..=n).rev() {
            if (i == 0 && j == n) || (j - i < MIN_PART && !(j == n && SHORT_HEADS.contains(&&word[bounds[i]..]))) {
                continue;
            }
            let part = &word[bounds[i]..bounds[j]];
            let listed = if ascii { ends.contains(&bounds[j]) } else { lexicon::contains(part) };
            if (i == 0 && PREFIXES.contains(&part)) || (j == n && SUFFIXES.contains(&part)) || !listed {
                continue;
            }
            if j - i <= SHORT_PART && !lexicon::is_common(part) && !SHORT_HEADS.contains(&part) {
                continue;
            }
            // A linking element counts towards its part's length, and wins a tie
            // (`staat·s·veiligheid` over `staats·veiligheid`) unless the part with it is
            // a word in common use (`salaris·schaal`, not `salari·s·schaal`).
            let mut consider = |k: usize, linked: bool| {
                let Some((parts, shortest, _, _)) = best[k] else { return };
                let candidate = (parts + 1, shortest.min(k - i));
                let linked = linked && !lexicon::is_common(&word[bounds[i]..bounds[k]]);
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
    let Some((parts, _, _, _)) = best[0].filter(|&(parts, ..)| parts >= 2) else {
        // A listed word that no listed parts make is no compound of an unlisted one.
        return if lexicon::contains(word) { None } else { head_only(word, &bounds) };
    };
    let mut out: Vec<(std::ops::Range<usize>, usize)> = Vec::with_capacity(parts);
    let mut i = 0;
    while i < n {
        let (_, _, end, next) = best[i]?;
        out.push((bounds[i]..bounds[end], bounds[next]));
        i = next;
    }
    // A part that is a compound itself (and no word in common use) is split too, as
    // far as MAX_PARTS allows: splitting into the fewest parts kept `kernenergie·wet`.
    let mut at = 0;
    while at < out.len() && out.len() < MAX_PARTS {
        let (range, rest) = out[at].clone();
        // A part in common use is a unit (`staat·secretaris`, not `secret·aris`).
        let inner = (!lexicon::is_common(&word[range.clone()])).then(|| split(&word[range.clone()])).flatten();
        let inner = inner.filter(|inner| out.len() - 1 + inner.len() <= MAX_PARTS);
        let Some(mut inner) = inner else {
            at += 1;
            continue;
        };
        for (part, next) in &mut inner {
            *part = part.start + range.start..part.end + range.start;
            *next += range.start;
        }
        if let Some(last) = inner.last_mut() {
            last.1 = rest;
        }
        out.splice(at..=at, inner);
    }
    // An `s` between two parts is a linking element, unless the part after it is a
    // longer common word with it (`vast·stelling`, not `vast·s·telling`).
    for at in 1..out.len() {
        let (previous_end, next) = (out[at - 1].0.end, out[at].0.clone());
        let with_s = &word[previous_end..next.end];
        if next.start == previous_end + 1 && with_s.starts_with('s') && with_s.chars().count() >= LINKED_S_HEAD && lexicon::is_common(with_s) {
            out[at - 1].1 = previous_end;
            out[at].0.start = previous_end;
        }
    }
    Some(out)
}

/// True when `word` is the plural of a listed word that is no compound: its letters
/// make no compound either (`kantoren` of `kantoor` is no `kant·oren`).
fn plural_of_a_simple_word(word: &str) -> bool {
    let singulars = [word.strip_suffix("en"), word.strip_suffix('s')];
    singulars
        .into_iter()
        .flatten()
        .flat_map(|base| [Some(base.to_string()), long_vowel(base)])
        .flatten()
        .any(|singular| singular.len() >= MIN_PART && lexicon::contains(&singular) && split(&singular).is_none())
}

/// `base` with the vowel of its last syllable doubled, as a singular writes it before
/// its plural's open syllable: `kantor` (`kantoren`) -> `kantoor`.
fn long_vowel(base: &str) -> Option<String> {
    let bytes = base.as_bytes();
    let n = bytes.len();
    let vowel = |b: u8| matches!(b, b'a' | b'e' | b'o' | b'u');
    if n < 3 || !vowel(bytes[n - 2]) || vowel(bytes[n - 1]) || vowel(bytes[n - 3]) {
        return None;
    }
    Some(format!("{}{}{}", &base[..n - 1], bytes[n - 2] as char, bytes[n - 1] as char))
}

/// An unlisted compound whose modifier is no listed word (jargon, a name:
/// `remotie·beleid`, `marechaussee·taken`) split before the longest listed word it ends
/// with, when that is a word in common use of at least [`HEAD_ONLY`] letters (a short
/// one ends too many words by chance), no suffix, after at least [`MIN_PART`] letters
/// with a vowel.
fn head_only(word: &str, bounds: &[usize]) -> Option<Vec<(std::ops::Range<usize>, usize)>> {
    let n = bounds.len() - 1;
    // The longest listed word the word ends with is its head; when that leaves fewer
    // than MIN_PART letters before it, there is no compound (`re·integratie`, not
    // `reinte·gratie`).
    let k = (1..=n.checked_sub(HEAD_ONLY)?).find(|&k| lexicon::contains(&word[bounds[k]..]))?;
    let (modifier, head) = (&word[..bounds[k]], &word[bounds[k]..]);
    let fits = k >= MIN_PART && lexicon::is_common(head) && !SUFFIXES.contains(&head) && modifier.contains(['a', 'e', 'i', 'o', 'u', 'y']);
    fits.then(|| vec![(0..bounds[k], bounds[k]), (bounds[k]..word.len(), word.len())])
}
