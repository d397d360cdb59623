//! The command line on the bundled letters: queries of every kind, output formats,
//! errors and exit codes.

use crate::util;
use crate::util::{Indexed, L000, L001, L002, L003, L004};

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn a_phrase_ranks_the_letter_that_contains_it_first() {
    let idx = Indexed::corpus();
    let hits = idx.letters(&["\"sociale partners\""]);
    assert_eq!(hits, [L001]);
}

#[test]
fn phrase_with_slop_allows_words_in_between() {
    let idx = Indexed::corpus();
    assert!(idx.letters(&["\"re-integratie medewerkers\""]).is_empty());
    assert_eq!(idx.letters(&["\"verzuimende medewerkers\"~3"]), [L002]);
}

#[test]
fn a_phrase_with_a_stop_word_lines_up_with_the_text() {
    let idx = Indexed::corpus();
    assert_eq!(idx.letters(&["\"Minister van Defensie\""]), [L002]);
    assert_eq!(idx.letters(&["\"Staatssecretaris van Binnenlandse Zaken\""]), [L003]);
}

#[test]
fn field_queries_search_one_field_in_english_or_dutch() {
    let idx = Indexed::corpus();
    assert_eq!(idx.letters(&["subject:remotie"]), [L000]);
    assert_eq!(idx.letters(&["onderwerp:remotie"]), [L000]);
    assert_eq!(idx.letters(&["signer:Knops"]), [L003]);
    assert_eq!(idx.letters(&["ondertekenaar:Hennis-Plasschaert"]), [L002]);
    assert_eq!(idx.letters(&["number:96"]), [L002]);
    assert_eq!(idx.letters(&["kamerstuk:kst-36360-X-1"]), [L004]);
    assert_eq!(idx.letters(&["sectie:urgentie"]), [L003]);
    assert_eq!(sorted(idx.letters(&["afzender:staatssecretaris"])), [L000, L001, L003]);
}

#[test]
fn date_ranges_years_and_comparisons() {
    let idx = Indexed::corpus();
    assert_eq!(idx.letters(&["defensie date:[2015-01-01 TO 2016-12-31]"]), [L002]);
    assert_eq!(idx.letters(&["date:2020 werk"]), [L003]);
    assert_eq!(sorted(idx.letters(&["datum:>=2021-01-01 defensie"])), [L000, L001]);
    // `--from`/`--to` keep the letters without a date (004), unless `--dated`.
    assert_eq!(idx.letters(&["defensie", "--from", "2015-01-01", "--to", "2015-12-31"]), [L002, L004]);
    assert_eq!(idx.letters(&["defensie", "--from", "2015-01-01", "--to", "2015-12-31", "--dated"]), [L002]);
}

#[test]
fn boolean_or_not_and_parentheses() {
    let idx = Indexed::corpus();
    // 004 has `thuiswerk- en een internetvergoeding`: the suspended compound counts.
    assert_eq!(sorted(idx.letters(&["re-integratie OR thuiswerken"])), [L002, L003, L004]);
    let without = idx.letters(&["defensie -remotie"]);
    assert!(!without.contains(&L000.to_string()) && without.contains(&L001.to_string()), "{without:?}");
    assert_eq!(idx.letters(&["(remotie OR reservisten) NOT salarisschaal"]), [L001]);
}

#[test]
fn hyphenated_compounds_match_joined_and_parts() {
    let idx = Indexed::corpus();
    for q in ["re-integratie", "reintegratie", "re-integratieproces", "reintegratieproces"] {
        assert_eq!(idx.letters(&["--all", q]), [L002], "query {q}");
        assert_eq!(idx.letters(&[q]).first().map(String::as_str), Some(L002), "ranked {q}");
    }
    assert!(idx.letters(&["integratie"]).contains(&L002.to_string()));
    assert_eq!(idx.letters(&["--all", "ICT-infrastructuur"]), [L003]);
}

#[test]
fn pdf_artefacts_are_repaired_before_indexing() {
    let idx = Indexed::corpus();
    // `bevin-` + `dingen` across a line break, `veiligheidsre` + `gio’s` without a hyphen.
    assert!(idx.letters(&["bevindingen"]).contains(&L002.to_string()));
    assert_eq!(idx.letters(&["--all", "veiligheidsregio"]), [L004]);
    assert_eq!(idx.letters(&["--all", "talentmanagement"]), [L004]);
    // The footnote marker in `Rijk 20251` is not part of the year.
    assert_eq!(idx.letters(&["\"Strategisch Personeelsbeleid Rijk 2025\""]), [L003]);
}

