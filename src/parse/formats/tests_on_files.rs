//! Input formats on real documents (`tests/data/formats/`, see its README): JSON Lines
//! (plain and gzip) and official publication XML into letters; bad lines and broken
//! files as positioned errors; properties that hold for any input (no panic, section
//! offsets inside the body on char boundaries).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::parse::formats::{self, clean_markdown, letter_from_fields, parse_official_xml, read_json_lines, read_official_xml, Fields, Format, SourceError};
use crate::parse::Letter;
use flate2::write::GzEncoder;
use flate2::Compression;
use proptest::prelude::*;
use time::macros::date;

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/data/formats").join(name)
}

fn headings(letter: &Letter) -> Vec<&str> {
    letter.sections.iter().filter_map(|s| s.heading.as_deref()).collect()
}

/// Sections are ordered, inside the body, on char boundaries, and each heading is the
/// text its section starts with.
fn check_sections(letter: &Letter) -> Result<(), String> {
    let body = &letter.body;
    let mut last_end = 0;
    for s in &letter.sections {
        if !(s.start <= s.end && s.end <= body.len()) {
            return Err(format!("section {s:?} outside a body of {} bytes", body.len()));
        }
        if !(body.is_char_boundary(s.start) && body.is_char_boundary(s.end)) {
            return Err(format!("section {s:?} not on char boundaries"));
        }
        if s.start < last_end {
            return Err(format!("section {s:?} overlaps the one before"));
        }
        last_end = s.end;
        if let Some(heading) = &s.heading {
            if !body[s.start..s.end].starts_with(heading.as_str()) {
                return Err(format!("section {s:?} does not start with its heading"));
            }
        }
    }
    Ok(())
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("temp file written");
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

/// Each line's outcome: the letter's id, or the error's line and message.
fn outcomes(path: &Path) -> Vec<Result<String, (Option<u64>, String)>> {
    read_json_lines(path).expect("file opens").map(|r| r.map(|l| l.id).map_err(|e| (e.line, e.message))).collect()
}

#[test]
fn detection_by_name() {
    assert_eq!(formats::detect(Path::new("a/answers.jsonl.gz")), Some(Format::JsonLines));
    assert_eq!(formats::detect(Path::new("a/h-tk-20172018-70-1.xml")), Some(Format::OfficialXml));
    assert_eq!(formats::detect(Path::new("a/001_brief.txt")), Some(Format::Text));
    assert_eq!(formats::detect(Path::new("a/brief.pdf")), Some(Format::Pdf));
}

// ---------------------------------------------------------------- JSON Lines

#[test]
fn belgian_answers() {
    let letters: Vec<Letter> =
        read_json_lines(&fixture("be-qa-2017-answers.jsonl")).expect("fixture opens").collect::<Result<_, _>>().expect("real lines are good");
    let ids: Vec<&str> = letters.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["184502", "185968", "187129"]);

    let defensie = &letters[1];
    assert_eq!(defensie.meta.date, Some(date!(2017 - 01 - 31)));
    assert!(!defensie.meta.date_inferred);
    assert_eq!(defensie.meta.sender.as_deref(), Some("Minister van Defensie, belast met Ambtenarenzaken"));
    assert_eq!(defensie.extra.get("minister"), defensie.meta.sender.as_ref());
    assert_eq!(defensie.extra.len(), 1, "{:?}", defensie.extra);
    // No title field: the first sentence is the title.
    assert_eq!(defensie.title, "Er werd geen beroep gedaan op Defensie voor een vlucht in deze periode.");
    assert_eq!(defensie.body, defensie.title);
    assert_eq!(defensie.sections.len(), 1);
    assert_eq!(defensie.sections[0].heading, None);

    // A first sentence longer than a title is cut at a word.
    assert_eq!(letters[0].title, "1. In fase 2 van 2016 (september-oktober) haalde het controlepercentage 68,1 %,…");
    assert!(letters[0].body.contains("het aantal klanten dat met een MOBIB-drager reist gevoelig is gestegen."));
}

