//! The indexed forms of each distinct word, worked out once and remembered.
//!
//! Indexing a letter gives every word its stem and its first letters, and a solid
//! compound the same of each of its parts (the analyzers' [`super::SplitCompounds`]).
//! Stemming and compound splitting cost hundreds of nanoseconds a word, and the words
//! of a collection repeat: the regulations benchmark has 61 M words but 415 k distinct
//! ones. [`WordForms`] keeps the forms of every word it has seen in one byte arena,
//! entry after entry, and finds them through a table of small fixed-size entries: a
//! word seen before costs one hash, one probe and one comparison with bytes that lie
//! beside its forms.
//!
//! Memory is bounded: when the arena reaches its limit the table starts over (the
//! common words come back at once).

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::encoded::clean;
use super::stemming::{stem, WordHasher};
use super::stop_words::is_stop_word;
use super::truncate::first_letters;
use super::TRUNCATED_LETTERS;
use crate::lexicon::compound_parts;

/// Arena bytes kept before starting over: the benchmark's whole vocabulary with its
/// forms takes about 12 MiB.
const ARENA_BYTES: usize = 32 << 20;

/// Where one word's forms lie in the arena: the word, its stem, its truncated form,
/// then its compound parts, each as its place among the parts, its stem and its
/// truncated form (a char for each length, then the form).
#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    word: u16,
    stem: u16,
    truncated: u8,
    parts: u16,
    /// How many positions the word takes: its parts, or one.
    positions: u8,
    stop: bool,
}

/// The forms of one word, as [`WordForms::of`] gives them. No form holds a
/// separator of the token encoding ([`super::TokenEncoder`]).
#[derive(Clone, Copy, Debug)]
pub struct Forms<'a> {
    /// Whether the word is a stop word (which neither form indexes).
    pub stop: bool,
    /// As the Dutch analyzer ([`super::dutch_analyzer`]) indexes the word.
    pub stem: &'a str,
    /// Cut to [`TRUNCATED_LETTERS`] letters.
    pub truncated: &'a str,
    /// How many positions the word takes: a compound one per part, else one.
    pub positions: usize,
    parts: &'a str,
}

/// One part of a compound: its place among the parts (its position after the
/// compound's), its stem and its first letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    pub at: usize,
    pub stem: &'a str,
    pub truncated: &'a str,
}

impl<'a> Forms<'a> {
    /// The parts of a compound that are no stop words (none when the word is no
    /// compound).
    pub fn parts(&self) -> impl Iterator<Item = Part<'a>> {
        let mut rest = self.parts;
        let mut field = move || -> Option<&'a str> {
            let len = rest.chars().next()?;
            let skip = len.len_utf8();
            let len = len as usize;
            let value = rest.get(skip..skip + len)?;
            rest = &rest[skip + len..];
            Some(value)
        };
        std::iter::from_fn(move || {
            let at = field()?.len();
            Some(Part { at, stem: field()?, truncated: field()? })
        })
    }
}

/// Slots of [`WordForms::recent`] (a power of two).
const RECENT_SLOTS: usize = 8192;

/// A bounded memory of words and their forms; keep one per thread.
pub struct WordForms {
    /// The entries of the words seen last, by hash: a few hundred KiB that stay in
    /// the cache, for the words that make up most of any text. The table of all the
    /// words seen is too large to stay there: a probe of it mostly waits on memory.
    recent: Vec<Option<(u64, Entry)>>,
    table: HashTable<Entry>,
    /// Entries' words and forms, one after another (a string, so that forms are read
    /// back without checking their bytes again).
    arena: String,
    /// The forms of a word too long to remember (over 64 KiB: no word, but input
    /// may hold anything).
    spill: String,
    limit: usize,
}

impl Default for WordForms {
    fn default() -> Self {
        WordForms::with_limit(ARENA_BYTES)
    }
}

impl WordForms {
    /// A memory that starts over whenever its arena holds `limit` bytes.
    pub fn with_limit(limit: usize) -> WordForms {
        WordForms { recent: vec![None; RECENT_SLOTS], table: HashTable::new(), arena: String::new(), spill: String::new(), limit }
    }

    /// The forms of `word` (folded, as the analyzers' shared chain gives it).
    pub fn of(&mut self, word: &str) -> Forms<'_> {
        if word.len() > u16::MAX as usize / 2 {
            self.spill.clear();
            let entry = write_forms(word, &mut self.spill);
            return forms(&self.spill, entry);
        }
        let hasher = std::hash::BuildHasherDefault::<WordHasher>::default();
        let hash = hasher.hash_one(word.as_bytes());
        let slot = hash as usize & (RECENT_SLOTS - 1);
        if let Some((h, entry)) = self.recent[slot] {
            if h == hash && key(&self.arena, &entry) == word {
                return forms(&self.arena, entry);
            }
        }
        let arena = &self.arena;
        let entry = match self.table.find(hash, |e| key(arena, e) == word).copied() {
            Some(entry) => entry,
            None => {
                if self.arena.len() >= self.limit {
                    self.arena.clear();
                    self.table.clear();
                    self.recent.fill(None);
                }
                let entry = write_forms(word, &mut self.arena);
                let arena = &self.arena;
                self.table.insert_unique(hash, entry, |e| hasher.hash_one(key(arena, e).as_bytes()));
                entry
            }
        };
        self.recent[slot] = Some((hash, entry));
        forms(&self.arena, entry)
    }
}