#[test]
fn diacritics_fold() {
    let idx = Indexed::corpus();
    assert_eq!(idx.letters(&["continuiteit"]), [L003]);
    assert_eq!(idx.letters(&["continuïteit"]), [L003]);
}

#[test]
fn highlights_are_stem_aware_and_point_into_the_snippet() {
    let idx = Indexed::corpus();
    let hits = idx.search_json(&["militair"]);
    assert!(!hits.is_empty());
    let mut marked = Vec::new();
    for hit in &hits {
        let snippet = hit["snippet"].as_str().unwrap();
        for h in hit["highlights"].as_array().unwrap() {
            let (s, e) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
            marked.push(snippet[s..e].to_lowercase());
        }
    }
    assert!(marked.iter().any(|m| m == "militairen"), "{marked:?}");
    assert!(marked.iter().all(|m| m.starts_with("militair")), "{marked:?}");
}

#[test]
fn json_hits_have_the_documented_keys() {
    let idx = Indexed::corpus();
    let hit = &idx.search_json(&["remotie"])[0];
    for key in ["rank", "score", "letter", "title", "date", "date_inferred", "section", "snippet", "highlights"] {
        assert!(hit.get(key).is_some(), "missing {key} in {hit}");
    }
    assert_eq!(hit["rank"], 1);
    assert_eq!(hit["date"], "2026-04-13");
}

#[test]
fn sections_scope_gives_one_hit_per_section() {
    let idx = Indexed::corpus();
    let hits = idx.search_json(&["--scope", "sections", "\"sociale partners\""]);
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(hits.iter().all(|h| h["letter"] == L001));
    assert_eq!(hits[0]["section"], "Verhouding met sociale partners");
    let headings: std::collections::HashSet<_> = hits.iter().map(|h| h["section"].to_string()).collect();
    assert_eq!(headings.len(), hits.len(), "each hit is another section");
}

#[test]
fn sections_are_found_by_their_letters_metadata() {
    let idx = Indexed::corpus();
    // Sections carry their letter's subject and signer in fields of their own.
    let hits = idx.search_json(&["--scope", "sections", "-n", "100", "subject:remotie"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["letter"] == L000), "{hits:?}");
    let hits = idx.search_json(&["--scope", "sections", "signer:Knops thuiswerken"]);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["letter"] == L003), "{hits:?}");
    // In letter scope the same query finds the letter once: the sections' copies of
    // its subject are fields of section documents, not of letters.
    assert_eq!(idx.letters(&["-n", "100", "subject:remotie"]), [L000]);
}

#[test]
fn letters_scope_names_the_best_section() {
    let idx = Indexed::corpus();
    let hit = &idx.search_json(&["urgentie coronacrisis"])[0];
    assert_eq!(hit["letter"], L003);
    assert_eq!(hit["section"], "1. Urgentie");
}

#[test]
fn sort_by_date_puts_the_newest_first() {
    let idx = Indexed::corpus();
    let hits = idx.search_json(&["--sort", "date", "defensie"]);
    let dates: Vec<&str> = hits.iter().filter_map(|h| h["date"].as_str()).collect();
    let mut expected = dates.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, expected);
    assert!(dates.len() >= 3);
}

#[test]
fn limit_caps_the_hits() {
    let idx = Indexed::corpus();
    assert_eq!(idx.search_json(&["--limit", "2", "defensie"]).len(), 2);
}