#[test]
fn regulations_in_markdown_gzip() {
    let letters: Vec<Letter> =
        read_json_lines(&fixture("nl-defensie-regelingen-sample.jsonl.gz")).expect("fixture opens").collect::<Result<_, _>>().expect("real lines are good");
    let ids: Vec<&str> = letters.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["BWBR0028409", "BWBR0007822", "BWBR0010516"]);

    let keuring = &letters[0];
    assert_eq!(keuring.title, "Besluit militair keuringsreglement BES");
    assert_eq!(keuring.meta.date, None);
    assert_eq!(keuring.extra.get("category").map(String::as_str), Some("AMvB-BES"));
    assert_eq!(keuring.extra.get("path").map(String::as_str), Some("AMvB-BES/besluit/militair/keuringsreglement/bes/BWBR0028409/README.md"));
    assert!(!keuring.extra.contains_key("title") && !keuring.extra.contains_key("text"));
    assert_eq!(
        headings(keuring),
        [
            "Besluit militair keuringsreglement BES",
            "Artikel 1",
            "Artikel 2",
            "Artikel 3",
            "Artikel 4",
            "Artikel 5",
            "Artikel 6",
            "Artikel 7",
            "Artikel 8",
            "Bijlage I",
            "Bijlage II",
            "Bijlage III",
        ]
    );
    assert!(keuring.body.starts_with(
        "Besluit militair keuringsreglement BES\n\nArtikel 1\n\nIn dit besluit wordt verstaan onder:\n\na.  keuring: een onderzoek naar de geschiktheid"
    ));
    for markup in ["<meta", "*", "##", "charset"] {
        assert!(!keuring.body.contains(markup), "{markup} left in the body");
    }

    let bloed = &letters[2];
    assert_eq!(headings(bloed), ["Regeling bloed- of tussenproducten Minister van Defensie", "Artikel 1", "Artikel 2"]);

    // Links keep their text, lose their target; emphasis goes.
    let machtiging = &letters[1];
    assert!(machtiging.body.contains("Gelet op artikel 27, tweede lid, van het Algemeen militair ambtenarenreglement;\nHebben goedgevonden"));
    assert!(machtiging.body.contains("in het Staatsblad zal worden geplaatst."));
    assert!(!machtiging.body.contains("README.md"));
    for letter in &letters {
        check_sections(letter).unwrap();
    }
}

#[test]
fn gzip_is_detected_by_content_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let compressed = fs::read(fixture("nl-defensie-regelingen-sample.jsonl.gz")).unwrap();
    let unnamed = write_file(dir.path(), "regelingen.jsonl", &compressed);
    let ids: Vec<_> = outcomes(&unnamed);
    assert_eq!(ids, [Ok("BWBR0028409".into()), Ok("BWBR0007822".into()), Ok("BWBR0010516".into())]);
}

#[test]
fn gz_name_without_gzip_content() {
    let dir = tempfile::tempdir().unwrap();
    let plain = fs::read(fixture("be-qa-2017-answers.jsonl")).unwrap();
    let path = write_file(dir.path(), "answers.jsonl.gz", &plain);
    let error = read_json_lines(&path).unwrap_err();
    assert_eq!(error.path, path);
    assert_eq!(error.line, None);
    assert!(error.message.contains("not gzip"), "{error}");
    assert!(error.to_string().starts_with(&format!("{}: ", path.display())), "{error}");
}

#[test]
fn missing_file() {
    let error = read_json_lines(Path::new("tests/data/formats/none.jsonl")).unwrap_err();
    assert!(error.message.starts_with("cannot open"), "{error}");
}

#[test]
fn truncated_gzip_names_the_line_reached() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for n in 1..=200 {
        lines.push_str(&format!("{{\"id\": \"d{n}\", \"text\": \"Tekst {n} over de krijgsmacht en {n} militairen.\"}}\n"));
    }
    let compressed = gzip(lines.as_bytes());
    let path = write_file(dir.path(), "afgebroken.jsonl.gz", &compressed[..compressed.len() / 2]);
    let results = outcomes(&path);
    let (last, good) = results.split_last().expect("something is read");
    assert!(good.iter().all(Result::is_ok), "{good:?}");
    let (line, message) = last.clone().unwrap_err();
    assert_eq!(line, Some(good.len() as u64 + 1));
    assert!(message.contains("truncated or corrupt"), "{message}");
}

