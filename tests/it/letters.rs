//! Letter parsing on the five seed letters in `corpus/`: metadata, headings, repaired text,
//! and properties that hold for any input (no panic, valid section offsets, no lost letters).

use std::fs;
use std::path::Path;

use kamerzoek::{parse_text, Letter};

/// The heading under which a letter's footnotes are gathered at the end of its body.
const FOOTNOTES_HEADING: &str = "Voetnoten";
use proptest::prelude::*;
use time::macros::date;
use time::Date;

fn seed(prefix: &str) -> Letter {
    let path = fs::read_dir("corpus")
        .expect("corpus/ exists")
        .map(|e| e.expect("readable dir entry").path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no seed {prefix} in corpus/"));
    let raw = fs::read_to_string(&path).expect("seed is UTF-8");
    let id = path.file_stem().and_then(|s| s.to_str()).expect("file stem");
    parse_text(id, &raw)
}

fn headings(letter: &Letter) -> Vec<&str> {
    letter.sections.iter().filter_map(|s| s.heading.as_deref()).collect()
}

/// The fields a user sees, in one comparable value.
#[derive(Debug, PartialEq)]
struct Meta<'a> {
    title: &'a str,
    subject: Option<&'a str>,
    date: Option<Date>,
    date_inferred: bool,
    sender: Option<&'a str>,
    signer: Option<&'a str>,
    reference: Option<&'a str>,
    number: Option<&'a str>,
    kamerstuk: Option<&'a str>,
    warnings: Vec<&'a str>,
}

fn meta(l: &Letter) -> Meta<'_> {
    Meta {
        title: &l.title,
        subject: l.meta.subject.as_deref(),
        date: l.meta.date,
        date_inferred: l.meta.date_inferred,
        sender: l.meta.sender.as_deref(),
        signer: l.meta.signer.as_deref(),
        reference: l.meta.reference.as_deref(),
        number: l.meta.number.as_deref(),
        kamerstuk: l.meta.kamerstuk.as_deref(),
        warnings: l.warnings.iter().map(String::as_str).collect(),
    }
}

#[test]
fn letterhead_000() {
    let l = seed("000_");
    assert_eq!(l.id, "000_7103214013612ba8");
    assert_eq!(
        meta(&l),
        Meta {
            title: "Remotie Defensie",
            subject: Some("Remotie Defensie"),
            date: Some(date!(2026 - 04 - 13)),
            date_inferred: false,
            sender: Some("Staatssecretaris van Defensie"),
            signer: Some("Derk Boswijk"),
            reference: Some("D2025-003249 / MINDEF20260021334"),
            number: None,
            kamerstuk: None,
            warnings: vec![],
        }
    );
    assert_eq!(headings(&l), Vec::<&str>::new());
    // Markdown markup is gone, the words stay.
    assert!(!l.body.contains('*') && !l.body.contains("](http"));
    assert!(l.body.starts_with("Ministerie van Defensie\n"));
    assert!(l.body.contains("\nGrafiek 1: aantal medewerkers per salarisschaal dat gebruik heeft gemaakt van remotie.\n"));
}

#[test]
fn no_header_001() {
    let l = seed("001_");
    assert_eq!(
        meta(&l),
        Meta {
            // The text says the motion of 2 juli 2026 was adopted (`op 2 juli jl.`), so that
            // is the latest date it looks back on; `per 1 september 2026` lies ahead.
            title: "Brief van de Staatssecretaris van Defensie, 2 juli 2026",
            subject: None,
            date: Some(date!(2026 - 07 - 02)),
            date_inferred: true,
            sender: Some("Staatssecretaris van Defensie"),
            signer: Some("Derk Boswijk"),
            reference: None,
            number: None,
            kamerstuk: None,
            warnings: vec!["no date stated; inferred 2026-07-02 from the text"],
        }
    );
    assert_eq!(
        headings(&l),
        [
            "Verhouding met sociale partners",
            "Uitwerking Dienmodel",
            "Faseovergang Dienmodel",
            "Aanpassing wetgeving",
            "Sanctiemechanisme",
            "Vrouw & Defensie",
            "Streefcijfer Vrouwen",
            "Rechtspositie van reservisten",
            "Fysieke en mentale geschiktheid",
            "Inzet oud-militairen",
            "Externe opleidingscapaciteit",
            "Alcohol- en drugspreventie",
            "Spoedeisende hulp (SEH-) artsen",
        ]
    );
    assert_eq!(l.sections[0].heading, None);
    assert!(l.body[l.sections[0].start..l.sections[0].end].starts_with("Geachte voorzitter,\nMet deze brief"));
    // One paragraph per line: list items keep their lines.
    assert!(l.body.contains(
        "treden op de escalatieladder:\n\n· de enquête vrijwillig invullen en vrijwillig reageren op een uitnodiging tot gesprek;\n· de enquête verplicht"
    ));
}