#[test]
fn no_hits_exits_1() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["xylofoon"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn syntax_errors_name_the_position_and_exit_2() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["remotie \"open"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("position 8"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn unknown_fields_list_the_valid_ones() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["auteur:knops"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("auteur") && err.contains("title") && err.contains("ondertekenaar"), "{err}");
}

#[test]
fn invalid_dates_are_errors_not_panics() {
    let idx = Indexed::corpus();
    for q in ["date:[2020-13-45 TO x]", "date:2020-02-30", "--from"] {
        let out = idx.run("search", &[q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn show_json_has_the_documented_keys() {
    let idx = Indexed::corpus();
    let out = idx.run("show", &["--json", L004]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["id", "title", "subject", "date", "date_inferred", "sender", "signer", "reference", "number", "kamerstuk", "sections", "citations", "warnings"]
    {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["kamerstuk"], "kst-36360-X-1");
    let sections = v["sections"].as_array().unwrap();
    assert!(sections.iter().any(|s| s["heading"] == "HR-transitie"));
}

#[test]
fn show_of_an_unknown_letter_says_so() {
    let idx = Indexed::corpus();
    let out = idx.run("show", &["999_nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("999_nope"));
}

#[test]
fn stats_counts_letters_and_sections() {
    let idx = Indexed::corpus();
    let out = idx.run("stats", &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["letters"], 5);
    assert!(v["sections"].as_u64().unwrap() >= 20);
    assert_eq!(v["schema_version"], 13);
    assert!(v["size_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn stats_breaks_the_size_down_by_field() {
    let idx = Indexed::corpus();
    let out = idx.run("stats", &["--json", "--space"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let lines = v["space"].as_array().expect("space lines");
    let has = |part: &str, field: &str| lines.iter().any(|l| l["part"] == part && l["field"] == field);
    assert!(has("positions", "text") && has("fast", "outline") && has("store", "(stored documents)"), "{lines:?}");
    let total: u64 = lines.iter().map(|l| l["bytes"].as_u64().unwrap()).sum();
    assert!(total > 0 && total <= v["size_bytes"].as_u64().unwrap(), "{total} of {}", v["size_bytes"]);
    let text = String::from_utf8(idx.run("stats", &["--space"]).stdout).unwrap();
    assert!(text.contains("positions  text"), "{text}");
}

#[test]
fn a_writer_heap_out_of_range_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let out = util::kamerzoek(&["index", "--index", util::path_str(&index), "--heap", "8", util::path_str(&util::corpus())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--heap"));
    assert!(!index.exists());
}

#[test]
fn an_index_of_another_schema_version_is_refused() {
    let idx = Indexed::corpus();
    std::fs::write(idx.path().join("kamerzoek.json"), r#"{"schema_version":0}"#).unwrap();
    let out = idx.run("search", &["remotie"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("schema version 0") && err.contains("index the letters again"), "{err}");
}

#[test]
fn reindexing_a_letter_replaces_it() {
    let idx = Indexed::corpus();
    let again = idx.run("index", &[util::path_str(&util::corpus().join(format!("{L000}.txt")))]);
    assert!(again.status.success());
    assert_eq!(idx.letters(&["remotie"]), [L000]);
    let out = idx.run("stats", &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["letters"], 5);
}

#[test]
fn terminal_output_marks_matches_without_colour() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["--limit", "1", "remotie"]);
    let text = String::from_utf8(out.stdout).unwrap();
    // The layout, not the ranking's arithmetic: the score is checked where ranking is.
    let score = regex::Regex::new(r"score \d+\.\d\d\b").unwrap();
    assert!(score.is_match(&text), "{text}");
    insta::assert_snapshot!(score.replace_all(&text, "score [score]"));
}

#[test]
fn show_json_of_each_seed() {
    let idx = Indexed::corpus();
    for id in [L000, L001, L002, L003, L004] {
        let out = idx.run("show", &["--json", id]);
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["source"] = serde_json::Value::Null; // the path differs between checkouts
        insta::assert_json_snapshot!(format!("show_{id}"), v);
    }
}

#[test]
fn cites_accepts_any_written_form_of_a_citation() {
    let idx = Indexed::corpus();
    for q in ["cites:\"Kamerstuk 33 763, nr. 176\"", "cites:33763-176", "cites:kst-33763-176", "citeert:\"33763, nr. 176\""] {
        assert_eq!(idx.letters(&[q]), [L001], "query {q}");
    }
    assert_eq!(idx.letters(&["cites:\"Kamerstuk 34 000 X, nr. 9\""]), [L002]);
    assert_eq!(idx.letters(&["cites:TZ202506-071"]), [L000]);
}

#[test]
fn an_unreadable_citation_is_a_query_error() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["cites:zomaar"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("as a citation"));
}

#[test]
fn citations_scope_finds_a_paper_by_the_title_a_letter_gives_it() {
    let idx = Indexed::corpus();
    let out = idx.run("search", &["--json", "--scope", "citations", "Groei van de krijgsmacht"]);
    assert!(out.status.success());
    let first: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["key"], "kst-33763-176");
    assert_eq!(first["title"], "Groei van de krijgsmacht");
    assert_eq!(first["cited_by"], serde_json::json!([L001]));
    assert!(first["snippet"].as_str().unwrap().contains("Kamerstuk 33763, nr. 176"));
    // A phrase asks a citing sentence or title for all of its words (their order is
    // not indexed): the same paper first.
    let out = idx.run("search", &["--json", "--scope", "citations", "\"krijgsmacht van de groei\""]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let first: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["key"], "kst-33763-176");
}

#[test]
fn most_cited_papers_come_first() {
    let idx = Indexed::corpus();
    let out = idx.run("citations", &["--json", "--top", "3"]);
    let top: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(top.len(), 3);
    assert_eq!(top[0]["key"], "wet:kaderwet dienstplicht");
    assert_eq!(top[0]["count"], 3);
    let ranks: Vec<(usize, u64)> = top.iter().map(|t| (t["cited_by"].as_array().unwrap().len(), t["count"].as_u64().unwrap())).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
}

#[test]
fn a_paper_cited_by_more_letters_ranks_above_one_cited_often_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let letters = dir.path().join("letters");
    std::fs::create_dir(&letters).unwrap();
    for i in 0..2 {
        std::fs::write(letters.join(format!("{i}_brief.txt")), format!("Den Haag, {} maart 2024\n\nZie Kamerstuk 29 999, nr. 8.\n", i + 1)).unwrap();
    }
    let often = (1..=5).map(|n| format!("Artikel {n} volgt Kamerstuk 29 999, nr. 9.")).collect::<Vec<_>>().join("\n");
    std::fs::write(letters.join("9_regeling.txt"), format!("Den Haag, 9 maart 2024\n\n{often}\n")).unwrap();
    let index = dir.path().join("index");
    assert!(util::kamerzoek(&["index", "--index", util::path_str(&index), util::path_str(&letters)]).status.success());
    let out = util::kamerzoek(&["citations", "--json", "--top", "2", "--index", util::path_str(&index)]);
    let top: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((top[0]["key"].as_str(), top[0]["count"].as_u64()), (Some("kst-29999-8"), Some(2)));
    assert_eq!((top[1]["key"].as_str(), top[1]["count"].as_u64()), (Some("kst-29999-9"), Some(5)));
    let text = String::from_utf8_lossy(&util::kamerzoek(&["citations", "--top", "2", "--index", util::path_str(&index)]).stdout).into_owned();
    assert!(text.contains("kst-29999-8: 2 letters, 2×") && text.contains("kst-29999-9: 1 letter, 5×"), "{text}");
}

#[test]
fn show_lists_citations_with_their_sentences() {
    let idx = Indexed::corpus();
    let out = idx.run("show", &["--json", L003]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&str> = v["citations"].as_array().unwrap().iter().map(|c| c["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["kst-31490-243", "kst-26643-683", "kst-31490-683"]);
    let first = &v["citations"][0];
    assert!(first["sentence"].as_str().unwrap().contains("31 490"));
    assert!(first["start"].as_u64().unwrap() < first["end"].as_u64().unwrap());
}

#[test]
fn a_cited_letter_in_the_index_links_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    // A letter that cites 004 by its own Kamerstuk number.
    let citing = dir.path().join("900_citing.txt");
    std::fs::write(&citing, "Den Haag, 1 maart 2024\n\nIn het jaarverslag (Kamerstuk 36 360 X, nr. 1) staat de HR-transitie beschreven.\n").unwrap();
    let index = dir.path().join("index");
    let out = util::kamerzoek(&["index", "--index", util::path_str(&index), util::path_str(&util::corpus()), util::path_str(&citing)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let show = |id: &str| -> serde_json::Value {
        let out = util::kamerzoek(&["show", "--json", "--index", util::path_str(&index), id]);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(show(L004)["cited_by"], serde_json::json!(["900_citing"]));
    // In text, each citing letter with its title.
    let text = util::kamerzoek(&["show", "--index", util::path_str(&index), L004]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains("cited by 1 letter\n      900_citing ‘"), "{text}");
    assert_eq!(show("900_citing")["citations"][0]["letter"], L004);
}

#[test]
fn a_paper_cited_by_many_letters_is_counted_once_a_citation_and_listed_in_short() {
    // Twelve letters cite one paper; one of them is then rewritten, so its first
    // version lies deleted in the first segment and its second in another.
    let dir = tempfile::tempdir().unwrap();
    let letters = dir.path().join("letters");
    std::fs::create_dir(&letters).unwrap();
    let write = |i: usize, words: &str| {
        let text = format!("Den Haag, {} maart 2024\n\nOver {words} schreef de minister eerder (Kamerstuk 29 999, nr. 7).\n", i + 1);
        std::fs::write(letters.join(format!("{i:03}_citing.txt")), text).unwrap();
    };
    for i in 0..12 {
        write(i, "de werving van reservisten");
    }
    let index = dir.path().join("index");
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--index", util::path_str(&index)]);
        util::kamerzoek(&all)
    };
    assert!(run(&["index", util::path_str(&letters)]).status.success());
    write(3, "het behoud van reservisten");
    let out = run(&["index", util::path_str(&letters)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats = String::from_utf8_lossy(&run(&["stats"]).stdout).into_owned();
    assert!(stats.lines().any(|l| l.starts_with("segments") && !l.ends_with(" 1")), "{stats}");

    let out = run(&["citations", "--json", "--top", "1"]);
    let top: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(top["key"], "kst-29999-7");
    assert_eq!(top["count"], 12);
    let all: Vec<String> = (0..12).map(|i| format!("{i:03}_citing")).collect();
    assert_eq!(top["cited_by"], serde_json::json!(all));
    // Text names ten and counts the rest; JSON keeps them all.
    let text = String::from_utf8_lossy(&run(&["citations", "--top", "1"]).stdout).into_owned();
    assert!(text.contains("kst-29999-7: 12 letters, 12×\n      000_citing ‘"), "{text}");
    assert!(text.contains("      and 9 more (--json lists them all)"), "{text}");
    let out = run(&["search", "--scope", "citations", "--json", "behoud reservisten"]);
    let hit: serde_json::Value = serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!((hit["key"].as_str(), hit["letter"].as_str(), hit["count"].as_u64()), (Some("kst-29999-7"), Some("003_citing"), Some(12)));
    assert_eq!(hit["cited_by"], serde_json::json!(all));
}

#[test]
fn analyze_prints_citations_and_tokens_as_json_lines() {
    let out = assert_cmd::Command::cargo_bin("kamerzoek")
        .unwrap()
        .args(["analyze", "--citations"])
        .write_stdin("Zie Kamerstuk 33 763, nr. 171 en 172 en Staatscourant 2025, nr. 17540.")
        .output()
        .unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["kst-33763-171", "kst-33763-172", "stcrt-2025-17540"]);
    assert_eq!(lines[0]["text"], "Kamerstuk 33 763, nr. 171");

    let out = assert_cmd::Command::cargo_bin("kamerzoek").unwrap().args(["analyze", "--tokens"]).write_stdin("re-integratie van militairen").output().unwrap();
    let terms: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(terms, ["reintegratie", "re", "integratie", "militair"]);
}

#[test]
fn eval_scores_judged_queries_with_the_peer_keys() {
    let dir = tempfile::tempdir().unwrap();
    let queries = dir.path().join("queries.tsv");
    std::fs::write(&queries, "qid\tquery\trelevant\nq1\tControles van de ITRIS-toestellen.\t184502\nq2\tVluchten van Defensie.\t185968\nq3\tOnbekend.\t\n")
        .unwrap();
    let docs = util::corpus().join("../tests/data/formats/be-qa-2017-answers.jsonl");
    let out = util::kamerzoek(&["eval", "--json", "--docs", util::path_str(&docs), "--queries", util::path_str(&queries)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "engine",
        "mode",
        "docs",
        "queries",
        "index_s",
        "docs_per_s",
        "mb_per_s",
        "index_bytes",
        "peak_rss_mb",
        "mrr10",
        "ndcg10",
        "recall10",
        "recall100",
        "p50_ms",
        "p95_ms",
        "p99_ms",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!((v["docs"].as_u64(), v["queries"].as_u64()), (Some(3), Some(2)), "the unjudged query is not scored");
    assert_eq!(v["mrr10"], 1.0);
    assert_eq!(v["mode"], "eval");
}

#[test]
fn sync_recognises_sources_however_the_path_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let letters = dir.path().join("letters");
    std::fs::create_dir(&letters).unwrap();
    for id in [L000, L002] {
        std::fs::copy(util::corpus().join(format!("{id}.txt")), letters.join(format!("{id}.txt"))).unwrap();
    }
    let index = dir.path().join("index");
    // First run with a relative path, from the temporary directory.
    let out = assert_cmd::Command::cargo_bin("kamerzoek").unwrap().current_dir(dir.path()).args(["index", "--index", "index", "letters"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_file(letters.join(format!("{L002}.txt"))).unwrap();
    // Then --sync with the absolute path.
    let out = util::kamerzoek(&["index", "--sync", "--index", util::path_str(&index), util::path_str(&letters)]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 removed"), "{}", String::from_utf8_lossy(&out.stderr));
    let stats = util::kamerzoek(&["stats", "--json", "--index", util::path_str(&index)]);
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(v["letters"], 1);
}

/// Mistakes people make at the command line, each with what kamerzoek does about it.
#[test]
fn common_mistakes_get_a_way_out() {
    let idx = Indexed::corpus();
    // An exclusion as a separate, unquoted argument, with options after it.
    assert_eq!(idx.letters(&["defensie", "-remotie", "--limit", "10"]), idx.letters(&["defensie -remotie", "--limit", "10"]));
    assert!(!idx.letters(&["defensie", "-remotie"]).contains(&L000.to_string()));
    // A lower-case operator in a query with syntax that finds nothing.
    let out = idx.run("search", &["title:remotie or title:reservisten"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `title:remotie OR title:reservisten`?"), "{}", String::from_utf8_lossy(&out.stderr));
    // --from and --to take a year or month as date: does.
    assert_eq!(idx.letters(&["--from", "2020", "--dated", "defensie"]), idx.letters(&["--from", "2020-01-01", "--dated", "defensie"]));
    assert!(idx.letters(&["--to", "2015", "--dated", "defensie"]).contains(&L002.to_string()), "2015-12-14 is in --to 2015");
    assert!(!idx.letters(&["--to", "2015-11", "--dated", "defensie"]).contains(&L002.to_string()));
    let out = idx.run("search", &["--from", "20x", "defensie"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from \"20x\": expected a year, month or day: 2020, 2020-06 or 2020-06-01"));
    let out = idx.run("search", &["--from", "2020", "--to", "2015", "defensie"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from 2020-01-01 is after --to 2015-12-31"));
}

#[test]
fn show_takes_an_id_prefix_or_a_cited_papers_key() {
    let idx = Indexed::corpus();
    let by_prefix = idx.run("show", &["--json", "002"]);
    let v: serde_json::Value = serde_json::from_slice(&by_prefix.stdout).unwrap();
    assert_eq!(v["id"], L002);
    let ambiguous = idx.run("show", &["00"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&ambiguous.stderr).contains("5 letters have ids starting with \"00\""));
    // A key as `--scope citations` prints it, or the citation as written.
    for asked in ["kst-33763-171", "Kamerstuk 33 763, nr. 171"] {
        let out = idx.run("show", &["--json", asked]);
        assert_eq!(out.status.code(), Some(0), "{asked}: {}", String::from_utf8_lossy(&out.stderr));
        let paper: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(paper["key"], "kst-33763-171");
        assert_eq!(paper["citing"][0]["letter"], L001);
        assert_eq!(paper["citing"][0]["answers"], true);
    }
    let text = String::from_utf8_lossy(&idx.run("show", &["kst-33763-171"]).stdout).into_owned();
    assert!(text.contains("cited by 1 letter") && text.contains("(answers it)") && text.contains("“In reactie op de moties van het lid Ellian"), "{text}");
}

#[test]
fn show_lists_each_cited_paper_once_with_how_often() {
    let idx = Indexed::corpus();
    let text = String::from_utf8_lossy(&idx.run("show", &[L001]).stdout).into_owned();
    assert!(text.contains("citations: 26 citations of 21 papers"), "{text}");
    assert_eq!(text.matches("wet:kaderwet dienstplicht").count(), 1, "{text}");
    assert!(text.contains("3× Kaderwet Dienstplicht"), "{text}");
    assert!(text.contains("‘Groei van de krijgsmacht’"), "{text}");
}

/// `kamerzoek help query` teaches the query language, and every form and example it
/// shows is a valid query on the bundled letters.
#[test]
fn the_query_help_shows_forms_that_work() {
    let idx = Indexed::corpus();
    let help = util::kamerzoek(&["help", "query"]);
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    for needed in ["title/titel", "afzender", "date:[2015 TO 2020]", "cites:", "Examples:"] {
        assert!(help.contains(needed), "{needed} missing from:\n{help}");
    }
    let mut tried = 0;
    for line in help.lines().filter(|l| l.starts_with("  ")) {
        let line = line.trim();
        let queries: Vec<String> = match line.strip_prefix("kamerzoek search ") {
            // An example: its last argument is the query, quoted or not.
            Some(rest) => match rest.strip_suffix('\'').and_then(|r| r.rfind('\'').map(|at| &r[at + 1..])) {
                Some(quoted) => vec![quoted.to_string()],
                None => vec![rest.to_string()],
            },
            // A form: the part before the explanation, each comma-separated form.
            None => split_outside_quotes(line.split("  ").next().unwrap_or("")),
        };
        for q in queries.iter().filter(|q| !q.is_empty()) {
            let out = idx.run("search", &[q.as_str()]);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{q:?} from the help is an error: {}", String::from_utf8_lossy(&out.stderr));
            tried += 1;
        }
    }
    assert!(tried >= 20, "only {tried} forms read from the help");
    // Measuring is out of the main help but still there.
    let main = String::from_utf8_lossy(&util::kamerzoek(&["--help"]).stdout).into_owned();
    assert!(!main.contains("\n  eval ") && main.contains("kamerzoek eval --help"), "{main}");
    assert!(util::kamerzoek(&["eval", "--help"]).status.success());
    // The manual page and completions are there to install.
    assert!(String::from_utf8_lossy(&util::kamerzoek(&["manpage"]).stdout).contains(".TH kamerzoek 1"));
    assert!(String::from_utf8_lossy(&util::kamerzoek(&["completions", "bash"]).stdout).contains("kamerzoek"));
}

/// `a, "b, c", d` -> `a`, `"b, c"`, `d`.
fn split_outside_quotes(forms: &str) -> Vec<String> {
    let (mut out, mut current, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = forms.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted && chars.peek() == Some(&' ') => {
                chars.next();
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    out
}

/// Hits over long regulation titles at 80 and 120 columns: titles cut to the line,
/// every other line wrapped with a hanging indent of four, no `§` that repeats the
/// title, and without `--width` (piped) nothing wrapped.
#[test]
fn hits_wrap_to_the_width_with_a_hanging_indent() {
    let regulations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/nl-defensie-regelingen-sample.jsonl.gz");
    let index = util::Indexed::of(&[&util::corpus(), &regulations]);
    let search = |width: &str| String::from_utf8(index.run("search", &["--width", width, "--limit", "3", "militaire ambtenaren"]).stdout).unwrap();
    let numbered = regex::Regex::new(r"^\s*\d+\. ").unwrap();
    let score = regex::Regex::new(r"score \d+\.\d\d\b").unwrap();
    for width in [80, 120] {
        let text = search(&width.to_string());
        for line in text.lines() {
            assert!(line.chars().count() <= width, "a line over {width} columns:\n{line}");
        }
        let hits: Vec<&str> = text.split("\n\n").filter(|h| numbered.is_match(h)).collect();
        assert_eq!(hits.len(), 3, "{text}");
        for hit in hits {
            let mut lines = hit.lines();
            let title = lines.next().unwrap();
            assert!(lines.all(|l| l.starts_with("    ") && !l.starts_with("     ")), "not a hanging indent of four:\n{hit}");
            assert!(!hit.contains(&format!("§ {}", title[4..].trim_end_matches('…'))), "the section repeats the title:\n{hit}");
        }
        // The layout, not the ranking's arithmetic.
        insta::assert_snapshot!(format!("hits_at_{width}_columns"), score.replace_all(&text, "score [score]"));
    }
    let piped = String::from_utf8(index.run("search", &["--limit", "1", "militaire ambtenaren"]).stdout).unwrap();
    assert!(piped.lines().next().unwrap().contains("die een officiersrang bekleden"), "the full title when not wrapping:\n{piped}");
}
