//! Free-text ranking: compound splitting and the truncating analyzer (tables of input ->
//! expected tokens, invariants on any input) and free-text search over a small
//! collection, where each technique decides which letter comes first; hits dressed
//! alike whatever segment holds them.

use std::io::Write;

use crate::analyse::{compound_parts, dutch_analyzer, tokens, truncated_analyzer, AnalyzedToken};
use crate::index::ingest::{self, IndexOptions};
use crate::{LetterIndex, Matching, SearchOptions};
use proptest::prelude::*;

/// Renders tokens as `term@position`.
fn render(found: &[AnalyzedToken]) -> String {
    found.iter().map(|t| format!("{}@{}", t.text, t.position)).collect::<Vec<_>>().join(" ")
}

fn stemmed(text: &str) -> String {
    render(&tokens(&mut dutch_analyzer(), text))
}

fn truncated(text: &str) -> String {
    render(&tokens(&mut truncated_analyzer(), text))
}

#[test]
fn compounds_split_into_listed_words() {
    for (word, expected) in [
        ("personeelsbeleid", Some(vec!["personeel", "beleid"])),
        ("veiligheidslekken", Some(vec!["veiligheid", "lekken"])),
        ("politiepersoneel", Some(vec!["politie", "personeel"])),
        ("staatsveiligheid", Some(vec!["staat", "veiligheid"])),
        ("verkrachtingszaken", Some(vec!["verkrachting", "zaken"])),
        ("communicatiegegevens", Some(vec!["communicatie", "gegevens"])),
        // Three-letter pieces are too short to trust.
        ("evaluatie", None),
        ("financiering", None),
        // A verb prefix is no part, and a suffix is no part.
        ("onderzoek", None),
        ("vernielingen", None),
        ("zwangerschap", None),
        // Plain words, numbers, short words and empty input.
        ("reizigers", None),
        ("2017", None),
        ("huis", None),
        ("", None),
    ] {
        let expected = expected.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
        assert_eq!(compound_parts(word), expected, "{word}");
    }
    // Past 64 letters a word is no compound but a run of glued text, and is not split
    // (splitting costs the square of the length).
    assert!(compound_parts(&"veiligheidsbeleid".repeat(3)).is_some());
    assert_eq!(compound_parts(&"veiligheidsbeleid".repeat(4)), None);
}

#[test]
fn glued_sentences_are_split() {
    for (text, expected) in [
        ("verliep.Het incident", "verliep@0 incident@2"),
        ("Wat betreft:De kosten", "betreft@1 kost@3"),
        ("dienstverlening.In 2017", "dienstverlen@0 dienst@0 verlen@1 2017@3"),
        // Abbreviations and web addresses have no lower-case letter before an upper-case one.
        ("K.M.A. en z.g. www.belgium.be", "k.m.a@0 z.g@2 www.belgium.b@3"),
        ("enz.De", "enz@0"),
    ] {
        assert_eq!(stemmed(text), expected, "{text}");
    }
}

#[test]
fn truncated_analyzer_cuts_words_and_parts_to_five_letters() {
    for (text, expected) in [
        ("zwangere werkneemsters", "zwang@0 werkn@1"),
        ("zwangerschap werknemers", "zwang@0 werkn@1"),
        ("personeelsbeleid", "perso@0 perso@0 belei@1"),
        ("de wet", "wet@1"),
        ("het drugsgebruik stijgt", "drugs@1 drugs@1 gebru@2 stijg@3"),
        // Hyphenated compounds keep their written parts, and are not split again.
        ("re-integratie", "reint@0 re@0 integ@1"),
        ("continuïteit", "conti@0"),
    ] {
        assert_eq!(truncated(text), expected, "{text}");
    }
}

