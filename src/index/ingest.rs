//! Ingestion: finding the input files under the paths a user names, parsing them into
//! letters, and writing those into the index.
//!
//! - One bad file, or one bad line of a JSON Lines file, is reported and skipped; it
//!   never stops the run (unless [`IndexOptions::strict`]).
//! - Runs are incremental: each letter is recorded with a hash of its content and its
//!   source file, so a re-run skips unchanged letters, replaces changed ones and, with
//!   [`IndexOptions::sync`], removes letters whose files (or lines) are gone.
//! - The index is committed every [`IndexOptions::commit_every`], so a run that is
//!   killed leaves the index as of its last commit, and a re-run picks up from there.
//! - Reading runs on its own thread; parsing, analysis and making the documents on one
//!   worker per core; the writer, in input order, only adds the documents.

pub use crate::index::Known;
#[cfg(feature = "pdf")]
pub use crate::parse::formats::PDF_TIME_LIMIT;
pub use crate::parse::formats::{parse_official_xml, read_json_lines, JsonLines, SkipKind, SourceError, PDF_THREAD_NAME};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use xxhash_rust::xxh3::Xxh3;

use crate::index::documents::{DocumentMaker, LetterDocuments};
use crate::index::{LetterIndex, Provenance};
use crate::parse::formats::{self, Format};
use crate::parse::{self, Letter};
use crate::{Error, Result};

/// How to run an indexing job.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Stop at the first file or document that cannot be indexed.
    pub strict: bool,
    /// Remove letters that came from the given paths but are no longer there. A file
    /// that is there but cannot be read (or has a bad line) removes none of its letters.
    pub sync: bool,
    /// Commit at least this often, so an interrupted run loses little. Each commit
    /// stops the writer until every indexing thread has written its segment, and
    /// makes more segments to merge: on the regulations (about 40 s), committing every
    /// 10 s took 42-45 s and 71-76 CPU-s, only at the end 39-40 s and 69-70 CPU-s.
    pub commit_every: Duration,
    /// The index writer's memory budget: it writes a segment whenever it fills, so a
    /// larger budget makes fewer segments to merge (measured on the regulations: 256
    /// MiB, 53 s and 1.0 GB peak with the merging; 1 GiB, 38 s and 0.7 GB). Peak
    /// memory is about the budget plus 0.5 GiB once the budget fills.
    pub heap_bytes: usize,
}

/// The default writer memory budget, in MiB: the regulations still make one segment
/// (15.8 / 16.6 s against 17.6 / 18.2 s with 1 GiB), and four times them peak at
/// 1,348 MiB (1,524 MiB with 1 GiB).
pub const DEFAULT_HEAP_MIB: u32 = 768;

/// The default of [`IndexOptions::commit_every`], in seconds.
pub const DEFAULT_COMMIT_SECS: f64 = 60.0;

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions { strict: false, sync: false, commit_every: Duration::from_secs_f64(DEFAULT_COMMIT_SECS), heap_bytes: (DEFAULT_HEAP_MIB as usize) << 20 }
    }
}

/// What happens during an indexing run, for progress displays.
#[derive(Debug)]
pub enum Progress<'a> {
    /// The files to read have been found.
    Found {
        /// How many.
        files: usize,
    },
    /// A letter was added (new or changed).
    Indexed {
        /// The letter.
        letter: &'a Letter,
    },
    /// A file has been read to its end.
    FileDone {
        /// The file.
        path: &'a Path,
    },
    /// A file, or one document in it, was skipped.
    Skipped {
        /// The file.
        path: &'a Path,
        /// Why, naming the file (and line or offset where known).
        reason: &'a str,
    },
}

/// The outcome of an indexing run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Letters new to the index.
    pub added: usize,
    /// Letters whose content changed, re-indexed.
    pub updated: usize,
    /// Letters already in the index with the same content, left alone.
    pub unchanged: usize,
    /// Letters removed because their source is gone (`sync`).
    pub removed: usize,
    /// Sections of the letters added or updated.
    pub sections: usize,
    /// Parser warnings over the letters added or updated.
    pub warnings: usize,
    /// Files or documents skipped, with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// How many were skipped, by kind of reason.
    pub skipped_by_kind: BTreeMap<SkipKind, usize>,
    /// Files found in the folders given whose kind kamerzoek does not read (by name:
    /// not `.pdf`, `.txt`, `.jsonl[.gz]`, `.ndjson[.gz]`, `.json.gz` or `.xml`), left alone.
    pub unsupported: Vec<PathBuf>,
    /// Commits made.
    pub commits: usize,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    /// Letters written in this run (added or updated).
    pub fn letters(&self) -> usize {
        self.added + self.updated
    }
}

