//! What the command line prints: hits, letters and stats as text for people or JSON
//! for programs.

use std::io::{self, Write};
use std::path::Path;

use kamerzoek::{Citation, CitedHit, Commitment, Count, Found, Hit, LetterRecord, MostCited, Scope, SearchOptions, Stats};

const BOLD: &str = "\x1b[1m";
const MATCH: &str = "\x1b[1;33m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// One JSON object per line.
pub fn lines_json<T: serde::Serialize>(out: &mut impl Write, items: &[T]) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// One JSON object per hit and line, each with the number of hits in all (`total`;
/// `total_exact` is false when there are more).
pub fn hits_json(out: &mut impl Write, found: &Found) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        #[serde(flatten)]
        hit: &'a Hit,
        total: usize,
        total_exact: bool,
    }
    for hit in &found.hits {
        serde_json::to_writer(&mut *out, &Line { hit, total: found.total.n, total_exact: found.total.exact })?;
        writeln!(out)?;
    }
    Ok(())
}

/// A numbered list: title, then letter id, date, section and score, then the snippet;
/// then how many match in all and how to see more.
pub fn hits_text(out: &mut impl Write, found: &Found, options: &SearchOptions, color: bool, width: Option<usize>) -> io::Result<()> {
    let what = match options.scope {
        Scope::Letters => ("letter", "letters"),
        Scope::Sections => ("section", "sections"),
    };
    let total = found.total;
    if found.is_empty() {
        let limit = options.limit.max(1);
        match (total.n, total.exact) {
            (0, _) => writeln!(out, "no {} match", what.1)?,
            (n, true) => writeln!(
                out,
                "no {} on this page: {} match{}; the last page starts at --offset {}",
                what.1,
                count(total, what),
                if n == 1 { "es" } else { "" },
                (n - 1) / limit * limit
            )?,
            (_, false) => writeln!(out, "no {} on this page: {} match", what.1, count(total, what))?,
        }
        return Ok(());
    }
    let (bold, dim, reset) = if color { (BOLD, DIM, RESET) } else { ("", "", "") };
    let mut previous = None;
    for hit in found.iter() {
        if previous == Some(Some(true)) && hit.all_words == Some(false) {
            writeln!(out, "    {dim}— below: {} with some of the words —{reset}\n", what.1)?;
        }
        previous = Some(hit.all_words);
        let number = format!("{:>2}. ", hit.rank);
        // A long title is cut to the line (`show` prints it whole).
        let title = width.map_or_else(|| hit.title.clone(), |w| shortened(&hit.title, w.saturating_sub(number.len())));
        writeln!(out, "{number}{bold}{title}{reset}")?;
        let mut line = format!("{} · {}", hit.letter, hit.date.as_deref().unwrap_or("no date"));
        if hit.date_inferred {
            line.push_str(" (inferred)");
        }
        if let Some(section) = hit.section.as_deref().filter(|s| !repeats_title(s, &hit.title)) {
            line.push_str(&format!(" · § {section}"));
        }
        // Sorted by date, no score is computed.
        if options.sort == kamerzoek::Sort::Relevance {
            line.push_str(&format!(" · score {:.2}", hit.score));
        }
        writeln!(out, "{dim}{}{reset}", indented(&line, width))?;
        if !hit.snippet.is_empty() {
            writeln!(out, "{}", indented(&highlighted(&hit.snippet, &hit.highlights, color), width))?;
        }
        writeln!(out)?;
    }
    let first = found[0].rank;
    let last = first + found.len() - 1;
    let mut summary = match (first, last) {
        (1, last) if total.exact && last == total.n => format!("{dim}{}", count(total, what)),
        _ => format!("{dim}{first}–{last} of {}", count(total, what)),
    };
    match found.all_words {
        Some(Count { n: 0, .. }) => summary.push_str("; none holds every word"),
        Some(all) if !all.exact => summary.push_str(&format!("; more than the first {} hold every word", all.n)),
        Some(all) if all != total => summary.push_str(&format!("; the first {} hold every word", all.n)),
        _ => {}
    }
    if let Some(undated) = found.undated.filter(|u| u.n > 0) {
        summary.push_str(&format!("; {}{} without a date, kept (--dated leaves them out)", if undated.exact { "" } else { "more than " }, undated.n));
    }
    if last < total.n || !total.exact {
        summary.push_str(&format!(". Next: --offset {last}"));
    }
    writeln!(out, "{summary}{reset}")?;
    Ok(())
}