fn check_invariants(text: &str, found: &[AnalyzedToken]) -> Result<(), TestCaseError> {
    let mut last_position = 0;
    for token in found {
        prop_assert!(!token.text.is_empty(), "empty term in {text:?}");
        prop_assert!(token.start < token.end && token.end <= text.len(), "{token:?} in {text:?}");
        prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        prop_assert!(token.position >= last_position, "{found:?} for {text:?}");
        last_position = token.position;
    }
    Ok(())
}

proptest! {
    #[test]
    fn variant_analyzers_keep_the_invariants(text in "([a-zA-Zëï’'.:;\\- ]{0,12}|[A-Z]?[a-z]{2,9}[.:;][A-Z][a-z]{0,6}|personeelsbeleid|\\PC{0,8}){0,8}") {
        check_invariants(&text, &tokens(&mut truncated_analyzer(), &text))?;
    }

    #[test]
    fn compound_parts_never_panics_and_parts_come_from_the_word(word in "\\PC{0,24}") {
        if let Some(found) = compound_parts(&word) {
            prop_assert!(found.len() >= 2);
            for part in &found {
                prop_assert!(word.contains(part.as_str()), "{part:?} not in {word:?}");
            }
        }
    }
}

/// Indexes `(id, text)` documents from JSON Lines, as `kamerzoek eval` does.
fn collection(docs: &[(&str, &str)]) -> (tempfile::TempDir, LetterIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("docs.jsonl");
    let mut file = std::fs::File::create(&path).expect("docs file");
    for (id, text) in docs {
        writeln!(file, "{}", serde_json::json!({ "id": id, "text": text })).expect("write");
    }
    let index = LetterIndex::create(&dir.path().join("index")).expect("index");
    ingest::index_paths(&index, &[path], &IndexOptions::default(), &mut |_| {}).expect("indexed");
    (dir, index)
}

/// The ids of the letters `search` ranks for `query`, as the command line gives them
/// (no snippets), `matching` as asked.
fn ranked(index: &LetterIndex, query: &str, matching: Matching) -> Vec<String> {
    let options = SearchOptions { matching, limit: 10, snippets: false, ..SearchOptions::default() };
    index.search(query, &options).expect("searched").into_iter().map(|h| h.letter).collect()
}

/// Filler that makes the documents of the collection alike in length and vocabulary.
const FILLER: &str = "De minister antwoordt op de vraag van het geachte lid dat de cijfers volgen.";

#[test]
fn free_text_ranks_derived_forms_among_letters_with_the_words() {
    let docs = [
        ("compound", format!("{FILLER} Het gebruik van drugs in gevangenissen neemt toe.")),
        ("derived", format!("{FILLER} Het aantal werknemers met zwangerschapsverlof.")),
        ("plain", format!("{FILLER} Het aantal werknemers met ouderschapsverlof.")),
        ("other", format!("{FILLER} De treinen rijden op tijd en de reizigers zijn tevreden.")),
        ("other2", format!("{FILLER} Het budget voor de wegen wordt niet verhoogd.")),
    ];
    let docs: Vec<(&str, &str)> = docs.iter().map(|(id, t)| (*id, t.as_str())).collect();
    let (_dir, index) = collection(&docs);
    // Only the parts of the query's compound are in the text, apart (a compound of
    // plain words is held by its parts anywhere).
    assert_eq!(ranked(&index, "Drugsgebruik.", Matching::Auto), ["compound"]);
    // A letter with one part of a compound holds the word in part: it is found, after
    // one that holds the whole.
    assert_eq!(ranked(&index, "Drugsgebruik of drugsverlof", Matching::Auto), ["compound", "derived", "plain"]);
    // Both letters hold `werknemers`; only the truncated forms tell `zwangere` and
    // `zwangerschapsverlof` alike, and rank the letter that speaks of it first.
    assert_eq!(ranked(&index, "Zwangere werknemers.", Matching::Auto), ["derived", "plain"]);
    // A letter that holds no word of the query, only a related form, is left out.
    assert!(ranked(&index, "Zwangere.", Matching::Auto).is_empty());
}