/// The files under `paths` that kamerzoek reads, in a reproducible order.
pub(crate) struct Found {
    pub(crate) files: Vec<PathBuf>,
    /// Paths that could not be walked, with why.
    pub(crate) problems: Vec<(PathBuf, String)>,
    /// Files in the folders whose kind kamerzoek does not read.
    pub(crate) unsupported: Vec<PathBuf>,
}

/// Lists the files under `paths` that kamerzoek reads (see [`formats::detect`]): files
/// named on the command line are taken whatever their name (as plain text when the
/// name says nothing), directories are walked (following links; a link loop is
/// reported, not followed), and the files in them of other kinds are listed apart.
pub(crate) fn letter_files(paths: &[PathBuf]) -> Found {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut unsupported = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            problems.push((path.clone(), format!("{}: no such file or directory", path.display())));
            continue;
        }
        if !path.is_dir() {
            // A FIFO would block the run on its first read; a device or socket is no letter.
            problems.push((path.clone(), format!("{}: not a regular file or directory (a FIFO, socket or device)", path.display())));
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && formats::detect(e.path()).is_some() => files.push(e.into_path()),
                Ok(e) if e.file_type().is_file() => unsupported.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| path.clone());
                    // walkdir's own message repeats the path of an I/O error.
                    let why = match (e.loop_ancestor(), e.io_error()) {
                        (None, Some(io)) => io.to_string(),
                        _ => e.to_string(),
                    };
                    problems.push((p.clone(), format!("{}: {why}", p.display())));
                }
            }
        }
    }
    Found { files, problems, unsupported }
}

/// Reads and parses one letter file, plain text or PDF; its id is the file stem.
pub fn read_letter(path: &Path) -> Result<Letter> {
    let bytes = read_letter_file(path).map_err(|(reason, _)| Error::Input { path: path.to_path_buf(), reason })?;
    if is_pdf(formats::detect(path), &bytes) {
        return formats::read_pdf(path, bytes).map_err(|e| Error::Input { path: path.to_path_buf(), reason: e.to_string() });
    }
    letter_of_bytes(path, &bytes)
}

/// The bytes of a file that holds one letter (text, XML or PDF). A file far larger
/// than any letter is not read into memory (a JSON Lines file is streamed, so it has
/// no such bound).
fn read_letter_file(path: &Path) -> std::result::Result<Vec<u8>, (String, SkipKind)> {
    let cannot = |e: std::io::Error| (format!("{}: cannot read: {e}", path.display()), SkipKind::Unreadable);
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > MAX_LETTER_FILE {
        let why = format!("{}: a file of {} MiB, more than the {} MiB kamerzoek reads as one letter", path.display(), size >> 20, MAX_LETTER_FILE >> 20);
        return Err((why, SkipKind::TooLarge));
    }
    std::fs::read(path).map_err(cannot)
}

/// A PDF is one by its name or by its bytes, whatever its name says.
fn is_pdf(format: Option<Format>, bytes: &[u8]) -> bool {
    format == Some(Format::Pdf) || bytes.starts_with(b"%PDF-")
}

/// A plain-text letter from the bytes of its file.
fn letter_of_bytes(path: &Path, bytes: &[u8]) -> Result<Letter> {
    // Displays as `FILE: what`; the caller says what it does about it (skip or stop).
    let invalid =
        |what: &str| Error::Io { context: path.display().to_string(), source: std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string()) };
    if looks_binary(bytes) {
        return Err(invalid("not a text file (it holds NUL bytes)"));
    }
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("letter").to_string();
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(t) => (std::borrow::Cow::Borrowed(t), None),
        Err(e) => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
    };
    if text.trim().is_empty() {
        return Err(invalid("empty file"));
    }
    let mut letter = parse::parse_text(&id, &text);
    if let Some(at) = lossy {
        letter.warnings.push(format!("not valid UTF-8 (first bad byte at offset {at}); undecodable bytes were replaced"));
    }
    Ok(letter)
}

/// Text files do not hold NUL bytes; PDFs, images and archives do, early on.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// What the writer receives, in input order.
enum Item {
    /// A letter and its documents, ready to write.
    Letter(Box<Letter>, Provenance, LetterDocuments),
    Unchanged(String, PathBuf),
    Problem(PathBuf, String, SkipKind),
    FileDone(PathBuf),
    /// A blank line: nothing.
    Nothing,
}

