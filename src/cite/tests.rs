//! Citation extraction and normalisation: a table of real citation forms, every
//! citation in the five seed letters (read by hand), forms that must not be citations,
//! and properties that hold for any input.

use crate::cite::{extract, law_key, normalize, sentence_span, Citation, CitationKind};
use proptest::prelude::*;

/// Written forms and the keys `extract` must give, in order. Rows with one key are
/// also fed to `normalize`.
const FORMS: &[(&str, &[&str])] = &[
    // Kamerstukken
    ("Kamerstukken II 2015/16, 33 763, nr. 96", &["kst-33763-96"]),
    ("Kamerstukken II 2015–2016, 33 763, nr. 96", &["kst-33763-96"]),
    ("Kamerstuk 33 763, nr. 38", &["kst-33763-38"]),
    ("Kamerstuk 33763, nr. 176", &["kst-33763-176"]),
    ("Kamerstuknummer 33 763, nr. 96", &["kst-33763-96"]),
    ("Kamerstuk 34 000 X, nr. 9", &["kst-34000-X-9"]),
    ("Kamerstuk 34 000 X, \nnr. 42", &["kst-34000-X-42"]),
    ("Kamerstukken II 2022/23, 36 200 X, nr. 5", &["kst-36200-X-5"]),
    ("36 800-X, nr. 60", &["kst-36800-X-60"]),
    ("Kamerstuk 36 410-X, nr. 27", &["kst-36410-X-27"]),
    ("36800-X nr 43", &["kst-36800-X-43"]),
    ("Kamerstuk 36800 nr. 75", &["kst-36800-75"]),
    ("Kamerstuk 33763-174", &["kst-33763-174"]),
    ("Kamerstuk 29282-626", &["kst-29282-626"]),
    ("36800-X-108", &["kst-36800-X-108"]),
    ("Kamerstuk 36410-X-27", &["kst-36410-X-27"]),
    ("kst-33763-96", &["kst-33763-96"]),
    ("kst-36800-X-43", &["kst-36800-X-43"]),
    ("21 501-07, nr. 1750", &["kst-21501-07-1750"]),
    ("Kamerstuk 21501-07-1750", &["kst-21501-07-1750"]),
    // A rijkswet number is no part of the official identifier.
    ("34 356 (R2064), nr. 3", &["kst-34356-3"]),
    ("Kamerstukken II 2015/16, 27 484 (R 1669), nr. 289", &["kst-27484-289"]),
    // A Roman numeral chapter in capitals however written.
    ("36800-x-43", &["kst-36800-X-43"]),
    ("19 700 XV, nr. 2", &["kst-19700-XV-2"]),
    ("19700-XV-2", &["kst-19700-XV-2"]),
    // A later version of a paper keeps its letter.
    ("Kamerstuk 15 516, nr. 42e", &["kst-15516-42e"]),
    ("Kamerstukken II 2019/20, 35 300 X, nr. 5a", &["kst-35300-X-5a"]),
    // Eerste Kamer papers: a capital, with or without `nr.`.
    ("Kamerstukken I 2020/21, 35 570, C", &["kst-35570-C"]),
    ("Kamerstukken I 2020/21, 35 570, letter A", &["kst-35570-A"]),
    // Lists that go on after page references.
    ("Kamerstuk 33 763, nr. 4, p. 12 en 13, en nr. 6", &["kst-33763-4", "kst-33763-6"]),
    ("Kamerstuk 33 763, nrs. 3, 5 en 8", &["kst-33763-3", "kst-33763-5", "kst-33763-8"]),
    ("22Kamerstukken II, 1983–1984, 17 931 nr. 12 en 1985–1986, 17 931 nr. 68.", &["kst-17931-12", "kst-17931-68"]),
    // Old forms, a footnote number printed against the citation, a line break inside.
    ("Kamerstukken II 1980/81, 16 625, nr. 4", &["kst-16625-4"]),
    ("Bijl. Hand. II 1983/84, 18 100 X, nr. 5", &["kst-18100-X-5"]),
    ("8Kamerstukken II 2015/16, 33 763, nr. 96", &["kst-33763-96"]),
    ("Kamerstukken II 2015/16, 33\n763, nr.\n96", &["kst-33763-96"]),
    ("33 763 nr 176", &["kst-33763-176"]),
    ("35 925, nr. E", &["kst-35925-E"]),
    ("Kamerstukken I 2020/21, 35 925, nr. E", &["kst-35925-E"]),
    ("(zie Kamerstuk 33 763, nr. 38)", &["kst-33763-38"]),
    ("Kamerstuk 33 763, nr. 171 en 172", &["kst-33763-171", "kst-33763-172"]),
    ("Kamerstuk 33 763, nrs. 520 en 548", &["kst-33763-520", "kst-33763-548"]),
    ("Kamerstuk 30 139, nrs. 12, 13 en 14", &["kst-30139-12", "kst-30139-13", "kst-30139-14"]),
    ("Kamerstuk 33 763, nr. 4 van 1 mei 2020 en nr. 6", &["kst-33763-4", "kst-33763-6"]),
    ("Kamerstuk 33 763, nr. 120 t/m 122", &["kst-33763-120", "kst-33763-122"]),
    ("Kamerstukken 26 643 en 31 490, nr. 683", &["kst-26643-683", "kst-31490-683"]),
    ("Kamerstuk 36 800 X", &["kst-36800-X"]),
    ("Kamerstukken II 1989/90, 21 149, nrs. 2–3", &["kst-21149-2", "kst-21149-3"]),
    // The chamber and session in words; a session with an Eerste Kamer letter.
    ("Tweede Kamer, vergaderjaar 2010–2011, 32 539, nr. 3, p. 7", &["kst-32539-3"]),
    ("Tweede Kamer, vergaderjaar 1993 - 1994, 23 400 VII, nrs. 11 en 29", &["kst-23400-VII-11", "kst-23400-VII-29"]),
    ("Eerste Kamer, vergaderjaar 2004–2005, 29 686, C, blz. 3", &["kst-29686-C"]),
    ("Memorie van Antwoord (Eerste Kamer, 30370, C, pagina 21)", &["kst-30370-C"]),
    ("Kamerstukken I, 2010/11, 29 248, L", &["kst-29248-L"]),
    ("EK, 2006–2007, 30572, H, blz. 11", &["kst-30572-H"]),
    ("Handelingen TK 1990–1991, 21 062 nr. 4", &["kst-21062-4"]),
    // Four-digit dossiers of the years before 1970, only with the session before them.
    ("1Kamerstukken II 1955/56, 4100 XIII, nr. 12", &["kst-4100-XIII-12"]),
    ("Kamerstukken II 1968/69, 9 925, nr. 2", &["kst-9925-2"]),
    ("Handelingen Tweede Kamer, 1967–1968, 9 561, nr. 3", &["kst-9561-3"]),
    ("Zitting 1958-1959-5380, nr. 3", &["kst-5380-3"]),
    // Handelingen and Aanhangsel
    ("Handelingen II 2010/11, nr. 108, item 5", &["h-tk-20102011-108-5"]),
    ("Handelingen II 2010/2011, nr. 108, item 5", &["h-tk-20102011-108-5"]),
    ("Handelingen I 2019/20, nr. 12, item 3", &["h-ek-20192020-12-3"]),
    ("Handelingen II 2014/15, nr. 40", &["h-tk-20142015-40"]),
    ("Handelingen II 2004/05, blz. 1234", &["h-tk-20042005-p1234"]),
    ("Handelingen 2010/11, nr. 108", &["h-?-20102011-108"]),
    ("Aanhangsel Handelingen II 2014/15, nr. 12", &["ah-tk-20142015-12"]),
    ("Aanhangsel Handelingen II 2008/09, 1234", &["ah-tk-20082009-1234"]),
    ("Handelingen II 2011/2012, nr. 82, items 8 en 32", &["h-tk-20112012-82-8", "h-tk-20112012-82-32"]),
    ("Handelingen II 2011/2012, nr. 82, item 8 en item 32", &["h-tk-20112012-82-8", "h-tk-20112012-82-32"]),
    ("Aanhangsel Handelingen Tweede Kamer, vergaderjaar 2012–2013, nr. 2471", &["ah-tk-20122013-2471"]),
    ("3 Kamerstukken II 2011/12, Aanhangsel 342.", &["ah-tk-20112012-342"]),
    ("TK, 1994–1995, Aanhangsel, nr. 268", &["ah-tk-19941995-268"]),
    ("Tweede Kamer, vergaderjaar 2009–2010, Aanhangsel 1849", &["ah-tk-20092010-1849"]),
    ("TK 2003–2004, Aanhangsel van de handelingen 1817 en 2117", &["ah-tk-20032004-1817", "ah-tk-20032004-2117"]),
    // Staatscourant and Staatsblad
    ("Staatscourant 2025, nr. 17540", &["stcrt-2025-17540"]),
    ("Stcrt. 2025, 17540", &["stcrt-2025-17540"]),
    ("Stcrt. 2014, nr. 3456", &["stcrt-2014-3456"]),
    ("Staatscourant van 12 mei 2020, nr. 26000", &["stcrt-2020-26000"]),
    ("Staatscourant nr. 17540", &["stcrt-?-17540"]),
    ("Stb. 1971, 231", &["stb-1971-231"]),
    ("Staatsblad 2013, 100", &["stb-2013-100"]),
    // Gazette numbers with a slash or dash, the number first, listed, emphasised, glued.
    ("Stb. 1993/68", &["stb-1993-68"]),
    ("18Stb. 527/1969.", &["stb-1969-527"]),
    ("2Stb. 1995, nr. 401.", &["stb-1995-401"]),
    ("de Militaire Ambtenarenwet 1931 (*Stb.* 1931, 519)", &["wet:militaire ambtenarenwet 1931", "stb-1931-519"]),
    ("Arbeidswet 1919 (Stb. 1930, 388A)", &["wet:arbeidswet 1919", "stb-1930-388A"]),
    ("(Stcrt. 1967,132; 1968, 189)", &["stcrt-1967-132", "stcrt-1968-189"]),
    ("(Stcrt. 1979-195; 1980-54)", &["stcrt-1979-195", "stcrt-1980-54"]),
    ("Stcrt. 1999/185, 7", &["stcrt-1999-185"]),
    ("Staatscourant 1976, nr. 107 en 1976, nr. 248", &["stcrt-1976-107", "stcrt-1976-248"]),
    // Toezeggingen
    ("TZ202604-190", &["TZ202604-190"]),
    ("Kamerstuknummer TZ202604-190", &["TZ202604-190"]),
    ("(TZ202506-071)", &["TZ202506-071"]),
    ("toezegging TZ202506-071", &["TZ202506-071"]),
    // Motions
    ("de motie-Boon (Kamerstuk 36800-X nr 43 van 11 maart 2026)", &["kst-36800-X-43"]),
    ("motie-Boon", &["motie-boon"]),
    ("motie-Struijs c.s.", &["motie-struijs"]),
    ("de motie van het lid Ellian", &["motie-ellian"]),
    ("De motie van het lid van Baarle", &["motie-van-baarle"]),
    ("de moties van het lid Ellian (VVD) over reservisten (Kamerstuk 33 763, nr. 171 en 172)", &["kst-33763-171", "kst-33763-172"]),
    // A motion by number alone is the one the text cites with that number.
    ("de motie-Boon (Kamerstuk 36800-X nr 43). Motie nr. 43 vraagt om een toets.", &["kst-36800-X-43", "kst-36800-X-43"]),
    // Laws and regulations
    ("Kaderwet Dienstplicht", &["wet:kaderwet dienstplicht"]),
    ("Kaderwet dienstplicht", &["wet:kaderwet dienstplicht"]),
    ("Wet op de Defensiegereedheid", &["wet:wet op de defensiegereedheid"]),
    ("Militaire Ambtenarenwet 1931", &["wet:militaire ambtenarenwet 1931"]),
    ("Algemeen militair ambtenarenreglement", &["wet:algemeen militair ambtenarenreglement"]),
    ("Burgerlijk ambtenarenreglement defensie", &["wet:burgerlijk ambtenarenreglement defensie"]),
    ("Wet ambtenaren defensie", &["wet:wet ambtenaren defensie"]),
    ("Wet militair tuchtrecht", &["wet:wet militair tuchtrecht"]),
    ("Wet gewetensbezwaren militaire dienst", &["wet:wet gewetensbezwaren militaire dienst"]),
    ("Uitkeringswet gewezen militairen", &["wet:uitkeringswet gewezen militairen"]),
    ("Besluit medezeggenschap Defensie 2008", &["wet:besluit medezeggenschap defensie 2008"]),
    ("Besluit militair keuringsreglement BES", &["wet:besluit militair keuringsreglement bes"]),
    ("Regeling ziektekostenvoorziening defensiepersoneel", &["wet:regeling ziektekostenvoorziening defensiepersoneel"]),
    ("Algemene wet bestuursrecht", &["wet:algemene wet bestuursrecht"]),
    ("de Ziektewet", &["wet:ziektewet"]),
    ("Besluit bijzondere militaire pensioenen", &["wet:besluit bijzondere militaire pensioenen"]),
    // One key however a law is named: its acronym, its name with or without the year.
    ("op grond van de Awb", &["wet:algemene wet bestuursrecht"]),
    ("artikel 6:7 van de AWB", &["wet:algemene wet bestuursrecht"]),
    ("het AMAR", &["wet:algemeen militair ambtenarenreglement"]),
    ("het BARD", &["wet:burgerlijk ambtenarenreglement defensie"]),
    ("de Militaire Ambtenarenwet", &["wet:militaire ambtenarenwet 1931"]),
    // An acronym right after the name it abbreviates is that same citation.
    ("De artikelen 120 t/m 125 van het Algemeen militair ambtenarenreglement (AMAR)", &["wet:algemeen militair ambtenarenreglement"]),
    ("Dit besluit wordt aangehaald als \"Algemeen militair ambtenarenreglement\", afgekort AMAR.", &["wet:algemeen militair ambtenarenreglement"]),
    // A regulation by its Basiswettenbestand identifier.
    ("Identificatienummer BWBR0035987", &["BWBR0035987"]),
    ("(Stcrt. 2012, 26372): http://wetten.overheid.nl/BWBR0032514", &["stcrt-2012-26372", "BWBR0032514"]),
    // Words the vocabulary lacks do not cut a name short.
    (
        "het Besluit uitkering wegens functioneel leeftijdsontslag burgerlijke ambtenaren defensie",
        &["wet:besluit uitkering wegens functioneel leeftijdsontslag burgerlijke ambtenaren defensie"],
    ),
];