#[test]
fn free_text_of_stop_words_finds_nothing_and_titles_never_overflow_the_statistics() {
    let docs: Vec<(String, String)> = (0..5).map(|i| (format!("d{i}"), format!("{FILLER} Brief nummer {i}."))).collect();
    let docs: Vec<(&str, &str)> = docs.iter().map(|(id, t)| (id.as_str(), t.as_str())).collect();
    let (_dir, index) = collection(&docs);
    // Stop words only: nothing to search for, said as a query error.
    let options = SearchOptions { snippets: false, ..SearchOptions::default() };
    assert!(matches!(index.search("de het een", &options), Err(crate::Error::Query { .. })));
    // Every document holds `minister`: its weight stays finite and every letter is found once.
    let ranked = ranked(&index, "minister", Matching::Auto);
    assert_eq!(ranked.len(), 5, "{ranked:?}");
}

/// The bundled letters, committed one letter at a time (one segment each) or at once.
fn bundled(one_segment_each: bool) -> LetterIndex {
    let index = LetterIndex::create_in_ram().expect("index");
    let mut writer = index.writer().expect("writer");
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).expect("corpus").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("letter");
        let id = path.file_stem().expect("stem").to_string_lossy().into_owned();
        writer.add(&crate::parse::parse_text(&id, &text)).expect("added");
        if one_segment_each {
            writer.commit().expect("committed");
        }
    }
    writer.commit().expect("committed");
    index.reload().expect("reloaded");
    index
}

#[test]
fn hits_carry_their_own_letters_metadata_in_any_segment() {
    // Hits are dressed from columns opened once per segment: a hit in the third
    // segment must not get the title or date of the document with its number in the first.
    let (split, whole) = (bundled(true), bundled(false));
    for query in ["defensie", "personeel", "militairen", "kamerstuk"] {
        for snippets in [false, true] {
            let options = crate::SearchOptions { snippets, ..crate::SearchOptions::default() };
            let dressed = |index: &LetterIndex| {
                let mut hits: Vec<_> =
                    index.search(query, &options).expect("searched").into_iter().map(|h| (h.letter, h.title, h.date, h.date_inferred, h.snippet)).collect();
                hits.sort();
                hits
            };
            let found = dressed(&split);
            assert!(found.len() >= 3, "{query}: {found:?}");
            let titles: std::collections::HashSet<_> = found.iter().map(|h| &h.1).collect();
            assert_eq!(titles.len(), found.len(), "{query}: each letter its own title: {found:?}");
            assert_eq!(found, dressed(&whole), "{query}");
        }
    }
}

#[test]
fn hits_with_snippets_keep_their_ranks() {
    // Hits with snippets are dressed in parts at once; they must come back in the
    // order and with the ranks and scores of the same search without snippets.
    let index = bundled(true);
    let mut checked = 0;
    for query in ["defensie", "personeel", "militairen", "kamerstuk", "minister OR brief"] {
        for scope in [crate::Scope::Letters, crate::Scope::Sections] {
            let plain = crate::SearchOptions { snippets: false, scope, ..crate::SearchOptions::default() };
            let shown = crate::SearchOptions { snippets: true, ..plain.clone() };
            let key = |hits: crate::Found| hits.into_iter().map(|h| (h.rank, h.letter, h.score.to_bits(), h.title)).collect::<Vec<_>>();
            let with = index.search(query, &shown).expect("searched");
            assert!(with.iter().all(|h| !h.snippet.is_empty()), "{query}: every hit has a snippet");
            let with = key(with);
            assert_eq!(with, key(index.search(query, &plain).expect("searched")), "{query} {scope:?}");
            assert!(with.iter().enumerate().all(|(i, h)| h.0 == i + 1), "{query}: ranks 1..n");
            checked += usize::from(with.len() >= 4);
        }
    }
    assert!(checked >= 4, "{checked} searches with four hits or more");
}

