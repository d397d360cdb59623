//! PDF letters: the five bundled letters typeset as their originals are
//! (`tests/data/pdf/*.pdf`, made by `scripts/make-test-pdfs`) read to the same metadata,
//! sections, citations and search results as their text versions; and every kind of bad
//! PDF reported and skipped, none stopping a run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kamerzoek::Letter;

use crate::util::{corpus, kamerzoek, path_str, Indexed};

fn pdfs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Each bundled letter's id, read from its text and from its PDF.
fn pairs() -> Vec<(String, Letter, Letter)> {
    let mut ids: Vec<String> =
        std::fs::read_dir(corpus()).expect("corpus").map(|e| e.expect("entry").path().file_stem().expect("stem").to_string_lossy().into_owned()).collect();
    ids.sort();
    ids.into_iter()
        .map(|id| {
            let text = kamerzoek::ingest::read_letter(&corpus().join(format!("{id}.txt"))).expect("text letter");
            let pdf = kamerzoek::ingest::read_letter(&pdfs().join(format!("{id}.pdf"))).unwrap_or_else(|e| panic!("{id}.pdf: {e}"));
            (id, text, pdf)
        })
        .collect()
}

/// Where a PDF says more than its text version, deliberately: (letter, field, text
/// version's value, PDF's value, why).
const DIFFERENCES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "002",
        "kamerstuk",
        "",
        "kst-33763-96",
        "the PDF prints its running footer (`Tweede Kamer, vergaderjaar 2015–2016, 33 763, nr. 96`); the text version was extracted without it",
    ),
    ("003", "kamerstuk", "", "kst-31490-289", "the same: the PDF's footer names the Kamerstuk"),
];

fn metadata(letter: &Letter) -> Vec<(&'static str, String)> {
    let m = &letter.meta;
    vec![
        ("title", letter.title.clone()),
        ("subject", m.subject.clone().unwrap_or_default()),
        ("date", m.date.map(|d| d.to_string()).unwrap_or_default()),
        ("sender", m.sender.clone().unwrap_or_default()),
        ("signer", m.signer.clone().unwrap_or_default()),
        ("reference", m.reference.clone().unwrap_or_default()),
        ("number", m.number.clone().unwrap_or_default()),
        ("kamerstuk", m.kamerstuk.clone().unwrap_or_default()),
    ]
}

