use std::sync::OnceLock;

use kamerzoek::ingest::{parse_official_xml, read_json_lines};
use kamerzoek::{extract_citations, parse_text, Error, Letter, LetterIndex, Scope, SearchOptions, Sort};
use proptest::prelude::*;
use proptest::sample::Index;

use super::*;

/// Cases per target: `PROPTEST_CASES`, else 64 (seconds in a debug build).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// The seed letters, indexed in memory once for all cases.
fn seed_index() -> &'static LetterIndex {
    &util::bundled().0
}

fn seed_bytes() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut paths: Vec<_> = fs::read_dir(util::corpus()).expect("corpus").map(|e| e.expect("entry").path()).collect();
        paths.sort();
        paths.iter().map(|p| fs::read(p).expect("seed")).collect()
    })
}

fn xml_samples() -> &'static Vec<Vec<u8>> {
    static XML: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    XML.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats");
        ["h-tk-20172018-70-1.xml", "h-tk-20172018-70-6.xml"].iter().map(|n| fs::read(dir.join(n)).expect("xml sample")).collect()
    })
}

/// One edit of a byte string: what, where, how long, what to put in.
type Mutation = (u8, Index, usize, Vec<u8>);

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec((0u8..6, any::<Index>(), 0usize..64, prop::collection::vec(any::<u8>(), 0..12)), 1..10)
}

/// Replaces, inserts, deletes, duplicates, truncates or flips bits, as a file damaged
/// in transit or by a careless edit would be.
fn mutate(mut bytes: Vec<u8>, edits: &[Mutation]) -> Vec<u8> {
    for (kind, at, len, with) in edits {
        let at = at.index(bytes.len() + 1);
        let end = (at + len).min(bytes.len());
        match kind {
            0 => drop(bytes.splice(at..end, with.iter().copied())),
            1 => drop(bytes.splice(at..at, with.iter().copied())),
            2 => drop(bytes.drain(at..end)),
            3 => {
                let copy = bytes[at..end].to_vec();
                drop(bytes.splice(end..end, copy));
            }
            4 => bytes.truncate(at.max(bytes.len() / 4)),
            _ => bytes[at..end].iter_mut().zip(with.iter().cycle()).for_each(|(b, x)| *b ^= x | 1),
        }
    }
    bytes
}

fn check_letter(letter: &Letter) -> Result<(), TestCaseError> {
    let body = &letter.body;
    for s in &letter.sections {
        prop_assert!(s.start <= s.end && s.end <= body.len(), "section {:?} outside a body of {} bytes", (s.start, s.end), body.len());
        prop_assert!(body.is_char_boundary(s.start) && body.is_char_boundary(s.end));
    }
    check_citations(body)
}

fn check_citations(text: &str) -> Result<(), TestCaseError> {
    for c in extract_citations(text) {
        prop_assert!(c.start <= c.end && c.end <= text.len(), "citation {:?} outside {} bytes", (c.start, c.end), text.len());
        prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
    Ok(())
}

const WORDS: &[&str] = &[
    "defensie",
    "re-integratie",
    "remotie",
    "militairen",
    "sociale",
    "partners",
    "de",
    "van",
    "zo’n",
    "Hennis-Plasschaert",
    "reservisten",
    "thuiswerk-",
    "AMAR",
    "2020",
    "36360-X",
    "é",
    "ẞ",
    "\u{a0}",
    "x",
    "",
];
const FIELDS: &[&str] = &[
    "title:",
    "titel:",
    "subject:",
    "onderwerp:",
    "signer:",
    "ondertekenaar:",
    "sender:",
    "afzender:",
    "number:",
    "kamerstuk:",
    "sectie:",
    "cites:",
    "date:",
    "datum:",
    "foo:",
];
const DATES: &[&str] = &[
    "2020",
    "2020-06",
    "2020-06-01",
    "[2015 TO 2020]",
    "[2015-01-01 TO *]",
    "{2019 TO 2021}",
    ">=2021-01-01",
    "<2016",
    "[2020-13-45 TO x]",
    "2020-02-30",
    "[2021 TO 2015]",
    "-5",
    "99999",
    "[* TO *]",
];

/// Queries built from the grammar: words, prefixes, phrases with slop, fields, dates,
/// NOT, -, +, AND, OR and groups, nested, with some noise.
fn grammar_query() -> impl Strategy<Value = String> {
    let word = prop::sample::select(WORDS).prop_map(str::to_string);
    let leaf = prop_oneof![
        word.clone(),
        word.clone().prop_map(|w| format!("{w}*")),
        (prop::collection::vec(word.clone(), 0..5), prop::option::of(0u64..2_000_000)).prop_map(|(ws, slop)| match slop {
            Some(s) => format!("\"{}\"~{s}", ws.join(" ")),
            None => format!("\"{}\"", ws.join(" ")),
        }),
        (prop::sample::select(FIELDS), word.clone()).prop_map(|(f, w)| format!("{f}{w}")),
        (prop::sample::select(&["date:", "datum:"][..]), prop::sample::select(DATES)).prop_map(|(f, d)| format!("{f}{d}")),
        "[()\"*:~+\\-\\[\\]{}<>=^ ]{1,3}",
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..6).prop_map(|qs| qs.join(" ")),
            (inner.clone(), prop::sample::select(&[" AND ", " OR ", " and ", " OR NOT ", " "][..]), inner.clone()).prop_map(|(a, op, b)| format!("{a}{op}{b}")),
            inner.clone().prop_map(|q| format!("({q})")),
            (prop::sample::select(&["NOT ", "-", "+", "NOT("][..]), inner.clone()).prop_map(|(p, q)| format!("{p}{q}")),
            (prop::sample::select(FIELDS), inner).prop_map(|(f, q)| format!("{f}({q})")),
        ]
    })
}

