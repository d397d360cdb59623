//! The commands: arguments in, library calls, output out.

mod args;
mod eval;
mod measure;
pub(crate) mod output;
mod pages;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kamerzoek::ingest::{self, IndexOptions, Progress};
use kamerzoek::{Analysis, Error, LetterIndex, Matching, Scope, SearchOptions, Sort};

use args::{ColorArg, Command, IndexLocation, Opts, ScopeArg, SortArg};

/// The letters that ship with kamerzoek, indexed on first use.
const BUNDLED_CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

/// Runs the command line; the exit code is 0 on hits, 1 when a search found nothing.
pub fn run() -> anyhow::Result<ExitCode> {
    let opts = Opts::parse_from(exclusions_last(std::env::args_os().collect()));
    match opts.command {
        Command::Index(a) => {
            if let Some(missing) = a.paths.iter().find(|p| !p.exists()) {
                anyhow::bail!("{}: no such file or directory; nothing was indexed", missing.display());
            }
            let dir = index_dir(&a.location)?;
            let options = IndexOptions {
                strict: a.strict,
                sync: a.sync,
                commit_every: std::time::Duration::from_secs_f64(a.commit_every),
                heap_bytes: (a.heap as usize) << 20,
            };
            let summary = if a.rebuild { rebuild(&dir, &a.paths, &options)? } else { build(&LetterIndex::open_or_create(&dir)?, &a.paths, &options)? };
            Ok(if summary.skipped.is_empty() && summary.unsupported.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Search(a) => {
            let index = open(&a.location)?;
            let options = SearchOptions {
                scope: match a.scope {
                    ScopeArg::Letters | ScopeArg::Citations => Scope::Letters,
                    ScopeArg::Sections => Scope::Sections,
                },
                sort: match a.sort {
                    SortArg::Relevance => Sort::Relevance,
                    SortArg::Date => Sort::Date,
                },
                matching: match (a.all, a.any) {
                    (true, _) => Matching::All,
                    (_, true) => Matching::Any,
                    _ => Matching::Auto,
                },
                limit: a.limit as usize,
                offset: a.offset as usize,
                from: a.from.as_deref().map(|d| parse_day("--from", d)).transpose()?,
                to: a.to.as_deref().map(|d| parse_day("--to", d)).transpose()?,
                keep_undated: !a.dated,
                ..SearchOptions::default()
            };
            if let (Some(from), Some(to)) = (options.from, options.to) {
                if from > to {
                    anyhow::bail!("--from {from} is after --to {to}: no letter can be in that range; swap them");
                }
            }
            let query = a.query.join(" ");
            let located = |e: Error| match e {
                Error::Query { position, message } => anyhow::anyhow!("{}", output::query_error(&query, position, &message)),
                other => other.into(),
            };
            let mut out = std::io::stdout().lock();
            let found = if matches!(a.scope, ScopeArg::Citations) {
                let hits = index.search_citations(&query, &options).map_err(located)?;
                if a.json {
                    output::lines_json(&mut out, &hits)?;
                } else {
                    output::cited_text(&mut out, &hits, use_color(a.color))?;
                }
                hits.len()
            } else {
                let found = index.search(&query, &options).map_err(located)?;
                if a.json {
                    output::hits_json(&mut out, &found)?;
                } else {
                    output::hits_text(&mut out, &found, &options, use_color(a.color), wrap_width(a.width))?;
                }
                found.len()
            };
            out.flush()?;
            if found == 0 {
                if let Some(hint) = operator_hint(&query) {
                    eprintln!("{hint}");
                }
            }
            Ok(if found == 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Command::Show(a) => {
            let index = open(&a.location)?;
            let (record, body) = match index.letter(&a.letter) {
                Err(Error::UnknownLetter(_)) => match unknown_letter(&index, &a.letter)? {
                    Shown::Letter(id) => index.letter(&id)?,
                    Shown::Paper(paper) => {
                        let mut out = std::io::stdout().lock();
                        match a.json {
                            true => {
                                serde_json::to_writer_pretty(&mut out, &paper)?;
                                writeln!(out)?;
                            }
                            false => output::cited_paper_text(&mut out, &paper)?,
                        }
                        return Ok(ExitCode::SUCCESS);
                    }
                },
                other => other?,
            };
            let mut out = std::io::stdout().lock();
            if a.text {
                let (start, end) = match a.section {
                    None => (0, body.len()),
                    Some(n) => match record.sections.get(n) {
                        Some(s) => (s.start, s.end),
                        None => anyhow::bail!("letter {} has {} sections, numbered from 0; there is no section {n}", record.id, record.sections.len()),
                    },
                };
                let text = body.get(start..end).unwrap_or_default();
                let query = a.query.as_deref().unwrap_or("").trim();
                let highlights = match query.is_empty() {
                    true => Vec::new(),
                    false => index.highlights(query, text).map_err(|e| match e {
                        Error::Query { position, message } => anyhow::anyhow!("{}", output::query_error(query, position, &message)),
                        other => other.into(),
                    })?,
                };
                if a.json {
                    let heading = a.section.and_then(|n| record.sections.get(n)).and_then(|s| s.heading.clone());
                    let line = serde_json::json!({"id": record.id, "title": record.title, "section": a.section, "heading": heading, "start": start, "end": end, "text": text, "highlights": highlights});
                    serde_json::to_writer_pretty(&mut out, &line)?;
                    writeln!(out)?;
                } else {
                    output::marked_text(&mut out, text, &highlights, use_color(a.color))?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            if a.json {
                serde_json::to_writer_pretty(&mut out, &record)?;
                writeln!(out)?;
            } else {
                output::record_text(&mut out, &record, &titles_of(&index, &record.cited_by)?, wrap_width(None))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Query => {
            println!("{}", args::QUERY_LANGUAGE);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Opts::command(), "kamerzoek", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Manpage => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Opts::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::List(a) => {
            let index = open(&a.location)?;
            let letters = index.list()?;
            let mut out = std::io::stdout().lock();
            match a.json {
                true => output::lines_json(&mut out, &letters)?,
                false => output::listed_text(&mut out, &letters)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove(a) => {
            let dir = index_dir(&a.location)?;
            let index = LetterIndex::open(&dir)?;
            let missing = index.remove(&a.letters)?;
            for id in &missing {
                eprintln!("kamerzoek: no letter {id:?} in {}; nothing removed for it", dir.display());
            }
            eprintln!("removed {} from {}", output::exactly(a.letters.len() - missing.len(), "letter", "letters"), dir.display());
            Ok(if missing.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Serve(a) => {
            let index = open(&a.location)?;
            let limits = crate::serve::Limits {
                timeout: std::time::Duration::from_secs(a.timeout.max(1)),
                header_timeout: std::time::Duration::from_secs(a.header_timeout.max(1)),
                ..crate::serve::Limits::default()
            };
            crate::serve::run(index, a.bind, limits, |at| {
                eprintln!("kamerzoek: serving http://{at}/ (the API under /api); Ctrl-C stops");
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze(a) => {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).context("cannot read text from stdin")?;
            let mut out = std::io::stdout().lock();
            if a.what.tokens {
                for token in kamerzoek::analyze(&text, if a.exact { Analysis::Exact } else { Analysis::Dutch }) {
                    serde_json::to_writer(&mut out, &token)?;
                    writeln!(out)?;
                }
            } else {
                output::citations_json(&mut out, &kamerzoek::extract_citations(&text))?;
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Citations(a) => {
            let index = open(&a.location)?;
            let mut out = std::io::stdout().lock();
            if a.commitments {
                let all = index.commitments()?;
                match a.json {
                    true => output::lines_json(&mut out, &all)?,
                    false => output::commitments_text(&mut out, &all)?,
                }
                return Ok(ExitCode::SUCCESS);
            }
            let top = index.most_cited(a.top)?;
            if a.json {
                output::lines_json(&mut out, &top)?;
            } else {
                let citing: Vec<String> = top.iter().flat_map(|m| m.cited_by.iter().cloned()).collect();
                output::most_cited_text(&mut out, &top, &titles_of(&index, &citing)?, wrap_width(None))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(a) => {
            let report = measure::eval(&a)?;
            let mut out = std::io::stdout().lock();
            if a.on.json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                output::report_text(&mut out, &report)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(a) => {
            let report = measure::bench(&a)?;
            let mut out = std::io::stdout().lock();
            if a.on.json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                output::report_text(&mut out, &report.peer)?;
                output::latency_text(&mut out, &report)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats(a) => {
            let index = open(&a.location)?;
            let stats = index.stats()?;
            let space = if a.space { Some(index.space()?) } else { None };
            let mut out = std::io::stdout().lock();
            if a.json {
                let mut value = serde_json::to_value(&stats)?;
                if let Some(space) = &space {
                    value["space"] = serde_json::to_value(space)?;
                }
                serde_json::to_writer(&mut out, &value)?;
                writeln!(out)?;
            } else {
                output::stats_text(&mut out, &stats, index.path())?;
                if let Some(space) = &space {
                    output::space_text(&mut out, space, stats.size_bytes)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The titles of the letters `ids`, read from the index's columns.
fn titles_of(index: &LetterIndex, ids: &[String]) -> anyhow::Result<output::Titles> {
    if ids.is_empty() {
        return Ok(output::Titles::new());
    }
    let wanted: std::collections::HashSet<&String> = ids.iter().collect();
    Ok(index.list()?.into_iter().filter(|l| wanted.contains(&l.id)).map(|l| (l.id, l.title)).collect())
}

/// What `show X` shows when no letter has id `X`.
enum Shown {
    /// The one letter whose id starts with `X`.
    Letter(String),
    /// The cited paper `X` (a key or a citation however written).
    Paper(kamerzoek::CitedPaper),
}

/// `show 002` (an id's unambiguous start) or `show kst-33763-176` (a cited paper);
/// else the error says what was tried.
fn unknown_letter(index: &LetterIndex, asked: &str) -> anyhow::Result<Shown> {
    let ids: Vec<String> = index.list()?.into_iter().map(|l| l.id).filter(|id| id.starts_with(asked)).collect();
    if let [one] = ids.as_slice() {
        return Ok(Shown::Letter(one.clone()));
    }
    if let Some(paper) = index.cited_paper(asked, 100)? {
        return Ok(Shown::Paper(paper));
    }
    match ids.len() {
        0 => anyhow::bail!("no letter with id {asked:?} in the index, and no letter cites it; `kamerzoek list` lists the ids"),
        n => {
            anyhow::bail!("{n} letters have ids starting with {asked:?} ({}); give more of the id", ids.iter().take(5).cloned().collect::<Vec<_>>().join(", "))
        }
    }
}

/// `kamerzoek search defensie -remotie --limit 5`: a word of the query that starts with
/// `-` (an exclusion) is no option, so it is moved after a `--` at the end, where the
/// command line takes it as a word of the query. The order of a query's words does
/// not change what it means once it has an exclusion (every clause must hold).
fn exclusions_last(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let command = Opts::command();
    // The subcommand: the first word after the options before it (`--index DIR`).
    let mut at = 1;
    while args.get(at).and_then(|a| a.to_str()).is_some_and(|a| a.starts_with('-')) {
        at += if args[at] == "--index" { 2 } else { 1 };
    }
    if args.get(at).is_none_or(|a| a != "search") {
        return args;
    }
    let Some(search) = command.find_subcommand("search") else { return args };
    let known = |arg: &str| -> Option<bool> {
        let name = arg.split('=').next().unwrap_or(arg);
        let takes = |a: &clap::Arg| a.get_action().takes_values() && !arg.contains('=');
        if name == "-h" || name == "--help" {
            return Some(false);
        }
        search.get_arguments().chain(command.get_arguments()).find_map(|a| {
            let long = a.get_long().is_some_and(|l| name.strip_prefix("--") == Some(l));
            let short = a.get_short().is_some_and(|s| name.len() == 2 && name.strip_prefix('-') == Some(s.to_string().as_str()));
            (long || short).then(|| takes(a))
        })
    };
    let mut kept: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut moved = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let Some(text) = arg.to_str() else {
            kept.push(arg.clone());
            continue;
        };
        if text == "--" {
            kept.push(arg.clone());
            kept.extend(rest.cloned());
            break;
        }
        let word = text.len() > 1 && text.starts_with('-') && !text.starts_with("--") && text[1..].chars().next().is_some_and(char::is_alphanumeric);
        match known(text) {
            Some(takes_value) => {
                kept.push(arg.clone());
                if takes_value {
                    kept.extend(rest.next().cloned());
                }
            }
            None if word => moved.push(arg.clone()),
            None => kept.push(arg.clone()),
        }
    }
    if !moved.is_empty() {
        if !kept.iter().any(|a| a == "--") {
            kept.push("--".into());
        }
        kept.extend(moved);
    }
    kept
}

/// The index directory: `--index`, else `$KAMERZOEK_INDEX`, else the user's data directory.
fn index_dir(location: &IndexLocation) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &location.index {
        return Ok(dir.clone());
    }
    default_index_dir()
}

fn default_index_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("KAMERZOEK_INDEX").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    Ok(data_dir()?.join("index"))
}

/// `$XDG_DATA_HOME/kamerzoek`, else `~/.local/share/kamerzoek`.
fn data_dir() -> anyhow::Result<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .context("cannot choose an index directory: set KAMERZOEK_INDEX or pass --index DIR")?;
    Ok(data.join("kamerzoek"))
}

/// Opens the index. Without `--index`, and before `kamerzoek index` has made the
/// user's own, the bundled sample letters are searched: from an index of their own
/// (`…/kamerzoek/sample`), built on first use, so that they never mix with the user's
/// letters.
fn open(location: &IndexLocation) -> anyhow::Result<LetterIndex> {
    let dir = index_dir(location)?;
    match LetterIndex::open(&dir) {
        Err(Error::NoIndex { .. }) if location.index.is_none() && Path::new(BUNDLED_CORPUS).is_dir() => {
            let sample = data_dir()?.join("sample");
            match LetterIndex::open(&sample) {
                Err(Error::NoIndex { .. }) => {
                    eprintln!("kamerzoek: no index of your own yet ({}): building one of the bundled sample letters in {}", dir.display(), sample.display());
                    let index = LetterIndex::create(&sample)?;
                    build(&index, &[PathBuf::from(BUNDLED_CORPUS)], &IndexOptions::default())?;
                    Ok(index)
                }
                opened => {
                    eprintln!("kamerzoek: searching the bundled sample letters (`kamerzoek index DIR` makes an index of your own in {})", dir.display());
                    Ok(opened?)
                }
            }
        }
        other => Ok(other?),
    }
}

/// Builds a new index beside `dir` and swaps it in only when it is complete, so an
/// interrupted rebuild leaves the old index as it was. The old index's writer lock is
/// held meanwhile, so no other run writes to what is about to be replaced.
fn rebuild(dir: &Path, paths: &[PathBuf], options: &IndexOptions) -> anyhow::Result<ingest::Summary> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "index".into());
    let fresh = dir.with_file_name(format!("{name}.rebuild"));
    let old = dir.with_file_name(format!("{name}.old"));
    let guard = match LetterIndex::open(dir) {
        Ok(index) => Some(index.writer()?),
        Err(Error::NoIndex { .. } | Error::SchemaVersion { .. } | Error::Incompatible { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    for leftover in [&fresh, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover).with_context(|| format!("cannot delete {}", leftover.display()))?;
        }
    }
    let summary = build(&LetterIndex::create(&fresh)?, paths, options)?;
    drop(guard);
    if dir.exists() {
        std::fs::rename(dir, &old).with_context(|| format!("cannot move {} aside", dir.display()))?;
    }
    std::fs::rename(&fresh, dir).with_context(|| format!("cannot move {} to {}", fresh.display(), dir.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).with_context(|| format!("cannot delete the old index {}", old.display()))?;
    }
    Ok(summary)
}

/// Indexes `paths` with a progress bar (on a terminal) and prints a summary.
fn build(index: &LetterIndex, paths: &[PathBuf], options: &IndexOptions) -> anyhow::Result<ingest::Summary> {
    let bar = ProgressBar::with_draw_target(None, progress_target());
    bar.set_style(ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {msg} {eta}").expect("valid template"));
    let mut letters = 0u64;
    let _pages = pages::small_pages();
    let summary = ingest::index_paths(index, paths, options, &mut |event| match event {
        Progress::Found { files } => bar.set_length(files as u64),
        Progress::Indexed { letter } => {
            letters += 1;
            if letters.is_multiple_of(256) {
                bar.set_message(format!("{letters} letters"));
            }
            for w in &letter.warnings {
                bar.suspend(|| eprintln!("warning: {}: {w}", letter.id));
            }
        }
        Progress::Skipped { reason, .. } => bar.suspend(|| eprintln!("skipped: {reason}")),
        Progress::FileDone { .. } => bar.inc(1),
    })?;
    bar.finish_and_clear();
    let mut line = format!(
        "indexed {} ({}, {}) in {:.2} s",
        output::exactly(summary.letters(), "letter", "letters"),
        output::exactly(summary.sections, "section", "sections"),
        output::exactly(summary.warnings, "warning", "warnings"),
        summary.elapsed.as_secs_f64()
    );
    for (n, what) in [(summary.updated, "updated"), (summary.unchanged, "unchanged"), (summary.removed, "removed")] {
        if n > 0 {
            line.push_str(&format!("; {n} {what}"));
        }
    }
    if !summary.skipped.is_empty() {
        let kinds: Vec<String> = summary.skipped_by_kind.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        line.push_str(&format!("; skipped {} (listed above: {})", output::exactly(summary.skipped.len(), "input", "inputs"), kinds.join(", ")));
    }
    if !summary.unsupported.is_empty() {
        eprintln!("{}", output::unsupported_files(&summary.unsupported));
        line.push_str(&format!("; left {} files of other kinds alone", summary.unsupported.len()));
    }
    eprintln!("{line}");
    Ok(summary)
}

/// The width to wrap hits at: `--width` (0: none), else the terminal's when stdout
/// is one, else none.
fn wrap_width(asked: Option<usize>) -> Option<usize> {
    match asked {
        Some(0) => None,
        Some(w) => Some(w.max(40)),
        None => std::io::stdout().is_terminal().then(textwrap::termwidth),
    }
}

pub(crate) fn progress_target() -> ProgressDrawTarget {
    if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

fn use_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal(),
    }
}

/// `--from`/`--to`: a year, month or day as `date:` takes them (`2020`, `2020-06`,
/// `2020-06-01`); the first day of the period for `--from`, the last for `--to`.
fn parse_day(flag: &str, text: &str) -> anyhow::Result<time::Date> {
    let bad = || anyhow::anyhow!("{flag} {text:?}: expected a year, month or day: 2020, 2020-06 or 2020-06-01");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, digits: usize| (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u16>().ok()).flatten();
    let year = parts.first().and_then(|y| number(y, 4)).ok_or_else(bad)? as i32;
    let month = match parts.get(1) {
        Some(m) => Some(number(m, 2).and_then(|m| time::Month::try_from(m as u8).ok()).ok_or_else(bad)?),
        None => None,
    };
    let day = match parts.get(2) {
        Some(d) => Some(number(d, 2).ok_or_else(bad)? as u8),
        None => None,
    };
    if parts.len() > 3 {
        return Err(bad());
    }
    let last = flag == "--to";
    let month = month.unwrap_or(if last { time::Month::December } else { time::Month::January });
    let day = day.unwrap_or(if last { month.length(year) } else { 1 });
    time::Date::from_calendar_date(year, month, day).map_err(|e| anyhow::anyhow!("{flag} {text:?}: {e}"))
}

/// A query with syntax that found nothing and holds a lower-case operator
/// (`title:remotie or title:reservisten`): the query as it was probably meant.
fn operator_hint(query: &str) -> Option<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    let mut changed = false;
    let meant: Vec<&str> = words
        .iter()
        .enumerate()
        .map(|(i, w)| match (*w, i > 0 && i + 1 < words.len()) {
            ("or" | "|" | "||" | "of", true) => {
                changed = true;
                "OR"
            }
            ("and" | "&" | "&&" | "en", true) => {
                changed = true;
                "AND"
            }
            _ => w,
        })
        .collect();
    changed.then(|| format!("hint: operators are upper case; did you mean `{}`?", meant.join(" ")))
}
