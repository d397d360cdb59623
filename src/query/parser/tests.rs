//! The query language: input -> canonical tree for every construct, input -> error
//! position and message for every kind of mistake, and properties over arbitrary input.

use std::ops::Bound;

use crate::query::ast::{DateRange, Field, Query, QueryKind, Span};
use crate::query::parser::{is_plain, parse, MAX_CLAUSES, MAX_DEPTH};
use crate::Error;
use proptest::prelude::*;
use time::macros::date;

/// Query -> canonical s-expression.
const VALID: &[(&str, &str)] = &[
    // Terms and the implicit AND.
    ("defensie", "defensie"),
    ("  defensie   ", "defensie"),
    ("remotie reservisten", "(and remotie reservisten)"),
    ("remotie AND reservisten", "(and remotie reservisten)"),
    ("a b c", "(and a b c)"),
    // Terms keep their raw text.
    ("re-integratie", "re-integratie"),
    ("P&O-functionarissen zo’n J.A. 36800-X", "(and P&O-functionarissen zo’n J.A. 36800-X)"),
    ("Défense militairen'", "(and Défense militairen')"),
    ("a+b c- ~x", "(and a+b c- ~x)"),
    // A `-` or `+` standing alone is punctuation (a dash in pasted text).
    ("- DCR", "DCR"),
    ("a - b", "(and a b)"),
    ("a -", "a"),
    ("a + b", "(and a b)"),
    ("Greensky - Milieuvergunning (MV 16934).", "(and Greensky Milieuvergunning (and MV 16934) .)"),
    // Lowercase (and Dutch) operator words are plain words.
    ("vrouwen of mannen and not en or", "(and vrouwen of mannen and not en or)"),
    // OR and precedence: NOT > AND > OR.
    ("remotie OR reservisten", "(or remotie reservisten)"),
    ("a b OR c", "(or (and a b) c)"),
    ("a OR b c", "(or a (and b c))"),
    ("a AND b OR c AND d", "(or (and a b) (and c d))"),
    ("a OR b OR c", "(or a b c)"),
    ("NOT a b", "(and (not a) b)"),
    ("a OR NOT b", "(or a (not b))"),
    ("NOT NOT a", "(not (not a))"),
    // Exclusion and requirement prefixes.
    ("re-integratie -DCR", "(and re-integratie (not DCR))"),
    ("defensie NOT materieel", "(and defensie (not materieel))"),
    ("a OR -b", "(or a (not b))"),
    ("--a", "(not (not a))"),
    ("+remotie reservisten", "(and remotie reservisten)"),
    ("-\"tijdelijke regeling\"", "(not \"tijdelijke regeling\")"),
    // Grouping.
    ("(a OR b) c", "(and (or a b) c)"),
    ("-(a OR b)", "(not (or a b))"),
    ("((a))", "a"),
    ("a(b)", "(and a b)"),
    ("(a b)AND c", "(and (and a b) c)"),
    // Phrases, slop, prefixes.
    ("\"minister van defensie\"", "\"minister van defensie\""),
    ("\"minister defensie\"~2", "\"minister defensie\"~2"),
    ("\"a b\"~0", "\"a b\""),
    ("\"a b\"c", "(and \"a b\" c)"),
    ("„minister van defensie” brief", "(and \"minister van defensie\" brief)"),
    ("“zo’n regeling”", "\"zo’n regeling\""),
    ("defensie*", "defensie*"),
    ("oud-militair* -veteraan*", "(and oud-militair* (not veteraan*))"),
    // Fields, English and Dutch, any case.
    ("title:remotie", "(title remotie)"),
    ("titel:(remotie OR reservisten)", "(title (or remotie reservisten))"),
    ("TITEL:remotie Title:x", "(and (title remotie) (title x))"),
    ("onderwerp:\"werving en selectie\"", "(subject \"werving en selectie\")"),
    ("sectie:urgentie OR titel:remotie", "(or (section urgentie) (title remotie))"),
    ("section:x subject:y", "(and (section x) (subject y))"),
    ("tekst:veteraan* text:x", "(and (text veteraan*) (text x))"),
    ("afzender:Bijleveld sender:x", "(and (sender Bijleveld) (sender x))"),
    ("ondertekenaar:\"Bijleveld-Schouten\" signer:x", "(and (signer \"Bijleveld-Schouten\") (signer x))"),
    ("nummer:176 number:x", "(and (number 176) (number x))"),
    ("kamerstuk:36800-X", "(kamerstuk 36800-X)"),
    ("-title:remotie", "(not (title remotie))"),
    ("title:AND", "(title AND)"),
    ("title:a:b", "(title a:b)"),
    ("titel:(a b) OR c", "(or (title (and a b)) c)"),
    // Colons that do not make a field.
    ("12:30", "12:30"),
    ("art.3:4", "art.3:4"),
    ("volgende: remotie", "(and volgende: remotie)"),
    ("https://www.defensie.nl", "https://www.defensie.nl"),
    // Dates.
    ("date:2020", "(date [2020-01-01 TO 2020-12-31])"),
    ("date:2020-02", "(date [2020-02-01 TO 2020-02-29])"),
    ("date:2019-2", "(date [2019-02-01 TO 2019-02-28])"),
    ("datum:2020-06-01", "(date [2020-06-01 TO 2020-06-01])"),
    ("datum:1-6-2020", "(date [2020-06-01 TO 2020-06-01])"),
    ("DATUM:2020-12", "(date [2020-12-01 TO 2020-12-31])"),
    ("date:[2015-01-01 TO 2020-12-31]", "(date [2015-01-01 TO 2020-12-31])"),
    ("date:[2015 TO 2020]", "(date [2015-01-01 TO 2020-12-31])"),
    ("date:[2015-03 to 2015-04]", "(date [2015-03-01 TO 2015-04-30])"),
    ("date:{2015 TO 2020}", "(date {2015-12-31 TO 2020-01-01})"),
    ("date:[2015 TO 2020}", "(date [2015-01-01 TO 2020-01-01})"),
    ("date:[2015-06 TO *]", "(date [2015-06-01 TO *])"),
    ("date:[* TO 2020]", "(date [* TO 2020-12-31])"),
    ("date:[ 2015   TO   2016 ]", "(date [2015-01-01 TO 2016-12-31])"),
    ("date:>=2020-06-01", "(date [2020-06-01 TO *])"),
    ("date:>2020", "(date {2020-12-31 TO *])"),
    ("date:<2021-01-01", "(date [* TO 2021-01-01})"),
    ("date:<=2020", "(date [* TO 2020-12-31])"),
    ("date:2020 OR date:2022", "(or (date [2020-01-01 TO 2020-12-31]) (date [2022-01-01 TO 2022-12-31]))"),
    ("-date:2020", "(not (date [2020-01-01 TO 2020-12-31]))"),
    ("\"minister van defensie\" date:[2015 TO 2020]", "(and \"minister van defensie\" (date [2015-01-01 TO 2020-12-31]))"),
    // Citations keep their raw value.
    ("cites:\"Kamerstuk 33 763, nr. 176\"", "(cites \"Kamerstuk 33 763, nr. 176\")"),
    ("cites:33763-176", "(cites \"33763-176\")"),
    ("citeert:kst-33763-176 remotie", "(and (cites \"kst-33763-176\") remotie)"),
];