/// The count and the noun, singular or plural: `1 letter`, `more than 10000 letters`.
fn count(c: Count, (one, many): (&str, &str)) -> String {
    let noun = if c.n == 1 && c.exact { one } else { many };
    if c.exact {
        format!("{} {noun}", c.n)
    } else {
        format!("more than {} {noun}", c.n)
    }
}

/// Cited papers: key and title, how often and by whom cited, the best citing sentence.
pub fn cited_text(out: &mut impl Write, hits: &[CitedHit], color: bool) -> io::Result<()> {
    if hits.is_empty() {
        writeln!(out, "no cited papers match")?;
        return Ok(());
    }
    let (bold, dim, reset) = if color { (BOLD, DIM, RESET) } else { ("", "", "") };
    for hit in hits {
        let title = hit.title.as_deref().map(|t| format!(" ‘{t}’")).unwrap_or_default();
        writeln!(out, "{:>2}. {bold}{}{reset}{title}", hit.rank, hit.key)?;
        let mut line = format!("cited {}× by {}", hit.count, listed(&hit.cited_by));
        if let Some(l) = &hit.in_index {
            line.push_str(&format!(" · in the index as {l}"));
        }
        if !hit.answered_by.is_empty() {
            line.push_str(&format!(" · answered by {}", listed(&hit.answered_by)));
        }
        writeln!(out, "    {dim}{line} · score {:.2}{reset}", hit.score)?;
        writeln!(out, "    {}: {}", hit.letter, highlighted(&hit.snippet, &hit.highlights, color))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The most cited papers, one per line.
pub fn most_cited_text(out: &mut impl Write, top: &[MostCited], titles: &Titles, width: Option<usize>) -> io::Result<()> {
    for (i, m) in top.iter().enumerate() {
        let title = m.title.as_deref().map(|t| format!(" ‘{t}’")).unwrap_or_default();
        let linked = m.in_index.as_deref().map(|l| format!(" [in the index as {l}]")).unwrap_or_default();
        let letters = exactly(m.cited_by.len(), "letter", "letters");
        writeln!(out, "{:>3}. {}{title}{linked}: {letters}, {}×", i + 1, m.key, m.count)?;
        write!(out, "{}", titled(&m.cited_by, titles, TOP_LISTED, width))?;
    }
    Ok(())
}

/// Toezeggingen and motions: those no letter answers yet, then those answered and by
/// which letters.
pub fn commitments_text(out: &mut impl Write, all: &[Commitment]) -> io::Result<()> {
    if all.is_empty() {
        return writeln!(out, "the letters cite no toezegging or motion");
    }
    let open = all.iter().filter(|c| c.answered_by.is_empty()).count();
    writeln!(out, "{} toezeggingen and motions cited; {open} answered by no letter yet", all.len())?;
    for c in all {
        let title = c.title.as_deref().map(|t| format!(" ‘{t}’")).unwrap_or_default();
        let status = match c.answered_by.is_empty() {
            true => format!("not answered yet; cited by {}", listed(&c.cited_by)),
            false => format!("answered by {}", listed(&c.answered_by)),
        };
        writeln!(out, "  {:<24} {status}{title}", c.key)?;
    }
    Ok(())
}

/// Citing letters a line of text names; a paper in a collection of laws can be cited by
/// thousands (JSON gives them all).
const LISTED: usize = 10;

/// `ids` joined, the first [`LISTED`] of them and how many more.
/// Letter titles by id, for naming letters beside their ids.
pub type Titles = std::collections::HashMap<String, String>;

/// Citing letters named under each of the most cited papers.
const TOP_LISTED: usize = 3;

/// Up to `most` letters, one a line, each with its title (cut to `width`); then how
/// many more.
fn titled(ids: &[String], titles: &Titles, most: usize, width: Option<usize>) -> String {
    let mut lines = String::new();
    for id in ids.iter().take(most) {
        match titles.get(id) {
            Some(t) => {
                let line = format!("      {id} ‘{t}’");
                lines.push_str(&width.map_or(line.clone(), |w| shortened(&line, w)));
                lines.push('\n');
            }
            None => lines.push_str(&format!("      {id}\n")),
        }
    }
    if ids.len() > most {
        lines.push_str(&format!("      and {} more (--json lists them all)\n", ids.len() - most));
    }
    lines
}

fn listed(ids: &[String]) -> String {
    match ids.get(LISTED..) {
        Some(rest) if !rest.is_empty() => format!("{} and {} more (--json lists them all)", ids[..LISTED].join(", "), rest.len()),
        _ => ids.join(", "),
    }
}

/// `show KEY`: a cited paper, the letters citing it and their sentences.
pub fn cited_paper_text(out: &mut impl Write, p: &kamerzoek::CitedPaper) -> io::Result<()> {
    writeln!(out, "{}{}", p.key, p.title.as_deref().map(|t| format!(" ‘{t}’")).unwrap_or_default())?;
    if let Some(l) = &p.in_index {
        writeln!(out, "  in the index as {l}")?;
    }
    writeln!(out, "  cited by {}", exactly(p.cited_by, "letter", "letters"))?;
    for c in &p.citing {
        let answers = if c.answers { " (answers it)" } else { "" };
        writeln!(out, "\n  {} · {} · {}{answers}", c.letter, c.date.as_deref().unwrap_or("no date"), c.title)?;
        for s in &c.sentences {
            writeln!(out, "    “{s}”")?;
        }
    }
    if p.citing.len() < p.cited_by {
        writeln!(out, "\n  and {} more letters (--json lists the same {})", p.cited_by - p.citing.len(), p.citing.len())?;
    }
    Ok(())
}

/// `list`: one letter a line: id, date, title, source.
pub fn listed_text(out: &mut impl Write, letters: &[kamerzoek::Listed]) -> io::Result<()> {
    for l in letters {
        writeln!(out, "{}  {}  {}  {}", l.id, l.date.as_deref().unwrap_or("no date   "), l.title, l.source.as_deref().unwrap_or(""))?;
    }
    writeln!(out, "{}", exactly(letters.len(), "letter", "letters"))
}

/// `1 letter`, `2 letters`.
pub fn exactly(n: usize, one: &str, many: &str) -> String {
    count(Count { n, exact: true }, (one, many))
}

/// The files of kinds kamerzoek does not read, counted by extension, the first named.
pub fn unsupported_files(files: &[std::path::PathBuf]) -> String {
    let mut by_kind: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for f in files {
        let kind = f.extension().and_then(|e| e.to_str()).map_or_else(|| "no extension".to_string(), |e| format!(".{}", e.to_lowercase()));
        *by_kind.entry(kind).or_default() += 1;
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let named: Vec<String> = files.iter().take(5).map(|f| f.display().to_string()).collect();
    let more = if files.len() > named.len() { format!(" and {} more", files.len() - named.len()) } else { String::new() };
    format!(
        "not read: {} files of kinds kamerzoek does not read ({}): {}{more}. It reads .pdf, .txt (text extracted from PDF), .jsonl[.gz] and official .xml.",
        files.len(),
        kinds.join(", "),
        named.join(", ")
    )
}

/// A letter's text (`show --text`) with what a query matched marked.
pub fn marked_text(out: &mut impl Write, text: &str, highlights: &[(usize, usize)], color: bool) -> io::Result<()> {
    writeln!(out, "{}", highlighted(text, highlights, color))
}

/// `text` indented by four columns, wrapped with the same indent at `width`.
fn indented(text: &str, width: Option<usize>) -> String {
    match width {
        None => format!("    {text}"),
        Some(w) => textwrap::fill(text, textwrap::Options::new(w).initial_indent("    ").subsequent_indent("    ")),
    }
}

/// `title` cut to `width` columns with `…`.
fn shortened(title: &str, width: usize) -> String {
    if textwrap::core::display_width(title) <= width || width < 2 {
        return title.to_string();
    }
    let mut out = String::new();
    for c in title.chars() {
        if textwrap::core::display_width(&out) + 2 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// A section heading that is the title again (a regulation's title block).
fn repeats_title(section: &str, title: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (section, title) = (fold(section), fold(title));
    !section.is_empty() && (title.starts_with(&section) || section.starts_with(&title))
}

/// The snippet with its highlights marked: colour on a terminal, `[…]` otherwise.
fn highlighted(snippet: &str, highlights: &[(usize, usize)], color: bool) -> String {
    let (open, close) = if color { (MATCH, RESET) } else { ("[", "]") };
    let mut out = String::with_capacity(snippet.len() + highlights.len() * 8);
    let mut at = 0;
    for &(s, e) in highlights {
        let (Some(before), Some(word)) = (snippet.get(at..s), snippet.get(s..e)) else { continue };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        at = e;
    }
    out.push_str(snippet.get(at..).unwrap_or(""));
    out
}

/// A letter's metadata, sections, citations and warnings.
pub fn record_text(out: &mut impl Write, r: &LetterRecord, titles: &Titles, width: Option<usize>) -> io::Result<()> {
    writeln!(out, "{}", width.map_or_else(|| r.title.clone(), |w| textwrap::fill(&r.title, w)))?;
    let date = r.meta.date.map(|d| d.to_string());
    let fields = [
        ("id", Some(r.id.as_str())),
        ("date", date.as_deref()),
        ("subject", r.meta.subject.as_deref()),
        ("sender", r.meta.sender.as_deref()),
        ("signer", r.meta.signer.as_deref()),
        ("reference", r.meta.reference.as_deref()),
        ("number", r.meta.number.as_deref()),
        ("kamerstuk", r.meta.kamerstuk.as_deref()),
        ("source", r.source.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            let note = if name == "date" && r.meta.date_inferred { " (inferred from the text)" } else { "" };
            writeln!(out, "  {name:<10} {v}{note}")?;
        }
    }
    writeln!(out, "sections ({}; show --text --section N {} prints one)", r.sections.len(), r.id)?;
    for (n, s) in r.sections.iter().enumerate() {
        let line = format!("  {n:>3}  {:>6}..{:<6} {}", s.start, s.end, s.heading.as_deref().unwrap_or("(opening)"));
        writeln!(out, "{}", width.map_or(line.clone(), |w| shortened(&line, w)))?;
    }
    // One line a cited paper, in the order first cited: how often, as first written,
    // the title the letter gives it.
    let mut papers: Vec<(&kamerzoek::CitationRecord, usize, bool)> = Vec::new();
    for c in &r.citations {
        match papers.iter_mut().find(|(p, ..)| p.citation.key == c.citation.key) {
            Some((_, n, answers)) => {
                *n += 1;
                *answers |= c.citation.answers;
            }
            None => papers.push((c, 1, c.citation.answers)),
        }
    }
    writeln!(
        out,
        "citations: {} of {} (show KEY lists who else cites one)",
        exactly(r.citations.len(), "citation", "citations"),
        exactly(papers.len(), "paper", "papers")
    )?;
    for (c, n, answers) in papers {
        let linked = c.letter.as_deref().map(|l| format!("  [in the index as {l}]")).unwrap_or_default();
        let c = &c.citation;
        let times = if n > 1 { format!("{n}× ") } else { String::new() };
        let title = c.title.as_deref().map(|t| format!(" ‘{t}’")).unwrap_or_default();
        let answers = if answers { "  (answered here)" } else { "" };
        writeln!(out, "  {}\n      {times}{}{title}{linked}{answers}", c.key, c.text.split_whitespace().collect::<Vec<_>>().join(" "))?;
    }
    if !r.cited_by.is_empty() {
        writeln!(out, "cited by {}", exactly(r.cited_by.len(), "letter", "letters"))?;
        write!(out, "{}", titled(&r.cited_by, titles, LISTED, width))?;
    }
    if !r.warnings.is_empty() {
        writeln!(out, "warnings ({})", r.warnings.len())?;
        for w in &r.warnings {
            writeln!(out, "  {w}")?;
        }
    }
    Ok(())
}

/// Counts and size.
pub fn stats_text(out: &mut impl Write, s: &Stats, path: Option<&Path>) -> io::Result<()> {
    if let Some(p) = path {
        writeln!(out, "index           {}", p.display())?;
    }
    writeln!(out, "letters         {}", s.letters)?;
    writeln!(out, "sections        {}", s.sections)?;
    writeln!(out, "segments        {}", s.segments)?;
    writeln!(out, "size on disk    {:.1} KiB", s.size_bytes as f64 / 1024.0)?;
    writeln!(out, "schema version  {}", s.schema_version)
}

/// `stats --space`: one line per field and part, with its share of the index.
pub fn space_text(out: &mut impl Write, lines: &[kamerzoek::Space], total: u64) -> io::Result<()> {
    writeln!(out, "\n{:>10}  {:>6}  {:<10} field", "MiB", "share", "part")?;
    for l in lines {
        let share = if total > 0 { 100.0 * l.bytes as f64 / total as f64 } else { 0.0 };
        writeln!(out, "{:>10.1}  {:>5.1}%  {:<10} {}", l.bytes as f64 / (1024.0 * 1024.0), share, l.part, l.field)?;
    }
    Ok(())
}

/// A query error with the query and a caret under the position.
pub fn query_error(query: &str, position: usize, message: &str) -> String {
    let column = query.get(..position.min(query.len())).map(|p| p.chars().count()).unwrap_or(0);
    format!("invalid query at position {position}: {message}\n  {query}\n  {}^", " ".repeat(column))
}

/// `analyze --citations`: one object per citation (see [`citation_json`]).
pub fn citations_json(out: &mut impl Write, found: &[Citation]) -> io::Result<()> {
    for c in found {
        serde_json::to_writer(&mut *out, &citation_json(c))?;
        writeln!(out)?;
    }
    Ok(())
}

/// One citation as `analyze --citations` and `POST /api/analyze` give it: `id` (the
/// key), `text`, `start`, `end`, `kind`, `partial`, `answers`.
pub(crate) fn citation_json(c: &Citation) -> serde_json::Value {
    serde_json::json!({
        "id": c.key,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "kind": c.kind,
        "partial": c.partial,
        "answers": c.answers,
    })
}

/// An evaluation or benchmark report as a few readable lines.
pub fn report_text(out: &mut impl Write, r: &super::measure::Report) -> io::Result<()> {
    writeln!(out, "{} {} on {} ({} documents, {} queries)", r.engine, r.mode, r.corpus, r.docs, r.queries)?;
    writeln!(
        out,
        "  index   {:.1} s, {:.0} docs/s, {:.1} MB/s, {:.1} MB on disk, peak RSS {:.0} MiB",
        r.index_s,
        r.docs_per_s,
        r.mb_per_s,
        r.index_bytes as f64 / 1e6,
        r.peak_rss_mb.unwrap_or(f64::NAN)
    )?;
    if let (Some(m), Some(n), Some(r10), Some(r100)) = (r.mrr10, r.ndcg10, r.recall10, r.recall100) {
        writeln!(out, "  quality MRR@10 {m:.4}  nDCG@10 {n:.4}  R@10 {r10:.4}  R@100 {r100:.4}")?;
    }
    if let (Some(p50), Some(p95), Some(p99)) = (r.p50_ms, r.p95_ms, r.p99_ms) {
        writeln!(out, "  latency p50 {p50:.3} ms  p95 {p95:.3} ms  p99 {p99:.3} ms")?;
    }
    Ok(())
}

/// The latencies of the query kinds beyond the peers' free-text set.
pub fn latency_text(out: &mut impl Write, r: &super::measure::BenchReport) -> io::Result<()> {
    let kinds = [
        ("syntax, no snippets", &r.syntax),
        ("syntax, snippets", &r.syntax_snippets),
        ("sections, snippets", &r.sections_snippets),
        ("cited papers", &r.citations),
    ];
    for (name, l) in kinds {
        writeln!(out, "  {name:<20} p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  ({} queries)", l.p50_ms, l.p95_ms, l.p99_ms, l.queries)?;
    }
    Ok(())
}
