//! Dutch stemming: what kamerzoek's rules change about the classic Snowball stemmer
//! (one table of real words per rule), the Snowball vocabulary with its listed
//! differences, and the index and query paths stemming alike.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use crate::analyse::{dutch_analyzer, is_stop_word, tokens, DutchStemmer, PerToken, TextVariants, TokenDecoder};
use tantivy::tokenizer::{RawTokenizer, TextAnalyzer};

/// The stems of `words`, as the Dutch analyzer's stemming rule gives them (alone: `kan`
/// and `men` are stop words, which the whole analyzer drops).
fn stems<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut stemmer = TextAnalyzer::builder(RawTokenizer::default()).filter(PerToken(DutchStemmer::default())).build();
    words.into_iter().map(|word| tokens(&mut stemmer, word).pop().expect("a token").text).collect()
}

fn stem(word: &str) -> String {
    stems([word]).pop().expect("a stem")
}

/// One rule's example: words that share one stem (`stem`, where given), and words
/// whose stem is not that one.
struct Case {
    rule: &'static str,
    meet: &'static [&'static str],
    stem: Option<&'static str>,
    apart: &'static [&'static str],
}

const fn case(rule: &'static str, meet: &'static [&'static str], stem: Option<&'static str>, apart: &'static [&'static str]) -> Case {
    Case { rule, meet, stem, apart }
}

const CASES: &[Case] = &[
    // Plural -s after an unstressed -e, which the classic stemmer keeps.
    case("plural-s", &["moties", "motie"], Some("motie"), &[]),
    case("plural-s", &["organisaties", "organisatie"], Some("organisatie"), &[]),
    case("plural-s", &["keuzes", "keuze", "keuzen"], Some("keuz"), &[]),
    case("plural-s", &["ziektes", "ziekte", "ziekten"], Some("ziekt"), &[]),
    case("plural-s", &["meisjes", "meisje"], Some("meisj"), &[]),
    case("plural-s", &["provincies", "provincie"], Some("provincie"), &[]),
    case("plural-s", &["defensieorganisatie", "defensieorganisaties"], None, &[]),
    // Plural -zen of a singular in -s.
    case("plural-zen", &["ziekenhuizen", "ziekenhuis"], Some("ziekenhuis"), &[]),
    case("plural-zen", &["reizen", "reis"], Some("reis"), &[]),
    case("plural-zen", &["prijzen", "prijs"], Some("prijs"), &[]),
    case("plural-zen", &["energieprijzen", "energieprijs"], Some("energieprijs"), &[]),
    case("plural-zen", &["adviezen", "advies"], Some("advies"), &[]),
    case("plural-zen", &["dozen", "doos"], None, &[]),
    // Plural -ven of a singular in -f.
    case("plural-ven", &["brieven", "brief"], Some("brief"), &[]),
    case("plural-ven", &["bedrijven", "bedrijf"], Some("bedrijf"), &[]),
    case("plural-ven", &["tarieven", "tarief"], Some("tarief"), &[]),
    case("plural-ven", &["motieven", "motief"], Some("motief"), &[]),
    case("plural-ven", &["scherven", "scherf"], Some("scherf"), &[]),
    case("plural-ven", &["schijven", "schijf"], Some("schijf"), &[]),
    case("plural-ven", &["steekproeven", "steekproef"], Some("steekproef"), &[]),
    // Plurals in -ën after -ie and -ee, folded as the analyzer hands them to the
    // stemmer (`categorieën` -> `categorieen`).
    case("plural-trema", &["categorieen", "categorie"], Some("categorie"), &[]),
    case("plural-trema", &["ideeen", "idee"], Some("idee"), &[]),
    case("plural-trema", &["strategieen", "strategie"], Some("strategie"), &[]),
    // A consonant doubled after a short vowel, single again (the classic stemmer does
    // this for k, d and t only).
    case("undouble", &["stappen", "stap"], Some("stap"), &[]),
    case("undouble", &["salarissen", "salaris"], Some("salaris"), &[]),
    case("undouble", &["processen", "proces"], Some("proces"), &[]),
    case("undouble", &["aantallen", "aantal"], Some("aantal"), &[]),
    case("undouble", &["mannen", "man"], Some("man"), &[]),
    case("undouble", &["bussen", "bus"], Some("bus"), &[]),
    // Irregular plurals, alone and as a compound's head.
    case("irregular", &["kinderen", "kind"], Some("kind"), &["kinder"]),
    case("irregular", &["leden", "lid"], Some("lid"), &["leed", "led"]),
    case("irregular", &["schepen", "schip"], Some("schip"), &["scheppen"]),
    case("irregular", &["steden", "stad"], Some("stad"), &["steeds"]),
    case("irregular", &["kamerleden", "kamerlid"], Some("kamerlid"), &[]),
    case("irregular", &["oorlogsschepen", "oorlogsschip"], Some("oorlogsschip"), &[]),
    case("irregular", &["kleinkinderen", "kleinkind"], Some("kleinkind"), &[]),
    case("irregular", &["bewindslieden", "bewindsman"], Some("bewindsman"), &[]),
    case("irregular", &["criteria", "criterium"], Some("criterium"), &[]),
    case("irregular", &["selectiecriteria", "selectiecriterium"], Some("selectiecriterium"), &[]),
    case("irregular", &["centra", "centrum"], Some("centrum"), &[]),
    case("irregular", &["politici", "politicus"], Some("politicus"), &[]),
    // Over-cut singulars: they keep the stem of their plural, not another word's.
    case("over-cut", &["arts", "artsen"], Some("arts"), &["art"]),
    case("over-cut", &["bedrijfsarts", "bedrijfsartsen"], Some("bedrijfsarts"), &[]),
    case("over-cut", &["kans", "kansen"], Some("kans"), &["kan"]),
    case("over-cut", &["slaagkans", "slaagkansen"], Some("slaagkans"), &[]),
    case("over-cut", &["mens", "mensen"], Some("mens"), &["men", "menen"]),
    case("over-cut", &["wapen", "wapens", "wapenen"], Some("wapen"), &["wap"]),
    case("over-cut", &["kernwapen", "kernwapens"], Some("kernwapen"), &[]),
    case("over-cut", &["grens", "grenzen"], Some("grens"), &["grenen"]),
    case("over-cut", &["landsgrens", "landsgrenzen"], Some("landsgrens"), &[]),
    case("over-cut", &["wens", "wensen"], Some("wens"), &["wenen"]),
    case("over-cut", &["pers", "persen"], Some("pers"), &["per", "peren"]),
    case("over-cut", &["vers", "verse", "verzen"], Some("vers"), &["ver", "veren"]),
    case("over-cut", &["hals", "halzen"], Some("hals"), &["hal", "halen"]),
    // False friends: to know is not the law.
    case("false-friend", &["weten", "weet"], Some("weet"), &["wet", "wetten"]),
    case("false-friend", &["wet", "wetten"], Some("wet"), &["weten"]),
    // `Staten-Generaal` is no plural of `staat`; a compound's plural still is.
    case("false-friend", &["staten"], Some("staten"), &["staat"]),
    case("false-friend", &["lidstaat", "lidstaten"], Some("lidstat"), &[]),
];

