//! Laws and regulations cited by name: `Kaderwet Dienstplicht`, `Wet op de
//! Defensiegereedheid`, `Militaire Ambtenarenwet 1931`, `Algemeen militair
//! ambtenarenreglement`, `Besluit medezeggenschap Defensie 2008`.
//!
//! Precision comes first, so a name is read word by word around a head word and every
//! word must earn its place:
//! - heads: `Wet`, `Besluit`, `Regeling`, `Reglement` (capitalised), or a capitalised
//!   compound ending in `wet`, `besluit`, `regeling`, `reglement` (`Kaderwet`,
//!   `Inkomstenregeling`); a lowercase head (`wet`, `ambtenarenreglement`) only after a
//!   capitalised adjective such as `Algemeen`/`Militaire`;
//! - after the head: capitalised words, lowercase words from a vocabulary of the words
//!   Dutch defence and personnel regulations are named with (taken from the titles of
//!   the regulations in the BWB), the connectors `op (de|het)`, `voor (de|het)`,
//!   `inzake`, `der`, `en` when a name word follows, and a final year (`1931`);
//! - words must be separated by whitespace only, so a full stop or comma ends the name;
//! - a bare `Wet`/`Besluit`/`Regeling` or a generic compound (`Overgangsregeling`) alone
//!   is no citation; a compound law (`Ziektewet`) alone is.
//!
//! Key: `wet:` + the name lowercased, accents folded, whitespace collapsed to single
//! spaces (`wet:kaderwet dienstplicht`), ready to be matched against regulation titles.

use std::sync::LazyLock;

use regex::Regex;

use super::text::char_at;
pub(crate) use words::{ACRONYMS, ALIASES};
use words::{ADJECTIVES, CONNECTORS, FUNCTION_WORDS, GENERIC_COMPOUNDS, HEAD_SUFFIXES, HEAD_WORDS, NOT_NAME_WORDS, VOCABULARY};

mod words;
use super::{law_key, Citation, CitationKind};

#[derive(Clone, Copy)]
struct Token<'a> {
    word: &'a str,
    start: usize,
    end: usize,
}

/// All laws and regulations cited by name in `text`, in text order.
///
/// A name has a head word, found first (a word that ends like one, [`head_ends`]);
/// the words around it are read from the text only as far as the name reaches
/// ([`Around`]), not the whole of every letter word by word.
pub(crate) fn find(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    // Where the last name found ends: a head inside it is part of it.
    let mut done = 0;
    for end in head_ends(text) {
        if end <= done {
            continue;
        }
        let Some(head) = word_before(text, end) else { continue };
        let mut around = Around { text, head, after: Vec::new(), before: Vec::new() };
        if let Some((first, last)) = name_at(text, &mut around) {
            let (start, end) = (around.at(first).start, around.at(last).end);
            out.push(citation(text, start, end));
            done = end;
        }
    }
    let names = out.len();
    for c in acronyms(text) {
        let overlaps = out[..names].iter().any(|n| n.start < c.end && c.start < n.end);
        if !overlaps && !abbreviates(text, &out[..names], &c) {
            out.push(c);
        }
    }
    out.extend(
        BWBR.find_iter(text)
            .filter(|m| stands_alone(text, m.start(), m.end()))
            .map(|m| Citation::at(m.as_str().to_string(), CitationKind::Wet, text, m.start(), m.end())),
    );
    if out.len() > names {
        out.sort_by_key(|c| c.start);
    }
    out
}

/// A regulation's identifier in the Basiswettenbestand (`BWBR0032514`), as wetten.overheid.nl
/// addresses it: the key of the regulation itself.
static BWBR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"BWBR\d{7}").expect("pattern compiles"));

fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(char::is_alphanumeric) && !text[end..].chars().next().is_some_and(char::is_alphanumeric)
}

/// How far an acronym may stand after the name it abbreviates (`Algemene wet
/// bestuursrecht (Awb)`, `…”, afgekort AMAR`) to be that same citation, not a second one.
const ABBREVIATION_REACH: usize = 40;

fn abbreviates(text: &str, names: &[Citation], acronym: &Citation) -> bool {
    names.iter().rev().find(|n| n.end <= acronym.start).is_some_and(|n| {
        let gap = &text[n.end..acronym.start];
        n.key == acronym.key && gap.len() <= ABBREVIATION_REACH && !gap.contains(['.', ';', '\n'])
    })
}