#[test]
fn each_pdf_reads_to_the_metadata_of_its_text_version() {
    let mut differing = Vec::new();
    for (id, text, pdf) in pairs() {
        for ((field, want), (_, got)) in metadata(&text).into_iter().zip(metadata(&pdf)) {
            if want != got && !DIFFERENCES.iter().any(|d| id.starts_with(d.0) && d.1 == field && d.2 == want && d.3 == got) {
                differing.push(format!("{id} {field}: text {want:?}, PDF {got:?}"));
            }
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn each_pdf_reads_to_the_sections_of_its_text_version() {
    let mut differing = Vec::new();
    for (id, text, pdf) in pairs() {
        let headings = |l: &Letter| l.sections.iter().map(|s| s.heading.clone()).collect::<Vec<_>>();
        if headings(&text) != headings(&pdf) {
            differing.push(format!("{id}:\n  text {:?}\n  PDF  {:?}", headings(&text), headings(&pdf)));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

#[test]
fn each_pdf_cites_what_its_text_version_cites() {
    let mut differing = Vec::new();
    for (id, text, pdf) in pairs() {
        let keys = |l: &Letter| kamerzoek::extract_citations(&l.body).into_iter().map(|c| c.key).collect::<BTreeSet<_>>();
        let (want, got) = (keys(&text), keys(&pdf));
        if want != got {
            differing.push(format!(
                "{id}: only in text {:?}, only in PDF {:?}",
                want.difference(&got).collect::<Vec<_>>(),
                got.difference(&want).collect::<Vec<_>>()
            ));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

/// Ten queries a user asks of these letters, in the query language and as plain words.
const QUERIES: &[&str] = &[
    "remotie",
    "re-integratie",
    "personeelsbeleid",
    "thuiswerkvergoeding",
    "\"sociale partners\"",
    "cites:kst-33763-38",
    "subject:remotie",
    "hybride werken",
    "opkomstplicht AND Dienmodel",
    "date:[2015 TO 2016]",
];

#[test]
fn the_pdfs_give_the_search_results_of_their_text_versions() {
    let pdf_files: Vec<PathBuf> =
        std::fs::read_dir(pdfs()).expect("pdfs").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect();
    assert_eq!(pdf_files.len(), 5);
    let text_index = Indexed::corpus();
    let pdf_index = Indexed::of(&pdf_files.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    let listed = String::from_utf8_lossy(&pdf_index.run("list", &[]).stdout).into_owned();
    assert!(listed.ends_with("5 letters\n"), "{listed}");
    for query in QUERIES {
        let (want, got) = (text_index.letters(&["--limit", "5", query]), pdf_index.letters(&["--limit", "5", query]));
        assert!(!want.is_empty(), "{query}: the text versions find nothing");
        assert_eq!(want, got, "{query}");
    }
}

/// A PDF of the given object bodies (numbered from 1), with a correct cross-reference
/// table, as `scripts/make-test-pdfs` writes them.
fn write_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

/// A letter of 1,000 pages, each page headed `Artikel N` over 45 lines of text.
fn thousand_pages() -> Vec<u8> {
    let words: Vec<&str> = "De militair heeft recht op een vergoeding van de kosten van verhuizing indien hij wordt overgeplaatst naar een andere standplaats."
        .split(' ')
        .collect();
    let font = 3 + 2 * 1000;
    let kids: Vec<String> = (0..1000).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(), format!("<< /Type /Pages /Kids [{}] /Count 1000 >>", kids.join(" ")).into_bytes()];
    for page in 0..1000 {
        let mut content = format!("BT /F1 10 Tf 72 770 Td (Artikel {}) Tj 0 -20 Td", page + 1);
        for row in 0..45 {
            let line: Vec<&str> = (0..12).map(|k| words[(page + row + k) % words.len()]).collect();
            content += &format!(" ({}) Tj 0 -15 Td", line.join(" "));
        }
        content += " ET";
        objects.push(
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {} 0 R >>", 4 + 2 * page)
                .into_bytes(),
        );
        objects.push(stream(content.as_bytes()));
    }
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>".to_vec());
    write_pdf(&objects)
}

/// A page whose resources are a dictionary nested 2,000,000 deep: a recursive reader
/// overflows any thread's stack on it, which aborts the process.
fn nested_bomb() -> Vec<u8> {
    let depth = 2_000_000;
    let mut page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ".to_vec();
    page.extend("<< /A ".repeat(depth).as_bytes());
    page.extend(b"1");
    page.extend(" >>".repeat(depth).as_bytes());
    page.extend(b" /Contents 4 0 R >>");
    write_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        page,
        stream(b"BT /F1 12 Tf 72 720 Td (Geachte voorzitter) Tj ET"),
    ])
}

/// Every bad file, what kamerzoek says of it: each is skipped with its reason and the
/// run goes on to index the good ones.
const BAD: &[(&str, &str)] = &[
    ("empty.pdf", "empty file (0 bytes), not a PDF"),
    ("encrypted-password.pdf", "encrypted with a password to open it"),
    ("nested-bomb.pdf", "objects nested more than 256 deep (a PDF bomb?); not read"),
    ("not-a-pdf.pdf", "not a PDF (no `%PDF-` header in its first 1,024 bytes)"),
    ("page-tree-loop.pdf", "cannot read this PDF (Invalid PDF: Page index 1 not found by scanning)"),
    ("scanned.pdf", "no text layer: 1 page and 0 letters or digits of text, a scan? Run OCR on it"),
    ("truncated.pdf", "cut short: no `%%EOF` at its end and no text could be read"),
];

#[test]
fn every_bad_pdf_is_reported_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tmp.path().join("brieven");
    std::fs::create_dir(&folder).expect("dir");
    for entry in std::fs::read_dir(pdfs().join("bad")).expect("bad files") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, folder.join(path.file_name().expect("name"))).expect("copied");
    }
    std::fs::write(folder.join("nested-bomb.pdf"), nested_bomb()).expect("written");
    std::fs::write(folder.join("thousand-pages.pdf"), thousand_pages()).expect("written");
    std::fs::copy(pdfs().join("000_7103214013612ba8.pdf"), folder.join("000_7103214013612ba8.pdf")).expect("copied");
    let index = tmp.path().join("index");
    let out = kamerzoek(&["index", "--index", path_str(&index), path_str(&folder)]);
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    for (file, reason) in BAD {
        let line =
            said.lines().find(|l| l.starts_with("skipped: ") && l.contains(&format!("/{file}: "))).unwrap_or_else(|| panic!("{file} not reported:\n{said}"));
        assert!(line.contains(reason), "{file}: {line}");
    }
    assert!(!said.contains("panicked"), "{said}");
    // The good ones: the letter, the 1,000 pages, and the PDF that is encrypted with
    // only an owner's password (readable by anyone, as many government PDFs are).
    assert!(said.contains("indexed 3 letters"), "{said}");
    assert!(said.contains("skipped 7 inputs (listed above: 2 not a letter, 1 no text layer, 1 password needed, 3 damaged)"), "{said}");
    let listed = String::from_utf8_lossy(&kamerzoek(&["list", "--index", path_str(&index)]).stdout).into_owned();
    for id in ["000_7103214013612ba8", "encrypted-owner-only", "thousand-pages"] {
        assert!(listed.contains(id), "{id} not indexed:\n{listed}");
    }
    let hits = |query: &str| {
        let out = kamerzoek(&["search", "--index", path_str(&index), "--json", query]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["letter"].as_str().expect("id").to_string())
            .collect::<Vec<_>>()
    };
    // The last page of the 1,000 was read, and the owner-encrypted letter's text.
    assert_eq!(hits("\"Artikel 1000\""), ["thousand-pages"]);
    assert_eq!(hits("\"re-integratiebeleid\" cites:kst-33763-38"), ["encrypted-owner-only"]);
}

#[test]
fn a_pdf_named_as_a_text_file_is_read_as_a_pdf() {
    let tmp = tempfile::tempdir().expect("tmp");
    let named = tmp.path().join("brief.txt");
    std::fs::copy(pdfs().join("002_e57fd0cb040071f5.pdf"), &named).expect("copied");
    let letter = kamerzoek::ingest::read_letter(&named).expect("read");
    assert_eq!(letter.meta.kamerstuk.as_deref(), Some("kst-33763-96"));
}

/// Words of a PDF's text that differ from its text version's, and why: (letter, only in
/// the text version, only in the PDF).
const WORD_DIFFERENCES: &[(&str, &[&str], &[&str])] = &[
    // groff sets typographic quotes where the text version has straight ones.
    ("001", &["'waslijst'"], &["’waslijst’"]),
    // A word with a hyphen of its own broken at that hyphen: pdf_oxide joins every
    // `lower-` + line break + `lower` and drops the hyphen (search finds both forms).
    ("002", &["re-integratieproces"], &["reintegratieproces"]),
    ("004", &["woon-werkverkeer"], &["woonwerkverkeer"]),
    // Broken after `I-`: the capital keeps the line break, so the two halves are words.
    ("003", &["i-agenda"], &["agenda", "i-"]),
];

fn words(text: &str) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for word in text.to_lowercase().split(|c: char| !(c.is_alphanumeric() || "’'-".contains(c))).filter(|w| !w.is_empty()) {
        *counts.entry(word.to_string()).or_default() += 1;
    }
    counts
}

#[test]
fn each_pdf_holds_the_words_of_its_text_version_but_the_listed_few() {
    for (id, text, pdf) in pairs() {
        let (want, got) = (words(&text.body), words(&pdf.body));
        let only = |a: &std::collections::BTreeMap<String, usize>, b: &std::collections::BTreeMap<String, usize>| {
            a.iter().filter(|(w, n)| b.get(*w).unwrap_or(&0) < n).map(|(w, _)| w.clone()).collect::<Vec<_>>()
        };
        let listed = WORD_DIFFERENCES.iter().find(|d| id.starts_with(d.0)).map_or((&[][..], &[][..]), |d| (d.1, d.2));
        assert_eq!(only(&want, &got), listed.0, "{id}: words only in the text version");
        assert_eq!(only(&got, &want), listed.1, "{id}: words only in the PDF");
    }
}