#[test]
fn kamerstuk_letter_002() {
    let l = seed("002_");
    assert_eq!(
        meta(&l),
        Meta {
            title: "Brief van de Minister van Defensie, 14 december 2015",
            subject: None,
            date: Some(date!(2015 - 12 - 14)),
            date_inferred: false,
            sender: Some("Minister van Defensie"),
            signer: Some("J.A. Hennis-Plasschaert"),
            reference: None,
            number: Some("96"),
            kamerstuk: None,
            warnings: vec![],
        }
    );
    assert_eq!(headings(&l), Vec::<&str>::new());
    assert!(l.body.ends_with("\n\nDe Minister van Defensie,\nJ.A. Hennis-Plasschaert"));
}

#[test]
fn kamerstuk_letter_003() {
    let l = seed("003_");
    assert_eq!(
        meta(&l),
        Meta {
            title: "Brief van de Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, 4 december 2020",
            subject: None,
            date: Some(date!(2020 - 12 - 04)),
            date_inferred: false,
            sender: Some("Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties"),
            signer: Some("R.W. Knops"),
            reference: None,
            number: Some("289"),
            kamerstuk: None,
            warnings: vec![],
        }
    );
    assert_eq!(headings(&l), ["1. Urgentie", "2. Opgave", "3. Onderbouwing van te maken keuzes", "4. Vervolg", FOOTNOTES_HEADING]);
    assert!(l.body.starts_with("Nr. 289 BRIEF VAN DE STAATSSECRETARIS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES\n\n"));
    assert!(l.body.ends_with("\n\nVoetnoten\n1 Kamerstuk 31 490, nr. 243\n2 Kamerstukken 26 643 en 31 490, nr. 683"));
}

#[test]
fn year_report_004() {
    let l = seed("004_");
    assert_eq!(
        meta(&l),
        Meta {
            title: "Nationaal en civiel-militaire samenwerking",
            subject: None,
            date: None,
            date_inferred: false,
            sender: None,
            signer: None,
            reference: None,
            number: None,
            kamerstuk: Some("kst-36360-X-1"),
            warnings: vec!["no date found", "no sender found", "no signer found"],
        }
    );
    assert_eq!(headings(&l), ["Nationaal en civiel-militaire samenwerking", "3.2 Een goede werkgever, verbonden met de samenleving", "HR-transitie"]);
    assert!(!l.body.contains("vergaderjaar"), "running footer removed");
    // Paragraphs without blank lines between them: a sentence end without trailing space.
    assert!(l.body.contains("zijn gestart.\nIn het afgelopen jaar"));
}

/// Real lines of the seeds and what the repaired body makes of them.
#[test]
fn repairs_on_seed_lines() {
    for (letter, expected) in [
        // Hyphenation at a line end, joined with the word list.
        ("002_", "rapportages en bevindingen van onder andere de Inspecteur-Generaal der Krijgsmacht"),
        ("002_", "langdurig verzuimende medewerkers die «thuis zouden zitten»"),
        ("002_", "Met verschillende leerinterventies worden in 2016"),
        ("002_", "De verbetermaatregelen zullen in 2016 worden voltooid."),
        ("003_", "het bedrijfsleven is cruciaal"),
        ("003_", "53% vindt zichzelf thuis productiever dan op kantoor."),
        ("003_", "de wijze waarop leidinggevenden sturing geven"),
        ("003_", "de inrichting van de thuiswerkwerkplek en thuiswerkvoorzieningen."),
        // Real hyphens stay, at a line start or inside a line.
        ("002_", "over de IGK-rapportage 2013"),
        ("002_", "aan commandanten en P&O-functionarissen."),
        ("002_", "re-integratieactiviteiten en -termijnen te voldoen."),
        ("002_", "ondersteuning op IT-gebied en de managementinformatie over re-integranten"),
        ("004_", "zijn een thuiswerk- en een internetvergoeding ingevoerd."),
        // Words broken without a hyphen.
        ("004_", "Justitie en Veiligheid, veiligheidsregio’s, bedrijfsleven en politie"),
        ("004_", "in het nationale veiligheidsdomein structureel verstevigd"),
        ("004_", "strategisch talentmanagement en HR analytics zijn op kleine(re) schaal binnen de defensieonderdelen uitgewerkt"),
        // Soft line breaks become spaces.
        ("002_", "al geruime tijd speciale aandacht. In veel gevallen verloopt het re-integratieproces succesvol."),
        ("002_", "(algemeen overleg Personeel van 23 januari 2014 (Kamerstuk 33 763, nr. 38)"),
        // Footnote markers stripped; a page break inside a sentence joined.
        ("003_", "Rijk 2025 en de Strategische I-agenda gaven op de verschillende bedrijfsvoeringdomeinen"),
        ("003_", "– Door verschillen in typen werk en persoonlijke kenmerken en omstandigheden lopen de behoeften"),
        ("003_", "– Personele aspecten, met onderwerpen als leiding geven op afstand, binding van (nieuwe) medewerkers"),
    ] {
        let l = seed(letter);
        assert!(l.body.contains(expected), "{letter}: {expected:?} not in\n{}", l.body);
    }
}

