//! PDF letters: the text layer of a PDF, read with `pdf_oxide`, made into the text that
//! [`crate::parse::parse_text`] repairs and parses.
//!
//! - Each page's text is read in reading order (columns one after the other); pages
//!   are joined with form feeds, as `pdftotext` writes them, so the parser's page
//!   furniture rules apply.
//! - Lines a PDF repeats at the top or foot of its pages (a running header such as a
//!   Defensie letter's right-hand column on later pages, a running footer) are taken
//!   out here, where the pages are still apart; the first page keeps its own, which
//!   the parser reads as metadata (`Datum`, `Onze referentie`, the Kamerstuk footer).
//! - A PDF without a text layer (a scan), one that needs a password, one that is
//!   damaged, and one the reader fails on (a panic) or takes too long over are each
//!   an error that says so; reading runs on a thread of its own with a time bound, so
//!   no PDF stops an indexing run. A reader thread that is past its time is left to
//!   finish on its own (a thread cannot be stopped); its result is dropped.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::{pdf_guard, SkipKind, SourceError, PDF_THREAD_NAME};
use crate::parse::{self, Letter};

/// The longest kamerzoek waits for one PDF's text. The 1,000-page test file takes
/// about a second.
pub const PDF_TIME_LIMIT: Duration = Duration::from_secs(60);

/// The reader's thread stack: it recurses into nested objects, which `pdf_guard` bounds.
const READER_STACK: usize = 64 << 20;

/// Below this many letters or digits per page on average, a PDF has no text layer
/// worth the name (a scan, or images of text with a page number).
const MIN_TEXT_PER_PAGE: usize = 20;

/// Reads the letter in the PDF `bytes` of the file at `path`; its id is the file stem.
pub(crate) fn read_pdf(path: &Path, bytes: Vec<u8>) -> Result<Letter, SourceError> {
    read_pdf_within(path, bytes, PDF_TIME_LIMIT)
}

fn read_pdf_within(path: &Path, bytes: Vec<u8>, limit: Duration) -> Result<Letter, SourceError> {
    let fail = |kind, message: String| SourceError::file(path, kind, message);
    if bytes.is_empty() {
        return Err(fail(SkipKind::NotALetter, "empty file (0 bytes), not a PDF".into()));
    }
    // The header may follow some junk, as readers allow, but not much.
    if !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(fail(SkipKind::NotALetter, "not a PDF (no `%PDF-` header in its first 1,024 bytes)".into()));
    }
    if let Some(why) = pdf_guard::refuse(&bytes) {
        return Err(fail(SkipKind::Damaged, why));
    }
    // A file cut short loses its last line, `%%EOF`; readers rebuild what they can.
    let cut_short = !bytes[bytes.len().saturating_sub(1024)..].windows(5).any(|w| w == b"%%EOF");
    let pages = pages_within(bytes, limit).map_err(|(kind, message)| fail(kind, message))?;
    let text_chars: usize = pages.iter().map(|p| p.chars().filter(|c| c.is_alphanumeric()).count()).sum();
    if cut_short && text_chars == 0 {
        return Err(fail(SkipKind::Damaged, "cut short: no `%%EOF` at its end and no text could be read from what is there; download it again".into()));
    }
    if text_chars < MIN_TEXT_PER_PAGE * pages.len().max(1) {
        let pages = pages.len();
        let plural = if pages == 1 { "" } else { "s" };
        let why = format!("no text layer: {pages} page{plural} and {text_chars} letters or digits of text, a scan? Run OCR on it (e.g. `ocrmypdf FILE.pdf OUT.pdf`) and index the result");
        return Err(fail(SkipKind::NoText, why));
    }
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("letter").to_string();
    let mut letter = parse::parse_text(&id, &text_of_pages(&pages));
    if cut_short {
        letter.warnings.push(format!("the PDF seems cut short (no `%%EOF` at its end): indexed the text of the {} pages that could be read", pages.len()));
    }
    Ok(letter)
}