#[test]
fn each_rule_on_real_words() {
    let mut failures = Vec::new();
    for case in CASES {
        let stems = stems(case.meet.iter().copied());
        let first = &stems[0];
        if stems.iter().any(|s| s != first) {
            failures.push(format!("{}: {:?} -> {stems:?}, expected one stem", case.rule, case.meet));
        }
        if let Some(expected) = case.stem {
            if first != expected {
                failures.push(format!("{}: {:?} -> {first}, expected {expected}", case.rule, case.meet));
            }
        }
        for &other in case.apart {
            if stem(other) == *first {
                failures.push(format!("{}: {other} -> {first}, as {:?}", case.rule, case.meet));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Words that look like a rule's but are not its: each keeps its classic stem.
#[test]
fn words_that_only_look_alike_keep_their_classic_stem() {
    let table = [
        // -ens: adverbs and plurals, not plurals of a singular in -en.
        ("volgens", "volgen"),
        ("tevens", "teven"),
        ("jongens", "jongen"),
        // -es: no plurals of a word in -e.
        ("leges", "leges"),
        ("prinses", "prinses"),
        ("bries", "bries"),
        // -ven, -zen: verbs, or singulars.
        ("leven", "lev"),
        ("geven", "gev"),
        ("even", "even"),
        ("zeven", "zev"),
        ("lezen", "lez"),
        ("werven", "werv"),
        ("verwijzen", "verwijz"),
        ("schrijven", "schrijv"),
        ("beschrijven", "beschrijv"),
        ("streven", "strev"),
        ("bronzen", "bronz"),
        // `golving` is listed: `golven` is a verb too.
        ("golven", "golv"),
        // `alternatieve` is listed: `alternatieven` keeps the stem it shares with it.
        ("alternatieven", "alternatiev"),
        ("haven", "hav"),
        // Ends like an irregular plural or an over-cut head.
        ("geleden", "geled"),
        ("verleden", "verled"),
        ("kluwens", "kluwen"),
        ("toppers", "topper"),
        ("perverse", "perver"),
        // `staat` (and `staat` of `staan`, the same written word).
        ("staat", "stat"),
        ("lidstaten", "lidstat"),
        ("wettelijk", "wettelijk"),
        ("geweten", "gewet"),
    ];
    let failures: Vec<String> = table
        .iter()
        .filter(|(word, expected)| stem(word) != *expected)
        .map(|(word, expected)| format!("{word} -> {}, expected {expected}", stem(word)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // And a verb still meets its noun in -ing where the classic stemmer made them meet.
    assert_eq!(stem("verwijzen"), stem("verwijzing"));
    assert_eq!(stem("beschrijven"), stem("beschrijving"));
}

/// The whole analyzer stems as its rule does (a stop word aside).
#[test]
fn the_analyzer_stems_as_its_rule() {
    for case in CASES {
        for &word in case.meet {
            // A compound is followed by its parts: its own term comes first.
            let analysed: Vec<String> = tokens(&mut dutch_analyzer(), word).into_iter().map(|t| t.text).take(1).collect();
            assert_eq!(analysed, [stem(word)], "{word}");
        }
    }
}

fn read_gzipped_lines(name: &str) -> Vec<String> {
    let path = format!("{}/data/snowball-dutch/{name}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::File::open(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).unwrap_or_else(|error| panic!("{path}: {error}"));
    text.lines().map(str::to_owned).collect()
}

const RULES: [&str; 8] = ["plural-s", "plural-zen", "plural-ven", "plural-trema", "undouble", "irregular", "over-cut", "false-friend"];

/// One row of `differences.tsv`.
struct Difference {
    classic: String,
    kamerzoek: String,
    rule: String,
}

fn differences() -> HashMap<String, Difference> {
    let path = format!("{}/tests/data/snowball-dutch/differences.tsv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("word\tclassic\tkamerzoek\trule"));
    let mut rows = HashMap::new();
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let [word, classic, kamerzoek, rule] = fields[..] else { panic!("{path}: {line:?} has not four columns") };
        let row = Difference { classic: classic.into(), kamerzoek: kamerzoek.into(), rule: rule.into() };
        assert!(rows.insert(word.to_string(), row).is_none(), "{word} is listed twice");
    }
    rows
}

/// Every pair of the Snowball vocabulary passes, or the word is listed in
/// `differences.tsv` with exactly the stem it now has; every listed row is still a
/// difference, of a vocabulary word, by a named rule.
#[test]
fn the_snowball_vocabulary_passes_but_for_the_listed_differences() {
    let words = read_gzipped_lines("voc.txt.gz");
    let classic = read_gzipped_lines("output.txt.gz");
    assert_eq!(words.len(), 45_670);
    assert_eq!(classic.len(), words.len());
    let listed = differences();
    let actual = stems(words.iter().map(String::as_str));
    let mut failures = Vec::new();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for ((word, expected), actual) in words.iter().zip(&classic).zip(&actual) {
        match listed.get(word) {
            None if actual != expected => failures.push(format!("{word} -> {actual}, expected {expected} (not in differences.tsv)")),
            None => {}
            Some(row) => {
                *per_rule.entry(row.rule.as_str()).or_default() += 1;
                if row.classic != *expected || row.kamerzoek != *actual {
                    failures.push(format!("{word} -> {actual} (classic {expected}), listed as {} -> {}", row.classic, row.kamerzoek));
                }
                if actual == expected {
                    failures.push(format!("{word} -> {actual} is no longer a difference"));
                }
            }
        }
    }
    let vocabulary: std::collections::HashSet<&str> = words.iter().map(String::as_str).collect();
    for (word, row) in &listed {
        if !vocabulary.contains(word.as_str()) {
            failures.push(format!("{word} is listed but not in the vocabulary"));
        }
        if !RULES.contains(&row.rule.as_str()) {
            failures.push(format!("{word}: unknown rule {}", row.rule));
        }
    }
    println!("Snowball Dutch vocabulary: {} of {} pairs pass, {} listed differences {per_rule:?}", words.len() - listed.len(), words.len(), listed.len());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The index stems a letter's words through `stem()` (with its memory of words), the
/// query through the analyzer's cached stemming rule: the same terms, word for word.
#[test]
fn indexing_and_querying_stem_alike() {
    let words = read_gzipped_lines("voc.txt.gz");
    let text = words.join(" ");
    let mut variants = TextVariants::default();
    let mut decoder = TextAnalyzer::from(TokenDecoder::default());
    let indexed: Vec<String> = tokens(&mut decoder, &variants.stemmed(&text)).into_iter().map(|t| t.text).collect();
    let queried: Vec<String> = tokens(&mut dutch_analyzer(), &text).into_iter().map(|t| t.text).collect();
    assert!(indexed.len() > 40_000, "{}", indexed.len());
    assert_eq!(indexed.len(), queried.len());
    for (i, (a, b)) in indexed.iter().zip(&queried).enumerate() {
        assert_eq!(a, b, "token {i}");
    }
    // Word by word too (a plain word takes the indexer's own path).
    for word in ["moties", "ziekenhuizen", "brieven", "kinderen", "kamerleden", "arts", "kans", "weten", "wet"] {
        assert!(!is_stop_word(word));
        let indexed = tokens(&mut decoder, &variants.stemmed(word)).into_iter().next().expect("a token").text;
        assert_eq!(indexed, stem(word), "{word}");
    }
}