/// Text that holds no citation at all.
const NOT_CITATIONS: &[&str] = &[
    "Den Haag, 14 december 2015",
    "een onderhandelaarsresultaat arbeidsvoorwaarden 2026-2028",
    "het Commissiedebat Personeel van 15 april jl. heb ik",
    "een bedrag van € 1,2 miljoen",
    "zo’n kwart van de ruim 120.000 medewerkers",
    "zie p. 12 en blz. 4",
    "85% geeft aan; 12% wil liever niet",
    " Nr. 96  BRIEF VAN DE MINISTER VAN DEFENSIE",
    "Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1",
    "opgenomen in hoofdstuk 3 en artikel 12",
    "Motie nr. 171 verzoekt om het onderzoeken",
    "Postbus 20701 2500 ES Den Haag",
    "D2025-003249 / MINDEF20260021334",
    "Staatscourant 2025 verscheen",
    "Strategisch Personeelsbeleid Rijk 20251 en de Strategische I-agenda2",
    "12 345 militairen",
    "de doelgroep van 17 – 27-jarigen",
    "telefoon 070-1234567",
    "een politiek besluit om een verdere stap te zetten",
    "gebruik te maken van deze regeling.",
    "het wetgevingstraject tot wijziging",
    "de Wet van 20 december 1956",
    "ten tijde van de COVID-19 crisis",
    "3.2 Een goede werkgever",
    "33763-174",
    "beschouw ik ook deze moties als afgedaan.",
    "uitbreiden van 7 naar 14 ziekenhuizen",
    "(Belgisch Staatsblad 8 maart 2017)",
    "(ISBN 90-74442-33-1)",
    "de Awb-procedure",
    "Amarant",
    "artikel VII van het bij deze Wet goedgekeurde Verdrag",
    // Four-digit numbers are dossiers only after a written session.
    "Kamerstukken II 1968/69 bevatten 4100 pagina's",
    "in de Tweede Kamer 1 234 keer, nr. 3 in de rij",
    "Eerste Kamer, vergaderjaar 2020–2021, 35 570, C 1",
    "BWBR00123456",
];