#[test]
fn plain_words_rank_the_letters_with_every_word_first() {
    // Plain words are ranked: first the letters with every word, then letters with some
    // of them; the same with snippets and over sections, where a section with every
    // word comes before one with some. A word is held as the query language reads it
    // (`--all`), but a compound's parts may stand anywhere (`personeel` ... `beleid`
    // holds `personeelsbeleid`): the first tier holds what `--all` finds, and exactly
    // that for words that are no compounds.
    let index = bundled(false);
    let mut partial = 0;
    for query in [
        "personeelsbeleid defensie",
        "personeelsbeleid reservisten",
        "sociale partners reservisten",
        "werving en selectie",
        "remotie burgerpersoneel veteranen",
    ] {
        let options = SearchOptions { limit: 10, snippets: false, ..SearchOptions::default() };
        let found = index.search(query, &options).expect("searched");
        assert!(!found.is_empty(), "{query}");
        let every: std::collections::HashSet<String> = ranked(&index, query, Matching::All).into_iter().collect();
        let first: Vec<&crate::Hit> = found.iter().take_while(|h| h.all_words == Some(true)).collect();
        let tier: std::collections::HashSet<String> = first.iter().map(|h| h.letter.clone()).collect();
        let compounds = query.contains("beleid") || query.contains("burgerpersoneel");
        assert!(if compounds { tier.is_superset(&every) } else { tier == every }, "{query}: {tier:?} {every:?}");
        assert_eq!(found.all_words, Some(crate::search::Count { n: tier.len(), exact: true }), "{query}");
        assert!(found[first.len()..].iter().all(|h| h.all_words == Some(false)), "{query}: every word first");
        assert!(
            first.windows(2).all(|w| w[0].score >= w[1].score) && found[first.len()..].windows(2).all(|w| w[0].score >= w[1].score),
            "{query}: by score within each"
        );
        assert_eq!(found.total, crate::search::Count { n: found.len(), exact: true }, "{query}: five letters fit one page");
        partial += usize::from(first.len() < found.len() && !first.is_empty());
        let shown = SearchOptions { snippets: true, ..options.clone() };
        let with: Vec<String> = index.search(query, &shown).expect("searched").into_iter().map(|h| h.letter).collect();
        assert_eq!(with, ranked(&index, query, Matching::Auto), "{query}: the same with snippets");
        let sections = SearchOptions { scope: crate::Scope::Sections, limit: 100, ..options };
        let hits = index.search(query, &sections).expect("searched");
        let complete = hits.iter().take_while(|h| h.all_words == Some(true)).count();
        assert!(hits[complete..].iter().all(|h| h.all_words == Some(false)), "{query}: sections with every word first");
        assert_eq!(hits.total, crate::search::Count { n: hits.len(), exact: true }, "{query}");
    }
    assert!(partial >= 2, "some query has letters with every word and letters with some");
}

#[test]
fn pages_follow_each_other_and_count_the_whole() {
    let index = bundled(true);
    for (query, matching) in [("defensie personeel", Matching::Auto), ("minister OR defensie", Matching::All), ("militairen", Matching::Any)] {
        let all = SearchOptions { matching, limit: 100, snippets: false, ..SearchOptions::default() };
        let whole = index.search(query, &all).expect("searched");
        assert!(whole.len() >= 3, "{query}");
        let mut paged = Vec::new();
        for offset in 0..whole.len() + 1 {
            let page = index.search(query, &SearchOptions { offset, limit: 1, ..all.clone() }).expect("page");
            assert_eq!(page.total, whole.total, "{query} at {offset}");
            paged.extend(page.into_iter().map(|h| (h.rank, h.letter)));
        }
        assert_eq!(paged, whole.iter().map(|h| (h.rank, h.letter.clone())).collect::<Vec<_>>(), "{query}");
    }
}
