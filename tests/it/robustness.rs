//! Robustness: kamerzoek never loses an index and never crashes, whatever it is given.
//!
//! | module | what it checks |
//! |---|---|
//! | [`bad_inputs`] | each kind of bad input file, indexed through the command line beside good letters: exit status, a reason naming the file (and line or offset), the good letters searchable, the summary counts; `--strict` |
//! | [`hostile`] | pathological queries through the command line: a clear error or an answer |
//! | [`fuzz`] | property tests over search, letter parsing, citations, XML and JSON Lines: no panic, offsets inside the text, query errors inside the query |
//! | [`crash`] | `kill -9` of indexing runs (the binary, and the library committing every few ms): the index opens, answers, and a re-run completes it exactly |
//! | [`incremental`] | re-runs add new letters, re-index changed ones, skip unchanged ones; `--sync` removes exactly the letters whose files are gone |
//! | [`concurrency`] | a second writer is refused at once with who holds the lock; searches keep answering while another process commits |
//! | [`versioning`] | the committed index of schema version 1 opens; an index of another version is refused and left alone |
//!
//! The fuzz targets run 64 cases each by default. For a long run, in release:
//!
//! ```text
//! PROPTEST_CASES=20000 cargo test --release --test it robustness::fuzz:: -- --test-threads=2
//! ```
//!
//! or `scripts/fuzz`, which times each target. `scripts/crash-trials` kills many more
//! indexing runs than the tests do.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::util;
use crate::util::{L000, L001, L002};
use tempfile::TempDir;

/// Long enough for a debug build on a busy machine; a run that takes longer hangs.
const HANG: Duration = Duration::from_secs(120);

/// What a `kamerzoek` run gave.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Panics unless the run exited with `code`.
    fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "stderr:\n{}", self.stderr);
        self
    }

    /// Panics unless stderr holds `needle`.
    fn says(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "{needle:?} not in stderr:\n{}", self.stderr);
        self
    }

    /// The summary line says `indexed N letters` and, when some were, how many inputs were skipped.
    fn summary(&self, indexed: usize, skipped: usize) -> &Self {
        self.says(&format!("indexed {indexed} {} (", if indexed == 1 { "letter" } else { "letters" }));
        if skipped > 0 {
            self.says(&format!("; skipped {skipped} {} (listed above: ", if skipped == 1 { "input" } else { "inputs" }));
        } else {
            assert!(!self.stderr.contains("skipped"), "nothing should be skipped:\n{}", self.stderr);
        }
        self
    }
}

/// Runs `kamerzoek ARGS...`, failing the test if it takes longer than [`HANG`].
fn kamerzoek<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out = assert_cmd::Command::cargo_bin("kamerzoek")
        .expect("binary built")
        .args(args)
        .env_remove("KAMERZOEK_INDEX")
        .env("NO_COLOR", "1")
        .timeout(HANG)
        .output()
        .expect("kamerzoek runs");
    Run { code: out.status.code(), stdout: String::from_utf8_lossy(&out.stdout).into_owned(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

fn seed_text(id: &str) -> String {
    fs::read_to_string(util::corpus().join(format!("{id}.txt"))).expect("seed letter")
}

/// A directory `letters/` holding two good seed letters (writable copies), and where
/// the index goes.
struct Workspace {
    dir: TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let ws = Workspace { dir: tempfile::tempdir().expect("temp dir") };
        for id in [L000, L002] {
            ws.put(&format!("{id}.txt"), seed_text(id));
        }
        ws
    }

    fn letters(&self) -> PathBuf {
        self.dir.path().join("letters")
    }

    fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes `bytes` to `letters/NAME`.
    fn put(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.letters().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, bytes).expect("write input");
        path
    }

    /// `kamerzoek index --index DIR FLAGS... letters/`.
    fn index(&self, flags: &[&str]) -> Run {
        self.index_paths(flags, &[self.letters()])
    }

    fn index_paths(&self, flags: &[&str], paths: &[PathBuf]) -> Run {
        let mut args: Vec<std::ffi::OsString> = vec!["index".into(), "--index".into(), self.index_dir().into()];
        args.extend(flags.iter().map(Into::into));
        args.extend(paths.iter().map(Into::into));
        kamerzoek(&args)
    }

    /// `kamerzoek SUBCOMMAND --index DIR ARGS...`.
    fn run(&self, subcommand: &str, args: &[&str]) -> Run {
        let mut all: Vec<std::ffi::OsString> = vec![subcommand.into(), "--index".into(), self.index_dir().into()];
        all.extend(args.iter().map(Into::into));
        kamerzoek(&all)
    }

    /// How many letters `stats` counts (the index must open).
    fn letter_count(&self) -> u64 {
        let run = self.run("stats", &["--json"]);
        run.expect_code(0);
        let stats: serde_json::Value = serde_json::from_str(&run.stdout).expect("stats JSON");
        stats["letters"].as_u64().expect("letters")
    }

    /// The letter ids a search finds (up to 100).
    fn search(&self, query: &str) -> Vec<String> {
        // Every word must match: these tests ask which letters hold a word.
        let run = self.run("search", &["--json", "--all", "-n", "100", "--", query]);
        assert!(matches!(run.code, Some(0 | 1)), "search {query:?} failed: {}", run.stderr);
        run.stdout.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON hit")["letter"].as_str().expect("id").to_string()).collect()
    }

    fn assert_good_letters_searchable(&self) {
        assert_eq!(self.search("subject:remotie"), [L000]);
        assert_eq!(self.search("\"verzuimende medewerkers\"~3"), [L002]);
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
}

/// A directory of `copies` copies of each seed letter under new ids, big enough that
/// indexing it takes seconds in a debug build. Returns the letter and section counts.
fn copy_corpus(dir: &Path, copies: usize) -> (u64, u64) {
    fs::create_dir_all(dir).expect("mkdir");
    let mut sections = 0;
    let mut letters = 0;
    for entry in fs::read_dir(util::corpus()).expect("corpus") {
        let path = entry.expect("entry").path();
        let text = fs::read(&path).expect("seed");
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let per_copy = kamerzoek::ingest::read_letter(&path).expect("seed parses").sections.len() as u64;
        for i in 0..copies {
            fs::write(dir.join(format!("{stem}-copy{i}.txt")), &text).expect("write copy");
            letters += 1;
            sections += per_copy;
        }
    }
    (letters, sections)
}

mod bad_inputs;
mod concurrency;
mod crash;
mod fuzz;
mod hostile;
mod incremental;
mod storage;
mod versioning;