/// Every spelling of [`ACRONYMS`], as one pattern: one pass over the text.
static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    let spellings: Vec<&str> = ACRONYMS.iter().flat_map(|(spellings, ..)| spellings.iter().copied()).collect();
    // Word boundaries are checked by hand: a Unicode `\b` keeps the regex off its fast engine.
    Regex::new(&format!("(?:{})", spellings.join("|"))).expect("acronyms compile")
});

/// Laws cited by acronym (`Awb`, `AMAR`): a word written as in [`ACRONYMS`], not part
/// of a longer word or compound (`Awb-procedure` names a procedure).
fn acronyms(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    for m in ACRONYM.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let joined_before = text[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-');
        let joined_after = text[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '’' || c == '\'');
        let Some((_, name, _)) = ACRONYMS.iter().find(|(spellings, ..)| spellings.contains(&m.as_str())) else { continue };
        if !joined_before && !joined_after {
            out.push(Citation::at(law_key(name), CitationKind::Wet, text, start, end));
        }
    }
    out
}

fn citation(text: &str, start: usize, end: usize) -> Citation {
    Citation::at(law_key(&text[start..end]), CitationKind::Wet, text, start, end)
}

/// Where each word of `text` that ends like a head (ASCII case ignored) ends, in text
/// order: every head [`name_at`] accepts, and more.
fn head_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // Every head suffix ends in `t` or `g`: a test of one byte passes most by.
            let last = bytes[at] | 0x20;
            at += 1;
            if (last == b't' || last == b'g')
                && HEAD_SUFFIXES.iter().any(|s| at >= s.len() && bytes[at - s.len()..at].eq_ignore_ascii_case(s.as_bytes()))
                && !char_at(text, at).is_some_and(continues_word)
            {
                return Some(at);
            }
        }
        None
    })
}

/// Whether `c` continues a word that starts with a letter.
fn continues_word(c: char) -> bool {
    is_letter(c) || matches!(c, '\'' | '’' | '-')
}

/// The words around a head, read from the text as they are asked for: 0 is the head,
/// -1 the word before it, 1 the word after it. A word is what the regular expression
/// `\p{L}[\p{L}'’\-]*|\d+` finds (a letter followed by letters, apostrophes and
/// hyphens, or a run of digits), scanned by hand (the expression took three times as
/// long).
struct Around<'a> {
    text: &'a str,
    head: Token<'a>,
    /// The words read after the head, in order.
    after: Vec<Token<'a>>,
    /// The words read before the head, nearest first.
    before: Vec<Token<'a>>,
}

impl<'a> Around<'a> {
    /// The word at `i`, if the text has one.
    fn get(&mut self, i: isize) -> Option<Token<'a>> {
        let n = i.unsigned_abs();
        if i > 0 {
            while self.after.len() < n {
                let from = self.after.last().unwrap_or(&self.head).end;
                let next = word_after(self.text, from)?;
                self.after.push(next);
            }
            Some(self.after[n - 1])
        } else if i < 0 {
            while self.before.len() < n {
                let to = self.before.last().unwrap_or(&self.head).start;
                let previous = word_before(self.text, to)?;
                self.before.push(previous);
            }
            Some(self.before[n - 1])
        } else {
            Some(self.head)
        }
    }

    /// A word known to be there (read before).
    fn at(&mut self, i: isize) -> Token<'a> {
        self.get(i).unwrap_or(self.head)
    }
}

/// The first word of `text` that starts at or after `from` (a char boundary outside
/// any word).
fn word_after(text: &str, from: usize) -> Option<Token<'_>> {
    let mut chars = text[from..].char_indices().map(|(i, c)| (from + i, c)).peekable();
    while let Some((start, c)) = chars.next() {
        let continues: fn(char) -> bool = if is_letter(c) {
            continues_word
        } else if is_digit(c) {
            is_digit
        } else {
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            if !continues(next) {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        return Some(Token { word: &text[start..end], start, end });
    }
    None
}

/// The last word of `text` that ends at or before `to` (a char boundary outside any
/// word, or the end of one). A word that starts with a letter runs to the end of its
/// run of letters, apostrophes and hyphens, from the run's first letter; a number is
/// a run of digits; anything else lies between words.
fn word_before(text: &str, to: usize) -> Option<Token<'_>> {
    let mut to = to;
    loop {
        let c = text[..to].chars().next_back()?;
        if is_digit(c) {
            let start = text[..to].char_indices().rev().take_while(|&(_, c)| is_digit(c)).last().map_or(to, |(i, _)| i);
            return Some(Token { word: &text[start..to], start, end: to });
        }
        if !continues_word(c) {
            to -= c.len_utf8();
            continue;
        }
        let run = text[..to].char_indices().rev().take_while(|&(_, c)| continues_word(c)).last().map_or(to, |(i, _)| i);
        match text[run..to].char_indices().find(|&(_, c)| is_letter(c)) {
            Some((i, _)) => return Some(Token { word: &text[run + i..to], start: run + i, end: to }),
            // Apostrophes and hyphens without a letter (or before the next word's
            // first letter) belong to no word.
            None => to = run,
        }
    }
}