/// One expected citation in a seed letter: key, kind, text as written.
type Expected = (&'static str, CitationKind, &'static str);

use CitationKind::{Kamerstuk, Motie, Staatscourant, Toezegging, Wet};

/// Every citation in the five seed letters, read by hand.
const SEEDS: &[(&str, &[Expected])] = &[
    ("000_7103214013612ba8.txt", &[("TZ202506-071", Toezegging, "TZ202506-071")]),
    (
        "001_7caab24e6105f95a.txt",
        &[
            ("TZ202604-190", Toezegging, "Kamerstuknummer TZ202604-190"),
            ("kst-33763-176", Kamerstuk, "Kamerstuk 33763, nr. 176"),
            ("wet:wet op de defensiegereedheid", Wet, "Wet op de Defensiegereedheid"),
            ("wet:kaderwet dienstplicht", Wet, "Kaderwet Dienstplicht"),
            ("wet:kaderwet dienstplicht", Wet, "Kaderwet Dienstplicht"),
            ("wet:kaderwet dienstplicht", Wet, "Kaderwet Dienstplicht"),
            ("TZ202604-189", Toezegging, "Kamerstuk TZ202604-189"),
            ("TZ202604-188", Toezegging, "Kamerstuk TZ202604-188"),
            ("kst-36800-X-108", Motie, "Kamerstuk 36800-X-108"),
            ("motie-van-baarle", Motie, "motie van het lid van Baarle"),
            ("kst-33763-171", Motie, "Kamerstuk 33 763, nr. 171"),
            ("kst-33763-172", Motie, "172"),
            ("kst-33763-174", Kamerstuk, "Kamerstuk 33763-174"),
            ("kst-33763-171", Motie, "Motie nr. 171"),
            ("kst-33763-172", Motie, "Motie nr. 172"),
            ("kst-36800-X-43", Motie, "Kamerstuk 36800-X nr 43"),
            ("kst-36800-75", Kamerstuk, "Kamerstuk 36800 nr. 75"),
            ("kst-36800-X-60", Motie, "Kamerstuk 36 800-X, nr. 60"),
            ("kst-33763-168", Motie, "Kamerstuk 33 763, nr. 168"),
            ("kst-36410-X-27", Motie, "Kamerstuk 36410-X-27"),
            ("kst-33763-174", Kamerstuk, "Kamerstuk 33763-174"),
            ("kst-33763-157", Kamerstuk, "Kamerstuk 33 763, nr. 157"),
            ("TZ202604-191", Toezegging, "Kamerstuk TZ202604-191"),
            ("kst-29282-626", Kamerstuk, "Kamerstuk 29282-626"),
            ("wet:inkomstenregeling militairen", Wet, "Inkomstenregeling Militairen"),
            ("stcrt-?-17540", Staatscourant, "Staatscourant nr. 17540"),
        ],
    ),
    (
        "002_e57fd0cb040071f5.txt",
        &[
            ("kst-33763-38", Kamerstuk, "Kamerstuk 33 763, nr. 38"),
            ("kst-34000-X-9", Kamerstuk, "Kamerstuk 34 000 X, nr. 9"),
            ("kst-34000-X-42", Kamerstuk, "Kamerstuk 34 000 X, \nnr. 42"),
        ],
    ),
    (
        "003_16c0e16309443de4.txt",
        &[
            ("kst-31490-243", Kamerstuk, "Kamerstuk 31 490, nr. 243"),
            ("kst-26643-683", Kamerstuk, "Kamerstukken 26 643"),
            ("kst-31490-683", Kamerstuk, "31 490, nr. 683"),
        ],
    ),
    ("004_7d131c89f8bf0dc6.txt", &[]),
];

