//! Sections are ranges of their letter's text: what a section query finds must be what
//! lies within each section of the letters as parsed, checked against the sections'
//! own text analysed on its own.

use kamerzoek::{analyze, Analysis, Letter, LetterIndex, Scope, SearchOptions};

use crate::util;

fn all_sections() -> SearchOptions {
    SearchOptions { scope: Scope::Sections, limit: 1000, snippets: false, ..SearchOptions::default() }
}

/// (letter, heading) of each section hit, sorted.
fn found(index: &LetterIndex, query: &str) -> Vec<(String, Option<String>)> {
    let hits = index.search(query, &all_sections()).unwrap();
    for pair in hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "{query}: ranked by score");
    }
    let mut keys: Vec<_> = hits.into_iter().map(|h| (h.letter, h.section)).collect();
    keys.sort();
    keys
}

/// (letter, heading) of each section whose text (or heading line) analysed alone
/// satisfies `holds`, sorted.
fn expected(letters: &[Letter], heading_only: bool, holds: impl Fn(&[(usize, String)]) -> bool) -> Vec<(String, Option<String>)> {
    let mut keys = Vec::new();
    for letter in letters {
        for s in &letter.sections {
            let mut text = &letter.body[s.start..s.end];
            if heading_only {
                if s.heading.is_none() {
                    continue;
                }
                text = text.split('\n').next().unwrap_or(text);
            }
            let toks: Vec<(usize, String)> = analyze(text, Analysis::Dutch).into_iter().map(|t| (t.position, t.text)).collect();
            if holds(&toks) {
                keys.push((letter.id.clone(), s.heading.clone()));
            }
        }
    }
    keys.sort();
    keys
}

fn has(term: &str) -> impl Fn(&[(usize, String)]) -> bool + '_ {
    move |toks| toks.iter().any(|(_, t)| t == term)
}

fn has_phrase<'a>(first: &'a str, second: &'a str) -> impl Fn(&[(usize, String)]) -> bool + 'a {
    move |toks| toks.iter().any(|(p, t)| t == first && toks.iter().any(|(q, u)| u == second && *q == p + 1))
}

/// For each (word, its stem): `field:word` finds exactly the sections whose text (or,
/// for headings, heading line) holds the stem, and some section does.
fn each_word_finds_its_sections(index: &LetterIndex, letters: &[Letter], field: &str, heading_only: bool, words: &[(&str, &str)]) {
    for &(word, term) in words {
        let want = expected(letters, heading_only, has(term));
        assert!(!want.is_empty(), "{word} occurs somewhere ({field})");
        assert_eq!(found(index, &format!("{field}:{word}")), want, "{word}");
    }
}

#[test]
fn a_word_finds_exactly_the_sections_that_hold_it() {
    let (index, letters) = util::bundled();
    each_word_finds_its_sections(
        index,
        letters,
        "text",
        false,
        &[("defensie", "defensie"), ("medewerkers", "medewerker"), ("reservisten", "reservist"), ("verzuim", "verzuim")],
    );
}

#[test]
fn a_prefix_finds_the_sections_with_a_word_that_starts_with_it() {
    let (index, letters) = util::bundled();
    for prefix in ["reservist", "defensieperson", "militair"] {
        let want = expected(letters, false, |toks| toks.iter().any(|(_, t)| t.starts_with(prefix)));
        assert!(!want.is_empty(), "{prefix}");
        assert_eq!(found(index, &format!("text:{prefix}*")), want, "{prefix}");
    }
}

#[test]
fn a_heading_field_looks_at_the_heading_line_only() {
    let (index, letters) = util::bundled();
    each_word_finds_its_sections(
        index,
        letters,
        "section",
        true,
        &[("partners", "partner"), ("reservisten", "reservist"), ("dienmodel", "dienmodel"), ("transitie", "transitie")],
    );
    assert!(expected(letters, true, has("partner")).len() < expected(letters, false, has("partner")).len(), "partners is in text outside headings too");
}