/// `\p{L}`: ASCII letters at once, the rest by Unicode's general category.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && LETTER.is_match(c.encode_utf8(&mut [0; 4])))
}

/// `\d`: a Unicode decimal digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && DIGIT.is_match(c.encode_utf8(&mut [0; 4])))
}

static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\p{L}$").expect("letter class compiles"));
static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("digit class compiles"));

/// Whether only whitespace (and at most one line break) separates two tokens.
fn joined(text: &str, a: Token, b: Token) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_lowercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `word` ends in a head suffix, ignoring ASCII case.
fn ends_like_head(word: &str) -> bool {
    let bytes = word.as_bytes();
    HEAD_SUFFIXES.iter().any(|s| bytes.len() >= s.len() && bytes[bytes.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()))
}

fn compound_head(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    HEAD_SUFFIXES.iter().find(|s| lower.ends_with(*s) && lower.len() >= s.len() + 3).copied()
}

fn is_generic(word: &str) -> bool {
    GENERIC_COMPOUNDS.contains(&word.to_lowercase().as_str())
}

fn in_vocabulary(word: &str) -> bool {
    VOCABULARY.contains(&word.to_lowercase().replace('’', "'").as_str()) && is_lowercase(word)
}

/// A word that may continue a name: capitalised, or a known lowercase name word.
fn is_name_word(word: &str) -> bool {
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    (is_capitalised(word) && !NOT_NAME_WORDS.contains(&word)) || in_vocabulary(word)
}

fn is_year(text: &str, t: Token) -> bool {
    let year_like = t.word.len() == 4 && t.word.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y));
    // `2026-2028`, `2015/16` are periods, not part of a name
    year_like && !matches!(char_at(text, t.end), Some('-' | '–' | '/'))
}

/// If the head of `around` heads a name, the first and last word of the name.
fn name_at(text: &str, around: &mut Around) -> Option<(isize, isize)> {
    let head = around.head.word;
    if !ends_like_head(head) {
        return None; // the common case, decided without allocating
    }
    let standalone = HEAD_WORDS.contains(&head);
    let lower_standalone = HEAD_WORDS.iter().any(|w| w.to_lowercase() == head);
    let compound = compound_head(head).is_some() && !standalone;
    if !(standalone || lower_standalone || compound) {
        return None;
    }
    let first = adjective_start(text, around);
    let last = extend_right(text, around);
    let has_adjective = first < 0;
    let has_words = last > 0 && (1..=last).any(|i| !is_year(text, around.at(i)));
    let accepted = if is_lowercase(head) {
        has_adjective && (compound || has_words)
    } else if standalone {
        has_words || has_adjective
    } else if is_generic(head) {
        false
    } else {
        head.to_lowercase().ends_with("wet") || has_words || has_adjective
    };
    accepted.then_some((first, last))
}

/// Whether the words at `i` and `i + 1` are both there and [`joined`].
fn joined_at(text: &str, around: &mut Around, i: isize) -> bool {
    match (around.get(i), around.get(i + 1)) {
        (Some(a), Some(b)) => joined(text, a, b),
        _ => false,
    }
}

/// Walks left from the head over vocabulary words to a capitalised adjective
/// (`Algemeen militair ambtenarenreglement`); without one the name starts at the head.
fn adjective_start(text: &str, around: &mut Around) -> isize {
    let mut i = 0;
    while joined_at(text, around, i - 1) {
        let word = around.at(i - 1).word;
        if ADJECTIVES.contains(&word) {
            return i - 1;
        }
        if !in_vocabulary(word) {
            break;
        }
        i -= 1;
    }
    0
}