#[test]
fn bad_lines_are_errors_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let real = fs::read_to_string(fixture("be-qa-2017-answers.jsonl")).unwrap();
    let real: Vec<&str> = real.lines().collect();
    let mut file: Vec<u8> = Vec::new();
    for line in [
        real[0],                                                  // 1
        r#"{"id": "kapot", "text": "Geen einde"#,                 // 2
        r#"{"text": "Zonder id."}"#,                              // 3
        r#"{"id": "zonder-tekst", "date": "2017-01-04"}"#,        // 4
        r#"{"id": ["1"], "text": "Een id als lijst."}"#,          // 5
        r#"{"id": "leeg", "text": "   "}"#,                       // 6
        "",                                                       // 7: blank, skipped
        r#"{"id": 4711, "text": "Een nummer als id."}"#,          // 8
        r#"[1, 2]"#,                                              // 9
        r#"{"id": "", "text": "Lege id."}"#,                      // 10
        r#"{"id": "t", "text": "Titel als getal.", "title": 3}"#, // 11
        r#"{"id": "x", "text": 12}"#,                             // 12
        real[1],                                                  // 13
    ] {
        file.extend_from_slice(line.as_bytes());
        file.push(b'\n');
    }
    file.extend_from_slice(b"{\"id\": \"bytes\", \"text\": \"caf\xe9\"}\r\n"); // 14: Latin-1, not UTF-8
    file.extend_from_slice(real[2].as_bytes()); // 15: last line without a newline
    let path = write_file(dir.path(), "gemengd.jsonl", &file);

    let results = outcomes(&path);
    let expected: Vec<Result<&str, (u64, &str)>> = vec![
        Ok("184502"),
        Err((2, "invalid JSON at column 35: EOF while parsing a string")),
        Err((3, "no `id`")),
        Err((4, "no `text`")),
        Err((5, "`id` is an array, not a string or number")),
        Err((6, "empty `text`")),
        Ok("4711"),
        Err((9, "an array, not a JSON object")),
        Err((10, "empty `id`")),
        Err((11, "`title` is a number, not a string")),
        Err((12, "`text` is a number, not a string")),
        Ok("185968"),
        Err((14, "invalid UTF-8 at byte 29 of the line")),
        Ok("187129"),
    ];
    let expected: Vec<Result<String, (Option<u64>, String)>> =
        expected.into_iter().map(|r| r.map(str::to_string).map_err(|(line, m)| (Some(line), m.to_string()))).collect();
    assert_eq!(results, expected);

    let error = read_json_lines(&path).unwrap().nth(1).unwrap().unwrap_err();
    assert_eq!(error.to_string(), format!("{}:2: invalid JSON at column 35: EOF while parsing a string", path.display()));
}

#[test]
fn overlong_line_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{{\"id\": \"lang\", \"text\": \"{}\"}}\n", "woord ".repeat(100));
    let content = format!("{{\"id\": \"a\", \"text\": \"Kort.\"}}\n{long}{{\"id\": \"b\", \"text\": \"Ook kort.\"}}\n");
    let path = write_file(dir.path(), "lang.jsonl", content.as_bytes());
    let results: Vec<_> = read_json_lines(&path).unwrap().with_max_line(200).map(|r| r.map(|l| l.id).map_err(|e| (e.line, e.message))).collect();
    assert_eq!(results, [Ok("a".to_string()), Err((Some(2), "line longer than 200 bytes; skipped".to_string())), Ok("b".to_string())]);
}

#[test]
fn fields_dates_and_extra_values() {
    let dir = tempfile::tempdir().unwrap();
    let content = [
        r#"{"id": "1", "text": "t", "date": "2017-01-04T09:30:00Z"}"#,
        r#"{"id": "2", "text": "t", "date": "14 december 2015", "sender": "Minister van Defensie", "minister": "X"}"#,
        r#"{"id": "3", "text": "t", "date": "gisteren", "pages": 3, "public": true, "note": null, "tags": ["a"]}"#,
    ]
    .join("\n");
    let path = write_file(dir.path(), "velden.jsonl", content.as_bytes());
    let letters: Vec<Letter> = read_json_lines(&path).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(letters[0].meta.date, Some(date!(2017 - 01 - 04)));
    assert_eq!(letters[1].meta.date, Some(date!(2015 - 12 - 14)));
    assert_eq!(letters[1].meta.sender.as_deref(), Some("Minister van Defensie"));
    assert_eq!(letters[1].extra.get("minister").map(String::as_str), Some("X"));
    assert_eq!(letters[2].meta.date, None);
    let extra: Vec<(&str, &str)> = letters[2].extra.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(extra, [("pages", "3"), ("public", "true")]);
    assert_eq!(
        letters[2].warnings,
        ["`date` \"gisteren\" is not a date (YYYY-MM-DD or `14 december 2015`)".to_string(), "field `tags` is an array; left out".to_string(),]
    );
}

#[test]
fn fields_into_a_letter() {
    let letter = letter_from_fields(Fields {
        id: "BWBR1".into(),
        title: Some("Regeling".into()),
        date: Some(date!(2015 - 01 - 01)),
        text: "##Regeling\n\n### Artikel  1  \n\nDe *Minister* van Defensie.".into(),
        ..Fields::default()
    });
    assert_eq!(letter.body, "Regeling\n\nArtikel 1\n\nDe Minister van Defensie.");
    assert_eq!(headings(&letter), ["Regeling", "Artikel 1"]);
    assert_eq!((letter.title.as_str(), letter.meta.date_inferred, letter.meta.kamerstuk.as_deref()), ("Regeling", false, None));
}