/// Work for the document makers.
enum Job {
    /// A parsed letter (plain text or XML: parsed in order, as a sitting's items take
    /// their date from earlier ones).
    Letter(Box<Letter>, Provenance),
    /// A line of a JSON Lines file, parsed by the worker.
    Line { path: PathBuf, line: formats::Line, source: Option<PathBuf> },
    /// A PDF file's bytes, read by the worker (reading a PDF's text is the slow part).
    Pdf { path: PathBuf, bytes: Vec<u8>, provenance: Provenance },
}

/// The largest file read as one letter (text, XML or PDF).
pub const MAX_LETTER_FILE: u64 = 256 << 20;

/// Bumped when parsing changes, so re-runs re-index letters whose bytes did not change.
const PARSER_VERSION: &str = concat!("kamerzoek ", env!("CARGO_PKG_VERSION"), " parser 1");

fn hash_bytes(parts: &[&[u8]]) -> String {
    let mut h = Xxh3::new();
    h.update(PARSER_VERSION.as_bytes());
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    format!("{:032x}", h.digest128())
}

/// Indexes every input file under `paths`, committing as it goes and at the end.
pub fn index_paths(index: &LetterIndex, paths: &[PathBuf], options: &IndexOptions, on_progress: &mut dyn FnMut(Progress)) -> Result<Summary> {
    let started = Instant::now();
    // A path that is not there is a mistake in the command, not a bad input: nothing
    // is indexed.
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(Error::Read {
            path: missing.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory; nothing was indexed"),
        });
    }
    let Found { files, problems, unsupported } = letter_files(paths);
    let mut summary = Summary { unsupported, ..Summary::default() };
    for (path, reason) in problems {
        skip(&mut summary, options.strict, on_progress, path, reason, SkipKind::Unreadable)?;
    }
    on_progress(Progress::Found { files: files.len() });
    let known = index.known_letters()?;
    let mut writer = index.writer_with_heap(options.heap_bytes)?;
    // Into an empty index: write segments as they fill and merge them at the end (into
    // one, up to a size), rather than merging as it goes, which merges the same
    // postings again and again.
    let bulk = known.is_empty();
    if bulk {
        writer.without_background_merges();
    }
    // The file each letter id came from in this run: a second letter with the same id
    // would silently replace the first, and the two would take turns on every re-run.
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut last_commit = Instant::now();
    // Parsing and analysis run on one worker per core; the parser thread only reads and
    // hands out work. Each job has a slot of its own, queued in input order, so the
    // writer takes results in the order of the input whichever worker finishes first.
    // The short queues bound memory: letters can be megabytes.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
    let (job_tx, job_rx) = mpsc::sync_channel::<(Job, mpsc::SyncSender<Item>)>(workers);
    let job_rx = Mutex::new(job_rx);
    let (slot_tx, slot_rx) = mpsc::sync_channel::<mpsc::Receiver<Item>>(2 * workers);

    std::thread::scope(|scope| -> Result<()> {
        let known_ref = &known;
        let files_ref = &files;
        scope.spawn(move || parse_all(files_ref, known_ref, &job_tx, &slot_tx));
        for _ in 0..workers {
            let job_rx = &job_rx;
            let fields = index.fields;
            scope.spawn(move || {
                let mut maker = DocumentMaker::new(fields);
                loop {
                    // The lock is held only to take a job, not to do it.
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((job, slot))) = next else { return };
                    // A writer that stopped (`--strict`) no longer listens; that is fine.
                    let _ = slot.send(do_job(job, known_ref, &mut maker));
                }
            });
        }
        for slot in slot_rx {
            // A worker that died (it cannot, short of a bug) closes its slot unfilled.
            let Ok(item) = slot.recv() else { continue };
            match item {
                Item::Letter(letter, provenance, documents) => {
                    let path = provenance.source.clone().unwrap_or_default();
                    if let Some(reason) = claim_id(&mut seen, &letter.id, &path).or_else(|| taken(known.get(&letter.id), &letter.id, &path)) {
                        skip(&mut summary, options.strict, on_progress, path, reason, SkipKind::DuplicateId)?;
                        continue;
                    }
                    let before = known.get(&letter.id);
                    writer.add_documents(documents)?;
                    if before.is_some() {
                        summary.updated += 1;
                    } else {
                        summary.added += 1;
                    }
                    summary.sections += letter.sections.len();
                    summary.warnings += letter.warnings.len();
                    on_progress(Progress::Indexed { letter: &letter });
                }
                Item::Unchanged(id, path) => {
                    if let Some(reason) = claim_id(&mut seen, &id, &path) {
                        skip(&mut summary, options.strict, on_progress, path, reason, SkipKind::DuplicateId)?;
                        continue;
                    }
                    summary.unchanged += 1;
                }
                // Under `strict` the error returns, dropping the slot queue, which stops
                // the parser thread at its next send and then the workers.
                Item::Problem(path, reason, kind) => skip(&mut summary, options.strict, on_progress, path, reason, kind)?,
                Item::FileDone(path) => on_progress(Progress::FileDone { path: &path }),
                Item::Nothing => {}
            }
            if last_commit.elapsed() >= options.commit_every {
                writer.commit()?;
                summary.commits += 1;
                last_commit = Instant::now();
            }
        }
        Ok(())
    })?;

    if options.sync {
        // A file that is still there but could not be read (or not all of it) removes
        // nothing: its letters are not gone, only unreadable this time.
        let troubled: HashSet<PathBuf> = summary.skipped.iter().map(|(p, _)| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())).collect();
        let mut removed = Vec::new();
        for (id, k) in &known {
            let source = Path::new(&k.source);
            if !seen.contains_key(id) && !troubled.contains(source) && under_any(source, paths) {
                removed.push(id);
            }
        }
        summary.removed = removed.len();
        for id in removed {
            writer.delete(id);
        }
    }
    // Merges of at most half the heap budget: memory stays near the budget.
    writer.finish_merging(bulk.then_some(options.heap_bytes as u64 / 2))?;
    summary.commits += 1;
    index.reload()?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Makes a letter's documents, parsing it first when it is a JSON line; a letter whose
