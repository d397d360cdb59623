//! The Dutch analyzer: one table of input -> expected tokens per rule, the Snowball
//! stemmer vocabulary, index/query agreement, and property tests of the invariants.

use crate::analyse::{
    dutch_analyzer, exact_analyzer, fold_into, is_stop_word, register, tokens, AnalyzedToken, DutchStemmer, PerToken, Segments, CLITICS, DUTCH, EXACT,
    SNOWBALL_DUTCH,
};
use proptest::prelude::*;
use tantivy::tokenizer::{RawTokenizer, TextAnalyzer, TokenizerManager};

/// Renders tokens as `term@position`, with `/length` for a joined compound.
fn render(tokens: &[AnalyzedToken]) -> String {
    let rendered: Vec<String> = tokens
        .iter()
        .map(|token| match token.position_length {
            1 => format!("{}@{}", token.text, token.position),
            length => format!("{}@{}/{}", token.text, token.position, length),
        })
        .collect();
    rendered.join(" ")
}

fn dutch(text: &str) -> String {
    render(&tokens(&mut dutch_analyzer(), text))
}

fn exact(text: &str) -> String {
    render(&tokens(&mut exact_analyzer(), text))
}

/// Checks a table of input -> expected rendering for one analyzer.
fn check(analyze: fn(&str) -> String, table: &[(&str, &str)]) {
    let failures: Vec<String> = table
        .iter()
        .filter_map(|&(input, expected)| {
            let actual = analyze(input);
            (actual != expected).then(|| format!("{input:?}\n   expected: {expected}\n     actual: {actual}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Rule 1: words by UAX#29 boundaries, numbers kept.

#[test]
fn words_and_numbers() {
    check(
        exact,
        &[
            ("Met ingang van 1 januari 2024", "met@0 ingang@1 van@2 1@3 januari@4 2024@5"),
            ("van de ruim 120.000 medewerkers", "van@0 de@1 ruim@2 120.000@3 medewerkers@4"),
            ("– 81% van de medewerkers", "81@0 van@1 de@2 medewerkers@3"),
            ("(Kamerstuk 33763, nr. 176)", "kamerstuk@0/2 kamer@0 stuk@1 33763@2 nr@3 176@4"),
            ("· de enquête; «thuis zouden zitten»", "de@0 enquete@1 thuis@2 zouden@3 zitten@4"),
            ("Vrouw & Defensie (VD)", "vrouw@0 defensie@1 vd@2"),
            ("", ""),
            (" – ; ·« »", ""),
        ],
    );
}

// Rule 2: lower case and diacritic folding.

#[test]
fn folding() {
    check(
        exact,
        &[
            ("de continuïteit van vitale", "de@0 continuiteit@1 van@2 vitale@3"),
            ("continuïteit continuiteit", "continuiteit@0 continuiteit@1"),
            ("reïntegratie", "reintegratie@0"),
            ("de verplichte enquête", "de@0 verplichte@1 enquete@2"),
            ("Aruba, Curaçao en Sint Maarten", "aruba@0 curacao@1 en@2 sint@3 maarten@4"),
            ("werk-privé", "werkprive@0/2 werk@0 prive@1"),
            ("DEFENSIE Defensie", "defensie@0 defensie@1"),
            // Decomposed diacritics, ligatures, the ij ligature and a soft hyphen.
            ("continui\u{0308}teit", "continuiteit@0"),
            ("ﬁnanciën ĲSSELMEER", "financien@0 ijsselmeer@1/2 ijssel@1 meer@2"),
            ("re\u{00AD}integratie", "reintegratie@0"),
            ("Straße Œuvre Łódź", "strasse@0 oeuvre@1 lodz@2"),
            ("Ελλάδα", "ελλάδα@0"),
        ],
    );
}

#[test]
fn folding_matches_the_analyzer_on_stop_words() {
    // The stop-word lists must be in the form tokens reach them, or they never match.
    let mut folded = String::new();
    for &word in SNOWBALL_DUTCH.iter().chain(CLITICS) {
        fold_into(word, &mut folded);
        assert_eq!(folded, word);
    }
    assert_eq!(SNOWBALL_DUTCH.len(), 101);
}

// Rule 3: apostrophes.

#[test]
fn apostrophes() {
    check(
        exact,
        &[
            ("de vte’s van", "de@0 vte@1 van@2"),
            ("scenario’s scenario's", "scenario@0 scenario@1"),
            ("collega’s SMT’s veiligheidsregio’s gio’s", "collega@0 smt@1 veiligheidsregio@2/2 veiligheid@2 regio@3 gio@4"),
            ("zo’n kwart", "zo'n@0 kwart@1"),
            ("zo'n kwart", "zo'n@0 kwart@1"),
            ("’t is 'n huis", "'t@0 is@1 'n@2 huis@3"),
            ("‘t Hooft", "'t@0 hooft@1"),
            ("'s avonds", "'s@0 avonds@1"),
            ("d’Hondt", "d'hondt@0"),
            // A quotation mark is not a clitic, and a lone apostrophe is no token.
            ("de term ‘waslijst’ een", "de@0 term@1 waslijst@2 een@3"),
            ("’s ’ ' s", "'s@0 s@1"),
        ],
    );
    check(
        dutch,
        &[
            ("Sinds maart werkt naar schatting zo’n kwart", "sind@0 maart@1 werkt@2 schatting@4 kwart@6"),
            ("’t is 'n huis van ’s lands", "huis@3 land@6"),
            ("zijn m’n z'n d'r", ""),
        ],
    );
}

#[test]
fn apostrophe_offsets_cover_the_written_word() {
    let text = "zo’n ’t SMT’s";
    let found = tokens(&mut exact_analyzer(), text);
    let written: Vec<&str> = found.iter().map(|token| &text[token.start..token.end]).collect();
    assert_eq!(written, ["zo’n", "’t", "SMT’s"]);
}

// Rule 4: stop words keep their positions.

#[test]
fn stop_words() {
    check(
        dutch,
        &[
            ("de minister van Defensie", "minister@1 defensie@3"),
            ("minister van defensie", "minister@0 defensie@2"),
            ("Het is niet de bedoeling dat", "bedoel@4"),
            ("De Staatssecretaris van Defensie", "staatssecretaris@1/2 stat@1 secretaris@2 defensie@4"),
            ("ik heb uw Kamer", "kamer@3"),
        ],
    );
}

#[test]
fn stop_word_lookup() {
    for &word in SNOWBALL_DUTCH.iter().chain(CLITICS) {
        assert!(is_stop_word(word), "{word}");
    }
    for term in ["", "d", "dee", "de\0", "de\0\0", "geweesten", "defensie", "'", "zo"] {
        assert_eq!(is_stop_word(term), term == "zo", "{term:?}");
    }
}

// Rule 5: the classic Snowball stemmer.

#[test]
fn stemming() {
    check(
        dutch,
        &[
            ("medewerkers", "medewerker@0"),
            ("verplichte verplicht", "verplicht@0 verplicht@1"),
            ("reservisten reservist", "reservist@0 reservist@1"),
            ("personele personeel", "personel@0 personel@1"),
            ("opkomstplicht", "opkomstplicht@0/2 opkomst@0 plicht@1"),
            ("mogelijkheden", "mogelijk@0"),
            // Classic Snowball undoubles the vowel of the last syllable.
            ("gereedheid gereed", "gered@0 gered@1"),
            ("lichamelijke", "licham@0"),
        ],
    );
}

#[test]
fn stemmer_is_the_classic_algorithm_not_tantivys() {
    // Words from the seed letters on which the two Snowball Dutch algorithms differ.
    let classic =
        [("aanbevelingen", "aanbevel"), ("afspraken", "afsprak"), ("activiteiten", "activiteit"), ("algemene", "algemen"), ("ambtenaren", "ambtenar")];
    let mut ours = TextAnalyzer::builder(RawTokenizer::default()).filter(PerToken(DutchStemmer::default())).build();
    let mut new_algorithm =
        TextAnalyzer::builder(RawTokenizer::default()).filter(tantivy::tokenizer::Stemmer::new(tantivy::tokenizer::Language::Dutch)).build();
    for (word, stem) in classic {
        let first = |analyzer: &mut TextAnalyzer| analyzer.token_stream(word).next().map(|t| t.text.clone());
        assert_eq!(first(&mut ours).as_deref(), Some(stem), "{word}");
        assert_ne!(first(&mut new_algorithm).as_deref(), Some(stem), "{word}");
    }
}

// The whole Snowball vocabulary, and the deliberate differences from it, are checked
// in analyse/tests/stemming.rs.

// Rule 6: hyphenated compounds.

#[test]
fn hyphenated_compounds() {
    check(
        dutch,
        &[
            ("re-integratie", "reintegratie@0/2 re@0 integratie@1"),
            ("het re-integratieproces van", "reintegratieproces@1/2 re@1 integratieproces@2"),
            ("de ICT-infrastructuur", "ictinfrastructur@1/2 ict@1 infrastructur@2"),
            ("oud-militairen", "oudmilitair@0/2 oud@0 militair@1"),
            ("de HR-transitie", "hrtransitie@1/2 hr@1 transitie@2"),
            ("het Trimbos-instituut gevraagd", "trimbosinstitut@1/2 trimbos@1 institut@2 gevraagd@3"),
            ("P&O-functionarissen", "p&ofunctionaris@0/2 p&o@0 functionaris@1"),
            ("civiel-militaire samenwerking", "civielmilitair@0/2 civiel@0 militair@1 samenwerk@2"),
            ("Defensie-enquête", "defensieenquet@0/2 defensie@0 enquet@1"),
            ("Hennis-Plasschaert", "hennisplasschaert@0/2 hennis@0 plasschaert@1"),
            // Stop words inside a compound keep their position, like anywhere else.
            ("in-huis", "inhuis@0/2 huis@1"),
            // An elided word (a suspended hyphen) is preceded by the compound it stands
            // for, even when it is a stop word (`in`): see the samentrekking table.
            ("voor in- en doorstroom van", "instrom@1 doorstrom@3"),
            ("de bewakings- en beveiligingstaak", "bewakingstak@1 bewak@1 beveiligingstak@3/2 beveil@3 tak@4"),
            ("de bewaking", "bewak@1"),
            // Numbers on either side: no compound.
            ("2026-2028", "2026@0 2028@1"),
            ("(Kamerstuk 36800-X)", "kamerstuk@0/2 kamer@0 stuk@1 36800@2 x@3"),
            ("de COVID-19 pandemie", "covid@1 19@2 pandemie@3"),
            ("27-jarigen", "27@0 jarig@1"),
            // Dashes are not hyphens.
            ("2024–2030 werk – privé", "2024@0 2030@1 werk@2 priv@3"),
        ],
    );
    check(
        exact,
        &[
            ("in- en doorstroom", "instroom@0 in@0 en@1 doorstroom@2"),
            ("bewakings- en beveiligingstaak", "bewakingstaak@0 bewakings@0 en@1 beveiligingstaak@2/2 beveiliging@2 taak@3"),
            ("in-huis", "inhuis@0/2 in@0 huis@1"),
            ("'s-Gravenhage", "sgravenhage@0/2 s@0 gravenhage@1"),
            ("’t-shirt", "tshirt@0/2 t@0 shirt@1"),
            ("woon-werk-verkeer", "woonwerkverkeer@0/3 woon@0 werk@1 verkeer@2"),
            ("re\u{2010}integratie", "reintegratie@0/2 re@0 integratie@1"),
        ],
    );
}

// Rule 5a: solid compounds are split into their parts, at positions of their own.

#[test]
fn solid_compounds() {
    check(
        dutch,
        &[
            // Letters 001, 003: the compound, then its parts; the next word moves on.
            ("het personeelsbeleid van Defensie", "personeelsbeleid@1/2 personel@1 beleid@2 defensie@4"),
            // Linking -s- and -en- are no part (`drugs` is stemmed as the word).
            ("drugspreventie", "drugspreventie@0/2 drug@0 preventie@1"),
            ("veteranenwet", "veteranenwet@0/2 veteran@0 wet@1"),
            ("Militaire Ambtenarenwet 1931", "militair@0 ambtenarenwet@1/2 ambtenar@1 wet@2 1931@3"),
            // Letter 000: a modifier the word list lacks, before a common head.
            ("het remotiebeleid voor burgers", "remotiebeleid@1/2 remotie@1 beleid@2 burger@4"),
            // The plural of a word that is no compound is none (`kant·oren`); a part
            // in common use is not split further (`secret·aris`).
            ("kantoren werkdruk", "kantor@0 werkdruk@1/2 werk@1 druk@2"),
            ("De Staatssecretaris", "staatssecretaris@1/2 stat@1 secretaris@2"),
            ("beveiligingstaak", "beveiligingstak@0/2 beveil@0 tak@1"),
            ("opleidingscapaciteit", "opleidingscapaciteit@0/2 opleid@0 capaciteit@1"),
            // No compounds: too short a part, a suffix, a verb prefix, a name or rare
            // word as a short part, a listed word's end.
            ("evaluatie financiering", "evaluatie@0 financier@1"),
            ("vernielingen zwangerschap", "verniel@0 zwangerschap@1"),
            ("onderzoek overleg", "onderzoek@0 overleg@1"),
            // `neder-` is a prefix (nederlaag, nederzetting); regulations: "Koninkrijk der
            // Nederlanden" is no land.
            ("Koninkrijk der Nederlanden", "koninkrijk@0/2 konink@0 rijk@1 nederland@3"),
            ("reïntegratie", "reintegratie@0"),
        ],
    );
}

// Rule 5b: an elided compound (samentrekking) is completed by the word that shares its head.

#[test]
fn samentrekkingen() {
    check(
        dutch,
        &[
            // Letter 004: the full compound stands before the elided word, at its place.
            ("een thuiswerk- en een internetvergoeding", "thuiswerkvergoed@1 thuiswerk@1/2 thuis@1 werk@2 internetvergoed@5/2 internet@5 vergoed@6"),
            (
                "zowel de thuiswerk- als de internetvergoeding",
                "zowel@0 thuiswerkvergoed@2 thuiswerk@2/2 thuis@2 werk@3 internetvergoed@6/2 internet@6 vergoed@7",
            ),
            // A prefix takes what follows the head's prefix; `in` and `op` are stop words.
            ("in- en doorstroom", "instrom@0 doorstrom@2"),
            ("op- of afgeschaald", "opgeschaald@0 afgeschaald@2"),
            ("Alcohol- en drugspreventie", "alcoholpreventie@0 alcohol@0 drugspreventie@2/2 drug@2 preventie@3"),
            ("ontslag- en aannameprocedure", "ontslagprocedur@0 ontslag@0 aannameprocedur@2/2 aannam@2 procedur@3"),
            // Regulations: lists, and a hyphenated head.
            ("reis-, verblijf- en verhuiskosten", "reiskost@0 reis@0 verblijfkost@1 verblijf@1 verhuiskost@3/2 verhuis@3 kost@4"),
            ("HR- en ICT-beleid", "hrbeleid@0 hr@0 ictbeleid@2/2 ict@2 beleid@3"),
            // A word in parentheses glued to the next.
            ("(vrouwen)vesten", "vrouwenvest@0 vrouw@0 vest@1"),
            // No conjunction, or numbers: nothing to complete.
            ("thuiswerk- etc.", "thuiswerk@0/2 thuis@0 werk@1 etc@2"),
            ("2015- en 2016", "2015@0 2016@2"),
        ],
    );
}

#[test]
fn compound_offsets() {
    let text = "het re-integratieproces, P&O-functionarissen";
    let found = tokens(&mut dutch_analyzer(), text);
    let spans: Vec<(&str, &str, usize)> = found.iter().map(|token| (token.text.as_str(), &text[token.start..token.end], token.position)).collect();
    assert_eq!(
        spans,
        [
            ("reintegratieproces", "re-integratieproces", 1),
            ("re", "re", 1),
            ("integratieproces", "integratieproces", 2),
            ("p&ofunctionaris", "P&O-functionarissen", 3),
            ("p&o", "P&O", 3),
            ("functionaris", "functionarissen", 4),
        ]
    );
}

// Index and query agree.

mod index {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::query::{PhraseQuery, Query, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    use tantivy::{doc, Index, Term};

    const LETTER: &str = "Onder moeilijke omstandigheden is de continuïteit van de \
        dienstverlening gewaarborgd. De minister van Defensie verbetert het \
        re-integratieproces van oud-militairen en de Staatssecretaris overlegt met \
        het Trimbos-instituut over zo’n 120.000 medewerkers.";

    fn index_with(analyzer: &str) -> (Index, Field) {
        let mut schema = Schema::builder();
        let indexing = TextFieldIndexing::default().set_tokenizer(analyzer).set_index_option(IndexRecordOption::WithFreqsAndPositions);
        let body = schema.add_text_field("body", TextOptions::default().set_indexing_options(indexing));
        let index = Index::create_in_ram(schema.build());
        register(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        writer.add_document(doc!(body => LETTER)).expect("add");
        writer.commit().expect("commit");
        (index, body)
    }

    fn hits(index: &Index, query: &dyn Query) -> usize {
        let searcher = index.reader().expect("reader").searcher();
        searcher.search(query, &Count).expect("search")
    }

    /// The query the analyzer's tokens make: one term, or a phrase at the tokens'
    /// relative positions (a joined compound stands in for its parts).
    fn query_for(field: Field, analyzer: &str, text: &str) -> Box<dyn Query> {
        let manager = TokenizerManager::default();
        register(&manager);
        let mut analyzer = manager.get(analyzer).expect("registered");
        let found = tokens(&mut analyzer, text);
        let mut terms: Vec<(usize, Term)> = Vec::new();
        let mut covered_until = 0;
        for token in &found {
            if !terms.is_empty() && token.position < covered_until {
                continue;
            }
            covered_until = token.position + token.position_length;
            terms.push((token.position, Term::from_field_text(field, &token.text)));
        }
        match terms.len() {
            0 => panic!("{text:?} has no terms"),
            1 => Box::new(TermQuery::new(terms.remove(0).1, IndexRecordOption::WithFreqs)),
            _ => Box::new(PhraseQuery::new_with_offset(terms)),
        }
    }

    #[test]
    fn queries_find_what_was_indexed() {
        let (index, body) = index_with(DUTCH);
        for query in [
            "continuïteit",
            "continuiteit",
            "re-integratieproces",
            "reintegratieproces",
            "integratieproces",
            "oud-militairen",
            "militair",
            "minister van defensie",
            "De minister van Defensie",
            "Trimbos-instituut",
            "trimbos instituut",
            "zo'n 120.000 medewerkers",
            "continuïteit van de dienstverlening",
            "het re-integratieproces van oud-militairen",
        ] {
            assert_eq!(hits(&index, &*query_for(body, DUTCH, query)), 1, "{query:?}");
        }
        for query in ["defensie van minister", "minister defensie", "medewerker 120.000", "integratie"] {
            assert_eq!(hits(&index, &*query_for(body, DUTCH, query)), 0, "{query:?}");
        }
    }

    #[test]
    fn phrase_with_every_compound_part_matches() {
        let (index, body) = index_with(DUTCH);
        let terms =
            tokens(&mut dutch_analyzer(), "re-integratieproces").into_iter().map(|token| (token.position, Term::from_field_text(body, &token.text))).collect();
        assert_eq!(hits(&index, &PhraseQuery::new_with_offset(terms)), 1);
    }

    #[test]
    fn exact_field_keeps_stop_words_and_forms() {
        let (index, body) = index_with(EXACT);
        assert_eq!(hits(&index, &*query_for(body, EXACT, "de minister van Defensie")), 1);
        assert_eq!(hits(&index, &*query_for(body, EXACT, "medewerkers")), 1);
        assert_eq!(hits(&index, &*query_for(body, EXACT, "medewerker")), 0);
        assert_eq!(hits(&index, &*query_for(body, EXACT, "minister Defensie")), 0);
    }
}

// Rule 7: invariants, on any input.

fn check_invariants(text: &str, found: &[AnalyzedToken]) -> Result<(), TestCaseError> {
    let mut last_position = 0;
    for token in found {
        prop_assert!(!token.text.is_empty(), "empty term in {text:?}");
        prop_assert!(token.start < token.end && token.end <= text.len(), "{token:?} in {text:?}");
        prop_assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        prop_assert!(token.position >= last_position, "{found:?} for {text:?}");
        prop_assert!(token.position_length >= 1);
        last_position = token.position;
    }
    Ok(())
}

/// In the exact analyzer nothing is removed, so a joined compound is followed by all
/// its parts, at its positions and inside its offsets.
fn check_compound_parts(text: &str, found: &[AnalyzedToken]) -> Result<(), TestCaseError> {
    for (index, joined) in found.iter().enumerate() {
        let parts = joined.position_length;
        if parts == 1 {
            continue;
        }
        let following = found.get(index + 1..index + 1 + parts);
        prop_assert!(following.is_some(), "{joined:?} lacks parts in {text:?}");
        for (offset, part) in following.unwrap_or_default().iter().enumerate() {
            prop_assert_eq!(part.position, joined.position + offset);
            prop_assert!(joined.start <= part.start && part.end <= joined.end);
        }
    }
    Ok(())
}

fn seed_letters() -> Vec<String> {
    let dir = format!("{}/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut letters: Vec<String> =
        std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{dir}: {error}")).filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok()).collect();
    letters.sort();
    assert!(!letters.is_empty(), "no seed letters in {dir}");
    letters
}

/// Pieces that stress the rules when dropped into real text.
const MUTATIONS: &[&str] = &[
    "-", "‐", "&", "'", "’", "‘", "'s", "’t", "\u{0308}", "\u{00AD}", "\u{200D}", "ﬁ", "ĳ", "İ", "ß", "1", "–", " ", "\n", "é", "Ω", "😀", "\u{FEFF}", "-s",
    "s-",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invariants_on_arbitrary_text(text in any::<String>()) {
        check_invariants(&text, &tokens(&mut dutch_analyzer(), &text))?;
        let exact_tokens = tokens(&mut exact_analyzer(), &text);
        check_invariants(&text, &exact_tokens)?;
        check_compound_parts(&text, &exact_tokens)?;
    }

    #[test]
    fn invariants_on_dutch_like_text(text in "([a-zA-Zïëé’'&\u{0308}\u{AD}]{0,6}[- ,.]{0,2}){0,12}") {
        check_invariants(&text, &tokens(&mut dutch_analyzer(), &text))?;
        let exact_tokens = tokens(&mut exact_analyzer(), &text);
        check_invariants(&text, &exact_tokens)?;
        check_compound_parts(&text, &exact_tokens)?;
    }

    #[test]
    fn invariants_on_mutated_seed_letters(
        letter in any::<prop::sample::Index>(),
        window in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(MUTATIONS)), 1..20),
    ) {
        let letters = seed_letters();
        let letter = letter.get(&letters);
        let start = floor_char_boundary(letter, window.index(letter.len()));
        let end = floor_char_boundary(letter, (start + 600).min(letter.len()));
        let mut text = letter[start..end].to_owned();
        for (at, piece) in edits {
            let at = floor_char_boundary(&text, at.index(text.len() + 1));
            text.insert_str(at, piece);
        }
        check_invariants(&text, &tokens(&mut dutch_analyzer(), &text))?;
        let exact_tokens = tokens(&mut exact_analyzer(), &text);
        check_invariants(&text, &exact_tokens)?;
        check_compound_parts(&text, &exact_tokens)?;
    }
}

/// The segments `unicode-segmentation` finds in the whole text, without whitespace.
///
/// UAX#29 attaches a combining mark to the space before it (WB4); chunking at
/// whitespace puts it at the start of the next chunk instead, which is where a reader
/// would look for it, so the reference drops the leading whitespace too.
fn reference_segments(text: &str) -> Vec<(usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.split_word_bound_indices()
        .map(|(start, segment)| {
            let trimmed = segment.trim_start_matches(|c: char| c.is_ascii_whitespace());
            (start + segment.len() - trimmed.len(), trimmed)
        })
        .filter(|(_, segment)| !segment.is_empty())
        .collect()
}

fn is_word_like(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ascii_segments_follow_uax29(text in "[a-zA-Z0-9_:.',;&!\\- \n\t]{0,40}") {
        let segments: Vec<(usize, &str)> = Segments::new(&text).collect();
        prop_assert_eq!(segments, reference_segments(&text));
    }

    #[test]
    fn words_follow_uax29(text in any::<String>()) {
        let words: Vec<(usize, &str)> =
            Segments::new(&text).filter(|(_, segment)| is_word_like(segment)).collect();
        let reference: Vec<(usize, &str)> = reference_segments(&text)
            .into_iter()
            .filter(|(_, segment)| is_word_like(segment))
            .collect();
        prop_assert_eq!(words, reference);
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[test]
fn invariants_on_the_seed_letters() {
    for letter in seed_letters() {
        let found = tokens(&mut dutch_analyzer(), &letter);
        assert!(found.len() > 100);
        check_invariants(&letter, &found).expect("dutch invariants");
        let exact_tokens = tokens(&mut exact_analyzer(), &letter);
        check_invariants(&letter, &exact_tokens).expect("exact invariants");
        check_compound_parts(&letter, &exact_tokens).expect("compound parts");
    }
}

#[test]
fn analyzers_are_registered_under_their_names() {
    let manager = TokenizerManager::default();
    register(&manager);
    let mut dutch = manager.get(DUTCH).expect("kz_dutch");
    let mut exact = manager.get(EXACT).expect("kz_exact");
    assert_eq!(render(&tokens(&mut dutch, "de Medewerkers")), "medewerker@1");
    assert_eq!(render(&tokens(&mut exact, "de Medewerkers")), "de@0 medewerkers@1");
}