// ---------------------------------------------------------------- official XML

#[test]
fn handelingen_opening() {
    let letter = read_official_xml(&fixture("h-tk-20172018-70-1.xml")).unwrap();
    assert_eq!(letter.id, "h-tk-20172018-70-1");
    assert_eq!(letter.meta.date, Some(date!(2018 - 04 - 05)));
    assert!(!letter.meta.date_inferred);
    assert_eq!(letter.title, "70e vergadering");
    assert!(letter.body.starts_with("70e vergadering\n\nDonderdag 5 april 2018\n\nAanvang 10:15 uur\n\nVoorzitter: Martin Bosma\n\n"));
    assert!(letter.body.contains("Aanwezig zijn 144 leden der Kamer, te weten:\n\nVan Aalst, Agema,"));
    assert_eq!(letter.sections.len(), 1);
    assert_eq!(letter.extra.get("nr").map(String::as_str), Some("1"));
    assert_eq!(
        letter.extra.get("OVERHEIDop.externMetadataRecord").map(String::as_str),
        Some("https://zoek.officielebekendmakingen.nl/h-tk-20172018-70-1/metadata.xml")
    );
}

#[test]
fn handelingen_votes_on_motions() {
    let letter = read_official_xml(&fixture("h-tk-20172018-70-6.xml")).unwrap();
    assert_eq!(letter.title, "Stemmingen moties Informele Milieuraad d.d. 10-11 april 2018");
    // Only the opening item states the sitting's date.
    assert_eq!(letter.meta.date, None);
    assert_eq!(
        headings(&letter)[..5],
        ["Stemmingen moties Informele Milieuraad d.d. 10-11 april 2018", "De voorzitter", "Motie", "De voorzitter", "De heer Graus (PVV)"]
    );
    assert_eq!(letter.extra.get("sprekers").map(String::as_str), Some("De voorzitter; De heer Graus (PVV)"));
    // Pretty-printing put spaces around the references; they are gone.
    assert!(letter.body.contains("\n\n- de motie-Wassenberg over een reductie van het aantal gehouden dieren (21501-08, nr. 719);\n\n"));
    assert!(letter.body.contains("Daar ligt ons probleem. Daarom zullen wij tegen deze motie stemmen."));
    assert!(!letter.body.contains("extref"));
    check_sections(&letter).unwrap();
}

#[test]
fn handelingen_incoming_papers() {
    let letter = read_official_xml(&fixture("h-tk-20172018-70-14.xml")).unwrap();
    assert_eq!(letter.title, "Ingekomen stukken");
    assert_eq!(
        headings(&letter)[..3],
        ["Ingekomen stukken", "Lijst van ingekomen stukken, met de door de Voorzitter ter zake gedane voorstellen", "Brieven regering"]
    );
    assert!(letter.body.contains("minister van Financiën, W.B. Hoekstra - 03 april 2018\n\nRondgezonden en gepubliceerd."));
    check_sections(&letter).unwrap();
}

fn xml(body: &str) -> Result<Letter, SourceError> {
    parse_official_xml(Path::new("stuk.xml"), body.as_bytes())
}