/// The last word of the name headed by the head of `around`.
fn extend_right(text: &str, around: &mut Around) -> isize {
    let mut last = 0;
    loop {
        let next = last + 1;
        if !joined_at(text, around, last) {
            break;
        }
        let t = around.at(next);
        if is_year(text, t) {
            return if last > 0 || compound_head(around.head.word).is_some() { next } else { last };
        }
        if is_name_word(t.word) && !HEAD_WORDS.contains(&t.word) {
            last = next;
            continue;
        }
        if let Some(n) = connector_len(text, around, next) {
            last = next + n;
            continue;
        }
        // A word the vocabulary lacks, between the name and more of it
        // (`Besluit uitkering wegens functioneel leeftijdsontslag burgerlijke ambtenaren
        // defensie`): the name goes on to the next word it knows, if one follows soon.
        // Only after a bare head (`Besluit dienstreizen defensie`): a compound law
        // (`Opiumwet`) is whole, and what follows it is the sentence (`Opiumwet
        // behorende lijsten`).
        let bridges = compound_head(around.head.word).is_none();
        if let Some(known) = bridges.then(|| bridge(text, around, next)).flatten() {
            last = known;
            continue;
        }
        // A name does not end on an adjective: `Wet militaire strafrechtspraak` takes the
        // noun the adjective qualifies even when the vocabulary lacks it.
        let qualifies = last > 0 && is_adjective(around.at(last).word) && is_lowercase(t.word) && !FUNCTION_WORDS.contains(&t.word);
        if qualifies {
            last = next;
            continue;
        }
        break;
    }
    // Otherwise give back a trailing adjective or connector (`Premieregeling en aanvullende`).
    while last > 0 && (is_adjective(around.at(last).word) || CONNECTORS.contains(&around.at(last).word)) {
        last -= 1;
    }
    last
}

/// Lowercase name words that qualify a noun and so cannot end a name.
fn is_adjective(word: &str) -> bool {
    const ADJECTIVE_WORDS: &[&str] = &[
        "aanvullende",
        "algemeen",
        "algemene",
        "bijzondere",
        "blijvende",
        "bovenwettelijke",
        "burgerlijk",
        "burgerlijke",
        "flexibel",
        "gedeeltelijk",
        "gelijke",
        "georganiseerd",
        "gevaarlijke",
        "gewezen",
        "militair",
        "militaire",
        "onbemande",
        "ontplofbare",
        "rechtspositionele",
        "strategische",
    ];
    word.ends_with('-') || ADJECTIVE_WORDS.contains(&word)
}

/// If a connector starts at word `i` and a name word follows it, how many words
/// (connector plus that word) minus one to add.
/// Words the vocabulary lacks that a name may hold before the next word it knows.
const BRIDGED: isize = 2;

/// Where the name goes on when the word at `i` is one the vocabulary lacks: the next
/// name word within [`BRIDGED`] lowercase content words, or `None`.
fn bridge(text: &str, around: &mut Around, i: isize) -> Option<isize> {
    for j in i..=i + BRIDGED {
        if j > i && !joined_at(text, around, j - 1) {
            return None;
        }
        let word = around.get(j)?.word;
        if j > i && is_name_word(word) && !HEAD_WORDS.contains(&word) {
            return Some(j);
        }
        // A participle is the sentence's (`bij deze Wet goedgekeurde Verdrag`).
        let participle = word.ends_with("de") || word.ends_with("te");
        if !is_lowercase(word) || participle || FUNCTION_WORDS.contains(&word) || CONNECTORS.contains(&word) || is_year(text, around.at(j)) {
            return None;
        }
    }
    None
}

