use super::*;

/// Each query gets an answer (exit 0 or 1) or a query error that says where (exit 2).
#[test]
fn pathological_queries_get_an_answer_or_a_located_error() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    let many_terms: String = (0..10_000).map(|i| format!("woord{i} ")).collect();
    // Parentheses around plain words are text; with an operator they nest.
    let deep = format!("{}defensie OR remotie{}", "(".repeat(1000), ")".repeat(1000));
    let deep_words = format!("{}defensie{}", "(".repeat(1000), ")".repeat(1000));
    let wide_or = (0..500).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" OR ");
    let cases: [(&str, Option<&str>); 11] = [
        (&many_terms, Some("more than 1024 words")),
        (&deep, Some("nests more than 64 levels")),
        (&deep_words, None),
        ("a - b - (c", None),
        ("*", Some("a lone `*` is not a query")),
        ("\"a b\"~999999999", Some("slop 999999999 is too large")),
        ("date:[2020-13-45 TO x]", Some("there is no month 13")),
        (&wide_or, None),
        ("e*", None),
        ("\"de de de de de de de de\"", Some("only stop words")),
        ("-defensie", None),
    ];
    for (query, error) in cases {
        let run = ws.run("search", &["--", query]);
        match error {
            Some(message) => {
                run.expect_code(2).says("invalid query at position").says(message);
            }
            None => assert!(matches!(run.code, Some(0 | 1)), "{query:.60}: {}", run.stderr),
        }
    }
}

/// Found by `fuzz::search_grammar_built_queries`: `date:[* TO *]` became a tantivy
/// `RangeQuery` with no bound at all, which panicked when searched ("At least one
/// bound must be set", exit 101). It now means any dated letter.
#[test]
fn a_date_range_open_at_both_ends() {
    let ws = Workspace::new();
    ws.index(&[]).expect_code(0);
    for query in ["date:[* TO *]", "defensie date:[* TO *]", "(datum:[* TO *])"] {
        let run = ws.run("search", &["--", query]);
        assert_eq!(run.code, Some(0), "{query}: {}", run.stderr);
    }
}