/// content hash the index already has is only reported unchanged.
fn do_job(job: Job, known: &HashMap<String, Known>, maker: &mut DocumentMaker) -> Item {
    let (letter, provenance) = match job {
        Job::Letter(letter, provenance) => (letter, provenance),
        Job::Line { path, line, source } => match formats::parse_line(&path, &line) {
            Ok(Some(letter)) => {
                // The line is the letter's source, as a text file's bytes are.
                let hash = hash_bytes(&[&line.bytes]);
                if known.get(&letter.id).is_some_and(|k| k.hash == hash) {
                    return Item::Unchanged(letter.id, path);
                }
                (Box::new(letter), Provenance { source, hash: Some(hash) })
            }
            Ok(None) => return Item::Nothing,
            Err(e) => return Item::Problem(path, e.to_string(), e.kind),
        },
        Job::Pdf { path, bytes, provenance } => match formats::read_pdf(&path, bytes) {
            Ok(letter) => (Box::new(letter), provenance),
            Err(e) => return Item::Problem(path, e.to_string(), e.kind),
        },
    };
    let documents = maker.make(&letter, &provenance);
    Item::Letter(letter, provenance, documents)
}

/// Reads every file in order: queues a slot for each piece of work (in input order, for
/// the writer) and the work itself (for the workers); what needs no work goes straight
/// into its slot. Stops quietly when the writer hangs up (a `--strict` failure).
fn parse_all(
    files: &[PathBuf],
    known: &HashMap<String, Known>,
    jobs: &mpsc::SyncSender<(Job, mpsc::SyncSender<Item>)>,
    slots: &mpsc::SyncSender<mpsc::Receiver<Item>>,
) {
    let done = |item: Item| {
        let (tx, rx) = mpsc::sync_channel(1);
        let _ = tx.send(item);
        slots.send(rx).is_ok()
    };
    let work = |job: Job| {
        let (tx, rx) = mpsc::sync_channel(1);
        slots.send(rx).is_ok() && jobs.send((job, tx)).is_ok()
    };
    // Items of an official sitting (`h-tk-20172018-70-3`) state no date but the first
    // does; the later items take the sitting's date from it.
    let mut sitting_dates: HashMap<String, time::Date> = HashMap::new();
    for path in files {
        // Sources are recorded as absolute paths, so `--sync` recognises them however
        // the paths are given on a later run.
        let source = Some(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
        let ok = match formats::detect(path) {
            Some(Format::JsonLines) => match formats::read_json_lines(path) {
                Ok(mut lines) => loop {
                    match lines.next_line() {
                        None => break true,
                        Some(Ok(line)) => {
                            if !work(Job::Line { path: path.clone(), line, source: source.clone() }) {
                                break false;
                            }
                        }
                        Some(Err(e)) => {
                            if !done(Item::Problem(path.clone(), e.to_string(), e.kind)) {
                                break false;
                            }
                        }
                    }
                },
                Err(e) => done(Item::Problem(path.clone(), e.to_string(), e.kind)),
            },
            format => match read_letter_file(path) {
                Err((reason, kind)) => done(Item::Problem(path.clone(), reason, kind)),
                Ok(bytes) => {
                    let hash = hash_bytes(&[&bytes]);
                    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("letter");
                    if known.get(id).is_some_and(|k| k.hash == hash) {
                        done(Item::Unchanged(id.to_string(), path.clone()))
                    } else {
                        let provenance = Provenance { source: source.clone(), hash: Some(hash) };
                        if is_pdf(format, &bytes) {
                            work(Job::Pdf { path: path.clone(), bytes, provenance })
                        } else {
                            let parsed = match format {
                                Some(Format::OfficialXml) => formats::parse_official_xml(path, &bytes).map_err(|e| (e.to_string(), e.kind)),
                                _ => letter_of_bytes(path, &bytes).map_err(|e| (e.chain(), SkipKind::NotALetter)),
                            };
                            match parsed {
                                Ok(mut letter) => {
                                    date_from_sitting(&mut letter, &mut sitting_dates);
                                    work(Job::Letter(Box::new(letter), provenance))
                                }
                                Err((reason, kind)) => done(Item::Problem(path.clone(), reason, kind)),
                            }
                        }
                    }
                }
            },
        };
        if !ok || !done(Item::FileDone(path.clone())) {
            return;
        }
    }
}

/// Records a file or document that cannot be indexed, or under `strict` stops with it.
fn skip(summary: &mut Summary, strict: bool, on_progress: &mut dyn FnMut(Progress), path: PathBuf, reason: String, kind: SkipKind) -> Result<()> {
    if strict {
        return Err(Error::Input { path, reason });
    }
    on_progress(Progress::Skipped { path: &path, reason: &reason });
    summary.skipped.push((path, reason));
    *summary.skipped_by_kind.entry(kind).or_default() += 1;
    Ok(())
}

/// Records that `id` came from `path` in this run; if another file (or an earlier line of
/// the same file) already gave a letter that id, says why this one is skipped.
fn claim_id(seen: &mut HashMap<String, PathBuf>, id: &str, path: &Path) -> Option<String> {
    match seen.get(id) {
        Some(first) => Some(format!(
            "{}: letter id {id:?} was already read from {}; skipped (ids must be unique: a text file's id is its name without extension, a JSON line's its `id`)",
            path.display(),
            first.display()
        )),
        None => {
            seen.insert(id.to_string(), path.to_path_buf());
            None
        }
    }
}

/// When the index already has a letter `id` from another file that is still there,
/// says why the letter from `path` does not replace it (two folders each with a
/// `brief.txt`). A letter whose file moved replaces the one from where it was.
fn taken(known: Option<&Known>, id: &str, path: &Path) -> Option<String> {
    let before = Path::new(&known?.source);
    let same = |a: &Path, b: &Path| a == b || std::fs::canonicalize(a).ok().zip(std::fs::canonicalize(b).ok()).is_some_and(|(a, b)| a == b);
    if before.as_os_str().is_empty() || same(before, path) || !before.exists() {
        return None;
    }
    Some(format!(
        "{}: letter id {id:?} is already in the index from {}, which is still there; skipped (rename one of the two files, or `kamerzoek remove {id}` first)",
        path.display(),
        before.display()
    ))
}

/// Gives an undated item of an official sitting the date of an earlier item of it.
fn date_from_sitting(letter: &mut Letter, dates: &mut HashMap<String, time::Date>) {
    let Some((sitting, _item)) = letter.id.rsplit_once('-').filter(|(s, _)| s.starts_with("h-")) else { return };
    match letter.meta.date {
        Some(d) => {
            dates.entry(sitting.to_string()).or_insert(d);
        }
        None => {
            if let Some(&d) = dates.get(sitting) {
                letter.meta.date = Some(d);
                letter.meta.date_inferred = true;
                letter.warnings.push(format!("no date stated; took the date of sitting {sitting}"));
            }
        }
    }
}

/// True when `file` lies under one of `paths` (or is one of them).
fn under_any(file: &Path, paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| file.starts_with(p) || std::fs::canonicalize(p).is_ok_and(|c| file.starts_with(c)))
}