/// Every search of `query`, in every scope and order: an answer, or a query error
/// whose position lies inside the query on a character boundary.
fn check_query(query: &str) -> Result<(), TestCaseError> {
    let index = seed_index();
    let runs = [(Scope::Letters, Sort::Relevance), (Scope::Sections, Sort::Relevance), (Scope::Letters, Sort::Date)];
    for (scope, sort) in runs {
        let options = SearchOptions { scope, sort, limit: 5, ..SearchOptions::default() };
        match index.search(query, &options) {
            Ok(hits) => {
                prop_assert!(hits.len() <= 5);
                for hit in &hits {
                    for &(s, e) in &hit.highlights {
                        prop_assert!(s <= e && e <= hit.snippet.len() && hit.snippet.is_char_boundary(s) && hit.snippet.is_char_boundary(e));
                    }
                }
            }
            Err(e) => check_error(query, e)?,
        }
    }
    if let Err(e) = index.search_citations(query, &SearchOptions { limit: 5, ..SearchOptions::default() }) {
        check_error(query, e)?;
    }
    Ok(())
}

fn check_error(query: &str, error: Error) -> Result<(), TestCaseError> {
    match error {
        Error::Query { position, message } => {
            prop_assert!(position <= query.len() && query.is_char_boundary(position), "position {position} of {query:?}: {message}");
            prop_assert!(!message.is_empty());
            Ok(())
        }
        other => Err(TestCaseError::fail(format!("{query:?} gave a non-query error: {}", other.chain()))),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn search_arbitrary_strings(query in any::<String>()) {
        check_query(&query)?;
    }

    #[test]
    fn search_grammar_built_queries(query in grammar_query()) {
        check_query(&query)?;
    }

    #[test]
    fn search_mutated_queries(query in grammar_query(), edits in mutations()) {
        let bytes = mutate(query.into_bytes(), &edits);
        check_query(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn parse_mutated_seed_letters(which in any::<Index>(), edits in mutations()) {
        let seeds = seed_bytes();
        let bytes = mutate(seeds[which.index(seeds.len())].clone(), &edits);
        let text = String::from_utf8_lossy(&bytes);
        check_letter(&parse_text("x", &text))?;
        check_citations(&text)?;
    }

    #[test]
    fn parse_arbitrary_text(text in any::<String>()) {
        check_letter(&parse_text("x", &text))?;
    }

    #[test]
    fn parse_mutated_official_xml(which in any::<Index>(), edits in mutations()) {
        let samples = xml_samples();
        let bytes = mutate(samples[which.index(samples.len())].clone(), &edits);
        match parse_official_xml(Path::new("x.xml"), &bytes) {
            Ok(letter) => check_letter(&letter)?,
            Err(e) => prop_assert!(e.offset.is_none_or(|o| o <= bytes.len() as u64), "{e} beyond {} bytes", bytes.len()),
        }
    }

    /// Damaged gzip and JSON: every line is a letter or an error naming its line.
    #[test]
    fn read_mutated_json_lines(edits in mutations(), gzip in any::<bool>()) {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/nl-defensie-regelingen-sample.jsonl.gz");
        let mut bytes = fs::read(sample).expect("sample");
        if !gzip {
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut plain).expect("gunzip");
            bytes = plain;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(if gzip { "x.jsonl.gz" } else { "x.jsonl" });
        fs::write(&path, mutate(bytes, &edits)).expect("write");
        if let Ok(lines) = read_json_lines(&path) {
            for item in lines.take(10_000) {
                match item {
                    Ok(letter) => check_letter(&letter)?,
                    Err(e) => prop_assert!(e.line.is_some() || e.offset.is_some(), "{e} says not where"),
                }
            }
        }
    }
}