fn key<'a>(arena: &'a str, e: &Entry) -> &'a str {
    let start = e.start as usize;
    &arena[start..start + e.word as usize]
}

fn forms(arena: &str, e: Entry) -> Forms<'_> {
    // Each form was written whole, so its ends are char boundaries.
    let stem = e.start as usize + e.word as usize;
    let truncated = stem + e.stem as usize;
    let parts = truncated + e.truncated as usize;
    Forms {
        stop: e.stop,
        stem: &arena[stem..truncated],
        truncated: &arena[truncated..parts],
        positions: e.positions as usize,
        parts: &arena[parts..parts + e.parts as usize],
    }
}

/// Appends `word` and its forms to `out`.
fn write_forms(word: &str, out: &mut String) -> Entry {
    let start = out.len();
    out.push_str(word);
    let stem_at = out.len();
    push_term(out, &stem(word));
    let truncated_at = out.len();
    push_term(out, truncate(word));
    let parts_at = out.len();
    let parts = compound_parts(word).unwrap_or_default();
    for (at, part) in parts.iter().enumerate() {
        // A part that is a stop word is left out, as the analyzer drops it; its
        // position stays taken.
        if is_stop_word(part) {
            continue;
        }
        // Each field is its length as a char, then the field: the place as that many
        // filler bytes (a part's place is below MAX_PARTS).
        push_field(out, &"_".repeat(at));
        push_field(out, &clean(&stem(part)));
        push_field(out, &clean(truncate(part)));
    }
    Entry {
        start: start as u32,
        word: word.len() as u16,
        stem: (truncated_at - stem_at) as u16,
        truncated: (parts_at - truncated_at) as u8,
        parts: (out.len() - parts_at) as u16,
        positions: parts.len().max(1) as u8,
        stop: is_stop_word(word),
    }
}

/// Appends a field of a part: its length as one char, then the field.
fn push_field(out: &mut String, value: &str) {
    out.push(char::from_u32(value.len() as u32).unwrap_or('\0'));
    out.push_str(value);
}

/// Appends a term as the token encoding writes it.
fn push_term(out: &mut String, term: &str) {
    out.push_str(&clean(term));
}

/// `word`'s first [`TRUNCATED_LETTERS`] letters, as [`super::Truncate`] cuts it.
fn truncate(word: &str) -> &str {
    first_letters(word, TRUNCATED_LETTERS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_has_its_stem_its_first_letters_and_its_parts() {
        let mut words = WordForms::default();
        let f = words.of("personeelsbeleid");
        assert_eq!((f.stem, f.truncated, f.positions), ("personeelsbeleid", "perso", 2));
        let parts: Vec<(usize, &str, &str)> = f.parts().map(|p| (p.at, p.stem, p.truncated)).collect();
        assert_eq!(parts, [(0, "personel", "perso"), (1, "beleid", "belei")]);
        let f = words.of("vergaderingen");
        assert_eq!((f.stem, f.truncated), ("vergader", "verga"));
        assert_eq!(f.parts().count(), 0);
        // Seen before: the same forms from memory.
        assert_eq!(words.of("personeelsbeleid").stem, "personeelsbeleid");
        assert_eq!(words.table.len(), 2);
    }

    #[test]
    fn starting_over_gives_the_same_forms() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_7103214013612ba8.txt")).expect("the bundled letter");
        let (mut roomy, mut tight) = (WordForms::default(), WordForms::with_limit(64));
        let owned = |f: Forms| {
            (f.stem.to_string(), f.truncated.to_string(), f.parts().map(|p| (p.at, p.stem.to_string(), p.truncated.to_string())).collect::<Vec<_>>())
        };
        let mut words = 0;
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            let word = word.to_lowercase();
            assert_eq!(owned(roomy.of(&word)), owned(tight.of(&word)), "{word}");
            assert!(tight.arena.len() < 64 + 3 * word.len() + 64, "the tight arena started over");
            words += 1;
        }
        assert!(words > 100);
    }

    #[test]
    fn remembered_forms_are_the_forms_of_the_word_asked_for() {
        // Thousands of distinct words share the recent slots: a slot taken by another
        // word must never answer for this one.
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_7103214013612ba8.txt")).expect("the bundled letter");
        let real: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let mut words = WordForms::default();
        let mut fresh = String::new();
        let mut seen = std::collections::HashSet::new();
        for round in 0..2 {
            for i in 0..3 * RECENT_SLOTS {
                // The letter's words, and made-up variants of them: far more words
                // than slots go by.
                let base = &real[i % real.len()];
                let word = if i < real.len() { base.clone() } else { format!("{base}{i}") };
                seen.insert(word.clone());
                fresh.clear();
                let entry = write_forms(&word, &mut fresh);
                let expected = forms(&fresh, entry);
                let got = words.of(&word);
                assert_eq!(
                    (got.stop, got.stem, got.truncated, got.parts),
                    (expected.stop, expected.stem, expected.truncated, expected.parts),
                    "{word} (round {round})"
                );
            }
        }
        assert!(seen.len() > 2 * RECENT_SLOTS, "{}", seen.len());
    }

    #[test]
    fn a_huge_word_is_not_remembered() {
        let mut words = WordForms::default();
        let huge = "a".repeat(70_000);
        assert_eq!(words.of(&huge).truncated, "aaaaa");
        assert!(words.table.is_empty());
    }
}