/// A running footer and a page number at a page break are removed wherever they stand, and
/// the sentence they interrupted is joined again.
#[test]
fn footers_removed_and_page_break_joined() {
    let raw = "Defensie is ook structureel betrokken bij het interdepartementale \n\
               programma Versterking Crisisbeheersing en Brandweerzorg en het \n\
               Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1 \n\
               2\n\
               \n\
               programma Versterkte Aanpak Vitaal, waaronder ook de bescherming van \n\
               de infrastructuur op de Noordzee.\n\
               Tweede Kamer, vergaderjaar 2022–2023, 36 360 X, nr. 1\n";
    let l = parse_text("x", raw);
    assert_eq!(l.meta.kamerstuk.as_deref(), Some("kst-36360-X-1"));
    assert_eq!(
        l.body,
        "Defensie is ook structureel betrokken bij het interdepartementale programma Versterking \
         Crisisbeheersing en Brandweerzorg en het programma Versterkte Aanpak Vitaal, waaronder ook de \
         bescherming van de infrastructuur op de Noordzee."
    );
}

#[test]
fn repaired_text_has_no_line_end_hyphens_or_wrapped_lines() {
    for prefix in ["002_", "003_", "004_"] {
        let l = seed(prefix);
        let bad: Vec<&str> = l.body.lines().filter(|line| line.ends_with('-')).collect();
        assert!(bad.is_empty(), "{prefix}: lines ending in a hyphen: {bad:?}");
    }
}

/// Section offsets are valid: in order, contiguous, covering the body from the first
/// section to its end, each starting with its heading line.
fn check_sections(l: &Letter) -> Result<(), String> {
    let mut at = match l.sections.first() {
        Some(first) if first.heading.is_some() && !l.body[..first.start].trim().is_empty() => {
            return Err(format!("text before the first heading at {} has no section", first.start));
        }
        Some(first) => first.start,
        None if l.body.trim().is_empty() => return Ok(()),
        None => return Err("a non-blank body without sections".into()),
    };
    for s in &l.sections {
        if s.start != at || s.end < s.start || s.end > l.body.len() {
            return Err(format!("section {s:?} does not follow at {at}"));
        }
        let text = l.body.get(s.start..s.end).ok_or(format!("{s:?} not on char boundaries"))?;
        if let Some(h) = &s.heading {
            if !text.starts_with(&format!("{h}\n")) && text != h {
                return Err(format!("section {s:?} does not start with its heading"));
            }
        }
        at = s.end;
    }
    if at == l.body.len() {
        Ok(())
    } else {
        Err(format!("sections end at {at}, body at {}", l.body.len()))
    }
}

#[test]
fn seed_sections_are_valid() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let l = seed(prefix);
        check_sections(&l).unwrap_or_else(|e| panic!("{prefix}: {e}"));
    }
}

/// The letters of `text` (alphabetic characters), optionally sorted.
fn letters(text: &str, sorted: bool) -> Vec<char> {
    let mut v: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    if sorted {
        v.sort_unstable();
    }
    v
}

/// Repair keeps every letter: in order, or, when footnotes were moved to the end under
/// their heading, as the same multiset.
fn check_letters_kept(raw: &str, l: &Letter) -> Result<(), String> {
    let marker = format!("\n{FOOTNOTES_HEADING}\n");
    let moved = l.body.contains(&marker) || l.body.starts_with(&marker[1..]);
    let body = if moved { l.body.replacen(&marker, "\n", 1) } else { l.body.clone() };
    if letters(raw, moved) == letters(&body, moved) {
        Ok(())
    } else {
        Err(format!("letters changed:\n{raw:?}\n{:?}", l.body))
    }
}

fn seed_texts() -> Vec<String> {
    let mut paths: Vec<_> = fs::read_dir(Path::new("corpus"))
        .expect("corpus/ exists")
        .map(|e| e.expect("readable dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| fs::read_to_string(p).expect("seed is UTF-8")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_parses(raw in "(?s)[a-zA-Zéï0-9 ,.:;’'()&·–\\-\n\u{ad}\u{c}]{0,400}") {
        let l = parse_text("x", &raw);
        prop_assert!(check_sections(&l).is_ok(), "{:?}", check_sections(&l));
        prop_assert!(check_letters_kept(&raw, &l).is_ok(), "{:?}", check_letters_kept(&raw, &l));
    }

    #[test]
    fn any_unicode_parses(raw in "\\PC{0,300}") {
        let l = parse_text("x", &raw);
        prop_assert!(check_sections(&l).is_ok(), "{:?}", check_sections(&l));
    }

    #[test]
    fn mutated_seeds_parse(
        which in 0usize..5,
        cuts in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, "[\n a-z\\-]{0,3}"), 1..6),
    ) {
        let texts = seed_texts();
        let mut text = texts[which % texts.len()].clone();
        for (at, len, insert) in cuts {
            let start = at.index(text.len() + 1);
            let start = (0..=start).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let end = (start + len).min(text.len());
            let end = (end..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
        }
        let l = parse_text("x", &text);
        prop_assert!(check_sections(&l).is_ok(), "{:?}", check_sections(&l));
    }
}