fn seed(name: &str) -> String {
    let path = format!("{}/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn keys(text: &str) -> Vec<String> {
    extract(text).into_iter().map(|c| c.key).collect()
}

/// The invariants every extraction result must satisfy.
fn assert_well_formed(input: &str, found: &[Citation]) {
    let mut previous_end = 0;
    for c in found {
        assert!(c.start < c.end && c.end <= input.len(), "{c:?} outside {input:?}");
        assert!(input.is_char_boundary(c.start) && input.is_char_boundary(c.end), "{c:?}");
        assert_eq!(c.text, &input[c.start..c.end], "{input:?}");
        assert!(c.start >= previous_end, "overlapping or unordered spans in {input:?}: {found:?}");
        previous_end = c.end;
    }
}

#[test]
fn forms_give_their_keys() {
    assert!(FORMS.len() >= 60);
    for (input, expected) in FORMS {
        let found = extract(input);
        assert_well_formed(input, &found);
        let got: Vec<&str> = found.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(got, expected.to_vec(), "extract({input:?})");
    }
}

#[test]
fn normalize_round_trips_every_single_citation_form() {
    for (input, expected) in FORMS.iter().filter(|(_, keys)| keys.len() == 1) {
        assert_eq!(normalize(input).as_deref(), Some(expected[0]), "normalize({input:?})");
        // a key is itself a written form of the citation
        assert_eq!(normalize(expected[0]).as_deref(), Some(expected[0]), "normalize(key {:?})", expected[0]);
    }
}

#[test]
fn normalize_accepts_every_way_of_writing_one_paper() {
    for written in [
        "Kamerstuk 33 763, nr. 176",
        "\"Kamerstuk 33 763, nr. 176\"",
        "(Kamerstuk 33763, nr. 176)",
        "Kamerstukken II 2025/26, 33763, nr. 176",
        "33763-176",
        "33 763-176",
        "kst-33763-176",
        "KST-33763-176",
        "33 763 nr 176",
        "33763, nr. 176",
    ] {
        assert_eq!(normalize(written).as_deref(), Some("kst-33763-176"), "{written:?}");
    }
    for (written, key) in [
        ("kst-36800-x-108", "kst-36800-X-108"),
        ("tz202604-190", "TZ202604-190"),
        ("H-TK-20102011-108-5", "h-tk-20102011-108-5"),
        ("wet:Kaderwet  Dienstplicht", "wet:kaderwet dienstplicht"),
        ("motie-Van Baarle", "motie-van-baarle"),
        ("stcrt-?-17540", "stcrt-?-17540"),
        // The older key form with a rijkswet number, and paper letters, as users paste them.
        ("kst-34356-R2064-3", "kst-34356-3"),
        ("KST-15516-42E", "kst-15516-42e"),
        ("kst-35570-c", "kst-35570-C"),
        ("Awb", "wet:algemene wet bestuursrecht"),
        ("AMAR", "wet:algemeen militair ambtenarenreglement"),
        ("wet:Militaire Ambtenarenwet", "wet:militaire ambtenarenwet 1931"),
    ] {
        assert_eq!(normalize(written).as_deref(), Some(key), "{written:?}");
    }
}

#[test]
fn normalize_refuses_no_citation_or_several() {
    for written in [
        "",
        "   ",
        "nr. 176",
        "hallo",
        "14 december 2015",
        "Kamerstuk 33 763, nr. 171 en 172",
        "Kamerstukken 26 643 en 31 490, nr. 683",
        "Kaderwet Dienstplicht en Kamerstuk 33763, nr. 176",
    ] {
        assert_eq!(normalize(written), None, "{written:?}");
    }
}

#[test]
fn law_keys_fold_case_accents_and_spacing() {
    for (name, key) in [
        ("Kaderwet  Dienstplicht", "wet:kaderwet dienstplicht"),
        ("Kaderwet dienstplicht", "wet:kaderwet dienstplicht"),
        ("Besluit beëindiging mogelijkheid militair noodtestament defensie", "wet:besluit beeindiging mogelijkheid militair noodtestament defensie"),
        ("Militaire\nAmbtenarenwet 1931", "wet:militaire ambtenarenwet 1931"),
    ] {
        assert_eq!(law_key(name), key, "{name:?}");
    }
    for c in extract("de Militaire Ambtenarenwet 1931 en het Algemeen militair ambtenarenreglement") {
        assert_eq!(c.key, law_key(&c.text));
    }
}

#[test]
fn non_citations_are_not_extracted() {
    for input in NOT_CITATIONS {
        assert_eq!(keys(input), Vec::<String>::new(), "{input:?}");
    }
}

#[test]
fn seeds_have_exactly_the_hand_made_citations() {
    let (mut expected_total, mut found_total, mut matched_total) = (0, 0, 0);
    for (name, expected) in SEEDS {
        let text = seed(name);
        let found = extract(&text);
        assert_well_formed(&text, &found);
        let got: Vec<(&str, CitationKind, &str)> = found.iter().map(|c| (c.key.as_str(), c.kind, c.text.as_str())).collect();
        let mut unmatched: Vec<Expected> = expected.to_vec();
        let mut matched = 0;
        for g in &got {
            if let Some(i) = unmatched.iter().position(|e| e == g) {
                unmatched.remove(i);
                matched += 1;
            }
        }
        let precision = ratio(matched, got.len());
        let recall = ratio(matched, expected.len());
        println!("{name}: {} expected, {} found, precision {precision:.3}, recall {recall:.3}", expected.len(), got.len());
        expected_total += expected.len();
        found_total += got.len();
        matched_total += matched;
        assert_eq!(got, expected.to_vec(), "{name}");
    }
    println!(
        "all seeds: {expected_total} expected, {found_total} found, precision {:.3}, recall {:.3}",
        ratio(matched_total, found_total),
        ratio(matched_total, expected_total)
    );
}

/// Each toezegging and motion the seed letters cite, judged by hand: does the letter
/// report on it (answer it), or only mention it? Every other citation of the seeds
/// (papers, laws, the Staatscourant) is cited for reference and answers nothing.
const ANSWERS: &[(&str, &str, bool, &str)] = &[
    ("000_7103214013612ba8.txt", "TZ202506-071", true, "promised to inform about the evaluation of remotie; this letter does"),
    ("001_7caab24e6105f95a.txt", "TZ202604-190", true, "promised to inform on the talks with the unions; `Inmiddels kan ik u melden`"),
    ("001_7caab24e6105f95a.txt", "TZ202604-189", true, "promised to inform on the Vrouw & Defensie list; the paragraph reports"),
    ("001_7caab24e6105f95a.txt", "TZ202604-188", true, "promised to come back on a target for women in this letter"),
    ("001_7caab24e6105f95a.txt", "kst-36800-X-108", true, "`Deze motie is aangenomen`, and how it will be taken up"),
    ("001_7caab24e6105f95a.txt", "motie-van-baarle", false, "the same motion named again: `zal ik hierbij betrekken`"),
    ("001_7caab24e6105f95a.txt", "kst-33763-171", true, "`In reactie op de moties van het lid Ellian`"),
    ("001_7caab24e6105f95a.txt", "kst-33763-172", true, "`In reactie op de moties van het lid Ellian`"),
    ("001_7caab24e6105f95a.txt", "kst-36800-X-43", true, "`Inzake de motie-Boon`, then the state of the talks"),
    ("001_7caab24e6105f95a.txt", "kst-36800-X-60", true, "`Ten aanzien van de uitvoering van de motie-Struijs`"),
    ("001_7caab24e6105f95a.txt", "kst-33763-168", true, "`Ten aanzien van de motie-Boswijk … meld ik u het volgende`"),
    ("001_7caab24e6105f95a.txt", "kst-36410-X-27", true, "the second motie-Boswijk of the same sentence"),
    ("001_7caab24e6105f95a.txt", "TZ202604-191", true, "`deze toezegging is ingelost` (by a VWS letter): reported as kept"),
];

#[test]
fn seeds_answer_exactly_the_commitments_judged_by_hand() {
    // Judged per letter and key, as the index keeps them: a letter answers a key when
    // one of its citations of it does (`Motie nr. 171`, describing the motion, is not
    // where the letter responds to it; the sentence that says so is).
    for (name, _) in SEEDS {
        let found = extract(&seed(name));
        for c in &found {
            let answered = found.iter().any(|o| o.key == c.key && o.answers);
            match ANSWERS.iter().find(|(n, key, ..)| n == name && *key == c.key) {
                Some(&(_, _, answers, why)) => assert_eq!(answered, answers, "{name} {}: {why}", c.key),
                None => assert!(!c.answers, "{name} {} ({:?}) is cited for reference, not answered", c.key, c.kind),
            }
        }
    }
    // Every judged row was found.
    for (name, key, ..) in ANSWERS {
        assert!(extract(&seed(name)).iter().any(|c| c.key == *key), "{name}: {key} not cited");
    }
}

#[test]
fn a_commitment_mentioned_in_passing_is_not_answered() {
    for text in [
        "Zie ook de toezegging TZ202506-071.",
        "De motie-Boon (Kamerstuk 36800-X nr 43) vraagt om een toets op geschiktheid.",
        "Over de moties van het lid Ellian (Kamerstuk 33 763, nr. 171 en 172) informeer ik u na de zomer.",
    ] {
        assert!(extract(text).iter().all(|c| !c.answers), "{text}");
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn find<'a>(found: &'a [Citation], text: &str) -> &'a Citation {
    found.iter().find(|c| c.text == text).unwrap_or_else(|| panic!("no citation {text:?} in {found:#?}"))
}

#[test]
fn seed_motions_keep_their_movers_and_papers_their_titles() {
    let text = seed("001_7caab24e6105f95a.txt");
    let found = extract(&text);
    let by = |t: &str| find(&found, t).motion_by.clone();
    assert_eq!(by("Kamerstuk 33 763, nr. 171").as_deref(), Some("Ellian"));
    assert_eq!(by("172").as_deref(), Some("Ellian"));
    assert_eq!(by("Kamerstuk 36800-X nr 43").as_deref(), Some("Boon"));
    assert_eq!(by("Kamerstuk 36 800-X, nr. 60").as_deref(), Some("Struijs"));
    assert_eq!(by("Kamerstuk 33 763, nr. 168").as_deref(), Some("Boswijk"));
    assert_eq!(by("Kamerstuk 36410-X-27").as_deref(), Some("Boswijk"));
    assert_eq!(by("Kamerstuk 36800-X-108"), None, "a bare `Deze motie` names nobody");
    assert_eq!(by("motie van het lid van Baarle").as_deref(), Some("van Baarle"));

    let title = |t: &str| find(&found, t).title.clone();
    assert_eq!(title("Kamerstuk 33763, nr. 176").as_deref(), Some("Groei van de krijgsmacht"));
    assert_eq!(title("Kamerstuk 33 763, nr. 157").as_deref(), Some("Toekomst van de krijgsmacht"));
    assert_eq!(title("Kamerstuk 36800 nr. 75").as_deref(), Some("Reactie op twee onderwerpen ten aanzien van defensiepersoneel"));
    let long = found.iter().filter(|c| c.key == "kst-33763-174").map(|c| c.title.clone()).collect::<Vec<_>>();
    assert_eq!(
        long,
        [
            Some("Stand van zaken maatregelenbrief ‘Onze mensen, onze toekomst’; meer, beter en sneller’".to_string()),
            Some("Stand van zaken maatregelenbrief Onze mensen, onze toekomst: meer, beter en sneller".to_string()),
        ]
    );
    assert_eq!(title("Kamerstuk 29282-626"), None, "`(VWS) (Kamerstuk …)` has no quoted title");
    assert!(find(&found, "Staatscourant nr. 17540").partial);
    assert!(!find(&found, "Kamerstuk 29282-626").partial);
}

#[test]
fn a_motion_binds_only_to_the_paper_right_after_it() {
    let text = "Naar aanleiding van de motie-Boon heb ik in mijn brief (Kamerstuk 36800, nr. 75) \
                geantwoord. Over de motie heb ik al eerder uitgebreid aan uw Kamer geschreven \
                (Kamerstuk 36800, nr. 12). \
                Ook de motie-Boswijk (Kamerstuk 33763, nr. 168) en de brief (Kamerstuk 33763, nr. 169).";
    let found = extract(text);
    let kinds: Vec<(&str, CitationKind, Option<&str>)> = found.iter().map(|c| (c.key.as_str(), c.kind, c.motion_by.as_deref())).collect();
    assert_eq!(
        kinds,
        [
            // a named motion a sentence-part away still binds; the bare word only nearby
            ("kst-36800-75", Motie, Some("Boon")),
            ("kst-36800-12", Kamerstuk, None),
            ("kst-33763-168", Motie, Some("Boswijk")),
            ("kst-33763-169", Kamerstuk, None),
        ]
    );
}

#[test]
fn handelingen_without_a_chamber_and_dossiers_without_a_number_are_partial() {
    for (input, partial) in [
        ("Handelingen 2010/11, nr. 108", true),
        ("Handelingen II 2010/11, nr. 108", false),
        ("Kamerstuk 36 800 X", true),
        ("Kamerstuk 36 800 X, nr. 2", false),
        ("Stb. 226", true),
    ] {
        let found = extract(input);
        assert_eq!(found.len(), 1, "{input:?}");
        assert_eq!(found[0].partial, partial, "{input:?}");
    }
}

#[test]
fn citations_serialise_with_lowercase_kinds() {
    let found = extract("de motie-Boon (Kamerstuk 36800-X nr 43)");
    let json = serde_json::to_value(&found[0]).expect("serialises");
    assert_eq!(json["key"], "kst-36800-X-43");
    assert_eq!(json["kind"], "motie");
    assert_eq!(json["motion_by"], "Boon");
    assert_eq!(json["partial"], false);
}

#[test]
fn sentence_spans_in_the_seeds() {
    let text = seed("002_e57fd0cb040071f5.txt");
    let at = text.find("Kamerstuk 34 000 X, \nnr. 42").expect("citation in seed");
    let (s, e) = sentence_span(&text, at, at + 10);
    assert!(text[s..e].starts_with("Het onderwerp is tevens meermaals"), "{:?}", &text[s..e]);
    assert!(text[s..e].ends_with("nr. 42)."), "{:?}", &text[s..e]);

    let text = seed("001_7caab24e6105f95a.txt");
    let at = text.find("Kamerstuk 36 800-X, nr. 60").expect("citation in seed");
    let (s, e) = sentence_span(&text, at, at + 5);
    assert!(text[s..e].starts_with("Ten aanzien van de uitvoering van de motie-Struijs c.s. over"));
    assert!(text[s..e].ends_with("leeftijdsontslag van militairen."));
}

/// Fragments of real citations and their surroundings, to glue into hostile inputs.
fn fragment() -> impl Strategy<Value = String> {
    let pieces: Vec<String> = FORMS
        .iter()
        .map(|(s, _)| s.to_string())
        .chain(NOT_CITATIONS.iter().map(|s| s.to_string()))
        .chain(["nr. ", "-", "–", " en ", ", ", "(", ")", "\n", "é", "’", "motie-", "Wet ", "‘", "”"].map(String::from))
        .collect();
    prop_oneof![proptest::sample::select(pieces), "[0-9 ,.\\-–/()A-Za-zé’‘“”€\n]{0,30}", any::<String>(),]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_never_panics_and_spans_stay_in_the_text(parts in proptest::collection::vec(fragment(), 0..8)) {
        let input: String = parts.concat();
        let found = extract(&input);
        assert_well_formed(&input, &found);
        let _ = normalize(&input);
    }

    #[test]
    fn cutting_a_citation_anywhere_never_panics(row in 0..FORMS.len(), cut in 0usize..80) {
        let input = FORMS[row].0;
        let cut = (0..=cut.min(input.len())).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
        for part in [&input[..cut], &input[cut..]] {
            assert_well_formed(part, &extract(part));
            let _ = normalize(part);
        }
    }

    #[test]
    fn sentence_spans_stay_in_the_text(text in any::<String>(), a in 0usize..200, b in 0usize..200) {
        let (s, e) = sentence_span(&text, a, b);
        prop_assert!(s <= e && e <= text.len());
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        // a span inside the text, on char boundaries, lies inside its sentence
        let lo = (0..=a.min(b).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let hi = (lo..=a.max(b).min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(lo);
        let (s, e) = sentence_span(&text, lo, hi);
        prop_assert!(s <= lo && hi <= e, "{:?} not inside {:?} of {:?}", (lo, hi), (s, e), text);
    }
}