/// Query -> (byte offset of the error, part of its message).
const INVALID: &[(&str, usize, &str)] = &[
    ("", 0, "empty query"),
    ("   ", 0, "empty query"),
    ("AND OR", 0, "only operators"),
    (" NOT", 1, "only operators"),
    ("- -", 0, "empty query"),
    ("OR a", 0, "`OR` must stand between two clauses"),
    ("a OR", 2, "`OR` must stand between two clauses"),
    ("a OR OR b", 5, "`OR` must stand between two clauses"),
    ("a AND", 2, "`AND` must stand between two clauses"),
    ("a AND OR b", 6, "`OR` must stand between"),
    ("(OR a)", 1, "`OR` must stand between"),
    ("a NOT", 2, "`NOT` must be followed by the clause to exclude"),
    ("(a NOT)", 3, "`NOT` must be followed"),
    ("(a OR)", 3, "`OR` must stand between"),
    ("(a b", 0, "unclosed parenthesis"),
    ("a (b (c)", 2, "unclosed parenthesis"),
    ("titel:(a b", 6, "unclosed parenthesis"),
    ("a)", 1, "unmatched `)`"),
    ("(a))", 3, "unmatched `)`"),
    (")", 0, "unmatched `)`"),
    ("()", 0, "empty parentheses"),
    ("a ( )", 2, "empty parentheses"),
    ("\"a b", 0, "unclosed quote"),
    ("a \"b c", 2, "unclosed quote"),
    ("\"\"", 0, "empty phrase"),
    ("\" \"", 0, "empty phrase"),
    ("\"a b\"~", 5, "expected a number after `~`"),
    ("\"a b\"~x", 5, "expected a number after `~`"),
    ("\"a b\"~999999999999", 6, "too large"),
    ("\"a b\"~1001", 6, "at most 1000"),
    ("defensie~2", 8, "fuzzy word search is not supported"),
    ("defensie~", 8, "`~` only follows a phrase"),
    ("\"a b\"~2~3", 7, "`~` only follows a phrase"),
    ("*", 0, "lone `*`"),
    ("title:*", 6, "lone `*`"),
    ("*defensie", 0, "can only end a word"),
    ("de*fensie", 2, "can only end a word"),
    ("a**", 1, "can only end a word"),
    ("titl:remotie", 0, "unknown field `titl:`"),
    ("a auteur:x", 2, "titel, onderwerp, sectie, tekst, afzender, ondertekenaar, nummer, datum, citeert"),
    ("a auteur:(x)", 2, "unknown field"),
    ("titel: remotie", 0, "without a space"),
    ("(title:)", 1, "without a space"),
    ("a -NOT b", 2, "`-` must be followed directly"),
    ("title:-x", 0, "before the field"),
    ("title:(a text:b)", 9, "fields cannot be nested"),
    ("titel:(a OR datum:2020)", 12, "fields cannot be nested"),
    ("date:[2020-13-45 TO x]", 6, "no month 13"),
    ("date:2020-02-30", 5, "February 2020 has 29 days"),
    ("date:[2015 TO 2020-02-30]", 14, "February 2020 has 29 days"),
    ("datum:31-4-2020", 6, "April 2020 has 30 days"),
    ("date:2020-00", 5, "no month 0"),
    ("date:2020-06-01T10:00", 5, "expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date:vandaag", 5, "`vandaag` is not a date"),
    ("date:20", 5, "is not a date"),
    ("date:2020*", 5, "is not a date"),
    ("date:>=", 7, "expected a date after `>=`"),
    ("date:<x", 6, "`x` is not a date"),
    ("date:[2015 2020]", 5, "[FROM TO UNTIL]"),
    ("date:[2015 TOT 2020]", 5, "[FROM TO UNTIL]"),
    ("date:[]", 5, "[FROM TO UNTIL]"),
    ("date:[2020 TO 2015]", 5, "empty"),
    ("date:{2020-01-01 TO 2020-01-02}", 5, "empty"),
    ("date:[2015 TO 2020", 5, "unclosed date range"),
    ("date:(2020 OR 2021)", 5, "combine dates with OR"),
    ("date:\"2020\"", 5, "without quotes"),
    ("cites:(a OR b)", 6, "combine citations with OR"),
    ("cites:kst-33763*", 6, "wildcards are not supported"),
    ("cites:\"a b\"~2", 6, "without ~slop"),
];

