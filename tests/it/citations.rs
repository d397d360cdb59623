//! Citations through the index: a paper cited in different ways is one paper to
//! `cites:`, in letters and sections.

use kamerzoek::{parse_text, LetterIndex, Scope, SearchOptions};

/// Letters that cite one Staatscourant number with and without its year, and a law by
/// name and by acronym; real sentences of defence letters and regulations.
fn index() -> LetterIndex {
    let letters = [
        ("met-jaar", "Den Haag, 1 maart 2025\n\nDe regeling is gepubliceerd in de Staatscourant 2025, nr. 17540.\n"),
        ("zonder-jaar", "Den Haag, 2 maart 2025\n\nDe wijziging staat in Staatscourant nr. 17540 en treedt in werking.\n"),
        ("ander-jaar", "Den Haag, 3 maart 2025\n\nZie Stcrt. 2024, 17540 voor de vorige regeling.\n"),
        ("awb", "Den Haag, 4 maart 2025\n\nTegen dit besluit kan op grond van de Awb bezwaar worden gemaakt.\n"),
        ("voluit", "Den Haag, 5 maart 2025\n\nDe termijnen van de Algemene wet bestuursrecht zijn van toepassing.\n"),
        ("maw", "Den Haag, 6 maart 2025\n\nArtikel 12 van de Militaire Ambtenarenwet regelt dit; zie ook de Militaire Ambtenarenwet 1931.\n"),
    ];
    let index = LetterIndex::create_in_ram().expect("index");
    let mut writer = index.writer().expect("writer");
    for (id, text) in letters {
        writer.add(&parse_text(id, text)).expect("added");
    }
    writer.commit().expect("committed");
    index.reload().expect("reloaded");
    index
}

fn found(index: &LetterIndex, query: &str, scope: Scope) -> Vec<String> {
    let options = SearchOptions { scope, limit: 20, ..SearchOptions::default() };
    let mut ids: Vec<String> = index.search(query, &options).unwrap_or_else(|e| panic!("{query}: {e}")).into_iter().map(|h| h.letter).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn a_staatscourant_number_with_and_without_its_year_is_one_paper() {
    let index = index();
    for scope in [Scope::Letters, Scope::Sections] {
        assert_eq!(found(&index, "cites:stcrt-2025-17540", scope), ["met-jaar", "zonder-jaar"], "{scope:?}");
        assert_eq!(found(&index, "cites:\"Staatscourant nr. 17540\"", scope), ["ander-jaar", "met-jaar", "zonder-jaar"], "{scope:?}");
        assert_eq!(found(&index, "cites:stcrt-2024-17540", scope), ["ander-jaar", "zonder-jaar"], "{scope:?}");
    }
    // The snippet is the citing sentence, whichever way the letter wrote it.
    let hits = index.search("cites:stcrt-2025-17540", &SearchOptions::default()).expect("search");
    for hit in &hits {
        assert!(hit.snippet.contains("17540"), "{}: {}", hit.letter, hit.snippet);
    }
}

#[test]
fn a_law_by_acronym_and_by_name_is_one_law() {
    let index = index();
    for query in ["cites:Awb", "cites:\"Algemene wet bestuursrecht\"", "cites:\"wet:algemene wet bestuursrecht\""] {
        assert_eq!(found(&index, query, Scope::Letters), ["awb", "voluit"], "{query}");
    }
    assert_eq!(found(&index, "cites:\"Militaire Ambtenarenwet\"", Scope::Letters), ["maw"]);
    let (record, _) = index.letter("maw").expect("letter");
    let keys: Vec<&str> = record.citations.iter().map(|c| c.citation.key.as_str()).collect();
    assert_eq!(keys, ["wet:militaire ambtenarenwet 1931", "wet:militaire ambtenarenwet 1931"]);
}

#[test]
fn the_bundled_letters_answer_their_toezeggingen_and_motions() {
    let (index, _) = crate::util::bundled();
    let all = index.commitments().expect("commitments");
    let answered_by = |key: &str| all.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("{key} not cited")).answered_by.clone();
    assert_eq!(answered_by("TZ202506-071"), [crate::util::L000]);
    for key in [
        "TZ202604-188",
        "TZ202604-189",
        "TZ202604-190",
        "TZ202604-191",
        "kst-33763-171",
        "kst-33763-172",
        "kst-36800-X-43",
        "kst-36800-X-60",
        "kst-36800-X-108",
    ] {
        assert_eq!(answered_by(key), [crate::util::L001], "{key}");
    }
    // Named again in passing: no letter answers it; listed first.
    assert!(answered_by("motie-van-baarle").is_empty());
    assert_eq!(all[0].key, "motie-van-baarle");
    // Papers cited for reference are no commitments.
    assert!(all.iter().all(|c| c.key != "kst-33763-174" && !c.key.starts_with("wet:")));
    // The cited-paper view says who answers.
    let hits = index.search_citations("evaluatie remotie", &SearchOptions::default()).expect("search");
    let hit = hits.iter().find(|h| h.key == "TZ202506-071").expect("the toezegging is found by its sentence");
    assert_eq!(hit.answered_by, [crate::util::L000]);
}

#[test]
fn the_command_line_lists_commitments_and_marks_answers() {
    let idx = crate::util::Indexed::corpus();
    let out = idx.run("citations", &["--commitments"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("1 answered by no letter yet"), "{text}");
    assert!(text.lines().any(|l| l.contains("TZ202506-071") && l.contains(&format!("answered by {}", crate::util::L000))), "{text}");
    let show = idx.run("show", &[crate::util::L000]);
    assert!(String::from_utf8_lossy(&show.stdout).lines().any(|l| l.contains("TZ202506-071") && l.contains("(answered here)")));
}