/// Each page's text, read on a thread of its own within `limit`.
fn pages_within(bytes: Vec<u8>, limit: Duration) -> Result<Vec<String>, (SkipKind, String)> {
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new().name(PDF_THREAD_NAME.into()).stack_size(READER_STACK).spawn(move || {
        let result = std::panic::catch_unwind(move || read_pages(bytes));
        let _ = tx.send(result);
    });
    if let Err(e) = spawned {
        return Err((SkipKind::Unreadable, format!("cannot start a thread to read it: {e}")));
    }
    match rx.recv_timeout(limit) {
        Ok(Ok(pages)) => pages,
        Ok(Err(panic)) => {
            let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default();
            Err((
                SkipKind::Damaged,
                format!("the PDF reader failed on this file ({what}); it may be damaged: open and save it again, or extract its text with `pdftotext -layout`"),
            ))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err((
            SkipKind::Damaged,
            format!("reading its text took longer than {} s and was given up; extract its text with `pdftotext -layout` and index the .txt", limit.as_secs()),
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err((SkipKind::Damaged, "the PDF reader stopped without a result".into())),
    }
}

/// The text of every page, or why there is none.
fn read_pages(bytes: Vec<u8>) -> Result<Vec<String>, (SkipKind, String)> {
    let damaged = |e: pdf_oxide::Error| (SkipKind::Damaged, format!("cannot read this PDF ({e}); it may be damaged or cut short: download it again"));
    let document = pdf_oxide::PdfDocument::from_bytes(bytes).map_err(damaged)?;
    if document.is_encrypted() && !document.authenticate(b"").unwrap_or(false) {
        return Err((
            SkipKind::Encrypted,
            "encrypted with a password to open it; kamerzoek has no password to give: decrypt it first (`qpdf --password=PASSWORD --decrypt FILE.pdf OUT.pdf`)"
                .into(),
        ));
    }
    let count = document.page_count().map_err(damaged)?;
    let mut pages = Vec::with_capacity(count);
    let mut first_column: Vec<String> = Vec::new();
    for page in 0..count {
        // A letter with a letterhead column has it on its first page (and its running
        // header from the second): past those, a document without one is read page by
        // page whole, which saves reading every page twice (1,000 pages: 1.45 s -> 0.8 s).
        if page >= 2 && first_column.is_empty() {
            pages.push(document.extract_text(page).map_err(damaged)?);
            continue;
        }
        // Words, not lines: a line of the body and one of the column beside it at the
        // same height are one line to the extractor.
        let words = document.extract_words(page).map_err(damaged)?;
        let extents: Vec<Extent> = words
            .iter()
            .map(|w| Extent {
                left: w.bbox.left(),
                right: w.bbox.right(),
                low: w.bbox.top().min(w.bbox.bottom()),
                high: w.bbox.top().max(w.bbox.bottom()),
                chars: w.text.chars().count(),
            })
            .collect();
        let Some(gutter) = side_column(&extents) else {
            pages.push(document.extract_text(page).map_err(damaged)?);
            continue;
        };
        // Each side whole, top to bottom (far past any page's size).
        let region = |from: f32, to: f32| pdf_oxide::geometry::Rect::new(from, -100_000.0, to - from, 200_000.0);
        let mode = pdf_oxide::layout::RectFilterMode::MinOverlap(0.5);
        let column = document.extract_text_in_rect(page, region(gutter, 100_000.0), mode).map_err(damaged)?;
        let role = column_role(&column, &mut first_column);
        let text = if beside(&extents, gutter) {
            // Beside the text the reader would interleave the two, line by line.
            let body = document.extract_text_in_rect(page, region(-100_000.0, gutter), mode).map_err(damaged)?;
            match role {
                Role::Letterhead => format!("{column}\n\n{body}"),
                Role::Running => body,
                Role::Other => format!("{body}\n\n{column}"),
            }
        } else {
            // Above or below the text the column does not interleave with it, and the
            // page read whole keeps kerned words together (read apart, `de V` and
            // `oorzitter` came out on different lines).
            let whole = document.extract_text(page).map_err(damaged)?;
            match role {
                Role::Running => without_lines(&whole, &column),
                _ => whole,
            }
        };
        pages.push(text);
    }
    Ok(pages)
}

/// A word's place and length.
#[derive(Debug, Clone, Copy)]
struct Extent {
    left: f32,
    right: f32,
    low: f32,
    high: f32,
    chars: usize,
}

/// The x where a side column starts: the letterhead column of a Defensie letter, beside
/// the body. A gutter no word crosses, with words on both sides, and on its right a
/// narrow column holding little of the page's text (two columns of running text are
/// read in order by the extractor itself).
fn side_column(words: &[Extent]) -> Option<f32> {
    let total: usize = words.iter().map(|e| e.chars).sum();
    let page_left = words.iter().map(|e| e.left).fold(f32::MAX, f32::min);
    let page_right = words.iter().map(|e| e.right).fold(f32::MIN, f32::max);
    let width = page_right - page_left;
    if words.len() < 8 || width <= 0.0 {
        return None;
    }
    let mut starts: Vec<f32> = words.iter().map(|e| e.left).filter(|&x| x > page_left + width * 0.4).collect();
    starts.sort_by(f32::total_cmp);
    starts.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    for gutter in starts {
        let crossing = words.iter().any(|e| e.left < gutter - 1.0 && e.right > gutter - 1.0);
        if crossing {
            continue;
        }
        let right: Vec<&Extent> = words.iter().filter(|e| e.left >= gutter - 1.0).collect();
        let chars: usize = right.iter().map(|e| e.chars).sum();
        let column_width = page_right - gutter;
        if right.len() >= 2 && right.len() < words.len() && chars * 3 < total && column_width < width * 0.35 {
            return Some(gutter - 1.0);
        }
        return None;
    }
    None
}

/// What a page's side column is to the letter.
enum Role {
    /// The first page's: the letterhead (ministry, address, `Onze referentie`), which
    /// goes before the body, as a text version has it, for the parser to read.
    Letterhead,
    /// A later page's that only repeats the letterhead's lines, a date or the page
    /// number: a running header, dropped.
    Running,
    /// Any other, kept after the body.
    Other,
}

fn column_role(column: &str, first: &mut Vec<String>) -> Role {
    let lines: Vec<String> = column.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    if first.is_empty() {
        *first = lines;
        return Role::Letterhead;
    }
    let repeated = |line: &String| {
        first.contains(line)
            || RUNNING.iter().any(|label| line.starts_with(label))
            || crate::parse::dates::first(line).is_some()
            || line.split_whitespace().all(|w| w.chars().any(|c| c.is_ascii_digit()) || w.contains('-'))
    };
    if lines.iter().all(repeated) {
        Role::Running
    } else {
        Role::Other
    }
}

/// Whether the side column stands beside the text (their heights overlap) rather than
/// above or below it.
fn beside(words: &[Extent], gutter: f32) -> bool {
    let span = |side: &mut dyn Iterator<Item = &Extent>| side.fold((f32::MAX, f32::MIN), |(lo, hi), e| (lo.min(e.low), hi.max(e.high)));
    let (left_low, left_high) = span(&mut words.iter().filter(|e| e.right <= gutter));
    let (right_low, right_high) = span(&mut words.iter().filter(|e| e.left >= gutter));
    left_low.max(right_low) < left_high.min(right_high)
}

/// `text` without the lines of `column`.
fn without_lines(text: &str, column: &str) -> String {
    let drop: Vec<&str> = column.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    text.lines().filter(|l| !drop.contains(&l.trim())).map(|l| format!("{l}\n")).collect()
}

/// The labels of a letter's running header column on later pages.
const RUNNING: &[&str] = &["Datum", "Onze referentie", "Ons kenmerk", "Pagina", "Kenmerk", "Referentie"];

/// The pages as one text, separated by form feeds as `pdftotext` writes them, with the
/// running headers and footers of the later pages taken out.
fn text_of_pages(pages: &[String]) -> String {
    let running = running_lines(pages);
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            out.push('\u{c}');
        }
        if n == 0 || running.is_empty() {
            out.push_str(page);
            continue;
        }
        let lines: Vec<&str> = page.lines().collect();
        let edges = edge_lines(&lines);
        for (i, line) in lines.iter().enumerate() {
            if !(edges.contains(&i) && running.contains(&shape(line))) {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// How many lines at the top and at the foot of a page count as its edges.
const EDGE: usize = 3;

/// The indexes of a page's first and last [`EDGE`] non-blank lines.
fn edge_lines(lines: &[&str]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let mut edges: Vec<usize> = filled.iter().take(EDGE).chain(filled.iter().rev().take(EDGE)).copied().collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// A line with its digits made alike, so `Pagina 2 van 7` and `Pagina 3 van 7` are one
/// running line.
fn shape(line: &str) -> String {
    line.trim().chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// Lines at the edges of at least half the pages (and of three pages or more): running
/// headers and footers. The first page keeps its own, which may be read as metadata
/// (the Kamerstuk footer).
fn running_lines(pages: &[String]) -> std::collections::HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in pages {
        let lines: Vec<&str> = page.lines().collect();
        let mut seen: Vec<String> = edge_lines(&lines).into_iter().map(|i| shape(lines[i])).collect();
        seen.sort_unstable();
        seen.dedup();
        for line in seen {
            *counts.entry(line).or_default() += 1;
        }
    }
    counts.into_iter().filter(|&(ref line, n)| n >= 3 && n * 2 >= pages.len() && line.chars().any(char::is_alphanumeric)).map(|(line, _)| line).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> (std::path::PathBuf, Vec<u8>) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf").join(name);
        let bytes = std::fs::read(&path).expect("fixture");
        (path, bytes)
    }

    #[test]
    fn running_headers_and_footers_of_later_pages_are_taken_out() {
        // A header on every page (`Kamerstuk 33 763, nr. 96`), a footer with the page number.
        let page = |n: usize, text: &str| format!("Kamerstuk 33 763, nr. 96\n{text}\nVertrouwelijk - pagina {n} van 3\n");
        let pages = vec![page(1, "Geachte voorzitter,\nHierbij informeer ik u."), page(2, "Het beleid wordt herzien."), page(3, "Hoogachtend,")];
        let text = text_of_pages(&pages);
        assert_eq!(text.matches("Kamerstuk 33 763, nr. 96").count(), 1, "{text}");
        assert_eq!(text.matches("Vertrouwelijk").count(), 1, "{text}");
        assert!(text.contains("Het beleid wordt herzien.") && text.contains("Hoogachtend,"), "{text}");
        // Two pages are too few to tell a running line from a repeated one.
        assert_eq!(text_of_pages(&pages[..2]).matches("Kamerstuk 33 763").count(), 2);
        // A line that is only sometimes at an edge is text.
        let pages = vec!["Inleiding\nDe Kamer.\n".to_string(), "a\nb\nc\nDe Kamer.\nd\ne\nf\n".into(), "Slot\nDe Kamer.\n".into(), "x\n".into()];
        assert_eq!(text_of_pages(&pages).matches("De Kamer.").count(), 3);
    }

    #[test]
    fn a_pdf_that_takes_too_long_is_given_up() {
        let (path, bytes) = fixture("001_7caab24e6105f95a.pdf");
        let error = read_pdf_within(&path, bytes, Duration::ZERO).expect_err("no time at all");
        assert!(error.message.starts_with("reading its text took longer than 0 s and was given up"), "{error}");
    }

    #[test]
    fn the_letterhead_column_is_found_beside_the_body_and_not_in_two_columns_of_text() {
        let words = |spans: &[(f32, f32)]| {
            spans
                .iter()
                .enumerate()
                .map(|(i, &(left, right))| Extent { left, right, low: i as f32 * 10.0, high: i as f32 * 10.0 + 9.0, chars: ((right - left) / 5.0) as usize })
                .collect::<Vec<_>>()
        };
        // Letter 000's second page: body from 71 to 383 pt, the column at 411.
        let mut page: Vec<(f32, f32)> = (0..10).flat_map(|_| [(70.9, 200.0), (205.0, 382.7)]).collect();
        page.extend([(411.0, 430.1), (411.0, 448.4), (411.0, 454.4), (411.0, 453.4), (411.0, 435.2)]);
        assert_eq!(side_column(&words(&page)), Some(410.0));
        // Its column stands beside the body (their heights overlap) ...
        let mut spread = words(&page);
        for (row, word) in spread.iter_mut().filter(|w| w.left > 410.0).enumerate() {
            (word.low, word.high) = (row as f32 * 10.0, row as f32 * 10.0 + 9.0);
        }
        assert!(beside(&spread, 410.0));
        // ... and the first page's above it.
        for word in spread.iter_mut().filter(|w| w.left > 410.0) {
            word.low += 1_000.0;
            word.high += 1_000.0;
        }
        assert!(!beside(&spread, 410.0));
        // Letter 004: two columns of running text.
        let two: Vec<(f32, f32)> = (0..20).flat_map(|_| [(70.9, 290.0), (305.0, 524.0)]).collect();
        assert_eq!(side_column(&words(&two)), None);
        // One column.
        let one: Vec<(f32, f32)> = (0..20).flat_map(|_| [(70.9, 300.0), (302.0, 524.0)]).collect();
        assert_eq!(side_column(&words(&one)), None);
    }
}