fn position_and_message(query: &str) -> Option<(usize, String)> {
    match parse(query) {
        Err(Error::Query { position, message }) => Some((position, message)),
        _ => None,
    }
}

#[test]
fn plain_words_are_told_from_syntax() {
    for plain in ["Alcohol en drugs bij Defensie?", "Greensky - Milieuvergunning (MV 16934)."] {
        assert!(is_plain(plain), "{plain}");
    }
    for syntax in ["\"Greensky\" - Milieuvergunning.", "remotie OR reservisten", "titel:remotie", "defensie -remotie", "veteraan*", "remotie~1"] {
        assert!(!is_plain(syntax), "{syntax}");
    }
}

#[test]
fn valid_queries_give_their_canonical_tree() {
    let mut failures = Vec::new();
    for &(query, expected) in VALID {
        match parse(query) {
            Ok(tree) if tree.to_string() == expected => {}
            other => failures.push(format!("{query:?}: expected {expected}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn invalid_queries_give_positioned_errors() {
    let mut failures = Vec::new();
    for &(query, position, fragment) in INVALID {
        match position_and_message(query) {
            Some((at, message)) if at == position && message.contains(fragment) => {}
            other => failures.push(format!("{query:?}: expected {fragment:?} at {position}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let parens = format!("{}a{}", "(".repeat(1000), ")".repeat(1000));
    let (at, message) = position_and_message(&parens).expect("an error");
    assert_eq!(at, MAX_DEPTH, "the first parenthesis past the limit");
    assert!(message.contains("64 levels"), "{message}");

    let negations = format!("{}a", "-".repeat(100_000));
    assert_eq!(position_and_message(&negations).map(|e| e.0), Some(MAX_DEPTH));

    let nots = format!("{}a", "NOT ".repeat(1000));
    assert_eq!(position_and_message(&nots).map(|e| e.0), Some(4 * MAX_DEPTH));

    let fine = format!("{}a{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(parse(&fine).map(|q| q.to_string()).ok(), Some("a".to_string()));
}

#[test]
fn too_many_clauses_is_an_error_naming_the_limit() {
    let fine = vec!["w"; MAX_CLAUSES].join(" ");
    assert!(parse(&fine).is_ok());

    let too_many = vec!["w"; MAX_CLAUSES + 1].join(" OR ");
    let (at, message) = position_and_message(&too_many).expect("an error");
    assert_eq!(at, MAX_CLAUSES * "w OR ".len(), "the first clause past the limit");
    assert!(message.contains("1024"), "{message}");
}

#[test]
fn nodes_carry_their_spans() {
    let query = "re-integratie titel:(remotie OR reservisten) -\"zo’n regeling\"~2";
    let tree = parse(query).unwrap();
    let QueryKind::And(children) = &tree.kind else { panic!("{tree}") };
    assert_eq!(tree.span, Span::new(0, query.len()));
    let slices: Vec<&str> = children.iter().map(|c| &query[c.span.range()]).collect();
    assert_eq!(slices, ["re-integratie", "titel:(remotie OR reservisten)", "-\"zo’n regeling\"~2"]);
    let QueryKind::Field { field: Field::Title, query: inner } = &children[1].kind else { panic!("{}", children[1]) };
    assert_eq!(&query[inner.span.range()], "remotie OR reservisten");
    let QueryKind::Not(phrase) = &children[2].kind else { panic!("{}", children[2]) };
    assert_eq!(&query[phrase.span.range()], "\"zo’n regeling\"~2");
}

#[test]
fn dates_are_day_bounds() {
    let range = |query: &str| match parse(query).map(|q| q.kind) {
        Ok(QueryKind::Date(range)) => range,
        other => panic!("{query}: {other:?}"),
    };
    let month = range("date:2020-02");
    assert_eq!(month.from, Bound::Included(date!(2020 - 02 - 01)));
    assert_eq!(month.to, Bound::Included(date!(2020 - 02 - 29)));
    assert_eq!(month.inclusive(), (Some(date!(2020 - 02 - 01)), Some(date!(2020 - 02 - 29))));

    let after = range("date:>2020");
    assert_eq!(after, DateRange { from: Bound::Excluded(date!(2020 - 12 - 31)), to: Bound::Unbounded });
    assert_eq!(after.inclusive(), (Some(date!(2021 - 01 - 01)), None));

    let exclusive = range("date:{2015 TO 2020}");
    assert_eq!(exclusive.inclusive(), (Some(date!(2016 - 01 - 01)), Some(date!(2019 - 12 - 31))));
}

#[test]
fn field_names_round_trip() {
    for field in Field::ALL {
        for name in [field.name(), field.dutch_name()] {
            let tree = parse(&format!("{}:x", name.to_uppercase())).unwrap();
            assert_eq!(tree.to_string(), format!("({} x)", field.name()));
        }
    }
}

/// Checks every node's span, and that words and prefixes span exactly their text.
fn check_spans(query: &str, node: &Query, outer: Span) {
    let Span { start, end } = node.span;
    assert!(start <= end && outer.start <= start && end <= outer.end, "{node:?} outside {outer:?}");
    assert!(query.is_char_boundary(start) && query.is_char_boundary(end), "{node:?}");
    match &node.kind {
        QueryKind::Term(text) => assert_eq!(&query[start..end], text),
        QueryKind::Prefix(text) => assert_eq!(&query[start..end], format!("{text}*")),
        QueryKind::And(children) | QueryKind::Or(children) => {
            assert!(children.len() >= 2, "{node}");
            children.iter().for_each(|child| check_spans(query, child, node.span));
        }
        QueryKind::Not(inner) | QueryKind::Field { query: inner, .. } => check_spans(query, inner, node.span),
        QueryKind::Phrase { .. } | QueryKind::Date(_) | QueryKind::Cites(_) => {}
    }
}

fn check(query: &str) {
    match parse(query) {
        Ok(tree) => {
            let _ = tree.to_string();
            check_spans(query, &tree, Span::new(0, query.len()));
        }
        Err(Error::Query { position, .. }) => {
            assert!(position <= query.len() && query.is_char_boundary(position), "{position}");
        }
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

/// Pieces of the query language, so that random queries reach deep into the grammar.
const PIECES: &[&str] = &[
    " ",
    " ",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "„",
    "-",
    "+",
    "*",
    "~",
    "~3",
    ":",
    "[",
    "]",
    "{",
    "}",
    "AND",
    "OR",
    "NOT",
    " TO ",
    "title:",
    "Titel:",
    "date:",
    "datum:",
    "cites:",
    "foo:",
    "2020",
    "-06",
    "-31",
    ">=",
    "<",
    "é",
    "’",
    "zo’n",
    "re-integratie",
    "\u{a0}",
    "12:30",
    "//",
    "ẞ",
];

proptest! {
    #[test]
    fn never_panics_and_positions_stay_inside(query in ".{0,40}") {
        check(&query);
    }

    #[test]
    fn never_panics_on_query_like_input(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..30)) {
        check(&pieces.concat());
    }
}