#[test]
fn metadata_kamerstuk_and_inline_spacing() {
    let letter = xml(r#"<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie>
 <metadata>
  <meta name="DC.date" content="2018-04-12"/>
  <meta name="OVERHEIDop.datumOndertekening" content="2018-04-10"/>
  <meta name="OVERHEIDop.dossiernummer" content="21501-08"/>
  <meta name="OVERHEIDop.ondernummer" content="726"/>
  <meta name="DC.type" content="Kamerstuk"/>
 </metadata>
 <kamerstuk>
  <kop><nr>1</nr> <titel>Brief van de minister</titel>:</kop>
  <al>De CO
   <sup>2</sup>
   -uitstoot daalt ( <extref doc="x">21501-08</extref> , nr. <extref doc="x">719</extref> ) &amp; stijgt &#233;&#x00E9;n keer.</al>
  <al><![CDATA[Vijf < zes]]></al>
 </kamerstuk>
</officiele-publicatie>"#)
    .unwrap();
    assert_eq!(letter.id, "stuk");
    assert_eq!(letter.meta.kamerstuk.as_deref(), Some("kst-21501-08-726"));
    // The signature's date goes before the publication's.
    assert_eq!(letter.meta.date, Some(date!(2018 - 04 - 10)));
    assert_eq!(letter.title, "1 Brief van de minister");
    assert_eq!(letter.body, "1 Brief van de minister\n\nDe CO2-uitstoot daalt (21501-08, nr. 719) & stijgt één keer.\n\nVijf < zes");
    assert_eq!(letter.extra.get("DC.type").map(String::as_str), Some("Kamerstuk"));

    let suffixed = xml(r#"<officiele-publicatie><kamerstuk><dossier><dossiernr>36360 X</dossiernr></dossier>
           <stuk><ondernummer>1</ondernummer></stuk><al>Tekst.</al></kamerstuk></officiele-publicatie>"#)
    .unwrap();
    assert_eq!(suffixed.meta.kamerstuk.as_deref(), Some("kst-36360-X-1"));
    assert_eq!(suffixed.body, "Tekst.");
    assert_eq!(suffixed.title, "Tekst.");
}

#[test]
fn broken_xml_is_an_error_with_offset() {
    let whole = fs::read(fixture("h-tk-20172018-70-6.xml")).unwrap();
    let truncated = parse_official_xml(Path::new("h-tk-20172018-70-6.xml"), &whole[..whole.len() / 2]).unwrap_err();
    assert!(truncated.offset.is_some(), "{truncated}");
    assert!(truncated.message.contains("not closed") || truncated.message.contains("malformed"), "{truncated}");
    assert!(truncated.to_string().starts_with("h-tk-20172018-70-6.xml: byte "), "{truncated}");

    for (garbage, message) in [
        ("", "no XML element found"),
        ("gewoon tekst", "no XML element found"),
        ("<a><b></a>", "malformed XML"),
        ("<a></a></b>", "malformed XML"),
        ("<a>&onbekend;</a>", "unknown entity `&onbekend;`"),
        ("<a", "malformed XML"),
        ("<a><b>tekst</b>", "truncated: <a> is not closed"),
    ] {
        let error = xml(garbage).unwrap_err();
        assert!(error.offset.is_some(), "{garbage:?}: {error}");
        assert!(error.message.starts_with(message), "{garbage:?}: {error}");
    }
    let latin1 = parse_official_xml(Path::new("x.xml"), b"<a>caf\xe9</a>").unwrap_err();
    assert_eq!((latin1.offset, latin1.message.as_str()), (Some(6), "not UTF-8 (only UTF-8 XML is read)"));
}

// ---------------------------------------------------------------- properties

/// Markdown-like lines: headings, emphasis, tags, links, tables, multi-byte letters.
fn markdown_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "#{0,7} ?[a-zé ]{0,12}#{0,2}",
        "[a-zë*_ ]{0,20}",
        "<(sup|/sup|meta|datum|br/|span x) ?>?[a-z]{0,4}",
        "!?\\[[a-zü ]{0,6}\\]?\\(?[a-z/. ]{0,6}\\)?",
        "\\|[-:| ]{0,8}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn markdown_cleaning_keeps_sections_valid(lines in proptest::collection::vec(markdown_line(), 0..12)) {
        let text = lines.join("\n");
        let (body, sections) = clean_markdown(&text);
        let letter = letter_from_fields(Fields { id: "x".into(), text, ..Fields::default() });
        prop_assert_eq!(&letter.body, &body);
        prop_assert_eq!(&letter.sections, &sections);
        prop_assert!(check_sections(&letter).is_ok(), "{:?}", check_sections(&letter));
        prop_assert!(!letter.title.is_empty());
    }

    #[test]
    fn any_bytes_as_xml_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(letter) = parse_official_xml(Path::new("x.xml"), &bytes) {
            prop_assert!(check_sections(&letter).is_ok(), "{:?}", check_sections(&letter));
        }
    }

    #[test]
    fn xml_like_text_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<al>".to_string()), Just("</al>".to_string()), Just("<kop>".to_string()),
            Just("</kop>".to_string()), Just("<spreker>".to_string()), Just("</spreker>".to_string()),
            Just("<sup>".to_string()), Just("</sup>".to_string()), Just("<titel>".to_string()),
            Just("</titel>".to_string()), Just("<nr>".to_string()), Just("</nr>".to_string()),
            Just("&amp;".to_string()), Just("<meta name=\"DC.date\" content=\"2018-04-05\"/>".to_string()),
            "[a-zé ,.():-]{0,10}",
        ],
        0..30,
    )) {
        let text = format!("<officiele-publicatie>{}</officiele-publicatie>", parts.concat());
        if let Ok(letter) = xml(&text) {
            prop_assert!(check_sections(&letter).is_ok(), "{:?}", check_sections(&letter));
        }
    }
}