fn connector_len(text: &str, around: &mut Around, i: isize) -> Option<isize> {
    let word = around.get(i)?.word;
    let mut follows = |j: isize| -> Option<Token> { joined_at(text, around, j - 1).then(|| around.at(j)) };
    match word {
        "op" | "voor" => {
            let next = follows(i + 1)?;
            if matches!(next.word, "de" | "het") {
                let name = follows(i + 2)?;
                is_name_word(name.word).then_some(2)
            } else {
                is_name_word(next.word).then_some(1)
            }
        }
        "inzake" | "der" => is_name_word(follows(i + 1)?.word).then_some(1),
        // `wegens` takes the noun phrase after it (`Besluit uitkering wegens …`).
        "wegens" => {
            let next = follows(i + 1)?.word;
            (is_lowercase(next) && !FUNCTION_WORDS.contains(&next)).then_some(1)
        }
        "en" => in_vocabulary(follows(i + 1)?.word).then_some(1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        find(text).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn law_names_table() {
        let cases: &[(&str, &[&str])] = &[
            ("In de Kaderwet Dienstplicht moet een grondslag", &["Kaderwet Dienstplicht"]),
            ("Zodra de Wet op de Defensiegereedheid in werking treedt", &["Wet op de Defensiegereedheid"]),
            ("de Militaire Ambtenarenwet 1931 bepaalt", &["Militaire Ambtenarenwet 1931"]),
            ("het Algemeen militair ambtenarenreglement is", &["Algemeen militair ambtenarenreglement"]),
            ("volgens de Wet ambtenaren defensie.", &["Wet ambtenaren defensie"]),
            ("het Besluit medezeggenschap Defensie 2008 regelt", &["Besluit medezeggenschap Defensie 2008"]),
            ("(Wijziging Inkomstenregeling Militairen Staatscourant", &["Inkomstenregeling Militairen"]),
            ("de Ziektewet en de Werkloosheidswet", &["Ziektewet", "Werkloosheidswet"]),
            ("de Algemene wet bestuursrecht", &["Algemene wet bestuursrecht"]),
            (
                "de Wet gewetensbezwaren militaire dienst in verband met de Kaderwet dienstplicht",
                &["Wet gewetensbezwaren militaire dienst", "Kaderwet dienstplicht"],
            ),
            ("het Burgerlijk ambtenarenreglement defensie en enige", &["Burgerlijk ambtenarenreglement defensie"]),
            ("de Aanbestedingswet op defensie- en veiligheidsgebied", &["Aanbestedingswet op defensie- en veiligheidsgebied"]),
        ];
        for (text, expected) in cases {
            assert_eq!(names(text), expected.to_vec(), "{text:?}");
        }
    }

    #[test]
    fn not_law_names() {
        for text in [
            "een politiek besluit om een stap te zetten",
            "gebruik te maken van deze regeling.",
            "het wetgevingstraject tot wijziging van de wet",
            "De Wet. Het Besluit, de Regeling",
            "een Overgangsregeling is nodig",
            "Wet en regelgeving",
            "de Wet van 20 december 1956",
            "Wetenschap en onderzoek",
            "de inkomstenregeling militairen",
        ] {
            assert_eq!(names(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Every word of `text`, in order: what [`Around`] reads near a head.
    fn words(text: &str) -> Vec<Token<'_>> {
        std::iter::successors(word_after(text, 0), |t| word_after(text, t.end)).collect()
    }

    /// What [`find`] finds, read the slow way: every word of the text is a possible head.
    fn find_in_all_words(text: &str) -> Vec<Citation> {
        let all = words(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < all.len() {
            // Sixty-four words either side: more than any name reads.
            let (after, before) = (&all[i + 1..(i + 65).min(all.len())], &all[i.saturating_sub(64)..i]);
            let mut around = Around { text, head: all[i], after: after.to_vec(), before: before.iter().rev().copied().collect() };
            match name_at(text, &mut around) {
                Some((first, last)) => {
                    out.push(citation(text, all[(i as isize + first) as usize].start, all[i + last as usize].end));
                    i += last as usize + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    fn spans(found: &[Citation]) -> Vec<(usize, usize, String)> {
        found.iter().map(|c| (c.start, c.end, c.key.clone())).collect()
    }

    #[test]
    fn reading_only_the_words_around_heads_finds_what_every_word_finds_in_the_bundled_letters() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut names = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let found = find(&text);
            assert_eq!(spans(&found), spans(&find_in_all_words(&text)));
            names += found.len();
        }
        assert!(names > 0);
    }

    #[test]
    fn a_long_name_is_read_to_its_end() {
        // Past the first window on both sides of the head.
        let text = format!("{} Wet {} 1931", "militaire ".repeat(300), "militaire ".repeat(300));
        assert_eq!(spans(&find(&text)), spans(&find_in_all_words(&text)));
        assert_eq!(find(&text).len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn reading_only_the_words_around_heads_finds_what_every_word_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Wet", "wet", "Besluit", "besluit", "Regeling", "Reglement", "Rijkswet", "Kaderwet", "Ziektewet",
                "ambtenarenreglement", "Overgangsregeling", "Algemeen", "Militaire", "militaire", "Algemene",
                "op", "de", "het", "voor", "inzake", "der", "en", "dienstplicht", "Defensie", "defensie-",
                "veiligheidsgebied", "1931", "2008", "2026-2028", "Staatscourant", "personeel", "werd",
                "wetenschap", "gewet", "ét", "Wét", "1wet", "'wet", "-wet", "wet-",
                " ", " ", " ", "  ", "\n", "\n\n", "\u{a0}", ".", ",", "(", ")", "’", "-",
            ]), 0..60)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(spans(&find(&text)), spans(&find_in_all_words(&text)));
        }

        #[test]
        fn words_are_what_the_regular_expression_finds(text in "([A-Za-z0-9éëï’'\\- .\n]|\\PC){0,40}") {
            let pattern = Regex::new(r"\p{L}[\p{L}'’\-]*|\d+").unwrap();
            let expected: Vec<(usize, usize)> = pattern.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let found: Vec<(usize, usize)> = words(&text).iter().map(|t| (t.start, t.end)).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