#[test]
fn words_of_one_condition_must_lie_in_one_section() {
    let (index, letters) = util::bundled();
    let want = expected(letters, false, |t| has("defensie")(t) && has("reservist")(t));
    assert_eq!(found(index, "text:defensie text:reservisten"), want);
    let want = expected(letters, false, |t| has("defensie")(t) && !has("reservist")(t));
    assert_eq!(found(index, "text:defensie -text:reservisten"), want);
    let want = expected(letters, false, has_phrase("social", "partner"));
    assert!(!want.is_empty());
    assert_eq!(found(index, "text:\"sociale partners\""), want);
}

#[test]
fn conditions_on_the_letter_hold_for_all_its_sections() {
    let (index, letters) = util::bundled();
    let l000 = letters.iter().find(|l| l.id.starts_with("000_")).unwrap();
    let want: Vec<_> = {
        let mut v: Vec<_> = l000.sections.iter().map(|s| (l000.id.clone(), s.heading.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(found(index, "subject:remotie"), want);
    let with_word = expected(std::slice::from_ref(l000), false, has("defensie"));
    assert_eq!(found(index, "subject:remotie text:defensie"), with_word);
}

#[test]
fn a_citation_is_found_in_the_section_that_holds_it() {
    let (index, letters) = util::bundled();
    let mut checked = 0;
    for letter in letters {
        let (record, _) = index.letter(&letter.id).unwrap();
        for c in record.citations.iter().filter(|c| c.citation.key.starts_with("kst-")).take(2) {
            let key = &c.citation.key;
            // Every section, in any letter, that holds a citation of the key.
            let mut want: Vec<_> = letters
                .iter()
                .flat_map(|l| {
                    let (r, _) = index.letter(&l.id).unwrap();
                    l.sections
                        .iter()
                        .filter(|s| r.citations.iter().any(|c| &c.citation.key == key && (s.start..s.end).contains(&c.citation.start)))
                        .map(|s| (l.id.clone(), s.heading.clone()))
                        .collect::<Vec<_>>()
                })
                .collect();
            want.sort();
            want.dedup();
            assert_eq!(found(index, &format!("cites:{key}")), want, "{key}");
            checked += 1;
        }
    }
    assert!(checked >= 3, "the letters cite Kamerstukken");
}

#[test]
fn a_letter_hit_names_a_section_that_matches() {
    let (index, letters) = util::bundled();
    // Every word must match (plain words ranked also find related forms, in letters
    // that may have no section with the word itself).
    let options = SearchOptions { limit: 10, snippets: true, matching: kamerzoek::Matching::All, ..SearchOptions::default() };
    for (query, term) in [("reservisten", "reservist"), ("\"sociale partners\"", "partner"), ("personeel", "personel")] {
        let matching = expected(letters, false, has(term));
        let hits = index.search(query, &options).unwrap();
        assert!(!hits.is_empty(), "{query}");
        for hit in hits {
            assert!(matching.contains(&(hit.letter.clone(), hit.section.clone())), "{query}: {} § {:?}", hit.letter, hit.section);
            assert!(!hit.highlights.is_empty(), "{query}: the snippet shows the match");
        }
    }
}

/// A regulation's opening is its title and preamble ("Wij Juliana, bij de gratie
/// Gods, …"): a letter hit names a later section that matches, and takes its snippet
/// from there, unless the opening matches twice as well.
#[test]
fn a_letter_hit_prefers_body_text_over_the_opening() {
    let regulation = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/nl-defensie-regeling-BWBR0002275.jsonl");
    let index = util::Indexed::of(&[&util::corpus(), &regulation]);
    let hits = index.search_json(&["reservisten"]);
    let hit = hits.iter().find(|h| h["letter"] == "BWBR0002275").expect("the regulation is found");
    assert_eq!(hit["section"], "Artikel 1", "{hit}");
    assert!(!hit["snippet"].as_str().unwrap().contains("bij de gratie Gods"), "{hit}");
}
